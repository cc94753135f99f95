//! The command line, end to end: every subcommand through the real binary, its output
//! formats and JSON shapes, exit codes, bad answers, broken datasets, and a dataset for a
//! decision that has nothing to do with Box (tests/fixtures/choose-a-database.toml).

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const OK: i32 = 0;
const ERROR: i32 = 2;
const NEGATIVE: i32 = 3;
const TIE: i32 = 4;

fn authwiz() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_authwiz"));
    cmd.env("XDG_STATE_HOME", common::state_dir());
    cmd.env("NO_COLOR", "1").env_remove("AUTHWIZ_DATA");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn database() -> String {
    fixture("choose-a-database.toml").display().to_string()
}

/// Runs authwiz, expects `code`, returns stdout and stderr.
fn run(args: &[&str], code: i32) -> (String, String) {
    let out = authwiz().args(args).output().expect("run authwiz");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(
        out.status.code(),
        Some(code),
        "authwiz {args:?}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "authwiz {args:?} panicked:\n{stderr}"
    );
    (stdout, stderr)
}

fn json(args: &[&str], code: i32) -> Value {
    let (out, _) = run(args, code);
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("authwiz {args:?}: not JSON ({e}):\n{out}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string").to_owned())
        .collect()
}

// Answers whose every method is ruled out (box-2019): invisible Box, no admin approval.
const CONFLICT: &[&str] = &[
    "-a",
    "app-type=custom-app",
    "-a",
    "purpose=production",
    "-a",
    "users=no-box-accounts",
    "-a",
    "identity=own-identity-system",
    "-a",
    "users-see-box=must-not-see",
    "-a",
    "admin-approval=cannot-obtain",
];

fn with<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(tail).copied().collect()
}

// ---- recommend ----

#[test]
fn recommend_text_names_the_recommendation() {
    let (out, _) = run(
        &[
            "recommend",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=quick-test",
        ],
        OK,
    );
    assert!(out.contains("Developer Token"), "{out}");
    // The answers themselves are part of the detail.
    assert!(!out.contains("app-type=custom-app"), "{out}");
    let (out, _) = run(
        &[
            "recommend",
            "--detail",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=quick-test",
        ],
        OK,
    );
    assert!(out.contains("app-type=custom-app"), "{out}");
}

#[test]
fn recommend_json_has_the_documented_shape() {
    let v = json(
        &[
            "recommend",
            "--format",
            "json",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=production",
            "-a",
            "users=box-users",
        ],
        OK,
    );
    assert_eq!(v["dataset"], "box-2019");
    assert_eq!(v["answers"]["app-type"], "custom-app");
    assert_eq!(v["answers"]["users"], "box-users");
    assert_eq!(v["answers"].as_object().unwrap().len(), 3);
    assert!(v["recommendation"].is_string(), "{}", v["recommendation"]);
    assert!(v["settled"].is_boolean());
    assert!(v["conflict"].is_null());
    let ranking = v["ranking"].as_array().expect("ranking");
    assert_eq!(ranking.len(), 4, "every method is ranked");
    let methods: Vec<&str> = ranking
        .iter()
        .map(|e| e["method"].as_str().expect("ranking[].method"))
        .collect();
    let mut sorted = methods.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["app-token", "developer-token", "jwt", "oauth2"]);
    assert_eq!(v["recommendation"], ranking[0]["method"]);
    for e in ranking {
        let status = e["status"].as_str().expect("status");
        assert!(
            ["recommended", "eligible", "excluded"].contains(&status),
            "{status}"
        );
        assert!(e["score"].is_i64(), "{e}");
        for r in e["reasons"].as_array().expect("reasons") {
            assert!(
                r["text"].as_str().is_some_and(|t| !t.is_empty()),
                "reason without text: {r}"
            );
        }
        if status == "excluded" {
            assert!(!e["reasons"].as_array().unwrap().is_empty(), "{e}");
        }
    }
    assert_eq!(
        ranking
            .iter()
            .filter(|e| e["status"] == "recommended")
            .count(),
        1
    );
}

#[test]
fn recommend_json_is_byte_for_byte_deterministic() {
    let args = with(&["recommend", "--format", "json"], CONFLICT);
    let (one, _) = run(&args, NEGATIVE);
    let (two, _) = run(&args, NEGATIVE);
    assert_eq!(one, two);
    let args = [
        "recommend",
        "--format",
        "json",
        "-a",
        "app-type=partner-integration",
    ];
    assert_eq!(run(&args, OK).0, run(&args, OK).0);
}

