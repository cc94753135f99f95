//! The one key table: key → message per scope, with the words that describe it. The hint
//! bar and the `?` help screen are both drawn from this table, so they never drift from the
//! real bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::model::{Dialog, Model, Overlay, Screen};
use super::msg::{Export, Msg};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every state, text fields included.
    Always,
    /// Every screen, unless a dialog is open.
    Global,
    Welcome,
    Question,
    Result,
    Compare,
    Matrix,
    Help,
    /// The dialog that changes one answer from the result.
    Chooser,
    /// The file name field of an export.
    FileName,
    /// "Overwrite it?"
    Confirm,
    /// The terminal is below the minimum size.
    TooSmall,
}

impl Scope {
    /// Heading on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Always | Scope::Global => "Everywhere",
            Scope::Welcome => "Welcome",
            Scope::Question => "Questions",
            Scope::Result => "Result",
            Scope::Compare => "Side by side",
            Scope::Matrix => "Support matrix",
            Scope::Help => "Help",
            Scope::Chooser => "Changing an answer",
            Scope::FileName => "Export: file name",
            Scope::Confirm => "Export: overwrite?",
            Scope::TooSmall => "Terminal too small",
        }
    }
}

/// One key: a code and whether Ctrl is held. Shift is ignored for characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const UP: &[Key] = &[code(KeyCode::Up), ch('k')];
const DOWN: &[Key] = &[code(KeyCode::Down), ch('j')];
const LEFT: &[Key] = &[code(KeyCode::Left), ch('h')];
const RIGHT: &[Key] = &[code(KeyCode::Right), ch('l')];
const PGUP: &[Key] = &[code(KeyCode::PageUp), ctrl('u')];
const PGDN: &[Key] = &[code(KeyCode::PageDown), ctrl('d')];
const HOME: &[Key] = &[code(KeyCode::Home), ch('g')];
const END: &[Key] = &[code(KeyCode::End), ch('G')];
const ENTER: &[Key] = &[code(KeyCode::Enter)];
const ESC: &[Key] = &[code(KeyCode::Esc)];
/// Closing a panel opened over the screens: `q` too, so that leaving it is never one stray
/// key away from leaving the wizard.
const CLOSE: &[Key] = &[code(KeyCode::Esc), code(KeyCode::Backspace), ch('q')];
const TAB: &[Key] = &[code(KeyCode::Tab), code(KeyCode::BackTab)];
/// The numbers shown before the answers: a digit chooses that answer directly.
const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

/// One binding.
#[derive(Debug)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    /// How the keys are written in the hint bar (help lists every key).
    pub label: &'static str,
    pub msg: Msg,
    /// Words for the help screen (vocabulary placeholders allowed).
    pub what: &'static str,
    /// Words for the hint bar; empty: not in the hint bar.
    pub hint: &'static str,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    label: &'static str,
    msg: Msg,
    what: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        msg,
        what,
        hint,
    }
}

use Scope as S;

