//! The validated dataset: every reference resolved to an index, every matrix complete.
//!
//! Nothing here can dangle: the loader only builds a `Dataset` after every check passed,
//! so the engine indexes these vectors without further checks.

pub use super::raw::{CandidateStatus, CellValue, SupportCell};

/// Index into `Dataset::candidates`.
pub type CandidateIx = usize;
/// Index into `Dataset::contexts`.
pub type ContextIx = usize;
/// Index into `Dataset::criteria`.
pub type CriterionIx = usize;
/// Index into `Dataset::questions`.
pub type QuestionIx = usize;
/// Index into `Question::options`.
pub type OptionIx = usize;
/// Index into `Dataset::rules`.
pub type RuleIx = usize;
/// Index into `Dataset::sources`.
pub type SourceIx = usize;
/// Index into `Dataset::outcomes`.
pub type OutcomeIx = usize;

/// Most options a question may have: option sets are 64-bit masks.
pub const MAX_OPTIONS: usize = 64;
/// Most candidates a dataset may have: candidate sets are 64-bit masks.
pub const MAX_CANDIDATES: usize = 64;
/// Most questions a dataset may have: the engine keeps per-question state on the stack.
pub const MAX_QUESTIONS: usize = 256;

/// A set of candidates, as a bit mask.
pub type CandidateSet = u64;

#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub summary: String,
    /// The decision it helps make, as a sentence (a decision record's problem statement).
    pub decision: Option<String>,
    pub vocabulary: Vocabulary,
    /// Where the dataset came from, for messages and for telling a bundled edition from a
    /// file.
    pub origin: Origin,
    pub sources: Vec<Source>,
    pub candidates: Vec<Candidate>,
    pub contexts: Vec<Context>,
    /// The question whose options are the contexts, option `i` being context `i`.
    pub context_question: Option<QuestionIx>,
    pub criteria: Vec<Criterion>,
    pub questions: Vec<Question>,
    pub rules: Vec<Rule>,
    pub outcomes: Vec<Outcome>,
    pub notes: Vec<Note>,
    pub glossary: Vec<Term>,
    /// Descriptive rows of the comparison table.
    pub aspects: Vec<Aspect>,
    /// Heading of the criteria rows in comparisons (e.g. the table they reproduce).
    pub criteria_title: Option<String>,
    /// Heading of the aspect rows in comparisons.
    pub aspects_title: Option<String>,
    /// Questions ordered so that each comes after every question its `ask_if` names.
    pub ask_order: Vec<QuestionIx>,
    /// Rules that lead to a final outcome, each with the first question it closes when it
    /// holds: the one after the last question its condition depends on (with the
    /// questions that gate those). Known at load, so evaluating need not walk the gates.
    pub final_rules: Vec<(RuleIx, QuestionIx)>,
    /// Per question, every question that gates it (its `ask_if` names, and theirs, and so
    /// on), in order: computed once, as the engine asks "does g gate q?" in its searches.
    pub gated_by: Vec<Vec<QuestionIx>>,
    /// Per question, the questions that must be answered for it to be asked at all (the
    /// gates every alternative of its `ask_if` needs, transitively, but not past a gate
    /// whose answer always counts): a subset of `gated_by`.
    pub needed_gates: Vec<Vec<QuestionIx>>,
    /// Per question, whether a final outcome leaves it open: it always counts, or it gates
    /// a question that does (so that question can still be asked).
    pub outlasts_final: Vec<bool>,
    /// Per question, the rules whose `when` tests it.
    pub rules_testing: Vec<Vec<RuleIx>>,
    /// Per question, whether a change of its answer can change which other questions are
    /// asked (it gates one, or a final outcome depends on it).
    pub reshapes: Vec<bool>,
    /// Per rule, a number shared by the rules that test the same questions.
    pub answer_groups: Vec<u32>,
    /// Per rule, a number shared by the rules with the very same `when`: they fire together.
    pub condition_groups: Vec<u32>,
    /// Ids of earlier editions and what became of them (`renamed_from`, `replaces`).
    pub former: super::former::FormerIds,
}

