//! The JSON document of `recommend`, serialised by serde from the report's own types.
//!
//! The report types derive `Serialize` (a reason, a source, an answer, a fact serialise as
//! themselves); this module only maps the report onto the documented top-level shape
//! (README, "recommend"): ids where the report holds (id, name) pairs, and the dataset's
//! vocabulary key (`candidate_key`) beside the fixed keys of the ranking and why-not
//! entries. `tests/cli.rs`, `tests/advice_classes.rs` and `tests/reserved_json_keys.rs`
//! guard the shape.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::model::{
    AnswerRef, Entry, FactRef, NotCountedRef, NoteRef, OutcomeRef, Outlook, Reason, Report,
    WhatIfRef, WhyNotRef,
};
use crate::dataset::Vocabulary;
use crate::engine::Status;

/// The whole `recommend` document.
#[derive(Serialize)]
struct Document<'a> {
    dataset: &'a str,
    answers: Answers<'a>,
    ignored_answers: &'a [NotCountedRef],
    waiting_answers: &'a [NotCountedRef],
    result: &'static str,
    headline: &'a str,
    notices: &'a [String],
    recommendation: Option<&'a str>,
    tie: Vec<&'a str>,
    decided_by_order: bool,
    tie_breakers: Vec<&'a str>,
    settled: bool,
    open_questions: Vec<&'a str>,
    ranking: Vec<Ranked<'a>>,
    conflict: Option<Vec<&'a str>>,
    conflict_given: Option<Vec<&'a str>>,
    relaxations: Vec<Relaxation<'a>>,
    outcomes: &'a [OutcomeRef],
    why: Reasons<'a>,
    caveats: &'a [FactRef],
    next_steps: &'a [FactRef],
    why_not: Vec<WhyNot<'a>>,
    what_if: Vec<WhatIf<'a>>,
    /// The hypotheticals not listed, counted (README "Bounded cost"); null when none.
    what_if_more: Option<&'a str>,
    notes: &'a [NoteRef],
}

/// Reasons, each naming its context (if any) under the vocabulary's `context_key`: a
/// reason serialises as itself but for that one key.
#[derive(Clone, Copy)]
struct Reasons<'a> {
    list: &'a [Reason],
    context_key: &'a str,
}

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.list.len()))?;
        for r in self.list {
            let mut v = serde_json::to_value(r).map_err(S::Error::custom)?;
            if self.context_key != "context"
                && let Some(m) = v.as_object_mut()
            {
                // The same keys in the same order, `context` renamed where it stood.
                *m = std::mem::take(m)
                    .into_iter()
                    .map(|(k, x)| match k.as_str() {
                        "context" => (self.context_key.to_owned(), x),
                        _ => (k, x),
                    })
                    .collect();
            }
            seq.serialize_element(&v)?;
        }
        seq.end()
    }
}

/// The answers that count, as `{question: option}`.
struct Answers<'a>(&'a [AnswerRef]);

impl Serialize for Answers<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for a in self.0 {
            m.serialize_entry(&a.question, &a.option)?;
        }
        m.end()
    }
}

/// One key named by the dataset's vocabulary, with its value: flattened into an entry so
/// the candidate's id sits under `candidate_key` beside the fixed keys.
struct Keyed<'a> {
    key: &'a str,
    value: &'a str,
}

impl Serialize for Keyed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.key, self.value)?;
        m.end()
    }
}

#[derive(Serialize)]
struct Ranked<'a> {
    #[serde(flatten)]
    id: Keyed<'a>,
    name: &'a str,
    status: Status,
    score: i32,
    reasons: Reasons<'a>,
}

#[derive(Serialize)]
struct WhyNot<'a> {
    #[serde(flatten)]
    id: Keyed<'a>,
    excluded: bool,
    behind: i32,
    summary: &'a str,
    reasons: Reasons<'a>,
}

#[derive(Serialize)]
struct WhatIf<'a> {
    question: &'a str,
    from: Option<&'a str>,
    to: &'a str,
    recommendation: Option<&'a str>,
    result: &'static str,
    tie: Vec<&'a str>,
    drops: Vec<&'a str>,
    opens: Vec<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct Relaxation<'a> {
    question: &'a str,
    to: Option<&'a str>,
    fits: Vec<&'a str>,
    drops: Vec<&'a str>,
    text: &'a str,
}

fn ids(pairs: &[(String, String)]) -> Vec<&str> {
    pairs.iter().map(|p| p.0.as_str()).collect()
}

