//! The full-screen wizard, in the Elm shape: a [`Model`], [`Msg`]s, [`update`] and a
//! [`view`] that only reads. Keys map to messages in one table ([`keymap`]), which also
//! feeds the hint bar and the help screen. The event loop is generic over the ratatui
//! backend, so tests drive the whole app into a `TestBackend`.

pub mod compare;
pub mod keymap;
pub mod links;
pub mod model;
pub mod msg;
pub mod result;
pub mod size_limit;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use crate::bundled;
use crate::commands;
use crate::dataset::{Answers, Dataset};
use crate::files;
use crate::saved::SavedAnswers;
use crate::strings::wizard as w;

use links::LinkOverlay;
pub use model::Model;
pub use msg::{Effect, Exit, Msg};
pub use update::update;
pub use view::view;

use model::{Edition, EditionState};

/// How long the loop waits for input before it checks the signal flags again.
pub const TICK: Duration = Duration::from_millis(100);

/// What the event loop reads.
#[derive(Debug, Clone)]
pub enum Input {
    Event(Event),
    /// A signal that ends the wizard.
    Signal(i32),
    /// Job control asks the wizard to stop (SIGTSTP): the same as Ctrl+Z.
    Suspend,
    /// The process was continued (SIGCONT), whether or not the wizard stopped itself.
    Continued,
    /// No more input will come (a test script ran out).
    Closed,
}

/// A source of input, and job control on the terminal it comes from.
pub trait Events {
    /// The next input; `Ok(None)` when nothing arrived within `timeout`.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Input>>;

