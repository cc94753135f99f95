//! Is the result settled? Sound bounds, not enumeration.
//!
//! Answering more questions is monotone: a condition that holds keeps holding and one
//! that failed keeps failing (a question's "asked" state only moves from not-yet to yes
//! or no). So fired rules stay fired, exclusions stay, and only *pending* rules (whose
//! truth is still unknown) can change anything. Each pending rule may or may not fire,
//! so a candidate's final score lies between its score plus all pending negative points
//! and its score plus all pending positive points. The pick is settled when it cannot be
//! ruled out any more and no other candidate can reach it. Cost: O(rules × tests +
//! candidates × pending rules), whatever the number of remaining answer combinations.

use smallvec::SmallVec;

use super::evaluate::{Asked, Evaluation, Truth, truth};
use crate::dataset::{Answers, CandidateIx, CandidateSet, Dataset, QuestionIx, RuleIx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// No further answer can change the pick.
    pub settled: bool,
    /// Unanswered questions that may still change the pick, in dataset order.
    pub open: Vec<QuestionIx>,
    /// When the pick shares its score with others (first only by the dataset's order):
    /// the unanswered questions whose answer may break that tie, in dataset order.
    pub tie_breakers: Vec<QuestionIx>,
}

/// Score bounds of one candidate over every way the pending rules may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub low: i64,
    pub high: i64,
    /// Some pending rule or context answer could still rule it out.
    pub may_be_excluded: bool,
}

pub fn settle(ds: &Dataset, answers: &Answers, ev: &Evaluation) -> Settlement {
    // Inline: settle runs for every verdict, and few rules are pending at once.
    let standing: CandidateSet = (0..ds.candidates.len())
        .filter(|&c| !ev.standings[c].is_excluded())
        .fold(0, |m, c| m | (1 << c));
    let mut pending: SmallVec<[RuleIx; 32]> = (0..ds.rules.len())
        .filter(|&r| truth(&ds.rules[r].when, answers, &ev.asked) == Truth::Unknown)
        .collect();
    drop_alike_shifts(ds, &mut pending, standing);
    // Exclusions and "none needed" outcomes are permanent, unless a final outcome still to
    // come ends the questionnaire before the answers that caused them.
    let Some(pick) = ev.pick else {
        let mut open = OpenMarks::new(ds, answers, ev);
        open.before_pending_finals(&pending);
        let open = open.questions();
        return Settlement {
            settled: open.is_empty(),
            open,
            tie_breakers: Vec::new(),
        };
    };
    let tie_breakers = tie_breakers(ds, answers, ev, &pending);
    let context_open = ds
        .context_question
        .filter(|&q| context_pending(ev, answers, q));
    let bounds = bounds(ds, ev, &pending, context_open.is_some());

    let t = bounds[pick];
    // A contender could still reach the pick: beat its lowest score, or tie it and come first.
    let contender = |c: CandidateIx| {
        c != pick
            && standing & (1 << c) != 0
            && (bounds[c].high > t.low || (bounds[c].high == t.low && c < pick))
    };
    let contenders: CandidateSet = (0..ds.candidates.len())
        .filter(|&c| contender(c))
        .fold(0, |m, c| m | (1 << c));
    // An outcome still to come could say none is needed, or (if final) make answers given
    // beyond it not count.
    let outcome_pending = pending.iter().any(|&r| {
        ds.rules[r]
            .outcome
            .is_some_and(|o| ds.outcomes[o].no_candidate || ds.outcomes[o].is_final)
    });
    let settled = !t.may_be_excluded && contenders == 0 && !outcome_pending;
    if settled {
        return Settlement {
            settled,
            open: Vec::new(),
            tie_breakers,
        };
    }

    // Candidates that may still end up the pick: the pick and its contenders; if the pick
    // itself may be ruled out, any candidate still standing. (A candidate that cannot reach
    // the pick's lowest score cannot beat a contender that overtakes the pick either.)
    let in_play: CandidateSet = if t.may_be_excluded {
        standing
    } else {
        contenders | (1 << pick)
    };
    // A pending rule matters if it rules out a candidate in play, moves points of one while
    // another is in play too (points decide only between candidates), or leads to an outcome.
    let ranks = in_play.count_ones() > 1;
    let mut open = OpenMarks::new(ds, answers, ev);
    for &r in &pending {
        let rule = &ds.rules[r];
        let relevant = rule.rules_out & in_play != 0
            || rule.outcome.is_some()
            || (ranks && rule.score.iter().any(|&(c, _)| in_play & (1 << c) != 0));
        if relevant {
            for &q in rule.when.questions() {
                open.mark(q);
            }
        }
    }
    if let Some(q) = context_open
        && ds.contexts.iter().any(|ctx| ctx.unsupported & in_play != 0)
    {
        open.mark(q);
    }
    open.before_pending_finals(&pending);
    Settlement {
        settled,
        open: open.questions(),
        tie_breakers,
    }
}

