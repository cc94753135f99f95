//! A fixed amount of engine work, for instruction counts under callgrind (repeatable on a
//! busy machine, unlike wall time):
//! `valgrind --tool=callgrind target/release/examples/engine_work OP [DATASET]`
//! OP: none | evaluate | quick | settle | whynot | explain | whatif | conflict | decide |
//! report (`explain` = evaluate + settle + why-not).

use authwiz::analysis::complete_paths;
use authwiz::dataset::resolve;
use authwiz::engine::{conflict, decide, evaluate, quick_pick, settle, what_if, why_not};
use std::hint::black_box;

fn main() {
    let op = std::env::args().nth(1).unwrap_or_else(|| "decide".into());
    let data = std::env::args().nth(2).unwrap_or_else(|| "box-2019".into());
    let ds = resolve(&data).unwrap_or_else(|e| panic!("{e}"));
    let paths = complete_paths(&ds);
    for a in &paths {
        match op.as_str() {
            "none" => {}
            "evaluate" => drop(black_box(evaluate(&ds, a))),
            "quick" => drop(black_box(quick_pick(&ds, a))),
            "settle" => drop(black_box(settle(&ds, a, &evaluate(&ds, a)))),
            "whynot" => drop(black_box(why_not(&ds, &evaluate(&ds, a)))),
            "explain" => {
                let ev = evaluate(&ds, a);
                drop(black_box(settle(&ds, a, &ev)));
                drop(black_box(why_not(&ds, &ev)));
            }
            "whatif" => drop(black_box(what_if(&ds, a, &evaluate(&ds, a)))),
            "conflict" => drop(black_box(conflict(&ds, a, &evaluate(&ds, a)))),
            "decide" => drop(black_box(decide(&ds, a))),
            "report" => drop(black_box(authwiz::report::build(&ds, &decide(&ds, a)))),
            other => panic!("unknown op {other}"),
        }
    }
    eprintln!("{op} over {} paths of {data}", paths.len());
}
