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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Version of this schema; only 1 exists.
    #[schemars(with = "crate::schema::SchemaVersion")]
    pub schema: Spanned<u32>,
    #[schemars(with = "RawMeta")]
    pub dataset: Spanned<RawMeta>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub candidates: Vec<RawCandidate>,
    #[serde(default)]
    pub contexts: Vec<RawContext>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub outcomes: Vec<RawOutcome>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    #[serde(default)]
    pub glossary: Vec<RawTerm>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Dataset")]
pub struct RawMeta {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub title: Text,
    /// Which edition of the underlying knowledge this file captures.
    pub edition: Text,
    pub summary: Text,
    /// Id of the question whose options are the contexts (the rows of the support matrix).
    /// Required when `contexts` is not empty.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub context_question: Option<Id>,
    /// The decision this dataset helps make, and what for, as a sentence: the problem
    /// statement of a decision record.
    pub decision: Option<Text>,
    #[serde(default)]
    pub vocabulary: RawVocabulary,
}

/// The words the interface uses for this domain's things.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Vocabulary")]
pub struct RawVocabulary {
    #[serde(default = "default_candidate")]
    pub candidate: Text,
    #[serde(default = "default_candidates")]
    pub candidates: Text,
    #[serde(default = "default_context")]
    pub context: Text,
    #[serde(default = "default_contexts")]
    pub contexts: Text,
    /// Key naming one candidate in machine-readable output. The three keys are names,
    /// not text: checked like ids (see `load`), never made safe by replacement.
    #[serde(default = "default_candidate_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub candidate_key: Id,
    /// Key under which machine-readable output lists the candidates.
    #[serde(default = "default_candidates_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub candidates_key: Id,
    /// Key under which machine-readable output lists the contexts.
    #[serde(default = "default_contexts_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub contexts_key: Id,
    /// Key naming one context in machine-readable output.
    #[serde(default = "default_context_key")]
    #[schemars(with = "crate::schema::JsonKeyName")]
    pub context_key: Id,
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub title: Text,
    /// Path of the page in its repository (e.g. a guide path). A source has a path, a
    /// URL, or both.
    pub path: Option<Text>,
    pub url: Option<Text>,
    /// Commit or date of the version read.
    pub revision: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Candidate")]
pub struct RawCandidate {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub name: Text,
    pub summary: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// The "when to use" list, verbatim from the source.
    #[serde(default)]
    pub when_to_use: Vec<Text>,
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub when_to_use_source: Option<Id>,
    /// What a person needs next once this candidate is chosen.
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// Warnings that come with choosing this candidate.
    #[serde(default)]
    pub caveats: Vec<RawFact>,
    /// Ids it had in earlier editions of the knowledge (see `dataset::former`).
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of things it took the place of in earlier editions.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
    /// `deprecated` or `legacy`: explained and compared, never recommended.
    #[schemars(with = "Option<CandidateStatus>")]
    pub status: Option<Spanned<CandidateStatus>>,
    /// Why, as a clause (read like a rule's `because`). Required with a status.
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Fact")]
pub struct RawFact {
    /// Short heading, e.g. "Credentials".
    pub label: Text,
    pub text: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// Shown only when this holds (same form as a rule's `when`); default: always.
    #[serde(default)]
    pub when: RawCondition,
}

/// A note attached to one cell of a matrix.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CellNote")]
pub struct RawCellNote {
    pub text: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Context")]
pub struct RawContext {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub name: Text,
    pub summary: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// One cell per candidate: is it available in this context?
    #[schemars(with = "BTreeMap<String, SupportCell>")]
    pub support: BTreeMap<Id, Spanned<SupportCell>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawCellNote>")]
    pub notes: BTreeMap<Id, RawCellNote>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Criterion")]
pub struct RawCriterion {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Row label, e.g. "Requires admin approval?".
    pub label: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// One cell per candidate.
    #[schemars(with = "BTreeMap<String, CellValue>")]
    pub values: BTreeMap<Id, Spanned<CellValue>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawCellNote>")]
    pub notes: BTreeMap<Id, RawCellNote>,
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Question")]
pub struct RawQuestion {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub prompt: Text,
    #[serde(default)]
    pub help: Text,
    /// Ask only when every listed question was answered with one of the listed options
    /// (or, with `any`, when one of the alternatives holds).
    #[serde(default)]
    pub ask_if: RawCondition,
    pub options: Vec<RawOption>,
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub source: Option<Id>,
    /// The answer states a fact of the person's situation that holds whatever else they
    /// answer: it counts whenever it is given (see `Question::always_counts`).
    #[serde(default)]
    pub always_counts: bool,
    /// Ids it had in earlier editions of the knowledge (see `dataset::former`).
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of things it took the place of in earlier editions.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Option")]
pub struct RawOption {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub label: Text,
    #[serde(default)]
    pub help: Text,
    /// Ids it had in earlier editions of the knowledge (see `dataset::former`).
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub renamed_from: Vec<Id>,
    /// Ids of things it took the place of in earlier editions.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub replaces: Vec<Id>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub struct RawRule {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    /// Fires when every listed question was asked and answered with one of the listed options
    /// (or, with `any`, when one of the alternatives holds).
    #[serde(default)]
    pub when: RawCondition,
    /// The reason shown to people when the rule fires.
    pub because: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// Soft effect: points added to (or taken from) candidates.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, crate::schema::Weight>")]
    pub score: BTreeMap<Id, Spanned<i64>>,
    /// Hard effect: these candidates are ruled out.
    #[serde(default)]
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub exclude: Vec<Id>,
    /// Hard effect: candidates whose cell in each listed criterion is not one of the listed
    /// values are ruled out ("depends" keeps a candidate, with a caveat).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, OneOrManyValues>")]
    pub require: BTreeMap<Id, Spanned<OneOrManyValues>>,
    /// Special outcome this rule leads to.
    #[schemars(with = "Option<crate::schema::IdName>")]
    pub outcome: Option<Id>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Outcome")]
pub struct RawOutcome {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub title: Text,
    pub text: Text,
    #[schemars(with = "crate::schema::IdName")]
    pub source: Id,
    /// No further question can change the result once this outcome is reached.
    #[serde(default = "yes")]
    pub r#final: bool,
    /// The outcome is that no candidate is needed at all: no recommendation, and no conflict.
    #[serde(default)]
    pub no_candidate: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Note")]
pub struct RawNote {
    #[schemars(with = "crate::schema::IdName")]
    pub id: Id,
    pub title: Text,
    pub text: Text,
    /// At least one; two or more where sources disagree and the note settles it.
    #[schemars(with = "Vec<crate::schema::IdName>")]
    pub sources: Vec<Id>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Term")]
pub struct RawTerm {
    pub term: Text,
    pub definition: Text,
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
