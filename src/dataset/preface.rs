//! A dataset's `[dataset]` table alone, read without the rest of its file: the title, the
//! edition, the summary and the vocabulary, which are all the welcome screen shows. The
//! wizard draws its first frame from it while the whole file is still to be parsed
//! (parsing a large file takes far longer than starting the process).
//!
//! Only a file that begins with its `[dataset]` table (before the first `[[...]]` array of
//! tables, as every dataset written to data/README.md does) has a preface; any other gets
//! none, and the wizard simply draws once the whole file is read. A preface is never
//! checked like a dataset: it only stands in for one until the real one is loaded, which
//! reports every error as it always did.

use serde::Deserialize;

use super::former::FormerIds;
use super::model::{Dataset, Origin, Vocabulary};
use super::raw::RawMeta;

/// The most of a file read for its preface: a `[dataset]` table is a few hundred bytes.
const MAX_PREFACE_BYTES: usize = 64 * 1024;

#[derive(Deserialize)]
struct Head {
    dataset: RawMeta,
}

/// The dataset `text` begins with, with no candidates, questions or rules; `None` when
/// its head is not a `[dataset]` table that reads on its own.
pub fn preface(text: &str, origin: Origin) -> Option<Dataset> {
    let head = head_of(text)?;
    let meta = toml::from_str::<Head>(head).ok()?.dataset;
    Some(Dataset {
        id: meta.id.get_ref().clone(),
        title: meta.title.value,
        edition: meta.edition.value,
        summary: meta.summary.value,
        decision: None,
        vocabulary: Vocabulary::from(&meta.vocabulary),
        origin,
        sources: Vec::new(),
        candidates: Vec::new(),
        contexts: Vec::new(),
        context_question: None,
        criteria: Vec::new(),
        questions: Vec::new(),
        rules: Vec::new(),
        outcomes: Vec::new(),
        notes: Vec::new(),
        glossary: Vec::new(),
        aspects: Vec::new(),
        criteria_title: None,
        aspects_title: None,
        ask_order: Vec::new(),
        final_rules: Vec::new(),
        gated_by: Vec::new(),
        needed_gates: Vec::new(),
        outlasts_final: Vec::new(),
        rules_testing: Vec::new(),
        reshapes: Vec::new(),
        answer_groups: Vec::new(),
        condition_groups: Vec::new(),
        former: FormerIds::default(),
    })
}

/// The text before the first array of tables (`[[sources]]`, ...), within bounds.
fn head_of(text: &str) -> Option<&str> {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("[[") {
            break;
        }
        end += line.len();
        if end > MAX_PREFACE_BYTES {
            return None;
        }
    }
    Some(&text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled::BUNDLED;

    #[test]
    fn every_bundled_edition_has_a_preface_that_says_what_the_edition_says() {
        for b in BUNDLED {
            let origin = Origin::Bundled {
                name: b.name,
                file: b.file,
            };
            let p = preface(b.text, origin).expect("a preface");
            let ds = crate::dataset::load_bundled(b).unwrap();
            assert_eq!(
                (&p.id, &p.title, &p.edition, &p.summary, &p.vocabulary),
                (&ds.id, &ds.title, &ds.edition, &ds.summary, &ds.vocabulary)
            );
            assert_eq!(p.origin, ds.origin);
        }
    }

    #[test]
    fn a_file_without_a_leading_dataset_table_has_none() {
        let file = || Origin::File("x.toml".into());
        assert!(preface("", file()).is_none());
        assert!(preface("schema = 1\n[[sources]]\nid = \"s\"\n", file()).is_none());
        assert!(
            preface("[dataset]\nid = \"x\"\n", file()).is_none(),
            "no title"
        );
        let huge = format!("# {}\n[dataset]\n", "x".repeat(MAX_PREFACE_BYTES));
        assert!(preface(&huge, file()).is_none());
    }
}
