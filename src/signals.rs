//! Every signal authwiz deals with, in one place: what each means to the full-screen
//! wizard (the only face that changes the terminal, so the only one that catches any), the
//! one disposition set for every command, and how a caught signal reaches the event loop.
//!
//! A handler here only sets an atomic flag: no allocation, no lock, nothing else that is
//! unsafe inside a signal handler. The event loop reads the flags between waits, and a
//! watchdog thread ends the process itself when the loop cannot.
//!
//! Left to their default action, on purpose:
//! - in plain mode and the subcommands, every signal: they leave the terminal as they
//!   found it, so Ctrl+Z stops them and Ctrl+\ ends them as it does any program;
//! - SIGPIPE, which the Rust runtime ignores: writing to a closed pipe fails with EPIPE;
//! - SIGWINCH, which crossterm turns into resize events;
//! - SIGTTIN and SIGTTOU: a wizard continued in the background stops until `fg`;
//! - SIGKILL and SIGSTOP, which cannot be caught (after a SIGSTOP, SIGCONT gives the
//!   wizard its terminal back);
//! - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP and SIGSYS, faults of the process itself;
//!   SIGABRT comes from a panic, whose hook has already restored the terminal.

use std::ffi::c_int;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
#[cfg(unix)]
use std::time::Duration;

#[cfg(unix)]
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU,
};

/// What a caught signal means to the full-screen wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// End the wizard with the terminal restored; exit with 128 + the signal's number.
    End,
    /// Job control asks the wizard to stop, as Ctrl+Z does: hand the terminal back to the
    /// shell, then stop.
    Suspend,
    /// The process was continued, after its own stop or anyone else's (SIGSTOP, then
    /// `fg`): the shell may have reset the terminal, so take it back and redraw it all.
    Continue,
}

/// The signals the full-screen wizard catches, and what each means to it.
#[cfg(unix)]
pub const WIZARD: &[(c_int, Meaning)] = &[
    // The terminal hung up, or its window was closed.
    (SIGHUP, Meaning::End),
    // Ctrl+C and Ctrl+\ in a cooked terminal, or `kill`; in raw mode Ctrl+C is a key.
    (SIGINT, Meaning::End),
    (SIGQUIT, Meaning::End),
    (SIGTERM, Meaning::End),
    // Nothing in authwiz uses these; their default action ends the process, so they end
    // the wizard, but with the terminal restored.
    (SIGUSR1, Meaning::End),
    (SIGUSR2, Meaning::End),
    (SIGALRM, Meaning::End),
    (SIGVTALRM, Meaning::End),
    (SIGPROF, Meaning::End),
    #[cfg(target_os = "linux")]
    (libc::SIGIO, Meaning::End),
    #[cfg(target_os = "linux")]
    (libc::SIGPWR, Meaning::End),
    // The CPU time limit (`ulimit -t`); at the hard limit SIGKILL follows.
    (SIGXCPU, Meaning::End),
    // `kill -TSTP`; in raw mode Ctrl+Z is a key, with the same meaning.
    (SIGTSTP, Meaning::Suspend),
    (SIGCONT, Meaning::Continue),
];

/// Without Unix signals nothing is caught.
#[cfg(not(unix))]
pub const WIZARD: &[(c_int, Meaning)] = &[];

/// What `sig` means to the wizard, if it catches it.
pub fn meaning(sig: c_int) -> Option<Meaning> {
    WIZARD.iter().find(|(s, _)| *s == sig).map(|&(_, m)| m)
}

