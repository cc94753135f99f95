//! The questionnaire's flow, one type for every face: which question comes next, which one
//! going back returns to, "question n of m", which questions are skipped because they can
//! no longer change the outcome, whether the result is reached, and what each option of a
//! question would do. The wizard, the plain mode and `check` all drive it; none decides the
//! flow on its own.
//!
//! Only questions that can still change the outcome are asked: the open questions of the
//! settlement (sound bounds: an answer to any other question cannot change the pick), and,
//! when the pick is only first by the dataset's order, the questions that could break that
//! tie. Among them, dataset order. The others are skipped: "not needed", yet answerable.

use super::evaluate::{Asked, Evaluation, Pick, quick_pick};
use super::settle::Settlement;
use super::{Verdict, members};
use crate::dataset::{Answers, CandidateIx, CandidateSet, Dataset, OptionIx, QuestionIx};

/// The flow over the answers so far (with their evaluation and settlement).
#[derive(Clone, Copy)]
pub struct Flow<'a> {
    answers: &'a Answers,
    eval: &'a Evaluation,
    settlement: &'a Settlement,
}

/// What answering a question with one option would do to the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub option: OptionIx,
    /// Candidates this answer would rule out that are in the running now.
    pub rules_out: CandidateSet,
    /// The candidates that would still fit.
    pub fits: CandidateSet,
    /// Under this answer: the pick, and whether an outcome says none is needed.
    pub pick: Option<CandidateIx>,
    pub none_needed: bool,
    /// When nothing would fit: earlier answers that, dropped, would leave a fit (the
    /// answers this one conflicts with), in dataset order.
    pub conflicts_with: Vec<QuestionIx>,
}

impl Preview {
    /// Whether this answer leads into a contradiction.
    pub fn nothing_fits(&self) -> bool {
        self.pick.is_none() && !self.none_needed
    }
}

/// How many earlier answers a preview tries dropping, to name the ones an answer conflicts
/// with: one evaluation each; a person reads one or two.
const CONFLICT_PROBES: usize = 64;

impl<'a> Flow<'a> {
    pub fn new(answers: &'a Answers, eval: &'a Evaluation, settlement: &'a Settlement) -> Self {
        Self {
            answers,
            eval,
            settlement,
        }
    }

    /// The flow of a verdict.
    pub fn of(verdict: &'a Verdict) -> Self {
        Self::new(&verdict.answers, &verdict.eval, &verdict.settlement)
    }

    /// How many questions the dataset has.
    fn questions(&self) -> usize {
        self.eval.asked.len()
    }

    fn asked(&self, q: QuestionIx) -> bool {
        self.eval.asked[q] == Asked::Yes
    }

    fn answered(&self, q: QuestionIx) -> bool {
        self.answers.get(q).is_some()
    }

    /// The answer given to `q`, if any.
    pub fn answer(&self, q: QuestionIx) -> Option<OptionIx> {
        self.answers.get(q)
    }

    /// Whether an answer to `q` may still change the outcome: the pick (or that there is
    /// none), or whether a tie is decided by the dataset's order.
    pub fn can_change(&self, q: QuestionIx) -> bool {
        let s = self.settlement;
        s.open.binary_search(&q).is_ok() || s.tie_breakers.binary_search(&q).is_ok()
    }

    /// Whether `q` is still to be asked: asked, unanswered, and able to change the outcome.
    pub fn to_ask(&self, q: QuestionIx) -> bool {
        self.asked(q) && !self.answered(q) && self.can_change(q)
    }

    /// The next question to ask, in dataset order; `None`: the result is reached.
    pub fn next(&self) -> Option<QuestionIx> {
        (0..self.questions()).find(|&q| self.to_ask(q))
    }

    /// After answering (or reviewing) `q`: the next question in dataset order that was
    /// answered (so walking forward again shows earlier answers) or is still to ask; else
    /// the first still to ask before it; `None`: the result.
    pub fn next_after(&self, q: QuestionIx) -> Option<QuestionIx> {
        (q + 1..self.questions())
            .find(|&p| self.asked(p) && (self.answered(p) || self.to_ask(p)))
            .or_else(|| self.next())
    }

