//! The dataset file as written: serde shapes that mirror the TOML one to one.
//!
//! Every table refuses unknown keys, so a typo is an error rather than a silently ignored
//! key. Ids and references keep their byte spans so that later, semantic errors (a dangling
//! reference, a duplicate id) can point at the exact line and column. `data/README.md`
//! documents these keys for dataset authors; keep the two in step.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_spanned::Spanned;

use crate::sanitize;

pub type Id = Spanned<String>;

/// A text field with the place it was written, for messages about its content (blank,
/// too long). A defaulted (absent) field has an empty span.
///
/// Every text of a dataset is one line, and is made safe as it is read: line breaks and
/// tabs become spaces, every other control or format character the replacement
/// character (`sanitize::line`). So the model never holds a character that could forge a
/// line of output or hide how the text reads, whichever face later shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: std::ops::Range<usize>,
    /// As written, it held something, but nothing visible: only white space and characters
    /// unsafe to show (e.g. zero-width spaces), which a blank check must see through.
    pub only_invisible: bool,
}

impl Text {
    /// Where it was written, if it was.
    pub fn place(&self) -> Option<std::ops::Range<usize>> {
        (!self.span.is_empty()).then(|| self.span.clone())
    }

    fn absent(value: &str) -> Self {
        Self {
            value: value.to_owned(),
            span: 0..0,
            only_invisible: false,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.value
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        let span = s.span();
        let written = s.into_inner();
        // Nearly every text is clean: one pass tells, and it is kept as is.
        if !sanitize::has_unsafe(&written) {
            return Ok(Self {
                value: written,
                span,
                only_invisible: false,
            });
        }
        let only_invisible = written
            .chars()
            .all(|c| c.is_whitespace() || sanitize::is_unsafe_to_show(c));
        Ok(Self {
            value: sanitize::line(&written).into_owned(),
            span,
            only_invisible,
        })
    }
}

/// A dataset: one decision, its candidates, the questions that choose between them and the
/// rules and matrices behind the choice (data/README.md documents every key).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Version of the format: 1.
    #[schemars(with = "crate::schema::SchemaVersion")]
    pub schema: Spanned<u32>,
    /// What the file is about.
    #[schemars(with = "RawMeta")]
    pub dataset: Spanned<RawMeta>,
    /// Where the knowledge comes from: at least one.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The things to choose between: 1 to 64. Their order is the tie-break order.
    #[serde(default)]
    pub candidates: Vec<RawCandidate>,
    /// The rows of the support matrix: the situations that decide which candidates exist at all.
    #[serde(default)]
    pub contexts: Vec<RawContext>,
    /// The rows of the comparison matrix.
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    /// What is asked, in this order: 1 to 256.
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    /// What the answers do: points, exclusions, requirements, outcomes.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Special results rules can reach.
    #[serde(default)]
    pub outcomes: Vec<RawOutcome>,
    /// Remarks shown with results and comparisons.
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Terms for the help screen.
    #[serde(default)]
    pub glossary: Vec<RawTerm>,
    /// Descriptive rows of the comparison table, cells in words (see `RawAspect`).
    #[serde(default)]
    pub aspects: Vec<RawAspect>,
}

/// What the file is about.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Dataset")]
pub struct RawMeta {
    /// Name of the dataset, e.g. `pick-a-database`.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// One line, shown at the top of every report.
    pub title: Text,
    /// Which version of the underlying knowledge this file captures.
    pub edition: Text,
    /// A sentence or two on what the dataset decides.
    pub summary: Text,
    /// Id of the question whose options are the contexts; required when there are contexts.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub context_question: Option<Id>,
    /// The decision to make, and what for, as a sentence: the problem statement of a decision
    /// record (default: "We need to choose a <candidate>.").
    pub decision: Option<Text>,
    /// The words the interface uses for your things.
    #[serde(default)]
    pub vocabulary: RawVocabulary,
    /// Heading of the criteria rows in comparisons, e.g. where the table comes from.
    pub criteria_title: Option<Text>,
    /// Heading of the aspect rows in comparisons.
    pub aspects_title: Option<Text>,
}

/// The words the interface uses for this domain's things.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Vocabulary")]
pub struct RawVocabulary {
    /// What one candidate is called in sentences, e.g. "database" (default "option").
    #[serde(default = "default_candidate")]
    pub candidate: Text,
    /// Plural (default "options").
    #[serde(default = "default_candidates")]
    pub candidates: Text,
    /// What one context is called, e.g. "hosting model" (default "context").
    #[serde(default = "default_context")]
    pub context: Text,
    /// Plural (default "contexts").
    #[serde(default = "default_contexts")]
    pub contexts: Text,
    /// Key naming one candidate in JSON output (default `candidate`).
    #[serde(default = "default_candidate_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub candidate_key: Id,
    /// Key listing the candidates in JSON output (default `candidates`).
    #[serde(default = "default_candidates_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub candidates_key: Id,
    /// Key listing the contexts in JSON output (default `contexts`).
    #[serde(default = "default_contexts_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub contexts_key: Id,
    /// Key naming one context in JSON output (default `context`).
    #[serde(default = "default_context_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub context_key: Id,
}

