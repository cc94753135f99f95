//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::bundled::CONTEXT_FLAG_ALIAS;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "authwiz",
    version,
    about = "Choose and compare options with an explained, sourced recommendation",
    long_about = "Without a subcommand, authwiz opens the interactive wizard on the default \
                  dataset. Subcommands answer the same questions for scripts.",
    after_help = "Exit codes: 0 result, 1 wizard left before a result, 2 bad usage or input, \
                  3 nothing fits (recommend) or problems found (check), 130 interrupted."
)]
pub struct Cli {
    /// Dataset: a bundled edition's name (see `authwiz datasets`) or a TOML file.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub data: Option<String>,

    /// Start from the answers in this file (as saved by the wizard).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Numbered line prompts instead of the full-screen wizard (screen readers, pipes).
    #[arg(long)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recommend from answers, with every explanation.
    Recommend(RecommendArgs),
    /// Compare candidates side by side over every criterion.
    Compare(CompareArgs),
    /// The support matrix: which candidates each context supports.
    Matrix(FormatArg),
    /// The questions and their options (ids for --answer).
    Questions(FormatArg),
    /// The bundled datasets.
    Datasets(FormatArg),
    /// Validate a dataset and analyse it: unreachable candidates, useless questions, gaps.
    Check(FormatArg),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct FormatArg {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// An answer, as QUESTION=OPTION (repeatable; see `authwiz questions`).
    #[arg(short = 'a', long = "answer", value_name = "QUESTION=OPTION")]
    pub answer: Vec<String>,

    /// Answers from a TOML file; --answer pairs override it.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Every reason with your answers and sources, every next step, what would change
    /// the outcome and the ranking (text and Markdown; by default a summary).
    #[arg(short, long)]
    pub detail: bool,

    /// Date written into a decision record (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Candidate ids to compare (default: all).
    #[arg(value_name = "ID")]
    pub candidates: Vec<String>,

    /// Also show support for this context.
    #[arg(long, visible_alias = CONTEXT_FLAG_ALIAS, value_name = "ID")]
    pub context: Option<String>,

    /// Show only the rows where the compared candidates differ.
    #[arg(long)]
    pub only_differences: bool,

    /// Read the comparison beside these answers: the recommendation and the rows the
    /// answers require are marked.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}
