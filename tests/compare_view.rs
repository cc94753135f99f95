//! The comparison for architects (issue 11): the guide's rows cell for cell under their
//! title, the rows described in words with a source per cell, read beside a result on the
//! command line (`compare --answers`, `--output`) and in the wizard, where at 80×24 no
//! name is cut to a stub and no note marker is lost. Snapshots at 80×24 and 120×40.

mod common;

use std::collections::VecDeque;
use std::process::Command;

use authwiz::dataset::{self, Answers};
use authwiz::report::compare::{Comparison, Marks, RowKind};
use authwiz::tui::model::{Model, Overlay};
use authwiz::tui::{Input, Msg, Scripted, run, update, view};
use authwiz::{engine, report};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

/// The issue's example: server-side, users without Box accounts.
const SERVER_SIDE: &str = r#"dataset = "box-2019"
[answers]
app-type = "custom-app"
purpose = "production"
users = "no-box-accounts"
identity = "own-identity-system"
users-see-box = "must-not-see"
data-location = "app-account"
act-as-users = "yes"
create-app-users = "no"
admin-approval = "can-obtain"
user-involvement = "no-interaction"
box-view = "no"
"#;

fn authwiz(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn answers_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(&path, SERVER_SIDE).unwrap();
    let p = path.display().to_string();
    (dir, p)
}