#[test]
fn recommend_exits_3_when_nothing_fits_and_names_the_conflict() {
    let v = json(
        &with(&["recommend", "--format", "json"], CONFLICT),
        NEGATIVE,
    );
    assert!(v["recommendation"].is_null());
    let conflict = strings(&v["conflict"]);
    assert!(!conflict.is_empty());
    assert!(
        conflict.contains(&"admin-approval".to_owned()),
        "{conflict:?}"
    );
    assert!(
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["status"] == "excluded")
    );
    // Every format says so with the same exit code.
    for format in ["text", "markdown", "adr"] {
        let (out, _) = run(
            &with(&["recommend", "--format", format], CONFLICT),
            NEGATIVE,
        );
        assert!(!out.is_empty(), "{format}");
    }
}

#[test]
fn recommend_exits_0_when_no_method_is_needed() {
    let v = json(
        &[
            "recommend",
            "--format",
            "json",
            "-a",
            "app-type=custom-skill",
        ],
        OK,
    );
    assert!(v["recommendation"].is_null());
    assert!(v["conflict"].is_null());
    assert_eq!(v["settled"], true);
}

#[test]
fn recommend_markdown_is_a_document() {
    let (out, _) = run(
        &[
            "recommend",
            "--format",
            "markdown",
            "--detail",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=quick-test",
        ],
        OK,
    );
    assert!(out.starts_with("# "), "{out}");
    assert!(out.contains("\n## "), "{out}");
    assert!(out.contains("Developer Token"));
    assert!(out.contains("`app-type`") || out.contains("app-type"));
}

#[test]
fn recommend_adr_has_every_section_and_the_date() {
    let (out, _) = run(
        &[
            "recommend",
            "--format",
            "adr",
            "--date",
            "2024-05-06",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=production",
            "-a",
            "users=box-users",
        ],
        OK,
    );
    assert!(out.starts_with("# "), "{out}");
    assert!(out.contains("2024-05-06"), "{out}");
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    for section in [
        "Context",
        "Considered options",
        "Decision outcome",
        "Consequences",
        "Pros and cons",
    ] {
        assert!(
            headings.iter().any(|h| h.contains(section)),
            "no `{section}` heading in {headings:?}"
        );
    }
    // Every method is considered, with its pros and cons.
    for name in ["OAuth 2.0", "JWT", "App Token", "Developer Token"] {
        assert!(
            headings.iter().any(|h| h.contains(name)),
            "{name} in {headings:?}"
        );
    }
}

#[test]
fn recommend_adr_without_a_date_uses_today_in_iso_form() {
    let (out, _) = run(
        &[
            "recommend",
            "--format",
            "adr",
            "-a",
            "app-type=partner-integration",
        ],
        OK,
    );
    let has_date = out.lines().take(10).any(|l| {
        l.split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .any(|w| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
    });
    assert!(has_date, "{out}");
}

#[test]
fn recommend_rejects_a_malformed_date() {
    let (_, err) = run(
        &[
            "recommend",
            "--format",
            "adr",
            "--date",
            "6 May 2024",
            "-a",
            "app-type=custom-app",
        ],
        ERROR,
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn recommend_rejects_an_impossible_date() {
    run(
        &[
            "recommend",
            "--format",
            "adr",
            "--date",
            "2024-13-45",
            "-a",
            "app-type=custom-app",
        ],
        ERROR,
    );
}

#[test]
fn recommend_output_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    let p = path.to_str().unwrap();
    let adr = |extra: &[&str], code| {
        let args = with(
            &[
                "recommend",
                "--format",
                "adr",
                "--date",
                "2024-05-06",
                "--output",
                p,
            ],
            extra,
        );
        run(&args, code)
    };
    let (out, _) = adr(&["-a", "app-type=partner-integration"], OK);
    assert!(out.is_empty(), "written to the file, not stdout: {out}");
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.contains("2024-05-06"));
    // A second run must not replace it...
    let (_, err) = adr(&["-a", "app-type=custom-skill"], ERROR);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "file untouched"
    );
    // ...unless told to.
    adr(&["--force", "-a", "app-type=custom-skill"], OK);
    let second = std::fs::read_to_string(&path).unwrap();
    assert_ne!(second, first);
    // --force alone is a usage error.
    run(
        &["recommend", "--force", "-a", "app-type=partner-integration"],
        ERROR,
    );
}

#[test]
fn recommend_text_output_equals_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let args = [
        "recommend",
        "--format",
        "json",
        "-a",
        "app-type=partner-integration",
    ];
    let (stdout, _) = run(&args, OK);
    run(&with(&args, &["--output", path.to_str().unwrap()]), OK);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
}

