//! Exit codes, one place (documented in README.md, "Exit codes", and in `authwiz --help`).
//!
//! A result means the same whichever face reached it: the wizard (full screen or plain),
//! left from its result, exits with the code `recommend` gives for the same answers.

use crate::engine::Verdict;

/// A result was produced (or the command did what it was asked).
pub const OK: u8 = 0;
/// The wizard was left before it reached a result.
pub const QUIT: u8 = 1;
/// Bad usage or input (command line, dataset, answers), no terminal, or an I/O failure.
pub const ERROR: u8 = 2;
/// A negative result: nothing fits the answers; `check` found problems.
pub const NEGATIVE: u8 = 3;
/// No decision yet: the recommendation shares its score with others and is first only by
/// the dataset's order (a tie). The result names the questions that could break it.
pub const TIE: u8 = 4;
/// Interrupted by Ctrl+C (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;

/// The exit code of a result, for every face: nothing fits, a tie decided by order alone,
/// or a result (a recommendation, or none needed).
pub fn of_result(verdict: &Verdict) -> u8 {
    if verdict.eval.nothing_fits() {
        NEGATIVE
    } else if verdict.decided_by_order() {
        TIE
    } else {
        OK
    }
}
