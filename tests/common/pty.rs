//! A process in a pseudo-terminal (portable-pty + vt100), for the test files that drive the
//! full-screen wizard: the real binary (or a shell) at a given size, its output read as a
//! terminal would show it, keys typed, signals sent, the window resized. Every wait has a
//! deadline, so a hung wizard fails its test instead of hanging it.
//!
//! Only the files that use it include it, beside `mod common;` (whose state directories it
//! uses): `#[path = "common/pty.rs"] mod pty;` at the crate root. Each uses a part of it.

#![allow(
    dead_code,
    reason = "each test file that includes this module uses a part of it"
)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use authwiz::tui::size_limit::{MAX_HEIGHT, MAX_WIDTH};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long a wait lasts before it fails the test.
pub const WAIT: Duration = Duration::from_secs(30);
/// Between two looks at the screen or the process.
const POLL: Duration = Duration::from_millis(25);
/// After the process ended: time for the reader to take what it wrote last.
const DRAIN: Duration = Duration::from_millis(150);
/// A settled screen had no output after it for this long ([`Spawn::settled`]).
const SETTLE: Duration = Duration::from_millis(100);

pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const CTRL_C: &str = "\x03";

/// The commute fixture, by absolute path (a session runs in a directory of its own).
pub fn fixture() -> String {
    std::fs::canonicalize("tests/fixtures/commute.toml")
        .unwrap()
        .display()
        .to_string()
}

/// What to run in a pseudo-terminal, and how; [`Spawn::start`] starts it.
///
/// Every session runs at 80×24 unless told otherwise, with `TERM=xterm-256color`, colours on
/// (`NO_COLOR` removed) and hyperlinks as the wizard decides them (`AUTHWIZ_HYPERLINKS`
/// removed), a new state directory (`XDG_STATE_HOME`, [`crate::common::state_dir`]) unless
/// given one, and a working directory and a home directory of its own, new and empty.
pub struct Spawn {
    cmd: CommandBuilder,
    cols: u16,
    rows: u16,
    state: Option<PathBuf>,
    settle: bool,
}

impl Spawn {
    /// `authwiz ARGS`.
    pub fn authwiz(args: &[&str]) -> Self {
        Self::program(env!("CARGO_BIN_EXE_authwiz"), args)
    }

    /// `sh -c SCRIPT` (for redirections).
    pub fn shell(script: &str) -> Self {
        Self::program("sh", &["-c", script])
    }

    /// `PROGRAM ARGS`.
    pub fn program(program: &str, args: &[&str]) -> Self {
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("AUTHWIZ_HYPERLINKS");
        Self {
            cmd,
            cols: 80,
            rows: 24,
            state: None,
            settle: false,
        }
    }

    /// A window of `cols`×`rows`.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        (self.cols, self.rows) = (cols, rows);
        self
    }

    /// One more variable in its environment.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// `dir` as its state directory, to share it between sessions.
    pub fn state_dir(mut self, dir: &Path) -> Self {
        self.state = Some(dir.to_owned());
        self
    }

    /// Waits end only once the screen has settled as well: a frame may arrive in pieces,
    /// and the rest of it must be there too before the screen is looked at.
    pub fn settled(mut self) -> Self {
        self.settle = true;
        self
    }

    /// Starts it in a new pseudo-terminal.
    pub fn start(self) -> Session {
        let Self {
            mut cmd,
            cols,
            rows,
            state,
            settle,
        } = self;
        let cwd = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        cmd.env(
            "XDG_STATE_HOME",
            state.unwrap_or_else(crate::common::state_dir),
        );
        cmd.env("HOME", home.path());
        cmd.cwd(cwd.path());
        let pair = native_pty_system().openpty(pty_size(cols, rows)).unwrap();
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
        Session {
            master: pair.master,
            child,
            writer,
            output,
            size: screen_size(cols, rows),
            pid: None,
            settle,
            cwd,
            home,
        }
    }
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The size a window's screen is read at: the wizard draws no more than
/// [`MAX_WIDTH`]×[`MAX_HEIGHT`] of a huge one.
fn screen_size(cols: u16, rows: u16) -> (u16, u16) {
    (cols.min(MAX_WIDTH), rows.min(MAX_HEIGHT))
}

/// What a wait looks for on the screen: a text, or several texts all shown at once.
pub trait OnScreen {
    /// Whether `screen` shows it.
    fn on(&self, screen: &str) -> bool;
    /// It, as a failure message names it.
    fn describe(&self) -> String;
}

impl OnScreen for str {
    fn on(&self, screen: &str) -> bool {
        screen.contains(self)
    }
    fn describe(&self) -> String {
        format!("{self:?}")
    }
}

impl OnScreen for [&str] {
    fn on(&self, screen: &str) -> bool {
        self.iter().all(|t| screen.contains(t))
    }
    fn describe(&self) -> String {
        format!("{self:?}")
    }
}

impl<const N: usize> OnScreen for [&str; N] {
    fn on(&self, screen: &str) -> bool {
        self.as_slice().on(screen)
    }
    fn describe(&self) -> String {
        self.as_slice().describe()
    }
}

