//! README.md shows real output: every ```text block that starts with `$ authwiz ...` is run
//! through the binary and its shown lines must match the output (up to a `...` line, which
//! marks where the README cuts the output short). A change in wording or behaviour that
//! makes the README stale fails here instead of going unnoticed.

use std::process::Command;

/// One example: the arguments after `authwiz`, and the lines the README shows.
struct Example {
    line: usize,
    args: Vec<String>,
    shown: Vec<String>,
    /// The README shows only the beginning of the output.
    cut: bool,
}

fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == "```text" && lines.get(i + 1).is_some_and(|l| l.starts_with("$ authwiz")) {
            let line = i + 2;
            i += 1;
            // The command, with `\` continuation lines.
            let mut command = String::new();
            loop {
                let l = lines[i].trim();
                i += 1;
                match l.strip_suffix('\\') {
                    Some(head) => command.push_str(head),
                    None => {
                        command.push_str(l);
                        break;
                    }
                }
                command.push(' ');
            }
            let mut shown = Vec::new();
            let mut cut = false;
            while lines[i] != "```" {
                if lines[i] == "..." {
                    cut = true;
                } else if !cut {
                    shown.push(lines[i].to_owned());
                }
                i += 1;
            }
            // The README's commands use no quoting: whitespace separates the arguments.
            let args = command
                .trim_start_matches("$ authwiz")
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            out.push(Example {
                line,
                args,
                shown,
                cut,
            });
        }
        i += 1;
    }
    out
}

#[test]
fn every_readme_example_shows_real_output() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 7,
        "expected an example of each subcommand, found {}",
        examples.len()
    );
    for ex in examples {
        let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
            .args(&ex.args)
            .env("NO_COLOR", "1")
            .env_remove("AUTHWIZ_DATA")
            // Output not on a terminal fits 80 columns (`datasets`), unless COLUMNS says.
            .env_remove("COLUMNS")
            .current_dir(root)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let actual: Vec<&str> = stdout.lines().collect();
        let actual = if ex.cut {
            &actual[..ex.shown.len().min(actual.len())]
        } else {
            &actual[..]
        };
        let shown: Vec<&str> = ex.shown.iter().map(String::as_str).collect();
        // Trailing spaces are invisible in the README and trimmed by editors.
        let trim = |v: &[&str]| {
            v.iter()
                .map(|l| l.trim_end().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            trim(&shown),
            trim(actual),
            "README.md line {}: `authwiz {}` prints something else; update the README",
            ex.line,
            ex.args.join(" ")
        );
    }
}
