//! `update()` unit tests: navigation, going back, changing an answer on the result,
//! the comparison's columns and rows, exports, quitting. No terminal involved.

use authwiz::dataset::{self, Answers, Dataset};
use authwiz::engine::Asked;
use authwiz::tui::model::{
    Dialog, Edition, EditionState, Model, Overlay, QuestionPane, ResultPane, Screen, StatusKind,
};
use authwiz::tui::msg::Export;
use authwiz::tui::{Effect, Exit, Msg, keymap, perform, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn commute() -> Dataset {
    dataset::load_path(std::path::Path::new("tests/fixtures/commute.toml")).unwrap()
}

fn model() -> Model {
    let ds = commute();
    let answers = Answers::for_dataset(&ds);
    Model::single(ds, answers)
}

/// Applies messages in turn, carrying out effects like the event loop does.
fn send(m: &mut Model, msgs: &[Msg]) {
    for msg in msgs {
        let mut next = update(m, msg.clone()).map(perform);
        while let Some(msg) = next {
            next = update(m, msg).map(perform);
        }
    }
}

fn q(m: &Model, id: &str) -> usize {
    m.ds.question_ix(id).unwrap()
}

fn answer_of(m: &Model, id: &str) -> Option<String> {
    let qi = q(m, id);
    m.answers
        .get(qi)
        .map(|o| m.ds.questions[qi].options[o].id.clone())
}

fn current(m: &Model) -> &str {
    &m.ds.questions[m.question.current].id
}

fn recommendation(m: &Model) -> Option<String> {
    m.report.recommendation.as_ref().map(|r| r.0.clone())
}

#[test]
fn starts_on_the_welcome_screen_and_enter_starts_the_questions() {
    let mut m = model();
    assert_eq!(m.screen, Screen::Welcome);
    send(&mut m, &[Msg::Enter]);
    assert_eq!(m.screen, Screen::Question);
    assert_eq!(current(&m), "town");
    assert_eq!(m.question.cursor, 0);
    assert_eq!(m.stepper(), (1, 5));
}

#[test]
fn answering_moves_forward_and_skips_what_cannot_change_the_result() {
    let mut m = model();
    send(&mut m, &[Msg::Enter, Msg::Choose(1)]);
    assert_eq!(answer_of(&m, "town").as_deref(), Some("village"));
    assert_eq!(current(&m), "licence");
    assert_eq!(m.stepper().0, 2);
    // licence = yes, distance = long: "fitness" is asked only for short trips, and the
    // car leads whatever "cargo" is: the result, with cargo not needed.
    send(&mut m, &[Msg::Choose(0), Msg::Choose(1)]);
    assert_eq!(m.verdict.eval.asked[q(&m, "fitness")], Asked::No);
    assert_eq!(m.screen, Screen::Result);
    assert_eq!(m.flow().not_needed(), [q(&m, "cargo")]);
    assert!(
        m.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not needed")),
        "{:?}",
        m.status
    );
    // The skipped question is in the answers pane, answerable.
    let rows = m.answer_rows();
    assert_eq!(rows.last(), Some(&(q(&m, "cargo"), None)));
}

#[test]
fn going_back_preselects_the_previous_answer() {
    let mut m = model();
    // town = village, licence = yes, distance = long: the result.
    send(
        &mut m,
        &[Msg::Enter, Msg::Choose(1), Msg::Choose(0), Msg::Choose(1)],
    );
    assert_eq!(m.screen, Screen::Result);
    send(&mut m, &[Msg::Back]);
    assert_eq!(current(&m), "distance");
    assert_eq!(
        m.question.cursor, 1,
        "the old answer (long) is pre-selected"
    );
    send(&mut m, &[Msg::Back]);
    assert_eq!(current(&m), "licence");
    assert_eq!(m.question.cursor, 0);
    send(&mut m, &[Msg::Back]);
    assert_eq!(current(&m), "town");
    assert_eq!(m.question.cursor, 1);
    // Answers are kept while going back.
    assert_eq!(answer_of(&m, "distance").as_deref(), Some("long"));
    // Before the first question: the welcome screen.
    send(&mut m, &[Msg::Back]);
    assert_eq!(m.screen, Screen::Welcome);
}

#[test]
fn going_forward_again_shows_each_earlier_answer_selected() {
    let mut m = model();
    send(
        &mut m,
        &[
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
        ],
    );
    send(&mut m, &[Msg::Back, Msg::Back]);
    assert_eq!(current(&m), "licence");
    send(&mut m, &[Msg::Enter]);
    assert_eq!(current(&m), "distance");
    assert_eq!(m.question.cursor, 1);
}

#[test]
fn changing_an_earlier_answer_changes_what_is_asked() {
    let mut m = model();
    // town = city, licence = yes, distance = long: fitness not asked.
    send(
        &mut m,
        &[Msg::Enter, Msg::Enter, Msg::Enter, Msg::Down, Msg::Enter],
    );
    assert_eq!(m.verdict.eval.asked[q(&m, "fitness")], Asked::No);
    send(&mut m, &[Msg::Back, Msg::Up, Msg::Enter]);
    assert_eq!(answer_of(&m, "distance").as_deref(), Some("short"));
    assert_eq!(m.verdict.eval.asked[q(&m, "fitness")], Asked::Yes);
    assert_eq!(m.stepper(), (4, 5));
}

#[test]
fn answering_everything_reaches_the_result_and_quit_keeps_it() {
    let mut m = model();
    // city, licence yes, short, cargo no, fitness yes.
    send(
        &mut m,
        &[
            Msg::Enter,
            Msg::Enter,
            Msg::Enter,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
            Msg::Enter,
        ],
    );
    assert_eq!(m.screen, Screen::Result);
    assert_eq!(recommendation(&m).as_deref(), Some("bike"));
    send(&mut m, &[Msg::Quit]);
    assert_eq!(m.exit, Some(Exit::Result));
}

#[test]
fn quitting_before_a_result_and_ctrl_c() {
    let mut m = model();
    send(&mut m, &[Msg::Enter, Msg::Quit]);
    assert_eq!(m.exit, Some(Exit::NoResult));
    let mut m = model();
    send(&mut m, &[Msg::Interrupt]);
    assert_eq!(m.exit, Some(Exit::Interrupted));
    let mut m = model();
    send(&mut m, &[Msg::Signal(15)]);
    assert_eq!(m.exit, Some(Exit::Signal(15)));
}

#[test]
fn finish_goes_to_the_result_only_when_nothing_is_left_to_ask() {
    let mut m = model();
    // city, licence no: questions are left.
    send(&mut m, &[Msg::Enter, Msg::Choose(0), Msg::Choose(1)]);
    assert!(!m.can_finish());
    send(&mut m, &[Msg::Finish]);
    assert_eq!(m.screen, Screen::Question);
    let status = m.status.as_ref().expect("says why it cannot finish");
    // Nothing was done: not shown as a success.
    assert_ne!(
        status.kind,
        authwiz::tui::model::StatusKind::Done,
        "{status:?}"
    );
    // Answer on to the result, then go back to review an answer: nothing is left to ask,
    // so `f` goes straight to the result.
    for _ in 0..6 {
        if m.screen == Screen::Question {
            let o = m.question.cursor;
            send(&mut m, &[Msg::Choose(o)]);
        }
    }
    assert_eq!(m.screen, Screen::Result);
    send(&mut m, &[Msg::Back]);
    assert_eq!(m.screen, Screen::Question);
    assert!(m.can_finish());
    send(&mut m, &[Msg::Finish]);
    assert_eq!(m.screen, Screen::Result);
}

#[test]
fn each_option_says_what_it_would_do_and_the_cursor_avoids_contradictions() {
    let mut m = model();
    // village, no licence: the car is out, and carrying heavy things would rule out the
    // bicycle as well: nothing would fit. The cursor does not start there.
    send(&mut m, &[Msg::Enter, Msg::Choose(1), Msg::Choose(1)]);
    let cargo = q(&m, "cargo");
    if current(&m) == "cargo" {
        let yes = m.ds.questions[cargo].option_ix("yes").unwrap();
        assert!(m.previews[yes].nothing_fits(), "{:?}", m.previews);
        assert_ne!(m.question.cursor, yes);
    }
    // Every question shows a preview per option.
    assert_eq!(
        m.previews.len(),
        m.ds.questions[m.question.current].options.len()
    );
}

#[test]
fn keys_act_on_the_pane_with_the_focus() {
    let mut m = model();
    send(&mut m, &[Msg::Enter, Msg::NextPane]);
    assert_eq!(m.question.pane, QuestionPane::Candidates);
    send(&mut m, &[Msg::Enter, Msg::Choose(1)]);
    assert_eq!(
        answer_of(&m, "town"),
        None,
        "Enter and digits in the panel do not answer"
    );
}

#[test]
fn q_closes_panels_and_dialogs_instead_of_quitting() {
    let mut m = model();
    send(&mut m, &[Msg::Enter]);
    for open in [Msg::OpenCompare, Msg::OpenMatrix, Msg::Help] {
        send(&mut m, &[open]);
        assert!(!m.overlays.is_empty());
        let q = keymap::lookup(&m, &key(KeyCode::Char('q'))).unwrap();
        send(&mut m, &[q]);
        assert!(m.overlays.is_empty(), "q closes the panel");
        assert_eq!(m.exit, None, "and does not quit");
    }
}

#[test]
fn escape_on_the_result_goes_back_to_the_last_question() {
    let mut m = model();
    send(
        &mut m,
        &[
            Msg::Enter,
            Msg::Enter,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
        ],
    );
    assert_eq!(m.screen, Screen::Result);
    send(&mut m, &[Msg::Back]);
    assert_eq!(m.screen, Screen::Question);
    assert_eq!(current(&m), "cargo");
    assert_eq!(m.question.cursor, 1);
}

/// city, licence yes, long, cargo no: the bus.
fn at_result() -> Model {
    let mut m = model();
    send(
        &mut m,
        &[
            Msg::Enter,
            Msg::Enter,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
            Msg::Down,
            Msg::Enter,
        ],
    );
    assert_eq!(m.screen, Screen::Result);
    m
}

#[test]
fn changing_an_answer_on_the_result_re_evaluates_at_once() {
    let mut m = at_result();
    assert_eq!(recommendation(&m).as_deref(), Some("bus"));
    send(&mut m, &[Msg::NextPane]);
    assert_eq!(m.result.pane, ResultPane::Answers);
    // The fourth answer: cargo (no) → yes.
    send(&mut m, &[Msg::Down, Msg::Down, Msg::Down, Msg::Enter]);
    let cargo = q(&m, "cargo");
    assert_eq!(
        m.dialog,
        Some(Dialog::Chooser {
            question: cargo,
            cursor: 1
        }),
        "the chooser opens on the current answer"
    );
    send(&mut m, &[Msg::Up, Msg::Enter]);
    assert_eq!(m.dialog, None);
    assert_eq!(m.screen, Screen::Result);
    assert_eq!(answer_of(&m, "cargo").as_deref(), Some("yes"));
    assert_eq!(recommendation(&m).as_deref(), Some("car"));
    assert_eq!(
        m.verdict,
        authwiz::engine::decide(&m.ds, &m.answers),
        "the model shows the engine's verdict"
    );
}

#[test]
fn cancelling_the_chooser_keeps_the_answer() {
    let mut m = at_result();
    send(&mut m, &[Msg::NextPane, Msg::Enter, Msg::Down, Msg::Back]);
    assert_eq!(m.dialog, None);
    assert_eq!(answer_of(&m, "town").as_deref(), Some("city"));
}

#[test]
fn comparison_columns_toggle_and_only_differences() {
    let mut m = model();
    send(&mut m, &[Msg::OpenCompare]);
    assert_eq!(m.overlays, vec![Overlay::Compare]);
    assert_eq!(m.comparison().candidates, vec![0, 1, 2]);
    assert_eq!(m.comparison().rows(), vec![0, 1, 2, 3]);
    // Hide the bus.
    send(&mut m, &[Msg::Right, Msg::Toggle]);
    assert_eq!(m.compare.shown, vec![true, false, true]);
    assert_eq!(m.comparison().candidates, vec![0, 2]);
    // Bicycle and car differ on cost, cargo and weather, not on "needs nobody else".
    send(&mut m, &[Msg::OnlyDifferences]);
    assert!(m.compare.only_differences);
    assert_eq!(m.comparison().rows(), vec![0, 1, 2]);
    // Show it again.
    send(&mut m, &[Msg::Toggle]);
    assert_eq!(m.comparison().rows(), vec![0, 1, 2, 3]);
    // Support for a context: none, city, village, none.
    assert_eq!(m.compare.context, None);
    send(&mut m, &[Msg::NextContext]);
    assert_eq!(m.compare.context, Some(0));
    assert_eq!(
        m.support_row(),
        None,
        "all supported in a city: no difference"
    );
    send(&mut m, &[Msg::NextContext]);
    assert_eq!(m.support_row(), Some((1, true)));
    send(&mut m, &[Msg::NextContext]);
    assert_eq!(m.compare.context, None);
    send(&mut m, &[Msg::Back]);
    assert!(m.overlays.is_empty());
    assert_eq!(m.screen, Screen::Welcome);
}

#[test]
fn comparison_is_reachable_from_every_screen_and_takes_the_answered_context() {
    let mut m = at_result();
    send(&mut m, &[Msg::OpenCompare]);
    assert_eq!(m.compare.context, Some(0), "the context answered (city)");
    send(&mut m, &[Msg::OpenMatrix, Msg::Help]);
    assert_eq!(
        m.overlays,
        vec![Overlay::Compare, Overlay::Matrix, Overlay::Help]
    );
    send(&mut m, &[Msg::Help]);
    assert_eq!(m.overlays, vec![Overlay::Compare, Overlay::Matrix]);
    // Opening one already open goes back to it.
    send(&mut m, &[Msg::OpenCompare]);
    assert_eq!(m.overlays, vec![Overlay::Compare]);
    send(&mut m, &[Msg::Back]);
    assert_eq!(m.screen, Screen::Result);
    // From a question too.
    send(&mut m, &[Msg::Back, Msg::OpenMatrix]);
    assert_eq!(m.screen, Screen::Question);
    assert_eq!(m.overlays, vec![Overlay::Matrix]);
}

#[test]
fn tab_switches_panes() {
    let mut m = model();
    send(&mut m, &[Msg::Enter, Msg::NextPane]);
    assert_eq!(m.question.pane, QuestionPane::Candidates);
    send(&mut m, &[Msg::Down]);
    assert_eq!(m.question.cursor, 0, "arrows scroll the focused panel");
    send(&mut m, &[Msg::NextPane, Msg::Down]);
    assert_eq!(m.question.cursor, 1);
}

#[test]
fn export_asks_for_a_name_and_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    let mut m = at_result();
    send(&mut m, &[Msg::Export(Export::Report)]);
    assert!(matches!(m.dialog, Some(Dialog::FileName { .. })));
    // Replace the suggested name.
    for _ in 0..40 {
        send(&mut m, &[Msg::DeleteChar]);
    }
    let typed: Vec<Msg> = path.display().to_string().chars().map(Msg::Input).collect();
    send(&mut m, &typed);
    send(&mut m, &[Msg::Enter]);
    assert_eq!(m.dialog, None);
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.contains("Bus"), "{first}");
    assert_ne!(m.status.as_ref().unwrap().kind, StatusKind::Error);

    // Again: the file exists, so it asks; "no" keeps it.
    std::fs::write(&path, "old").unwrap();
    send(&mut m, &[Msg::Export(Export::Report)]);
    for _ in 0..40 {
        send(&mut m, &[Msg::DeleteChar]);
    }
    send(&mut m, &typed);
    send(&mut m, &[Msg::Enter]);
    assert!(matches!(m.dialog, Some(Dialog::Confirm { .. })));
    send(&mut m, &[Msg::No]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");

    // "yes" overwrites.
    send(&mut m, &[Msg::Export(Export::Report)]);
    for _ in 0..40 {
        send(&mut m, &[Msg::DeleteChar]);
    }
    send(&mut m, &typed);
    send(&mut m, &[Msg::Enter, Msg::Yes]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
}

#[test]
fn saved_answers_load_back_into_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    let m = at_result();
    let eff = Effect::Write {
        what: Export::Answers,
        path: path.clone(),
        contents: authwiz::tui::update::export_contents(&m, Export::Answers),
        overwrite: false,
    };
    assert!(matches!(perform(eff), Msg::Written { .. }));
    let resumed =
        authwiz::tui::load_model(Some("tests/fixtures/commute.toml"), Some(&path), true).unwrap();
    assert_eq!(resumed.answers, m.answers);
    assert_eq!(
        resumed.screen,
        Screen::Result,
        "all answered: straight to the result"
    );
}

