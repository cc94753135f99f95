//! A `Verdict` resolved into ids, names and sentences: the one view every face renders
//! (text, JSON, Markdown, ADR, the wizard's result screen), so none of them words a reason
//! differently.

use super::applies;
use crate::dataset::{
    Answers, CandidateIx, CandidateSet, CellValue, Dataset, OptionIx, QuestionIx, RuleIx, SourceIx,
};
use crate::engine::{
    AnswerContrast, Asked, Exclusion, NotCounted, Status, Verdict, WhatIf, evaluate, members,
};
use crate::strings;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    /// Empty for a source known only by its URL (JSON: `null`).
    #[serde(serialize_with = "empty_as_null")]
    pub path: String,
    pub url: Option<String>,
}

fn empty_as_null<S: serde::Serializer>(path: &str, s: S) -> Result<S::Ok, S::Error> {
    if path.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(path)
    }
}

impl SourceRef {
    pub fn new(ds: &Dataset, s: SourceIx) -> Self {
        let s = &ds.sources[s];
        Self {
            id: s.id.clone(),
            title: s.title.clone(),
            // A source may have only a URL (shown where sources are cited).
            path: s.path.clone().unwrap_or_default(),
            url: s.url.clone(),
        }
    }
}

/// One answer as a person gave it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnswerRef {
    pub question: String,
    #[serde(skip)]
    pub prompt: String,
    pub option: String,
    pub label: String,
}

impl AnswerRef {
    pub fn new(ds: &Dataset, q: QuestionIx, o: OptionIx) -> Self {
        let question = &ds.questions[q];
        Self {
            question: question.id.clone(),
            prompt: question.prompt.clone(),
            option: question.options[o].id.clone(),
            label: question.options[o].label.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// The chosen context does not support the candidate.
    Unsupported,
    /// A rule rules it out by name.
    Excluded,
    /// A rule requires a criterion value the candidate lacks.
    Requirement,
    /// A rule adds or takes points.
    Points,
    /// A requirement met only by a "depends" cell.
    Caveat,
    /// A requirement the candidate meets.
    Meets,
    /// The chosen context supports the candidate.
    Supported,
    /// Answers that give the pick and another candidate different points.
    Contrast,
    /// Stands for reasons not listed one by one (counted, with their net points).
    More,
}

impl ReasonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsupported => "unsupported",
            Self::Excluded => "excluded",
            Self::Requirement => "requirement",
            Self::Points => "points",
            Self::Caveat => "caveat",
            Self::Meets => "meets",
            Self::Supported => "supported",
            Self::Contrast => "contrast",
            Self::More => "more",
        }
    }
}

/// One reason, with everything that caused it. Its JSON form (README, "recommend") is its
/// fields in this order, the absent ones left out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    /// The sentence people read.
    pub text: String,
    pub kind: ReasonKind,
    /// The same, as written to go inside a sentence ("…, because {clause}"): its first
    /// letter as the dataset wrote it.
    #[serde(skip)]
    pub clause: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i32>,
    /// The answers that triggered it.
    pub answers: Vec<AnswerRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The matrix cell involved: `yes`, `no`, `depends`, or for support `yes`/`no`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'static str>,
    /// A note attached to that matrix cell.
    #[serde(rename = "note", skip_serializing_if = "Option::is_none")]
    pub cell_note: Option<String>,
    /// For a contrast: the pick's and the other candidate's net points from these answers
    /// (`points` is their difference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pick_points: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub their_points: Option<i32>,
    /// For a contrast: every rule behind those points.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FactRef {
    pub label: String,
    pub text: String,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyNotRef {
    pub id: String,
    pub name: String,
    pub excluded: bool,
    pub behind: i32,
    /// One sentence summing it up.
    pub summary: String,
    /// Why it is out (its exclusions), or the answers that set it apart from the pick,
    /// one reason per answer, whose points add up to `behind`.
    pub reasons: Vec<Reason>,
}

