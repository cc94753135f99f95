//! How many questions a person answers to reach the result, over every complete answer
//! path of a dataset as the wizard asks them: the mean and the maximum, and how many paths
//! end in "nothing fits". `cargo run --release --example path_lengths -- [DATASET...]`

use authwiz::analysis::walk;
use authwiz::dataset::resolve;
use authwiz::engine::evaluate;

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    let names = if names.is_empty() {
        vec!["box-2019".to_owned(), "box-current".to_owned()]
    } else {
        names
    };
    for name in names {
        let ds = resolve(&name).unwrap_or_else(|e| panic!("{e}"));
        let (mut paths, mut total, mut max, mut conflicts) = (0usize, 0usize, 0usize, 0usize);
        walk(&ds, &mut |a, complete| {
            if complete {
                let n = a.answered().count();
                paths += 1;
                total += n;
                max = max.max(n);
                if evaluate(&ds, a).nothing_fits() {
                    conflicts += 1;
                }
            }
            true
        });
        println!(
            "{name}: {paths} complete paths, questions answered mean {:.2}, max {max}; {conflicts} end in nothing fits",
            total as f64 / paths as f64
        );
    }
}
