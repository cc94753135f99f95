//! The broken-input corpus: every file under `tests/corpus/` must make authwiz fail with
//! exit code 2, no panic, nothing on stdout, and exactly the error in its `.expected` file.
//!
//! - `tests/corpus/datasets/NAME.toml` runs `authwiz check --data FILE` (and `recommend`
//!   and `questions` with the same `--data`, which must fail the same way);
//! - `tests/corpus/answers/NAME.toml` runs `authwiz recommend --answers FILE` (the bundled
//!   dataset the file names, or the default one);
//! - `tests/corpus/generated/NAME.expected` belongs to an input built at test time (a
//!   missing file, a directory, a file over the size limit, ...): see `generated()` below.
//!   In those, `$TMP` stands for the temporary directory.
//!
//! To add a case, write the input file and run
//! `AUTHWIZ_BLESS=1 cargo test --test broken_inputs`, which writes the `.expected` files
//! that are missing or differ; then read them: each must name the file, the line and
//! column where there is one, and what was expected.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ERROR: i32 = 2;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus(kind: &str) -> PathBuf {
    root().join("tests/corpus").join(kind)
}

fn bless() -> bool {
    std::env::var_os("AUTHWIZ_BLESS").is_some()
}

/// Runs authwiz in the repository root (so that relative paths appear verbatim).
fn authwiz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("AUTHWIZ_DATA")
        .output()
        .expect("authwiz runs")
}