#[test]
fn partial_answers_resume_at_the_first_unanswered_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        "dataset = \"commute\"\n[answers]\ntown = \"city\"\ndistance = \"short\"\n",
    )
    .unwrap();
    let m =
        authwiz::tui::load_model(Some("tests/fixtures/commute.toml"), Some(&path), true).unwrap();
    assert_eq!(m.screen, Screen::Question);
    assert_eq!(current(&m), "licence");
}

#[test]
fn export_failure_is_reported_not_fatal() {
    let mut m = at_result();
    let eff = Effect::Write {
        what: Export::Adr,
        path: "/nonexistent-dir/x/adr.md".into(),
        contents: "x".into(),
        overwrite: false,
    };
    let msg = perform(eff);
    assert!(matches!(msg, Msg::WriteFailed { .. }));
    update(&mut m, msg);
    assert_eq!(m.status.as_ref().unwrap().kind, StatusKind::Error);
    assert_eq!(m.exit, None);
}

#[test]
fn an_edition_that_fails_to_load_is_shown_not_used() {
    let ds = commute();
    let answers = Answers::for_dataset(&ds);
    let editions = vec![
        Edition {
            name: "commute".into(),
            line: ds.edition.clone(),
            pick_when: String::new(),
            default: true,
            from_flag: false,
            state: EditionState::Active,
            saved: None,
            resumable: None,
        },
        Edition {
            name: "broken".into(),
            line: String::new(),
            pick_when: String::new(),
            default: false,
            from_flag: false,
            state: EditionState::Failed("broken.toml: empty file".into()),
            saved: None,
            resumable: None,
        },
    ];
    let mut m = Model::new(editions, 0, ds, answers);
    send(&mut m, &[Msg::Down, Msg::Enter]);
    assert_eq!(m.screen, Screen::Welcome);
    assert_eq!(m.status.as_ref().unwrap().kind, StatusKind::Error);
    assert_eq!(m.active, 0);
    send(&mut m, &[Msg::OpenCompare]);
    assert!(
        m.overlays.is_empty(),
        "nothing to compare in a broken edition"
    );
    send(&mut m, &[Msg::Up, Msg::Enter]);
    assert_eq!(m.screen, Screen::Question);
}