// ---- bad answers ----

#[test]
fn an_unknown_question_names_the_valid_question_ids() {
    let (out, err) = run(&["recommend", "-a", "nope=x"], ERROR);
    assert!(out.is_empty());
    assert!(err.contains("unknown question `nope`"), "{err}");
    for id in ["app-type", "purpose", "users", "box-view"] {
        assert!(err.contains(&format!("`{id}`")), "{id} in {err}");
    }
}

#[test]
fn an_unknown_option_names_the_valid_option_ids() {
    let (_, err) = run(&["recommend", "-a", "app-type=nope"], ERROR);
    assert!(err.contains("unknown option `nope`"), "{err}");
    for id in [
        "custom-app",
        "enterprise-integration",
        "partner-integration",
        "custom-skill",
    ] {
        assert!(err.contains(&format!("`{id}`")), "{id} in {err}");
    }
    let (_, err) = run(&["recommend", "-a", "app-type=custm-app"], ERROR);
    assert!(err.contains("did you mean `custom-app`?"), "{err}");
}

#[test]
fn an_answer_not_of_the_form_question_equals_option_is_refused() {
    let (_, err) = run(&["recommend", "-a", "foo"], ERROR);
    assert!(err.contains("QUESTION=OPTION"), "{err}");
    assert!(err.contains("foo"), "{err}");
}

#[test]
fn every_bad_answer_is_reported_at_once() {
    let (_, err) = run(&["recommend", "-a", "nope=x", "-a", "app-type=nope"], ERROR);
    assert!(err.contains("unknown question `nope`"), "{err}");
    assert!(err.contains("unknown option `nope`"), "{err}");
    assert!(err.contains("2 problems"), "{err}");
}

// ---- answers files ----

#[test]
fn an_answers_file_is_read_and_pairs_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        "dataset = \"box-2019\"\n\n[answers]\napp-type = \"custom-app\"\npurpose = \"quick-test\"\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let v = json(&["recommend", "--format", "json", "--answers", p], OK);
    assert_eq!(v["answers"]["app-type"], "custom-app");
    assert_eq!(v["answers"]["purpose"], "quick-test");
    assert_eq!(v["recommendation"], "developer-token");
    let v = json(
        &[
            "recommend",
            "--format",
            "json",
            "--answers",
            p,
            "-a",
            "app-type=custom-skill",
        ],
        OK,
    );
    assert_eq!(v["answers"]["app-type"], "custom-skill");
    assert!(v["recommendation"].is_null());
}

#[test]
fn an_answers_file_for_the_other_edition_picks_that_edition() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        "dataset = \"box-current\"\n\n[answers]\napp-type = \"limited-access-app\"\n",
    )
    .unwrap();
    let v = json(
        &[
            "recommend",
            "--format",
            "json",
            "--answers",
            path.to_str().unwrap(),
        ],
        OK,
    );
    assert_eq!(v["dataset"], "box-current");
    assert_eq!(v["recommendation"], "app-token");
}

#[test]
fn a_bad_answers_file_points_at_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        "dataset = \"box-2019\"\n\n[answers]\napp-type = \"custom-app\"\nwho = \"me\"\npurpose = \"prod\"\n",
    )
    .unwrap();
    let p = path.display().to_string();
    let (_, err) = run(&["recommend", "--answers", &p], ERROR);
    assert!(
        err.contains(&format!("{p}:5:1: answers.who: unknown question `who`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{p}:6:11: answers.purpose: unknown option `prod`")),
        "{err}"
    );
    assert!(err.contains("did you mean `production`?"), "{err}");
    assert!(err.contains("2 problems"), "{err}");
}