/// The failure every broken input must produce: exit 2, nothing on stdout, no panic, and
/// every message starting with `error: ` and the file name. Returns stderr.
fn failure(args: &[&str], file: &str) -> Result<String, String> {
    let out = authwiz(args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8(out.stderr.clone())
        .map_err(|_| format!("{args:?}: stderr is not UTF-8"))?;
    let code = out.status.code();
    if stderr.contains("panicked") || code == Some(101) {
        return Err(format!("{args:?} panicked:\n{stderr}"));
    }
    if code != Some(ERROR) {
        return Err(format!(
            "{args:?}: exit code {code:?}, expected {ERROR}\n--- stdout\n{stdout}--- stderr\n{stderr}"
        ));
    }
    if !stdout.is_empty() {
        return Err(format!("{args:?}: output on stdout:\n{stdout}"));
    }
    if !stderr.starts_with(&format!("error: {file}")) {
        return Err(format!(
            "{args:?}: the error does not start with the file name:\n{stderr}"
        ));
    }
    if let Some(c) = stderr.chars().find(|&c| c.is_control() && c != '\n') {
        return Err(format!(
            "{args:?}: raw control character {:?} on stderr:\n{stderr}",
            c
        ));
    }
    Ok(stderr)
}

/// Compares `actual` with the `.expected` file, or writes it when blessing.
fn compare(expected_path: &Path, actual: &str) -> Result<(), String> {
    let expected = std::fs::read_to_string(expected_path).ok();
    if expected.as_deref() == Some(actual) {
        return Ok(());
    }
    if bless() {
        std::fs::write(expected_path, actual).unwrap();
        eprintln!("blessed {}", expected_path.display());
        return Ok(());
    }
    Err(match expected {
        None => format!(
            "{} is missing; the error is:\n{actual}",
            expected_path.display()
        ),
        Some(e) => format!(
            "{}: stderr differs\n--- expected\n{e}--- actual\n{actual}",
            expected_path.display()
        ),
    })
}

/// The input files of one corpus directory, sorted, as paths relative to the root.
fn cases(kind: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(corpus(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            (
                format!("tests/corpus/{kind}/{name}"),
                p.with_extension("expected"),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every `.expected` file has its input, so that no case is silently dropped.
fn no_orphans(kind: &str) {
    for e in std::fs::read_dir(corpus(kind)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "expected") {
            assert!(
                p.with_extension("toml").exists(),
                "{} has no input file",
                p.display()
            );
        }
    }
}

fn report(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} case(s) failed (AUTHWIZ_BLESS=1 rewrites the expected files):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_broken_dataset_fails_with_its_expected_error() {
    no_orphans("datasets");
    let cases = cases("datasets");
    assert!(cases.len() >= 40, "only {} dataset cases", cases.len());
    let mut failures = Vec::new();
    for (file, expected) in &cases {
        let result = failure(&["check", "--data", file], file).and_then(|stderr| {
            // Every command that loads a dataset reports the same problems.
            for cmd in ["recommend", "questions"] {
                let other = failure(&[cmd, "--data", file], file)?;
                if other != stderr {
                    return Err(format!(
                        "{file}: `{cmd}` reports differently from `check`:\n{other}"
                    ));
                }
            }
            compare(expected, &stderr)
        });
        if let Err(e) = result {
            failures.push(e);
        }
    }
    report(failures);
}

#[test]
fn every_broken_answers_file_fails_with_its_expected_error() {
    no_orphans("answers");
    let cases = cases("answers");
    assert!(cases.len() >= 10, "only {} answers cases", cases.len());
    let mut failures = Vec::new();
    for (file, expected) in &cases {
        if let Err(e) = failure(&["recommend", "--answers", file], file)
            .and_then(|stderr| compare(expected, &stderr))
        {
            failures.push(e);
        }
    }
    report(failures);
}

// ---- inputs built at test time ----

/// A small valid dataset to start from.
fn valid_dataset() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/choose-a-database.toml")).unwrap()
}

/// Runs `args` (where `{}` is replaced by `path`) and compares stderr, with the temporary
/// directory shown as `$TMP`, to `tests/corpus/generated/NAME.expected`.
fn generated_case(name: &str, dir: &Path, path: &Path, args: &[&str]) -> Result<(), String> {
    let p = path.to_str().unwrap();
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "{}" { p } else { a })
        .collect();
    let stderr = failure(&args, p)?;
    let normalised = stderr.replace(dir.to_str().unwrap(), "$TMP");
    compare(
        &corpus("generated").join(format!("{name}.expected")),
        &normalised,
    )
}

#[test]
fn generated_broken_inputs_fail_with_their_expected_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let check = ["check", "--data", "{}"];
    let answers = ["recommend", "--answers", "{}"];
    let mut failures = Vec::new();
    let mut run = |name: &str, path: PathBuf, args: &[&str]| {
        if let Err(e) = generated_case(name, dir, &path, args) {
            failures.push(e);
        }
    };

    // Files that are not there, or not files.
    run("missing-dataset", dir.join("nothere.toml"), &check);
    run("missing-answers", dir.join("nothere.toml"), &answers);
    run("directory-dataset", dir.to_path_buf(), &check);
    run("directory-answers", dir.to_path_buf(), &answers);
    let file = dir.join("plain.toml");
    std::fs::write(&file, valid_dataset()).unwrap();
    run("not-a-directory", file.join("dataset.toml"), &check);

    // One byte over the size limit (1 MiB): refused before it is parsed.
    let big = dir.join("big.toml");
    let mut text = valid_dataset();
    text.push('#');
    text.push_str(&"x".repeat(1024 * 1024 + 1 - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), 1024 * 1024 + 1);
    std::fs::write(&big, &text).unwrap();
    run("over-size-limit", big.clone(), &check);
    run("over-size-limit-answers", big, &answers);

    // A very long string: half a megabyte in one summary.
    let long = dir.join("long.toml");
    std::fs::write(
        &long,
        valid_dataset().replacen(
            "summary = \"A client/server relational database.\"",
            &format!("summary = \"{}\"", "a".repeat(500_000)),
            1,
        ),
    )
    .unwrap();
    run("very-long-string", long, &check);

    // A very long line of nothing but brackets: the nesting limit, not a stack overflow.
    let deep = dir.join("deep.toml");
    std::fs::write(
        &deep,
        format!("schema = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    run("deep-nesting-100000", deep, &check);

    report(failures);
}

#[test]
fn a_dataset_of_exactly_the_size_limit_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("exact.toml");
    let mut text = valid_dataset();
    text.push('#');
    text.push_str(&"x".repeat(1024 * 1024 - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), 1024 * 1024);
    std::fs::write(&path, &text).unwrap();
    let out = authwiz(&["questions", "--data", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file without read permission. Permission checks do not apply to root (CI runs tests
/// as root), so there the file is readable: that is checked instead, and the read error
/// path is covered by `/proc/self/mem` below, which no one can read from its start.
#[cfg(unix)]
#[test]
fn an_unreadable_file_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("secret.toml");
    std::fs::write(&path, valid_dataset()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let p = path.to_str().unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!(
            "running with permission to read mode-000 files (root?): checking that authwiz reads it too"
        );
        let out = authwiz(&["questions", "--data", p]);
        assert_eq!(out.status.code(), Some(0));
        return;
    }
    let mut failures = Vec::new();
    for (name, args) in [
        ("unreadable-dataset", vec!["check", "--data", "{}"]),
        ("unreadable-answers", vec!["recommend", "--answers", "{}"]),
    ] {
        if let Err(e) = generated_case(name, tmp.path(), &path, &args) {
            failures.push(e);
        }
    }
    report(failures);
}

/// A file that exists but cannot be read, whoever runs the test: `/proc/self/mem` fails
/// with an I/O error on the first read (address 0 is not mapped).
#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_read_fails_says_why() {
    if !Path::new("/proc/self/mem").exists() {
        eprintln!("no /proc: skipped");
        return;
    }
    let stderr = failure(&["check", "--data", "/proc/self/mem"], "/proc/self/mem").unwrap();
    compare(&corpus("generated").join("proc-self-mem.expected"), &stderr).unwrap();
}

#[test]
fn a_dataset_name_that_is_neither_bundled_nor_a_file_lists_the_bundled_ones() {
    let stderr = failure(&["check", "--data", "box-2020"], "box-2020").unwrap();
    compare(
        &corpus("generated").join("unknown-dataset-name.expected"),
        &stderr,
    )
    .unwrap();
}