/// What a hypothetical answer set leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outlook {
    /// A recommendation; with more than one name in `tie`, decided by order alone.
    Pick {
        pick: (String, String),
        tie: Vec<(String, String)>,
    },
    /// An outcome says no candidate is needed.
    NoneNeeded { outcome: Option<String> },
    /// Every candidate is ruled out.
    NothingFits,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIfRef {
    pub question: String,
    pub prompt: String,
    pub from: Option<(String, String)>,
    pub to: (String, String),
    pub pick: Option<(String, String)>,
    pub outlook: Outlook,
    /// Answers that would stop counting.
    pub drops: Vec<AnswerRef>,
    /// Questions it would newly ask, unanswered: (id, prompt).
    pub opens: Vec<(String, String)>,
    /// The whole entry as one sentence.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelaxationRef {
    pub question: String,
    pub prompt: String,
    /// `None`: drop the answer.
    pub to: Option<(String, String)>,
    pub fits: Vec<(String, String)>,
    /// Other answers that would stop counting.
    pub drops: Vec<AnswerRef>,
    /// The whole entry as one sentence.
    pub text: String,
}

/// An answer given that does not count, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NotCountedRef {
    #[serde(flatten)]
    pub answer: AnswerRef,
    pub why: NotCounted,
    /// One sentence for people.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRef {
    /// The answers that clash.
    pub answers: Vec<AnswerRef>,
    /// Answers in the conflicting set that only make the clashing questions apply.
    pub given: Vec<AnswerRef>,
    pub smallest: bool,
    pub relaxations: Vec<RelaxationRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutcomeRef {
    pub id: String,
    pub title: String,
    pub text: String,
    pub no_candidate: bool,
    pub rule: String,
    pub answers: Vec<AnswerRef>,
    pub source: SourceRef,
}

/// One of the dataset's `[[notes]]`: a remark that goes with every result and comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteRef {
    pub id: String,
    pub title: String,
    pub text: String,
    pub sources: Vec<SourceRef>,
}

/// The verdict, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub dataset: String,
    pub title: String,
    pub edition: String,
    pub candidate_word: String,
    pub candidates_word: String,
    /// Answers that count, in question order.
    pub answers: Vec<AnswerRef>,
    /// Answers given to questions that are not asked, so ignored.
    pub ignored: Vec<NotCountedRef>,
    /// Answers to questions that are asked only if an unanswered question allows it:
    /// they count once that question is answered accordingly.
    pub waiting: Vec<NotCountedRef>,
    pub recommendation: Option<(String, String)>,
    /// Every candidate sharing the top score, when more than one does.
    pub tie: Vec<(String, String)>,
    /// The recommendation shares its score with others: only the dataset's order puts it
    /// first.
    pub decided_by_order: bool,
    /// Unanswered questions that could break that tie: (id, prompt).
    pub tie_breakers: Vec<(String, String)>,
    /// The one line that states the result.
    pub headline: String,
    /// What must be read with the headline, in order: a tie, the answers that do not
    /// count, whether it is settled.
    pub notices: Vec<String>,
    pub settled: bool,
    /// Unanswered questions that can still change the result: (id, prompt).
    pub open: Vec<(String, String)>,
    pub ranking: Vec<Entry>,
    pub outcomes: Vec<OutcomeRef>,
    /// Why the recommendation: its reasons.
    pub why: Vec<Reason>,
    pub caveats: Vec<FactRef>,
    pub next_steps: Vec<FactRef>,
    pub why_not: Vec<WhyNotRef>,
    pub what_if: Vec<WhatIfRef>,
    /// What the what-if list leaves out: more changes that matter, and changes not
    /// examined (the search's budget ran out), as a sentence; `None` when nothing is.
    pub what_if_more: Option<String>,
    pub conflict: Option<ConflictRef>,
    pub notes: Vec<NoteRef>,
    /// What the result marks in a comparison: its pick and the criteria it requires.
    pub marks: super::compare::Marks,
}

fn value_str(v: CellValue) -> &'static str {
    match v {
        CellValue::Yes => "yes",
        CellValue::No => "no",
        CellValue::Depends => "depends",
    }
}

/// The answers that made rule `r` fire.
fn rule_answers(ds: &Dataset, answers: &Answers, r: RuleIx) -> Vec<AnswerRef> {
    let behind = applies::questions_behind(answers, &ds.rules[r].when);
    question_answers(ds, answers, behind.into_iter())
}

/// The given answers to `questions`.
fn question_answers(
    ds: &Dataset,
    answers: &Answers,
    questions: impl Iterator<Item = QuestionIx>,
) -> Vec<AnswerRef> {
    questions
        .filter_map(|q| answers.get(q).map(|o| AnswerRef::new(ds, q, o)))
        .collect()
}

