//! The wizard's result screen (issue 11): the summary of a typical result is on the first
//! screen at 80×24, a section expands one key away, sources are terminal hyperlinks only
//! where links are on (never raw bytes in the buffer), and the cursor stays within what
//! was drawn. Snapshots at 80×24 and 120×40.

use std::collections::VecDeque;

use authwiz::analysis::complete_paths;
use authwiz::dataset::{self, Answers, Dataset};
use authwiz::report::layout::{SectionKind, Tone};
use authwiz::report::links;
use authwiz::tui::model::{Model, Screen};
use authwiz::tui::result::Item;
use authwiz::tui::{Input, Msg, Scripted, run, update, view};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The issue's example: server-side, users without Box accounts.
const SERVER_SIDE: &[&str] = &[
    "app-type=custom-app",
    "purpose=production",
    "users=no-box-accounts",
    "identity=own-identity-system",
    "users-see-box=must-not-see",
    "data-location=app-account",
    "act-as-users=yes",
    "create-app-users=no",
    "admin-approval=can-obtain",
    "user-involvement=no-interaction",
    "box-view=no",
];

fn answers(ds: &Dataset, pairs: &[&str]) -> Answers {
    let mut a = Answers::for_dataset(ds);
    let pairs: Vec<String> = pairs.iter().map(|p| (*p).to_owned()).collect();
    dataset::answers::parse_pairs(ds, &pairs, &mut a).expect("answers");
    a
}

/// The wizard on `edition` with `answers`, at its result, drawn at `w`×`h` after `keys`.
fn at_result(
    edition: &str,
    a: Answers,
    w: u16,
    h: u16,
    keys: &[KeyCode],
) -> (Model, Terminal<TestBackend>) {
    let ds = dataset::resolve(edition).unwrap();
    let mut m = Model::single(ds, a);
    update::start(&mut m);
    assert_eq!(m.screen, Screen::Result);
    let t = drive(&mut m, w, h, keys);
    (m, t)
}

fn drive(m: &mut Model, w: u16, h: u16, keys: &[KeyCode]) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let script: VecDeque<Input> = keys
        .iter()
        .map(|&c| Input::Event(Event::Key(KeyEvent::new(c, KeyModifiers::NONE))))
        .collect();
    run(&mut terminal, m, &mut Scripted(script)).unwrap();
    terminal
}

