//! The result screen: the report's layout as a list the cursor reads (each section its
//! summary until expanded), with a scrollbar, and the answers that led to it in a pane
//! below, each open to change. Drawn with ratatui's `Layout`, `List` and `Scrollbar`; the
//! list's scroll position and page size go back to the screen's state for the next key.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, HighlightSpacing, List, ListItem, ListState, Padding, Scrollbar,
    ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::text::{self, para};
use crate::report::layout::{
    self as report_layout, Detail, Entry, Mark, Section, SectionKind, Tone,
};
use crate::report::links;
use crate::strings::{self, wizard as w};
use crate::tui::links::{Links, PlacedLink};
use crate::tui::model::Model;
use crate::tui::result::{Item, ResultPane, ResultScreen};
use crate::tui::theme::Theme;

/// Columns the list's cursor mark takes before every item.
const CURSOR: &str = "› ";

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let focus_answers = m.result.pane == ResultPane::Answers;
    let answers_h = if focus_answers {
        (m.answer_rows().len().max(1) as u16 + 2).min((body.height / 2).max(3))
    } else {
        0
    };
    let [report_area, answers_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(answers_h)]).areas(body);
    let report = ReportList {
        layout: &m.layout,
        state: &m.result,
        theme: m.theme,
        focused: !focus_answers,
        hyperlinks: m.hyperlinks,
        links: &m.links,
        answers_hint: (!focus_answers).then(|| answers_line(m)),
        open_left: m.verdict.next_question().is_some(),
    };
    f.render_widget(report, report_area);
    if focus_answers {
        f.render_widget(AnswersPane { m }, answers_area);
    }
}

/// The answers pane folded into one line on the report's frame.
fn answers_line(m: &Model) -> String {
    let mut labels: Vec<String> = m
        .report
        .answers
        .iter()
        .map(|a| text::clean(&a.label))
        .collect();
    let answered = labels.len();
    let not_needed = m.flow().not_needed().len();
    if not_needed > 0 {
        labels.push(format!("{not_needed} {}", w::NOT_NEEDED));
    }
    format!(
        " {} ({answered}) · Tab: {} ",
        w::YOUR_ANSWERS,
        if labels.is_empty() {
            w::NO_ANSWERS.to_owned()
        } else {
            labels.join(" · ")
        }
    )
}

/// The report as a list of items, drawn over the screen's state.
struct ReportList<'a> {
    layout: &'a report_layout::Layout,
    state: &'a ResultScreen,
    theme: Theme,
    focused: bool,
    hyperlinks: bool,
    links: &'a Links,
    /// The folded answers pane, on the bottom border.
    answers_hint: Option<String>,
    /// Questions are left unanswered (n answers them).
    open_left: bool,
}

/// A link inside an item: on line `line`, from column `col`.
struct LinkAt {
    line: usize,
    col: usize,
    text: String,
    url: String,
}

/// One item as drawn: its lines and the links among them.
struct Drawn {
    lines: Vec<Line<'static>>,
    links: Vec<LinkAt>,
}

impl Widget for ReportList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        // No top border: the header line above already names the screen, and the row is
        // worth more to the result.
        let mut block = Block::new()
            .borders(Borders::LEFT | Borders::RIGHT | Borders::BOTTOM)
            .border_type(BorderType::Rounded)
            .border_style(t.border(self.focused))
            .padding(Padding::horizontal(1));
        if let Some(hint) = &self.answers_hint {
            let room = area.width.saturating_sub(4) as usize;
            block = block.title_bottom(Span::styled(text::truncate(hint, room), t.dim()));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        // One list row per screen line, so that a long entry scrolls line by line. The
        // summaries are shown whole when they fit, else cut to a few lines each.
        let width = inner.width as usize - text::width(CURSOR);
        let room = inner.height as usize;
        let mut drawn = self.rows(width, false);
        if drawn.1.len() > room {
            drawn = self.rows(width, true);
        }
        let (rows, lines, links) = drawn;
        let total = lines.len();
        let at = self.state.learn(rows, room);
        let list = List::new(lines.into_iter().map(ListItem::new))
            .highlight_symbol(CURSOR)
            .highlight_spacing(HighlightSpacing::Always)
            .highlight_style(if self.focused {
                t.strong()
            } else {
                Style::new()
            });
        let mut st: ListState = self.state.list.get();
        st.select(Some(at));
        StatefulWidget::render(list, inner, buf, &mut st);
        // Where the list scrolled to is the state's for the next key.
        self.state.list.set(st);
        let offset = st.offset();
        if self.hyperlinks {
            let x0 = inner.x + text::width(CURSOR) as u16;
            for (row, l) in links {
                if (offset..offset + room).contains(&row) {
                    self.links.push(PlacedLink {
                        x: x0 + l.col as u16,
                        y: inner.y + (row - offset) as u16,
                        text: l.text,
                        url: l.url,
                    });
                }
            }
        }
        if total > room {
            let mut sb = ScrollbarState::new(total.saturating_sub(room))
                .position(offset.min(total.saturating_sub(room)))
                .viewport_content_length(room);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .render(
                    Rect {
                        height: area.height.saturating_sub(1),
                        ..area
                    },
                    buf,
                    &mut sb,
                );
        }
    }
}

