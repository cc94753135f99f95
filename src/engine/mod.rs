//! The rule engine: a pure function of (dataset, answers) → `Verdict`. It knows nothing
//! about any particular domain; every word it reports comes from the dataset.

mod evaluate;
mod explain;
pub mod flow;
mod incremental;
mod settle;

pub use evaluate::{
    Asked, Caveat, Evaluation, Exclusion, KEPT_PER_CANDIDATE, Pick, Standing, Status, Truth,
    asked_questions, effective_answer, evaluate, fill_asked, members, quick_pick, quick_pick_asked,
    truth,
};
pub use explain::{
    AnswerContrast, CONTRASTS_KEPT, Conflict, Contrast, Relaxation, SUBSET_BUDGET, WHAT_IF_WORK,
    WHAT_IFS_KEPT, WhatIf, WhatIfs, WhyNot, conflict, gates, what_if, why_not,
};
pub use settle::{Bounds, Settlement, bounds, settle};

use crate::dataset::{Answers, Dataset, QuestionIx};

/// Everything the faces render: the evaluation and every explanation of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub answers: Answers,
    pub eval: Evaluation,
    pub settlement: Settlement,
    pub why_not: Vec<WhyNot>,
    pub what_if: Vec<WhatIf>,
    /// More single changes that change the outcome, beyond those listed in `what_if`.
    pub what_if_more: usize,
    /// Single changes not examined: the search's budget ran out first.
    pub what_if_unexamined: usize,
    pub conflict: Option<Conflict>,
}

impl Verdict {
    /// Answered questions that were not asked (their conditions do not hold, or a final
    /// outcome closed them): ignored.
    pub fn ignored(&self) -> Vec<QuestionIx> {
        self.answers
            .answered()
            .map(|(q, _)| q)
            .filter(|&q| self.eval.asked[q] == Asked::No)
            .collect()
    }

    /// Why an answer to `q` does not count, if it does not.
    pub fn not_counted(&self, q: QuestionIx) -> Option<NotCounted> {
        match self.eval.asked[q] {
            Asked::Yes => None,
            Asked::NotYet => Some(NotCounted::Waiting),
            Asked::No if self.eval.closed_from.is_some_and(|end| q >= end) => {
                Some(NotCounted::AfterFinalOutcome)
            }
            Asked::No => Some(NotCounted::NotAsked),
        }
    }

    /// The next question to ask (see [`flow::Flow::next`]).
    pub fn next_question(&self) -> Option<QuestionIx> {
        flow::Flow::of(self).next()
    }

    /// The question to ask after `q` (see [`flow::Flow::next_after`]).
    pub fn next_after(&self, q: QuestionIx) -> Option<QuestionIx> {
        flow::Flow::of(self).next_after(q)
    }

    /// The pick shares its score with others: it is first only by the dataset's order.
    pub fn decided_by_order(&self) -> bool {
        self.eval.pick.is_some() && !self.eval.tie.is_empty()
    }
}

/// Why an answer does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotCounted {
    /// The question is not asked after the other answers (its condition does not hold).
    NotAsked,
    /// A final outcome ended the questionnaire before the question.
    AfterFinalOutcome,
    /// The question is asked only if an unanswered question allows it.
    Waiting,
}

/// The next question to ask after `answers` (see [`flow::Flow::next`]), without the
/// explanations a verdict adds.
pub fn next_question(ds: &Dataset, answers: &Answers, ev: &Evaluation) -> Option<QuestionIx> {
    let settlement = settle(ds, answers, ev);
    flow::Flow::new(answers, ev, &settlement).next()
}

/// Evaluates `answers` and explains the result.
pub fn decide(ds: &Dataset, answers: &Answers) -> Verdict {
    let eval = evaluate(ds, answers);
    let settlement = settle(ds, answers, &eval);
    let why_not = why_not(ds, &eval);
    let what_if = what_if(ds, answers, &eval);
    let conflict = conflict(ds, answers, &eval);
    Verdict {
        answers: answers.clone(),
        eval,
        settlement,
        why_not,
        what_if: what_if.list,
        what_if_more: what_if.more,
        what_if_unexamined: what_if.unexamined,
        conflict,
    }
}