impl<T: OnScreen + ?Sized> OnScreen for &T {
    fn on(&self, screen: &str) -> bool {
        (**self).on(screen)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}

/// A process in a pseudo-terminal, its output kept as it arrives ([`Spawn`] starts one).
/// Dropping it hangs up on the process.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The size the screen is read at.
    size: (u16, u16),
    /// The process [`Session::pid`] names, when not the one started.
    pid: Option<u32>,
    /// Whether waits end only on a settled screen.
    settle: bool,
    /// Its working directory and its home directory: nothing may be written there.
    cwd: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Session {
    /// `authwiz ARGS` at 80×24 ([`Spawn`] for more).
    pub fn start(args: &[&str]) -> Self {
        Spawn::authwiz(args).start()
    }

    /// Everything written to the terminal so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Where `pattern` was last written to the terminal.
    pub fn last(&self, pattern: &[u8]) -> Option<usize> {
        self.bytes()
            .windows(pattern.len())
            .rposition(|w| w == pattern)
    }

    /// The screen as a terminal shows it now.
    pub fn screen(&self) -> vt100::Parser {
        let (cols, rows) = self.size;
        let mut p = vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        );
        p.process(&self.bytes());
        p
    }

    /// The text of the screen now.
    pub fn contents(&self) -> String {
        self.screen().screen().contents()
    }

    /// What was printed after the alternate screen was left for the last time.
    pub fn printed_after_leaving(&self) -> String {
        let out = self.bytes();
        let left = out
            .windows(LEAVE_ALT.len())
            .rposition(|w| w == LEAVE_ALT)
            .expect("the alternate screen was left");
        String::from_utf8_lossy(&out[left..]).into_owned()
    }

    /// Waits until `done` holds (and, for a [settled](Spawn::settled) session, the screen
    /// has settled); the screen then. `what` names what was awaited. Fails the test after
    /// [`WAIT`], or as soon as the process has ended without `done` holding.
    pub fn wait_until(&mut self, what: &str, mut done: impl FnMut(&Session) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let before = self.len();
            if done(self) {
                if !self.settle {
                    return self.contents();
                }
                thread::sleep(SETTLE);
                if self.len() == before {
                    return self.contents();
                }
            } else if let Some(status) = self.child.try_wait().unwrap() {
                // Ended: once what it wrote last is read, nothing more will come.
                thread::sleep(DRAIN);
                if !done(self) {
                    panic!(
                        "the process ended ({status:?}) while waiting for {what}; the screen \
                         shows:\n{}",
                        self.contents()
                    );
                }
            } else {
                thread::sleep(POLL);
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen shows:\n{}",
                    self.contents()
                );
            }
        }
    }

    /// Waits until the screen shows `texts` (one text, or all of several at once); that
    /// screen.
    pub fn wait_for<T: OnScreen + ?Sized>(&mut self, texts: &T) -> String {
        let mut seen = String::new();
        self.wait_until(&texts.describe(), |s| {
            seen = s.contents();
            texts.on(&seen)
        });
        seen
    }

    /// Types `keys`, and pauses: a lone ESC is told apart from an escape sequence by the
    /// pause after it.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(Duration::from_millis(if keys == ESC { 150 } else { 40 }));
    }

    /// Types `keys` and waits for the screen to show `texts`; that screen.
    pub fn step<T: OnScreen + ?Sized>(&mut self, keys: &str, texts: &T) -> String {
        self.send(keys);
        self.wait_for(texts)
    }

    /// Resizes the window to `cols`×`rows`.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(pty_size(cols, rows)).unwrap();
        self.size = screen_size(cols, rows);
    }

    /// The pseudo-terminal's side that the test holds.
    pub fn master(&self) -> &dyn MasterPty {
        &*self.master
    }

    /// The process's working directory.
    pub fn cwd(&self) -> &Path {
        self.cwd.path()
    }

    /// The process's number: the one started, or the one set by [`Session::set_pid`].
    pub fn pid(&self) -> u32 {
        self.pid
            .or_else(|| self.child.process_id())
            .expect("the process's number")
    }

    /// Makes [`Session::pid`], and so [`Session::signal`], name `pid`: a process that the
    /// one started started (a job of a shell).
    pub fn set_pid(&mut self, pid: u32) {
        self.pid = Some(pid);
    }

    /// Sends the signal `sig` to [`Session::pid`].
    pub fn signal(&self, sig: libc::c_int) {
        let pid = self.pid();
        // SAFETY: `kill` has no memory-safety requirements.
        let sent = unsafe { libc::kill(pid as libc::pid_t, sig) };
        assert_eq!(sent, 0, "kill {sig} {pid}");
    }

    /// Whether the process started is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Waits for the process started to end; how it ended.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                thread::sleep(DRAIN);
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "timed out waiting for the exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// The terminal was handed back: the alternate screen left and the cursor shown after
    /// the last time they were entered and hidden.
    pub fn assert_restored(&self) {
        let out = self.bytes();
        let last = |pat: &[u8]| out.windows(pat.len()).rposition(|w| w == pat);
        let entered = last(ENTER_ALT).expect("the alternate screen was entered");
        let left = last(LEAVE_ALT).expect("the alternate screen was left");
        assert!(
            left > entered,
            "left the alternate screen after entering it"
        );
        let shown = last(SHOW_CURSOR).expect("the cursor was shown again");
        let hidden = last(HIDE_CURSOR).unwrap_or(0);
        assert!(shown > hidden, "the cursor is shown at the end");
        let p = self.screen();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor still hidden");
    }

    /// Nothing was written to the process's working directory or its home directory.
    pub fn assert_wrote_nothing_outside_the_state_dir(&self) {
        for dir in [self.cwd.path(), self.home.path()] {
            let entries: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert!(
                entries.is_empty(),
                "written to {}: {entries:?}",
                dir.display()
            );
        }
    }
}

impl Drop for Session {
    /// Hangs up on the process started, the session leader (portable-pty: SIGHUP, then
    /// SIGKILL if it is still there shortly after), and reaps it: a hung wizard must not
    /// outlive its test. A wizard that a failed test left behind under a shell gets SIGHUP
    /// (and SIGCONT, if stopped) from the shell or, when its process group is orphaned,
    /// from the kernel, and ends.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
