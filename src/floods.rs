//! Broken inputs with very many problems, for the flood tests (`tests/floods.rs`) and the
//! figures in BENCHMARKS.md (`cargo run --release --example floods -- DIR`): each has a
//! problem on nearly every line, which authwiz must report in bounded time, memory and
//! output (see `limits`). Deterministic, and each fits under the 1 MiB file limit.

use std::fmt::Write;

use crate::synth::{Shape, generate};

/// A valid synthetic dataset plus `valid_sources` more sources, and notes whose source
/// lists name `unknown` source ids that do not exist: `unknown` problems, each of which
/// could list every valid source id and look through all of them for a "did you mean".
pub fn unknown_source_references(valid_sources: usize, unknown: usize) -> String {
    let mut s = generate(Shape::SMALL);
    for i in 0..valid_sources {
        let _ = writeln!(
            s,
            "[[sources]]\nid = \"source-{i}\"\ntitle = \"S\"\npath = \"p\"\n"
        );
    }
    // Notes of a thousand references each: long lines, few notes.
    for (n, chunk) in (0..unknown).collect::<Vec<_>>().chunks(1000).enumerate() {
        let refs: Vec<String> = chunk.iter().map(|i| format!("\"missing-{i}\"")).collect();
        let _ = writeln!(
            s,
            "[[notes]]\nid = \"note-{n}\"\ntitle = \"N\"\ntext = \"N\"\nsources = [{}]\n",
            refs.join(",")
        );
    }
    s
}

/// An answers file naming `unknown` questions that no dataset has.
pub fn unknown_answers(unknown: usize) -> String {
    let mut s = String::from("[answers]\n");
    for i in 0..unknown {
        let _ = writeln!(s, "q{i:x}=\"x\"");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::input::MAX_FILE_BYTES;

    #[test]
    fn the_floods_fit_under_the_file_limit() {
        assert!(unknown_source_references(2000, 21_000).len() as u64 <= MAX_FILE_BYTES);
        assert!(unknown_answers(96_000).len() as u64 <= MAX_FILE_BYTES);
    }
}
