//! The surface of the command line (issue 13): every flag offered only where it works and
//! meaning the same everywhere, contradictory input refused or stated, errors that name
//! what the user wrote and the edition an id belongs to, help in the user's words, the
//! `datasets` table at 80 columns, the manual page and completion from the dataset.

mod common;

use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const OK: i32 = 0;
const ERROR: i32 = 2;
const TIE: i32 = 4;

/// The commands, `help` excepted.
const COMMANDS: &[&str] = &[
    "recommend",
    "compare",
    "matrix",
    "questions",
    "datasets",
    "check",
    "test",
    "schema",
    "completions",
    "man",
];

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn authwiz_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_authwiz"));
    cmd.env("XDG_STATE_HOME", common::state_dir());
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("AUTHWIZ_COMPLETE")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run authwiz");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        err: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    };
    assert!(!run.err.contains("panicked"), "{args:?}: {}", run.err);
    run
}

fn authwiz(args: &[&str]) -> Run {
    authwiz_env(args, &[])
}

/// Runs authwiz and expects `code`.
fn expect(args: &[&str], code: i32) -> Run {
    let r = authwiz(args);
    assert_eq!(
        r.code, code,
        "authwiz {args:?}\n--- stdout\n{}\n--- stderr\n{}",
        r.out, r.err
    );
    r
}

// ---- each flag only where it works ----

/// The values `--format` lists in a command's short help.
fn listed_formats(command: &str) -> Vec<String> {
    let help = expect(&[command, "-h"], OK).out;
    let Some(line) = help.lines().find(|l| l.contains("--format <FORMAT>")) else {
        return Vec::new();
    };
    let list = line
        .split("[possible values: ")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .unwrap_or_else(|| panic!("{command}: no list of formats in {line:?}"));
    list.split(", ").map(str::to_owned).collect()
}

#[test]
fn the_help_of_every_command_lists_only_the_formats_it_accepts() {
    for &command in COMMANDS {
        let listed = listed_formats(command);
        let expected: &[&str] = match command {
            "recommend" => &["text", "json", "markdown", "adr"],
            "completions" | "man" | "test" | "schema" => &[],
            _ => &["text", "json", "markdown"],
        };
        assert_eq!(listed, expected, "{command}");
        for format in ["text", "json", "markdown", "adr"] {
            let mut args = vec![command, "--format", format];
            if command == "recommend" {
                args.extend(["-a", "app-type=partner-integration"]);
            }
            let r = authwiz(&args);
            if listed.iter().any(|f| f == format) {
                // Accepted: a result, or `check`'s findings; never a usage error.
                assert!(matches!(r.code, 0 | 3), "{args:?}: {}\n{}", r.code, r.err);
            } else {
                assert_eq!(r.code, ERROR, "{args:?} is refused");
                assert!(
                    r.err.contains("--format") && r.out.is_empty(),
                    "{args:?}: {}",
                    r.err
                );
            }
        }
    }
}

