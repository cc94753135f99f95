//! The wizard's first frame is drawn from the datasets' prefaces, before a dataset is
//! parsed (issue 10, start-up): it must be the very frame the loaded model draws, so that
//! nothing on screen changes when the real dataset arrives.

use authwiz::tui::{self, Model, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn frame(m: &Model, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    t.backend().buffer().clone()
}

fn first_frames(data: Option<&str>) -> (Buffer, Buffer) {
    // `fresh`: no saved answers are read (the user's state directory is not this test's).
    let early = tui::preface_model(data, None, true).expect("a preface");
    let loaded = tui::load_model(data, None, true).unwrap();
    (frame(&early, 80, 24), frame(&loaded, 80, 24))
}

#[test]
fn the_default_editions_first_frame_is_the_loaded_one() {
    let (early, loaded) = first_frames(None);
    assert_eq!(early, loaded);
}

#[test]
fn every_bundled_editions_first_frame_is_the_loaded_one() {
    for b in authwiz::bundled::BUNDLED {
        let (early, loaded) = first_frames(Some(b.name));
        assert_eq!(early, loaded, "{}", b.name);
    }
}

#[test]
fn a_files_first_frame_is_the_loaded_one() {
    for f in [
        "tests/fixtures/commute.toml",
        "tests/fixtures/choose-a-licence.toml",
        "tests/fixtures/plan-backups.toml",
    ] {
        let (early, loaded) = first_frames(Some(f));
        assert_eq!(early, loaded, "{f}");
    }
}

#[test]
fn no_preface_where_the_first_screen_is_not_the_welcome() {
    let answers = std::path::Path::new("tests/fixtures/server-side-answers.toml");
    assert!(tui::preface_model(None, Some(answers), true).is_none());
    assert!(tui::preface_model(Some("no/such/file.toml"), None, true).is_none());
}
