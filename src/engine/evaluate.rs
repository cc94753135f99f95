//! The core evaluation: which questions are asked, which rules fire, each candidate's
//! status and score, and the top pick. Pure and allocation-light: it runs for every
//! what-if, conflict search and exhaustive test.

use smallvec::SmallVec;

use crate::dataset::{
    Answers, CandidateIx, CandidateSet, Condition, ContextIx, CriterionIx, Dataset, MAX_CANDIDATES,
    MAX_QUESTIONS, OptionSet, OutcomeIx, QuestionIx, RuleIx,
};

/// Whether a question is part of the questionnaire under the answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Asked {
    /// Its conditions hold: it is asked.
    Yes,
    /// Its conditions cannot hold any more: it is skipped, and any answer to it is ignored.
    No,
    /// Depends on a question not answered yet.
    NotYet,
}

/// Three-valued truth of a condition under partial answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Recommended,
    Eligible,
    Excluded,
}

/// Why a candidate is ruled out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// The chosen context does not support it (a support matrix cell).
    Unsupported { context: ContextIx },
    /// A rule rules it out by name.
    Rule { rule: RuleIx },
    /// A rule requires a criterion value its cell does not have.
    Requirement {
        rule: RuleIx,
        criterion: CriterionIx,
    },
}

/// A fired rule's requirement met only by a "depends" cell: kept, with a caveat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caveat {
    pub rule: RuleIx,
    pub criterion: CriterionIx,
}

/// Per-candidate lists are short: kept inline, so evaluating allocates little.
pub type Exclusions = SmallVec<[Exclusion; 2]>;
pub type Points = SmallVec<[(RuleIx, i32); 4]>;
pub type Caveats = SmallVec<[Caveat; 1]>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub candidate: CandidateIx,
    pub status: Status,
    pub score: i32,
    /// Why it is ruled out: the first [`KEPT_PER_CANDIDATE`] reasons, in rule order.
    pub exclusions: Exclusions,
    /// More reasons rule it out than are kept.
    pub more_exclusions: bool,
    /// (rule, points) for every fired rule that scores this candidate.
    pub points: Points,
    /// Requirements met only by a "depends" cell: the first [`KEPT_PER_CANDIDATE`].
    pub caveats: Caveats,
    /// More such caveats hold than are kept.
    pub more_caveats: bool,
}

/// How many exclusions and caveats a standing keeps per candidate. One is enough to rule
/// a candidate out and a person reads only a few; a dataset can make every rule require
/// every criterion, and keeping them all would cost rules × criteria × candidates.
pub const KEPT_PER_CANDIDATE: usize = 16;

impl Standing {
    pub fn is_excluded(&self) -> bool {
        !self.exclusions.is_empty()
    }

    /// Adds an exclusion; returns how many are kept now.
    fn push_exclusion(&mut self, e: Exclusion) -> usize {
        self.exclusions.push(e);
        self.exclusions.len()
    }

    /// Adds a caveat; returns how many are kept now.
    fn push_caveat(&mut self, c: Caveat) -> usize {
        self.caveats.push(c);
        self.caveats.len()
    }
}

/// Which candidates' lists (of exclusions, or of caveats) are full, and which had more to
/// add once full: masks, so a full list costs nothing per further reason.
#[derive(Default)]
struct ListFill {
    full: CandidateSet,
    over: CandidateSet,
}

impl ListFill {
    /// The candidates of `set` whose list still has room; notes the others as having more.
    fn admit(&mut self, set: CandidateSet) -> CandidateSet {
        self.over |= set & self.full;
        set & !self.full
    }

    /// Records that `c`'s list now holds `len` entries.
    fn kept(&mut self, c: CandidateIx, len: usize) {
        if len >= KEPT_PER_CANDIDATE {
            self.full |= 1 << c;
        }
    }
}

#[derive(Default)]
struct Lists {
    exclusions: ListFill,
    caveats: ListFill,
}

