//! Terminal safety: dataset text is data. `tests/fixtures/hostile.toml` carries ESC, CSI,
//! OSC, BEL, C1, DEL, CR and TAB in every text field; no command may pass them raw to a
//! terminal, in text, Markdown or decision-record output, nor in error messages. The
//! loader replaces them (U+FFFD; line breaks and tabs become spaces), so JSON carries the
//! replaced text too.
//!
//! A generated dataset (`forging_dataset`) goes further: line breaks of every kind followed
//! by a fake recommendation, and every format character (bidirectional overrides and
//! isolates, zero-width characters), in every text field. No face may show those
//! characters, nor a line the dataset forged.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/hostile.toml";

fn authwiz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("authwiz runs")
}

/// Format characters and separators a dataset or an input may use to hide or forge text:
/// bidirectional embeddings, overrides and isolates, the Arabic letter mark, zero-width
/// space, non-joiner and joiner, the byte order mark, line and paragraph separators.
const FORMAT_CHARACTERS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2028}', '\u{2029}',
];

/// Whether `c` may not appear raw in any output: a control character other than the line
/// breaks authwiz writes itself, or one of the format characters above.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || FORMAT_CHARACTERS.contains(&c)
}

/// The first raw forbidden character, with its position.
fn raw_control(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| forbidden(c))
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
            assert!(matches!(code, 0 | 3 | 4), "{args:?}: exit {code}");
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
            assert!(matches!(code, 0 | 3 | 4), "{args:?}: exit {code}");
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

/// The hostile payload as the loader keeps it: each control character replaced, CR and
/// TAB (line break and tab) as spaces.
const PAYLOAD_LOADED: &str = " \u{fffd}[31mred\u{fffd}[0m \u{fffd}]0;pwned\u{fffd} \u{fffd}bell \u{fffd}2J \u{fffd}c \u{fffd}   ";

fn json_output(args: &[&str]) -> Value {
    let (code, out, _) = safe(args);
    assert!(matches!(code, 0 | 3 | 4), "{args:?}: exit {code}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"))
}

#[test]
fn json_output_carries_the_text_as_loaded_with_no_control_character() {
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
            all.iter().any(|s| s.contains(PAYLOAD_LOADED)),
            "{args:?}: no string carries the payload as loaded"
        );
        assert!(
            !all.iter().any(|s| s.chars().any(forbidden)),
            "{args:?}: a string parses back to a control character"
        );
    }
    // One exact value, to be sure of what the loader keeps.
    let v = json_output(&["questions", "--data", HOSTILE, "--format", "json"]);
    assert_eq!(
        v[0]["prompt"],
        Value::String(format!("Where will the service run?{PAYLOAD_LOADED}"))
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
        Value::String(format!("SQLite{PAYLOAD_LOADED}"))
    );
}

#[test]
fn exported_files_carry_no_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["text", "markdown", "adr", "json"] {
        let path = dir.path().join(format!("out.{format}"));
        let p = path.to_str().unwrap();
        let date: &[&str] = if format == "adr" {
            &["--date", "2025-01-02"]
        } else {
            &[]
        };
        let mut args = vec!["recommend", "--data", HOSTILE, "--format", format];
        args.extend_from_slice(date);
        args.extend(["-a", "hosting=vm", "--output", p]);
        let (code, out, _) = safe(&args);
        assert!(matches!(code, 0 | 4), "{format}: exit {code}");
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
            .env("XDG_STATE_HOME", common::state_dir())
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

// ---- forged lines and format characters, in every text field ----

/// Begins every line a dataset tries to forge.
const FORGED: &str = "FORGED-LINE";

/// Appended to every text of the forging dataset: a fake recommendation after a blank line,
/// a fake line after each other kind of line break, text a right-to-left override turns
/// around ("the file is not shared" on screen), and every format character.
fn forgery() -> String {
    let mut s = format!(
        "\n\nRecommended database: {FORGED}\n  Settled: {FORGED}\r\n{FORGED}\r{FORGED}\u{85}{FORGED}\u{2028}{FORGED}\u{2029}{FORGED} the file \u{202E}ton si\u{202C} shared "
    );
    s.extend(FORMAT_CHARACTERS);
    s
}

/// The text keys of the dataset format (data/README.md, section 3); the vocabulary words
/// only under `vocabulary`.
const TEXT_KEYS: &[&str] = &[
    "title",
    "edition",
    "summary",
    "name",
    "label",
    "prompt",
    "help",
    "because",
    "text",
    "term",
    "definition",
    "path",
    "url",
    "revision",
];
const VOCABULARY_WORDS: &[&str] = &["candidate", "candidates", "context", "contexts"];

/// Appends the forgery to every text in `table` and below; `in_vocabulary` when `table`
/// is `[dataset.vocabulary]`.
fn forge_texts(table: &mut toml::Table, in_vocabulary: bool) {
    for (key, value) in table.iter_mut() {
        let is_text = TEXT_KEYS.contains(&key.as_str())
            || (in_vocabulary && VOCABULARY_WORDS.contains(&key.as_str()));
        match value {
            toml::Value::String(s) if is_text => s.push_str(&forgery()),
            toml::Value::Array(items) if key == "when_to_use" => {
                for item in items {
                    if let toml::Value::String(s) = item {
                        s.push_str(&forgery());
                    }
                }
            }
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(t) = item {
                        forge_texts(t, false);
                    }
                }
            }
            toml::Value::Table(t) => forge_texts(t, key == "vocabulary"),
            _ => {}
        }
    }
}

