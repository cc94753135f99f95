//! End-to-end tests of the questionnaire's flow in a pseudo-terminal (portable-pty + vt100),
//! on the real binary at 80×24: what each option would do (previews, and the cursor never
//! starting on an option that leaves nothing fitting), questions skipped as not needed,
//! answers saved as they are given and resumed after the process is killed, `q` and Esc
//! closing the overlays, and the focus of the side panel. Every wait has a deadline, so a
//! hung wizard fails the test instead of hanging it.

#![cfg(unix)]

mod common;

#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};

use pty::{CTRL_C, ENTER, ESC, RIGHT, Session, Spawn, TAB, fixture};

/// The size of the window.
const COLS: u16 = 80;
const ROWS: u16 = 24;

/// The prompts of the commute fixture, as the wizard shows them.
const TOWN: &str = "Where do you live?";
const LICENCE: &str = "Do you have a driving licence?";
const DISTANCE: &str = "How long is the trip?";
const CARGO: &str = "Do you carry heavy things?";

/// `authwiz ARGS` at 80×24 with `state` as its state directory. Its waits end only on a
/// settled screen: options and previews are read from what they return.
fn start(args: &[&str], state: &Path) -> Session {
    Spawn::authwiz(args)
        .size(COLS, ROWS)
        .state_dir(state)
        .settled()
        .start()
}

/// The row of the screen holding `needle` (first match), its text cell by cell (one
/// character per column) and the column where `needle` starts.
fn find(p: &vt100::Parser, needle: &str) -> Option<(u16, String, u16)> {
    let screen = p.screen();
    for r in 0..ROWS {
        let text: String = (0..COLS)
            .map(|c| {
                screen
                    .cell(r, c)
                    .map(|x| x.contents().to_owned())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| " ".to_owned())
            })
            .collect();
        if let Some(byte) = text.find(needle) {
            let col = text[..byte].chars().count() as u16;
            return Some((r, text, col));
        }
    }
    None
}

/// Whether the bordered panel titled `title` has the focus: its border is bold cyan when
/// focused, dim grey otherwise. `None` when no such panel is on the screen.
fn focused(p: &vt100::Parser, title: &str) -> Option<bool> {
    let (row, _, col) = find(p, &format!(" {title} "))?;
    // "╭ Title ─": the corner is the cell before the title's leading space.
    let corner = p.screen().cell(row, col.checked_sub(1)?)?;
    if corner.contents() != "╭" {
        return None;
    }
    let cyan = corner.fgcolor() == vt100::Color::Idx(6);
    Some(corner.bold() && cyan)
}

/// The focus is on the panel titled `on` and not on the one titled `off`.
fn focus_on(p: &vt100::Parser, on: &str, off: &str) -> bool {
    focused(p, on) == Some(true) && focused(p, off) == Some(false)
}

/// One option of the question on screen, read from the left pane.
#[derive(Debug)]
struct Shown {
    number: usize,
    selected: bool,
    /// The label and the preview under it, lines joined by single spaces.
    text: String,
}