impl Standing {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Indexed by question.
    pub asked: Vec<Asked>,
    /// Indexed by candidate.
    pub standings: Vec<Standing>,
    /// Candidates best first: the pick, the other eligible by score (ties in dataset
    /// order), then the excluded in dataset order.
    pub ranking: Vec<CandidateIx>,
    pub pick: Option<CandidateIx>,
    /// Every eligible candidate sharing the top score, when more than one does.
    pub tie: Vec<CandidateIx>,
    /// Rules that fired, in dataset order.
    pub fired: Vec<RuleIx>,
    /// Outcomes reached, with the rule that reached each.
    pub outcomes: Vec<(OutcomeIx, RuleIx)>,
    /// A final outcome was reached: only questions that outlast it are still asked.
    pub closed: bool,
    /// The first question that outcome closed.
    pub closed_from: Option<QuestionIx>,
    /// An outcome says no candidate is needed: no pick, and no conflict.
    pub none_needed: bool,
}

impl Evaluation {
    /// True when every candidate is ruled out and no outcome says none is needed.
    pub fn nothing_fits(&self) -> bool {
        self.pick.is_none() && !self.none_needed
    }
}

/// Which questions are asked (final outcomes taken into account): see [`fill_asked`].
pub fn asked_questions(ds: &Dataset, answers: &Answers) -> Vec<Asked> {
    let mut asked = vec![Asked::NotYet; ds.questions.len()];
    fill_asked(ds, answers, &mut asked);
    asked
}

/// Which questions are asked, and where a final outcome closed the questionnaire (the
/// first question it closes), if one did.
///
/// One pass in `ask_order`, where every question comes after the questions its condition
/// names. An answer that always counts makes its question asked whatever its condition.
/// When a final outcome holds, a second pass closes every question from its closing point
/// on, except those that outlast final outcomes (they always count, or gate one that does):
/// a need the person stated is still checked against what the outcome leaves.
pub fn fill_asked(ds: &Dataset, answers: &Answers, asked: &mut [Asked]) -> Option<QuestionIx> {
    fill_asked_pass(ds, answers, asked, None);
    let end = ds
        .final_rules
        .iter()
        .filter(|&&(r, _)| truth(&ds.rules[r].when, answers, asked) == Truth::True)
        .map(|&(_, closes_from)| closes_from)
        .min()?;
    fill_asked_pass(ds, answers, asked, Some(end));
    Some(end)
}

fn fill_asked_pass(
    ds: &Dataset,
    answers: &Answers,
    asked: &mut [Asked],
    closed_from: Option<QuestionIx>,
) {
    for &q in &ds.ask_order {
        asked[q] = if ds.questions[q].always_counts && answers.get(q).is_some() {
            Asked::Yes
        } else if closed_from.is_some_and(|end| q >= end && !ds.outlasts_final[q]) {
            Asked::No
        } else {
            match truth(&ds.questions[q].ask_if, answers, asked) {
                Truth::True => Asked::Yes,
                Truth::False => Asked::No,
                Truth::Unknown => Asked::NotYet,
            }
        };
    }
}

/// Per question, the bit of the answer that counts (asked and answered), else 0: a rule
/// fires exactly when each of its tests shares a bit with its question's mask.
fn counted_answers(answers: &Answers, asked: &[Asked], out: &mut [OptionSet]) {
    for (q, m) in out.iter_mut().enumerate() {
        *m = match (asked[q], answers.get(q)) {
            (Asked::Yes, Some(o)) => 1 << o,
            _ => 0,
        };
    }
}

fn fires(cond: &Condition, counted: &[OptionSet]) -> bool {
    cond.fires(counted)
}

/// The pick alone, without reasons: what what-if, conflict search and `check` need, many
/// times per verdict. No allocation: per-question state lives on the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub pick: Option<CandidateIx>,
    pub none_needed: bool,
    /// Candidates ruled out.
    pub excluded: CandidateSet,
    /// Scores, indexed by candidate (entries past the dataset's candidates are 0).
    pub scores: [i32; MAX_CANDIDATES],
}