/// Every key binding, in the order help lists them.
pub static BINDINGS: &[Binding] = &[
    b(
        S::Always,
        &[ctrl('c')],
        "Ctrl+C",
        Msg::Interrupt,
        "quit at once (exit 130)",
        "",
    ),
    b(
        S::Always,
        &[ctrl('z')],
        "Ctrl+Z",
        Msg::Suspend,
        "suspend to the shell (fg resumes)",
        "",
    ),
    b(
        S::Global,
        &[ch('q')],
        "q",
        Msg::Quit,
        "quit (from the result: print it, exit as recommend)",
        "quit",
    ),
    b(
        S::Global,
        &[ch('?'), code(KeyCode::F(1))],
        "?",
        Msg::Help,
        "this help: every key and the glossary",
        "help",
    ),
    b(
        S::Global,
        &[ch('c')],
        "c",
        Msg::OpenCompare,
        "compare the {candidates} side by side",
        "compare",
    ),
    b(
        S::Global,
        &[ch('m')],
        "m",
        Msg::OpenMatrix,
        "support matrix: {contexts} × {candidates}",
        "matrix",
    ),
    // Welcome
    b(S::Welcome, UP, "↑/k", Msg::Up, "previous edition", ""),
    b(
        S::Welcome,
        DOWN,
        "↓/j",
        Msg::Down,
        "next edition",
        "edition",
    ),
    b(
        S::Welcome,
        &[code(KeyCode::Enter), code(KeyCode::Right), ch('l')],
        "Enter",
        Msg::Enter,
        "start the questions with the highlighted edition (resuming its saved answers)",
        "start",
    ),
    b(
        S::Welcome,
        &[ch('n')],
        "n",
        Msg::Fresh,
        "start the highlighted edition afresh, dropping its saved answers",
        "afresh",
    ),
    // Question
    b(S::Question, UP, "↑/k", Msg::Up, "previous answer", ""),
    b(S::Question, DOWN, "↓/j", Msg::Down, "next answer", "move"),
    b(
        S::Question,
        &[code(KeyCode::Enter), code(KeyCode::Right), ch('l')],
        "Enter/→",
        Msg::Enter,
        "choose the highlighted answer and go on",
        "choose",
    ),
    b(
        S::Question,
        DIGITS,
        "1–9",
        Msg::Choose(0),
        "choose the answer with that number and go on",
        "",
    ),
    b(
        S::Question,
        &[
            code(KeyCode::Esc),
            code(KeyCode::Backspace),
            code(KeyCode::Left),
            ch('h'),
        ],
        "Esc/←",
        Msg::Back,
        "previous question, its answer pre-selected",
        "back",
    ),
    b(
        S::Question,
        TAB,
        "Tab",
        Msg::NextPane,
        "switch between the answers and the {candidates} panel",
        "pane",
    ),
    b(
        S::Question,
        &[ch('f')],
        "f",
        Msg::Finish,
        "finish now, when the remaining questions cannot change the result",
        "finish",
    ),
    b(
        S::Question,
        PGUP,
        "PgUp",
        Msg::PageUp,
        "scroll the focused pane up",
        "",
    ),
    b(
        S::Question,
        PGDN,
        "PgDn",
        Msg::PageDown,
        "scroll the focused pane down",
        "",
    ),
    // Result
    b(
        S::Result,
        TAB,
        "Tab",
        Msg::NextPane,
        "switch between the result and your answers",
        "pane",
    ),
    b(
        S::Result,
        UP,
        "↑/k",
        Msg::Up,
        "previous item of the result, or previous answer",
        "",
    ),
    b(
        S::Result,
        DOWN,
        "↓/j",
        Msg::Down,
        "next item of the result, or next answer",
        "move",
    ),
    b(S::Result, PGUP, "PgUp", Msg::PageUp, "a page up", ""),
    b(S::Result, PGDN, "PgDn", Msg::PageDown, "a page down", ""),
    b(S::Result, HOME, "Home/g", Msg::Home, "to the top", ""),
    b(S::Result, END, "End/G", Msg::End, "to the bottom", ""),
    b(
        S::Result,
        ENTER,
        "Enter",
        Msg::Enter,
        "expand or fold the section under the cursor; answers pane: change the answer",
        "expand",
    ),
    b(
        S::Result,
        &[ch('d')],
        "d",
        Msg::ToggleDetail,
        "every section in full, or every section as its summary",
        "detail",
    ),
    b(
        S::Result,
        &[
            code(KeyCode::Esc),
            code(KeyCode::Backspace),
            ch('h'),
            code(KeyCode::Left),
        ],
        "Esc",
        Msg::Back,
        "back to the last question",
        "back",
    ),
    b(
        S::Result,
        &[ch('n')],
        "n",
        Msg::Continue,
        "answer the questions still open",
        "",
    ),
    b(
        S::Result,
        &[ch('e')],
        "e",
        Msg::Export(Export::Report),
        "export the report (Markdown) to a file",
        "export",
    ),
    b(
        S::Result,
        &[ch('a')],
        "a",
        Msg::Export(Export::Adr),
        "export a decision record (ADR) to a file",
        "ADR",
    ),
    b(
        S::Result,
        &[ch('s')],
        "s",
        Msg::Export(Export::Answers),
        "save the answers (TOML) to resume later",
        "save",
    ),
    // Compare
    b(
        S::Compare,
        LEFT,
        "←/h",
        Msg::Left,
        "previous {candidate} in the Show line",
        "",
    ),
    b(
        S::Compare,
        RIGHT,
        "→/l",
        Msg::Right,
        "next {candidate} in the Show line",
        "column",
    ),
    b(
        S::Compare,
        &[ch(' '), code(KeyCode::Enter)],
        "Space",
        Msg::Toggle,
        "show or hide that {candidate}",
        "show/hide",
    ),
    b(
        S::Compare,
        &[ch('d')],
        "d",
        Msg::OnlyDifferences,
        "only the rows that differ, or all rows",
        "differences",
    ),
    b(
        S::Compare,
        &[ch('x')],
        "x",
        Msg::NextContext,
        "support for the next {context}",
        "{context}",
    ),
    b(
        S::Compare,
        UP,
        "↑/k",
        Msg::Up,
        "previous row (or scroll the details)",
        "",
    ),
    b(
        S::Compare,
        DOWN,
        "↓/j",
        Msg::Down,
        "next row (or scroll the details)",
        "row",
    ),
    b(
        S::Compare,
        TAB,
        "Tab",
        Msg::NextPane,
        "switch between the table and the details",
        "pane",
    ),
    b(S::Compare, CLOSE, "Esc/q", Msg::Back, "close", "close"),
    // Matrix
    b(S::Matrix, UP, "↑/k", Msg::Up, "previous {context}", ""),
    b(S::Matrix, DOWN, "↓/j", Msg::Down, "next {context}", "row"),
    b(
        S::Matrix,
        PGUP,
        "PgUp",
        Msg::PageUp,
        "scroll the details up",
        "",
    ),
    b(
        S::Matrix,
        PGDN,
        "PgDn",
        Msg::PageDown,
        "scroll the details down",
        "",
    ),
    b(S::Matrix, CLOSE, "Esc/q", Msg::Back, "close", "close"),
    // Help
    b(S::Help, UP, "↑/k", Msg::Up, "scroll up", ""),
    b(S::Help, DOWN, "↓/j", Msg::Down, "scroll down", "scroll"),
    b(S::Help, PGUP, "PgUp", Msg::PageUp, "a page up", ""),
    b(S::Help, PGDN, "PgDn", Msg::PageDown, "a page down", ""),
    b(S::Help, HOME, "Home/g", Msg::Home, "to the top", ""),
    b(S::Help, END, "End/G", Msg::End, "to the bottom", ""),
    b(
        S::Help,
        CLOSE,
        "Esc/q",
        Msg::Back,
        "close the help",
        "close",
    ),
    // Chooser
    b(S::Chooser, UP, "↑/k", Msg::Up, "previous answer", ""),
    b(S::Chooser, DOWN, "↓/j", Msg::Down, "next answer", "move"),
    b(
        S::Chooser,
        ENTER,
        "Enter",
        Msg::Enter,
        "use this answer and re-evaluate",
        "choose",
    ),
    b(
        S::Chooser,
        DIGITS,
        "1–9",
        Msg::Choose(0),
        "use the answer with that number and re-evaluate",
        "",
    ),
    b(
        S::Chooser,
        CLOSE,
        "Esc/q",
        Msg::Back,
        "keep the answer",
        "cancel",
    ),
    // FileName
    b(
        S::FileName,
        ENTER,
        "Enter",
        Msg::Enter,
        "write the file",
        "write",
    ),
    b(
        S::FileName,
        &[code(KeyCode::Backspace)],
        "Backspace",
        Msg::DeleteChar,
        "delete the character before the cursor",
        "",
    ),
    b(
        S::FileName,
        &[code(KeyCode::Left)],
        "←",
        Msg::Left,
        "move the cursor left",
        "",
    ),
    b(
        S::FileName,
        &[code(KeyCode::Right)],
        "→",
        Msg::Right,
        "move the cursor right",
        "",
    ),
    b(
        S::FileName,
        &[code(KeyCode::Home), ctrl('a')],
        "Home",
        Msg::Home,
        "to the start of the name",
        "",
    ),
    b(
        S::FileName,
        &[code(KeyCode::End), ctrl('e')],
        "End",
        Msg::End,
        "to the end of the name",
        "",
    ),
    b(
        S::FileName,
        &[ctrl('u')],
        "Ctrl+U",
        Msg::ClearInput,
        "clear the name",
        "",
    ),
    b(S::FileName, ESC, "Esc", Msg::Back, "cancel", "cancel"),
    // Confirm
    b(
        S::Confirm,
        &[ch('y')],
        "y",
        Msg::Yes,
        "overwrite the existing file",
        "overwrite",
    ),
    b(
        S::Confirm,
        &[ch('n'), code(KeyCode::Esc), ch('q')],
        "n/Esc",
        Msg::No,
        "keep the existing file",
        "keep",
    ),
    // Too small
    b(
        S::TooSmall,
        &[ch('q'), code(KeyCode::Esc)],
        "q",
        Msg::Quit,
        "quit",
        "quit",
    ),
];