#[test]
fn switching_editions_keeps_each_editions_answers() {
    let a = commute();
    let b = dataset::load_default().unwrap();
    let editions = vec![
        Edition {
            name: "commute".into(),
            line: a.edition.clone(),
            pick_when: String::new(),
            default: true,
            from_flag: false,
            state: EditionState::Active,
            saved: None,
            resumable: None,
        },
        Edition {
            name: b.id.clone(),
            line: b.edition.clone(),
            pick_when: String::new(),
            default: false,
            from_flag: false,
            state: EditionState::Stashed(b.clone(), Answers::for_dataset(&b)),
            saved: None,
            resumable: None,
        },
    ];
    let answers = Answers::for_dataset(&a);
    let mut m = Model::new(editions, 0, a, answers);
    send(&mut m, &[Msg::Enter, Msg::Down, Msg::Enter]);
    assert_eq!(answer_of(&m, "town").as_deref(), Some("village"));
    send(&mut m, &[Msg::Back, Msg::Back]);
    assert_eq!(m.screen, Screen::Welcome);
    send(&mut m, &[Msg::Down, Msg::Enter]);
    assert_eq!(m.ds.id, b.id);
    assert_eq!(m.compare.shown.len(), b.candidates.len());
    send(&mut m, &[Msg::Back, Msg::Up, Msg::Enter]);
    assert_eq!(m.ds.id, "commute");
    assert_eq!(answer_of(&m, "town").as_deref(), Some("village"));
}