impl From<&RawVocabulary> for super::model::Vocabulary {
    fn from(v: &RawVocabulary) -> Self {
        Self {
            candidate: v.candidate.value.clone(),
            candidates: v.candidates.value.clone(),
            context: v.context.value.clone(),
            contexts: v.contexts.value.clone(),
            candidate_key: v.candidate_key.get_ref().clone(),
            candidates_key: v.candidates_key.get_ref().clone(),
            contexts_key: v.contexts_key.get_ref().clone(),
            context_key: v.context_key.get_ref().clone(),
        }
    }
}

impl Default for RawVocabulary {
    fn default() -> Self {
        Self {
            candidate: default_candidate(),
            candidates: default_candidates(),
            context: default_context(),
            contexts: default_contexts(),
            candidate_key: default_candidate_key(),
            candidates_key: default_candidates_key(),
            contexts_key: default_contexts_key(),
            context_key: default_context_key(),
        }
    }
}

fn default_candidate() -> Text {
    Text::absent("option")
}
fn default_candidates() -> Text {
    Text::absent("options")
}
fn default_context() -> Text {
    Text::absent("context")
}
fn default_contexts() -> Text {
    Text::absent("contexts")
}
fn default_candidate_key() -> Id {
    Spanned::new(0..0, "candidate".to_owned())
}
fn default_candidates_key() -> Id {
    Spanned::new(0..0, "candidates".to_owned())
}
fn default_contexts_key() -> Id {
    Spanned::new(0..0, "contexts".to_owned())
}
fn default_context_key() -> Id {
    Spanned::new(0..0, "context".to_owned())
}

/// Where knowledge comes from: every fact, cell, rule and note names one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// Referred to by `source` keys elsewhere.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Title of the page or document.
    pub title: Text,
    /// Where it lives in its repository or site. A source has a path, a URL, or both.
    pub path: Option<Text>,
    /// A link to it.
    pub url: Option<Text>,
    /// The commit or date of the version read.
    pub revision: Option<Text>,
}

/// One of the things to choose between.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Candidate")]
pub struct RawCandidate {
    /// Used in rules, matrices and answers.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Shown to people.
    pub name: Text,
    /// A shorter name for narrow table columns.
    pub short: Option<Text>,
    /// What it is, in a sentence or three.
    pub summary: Text,
    /// Where the summary comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// The source's own "when to use" list, word for word.
    #[serde(default)]
    pub when_to_use: Vec<Text>,
    /// Where that list comes from.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub when_to_use_source: Option<Id>,
    /// What a person needs next once it is chosen: set-up, limits, next steps.
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// Warnings that come with choosing it.
    #[serde(default)]
    pub caveats: Vec<RawFact>,
    /// Ids it had in earlier editions of the knowledge.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of candidates of earlier editions it took the place of.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
    /// `deprecated` or `legacy`: explained and compared, never recommended (default `current`).
    #[schemars(with = "Option<CandidateStatus>")]
    pub status: Option<Spanned<CandidateStatus>>,
    /// Why, as a clause like a rule's `because`; required with a status.
    pub status_reason: Option<Text>,
    /// Where the status comes from (default: the candidate's `source`).
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub status_source: Option<Id>,
}

/// Whether a candidate may be recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CandidateStatus {
    /// It may be recommended (the default).
    #[default]
    Current,
    /// Its makers advise against it: shown and explained, never recommended.
    Deprecated,
    /// Superseded, kept for existing uses: shown and explained, never recommended.
    Legacy,
}

impl CandidateStatus {
    /// The word people read, e.g. "deprecated".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Deprecated => "deprecated",
            Self::Legacy => "legacy",
        }
    }
}

/// A fact or a caveat of a candidate.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Fact")]
pub struct RawFact {
    /// Short heading, e.g. "Next steps".
    pub label: Text,
    /// The fact.
    pub text: Text,
    /// Where it comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// Shown only when this holds (the form of a rule's `when`); default: always.
    #[serde(default)]
    pub when: RawCondition,
}

/// A note on one cell of a matrix, shown wherever the cell is the reason for something.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CellNote")]
pub struct RawCellNote {
    /// The note.
    pub text: Text,
    /// Where it comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
}

