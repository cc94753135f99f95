//! The real binary in a pseudo-terminal (portable-pty + vt100) against signals and
//! windows: every ending signal restores the terminal and exits 128 + its number; Ctrl+Z,
//! SIGTSTP and an outside SIGSTOP hand the terminal to the shell, and `fg` gives it back
//! with the wizard redrawn and answering keys; a 65535×65535 window is survived. Every
//! wait has a deadline, so a hung or dead wizard fails the test rather than hangs it.

#![cfg(target_os = "linux")]

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use authwiz::tui::size_limit::{MAX_HEIGHT, MAX_WIDTH};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const WAIT: Duration = Duration::from_secs(20);
const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// On the welcome screen.
const TITLE: &str = "Edition in use";
/// The shell's prompt in the job-control tests.
const PROMPT: &str = "ready> ";

struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The size the screen is read at (a huge window is read at the size drawn).
    screen_size: (u16, u16),
    /// The wizard's process, when it runs under a shell.
    wizard_pid: Option<u32>,
    _dir: tempfile::TempDir,
}

fn fixture() -> String {
    std::fs::canonicalize("tests/fixtures/commute.toml")
        .unwrap()
        .display()
        .to_string()
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Polls `done` until it holds; panics with `what` and the screen after [`WAIT`].
fn wait_until(s: &Session, what: &str, mut done: impl FnMut(&Session) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done(s) {
        if Instant::now() > deadline {
            panic!(
                "timed out waiting for {what}; the screen shows:\n{}",
                s.contents()
            );
        }
        thread::sleep(Duration::from_millis(25));
    }
}

impl Session {
    /// The wizard itself in the pseudo-terminal, as the session leader.
    fn wizard(cols: u16, rows: u16) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_authwiz"));
        cmd.args(["--data", &fixture()]);
        let s = Self::spawn(cmd, cols, rows);
        s.wait_for(TITLE);
        s
    }

    /// An interactive shell with job control in the pseudo-terminal, running the wizard
    /// as a foreground job, as people do.
    fn wizard_under_a_shell() -> Self {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", PROMPT);
        cmd.env("HISTFILE", "/dev/null");
        let mut s = Self::spawn(cmd, 80, 24);
        wait_until(&s, "the shell's prompt", Session::at_prompt);
        // `exec` keeps the process the shell started, whose number it prints first.
        s.send(&format!(
            "sh -c 'echo wizard-pid=$$; exec \"$0\" --data \"$1\"' '{}' '{}'\r",
            env!("CARGO_BIN_EXE_authwiz"),
            fixture()
        ));
        s.wait_for(TITLE);
        let out = String::from_utf8_lossy(&s.bytes()).into_owned();
        let pid = out
            .split("wizard-pid=")
            .filter_map(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .next()
            .expect("the wizard's process number");
        s.wizard_pid = Some(pid);
        s
    }

    fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Self {
        cmd.env("XDG_STATE_HOME", common::state_dir());
        let pair = native_pty_system().openpty(pty_size(cols, rows)).unwrap();
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
            let mut buf = [0u8; 65536];
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
            screen_size: (cols.min(MAX_WIDTH), rows.min(MAX_HEIGHT)),
            wizard_pid: None,
            _dir: dir,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as a terminal shows it now.
    fn screen(&self) -> vt100::Parser {
        let (cols, rows) = self.screen_size;
        let mut p = vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        );
        p.process(&self.bytes());
        p
    }

    fn contents(&self) -> String {
        self.screen().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        wait_until(self, &format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// The shell waits for a command: its prompt ends the main screen.
    fn at_prompt(&self) -> bool {
        let p = self.screen();
        !p.screen().alternate_screen()
            && p.screen()
                .contents()
                .trim_end()
                .ends_with(PROMPT.trim_end())
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(pty_size(cols, rows)).unwrap();
        self.screen_size = (cols.min(MAX_WIDTH), rows.min(MAX_HEIGHT));
    }

    fn pid(&self) -> u32 {
        self.wizard_pid
            .or_else(|| self.child.process_id())
            .expect("a process number")
    }

    fn signal(&self, sig: i32) {
        // SAFETY: `kill` has no memory-safety requirements.
        let sent = unsafe { libc::kill(self.pid() as libc::pid_t, sig) };
        assert_eq!(sent, 0, "kill {sig} {}", self.pid());
    }

    /// The wizard's scheduling state: `T` when stopped.
    fn state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        let (_, after_name) = stat.rsplit_once(')')?;
        after_name.trim_start().chars().next()
    }

    /// The terminal's local modes, as the wizard's side sees them (on Linux the master's
    /// `tcgetattr` reports the slave's modes).
    fn local_modes(&self) -> libc::tcflag_t {
        let fd = self.master.as_raw_fd().expect("the master's descriptor");
        // SAFETY: all zeroes is a valid `termios`, overwritten by a successful call.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is open for as long as `self.master` lives; `modes` is valid.
        let got = unsafe { libc::tcgetattr(fd, &mut modes) };
        assert_eq!(got, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        modes.c_lflag
    }

    /// Waits for the process to end; its exit code. A death by signal fails the test.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                thread::sleep(Duration::from_millis(100));
                assert_eq!(status.signal(), None, "killed by a signal: {status}");
                return status.exit_code();
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for the exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    fn last(&self, pattern: &[u8]) -> Option<usize> {
        self.bytes()
            .windows(pattern.len())
            .rposition(|w| w == pattern)
    }

    /// The wizard has handed the terminal back: the alternate screen left and the cursor
    /// shown after they were last entered and hidden.
    fn assert_handed_back(&self) {
        let entered = self
            .last(ENTER_ALT)
            .expect("the alternate screen was entered");
        let left = self.last(LEAVE_ALT).expect("the alternate screen was left");
        assert!(
            left > entered,
            "left the alternate screen after entering it"
        );
        let shown = self.last(SHOW_CURSOR).expect("the cursor was shown again");
        assert!(
            shown > self.last(HIDE_CURSOR).unwrap_or(0),
            "cursor shown last"
        );
        let p = self.screen();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor still hidden");
    }

    /// The terminal is as it was found: handed back, and cooked again (lines edited by the
    /// terminal, echoed, Ctrl+C a signal).
    fn assert_restored(&self) {
        self.assert_handed_back();
        let modes = self.local_modes();
        for (flag, name) in [
            (libc::ICANON, "ICANON"),
            (libc::ECHO, "ECHO"),
            (libc::ISIG, "ISIG"),
        ] {
            assert_ne!(modes & flag, 0, "{name} is still off: the terminal is raw");
        }
    }

    /// Stopped, with the terminal handed back and the shell reporting the job stopped.
    fn wait_stopped(&self) {
        wait_until(self, "the wizard to stop", |s| s.state() == Some('T'));
        wait_until(self, "the shell to report the stop", |s| {
            s.contents().contains("Stopped") && s.at_prompt()
        });
        self.assert_handed_back();
    }

    /// `fg`: the wizard takes the terminal back, raw, and redraws everything (vt100, as
    /// xterm, clears the alternate screen when it is entered), then still answers keys.
    fn resume_with_fg(&mut self) {
        self.send("fg\r");
        wait_until(self, "the wizard redrawn on the alternate screen", |s| {
            let p = s.screen();
            p.screen().alternate_screen()
                && p.screen().hide_cursor()
                && p.screen().contents().contains(TITLE)
        });
        wait_until(self, "raw mode", |s| {
            s.local_modes() & (libc::ICANON | libc::ECHO | libc::ISIG) == 0
        });
        assert_ne!(self.state(), Some('T'), "the wizard runs again");
    }

    /// Answers a question, quits, and checks the exit code through the shell.
    fn answer_and_quit_under_the_shell(&mut self) {
        self.send("\r");
        self.wait_for("Question 1 of 5");
        self.send("q");
        wait_until(self, "the shell's prompt", Session::at_prompt);
        self.send("echo \"wizard-exit=$?\"\r");
        self.wait_for("wizard-exit=1");
        self.assert_handed_back();
    }
}

impl Drop for Session {
    /// Hangs up on the session leader. A wizard left behind by a failed test under the
    /// shell gets SIGHUP (and SIGCONT, if stopped) from the shell or, when its process
    /// group is orphaned, from the kernel, and ends.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn ending_signals_restore_the_terminal_and_exit_128_plus_their_number() {
    for sig in [libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM] {
        let mut s = Session::wizard(80, 24);
        s.signal(sig);
        assert_eq!(s.wait_exit(), 128 + sig as u32, "signal {sig}");
        s.assert_restored();
    }
}

#[test]
fn sigtstp_hands_the_terminal_to_the_shell_and_fg_gives_it_back() {
    let mut s = Session::wizard_under_a_shell();
    s.signal(libc::SIGTSTP);
    s.wait_stopped();
    s.resume_with_fg();
    s.answer_and_quit_under_the_shell();
}

#[test]
fn ctrl_z_hands_the_terminal_to_the_shell_and_fg_gives_it_back() {
    let mut s = Session::wizard_under_a_shell();
    s.send("\x1a");
    s.wait_stopped();
    s.resume_with_fg();
    s.answer_and_quit_under_the_shell();
}

/// SIGSTOP cannot be caught: the wizard stops with the terminal as it was, and the shell
/// puts its own modes back. On `fg` the wizard must notice (SIGCONT) and take the terminal
/// again, raw, with everything redrawn over what the shell wrote.
#[test]
fn after_a_stop_from_outside_fg_gives_the_terminal_back() {
    let mut s = Session::wizard_under_a_shell();
    s.signal(libc::SIGSTOP);
    wait_until(&s, "the wizard to stop", |s| s.state() == Some('T'));
    wait_until(&s, "the shell to report the stop", |s| {
        s.contents().contains("Stopped")
    });
    s.resume_with_fg();
    s.answer_and_quit_under_the_shell();
}

/// ratatui keeps buffers of the whole screen: 65535×65535 cells asked for 206 GB and
/// aborted the process. The wizard draws into the clamped area instead.
#[test]
fn a_huge_window_at_start_is_drawn_clamped() {
    let start_row = format!("\x1b[{MAX_HEIGHT};");
    let beyond_row = format!("\x1b[{};", MAX_HEIGHT + 1);
    let mut s = Session::wizard(u16::MAX, u16::MAX);
    wait_until(&s, "a draw on the last row allowed", |s| {
        contains(&s.bytes(), start_row.as_bytes())
    });
    assert!(
        !contains(&s.bytes(), beyond_row.as_bytes()),
        "drew past the limit"
    );
    // Back to a normal size: wait for the redraw at that size before the next key, so a
    // busy machine cannot let the key overtake the resize.
    let before = s.bytes().len();
    s.resize(80, 24);
    wait_until(&s, "the redraw at 80×24", |s| s.bytes().len() > before);
    s.wait_for("Welcome");
    s.send("\r");
    s.wait_for("Question 1 of 5");
    s.send("q");
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
}

#[test]
fn resizing_to_a_huge_window_is_survived() {
    let start_row = format!("\x1b[{MAX_HEIGHT};");
    let mut s = Session::wizard(80, 24);
    let before = s.bytes().len();
    s.resize(u16::MAX, u16::MAX);
    wait_until(&s, "a draw on the last row allowed", |s| {
        contains(&s.bytes()[before..], start_row.as_bytes())
    });
    // Back to a normal size: wait for the redraw at that size before the next key, so a
    // busy machine cannot let the key overtake the resize.
    let before = s.bytes().len();
    s.resize(80, 24);
    wait_until(&s, "the redraw at 80×24", |s| s.bytes().len() > before);
    s.wait_for("Welcome");
    s.send("\r");
    s.wait_for("Question 1 of 5");
    s.send("q");
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
