//! Messages: everything that can happen to the wizard, and the effects `update` asks the
//! event loop to carry out (the only I/O the wizard does while it runs).

use std::path::PathBuf;

/// What a file export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The report as Markdown.
    Report,
    /// The architecture decision record.
    Adr,
    /// The answers as TOML, for `--answers`.
    Answers,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Forward: choose, confirm, open.
    Enter,
    /// Choose the answer at this index (shown as its number) and go on.
    Choose(usize),
    /// One step back (Esc, Backspace): the previous question, or close the panel.
    Back,
    /// Move the focus to the next pane.
    NextPane,
    /// Show or hide the highlighted column.
    Toggle,
    /// Every section of the result in full, or back to the summaries.
    ToggleDetail,
    Quit,
    /// Ctrl+C: leave at once.
    Interrupt,
    /// Ctrl+Z or SIGTSTP: hand the terminal back to the shell and stop until `fg`.
    Suspend,
    Help,
    OpenCompare,
    OpenMatrix,
    /// Finish now: show the result (when settled).
    Finish,
    /// Answer the questions left open (from the result).
    Continue,
    /// Start the highlighted edition afresh, dropping the answers saved for it.
    Fresh,
    /// In a text field: move the cursor to the start, to the end; clear the field.
    ClearInput,
    OnlyDifferences,
    NextContext,
    Export(Export),
    /// Confirmation dialog: yes / no.
    Yes,
    No,
    /// A character typed into a text field.
    Input(char),
    DeleteChar,
    Resize(u16, u16),
    /// A file export finished.
    Written {
        what: Export,
        path: String,
    },
    /// A file export failed.
    WriteFailed {
        path: String,
        message: String,
    },
    /// The export target exists: ask before overwriting it.
    Exists {
        what: Export,
        path: PathBuf,
        contents: String,
    },
    /// A signal that ends the wizard arrived ([`crate::signals::WIZARD`]).
    Signal(i32),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write `contents` to `path`; without `overwrite`, an existing file is reported back
    /// as `Msg::Exists` instead of replaced.
    Write {
        what: Export,
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
}

/// How the wizard ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Left from the result: print it, exit as `recommend` would (`exit::of_result`).
    Result,
    /// Left before a result: exit 1.
    NoResult,
    /// Ctrl+C: exit 130.
    Interrupted,
    /// A signal: exit 128 + its number.
    Signal(i32),
}