impl Pick {
    pub fn nothing_fits(&self) -> bool {
        self.pick.is_none() && !self.none_needed
    }

    /// The candidates sharing the pick's score when more than one does (the pick is then
    /// first only by dataset order), else empty.
    pub fn tie(&self, candidates: usize) -> CandidateSet {
        let Some(p) = self.pick else { return 0 };
        let top = self.scores[p];
        let tied: CandidateSet = (0..candidates)
            .filter(|&c| self.excluded & (1 << c) == 0 && self.scores[c] == top)
            .fold(0, |m, c| m | (1 << c));
        if tied.count_ones() > 1 { tied } else { 0 }
    }
}

/// Computes the same pick as [`evaluate`], faster.
pub fn quick_pick(ds: &Dataset, answers: &Answers) -> Pick {
    let mut asked_buf = [Asked::NotYet; MAX_QUESTIONS];
    quick_pick_asked(ds, answers, &mut asked_buf[..ds.questions.len()])
}

/// [`quick_pick`], leaving in `asked` which questions are asked (for hypotheticals, which
/// compare it with the answers that count now).
pub fn quick_pick_asked(ds: &Dataset, answers: &Answers, asked: &mut [Asked]) -> Pick {
    fill_asked(ds, answers, asked);
    let asked = &*asked;
    let mut counted_buf = [0 as OptionSet; MAX_QUESTIONS];
    let counted = &mut counted_buf[..ds.questions.len()];
    counted_answers(answers, asked, counted);
    let mut scores = [0i32; MAX_CANDIDATES];
    let mut excluded: CandidateSet = 0;
    if let Some(cq) = ds.context_question
        && let Some(ctx) = effective_answer(answers, asked, cq)
    {
        excluded |= ds.contexts[ctx].unsupported;
    }
    let mut none_needed = false;
    for rule in &ds.rules {
        if !fires(&rule.when, counted) {
            continue;
        }
        for &(c, w) in &rule.score {
            scores[c] += w;
        }
        excluded |= rule.rules_out;
        if let Some(o) = rule.outcome {
            none_needed |= ds.outcomes[o].no_candidate;
        }
    }
    let mut best: Option<CandidateIx> = None;
    for c in 0..ds.candidates.len() {
        if excluded & (1 << c) == 0 && best.is_none_or(|b| scores[c] > scores[b]) {
            best = Some(c);
        }
    }
    Pick {
        pick: if none_needed { None } else { best },
        none_needed,
        excluded,
        scores,
    }
}

/// Truth of `cond` given the answers and which questions are asked.
pub fn truth(cond: &Condition, answers: &Answers, asked: &[Asked]) -> Truth {
    let holds = cond.truth_with(|t| match (asked[t.question], answers.get(t.question)) {
        (Asked::No, _) => Some(false),
        (_, Some(o)) if t.options & (1 << o) == 0 => Some(false),
        (Asked::Yes, Some(_)) => Some(true),
        _ => None,
    });
    match holds {
        Some(true) => Truth::True,
        Some(false) => Truth::False,
        None => Truth::Unknown,
    }
}

/// The answer to `q` if it counts (the question is asked and answered).
pub fn effective_answer(answers: &Answers, asked: &[Asked], q: QuestionIx) -> Option<usize> {
    (asked[q] == Asked::Yes).then(|| answers.get(q)).flatten()
}