#[test]
fn data_is_offered_by_the_commands_that_read_a_dataset_and_works_there() {
    for &command in COMMANDS {
        let help = expect(&[command, "--help"], OK).out;
        let offered = help.contains("--data");
        let reads = !matches!(command, "completions" | "man" | "schema");
        assert_eq!(offered, reads, "{command} --help:\n{help}");
        if !reads {
            let mut args = vec![command];
            if command == "completions" {
                args.push("bash");
            }
            args.extend(["--data", "box-current"]);
            expect(&args, ERROR);
        }
    }
    // A file given to `datasets --data` is listed; a bundled name is listed anyway, and
    // the command says so instead of silently doing nothing.
    let r = expect(&["datasets", "--data", "box-current"], OK);
    assert!(
        r.err.contains("warning:") && r.err.contains("box-current"),
        "{}",
        r.err
    );
    let r = expect(
        &[
            "datasets",
            "--data",
            "tests/fixtures/commute.toml",
            "--format",
            "json",
        ],
        OK,
    );
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn the_wizards_flags_before_a_command_are_refused_with_where_they_go() {
    // `--data` before a command keeps meaning what it always meant.
    let before = expect(&["--data", "box-current", "matrix"], OK);
    let after = expect(&["matrix", "--data", "box-current"], OK);
    assert_eq!(before.out, after.out);
    let r = expect(&["--data", "box-current", "--plain", "matrix"], ERROR);
    assert!(
        r.err
            .contains("write --data after the command: `authwiz matrix --data ...`"),
        "{}",
        r.err
    );
    // Given twice, once on each side: refused, not silently one of them.
    expect(
        &["--data", "box-current", "matrix", "--data", "box-2019"],
        ERROR,
    );
    let r = expect(&["--plain", "recommend"], ERROR);
    assert!(
        r.err.contains("`authwiz recommend` has no --plain"),
        "{}",
        r.err
    );
    assert!(r.out.is_empty());
}

#[test]
fn a_date_is_only_for_a_decision_record() {
    let pair = ["-a", "app-type=partner-integration"];
    let mut args = vec!["recommend", "--date", "2024-01-02"];
    args.extend(pair);
    let r = expect(&args, ERROR);
    assert!(
        r.err.contains("--date") && r.err.contains("--format adr"),
        "{}",
        r.err
    );
    assert!(r.out.is_empty());
    args.extend(["--format", "adr"]);
    let r = expect(&args, OK);
    assert!(r.out.contains("2024-01-02"), "{}", r.out);
}

// ---- repeated and contradictory input ----

#[test]
fn two_answers_to_one_question_are_an_error_naming_both() {
    let r = expect(
        &[
            "recommend",
            "-a",
            "app-type=custom-app",
            "-a",
            "app-type=partner-integration",
        ],
        ERROR,
    );
    assert!(r.out.is_empty());
    assert!(
        r.err.contains("app-type=custom-app") && r.err.contains("app-type=partner-integration"),
        "{}",
        r.err
    );
    assert!(r.err.contains("one answer per question"), "{}", r.err);
}

#[test]
fn the_same_answer_twice_counts_once_with_a_warning() {
    let once = expect(
        &["recommend", "--format", "json", "-a", "app-type=custom-app"],
        TIE,
    );
    let twice = expect(
        &[
            "recommend",
            "--format",
            "json",
            "-a",
            "app-type=custom-app",
            "-a",
            "app-type=custom-app",
        ],
        TIE,
    );
    assert_eq!(once.out, twice.out);
    assert!(once.err.is_empty(), "{}", once.err);
    assert!(
        twice
            .err
            .starts_with("warning: --answer app-type=custom-app is given more than once"),
        "{}",
        twice.err
    );
}

#[test]
fn a_candidate_named_twice_is_compared_once_with_a_warning() {
    let r = expect(&["compare", "jwt", "jwt", "--format", "json"], OK);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["methods"].as_array().unwrap().len(), 1);
    assert!(
        r.err.contains("warning: `jwt` is named more than once"),
        "{}",
        r.err
    );
}

// ---- errors that name what the user wrote, and where an id lives ----

#[test]
fn an_id_of_the_other_edition_says_which_edition_has_it() {
    for (args, hint) in [
        (
            &["compare", "--app-type", "platform-app"][..],
            "`platform-app` is an application type of box-current: add `--data box-current`",
        ),
        (
            &["compare", "--context", "platform-app"],
            "`platform-app` is an application type of box-current: add `--data box-current`",
        ),
        (
            &["compare", "client-credentials"],
            "`client-credentials` is an authorization method of box-current: add `--data box-current`",
        ),
        (
            &["recommend", "-a", "key-pair=yes"],
            "`key-pair` is a question of box-current: add `--data box-current`",
        ),
        (
            &["recommend", "-a", "app-type=limited-access-app"],
            "`limited-access-app` is an application type of box-current: add `--data box-current`",
        ),
        (
            &[
                "compare",
                "--data",
                "box-current",
                "--context",
                "partner-integration",
            ],
            "`partner-integration` was replaced by `limited-access-app`; to keep it, add `--data box-2019`",
        ),
    ] {
        let r = expect(args, ERROR);
        assert!(r.err.contains(hint), "{args:?}:\n{}", r.err);
        // Never the dataset's file, which the user did not name.
        assert!(!r.err.contains(".toml"), "{args:?}:\n{}", r.err);
        assert!(r.out.is_empty());
    }
    let r = expect(&["compare", "--app-type", "platform-app"], ERROR);
    assert!(
        r.err
            .starts_with("error: --context: unknown application type `platform-app`"),
        "{}",
        r.err
    );
}

