//! Loading and evaluating: arbitrary bytes as a dataset file; when they load, a few
//! answer sets derived from the same bytes go through the engine, the report model and
//! every renderer. The same bytes are also read as an answers file.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run load_and_decide -- -jobs=1`
//! (seed `fuzz/corpus/load_and_decide` with `data/*.toml` and `tests/corpus/**/*.toml`).

#![no_main]

use libfuzzer_sys::fuzz_target;

use authwiz::analysis;
use authwiz::dataset::{self, Answers, Dataset};
use authwiz::engine::{self, Asked};
use authwiz::report::{self, catalog, recommend};
use authwiz::synth::Rng;

fuzz_target!(|data: &[u8]| {
    // The UTF-8 check of the file reader, on every input.
    let Ok(text) = dataset::input::utf8("fuzz.toml", data.to_vec()) else {
        return;
    };
    // The same text as an answers file: parsing must never panic.
    let _ = dataset::input::parse_toml::<dataset::answers::RawAnswers>("fuzz.toml", &text);
    let ds = match dataset::load_str("fuzz.toml", &text) {
        Ok(ds) => ds,
        Err(e) => {
            // Every error names the file and says something.
            assert!(!e.diagnostics.is_empty());
            let shown = e.to_string();
            assert!(shown.starts_with("fuzz.toml"), "{shown}");
            return;
        }
    };
    let mut rng = Rng::new(fnv(data));
    for answers in answer_sets(&ds, &mut rng) {
        exercise(&ds, &answers);
    }
    let _ = catalog::matrix_text(&ds);
    let _ = report::json_string(&catalog::matrix_json(&ds));
    let _ = catalog::matrix_markdown(&ds);
    let _ = catalog::questions_text(&ds);
    let _ = report::json_string(&catalog::questions_json(&ds));
    let _ = catalog::questions_markdown(&ds);
    let cmp = report::compare::Comparison {
        ds: &ds,
        candidates: (0..ds.candidates.len()).collect(),
        context: (!ds.contexts.is_empty()).then(|| rng.below(ds.contexts.len())),
        only_differences: rng.chance(50),
        result: None,
    };
    let _ = cmp.text(Some(80));
    let _ = cmp.markdown();
    let _ = report::json_string(&cmp.json());
    let _ = analysis::check(
        &ds,
        analysis::Budget {
            evaluations: 2_000,
            time: std::time::Duration::from_millis(50),
        },
    );
});

fn exercise(ds: &Dataset, answers: &Answers) {
    let v = engine::decide(ds, answers);
    if let Some(p) = v.eval.pick {
        assert!(!v.eval.standings[p].is_excluded(), "the pick is excluded");
    }
    for s in &v.eval.standings {
        assert_eq!(s.is_excluded(), s.status == engine::Status::Excluded);
    }
    let rep = report::build(ds, &v);
    let _ = report::terminal_text(&recommend::text(&rep));
    let layout = report::layout::build(&rep);
    let _ = recommend::render_text(&layout, recommend::Options { detail: true, width: Some(60) });
    let _ = recommend::render_markdown(&layout, recommend::Options::detail());
    let _ = report::terminal_text(&recommend::markdown(&rep));
    let _ = report::terminal_text(&report::adr::adr(ds, &rep, "2025-01-01"));
    let json = report::json_string(&recommend::json(&rep, &ds.vocabulary));
    let _: serde_json::Value = serde_json::from_str(&json).expect("JSON output parses");
    // Saved answers load back into the same answers.
    let saved = answers.to_toml(ds);
    let raw: dataset::answers::RawAnswers =
        dataset::input::parse_toml("saved.toml", &saved).expect("saved answers parse");
    let mut back = Answers::for_dataset(ds);
    dataset::answers::resolve_answers_file(ds, "saved.toml", &saved, &raw, &mut back)
        .expect("saved answers resolve");
    assert_eq!(&back, answers);
}

/// No answers; the first option everywhere; random complete paths as the wizard asks;
/// random answers to any question (asked or not).
fn answer_sets(ds: &Dataset, rng: &mut Rng) -> Vec<Answers> {
    let n = ds.questions.len();
    let mut out = vec![Answers::for_dataset(ds)];
    let mut first = Answers::for_dataset(ds);
    for q in 0..n {
        first.set(q, 0);
    }
    out.push(first);
    for _ in 0..2 {
        let mut a = Answers::for_dataset(ds);
        loop {
            let ev = engine::evaluate(ds, &a);
            let next = (0..n).find(|&q| ev.asked[q] == Asked::Yes && a.get(q).is_none());
            let Some(q) = next else { break };
            a.set(q, rng.below(ds.questions[q].options.len()));
            if rng.chance(10) {
                break;
            }
        }
        out.push(a);
    }
    let mut any = Answers::for_dataset(ds);
    for q in 0..n {
        if rng.chance(50) {
            any.set(q, rng.below(ds.questions[q].options.len()));
        }
    }
    out.push(any);
    out
}

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