/// The options of the question on screen: the left pane's lines from "› 1." / "  1." to the
/// blank line after the last option.
fn options_on_screen(contents: &str) -> Vec<Shown> {
    let mut out: Vec<Shown> = Vec::new();
    let mut open = false;
    for line in contents.lines() {
        // "│ › 1. Label   ││ panel │": the left pane is the text before its right border.
        let Some(left) = line.split('│').nth(1) else {
            continue;
        };
        let t = left.trim();
        let (selected, rest) = match t.strip_prefix('›') {
            Some(r) => (true, r.trim_start()),
            None => (false, t),
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with(". ") {
            out.push(Shown {
                number: digits.parse().unwrap(),
                selected,
                text: rest[digits.len() + 2..].trim().to_owned(),
            });
            open = true;
        } else if t.is_empty() || t.ends_with(':') {
            open = false;
        } else if open && let Some(o) = out.last_mut() {
            o.text.push(' ');
            o.text.push_str(t);
        }
    }
    out
}

/// The option `n` (from 1) of the question on screen.
fn option(contents: &str, n: usize) -> Shown {
    options_on_screen(contents)
        .into_iter()
        .find(|o| o.number == n)
        .unwrap_or_else(|| panic!("no option {n} on the screen:\n{contents}"))
}

/// The option under the cursor.
fn cursor_on(contents: &str) -> Shown {
    options_on_screen(contents)
        .into_iter()
        .find(|o| o.selected)
        .unwrap_or_else(|| panic!("no option under the cursor on the screen:\n{contents}"))
}

/// The files under `dir`, recursively, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The one file in the state directory `state` (the saved answers): its path relative to
/// `state`, and its text.
fn saved_answers(state: &Path) -> (PathBuf, String) {
    let files = files_under(state);
    assert_eq!(files.len(), 1, "one file of saved answers: {files:?}");
    let path = state.join(&files[0]);
    let text = std::fs::read_to_string(&path).unwrap();
    (files[0].clone(), text)
}

// ---- 1. previews ----

/// Each option says what it would do: rule a way out, leave only one, or leave nothing
/// (naming the answers it conflicts with); the cursor starts on an option that keeps
/// something fitting, and the preview of nothing fitting is what answering it brings.
#[test]
fn options_preview_what_they_would_do_and_the_cursor_avoids_nothing_fits() {
    let data = fixture();
    let mut s = start(&["--data", &data], &common::state_dir());
    s.wait_for("Edition in use");

    let c = s.step(ENTER, &["Question 1 of 5", TOWN]);
    let city = option(&c, 1);
    assert!(city.selected, "{city:?}");
    assert!(
        !city.text.contains('→'),
        "the city changes nothing: {city:?}"
    );
    let village = option(&c, 2);
    assert!(village.text.contains("→ rules out Bus"), "{village:?}");

    let c = s.step("2", &["Question 2 of 5", LICENCE]);
    assert_eq!(cursor_on(&c).number, 1, "{c}");
    let no = option(&c, 2);
    assert!(no.text.contains("→ leaves only Bicycle"), "{no:?}");

    // Village and no licence: carrying heavy things would leave nothing (a bicycle does
    // not carry them); the cursor starts on the other answer.
    let c = s.step("2", &[CARGO]);
    let yes = option(&c, 1);
    assert!(!yes.selected, "{yes:?}");
    assert!(
        yes.text.contains(
            "→ nothing would fit: conflicts with your answers to “Where do you live?” and \
             “Do you have a driving licence?”"
        ),
        "{yes:?}"
    );
    let no = cursor_on(&c);
    assert_eq!(no.number, 2, "{c}");
    assert!(!no.text.contains("nothing would fit"), "{no:?}");

    // The preview tells the truth: that answer leads to nothing fitting.
    s.step(
        "1",
        &["Nothing fits: these answers rule out every way to travel"],
    );
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);
}

/// The same in Box's 2019 guide: the application types preview their effect, and after
/// "People who don't have Box accounts" the cursor never starts on an answer that leaves
/// no authorization method.
#[test]
fn box_2019_previews_and_no_contradicting_start_after_no_box_accounts() {
    let mut s = start(&["--data", "box-2019"], &common::state_dir());
    s.wait_for("Edition in use");

    let c = s.step(
        ENTER,
        &["Question 1 of", "Which type of Box Application have you"],
    );
    assert_eq!(cursor_on(&c).number, 1, "{c}");
    assert!(option(&c, 1).text.starts_with("Custom App"), "{c}");
    let enterprise = option(&c, 2);
    assert!(
        enterprise.text.contains("→ rules out App Token"),
        "{enterprise:?}"
    );
    let partner = option(&c, 3);
    assert!(
        partner.text.contains("→ leaves only App Token"),
        "{partner:?}"
    );
    let skill = option(&c, 4);
    assert!(
        skill.text.contains("→ no authorization method needed"),
        "{skill:?}"
    );

    let c = s.step(
        ENTER,
        &["Question 2 of", "Will this code run in production"],
    );
    let production = cursor_on(&c);
    assert!(
        production
            .text
            .contains("It will run in production → rules out Developer Token"),
        "{production:?}"
    );

    let c = s.step(ENTER, &["Question 3 of", "Who will use the application?"]);
    let no_accounts = option(&c, 2);
    assert!(
        no_accounts
            .text
            .contains("People who don't have Box accounts → rules out OAuth 2.0"),
        "{no_accounts:?}"
    );

    // Users without Box accounts: how they sign in now lifts JWT and App Token alike (and
    // OAuth 2.0 is out), so it is not asked; the next question starts on an answer that
    // keeps something fitting.
    let c = s.step(
        "2",
        &["Question 4 of", "Should your users know that they are"],
    );
    assert!(
        c.contains("People who don't have Box accounts"),
        "the answer is listed: {c}"
    );
    assert!(!c.contains("How do your users sign in?"), "{c}");
    let must_see = option(&c, 1);
    assert!(
        must_see.text.contains("→ nothing would fit"),
        "users without Box accounts cannot knowingly use Box: {must_see:?}"
    );
    assert!(!must_see.selected, "{c}");
    let start = cursor_on(&c);
    assert_eq!(start.number, 2, "{c}");
    assert!(
        start
            .text
            .starts_with("No, Box must stay invisible to them"),
        "{start:?}"
    );
    assert!(!start.text.contains("nothing would fit"), "{start:?}");
    // Enter takes the pre-selected answer: the wizard goes on, not into a contradiction.
    let c = s.step(ENTER, &["Question 5 of"]);
    assert!(!c.contains("Nothing fits"), "{c}");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);
}

