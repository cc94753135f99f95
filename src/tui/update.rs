//! `update`: the only place the model changes. Pure but for the effects it returns.

use std::path::PathBuf;

use ratatui::layout::Size;

use crate::report;
use crate::strings::wizard as w;

use super::model::{
    ComparePane, CompareScreen, Dialog, EditionState, Model, Overlay, QuestionPane, ResultPane,
    Screen, Status, StatusKind,
};
use super::msg::{Effect, Exit, Export, Msg};
use super::result::Move;
use super::size_limit;
use super::view::{self, Scroll};

/// Longest file name the export field takes.
const MAX_INPUT: usize = 4096;

/// Applies one message; returns work for the event loop, if any.
pub fn update(m: &mut Model, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Interrupt => {
            m.exit = Some(Exit::Interrupted);
            return None;
        }
        Msg::Signal(s) => {
            m.exit = Some(Exit::Signal(s));
            return None;
        }
        Msg::Suspend => {
            m.suspend = true;
            return None;
        }
        Msg::Resize(wd, ht) => {
            // The size drawn: a bigger terminal is drawn in its top-left corner.
            let size = size_limit::clamp(Size::new(wd, ht));
            m.size = (size.width, size.height);
            clamp_scrolls(m);
            return None;
        }
        Msg::Written { what, path } => {
            let mut text = w::written(what_word(what), &crate::sanitize::line(&path));
            if what == Export::Answers {
                text = format!("{text} {}", w::resume_hint(&crate::sanitize::line(&path)));
            }
            set_done(m, text);
            return None;
        }
        Msg::WriteFailed { path, message } => {
            set_error(m, w::not_written(&path, &message));
            return None;
        }
        Msg::Exists {
            what,
            path,
            contents,
        } => {
            m.dialog = Some(Dialog::Confirm {
                what,
                path,
                contents,
            });
            return None;
        }
        _ => {}
    }
    if m.too_small() {
        if msg == Msg::Quit {
            quit(m);
        }
        return None;
    }
    m.status = None;
    if let Some(dialog) = m.dialog.take() {
        return dialog_update(m, dialog, msg);
    }
    match msg {
        Msg::Quit => {
            quit(m);
            return None;
        }
        Msg::Help => {
            toggle_overlay(m, Overlay::Help);
            return None;
        }
        Msg::OpenCompare => {
            if m.overlays.last() != Some(&Overlay::Compare) && welcome_switch(m) {
                m.compare.context = m.answered_context().or(m.compare.context);
                open_overlay(m, Overlay::Compare);
            }
            return None;
        }
        Msg::OpenMatrix => {
            if m.overlays.last() != Some(&Overlay::Matrix) && welcome_switch(m) {
                if let Some(c) = m.answered_context() {
                    m.matrix_row = c;
                }
                open_overlay(m, Overlay::Matrix);
            }
            return None;
        }
        _ => {}
    }
    match m.overlays.last() {
        Some(Overlay::Compare) => compare_update(m, msg),
        Some(Overlay::Matrix) => matrix_update(m, msg),
        Some(Overlay::Help) => help_update(m, msg),
        None => match m.screen {
            Screen::Welcome => welcome_update(m, msg),
            Screen::Question => question_update(m, msg),
            Screen::Result => result_update(m, msg),
        },
    }
}

fn what_word(what: Export) -> &'static str {
    match what {
        Export::Report => w::WHAT_REPORT,
        Export::Adr => w::WHAT_ADR,
        Export::Answers => w::WHAT_ANSWERS,
    }
}

fn set_error(m: &mut Model, text: String) {
    m.status = Some(Status {
        text,
        kind: StatusKind::Error,
    });
}

fn set_done(m: &mut Model, text: String) {
    m.status = Some(Status {
        text,
        kind: StatusKind::Done,
    });
}

/// A status that reports no success: something kept as it was, a refusal taken back.
fn set_note(m: &mut Model, text: String) {
    m.status = Some(Status {
        text,
        kind: StatusKind::Note,
    });
}

fn quit(m: &mut Model) {
    m.exit = Some(if m.screen == Screen::Result {
        Exit::Result
    } else {
        Exit::NoResult
    });
}

