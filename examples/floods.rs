//! Writes the flood inputs of BENCHMARKS.md ("Floods of problems") into a directory:
//! `cargo run --release --example floods -- DIR`, then e.g.
//! `/usr/bin/time -v target/release/authwiz check --data DIR/unknown-sources.toml`.

use std::path::PathBuf;

use authwiz::floods::{unknown_answers, unknown_source_references};

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let files = [
        (
            "unknown-sources.toml",
            unknown_source_references(2000, 21_500),
        ),
        ("unknown-answers.toml", unknown_answers(96_000)),
        // One 20 MB line, then the first option to every question of the default edition:
        // for `authwiz --plain < long-line.txt`, which goes on to a result.
        (
            "long-line.txt",
            format!("{}\n{}", "x".repeat(20_000_000), "1\n".repeat(20)),
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        println!(
            "{} ({} bytes)",
            path.display(),
            std::fs::metadata(&path)?.len()
        );
    }
    Ok(())
}
