//! Engine benchmarks: loading, evaluation, explanations, settled check, what-if and
//! `check`, on the bundled editions and on the synthetic large dataset.
//! Run: `cargo bench --bench engine`.

use std::hint::black_box;

use authwiz::analysis::{self, complete_paths};
use authwiz::bundled::BUNDLED;
use authwiz::dataset::{Answers, Dataset, load_str};
use authwiz::engine::{decide, evaluate, settle, what_if, why_not};
use authwiz::synth::{Rng, Shape, generate};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// Random complete paths, for datasets too large to enumerate.
fn sampled_paths(ds: &Dataset, n: usize) -> Vec<Answers> {
    let mut rng = Rng::new(42);
    (0..n)
        .map(|_| {
            let mut a = Answers::for_dataset(ds);
            loop {
                let ev = evaluate(ds, &a);
                let next = (0..ds.questions.len())
                    .find(|&q| ev.asked[q] == authwiz::engine::Asked::Yes && a.get(q).is_none());
                match next {
                    Some(q) => a.set(q, rng.below(ds.questions[q].options.len())),
                    None => break a,
                }
            }
        })
        .collect()
}

fn datasets() -> Vec<(String, Dataset, Vec<Answers>)> {
    let mut out: Vec<(String, Dataset, Vec<Answers>)> = BUNDLED
        .iter()
        .map(|b| {
            let ds = load_str(b.file, b.text).expect("bundled dataset loads");
            let paths = complete_paths(&ds);
            (b.name.to_owned(), ds, paths)
        })
        .collect();
    let large = load_str("synthetic", &generate(Shape::LARGE)).expect("synthetic loads");
    let paths = sampled_paths(&large, 200);
    out.push(("synthetic-large".into(), large, paths));
    out
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    for b in BUNDLED {
        g.throughput(Throughput::Bytes(b.text.len() as u64));
        g.bench_function(b.name, |bench| {
            bench.iter(|| load_str(b.file, black_box(b.text)).unwrap())
        });
    }
    let large = generate(Shape::LARGE);
    g.throughput(Throughput::Bytes(large.len() as u64));
    g.bench_function("synthetic-large", |bench| {
        bench.iter(|| load_str("synthetic", black_box(&large)).unwrap())
    });
    g.finish();
}

fn bench_engine(c: &mut Criterion) {
    for (name, ds, paths) in datasets() {
        let mut g = c.benchmark_group(format!("engine/{name}"));
        g.throughput(Throughput::Elements(paths.len() as u64));
        // The core evaluation: statuses, scores, reasons (as indices), pick.
        g.bench_function("evaluate-all-paths", |b| {
            b.iter(|| {
                for a in &paths {
                    black_box(evaluate(&ds, black_box(a)));
                }
            })
        });
        g.bench_function("settle-all-paths", |b| {
            let evs: Vec<_> = paths.iter().map(|a| evaluate(&ds, a)).collect();
            b.iter(|| {
                for (a, ev) in paths.iter().zip(&evs) {
                    black_box(settle(&ds, a, ev));
                }
            })
        });
        // The verdict explained: evaluation, settled or not (with the open questions), and
        // why not each other candidate; what-if and conflict search come on top.
        g.bench_function("explain-all-paths", |b| {
            b.iter(|| {
                for a in &paths {
                    let ev = evaluate(&ds, black_box(a));
                    black_box(settle(&ds, a, &ev));
                    black_box(why_not(&ds, &ev));
                }
            })
        });
        g.bench_function("what-if-all-paths", |b| {
            let evs: Vec<_> = paths.iter().map(|a| evaluate(&ds, a)).collect();
            b.iter(|| {
                for (a, ev) in paths.iter().zip(&evs) {
                    black_box(what_if(&ds, a, ev));
                }
            })
        });
        // Everything the faces show: evaluation, settled, why-not, what-if, conflict.
        g.bench_function("decide-all-paths", |b| {
            b.iter(|| {
                for a in &paths {
                    black_box(decide(&ds, black_box(a)));
                }
            })
        });
        g.bench_function("decide+report-all-paths", |b| {
            b.iter(|| {
                for a in &paths {
                    let v = decide(&ds, a);
                    black_box(authwiz::report::build(&ds, &v));
                }
            })
        });
        g.finish();
    }
}

fn bench_check(c: &mut Criterion) {
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    for (name, ds, _) in datasets() {
        g.bench_function(name.as_str(), |b| {
            b.iter_batched(
                || (),
                |_| analysis::check(&ds, analysis::Budget::default()),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench_load, bench_engine, bench_check);
criterion_main!(benches);
