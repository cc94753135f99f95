//! The core is domain-free: no source file under `src/` but `src/bundled.rs` (which embeds
//! the bundled datasets) names the bundled decision's domain. Another decision is another
//! TOML file, and nothing of this one may show through in its screens.

use std::path::{Path, PathBuf};

/// Words of the bundled domain, lower-cased; Rust's own `Box<T>` and `Box::new` are not.
const DOMAIN_WORDS: &[&str] = &[
    "oauth",
    "jwt",
    "token",
    "box-2019",
    "box-current",
    "box-users",
    "app user",
    "enterprise",
    "admin",
    "developer console",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// "Box" as a word that is not Rust's `Box<…>`, `Box::…` or `Box(…)`.
fn names_box(line: &str) -> bool {
    line.match_indices("Box").any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + 3..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || "_<:(".contains(c))
    })
}

#[test]
fn nothing_under_src_but_the_bundled_datasets_names_the_domain() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "{} files", files.len());
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("src/bundled.rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            let words: Vec<&str> = DOMAIN_WORDS
                .iter()
                .copied()
                .filter(|w| lower.contains(w))
                .collect();
            if !words.is_empty() || names_box(line) {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "domain words in the core:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_what_it_looks_for() {
    assert!(names_box("the Box website"));
    assert!(names_box("Box."));
    assert!(!names_box("let b: Box<dyn Fn()> = Box::new(f);"));
    assert!(!names_box("Inbox and BoxedThing"));
}
