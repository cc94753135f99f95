//! Explanations beyond the core evaluation: why not each other candidate (contrastive),
//! which single answer would change the pick (what-if), and when nothing fits, a smallest
//! set of conflicting answers with the relaxations that restore a fit.

use smallvec::SmallVec;

use super::evaluate::{Asked, Evaluation, Exclusions, quick_pick};
use crate::dataset::{Answers, CandidateIx, CandidateSet, Dataset, OptionIx, QuestionIx, RuleIx};

/// Why a candidate is not the pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyNot {
    pub candidate: CandidateIx,
    /// Non-empty when it is ruled out.
    pub exclusions: Exclusions,
    /// Points behind the pick (0 for a tie lost on dataset order).
    pub behind: i32,
    /// Fired rules that favour the pick over this candidate: (rule, pick's points, its points).
    pub contrast: Contrast,
}

/// Short lists, kept inline: why-not runs for every verdict.
pub type Contrast = SmallVec<[(RuleIx, i32, i32); 4]>;

/// A single answer that would change the pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub question: QuestionIx,
    /// The current answer, or `None` for a question not answered yet.
    pub from: Option<OptionIx>,
    pub to: OptionIx,
    /// The pick under the changed answer.
    pub pick: Option<CandidateIx>,
}

/// Answers that together rule out every candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The conflicting answers' questions, in dataset order.
    pub questions: Vec<QuestionIx>,
    /// Those of `questions` whose answers only make other conflicting questions apply.
    pub gating: Vec<QuestionIx>,
    /// True when no smaller set of answers conflicts (every smaller subset was tried);
    /// otherwise the set is minimal: dropping any one answer resolves it.
    pub smallest: bool,
    pub relaxations: Vec<Relaxation>,
}

/// A way out of a conflict: drop an answer (`to == None`) or change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relaxation {
    pub question: QuestionIx,
    pub to: Option<OptionIx>,
    /// Candidates that fit afterwards, best first.
    pub fits: Vec<CandidateIx>,
}

/// How many answer subsets the search for a smallest conflict may evaluate (and 64 times
/// as many it may rule out by a bit-mask test) before it settles for a minimal one (a
/// deletion filter, linear in the number of answers).
pub const SUBSET_BUDGET: usize = 1000;

pub fn why_not(ev: &Evaluation) -> Vec<WhyNot> {
    let Some(pick) = ev.pick else {
        return ev
            .ranking
            .iter()
            .map(|&c| WhyNot {
                candidate: c,
                exclusions: ev.standings[c].exclusions.clone(),
                behind: 0,
                contrast: Contrast::new(),
            })
            .collect();
    };
    let top = &ev.standings[pick];
    ev.ranking
        .iter()
        .filter(|&&c| c != pick)
        .map(|&c| {
            let s = &ev.standings[c];
            let contrast = contrast(&top.points, &s.points);
            WhyNot {
                candidate: c,
                exclusions: s.exclusions.clone(),
                behind: if s.is_excluded() {
                    0
                } else {
                    top.score - s.score
                },
                contrast,
            }
        })
        .collect()
}

/// Fired rules that give the pick more points than `theirs`: (rule, pick's points, its
/// points), the widest gap first. Both lists are in rule order (rules fire in dataset
/// order), so one merge pass pairs them without a lookup.
fn contrast(mine: &[(RuleIx, i32)], theirs: &[(RuleIx, i32)]) -> Contrast {
    debug_assert!(mine.is_sorted_by_key(|p| p.0) && theirs.is_sorted_by_key(|p| p.0));
    let mut out = Contrast::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let (r, m, t) = match (mine.get(i), theirs.get(j)) {
            (Some(&(a, m)), Some(&(b, t))) if a == b => {
                i += 1;
                j += 1;
                (a, m, t)
            }
            (Some(&(a, m)), Some(&(b, _))) if a < b => {
                i += 1;
                (a, m, 0)
            }
            (Some(&(a, m)), None) => {
                i += 1;
                (a, m, 0)
            }
            (_, Some(&(b, t))) => {
                j += 1;
                (b, 0, t)
            }
            (None, None) => break,
        };
        if m > t {
            out.push((r, m, t));
        }
    }
    out.sort_by_key(|&(r, m, t)| (-(m - t), r));
    out
}

