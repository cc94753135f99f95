//! Worst-case datasets inside the documented limits (`authwiz::synth::worst`): what one
//! verdict costs on each shape that once cost seconds or gigabytes. Run:
//! `cargo bench --bench worst_case`; BENCHMARKS.md ("Bounded cost") has the figures and the
//! before/after of the same shapes by `/usr/bin/time -v`.

use std::hint::black_box;

use authwiz::dataset::{Answers, answers::parse_pairs, load_str};
use authwiz::engine::decide;
use authwiz::report;
use authwiz::synth::worst;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_worst_cases(c: &mut Criterion) {
    let mut g = c.benchmark_group("worst-case");
    g.sample_size(10);
    for w in worst::ALL {
        let text = (w.generate)();
        let ds = load_str(w.name, &text).expect("worst case loads");
        let mut answers = Answers::for_dataset(&ds);
        parse_pairs(&ds, &w.answers(), &mut answers).expect("its answers parse");
        g.bench_function(format!("{}/load", w.name), |b| {
            b.iter(|| black_box(load_str(w.name, black_box(&text)).ok()))
        });
        g.bench_function(format!("{}/decide", w.name), |b| {
            b.iter(|| black_box(decide(&ds, black_box(&answers))))
        });
        let v = decide(&ds, &answers);
        g.bench_function(format!("{}/report", w.name), |b| {
            b.iter(|| black_box(report::recommend::text(&report::build(&ds, black_box(&v)))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_worst_cases);
criterion_main!(benches);
