//! What to say about an id the dataset in use does not know, best hint first: what it
//! became in this dataset (renamed or replaced, see `former`), which other bundled
//! edition has it, or else the known id it most looks like ("did you mean").

use std::sync::OnceLock;

use super::diagnostic::{article, did_you_mean, shown};
use super::former::{Change, Kind};
use super::model::{Dataset, QuestionIx};
use crate::bundled;

/// The kind of id that was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    Question,
    /// An option of this question (of the dataset in use).
    Option(QuestionIx),
    Candidate,
    Context,
}

/// Where the unknown id was written, which decides how to name another edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// On the command line, where `--data` picks the edition.
    CommandLine,
    /// In an answers file, whose `dataset` key picks it (and must agree with `--data`).
    AnswersFile,
}

/// A hint for `id`, unknown as `what` in `ds`; `known` are the valid ids, for a "did you
/// mean".
pub fn hint<'k>(
    ds: &Dataset,
    what: Unknown,
    id: &str,
    via: Via,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<String> {
    let became = became(ds, what, id);
    let elsewhere = elsewhere(ds, what, id);
    let switch = |edition: &str| match via {
        Via::CommandLine => format!("add `--data {edition}`"),
        Via::AnswersFile => format!("answer for {edition} (`dataset = \"{edition}\"`)"),
    };
    match (became, elsewhere) {
        (Some(became), Some((edition, _))) => {
            Some(format!("{became}; to keep it, {}", switch(edition)))
        }
        (Some(became), None) => Some(became),
        (None, Some((edition, is))) => Some(format!("{is}: {}", switch(edition))),
        (None, None) => did_you_mean(id, known),
    }
}

/// "`old` was renamed `new`" / "was replaced by `a` and `b`", from the dataset's former ids.
fn became(ds: &Dataset, what: Unknown, id: &str) -> Option<String> {
    let kind = match what {
        Unknown::Candidate => Kind::Candidate,
        Unknown::Question => Kind::Question,
        Unknown::Option(q) => Kind::Option(q),
        // A context is the option of the context question with the same id.
        Unknown::Context => Kind::Option(ds.context_question?),
    };
    let name_of = |now: usize| -> &str {
        match kind {
            Kind::Candidate => &ds.candidates[now].id,
            Kind::Question => &ds.questions[now].id,
            Kind::Option(q) => &ds.questions[q].options[now].id,
        }
    };
    let changes = ds.former.of(kind, id);
    if changes.is_empty() {
        return None;
    }
    let named = |change: Change| -> Vec<String> {
        changes
            .iter()
            .filter(|(c, _)| *c == change)
            .map(|&(_, now)| format!("`{}`", name_of(now)))
            .collect()
    };
    let mut parts = Vec::new();
    let renamed = named(Change::Renamed);
    if !renamed.is_empty() {
        parts.push(format!("renamed {}", renamed.join(" and ")));
    }
    let replaced = named(Change::Replaced);
    if !replaced.is_empty() {
        parts.push(format!("replaced by {}", replaced.join(" and ")));
    }
    Some(format!("`{}` was {}", shown(id), parts.join(" and ")))
}

/// The other bundled edition that knows `id` as the same kind of thing, and a sentence
/// saying what it is there. Only for a bundled edition in use: the editions of one
/// knowledge share their ids, a dataset of the user's own shares nothing with them.
fn elsewhere(ds: &Dataset, what: Unknown, id: &str) -> Option<(&'static str, String)> {
    let own = ds.origin.bundled_name()?;
    let shown_id = shown(id);
    other_editions()
        .iter()
        .filter(|(name, _)| *name != own)
        .find_map(|(name, other)| {
            let other = other.as_ref()?;
            let v = &other.vocabulary;
            let is = match what {
                Unknown::Candidate => other.candidate_ix(id).map(|_| {
                    format!(
                        "`{shown_id}` is {} {} of {name}",
                        article(&v.candidate),
                        v.candidate
                    )
                }),
                Unknown::Context => other.context_ix(id).map(|_| {
                    format!(
                        "`{shown_id}` is {} {} of {name}",
                        article(&v.context),
                        v.context
                    )
                }),
                Unknown::Question => other
                    .question_ix(id)
                    .map(|_| format!("`{shown_id}` is a question of {name}")),
                Unknown::Option(q) => {
                    let question = &ds.questions[q].id;
                    let oq = other.question_ix(question)?;
                    other.questions[oq].option_ix(id).map(|_| {
                        if other.context_question == Some(oq) {
                            format!(
                                "`{shown_id}` is {} {} of {name}",
                                article(&v.context),
                                v.context
                            )
                        } else {
                            format!("`{shown_id}` is an answer to `{question}` in {name}")
                        }
                    })
                }
            }?;
            Some((*name, is))
        })
}

/// Every bundled edition, loaded once and only when an unknown id needs them (an edition
/// that fails to load is left out: its own command reports why).
fn other_editions() -> &'static [(&'static str, Option<Dataset>)] {
    static EDITIONS: OnceLock<Vec<(&'static str, Option<Dataset>)>> = OnceLock::new();
    EDITIONS.get_or_init(|| {
        bundled::BUNDLED
            .iter()
            .map(|b| (b.name, super::load_bundled(b).ok()))
            .collect()
    })
}