/// Where a dataset came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled in, and chosen by its name: a path never makes a dataset bundled, even one
    /// that ends like a bundled edition's file (`elsewhere/data/NAME.toml`).
    Bundled {
        name: &'static str,
        /// Its file under `data/`, for messages.
        file: &'static str,
    },
    /// Read from a file, named as given (or any text handed to `load_str`).
    File(String),
}

impl Origin {
    /// The bundled edition's name, if the dataset is one.
    pub fn bundled_name(&self) -> Option<&'static str> {
        match self {
            Origin::Bundled { name, .. } => Some(name),
            Origin::File(_) => None,
        }
    }
}

impl std::fmt::Display for Origin {
    /// The file, as messages name it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Bundled { file, .. } => f.write_str(file),
            Origin::File(path) => f.write_str(path),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    pub candidate: String,
    pub candidates: String,
    pub context: String,
    pub contexts: String,
    pub candidate_key: String,
    pub candidates_key: String,
    pub contexts_key: String,
    /// Key naming one context in JSON output (default `context`).
    pub context_key: String,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// Where it lives in its repository or site; a source without one has a `url`.
    pub path: Option<String>,
    pub url: Option<String>,
    pub revision: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub text: String,
    pub source: SourceIx,
    /// Shown only when this holds (under the same reading as a rule's `when`).
    pub when: Condition,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// For narrow table columns.
    pub short: Option<String>,
    pub summary: String,
    pub source: SourceIx,
    pub when_to_use: Vec<String>,
    pub when_to_use_source: Option<SourceIx>,
    pub facts: Vec<Fact>,
    pub caveats: Vec<Fact>,
    /// Explained and compared but never recommended, and why: `None` for a current one.
    pub retired: Option<Retired>,
}

/// Why a candidate is never recommended (its `status` and `status_reason`). A rule that
/// always fires rules it out (`Rule::retires`), so the engine needs no special case.
#[derive(Debug, Clone)]
pub struct Retired {
    /// `Deprecated` or `Legacy`.
    pub status: CandidateStatus,
    /// A clause, as written in `status_reason`.
    pub reason: String,
    pub source: SourceIx,
}

#[derive(Debug, Clone)]
pub struct CellNote {
    pub text: String,
    pub source: SourceIx,
}

#[derive(Debug, Clone)]
pub struct Context {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub source: SourceIx,
    /// Indexed by candidate.
    pub support: Vec<bool>,
    /// Indexed by candidate.
    pub notes: Vec<Option<CellNote>>,
    /// The candidates this context does not support.
    pub unsupported: CandidateSet,
    /// The candidates it supports only in some cases (`"depends"`; `support` is true for
    /// them): kept, with a caveat.
    pub depends: CandidateSet,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    /// For narrow tables.
    pub short: Option<String>,
    pub source: SourceIx,
    /// Indexed by candidate.
    pub values: Vec<CellValue>,
    /// Indexed by candidate.
    pub notes: Vec<Option<CellNote>>,
}

/// A comparison row described in words, one cell per candidate.
#[derive(Debug, Clone)]
pub struct Aspect {
    pub id: String,
    pub label: String,
    /// For narrow tables.
    pub short: Option<String>,
    pub source: SourceIx,
    /// Indexed by candidate.
    pub cells: Vec<AspectCell>,
}

#[derive(Debug, Clone)]
pub struct AspectCell {
    pub text: String,
    pub source: SourceIx,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: String,
    pub options: Vec<AnswerOption>,
    /// Asked only when this holds.
    pub ask_if: Condition,
    pub source: Option<SourceIx>,
    /// The answer is a fact of the person's situation that holds whatever else they answer
    /// (a need, like "it must run without a network"). Once given it counts: even where
    /// `ask_if` would not ask the question, after a final outcome, and in every hypothetical
    /// that changes another answer. `ask_if` then only decides whether it is worth asking.
    pub always_counts: bool,
}