// ---- 2. skipping ----

/// In a village without a licence only the bicycle is left: the trip's length can no longer
/// change the result, so it is not asked (the stepper counts three questions), and the
/// result's answers pane lists it as not needed.
#[test]
fn a_question_that_cannot_change_the_result_is_skipped_and_shown_as_not_needed() {
    let data = fixture();
    let mut s = start(&["--data", &data], &common::state_dir());
    s.wait_for("Edition in use");
    s.step(ENTER, &["Question 1 of 5", TOWN]);
    s.step("2", &["Question 2 of 5", LICENCE]);
    // The next question shown is the cargo, not the distance that comes before it.
    let c = s.step("2", &["Question 3 of 3", CARGO]);
    assert!(!c.contains(DISTANCE), "{c}");

    let c = s.step(
        "2",
        &[
            "Recommended way to travel: Bicycle",
            "No remaining question can change the result",
        ],
    );
    assert!(
        c.contains("1 not needed"),
        "the pane's title counts it: {c}"
    );

    let c = s.step(TAB, &["Your answers", DISTANCE]);
    let p = s.screen();
    let (_, row, _) = find(&p, DISTANCE).unwrap();
    assert!(row.contains("→ not needed"), "{row:?}\n{c}");
    for (prompt, answer) in [(TOWN, "→ In a village"), (LICENCE, "→ No"), (CARGO, "→ No")] {
        let (_, row, _) = find(&p, prompt).unwrap_or_else(|| panic!("{prompt}: {c}"));
        assert!(row.contains(answer), "{row:?}");
        assert!(!row.contains("not needed"), "{row:?}");
    }
    // Fitness is asked only after a short trip: neither asked nor listed.
    assert!(!c.contains("Do you want exercise"), "{c}");

    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    assert!(
        s.printed_after_leaving()
            .contains("Recommended way to travel: Bicycle")
    );
}

// ---- 3. autosave and resume ----

/// Two answers, then SIGKILL (no chance to save on the way out): the answers were saved as
/// they were given, in `XDG_STATE_HOME`. The next start offers them, Enter resumes at the
/// third question with both kept; `--fresh` does not offer them. Nothing is written to the
/// working directory or the home directory.
#[test]
fn answers_survive_sigkill_and_are_offered_on_the_next_start() {
    let data = fixture();
    let state = common::state_dir();

    let mut s = start(&["--data", &data], &state);
    let c = s.wait_for("Edition in use");
    assert!(!c.contains("saved answer"), "nothing saved yet: {c}");
    s.step(ENTER, &["Question 1 of 5", TOWN]);
    s.step("2", &["Question 2 of 5", LICENCE]);
    s.step("1", &["Question 3 of 5", DISTANCE]);
    // Saved before the next question was drawn.
    let (file, saved) = saved_answers(&state);
    assert!(file.starts_with("authwiz"), "{file:?}");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("file-commute-") && name.ends_with(".toml"),
        "{name}"
    );
    assert!(saved.contains("town = \"village\""), "{saved}");
    assert!(saved.contains("licence = \"yes\""), "{saved}");
    assert!(!saved.contains("distance"), "{saved}");

    s.signal(libc::SIGKILL);
    let status = s.wait_exit();
    assert!(status.signal().is_some(), "killed by a signal: {status:?}");
    s.assert_wrote_nothing_outside_the_state_dir();
    assert_eq!(saved_answers(&state), (file.clone(), saved.clone()));

    // Again, with the same state directory: the welcome offers the two answers.
    let mut s = start(&["--data", &data], &state);
    s.wait_for(&[
        "Edition in use",
        "2 saved answers",
        "Enter resumes them, n starts afresh",
    ]);
    let c = s.step(
        ENTER,
        &["Question 3 of 5", DISTANCE, "Resumed your 2 saved answers"],
    );
    assert!(c.contains("In a village · Where do you live?"), "{c}");
    assert!(c.contains("Yes · Do you have a driving licence?"), "{c}");
    // Back: the resumed answer is the one pre-selected.
    let c = s.step(ESC, &["Question 2 of 5", LICENCE]);
    let yes = cursor_on(&c);
    assert_eq!(yes.number, 1, "{c}");
    assert!(yes.text.contains("your answer"), "{yes:?}");
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 1);
    assert!(
        s.printed_after_leaving()
            .contains("your 2 answers are kept"),
        "{}",
        s.printed_after_leaving()
    );
    s.assert_wrote_nothing_outside_the_state_dir();

    // `--fresh`: no offer, the first question with no answers.
    let mut s = start(&["--data", &data, "--fresh"], &state);
    let c = s.wait_for("Edition in use");
    assert!(!c.contains("saved answer"), "--fresh offers nothing: {c}");
    let c = s.step(ENTER, &["Question 1 of 5", TOWN]);
    assert!(!c.contains("Your answers so far"), "{c}");
    assert!(!c.contains("your answer"), "{c}");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);
    s.assert_wrote_nothing_outside_the_state_dir();
    // The state directory holds the one file of saved answers, and nothing else.
    assert_eq!(saved_answers(&state).0, file);
}

