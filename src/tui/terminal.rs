//! The real terminal: raw mode, the alternate screen and a hidden cursor, and their undoing
//! on every path out: normal exit, error (a guard's `Drop`), panic (a hook), the ending
//! signals (flags the event loop checks between polls, and a watchdog: [`crate::signals`])
//! and a terminal that goes away. Job control hands the terminal back to the shell for a
//! stop and takes it again when the process is continued.

use std::fs::File;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::size_limit::Clamped;
use super::{Events, Input};
use crate::signals::{self, Caught, Meaning};

/// Whether the terminal is in the wizard's mode (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the wizard has handed the terminal back for a job-control stop, and takes it
/// again when continued.
static SUSPENDED: AtomicBool = AtomicBool::new(false);
/// Whether the screens go to `/dev/tty` (stdout is redirected to take the result).
static ON_TTY: AtomicBool = AtomicBool::new(false);

/// Where the screens are drawn: stdout, or the controlling terminal when stdout is
/// redirected (`authwiz > decision.txt` keeps the result, shows the screens). Buffered so
/// that a frame leaves in one write: crossterm writes each cell's moves and text in pieces
/// of a few bytes, which unbuffered would be a system call each (about 2,400 for the first
/// frame on `/dev/tty`) and show half-drawn frames. Every writer flushes at the end of a
/// frame or command (ratatui's `draw`, crossterm's `execute!`, the link overlay).
pub enum Screen {
    Stdout(BufWriter<Stdout>),
    Tty(BufWriter<File>),
}

/// Room for a whole frame of a large window: its cells with their styles.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

impl Screen {
    fn open(on_tty: bool) -> io::Result<Self> {
        Ok(if on_tty {
            let tty = File::options().write(true).open("/dev/tty")?;
            Screen::Tty(BufWriter::with_capacity(FRAME_BUFFER_BYTES, tty))
        } else {
            Screen::Stdout(BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout()))
        })
    }
}

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Screen::Stdout(s) => s.write(buf),
            Screen::Tty(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Screen::Stdout(s) => s.flush(),
            Screen::Tty(f) => f.flush(),
        }
    }
}

/// Whether the controlling terminal can be opened for the screens.
pub fn tty_available() -> bool {
    File::options().write(true).open("/dev/tty").is_ok()
}

/// Restores the terminal when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The wizard's terminal: drawn through crossterm, never bigger than the size limit.
pub type WizardTerminal = Terminal<Clamped<CrosstermBackend<Screen>>>;

/// Enters raw mode and the alternate screen, with the cursor hidden and mouse capture
/// off; draws on stdout, or on `/dev/tty` with `on_tty`.
pub fn enter(on_tty: bool) -> io::Result<(WizardTerminal, Guard)> {
    install_panic_hook();
    let screen = Screen::open(on_tty)?;
    ON_TTY.store(on_tty, Ordering::SeqCst);
    let guard = Guard(());
    take_terminal()?;
    let terminal = Terminal::new(Clamped(CrosstermBackend::new(screen)))?;
    Ok((terminal, guard))
}

/// Puts the terminal in the wizard's mode: raw, on the alternate screen, cursor hidden.
/// Also after a stop the wizard did not ask for (SIGSTOP, then `fg`), when the shell has
/// put its own modes back while crossterm still believes raw mode set.
pub fn take_terminal() -> io::Result<()> {
    let mut screen = Screen::open(ON_TTY.load(Ordering::SeqCst))?;
    // crossterm does nothing while it believes raw mode set; putting back the modes it
    // found first makes the next call set raw mode for real.
    disable_raw_mode()?;
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(screen, EnterAlternateScreen, Hide)
}

/// Job control (Ctrl+Z, SIGTSTP): hands the terminal back to the shell as it was found,
/// stops the job, and takes the terminal again once continued. The screen then holds
/// whatever the shell left on it: the caller redraws it all.
pub fn suspend() -> io::Result<()> {
    restore();
    SUSPENDED.store(true, Ordering::SeqCst);
    let stopped = signals::stop_job();
    SUSPENDED.store(false, Ordering::SeqCst);
    take_terminal()?;
    stopped
}

/// Leaves raw mode and the alternate screen and shows the cursor. Errors are ignored:
/// there is nothing better to do on the way out.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        if let Ok(mut screen) = Screen::open(ON_TTY.load(Ordering::SeqCst)) {
            let _ = execute!(screen, LeaveAlternateScreen, Show);
        }
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// The signal number of a hang-up: a terminal that goes away ends the wizard as SIGHUP
/// does (exit 129).
pub const HANGUP: i32 = 1;

/// Whether the terminal has gone away: a hung-up terminal stops being a terminal (its
/// `tcgetattr` fails with EIO), and so does standard input read from it.
pub fn gone() -> bool {
    !io::IsTerminal::is_terminal(&io::stdin())
}

/// How often the hang-up watch checks that standard input is still a terminal.
const HANGUP_CHECK: Duration = Duration::from_millis(250);

/// A terminal can also go away with no signal at all (SIGHUP blocked by whoever started
/// the process): reads then return end-of-file, crossterm spins on them and the event
/// loop never runs again. This thread checks [`gone`] and ends the process as a hang-up
/// would.
#[cfg(unix)]
fn spawn_hangup_watch() -> io::Result<()> {
    std::thread::Builder::new()
        .name("hangup-watch".into())
        .spawn(|| {
            loop {
                std::thread::sleep(HANGUP_CHECK);
                if gone() {
                    if ACTIVE.load(Ordering::SeqCst) || SUSPENDED.load(Ordering::SeqCst) {
                        restore();
                        std::process::exit(128 + HANGUP);
                    }
                    return;
                }
            }
        })?;
    Ok(())
}

/// Key presses and resizes from the terminal, and the signals; job control on it.
pub struct TerminalEvents {
    signals: Caught,
}

impl TerminalEvents {
    /// Starts listening at once, so no resize is missed before the first wait, and
    /// watching for the terminal to go away.
    pub fn new(signals: Caught) -> io::Result<Self> {
        let _ = event::poll(Duration::ZERO);
        #[cfg(unix)]
        spawn_hangup_watch()?;
        Ok(Self { signals })
    }
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>> {
        match self.signals.take() {
            Some((sig, Meaning::End)) => return Ok(Some(Input::Signal(sig))),
            Some((_, Meaning::Suspend)) => return Ok(Some(Input::Suspend)),
            Some((_, Meaning::Continue)) => return Ok(Some(Input::Continued)),
            None => {}
        }
        match event::poll(timeout) {
            Ok(true) => Ok(Some(Input::Event(event::read()?))),
            Ok(false) => Ok(None),
            // A signal interrupted the wait: the next call reports it.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
            // Any other error ends the loop; a hung-up terminal's is turned into a
            // hang-up where the wizard ends (`wizard::full_screen`).
            Err(e) => Err(e),
        }
    }

    fn suspend(&mut self) -> io::Result<()> {
        suspend()?;
        self.signals.forget_continue();
        Ok(())
    }

    fn resume(&mut self) -> io::Result<()> {
        take_terminal()
    }
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn hangup_is_sighup() {
        assert_eq!(super::HANGUP, signal_hook::consts::SIGHUP);
    }
}