/// `tests/fixtures/choose-a-database.toml`, completed so that every text field of the
/// format is present (help on every question and option, a URL and a revision on every
/// source, a note, a glossary term), with the forgery in every text field.
fn forging_dataset(dir: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/choose-a-database.toml")).unwrap();
    let mut t: toml::Table = text.parse().unwrap();
    let set = |v: &mut toml::Value, key: &str, text: &str| {
        if let toml::Value::Table(t) = v {
            t.entry(key)
                .or_insert_with(|| toml::Value::String(text.into()));
        }
    };
    for source in t["sources"].as_array_mut().unwrap() {
        set(source, "url", "https://example.com/page");
        set(source, "revision", "2025-01-01");
    }
    for question in t["questions"].as_array_mut().unwrap() {
        set(question, "help", "Question help.");
        if let Some(options) = question.get_mut("options").and_then(|o| o.as_array_mut()) {
            for option in options {
                set(option, "help", "Option help.");
            }
        }
    }
    let extra: toml::Table = "[[notes]]\nid = \"forged-note\"\ntitle = \"A note\"\ntext = \"Note text.\"\nsources = [\"team-notes\"]\n\
         [[glossary]]\nterm = \"Term\"\ndefinition = \"Definition.\"\nsource = \"team-notes\"\n"
        .parse()
        .unwrap();
    for (k, v) in extra {
        t.insert(k, v);
    }
    forge_texts(&mut t, false);
    let path = dir.join("forging.toml");
    std::fs::write(&path, toml::to_string(&t).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Asserts that `out` shows the forged text (so the check is not vacuous) but no line the
/// dataset forged.
fn no_forged_line(what: &str, out: &str) {
    assert!(
        out.contains(FORGED),
        "{what}: the dataset text is not shown"
    );
    for line in out.lines() {
        let start = line.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '#' | '-' | '*' | '>' | '|' | '•')
        });
        assert!(
            !start.starts_with(FORGED)
                && !start.starts_with(&format!("Recommended database: {FORGED}"))
                && !start.starts_with(&format!("Settled: {FORGED}")),
            "{what}: a forged line: {line:?}"
        );
    }
}

#[test]
fn no_command_shows_a_line_or_a_character_the_dataset_forged() {
    let dir = tempfile::tempdir().unwrap();
    let data = forging_dataset(dir.path());
    let d = data.as_str();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for answers in ANSWER_SETS {
        for format in ["text", "json", "markdown", "adr"] {
            let mut args = vec!["recommend", "--data", d, "--format", format];
            // The date of a decision record: refused with the other formats.
            if format == "adr" {
                args.extend(["--date", "2025-01-02"]);
            }
            args.extend_from_slice(answers);
            runs.push(args);
        }
    }
    for cmd in [
        &["compare"][..],
        &["compare", "sqlite", "dynamodb", "--context", "serverless"],
        &["matrix"],
        &["questions"],
        &["check"],
        &["datasets"],
    ] {
        for format in ["text", "json", "markdown"] {
            let mut args = cmd.to_vec();
            args.extend(["--data", d, "--format", format]);
            runs.push(args);
        }
    }
    for args in &runs {
        let (code, out, err) = safe(args);
        assert!(matches!(code, 0 | 3 | 4), "{args:?}: exit {code}: {err}");
        no_forged_line(&format!("{args:?}"), &out);
        if args.contains(&"json") {
            serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        }
    }
}