/// Every single-answer change (to an asked question) that changes the pick.
pub fn what_if(ds: &Dataset, answers: &Answers, ev: &Evaluation) -> Vec<WhatIf> {
    let mut out = Vec::new();
    for (q, question) in ds.questions.iter().enumerate() {
        if ev.asked[q] != Asked::Yes {
            continue;
        }
        let from = answers.get(q);
        for to in 0..question.options.len() {
            if Some(to) == from {
                continue;
            }
            let changed = quick_pick(ds, &answers.with(q, Some(to)));
            if changed.pick != ev.pick || changed.none_needed != ev.none_needed {
                out.push(WhatIf {
                    question: q,
                    from,
                    to,
                    pick: changed.pick,
                });
            }
        }
    }
    out
}

/// Whether question `g` gates `q`: `q` is asked only if `g` has certain answers (transitively).
pub fn gates(ds: &Dataset, g: QuestionIx, q: QuestionIx) -> bool {
    ds.gated_by[q].binary_search(&g).is_ok()
}

/// When nothing fits: a smallest (or at least minimal) set of conflicting answers.
pub fn conflict(ds: &Dataset, answers: &Answers, ev: &Evaluation) -> Option<Conflict> {
    if !ev.nothing_fits() {
        return None;
    }
    // Only answers that count can conflict.
    let given: Vec<QuestionIx> = answers
        .answered()
        .map(|(q, _)| q)
        .filter(|&q| ev.asked[q] == Asked::Yes)
        .collect();
    // One answer buffer, reset between subsets: the search runs many times per verdict.
    let scratch = std::cell::RefCell::new(Answers::empty(answers.len()));
    let conflicts = |keep: &[QuestionIx]| {
        let mut a = scratch.borrow_mut();
        for &q in &given {
            a.clear(q);
        }
        for &q in keep {
            if let Some(o) = answers.get(q) {
                a.set(q, o);
            }
        }
        quick_pick(ds, &a).nothing_fits()
    };

    // Smallest first: every subset in size order, while the search budget lasts. A subset
    // can only conflict if the rules it can fire on its own (every question of the rule,
    // and every question that gates those, answered in the subset as in the full answers)
    // and the context's support rule out every candidate; that cheap bit-mask test skips
    // most subsets without evaluating.
    // Only answers that can matter take part (see `Cover::relevant`): a smallest conflict
    // never holds another, so leaving them out shrinks the search, not its result.
    let cover = Cover::new(ds, answers, &given);
    let relevant: Vec<usize> = (0..given.len()).filter(|&p| cover.relevant(p)).collect();
    let mut found: Option<(Vec<QuestionIx>, bool)> = None;
    let mut evaluated = 0usize;
    let mut enumerated = 0usize;
    let mut positions: Vec<usize> = Vec::with_capacity(relevant.len());
    let mut subset: Vec<QuestionIx> = Vec::with_capacity(relevant.len());
    'sizes: for size in 0..=relevant.len() {
        let mut pick: Vec<usize> = (0..size).collect();
        loop {
            if evaluated >= SUBSET_BUDGET || enumerated >= SUBSET_BUDGET * 64 {
                break 'sizes;
            }
            enumerated += 1;
            positions.clear();
            positions.extend(pick.iter().map(|&i| relevant[i]));
            if cover.may_conflict(&positions) {
                evaluated += 1;
                subset.clear();
                subset.extend(positions.iter().map(|&p| given[p]));
                if conflicts(&subset) {
                    found = Some((subset, true));
                    break 'sizes;
                }
            }
            if !next_combination(&mut pick, relevant.len()) {
                break;
            }
        }
    }
    // Otherwise a deletion filter: drop every answer the conflict survives without.
    let (questions, smallest) = found.unwrap_or_else(|| {
        let mut keep = given.clone();
        let mut i = 0;
        while i < keep.len() {
            let mut without = keep.clone();
            without.remove(i);
            if conflicts(&without) {
                keep = without;
            } else {
                i += 1;
            }
        }
        (keep, false)
    });

    // Answers in the set that only make other conflicting questions apply.
    let gating: Vec<QuestionIx> = questions
        .iter()
        .copied()
        .filter(|&g| questions.iter().any(|&q| gates(ds, g, q)))
        .collect();
    let mut relaxations = Vec::new();
    for &q in &questions {
        let from = answers.get(q);
        // Dropping an answer that other answers depend on would silently discard them too.
        let droppable = !given.iter().any(|&other| gates(ds, q, other));
        let options = std::iter::once(None)
            .filter(|_| droppable)
            .chain((0..ds.questions[q].options.len()).map(Some));
        for to in options.filter(|&to| to != from) {
            let p = quick_pick(ds, &answers.with(q, to));
            // What fits, best first (ties in dataset order, as the ranking has them).
            let mut fits: Vec<CandidateIx> = (0..ds.candidates.len())
                .filter(|&c| p.excluded & (1 << c) == 0)
                .collect();
            fits.sort_by_key(|&c| -(p.scores[c] as i64));
            // A relaxation must restore a fit, not reach "none needed" (what-if shows that).
            if p.pick.is_some() {
                relaxations.push(Relaxation {
                    question: q,
                    to,
                    fits,
                });
            }
        }
    }
    Some(Conflict {
        questions,
        gating,
        smallest,
        relaxations,
    })
}