/// The scopes in force, most specific first.
pub fn scopes(model: &Model) -> Vec<Scope> {
    if model.too_small() {
        return vec![Scope::TooSmall, Scope::Always];
    }
    match &model.dialog {
        Some(Dialog::Chooser { .. }) => return vec![Scope::Chooser, Scope::Always],
        Some(Dialog::FileName { .. }) => return vec![Scope::FileName, Scope::Always],
        Some(Dialog::Confirm { .. }) => return vec![Scope::Confirm, Scope::Always],
        None => {}
    }
    let own = match model.overlays.last() {
        Some(Overlay::Compare) => Scope::Compare,
        Some(Overlay::Matrix) => Scope::Matrix,
        Some(Overlay::Help) => Scope::Help,
        None => match model.screen {
            Screen::Welcome => Scope::Welcome,
            Screen::Question => Scope::Question,
            Screen::Result => Scope::Result,
        },
    };
    vec![own, Scope::Global, Scope::Always]
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != ctrl {
        return false;
    }
    match (key.code, ev.code) {
        // Terminals report Shift+Tab as BackTab, and some upper-case letters with SHIFT.
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (a, b) => a == b,
    }
}

/// The message a key press means in the model's current state.
pub fn lookup(model: &Model, ev: &KeyEvent) -> Option<Msg> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let scopes = scopes(model);
    for scope in &scopes {
        // The global keys do not apply while the own scope binds the same key.
        if let Some(bnd) = BINDINGS
            .iter()
            .find(|bnd| bnd.scope == *scope && bnd.keys.iter().any(|k| matches(k, ev)))
        {
            return Some(match (&bnd.msg, ev.code) {
                // One binding stands for nine keys: the digit says which answer.
                (Msg::Choose(_), KeyCode::Char(c)) => {
                    Msg::Choose(c.to_digit(10).map_or(0, |d| d.saturating_sub(1) as usize))
                }
                (msg, _) => msg.clone(),
            });
        }
        // Every other printable character goes into a text field.
        if *scope == Scope::FileName
            && let KeyCode::Char(c) = ev.code
            && !ev.modifiers.contains(KeyModifiers::CONTROL)
        {
            return Some(Msg::Input(c));
        }
    }
    None
}

