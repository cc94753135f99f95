//! End-to-end tests of the real binary in a pseudo-terminal (portable-pty + vt100):
//! answer to a result, go back, compare, quit; Ctrl+C, SIGTERM and SIGHUP; the terminal
//! left sane on every path. Every wait has a deadline, so a hung wizard fails the test.

#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const WAIT: Duration = Duration::from_secs(20);
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";

struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
    _dir: tempfile::TempDir,
}

fn fixture() -> String {
    std::fs::canonicalize("tests/fixtures/commute.toml")
        .unwrap()
        .display()
        .to_string()
}

impl Session {
    fn start(args: &[&str]) -> Self {
        Self::start_sized(args, 80, 24)
    }

    fn start_sized(args: &[&str], cols: u16, rows: u16) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_authwiz"));
        cmd.args(args);
        Self::spawn(cmd, cols, rows)
    }

    /// A shell command line in the pseudo-terminal (for redirections).
    fn start_shell(script: &str) -> Self {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        Self::spawn(cmd, 80, 24)
    }

    fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        cmd.env("XDG_STATE_HOME", common::state_dir());
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(dir.path());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Self {
            master: pair.master,
            child,
            writer,
            output,
            size: (cols, rows),
            _dir: dir,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as a terminal shows it now.
    fn screen(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(
            NonZeroU16::new(self.size.1).unwrap(),
            NonZeroU16::new(self.size.0).unwrap(),
            0,
        );
        p.process(&self.bytes());
        p
    }

    fn contents(&self) -> String {
        self.screen().screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let c = self.contents();
            if c.contains(text) {
                return c;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; the screen shows:\n{c}");
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // A lone ESC is told apart from an escape sequence by the pause after it.
        thread::sleep(Duration::from_millis(if keys == ESC { 150 } else { 40 }));
    }

    /// Sends keys and waits for the screen to show `text`.
    fn step(&mut self, keys: &str, text: &str) -> String {
        self.send(keys);
        self.wait_for(text)
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().unwrap();
        // The shell's `kill` builtin: no separate binary needed.
        let ok = std::process::Command::new("sh")
            .args(["-c", &format!("kill {sig} {pid}")])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig} {pid}");
    }

    /// Waits for the process to end; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "timed out waiting for the exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// The terminal was restored: the alternate screen left and the cursor shown after
    /// the last time they were entered and hidden.
    fn assert_restored(&self) {
        let out = self.bytes();
        let last = |pat: &[u8]| out.windows(pat.len()).rposition(|w| w == pat);
        let entered = last(ENTER_ALT).expect("the alternate screen was entered");
        let left = last(LEAVE_ALT).expect("the alternate screen was left");
        assert!(
            left > entered,
            "left the alternate screen after entering it"
        );
        let shown = last(SHOW_CURSOR).expect("the cursor was shown again");
        let hidden = last(b"\x1b[?25l").unwrap_or(0);
        assert!(shown > hidden, "the cursor is shown at the end");
        let p = self.screen();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor still hidden");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

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
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let out = s.bytes();
    let left = out
        .windows(LEAVE_ALT.len())
        .rposition(|w| w == LEAVE_ALT)
        .unwrap();
    let after = String::from_utf8_lossy(&out[left..]).into_owned();
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
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
}

#[test]
fn ctrl_c_exits_130_at_once() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.step(ENTER, "Question 1 of 5");
    s.signal("-TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    s.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let data = fixture();
    let mut s = Session::start(&["--data", &data]);
    s.wait_for("Edition in use");
    s.signal("-HUP");
    assert_eq!(s.wait_exit(), 128 + 1);
    s.assert_restored();
}

/// A terminal that goes away without a signal: the wizard is not the session leader of
/// the pseudo-terminal (as under a supervisor that keeps its own session), so closing the
/// master hangs the terminal up without sending SIGHUP. Reads then return end-of-file;
/// crossterm used to spin on them at full CPU forever. The wizard must notice and end as a
/// hang-up would (exit 129).
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
    s.master
        .resize(PtySize {
            rows: 10,
            cols: 40,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.size = (40, 10);
    s.wait_for("60×16 (this one is 40×10)");
    s.master
        .resize(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.size = (100, 30);
    s.wait_for("Edition in use");
    s.master
        .resize(PtySize {
            rows: 5,
            cols: 20,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.size = (20, 5);
    s.wait_for("60×16");
    s.send("q");
    assert_eq!(s.wait_exit(), 1);
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
    assert_eq!(s.wait_exit(), 130);
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
    let saved = std::fs::read_to_string(s._dir.path().join("authwiz-answers.toml")).unwrap();
    assert!(saved.contains("cargo = \"no\""), "{saved}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
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
    let mut s = Session::start_shell(&script);
    s.wait_for("Edition in use");
    for k in [ENTER, ENTER, ENTER, DOWN, ENTER, DOWN] {
        s.send(k);
    }
    s.step(ENTER, "Recommended way to travel: Bus");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
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
    let mut s = Session::start_sized(&["recommend", "--answers", &answers], 60, 200);
    assert_eq!(s.wait_exit(), 0);
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
    let mut s = Session::start_sized(&["--data", &data], 64, 24);
    s.wait_for("Edition in use");
    s.step(ENTER, "Where do you live?");
    for keys in ["1", "1", "2", "2"] {
        s.send(keys);
    }
    s.wait_for("Recommended way to travel");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
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