#[test]
fn too_small_only_quits() {
    let mut m = model();
    send(&mut m, &[Msg::Resize(30, 10)]);
    assert!(m.too_small());
    send(&mut m, &[Msg::Enter]);
    assert_eq!(m.screen, Screen::Welcome);
    let key = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap::lookup(&m, &key), Some(Msg::Quit));
    send(&mut m, &[Msg::Resize(80, 24), Msg::Enter]);
    assert_eq!(m.screen, Screen::Question);
    send(&mut m, &[Msg::Resize(20, 5), Msg::Quit]);
    assert_eq!(m.exit, Some(Exit::NoResult));
}

#[test]
fn ctrl_z_asks_the_event_loop_to_suspend_from_anywhere() {
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    let mut in_a_file_name = at_result();
    send(&mut in_a_file_name, &[Msg::Export(Export::Answers)]);
    let mut too_small = model();
    send(&mut too_small, &[Msg::Resize(20, 5)]);
    for m in [model(), at_result(), in_a_file_name, too_small] {
        assert_eq!(keymap::lookup(&m, &ctrl_z), Some(Msg::Suspend));
    }
    let mut m = at_result();
    send(&mut m, &[Msg::Suspend]);
    assert!(m.suspend, "the loop is asked to suspend");
    assert_eq!(m.exit, None, "suspending is not leaving");
    assert_eq!(m.screen, Screen::Result);
}

