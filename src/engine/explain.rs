//! Explanations beyond the core evaluation: why not each other candidate (contrastive),
//! which single answer would change the pick (what-if), and when nothing fits, a smallest
//! set of conflicting answers with the relaxations that restore a fit.

use smallvec::SmallVec;

use super::evaluate::{Asked, Evaluation, Exclusions, Pick, quick_pick, quick_pick_asked};
use super::incremental::Baseline;
use crate::dataset::{
    Answers, CandidateIx, CandidateSet, Dataset, MAX_QUESTIONS, OptionIx, QuestionIx, RuleIx,
};

/// Why a candidate is not the pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyNot {
    pub candidate: CandidateIx,
    /// Non-empty when it is ruled out.
    pub exclusions: Exclusions,
    /// Points behind the pick (0 for a tie lost on dataset order).
    pub behind: i32,
    /// Per answer, the points that set the pick and this candidate apart: only answers
    /// that gave them different points, so the differences (with `rest`) add up to
    /// `behind`. Empty for an excluded candidate, and for a pure tie (they score the same
    /// on every answer). At most [`CONTRASTS_KEPT`].
    pub contrast: Contrast,
    /// The net gap of the answers beyond the first [`CONTRASTS_KEPT`], not listed.
    pub rest: i32,
}

/// What one answer (or one combination of answers that rules test together) gave the
/// pick and another candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerContrast {
    /// The questions whose answers the rules test together, in dataset order; empty for
    /// rules that need no answer.
    pub questions: SmallVec<[QuestionIx; 2]>,
    /// The pick's net points from these answers.
    pub pick_points: i32,
    /// The other candidate's net points from these answers.
    pub their_points: i32,
    /// The fired rules that gave either of them points for these answers, in rule order.
    pub rules: SmallVec<[RuleIx; 2]>,
}

impl AnswerContrast {
    /// How many points these answers put the pick ahead (negative: behind).
    pub fn gap(&self) -> i32 {
        self.pick_points - self.their_points
    }
}

/// Short lists, kept inline: why-not runs for every verdict.
pub type Contrast = SmallVec<[AnswerContrast; 2]>;

/// A single answer that would change the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub question: QuestionIx,
    /// The current answer, or `None` for a question not answered yet.
    pub from: Option<OptionIx>,
    pub to: OptionIx,
    /// The pick under the changed answer.
    pub pick: Option<CandidateIx>,
    /// Under the changed answer, an outcome says no candidate is needed (otherwise, with no
    /// pick, nothing fits).
    pub none_needed: bool,
    /// Under the changed answer, the candidates sharing the pick's score, when more than
    /// one does: the pick is then first only by the dataset's order.
    pub tie: CandidateSet,
    /// Answers that count now and would stop counting (the change makes their questions
    /// no longer asked), in dataset order.
    pub drops: Vec<QuestionIx>,
    /// Questions the change would newly ask, not answered yet: the outcome shown is the
    /// one before they are answered.
    pub opens: Vec<QuestionIx>,
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
    /// Other answers that would stop counting, in dataset order.
    pub drops: Vec<QuestionIx>,
}

/// How many answer subsets the search for a smallest conflict may evaluate (and 64 times
/// as many it may rule out by a bit-mask test) before it settles for a minimal one (a
/// deletion filter, linear in the number of answers).
pub const SUBSET_BUDGET: usize = 1000;

pub fn why_not(ds: &Dataset, ev: &Evaluation) -> Vec<WhyNot> {
    let Some(pick) = ev.pick else {
        return ev
            .ranking
            .iter()
            .map(|&c| WhyNot {
                candidate: c,
                exclusions: ev.standings[c].exclusions.clone(),
                behind: 0,
                contrast: Contrast::new(),
                rest: 0,
            })
            .collect();
    };
    let top = &ev.standings[pick];
    ev.ranking
        .iter()
        .filter(|&&c| c != pick)
        .map(|&c| {
            let s = &ev.standings[c];
            let excluded = s.is_excluded();
            let (contrast, rest) = if excluded {
                (Contrast::new(), 0)
            } else {
                contrast(ds, &top.points, &s.points)
            };
            WhyNot {
                candidate: c,
                exclusions: s.exclusions.clone(),
                behind: if excluded { 0 } else { top.score - s.score },
                contrast,
                rest,
            }
        })
        .collect()
}

/// How many answers a why-not lists per candidate; the rest are summed up (`WhyNot::rest`).
pub const CONTRASTS_KEPT: usize = 32;