/// How a key is written for people.
pub fn key_name(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Backspace => "Backspace".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "Shift+Tab".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) if k.ctrl => c.to_uppercase().collect(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if k.ctrl { format!("Ctrl+{base}") } else { base }
}

/// Every key of a binding, as the help screen lists them: "↑ k".
pub fn keys_label(b: &Binding) -> String {
    // Nine digits read better as a range.
    if matches!(b.msg, Msg::Choose(_)) {
        return b.label.to_owned();
    }
    b.keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

/// The bindings of one scope.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.scope == scope)
}

/// The hint bar's entries in the current state: (keys, words).
pub fn hints(model: &Model) -> Vec<(&'static str, &'static str)> {
    let scopes = scopes(model);
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for (i, &scope) in scopes.iter().enumerate() {
        for bnd in bindings(scope) {
            if bnd.hint.is_empty() || !shown(model, scope, bnd) || shadowed(&scopes[..i], bnd) {
                continue;
            }
            // One label for a pair like ↑/k and ↓/j.
            let label = match bnd.msg {
                Msg::Down => "↑↓",
                Msg::Right => "←→",
                _ => bnd.label,
            };
            out.push((label, hint_word(model, scope, bnd)));
        }
    }
    out
}

/// Whether every key of `bnd` is bound by one of the more specific `scopes` first, so that
/// pressing it never does what `bnd` says (q closes an overlay rather than quitting).
fn shadowed(scopes: &[Scope], bnd: &Binding) -> bool {
    bnd.keys.iter().all(|k| {
        scopes
            .iter()
            .flat_map(|&s| bindings(s))
            .any(|b| b.keys.iter().any(|o| o.code == k.code && o.ctrl == k.ctrl))
    })
}

/// Whether a binding does anything right now (hints leave out what does not).
fn shown(model: &Model, scope: Scope, bnd: &Binding) -> bool {
    match (&bnd.msg, model.overlays.last()) {
        (Msg::OpenCompare, Some(Overlay::Compare)) | (Msg::OpenMatrix, Some(Overlay::Matrix)) => {
            false
        }
        (Msg::Finish, _) => model.can_finish(),
        // With the panel focused, the arrows scroll it and nothing chooses an answer.
        (Msg::Enter | Msg::Choose(_), _)
            if scope == Scope::Question
                && model.question.pane == super::model::QuestionPane::Candidates =>
        {
            false
        }
        (Msg::Down, _) if scope == Scope::Welcome => model.editions.len() > 1,
        (Msg::Fresh, _) => model
            .editions
            .get(model.welcome_cursor)
            .is_some_and(|e| e.resumable.is_some()),
        (Msg::Continue, _) => model.verdict.next_question().is_some(),
        _ => true,
    }
}

/// The hint's word, where one key does one thing or another by the focused pane.
fn hint_word(model: &Model, scope: Scope, bnd: &Binding) -> &'static str {
    let panel = model.question.pane == super::model::QuestionPane::Candidates;
    match (&bnd.msg, scope) {
        (Msg::Down, Scope::Question) if panel => "scroll",
        (Msg::Enter, Scope::Result) if model.result.pane == super::model::ResultPane::Answers => {
            "change"
        }
        _ => bnd.hint,
    }
}