#[test]
fn a_missing_or_malformed_answers_file_is_an_error() {
    let (_, err) = run(
        &["recommend", "--answers", "/nonexistent/answers.toml"],
        ERROR,
    );
    assert!(err.contains("/nonexistent/answers.toml"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(&path, "[answers\napp-type = 1\n").unwrap();
    let p = path.display().to_string();
    let (_, err) = run(&["recommend", "--answers", &p], ERROR);
    assert!(err.contains(&format!("{p}:1:")), "{err}");
}

// ---- compare ----

#[test]
fn compare_given_methods_only() {
    let v = json(&["compare", "oauth2", "jwt", "--format", "json"], OK);
    let ids: Vec<&str> = v["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["oauth2", "jwt"]);
    for k in v["criteria"].as_array().unwrap() {
        let values = k["values"].as_object().unwrap();
        assert_eq!(values.len(), 2, "{k}");
        assert!(k["label"].is_string() && k["id"].is_string());
        for v in values.values() {
            assert!(["yes", "no", "depends"].contains(&v.as_str().unwrap()));
        }
    }
    assert!(v.get("support").is_none());
    let (out, _) = run(&["compare", "oauth2", "jwt"], OK);
    assert!(out.contains("OAuth 2.0") && out.contains("JWT"));
    assert!(!out.contains("Developer Token  "), "{out}");
}

#[test]
fn compare_app_type_alias_adds_the_support_row() {
    let v = json(
        &[
            "compare",
            "--app-type",
            "enterprise-integration",
            "--format",
            "json",
        ],
        OK,
    );
    assert_eq!(v["support"]["context"], "enterprise-integration");
    assert_eq!(v["support"]["values"]["app-token"], false);
    assert_eq!(v["support"]["values"]["oauth2"], true);
    let w = json(
        &[
            "compare",
            "--context",
            "enterprise-integration",
            "--format",
            "json",
        ],
        OK,
    );
    assert_eq!(v, w, "--app-type is an alias of --context");
    let (out, _) = run(&["compare", "--app-type", "custom-skill"], OK);
    assert!(out.contains("Custom Skill"), "{out}");
}

#[test]
fn compare_only_differences_drops_equal_rows() {
    let v = json(
        &[
            "compare",
            "oauth2",
            "developer-token",
            "--only-differences",
            "--format",
            "json",
        ],
        OK,
    );
    let ids: Vec<&str> = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    // The seed's comparison: the two differ in "Can create App Users?" and production use.
    assert_eq!(ids, ["create-app-users", "production"]);
    let (all, _) = run(&["compare", "oauth2", "developer-token"], OK);
    let (diff, _) = run(
        &["compare", "oauth2", "developer-token", "--only-differences"],
        OK,
    );
    assert!(all.contains("Do users see Box?"));
    // The table and its cell notes (the dataset's own notes, after them, may name any row).
    let diff = diff.split("\nNotes\n").next().unwrap_or_default();
    assert!(!diff.contains("Do users see Box?"), "{diff}");
    assert!(diff.contains("Can be used in production?"));
}

#[test]
fn compare_unknown_ids_list_the_valid_ones_with_a_suggestion() {
    let (out, err) = run(&["compare", "oauth"], ERROR);
    assert!(out.is_empty());
    assert!(err.contains("`oauth`"), "{err}");
    for id in ["oauth2", "jwt", "app-token", "developer-token"] {
        assert!(err.contains(&format!("`{id}`")), "{id} in {err}");
    }
    assert!(err.contains("did you mean `oauth2`?"), "{err}");
    let (_, err) = run(&["compare", "--app-type", "custom-ap"], ERROR);
    assert!(err.contains("`custom-app`"), "{err}");
    assert!(err.contains("did you mean `custom-app`?"), "{err}");
}

// ---- matrix, questions, datasets, check, completions ----

#[test]
fn matrix_in_every_format() {
    let v = json(&["matrix", "--format", "json"], OK);
    assert_eq!(v["dataset"], "box-2019");
    assert_eq!(v["app_types"].as_array().unwrap().len(), 4);
    assert_eq!(v["methods"].as_array().unwrap().len(), 4);
    assert_eq!(v["support"]["custom-skill"]["oauth2"], false);
    let (text, _) = run(&["matrix"], OK);
    assert!(text.contains("Partner Integration"));
    let (md, _) = run(&["matrix", "--format", "markdown"], OK);
    assert!(md.contains("| Custom App"), "{md}");
    let v = json(&["matrix", "--format", "json", "--data", "box-current"], OK);
    assert_eq!(v["dataset"], "box-current");
    assert!(v["support"]["limited-access-app"]["app-token"] == true);
}

#[test]
fn adr_is_only_for_recommend() {
    let (_, err) = run(&["matrix", "--format", "adr"], ERROR);
    assert!(
        err.contains("possible values: text, json, markdown"),
        "{err}"
    );
}

#[test]
fn questions_list_ids_prompts_and_options() {
    let v = json(&["questions", "--format", "json"], OK);
    let qs = v.as_array().expect("a list");
    assert!(qs.len() >= 5);
    for q in qs {
        assert!(q["id"].is_string() && q["prompt"].is_string(), "{q}");
        let options = q["options"].as_array().expect("options");
        assert!(options.len() >= 2);
        for o in options {
            assert!(o["id"].is_string() && o["label"].is_string(), "{o}");
        }
    }
    let app_type = qs.iter().find(|q| q["id"] == "app-type").expect("app-type");
    let ids: Vec<&str> = app_type["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "custom-app",
            "enterprise-integration",
            "partner-integration",
            "custom-skill"
        ]
    );
    let (text, _) = run(&["questions"], OK);
    assert!(text.contains("(app-type)"), "{text}");
    let (md, _) = run(
        &["questions", "--format", "markdown", "--data", "box-current"],
        OK,
    );
    assert!(md.contains("`platform-app`"), "{md}");
}

#[test]
fn datasets_lists_both_editions_and_the_default() {
    let v = json(&["datasets", "--format", "json"], OK);
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["box-2019", "box-current"]);
    assert_eq!(v[0]["default"], true);
    assert_eq!(v[1]["default"], false);
    let (text, _) = run(&["datasets"], OK);
    assert!(text.contains("box-2019 (default)"), "{text}");
    assert!(text.contains("box-current"));
    run(&["datasets", "--format", "markdown"], OK);
}

#[test]
fn check_passes_on_both_editions() {
    for edition in ["box-2019", "box-current"] {
        let (out, _) = run(&["check", "--data", edition], OK);
        assert!(out.contains("valid"), "{out}");
        assert!(!out.contains("warning"), "{edition}:\n{out}");
        let v = json(&["check", "--data", edition, "--format", "json"], OK);
        assert_eq!(v["valid"], true);
        assert_eq!(v["complete"], true, "{edition}: every path walked");
        assert_eq!(v["dataset"], edition);
        run(&["check", "--data", edition, "--format", "markdown"], OK);
    }
}

#[test]
fn completions_for_bash() {
    authwiz()
        .args(["completions", "bash"])
        .assert()
        .code(OK)
        .stdout(predicate::str::contains("authwiz").and(predicate::str::contains("complete")));
    authwiz()
        .args(["completions", "nosuchshell"])
        .assert()
        .code(ERROR);
}

/// A reader that goes away (`authwiz ... | head -1`) is no reason to panic.
fn survives_a_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn authwiz");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    for args in [
        &["matrix"][..],
        &["compare"],
        &["questions"],
        &["recommend", "-a", "app-type=custom-app"],
    ] {
        let (code, err) = survives_a_closed_pipe(args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(code, Some(101), "{args:?}: {err}");
    }
}

