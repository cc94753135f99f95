//! A result means one thing whichever face reached it: the wizard, left from its result,
//! exits with the code `recommend` gives for the same answers (0 a result, 3 nothing fits,
//! 4 a tie), in the plain mode through a pipe and full screen in a pseudo-terminal.

mod common;

#[cfg(unix)]
#[path = "common/pty.rs"]
mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One kind of result: its name, complete answers for box-2019 (no question left open),
/// and the exit code `recommend` gives for them.
type Case = (&'static str, &'static [(&'static str, &'static str)], i32);

const CASES: &[Case] = &[
    (
        "a recommendation",
        &[
            ("app-type", "enterprise-integration"),
            ("purpose", "production"),
            ("users", "no-user-model"),
            ("admin-approval", "can-obtain"),
        ],
        0,
    ),
    (
        "nothing fits",
        &[
            ("app-type", "partner-integration"),
            ("purpose", "production"),
            ("users", "box-users"),
            ("users-see-box", "must-not-see"),
            ("act-as-users", "yes"),
        ],
        3,
    ),
    (
        "a tie",
        &[
            ("app-type", "enterprise-integration"),
            ("purpose", "production"),
            ("users", "only-me"),
            ("data-location", "app-account"),
            ("act-as-users", "yes"),
            ("admin-approval", "can-obtain"),
            ("user-involvement", "can-redirect"),
        ],
        4,
    ),
];

fn answers_file(dir: &Path, answers: &[(&str, &str)]) -> PathBuf {
    let mut text = String::from("dataset = \"box-2019\"\n\n[answers]\n");
    for (q, o) in answers {
        text.push_str(&format!("{q} = \"{o}\"\n"));
    }
    let path = dir.join("answers.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn recommend_code(answers: &Path) -> i32 {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["recommend", "--answers"])
        .arg(answers)
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .code()
        .unwrap()
}

#[test]
fn the_plain_wizard_exits_as_recommend_does_for_the_same_answers() {
    for (what, answers, code) in CASES {
        let dir = tempfile::tempdir().unwrap();
        let file = answers_file(dir.path(), answers);
        assert_eq!(recommend_code(&file), *code, "recommend: {what}");
        // Every question is answered: the plain mode shows the result at once (`f` would
        // finish a settled one that still had questions open).
        let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
            .env("XDG_STATE_HOME", common::state_dir())
            .args(["--plain", "--answers"])
            .arg(&file)
            .env("TERM", "dumb")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                if let Some(mut stdin) = child.stdin.take() {
                    stdin.write_all(b"f\n")?;
                }
                child.wait_with_output()
            })
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("authwiz recommend --detail"),
            "{what}: no result shown:\n{stdout}"
        );
        assert_eq!(
            out.status.code(),
            Some(*code),
            "the plain wizard: {what}\n{stdout}"
        );
    }
}

#[test]
fn the_plain_wizard_left_before_a_result_exits_1() {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["--plain"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(out.code(), Some(1));
}

#[cfg(unix)]
mod full_screen {
    use super::*;
    use crate::pty::Spawn;

    /// Starts the full-screen wizard on `answers` in a pseudo-terminal, goes to the result
    /// screen (`f` where questions are still open), presses `q`; its exit code and all it
    /// wrote to the terminal.
    fn leave_from_the_result(answers: &Path) -> (u32, String) {
        let mut s = Spawn::authwiz(&["--answers", answers.to_str().unwrap()])
            .size(100, 30)
            .env("NO_COLOR", "1")
            .start();
        let c = s.wait_until("the result screen, or the questions", |s| {
            let c = s.contents();
            c.contains("authwiz · Result") || c.contains("authwiz · Questions")
        });
        if !c.contains("authwiz · Result") {
            // Settled with questions still open: `f` finishes now, as a person would.
            s.send("f");
            s.wait_for("authwiz · Result");
        }
        s.send("q");
        let status = s.wait_exit();
        let printed = String::from_utf8_lossy(&s.bytes()).into_owned();
        (status.exit_code(), printed)
    }

    #[test]
    fn the_full_screen_wizard_exits_as_recommend_does_for_the_same_answers() {
        for (what, answers, code) in CASES {
            let dir = tempfile::tempdir().unwrap();
            let file = answers_file(dir.path(), answers);
            let expected = recommend_code(&file);
            assert_eq!(expected, *code, "recommend: {what}");
            let (got, printed) = leave_from_the_result(&file);
            assert_eq!(got, expected as u32, "the wizard: {what}\n{printed}");
            // The result was printed after the terminal was restored (the alternate screen
            // left first).
            let left = printed
                .rfind("\x1b[?1049l")
                .expect("the alternate screen was left");
            assert!(
                printed[left..].contains("authwiz recommend --detail"),
                "{what}:\n{printed}"
            );
        }
    }
}
