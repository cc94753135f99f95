//! Terminal safety: dataset text is data. `tests/fixtures/hostile.toml` carries ESC, CSI,
//! OSC, BEL, C1, DEL, CR and TAB in every text field; no command may pass them raw to a
//! terminal, in text, Markdown or decision-record output, nor in error messages. JSON
//! escapes them (C0 as `\u001b`, C1 as `\u009b`) and still parses to the original text.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/hostile.toml";

/// The payload appended to every text field of the hostile dataset, decoded.
const PAYLOAD: &str =
    " \u{1b}[31mred\u{1b}[0m \u{1b}]0;pwned\u{7} \u{7}bell \u{9b}2J \u{1b}c \u{7f} \r\t";

fn authwiz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("authwiz runs")
}

/// The first raw control character other than a line break, with its position.
fn raw_control(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| c.is_control() && c != '\n')
}

/// Runs authwiz; asserts that neither stdout nor stderr carries a raw control character
/// and that it did not panic; returns (exit code, stdout, stderr).
fn safe(args: &[&str]) -> (i32, String, String) {
    let out = authwiz(args);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    for (name, s) in [("stdout", &stdout), ("stderr", &stderr)] {
        if let Some((at, c)) = raw_control(s) {
            let from = s[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            panic!(
                "authwiz {args:?}: raw {c:?} on {name} at byte {at}, after {:?}",
                &s[from..at]
            );
        }
    }
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    let code = out.status.code().expect("exited");
    assert_ne!(code, 101, "{args:?}");
    (code, stdout, stderr)
}

/// Answer sets that reach each kind of result: nothing yet, a recommendation, a conflict,
/// no candidate needed, and answers that are ignored.
const ANSWER_SETS: &[&[&str]] = &[
    &[],
    &[
        "-a",
        "hosting=vm",
        "-a",
        "state=stateful",
        "-a",
        "writers=one",
    ],
    &[
        "-a",
        "hosting=device",
        "-a",
        "state=stateful",
        "-a",
        "writers=many",
    ],
    &["-a", "state=stateless"],
    &[
        "-a",
        "state=stateless",
        "-a",
        "writers=many",
        "-a",
        "queries=sql",
    ],
    &[
        "-a",
        "hosting=serverless",
        "-a",
        "state=stateful",
        "-a",
        "writers=one",
        "-a",
        "queries=sql",
        "-a",
        "joins=yes",
    ],
];

#[test]
fn the_hostile_dataset_loads_and_its_text_reaches_the_output_replaced() {
    let (code, out, _) = safe(&["questions", "--data", HOSTILE]);
    assert_eq!(code, 0);
    // The text is there, with each control character shown as U+FFFD (or a space).
    assert!(
        out.contains("Where will the service run? \u{fffd}[31mred\u{fffd}[0m"),
        "{out}"
    );
}

#[test]
fn recommend_text_markdown_and_adr_carry_no_raw_control_characters() {
    for answers in ANSWER_SETS {
        for format in ["text", "markdown", "adr"] {
            let mut args = vec!["recommend", "--data", HOSTILE, "--format", format];
            if format == "adr" {
                args.extend(["--date", "2025-01-02"]);
            }
            args.extend_from_slice(answers);
            let (code, out, _) = safe(&args);
            assert!(code == 0 || code == 3, "{args:?}: exit {code}");
            assert!(out.contains('\u{fffd}'), "{args:?}: payload not shown");
        }
    }
}

#[test]
fn catalogue_commands_carry_no_raw_control_characters() {
    let commands: &[&[&str]] = &[
        &["compare"],
        &["compare", "sqlite", "dynamodb", "--context", "serverless"],
        &["compare", "--only-differences"],
        &["matrix"],
        &["questions"],
        &["check"],
    ];
    for cmd in commands {
        for format in ["text", "markdown"] {
            let mut args = cmd.to_vec();
            args.extend(["--data", HOSTILE, "--format", format]);
            let (code, out, _) = safe(&args);
            assert!(code == 0 || code == 3, "{args:?}: exit {code}");
            assert!(out.contains('\u{fffd}'), "{args:?}: payload not shown");
        }
    }
}

/// Every string in a JSON document, keys included.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                strings(x, out);
            }
        }
        _ => {}
    }
}

fn json_output(args: &[&str]) -> Value {
    let (code, out, _) = safe(args);
    assert!(code == 0 || code == 3, "{args:?}: exit {code}");
    // Escaped, not raw: C0 as \u001b, BEL as \u0007, DEL and C1 as \u007f and \u009b.
    for escaped in ["\\u001b[31m", "\\u0007", "\\u009b2J", "\\u007f"] {
        assert!(out.contains(escaped), "{args:?}: {escaped} not in the JSON");
    }
    assert!(out.contains("\\r\\t"), "{args:?}: CR and TAB escaped");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"))
}