fn context_answer(ds: &Dataset, answers: &Answers) -> Vec<AnswerRef> {
    ds.context_question
        .and_then(|q| answers.get(q).map(|o| AnswerRef::new(ds, q, o)))
        .into_iter()
        .collect()
}

impl Reason {
    /// A reason of `kind` whose sentence is `clause` with its first letter capitalised.
    fn new(kind: ReasonKind, clause: String, source: SourceRef) -> Self {
        Self {
            kind,
            text: strings::sentence(&clause),
            clause,
            rule: None,
            points: None,
            answers: Vec::new(),
            criterion: None,
            value: None,
            context: None,
            cell_note: None,
            pick_points: None,
            their_points: None,
            rules: Vec::new(),
            source,
        }
    }
}

/// The support cell of `context` for candidate `c`, as a reason.
fn support_reason(ds: &Dataset, answers: &Answers, c: CandidateIx, context: usize) -> Reason {
    let ctx = &ds.contexts[context];
    let cand = &ds.candidates[c].name;
    let supported = ctx.support[c];
    let depends = ctx.depends & (1 << c) != 0;
    let clause = if depends {
        applies::support_depends(&ctx.name, cand, &ds.vocabulary.context)
    } else if supported {
        strings::supported(&ctx.name, cand, &ds.vocabulary.context)
    } else {
        strings::unsupported(&ctx.name, cand, &ds.vocabulary.context)
    };
    let kind = if depends {
        ReasonKind::Caveat
    } else if supported {
        ReasonKind::Supported
    } else {
        ReasonKind::Unsupported
    };
    let source = SourceRef::new(ds, ctx.notes[c].as_ref().map_or(ctx.source, |n| n.source));
    Reason {
        answers: context_answer(ds, answers),
        value: Some(if depends {
            "depends"
        } else if supported {
            "yes"
        } else {
            "no"
        }),
        context: Some(ctx.id.clone()),
        cell_note: ctx.notes[c].as_ref().map(|n| n.text.clone()),
        ..Reason::new(kind, clause, source)
    }
}

pub fn exclusion_reason(ds: &Dataset, answers: &Answers, c: CandidateIx, e: Exclusion) -> Reason {
    match e {
        Exclusion::Unsupported { context } => support_reason(ds, answers, c, context),
        // A candidate's status: named as such, not as a rule of the file.
        Exclusion::Rule { rule } if ds.rules[rule].retires.is_some() => {
            let r = &ds.rules[rule];
            let clause = applies::retired_clause(ds, c).unwrap_or_else(|| r.because.clone());
            Reason::new(ReasonKind::Excluded, clause, SourceRef::new(ds, r.source))
        }
        Exclusion::Rule { rule } => {
            let r = &ds.rules[rule];
            Reason {
                rule: Some(r.id.clone()),
                answers: rule_answers(ds, answers, rule),
                ..Reason::new(
                    ReasonKind::Excluded,
                    r.because.clone(),
                    SourceRef::new(ds, r.source),
                )
            }
        }
        Exclusion::Requirement { rule, criterion } => {
            requirement_reason(ds, answers, c, rule, criterion, ReasonKind::Requirement)
        }
    }
}

fn requirement_reason(
    ds: &Dataset,
    answers: &Answers,
    c: CandidateIx,
    rule: RuleIx,
    criterion: usize,
    kind: ReasonKind,
) -> Reason {
    let r = &ds.rules[rule];
    let crit = &ds.criteria[criterion];
    let v = crit.values[c];
    let note = crit.notes[c].as_ref();
    let name = &ds.candidates[c].name;
    let clause = match kind {
        ReasonKind::Meets => strings::meets(&r.because, name, &crit.label, value_str(v)),
        _ => strings::requirement(
            &r.because,
            name,
            &crit.label,
            value_str(v),
            kind == ReasonKind::Caveat,
        ),
    };
    Reason {
        rule: Some(r.id.clone()),
        answers: rule_answers(ds, answers, rule),
        criterion: Some(crit.id.clone()),
        value: Some(value_str(v)),
        cell_note: note.map(|n| n.text.clone()),
        ..Reason::new(
            kind,
            clause,
            SourceRef::new(ds, note.map_or(crit.source, |n| n.source)),
        )
    }
}