fn questions(answers: &[AnswerRef]) -> Vec<&str> {
    answers.iter().map(|a| a.question.as_str()).collect()
}

/// What a hypothetical leads to, for scripts: `recommendation`, `tie`, `none-needed` or
/// `nothing-fits`.
fn outlook_kind(o: &Outlook) -> &'static str {
    match o {
        Outlook::Pick { tie, .. } if tie.len() > 1 => "tie",
        Outlook::Pick { .. } => "recommendation",
        Outlook::NoneNeeded { .. } => "none-needed",
        Outlook::NothingFits => "nothing-fits",
    }
}

/// The result as a word scripts can test (same words as [`outlook_kind`]).
pub fn result_kind(r: &Report) -> &'static str {
    match (&r.recommendation, r.decided_by_order) {
        (Some(_), true) => "tie",
        (Some(_), false) => "recommendation",
        (None, _) if r.conflict.is_some() => "nothing-fits",
        (None, _) => "none-needed",
    }
}

fn ranked<'a>(key: &'a str, context_key: &'a str, e: &'a Entry) -> Ranked<'a> {
    Ranked {
        id: Keyed { key, value: &e.id },
        name: &e.name,
        status: e.status,
        score: e.score,
        reasons: Reasons {
            list: &e.reasons,
            context_key,
        },
    }
}

fn why_not<'a>(key: &'a str, context_key: &'a str, w: &'a WhyNotRef) -> WhyNot<'a> {
    WhyNot {
        id: Keyed { key, value: &w.id },
        excluded: w.excluded,
        behind: w.behind,
        summary: &w.summary,
        reasons: Reasons {
            list: &w.reasons,
            context_key,
        },
    }
}

fn what_if(w: &WhatIfRef) -> WhatIf<'_> {
    let tie = match &w.outlook {
        Outlook::Pick { tie, .. } => ids(tie),
        _ => Vec::new(),
    };
    WhatIf {
        question: &w.question,
        from: w.from.as_ref().map(|f| f.0.as_str()),
        to: &w.to.0,
        recommendation: w.pick.as_ref().map(|p| p.0.as_str()),
        result: outlook_kind(&w.outlook),
        tie,
        drops: questions(&w.drops),
        opens: ids(&w.opens),
        text: &w.text,
    }
}

fn document<'a>(r: &'a Report, vocab: &'a Vocabulary) -> Document<'a> {
    let key = vocab.candidate_key.as_str();
    let conflict = r.conflict.as_ref();
    Document {
        dataset: &r.dataset,
        answers: Answers(&r.answers),
        ignored_answers: &r.ignored,
        waiting_answers: &r.waiting,
        result: result_kind(r),
        headline: &r.headline,
        notices: &r.notices,
        recommendation: r.recommendation.as_ref().map(|p| p.0.as_str()),
        tie: ids(&r.tie),
        decided_by_order: r.decided_by_order,
        tie_breakers: ids(&r.tie_breakers),
        settled: r.settled,
        open_questions: ids(&r.open),
        ranking: r
            .ranking
            .iter()
            .map(|e| ranked(key, &vocab.context_key, e))
            .collect(),
        conflict: conflict.map(|c| {
            questions(&c.given)
                .into_iter()
                .chain(questions(&c.answers))
                .collect()
        }),
        conflict_given: conflict.map(|c| questions(&c.given)),
        relaxations: conflict
            .map(|c| {
                c.relaxations
                    .iter()
                    .map(|x| Relaxation {
                        question: &x.question,
                        to: x.to.as_ref().map(|t| t.0.as_str()),
                        fits: ids(&x.fits),
                        drops: questions(&x.drops),
                        text: &x.text,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        outcomes: &r.outcomes,
        why: Reasons {
            list: &r.why,
            context_key: &vocab.context_key,
        },
        caveats: &r.caveats,
        next_steps: &r.next_steps,
        why_not: r
            .why_not
            .iter()
            .map(|w| why_not(key, &vocab.context_key, w))
            .collect(),
        what_if: r.what_if.iter().map(what_if).collect(),
        what_if_more: r.what_if_more.as_deref(),
        notes: &r.notes,
    }
}

/// The JSON document outside tools rely on.
pub fn recommend(r: &Report, vocab: &Vocabulary) -> serde_json::Value {
    serde_json::to_value(document(r, vocab))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
}