#[test]
fn json_output_escapes_control_characters_and_keeps_the_original_text() {
    let mut commands: Vec<Vec<&str>> = ANSWER_SETS
        .iter()
        .map(|a| {
            let mut v = vec!["recommend"];
            v.extend_from_slice(a);
            v
        })
        .collect();
    for c in [
        &["compare"][..],
        &["compare", "sqlite", "--context", "device"],
        &["matrix"],
        &["questions"],
        &["check"],
    ] {
        commands.push(c.to_vec());
    }
    for cmd in commands {
        let mut args = cmd.clone();
        args.extend(["--data", HOSTILE, "--format", "json"]);
        let v = json_output(&args);
        let mut all = Vec::new();
        strings(&v, &mut all);
        assert!(
            all.iter().any(|s| s.contains(PAYLOAD)),
            "{args:?}: no string round-trips to the original text"
        );
    }
    // One exact value, to be sure the round trip is the original text.
    let v = json_output(&["questions", "--data", HOSTILE, "--format", "json"]);
    assert_eq!(
        v[0]["prompt"],
        Value::String(format!("Where will the service run?{PAYLOAD}"))
    );
    let v = json_output(&[
        "recommend",
        "--data",
        HOSTILE,
        "--format",
        "json",
        "-a",
        "hosting=vm",
    ]);
    assert_eq!(
        v["ranking"][0]["name"],
        Value::String(format!("SQLite{PAYLOAD}"))
    );
}

#[test]
fn exported_files_carry_no_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["text", "markdown", "adr", "json"] {
        let path = dir.path().join(format!("out.{format}"));
        let p = path.to_str().unwrap();
        let (code, out, _) = safe(&[
            "recommend",
            "--data",
            HOSTILE,
            "--format",
            format,
            "--date",
            "2025-01-02",
            "-a",
            "hosting=vm",
            "--output",
            p,
        ]);
        assert_eq!(code, 0);
        assert!(out.is_empty());
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(raw_control(&written), None, "{format}: {written}");
    }
}

/// A hostile dataset with one extra line, in a temporary file whose name is hostile too.
fn broken_hostile(dir: &Path, extra: &str) -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(HOSTILE)).unwrap();
    let text = text.replacen("[dataset]\n", &format!("[dataset]\n{extra}\n"), 1);
    let path = dir.join("bad\u{1b}[31m\u{9b}name.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn error_messages_carry_no_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<Vec<String>> = Vec::new();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // Hostile command-line input echoed in messages.
    cases.push(s(&[
        "recommend",
        "--data",
        HOSTILE,
        "-a",
        "hosting=\u{1b}]0;pwned\u{7}",
    ]));
    cases.push(s(&["recommend", "--data", HOSTILE, "-a", "\u{9b}2J=vm"]));
    cases.push(s(&["recommend", "--data", HOSTILE, "-a", "\u{1b}[31m"]));
    cases.push(s(&["compare", "--data", HOSTILE, "sql\u{1b}[31mite"]));
    cases.push(s(&[
        "compare",
        "--data",
        HOSTILE,
        "--context",
        "\u{1b}]0;x\u{7}",
    ]));
    cases.push(s(&["check", "--data", "no\u{1b}[31msuch\u{9b}file.toml"]));
    cases.push(s(&[
        "recommend",
        "--data",
        HOSTILE,
        "--format",
        "adr",
        "--date",
        "\u{1b}[31m",
    ]));
    // Hostile keys and values inside a broken dataset, in a file with a hostile name.
    for extra in [
        "\"key\\u001b[31m\\u009b\" = 1",
        "edition2 = \"x\\u001b]0;pwned\\u0007\"",
        "context_question = \"host\\u001b[31ming\"",
        "vocabulary = \"\\u009b2J\"",
        "x = \"raw \u{1b} escape\"",
        "y = \"raw \u{9b} c1\"",
    ] {
        let p = broken_hostile(dir.path(), extra);
        cases.push(vec!["check".into(), "--data".into(), p]);
    }
    // A hostile answers file.
    let answers = dir.path().join("answers\u{7}.toml");
    std::fs::write(
        &answers,
        "dataset = \"choose-a-database\"\n[answers]\n\"host\\u001b[31ming\" = \"vm\"\nstate = \"\\u009b2J\"\n",
    )
    .unwrap();
    cases.push(vec![
        "recommend".into(),
        "--data".into(),
        HOSTILE.into(),
        "--answers".into(),
        answers.to_str().unwrap().into(),
    ]);
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = safe(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

/// The plain line mode through pipes: prompts, help, the live standing and the result
/// all come from the dataset.
#[test]
fn plain_mode_carries_no_raw_control_characters() {
    use std::io::Write;
    for input in [
        "1\n1\n1\n1\n1\n1\n1\n",
        "?\n2\n1\n2\n2\n2\n",
        "3\n1\nb\n2\n1\n1\n1\n",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_authwiz"))
            .args(["--plain", "--data", HOSTILE])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TERM", "xterm-256color")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stdout.contains('\u{fffd}'), "{input:?}: {stdout}");
        for (name, s) in [("stdout", &stdout), ("stderr", &stderr)] {
            assert_eq!(
                raw_control(s),
                None,
                "{input:?}: raw control character on {name}:\n{s}"
            );
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
