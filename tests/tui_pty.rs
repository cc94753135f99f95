//! End-to-end tests of the real binary in a pseudo-terminal (portable-pty + vt100):
//! answer to a result, go back, compare, quit; Ctrl+C, SIGTERM and SIGHUP; the terminal
//! left sane on every path. Every wait has a deadline, so a hung wizard fails the test.

#![cfg(unix)]

mod common;

#[path = "common/pty.rs"]
mod pty;

use std::io::Read;
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{PtySize, native_pty_system};
use pty::{DOWN, ENTER, ESC, LEAVE_ALT, Session, Spawn, fixture};

/// The text of the screen row holding `needle`, and whether its first match is in
/// reverse video.
fn row_with(p: &vt100::Parser, needle: &str) -> Option<(String, bool)> {
    let screen = p.screen();
    let (rows, cols) = screen.size();
    let (rows, cols): (u16, u16) = (rows.into(), cols.into());
    for r in 0..rows {
        let text: String = (0..cols)
            .map(|c| {
                screen
                    .cell(r, c)
                    .map_or(" ".to_owned(), |x| x.contents().to_owned())
            })
            .map(|s| if s.is_empty() { " ".to_owned() } else { s })
            .collect();
        if let Some(byte) = text.find(needle) {
            let col = text[..byte].chars().count() as u16;
            let inverse = screen.cell(r, col).is_some_and(|c| c.inverse());
            return Some((text, inverse));
        }
    }
    None
}

#[test]
fn answer_to_a_result_go_back_compare_and_quit() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.step(ENTER, "Question 2 of 5");
    s.step(ENTER, "Question 3 of 5");
    s.send(DOWN);
    s.step(ENTER, "Do you carry heavy things?");
    s.send(DOWN);
    s.step(ENTER, "Recommended way to travel: Bus");

    // Back: the last question, its answer (No) pre-selected and highlighted.
    s.step(ESC, "Do you carry heavy things?");
    let p = s.screen();
    let (row, inverse) = row_with(&p, "› 2. No").expect("the old answer is highlighted");
    assert!(row.contains("your answer"), "{row}");
    assert!(inverse, "the highlighted answer is in reverse video");

    // The comparison, and back.
    s.step("c", "Ways to travel side by side");
    s.wait_for("Cheap to run?");
    s.step(ESC, "Do you carry heavy things?");

    // Forward to the result again, and quit: the report is printed after the restore.
    s.step(ENTER, "Recommended way to travel: Bus");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
    let after = s.printed_after_leaving();
    assert!(
        after.contains("Recommended way to travel: Bus"),
        "the report comes after the terminal is restored: {after}"
    );
    assert!(after.contains("Why not the others"));
}

#[test]
fn quit_before_a_result_exits_1() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 1);
    s.assert_restored();
}

#[test]
fn ctrl_c_exits_130_at_once() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.send("\x03");
    assert_eq!(s.wait_exit().exit_code(), 130);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.signal(libc::SIGTERM);
    assert_eq!(s.wait_exit().exit_code(), 128 + 15);
    s.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.signal(libc::SIGHUP);
    assert_eq!(s.wait_exit().exit_code(), 128 + 1);
    s.assert_restored();
}

/// A terminal that goes away without a signal: the wizard is not the session leader of
/// the pseudo-terminal (as under a supervisor that keeps its own session), so closing the
/// master hangs the terminal up without sending SIGHUP. Reads then return end-of-file;
/// crossterm used to spin on them at full CPU forever. The wizard must notice and end as a
/// hang-up would (exit 129).
///
/// Not a [`Session`]: that makes the wizard the session leader with the terminal as its
/// controlling one, and its reader thread keeps a master descriptor open; here the test
/// opens the terminal itself and holds every master descriptor, to close them all.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gone_without_a_signal_ends_the_wizard() {
    use std::os::unix::fs::OpenOptionsExt;
    use std::process::{Command, Stdio};
    const O_NOCTTY: i32 = 0o400; // Linux: do not make the terminal ours.

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let slave_path = pair.master.tty_name().expect("the pseudo-terminal's name");
    drop(pair.slave);
    let open_slave = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(O_NOCTTY)
            .open(&slave_path)
            .unwrap()
    };
    let data = fixture();
    let mut child = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["--data", &data])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(open_slave()))
        .stdout(Stdio::from(open_slave()))
        .stderr(Stdio::from(open_slave()))
        .spawn()
        .unwrap();
    // Read in this thread, so that dropping the reader and the master closes every
    // master descriptor: that is the hang-up.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Welcome") {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    assert!(
        String::from_utf8_lossy(&seen).contains("Welcome"),
        "the wizard did not start"
    );
    drop(reader);
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the wizard kept running after its terminal went away");
        }
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(128 + 1));
}