#[test]
fn completions_survive_a_closed_pipe() {
    let (code, err) = survives_a_closed_pipe(&["completions", "bash"]);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(code, Some(101), "{err}");
}

#[test]
fn help_and_version() {
    authwiz()
        .arg("--help")
        .assert()
        .code(OK)
        .stdout(predicate::str::contains("recommend"));
    authwiz()
        .arg("--version")
        .assert()
        .code(OK)
        .stdout(predicate::str::contains("authwiz"));
    authwiz().arg("no-such-command").assert().code(ERROR);
}

// ---- --data ----

#[test]
fn an_unknown_dataset_name_lists_the_bundled_ones() {
    let (_, err) = run(&["matrix", "--data", "box-2018"], ERROR);
    assert!(err.contains("box-2018"), "{err}");
    assert!(
        err.contains("`box-2019`") && err.contains("`box-current`"),
        "{err}"
    );
    assert!(err.contains("did you mean `box-2019`?"), "{err}");
    let (_, err) = run(&["recommend", "--data", "/nonexistent/data.toml"], ERROR);
    assert!(err.contains("/nonexistent/data.toml"), "{err}");
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn a_bundled_edition_by_path_loads_too() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/box-current.toml");
    let v = json(
        &[
            "matrix",
            "--format",
            "json",
            "--data",
            path.to_str().unwrap(),
        ],
        OK,
    );
    assert_eq!(v["dataset"], "box-current");
}

// ---- broken datasets ----

/// Writes `text` to a temporary dataset file; returns the directory (kept alive) and path.
fn broken(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    (dir, p)
}

/// The fixture dataset with `from` replaced by `to` (which must occur exactly once).
fn edited(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixture("choose-a-database.toml")).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, col)
}