/// Leaves out of `pending` the rules that, with the others of the very same condition
/// (they fire together: `Dataset::condition_groups`), would move every candidate still
/// `standing` by the same points and do nothing else to them (rule none out, reach no
/// outcome). Whatever else is answered, they cannot change the order of the candidates
/// that can still be picked, so the questions only they read cannot change the pick: a
/// condition that gives each of the last two candidates standing a point decides nothing
/// between them.
fn drop_alike_shifts(ds: &Dataset, pending: &mut SmallVec<[RuleIx; 32]>, standing: CandidateSet) {
    pending.sort_by_key(|&r| (ds.condition_groups[r], r));
    let mut kept: SmallVec<[RuleIx; 32]> = SmallVec::new();
    for group in pending.chunk_by(|&a, &b| ds.condition_groups[a] == ds.condition_groups[b]) {
        if !shifts_all_alike(ds, group, standing) {
            kept.extend_from_slice(group);
        }
    }
    kept.sort_unstable();
    *pending = kept;
}

/// Whether the rules of `group`, firing together, move every `standing` candidate by the
/// same points and nothing else.
fn shifts_all_alike(ds: &Dataset, group: &[RuleIx], standing: CandidateSet) -> bool {
    let mut points = [0i64; CandidateSet::BITS as usize];
    for &r in group {
        let rule = &ds.rules[r];
        if rule.outcome.is_some() || rule.rules_out & standing != 0 {
            return false;
        }
        for &(c, w) in &rule.score {
            points[c] += i64::from(w);
        }
    }
    let mut each = (0..ds.candidates.len())
        .filter(|&c| standing & (1 << c) != 0)
        .map(|c| points[c]);
    match each.next() {
        Some(first) => each.all(|p| p == first),
        None => true,
    }
}

/// When the pick is tied: the unanswered questions of pending rules that would give the
/// tied candidates different points or rule some of them out (and the context question, if
/// open and the contexts tell them apart), with the questions that gate those.
fn tie_breakers(
    ds: &Dataset,
    answers: &Answers,
    ev: &Evaluation,
    pending: &[RuleIx],
) -> Vec<QuestionIx> {
    if ev.tie.is_empty() {
        return Vec::new();
    }
    let tied: CandidateSet = ev.tie.iter().fold(0, |m, &c| m | (1 << c));
    let points = |rule: &crate::dataset::Rule, c: CandidateIx| {
        rule.score
            .iter()
            .find(|&&(x, _)| x == c)
            .map_or(0, |&(_, w)| w)
    };
    let mut open = OpenMarks::new(ds, answers, ev);
    for &r in pending {
        let rule = &ds.rules[r];
        let first = points(rule, ev.tie[0]);
        let breaks =
            rule.rules_out & tied != 0 || ev.tie[1..].iter().any(|&c| points(rule, c) != first);
        if breaks {
            for &q in rule.when.questions() {
                open.mark(q);
            }
        }
    }
    if let Some(q) = ds.context_question
        && context_pending(ev, answers, q)
        && ds.contexts.iter().any(|ctx| {
            let out = ctx.unsupported & tied;
            out != 0 && out != tied
        })
    {
        open.mark(q);
    }
    open.questions()
}