#[test]
fn resizing_redraws_and_too_small_still_quits() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.resize(40, 10);
    s.wait_for("60×16 (this one is 40×10)");
    s.resize(100, 30);
    s.wait_for("Edition in use");
    s.resize(20, 5);
    s.wait_for("60×16");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 1);
    s.assert_restored();
}

#[test]
fn answers_file_resumes_at_the_first_unanswered_question() {
    let data = fixture();
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::write(
        &answers,
        "dataset = \"commute\"\n[answers]\ntown = \"city\"\nlicence = \"yes\"\n",
    )
    .unwrap();
    let answers = answers.display().to_string();
    let mut s = Session::start(&["--data", &data, "--answers", &answers]);
    s.wait_for("How long is the trip?");
    s.send("\x03");
    assert_eq!(s.wait_exit().exit_code(), 130);
    s.assert_restored();
}

#[test]
fn export_in_the_terminal_writes_the_file() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    for k in [ENTER, ENTER, ENTER, DOWN, ENTER, DOWN] {
        s.send(k);
    }
    s.step(ENTER, "Recommended way to travel: Bus");
    s.step("s", "Save the answers (TOML) to");
    s.step(ENTER, "Wrote the answers to authwiz-answers.toml");
    // Again: the file exists now, so it asks first.
    s.step("s", "Save the answers (TOML) to");
    s.step(ENTER, "already exists. Overwrite it?");
    s.step("n", "Kept the existing file");
    let saved = std::fs::read_to_string(s.cwd().join("authwiz-answers.toml")).unwrap();
    assert!(saved.contains("cargo = \"no\""), "{saved}");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
}

#[test]
fn redirected_stdout_takes_the_result_while_the_screens_use_the_terminal() {
    let data = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decision.txt");
    let script = format!(
        "exec '{}' --data '{data}' > '{}'",
        env!("CARGO_BIN_EXE_authwiz"),
        out.display()
    );
    let mut s = Spawn::shell(&script).start();
    s.wait_for("Edition in use");
    for k in [ENTER, ENTER, ENTER, DOWN, ENTER, DOWN] {
        s.send(k);
    }
    s.step(ENTER, "Recommended way to travel: Bus");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("Choose a way to commute [commute]"),
        "{text}"
    );
    assert!(text.contains("Recommended way to travel: Bus"));
    assert!(!text.contains('\x1b'), "no escape sequences in the file");
}

/// The lines of text after `from` in raw terminal output, escape sequences removed.
fn printed_lines(out: &[u8], from: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(&out[from..]).into_owned();
    let mut clean = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ ... final byte; other escapes: ESC and one character.
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else if c != '\r' {
            clean.push(c);
        }
    }
    clean.lines().map(str::to_owned).collect()
}

/// Wider than `cols` and not one word (a URL is never split).
fn too_wide(line: &str, cols: usize) -> bool {
    unicode_width::UnicodeWidthStr::width(line) > cols && line.trim().contains(' ')
}

#[test]
fn recommend_on_a_terminal_is_wrapped_to_its_width() {
    let answers = std::fs::canonicalize("tests/fixtures/server-side-answers.toml").unwrap();
    let answers = answers.display().to_string();
    let mut s = Spawn::authwiz(&["recommend", "--answers", &answers])
        .size(60, 200)
        .start();
    assert_eq!(s.wait_exit().exit_code(), 0);
    let lines = printed_lines(&s.bytes(), 0);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Recommended authorization method")),
        "{lines:?}"
    );
    for l in &lines {
        assert!(!too_wide(l, 60), "{l:?} is wider than the terminal");
    }
}

#[test]
fn the_result_printed_on_quitting_is_wrapped_to_the_terminal() {
    let data = fixture();
    let mut s = Spawn::authwiz(&["--data", &data]).size(64, 24).start();
    s.wait_for("Edition in use");
    s.step(ENTER, "Where do you live?");
    for keys in ["1", "1", "2", "2"] {
        s.send(keys);
    }
    s.wait_for("Recommended way to travel");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    let out = s.bytes();
    let left = out
        .windows(LEAVE_ALT.len())
        .rposition(|w| w == LEAVE_ALT)
        .unwrap();
    let lines = printed_lines(&out, left + LEAVE_ALT.len());
    assert!(
        lines
            .iter()
            .any(|l| l.contains("authwiz recommend --detail")),
        "{lines:?}"
    );
    for l in &lines {
        assert!(!too_wide(l, 64), "{l:?} is wider than the terminal");
    }
}