/// A necessary condition for a subset of the given answers to conflict on its own.
struct Cover {
    /// For each rule that the full answers match: (positions in `given` of its questions
    /// and of the questions that gate them, the candidates it rules out).
    rules: Vec<(u128, CandidateSet)>,
    /// Positions of the context question and its gates in `given`, and what its answer
    /// rules out.
    context: Option<(u128, CandidateSet)>,
    all: CandidateSet,
    /// Positions whose answer can change whether a subset conflicts: those of the rules
    /// above and of the context. Any other answer can be dropped from a conflicting subset
    /// and it still conflicts (with fewer answers, fewer rules fire, no final outcome
    /// closes a question the full answers keep open, and no "none needed" outcome appears,
    /// since the full answers reach none), so no smallest conflict holds one.
    relevant: u128,
    /// More than 128 answers: no masks, every subset may conflict.
    unbounded: bool,
}

impl Cover {
    fn new(ds: &Dataset, answers: &Answers, given: &[QuestionIx]) -> Self {
        let position = |q: QuestionIx| given.iter().position(|&g| g == q);
        let mut rules = Vec::new();
        for rule in &ds.rules {
            if rule.rules_out == 0 {
                continue;
            }
            let mut qmask = 0u128;
            let fires = rule.when.tests.iter().all(|t| {
                match (position(t.question), answers.get(t.question)) {
                    (Some(p), Some(o)) if p < 128 && t.options & (1 << o) != 0 => {
                        qmask |= 1 << p;
                        true
                    }
                    _ => false,
                }
            });
            if fires {
                // A tested question is asked only when the questions that gate it are
                // answered too: without them in the subset, the rule cannot fire.
                for t in &rule.when.tests {
                    for &g in &ds.gated_by[t.question] {
                        if let Some(p) = position(g).filter(|&p| p < 128) {
                            qmask |= 1 << p;
                        }
                    }
                }
                rules.push((qmask, rule.rules_out));
            }
        }
        let mut relevant = rules.iter().fold(0u128, |m, &(qmask, _)| m | qmask);
        let context = ds.context_question.and_then(|q| {
            let p = position(q).filter(|&p| p < 128)?;
            let needs = ds.gated_by[q]
                .iter()
                .filter_map(|&g| position(g).filter(|&i| i < 128))
                .fold(1u128 << p, |m, i| m | 1 << i);
            Some((needs, ds.contexts[answers.get(q)?].unsupported))
        });
        if let Some((needs, _)) = context {
            relevant |= needs;
        }
        Self {
            rules,
            context,
            all: (0..ds.candidates.len()).fold(0, |m, c| m | (1 << c)),
            relevant,
            unbounded: given.len() > 128,
        }
    }

    /// Whether the answer at `position` in `given` can take part in a smallest conflict.
    fn relevant(&self, position: usize) -> bool {
        self.unbounded || (position < 128 && self.relevant & (1 << position) != 0)
    }

    fn may_conflict(&self, positions: &[usize]) -> bool {
        if self.unbounded {
            return true;
        }
        let set: u128 = positions.iter().fold(0, |m, &p| m | (1 << p));
        let mut out = match self.context {
            Some((needs, unsupported)) if needs & !set == 0 => unsupported,
            _ => 0,
        };
        for &(qmask, rules_out) in &self.rules {
            if qmask & !set == 0 {
                out |= rules_out;
            }
        }
        out & self.all == self.all
    }
}

/// Advances `idx` (strictly increasing indices below `n`) to the next combination.
fn next_combination(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    for i in (0..k).rev() {
        if idx[i] < n - k + i {
            idx[i] += 1;
            for j in i + 1..k {
                idx[j] = idx[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::next_combination;

    #[test]
    fn combinations_cover_every_subset_once() {
        let mut idx = vec![0, 1];
        let mut seen = vec![idx.clone()];
        while next_combination(&mut idx, 4) {
            seen.push(idx.clone());
        }
        assert_eq!(seen.len(), 6);
        assert_eq!(seen.last(), Some(&vec![2, 3]));
    }
}
