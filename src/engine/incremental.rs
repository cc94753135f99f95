//! Single-answer changes evaluated incrementally, for what-if and relaxations.
//!
//! A change to a question that reshapes nothing (it gates no question and no final outcome
//! depends on it) leaves every other question's state as it is, so only the rules that test
//! that question can start or stop firing. [`Baseline`] keeps, for the answers as they are,
//! which rules fire and the running totals (scores, how many things rule each candidate
//! out, how many "none needed" outcomes hold); a change is then a few additions and
//! subtractions, not a walk over every rule. Questions that do reshape the questionnaire
//! are evaluated in full by the caller.

use super::evaluate::{Asked, Pick};
use crate::dataset::{
    Answers, CandidateIx, ContextIx, Dataset, MAX_CANDIDATES, OptionIx, OptionSet, QuestionIx, Rule,
};

/// The answers as they are, with the running totals a single change adjusts.
pub struct Baseline<'a> {
    ds: &'a Dataset,
    /// Per question, the bit of the answer that counts, else 0.
    counted: Vec<OptionSet>,
    /// Per rule, whether it fires.
    fired: Vec<bool>,
    scores: [i32; MAX_CANDIDATES],
    /// Per candidate, how many fired rules (and the context) rule it out.
    ruled_out_by: [u32; MAX_CANDIDATES],
    /// How many fired rules reach an outcome that says no candidate is needed.
    none_needed: u32,
    context: Option<ContextIx>,
}

fn fires(rule: &Rule, counted: &[OptionSet]) -> bool {
    rule.when.fires(counted)
}

impl<'a> Baseline<'a> {
    /// The totals for `answers`, whose questions are asked as `asked` says.
    pub fn new(ds: &'a Dataset, answers: &Answers, asked: &[Asked]) -> Self {
        let counted: Vec<OptionSet> = (0..ds.questions.len())
            .map(|q| match (asked[q], answers.get(q)) {
                (Asked::Yes, Some(o)) => 1 << o,
                _ => 0,
            })
            .collect();
        let context = ds
            .context_question
            .and_then(|q| (asked[q] == Asked::Yes).then(|| answers.get(q)).flatten());
        let mut b = Self {
            ds,
            fired: vec![false; ds.rules.len()],
            counted,
            scores: [0; MAX_CANDIDATES],
            ruled_out_by: [0; MAX_CANDIDATES],
            none_needed: 0,
            context,
        };
        if let Some(x) = context {
            b.context_effect(x, 1);
        }
        for (r, rule) in ds.rules.iter().enumerate() {
            if fires(rule, &b.counted) {
                b.fired[r] = true;
                b.rule_effect(rule, 1);
            }
        }
        b
    }

    fn rule_effect(&mut self, rule: &Rule, sign: i32) {
        for &(c, w) in &rule.score {
            self.scores[c] += sign * w;
        }
        let mut out = rule.rules_out;
        while out != 0 {
            let c = out.trailing_zeros() as usize;
            out &= out - 1;
            self.ruled_out_by[c] = self.ruled_out_by[c].wrapping_add_signed(sign);
        }
        if rule
            .outcome
            .is_some_and(|o| self.ds.outcomes[o].no_candidate)
        {
            self.none_needed = self.none_needed.wrapping_add_signed(sign);
        }
    }

    fn context_effect(&mut self, x: ContextIx, sign: i32) {
        let mut out = self.ds.contexts[x].unsupported;
        while out != 0 {
            let c = out.trailing_zeros() as usize;
            out &= out - 1;
            self.ruled_out_by[c] = self.ruled_out_by[c].wrapping_add_signed(sign);
        }
    }

    /// What each change costs, in rule tests: what a caller's budget counts.
    pub fn cost(&self, q: QuestionIx) -> usize {
        1 + self.ds.rules_testing[q].len()
    }

    /// The pick if question `q` (asked, and reshaping nothing) counted `to` instead
    /// (`None`: no answer). The totals are restored before returning.
    pub fn with_change(&mut self, q: QuestionIx, to: Option<OptionIx>) -> Pick {
        debug_assert!(!self.ds.reshapes[q]);
        let before = self.counted[q];
        self.set(q, to.map_or(0, |o| 1 << o));
        let pick = self.pick();
        self.set(q, before);
        pick
    }

    fn set(&mut self, q: QuestionIx, counted: OptionSet) {
        let ds = self.ds;
        if ds.context_question == Some(q) {
            if let Some(x) = self.context {
                self.context_effect(x, -1);
            }
            self.context = (counted != 0).then(|| counted.trailing_zeros() as ContextIx);
            if let Some(x) = self.context {
                self.context_effect(x, 1);
            }
        }
        self.counted[q] = counted;
        for &r in &ds.rules_testing[q] {
            let now = fires(&ds.rules[r], &self.counted);
            if now != self.fired[r] {
                self.fired[r] = now;
                self.rule_effect(&ds.rules[r], if now { 1 } else { -1 });
            }
        }
    }

    fn pick(&self) -> Pick {
        let n = self.ds.candidates.len();
        let excluded = (0..n)
            .filter(|&c| self.ruled_out_by[c] > 0)
            .fold(0, |m, c| m | (1u64 << c));
        let mut best: Option<CandidateIx> = None;
        for c in 0..n {
            if excluded & (1 << c) == 0 && best.is_none_or(|b| self.scores[c] > self.scores[b]) {
                best = Some(c);
            }
        }
        let none_needed = self.none_needed > 0;
        Pick {
            pick: if none_needed { None } else { best },
            none_needed,
            excluded,
            scores: self.scores,
        }
    }
}
