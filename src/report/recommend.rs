//! `recommend` output: the result's [layout](super::layout) as plain text and as Markdown,
//! and its JSON document. Text and Markdown show each section's summary, or with `detail`
//! everything; text is wrapped when it goes to a terminal.

use super::layout::{self, Detail, Entry, Layout, Mark, Section, SectionKind, Tone};
use super::links;
use super::model::{Report, SourceRef};
use super::wrap;
use crate::dataset::{Answers, Dataset, Vocabulary};
use crate::strings;

pub use super::json::result_kind;

/// How a text or Markdown report is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Every section in full, instead of its summary.
    pub detail: bool,
    /// Wrap to this many columns (text only; `None`: one line per paragraph).
    pub width: Option<usize>,
}

impl Options {
    pub fn detail() -> Self {
        Self {
            detail: true,
            width: None,
        }
    }
}

/// A source as plain text, for lines that name one (ADR notes, outcomes).
pub fn source_phrase(s: &SourceRef) -> String {
    links::source_text(s)
}

/// The plain-text summary, unwrapped (as written to a file).
pub fn text(r: &Report) -> String {
    render_text(&layout::build(r), Options::default())
}

/// The summary a face prints when a questionnaire ends (the wizard, the plain mode),
/// wrapped to `width`, ending with the command that shows every detail.
pub fn closing_text(ds: &Dataset, answers: &Answers, r: &Report, width: Option<usize>) -> String {
    let data = ds
        .origin
        .bundled_name()
        .map_or_else(|| ds.origin.to_string(), str::to_owned);
    let more = strings::more_detail_command(&data, &answers.to_ids(ds));
    let opts = Options {
        detail: false,
        width,
    };
    render_text_then(&layout::build(r), opts, &more)
}

/// The plain-text report; a summary ends by saying how to see the rest (`--detail`).
pub fn render_text(l: &Layout, opts: Options) -> String {
    render_text_then(l, opts, strings::MORE_DETAIL)
}

/// The plain-text report; a summary that leaves something out ends with `more`.
pub fn render_text_then(l: &Layout, opts: Options, more: &str) -> String {
    let mut out = Text {
        out: String::new(),
        width: opts.width,
    };
    out.para("", &format!("{} [{}]", l.title, l.dataset));
    out.para("", &l.edition);
    out.blank();
    out.para(tone_mark(l.tone), &l.headline);
    for n in &l.notices {
        out.para("  ", n);
    }
    out.blank();
    for s in &l.sections {
        let entries = s.entries(opts.detail);
        if entries.is_empty() {
            continue;
        }
        if !s.heading.is_empty() {
            out.para("", &format!("{}{}", s.heading, count(s, opts.detail)));
        }
        for e in entries {
            match s.kind {
                SectionKind::Sources => out.source(l, e, opts.detail),
                _ => out.entry(e, opts.detail),
            }
        }
        out.blank();
    }
    if !opts.detail && l.sections.iter().any(Section::expands) {
        out.para("", more);
    }
    out.out
}

/// "(1 of 8)" after a heading whose summary is the first few of a list.
fn count(s: &Section, detail: bool) -> String {
    let listed = matches!(
        s.kind,
        SectionKind::Caveats | SectionKind::NextSteps | SectionKind::Relax
    );
    if detail || !listed || s.summary.len() >= s.detail.len() {
        return String::new();
    }
    format!(" ({} of {})", s.summary.len(), s.detail.len())
}

fn tone_mark(t: Tone) -> &'static str {
    match t {
        Tone::Recommended => "\u{2605} ",
        Tone::Tie => "= ",
        Tone::NoneNeeded => "\u{2713} ",
        Tone::NothingFits => "\u{2717} ",
    }
}

/// An entry's mark in plain text.
fn text_mark(m: Mark) -> String {
    match m {
        Mark::Points(p) => format!("{} ", strings::signed(p)),
        Mark::Met => "\u{2713} ".into(),
        Mark::RuledOut => "x ".into(),
        Mark::Caveat => "! ".into(),
        Mark::Step | Mark::Behind | Mark::NotNeeded => "- ".into(),
        Mark::Change | Mark::None => String::new(),
    }
}

/// Text being written, wrapped or not.
struct Text {
    out: String,
    width: Option<usize>,
}