#[derive(Debug, Clone)]
pub struct AnswerOption {
    pub id: String,
    pub label: String,
    pub help: String,
}

/// A set of options of one question, as a bit mask.
pub type OptionSet = u64;

/// One test: question `question` answered with an option in `options`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Test {
    pub question: QuestionIx,
    pub options: OptionSet,
    /// Written as `{ not = ... }`: `options` is every option but the ones listed (kept for
    /// showing the condition as written; the engine reads only `options`).
    pub negated: bool,
}

/// Most alternatives a condition may have once its `any` lists are multiplied out.
pub const MAX_ALTERNATIVES: usize = 64;

/// When a question is asked, or a rule fires: a disjunction of conjunctions of tests. It
/// holds when every test of one of its alternatives holds (a question answered, and
/// counted, with one of the test's options). The usual condition has one alternative;
/// `any = [...]` in the file makes more. "Always" is one empty alternative.
///
/// Read it through its methods ([`Condition::fires`], [`Condition::truth_with`],
/// [`Condition::questions`], [`Condition::alternatives`]), never by walking its tests as
/// one conjunction: a condition with alternatives would be misread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Every test, alternative after alternative; within an alternative, sorted by question,
    /// one test per question.
    tests: Vec<Test>,
    /// Where each alternative ends in `tests`: one entry per alternative, at least one.
    ends: smallvec::SmallVec<[u32; 1]>,
    /// Every question some test reads, sorted, each once.
    questions: smallvec::SmallVec<[QuestionIx; 2]>,
}

impl Default for Condition {
    /// Always holds.
    fn default() -> Self {
        Self::always()
    }
}

impl Condition {
    /// The condition that always holds.
    pub fn always() -> Self {
        Self::all(Vec::new())
    }

    /// Every test must hold (one alternative).
    pub fn all(tests: Vec<Test>) -> Self {
        Self::any_of(vec![tests])
    }

    /// One of the alternatives must hold, each a conjunction of tests. Tests on one
    /// question within an alternative are merged (their options intersected).
    pub fn any_of(alternatives: Vec<Vec<Test>>) -> Self {
        let mut tests = Vec::new();
        let mut ends = smallvec::SmallVec::new();
        for alt in alternatives {
            let mut merged: Vec<Test> = Vec::with_capacity(alt.len());
            let mut alt = alt;
            alt.sort_by_key(|t| t.question);
            for t in alt {
                match merged.last_mut() {
                    Some(m) if m.question == t.question => {
                        m.options &= t.options;
                        m.negated &= t.negated;
                    }
                    _ => merged.push(t),
                }
            }
            tests.extend(merged);
            ends.push(tests.len() as u32);
        }
        let mut questions: smallvec::SmallVec<[QuestionIx; 2]> =
            tests.iter().map(|t| t.question).collect();
        questions.sort_unstable();
        questions.dedup();
        Self {
            tests,
            ends,
            questions,
        }
    }