/// Evaluates `answers` against `ds`.
pub fn evaluate(ds: &Dataset, answers: &Answers) -> Evaluation {
    let mut asked = vec![Asked::NotYet; ds.questions.len()];
    let closed_from = fill_asked(ds, answers, &mut asked);
    let closed = closed_from.is_some();
    let n = ds.candidates.len();
    let mut lists = Lists::default();
    let mut standings: Vec<Standing> = (0..n)
        .map(|c| Standing {
            candidate: c,
            status: Status::Eligible,
            score: 0,
            exclusions: Exclusions::new(),
            more_exclusions: false,
            points: Points::new(),
            caveats: Caveats::new(),
            more_caveats: false,
        })
        .collect();

    if let Some(cq) = ds.context_question
        && let Some(ctx) = effective_answer(answers, &asked, cq)
    {
        for (c, s) in standings.iter_mut().enumerate() {
            if !ds.contexts[ctx].support[c] {
                lists
                    .exclusions
                    .kept(c, s.push_exclusion(Exclusion::Unsupported { context: ctx }));
            }
        }
    }

    let mut counted_buf = [0 as OptionSet; MAX_QUESTIONS];
    let counted = &mut counted_buf[..ds.questions.len()];
    counted_answers(answers, &asked, counted);
    let mut fired = Vec::with_capacity(ds.rules.len());
    let mut outcomes = Vec::new();
    for (ri, rule) in ds.rules.iter().enumerate() {
        if !fires(&rule.when, counted) {
            continue;
        }
        fired.push(ri);
        for &(c, w) in &rule.score {
            standings[c].score += w;
            standings[c].points.push((ri, w));
        }
        for &c in &rule.exclude {
            if lists.exclusions.admit(1 << c) != 0 {
                lists
                    .exclusions
                    .kept(c, standings[c].push_exclusion(Exclusion::Rule { rule: ri }));
            }
        }
        // A candidate whose list is full only notes that there is more: a dataset can make
        // every rule require every criterion, and this loop must not cost rules ×
        // criteria × candidates.
        for req in &rule.require {
            let criterion = req.criterion;
            let e = |rule| Exclusion::Requirement { rule, criterion };
            for c in members(lists.exclusions.admit(req.lacking)) {
                lists.exclusions.kept(c, standings[c].push_exclusion(e(ri)));
            }
            for c in members(lists.caveats.admit(req.caveat)) {
                let caveat = Caveat {
                    rule: ri,
                    criterion,
                };
                lists.caveats.kept(c, standings[c].push_caveat(caveat));
            }
        }
        if let Some(o) = rule.outcome {
            outcomes.push((o, ri));
        }
    }

    for (c, s) in standings.iter_mut().enumerate() {
        s.more_exclusions = lists.exclusions.over & (1 << c) != 0;
        s.more_caveats = lists.caveats.over & (1 << c) != 0;
    }
    let none_needed = outcomes.iter().any(|&(o, _)| ds.outcomes[o].no_candidate);

    // Best first; ties keep dataset order (a stable sort over candidate order).
    let mut ranking: Vec<CandidateIx> = (0..n).collect();
    ranking.sort_by_key(|&c| {
        let s = &standings[c];
        (
            s.is_excluded(),
            if s.is_excluded() {
                0
            } else {
                -(s.score as i64)
            },
        )
    });
    let best = ranking
        .first()
        .copied()
        .filter(|&c| !standings[c].is_excluded());
    let pick = if none_needed { None } else { best };
    let mut tie = Vec::new();
    if let Some(b) = best {
        let top = standings[b].score;
        tie.extend(
            ranking
                .iter()
                .copied()
                .take_while(|&c| !standings[c].is_excluded() && standings[c].score == top),
        );
        if tie.len() < 2 || pick.is_none() {
            tie.clear();
        }
    }
    for s in &mut standings {
        s.status = if s.is_excluded() {
            Status::Excluded
        } else if Some(s.candidate) == pick {
            Status::Recommended
        } else {
            Status::Eligible
        };
    }

    Evaluation {
        asked,
        standings,
        ranking,
        pick,
        tie,
        fired,
        outcomes,
        closed,
        closed_from,
        none_needed,
    }
}

/// The members of a candidate set, in order.
pub fn members(mut set: CandidateSet) -> impl Iterator<Item = CandidateIx> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let c = set.trailing_zeros() as CandidateIx;
            set &= set - 1;
            c
        })
    })
}