/// A bundled edition keeps its answers under its own name, and resumes them the same way.
#[test]
fn a_bundled_edition_resumes_after_sigkill() {
    let state = common::state_dir();
    let mut s = start(&["--data", "box-current"], &state);
    let c = s.wait_for("Edition in use: box-current");
    assert!(!c.contains("saved answer"), "{c}");
    s.step(ENTER, &["Question 1 of", "Which type of Box application"]);
    s.step(
        "2",
        &["Question 2 of", "What does the application need from Box?"],
    );
    s.step("2", &["Question 3 of", "Will this code run in production"]);
    let (file, saved) = saved_answers(&state);
    assert_eq!(file, Path::new("authwiz").join("box-current.toml"));
    assert!(
        saved.contains("app-type = \"limited-access-app\""),
        "{saved}"
    );
    assert!(saved.contains("api-needs = \"preview-only\""), "{saved}");
    s.signal(libc::SIGKILL);
    assert!(s.wait_exit().signal().is_some());
    s.assert_wrote_nothing_outside_the_state_dir();

    let mut s = start(&["--data", "box-current"], &state);
    s.wait_for(&["Edition in use: box-current", "2 saved answers"]);
    let c = s.step(
        ENTER,
        &[
            "Question 3 of",
            "Will this code run in production",
            "Resumed your 2 saved answers",
        ],
    );
    assert!(c.contains("Limited Access App · Which type of Bo"), "{c}");
    assert!(c.contains("Only to upload files and preview"), "{c}");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);

    let mut s = start(&["--data", "box-current", "--fresh"], &state);
    let c = s.wait_for("Edition in use: box-current");
    assert!(!c.contains("saved answer"), "{c}");
    s.step(ENTER, &["Question 1 of", "Which type of Box application"]);
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);
    s.assert_wrote_nothing_outside_the_state_dir();
}

// ---- 4. q and Esc in overlays ----

