//! The real terminal: raw mode, the alternate screen and a hidden cursor, and their undoing
//! on every path out: normal exit, error (a guard's `Drop`), panic (a hook), and the
//! signals SIGTERM, SIGHUP and SIGINT (flags the event loop checks between polls).

use std::fs::File;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::{Events, Input};

/// Whether the terminal is in the wizard's mode (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the screens go to `/dev/tty` (stdout is redirected to take the result).
static ON_TTY: AtomicBool = AtomicBool::new(false);
/// Whether the event loop has taken a signal from the flags.
static SIGNAL_SEEN: AtomicBool = AtomicBool::new(false);

/// How long the watchdog gives the event loop to act on a signal before it restores the
/// terminal and exits itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Where the screens are drawn: stdout, or the controlling terminal when stdout is
/// redirected (`authwiz > decision.txt` keeps the result, shows the screens).
pub enum Screen {
    Stdout(Stdout),
    Tty(File),
}

impl Screen {
    fn open(on_tty: bool) -> io::Result<Self> {
        Ok(if on_tty {
            Screen::Tty(File::options().write(true).open("/dev/tty")?)
        } else {
            Screen::Stdout(io::stdout())
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

/// Enters raw mode and the alternate screen, with the cursor hidden and mouse capture
/// off; draws on stdout, or on `/dev/tty` with `on_tty`.
pub fn enter(on_tty: bool) -> io::Result<(Terminal<CrosstermBackend<Screen>>, Guard)> {
    install_panic_hook();
    let mut screen = Screen::open(on_tty)?;
    ON_TTY.store(on_tty, Ordering::SeqCst);
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard(());
    execute!(screen, EnterAlternateScreen, Hide)?;
    let terminal = Terminal::new(CrosstermBackend::new(screen))?;
    Ok((terminal, guard))
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

/// SIGTERM, SIGHUP and SIGINT, recorded for the event loop instead of killing the
/// process with the terminal still raw.
pub struct Signals {
    last: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    pub fn register() -> io::Result<Self> {
        let last = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let mut ids = Vec::new();
            for sig in [SIGTERM, SIGHUP, SIGINT] {
                ids.push(signal_hook::flag::register_usize(
                    sig,
                    Arc::clone(&last),
                    sig as usize,
                )?);
            }
            spawn_watchdog(&[SIGTERM, SIGHUP, SIGINT])?;
            spawn_hangup_watch()?;
            Ok(Self { last, ids })
        }
        #[cfg(not(unix))]
        Ok(Self { last })
    }

    /// The last signal received since the previous call, if any.
    pub fn pending(&self) -> Option<i32> {
        match self.last.swap(0, Ordering::SeqCst) {
            0 => None,
            s => {
                SIGNAL_SEEN.store(true, Ordering::SeqCst);
                Some(s as i32)
            }
        }
    }
}

/// When the terminal hangs up, crossterm's reader can spin on end-of-file inside its
/// wait and never return to the event loop, so a signal flag would never be read. This
/// thread makes sure a signal still ends the process, with the terminal restored.
#[cfg(unix)]
fn spawn_watchdog(signals: &[i32]) -> io::Result<()> {
    let mut incoming = signal_hook::iterator::Signals::new(signals)?;
    std::thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            if let Some(sig) = incoming.forever().next() {
                std::thread::sleep(SIGNAL_GRACE);
                if !SIGNAL_SEEN.load(Ordering::SeqCst) {
                    restore();
                    std::process::exit(128 + sig);
                }
            }
        })?;
    Ok(())
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
                    if ACTIVE.load(Ordering::SeqCst) {
                        restore();
                        std::process::exit(128 + HANGUP);
                    }
                    return;
                }
            }
        })?;
    Ok(())
}

impl Drop for Signals {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Key presses and resizes from the terminal, and the signals.
pub struct TerminalEvents {
    signals: Signals,
}

impl TerminalEvents {
    /// Starts listening at once, so no resize is missed before the first wait.
    pub fn new(signals: Signals) -> Self {
        let _ = event::poll(Duration::ZERO);
        Self { signals }
    }
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>> {
        if let Some(s) = self.signals.pending() {
            return Ok(Some(Input::Signal(s)));
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
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn hangup_is_sighup() {
        assert_eq!(super::HANGUP, signal_hook::consts::SIGHUP);
    }
}
