//! The one layout of a result: the verdict, then typed sections (why, caveats, next steps,
//! conflict, why not, what if, ...), each with the few entries a reader needs first (its
//! summary) and everything it holds (its detail). Built once from a [`Report`]; the text,
//! Markdown, ADR, wizard and plain faces only render it, so none of them orders, words or
//! picks the parts of a result differently.
//!
//! A face shows each section either as its summary or as its detail, never both, so nothing
//! is said twice. Sources are numbered once for the whole layout, the ones the summaries
//! cite first, so a summary cites `[1]`..`[k]` and the detail `[1]`..`[n]`.

use super::model::{AnswerRef, FactRef, Reason, ReasonKind, Report, SourceRef, WhyNotRef};
use crate::strings::{self, heading};

/// How the result reads: the headline's mark and colour follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Recommended,
    /// Recommended only by the dataset's order.
    Tie,
    /// No candidate is needed: good news.
    NoneNeeded,
    NothingFits,
}

/// What a section is about; faces style and place sections by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// An outcome a rule reached (shown under the headline).
    Outcome,
    Why,
    Caveats,
    NextSteps,
    Conflict,
    Relax,
    WhyNot,
    WhatIf,
    Open,
    Ranking,
    Answers,
    /// The dataset's `[[notes]]`.
    Notes,
    Sources,
}

/// The symbol an entry carries; each face draws it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    /// Points, or a difference in points.
    Points(i32),
    /// A requirement met, a context that supports it.
    Met,
    RuledOut,
    Caveat,
    Step,
    /// Fits, but ranked lower.
    Behind,
    NotNeeded,
    /// A hypothetical or a way out.
    Change,
}

/// A line under an entry's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// The answers that caused it.
    Answered(String),
    /// A note on the matrix cell involved.
    Note(String),
    /// The rule, criterion or support cell it comes from.
    Cite(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub mark: Mark,
    /// 0, or 1 for an entry that belongs to the one above (a reason under a candidate).
    pub indent: u8,
    pub text: String,
    pub details: Vec<Detail>,
    /// Index into [`Layout::sources`].
    pub source: Option<usize>,
}

