//! What of the dataset applies to a result, and the words for the schema's newer keys:
//! facts and caveats shown only where their `when` holds, a candidate's status (never
//! recommended, and why), a support cell that depends, the decision a record states.

use crate::dataset::{
    Answers, CandidateIx, CandidateStatus, Condition, Dataset, Fact, OptionSet, QuestionIx,
};
use crate::engine::Asked;

/// The facts (or caveats) whose `when` holds for these answers, read as a rule's `when`:
/// only answers that count (asked and answered) make it hold, so a fact about one context
/// is not shown before that context is chosen, nor for another.
pub fn facts_that_apply<'f>(
    ds: &Dataset,
    answers: &Answers,
    asked: &[Asked],
    facts: &'f [Fact],
) -> impl Iterator<Item = &'f Fact> {
    let counted: Vec<OptionSet> = (0..ds.questions.len())
        .map(|q: QuestionIx| match (asked[q], answers.get(q)) {
            (Asked::Yes, Some(o)) => 1 << o,
            _ => 0,
        })
        .collect();
    facts.iter().filter(move |f| f.when.fires(&counted))
}

/// The questions whose answers make `cond` hold, for "you answered ...": those of the
/// alternatives the answers satisfy (all of its questions when none does, or when it has a
/// single alternative), so an alternative that did not hold is not cited as a reason.
pub fn questions_behind(answers: &Answers, cond: &Condition) -> Vec<QuestionIx> {
    if cond.alternative_count() == 1 {
        return cond.questions().to_vec();
    }
    let holds = |alt: &[crate::dataset::Test]| {
        alt.iter().all(|t| {
            answers
                .get(t.question)
                .is_some_and(|o| t.options & (1 << o) != 0)
        })
    };
    let mut out: Vec<QuestionIx> = cond
        .alternatives()
        .filter(|alt| holds(alt))
        .flat_map(|alt| alt.iter().map(|t| t.question))
        .collect();
    if out.is_empty() {
        return cond.questions().to_vec();
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The status as a clause, e.g. `Implicit grant is deprecated: the current best practice
/// forbids it`.
pub fn retired_clause(ds: &Dataset, c: CandidateIx) -> Option<String> {
    let cand = &ds.candidates[c];
    let r = cand.retired.as_ref()?;
    Some(format!(
        "{} is {}: {}",
        cand.name,
        r.status.as_str(),
        r.reason
    ))
}

/// A line for listings: `Implicit grant (deprecated, never recommended): the current best
/// practice forbids it`.
pub fn retired_line(ds: &Dataset, c: CandidateIx) -> Option<String> {
    let cand = &ds.candidates[c];
    let r = cand.retired.as_ref()?;
    Some(format!(
        "{} ({}, never recommended): {}",
        cand.name,
        r.status.as_str(),
        r.reason
    ))
}

/// The status word of a candidate for JSON (`None` for a current one).
pub fn status_word(ds: &Dataset, c: CandidateIx) -> Option<&'static str> {
    ds.candidates[c]
        .retired
        .as_ref()
        .map(|r| r.status.as_str())
        .filter(|&w| w != CandidateStatus::Current.as_str())
}

/// A support cell that depends, as a caveat clause.
pub fn support_depends(context: &str, candidate: &str, context_word: &str) -> String {
    format!(
        "the {context_word} \u{201c}{context}\u{201d} supports {candidate} only in some cases (support matrix)"
    )
}

/// A support cell as a word of the matrix: Yes, No or Depends.
pub fn support_word(ds: &Dataset, context: usize, c: CandidateIx) -> &'static str {
    let ctx = &ds.contexts[context];
    if ctx.depends & (1 << c) != 0 {
        "Depends"
    } else if ctx.support[c] {
        "Yes"
    } else {
        "No"
    }
}

/// A support cell for JSON: `true`, `false`, or `"depends"`.
pub fn support_json(ds: &Dataset, context: usize, c: CandidateIx) -> serde_json::Value {
    let ctx = &ds.contexts[context];
    if ctx.depends & (1 << c) != 0 {
        "depends".into()
    } else {
        ctx.support[c].into()
    }
}

/// The problem statement of a decision record: the dataset's `decision`, or a sentence
/// built from its vocabulary.
pub fn decision(ds: &Dataset) -> String {
    match &ds.decision {
        Some(d) => d.clone(),
        None => format!(
            "We need to choose {} {}.",
            crate::dataset::diagnostic::article(&ds.vocabulary.candidate),
            ds.vocabulary.candidate
        ),
    }
}
