//! The real binary in a pseudo-terminal (portable-pty + vt100) against signals and
//! windows: every ending signal restores the terminal and exits 128 + its number; Ctrl+Z,
//! SIGTSTP and an outside SIGSTOP hand the terminal to the shell, and `fg` gives it back
//! with the wizard redrawn and answering keys; a 65535×65535 window is survived. Every
//! wait has a deadline, so a hung or dead wizard fails the test rather than hangs it.

#![cfg(target_os = "linux")]

mod common;

#[path = "common/pty.rs"]
mod pty;

use authwiz::tui::size_limit::MAX_HEIGHT;
use pty::{Session, Spawn, fixture};

/// On the welcome screen.
const TITLE: &str = "Edition in use";
/// The shell's prompt in the job-control tests.
const PROMPT: &str = "ready> ";

/// The wizard as the session leader or as a job of an interactive shell, its scheduling
/// state and the terminal's modes: only these tests need them, so they stay here.
impl Session {
    /// The wizard itself in the pseudo-terminal, as the session leader.
    fn wizard(cols: u16, rows: u16) -> Self {
        let mut s = Spawn::authwiz(&["--data", &fixture()])
            .size(cols, rows)
            .start();
        s.wait_for(TITLE);
        s
    }

    /// An interactive shell with job control in the pseudo-terminal, running the wizard
    /// as a foreground job, as people do. [`Session::pid`] is the wizard's.
    fn wizard_under_a_shell() -> Self {
        let mut s = Spawn::program("bash", &["--norc", "--noprofile", "-i"])
            .env("PS1", PROMPT)
            .env("HISTFILE", "/dev/null")
            .start();
        s.wait_until("the shell's prompt", Session::at_prompt);
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
        s.set_pid(pid);
        s
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

    /// The wizard's scheduling state: `T` when stopped.
    fn state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        let (_, after_name) = stat.rsplit_once(')')?;
        after_name.trim_start().chars().next()
    }

    /// The terminal's local modes, as the wizard's side sees them (on Linux the master's
    /// `tcgetattr` reports the slave's modes).
    fn local_modes(&self) -> libc::tcflag_t {
        let fd = self.master().as_raw_fd().expect("the master's descriptor");
        // SAFETY: all zeroes is a valid `termios`, overwritten by a successful call.
        let mut modes: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is open for as long as the session lives; `modes` is valid.
        let got = unsafe { libc::tcgetattr(fd, &mut modes) };
        assert_eq!(got, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        modes.c_lflag
    }

    /// Waits for the process to end; its exit code. A death by signal fails the test.
    fn wait_exit_code(&mut self) -> u32 {
        let status = self.wait_exit();
        assert_eq!(status.signal(), None, "killed by a signal: {status}");
        status.exit_code()
    }

    /// The terminal is as it was found: handed back, and cooked again (lines edited by the
    /// terminal, echoed, Ctrl+C a signal).
    fn assert_restored_and_cooked(&self) {
        self.assert_restored();
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
    fn wait_stopped(&mut self) {
        self.wait_until("the wizard to stop", |s| s.state() == Some('T'));
        self.wait_until("the shell to report the stop", |s| {
            s.contents().contains("Stopped") && s.at_prompt()
        });
        self.assert_restored();
    }

    /// `fg`: the wizard takes the terminal back, raw, and redraws everything (vt100, as
    /// xterm, clears the alternate screen when it is entered), then still answers keys.
    fn resume_with_fg(&mut self) {
        self.send("fg\r");
        self.wait_until("the wizard redrawn on the alternate screen", |s| {
            let p = s.screen();
            p.screen().alternate_screen()
                && p.screen().hide_cursor()
                && p.screen().contents().contains(TITLE)
        });
        self.wait_until("raw mode", |s| {
            s.local_modes() & (libc::ICANON | libc::ECHO | libc::ISIG) == 0
        });
        assert_ne!(self.state(), Some('T'), "the wizard runs again");
    }

    /// Answers a question, quits, and checks the exit code through the shell.
    fn answer_and_quit_under_the_shell(&mut self) {
        self.send("\r");
        self.wait_for("Question 1 of 5");
        self.send("q");
        self.wait_until("the shell's prompt", Session::at_prompt);
        self.send("echo \"wizard-exit=$?\"\r");
        self.wait_for("wizard-exit=1");
        self.assert_restored();
    }
}

#[test]
fn ending_signals_restore_the_terminal_and_exit_128_plus_their_number() {
    for sig in [libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM] {
        let mut s = Session::wizard(80, 24);
        s.signal(sig);
        assert_eq!(s.wait_exit_code(), 128 + sig as u32, "signal {sig}");
        s.assert_restored_and_cooked();
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
    s.wait_until("the wizard to stop", |s| s.state() == Some('T'));
    s.wait_until("the shell to report the stop", |s| {
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
    s.wait_until("a draw on the last row allowed", |s| {
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
    s.wait_until("the redraw at 80×24", |s| s.bytes().len() > before);
    s.wait_for("Welcome");
    s.send("\r");
    s.wait_for("Question 1 of 5");
    s.send("q");
    assert_eq!(s.wait_exit_code(), 1);
    s.assert_restored_and_cooked();
}

#[test]
fn resizing_to_a_huge_window_is_survived() {
    let start_row = format!("\x1b[{MAX_HEIGHT};");
    let mut s = Session::wizard(80, 24);
    let before = s.bytes().len();
    s.resize(u16::MAX, u16::MAX);
    s.wait_until("a draw on the last row allowed", |s| {
        contains(&s.bytes()[before..], start_row.as_bytes())
    });
    // Back to a normal size: wait for the redraw at that size before the next key, so a
    // busy machine cannot let the key overtake the resize.
    let before = s.bytes().len();
    s.resize(80, 24);
    s.wait_until("the redraw at 80×24", |s| s.bytes().len() > before);
    s.wait_for("Welcome");
    s.send("\r");
    s.wait_for("Question 1 of 5");
    s.send("q");
    assert_eq!(s.wait_exit_code(), 1);
    s.assert_restored_and_cooked();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