/// Compare, matrix and help opened from a question: `q` closes each back to the question
/// (the wizard still running, the answers intact), and so does Esc; overlays opened over
/// one another close one at a time. `q` on the question itself quits and says the answers
/// are kept.
#[test]
fn q_and_esc_close_overlays_and_q_on_a_question_quits_keeping_the_answers() {
    let data = fixture();
    let state = common::state_dir();
    let mut s = start(&["--data", &data], &state);
    s.wait_for("Edition in use");
    s.step(ENTER, &["Question 1 of 5", TOWN]);
    s.step("2", &["Question 2 of 5", LICENCE]);
    s.step("1", &["Question 3 of 5", DISTANCE]);

    let question = ["Question 3 of 5", DISTANCE];
    let check_question = |s: &mut Session, c: &str, how: &str| {
        assert!(s.running(), "the wizard still runs after {how}");
        assert!(
            c.contains("In a village · Where do you live?"),
            "{how}: {c}"
        );
        assert!(
            c.contains("Yes · Do you have a driving licence?"),
            "{how}: {c}"
        );
        assert_eq!(cursor_on(c).number, 1, "{how}: {c}");
    };
    let overlays = [
        ("c", "Ways to travel side by side"),
        ("m", "Kinds of town × ways to travel"),
        ("?", "this help: every key and the glossary"),
    ];
    for (open, title) in overlays {
        for (close, name) in [("q", "q"), (ESC, "Esc")] {
            let c = s.step(open, &[title]);
            assert!(!c.contains(DISTANCE), "{open} covers the question: {c}");
            let c = s.step(close, &question);
            assert!(!c.contains(title), "{name} closed {open}: {c}");
            check_question(&mut s, &c, &format!("{name} in {open}"));
        }
    }

    // One over another: each q closes the top one.
    s.step("c", &["Ways to travel side by side"]);
    s.step("m", &["Kinds of town × ways to travel"]);
    s.step("?", &["this help: every key and the glossary"]);
    let c = s.step("q", &["Kinds of town × ways to travel"]);
    assert!(!c.contains("this help"), "{c}");
    let c = s.step("q", &["Ways to travel side by side"]);
    assert!(!c.contains("Kinds of town × ways"), "{c}");
    let c = s.step("q", &question);
    check_question(&mut s, &c, "q in compare, matrix and help");

    // q on the question: the wizard ends (no result: exit 1) and says the answers are kept.
    s.send("q");
    assert_eq!(s.wait_exit().exit_code(), 1);
    let after = s.printed_after_leaving();
    assert!(
        after.contains(
            "your 2 answers are kept: authwiz offers to resume them next time \
             (--fresh starts afresh)"
        ),
        "{after}"
    );
    let (_, saved) = saved_answers(&state);
    assert!(saved.contains("town = \"village\""), "{saved}");
    assert!(saved.contains("licence = \"yes\""), "{saved}");
    s.assert_wrote_nothing_outside_the_state_dir();
}

// ---- 5. focus ----

/// Tab gives the focus to the side panel; there Enter, → and digits do not answer the
/// question. Tab gives it back, and Enter answers again.
#[test]
fn with_the_side_panel_focused_enter_and_digits_do_not_answer() {
    let data = fixture();
    let state = common::state_dir();
    let mut s = start(&["--data", &data], &state);
    s.wait_for("Edition in use");
    s.step(ENTER, &["Question 1 of 5", TOWN]);
    s.step("2", &["Question 2 of 5", LICENCE]);
    let options = "Question 2 of 5";
    let panel = "Ways to travel";
    assert!(focus_on(&s.screen(), options, panel), "{}", s.contents());
    // The panel no longer focused, or (a failure, found at once) another question shown.
    let back = |s: &Session| {
        let p = s.screen();
        focused(&p, panel) == Some(false) || !p.screen().contents().contains(options)
    };

    s.send(TAB);
    s.wait_until("the focus on the panel", |s| {
        focus_on(&s.screen(), panel, options)
    });
    for keys in [ENTER, "1", "2", RIGHT, "l"] {
        s.send(keys);
    }
    // Keys are read in order: once the focus is back, the ones before were handled.
    s.send(TAB);
    let c = s.wait_until("the focus back on the answers", back);
    assert!(c.contains(options) && c.contains(LICENCE), "{c}");
    assert!(focus_on(&s.screen(), options, panel), "{c}");
    assert!(!c.contains("your answer"), "no answer given: {c}");
    assert_eq!(cursor_on(&c).number, 1, "{c}");
    let (_, saved) = saved_answers(&state);
    assert!(!saved.contains("licence"), "{saved}");
    assert!(s.running());

    // Shift+Tab too.
    s.send("\x1b[Z");
    s.wait_until("the focus on the panel (Shift+Tab)", |s| {
        focus_on(&s.screen(), panel, options)
    });
    s.send("2");
    s.send(TAB);
    let c = s.wait_until("the focus back on the answers", back);
    assert!(c.contains(options) && c.contains(LICENCE), "{c}");
    assert!(focus_on(&s.screen(), options, panel), "{c}");

    // With the focus on the answers, Enter answers.
    let c = s.step(ENTER, &["Question 3 of", DISTANCE]);
    assert!(c.contains("Yes · Do you have a driving licence?"), "{c}");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit().exit_code(), 130);
}