    /// The alternatives, each a conjunction of tests sorted by question.
    pub fn alternatives(&self) -> impl Iterator<Item = &[Test]> + '_ {
        let mut start = 0usize;
        self.ends.iter().map(move |&end| {
            let alt = &self.tests[start..end as usize];
            start = end as usize;
            alt
        })
    }

    /// How many alternatives it has (1 for a plain conjunction).
    pub fn alternative_count(&self) -> usize {
        self.ends.len()
    }

    /// Every test of every alternative.
    pub fn tests(&self) -> &[Test] {
        &self.tests
    }

    /// Every question it reads, sorted, each once.
    pub fn questions(&self) -> &[QuestionIx] {
        &self.questions
    }

    pub fn mentions(&self, q: QuestionIx) -> bool {
        self.questions.binary_search(&q).is_ok()
    }

    /// It needs no answer: some alternative has no test.
    pub fn is_always(&self) -> bool {
        self.alternatives().any(|alt| alt.is_empty())
    }

    /// Whether it holds, given per question the bit of the answer that counts (0 when
    /// none does).
    pub fn fires(&self, counted: &[OptionSet]) -> bool {
        self.alternatives()
            .any(|alt| alt.iter().all(|t| counted[t.question] & t.options != 0))
    }

    /// Three-valued truth from the truth of each test (`None`: not known yet): an
    /// alternative holds when all its tests do, fails when one fails; the condition holds
    /// when one alternative holds, fails when all fail.
    pub fn truth_with(&self, mut test: impl FnMut(&Test) -> Option<bool>) -> Option<bool> {
        let mut result = Some(false);
        for alt in self.alternatives() {
            let mut this = Some(true);
            for t in alt {
                match test(t) {
                    Some(false) => {
                        this = Some(false);
                        break;
                    }
                    None => this = None,
                    Some(true) => {}
                }
            }
            match this {
                Some(true) => return Some(true),
                None => result = None,
                Some(false) => {}
            }
        }
        result
    }
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub criterion: CriterionIx,
    /// Allowed cell values.
    pub allowed: Vec<CellValue>,
    /// Candidates whose cell is not allowed (and not "depends"): ruled out when it fires.
    pub lacking: CandidateSet,
    /// Candidates whose "depends" cell is not allowed as such: kept, with a caveat.
    pub caveat: CandidateSet,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub when: Condition,
    pub because: String,
    pub source: SourceIx,
    /// (candidate, points), sorted by candidate.
    pub score: Vec<(CandidateIx, i32)>,
    pub exclude: Vec<CandidateIx>,
    pub require: Vec<Requirement>,
    pub outcome: Option<OutcomeIx>,
    /// Every candidate this rule rules out when it fires: named in `exclude`, or lacking a
    /// required criterion value (the matrix is fixed, so this is known at load time).
    pub rules_out: CandidateSet,
    /// Made at load for a candidate's `status`: always fires and rules it out. Not a rule
    /// of the file (its id is not an id one could write), so reports name the status
    /// instead of the rule.
    pub retires: Option<CandidateIx>,
}

impl Rule {
    /// Whether firing this rule rules `c` out.
    pub fn can_exclude(&self, c: CandidateIx) -> bool {
        self.rules_out & (1 << c) != 0
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    pub text: String,
    pub source: SourceIx,
    pub is_final: bool,
    pub no_candidate: bool,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub id: String,
    pub title: String,
    pub text: String,
    pub sources: Vec<SourceIx>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub term: String,
    pub definition: String,
    pub source: SourceIx,
}

impl Dataset {
    /// The rules the file wrote, without those made for a candidate's status.
    pub fn written_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.retires.is_none())
    }

    pub fn candidate_ix(&self, id: &str) -> Option<CandidateIx> {
        self.candidates.iter().position(|c| c.id == id)
    }
    pub fn context_ix(&self, id: &str) -> Option<ContextIx> {
        self.contexts.iter().position(|c| c.id == id)
    }
    pub fn question_ix(&self, id: &str) -> Option<QuestionIx> {
        self.questions.iter().position(|q| q.id == id)
    }
    pub fn criterion_ix(&self, id: &str) -> Option<CriterionIx> {
        self.criteria.iter().position(|c| c.id == id)
    }
}

impl Candidate {
    /// The name for a narrow column: `short` when the dataset gives one.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

impl Criterion {
    /// The label for a narrow table: `short` when the dataset gives one.
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

impl Aspect {
    /// The label for a narrow table: `short` when the dataset gives one.
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

impl Question {
    pub fn option_ix(&self, id: &str) -> Option<OptionIx> {
        self.options.iter().position(|o| o.id == id)
    }
}
