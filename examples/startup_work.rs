//! The wizard's start-up work, without a terminal, for instruction counts under
//! callgrind (repeatable on a busy machine, unlike wall time):
//! `valgrind --tool=callgrind target/release/examples/startup_work OP [DATA]`
//! OP: none (process start only) | preface (the welcome drawn from the preface, before
//! any dataset is parsed: the wizard's first frame) | load (`tui::load_model`: every bundled edition
//! loaded, the active one decided and reported) | draw (load, then the first frame drawn
//! into an 80×24 `TestBackend`) | key (draw, then Enter and Enter again — into the
//! questions, then an answer — each redrawn).

use authwiz::tui::{self, Input};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn main() {
    let op = std::env::args().nth(1).unwrap_or_else(|| "draw".into());
    let data = std::env::args().nth(2);
    if op == "none" {
        return;
    }
    if op == "preface" {
        // What the wizard does before its first frame: the preface, then the draw.
        let model = tui::preface_model(data.as_deref(), None, true).expect("a preface");
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        terminal.draw(|f| tui::view(&model, f)).expect("draw");
        black_box(terminal.backend());
        return;
    }
    let mut model = tui::load_model(data.as_deref(), None, true).unwrap_or_else(|e| panic!("{e}"));
    if op == "load" {
        black_box(&model);
        return;
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    tui::dispatch(&mut model, Input::Event(Event::Resize(80, 24)));
    terminal.draw(|f| tui::view(&model, f)).expect("draw");
    if op == "key" {
        for _ in 0..2 {
            let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
            tui::dispatch(&mut model, Input::Event(Event::Key(enter)));
            terminal.draw(|f| tui::view(&model, f)).expect("draw");
        }
    }
    black_box(terminal.backend());
}
