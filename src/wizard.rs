//! Entry point of the interactive faces (full-screen wizard and plain prompts).

use anyhow::Result;

use crate::cli::Cli;

pub fn run(_cli: &Cli) -> Result<u8> {
    anyhow::bail!("the interactive wizard is not built yet; use `authwiz recommend`")
}