impl Text {
    fn para(&mut self, first: &str, text: &str) {
        self.out.push_str(&wrap::paragraph(first, text, self.width));
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn entry(&mut self, e: &Entry, detail: bool) {
        let indent = "  ".repeat(1 + usize::from(e.indent));
        let first = format!("{indent}{}", text_mark(e.mark));
        let under = " ".repeat(unicode_width::UnicodeWidthStr::width(first.as_str()));
        let cite = |n: usize| format!("[{}]", n + 1);
        if !detail {
            let text = match e.source {
                Some(n) => format!("{} {}", e.text, cite(n)),
                None => e.text.clone(),
            };
            self.para(&first, &text);
            return;
        }
        self.para(&first, &e.text);
        let mut tail = Vec::new();
        for d in &e.details {
            match d {
                Detail::Answered(a) => self.para(&under, a),
                Detail::Note(n) => self.para(&under, &format!("note: {n}")),
                Detail::Cite(c) => tail.push(c.clone()),
            }
        }
        if let Some(n) = e.source {
            tail.push(format!("source {}", cite(n)));
        }
        if !tail.is_empty() {
            self.para(&under, &format!("[{}]", tail.join(" \u{b7} ")));
        }
    }

    fn source(&mut self, l: &Layout, e: &Entry, detail: bool) {
        let Some(n) = e.source else { return };
        let s = &l.sources[n];
        let text = match (links::source_url(s), detail) {
            (Some(url), true) if !s.path.is_empty() => {
                format!("{} ({}) <{url}>", s.title, s.path)
            }
            _ => links::source_text(s),
        };
        self.para(&format!("  [{}] ", n + 1), &text);
    }
}

/// The JSON document outside tools rely on (shape documented in the README).
pub fn json(r: &Report, vocab: &Vocabulary) -> serde_json::Value {
    super::json::recommend(r, vocab)
}

/// The Markdown summary.
pub fn markdown(r: &Report) -> String {
    render_markdown(&layout::build(r), Options::default())
}

/// The Markdown report: the same sections as the text, sources as links.
pub fn render_markdown(l: &Layout, opts: Options) -> String {
    let mut out = format!(
        "# {}\n\nDataset `{}` — {}\n\n",
        md(&l.title),
        l.dataset,
        md(&l.edition)
    );
    out.push_str(&format!("## {}{}\n\n", tone_mark(l.tone), md(&l.headline)));
    for n in &l.notices {
        out.push_str(&format!("- {}\n", md(n)));
    }
    if !l.notices.is_empty() {
        out.push('\n');
    }
    for s in &l.sections {
        let entries = s.entries(opts.detail);
        if entries.is_empty() {
            continue;
        }
        if !s.heading.is_empty() {
            out.push_str(&format!(
                "### {}{}\n\n",
                md(&s.heading),
                count(s, opts.detail)
            ));
        }
        for e in entries {
            match s.kind {
                SectionKind::Sources => out.push_str(&md_source(l, e)),
                _ => out.push_str(&md_entry(e, opts.detail)),
            }
        }
        out.push('\n');
    }
    if !opts.detail && l.sections.iter().any(Section::expands) {
        out.push_str(&format!("_{}_\n", md(strings::MORE_DETAIL)));
    }
    out
}

fn md_mark(m: Mark) -> String {
    match m {
        Mark::Points(p) => format!("`{}` ", strings::signed(p)),
        Mark::Met => "✓ ".into(),
        Mark::RuledOut => "✗ ".into(),
        Mark::Caveat => "⚠ ".into(),
        Mark::Step | Mark::Behind | Mark::NotNeeded | Mark::Change | Mark::None => String::new(),
    }
}

fn md_entry(e: &Entry, detail: bool) -> String {
    let indent = "  ".repeat(usize::from(e.indent));
    let mut s = format!("{indent}- {}{}", md_mark(e.mark), md(&e.text));
    if detail {
        for d in &e.details {
            match d {
                Detail::Answered(a) => s.push_str(&format!(" — {}", md(a))),
                Detail::Note(n) => s.push_str(&format!(". Note: {}", md(n))),
                Detail::Cite(c) => s.push_str(&format!(" _[{}]_", md(c))),
            }
        }
    }
    if let Some(n) = e.source {
        s.push_str(&format!(" [\\[{}\\]](#sources)", n + 1));
    }
    s.push('\n');
    s
}

/// A source as a numbered Markdown link (or its title and path when it has no valid URL).
fn md_source(l: &Layout, e: &Entry) -> String {
    let Some(n) = e.source else {
        return String::new();
    };
    format!("{}. {}\n", n + 1, md_link(&l.sources[n]))
}

/// `[title](url)`, or the title and its path when the source has no valid URL.
pub fn md_link(s: &SourceRef) -> String {
    match links::source_url(s) {
        Some(url) => format!("[{}]({})", md(&s.title), links::markdown_url(url)),
        None if s.path.is_empty() => md(&s.title),
        None => format!("{} (`{}`)", md(&s.title), s.path.replace('`', "'")),
    }
}

/// Markdown text with the characters that would change its structure escaped.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '>' | '[' | ']' | '|' | '#') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}
