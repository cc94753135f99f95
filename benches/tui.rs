//! Wizard benchmarks: drawing each screen (welcome, question, result, compare, matrix,
//! help) into a ratatui `TestBackend` at 80×24 and 200×60, and one key press → update →
//! redraw, on the default bundled edition (box-2019) and on the synthetic large dataset.
//! Run: `cargo bench --bench tui`. An empty loop (`baseline/empty`) is measured in the
//! same run, so figures can be given as ratios on a busy machine.

use std::hint::black_box;

use authwiz::bundled;
use authwiz::dataset::{Answers, Dataset, load_str};
use authwiz::synth::{Shape, generate};
use authwiz::tui::model::{Model, Screen};
use authwiz::tui::{Input, dispatch, view};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: &[(u16, u16)] = &[(80, 24), (200, 60)];

fn key(m: &mut Model, code: KeyCode) {
    dispatch(
        m,
        Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))),
    );
}

fn datasets() -> Vec<(&'static str, Dataset)> {
    let b = bundled::default_dataset();
    vec![
        (
            b.name,
            load_str(b.file, b.text).expect("bundled dataset loads"),
        ),
        (
            "synthetic-large",
            load_str("synthetic", &generate(Shape::LARGE)).expect("synthetic loads"),
        ),
    ]
}

/// A fresh model on the welcome screen, sized `w`×`h`.
fn fresh(ds: &Dataset, w: u16, h: u16) -> Model {
    let mut m = Model::single(ds.clone(), Answers::for_dataset(ds));
    dispatch(&mut m, Input::Event(Event::Resize(w, h)));
    m
}

/// The model on `screen` (an overlay for compare, matrix and help, over the first question).
fn at(ds: &Dataset, w: u16, h: u16, screen: &str) -> Model {
    let mut m = fresh(ds, w, h);
    if screen == "welcome" {
        return m;
    }
    key(&mut m, KeyCode::Enter);
    match screen {
        "question" => {
            // Two answers in: the candidates panel has something to show.
            key(&mut m, KeyCode::Enter);
            key(&mut m, KeyCode::Enter);
            if m.screen != Screen::Question {
                // A very short questionnaire: the first question will do.
                m = fresh(ds, w, h);
                key(&mut m, KeyCode::Enter);
            }
        }
        "result" => {
            // Take the first option of every question asked, to the result.
            for _ in 0..1000 {
                if m.screen == Screen::Result {
                    break;
                }
                key(&mut m, KeyCode::Enter);
            }
            assert_eq!(m.screen, Screen::Result, "no result reached");
        }
        "compare" => key(&mut m, KeyCode::Char('c')),
        "matrix" => key(&mut m, KeyCode::Char('m')),
        "help" => key(&mut m, KeyCode::Char('?')),
        other => panic!("unknown screen {other}"),
    }
    m
}

fn bench_baseline(c: &mut Criterion) {
    let mut g = c.benchmark_group("baseline");
    g.bench_function("empty", |b| b.iter(|| black_box(0u64)));
    g.finish();
}

fn bench_draw(c: &mut Criterion) {
    for (name, ds) in datasets() {
        let mut g = c.benchmark_group(format!("draw/{name}"));
        for &(w, h) in SIZES {
            for screen in ["welcome", "question", "result", "compare", "matrix", "help"] {
                let m = at(&ds, w, h, screen);
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                g.bench_function(format!("{screen}/{w}x{h}"), |b| {
                    b.iter(|| {
                        terminal.draw(|f| view(black_box(&m), f)).unwrap();
                    })
                });
            }
        }
        g.finish();
    }
}

/// One key press → update (with the engine's re-evaluation when an answer changes) →
/// redraw. `answer`: Enter on the first question (answers it, re-decides, rebuilds the
/// report, draws the next question). `move`: ↓ on a question (cursor only).
fn bench_key(c: &mut Criterion) {
    for (name, ds) in datasets() {
        let mut g = c.benchmark_group(format!("key/{name}"));
        for &(w, h) in SIZES {
            g.bench_function(format!("answer/{w}x{h}"), |b| {
                b.iter_batched(
                    || {
                        let mut m = fresh(&ds, w, h);
                        key(&mut m, KeyCode::Enter);
                        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                        t.draw(|f| view(&m, f)).unwrap();
                        (m, t)
                    },
                    |(mut m, mut t)| {
                        key(&mut m, KeyCode::Enter);
                        t.draw(|f| view(&m, f)).unwrap();
                        (m, t)
                    },
                    BatchSize::LargeInput,
                )
            });
            g.bench_function(format!("move/{w}x{h}"), |b| {
                let mut m = at(&ds, w, h, "question");
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| view(&m, f)).unwrap();
                let mut down = true;
                b.iter(|| {
                    key(&mut m, if down { KeyCode::Down } else { KeyCode::Up });
                    down = !down;
                    t.draw(|f| view(&m, f)).unwrap();
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench_baseline, bench_draw, bench_key);
criterion_main!(benches);
