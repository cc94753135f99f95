//! Exit codes, one place (documented in README.md).

/// A result was produced (or the command did what it was asked).
pub const OK: u8 = 0;
/// The wizard was left before it reached a result.
pub const QUIT: u8 = 1;
/// Bad usage or input (command line, dataset, answers), no terminal, or an I/O failure.
pub const ERROR: u8 = 2;
/// A negative result: `recommend` found nothing that fits, `check` found problems.
pub const NEGATIVE: u8 = 3;
/// No decision yet: the recommendation shares its score with others and is first only by
/// the dataset's order (a tie). The result names the questions that could break it.
pub const TIE: u8 = 4;
/// Interrupted by Ctrl+C (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;
