//! The manual pages, rendered by clap_mangen from the same clap definition as the help, so
//! the two cannot drift: authwiz(1), and a page per command as git has them
//! (authwiz-recommend(1), ...).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use clap_mangen::Man;

/// The command line, built, with the names its pages go by (`authwiz-recommend`).
fn built(cmd: clap::Command) -> clap::Command {
    // `help` is no page of its own: `authwiz help X` is `authwiz X --help`.
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The roff page of authwiz itself, or of one of its commands.
pub fn page(cmd: clap::Command, command: Option<&str>) -> Result<String> {
    let cmd = built(cmd);
    let target = match command {
        None => cmd,
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| anyhow!("no command `{name}`"))?,
    };
    render(target)
}

fn render(cmd: clap::Command) -> Result<String> {
    let mut buf = Vec::new();
    Man::new(cmd)
        // Every page's footer names the program and its version (a command has none).
        .source(format!("authwiz {}", env!("CARGO_PKG_VERSION")))
        .render(&mut buf)
        .context("cannot render the manual page")?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Every page, as (file name, roff): `authwiz.1` first, then one per command.
pub fn pages(cmd: clap::Command) -> Result<Vec<(String, String)>> {
    let cmd = built(cmd);
    let mut out = Vec::new();
    for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
        let man = Man::new(sub.clone());
        let name = man.get_filename();
        out.push((name, render(sub.clone())?));
    }
    Ok(out)
}

/// Writes every page into `dir` (as `man` finds them under a `man1` directory); an
/// existing page is replaced only with `force`. Returns the files written.
pub fn install(cmd: clap::Command, dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, roff) in pages(cmd)? {
        let path = dir.join(name);
        crate::files::write_file(&path, &roff, force)?;
        written.push(path);
    }
    Ok(written)
}