fn open_overlay(m: &mut Model, o: Overlay) {
    if let Some(i) = m.overlays.iter().position(|&x| x == o) {
        m.overlays.truncate(i + 1);
    } else {
        m.overlays.push(o);
    }
}

fn toggle_overlay(m: &mut Model, o: Overlay) {
    if m.overlays.last() == Some(&o) {
        m.overlays.pop();
    } else {
        if o == Overlay::Help {
            m.help_scroll = 0;
        }
        open_overlay(m, o);
    }
}

fn step(v: usize, up: bool, len: usize) -> usize {
    if len == 0 {
        0
    } else if up {
        v.saturating_sub(1)
    } else {
        (v + 1).min(len - 1)
    }
}

fn scroll_by(v: usize, delta: isize, max: usize) -> usize {
    v.saturating_add_signed(delta).min(max)
}

fn page(m: &Model) -> isize {
    (m.size.1 as isize / 2).max(1)
}

fn clamp_scrolls(m: &mut Model) {
    m.help_scroll = m.help_scroll.min(view::max_scroll(m, Scroll::Help));
    m.question.panel_scroll = m
        .question
        .panel_scroll
        .min(view::max_scroll(m, Scroll::Candidates));
    m.matrix_scroll = m
        .matrix_scroll
        .min(view::max_scroll(m, Scroll::MatrixDetails));
}

// ---- welcome ----

/// On the welcome screen, actions use the highlighted edition: switch to it first.
/// False (with a message) when it could not be loaded.
fn welcome_switch(m: &mut Model) -> bool {
    if m.screen != Screen::Welcome || !m.overlays.is_empty() {
        return true;
    }
    switch_edition(m, m.welcome_cursor)
}

/// Parses a bundled edition (compiled in: no I/O) into a stashed or failed state.
pub fn load_bundled(b: &'static crate::bundled::Bundled) -> EditionState {
    match crate::dataset::load_bundled(b) {
        Ok(ds) => {
            let answers = crate::dataset::Answers::for_dataset(&ds);
            EditionState::Stashed(ds, answers)
        }
        Err(e) => EditionState::Failed(e.to_string()),
    }
}

/// Makes edition `i` the one in use, keeping the answers of the one left.
pub fn switch_edition(m: &mut Model, i: usize) -> bool {
    if i == m.active || i >= m.editions.len() {
        return i == m.active;
    }
    if let EditionState::Unloaded(b) = m.editions[i].state {
        m.editions[i].state = load_bundled(b);
    }
    let stashed = std::mem::replace(&mut m.editions[i].state, EditionState::Active);
    let (ds, answers) = match stashed {
        EditionState::Stashed(ds, answers) => (ds, answers),
        other => {
            m.editions[i].state = other;
            set_error(m, w::EDITION_FAILED.to_owned());
            return false;
        }
    };
    let old_ds = std::mem::replace(&mut m.ds, ds);
    let old_answers = std::mem::replace(&mut m.answers, answers);
    m.editions[m.active].state = EditionState::Stashed(old_ds, old_answers);
    m.active = i;
    m.compare = CompareScreen::new(&m.ds);
    m.matrix_row = 0;
    m.result = Default::default();
    m.question.current = 0;
    m.question.cursor = 0;
    m.refresh();
    true
}

fn welcome_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    let n = m.editions.len();
    match msg {
        Msg::Up => m.welcome_cursor = step(m.welcome_cursor, true, n),
        Msg::Down => m.welcome_cursor = step(m.welcome_cursor, false, n),
        Msg::Enter if switch_edition(m, m.welcome_cursor) => {
            resume(m);
            start(m);
        }
        Msg::Fresh if switch_edition(m, m.welcome_cursor) => {
            if let Some(e) = m.editions.get_mut(m.active)
                && e.resumable.take().is_some()
                && let Some(saved) = &e.saved
            {
                saved.clear();
            }
            start(m);
        }
        _ => {}
    }
    None
}

