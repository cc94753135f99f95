//! Floods: inputs with a problem on nearly every line, or a line of any length, are
//! reported within bounds (`authwiz::limits`): the first problems in full, then a count;
//! lists of valid ids cut short; typed lines read up to a bound. Times are not asserted
//! (the machine may be shared); sizes are. BENCHMARKS.md has the measured times.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use authwiz::floods::{unknown_answers, unknown_source_references};
use authwiz::limits::{MAX_DIAGNOSTICS, MAX_INPUT_LINE_BYTES};

/// Far more than the tests need: a flood used to print hundreds of megabytes.
const MAX_STDERR_BYTES: usize = 64 * 1024;

fn authwiz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("authwiz runs")
}

/// Asserts a bounded failure naming `file`: exit 2, at most `MAX_DIAGNOSTICS` problems
/// described, the rest counted, and the total. Returns stderr.
fn bounded_failure(args: &[&str], file: &str, total: usize) -> String {
    let out = authwiz(args);
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr:.2000}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(
        stderr.len() < MAX_STDERR_BYTES,
        "{args:?}: {} bytes on stderr",
        stderr.len()
    );
    let described = stderr
        .lines()
        .filter(|l| {
            l.trim_start_matches("error: ")
                .starts_with(&format!("{file}:"))
        })
        .count();
    assert_eq!(described, MAX_DIAGNOSTICS, "{stderr}");
    let omitted = total - MAX_DIAGNOSTICS;
    assert!(
        stderr.contains(&format!(
            "\nand {omitted} more problems (only the first {MAX_DIAGNOSTICS} are described)\n{total} problems found\n"
        )),
        "{stderr}"
    );
    stderr
}

#[test]
fn twenty_thousand_unknown_sources_give_fifty_messages_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unknown-sources.toml");
    std::fs::write(&path, unknown_source_references(2000, 20_000)).unwrap();
    let p = path.to_str().unwrap();
    let stderr = bounded_failure(&["check", "--data", p], p, 20_000);
    // Each message lists some of the 2,001 valid ids, not all of them.
    assert!(stderr.contains(", and 1981 more\n"), "{stderr:.3000}");
    // The first problems described are the first in the file.
    assert!(stderr.contains("notes[0].sources[0]: unknown source `missing-0`"));
}

#[test]
fn an_answers_file_of_96000_unknown_questions_gives_fifty_messages_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unknown-answers.toml");
    std::fs::write(&path, unknown_answers(96_000)).unwrap();
    let p = path.to_str().unwrap();
    let stderr = bounded_failure(&["recommend", "--answers", p], p, 96_000);
    // In the order written, not the order of the keys.
    let first = stderr.lines().next().unwrap();
    assert!(
        first.contains(":2:1: answers.q0: unknown question `q0`"),
        "{first}"
    );
}

#[test]
fn thousands_of_bad_answer_pairs_give_fifty_messages_and_a_count() {
    let pairs: Vec<String> = (0..5000).map(|i| format!("nothing-{i}=x")).collect();
    let mut args = vec!["recommend", "--data", "tests/fixtures/commute.toml"];
    for p in &pairs {
        args.extend(["-a", p.as_str()]);
    }
    bounded_failure(&args, "--answer", 5000);
}

/// The plain mode through a pipe, fed `input` from a thread (the child writes while it
/// reads); returns (exit code, stdout, stderr).
fn plain(data: &str, input: Vec<u8>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["--plain", "--data", data])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The child may finish before reading everything: a broken pipe is fine.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_twenty_megabyte_line_in_plain_mode_is_refused_briefly_and_the_session_goes_on() {
    let data = "tests/fixtures/commute.toml";
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(data).exists());
    let mut input = vec![b'x'; 20_000_000];
    input.extend_from_slice(b"\n1\n1\n1\n1\n1\n1\n");
    let (code, out, err) = plain(data, input);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.len() < MAX_STDERR_BYTES,
        "{} bytes of output",
        out.len()
    );
    let refusal = out
        .lines()
        .find(|l| l.contains(&format!("is longer than {MAX_INPUT_LINE_BYTES} bytes")))
        .unwrap_or_else(|| panic!("no refusal in:\n{out}"));
    assert!(refusal.len() < 300, "{refusal}");
    // ...and the answers after it still reach a result.
    assert!(out.contains("Recommended"), "{out}");
}

#[test]
fn an_invalid_answer_is_echoed_short() {
    let mut input = "y".repeat(3000).into_bytes();
    input.extend_from_slice(b"\n1\n1\n1\n1\n1\n1\n");
    let (code, out, err) = plain("tests/fixtures/commute.toml", input);
    assert_eq!(code, 0, "{err}");
    let echo = out
        .lines()
        .find(|l| l.contains("is not an answer here"))
        .unwrap_or_else(|| panic!("no echo in:\n{out}"));
    assert!(echo.len() < 300, "{echo}");
    assert!(echo.contains("yyy…"), "{echo}");
}