/// The list's rows: the item each row shows, its line, and the links among them.
type Rows = (Vec<Item>, Vec<Line<'static>>, Vec<(usize, LinkAt)>);

impl ReportList<'_> {
    /// Every item as rows; `brief`: each summary entry cut to a few lines.
    fn rows(&self, width: usize, brief: bool) -> Rows {
        let mut rows: Vec<Item> = Vec::new();
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut links: Vec<(usize, LinkAt)> = Vec::new();
        for item in self.state.items(self.layout) {
            let d = self.item(item, width, brief);
            links.extend(d.links.into_iter().map(|l| (lines.len() + l.line, l)));
            rows.extend(std::iter::repeat_n(item, d.lines.len()));
            lines.extend(d.lines);
        }
        (rows, lines, links)
    }

    fn item(&self, item: Item, width: usize, brief: bool) -> Drawn {
        match item {
            Item::Verdict => self.verdict(width),
            Item::Heading(s) => self.heading(&self.layout.sections[s]),
            Item::Entry(s, e) => {
                let section = &self.layout.sections[s];
                let expanded = self.state.is_expanded(section.kind);
                let entry = &section.entries(expanded)[e];
                self.entry(section, entry, expanded, brief, width)
            }
        }
    }

    fn verdict(&self, width: usize) -> Drawn {
        let t = self.theme;
        let (mark, style) = match self.layout.tone {
            Tone::Recommended => ("★ ", t.winner()),
            Tone::Tie => ("= ", t.strong()),
            Tone::NoneNeeded => ("✓ ", t.winner()),
            Tone::NothingFits => ("✗ ", t.error()),
        };
        let mut lines = Vec::new();
        para(
            &mut lines,
            mark,
            style,
            &self.layout.headline,
            style,
            width,
            2,
        );
        for n in &self.layout.notices {
            para(&mut lines, "  ", t.text(), n, t.dim(), width, 3);
        }
        if self.open_left {
            para(
                &mut lines,
                "  ",
                t.text(),
                w::UNANSWERED_LEFT,
                t.warn(),
                width,
                2,
            );
        }
        Drawn {
            lines,
            links: Vec::new(),
        }
    }

    fn heading(&self, s: &Section) -> Drawn {
        let t = self.theme;
        let expanded = self.state.is_expanded(s.kind);
        let arrow = match (s.expands(), expanded) {
            (false, _) => "  ",
            (true, false) => "▸ ",
            (true, true) => "▾ ",
        };
        let count = match (s.expands(), expanded) {
            (true, false) if s.summary.is_empty() => format!(" ({})", s.detail.len()),
            (true, false) if summary_counts(s.kind) => {
                format!(" ({} of {})", s.summary.len(), s.detail.len())
            }
            _ => String::new(),
        };
        let line = Line::from(vec![
            Span::styled(arrow, t.dim()),
            Span::styled(text::clean(&s.heading), t.heading()),
            Span::styled(count, t.dim()),
        ]);
        Drawn {
            lines: vec![line],
            links: Vec::new(),
        }
    }

    fn entry(&self, s: &Section, e: &Entry, expanded: bool, brief: bool, width: usize) -> Drawn {
        let t = self.theme;
        let indent = "  ".repeat(1 + usize::from(e.indent));
        if s.kind == SectionKind::Sources {
            return self.source_line(e, &indent, width);
        }
        if s.kind == SectionKind::Ranking {
            // Columns: one line, cut rather than wrapped.
            let line = Line::from(text::truncate(&format!("{indent}{}", e.text), width));
            return Drawn {
                lines: vec![line],
                links: Vec::new(),
            };
        }
        let (mark, mark_style) = mark(t, e.mark);
        let prefix = format!("{indent}{mark}");
        let max = if expanded || !brief {
            0
        } else {
            summary_lines(s.kind)
        };
        let mut lines = Vec::new();
        let style = if s.kind == SectionKind::Outcome {
            t.text()
        } else if e.indent == 0 && s.kind == SectionKind::WhyNot {
            t.strong()
        } else {
            t.text()
        };
        para(&mut lines, &prefix, mark_style, &e.text, style, width, max);
        let mut links = Vec::new();
        if !expanded {
            return Drawn { lines, links };
        }
        let under = " ".repeat(text::width(&prefix));
        for d in &e.details {
            let line = match d {
                Detail::Answered(a) => a.clone(),
                Detail::Note(n) => format!("{}: {n}", w::NOTE),
                Detail::Cite(c) => format!("[{c}]"),
            };
            para(&mut lines, &under, t.dim(), &line, t.dim(), width, 0);
        }
        if let Some(n) = e.source {
            let source = &self.layout.sources[n];
            self.source(
                &mut lines,
                &mut links,
                source,
                &format!("{under}{}: ", w::SOURCE),
                width,
            );
        }
        Drawn { lines, links }
    }

    /// An entry of the Sources section: the title (a link where the terminal shows them).
    fn source_line(&self, e: &Entry, indent: &str, width: usize) -> Drawn {
        let mut lines = Vec::new();
        let mut links = Vec::new();
        if let Some(n) = e.source {
            self.source(
                &mut lines,
                &mut links,
                &self.layout.sources[n],
                &format!("{indent}{}. ", n + 1),
                width,
            );
        }
        Drawn { lines, links }
    }

    /// A source after `prefix`: its title as a link when links are on, else the title
    /// and, under it, the URL to copy (or the path, without a valid URL).
    fn source(
        &self,
        lines: &mut Vec<Line<'static>>,
        links: &mut Vec<LinkAt>,
        s: &crate::report::model::SourceRef,
        prefix: &str,
        width: usize,
    ) {
        let t = self.theme;
        let url = links::source_url(s);
        let pw = text::width(prefix);
        let room = width.saturating_sub(pw).max(1);
        let title_lines = text::wrap(&s.title, room);
        for (i, l) in title_lines.into_iter().enumerate() {
            let p = if i == 0 {
                prefix.to_owned()
            } else {
                " ".repeat(pw)
            };
            let style = match (url, self.hyperlinks) {
                (Some(_), true) => t.link(),
                _ => t.text(),
            };
            if let (Some(url), true) = (url, self.hyperlinks) {
                links.push(LinkAt {
                    line: lines.len(),
                    col: pw,
                    text: l.clone(),
                    url: url.to_owned(),
                });
            }
            lines.push(Line::from(vec![
                Span::styled(p, t.dim()),
                Span::styled(l, style),
            ]));
        }
        let under = " ".repeat(pw);
        match (url, self.hyperlinks) {
            (Some(_), true) => {}
            (Some(url), false) => para(lines, &under, t.dim(), url, t.dim(), width, 0),
            (None, _) if !s.path.is_empty() => {
                para(lines, &under, t.dim(), &s.path, t.dim(), width, 0);
            }
            (None, _) => {}
        }
    }
}