fn points_reason(ds: &Dataset, answers: &Answers, rule: RuleIx, points: i32) -> Reason {
    let r = &ds.rules[rule];
    Reason {
        rule: Some(r.id.clone()),
        points: Some(points),
        answers: rule_answers(ds, answers, rule),
        ..Reason::new(
            ReasonKind::Points,
            r.because.clone(),
            SourceRef::new(ds, r.source),
        )
    }
}

/// One answer that sets the pick and candidate `c` apart: both candidates' net points,
/// and the reasons behind the other candidate's points (the pick's are under "why").
fn contrast_reason(
    ds: &Dataset,
    answers: &Answers,
    pick: CandidateIx,
    c: CandidateIx,
    g: &AnswerContrast,
) -> Reason {
    let gave = |cand: CandidateIx, r: RuleIx| ds.rules[r].score.iter().any(|&(x, _)| x == cand);
    let theirs: Vec<&str> = g
        .rules
        .iter()
        .filter(|&&r| gave(c, r))
        .map(|&r| ds.rules[r].because.as_str())
        .collect();
    let clause = strings::contrast(
        &ds.candidates[pick].name,
        g.pick_points,
        &ds.candidates[c].name,
        g.their_points,
        &theirs,
    );
    let first = g.rules[0];
    Reason {
        rule: Some(ds.rules[first].id.clone()),
        points: Some(g.gap()),
        answers: question_answers(ds, answers, g.questions.iter().copied()),
        pick_points: Some(g.pick_points),
        their_points: Some(g.their_points),
        rules: g.rules.iter().map(|&r| ds.rules[r].id.clone()).collect(),
        ..Reason::new(
            ReasonKind::Contrast,
            clause,
            SourceRef::new(ds, ds.rules[first].source),
        )
    }
}

fn pair(id: &str, name: &str) -> (String, String) {
    (id.to_owned(), name.to_owned())
}

/// Every reason for one candidate's standing: exclusions, points, caveats.
fn reasons_of(ds: &Dataset, v: &Verdict, c: CandidateIx) -> Vec<Reason> {
    let s = &v.eval.standings[c];
    let mut out: Vec<Reason> = s
        .exclusions
        .iter()
        .map(|&e| exclusion_reason(ds, &v.answers, c, e))
        .collect();
    if s.more_exclusions {
        more_uncounted(&mut out, ReasonKind::Excluded);
    }
    out.extend(
        s.points
            .iter()
            .take(POINTS_SHOWN)
            .map(|&(r, p)| points_reason(ds, &v.answers, r, p)),
    );
    let rest = s.points.get(POINTS_SHOWN..).unwrap_or_default();
    let net = rest.iter().map(|&(_, p)| p).sum();
    more_reasons(&mut out, rest.len(), ReasonKind::Points, Some(net));
    out.extend(s.caveats.iter().map(|cv| {
        requirement_reason(ds, &v.answers, c, cv.rule, cv.criterion, ReasonKind::Caveat)
    }));
    if s.more_caveats {
        more_uncounted(&mut out, ReasonKind::Caveat);
    }
    if s.is_excluded() {
        return out;
    }
    // Still in the running: the requirements it meets (each criterion once, with the first
    // rule that required it) and the context's support.
    let mut met = vec![false; ds.criteria.len()];
    let mut more_met = 0;
    for &r in &v.eval.fired {
        for req in &ds.rules[r].require {
            if !req.allowed.contains(&ds.criteria[req.criterion].values[c]) {
                continue;
            }
            if std::mem::replace(&mut met[req.criterion], true) || out.len() >= REASONS_SHOWN {
                more_met += 1;
                continue;
            }
            out.push(requirement_reason(
                ds,
                &v.answers,
                c,
                r,
                req.criterion,
                ReasonKind::Meets,
            ));
        }
    }
    more_reasons(&mut out, more_met, ReasonKind::Meets, None);
    if let Some(cq) = ds.context_question
        && let Some(x) = crate::engine::effective_answer(&v.answers, &v.eval.asked, cq)
    {
        out.push(support_reason(ds, &v.answers, c, x));
    }
    out
}

