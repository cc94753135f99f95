//! Writes a synthetic dataset to stdout: `cargo run --example synth -- [large|small]`.

use authwiz::synth::{Shape, generate};

fn main() {
    let shape = match std::env::args().nth(1).as_deref() {
        Some("small") => Shape::SMALL,
        _ => Shape::LARGE,
    };
    print!("{}", generate(shape));
}