fn screen_text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The start of an entry as its first screen line shows it: its first few words.
fn opening(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() > 24 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether the whole summary (headline, and every entry the summaries of the why,
/// caveats, next steps, why-not, outcome and conflict sections show) is on screen.
fn summary_on_screen(m: &Model, buf: &Buffer) -> Result<(), String> {
    let shown = screen_text(buf);
    let l = &m.layout;
    if !shown.contains(&opening(&l.headline)) {
        return Err(format!("headline {:?}", l.headline));
    }
    for s in &l.sections {
        if !matches!(
            s.kind,
            SectionKind::Why
                | SectionKind::Caveats
                | SectionKind::NextSteps
                | SectionKind::WhyNot
                | SectionKind::Outcome
                | SectionKind::Conflict
        ) {
            continue;
        }
        for e in &s.summary {
            let o = opening(&e.text);
            if !shown.contains(&o) {
                return Err(format!("{:?}: {o:?}", s.kind));
            }
        }
    }
    Ok(())
}

#[test]
fn the_summary_of_the_issues_example_is_on_the_first_screen_at_80x24() {
    let ds = dataset::resolve("box-2019").unwrap();
    let (m, t) = at_result("box-2019", answers(&ds, SERVER_SIDE), 80, 24, &[]);
    summary_on_screen(&m, t.backend().buffer()).unwrap();
    insta::assert_snapshot!("box_2019_server_side_80x24", t.backend());
    let (_, t) = at_result("box-2019", answers(&ds, SERVER_SIDE), 120, 40, &[]);
    insta::assert_snapshot!("box_2019_server_side_120x40", t.backend());
}

#[test]
fn a_typical_result_fits_the_first_screen_at_80x24() {
    for edition in ["box-2019", "box-current"] {
        let ds = dataset::resolve(edition).unwrap();
        let paths = complete_paths(&ds);
        // Per tone: (fits, of).
        let mut counts: Vec<(Tone, usize, usize)> = Vec::new();
        let mut misses = Vec::new();
        for a in &paths {
            let (m, t) = at_result(edition, a.clone(), 80, 24, &[]);
            let fits = summary_on_screen(&m, t.backend().buffer());
            let at = match counts.iter().position(|c| c.0 == m.layout.tone) {
                Some(i) => i,
                None => {
                    counts.push((m.layout.tone, 0, 0));
                    counts.len() - 1
                }
            };
            counts[at].2 += 1;
            match fits {
                Ok(()) => counts[at].1 += 1,
                Err(e) if m.layout.tone == Tone::Recommended => misses.push(e),
                Err(_) => {}
            }
        }
        println!("{edition}: the summary is on the first 80×24 screen for (fits, of): {counts:?}");
        // A typical result fits: all but a few in a hundred recommendations (those with an
        // outcome above the reasons, too), and as many results of every kind.
        let recommended = counts
            .iter()
            .find(|c| c.0 == Tone::Recommended)
            .map_or(0, |c| c.2);
        assert!(
            misses.len() * 100 <= recommended,
            "{edition}: {} of {recommended} recommendations do not fit: {:?}",
            misses.len(),
            &misses[..misses.len().min(5)]
        );
        let (fits, of) = counts.iter().fold((0, 0), |a, c| (a.0 + c.1, a.1 + c.2));
        assert!(fits * 100 >= of * 95, "{edition}: {fits} of {of}");
    }
}

#[test]
fn other_results_at_80x24() {
    // The current edition's server-side pick, no method needed, nothing fits.
    let cur = dataset::resolve("box-current").unwrap();
    let ccg = answers(
        &cur,
        &[
            "app-type=platform-app",
            "api-needs=full-api",
            "purpose=production",
            "users=no-box-accounts",
            "auth-side=not-sure",
            "identity=own-identity-system",
            "users-see-box=must-not-see",
            "data-location=app-account",
            "act-as-users=yes",
            "create-app-users=no",
            "admin-approval=can-obtain",
            "user-involvement=no-interaction",
            "key-pair=no-keys",
        ],
    );
    let (m, t) = at_result("box-current", ccg, 80, 24, &[]);
    summary_on_screen(&m, t.backend().buffer()).unwrap();
    insta::assert_snapshot!("box_current_server_side_80x24", t.backend());

    let old = dataset::resolve("box-2019").unwrap();
    let (m, t) = at_result(
        "box-2019",
        answers(&old, &["app-type=custom-skill"]),
        80,
        24,
        &[],
    );
    assert_eq!(m.layout.tone, Tone::NoneNeeded);
    let shown = screen_text(t.backend().buffer());
    assert!(
        shown.contains("✓ No authorization method needed"),
        "{shown}"
    );
    assert!(
        !shown.contains('✗'),
        "no method is marked ruled out:\n{shown}"
    );
    insta::assert_snapshot!("box_2019_custom_skill_80x24", t.backend());
}

#[test]
fn enter_expands_the_section_under_the_cursor_and_d_expands_every_one() {
    let ds = dataset::resolve("box-2019").unwrap();
    // The cursor starts on the headline; two rows down is the heading of "Why".
    let down = KeyCode::Down;
    let (m, t) = at_result(
        "box-2019",
        answers(&ds, SERVER_SIDE),
        80,
        24,
        &[down, down, KeyCode::Enter],
    );
    assert!(m.result.is_expanded(SectionKind::Why));
    let shown = screen_text(t.backend().buffer());
    assert!(shown.contains("▾ Why"), "{shown}");
    assert!(shown.contains("you answered"), "{shown}");
    assert!(
        shown.contains("source: Select an authorization method"),
        "{shown}"
    );
    insta::assert_snapshot!("box_2019_why_expanded_80x24", t.backend());

    let (mut m, mut t) = at_result(
        "box-2019",
        answers(&ds, SERVER_SIDE),
        80,
        24,
        &[KeyCode::Char('d')],
    );
    for s in &m.layout.sections {
        if s.expands() && s.kind != SectionKind::Answers {
            assert!(m.result.is_expanded(s.kind), "{:?}", s.kind);
        }
    }
    update(&mut m, Msg::ToggleDetail);
    t.draw(|f| view(&m, f)).unwrap();
    assert!(m.result.expanded.is_empty());
}

#[test]
fn the_cursor_stays_within_the_rows_drawn() {
    let ds = dataset::resolve("box-2019").unwrap();
    let (mut m, mut t) = at_result("box-2019", answers(&ds, SERVER_SIDE), 80, 24, &[]);
    update(&mut m, Msg::Up);
    assert_eq!(m.result.selected(), 0);
    update(&mut m, Msg::End);
    t.draw(|f| view(&m, f)).unwrap();
    let end = m.result.selected();
    assert!(end > 20, "the result is longer than a screen");
    assert!(matches!(m.result.selected_item(), Some(Item::Entry(..))));
    update(&mut m, Msg::Down);
    update(&mut m, Msg::PageDown);
    t.draw(|f| view(&m, f)).unwrap();
    assert_eq!(m.result.selected(), end, "cannot move past the end");
    update(&mut m, Msg::PageUp);
    t.draw(|f| view(&m, f)).unwrap();
    assert!(m.result.selected() < end);
    update(&mut m, Msg::Home);
    assert_eq!(m.result.selected(), 0);
}

#[test]
fn sources_are_hyperlinks_only_where_links_are_on() {
    let ds = dataset::resolve("box-2019").unwrap();
    let a = answers(&ds, SERVER_SIDE);
    // Links on: every link drawn is a validated URL over its own title on the screen.
    let ds2 = dataset::resolve("box-2019").unwrap();
    let mut m = Model::single(ds2, a.clone());
    m.hyperlinks = true;
    update::start(&mut m);
    let t = drive(&mut m, 100, 40, &[KeyCode::Char('d')]);
    let placed = m.links.all();
    assert!(!placed.is_empty(), "expanded sources are links");
    let buf = t.backend().buffer();
    for l in &placed {
        assert_eq!(links::valid_url(&l.url), Some(l.url.as_str()));
        let drawn: String = (0..l.text.chars().count() as u16)
            .map(|dx| buf[(l.x + dx, l.y)].symbol().to_owned())
            .collect();
        assert_eq!(drawn, l.text, "the link sits over its text");
    }
    assert!(
        !screen_text(buf).contains("https://"),
        "no URL printed when links are on"
    );
    // Links off: nothing is placed, the URL is shown as text to copy.
    let (m, t) = at_result("box-2019", a, 100, 40, &[KeyCode::Char('d')]);
    assert!(m.links.all().is_empty());
    let buf = t.backend().buffer();
    assert!(screen_text(buf).contains("https://"));
    // Never a raw control character in a cell.
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
}