#[test]
fn a_huge_terminal_is_drawn_at_the_size_limit() {
    use authwiz::tui::size_limit::{MAX_HEIGHT, MAX_WIDTH};
    let mut m = model();
    send(&mut m, &[Msg::Resize(u16::MAX, u16::MAX)]);
    assert_eq!(m.size, (MAX_WIDTH, MAX_HEIGHT));
    send(&mut m, &[Msg::Resize(MAX_WIDTH + 1, 30)]);
    assert_eq!(m.size, (MAX_WIDTH, 30));
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn keymap_maps_arrows_and_vim_keys_per_screen() {
    let mut m = model();
    send(&mut m, &[Msg::Enter]);
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('j'))),
        Some(Msg::Down)
    );
    assert_eq!(keymap::lookup(&m, &key(KeyCode::Down)), Some(Msg::Down));
    assert_eq!(keymap::lookup(&m, &key(KeyCode::Char('k'))), Some(Msg::Up));
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('h'))),
        Some(Msg::Back)
    );
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('l'))),
        Some(Msg::Enter)
    );
    assert_eq!(keymap::lookup(&m, &key(KeyCode::Esc)), Some(Msg::Back));
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Backspace)),
        Some(Msg::Back)
    );
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('?'))),
        Some(Msg::Help)
    );
    assert_eq!(keymap::lookup(&m, &key(KeyCode::Tab)), Some(Msg::NextPane));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::lookup(&m, &ctrl_c), Some(Msg::Interrupt));
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('c'))),
        Some(Msg::OpenCompare)
    );
    // In a file name field, letters are text, Ctrl+C still quits.
    let mut m = at_result();
    send(&mut m, &[Msg::Export(Export::Answers)]);
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('q'))),
        Some(Msg::Input('q'))
    );
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('j'))),
        Some(Msg::Input('j'))
    );
    assert_eq!(keymap::lookup(&m, &ctrl_c), Some(Msg::Interrupt));
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Backspace)),
        Some(Msg::DeleteChar)
    );
}