/// The answers that set two candidates apart: both point lists grouped by the questions
/// each rule tests (`Dataset::answer_groups`), netted per group, and only groups whose net
/// points differ kept; the pick's biggest leads first, then the groups where the other
/// candidate gains. Sorting the merged lists costs O(n log n), however many rules there are.
fn contrast(ds: &Dataset, mine: &[(RuleIx, i32)], theirs: &[(RuleIx, i32)]) -> (Contrast, i32) {
    let mut entries: SmallVec<[(u32, RuleIx, i32, i32); 8]> = mine
        .iter()
        .map(|&(r, m)| (ds.answer_groups[r], r, m, 0))
        .chain(theirs.iter().map(|&(r, t)| (ds.answer_groups[r], r, 0, t)))
        .collect();
    entries.sort_unstable_by_key(|e| (e.0, e.1));
    let mut out = Contrast::new();
    for chunk in entries.chunk_by(|a, b| a.0 == b.0) {
        let first = chunk[0].1;
        let mut rules: SmallVec<[RuleIx; 2]> = chunk.iter().map(|e| e.1).collect();
        rules.dedup();
        out.push(AnswerContrast {
            questions: ds.rules[first].when.questions().iter().copied().collect(),
            pick_points: chunk.iter().map(|e| e.2).sum(),
            their_points: chunk.iter().map(|e| e.3).sum(),
            rules,
        });
    }
    out.retain(|g| g.gap() != 0);
    out.sort_by(|a, b| (-a.gap(), &a.questions).cmp(&(-b.gap(), &b.questions)));
    let rest = out
        .drain(CONTRASTS_KEPT.min(out.len())..)
        .map(|g| g.gap())
        .sum();
    (out, rest)
}

/// How much work what-if may do per verdict, in rule tests: far more than a real dataset
/// needs (the bundled editions use a few hundred), and a bound on what a hostile one costs.
pub const WHAT_IF_WORK: usize = 2_000_000;
/// How many single changes a verdict lists; the others are counted (`WhatIfs::more`).
pub const WHAT_IFS_KEPT: usize = 32;

/// Every single change that changes the outcome, as far as the budget reaches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WhatIfs {
    /// The first [`WHAT_IFS_KEPT`], in dataset order.
    pub list: Vec<WhatIf>,
    /// More changes that change the outcome, not listed.
    pub more: usize,
    /// Changes not evaluated because the budget ran out (they may or may not matter).
    pub unexamined: usize,
}

/// Every single-answer change (to an asked question) that changes the outcome: the pick,
/// or whether a candidate is needed at all. Each is evaluated with every other answer
/// kept; those that would stop counting are listed with it. Changes to questions that
/// reshape nothing are evaluated incrementally; the others in full, within a budget.
pub fn what_if(ds: &Dataset, answers: &Answers, ev: &Evaluation) -> WhatIfs {
    let mut out = WhatIfs::default();
    let mut base = Baseline::new(ds, answers, &ev.asked);
    let mut scratch = answers.clone();
    let mut work = 0usize;
    let full = full_cost(ds);
    for (q, question) in ds.questions.iter().enumerate() {
        if ev.asked[q] != Asked::Yes {
            continue;
        }
        let from = answers.get(q);
        for to in 0..question.options.len() {
            if Some(to) == from {
                continue;
            }
            let cost = if ds.reshapes[q] { full } else { base.cost(q) };
            if work + cost > WHAT_IF_WORK {
                out.unexamined += 1;
                continue;
            }
            work += cost;
            scratch.set(q, to);
            let h = if ds.reshapes[q] {
                hypothetical(ds, answers, &ev.asked, &scratch, q)
            } else {
                Hypothetical::unreshaped(base.with_change(q, Some(to)))
            };
            if h.pick.pick == ev.pick && h.pick.none_needed == ev.none_needed {
                continue;
            }
            if out.list.len() == WHAT_IFS_KEPT {
                out.more += 1;
                continue;
            }
            out.list.push(WhatIf {
                question: q,
                from,
                to,
                pick: h.pick.pick,
                none_needed: h.pick.none_needed,
                tie: h.pick.tie(ds.candidates.len()),
                drops: h.drops,
                opens: h.opens,
            });
        }
        match from {
            Some(o) => scratch.set(q, o),
            None => scratch.clear(q),
        }
    }
    out
}

/// What evaluating a whole answer set costs, in the units of [`WHAT_IF_WORK`].
fn full_cost(ds: &Dataset) -> usize {
    ds.questions.len()
        + ds.rules
            .iter()
            .map(|r| 1 + r.when.tests().len())
            .sum::<usize>()
}

