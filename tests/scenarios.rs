//! The bundled editions' scenarios (tests/scenarios/*.toml), run the way a dataset author
//! runs theirs: `authwiz test FILE`. Each scenario is derived from a "when to use" bullet or
//! a note of Box's guide; a failure means the data (or the scenario) disagrees with the
//! guide, and the command's output (printed here) says how. The format is documented in
//! data/README.md ("Test with scenarios") and `src/scenarios.rs`.
//!
//! Also: what `authwiz test` does with a failing scenario, a broken one, and a file that
//! does not read.

use std::process::Command;

const EDITIONS: &[&str] = &["box-2019", "box-current"];

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// Runs authwiz in the repository root: (exit code, stdout, stderr).
fn authwiz(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("authwiz runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scenario_file(edition: &str) -> String {
    format!("tests/scenarios/{edition}.toml")
}

fn passes(edition: &str) {
    let (code, out, err) = authwiz(&["test", &scenario_file(edition)]);
    assert_eq!(code, 0, "{}:\n{out}{err}", scenario_file(edition));
    assert!(
        out.contains(&format!("against {edition}\n")),
        "the file names its edition: {out}"
    );
    assert!(
        out.ends_with("failed\n") && out.contains("test result: ok."),
        "{out}"
    );
}

#[test]
fn box_2019_scenarios() {
    passes("box-2019");
}

#[test]
fn box_current_scenarios() {
    passes("box-current");
}

#[test]
fn at_least_twenty_scenarios_in_total() {
    let total: usize = EDITIONS
        .iter()
        .map(|e| {
            let (_, out, _) = authwiz(&["test", &scenario_file(e)]);
            out.lines()
                .filter(|l| l.starts_with("ok ") || l.starts_with("FAILED "))
                .count()
        })
        .sum();
    assert!(
        total >= 20,
        "{total} scenarios in total (at least 20 wanted)"
    );
}

/// The 2019 scenarios against the current edition: ids and answers differ, so scenarios
/// fail, and each failure says what was expected and what came out.
#[test]
fn a_failing_scenario_shows_what_differs_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        "dataset = \"box-current\"\n\n\
         [[scenario]]\nname = \"wrong on purpose\"\nderived_from = \"a test\"\n\
         answers = { app-type = \"platform-app\", purpose = \"production\", users = \"box-users\" }\n\
         recommendation = \"jwt\"\nreason = \"no such reason\"\n\n\
         [[scenario]]\nname = \"right\"\n\
         answers = { app-type = \"custom-skill\" }\nrecommendation = \"none\"\nresult = \"none-needed\"\n\n\
         [[scenario]]\nname = \"an option the dataset lacks\"\n\
         answers = { app-type = \"custom-app\" }\nrecommendation = \"none\"\n",
    )
    .unwrap();
    let path = file.display().to_string();
    let (code, out, err) = authwiz(&["test", &path]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("FAILED wrong on purpose\n"), "{out}");
    assert!(out.contains("ok     right\n"), "{out}");
    assert!(out.contains("    - recommendation: jwt\n"), "{out}");
    assert!(out.contains("    + recommendation: oauth2\n"), "{out}");
    assert!(
        out.contains("    - a reason containing \"no such reason\"\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("---- wrong on purpose ({path}:4)")),
        "{out}"
    );
    // A renamed option: the error points into the scenario file, with what it became.
    assert!(
        out.contains("scenario[2].answers.app-type: unknown option `custom-app`"),
        "{out}"
    );
    assert!(out.contains("renamed `platform-app`"), "{out}");
    assert!(
        out.ends_with("test result: FAILED. 1 passed; 2 failed\n"),
        "{out}"
    );
}

#[test]
fn data_overrides_the_dataset_the_file_names() {
    // The 2019 file against the current edition: its ids are not all there.
    let (code, out, _) = authwiz(&["test", &scenario_file("box-2019"), "--data", "box-current"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("against box-current\n"), "{out}");
}

#[test]
fn an_unreadable_scenario_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, "[[scenario]]\nnmae = \"typo\"\n").unwrap();
    let path = file.display().to_string();
    let (code, out, err) = authwiz(&["test", &path]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(&format!(
            "{path}:2:1: scenario[0].nmae: unknown field `nmae`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `name`?"), "{err}");
    let (code, _, err) = authwiz(&["test", "tests/scenarios/no-such-file.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no such file"), "{err}");
}