#[test]
fn every_scope_has_its_back_or_quit_and_hints_come_from_the_table() {
    let mut m = model();
    send(&mut m, &[Msg::Enter]);
    let hints = keymap::hints(&m);
    assert!(hints.iter().any(|h| h.1 == "help"));
    assert!(hints.iter().any(|h| h.1 == "choose"));
    for (label, what) in &hints {
        assert!(
            keymap::BINDINGS
                .iter()
                .any(|b| b.hint == *what && (b.label == *label || matches!(*label, "↑↓" | "←→"))),
            "hint {label} {what} is not in the table"
        );
    }
}

#[test]
fn a_digit_chooses_the_answer_with_that_number() {
    let mut m = model();
    send(&mut m, &[Msg::Enter]);
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('2'))),
        Some(Msg::Choose(1)),
        "the numbers shown start at 1"
    );
    // town: 2 = village, whatever the cursor was on; then the next question.
    send(&mut m, &[Msg::Down, Msg::Down, Msg::Choose(1)]);
    assert_eq!(answer_of(&m, "town").as_deref(), Some("village"));
    assert_eq!(current(&m), "licence");
    // A number past the last answer does nothing.
    let options = m.ds.questions[m.question.current].options.len();
    send(&mut m, &[Msg::Choose(options)]);
    assert_eq!(current(&m), "licence");
    assert_eq!(answer_of(&m, "licence"), None);
}

