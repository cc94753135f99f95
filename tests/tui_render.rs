//! Whole-app render tests: the app driven by injected keys into ratatui's `TestBackend`,
//! snapshotted with insta at 80×24 and 120×40; style assertions where a style carries
//! meaning; a property test over terminal sizes and rapid resizes.

use std::collections::VecDeque;

use authwiz::dataset::{self, Answers, Dataset};
use authwiz::tui::model::{Model, Screen};
use authwiz::tui::msg::Export;
use authwiz::tui::theme::Theme;
use authwiz::tui::{Input, Msg, Scripted, run, update, view};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn commute() -> Dataset {
    dataset::load_path(std::path::Path::new("tests/fixtures/commute.toml")).unwrap()
}

fn model() -> Model {
    let ds = commute();
    let answers = Answers::for_dataset(&ds);
    Model::single(ds, answers)
}

fn k(c: char) -> KeyCode {
    KeyCode::Char(c)
}

/// Runs the whole app (keymap, update, view, event loop) on a `TestBackend` of `w`×`h`
/// with these keys, and returns the terminal as it was left.
fn drive(m: &mut Model, w: u16, h: u16, keys: &[KeyCode]) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let script: VecDeque<Input> = keys
        .iter()
        .map(|&c| Input::Event(Event::Key(KeyEvent::new(c, KeyModifiers::NONE))))
        .collect();
    run(&mut terminal, m, &mut Scripted(script)).unwrap();
    terminal
}

fn screen(keys: &[KeyCode], w: u16, h: u16) -> (Model, Terminal<TestBackend>) {
    let mut m = model();
    let t = drive(&mut m, w, h, keys);
    (m, t)
}

const ENTER: KeyCode = KeyCode::Enter;
const DOWN: KeyCode = KeyCode::Down;

/// Keys to the result: city, licence yes, long, cargo no → the bus.
const TO_RESULT: &[KeyCode] = &[ENTER, ENTER, ENTER, DOWN, ENTER, DOWN, ENTER];

fn states() -> Vec<(&'static str, Vec<KeyCode>)> {
    let with = |extra: &[KeyCode]| {
        let mut v = TO_RESULT.to_vec();
        v.extend_from_slice(extra);
        v
    };
    vec![
        ("welcome", vec![]),
        ("question_first", vec![ENTER]),
        // city, licence yes: the third question, one candidate ruled out by nothing yet.
        ("question_third", vec![ENTER, ENTER, ENTER]),
        // village, licence no: the bus and the car ruled out.
        ("question_ruled_out", vec![ENTER, DOWN, ENTER, DOWN, ENTER]),
        // city, licence no, short, cargo no: settled, fitness left: offer to finish.
        (
            "question_settled",
            vec![ENTER, ENTER, DOWN, ENTER, ENTER, DOWN, ENTER],
        ),
        ("result", TO_RESULT.to_vec()),
        ("result_answers_pane", with(&[KeyCode::Tab, DOWN])),
        ("result_change_answer", with(&[KeyCode::Tab, DOWN, ENTER])),
        ("result_export", with(&[k('e')])),
        // village, licence no, short, cargo yes: nothing fits.
        (
            "result_conflict",
            vec![ENTER, DOWN, ENTER, DOWN, ENTER, ENTER, ENTER, k('f')],
        ),
        ("compare", with(&[k('c')])),
        (
            "compare_toggled",
            with(&[k('c'), KeyCode::Right, k(' '), k('d')]),
        ),
        ("compare_from_welcome", vec![k('c')]),
        ("matrix", vec![k('m'), DOWN]),
        ("help", vec![ENTER, k('?')]),
    ]
}

#[test]
fn every_screen_at_80x24_and_120x40() {
    for (name, keys) in states() {
        for (w, h) in [(80, 24), (120, 40)] {
            let (_, t) = screen(&keys, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

#[test]
fn overwrite_confirmation() {
    let mut m = model();
    let mut t = drive(&mut m, 80, 24, TO_RESULT);
    update(
        &mut m,
        Msg::Exists {
            what: Export::Report,
            path: "decision.md".into(),
            contents: String::new(),
        },
    );
    t.draw(|f| view(&m, f)).unwrap();
    insta::assert_snapshot!("confirm_overwrite_80x24", t.backend());
}

#[test]
fn too_small_message() {
    for (w, h) in [(59, 24), (80, 15), (40, 10), (20, 5)] {
        let (_, t) = screen(&[ENTER], w, h);
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), t.backend());
    }
}

/// The text of row `y`.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect()
}

/// The first cell holding `needle`'s first character on a row containing it.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let r = row(buf, y);
        if let Some(byte) = r.find(needle) {
            let x = r[..byte].chars().count() as u16;
            return Some((x, y));
        }
    }
    None
}