impl Entry {
    fn new(mark: Mark, text: impl Into<String>) -> Self {
        Self {
            mark,
            indent: 0,
            text: text.into(),
            details: Vec::new(),
            source: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// Empty for a section whose entries speak for themselves.
    pub heading: String,
    /// What a reader needs first; may be empty (the section is then only a heading).
    pub summary: Vec<Entry>,
    /// Everything the section holds.
    pub detail: Vec<Entry>,
}

impl Section {
    pub fn entries(&self, expanded: bool) -> &[Entry] {
        if expanded {
            &self.detail
        } else {
            &self.summary
        }
    }

    /// Whether its detail shows more than its summary.
    pub fn expands(&self) -> bool {
        self.detail != self.summary
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub title: String,
    pub dataset: String,
    pub edition: String,
    pub tone: Tone,
    pub headline: String,
    /// Read with the headline: a tie, answers that do not count, settledness.
    pub notices: Vec<String>,
    pub sections: Vec<Section>,
    /// Every source cited, numbered from 1 in this order.
    pub sources: Vec<SourceRef>,
    /// How many of `sources` the summaries cite (the first ones).
    pub summary_sources: usize,
}

impl Layout {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// The most decisive reasons a summary shows, and the most caveats.
pub const DECISIVE_REASONS: usize = 3;
pub const SUMMARY_CAVEATS: usize = 2;
pub const SUMMARY_RELAXATIONS: usize = 3;

/// Lays out a report.
pub fn build(r: &Report) -> Layout {
    let mut b = Builder::default();
    let mut sections = outcomes(&mut b, r);
    if r.recommendation.is_some() {
        sections.push(why(&mut b, r));
    }
    sections.extend(caveats(&mut b, r));
    sections.extend(next_steps(&mut b, r));
    sections.extend(conflict(r));
    sections.extend(why_not(&mut b, r));
    sections.extend(details_only(r));
    sections.extend(dataset_notes(&mut b, r));
    sections.retain(|s| !s.detail.is_empty());
    let (sources, summary_sources) = b.number(&mut sections);
    if !sources.is_empty() {
        let cited = |n: usize| -> Vec<Entry> {
            (0..n)
                .map(|i| Entry {
                    source: Some(i),
                    ..Entry::new(Mark::None, sources[i].title.clone())
                })
                .collect()
        };
        sections.push(section(
            SectionKind::Sources,
            heading::SOURCES.into(),
            cited(summary_sources),
            cited(sources.len()),
        ));
    }
    Layout {
        title: r.title.clone(),
        dataset: r.dataset.clone(),
        edition: r.edition.clone(),
        tone: tone(r),
        headline: r.headline.clone(),
        notices: r.notices.clone(),
        sections,
        sources,
        summary_sources,
    }
}

/// The outcomes rules reached: each its text in brief, with the answers and rule in full.
fn outcomes(b: &mut Builder, r: &Report) -> Vec<Section> {
    r.outcomes
        .iter()
        .map(|o| {
            // The outcome that says no candidate is needed is the headline itself.
            let title = if o.title == r.headline {
                String::new()
            } else {
                o.title.clone()
            };
            let brief = b.entry(Mark::None, &o.text, Some(&o.source));
            let mut full = brief.clone();
            full.details = answered(&o.answers).into_iter().collect();
            full.details.push(Detail::Cite(format!("rule {}", o.rule)));
            section(SectionKind::Outcome, title, vec![brief], vec![full])
        })
        .collect()
}

/// What you need next: the first step in brief, every one in full.
fn next_steps(b: &mut Builder, r: &Report) -> Option<Section> {
    let detail: Vec<Entry> = r.next_steps.iter().map(|f| b.fact(Mark::Step, f)).collect();
    let summary = detail.iter().take(1).cloned().collect();
    (!detail.is_empty()).then(|| {
        section(
            SectionKind::NextSteps,
            heading::NEXT_STEPS.into(),
            summary,
            detail,
        )
    })
}

/// The sections a summary only names: what would change the outcome, the open questions,
/// the ranking, the answers.
fn details_only(r: &Report) -> Vec<Section> {
    let lines = |kind, heading: &str, entries: Vec<String>, mark| {
        let detail = entries.into_iter().map(|t| Entry::new(mark, t)).collect();
        section(kind, heading.into(), Vec::new(), detail)
    };
    let mut answers: Vec<String> = r
        .answers
        .iter()
        .map(|a| format!("{}  {}", a.prompt, answer_phrase(a)))
        .collect();
    if answers.is_empty() {
        answers.push(strings::NO_ANSWERS_YET.to_owned());
    }
    let mut what_if = lines(
        SectionKind::WhatIf,
        heading::WHAT_IF,
        r.what_if.iter().map(|w| w.text.clone()).collect(),
        Mark::Change,
    );
    // The hypotheticals not listed (or not examined) are counted, not changes of their own.
    what_if.detail.extend(
        r.what_if_more
            .iter()
            .map(|m| Entry::new(Mark::None, m.clone())),
    );
    vec![
        what_if,
        lines(
            SectionKind::Open,
            heading::OPEN_QUESTIONS,
            r.open
                .iter()
                .map(|(id, prompt)| format!("{prompt} ({id})"))
                .collect(),
            Mark::None,
        ),
        lines(
            SectionKind::Ranking,
            heading::RANKING,
            r.ranking
                .iter()
                .map(|e| format!("{:<12} {:>4}  {}", e.status.as_str(), e.score, e.name))
                .collect(),
            Mark::None,
        ),
        lines(
            SectionKind::Answers,
            heading::YOUR_ANSWERS,
            answers,
            Mark::None,
        ),
    ]
}

/// The dataset's notes, shown in full only: each its title and text, citing its first
/// source (and naming the others).
fn dataset_notes(b: &mut Builder, r: &Report) -> Option<Section> {
    let detail: Vec<Entry> = r
        .notes
        .iter()
        .map(|n| {
            let mut e = b.entry(
                Mark::None,
                &format!("{}: {}", n.title, n.text),
                n.sources.first(),
            );
            e.details = n
                .sources
                .iter()
                .skip(1)
                .map(|s| Detail::Cite(format!("{} {}", strings::ALSO_SOURCE, s.title)))
                .collect();
            e
        })
        .collect();
    (!detail.is_empty()).then(|| {
        section(
            SectionKind::Notes,
            heading::NOTES.into(),
            Vec::new(),
            detail,
        )
    })
}

fn tone(r: &Report) -> Tone {
    match (&r.recommendation, r.decided_by_order) {
        (Some(_), false) => Tone::Recommended,
        (Some(_), true) => Tone::Tie,
        (None, _) if r.conflict.is_some() => Tone::NothingFits,
        (None, _) => Tone::NoneNeeded,
    }
}

fn section(kind: SectionKind, heading: String, summary: Vec<Entry>, detail: Vec<Entry>) -> Section {
    Section {
        kind,
        heading,
        summary,
        detail,
    }
}

/// An answer as people read it: “label” (question=option).
pub fn answer_phrase(a: &AnswerRef) -> String {
    format!("\u{201c}{}\u{201d} ({}={})", a.label, a.question, a.option)
}

fn answered(answers: &[AnswerRef]) -> Option<Detail> {
    (!answers.is_empty()).then(|| {
        let list: Vec<String> = answers.iter().map(answer_phrase).collect();
        Detail::Answered(format!("{} {}", strings::YOU_ANSWERED, list.join(", ")))
    })
}

fn reason_mark(r: &Reason) -> Mark {
    match r.kind {
        ReasonKind::Points | ReasonKind::Contrast => Mark::Points(r.points.unwrap_or(0)),
        ReasonKind::Caveat => Mark::Caveat,
        // "… and N more, not listed": its text says it all.
        ReasonKind::More => Mark::None,
        ReasonKind::Meets | ReasonKind::Supported => Mark::Met,
        ReasonKind::Unsupported | ReasonKind::Excluded | ReasonKind::Requirement => Mark::RuledOut,
    }
}

/// Which rule, criterion and support cell a reason comes from.
fn cite(r: &Reason) -> String {
    let mut parts = Vec::new();
    if let Some(rule) = &r.rule {
        parts.push(format!("rule {rule}"));
    }
    if let Some(c) = &r.criterion {
        parts.push(format!("criterion {c}"));
    }
    if let Some(c) = &r.context {
        parts.push(format!("support cell {c}"));
    }
    parts.join(" · ")
}

/// Collects the sources entries cite, so that they can be numbered once.
#[derive(Default)]
struct Builder {
    sources: Vec<SourceRef>,
}

impl Builder {
    fn cite(&mut self, s: &SourceRef) -> usize {
        match self.sources.iter().position(|x| x == s) {
            Some(i) => i,
            None => {
                self.sources.push(s.clone());
                self.sources.len() - 1
            }
        }
    }

    fn entry(&mut self, mark: Mark, text: &str, source: Option<&SourceRef>) -> Entry {
        Entry {
            source: source.map(|s| self.cite(s)),
            ..Entry::new(mark, text)
        }
    }

    /// A reason with everything behind it: the answers, the cell's note, the rule.
    fn reason(&mut self, r: &Reason, indent: u8) -> Entry {
        let mut details: Vec<Detail> = answered(&r.answers).into_iter().collect();
        if let Some(n) = &r.cell_note {
            details.push(Detail::Note(n.clone()));
        }
        let cite = cite(r);
        if !cite.is_empty() {
            details.push(Detail::Cite(cite));
        }
        // A line standing for reasons not listed cites nothing of its own.
        let source = (r.kind != ReasonKind::More).then_some(&r.source);
        Entry {
            indent,
            details,
            ..self.entry(reason_mark(r), &r.text, source)
        }
    }

    fn fact(&mut self, mark: Mark, f: &FactRef) -> Entry {
        self.entry(mark, &format!("{}: {}", f.label, f.text), Some(&f.source))
    }

    /// Renumbers the sources: those the summaries cite first, in the order they are cited,
    /// then the rest; returns them and how many the summaries cite.
    fn number(self, sections: &mut [Section]) -> (Vec<SourceRef>, usize) {
        fn visit(order: &mut Vec<usize>, entries: &[Entry]) {
            for s in entries.iter().filter_map(|e| e.source) {
                if !order.contains(&s) {
                    order.push(s);
                }
            }
        }
        let mut order: Vec<usize> = Vec::new();
        for s in sections.iter() {
            visit(&mut order, &s.summary);
        }
        let summary_sources = order.len();
        for s in sections.iter() {
            visit(&mut order, &s.detail);
        }
        for s in sections.iter_mut() {
            for e in s.summary.iter_mut().chain(s.detail.iter_mut()) {
                e.source = e.source.and_then(|x| order.iter().position(|&o| o == x));
            }
        }
        let sources = order.iter().map(|&i| self.sources[i].clone()).collect();
        (sources, summary_sources)
    }
}

/// Why the recommendation: in full, every reason with its answers, note and rule; in
/// brief, the points per answer (answers a rule tests together count as one), strongest
/// first, the few that weigh most.
fn why(b: &mut Builder, r: &Report) -> Section {
    let mut detail = Vec::new();
    let has_points = r.why.iter().any(|x| x.kind == ReasonKind::Points);
    if !has_points {
        detail.push(Entry::new(Mark::None, strings::NO_POINTS));
    }
    for x in r.why.iter().filter(|x| x.kind != ReasonKind::Caveat) {
        detail.push(b.reason(x, 0));
    }
    let summary = if has_points {
        decisive(b, &r.why)
    } else {
        vec![Entry::new(Mark::None, strings::NO_POINTS)]
    };
    section(SectionKind::Why, heading::WHY.into(), summary, detail)
}

/// The points reasons grouped by the answers behind them, net points per group.
fn decisive(b: &mut Builder, why: &[Reason]) -> Vec<Entry> {
    let mut groups: Vec<(Vec<&str>, i32, Vec<&Reason>)> = Vec::new();
    for x in why.iter().filter(|x| x.kind == ReasonKind::Points) {
        let key: Vec<&str> = x.answers.iter().map(|a| a.question.as_str()).collect();
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => {
                g.1 += x.points.unwrap_or(0);
                g.2.push(x);
            }
            None => groups.push((key, x.points.unwrap_or(0), vec![x])),
        }
    }
    groups.retain(|g| g.1 != 0);
    // Strongest first; on equal weight, points for before points against, then file order.
    groups.sort_by_key(|g| (std::cmp::Reverse(g.1.abs()), g.1 < 0));
    groups
        .into_iter()
        .take(DECISIVE_REASONS)
        .map(|(_, net, reasons)| {
            let mut text = reasons[0].text.clone();
            for x in &reasons[1..] {
                text.push_str("; ");
                text.push_str(&x.clause);
            }
            b.entry(Mark::Points(net), &text, Some(&reasons[0].source))
        })
        .collect()
}

/// Caveats: a requirement the recommendation meets only by a "depends" cell bites for
/// sure (an answer asked for it), so it comes first; then the candidate's own caveats, of
/// which the summary keeps the first (the dataset lists them most important first).
fn caveats(b: &mut Builder, r: &Report) -> Option<Section> {
    let mut detail: Vec<Entry> = r
        .why
        .iter()
        .filter(|x| x.kind == ReasonKind::Caveat)
        .map(|x| b.reason(x, 0))
        .collect();
    let mut summary: Vec<Entry> = detail
        .iter()
        .map(|e| Entry {
            details: Vec::new(),
            ..e.clone()
        })
        .collect();
    for (i, f) in r.caveats.iter().enumerate() {
        let e = b.fact(Mark::Caveat, f);
        if i == 0 {
            summary.push(e.clone());
        }
        detail.push(e);
    }
    summary.truncate(SUMMARY_CAVEATS);
    (!detail.is_empty()).then(|| {
        section(
            SectionKind::Caveats,
            heading::CAVEATS.into(),
            summary,
            detail,
        )
    })
}

/// The conflict (the answers that clash) and the ways out of it.
fn conflict(r: &Report) -> Vec<Section> {
    let Some(c) = &r.conflict else {
        return Vec::new();
    };
    if c.answers.is_empty() {
        let e = vec![Entry::new(
            Mark::None,
            strings::no_answer_conflicts(&r.candidate_word),
        )];
        return vec![section(SectionKind::Conflict, String::new(), e.clone(), e)];
    }
    // In brief an answer is its label and id; in full, its question too.
    let answers = |full: bool| -> Vec<Entry> {
        let mut out: Vec<Entry> = c
            .answers
            .iter()
            .map(|a| {
                let text = if full {
                    format!("{}  {}", a.prompt, answer_phrase(a))
                } else {
                    answer_phrase(a)
                };
                Entry::new(Mark::RuledOut, text)
            })
            .collect();
        if !c.given.is_empty() {
            let given: Vec<String> = c.given.iter().map(answer_phrase).collect();
            out.push(Entry {
                indent: 1,
                ..Entry::new(
                    Mark::None,
                    format!("{} {}", strings::CONFLICT_GIVEN, given.join(", ")),
                )
            });
        }
        out
    };
    let heading = if c.smallest {
        heading::CONFLICT_SMALLEST
    } else {
        heading::CONFLICT_MINIMAL
    };
    let mut relax: Vec<Entry> = c
        .relaxations
        .iter()
        .map(|x| Entry::new(Mark::Change, x.text.clone()))
        .collect();
    if relax.is_empty() {
        relax.push(Entry::new(Mark::None, strings::NO_RELAXATION));
    }
    let relax_brief = relax.iter().take(SUMMARY_RELAXATIONS).cloned().collect();
    vec![
        section(
            SectionKind::Conflict,
            heading.into(),
            answers(false),
            answers(true),
        ),
        section(
            SectionKind::Relax,
            heading::RELAX.into(),
            relax_brief,
            relax,
        ),
    ]
}

/// Why not each other candidate: in brief one line each, in full every reason. When no
/// candidate is needed, they are simply not needed: one line for all of them.
fn why_not(b: &mut Builder, r: &Report) -> Option<Section> {
    if r.why_not.is_empty() {
        return None;
    }
    let none_needed = tone(r) == Tone::NoneNeeded;
    let mut detail = Vec::new();
    for w in &r.why_not {
        let (mark, text) = if none_needed {
            (Mark::NotNeeded, strings::why_not_none_needed(&w.name))
        } else if w.excluded {
            (Mark::RuledOut, w.summary.clone())
        } else {
            (Mark::Behind, w.summary.clone())
        };
        detail.push(Entry::new(mark, text));
        for x in &w.reasons {
            detail.push(b.reason(x, 1));
        }
    }
    let (heading, summary) = if none_needed {
        let names: Vec<String> = r.why_not.iter().map(|w| w.name.clone()).collect();
        let line = strings::none_needed_line(&names, &r.candidates_word);
        (heading::NOT_NEEDED, vec![Entry::new(Mark::NotNeeded, line)])
    } else {
        let heading = if r.recommendation.is_some() {
            heading::WHY_NOT_OTHERS
        } else {
            heading::WHY_EACH_OUT
        };
        (
            heading,
            r.why_not.iter().map(|w| why_not_line(b, r, w)).collect(),
        )
    };
    Some(section(
        SectionKind::WhyNot,
        heading.into(),
        summary,
        detail,
    ))
}

/// One line on why not `w`: the reason it is out, or the answer that sets it furthest
/// behind.
fn why_not_line(b: &mut Builder, r: &Report, w: &WhyNotRef) -> Entry {
    // A "… and N more" line stands for at least one reason more.
    let more = w.reasons.len().saturating_sub(1);
    let at_least = w.reasons.iter().any(|x| x.kind == ReasonKind::More);
    if w.excluded {
        return match w.reasons.first() {
            // A reason that names the candidate itself (its status) is the line.
            Some(first) if first.clause.starts_with(&w.name) => {
                let text = strings::why_not_line("", &first.clause, more, at_least);
                b.entry(
                    Mark::RuledOut,
                    text.trim_start_matches(": "),
                    Some(&first.source),
                )
            }
            Some(first) => {
                let text = strings::why_not_line(&w.summary, &first.clause, more, at_least);
                b.entry(Mark::RuledOut, &text, Some(&first.source))
            }
            None => Entry::new(Mark::RuledOut, w.summary.clone()),
        };
    }
    let strongest = w
        .reasons
        .iter()
        .filter(|x| !x.answers.is_empty())
        .max_by_key(|x| x.points.unwrap_or(0));
    let pick = r.recommendation.as_ref().map_or("", |p| p.1.as_str());
    match strongest {
        Some(x) if w.behind > 0 => {
            let answers: Vec<String> = x.answers.iter().map(answer_phrase).collect();
            // The other answers, so that the points on the line add up to the gap.
            let mut rest = strings::OtherAnswers::default();
            for y in w.reasons.iter().filter(|y| !std::ptr::eq(*y, x)) {
                rest.points += y.points.unwrap_or(0);
                if y.kind == ReasonKind::More {
                    rest.at_least = true;
                } else {
                    rest.count += 1;
                    rest.unconditional |= y.answers.is_empty();
                }
            }
            let text = strings::why_not_behind_line(
                &w.summary,
                &strings::and_list(&answers),
                (pick, x.pick_points.unwrap_or(0)),
                (&w.name, x.their_points.unwrap_or(0)),
                &rest,
            );
            b.entry(Mark::Behind, &text, Some(&x.source))
        }
        _ => Entry::new(Mark::Behind, w.summary.clone()),
    }
}
