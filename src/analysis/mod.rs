//! Static analysis of a dataset (`authwiz check`): candidates that can never be the
//! pick, questions that can never change it, options no rule uses, contexts with no
//! defined outcome. The reachability checks walk the questionnaire as a person would,
//! within a budget; when the budget runs out the report says what it did not cover.

use std::time::{Duration, Instant};

use crate::dataset::{Answers, Dataset, OptionSet};
use crate::engine::{Asked, evaluate, next_question, quick_pick, quick_pick_asked};

/// How much walking `check` may do before it reports partial coverage.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub evaluations: u64,
    pub time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            evaluations: 5_000_000,
            time: Duration::from_millis(1500),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth fixing: the dataset says something it cannot act on.
    Warning,
    /// Worth knowing.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// Stable machine name, e.g. `unreachable-candidate`.
    pub kind: &'static str,
    /// The id the finding is about.
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub dataset: String,
    pub findings: Vec<Finding>,
    /// Complete answer paths walked.
    pub paths: u64,
    pub evaluations: u64,
    /// Every candidate and question was either shown reachable/useful or, after an
    /// exhaustive walk, shown not to be. False: the budget ran out first.
    pub complete: bool,
    /// Every answer path was walked.
    pub exhaustive: bool,
    /// What was not covered, when incomplete.
    pub uncovered: Option<String>,
}

/// How many findings of one kind the text report lists; the rest are counted (the JSON
/// report lists them all). A dataset of 256 questions of 64 options can have 16,000 unused
/// options, and a terminal full of them hides the warnings.
pub const FINDINGS_SHOWN_PER_KIND: usize = 20;

