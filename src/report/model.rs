//! A `Verdict` resolved into ids, names and sentences: the one view every face renders
//! (text, JSON, Markdown, ADR, the wizard's result screen), so none of them words a reason
//! differently.

use crate::dataset::{
    Answers, CandidateIx, CellValue, Dataset, OptionIx, QuestionIx, RuleIx, SourceIx,
};
use crate::engine::{Asked, Exclusion, Status, Verdict};
use crate::strings;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub path: String,
    pub url: Option<String>,
}

impl SourceRef {
    pub fn new(ds: &Dataset, s: SourceIx) -> Self {
        let s = &ds.sources[s];
        Self {
            id: s.id.clone(),
            title: s.title.clone(),
            path: s.path.clone(),
            url: s.url.clone(),
        }
    }
}

/// One answer as a person gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRef {
    pub question: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        }
    }
}

/// One reason, with everything that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub kind: ReasonKind,
    /// The sentence people read.
    pub text: String,
    pub rule: Option<String>,
    pub points: Option<i32>,
    /// The answers that triggered it.
    pub answers: Vec<AnswerRef>,
    pub criterion: Option<String>,
    /// The matrix cell involved: `yes`, `no`, `depends`, or for support `yes`/`no`.
    pub value: Option<&'static str>,
    pub context: Option<String>,
    /// A note attached to that matrix cell.
    pub cell_note: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIfRef {
    pub question: String,
    pub prompt: String,
    pub from: Option<(String, String)>,
    pub to: (String, String),
    pub pick: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelaxationRef {
    pub question: String,
    pub prompt: String,
    /// `None`: drop the answer.
    pub to: Option<(String, String)>,
    pub fits: Vec<(String, String)>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRef {
    pub id: String,
    pub title: String,
    pub text: String,
    pub no_candidate: bool,
    pub rule: String,
    pub answers: Vec<AnswerRef>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub ignored: Vec<AnswerRef>,
    /// Answers to questions that are asked only if an unanswered question allows it:
    /// they count once that question is answered accordingly.
    pub waiting: Vec<AnswerRef>,
    pub recommendation: Option<(String, String)>,
    /// Every candidate sharing the top score, when more than one does.
    pub tie: Vec<(String, String)>,
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
    pub conflict: Option<ConflictRef>,
    pub notes: Vec<NoteRef>,
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
    ds.rules[r]
        .when
        .tests
        .iter()
        .filter_map(|t| {
            answers
                .get(t.question)
                .map(|o| AnswerRef::new(ds, t.question, o))
        })
        .collect()
}

fn context_answer(ds: &Dataset, answers: &Answers) -> Vec<AnswerRef> {
    ds.context_question
        .and_then(|q| answers.get(q).map(|o| AnswerRef::new(ds, q, o)))
        .into_iter()
        .collect()
}

pub fn exclusion_reason(ds: &Dataset, answers: &Answers, c: CandidateIx, e: Exclusion) -> Reason {
    let cand = &ds.candidates[c];
    match e {
        Exclusion::Unsupported { context } => {
            let ctx = &ds.contexts[context];
            Reason {
                kind: ReasonKind::Unsupported,
                text: strings::unsupported(&ctx.name, &cand.name, &ds.vocabulary.context),
                rule: None,
                points: None,
                answers: context_answer(ds, answers),
                criterion: None,
                value: Some("no"),
                context: Some(ctx.id.clone()),
                cell_note: ctx.notes[c].as_ref().map(|n| n.text.clone()),
                source: SourceRef::new(ds, ctx.notes[c].as_ref().map_or(ctx.source, |n| n.source)),
            }
        }
        Exclusion::Rule { rule } => {
            let r = &ds.rules[rule];
            Reason {
                kind: ReasonKind::Excluded,
                text: strings::excluded_by_rule(&r.because),
                rule: Some(r.id.clone()),
                points: None,
                answers: rule_answers(ds, answers, rule),
                criterion: None,
                value: None,
                context: None,
                cell_note: None,
                source: SourceRef::new(ds, r.source),
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
    Reason {
        kind,
        text: match kind {
            ReasonKind::Meets => strings::meets(
                &r.because,
                &ds.candidates[c].name,
                &crit.label,
                value_str(v),
            ),
            _ => strings::requirement(
                &r.because,
                &ds.candidates[c].name,
                &crit.label,
                value_str(v),
                kind == ReasonKind::Caveat,
            ),
        },
        rule: Some(r.id.clone()),
        points: None,
        answers: rule_answers(ds, answers, rule),
        criterion: Some(crit.id.clone()),
        value: Some(value_str(v)),
        context: None,
        cell_note: note.map(|n| n.text.clone()),
        source: SourceRef::new(ds, note.map_or(crit.source, |n| n.source)),
    }
}

fn points_reason(ds: &Dataset, answers: &Answers, rule: RuleIx, points: i32) -> Reason {
    let r = &ds.rules[rule];
    Reason {
        kind: ReasonKind::Points,
        text: strings::points(&r.because, points),
        rule: Some(r.id.clone()),
        points: Some(points),
        answers: rule_answers(ds, answers, rule),
        criterion: None,
        value: None,
        context: None,
        cell_note: None,
        source: SourceRef::new(ds, r.source),
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
    out.extend(
        s.points
            .iter()
            .map(|&(r, p)| points_reason(ds, &v.answers, r, p)),
    );
    out.extend(s.caveats.iter().map(|cv| {
        requirement_reason(ds, &v.answers, c, cv.rule, cv.criterion, ReasonKind::Caveat)
    }));
    if s.is_excluded() {
        return out;
    }
    // Still in the running: the requirements it meets and the context's support.
    for &r in &v.eval.fired {
        for req in &ds.rules[r].require {
            if req.allowed.contains(&ds.criteria[req.criterion].values[c]) {
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
    }
    if let Some(cq) = ds.context_question
        && let Some(x) = crate::engine::effective_answer(&v.answers, &v.eval.asked, cq)
    {
        let ctx = &ds.contexts[x];
        out.push(Reason {
            kind: ReasonKind::Supported,
            text: strings::supported(&ctx.name, &ds.candidates[c].name, &ds.vocabulary.context),
            rule: None,
            points: None,
            answers: context_answer(ds, &v.answers),
            criterion: None,
            value: Some("yes"),
            context: Some(ctx.id.clone()),
            cell_note: ctx.notes[c].as_ref().map(|n| n.text.clone()),
            source: SourceRef::new(ds, ctx.notes[c].as_ref().map_or(ctx.source, |n| n.source)),
        });
    }
    out
}

pub fn build(ds: &Dataset, v: &Verdict) -> Report {
    let answers_in = |state: Asked| -> Vec<AnswerRef> {
        v.answers
            .answered()
            .filter(|&(q, _)| v.eval.asked[q] == state)
            .map(|(q, o)| AnswerRef::new(ds, q, o))
            .collect()
    };
    let answers = answers_in(Asked::Yes);
    let ignored = answers_in(Asked::No);
    let waiting = answers_in(Asked::NotYet);
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
                cand.caveats.iter().map(fact).collect(),
                cand.facts.iter().map(fact).collect(),
            )
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };

    let pick_name = v.eval.pick.map(|p| ds.candidates[p].name.as_str());
    let why_not = v
        .why_not
        .iter()
        .map(|w| {
            let cand = &ds.candidates[w.candidate];
            let excluded = !w.exclusions.is_empty();
            let reasons: Vec<Reason> = if excluded {
                w.exclusions
                    .iter()
                    .map(|&e| exclusion_reason(ds, &v.answers, w.candidate, e))
                    .collect()
            } else {
                w.contrast
                    .iter()
                    .map(|&(r, mine, theirs)| {
                        let mut reason = points_reason(ds, &v.answers, r, mine - theirs);
                        reason.text = strings::contrast(
                            &ds.rules[r].because,
                            pick_name.unwrap_or_default(),
                            mine,
                            &cand.name,
                            theirs,
                        );
                        reason
                    })
                    .collect()
            };
            let summary = match (excluded, pick_name) {
                (true, _) => strings::why_not_excluded(&cand.name),
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
        })
        .collect();

    let what_if = v
        .what_if
        .iter()
        .map(|w| {
            let q = &ds.questions[w.question];
            WhatIfRef {
                question: q.id.clone(),
                prompt: q.prompt.clone(),
                from: w.from.map(|o| pair(&q.options[o].id, &q.options[o].label)),
                to: pair(&q.options[w.to].id, &q.options[w.to].label),
                pick: w.pick.map(name_of),
            }
        })
        .collect();

    let conflict = v.conflict.as_ref().map(|c| ConflictRef {
        answers: c
            .questions
            .iter()
            .filter(|q| !c.gating.contains(q))
            .filter_map(|&q| v.answers.get(q).map(|o| AnswerRef::new(ds, q, o)))
            .collect(),
        given: c
            .gating
            .iter()
            .filter_map(|&q| v.answers.get(q).map(|o| AnswerRef::new(ds, q, o)))
            .collect(),
        smallest: c.smallest,
        relaxations: c
            .relaxations
            .iter()
            .map(|r| {
                let q = &ds.questions[r.question];
                RelaxationRef {
                    question: q.id.clone(),
                    prompt: q.prompt.clone(),
                    to: r.to.map(|o| pair(&q.options[o].id, &q.options[o].label)),
                    fits: r.fits.iter().map(|&c| name_of(c)).collect(),
                }
            })
            .collect(),
    });

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

    Report {
        dataset: ds.id.clone(),
        title: ds.title.clone(),
        edition: ds.edition.clone(),
        candidate_word: ds.vocabulary.candidate.clone(),
        candidates_word: ds.vocabulary.candidates.clone(),
        answers,
        ignored,
        waiting,
        recommendation: v.eval.pick.map(name_of),
        tie: v.eval.tie.iter().map(|&c| name_of(c)).collect(),
        settled: v.settlement.settled,
        open: v
            .settlement
            .open
            .iter()
            .map(|&q| pair(&ds.questions[q].id, &ds.questions[q].prompt))
            .collect(),
        ranking,
        outcomes,
        why,
        caveats,
        next_steps,
        why_not,
        what_if,
        conflict,
        notes: ds.notes.iter().map(|n| note_ref(ds, n)).collect(),
    }
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