/// A row of the support matrix: a situation that decides which candidates exist at all.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Context")]
pub struct RawContext {
    /// Also the id of the matching option of the context question.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Shown to people.
    pub name: Text,
    /// May be empty.
    pub summary: Text,
    /// Where the row comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// One cell per candidate: true (available), false (ruled out) or "depends" (kept, with a caveat).
    #[schemars(with = "BTreeMap<String, SupportCell>")]
    pub support: BTreeMap<Id, Spanned<SupportCell>>,
    /// Notes on cells, keyed by candidate id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawCellNote>")]
    pub notes: BTreeMap<Id, RawCellNote>,
}

/// A row of the comparison matrix.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Criterion")]
pub struct RawCriterion {
    /// Used in `require`.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// The row label, e.g. "Handles many concurrent writers?".
    pub label: Text,
    /// A shorter label for narrow tables.
    pub short: Option<Text>,
    /// Where the row comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// One cell per candidate: "yes", "no" or "depends".
    #[schemars(with = "BTreeMap<String, CellValue>")]
    pub values: BTreeMap<Id, Spanned<CellValue>>,
    /// Notes on cells, keyed by candidate id: use one for every "depends".
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawCellNote>")]
    pub notes: BTreeMap<Id, RawCellNote>,
}

/// A row of the comparison table whose cells are words, not yes/no ("Who runs it":
/// "Nobody: a file next to the service"). Shown beside the criteria; no rule reads it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAspect {
    /// Unique among the aspects.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// The row's label, a phrase.
    pub label: Text,
    /// A shorter label for narrow tables.
    pub short: Option<Text>,
    /// Where the row comes from (a cell may cite its own source).
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// One cell per candidate, keyed by candidate id.
    #[schemars(with = "BTreeMap<String, RawAspectCell>")]
    pub cells: BTreeMap<Id, RawAspectCell>,
}

/// One cell of an aspect row: a few words about one candidate.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAspectCell {
    /// The cell, in a few words.
    pub text: Text,
    /// Where this cell comes from, when not from the row's source.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub source: Option<Id>,
}

/// A cell of the support matrix: `true`, `false` or `"depends"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportCell {
    /// Available in this context.
    Yes,
    /// Not available: ruled out in this context.
    No,
    /// Available in some cases (the cell's note says which): kept, with a caveat.
    Depends,
}

