//! The dataset file as written: serde shapes that mirror the TOML one to one.
//!
//! Every table refuses unknown keys, so a typo is an error rather than a silently ignored
//! key. Ids and references keep their byte spans so that later, semantic errors (a dangling
//! reference, a duplicate id) can point at the exact line and column. `data/README.md`
//! documents these keys for dataset authors; keep the two in step.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_spanned::Spanned;

pub type Id = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Version of this schema; only 1 exists.
    pub schema: Spanned<u32>,
    pub dataset: RawMeta,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Id,
    pub title: String,
    /// Which edition of the underlying knowledge this file captures.
    pub edition: String,
    pub summary: String,
    /// Id of the question whose options are the contexts (the rows of the support matrix).
    /// Required when `contexts` is not empty.
    pub context_question: Option<Id>,
    #[serde(default)]
    pub vocabulary: RawVocabulary,
}

/// The words the interface uses for this domain's things.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVocabulary {
    #[serde(default = "default_candidate")]
    pub candidate: String,
    #[serde(default = "default_candidates")]
    pub candidates: String,
    #[serde(default = "default_context")]
    pub context: String,
    #[serde(default = "default_contexts")]
    pub contexts: String,
    /// Key naming one candidate in machine-readable output.
    #[serde(default = "default_candidate_key")]
    pub candidate_key: String,
    /// Key under which machine-readable output lists the candidates.
    #[serde(default = "default_candidates_key")]
    pub candidates_key: String,
    /// Key under which machine-readable output lists the contexts.
    #[serde(default = "default_contexts_key")]
    pub contexts_key: String,
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
        }
    }
}

fn default_candidate() -> String {
    "option".into()
}
fn default_candidates() -> String {
    "options".into()
}
fn default_context() -> String {
    "context".into()
}
fn default_contexts() -> String {
    "contexts".into()
}
fn default_candidate_key() -> String {
    "candidate".into()
}
fn default_candidates_key() -> String {
    "candidates".into()
}
fn default_contexts_key() -> String {
    "contexts".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Id,
    pub title: String,
    /// Path of the page in its repository (e.g. a guide path).
    pub path: String,
    pub url: Option<String>,
    /// Commit or date of the version read.
    pub revision: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCandidate {
    pub id: Id,
    pub name: String,
    pub summary: String,
    pub source: Id,
    /// The "when to use" list, verbatim from the source.
    #[serde(default)]
    pub when_to_use: Vec<String>,
    pub when_to_use_source: Option<Id>,
    /// What a person needs next once this candidate is chosen.
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// Warnings that come with choosing this candidate.
    #[serde(default)]
    pub caveats: Vec<RawFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Short heading, e.g. "Credentials".
    pub label: String,
    pub text: String,
    pub source: Id,
}

/// A note attached to one cell of a matrix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCellNote {
    pub text: String,
    pub source: Id,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContext {
    pub id: Id,
    pub name: String,
    pub summary: String,
    pub source: Id,
    /// One cell per candidate: is it available in this context?
    pub support: BTreeMap<Id, Spanned<bool>>,
    #[serde(default)]
    pub notes: BTreeMap<Id, RawCellNote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Id,
    /// Row label, e.g. "Requires admin approval?".
    pub label: String,
    pub source: Id,
    /// One cell per candidate.
    pub values: BTreeMap<Id, Spanned<CellValue>>,
    #[serde(default)]
    pub notes: BTreeMap<Id, RawCellNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellValue {
    Yes,
    No,
    Depends,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Id,
    pub prompt: String,
    #[serde(default)]
    pub help: String,
    /// Ask only when every listed question was answered with one of the listed options.
    #[serde(default)]
    pub ask_if: BTreeMap<Id, Spanned<OneOrMany>>,
    pub options: Vec<RawOption>,
    pub source: Option<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Id,
    pub label: String,
    #[serde(default)]
    pub help: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Id,
    /// Fires when every listed question was asked and answered with one of the listed options.
    #[serde(default)]
    pub when: BTreeMap<Id, Spanned<OneOrMany>>,
    /// The reason shown to people when the rule fires.
    pub because: String,
    pub source: Id,
    /// Soft effect: points added to (or taken from) candidates.
    #[serde(default)]
    pub score: BTreeMap<Id, Spanned<i64>>,
    /// Hard effect: these candidates are ruled out.
    #[serde(default)]
    pub exclude: Vec<Id>,
    /// Hard effect: candidates whose cell in each listed criterion is not one of the listed
    /// values are ruled out ("depends" keeps a candidate, with a caveat).
    #[serde(default)]
    pub require: BTreeMap<Id, Spanned<OneOrManyValues>>,
    /// Special outcome this rule leads to.
    pub outcome: Option<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: Id,
    pub title: String,
    pub text: String,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub id: Id,
    pub title: String,
    pub text: String,
    /// At least one; two or more where sources disagree and the note settles it.
    pub sources: Vec<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub term: String,
    pub definition: String,
    pub source: Id,
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