/// Takes up the answers an earlier session saved for the edition in use, when it offered
/// them and no answer is given yet.
fn resume(m: &mut Model) {
    let Some(e) = m.editions.get_mut(m.active) else {
        return;
    };
    if e.resumable.take().is_none() || !m.answers.is_empty() {
        return;
    }
    if let Some(found) = e.saved.as_ref().and_then(|s| s.load(&m.ds)) {
        m.answers = found.answers;
        m.refresh();
        set_done(m, w::resumed(found.count));
    }
}

/// Starts (or resumes) the questions: the first one left to ask, or the result.
pub fn start(m: &mut Model) {
    match m.flow().next() {
        Some(q) => go_question(m, q),
        None => go_result(m),
    }
}

// ---- questions ----

fn go_question(m: &mut Model, q: usize) {
    m.screen = Screen::Question;
    m.overlays.clear();
    m.question.current = q;
    m.previews = m.flow().previews(&m.ds, q);
    m.question.cursor = m.flow().start_option(q, &m.previews);
    m.question.pane = QuestionPane::Options;
}

fn go_result(m: &mut Model) {
    m.screen = Screen::Result;
    m.overlays.clear();
    m.result.pane = ResultPane::Report;
    m.result.reset(m.answer_rows().len());
}

fn question_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    let q = m.question.current;
    let options = m.ds.questions.get(q).map_or(0, |q| q.options.len());
    let panel = m.question.pane == QuestionPane::Candidates;
    match msg {
        Msg::Up | Msg::Down if panel => {
            let d = if msg == Msg::Up { -1 } else { 1 };
            m.question.panel_scroll = scroll_by(
                m.question.panel_scroll,
                d,
                view::max_scroll(m, Scroll::Candidates),
            );
        }
        Msg::PageUp | Msg::PageDown => {
            let d = if msg == Msg::PageUp {
                -page(m)
            } else {
                page(m)
            };
            m.question.panel_scroll = scroll_by(
                m.question.panel_scroll,
                d,
                view::max_scroll(m, Scroll::Candidates),
            );
        }
        Msg::Up => m.question.cursor = step(m.question.cursor, true, options),
        Msg::Down => m.question.cursor = step(m.question.cursor, false, options),
        Msg::NextPane => {
            m.question.pane = if panel {
                QuestionPane::Options
            } else {
                QuestionPane::Candidates
            }
        }
        // The panel has the focus: keys act on it; Enter and digits do not answer.
        Msg::Enter | Msg::Choose(_) if panel => {}
        Msg::Enter => answer(m),
        Msg::Choose(i) if i < options => {
            m.question.cursor = i;
            answer(m);
        }
        Msg::Back => back(m),
        Msg::Finish => {
            if m.can_finish() {
                go_result(m);
            } else {
                set_note(m, w::FINISH_NOT_YET.to_owned());
            }
        }
        _ => {}
    }
    None
}

/// Answers the current question with the highlighted option and moves on: to the next
/// question still asked (its earlier answer pre-selected), or the result.
fn answer(m: &mut Model) {
    let q = m.question.current;
    if q >= m.ds.questions.len() {
        return go_result(m);
    }
    if m.question.cursor >= m.ds.questions[q].options.len() {
        return;
    }
    m.answers.set(q, m.question.cursor);
    m.refresh();
    m.save_answers();
    match m.flow().next_after(q) {
        Some(p) => go_question(m, p),
        None => {
            go_result(m);
            if !m.flow().not_needed().is_empty() {
                set_note(m, w::NO_MORE_NEEDED.to_owned());
            }
        }
    }
}

/// The previous question answered, its answer pre-selected; before the first, the welcome.
fn back(m: &mut Model) {
    match m.flow().previous(m.question.current) {
        Some(p) => go_question(m, p),
        None => m.screen = Screen::Welcome,
    }
}

// ---- result ----

