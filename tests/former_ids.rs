//! `renamed_from` and `replaces` (data/README.md, "Former ids"): read by the loader,
//! validated, and used by the hints for unknown ids; a dataset without them loads as
//! before.

use authwiz::dataset::former::{Change, Kind};
use authwiz::dataset::unknown::{self, Unknown, Via};
use authwiz::dataset::{self, Dataset, load_str};

const COMMUTE: &str = include_str!("fixtures/commute.toml");

/// The commute fixture with `extra` lines written right after the line `after`.
fn commute_with(after: &str, extra: &str) -> String {
    let at = COMMUTE.find(after).unwrap_or_else(|| panic!("{after:?}")) + after.len();
    format!("{}\n{extra}{}", &COMMUTE[..at], &COMMUTE[at..])
}

fn loaded(text: &str) -> Dataset {
    load_str("commute.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(text: &str) -> String {
    load_str("commute.toml", text).unwrap_err().to_string()
}

#[test]
fn a_dataset_without_former_ids_has_none() {
    assert!(loaded(COMMUTE).former.is_empty());
    assert!(dataset::resolve("box-2019").unwrap().former.is_empty());
}

#[test]
fn box_current_names_what_the_2019_application_types_became() {
    let ds = dataset::resolve("box-current").unwrap();
    let q = ds.question_ix("app-type").unwrap();
    let option = |id: &str| ds.questions[q].option_ix(id).unwrap();
    assert_eq!(
        ds.former.of(Kind::Option(q), "custom-app"),
        [(Change::Renamed, option("platform-app"))]
    );
    assert_eq!(
        ds.former.of(Kind::Option(q), "enterprise-integration"),
        [(Change::Replaced, option("platform-app"))]
    );
    assert_eq!(
        ds.former.of(Kind::Option(q), "partner-integration"),
        [(Change::Replaced, option("limited-access-app"))]
    );
}

#[test]
fn former_ids_of_candidates_questions_and_options_give_the_hint() {
    let text = commute_with("id = \"bus\"", "renamed_from = [\"coach\"]");
    let text = text.replacen(
        "id = \"car\"",
        "id = \"car\"\nreplaces = [\"taxi\", \"coach\"]",
        1,
    );
    let ds = loaded(&text);
    let hint = |what, id| unknown::hint(&ds, what, id, Via::CommandLine, []);
    assert_eq!(
        hint(Unknown::Candidate, "coach").as_deref(),
        Some("`coach` was renamed `bus` and replaced by `car`")
    );
    assert_eq!(
        hint(Unknown::Candidate, "taxi").as_deref(),
        Some("`taxi` was replaced by `car`")
    );
    // Not a bundled edition: no other edition is suggested, and a plain unknown id gets
    // the usual "did you mean" (here none: nothing is close).
    assert_eq!(hint(Unknown::Candidate, "rocket"), None);
}

#[test]
fn an_option_renamed_in_a_dataset_of_ones_own_is_named_in_answer_errors() {
    let town = COMMUTE.find("id = \"town\"").unwrap();
    let village = town + COMMUTE[town..].find("id = \"village\"").unwrap();
    let text = format!(
        "{}id = \"village\"\nrenamed_from = [\"hamlet\"]{}",
        &COMMUTE[..village],
        &COMMUTE[village + "id = \"village\"".len()..]
    );
    let ds = loaded(&text);
    let mut answers = authwiz::dataset::Answers::for_dataset(&ds);
    let err = authwiz::dataset::answers::parse_pairs(&ds, &["town=hamlet".into()], &mut answers)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("hint: `hamlet` was renamed `village`"),
        "{err}"
    );
    // The context of that option too.
    assert_eq!(
        unknown::hint(&ds, Unknown::Context, "hamlet", Via::CommandLine, []).as_deref(),
        Some("`hamlet` was renamed `village`")
    );
}

#[test]
fn a_bad_former_id_is_refused_with_its_place() {
    let in_use = refused(&commute_with("id = \"bus\"", "renamed_from = [\"bike\"]"));
    assert!(
        in_use.contains("candidates[1].renamed_from[0]: `bike` is still the id of a candidate"),
        "{in_use}"
    );
    let malformed = refused(&commute_with("id = \"bus\"", "replaces = [\"Coach Bus\"]"));
    assert!(
        malformed.contains("candidates[1].replaces[0]: invalid id `Coach Bus`"),
        "{malformed}"
    );
    let twice = refused(&commute_with(
        "id = \"bus\"",
        "replaces = [\"coach\", \"coach\"]",
    ));
    assert!(
        twice.contains("candidates[1].replaces[1]: `coach` is listed twice"),
        "{twice}"
    );
    let text = commute_with("id = \"bus\"", "renamed_from = [\"coach\"]");
    let text = text.replacen(
        "id = \"car\"",
        "id = \"car\"\nrenamed_from = [\"coach\"]",
        1,
    );
    let renamed_twice = refused(&text);
    assert!(
        renamed_twice.contains(
            "candidates[2].renamed_from[0]: `coach` is already renamed to another candidate"
        ),
        "{renamed_twice}"
    );
    // Every problem points at its line.
    assert!(in_use.starts_with("commute.toml:"), "{in_use}");
}