/// README.md shows error messages in ```console blocks (standard error, which
/// tests/readme_examples.rs does not compare): each `$ authwiz` line there must print
/// exactly the lines under it, and exit 2.
#[test]
fn the_readme_shows_the_real_error_messages() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let mut lines = readme.lines();
    let mut checked = 0;
    while let Some(line) = lines.next() {
        if line != "```console" {
            continue;
        }
        let mut command: Option<String> = None;
        let mut shown: Vec<&str> = Vec::new();
        let mut check = |command: &Option<String>, shown: &mut Vec<&str>| {
            if let Some(c) = command {
                let args: Vec<&str> = c.split_whitespace().collect();
                let r = expect(&args, ERROR);
                let err: Vec<&str> = r.err.lines().collect();
                assert_eq!(&err, shown, "README.md: `authwiz {c}`");
                checked += 1;
            }
            shown.clear();
        };
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            if let Some(c) = l.strip_prefix("$ authwiz ") {
                check(&command, &mut shown);
                command = Some(c.to_owned());
            } else {
                shown.push(l);
            }
        }
        check(&command, &mut shown);
    }
    assert!(checked >= 2, "the README's error examples: {checked} found");
}

#[test]
fn an_unknown_id_in_a_dataset_of_ones_own_gets_no_edition_hint() {
    let r = expect(
        &[
            "compare",
            "--data",
            "tests/fixtures/choose-a-database.toml",
            "jwt",
        ],
        ERROR,
    );
    assert!(!r.err.contains("--data box"), "{}", r.err);
}

#[test]
fn a_renamed_id_names_its_new_id_not_a_lookalike() {
    let r = expect(
        &[
            "recommend",
            "--data",
            "box-current",
            "-a",
            "app-type=custom-app",
        ],
        ERROR,
    );
    assert!(
        r.err.contains(
            "hint: `custom-app` was renamed `platform-app`; to keep it, add `--data box-2019`"
        ),
        "{}",
        r.err
    );
    assert!(!r.err.contains("did you mean"), "{}", r.err);
}

#[test]
fn resuming_a_box_2019_answers_file_on_box_current_names_what_each_id_became() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.toml");
    std::fs::write(
        &path,
        "dataset = \"box-current\"\n\n[answers]\napp-type = \"custom-app\"\npurpose = \"production\"\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let r = expect(&["recommend", "--answers", p], ERROR);
    assert!(
        r.err.contains(&format!("{p}:4:12: answers.app-type")),
        "{}",
        r.err
    );
    assert!(
        r.err.contains(
            "hint: `custom-app` was renamed `platform-app`; to keep it, answer for box-2019 (`dataset = \"box-2019\"`)"
        ),
        "{}",
        r.err
    );
    assert!(!r.err.contains("custom-skill`?"), "{}", r.err);
}

#[test]
fn a_former_id_that_is_still_in_use_is_refused_in_a_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/commute.toml"),
    )
    .unwrap();
    // The first candidate claims to have been renamed from the id of the second.
    let second = text
        .match_indices("[[candidates]]\nid = \"")
        .nth(1)
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .unwrap();
    let at = text.find("[[candidates]]\nid = \"").unwrap();
    let line_end =
        at + "[[candidates]]\n".len() + text[at + "[[candidates]]\n".len()..].find('\n').unwrap();
    let broken = format!(
        "{}\nrenamed_from = [\"{second}\", \"Bad Id\"]{}",
        &text[..line_end],
        &text[line_end..]
    );
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, broken).unwrap();
    let r = expect(&["check", "--data", path.to_str().unwrap()], ERROR);
    assert!(
        r.err.contains(&format!(
            "candidates[0].renamed_from[0]: `{second}` is still the id of a candidate"
        )),
        "{}",
        r.err
    );
    assert!(
        r.err
            .contains("candidates[0].renamed_from[1]: invalid id `Bad Id`"),
        "{}",
        r.err
    );
}

// ---- one meaning of "only differences" ----