fn result_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    let answers_pane = m.result.pane == ResultPane::Answers;
    let n = m.answer_rows().len();
    let how = match msg {
        Msg::Up => Some(Move::Up),
        Msg::Down => Some(Move::Down),
        Msg::PageUp => Some(Move::PageUp),
        Msg::PageDown => Some(Move::PageDown),
        Msg::Home => Some(Move::Home),
        Msg::End => Some(Move::End),
        _ => None,
    };
    if let Some(how) = how {
        m.result.move_by(how, n);
        return None;
    }
    match msg {
        Msg::NextPane => {
            m.result.pane = if answers_pane {
                ResultPane::Report
            } else {
                ResultPane::Answers
            }
        }
        Msg::Enter if !answers_pane => m.result.toggle_selected(&m.layout),
        Msg::ToggleDetail => m.result.toggle_all(&m.layout),
        Msg::Enter => {
            if let Some(q) = m.result_answer_question(m.result.answer) {
                m.dialog = Some(Dialog::Chooser {
                    question: q,
                    cursor: m.answers.get(q).unwrap_or(0),
                });
            }
        }
        Msg::Back => match m.flow().last_answered() {
            Some(p) => go_question(m, p),
            None => m.screen = Screen::Welcome,
        },
        Msg::Continue => {
            if let Some(q) = m.flow().next() {
                go_question(m, q);
            }
        }
        Msg::Export(what) => {
            let name = match what {
                Export::Report => w::DEFAULT_REPORT_FILE,
                Export::Adr => w::DEFAULT_ADR_FILE,
                Export::Answers => w::DEFAULT_ANSWERS_FILE,
            };
            m.dialog = Some(Dialog::FileName {
                what,
                input: name.to_owned(),
                cursor: name.chars().count(),
            });
        }
        _ => {}
    }
    None
}

/// A file name as a shell would read it: a leading `~` is the home directory.
fn expand_home(name: &str) -> PathBuf {
    match (name.strip_prefix('~'), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(name),
    }
}

/// What an export writes, from the current report and answers.
pub fn export_contents(m: &Model, what: Export) -> String {
    match what {
        // A file is for keeping: the report in full.
        Export::Report => report::terminal_text(&report::recommend::render_markdown(
            &m.layout,
            report::recommend::Options::detail(),
        )),
        Export::Adr => report::terminal_text(&report::adr::adr(&m.ds, &m.report, &m.today)),
        Export::Answers => m.answers.to_toml(&m.ds),
    }
}

fn dialog_update(m: &mut Model, dialog: Dialog, msg: Msg) -> Option<Effect> {
    match dialog {
        Dialog::Chooser { question, cursor } => {
            let n = m.ds.questions[question].options.len();
            // A digit is the cursor on that answer and Enter.
            let (cursor, msg) = match msg {
                Msg::Choose(i) if i < n => (i, Msg::Enter),
                msg => (cursor, msg),
            };
            match msg {
                Msg::Up | Msg::Down => {
                    m.dialog = Some(Dialog::Chooser {
                        question,
                        cursor: step(cursor, msg == Msg::Up, n),
                    })
                }
                Msg::Enter => {
                    if m.answers.get(question) == Some(cursor) {
                        set_note(m, w::ANSWER_KEPT.to_owned());
                    } else {
                        m.answers.set(question, cursor);
                        m.refresh();
                        m.save_answers();
                        m.result.reset(m.answer_rows().len());
                        let mut text = w::ANSWER_CHANGED.to_owned();
                        if m.flow().next().is_some() {
                            text = format!("{text} {}", w::NEW_QUESTIONS);
                        }
                        set_done(m, text);
                    }
                }
                Msg::Back => {}
                _ => m.dialog = Some(Dialog::Chooser { question, cursor }),
            }
            None
        }
        Dialog::FileName {
            what,
            mut input,
            mut cursor,
        } => {
            let len = input.chars().count();
            cursor = cursor.min(len);
            let at = |cursor: usize, input: &str| {
                input
                    .char_indices()
                    .nth(cursor)
                    .map_or(input.len(), |(i, _)| i)
            };
            match msg {
                Msg::Input(c) if input.len() < MAX_INPUT && !c.is_control() => {
                    input.insert(at(cursor, &input), c);
                    cursor += 1;
                }
                Msg::DeleteChar if cursor > 0 => {
                    input.remove(at(cursor - 1, &input));
                    cursor -= 1;
                }
                Msg::Left => cursor = cursor.saturating_sub(1),
                Msg::Right => cursor = (cursor + 1).min(len),
                Msg::Home => cursor = 0,
                Msg::End => cursor = len,
                Msg::ClearInput => {
                    input.clear();
                    cursor = 0;
                }
                Msg::Enter => {
                    let path = input.trim();
                    if path.is_empty() {
                        set_error(m, w::EMPTY_FILE_NAME.to_owned());
                    } else {
                        return Some(Effect::Write {
                            what,
                            path: expand_home(path),
                            contents: export_contents(m, what),
                            overwrite: false,
                        });
                    }
                }
                Msg::Back => return None,
                _ => {}
            }
            m.dialog = Some(Dialog::FileName {
                what,
                input,
                cursor,
            });
            None
        }
        Dialog::Confirm {
            what,
            path,
            contents,
        } => match msg {
            Msg::Yes => Some(Effect::Write {
                what,
                path,
                contents,
                overwrite: true,
            }),
            Msg::No => {
                set_note(m, w::NOT_OVERWRITTEN.to_owned());
                None
            }
            _ => {
                m.dialog = Some(Dialog::Confirm {
                    what,
                    path,
                    contents,
                });
                None
            }
        },
    }
}