/// Points reasons listed per candidate; the rest are summed up in one line. A dataset can
/// give a candidate points from thousands of rules; a person reads the first few.
const POINTS_SHOWN: usize = 32;
/// Reasons listed per candidate before the requirements it meets are only counted.
const REASONS_SHOWN: usize = 64;

/// One line standing for `n` reasons of `kind` not listed (and their net points).
fn more_reasons(out: &mut Vec<Reason>, n: usize, kind: ReasonKind, net: Option<i32>) {
    if n > 0 {
        push_more(out, strings::more_reasons(Some(n), kind.as_str(), net), net);
    }
}

/// One line standing for reasons of `kind` not kept (the engine keeps a few per
/// candidate and only notes that there are more).
fn more_uncounted(out: &mut Vec<Reason>, kind: ReasonKind) {
    push_more(out, strings::more_reasons(None, kind.as_str(), None), None);
}

fn push_more(out: &mut Vec<Reason>, text: String, net: Option<i32>) {
    let source = out.last().map(|r| r.source.clone()).unwrap_or(SourceRef {
        id: String::new(),
        title: String::new(),
        path: String::new(),
        url: None,
    });
    out.push(Reason {
        points: net,
        ..Reason::new(ReasonKind::More, text, source)
    });
}

fn names(ds: &Dataset, set: CandidateSet) -> Vec<(String, String)> {
    members(set)
        .map(|c| pair(&ds.candidates[c].id, &ds.candidates[c].name))
        .collect()
}

fn prompt_pair(ds: &Dataset, q: QuestionIx) -> (String, String) {
    pair(&ds.questions[q].id, &ds.questions[q].prompt)
}

/// What a changed answer set leads to, resolved.
fn outlook(
    ds: &Dataset,
    changed: &Answers,
    pick: Option<CandidateIx>,
    none_needed: bool,
    tie: CandidateSet,
) -> Outlook {
    match pick {
        Some(p) => Outlook::Pick {
            pick: pair(&ds.candidates[p].id, &ds.candidates[p].name),
            tie: names(ds, tie),
        },
        None if none_needed => {
            // Name the outcome that says so: evaluating once more is cheap next to
            // building a report.
            let ev = evaluate(ds, changed);
            let outcome = ev
                .outcomes
                .iter()
                .find(|&&(o, _)| ds.outcomes[o].no_candidate)
                .map(|&(o, _)| ds.outcomes[o].title.clone());
            Outlook::NoneNeeded { outcome }
        }
        None => Outlook::NothingFits,
    }
}

fn what_if_ref(ds: &Dataset, v: &Verdict, w: &WhatIf) -> WhatIfRef {
    let q = &ds.questions[w.question];
    let outlook = outlook(
        ds,
        &v.answers.with(w.question, Some(w.to)),
        w.pick,
        w.none_needed,
        w.tie,
    );
    let drops = question_answers(ds, &v.answers, w.drops.iter().copied());
    let opens: Vec<(String, String)> = w.opens.iter().map(|&o| prompt_pair(ds, o)).collect();
    let to = pair(&q.options[w.to].id, &q.options[w.to].label);
    let text = strings::what_if(
        w.from.is_some(),
        &to.1,
        &q.id,
        &to.0,
        &outlook_phrase(&outlook, &ds.vocabulary.candidate),
        &drops,
        &opens,
    );
    WhatIfRef {
        question: q.id.clone(),
        prompt: q.prompt.clone(),
        from: w.from.map(|o| pair(&q.options[o].id, &q.options[o].label)),
        to,
        pick: w
            .pick
            .map(|p| pair(&ds.candidates[p].id, &ds.candidates[p].name)),
        outlook,
        drops,
        opens,
        text,
    }
}

/// The outlook in a few words: a name, a tie, no candidate needed, or nothing fits.
pub fn outlook_phrase(o: &Outlook, candidate_word: &str) -> String {
    match o {
        Outlook::Pick { pick, tie } if tie.len() > 1 => {
            let names: Vec<String> = tie.iter().map(|t| t.1.clone()).collect();
            strings::tie_outlook(&names, &pick.1)
        }
        Outlook::Pick { pick, .. } => pick.1.clone(),
        Outlook::NoneNeeded { outcome } => strings::none_needed_outlook(candidate_word, outcome),
        Outlook::NothingFits => strings::nothing_fits_outlook(),
    }
}