impl<'de> Deserialize<'de> for SupportCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SupportCell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or \"depends\"")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<SupportCell, E> {
                Ok(if b { SupportCell::Yes } else { SupportCell::No })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<SupportCell, E> {
                match s {
                    "depends" => Ok(SupportCell::Depends),
                    _ => Err(E::invalid_type(de::Unexpected::Str(s), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CellValue {
    Yes,
    No,
    Depends,
}

/// A question, with its options.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Question")]
pub struct RawQuestion {
    /// Used in conditions and on the command line (`-a id=option`).
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// The question.
    pub prompt: Text,
    /// One line of explanation under it.
    #[serde(default)]
    pub help: Text,
    /// Asked only when this holds (default: always).
    #[serde(default)]
    pub ask_if: RawCondition,
    /// The possible answers: 2 to 64.
    pub options: Vec<RawOption>,
    /// Where the question comes from.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub source: Option<Id>,
    /// The answer states a fact of the person's situation: once given, it counts wherever
    /// the question would not be asked, after a final outcome and in every hypothetical.
    #[serde(default)]
    pub always_counts: bool,
    /// Ids it had in earlier editions of the knowledge.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of questions of earlier editions it took the place of.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
}

/// One possible answer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Option")]
pub struct RawOption {
    /// Unique within its question.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Shown to people.
    pub label: Text,
    /// One line under the option.
    #[serde(default)]
    pub help: Text,
    /// Ids it had in earlier editions of the knowledge.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of options of earlier editions it took the place of.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
}

/// What answers do: points, exclusions, requirements, an outcome.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub struct RawRule {
    /// Shown in explanations.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Fires when this holds (default: always).
    #[serde(default)]
    pub when: RawCondition,
    /// The reason shown to people when it fires: a clause, in lower case.
    pub because: Text,
    /// Where the reasoning comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// Points per candidate id, from -100 to 100.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, crate::schema::Weight>")]
    pub score: BTreeMap<Id, Spanned<i64>>,
    /// Candidate ids it rules out.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub exclude: Vec<Id>,
    /// Criterion id = allowed value(s): rules out every candidate whose cell is not allowed
    /// (a "depends" cell keeps it, with a caveat).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, OneOrManyValues>")]
    pub require: BTreeMap<Id, Spanned<OneOrManyValues>>,
    /// The outcome it reaches.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub outcome: Option<Id>,
}

/// A special result a rule can reach.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Outcome")]
pub struct RawOutcome {
    /// Named by a rule's `outcome`.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Headline of the result.
    pub title: Text,
    /// What to do.
    pub text: Text,
    /// Where it comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// Reaching it ends the questionnaire (default true).
    #[serde(default = "yes")]
    pub r#final: bool,
    /// The result is that no candidate is needed: no recommendation, and no conflict.
    #[serde(default)]
    pub no_candidate: bool,
}

fn yes() -> bool {
    true
}

/// A remark shown with results and comparisons.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Note")]
pub struct RawNote {
    /// Unique among notes.
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Headline.
    pub title: Text,
    /// The note.
    pub text: Text,
    /// At least one; every side where sources disagree.
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub sources: Vec<Id>,
}

/// A term for the help screen.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Term")]
pub struct RawTerm {
    /// The word.
    pub term: Text,
    /// One to three sentences.
    pub definition: Text,
    /// Where the definition comes from.
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
}

/// A condition as written (`ask_if`, `when`): an inline table of tests, each
/// `question = "option"`, `question = ["option", ...]` or `question = { not = ... }`, and
/// `any = [ {...}, {...} ]`: alternatives, each a condition of the same form. All the tests
/// and one of the alternatives must hold.
#[derive(Debug, Clone, Default)]
pub struct RawCondition {
    /// Key (a question id, or `any`) → value, sorted by key.
    pub tests: BTreeMap<Id, Spanned<RawTest>>,
}

/// The value of one key of a condition.
#[derive(Debug, Clone)]
pub enum RawTest {
    /// `"option"` or `["option", ...]`: answered with one of these.
    Is(OneOrMany),
    /// `{ not = "option" }` or `{ not = [...] }`: answered with another option.
    Not(OneOrMany),
    /// `[ { ... }, { ... } ]`: alternatives (only under the key `any`).
    Alternatives(Vec<Spanned<RawCondition>>),
}

/// The key of a condition that lists alternatives.
pub const ANY: &str = "any";

impl<'de> Deserialize<'de> for RawCondition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawCondition;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of question = option")
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawCondition, A::Error> {
                let mut tests = BTreeMap::new();
                while let Some(key) = map.next_key::<Id>()? {
                    let value = map.next_value::<Spanned<RawTest>>()?;
                    tests.insert(key, value);
                }
                Ok(RawCondition { tests })
            }
        }
        d.deserialize_map(V)
    }
}

/// One item of a list in a condition: an option id, or (under `any`) a condition.
enum ListItem {
    Option(String),
    Condition(RawCondition),
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option id, or (in `any`) a table of conditions")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ListItem, E> {
                Ok(ListItem::Option(s.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ListItem, A::Error> {
                RawCondition::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(ListItem::Condition)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawTest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTest;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an option id, a list of option ids, { not = ... }, or (under `any`) a list of conditions",
                )
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawTest, E> {
                Ok(RawTest::Is(OneOrMany(vec![Spanned::new(
                    0..0,
                    s.to_owned(),
                )])))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawTest, A::Error> {
                let mut options = Vec::new();
                let mut conditions = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<ListItem>>()? {
                    let span = item.span();
                    match item.into_inner() {
                        ListItem::Option(id) => options.push(Spanned::new(span, id)),
                        ListItem::Condition(c) => conditions.push(Spanned::new(span, c)),
                    }
                }
                match (options.is_empty(), conditions.is_empty()) {
                    (_, true) => Ok(RawTest::Is(OneOrMany(options))),
                    (true, false) => Ok(RawTest::Alternatives(conditions)),
                    (false, false) => Err(de::Error::custom(
                        "a list of option ids and conditions mixed: write option ids, or (under `any`) conditions, not both",
                    )),
                }
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawTest, A::Error> {
                let mut not = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "not" || not.is_some() {
                        return Err(de::Error::unknown_field(&key, &["not"]));
                    }
                    not = Some(map.next_value::<OneOrMany>()?);
                }
                not.map(RawTest::Not)
                    .ok_or_else(|| de::Error::missing_field("not"))
            }
        }
        d.deserialize_any(V)
    }
}

/// `"id"` or `["id", "id"]`.
#[derive(Debug, Clone)]
pub struct OneOrMany(pub Vec<Id>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option id or a list of option ids")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Spanned::new(0..0, s.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(id) = seq.next_element::<Id>()? {
                    out.push(id);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `"yes"` or `["yes", "depends"]`.
#[derive(Debug, Clone)]
pub struct OneOrManyValues(pub Vec<CellValue>);

impl<'de> Deserialize<'de> for OneOrManyValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrManyValues;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"yes\", \"no\", \"depends\" or a list of them")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<OneOrManyValues, E> {
                CellValue::deserialize(de::value::StrDeserializer::<E>::new(s))
                    .map(|v| OneOrManyValues(vec![v]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrManyValues, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<CellValue>()? {
                    out.push(v);
                }
                Ok(OneOrManyValues(out))
            }
        }
        d.deserialize_any(V)
    }
}
