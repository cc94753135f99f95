//! Prints a worst-case dataset (`src/synth/worst.rs`) to stdout, or lists them; with
//! `--answers`, its costly answers file instead.
//! `cargo run --release --example worst_case -- NAME > /tmp/NAME.toml`
//! `cargo run --release --example worst_case -- NAME --answers > /tmp/NAME.answers.toml`

use authwiz::synth::worst;

fn main() {
    match std::env::args().nth(1) {
        Some(name) => match worst::find(&name) {
            Some(w) if std::env::args().any(|a| a == "--answers") => print!("{}", w.answers_file()),
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
