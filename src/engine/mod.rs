//! The rule engine: a pure function of (dataset, answers) → `Verdict`. It knows nothing
//! about any particular domain; every word it reports comes from the dataset.

mod evaluate;
mod explain;
mod settle;

pub use evaluate::{
    Asked, Caveat, Evaluation, Exclusion, Pick, Standing, Status, Truth, asked_questions,
    effective_answer, evaluate, quick_pick, truth,
};
pub use explain::{
    Conflict, Relaxation, SUBSET_BUDGET, WhatIf, WhyNot, conflict, gates, what_if, why_not,
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
    pub conflict: Option<Conflict>,
}

impl Verdict {
    /// Answered questions that were not asked (their conditions do not hold): ignored.
    pub fn ignored(&self) -> Vec<QuestionIx> {
        self.answers
            .answered()
            .map(|(q, _)| q)
            .filter(|&q| self.eval.asked[q] != Asked::Yes)
            .collect()
    }

    /// The next question to ask: the first asked question without an answer.
    pub fn next_question(&self) -> Option<QuestionIx> {
        (0..self.eval.asked.len())
            .find(|&q| self.eval.asked[q] == Asked::Yes && self.answers.get(q).is_none())
    }
}

/// Evaluates `answers` and explains the result.
pub fn decide(ds: &Dataset, answers: &Answers) -> Verdict {
    let eval = evaluate(ds, answers);
    let settlement = settle(ds, answers, &eval);
    let why_not = why_not(&eval);
    let what_if = what_if(ds, answers, &eval);
    let conflict = conflict(ds, answers, &eval);
    Verdict {
        answers: answers.clone(),
        eval,
        settlement,
        why_not,
        what_if,
        conflict,
    }
}
