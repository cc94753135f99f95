//! A bundled edition is chosen by its name (`--data box-2019`), never recognised by a path:
//! a file that happens to be called `data/box-2019.toml` somewhere else is a file, shown
//! with its path, its own title and its own edition line, on the command line and on the
//! wizard's welcome screen.
//!
//! One test only: it changes the working directory of this test process (the wizard's
//! model reads `--data` relative to it), which would disturb tests running beside it.

use std::path::Path;
use std::process::Command;

use authwiz::tui::{self, Scripted};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TITLE: &str = "An impostor edition";
const EDITION: &str = "a file that only shares a bundled edition's path";

/// `dir/data/box-2019.toml`: the bundled file with another title and edition line.
fn impostor(dir: &Path) {
    let bundled =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/box-2019.toml"))
            .unwrap();
    let mut lines: Vec<String> = bundled.lines().map(str::to_owned).collect();
    // The first `title` and `edition` are the dataset's own (under `[dataset]`).
    for (key, value) in [("title", TITLE), ("edition", EDITION)] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .unwrap();
        lines[at] = format!("{key} = \"{value}\"");
    }
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("data/box-2019.toml"), lines.join("\n") + "\n").unwrap();
}

fn authwiz(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // Wide enough for `datasets` to stay a table of one line per dataset.
        .env("COLUMNS", "1000")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The welcome screen of the wizard started with `--data data`, as text.
fn welcome(data: &str) -> String {
    let mut model = tui::load_model(Some(data), None, true).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    tui::run(&mut terminal, &mut model, &mut Scripted(Default::default())).unwrap();
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_file_with_a_bundled_editions_path_is_shown_as_the_file_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    impostor(dir);
    let file = "data/box-2019.toml";

    let report = authwiz(
        dir,
        &[
            "recommend",
            "--data",
            file,
            "-a",
            "app-type=partner-integration",
        ],
    );
    assert!(
        report.starts_with(&format!("{TITLE} [box-2019]\n{EDITION}\n")),
        "{report}"
    );

    let listed = authwiz(dir, &["datasets", "--data", file]);
    let row = listed
        .lines()
        .find(|l| l.starts_with(&format!("{file} (from --data)")))
        .unwrap_or_else(|| panic!("no row for the file:\n{listed}"));
    assert!(row.contains(TITLE) && row.contains(EDITION), "{row}");
    // The bundled edition is still listed as itself.
    let bundled = listed
        .lines()
        .find(|l| l.starts_with("box-2019 (default)"))
        .unwrap();
    assert!(
        !bundled.contains(TITLE) && !bundled.contains(EDITION),
        "{bundled}"
    );

    std::env::set_current_dir(dir).unwrap();
    let screen = welcome(file);
    assert!(
        screen.contains(&format!("Edition in use: {file} — {TITLE}")),
        "{screen}"
    );
    // The wizard is about that file alone: its title and edition, the path as given, and
    // none of the bundled editions.
    assert!(screen.contains(EDITION), "{screen}");
    assert!(!screen.contains("box-2019 (default)"), "{screen}");
    assert!(
        !screen.contains("2019-10-08: the original guide"),
        "{screen}"
    );

    // By name, the bundled edition is the bundled one, whatever files are around.
    let screen = welcome("box-2019");
    assert!(screen.contains("› box-2019 (default)"), "{screen}");
    assert!(!screen.contains(TITLE), "{screen}");
}
