//! `--plain`: the questionnaire as numbered line prompts through pipes; what happens
//! without a terminal; end of input; hostile text.

mod common;

use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

fn authwiz() -> Command {
    let mut c = Command::cargo_bin("authwiz").unwrap();
    c.env("XDG_STATE_HOME", common::state_dir());
    c.env("TERM", "xterm-256color").env_remove("NO_COLOR");
    c
}

const DATA: &str = "tests/fixtures/commute.toml";

fn plain(input: &str) -> assert_cmd::assert::Assert {
    authwiz()
        .args(["--plain", "--data", DATA])
        .write_stdin(input)
        .assert()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn numbers_through_a_pipe_reach_the_result() {
    let a = plain("1\n1\n2\n2\n").success();
    let out = stdout_of(&a);
    assert!(out.contains("Question 1 of 5: Where do you live?"), "{out}");
    assert!(out.contains("  1. In a city"));
    assert!(out.contains("  2. In a village"));
    assert!(
        out.contains("Question 4 of 4: Do you carry heavy things?"),
        "{out}"
    );
    assert!(out.contains("Recommended way to travel: Bus"));
    assert!(out.contains("Why not the others"));
    // No escape sequences, no box drawing.
    assert!(!out.contains('\x1b'), "escape sequence in plain output");
    assert!(!out.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)));
}

/// Piped input is not echoed by a terminal: each answer is repeated after its prompt, so a
/// transcript reads as typed and nothing continues the prompt's line; hostile input is
/// repeated only as a short, clean excerpt.
#[test]
fn piped_answers_are_echoed_on_their_prompt_line() {
    let long = "x\u{202e}".repeat(500);
    let a = plain(&format!("city\n{long}\n\n")).code(predicate::ne(0));
    let out = stdout_of(&a);
    let answer_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("Answer [")).collect();
    assert!(answer_lines[0].ends_with("]: city"), "{out}");
    assert!(answer_lines[1].contains("]: x\u{fffd}x"), "{out}");
    assert!(answer_lines[1].ends_with('…'), "{out}");
    assert!(answer_lines[1].chars().count() < 120, "{out}");
    assert!(!out.contains('\u{202e}'), "{out}");
    assert!(
        answer_lines[2].ends_with("]: "),
        "Enter echoes nothing: {out}"
    );
    for l in out.lines() {
        assert!(
            !l.contains("]: So far"),
            "the standing starts its own line: {l}"
        );
    }
}

#[test]
fn option_ids_work_too() {
    let a = plain("city\nyes\nlong\nno\n").success();
    assert!(stdout_of(&a).contains("Recommended way to travel: Bus"));
}

#[test]
fn live_standing_after_each_answer() {
    let a = plain("2\n2\n").code(1);
    let out = stdout_of(&a);
    assert!(out.contains("ruled out: Bus"), "{out}");
    assert!(out.contains("ruled out: Bus, Car"), "{out}");
}

#[test]
fn back_preselects_the_previous_answer_and_enter_keeps_it() {
    let a = plain("2\nb\n\n1\n2\n2\n").success();
    let out = stdout_of(&a);
    assert!(out.contains("  2. In a village"), "{out}");
    assert!(out.contains("[your answer]"), "{out}");
    assert!(out.contains("Enter = 2"), "{out}");
    // The kept answer is the one the result rests on, and the closing command repeats it.
    assert!(out.contains("“Village” does not support Bus"), "{out}");
    assert!(out.contains("-a town=village"), "{out}");
}

#[test]
fn back_on_the_first_question_says_so() {
    let a = plain("b\n").code(1);
    assert!(stdout_of(&a).contains("This is the first question."));
}

#[test]
fn help_shows_option_help_and_the_glossary() {
    // Each option's help is shown inline with the question; `?` adds the ids; `??` the
    // glossary.
    let a = plain("?\n??\n").code(1);
    let out = stdout_of(&a);
    assert!(
        out.contains("1. In a city — Buses and bicycle lanes."),
        "{out}"
    );
    assert!(
        out.contains("1. In a city (id city): Buses and bicycle lanes."),
        "{out}"
    );
    assert!(out.contains("Type ?? for the glossary."), "{out}");
    assert!(out.contains("Season ticket: A ticket valid for every trip in a period."));
}

