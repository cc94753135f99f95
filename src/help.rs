//! The command line's help texts. A person reads the help before choosing a dataset, so it
//! speaks the bundled default edition's words (`bundled::HELP_WORDS`) rather than the
//! engine's ("candidate", "context"); one line at the end of a help gives the generic
//! meaning, for a dataset of one's own.
//!
//! Texts that name no thing of the domain stay as doc comments in `cli.rs`, beside their
//! flag.

use crate::bundled::{self, HELP_WORDS as W};
use crate::dataset::diagnostic::article;

/// The first line of `authwiz -h` (and the manual page's NAME): what it does.
pub fn about() -> String {
    crate::strings::sentence(bundled::SUMMARY)
}

/// The first lines of `authwiz --help`: what it is for, an example, the two faces.
pub fn long_about() -> String {
    format!(
        "{}\n\nExample:\n  authwiz {}\n\nWithout a command, authwiz opens the interactive wizard \
         (numbered line prompts with --plain, or when the terminal cannot show it). The commands \
         answer the same questions for scripts; `authwiz help COMMAND` tells more about each.",
        bundled::PURPOSE,
        bundled::EXAMPLE
    )
}

/// The words the help uses, and what they mean for any dataset: one line.
pub fn words() -> String {
    format!(
        "Words of the bundled default: {} {} is a candidate, {} {} a context (a dataset of your own names its own).",
        article(W.candidate),
        W.candidate,
        article(W.context),
        W.context
    )
}

/// What each exit code means, the same for the wizard and the commands (README.md, "Exit
/// codes"; `exit.rs`).
pub fn exit_codes() -> &'static str {
    "Exit codes: 0 a result; 1 the wizard was left before a result; 2 bad usage or input; \
     3 nothing fits (or `check` found problems, or `test` a failure); 4 a tie, decided only by the dataset's \
     order; 128+N ended by signal N (130 Ctrl+C). The wizard, left from its result, exits as \
     `recommend` does for the same answers."
}

/// After the help of the whole program.
pub fn after_help() -> String {
    format!("{}\n\n{}", words(), exit_codes())
}

pub fn recommend() -> String {
    format!(
        "Recommend {} {} from your answers: why it fits, why not the others, what would change it",
        article(W.candidate),
        W.candidate
    )
}

pub fn recommend_after() -> String {
    format!(
        "{}\n\nExit codes: 0 a recommendation (or none is needed), 3 nothing fits, 4 a tie \
         decided only by the dataset's order, 2 bad input.",
        words()
    )
}

pub fn compare() -> String {
    format!("Compare {} side by side, row by row", W.candidates)
}

pub fn matrix() -> String {
    format!("Show which {} each {} supports", W.candidates, W.context)
}

pub fn questions() -> String {
    "List the questions and their answers, with the ids that --answer takes".to_owned()
}

pub fn datasets() -> String {
    "List the bundled editions of the knowledge".to_owned()
}

pub fn check() -> String {
    format!(
        "Validate a dataset and analyse it: {} never recommended, questions that change nothing, unused answers",
        W.candidates
    )
}

/// After `check`'s help: what its findings mean for the exit code.
pub fn check_after() -> String {
    format!(
        "{}\n\nExit codes: 0 valid, nothing to warn about; 3 valid, with warnings (or the search \
         ran out of budget); 2 the dataset does not load (its problems are listed).",
        words()
    )
}

pub fn test() -> String {
    "Run a scenario file: answers and the result each must lead to, reported like a test suite"
        .to_owned()
}

pub fn test_after() -> String {
    "Each failing scenario shows what was expected (-) beside what came out (+).\n\nExit codes: \
     0 every scenario passes; 3 some fail (a scenario whose answers or expected ids the dataset \
     does not have fails too); 2 the scenario file or the dataset cannot be read."
        .to_owned()
}

/// `test --data`: overrides the dataset the scenario file names.
pub fn test_data() -> String {
    let names: Vec<&str> = bundled::BUNDLED.iter().map(|b| b.name).collect();
    format!(
        "The knowledge to test: a bundled edition ({}) or a dataset file (default: the `dataset` the scenario file names, else {})",
        names.join(", "),
        bundled::default_dataset().name
    )
}

pub fn schema() -> String {
    "Print the JSON Schema of the dataset format, for editors that check TOML as you type"
        .to_owned()
}

pub fn schema_after() -> String {
    "Save it (`authwiz schema > authwiz.schema.json`) and point your editor at it: a first line \
     `#:schema ./authwiz.schema.json` in the dataset (taplo, Even Better TOML), or a rule in \
     .taplo.toml (data/README.md, \"Editor support\")."
        .to_owned()
}

pub fn completions() -> String {
    "Print a shell completion script (it completes answers, ids and edition names)".to_owned()
}

pub fn man() -> String {
    "Print the manual page (roff): `authwiz man | man -l -`".to_owned()
}

/// `--data` wherever a dataset is read.
pub fn data() -> String {
    let names: Vec<&str> = bundled::BUNDLED.iter().map(|b| b.name).collect();
    format!(
        "The knowledge to use: a bundled edition ({}; default {}) or a dataset file of your own",
        names.join(", "),
        bundled::default_dataset().name
    )
}

/// `datasets --data`: the one command where a dataset is listed rather than used.
pub fn datasets_data() -> String {
    "Also list this dataset file (the bundled editions are always listed)".to_owned()
}

pub fn compare_ids() -> String {
    format!("The {} to compare, by id (default: all)", W.candidates)
}

pub fn compare_context() -> String {
    format!(
        "Also show which of them this {} supports (its id, as `authwiz matrix --format json` lists)",
        W.context
    )
}

pub fn only_differences() -> String {
    format!(
        "Show only the rows where the compared {} differ (the support row too), as the wizard does",
        W.candidates
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_speaks_the_default_editions_words() {
        let all = [
            recommend(),
            compare(),
            matrix(),
            check(),
            compare_ids(),
            compare_context(),
            only_differences(),
        ];
        for text in &all {
            assert!(!text.contains("candidate"), "{text}");
            assert!(!text.contains("context"), "{text}");
        }
        assert!(recommend().contains(W.candidate), "{}", recommend());
    }
}