// ---- compare, matrix, help ----

fn compare_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    let n = m.ds.candidates.len();
    let details = m.compare.pane == ComparePane::Details;
    match msg {
        Msg::Left => m.compare.column = step(m.compare.column, true, n),
        Msg::Right => m.compare.column = step(m.compare.column, false, n),
        Msg::Toggle => {
            if let Some(s) = m.compare.shown.get_mut(m.compare.column) {
                *s = !*s;
            }
        }
        Msg::OnlyDifferences => m.compare.only_differences = !m.compare.only_differences,
        Msg::NextContext => {
            let k = m.ds.contexts.len();
            m.compare.context = match m.compare.context {
                None if k > 0 => Some(0),
                Some(c) if c + 1 < k => Some(c + 1),
                _ => None,
            };
        }
        Msg::NextPane => {
            m.compare.pane = if details {
                ComparePane::Table
            } else {
                ComparePane::Details
            }
        }
        Msg::Up | Msg::Down if details => {
            m.compare
                .scroll_details(if msg == Msg::Up { -1 } else { 1 });
        }
        Msg::Up | Msg::Down => m.compare.move_row(if msg == Msg::Up { -1 } else { 1 }),
        Msg::PageUp | Msg::PageDown => {
            let d = if msg == Msg::PageUp {
                -page(m)
            } else {
                page(m)
            };
            m.compare.scroll_details(d);
        }
        Msg::Back => {
            m.overlays.pop();
        }
        _ => {}
    }
    None
}

fn matrix_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    let n = m.ds.contexts.len();
    match msg {
        Msg::Up | Msg::Down => {
            m.matrix_row = step(m.matrix_row, msg == Msg::Up, n);
            m.matrix_scroll = 0;
        }
        Msg::PageUp | Msg::PageDown => {
            let d = if msg == Msg::PageUp {
                -page(m)
            } else {
                page(m)
            };
            m.matrix_scroll = scroll_by(
                m.matrix_scroll,
                d,
                view::max_scroll(m, Scroll::MatrixDetails),
            );
        }
        Msg::Back => {
            m.overlays.pop();
        }
        _ => {}
    }
    None
}

fn help_update(m: &mut Model, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Up => m.help_scroll = scroll_by(m.help_scroll, -1, view::max_scroll(m, Scroll::Help)),
        Msg::Down => m.help_scroll = scroll_by(m.help_scroll, 1, view::max_scroll(m, Scroll::Help)),
        Msg::PageUp => {
            m.help_scroll = scroll_by(m.help_scroll, -page(m), view::max_scroll(m, Scroll::Help))
        }
        Msg::PageDown => {
            m.help_scroll = scroll_by(m.help_scroll, page(m), view::max_scroll(m, Scroll::Help))
        }
        Msg::Home => m.help_scroll = 0,
        Msg::End => m.help_scroll = view::max_scroll(m, Scroll::Help),
        Msg::Back => {
            m.overlays.pop();
        }
        _ => {}
    }
    None
}
