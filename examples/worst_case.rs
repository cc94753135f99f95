//! Prints a worst-case dataset (`src/synth/worst.rs`) to stdout, or lists them.
//! `cargo run --release --example worst_case -- NAME > /tmp/NAME.toml`

use authwiz::synth::worst;

fn main() {
    match std::env::args().nth(1) {
        Some(name) => match worst::find(&name) {
            Some(w) => print!("{}", (w.generate)()),
            None => {
                eprintln!("unknown worst case `{name}`");
                std::process::exit(2);
            }
        },
        None => {
            for w in worst::ALL {
                println!("{:16} {}", w.name, w.what);
            }
        }
    }
}