/// Whether a collapsed heading says "(1 of 8)": its summary is the first of a list.
fn summary_counts(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Caveats | SectionKind::NextSteps | SectionKind::Relax
    )
}

/// How many lines an entry of a section's summary may take on screen (0: all) when the
/// summaries do not fit whole: then a typical result still fits an 80×24 terminal; Enter
/// shows the rest.
fn summary_lines(kind: SectionKind) -> usize {
    match kind {
        SectionKind::Why | SectionKind::NextSteps | SectionKind::Relax => 2,
        SectionKind::Caveats | SectionKind::WhyNot | SectionKind::Sources => 1,
        SectionKind::Outcome => 2,
        SectionKind::Conflict => 2,
        _ => 0,
    }
}

fn mark(t: Theme, m: Mark) -> (String, Style) {
    match m {
        Mark::Points(p) => (format!("{} ", strings::signed(p)), t.text()),
        Mark::Met => ("✓ ".into(), t.text()),
        Mark::RuledOut => ("✗ ".into(), t.excluded()),
        Mark::Caveat => ("! ".into(), t.warn()),
        Mark::Step => ("- ".into(), t.text()),
        Mark::Behind => ("• ".into(), t.text()),
        Mark::NotNeeded => ("– ".into(), t.dim()),
        Mark::Change => ("→ ".into(), t.text()),
        Mark::None => (String::new(), t.text()),
    }
}

/// The answers pane: every answer that counts, then the questions skipped as not needed;
/// the highlighted one open to change (or to answer).
struct AnswersPane<'a> {
    m: &'a Model,
}

impl Widget for AnswersPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.m;
        let t = m.theme;
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.border(true))
            .padding(Padding::horizontal(1))
            .title(Span::styled(format!(" {} ", w::YOUR_ANSWERS), t.heading()));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let rows = m.answer_rows();
        if rows.is_empty() {
            Line::from(Span::styled(w::NO_ANSWERS, t.dim())).render(inner, buf);
            return;
        }
        let ds = &m.ds;
        let label = |q: usize, o: Option<usize>| match o {
            Some(o) => text::clean(&ds.questions[q].options[o].label),
            None => w::NOT_NEEDED.to_owned(),
        };
        let label_w = rows
            .iter()
            .map(|&(q, o)| text::width(&label(q, o)))
            .max()
            .unwrap_or(0)
            .min(width / 2);
        let prompt_w = width.saturating_sub(label_w + 5);
        let items: Vec<ListItem> = rows
            .iter()
            .map(|&(q, o)| {
                let line = format!(
                    "{} → {}",
                    text::pad(&ds.questions[q].prompt, prompt_w),
                    text::truncate(&label(q, o), label_w)
                );
                match o {
                    Some(_) => ListItem::new(line),
                    None => ListItem::new(line).style(t.dim()),
                }
            })
            .collect();
        let list = List::new(items)
            .highlight_symbol(CURSOR)
            .highlight_spacing(HighlightSpacing::Always)
            .highlight_style(t.selected());
        let mut st = ListState::default().with_selected(Some(m.result.answer));
        StatefulWidget::render(list, inner, buf, &mut st);
    }
}