/// The outcome of a changed answer set, and what the change does to the other answers.
struct Hypothetical {
    pick: Pick,
    drops: Vec<QuestionIx>,
    opens: Vec<QuestionIx>,
}

impl Hypothetical {
    /// A change that reshapes nothing: no other answer stops counting, no question opens.
    fn unreshaped(pick: Pick) -> Self {
        Self {
            pick,
            drops: Vec::new(),
            opens: Vec::new(),
        }
    }
}

/// Evaluates `changed` (the person's `answers` with question `q` changed or cleared) and
/// compares which questions are asked with `asked` (the current state).
fn hypothetical(
    ds: &Dataset,
    answers: &Answers,
    asked: &[Asked],
    changed: &Answers,
    q: QuestionIx,
) -> Hypothetical {
    let mut then_buf = [Asked::NotYet; MAX_QUESTIONS];
    let then = &mut then_buf[..ds.questions.len()];
    let pick = quick_pick_asked(ds, changed, then);
    let mut drops = Vec::new();
    let mut opens = Vec::new();
    for other in (0..ds.questions.len()).filter(|&o| o != q) {
        let counts_now = asked[other] == Asked::Yes && answers.get(other).is_some();
        if counts_now && then[other] != Asked::Yes {
            drops.push(other);
        } else if then[other] == Asked::Yes
            && asked[other] != Asked::Yes
            && changed.get(other).is_none()
        {
            opens.push(other);
        }
    }
    Hypothetical { pick, drops, opens }
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
    let mut base = Baseline::new(ds, answers, &ev.asked);
    let mut work = 0usize;
    let full = full_cost(ds);
    for &q in &questions {
        let from = answers.get(q);
        // Without a context nothing could be recommended for real: change it, never drop it.
        let droppable = ds.context_question != Some(q);
        let options = std::iter::once(None)
            .filter(|_| droppable)
            .chain((0..ds.questions[q].options.len()).map(Some));
        for to in options.filter(|&to| to != from) {
            // Dropping an answer that always counts may make its question unasked: in full.
            let incremental = !ds.reshapes[q] && (to.is_some() || !ds.questions[q].always_counts);
            let cost = if incremental { base.cost(q) } else { full };
            if work + cost > WHAT_IF_WORK {
                break;
            }
            work += cost;
            let h = if incremental {
                Hypothetical::unreshaped(base.with_change(q, to))
            } else {
                hypothetical(ds, answers, &ev.asked, &answers.with(q, to), q)
            };
            let p = h.pick;
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
                    drops: h.drops,
                });
            }
        }
    }
    // Those that keep every other answer first: they ask the least of the person.
    relaxations.sort_by_key(|r| r.drops.len());
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
        let bit = |q: QuestionIx| position(q).filter(|&p| p < 128).map_or(0, |p| 1u128 << p);
        let mut rules = Vec::new();
        let mut relevant = 0u128;
        for rule in &ds.rules {
            if rule.rules_out == 0 {
                continue;
            }
            // Each alternative of the rule's condition that the full answers satisfy is one
            // way for a subset to fire it.
            for alt in rule.when.alternatives() {
                let mut qmask = 0u128;
                let fires =
                    alt.iter()
                        .all(|t| match (position(t.question), answers.get(t.question)) {
                            (Some(p), Some(o)) if p < 128 && t.options & (1 << o) != 0 => {
                                qmask |= 1 << p;
                                true
                            }
                            _ => false,
                        });
                if !fires {
                    continue;
                }
                // A tested question is asked only when the questions every way of asking
                // it needs are answered too (unless its answer always counts): without
                // them in the subset, the rule cannot fire. Any question that gates it
                // can matter.
                let mut reach = qmask;
                for t in alt {
                    if ds.questions[t.question].always_counts {
                        continue;
                    }
                    qmask |= ds.needed_gates[t.question]
                        .iter()
                        .fold(0, |m, &g| m | bit(g));
                    reach |= ds.gated_by[t.question].iter().fold(0, |m, &g| m | bit(g));
                }
                relevant |= qmask | reach;
                rules.push((qmask, rule.rules_out));
            }
        }
        let context = ds.context_question.and_then(|q| {
            let p = position(q).filter(|&p| p < 128)?;
            let (needed, all): (&[QuestionIx], &[QuestionIx]) = if ds.questions[q].always_counts {
                (&[], &[])
            } else {
                (&ds.needed_gates[q], &ds.gated_by[q])
            };
            let needs = needed.iter().fold(1u128 << p, |m, &g| m | bit(g));
            relevant |= all.iter().fold(needs, |m, &g| m | bit(g));
            Some((needs, ds.contexts[answers.get(q)?].unsupported))
        });
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