/// The context answer could still arrive (or still come to count).
fn context_pending(ev: &Evaluation, answers: &Answers, q: QuestionIx) -> bool {
    match ev.asked[q] {
        Asked::No => false,
        Asked::Yes => answers.get(q).is_none(),
        Asked::NotYet => true,
    }
}

pub fn bounds(
    ds: &Dataset,
    ev: &Evaluation,
    pending: &[RuleIx],
    context_open: bool,
) -> Vec<Bounds> {
    let mut out: Vec<Bounds> = ev
        .standings
        .iter()
        .map(|s| Bounds {
            low: s.score as i64,
            high: s.score as i64,
            may_be_excluded: false,
        })
        .collect();
    for &r in pending {
        let rule = &ds.rules[r];
        for &(c, w) in &rule.score {
            if w < 0 {
                out[c].low += w as i64;
            } else {
                out[c].high += w as i64;
            }
        }
        for (c, b) in out.iter_mut().enumerate() {
            b.may_be_excluded |= rule.can_exclude(c);
        }
    }
    if context_open {
        for (c, b) in out.iter_mut().enumerate() {
            b.may_be_excluded |= ds.contexts.iter().any(|ctx| !ctx.support[c]);
        }
    }
    out
}

/// The unanswered questions found able to matter, marked once each: a question's gates are
/// walked at most once per settlement, so marking costs O(questions + gates) in all,
/// however many rules lead to the same questions.
struct OpenMarks<'a> {
    ds: &'a Dataset,
    answers: &'a Answers,
    ev: &'a Evaluation,
    open: Vec<bool>,
    /// Questions already walked (open or not): answered questions waiting on a gate are
    /// walked too, and must not be walked again.
    seen: Vec<bool>,
}

impl<'a> OpenMarks<'a> {
    fn new(ds: &'a Dataset, answers: &'a Answers, ev: &'a Evaluation) -> Self {
        Self {
            ds,
            answers,
            ev,
            open: vec![false; ds.questions.len()],
            seen: vec![false; ds.questions.len()],
        }
    }

    /// Marks `q` as able to matter if it is still open, and the questions that gate it.
    fn mark(&mut self, q: QuestionIx) {
        let mut work = vec![q];
        while let Some(q) = work.pop() {
            if self.ev.asked[q] == Asked::No || self.seen[q] {
                continue;
            }
            self.seen[q] = true;
            if self.answers.get(q).is_none() {
                self.open[q] = true;
            }
            if self.ev.asked[q] == Asked::NotYet {
                work.extend(self.ds.questions[q].ask_if.questions());
            }
        }
    }

    /// A final outcome still to come ends the questionnaire where it is reached: answers
    /// beyond that point stop counting, so what they caused (exclusions, points) may go and
    /// any unanswered question before it that something reads may then decide. Marks those
    /// (before the latest closing point of all pending final rules: the union of each
    /// rule's), and the final rules' own questions.
    fn before_pending_finals(&mut self, pending: &[RuleIx]) {
        let mut latest = None;
        for &(r, closes_from) in &self.ds.final_rules {
            if pending.binary_search(&r).is_err() {
                continue;
            }
            for &q in self.ds.rules[r].when.questions() {
                self.mark(q);
            }
            latest = latest.max(Some(closes_from));
        }
        let Some(end) = latest else { return };
        for q in 0..end.min(self.ds.questions.len()) {
            // Only questions that something reads: the context, or one a rule tests.
            if self.ds.context_question == Some(q) || !self.ds.rules_testing[q].is_empty() {
                self.mark(q);
            }
        }
    }

    fn questions(&self) -> Vec<QuestionIx> {
        (0..self.open.len()).filter(|&q| self.open[q]).collect()
    }
}