#[test]
fn each_option_says_what_it_would_do_and_enter_never_walks_into_a_contradiction() {
    // In a village without a licence the car is out; carrying heavy things would rule out
    // the bicycle too, leaving nothing: that option says so, and Enter does not take it.
    let a = plain("2\n2\n").code(1);
    let out = stdout_of(&a);
    assert!(out.contains("rules out"), "{out}");
    let b = plain("2\n2\n\n\n\n\n\n\n").success();
    let out = stdout_of(&b);
    assert!(
        !out.contains("Nothing fits"),
        "Enter walked into a contradiction:\n{out}"
    );
}

#[test]
fn invalid_input_is_explained_and_asked_again() {
    let a = plain("9\nbus\n1\n").code(1);
    let out = stdout_of(&a);
    assert!(out.contains("“9” is not an answer here"), "{out}");
    assert!(out.contains("“bus” is not an answer here"), "{out}");
    assert!(out.contains("Question 2 of 5"));
}

#[test]
fn the_result_comes_when_no_question_left_can_change_it() {
    // city, licence no, short, cargo no: the bicycle, whatever the last answer; the last
    // question is not asked.
    let a = plain("1\n2\n1\n2\n").success();
    let out = stdout_of(&a);
    assert!(
        out.contains("No remaining question can change the result"),
        "{out}"
    );
    assert!(out.contains("Recommended way to travel: Bicycle"), "{out}");
    assert!(!out.contains("Question 5 of"), "{out}");
}

#[test]
fn f_before_settled_says_why() {
    let a = plain("f\n").code(1);
    assert!(stdout_of(&a).contains("Not settled yet"));
}

#[test]
fn end_of_input_before_a_result_exits_1() {
    plain("1\n")
        .code(1)
        .stderr(predicate::str::contains("input ended before a result"));
    plain("")
        .code(1)
        .stderr(predicate::str::contains("input ended before a result"));
}

#[test]
fn q_quits_before_a_result() {
    plain("1\nq\n")
        .code(1)
        .stderr(predicate::str::contains("left before a result"));
}

#[test]
fn answers_file_prefills() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.toml");
    std::fs::write(
        &f,
        "[answers]\ntown = \"city\"\nlicence = \"yes\"\ndistance = \"long\"\n",
    )
    .unwrap();
    let a = authwiz()
        .args(["--plain", "--data", DATA, "--answers"])
        .arg(&f)
        .write_stdin("2\n")
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(!out.contains("Where do you live?\n"), "{out}");
    assert!(out.contains("Question 4 of 4: Do you carry heavy things?"));
    assert!(out.contains("Recommended way to travel: Bus"));
}

#[test]
fn without_a_terminal_it_names_plain_and_recommend() {
    use assert_cmd::prelude::*;
    std::process::Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["--data", DATA])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--plain"))
        .stderr(predicate::str::contains("authwiz recommend"));
}

#[test]
fn term_dumb_falls_back_to_plain() {
    let a = authwiz()
        .args(["--data", DATA])
        .env("TERM", "dumb")
        .write_stdin("1\n1\n2\n2\n")
        .assert()
        .success();
    assert!(stdout_of(&a).contains("Question 1 of 5"));
}

#[test]
fn bad_data_is_an_error_not_a_prompt() {
    authwiz()
        .args(["--plain", "--data", "no-such-dataset"])
        .write_stdin("1\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-dataset"));
}

#[test]
fn hostile_text_never_reaches_stdout_raw() {
    let text = std::fs::read_to_string(DATA)
        .unwrap()
        .replace(
            "Choose a way to commute",
            "Choose \\u001b[31mred\\u0007 \\u009b2J",
        )
        .replace(
            "Where do you live?",
            "Where\\u001b]0;pwned\\u0007 do you live?",
        )
        .replace("In a city", "In a \\u001b[2Jcity");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("hostile.toml");
    std::fs::write(&f, text).unwrap();
    let a = authwiz()
        .arg("--plain")
        .arg("--data")
        .arg(&f)
        .write_stdin("?\n1\n1\n2\n2\n")
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "control character in plain output"
    );
    assert!(out.contains("\u{FFFD}"));
}

#[test]
fn the_default_dataset_works_in_plain_mode() {
    // box-2019 is the default edition; a Custom App in production is enough to start.
    let a = authwiz()
        .arg("--plain")
        .write_stdin("1\n1\n")
        .assert()
        .code(1);
    assert!(stdout_of(&a).contains("Question 1 of"));
}