#[test]
fn only_differences_hides_a_support_row_that_is_the_same_for_all() {
    let same = [
        "compare",
        "oauth2",
        "jwt",
        "--context",
        "custom-app",
        "--only-differences",
    ];
    let text = expect(&same, OK).out;
    assert!(!text.contains("Supported by"), "{text}");
    let mut json_args = same.to_vec();
    json_args.extend(["--format", "json"]);
    let v: Value = serde_json::from_str(&expect(&json_args, OK).out).unwrap();
    assert!(v.get("support").is_none(), "{v}");
    // Without --only-differences the row is there, and says that it does not differ.
    let v: Value = serde_json::from_str(
        &expect(
            &[
                "compare",
                "oauth2",
                "jwt",
                "--context",
                "custom-app",
                "--format",
                "json",
            ],
            OK,
        )
        .out,
    )
    .unwrap();
    assert_eq!(v["support"]["differs"], false);
    // A support row that differs stays, marked like every row that differs.
    let text = expect(
        &[
            "compare",
            "oauth2",
            "app-token",
            "--context",
            "enterprise-integration",
            "--only-differences",
        ],
        OK,
    )
    .out;
    let row = text
        .lines()
        .find(|l| l.contains("Supported by Enterprise Integration?"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.starts_with('≠'), "{row}");
}

// ---- help in the user's words ----

#[test]
fn the_help_opens_with_what_authwiz_is_for_and_an_example_that_works() {
    let help = expect(&["--help"], OK).out;
    let first = help.lines().next().unwrap();
    assert!(first.starts_with("authwiz helps you choose"), "{help}");
    let example = help
        .lines()
        .skip_while(|l| *l != "Example:")
        .nth(1)
        .unwrap_or_else(|| panic!("no example in\n{help}"))
        .trim();
    let args: Vec<&str> = example
        .strip_prefix("authwiz ")
        .unwrap()
        .split_whitespace()
        .collect();
    expect(&args, OK);
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(help.contains("exits as `recommend` does"), "{help}");
}

#[test]
fn the_help_of_each_command_speaks_the_bundled_defaults_words() {
    for &command in COMMANDS {
        let help = expect(&[command, "--help"], OK).out;
        let words_line = help
            .lines()
            .position(|l| l.starts_with("Words of the bundled default:"));
        // The generic words only in that one line.
        let body: Vec<&str> = help
            .lines()
            .enumerate()
            .filter(|(i, _)| words_line.is_none_or(|w| *i != w && *i != w + 1))
            .map(|(_, l)| l)
            .collect();
        let body = body.join("\n");
        assert!(!body.contains("candidate"), "{command}:\n{help}");
        assert!(
            !body.contains("app-type"),
            "{command}: a domain alias in the help:\n{help}"
        );
        if matches!(command, "recommend" | "compare" | "matrix" | "check") {
            assert!(body.contains("authorization method"), "{command}:\n{help}");
            assert!(words_line.is_some(), "{command}: no words line:\n{help}");
        }
    }
}

// ---- the datasets table fits ----

#[test]
fn datasets_fits_80_columns_and_json_keeps_every_text_whole() {
    let text = expect(&["datasets"], OK).out;
    for line in text.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
    assert!(
        text.contains("box-2019 (default)") && text.contains("box-current"),
        "{text}"
    );
    assert!(text.contains("--format json"), "{text}");
    let narrow = authwiz_env(&["datasets"], &[("COLUMNS", "40")]).out;
    assert!(narrow.lines().all(|l| l.width() <= 40), "{narrow}");
    // Wide enough, it stays one table row per dataset.
    let wide = authwiz_env(&["datasets"], &[("COLUMNS", "400")]).out;
    assert!(
        wide.lines()
            .any(|l| l.starts_with("box-2019 (default)  2019-10-08")),
        "{wide}"
    );
    let v: Value =
        serde_json::from_str(&expect(&["datasets", "--format", "json"], OK).out).unwrap();
    let edition = v[1]["edition"].as_str().unwrap();
    assert!(
        edition.width() > 80 && edition.ends_with("2026-02-16)"),
        "{edition}"
    );
}

// ---- the manual page ----

#[test]
fn the_manual_page_renders_and_names_every_command() {
    let page = expect(&["man"], OK).out;
    assert!(
        page.starts_with(".ie") || page.contains(".TH authwiz 1"),
        "{page}"
    );
    assert!(page.contains(".TH authwiz 1"), "{page}");
    for &command in COMMANDS {
        assert!(
            page.contains(&format!("authwiz\\-{command}(1)")),
            "{command} in\n{page}"
        );
        let own = expect(&["man", command], OK).out;
        assert!(
            own.contains(&format!(".TH authwiz-{command} 1")),
            "{command}:\n{own}"
        );
        assert!(
            own.contains("authwiz 0."),
            "the version, in the page's footer:\n{own}"
        );
    }
    assert!(
        expect(&["man", "recommend"], OK)
            .out
            .contains("\\-\\-answer")
    );
    let r = expect(&["man", "nope"], ERROR);
    assert!(r.err.contains("recommend"), "{}", r.err);
    // Rendered by man itself, where it is installed.
    if Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("authwiz.1");
        std::fs::write(&file, &page).unwrap();
        let shown = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&shown.stdout);
        assert!(shown.contains("recommend"), "{shown}");
    }
}