fn not_counted(ds: &Dataset, v: &Verdict, state: Asked) -> Vec<NotCountedRef> {
    v.answers
        .answered()
        .filter(|&(q, _)| v.eval.asked[q] == state)
        .filter_map(|(q, o)| {
            let why = v.not_counted(q)?;
            let answer = AnswerRef::new(ds, q, o);
            let text = strings::not_counted(why, &answer.label, &answer.prompt);
            Some(NotCountedRef { answer, why, text })
        })
        .collect()
}

/// The lines read with the headline: a tie, answers that do not count, settledness.
fn notices(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if r.decided_by_order {
        let names: Vec<String> = r.tie.iter().map(|t| t.1.clone()).collect();
        let pick = r.recommendation.as_ref().map_or("", |p| p.1.as_str());
        out.push(strings::tie(&names, pick));
        let breakers: Vec<String> = r
            .tie_breakers
            .iter()
            .map(|(id, prompt)| format!("\u{201c}{prompt}\u{201d} ({id})"))
            .collect();
        out.push(strings::tie_breakers(&breakers));
    }
    for x in r.ignored.iter().chain(&r.waiting) {
        out.push(x.text.clone());
    }
    if r.recommendation.is_some() {
        out.push(
            if r.settled {
                strings::SETTLED
            } else {
                strings::NOT_SETTLED
            }
            .to_owned(),
        );
    }
    out
}

fn why_not_ref(ds: &Dataset, v: &Verdict, w: &crate::engine::WhyNot) -> WhyNotRef {
    let cand = &ds.candidates[w.candidate];
    let excluded = !w.exclusions.is_empty();
    let pick = v.eval.pick;
    let reasons: Vec<Reason> = match pick {
        _ if excluded => w
            .exclusions
            .iter()
            .map(|&e| exclusion_reason(ds, &v.answers, w.candidate, e))
            .collect(),
        Some(p) => {
            let mut listed: Vec<Reason> = w
                .contrast
                .iter()
                .map(|g| contrast_reason(ds, &v.answers, p, w.candidate, g))
                .collect();
            let unlisted =
                v.eval.standings[p].points.len() + v.eval.standings[w.candidate].points.len();
            if w.rest != 0 {
                more_reasons(
                    &mut listed,
                    unlisted.saturating_sub(w.contrast.len()).max(1),
                    ReasonKind::Contrast,
                    Some(w.rest),
                );
            }
            listed
        }
        None => Vec::new(),
    };
    let pick_name = pick.map(|p| ds.candidates[p].name.as_str());
    let summary = match (excluded, pick_name) {
        (true, _) => strings::why_not_excluded(&cand.name),
        (false, Some(p)) if w.behind == 0 && w.contrast.is_empty() => {
            strings::why_not_pure_tie(&cand.name, p)
        }
        (false, Some(p)) if w.behind == 0 => strings::why_not_tie(&cand.name, p),
        (false, Some(p)) => strings::why_not_behind(&cand.name, w.behind, p),
        (false, None) => strings::why_not_none_needed(&cand.name),
    };
    WhyNotRef {
        id: cand.id.clone(),
        name: cand.name.clone(),
        excluded,
        behind: w.behind,
        summary,
        reasons,
    }
}

fn conflict_ref(ds: &Dataset, v: &Verdict, c: &crate::engine::Conflict) -> ConflictRef {
    let relaxations = c
        .relaxations
        .iter()
        .map(|r| {
            let q = &ds.questions[r.question];
            let to = r.to.map(|o| pair(&q.options[o].id, &q.options[o].label));
            let fits: Vec<(String, String)> = r
                .fits
                .iter()
                .map(|&c| pair(&ds.candidates[c].id, &ds.candidates[c].name))
                .collect();
            let drops = question_answers(ds, &v.answers, r.drops.iter().copied());
            let fit_names: Vec<String> = fits.iter().map(|f| f.1.clone()).collect();
            let text = strings::relaxation(&q.prompt, &q.id, to.as_ref(), &fit_names, &drops);
            RelaxationRef {
                question: q.id.clone(),
                prompt: q.prompt.clone(),
                to,
                fits,
                drops,
                text,
            }
        })
        .collect();
    ConflictRef {
        answers: question_answers(
            ds,
            &v.answers,
            c.questions
                .iter()
                .copied()
                .filter(|q| !c.gating.contains(q)),
        ),
        given: question_answers(ds, &v.answers, c.gating.iter().copied()),
        smallest: c.smallest,
        relaxations,
    }
}