impl CheckReport {
    /// The findings the text report lists, and per kind how many it leaves out.
    pub fn shown_findings(&self) -> (Vec<&Finding>, Vec<(&'static str, usize)>) {
        let mut shown = Vec::new();
        let mut left_out: Vec<(&'static str, usize)> = Vec::new();
        for f in &self.findings {
            let listed = shown
                .iter()
                .filter(|s: &&&Finding| s.kind == f.kind)
                .count();
            if listed < FINDINGS_SHOWN_PER_KIND {
                shown.push(f);
            } else {
                match left_out.iter_mut().find(|(k, _)| *k == f.kind) {
                    Some((_, n)) => *n += 1,
                    None => left_out.push((f.kind, 1)),
                }
            }
        }
        (shown, left_out)
    }
}

/// Walks every path through the questionnaire (each asked question answered in turn,
/// as the wizard asks them), calling `visit` with every partial and complete answer set.
/// Stops and returns false when `visit` returns false.
pub fn walk(ds: &Dataset, visit: &mut dyn FnMut(&Answers, bool) -> bool) -> bool {
    fn go(ds: &Dataset, a: &mut Answers, visit: &mut dyn FnMut(&Answers, bool) -> bool) -> bool {
        let ev = evaluate(ds, a);
        let Some(q) = next_question(ds, a, &ev) else {
            return visit(a, true);
        };
        if !visit(a, false) {
            return false;
        }
        for o in 0..ds.questions[q].options.len() {
            a.set(q, o);
            let go_on = go(ds, a, visit);
            a.clear(q);
            if !go_on {
                return false;
            }
        }
        true
    }
    let mut a = Answers::for_dataset(ds);
    go(ds, &mut a, visit)
}

/// Every complete answer path of `ds`, as the wizard asks (the leaves of [`walk`]): what
/// tests, benchmarks and measurements run over. Their number grows with the answer
/// combinations; for the bundled editions it is about a thousand.
pub fn complete_paths(ds: &Dataset) -> Vec<Answers> {
    let mut out = Vec::new();
    walk(ds, &mut |a, complete| {
        if complete {
            out.push(a.clone());
        }
        true
    });
    out
}

/// What the reachability search has shown so far.
struct Coverage {
    can_win: Vec<bool>,
    can_change: Vec<bool>,
    nothing_fits_paths: u64,
    paths: u64,
    evaluations: u64,
}

impl Coverage {
    /// Records one complete answer path: who wins, and which answers could change that.
    /// Stops (and returns false) as soon as the budget is spent.
    fn leaf(&mut self, ds: &Dataset, answers: &Answers, budget: &Spend) -> bool {
        self.paths += 1;
        let mut asked = vec![Asked::NotYet; ds.questions.len()];
        let here = quick_pick_asked(ds, answers, &mut asked);
        self.evaluations += 1;
        if let Some(p) = here.pick {
            self.can_win[p] = true;
        }
        if here.nothing_fits() {
            self.nothing_fits_paths += 1;
        }
        let mut scratch = answers.clone();
        for (q, o) in answers.answered() {
            if self.can_change[q] || asked[q] != Asked::Yes {
                continue;
            }
            for alt in (0..ds.questions[q].options.len()).filter(|&x| x != o) {
                if budget.over(self.evaluations) {
                    return false;
                }
                self.evaluations += 1;
                scratch.set(q, alt);
                let other = quick_pick(ds, &scratch);
                if other.pick != here.pick || other.none_needed != here.none_needed {
                    self.can_change[q] = true;
                    break;
                }
            }
            scratch.set(q, o);
        }
        true
    }

    fn all_shown(&self, ds: &Dataset) -> bool {
        let can_win = |c: usize| self.can_win[c] || ds.candidates[c].retired.is_some();
        (0..self.can_win.len()).all(can_win) && self.can_change.iter().all(|&c| c)
    }
}

/// The budget in use: evaluations counted by the caller, and the clock, read inside every
/// loop (a single path of a large dataset can take thousands of evaluations).
struct Spend {
    evaluations: u64,
    deadline: Instant,
}

impl Spend {
    fn over(&self, evaluations: u64) -> bool {
        evaluations >= self.evaluations || Instant::now() > self.deadline
    }
}

/// Answers every asked question in turn, choosing with `choose(question, answers so far)`;
/// `None` when the budget ran out on the way.
fn complete_path(
    ds: &Dataset,
    budget: &Spend,
    evaluations: &mut u64,
    mut choose: impl FnMut(usize, &Answers, &mut u64) -> usize,
) -> Option<Answers> {
    let mut a = Answers::for_dataset(ds);
    loop {
        if budget.over(*evaluations) {
            return None;
        }
        let ev = evaluate(ds, &a);
        *evaluations += 1;
        match next_question(ds, &a, &ev) {
            Some(q) => {
                let o = choose(q, &a, evaluations);
                a.set(q, o);
            }
            None => return Some(a),
        }
    }
}

/// How strongly `answers` favour candidate `c`: its lead over the best other eligible
/// candidate, far below zero when it is ruled out. Only the pick's masks and scores are
/// needed, so the cheap evaluation does.
fn margin(ds: &Dataset, answers: &Answers, c: usize) -> i64 {
    let p = quick_pick(ds, answers);
    if p.excluded & (1 << c) != 0 {
        return i64::MIN / 2;
    }
    let best_other = (0..ds.candidates.len())
        .filter(|&o| o != c && p.excluded & (1 << o) == 0)
        .map(|o| p.scores[o])
        .max()
        .unwrap_or(i32::MIN / 2);
    p.scores[c] as i64 - best_other as i64
}

pub fn check(ds: &Dataset, budget: Budget) -> CheckReport {
    let mut findings = Vec::new();
    static_findings(ds, &mut findings);

    let start = Instant::now();
    let spend = Spend {
        evaluations: budget.evaluations,
        deadline: start + budget.time,
    };
    let mut cov = Coverage {
        can_win: vec![false; ds.candidates.len()],
        can_change: vec![false; ds.questions.len()],
        nothing_fits_paths: 0,
        paths: 0,
        evaluations: 0,
    };
    let over = |cov: &Coverage| spend.over(cov.evaluations);

    // Every path, as the wizard asks, within part of the budget: a walk that cannot finish
    // only sees one corner of the answer space, so the rest goes to guided search.
    let walk_time = budget.time * 2 / 5;
    let mut out_of_budget = false;
    let exhaustive = walk(ds, &mut |answers, leaf| {
        if cov.evaluations >= budget.evaluations / 2 || start.elapsed() > walk_time {
            out_of_budget = true;
            return false;
        }
        if leaf && !cov.leaf(ds, answers, &spend) {
            out_of_budget = true;
            return false;
        }
        true
    }) && !out_of_budget;

    // Too many paths: search where enumeration cannot reach. For each candidate not yet
    // seen winning, a greedy path that favours it; then random paths until the budget ends.
    if !exhaustive {
        for c in 0..ds.candidates.len() {
            if cov.can_win[c] || ds.candidates[c].retired.is_some() || over(&cov) {
                continue;
            }
            let mut evaluations = cov.evaluations;
            let path = complete_path(ds, &spend, &mut evaluations, |q, a, n| {
                *n += ds.questions[q].options.len() as u64;
                (0..ds.questions[q].options.len())
                    .max_by_key(|&o| margin(ds, &a.with(q, Some(o)), c))
                    .unwrap_or(0)
            });
            cov.evaluations = evaluations;
            match path {
                Some(path) if cov.leaf(ds, &path, &spend) => {}
                _ => break,
            }
        }
        let mut rng = crate::synth::Rng::new(0x5eed);
        while !over(&cov) && !cov.all_shown(ds) {
            let mut evaluations = cov.evaluations;
            let path = complete_path(ds, &spend, &mut evaluations, |q, _, _| {
                rng.below(ds.questions[q].options.len())
            });
            cov.evaluations = evaluations;
            match path {
                Some(path) if cov.leaf(ds, &path, &spend) => {}
                _ => break,
            }
        }
    }
    let complete = exhaustive || cov.all_shown(ds);
    let Coverage {
        can_win,
        can_change,
        nothing_fits_paths,
        paths,
        evaluations,
    } = cov;

    if complete {
        for (c, cand) in ds.candidates.iter().enumerate() {
            // A candidate with a status is never recommended, by design.
            if !can_win[c] && cand.retired.is_none() {
                findings.push(Finding {
                    severity: Severity::Warning,
                    kind: "unreachable-candidate",
                    subject: cand.id.clone(),
                    message: format!(
                        "no combination of answers makes {} the recommendation",
                        cand.name
                    ),
                });
            }
        }
        for (q, question) in ds.questions.iter().enumerate() {
            if !can_change[q] {
                findings.push(Finding {
                    severity: Severity::Warning,
                    kind: "useless-question",
                    subject: question.id.clone(),
                    message: format!(
                        "no answer to \u{201c}{}\u{201d} ever changes the recommendation",
                        question.prompt
                    ),
                });
            }
        }
    }
    if nothing_fits_paths > 0 && exhaustive {
        findings.push(Finding {
            severity: Severity::Info,
            kind: "conflicting-paths",
            subject: ds.id.clone(),
            message: format!(
                "{nothing_fits_paths} of {paths} complete answer paths rule out every {} (each gets a conflict explanation)",
                ds.vocabulary.candidate
            ),
        });
    }
    let uncovered = (!complete).then(|| {
        let unseen_c: Vec<&str> = ds
            .candidates
            .iter()
            .enumerate()
            .filter(|(c, cand)| !can_win[*c] && cand.retired.is_none())
            .map(|(_, c)| c.id.as_str())
            .collect();
        let unseen_q: Vec<&str> = ds
            .questions
            .iter()
            .enumerate()
            .filter(|(q, _)| !can_change[*q])
            .map(|(_, q)| q.id.as_str())
            .collect();
        format!(
            "the budget ({} evaluations or {} ms) ran out after {paths} answer paths (exhaustive walk, then guided and random paths); \
             not shown to be reachable: {}; not shown to change the outcome: {}",
            budget.evaluations,
            budget.time.as_millis(),
            some_of(&unseen_c),
            some_of(&unseen_q),
        )
    });
    findings.sort_by(|a, b| (a.severity, a.kind).cmp(&(b.severity, b.kind)));
    CheckReport {
        dataset: ds.id.clone(),
        findings,
        paths,
        evaluations,
        complete,
        exhaustive,
        uncovered,
    }
}

/// A list of ids for a message: the first few, then how many more.
fn some_of(ids: &[&str]) -> String {
    const SHOWN: usize = 20;
    match ids.len() {
        0 => "none".into(),
        n if n <= SHOWN => ids.join(", "),
        n => format!("{}, and {} more", ids[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Findings that need no walking: unused options, contexts without an outcome, conditions
/// on later questions. One pass over every condition collects the options used, per
/// question.
fn static_findings(ds: &Dataset, findings: &mut Vec<Finding>) {
    for (q, question) in ds.questions.iter().enumerate() {
        for &g in question.ask_if.questions().iter().filter(|&&g| g > q) {
            let later = &ds.questions[g];
            findings.push(Finding {
                severity: Severity::Warning,
                kind: "ask-if-names-a-later-question",
                subject: question.id.clone(),
                message: format!(
                    "\u{201c}{}\u{201d} depends on the answer to \u{201c}{}\u{201d} ({}), which comes later in the file: the wizard has to jump ahead to ask that one first; move this question after it",
                    question.prompt, later.prompt, later.id
                ),
            });
        }
    }
    let mut used: Vec<OptionSet> = vec![0; ds.questions.len()];
    let conditions = ds
        .rules
        .iter()
        .map(|r| &r.when)
        .chain(ds.questions.iter().map(|q| &q.ask_if));
    for t in conditions.flat_map(|c| c.tests()) {
        // `not` uses the options it names as much as the others.
        used[t.question] |= if t.negated { !0 } else { t.options };
    }
    for (q, question) in ds.questions.iter().enumerate() {
        if Some(q) == ds.context_question {
            continue;
        }
        for (o, option) in question.options.iter().enumerate() {
            if used[q] & (1 << o) == 0 {
                findings.push(Finding {
                    severity: Severity::Info,
                    kind: "unused-option",
                    subject: format!("{}={}", question.id, option.id),
                    message: format!(
                        "no rule or condition uses the answer \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                        option.label, question.prompt
                    ),
                });
            }
        }
    }
    if let Some(cq) = ds.context_question {
        for (x, ctx) in ds.contexts.iter().enumerate() {
            let supported = ctx.support.iter().any(|&s| s);
            let has_outcome = ds.rules.iter().any(|r| {
                r.outcome.is_some()
                    && r.when.alternatives().any(|alt| {
                        alt.iter()
                            .any(|t| t.question == cq && t.options & (1 << x) != 0)
                    })
            });
            if !supported && !has_outcome {
                findings.push(Finding {
                    severity: Severity::Warning,
                    kind: "context-without-outcome",
                    subject: ctx.id.clone(),
                    message: format!(
                        "{} \u{201c}{}\u{201d} supports no {} and no rule gives it an outcome: choosing it always ends in a conflict",
                        ds.vocabulary.context, ctx.name, ds.vocabulary.candidate
                    ),
                });
            }
        }
    }
}