#[test]
fn the_selected_option_is_reverse_video_not_just_colour() {
    let (_, t) = screen(&[ENTER, DOWN], 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "› 2. In a village").expect("cursor marker on option 2");
    for dx in 0..10 {
        assert!(
            buf[(x + dx, y)].modifier.contains(Modifier::REVERSED),
            "selected option cell {dx} not reversed"
        );
    }
    let (x, y) = find(buf, "1. In a city").unwrap();
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_winner_carries_a_star_and_bold() {
    let (_, t) = screen(TO_RESULT, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "★ Recommended way to travel: Bus").expect("winner line");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(buf[(x + 2, y)].modifier.contains(Modifier::BOLD));
    assert_eq!(buf[(x + 2, y)].fg, Color::Green);

    // In the live panel: ★ for the leader, ✗ for the ruled out.
    let (_, t) = screen(&[ENTER, DOWN, ENTER, DOWN, ENTER], 80, 24);
    let buf = t.backend().buffer();
    assert!(find(buf, "★ Bicycle").is_some());
    assert!(find(buf, "✗ Bus — ruled out").is_some());
    assert!(find(buf, "✗ Car — ruled out").is_some());
}

#[test]
fn differing_rows_are_marked_by_a_symbol() {
    let (_, t) = screen(&[k('c')], 80, 24);
    let buf = t.backend().buffer();
    let (_, y) = find(buf, "Cheap to run?").unwrap();
    assert!(row(buf, y).contains('≠'));
}

#[test]
fn no_color_means_no_colours_at_all() {
    for (name, keys) in states() {
        let mut m = model();
        m.theme = Theme::monochrome();
        let t = drive(&mut m, 100, 30, &keys);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "{name}: foreground colour");
            assert_eq!(cell.bg, Color::Reset, "{name}: background colour");
        }
        // ...and the selection still shows, by reverse video.
        if name == "question_first" {
            assert!(
                buf.content()
                    .iter()
                    .any(|c| c.modifier.contains(Modifier::REVERSED))
            );
        }
    }
}

#[test]
fn hostile_dataset_text_never_reaches_the_buffer_raw() {
    let text = std::fs::read_to_string("tests/fixtures/commute.toml")
        .unwrap()
        .replace(
            "Choose a way to commute",
            "Choose \\u001b[31mred\\u0007 \\u009b2J",
        )
        .replace(
            "Where do you live?",
            "Where\\u001b]0;pwned\\u0007 do you live?",
        )
        .replace("In a city", "In a \\u001b[2Jcity");
    let ds = dataset::load_str("hostile.toml", &text).unwrap();
    let answers = Answers::for_dataset(&ds);
    let mut m = Model::single(ds, answers);
    for keys in [
        vec![],
        vec![ENTER],
        vec![ENTER, k('c')],
        vec![ENTER, k('?')],
    ] {
        let t = drive(&mut m, 100, 30, &keys);
        for cell in t.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()),
                "control character in the buffer: {:?}",
                cell.symbol()
            );
        }
    }
}

/// A script that also counts the job control asked of it.
#[derive(Default)]
struct JobControlCounted {
    script: Scripted,
    suspends: usize,
    resumes: usize,
}

impl authwiz::tui::Events for JobControlCounted {
    fn next(&mut self, timeout: std::time::Duration) -> std::io::Result<Option<Input>> {
        self.script.next(timeout)
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        self.suspends += 1;
        Ok(())
    }
    fn resume(&mut self) -> std::io::Result<()> {
        self.resumes += 1;
        Ok(())
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_sigcont_resumes_then_all_is_redrawn() {
    let mut m = model();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let ctrl_z = KeyEvent::new(k('z'), KeyModifiers::CONTROL);
    let mut events = JobControlCounted::default();
    events.script.0.extend([
        Input::Event(Event::Key(ctrl_z)),
        Input::Suspend,
        Input::Continued,
    ]);
    run(&mut terminal, &mut m, &mut events).unwrap();
    assert_eq!((events.suspends, events.resumes), (2, 1));
    assert!(!m.suspend);
    assert_eq!(m.exit, None, "still running when the script ran out");
    assert_eq!(m.screen, Screen::Welcome);
    let buf = terminal.backend().buffer();
    assert!(find(buf, "Edition in use").is_some(), "{buf:?}");
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut m = model();
    m.size = (120, 40);
    let lines = {
        // Render the help at a huge height so every line is on screen.
        let mut t = Terminal::new(TestBackend::new(120, 400)).unwrap();
        m.size = (120, 400);
        update(&mut m, Msg::Help);
        t.draw(|f| view(&m, f)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| row(&buf, y))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for b in authwiz::tui::keymap::BINDINGS {
        let what = authwiz::strings::wizard::vocab(b.what, &m.ds.vocabulary);
        assert!(lines.contains(&what), "help lacks {what:?}");
        let keys = authwiz::tui::keymap::keys_label(b);
        assert!(lines.contains(&keys), "help lacks the keys {keys:?}");
    }
    assert!(lines.contains("Season ticket"), "glossary");
    assert_eq!(m.screen, Screen::Welcome);
}

/// Every screen state, as (keys) to reach it.
fn all_keys() -> Vec<Vec<KeyCode>> {
    states().into_iter().map(|s| s.1).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any size from 1×1 to 300×100 renders every screen without panicking.
    #[test]
    fn any_size_renders(w in 1u16..=300, h in 1u16..=100, state in 0usize..15) {
        let keys = &all_keys()[state % all_keys().len()];
        let mut m = model();
        let mut t = drive(&mut m, w, h, keys);
        t.draw(|f| view(&m, f)).unwrap();
    }

    /// Rapid resizes, with keys in between, never panic and keep the model's size in step.
    #[test]
    fn rapid_resizes(sizes in proptest::collection::vec((1u16..=300, 1u16..=100), 1..12),
                     state in 0usize..15,
                     scroll in 0usize..40) {
        let keys = &all_keys()[state % all_keys().len()];
        let mut m = model();
        let mut t = drive(&mut m, 80, 24, keys);
        for (i, (w, h)) in sizes.into_iter().enumerate() {
            t.backend_mut().resize(w, h);
            update(&mut m, Msg::Resize(w, h));
            for _ in 0..(scroll + i) % 7 {
                update(&mut m, Msg::PageDown);
            }
            t.draw(|f| view(&m, f)).unwrap();
            prop_assert_eq!(m.size, (w, h));
        }
    }
}

#[test]
fn every_screen_at_the_exact_minimum_and_one_by_one() {
    for keys in all_keys() {
        for (w, h) in [(60, 16), (1, 1), (2, 1), (1, 2)] {
            let mut m = model();
            drive(&mut m, w, h, &keys);
        }
    }
}