    /// Hands the terminal back to the shell and stops the job; returns once continued,
    /// with the terminal the wizard's again. Input with no terminal of its own (a test
    /// script) has nothing to hand back.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Takes the terminal back after the process was continued: the shell may have reset
    /// it while the process was stopped.
    fn resume(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Input given in advance (tests): each item in turn, then `Closed`.
#[derive(Debug, Default)]
pub struct Scripted(pub VecDeque<Input>);

impl Events for Scripted {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Input>> {
        Ok(Some(self.0.pop_front().unwrap_or(Input::Closed)))
    }
}

fn io_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Runs the wizard on `terminal` until it ends; returns how it ended.
pub fn run<B: Backend + LinkOverlay>(
    terminal: &mut Terminal<B>,
    model: &mut Model,
    events: &mut impl Events,
) -> io::Result<Exit> {
    let mut dirty = true;
    loop {
        if let Some(exit) = model.exit {
            return Ok(exit);
        }
        if std::mem::take(&mut model.suspend) {
            events.suspend()?;
            redraw_all(terminal)?;
            dirty = true;
        }
        // Checked every tick too: a resize whose signal came before the event source
        // was listening would otherwise go unnoticed.
        let size = terminal.size().map_err(io_err)?;
        if (size.width, size.height) != model.size {
            update(model, Msg::Resize(size.width, size.height));
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| view(model, f)).map_err(io_err)?;
            if model.hyperlinks {
                terminal.backend_mut().overlay_links(&model.links.all())?;
            }
            dirty = false;
        }
        match events.next(TICK)? {
            None => {}
            Some(Input::Closed) => return Ok(model.exit.unwrap_or(Exit::NoResult)),
            Some(Input::Continued) => {
                events.resume()?;
                redraw_all(terminal)?;
                dirty = true;
            }
            Some(input) => {
                dispatch(model, input);
                dirty = true;
            }
        }
    }
}

/// Makes the next draw paint every cell: after a stop the screen holds whatever the shell
/// left on it. Not [`Terminal::clear`], which first asks the terminal where its cursor is
/// and waits for the answer (in vain, for seconds, on a terminal that does not answer); a
/// resize to the same size clears the screen and forgets the last frame, asking nothing.
fn redraw_all<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()> {
    let size = terminal.size().map_err(io_err)?;
    terminal
        .resize(Rect::new(0, 0, size.width, size.height))
        .map_err(io_err)
}

/// Turns one input into messages and applies them, carrying out their effects.
pub fn dispatch(model: &mut Model, input: Input) {
    let msg = match input {
        Input::Event(Event::Key(k)) => keymap::lookup(model, &k),
        Input::Event(Event::Resize(w, h)) => Some(Msg::Resize(w, h)),
        Input::Signal(s) => Some(Msg::Signal(s)),
        Input::Suspend => Some(Msg::Suspend),
        _ => None,
    };
    let mut next = msg;
    while let Some(msg) = next {
        next = update(model, msg).map(perform);
    }
}

/// Carries out an effect; its outcome comes back as a message.
pub fn perform(effect: Effect) -> Msg {
    match effect {
        Effect::Write {
            what,
            path,
            contents,
            overwrite,
        } => {
            let shown = path.display().to_string();
            if !overwrite && path.exists() && !path.is_dir() {
                return Msg::Exists {
                    what,
                    path,
                    contents,
                };
            }
            match files::write_file(&path, &contents, overwrite) {
                Ok(()) => Msg::Written { what, path: shown },
                Err(e) => Msg::WriteFailed {
                    path: shown,
                    message: format!("{e:#}"),
                },
            }
        }
    }
}

/// The model for the command line's `--data` and `--answers`: every bundled edition on
/// the welcome screen (those that fail to load with their error), the chosen one in use;
/// or, with `--data FILE`, that file alone (a decision of its own, not one of the bundled
/// editions). With `--answers` the wizard starts at the first question left, or the
/// result. Answers saved by an earlier session are offered on the welcome screen, unless
/// `fresh` (or `--answers`) says otherwise.
pub fn load_model(data: Option<&str>, answers_file: Option<&Path>, fresh: bool) -> Result<Model> {
    let explicit = if data.is_some() || answers_file.is_some() {
        Some(commands::load_inputs(data, answers_file, &[])?)
    } else {
        None
    };
    let offer = !fresh && answers_file.is_none();
    let mut editions: Vec<Edition>;
    let active = match explicit {
        // By name only: a file that happens to share a bundled file's path is a file.
        Some((ds, answers)) => match ds.origin.bundled_name() {
            Some(name) => {
                editions = bundled_editions(offer);
                let i = editions.iter().position(|e| e.name == name).unwrap_or(0);
                editions[i].state = EditionState::Stashed(ds, answers);
                i
            }
            None => {
                let name = data.map_or_else(|| ds.origin.to_string(), str::to_owned);
                editions = vec![file_edition(name, &ds, offer)];
                editions[0].state = EditionState::Stashed(ds, answers);
                0
            }
        },
        None => {
            // Only the edition in use is parsed now; the others when first chosen.
            editions = bundled_editions(offer);
            match (0..editions.len()).find(|&i| {
                if let EditionState::Unloaded(b) = editions[i].state {
                    editions[i].state = update::load_bundled(b);
                }
                matches!(editions[i].state, EditionState::Stashed(..))
            }) {
                Some(i) => i,
                None => {
                    let why = editions
                        .iter()
                        .find_map(|e| match &e.state {
                            EditionState::Failed(err) => Some(err.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                    anyhow::bail!("{}: {why}", w::NO_EDITION_LOADS);
                }
            }
        }
    };
    let (ds, answers): (Dataset, Answers) =
        match std::mem::replace(&mut editions[active].state, EditionState::Active) {
            EditionState::Stashed(ds, answers) => (ds, answers),
            _ => anyhow::bail!("{}", w::NO_EDITION_LOADS),
        };
    let mut model = Model::new(editions, active, ds, answers);
    if answers_file.is_some() {
        update::start(&mut model);
    }
    Ok(model)
}

/// The welcome screen [`load_model`] will show, from the datasets' prefaces alone (their
/// `[dataset]` tables): drawn first, so the screen appears before a large dataset is
/// parsed. `None` where the first screen is not the welcome (`--answers`) or a dataset
/// has no preface; the wizard then draws once the dataset is loaded.
pub fn preface_model(
    data: Option<&str>,
    answers_file: Option<&Path>,
    fresh: bool,
) -> Option<Model> {
    if answers_file.is_some() {
        return None;
    }
    let offer = !fresh;
    let bundled = match data {
        None => Some(bundled::default_dataset()),
        Some(name) => bundled::find(name),
    };
    let (editions, active, ds) = match (bundled, data) {
        (Some(b), _) => {
            let origin = crate::dataset::Origin::Bundled {
                name: b.name,
                file: b.file,
            };
            let ds = crate::dataset::preface::preface(b.text, origin)?;
            let mut editions = bundled_editions(offer);
            let i = editions.iter().position(|e| e.name == b.name)?;
            editions[i].state = EditionState::Active;
            (editions, i, ds)
        }
        (None, Some(path)) => {
            let text = crate::dataset::input::read_text(Path::new(path)).ok()?;
            let origin = crate::dataset::Origin::File(path.to_owned());
            let ds = crate::dataset::preface::preface(&text, origin)?;
            let mut edition = file_edition(path.to_owned(), &ds, offer);
            edition.state = EditionState::Active;
            (vec![edition], 0, ds)
        }
        (None, None) => return None,
    };
    let answers = Answers::for_dataset(&ds);
    Some(Model::new(editions, active, ds, answers))
}

/// Every bundled edition, none parsed yet, each with the answers an earlier session saved
/// for it when `offer`.
fn bundled_editions(offer: bool) -> Vec<Edition> {
    bundled::BUNDLED
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let saved = SavedAnswers::for_bundled(b.name);
            Edition {
                name: b.name.to_owned(),
                line: b.edition.to_owned(),
                pick_when: b.pick_when.to_owned(),
                default: i == 0,
                from_flag: false,
                state: EditionState::Unloaded(b),
                resumable: saved
                    .as_ref()
                    .filter(|_| offer)
                    .and_then(SavedAnswers::peek),
                saved,
            }
        })
        .collect()
}

/// The one edition of `--data FILE`, named as given; its state is the caller's to set.
fn file_edition(name: String, ds: &Dataset, offer: bool) -> Edition {
    let saved = SavedAnswers::for_dataset(ds);
    Edition {
        name,
        line: ds.edition.clone(),
        pick_when: String::new(),
        default: false,
        from_flag: true,
        resumable: saved
            .as_ref()
            .filter(|_| offer)
            .and_then(SavedAnswers::peek),
        saved,
        state: EditionState::Active,
    }
}