#[test]
fn compare_beside_answers_marks_the_pick_and_the_requirements() {
    let (_dir, file) = answers_file();
    let (code, out, err) = authwiz(&["compare", "--answers", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Beside your answers: JWT is the recommended authorization method"),
        "{out}"
    );
    let header = out
        .lines()
        .find(|l| l.contains("OAuth 2.0") && l.contains("JWT \u{2605}"))
        .expect("a header marking JWT");
    assert!(header.contains("Developer Token"), "{header}");
    // A requirement of the answers: met by JWT, not by OAuth 2.0.
    let row = out
        .lines()
        .find(|l| l.contains("Requires user involvement?"))
        .unwrap();
    assert!(row.contains('\u{2192}'), "{row}");
    assert!(
        row.contains("Yes \u{2717}") && row.contains("No \u{2713}"),
        "{row}"
    );
    // The guide's table under its title, the support row of the answered context.
    let title = out
        .find("Box's guide: the comparison table, cell for cell")
        .expect("the guide's title");
    assert!(title < out.find("Requires user involvement?").unwrap());
    assert!(out.contains("Supported by Custom App?"), "{out}");

    let (_, json, _) = authwiz(&["compare", "--answers", &file, "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["recommendation"], "jwt");
    let crit = v["criteria"].as_array().unwrap();
    let involvement = crit.iter().find(|c| c["id"] == "user-involvement").unwrap();
    assert_eq!(involvement["required"]["met"]["jwt"], true);
    assert_eq!(involvement["required"]["met"]["oauth2"], false);
    assert_eq!(v["support"]["context"], "custom-app");
    // Without answers nothing is marked.
    let (_, plain, _) = authwiz(&["compare"]);
    assert!(
        !plain.contains('\u{2605}') && !plain.contains('\u{2192}'),
        "{plain}"
    );
}

#[test]
fn compare_output_writes_a_file_and_keeps_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compare.md");
    let p = path.display().to_string();
    let (code, out, _) = authwiz(&["compare", "--format", "markdown", "--output", &p]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("## Authorization methods side by side"),
        "{written}"
    );
    let (code, _, err) = authwiz(&["compare", "--output", &p]);
    assert_eq!(code, 2, "an existing file is not replaced without --force");
    assert!(err.contains("exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let (code, _, _) = authwiz(&["compare", "--output", &p, "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("Authorization methods side by side")
    );
}

#[test]
fn every_aspect_cell_cites_a_source_with_a_link() {
    for edition in ["box-2019", "box-current"] {
        let ds = dataset::resolve(edition).unwrap();
        assert_eq!(
            ds.aspects.len(),
            6,
            "{edition}: the issue's six rows in words"
        );
        let cmp = Comparison {
            ds: &ds,
            candidates: (0..ds.candidates.len()).collect(),
            context: None,
            only_differences: false,
            result: None,
        };
        let grid = cmp.grid();
        let text = cmp.text(None);
        let md = cmp.markdown();
        for r in grid.rows_of(RowKind::Aspect) {
            for c in &r.cells {
                let s = c.source.as_ref().expect("every cell has a source");
                let url = report::links::source_url(s).expect("every aspect's source has a link");
                assert!(
                    text.contains(&format!("<{url}>")),
                    "{edition}: text lacks {url}"
                );
                assert!(
                    md.contains(&format!("]({url})")),
                    "{edition}: Markdown lacks {url}"
                );
            }
        }
        // The guide's rows come first, cell for cell, and are said to be the guide's.
        let title = ds
            .criteria_title
            .clone()
            .expect("the guide's rows are titled");
        assert!(text.contains(&title) && md.contains(&title));
        assert_eq!(grid.rows_of(RowKind::Criterion).count(), ds.criteria.len());
    }
}

#[test]
fn the_decision_record_compares_the_options_with_the_requirements_marked() {
    let ds = dataset::resolve("box-2019").unwrap();
    let (_dir, file) = answers_file();
    let (_, answers) =
        authwiz::commands::load_inputs(None, Some(std::path::Path::new(&file)), &[]).unwrap();
    let r = report::build(&ds, &engine::decide(&ds, &answers));
    assert_eq!(r.marks, Marks::of(&ds, &engine::decide(&ds, &answers)));
    let adr = report::adr::adr(&ds, &r, "2025-01-02");
    let table = adr
        .split("## Comparison of the options")
        .nth(1)
        .expect("a comparison section");
    assert!(table.contains("JWT \u{2605}"), "{table}");
    assert!(table.contains("\u{2192}"), "{table}");
    assert!(table.contains("Token lifetime"), "{table}");
}

fn key(c: KeyCode) -> Input {
    Input::Event(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)))
}

/// The wizard at the result of `answers` on `edition`, then the comparison, at `w`×`h`.
fn compare_screen(edition: &str, pairs: &[&str], w: u16, h: u16) -> (Model, Terminal<TestBackend>) {
    let ds = dataset::resolve(edition).unwrap();
    let mut a = Answers::for_dataset(&ds);
    let pairs: Vec<String> = pairs.iter().map(|p| (*p).to_owned()).collect();
    dataset::answers::parse_pairs(&ds, &pairs, &mut a).unwrap();
    let mut m = Model::single(ds, a);
    update::start(&mut m);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    run(
        &mut t,
        &mut m,
        &mut Scripted(VecDeque::from([key(KeyCode::Char('c'))])),
    )
    .unwrap();
    assert_eq!(m.overlays, vec![Overlay::Compare]);
    (m, t)
}

fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

const SERVER_SIDE_PAIRS: &[&str] = &[
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

const CURRENT_PAIRS: &[&str] = &[
    "app-type=platform-app",
    "purpose=production",
    "users=no-box-accounts",
    "identity=own-identity-system",
    "users-see-box=must-not-see",
    "data-location=app-account",
    "act-as-users=yes",
    "create-app-users=no",
    "admin-approval=can-obtain",
    "user-involvement=no-interaction",
    "key-pair=no-keys",
];

#[test]
fn at_80x24_no_name_is_a_stub_and_no_note_marker_is_lost() {
    for (edition, pairs) in [
        ("box-2019", SERVER_SIDE_PAIRS),
        ("box-current", CURRENT_PAIRS),
    ] {
        let (mut m, mut t) = compare_screen(edition, pairs, 80, 24);
        let grid = m.comparison().grid();
        let screen = lines(&t);
        let at = screen
            .iter()
            .position(|l| !l.contains("Show:") && grid.columns.iter().all(|c| l.contains(&c.short)))
            .unwrap_or_else(|| {
                panic!(
                    "{edition}: no header naming every column:\n{}",
                    screen.join("\n")
                )
            });
        // A heading's marks may wrap under its name, never be cut.
        let header = format!("{}{}", screen[at], screen[at + 1]);
        for c in &grid.columns {
            assert!(
                header.contains(&c.name) || header.contains(&c.short),
                "{edition}: {header}"
            );
        }
        let marks = |s: &str| s.matches('\u{2605}').count() + s.matches('\u{2717}').count();
        let wanted = grid.columns.iter().filter(|c| c.pick).count()
            + grid
                .columns
                .iter()
                .filter(|c| c.supported == Some(false))
                .count();
        assert_eq!(marks(&header), wanted, "{edition}: {header}");
        // Every row, brought under the cursor in turn, shows its label (or its short one)
        // whole and one * per cell with a note.
        let rows = authwiz::tui::compare::table_rows(&grid);
        for (i, tr) in rows.iter().enumerate() {
            if i > 0 {
                update(&mut m, Msg::Down);
            }
            t.draw(|f| view(&m, f)).unwrap();
            let screen = lines(&t);
            let authwiz::tui::compare::TableRow::Row(ri) = *tr else {
                continue;
            };
            let r = &grid.rows[ri];
            let at = screen
                .iter()
                .position(|l| l.starts_with("│ › "))
                .unwrap_or_else(|| panic!("{edition}: no cursor row:\n{}", screen.join("\n")));
            let line = &screen[at];
            // The label, or its short form, whole: on the row's line, or wrapped onto the next.
            let both = format!("{line} {}", screen[at + 1]);
            let whole = |label: &str| {
                label
                    .split_whitespace()
                    .all(|w| both.split_whitespace().any(|x| x == w))
            };
            assert!(
                whole(&r.label) || whole(&r.short),
                "{edition}: row {:?} shows neither {:?} nor {:?}:\n{both}",
                r.id,
                r.label,
                r.short
            );
            let notes = r.cells.iter().filter(|c| c.note.is_some()).count();
            assert_eq!(line.matches('*').count(), notes, "{edition}: {line}");
        }
    }
}

#[test]
fn snapshots_of_the_comparison_beside_a_result() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (_, t) = compare_screen("box-2019", SERVER_SIDE_PAIRS, w, h);
        insta::assert_snapshot!(format!("box_2019_beside_server_side_{w}x{h}"), t.backend());
        let (_, t) = compare_screen("box-current", CURRENT_PAIRS, w, h);
        insta::assert_snapshot!(
            format!("box_current_beside_server_side_{w}x{h}"),
            t.backend()
        );
    }
    // Scrolled to the rows described in words.
    let (mut m, mut t) = compare_screen("box-current", CURRENT_PAIRS, 80, 24);
    for _ in 0..10 {
        update(&mut m, Msg::Down);
    }
    t.draw(|f| view(&m, f)).unwrap();
    insta::assert_snapshot!("box_current_aspects_80x24", t.backend());
}