/// Whether some line of `err` reads `{file}:LINE:COLUMN: {key}...` with numbers.
fn located(err: &str, file: &str, key: &str) -> bool {
    err.lines().any(|l| {
        let Some(rest) = l.strip_prefix("error: ").unwrap_or(l).strip_prefix(file) else {
            return false;
        };
        let mut parts = rest.splitn(4, ':');
        let (Some(""), Some(line), Some(col), Some(tail)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        line.parse::<usize>().is_ok_and(|n| n > 0)
            && col.parse::<usize>().is_ok_and(|n| n > 0)
            && tail.starts_with(&format!(" {key}"))
    })
}

/// Runs `check` on a broken dataset: exit 2, nothing on stdout, and every expected
/// `file:line:col: key: message` fragment on stderr.
fn check_broken(path: &str, expected: &[String]) -> String {
    for cmd in [
        &["check"][..],
        &["recommend"],
        &["matrix"],
        &["compare"],
        &["questions"],
    ] {
        let args = with(cmd, &["--data", path]);
        let (out, err) = run(&args, ERROR);
        assert!(out.is_empty(), "{cmd:?}: {out}");
        for e in expected {
            assert!(
                err.contains(e.as_str()),
                "{cmd:?}: expected {e:?} in:\n{err}"
            );
        }
    }
    run(&["check", "--data", path], ERROR).1
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let (_dir, p) = broken("syntax.toml", "schema = 1\n[dataset\nid = \"x\"\n");
    let err = check_broken(&p, &[format!("{p}:2:")]);
    assert!(err.contains("TOML syntax error"), "{err}");
}

#[test]
fn an_unknown_key_names_file_line_column_and_key_path() {
    let text = edited(
        "summary = \"A client/server relational database.\"\n",
        "summary = \"A client/server relational database.\"\ncolour = \"blue\"\n",
    );
    let (line, col) = position(&text, "colour");
    let (_dir, p) = broken("unknown-key.toml", &text);
    let err = check_broken(
        &p,
        &[format!(
            "{p}:{line}:{col}: candidates[1].colour: unknown field `colour`"
        )],
    );
    assert!(err.contains("expected"), "{err}");
    assert!(
        err.contains("`summary`"),
        "the valid keys are listed: {err}"
    );
}

#[test]
fn a_wrong_type_names_the_key_and_what_was_expected() {
    let text = edited(
        "support = { sqlite = true, postgres = false, dynamodb = false }",
        "support = { sqlite = true, postgres = \"no\", dynamodb = false }",
    );
    let (line, _) = position(&text, "postgres = \"no\"");
    let (_dir, p) = broken("wrong-type.toml", &text);
    let err = run(&["check", "--data", &p], ERROR).1;
    assert!(err.contains(&format!("{p}:{line}:")), "{err}");
    assert!(err.contains("contexts[2].support"), "{err}");
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn a_wrong_type_key_path_has_no_serde_internals() {
    let text = edited("schema = 1", "schema = \"one\"");
    let (_dir, p) = broken("wrong-type.toml", &text);
    let err = run(&["check", "--data", &p], ERROR).1;
    assert!(!err.contains("serde_spanned"), "{err}");
    assert!(err.contains(": schema: "), "{err}");
}

#[test]
fn a_dangling_reference_names_the_key_and_the_valid_ids() {
    let text = edited("exclude = [\"dynamodb\"]", "exclude = [\"dynamo\"]");
    let (line, col) = position(&text, "\"dynamo\"");
    let (_dir, p) = broken("dangling.toml", &text);
    let err = check_broken(
        &p,
        &[format!(
            "{p}:{line}:{col}: rules[6].exclude[0]: unknown candidate `dynamo`"
        )],
    );
    assert!(err.contains("`sqlite`, `postgres`, `dynamodb`"), "{err}");
    assert!(err.contains("did you mean `dynamodb`?"), "{err}");
}

#[test]
fn a_dangling_option_in_a_condition_is_reported() {
    let text = edited(
        "ask_if = { queries = \"key-value\" }",
        "ask_if = { queries = \"kv\" }",
    );
    let (line, _) = position(&text, "ask_if = { queries = \"kv\" }");
    let (_dir, p) = broken("dangling-option.toml", &text);
    let err = check_broken(&p, &[format!("{p}:{line}:")]);
    assert!(err.contains("questions[4].ask_if.queries"), "{err}");
    assert!(err.contains("unknown option `kv`"), "{err}");
}

#[test]
fn a_duplicate_id_names_both_places() {
    let text = edited("id = \"managed-only\"\nwhen", "id = \"we-run-it\"\nwhen");
    let (_dir, p) = broken("duplicate.toml", &text);
    let second = text.rfind("id = \"we-run-it\"\nwhen").unwrap();
    let line = text[..second].matches('\n').count() + 1;
    let err = check_broken(&p, &[format!("{p}:{line}:")]);
    assert!(err.contains("rules[7].id"), "{err}");
    assert!(err.contains("duplicate"), "{err}");
    assert!(err.contains("we-run-it"), "{err}");
    assert!(
        err.contains("rules[6]"),
        "the first definition is named: {err}"
    );
}

#[test]
fn a_missing_matrix_cell_is_reported() {
    let text = edited(
        "support = { sqlite = false, postgres = true, dynamodb = true }",
        "support = { sqlite = false, postgres = true }",
    );
    let (_dir, p) = broken("missing-cell.toml", &text);
    let err = check_broken(&p, &[format!("{p}:")]);
    assert!(located(&err, &p, "contexts[1].support"), "{err}");
    assert!(err.contains("`dynamodb`"), "{err}");
    let text = edited(
        "values = { sqlite = \"yes\", postgres = \"yes\", dynamodb = \"no\" }",
        "values = { sqlite = \"yes\", dynamodb = \"no\" }",
    );
    let (_dir, p) = broken("missing-criterion-cell.toml", &text);
    let err = check_broken(&p, &[format!("{p}:")]);
    assert!(located(&err, &p, "criteria[1].values"), "{err}");
    assert!(err.contains("`postgres`"), "{err}");
}

#[test]
fn several_semantic_errors_are_reported_at_once() {
    let text = edited("exclude = [\"dynamodb\"]", "exclude = [\"dynamo\"]")
        .replacen(
            "support = { sqlite = false, postgres = true, dynamodb = true }",
            "support = { sqlite = false, postgres = true }",
            1,
        )
        .replacen("id = \"managed-only\"\nwhen", "id = \"we-run-it\"\nwhen", 1)
        .replacen(
            "source = \"dynamodb-intro\"\nscore",
            "source = \"nowhere\"\nscore",
            1,
        );
    let (_dir, p) = broken("many.toml", &text);
    let err = run(&["check", "--data", &p], ERROR).1;
    for key in [
        "rules[6].exclude[0]",
        "contexts[1].support",
        "rules[7].id",
        "rules[4].source",
    ] {
        assert!(
            located(&err, &p, key),
            "{key} with file, line and column in:\n{err}"
        );
    }
    assert!(err.contains("4 problems found"), "{err}");
    // Every problem has a place.
    let located = err.lines().filter(|l| l.contains(&format!("{p}:"))).count();
    assert_eq!(located, 4, "{err}");
}

#[test]
fn an_empty_or_non_utf8_dataset_is_an_error_not_a_panic() {
    let (_dir, p) = broken("empty.toml", "");
    let err = run(&["check", "--data", &p], ERROR).1;
    assert!(err.contains("empty"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"schema = 1\n# caf\xe9\n").unwrap();
    let err = run(&["check", "--data", path.to_str().unwrap()], ERROR).1;
    assert!(err.contains("UTF-8"), "{err}");
    let err = run(&["check", "--data", dir.path().to_str().unwrap()], ERROR).1;
    assert!(err.contains("directory"), "{err}");
}

// ---- a dataset for another decision: the engine is domain-free ----

#[test]
fn a_database_dataset_loads_and_checks_clean() {
    let db = database();
    let (out, _) = run(&["check", "--data", &db], OK);
    assert!(out.contains("choose-a-database"), "{out}");
    assert!(!out.contains("warning"), "{out}");
    let v = json(&["check", "--data", &db, "--format", "json"], OK);
    assert_eq!(v["complete"], true);
}

#[test]
fn a_database_dataset_recommends_with_its_own_words() {
    let db = database();
    let rec = |answers: &[&str], code| {
        let mut args = vec!["recommend", "--data", &db, "--format", "json"];
        for a in answers {
            args.push("-a");
            args.push(a);
        }
        json(&args, code)
    };
    // One writer on a VM, SQL: SQLite.
    let v = rec(
        &[
            "hosting=vm",
            "state=stateful",
            "writers=one",
            "queries=sql",
            "operations=we-run-it",
        ],
        OK,
    );
    assert_eq!(v["dataset"], "choose-a-database");
    assert_eq!(v["recommendation"], "sqlite");
    assert_eq!(v["settled"], true);
    assert_eq!(
        v["ranking"][0]["database"], "sqlite",
        "the vocabulary's key"
    );
    assert!(v["ranking"][0].get("method").is_none());
    let dynamo = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["database"] == "dynamodb")
        .unwrap();
    assert_eq!(dynamo["status"], "excluded");
    let texts: Vec<&str> = dynamo["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"The team runs the database itself"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("“Speaks SQL?” is No")),
        "{texts:?}"
    );

    // Serverless, many writers, by key, managed: DynamoDB (SQLite is not supported there).
    let v = rec(
        &[
            "hosting=serverless",
            "state=stateful",
            "writers=many",
            "queries=key-value",
            "joins=no",
            "operations=managed-only",
        ],
        OK,
    );
    assert_eq!(v["recommendation"], "dynamodb");
    let sqlite = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["database"] == "sqlite")
        .unwrap();
    assert_eq!(sqlite["status"], "excluded");

    // Joins needed by key: DynamoDB's "depends" cell keeps it, with a caveat, and it ties
    // with PostgreSQL, which only the file's order puts first: a tie, said so (exit 4).
    let v = rec(
        &[
            "hosting=serverless",
            "state=stateful",
            "writers=many",
            "queries=key-value",
            "joins=yes",
            "operations=managed-only",
        ],
        TIE,
    );
    assert_eq!(v["recommendation"], "postgres");
    assert_eq!(v["decided_by_order"], true);
    assert_eq!(v["result"], "tie");
    let dynamo = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["database"] == "dynamodb")
        .unwrap();
    assert_eq!(dynamo["status"], "eligible");
    assert!(
        dynamo["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "caveat"),
        "{dynamo}"
    );

    // A stateless service needs no database: an outcome, exit 0.
    let v = rec(&["hosting=device", "state=stateless"], OK);
    assert!(v["recommendation"].is_null());
    assert!(v["conflict"].is_null());
    assert_eq!(v["settled"], true);

    // On a device with many writers nothing fits: exit 3 and a conflict.
    let v = rec(
        &["hosting=device", "state=stateful", "writers=many"],
        NEGATIVE,
    );
    assert!(v["recommendation"].is_null());
    let conflict = strings(&v["conflict"]);
    assert!(conflict.contains(&"hosting".to_owned()), "{conflict:?}");
    assert!(conflict.contains(&"writers".to_owned()), "{conflict:?}");

    // A question asked only under a condition is skipped otherwise.
    let v = rec(
        &["hosting=vm", "state=stateful", "queries=sql", "joins=yes"],
        OK,
    );
    let ignored: Vec<&str> = v["ignored_answers"]
        .as_array()
        .expect("ignored_answers")
        .iter()
        .map(|a| a["question"].as_str().unwrap())
        .collect();
    assert_eq!(ignored, ["joins"]);
}

#[test]
fn a_database_dataset_works_with_every_catalogue_command() {
    let db = database();
    let v = json(&["matrix", "--data", &db, "--format", "json"], OK);
    assert_eq!(v["dataset"], "choose-a-database");
    assert_eq!(v["hosting_models"].as_array().unwrap().len(), 3);
    assert_eq!(v["databases"].as_array().unwrap().len(), 3);
    assert_eq!(v["support"]["device"]["postgres"], false);
    let v = json(
        &[
            "compare",
            "--data",
            &db,
            "--context",
            "serverless",
            "--format",
            "json",
        ],
        OK,
    );
    assert_eq!(v["criteria"].as_array().unwrap().len(), 3);
    assert_eq!(v["criteria"][2]["values"]["dynamodb"], "depends");
    assert_eq!(v["support"]["values"]["sqlite"], false);
    let v = json(&["questions", "--data", &db, "--format", "json"], OK);
    assert_eq!(v.as_array().unwrap().len(), 6);
    let (text, _) = run(&["recommend", "--data", &db, "-a", "hosting=vm"], TIE);
    assert!(text.contains("database"), "{text}");
    let (adr, _) = run(
        &[
            "recommend",
            "--data",
            &db,
            "--format",
            "adr",
            "--date",
            "2025-01-01",
            "-a",
            "hosting=vm",
            "-a",
            "state=stateful",
            "-a",
            "writers=many",
        ],
        TIE,
    );
    assert!(adr.contains("PostgreSQL"), "{adr}");
    assert!(
        !adr.contains("Box"),
        "no word of Box in another domain's record:\n{adr}"
    );
    for (args, code) in [
        (&["recommend", "--data", &db, "-a", "hosting=vm"][..], TIE),
        (&["matrix", "--data", &db], OK),
        (&["compare", "--data", &db], OK),
        (&["questions", "--data", &db], OK),
        (&["check", "--data", &db], OK),
    ] {
        let (out, _) = run(args, code);
        assert!(!out.contains("Box"), "{args:?} mentions Box:\n{out}");
    }
}
