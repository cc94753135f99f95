//! The wizard's state. Everything the view draws is here; the verdict and the report are
//! recomputed by the engine whenever the answers change, never by the wizard itself.

use std::path::PathBuf;

use crate::dataset::{Answers, ContextIx, Dataset, OptionIx, QuestionIx};
use crate::engine::flow::{Flow, Preview};
use crate::engine::{self, Asked, Verdict};
use crate::report::{self, Report, compare::Comparison, layout::Layout};
use crate::saved::SavedAnswers;

pub use super::compare::{ComparePane, CompareScreen};
use super::links::Links;
use super::msg::{Exit, Export};
pub use super::result::{ResultPane, ResultScreen};
use super::theme::Theme;

/// Below this size the wizard shows one centred message instead of its screens.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The main flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Question,
    Result,
}

/// Panels opened over the flow from anywhere, closed with Esc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Compare,
    Matrix,
    Help,
}

/// A small window over the screen that takes every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Change one answer from the result.
    Chooser {
        question: QuestionIx,
        cursor: OptionIx,
    },
    /// The file name of an export, with the cursor's place in it (in characters).
    FileName {
        what: Export,
        input: String,
        cursor: usize,
    },
    /// The file exists: overwrite it?
    Confirm {
        what: Export,
        path: PathBuf,
        contents: String,
    },
}

/// One edition of the knowledge on the welcome screen.
#[derive(Debug)]
pub struct Edition {
    /// `--data` name (or the path given).
    pub name: String,
    /// The edition line of the dataset, or why it failed to load.
    pub line: String,
    /// When to choose this edition, in a line (bundled editions say; empty otherwise).
    pub pick_when: String,
    pub default: bool,
    pub from_flag: bool,
    pub state: EditionState,
    /// Where its answers are saved as the person goes.
    pub saved: Option<SavedAnswers>,
    /// Answers saved by an earlier session, offered on the welcome screen: how many, and
    /// when. Taken (resumed or dropped) when the edition starts.
    pub resumable: Option<(usize, Option<std::time::SystemTime>)>,
}

