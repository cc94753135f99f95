//! Helpers shared by the test files that run the real binary.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A new, empty state directory for one run of authwiz (`XDG_STATE_HOME`): the wizard and
/// the plain mode save answers there as they go, and a test must neither write the user's
/// own state directory nor find answers another test saved.
pub fn state_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "state-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a state directory for the test");
    dir
}