#[test]
fn the_manual_pages_install_into_a_directory_and_are_not_replaced_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = expect(&["man", "--dir", d], OK);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("authwiz-{c}.1")).collect();
    expected.push("authwiz.1".to_owned());
    expected.sort();
    assert_eq!(names, expected);
    assert!(r.out.contains("authwiz-recommend.1"), "{}", r.out);
    let again = expect(&["man", "--dir", d], ERROR);
    assert!(again.err.contains("--force"), "{}", again.err);
    expect(&["man", "--dir", d, "--force"], OK);
}

// ---- completion from the dataset ----

/// What the shell gets for the word at `index` of `words` (bash's protocol).
fn complete(words: &[&str], index: usize) -> Vec<String> {
    let mut args = vec!["--"];
    args.extend_from_slice(words);
    let i = index.to_string();
    let r = authwiz_env(
        &args,
        &[
            ("AUTHWIZ_COMPLETE", "bash"),
            ("_CLAP_COMPLETE_INDEX", &i),
            ("_CLAP_COMPLETE_COMP_TYPE", "9"),
            ("_CLAP_COMPLETE_SPACE", "true"),
            ("_CLAP_IFS", "\n"),
        ],
    );
    assert_eq!(r.code, OK, "{words:?}: {}", r.err);
    r.out.lines().map(str::to_owned).collect()
}

#[test]
fn answers_complete_as_question_option_pairs_of_the_dataset_in_use() {
    let questions = complete(&["authwiz", "recommend", "-a", ""], 3);
    assert!(questions.contains(&"app-type=".to_owned()), "{questions:?}");
    assert!(questions.contains(&"purpose=".to_owned()), "{questions:?}");
    let options = complete(&["authwiz", "recommend", "-a", "app-type="], 3);
    assert_eq!(
        options,
        [
            "app-type=custom-app",
            "app-type=enterprise-integration",
            "app-type=partner-integration",
            "app-type=custom-skill"
        ]
    );
    let current = complete(
        &[
            "authwiz",
            "recommend",
            "--data",
            "box-current",
            "-a",
            "app-type=p",
        ],
        5,
    );
    assert_eq!(current, ["app-type=platform-app"]);
}

#[test]
fn data_completes_the_bundled_editions() {
    let names = complete(&["authwiz", "matrix", "--data", "box"], 3);
    assert!(
        names.contains(&"box-2019".to_owned()) && names.contains(&"box-current".to_owned()),
        "{names:?}"
    );
    let ids = complete(&["authwiz", "compare", "--context", "custom-s"], 3);
    assert_eq!(ids, ["custom-skill"]);
    let ids = complete(
        &["authwiz", "compare", "--data", "box-current", "client"],
        4,
    );
    assert_eq!(ids, ["client-credentials"]);
}

#[test]
fn the_completion_script_asks_authwiz_itself() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = expect(&["completions", shell], OK).out;
        assert!(script.contains("AUTHWIZ_COMPLETE"), "{shell}:\n{script}");
        assert!(
            script.contains(env!("CARGO_BIN_EXE_authwiz")),
            "{shell}:\n{script}"
        );
    }
}