#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per edition, a handful at most: the size is not worth an indirection"
)]
pub enum EditionState {
    /// In use: its dataset and answers are the model's.
    Active,
    /// Bundled, not parsed yet: parsed when first chosen.
    Unloaded(&'static crate::bundled::Bundled),
    /// Loaded, not in use: kept with its answers.
    Stashed(Dataset, Answers),
    /// Failed to load: the error.
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionPane {
    Options,
    Candidates,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionState {
    pub current: QuestionIx,
    /// The highlighted option.
    pub cursor: OptionIx,
    pub pane: QuestionPane,
    pub panel_scroll: usize,
}

/// A line under the screens: what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

/// What a status reports, so its mark never says more than it did: ✓ only for what was
/// done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Something was done (an answer changed, a file written).
    Done,
    /// Nothing changed, and that is fine (an answer kept, a file left as it was).
    Note,
    /// Something could not be done.
    Error,
}

#[derive(Debug)]
pub struct Model {
    pub editions: Vec<Edition>,
    /// The edition in use.
    pub active: usize,
    /// The highlighted edition on the welcome screen.
    pub welcome_cursor: usize,
    pub ds: Dataset,
    pub answers: Answers,
    /// The engine's verdict on `answers`.
    pub verdict: Verdict,
    /// The verdict resolved into sentences.
    pub report: Report,
    /// The report laid out in sections: what the result screen shows.
    pub layout: Layout,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    pub dialog: Option<Dialog>,
    pub question: QuestionState,
    pub result: ResultScreen,
    pub compare: CompareScreen,
    /// The highlighted row of the support matrix.
    pub matrix_row: usize,
    /// Scroll of the support matrix's details.
    pub matrix_scroll: usize,
    pub help_scroll: usize,
    pub status: Option<Status>,
    /// What each option of the current question would do (the question screen shows it).
    pub previews: Vec<Preview>,
    /// The terminal size, as last reported.
    pub size: (u16, u16),
    pub theme: Theme,
    /// Whether sources are drawn as terminal hyperlinks (OSC 8).
    pub hyperlinks: bool,
    /// Where the last frame drew its links.
    pub links: Links,
    /// Date written into decision records.
    pub today: String,
    /// Answers that came from `--answers`.
    pub prefilled: usize,
    /// Set when the wizard should end.
    pub exit: Option<Exit>,
    /// Set when the event loop should hand the terminal back and stop (Ctrl+Z); the loop
    /// clears it.
    pub suspend: bool,
}

impl Model {
    /// A model over the editions, `active` being the one loaded into `ds` with `answers`.
    pub fn new(editions: Vec<Edition>, active: usize, ds: Dataset, answers: Answers) -> Self {
        let verdict = engine::decide(&ds, &answers);
        let report = report::build(&ds, &verdict);
        let layout = report::layout::build(&report);
        let compare = CompareScreen::new(&ds);
        let prefilled = answers.answered().count();
        Self {
            welcome_cursor: active,
            editions,
            active,
            question: QuestionState {
                current: 0,
                cursor: 0,
                pane: QuestionPane::Options,
                panel_scroll: 0,
            },
            result: ResultScreen::default(),
            compare,
            ds,
            answers,
            verdict,
            report,
            layout,
            screen: Screen::Welcome,
            overlays: Vec::new(),
            dialog: None,
            matrix_row: 0,
            matrix_scroll: 0,
            help_scroll: 0,
            status: None,
            previews: Vec::new(),
            size: (80, 24),
            theme: Theme::default(),
            hyperlinks: false,
            links: Links::default(),
            today: String::from("1970-01-01"),
            prefilled,
            exit: None,
            suspend: false,
        }
    }

    /// A model over one dataset (tests, `--data FILE`).
    pub fn single(ds: Dataset, answers: Answers) -> Self {
        let edition = Edition {
            name: ds.id.clone(),
            line: ds.edition.clone(),
            pick_when: String::new(),
            default: true,
            from_flag: false,
            state: EditionState::Active,
            saved: None,
            resumable: None,
        };
        Self::new(vec![edition], 0, ds, answers)
    }

    /// Re-evaluates the answers.
    pub fn refresh(&mut self) {
        self.verdict = engine::decide(&self.ds, &self.answers);
        self.report = report::build(&self.ds, &self.verdict);
        self.layout = report::layout::build(&self.report);
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// The questionnaire's flow over the answers so far.
    pub fn flow(&self) -> Flow<'_> {
        Flow::of(&self.verdict)
    }

    pub fn is_asked(&self, q: QuestionIx) -> bool {
        self.verdict.eval.asked[q] == Asked::Yes
    }

    /// "Question `pos` of `total`" (see [`Flow::position`]).
    pub fn stepper(&self) -> (usize, usize) {
        self.flow().position(self.question.current)
    }

    /// Going to the result now misses nothing: no question left can change it.
    pub fn can_finish(&self) -> bool {
        self.screen == Screen::Question && self.flow().next().is_none()
    }

    /// Saves the answers of the edition in use where they are kept (a failure to save is
    /// not worth interrupting the person for: the answers are still here).
    pub fn save_answers(&self) {
        if let Some(saved) = self
            .editions
            .get(self.active)
            .and_then(|e| e.saved.as_ref())
        {
            let _ = saved.save(&self.ds, &self.answers);
        }
    }

    /// The rows of the answers pane: every answer that counts, then the questions skipped
    /// as not needed (answerable from there), by question.
    pub fn answer_rows(&self) -> Vec<(QuestionIx, Option<OptionIx>)> {
        let flow = self.flow();
        let mut rows: Vec<(QuestionIx, Option<OptionIx>)> = (0..self.ds.questions.len())
            .filter(|&q| self.is_asked(q))
            .filter_map(|q| self.answers.get(q).map(|o| (q, Some(o))))
            .collect();
        rows.extend(flow.not_needed().into_iter().map(|q| (q, None)));
        rows
    }

    /// The context chosen in the answers, if any.
    pub fn answered_context(&self) -> Option<ContextIx> {
        let q = self.ds.context_question?;
        engine::effective_answer(&self.answers, &self.verdict.eval.asked, q)
            .filter(|&c| c < self.ds.contexts.len())
    }

    /// The comparison as the compare screen shows it.
    pub fn comparison(&self) -> Comparison<'_> {
        Comparison {
            ds: &self.ds,
            candidates: (0..self.ds.candidates.len())
                .filter(|&c| self.compare.shown.get(c).copied().unwrap_or(false))
                .collect(),
            context: self.compare.context,
            only_differences: self.compare.only_differences,
            // Read beside the result once there is one to read it beside.
            result: (!self.report.answers.is_empty()).then(|| self.report.marks.clone()),
        }
    }

    /// The support row of the comparison, when shown: (context, whether it differs).
    pub fn support_row(&self) -> Option<(ContextIx, bool)> {
        self.comparison().support_shown()
    }

    /// The question behind row `i` of the answers pane.
    pub fn result_answer_question(&self, i: usize) -> Option<QuestionIx> {
        self.answer_rows().get(i).map(|&(q, _)| q)
    }
}