    /// Going back from `q`: the previous asked question that has an answer.
    pub fn previous(&self, q: QuestionIx) -> Option<QuestionIx> {
        (0..q.min(self.questions()))
            .rev()
            .find(|&p| self.asked(p) && self.answered(p))
    }

    /// The last question answered, for going back from the result.
    pub fn last_answered(&self) -> Option<QuestionIx> {
        self.previous(self.questions())
    }

    /// Asked questions that can no longer change the outcome and have no answer: skipped
    /// ("not needed"), though the person may still answer them.
    pub fn not_needed(&self) -> Vec<QuestionIx> {
        (0..self.questions())
            .filter(|&q| self.asked(q) && !self.answered(q) && !self.can_change(q))
            .collect()
    }

    /// "Question n of m" for `q`: n counts the questions answered before it, and m adds the
    /// questions that may still be asked (those gated by an unanswered question included),
    /// so m shrinks as answers make questions unnecessary.
    pub fn position(&self, q: QuestionIx) -> (usize, usize) {
        let answered_before = (0..q)
            .filter(|&p| self.asked(p) && self.answered(p))
            .count();
        let answered = (0..self.questions())
            .filter(|&p| self.asked(p) && self.answered(p))
            .count();
        let may_come = (0..self.questions())
            .filter(|&p| !self.answered(p) && self.eval.asked[p] != Asked::No && self.can_change(p))
            .count();
        let n = answered_before + 1;
        let here = usize::from(!self.answered(q) && !self.can_change(q));
        (n, (answered + may_come + here).max(n))
    }

    /// What each option of `q` would do, against the answers so far.
    pub fn previews(&self, ds: &Dataset, q: QuestionIx) -> Vec<Preview> {
        let answers = self.answers;
        let now = quick_pick(ds, answers);
        let fitting = |p: &Pick| {
            (0..ds.candidates.len())
                .filter(|&c| p.excluded & (1 << c) == 0)
                .fold(0, |m: CandidateSet, c| m | (1 << c))
        };
        let in_running = fitting(&now);
        let mut scratch = answers.clone();
        (0..ds.questions[q].options.len())
            .map(|o| {
                scratch.set(q, o);
                let p = quick_pick(ds, &scratch);
                let fits = fitting(&p);
                let conflicts_with = if p.nothing_fits() {
                    self.conflicts_with(ds, &mut scratch.clone(), q)
                } else {
                    Vec::new()
                };
                Preview {
                    option: o,
                    rules_out: in_running & !fits,
                    fits,
                    pick: p.pick,
                    none_needed: p.none_needed,
                    conflicts_with,
                }
            })
            .collect()
    }

    /// Earlier answers that, dropped from `answers` (where `q` has the option tried), would
    /// leave something fitting.
    fn conflicts_with(
        &self,
        ds: &Dataset,
        answers: &mut Answers,
        q: QuestionIx,
    ) -> Vec<QuestionIx> {
        // An answer that other answers depend on (a gate) would, dropped, take them with it:
        // not what "conflicts with" means.
        let gates_another = |p: QuestionIx| {
            answers
                .answered()
                .any(|(other, _)| other != p && ds.gated_by[other].binary_search(&p).is_ok())
        };
        let given: Vec<(QuestionIx, OptionIx)> = answers
            .answered()
            .filter(|&(p, _)| p != q && self.asked(p) && !gates_another(p))
            .take(CONFLICT_PROBES)
            .collect();
        let mut out = Vec::new();
        for (p, o) in given {
            answers.clear(p);
            if !quick_pick(ds, answers).nothing_fits() {
                out.push(p);
            }
            answers.set(p, o);
        }
        out
    }

    /// Where the cursor starts on `q`: the person's answer when they gave one; else the
    /// first option that keeps something fitting (never one that leads into a
    /// contradiction, when another does not).
    pub fn start_option(&self, q: QuestionIx, previews: &[Preview]) -> OptionIx {
        self.answers
            .get(q)
            .or_else(|| {
                previews
                    .iter()
                    .find(|p| !p.nothing_fits())
                    .map(|p| p.option)
            })
            .unwrap_or(0)
    }
}

/// The names of a candidate set, in dataset order.
pub fn names(ds: &Dataset, set: CandidateSet) -> Vec<String> {
    members(set)
        .map(|c| ds.candidates[c].name.clone())
        .collect()
}