#[test]
fn files_written_with_output_carry_no_forged_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = forging_dataset(dir.path());
    for format in ["text", "markdown", "adr", "json"] {
        let path = dir.path().join(format!("out.{format}"));
        let date: &[&str] = if format == "adr" {
            &["--date", "2025-01-02"]
        } else {
            &[]
        };
        let mut args = vec!["recommend", "--data", &data, "--format", format];
        args.extend_from_slice(date);
        args.extend(["-a", "hosting=vm", "--output", path.to_str().unwrap()]);
        let (code, _, err) = safe(&args);
        assert!(matches!(code, 0 | 4), "exit {code}: {err}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(raw_control(&written), None, "{format}");
        no_forged_line(format, &written);
    }
}

#[test]
fn the_plain_mode_shows_no_line_or_character_the_dataset_forged() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let data = forging_dataset(dir.path());
    for input in [
        "1\n1\n1\n1\n1\n1\n1\n",
        "?\n2\n1\n2\n2\n2\n",
        "x\u{202E}y\n3\n1\n1\n",
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_authwiz"))
            .env("XDG_STATE_HOME", common::state_dir())
            .args(["--plain", "--data", &data])
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
        for (name, s) in [("stdout", &stdout), ("stderr", &stderr)] {
            assert_eq!(raw_control(s), None, "{input:?}: on {name}:\n{s}");
        }
        no_forged_line(&format!("plain {input:?}"), &stdout);
    }
}

/// The wizard, drawn into a `TestBackend` on every screen the keys reach: no cell holds a
/// forbidden character, and the hidden ones show as replacement characters (lines are
/// wrapped there, so forged lines are checked elsewhere).
#[test]
fn the_wizard_draws_no_character_the_dataset_forged() {
    use authwiz::dataset::{Answers, load_path};
    use authwiz::tui::{Input, Model, Scripted, run};
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend};

    let dir = tempfile::tempdir().unwrap();
    let ds = load_path(Path::new(&forging_dataset(dir.path()))).unwrap();
    let enter = KeyCode::Enter;
    let to_result = vec![enter; 8];
    let mut journeys = vec![
        vec![],
        vec![enter],
        vec![enter, KeyCode::Char('?')],
        vec![KeyCode::Char('c')],
        vec![KeyCode::Char('m'), KeyCode::Down],
        to_result.clone(),
    ];
    journeys.push([to_result.clone(), vec![KeyCode::Tab, KeyCode::Down, enter]].concat());
    journeys.push([to_result, vec![KeyCode::End]].concat());
    for keys in journeys {
        let mut m = Model::single(ds.clone(), Answers::for_dataset(&ds));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let script = keys
            .iter()
            .map(|&c| Input::Event(Event::Key(KeyEvent::new(c, KeyModifiers::NONE))))
            .collect();
        run(&mut terminal, &mut m, &mut Scripted(script)).unwrap();
        let shown: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(shown.contains("FORGED"), "{keys:?}: dataset text not drawn");
        assert_eq!(raw_control(&shown), None, "{keys:?}");
        // Tampering shows: the override is drawn as a replacement character, not dropped
        // (the text around it may wrap between "ton" and "si").
        assert!(
            shown.contains("\u{FFFD}ton"),
            "{keys:?}: the override is not shown"
        );
    }
}

/// Format characters typed on the command line or in a file name are echoed replaced or
/// escaped, never raw: in an answer pair, an answers file's name, a dataset's name, a
/// dataset id, and a value the command-line parser refuses.
#[test]
fn error_messages_echo_no_format_character_raw() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers\u{202E}lmth.toml");
    std::fs::write(&answers, "[answers]\n\"ho\\u202Esting\" = \"vm\"\n").unwrap();
    let bad_id = dir.path().join("bad-id.toml");
    std::fs::write(
        &bad_id,
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(HOSTILE))
            .unwrap()
            .replacen(
                "id = \"choose-a-database\"",
                "id = \"choose\\u202Ea\\u2028db\"",
                1,
            ),
    )
    .unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec!["-a".into(), "hosting=v\u{202E}m".into()],
        vec!["-a".into(), "ho\u{202E}sting\u{2028}=vm".into()],
        vec!["-a".into(), "\u{202E}\u{200B}".into()],
        vec!["--answers".into(), answers.to_str().unwrap().into()],
        vec!["--data".into(), "no\u{202E}such\u{2066}file.toml".into()],
        vec!["--data".into(), bad_id.to_str().unwrap().into()],
        vec!["--format".into(), "js\u{202E}on".into()],
    ];
    for case in cases {
        let mut args = vec!["recommend".to_owned()];
        if !case.contains(&"--data".to_owned()) {
            args.extend(["--data".into(), HOSTILE.into()]);
        }
        args.extend(case);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = safe(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}
