//! Static analysis of a dataset (`authwiz check`): candidates that can never be the
//! pick, questions that can never change it, options no rule uses, contexts with no
//! defined outcome. The reachability checks walk the questionnaire as a person would,
//! within a budget; when the budget runs out the report says what it did not cover.

use std::time::{Duration, Instant};

use crate::dataset::{Answers, Dataset};
use crate::engine::{Asked, evaluate, next_question, quick_pick};

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
    fn leaf(&mut self, ds: &Dataset, answers: &Answers) {
        self.paths += 1;
        let ev = evaluate(ds, answers);
        self.evaluations += 1;
        if let Some(p) = ev.pick {
            self.can_win[p] = true;
        }
        if ev.nothing_fits() {
            self.nothing_fits_paths += 1;
        }
        for (q, o) in answers.answered() {
            if self.can_change[q] || ev.asked[q] != Asked::Yes {
                continue;
            }
            for alt in (0..ds.questions[q].options.len()).filter(|&x| x != o) {
                self.evaluations += 1;
                let other = quick_pick(ds, &answers.with(q, Some(alt)));
                if other.pick != ev.pick || other.none_needed != ev.none_needed {
                    self.can_change[q] = true;
                    break;
                }
            }
        }
    }

    fn all_shown(&self) -> bool {
        self.can_win.iter().all(|&w| w) && self.can_change.iter().all(|&c| c)
    }
}

/// Answers every asked question in turn, choosing with `choose(question, answers so far)`.
fn complete_path(ds: &Dataset, mut choose: impl FnMut(usize, &Answers) -> usize) -> Answers {
    let mut a = Answers::for_dataset(ds);
    loop {
        let ev = evaluate(ds, &a);
        match next_question(ds, &a, &ev) {
            Some(q) => {
                let o = choose(q, &a);
                a.set(q, o);
            }
            None => return a,
        }
    }
}

/// How strongly `answers` favour candidate `c`: its lead over the best other eligible
/// candidate, far below zero when it is ruled out.
fn margin(ds: &Dataset, answers: &Answers, c: usize) -> i64 {
    let ev = evaluate(ds, answers); // needs every score, not just the pick
    let s = &ev.standings[c];
    if s.is_excluded() {
        return i64::MIN / 2;
    }
    let best_other = ev
        .standings
        .iter()
        .filter(|o| o.candidate != c && !o.is_excluded())
        .map(|o| o.score)
        .max()
        .unwrap_or(i32::MIN / 2);
    s.score as i64 - best_other as i64
}

pub fn check(ds: &Dataset, budget: Budget) -> CheckReport {
    let mut findings = Vec::new();
    static_findings(ds, &mut findings);

    let start = Instant::now();
    let mut cov = Coverage {
        can_win: vec![false; ds.candidates.len()],
        can_change: vec![false; ds.questions.len()],
        nothing_fits_paths: 0,
        paths: 0,
        evaluations: 0,
    };
    let over =
        |cov: &Coverage| cov.evaluations >= budget.evaluations || start.elapsed() > budget.time;

    // Every path, as the wizard asks, within part of the budget: a walk that cannot finish
    // only sees one corner of the answer space, so the rest goes to guided search.
    let walk_time = budget.time * 2 / 5;
    let mut out_of_budget = false;
    let exhaustive = walk(ds, &mut |answers, leaf| {
        if cov.evaluations >= budget.evaluations / 2 || start.elapsed() > walk_time {
            out_of_budget = true;
            return false;
        }
        if leaf {
            cov.leaf(ds, answers);
        }
        true
    }) && !out_of_budget;

    // Too many paths: search where enumeration cannot reach. For each candidate not yet
    // seen winning, a greedy path that favours it; then random paths until the budget ends.
    if !exhaustive {
        for c in 0..ds.candidates.len() {
            if cov.can_win[c] || over(&cov) {
                continue;
            }
            let path = complete_path(ds, |q, a| {
                (0..ds.questions[q].options.len())
                    .max_by_key(|&o| margin(ds, &a.with(q, Some(o)), c))
                    .unwrap_or(0)
            });
            cov.evaluations += ds.questions.len() as u64 * 4;
            cov.leaf(ds, &path);
        }
        let mut rng = crate::synth::Rng::new(0x5eed);
        while !over(&cov) && !cov.all_shown() {
            let path = complete_path(ds, |q, _| rng.below(ds.questions[q].options.len()));
            cov.leaf(ds, &path);
        }
    }
    let complete = exhaustive || cov.all_shown();
    let Coverage {
        can_win,
        can_change,
        nothing_fits_paths,
        paths,
        evaluations,
    } = cov;

    if complete {
        for (c, cand) in ds.candidates.iter().enumerate() {
            if !can_win[c] {
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
            .filter(|(c, _)| !can_win[*c])
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
            if unseen_c.is_empty() { "none".into() } else { unseen_c.join(", ") },
            if unseen_q.is_empty() { "none".into() } else { unseen_q.join(", ") },
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

/// Findings that need no walking: unused options and contexts without an outcome.
fn static_findings(ds: &Dataset, findings: &mut Vec<Finding>) {
    for (q, question) in ds.questions.iter().enumerate() {
        if Some(q) == ds.context_question {
            continue;
        }
        for (o, option) in question.options.iter().enumerate() {
            let used = ds
                .rules
                .iter()
                .map(|r| &r.when)
                .chain(ds.questions.iter().map(|q| &q.ask_if))
                .any(|c| {
                    c.tests
                        .iter()
                        .any(|t| t.question == q && t.options & (1 << o) != 0)
                });
            if !used {
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
                    && r.when
                        .tests
                        .iter()
                        .any(|t| t.question == cq && t.options & (1 << x) != 0)
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