#[test]
fn a_digit_in_the_chooser_uses_that_answer() {
    let mut m = at_result();
    send(
        &mut m,
        &[Msg::NextPane, Msg::Down, Msg::Down, Msg::Down, Msg::Enter],
    );
    assert!(matches!(m.dialog, Some(Dialog::Chooser { .. })));
    assert_eq!(
        keymap::lookup(&m, &key(KeyCode::Char('1'))),
        Some(Msg::Choose(0))
    );
    // cargo: 1 = yes.
    send(&mut m, &[Msg::Choose(0)]);
    assert_eq!(m.dialog, None);
    assert_eq!(answer_of(&m, "cargo").as_deref(), Some("yes"));
    assert_eq!(recommendation(&m).as_deref(), Some("car"));
    // Out of range: the chooser stays open and nothing changes.
    send(&mut m, &[Msg::Enter, Msg::Choose(9)]);
    assert!(matches!(m.dialog, Some(Dialog::Chooser { .. })));
    assert_eq!(answer_of(&m, "cargo").as_deref(), Some("yes"));
}

#[test]
fn with_the_panel_focused_the_hints_offer_no_answer_key() {
    let mut m = model();
    send(&mut m, &[Msg::Enter]);
    let words = |m: &Model| -> Vec<&str> { keymap::hints(m).iter().map(|h| h.1).collect() };
    assert!(words(&m).contains(&"choose"), "{:?}", words(&m));
    send(&mut m, &[Msg::NextPane]);
    assert!(!words(&m).contains(&"choose"), "{:?}", words(&m));
    assert!(words(&m).contains(&"scroll"), "{:?}", words(&m));
    assert!(!words(&m).contains(&"move"), "{:?}", words(&m));
}

#[test]
fn the_answers_kept_note_agrees_in_number() {
    use authwiz::strings::wizard::answers_kept;
    assert!(answers_kept(1).starts_with("your 1 answer is kept"));
    assert!(answers_kept(1).contains("resume it next time"));
    assert!(answers_kept(2).starts_with("your 2 answers are kept"));
}
