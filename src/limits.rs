//! Bounds on what authwiz says about bad input, so that a hostile or broken file costs a
//! bounded amount of time, memory and output however many problems it has: a 1 MiB file
//! can hold tens of thousands of bad references, and stdin a line of any length.
//! README.md ("What authwiz guarantees for bad input") and data/README.md (sections 4
//! and 5) document these figures; keep them in step.

/// Problems reported in full for one input (dataset, answers file, command line); the
/// rest are only counted and summed up as "and N more problems".
pub const MAX_DIAGNOSTICS: usize = 50;

/// Ids listed in one "expected one of" list; the rest are summed up as "and N more".
pub const MAX_LISTED_IDS: usize = 20;

/// Longest list of valid ids a "did you mean" looks through: past it, no suggestion, so
/// one message costs at most this many string comparisons.
pub const MAX_SUGGESTION_POOL: usize = 1000;

/// Longest piece of an input string repeated in a message, in characters.
pub const MAX_SHOWN_CHARS: usize = 64;

/// Longest line the plain mode reads, in bytes; the rest of a longer line is discarded
/// unread into memory, and the line is refused as too long.
pub const MAX_INPUT_LINE_BYTES: usize = 4096;