pub fn build(ds: &Dataset, v: &Verdict) -> Report {
    let answers: Vec<AnswerRef> = v
        .answers
        .answered()
        .filter(|&(q, _)| v.eval.asked[q] == Asked::Yes)
        .map(|(q, o)| AnswerRef::new(ds, q, o))
        .collect();
    let name_of = |c: CandidateIx| pair(&ds.candidates[c].id, &ds.candidates[c].name);

    let ranking = v
        .eval
        .ranking
        .iter()
        .map(|&c| Entry {
            id: ds.candidates[c].id.clone(),
            name: ds.candidates[c].name.clone(),
            status: v.eval.standings[c].status,
            score: v.eval.standings[c].score,
            reasons: reasons_of(ds, v, c),
        })
        .collect();

    let (why, caveats, next_steps) = match v.eval.pick {
        Some(p) => {
            let cand = &ds.candidates[p];
            let fact = |f: &crate::dataset::Fact| FactRef {
                label: f.label.clone(),
                text: f.text.clone(),
                source: SourceRef::new(ds, f.source),
            };
            (
                reasons_of(ds, v, p),
                applies::facts_that_apply(ds, &v.answers, &v.eval.asked, &cand.caveats)
                    .map(fact)
                    .collect(),
                applies::facts_that_apply(ds, &v.answers, &v.eval.asked, &cand.facts)
                    .map(fact)
                    .collect(),
            )
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };

    let outcomes = v
        .eval
        .outcomes
        .iter()
        .map(|&(o, r)| {
            let out = &ds.outcomes[o];
            OutcomeRef {
                id: out.id.clone(),
                title: out.title.clone(),
                text: out.text.clone(),
                no_candidate: out.no_candidate,
                rule: ds.rules[r].id.clone(),
                answers: rule_answers(ds, &v.answers, r),
                source: SourceRef::new(ds, out.source),
            }
        })
        .collect();

    let recommendation = v.eval.pick.map(name_of);
    let mut report = Report {
        dataset: ds.id.clone(),
        title: ds.title.clone(),
        edition: ds.edition.clone(),
        candidate_word: ds.vocabulary.candidate.clone(),
        candidates_word: ds.vocabulary.candidates.clone(),
        answers,
        ignored: not_counted(ds, v, Asked::No),
        waiting: not_counted(ds, v, Asked::NotYet),
        headline: strings::headline(
            &ds.vocabulary.candidate,
            recommendation.as_ref().map(|p| p.1.as_str()),
            v.decided_by_order(),
            v.eval.none_needed,
        ),
        recommendation,
        tie: v.eval.tie.iter().map(|&c| name_of(c)).collect(),
        decided_by_order: v.decided_by_order(),
        tie_breakers: v
            .settlement
            .tie_breakers
            .iter()
            .map(|&q| prompt_pair(ds, q))
            .collect(),
        notices: Vec::new(),
        settled: v.settlement.settled,
        open: v
            .settlement
            .open
            .iter()
            .map(|&q| prompt_pair(ds, q))
            .collect(),
        ranking,
        outcomes,
        why,
        caveats,
        next_steps,
        why_not: v.why_not.iter().map(|w| why_not_ref(ds, v, w)).collect(),
        what_if: v.what_if.iter().map(|w| what_if_ref(ds, v, w)).collect(),
        what_if_more: strings::what_if_more(v.what_if_more, v.what_if_unexamined),
        conflict: v.conflict.as_ref().map(|c| conflict_ref(ds, v, c)),
        notes: ds.notes.iter().map(|n| note_ref(ds, n)).collect(),
        marks: super::compare::Marks::of(ds, v),
    };
    report.notices = notices(&report);
    report
}

pub fn note_ref(ds: &Dataset, n: &crate::dataset::Note) -> NoteRef {
    NoteRef {
        id: n.id.clone(),
        title: n.title.clone(),
        text: n.text.clone(),
        sources: n.sources.iter().map(|&s| SourceRef::new(ds, s)).collect(),
    }
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Recommended => "recommended",
            Status::Eligible => "eligible",
            Status::Excluded => "excluded",
        }
    }
}