/// Ignores SIGXFSZ, for every command. A write past the file size limit (`ulimit -f`)
/// then fails with EFBIG, which is reported and cleaned up like any failed write
/// ([`crate::files`]), instead of killing the process half-way through a file and leaving
/// the half-written temporary file behind.
pub fn ignore_file_size_limit() {
    // SAFETY: SIG_IGN is a valid disposition for SIGXFSZ, and no handler function is
    // involved. `signal` returns the previous disposition, of no interest here.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Stops the wizard's whole job, as Ctrl+Z does in a cooked terminal; returns once the
/// process is continued.
///
/// SIGTSTP goes to the whole process group, so that every process of the job stops (`tee`
/// too, in `authwiz | tee decision.txt`) and the shell sees the job stopped and takes the
/// terminal back. Its default action is put
/// in place for the moment (the wizard's own handler would only set a flag), so the
/// kernel decides as it does for a Ctrl+Z: when no job-control shell could ever continue
/// the job (an orphaned process group, as under `ssh -t host authwiz`), the stop is
/// dropped and this returns at once, instead of freezing the terminal for good.
#[cfg(unix)]
pub fn stop_job() -> io::Result<()> {
    use std::mem::MaybeUninit;

    // SAFETY: all zeroes is a valid `sigaction`: the default action (SIG_DFL is 0), no
    // flags, an empty mask.
    let default: libc::sigaction = unsafe { std::mem::zeroed() };
    let mut caught = MaybeUninit::<libc::sigaction>::uninit();
    // SAFETY: both pointers are valid for the call; the action in place is written to
    // `caught`.
    if unsafe { libc::sigaction(libc::SIGTSTP, &default, caught.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `kill` has no memory-safety requirements; 0 is the caller's process group.
    // The kernel wakes the calling thread for the signal, and it takes it on its way out
    // of `kill`: the stop happens here, with the default action still in place.
    let stopped = match unsafe { libc::kill(0, libc::SIGTSTP) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    };
    // SAFETY: the first `sigaction` call succeeded, so `caught` holds the handler it
    // replaced (signal-hook's), which goes back exactly as it was.
    if unsafe { libc::sigaction(libc::SIGTSTP, caught.as_ptr(), std::ptr::null_mut()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    stopped
}

/// Without job control there is nothing to stop.
#[cfg(not(unix))]
pub fn stop_job() -> io::Result<()> {
    Ok(())
}

/// Whether the event loop has taken an ending signal: it is on its way out and restores
/// the terminal itself.
static END_TAKEN: AtomicBool = AtomicBool::new(false);

/// How long the watchdog gives the event loop to act on an ending signal before it
/// restores the terminal and exits itself.
#[cfg(unix)]
const GRACE: Duration = Duration::from_millis(500);

/// The wizard's signals ([`WIZARD`]) as they arrive, until dropped. Each ending signal has
/// its own flag, so that none hides another. SIGTSTP and SIGCONT share one slot, where
/// the later replaces the earlier, as the kernel itself drops a pending stop when a
/// continue comes, and the reverse.
pub struct Caught {
    ends: Vec<(c_int, Arc<AtomicBool>)>,
    job_control: Arc<AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Caught {
    /// Starts catching. `restore` puts the terminal back: the watchdog calls it before it
    /// ends the process itself.
    pub fn register(restore: fn()) -> io::Result<Self> {
        let job_control = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        {
            let mut ends = Vec::new();
            let mut ids = Vec::new();
            for &(sig, meaning) in WIZARD {
                ids.push(match meaning {
                    Meaning::End => {
                        let flag = Arc::new(AtomicBool::new(false));
                        ends.push((sig, Arc::clone(&flag)));
                        signal_hook::flag::register(sig, flag)?
                    }
                    Meaning::Suspend | Meaning::Continue => {
                        let value = usize::try_from(sig).map_err(io::Error::other)?;
                        signal_hook::flag::register_usize(sig, Arc::clone(&job_control), value)?
                    }
                });
            }
            let end_signals: Vec<c_int> = ends.iter().map(|&(sig, _)| sig).collect();
            spawn_watchdog(&end_signals, restore)?;
            Ok(Self {
                ends,
                job_control,
                ids,
            })
        }
        #[cfg(not(unix))]
        {
            let _ = restore;
            Ok(Self {
                ends: Vec::new(),
                job_control,
            })
        }
    }

    /// The next signal caught and not yet taken, ending signals first.
    pub fn take(&self) -> Option<(c_int, Meaning)> {
        if let Some(&(sig, _)) = self
            .ends
            .iter()
            .find(|(_, flag)| flag.swap(false, Ordering::SeqCst))
        {
            END_TAKEN.store(true, Ordering::SeqCst);
            return Some((sig, Meaning::End));
        }
        let sig = c_int::try_from(self.job_control.swap(0, Ordering::SeqCst)).ok()?;
        meaning(sig).map(|m| (sig, m))
    }

    /// Forgets a SIGCONT not taken yet: after a stop of its own, the wizard has taken the
    /// terminal back already, and the continue that ended the stop has nothing left to do
    /// (it may still be caught a moment later; taking the terminal twice does no harm).
    pub fn forget_continue(&self) {
        #[cfg(unix)]
        if let Ok(cont) = usize::try_from(SIGCONT) {
            let _ = self
                .job_control
                .compare_exchange(cont, 0, Ordering::SeqCst, Ordering::SeqCst);
        }
    }
}

impl Drop for Caught {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The event loop reads the flags only between waits, and a wait can last for ever: on a
/// hung-up terminal crossterm's reader can spin on end-of-file inside it. This thread
/// makes sure an ending signal still ends the process, with the terminal restored.
#[cfg(unix)]
fn spawn_watchdog(ends: &[c_int], restore: fn()) -> io::Result<()> {
    let mut incoming = signal_hook::iterator::Signals::new(ends)?;
    std::thread::Builder::new()
        .name("signal-watchdog".into())
        .spawn(move || {
            if let Some(sig) = incoming.forever().next() {
                std::thread::sleep(GRACE);
                if !END_TAKEN.load(Ordering::SeqCst) {
                    restore();
                    std::process::exit(128 + sig);
                }
            }
        })?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn each_signal_has_one_meaning() {
        for (i, (sig, _)) in WIZARD.iter().enumerate() {
            assert!(
                WIZARD[i + 1..].iter().all(|(other, _)| other != sig),
                "signal {sig} is listed twice"
            );
        }
    }

    #[test]
    fn no_fault_and_nothing_uncatchable_is_caught() {
        use signal_hook::consts::signal::{SIGPIPE, SIGWINCH, SIGXFSZ};
        for (sig, _) in WIZARD {
            assert!(
                !signal_hook::consts::FORBIDDEN.contains(sig),
                "signal {sig} cannot be caught safely"
            );
            // Ignored (SIGPIPE, SIGXFSZ) or crossterm's (SIGWINCH).
            assert!(![SIGPIPE, SIGXFSZ, SIGWINCH].contains(sig), "signal {sig}");
        }
    }

    #[test]
    fn job_control_and_the_usual_ending_signals_are_caught() {
        assert_eq!(meaning(SIGTSTP), Some(Meaning::Suspend));
        assert_eq!(meaning(SIGCONT), Some(Meaning::Continue));
        for sig in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM] {
            assert_eq!(meaning(sig), Some(Meaning::End), "signal {sig}");
        }
    }
}
