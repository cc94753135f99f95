//! The command line, declared with clap.
//!
//! Each flag is offered only where it does something, and means the same wherever it is
//! offered: `--data` is the dataset to use, `--format` lists only the formats its command
//! writes, `--answers` is an answers file as the wizard saves it. The flags before a
//! command are the wizard's, so `authwiz --plain recommend` is refused rather than
//! silently ignored; `--data` alone may also come first (`authwiz --data NAME matrix`),
//! as it always could. Help texts that name the domain's things come from `help.rs`.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};

use crate::bundled::CONTEXT_FLAG_ALIAS;
use crate::completion;
use crate::help;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "authwiz",
    version,
    about = help::about(),
    long_about = help::long_about(),
    after_help = help::after_help(),
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[arg(long, value_name = "NAME|PATH", help = help::data(), add = completion::data())]
    pub data: Option<String>,

    /// Resume from the answers in this file (as the wizard saves them).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    /// Numbered line prompts instead of the full-screen wizard (screen readers, pipes).
    #[arg(long)]
    pub plain: bool,

    /// Start afresh: do not offer the answers saved from the last session (they are
    /// replaced as you answer).
    #[arg(long)]
    pub fresh: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = help::recommend(), after_help = help::recommend_after())]
    Recommend(RecommendArgs),
    #[command(about = help::compare(), after_help = help::words())]
    Compare(CompareArgs),
    #[command(about = help::matrix(), after_help = help::words())]
    Matrix(CatalogArgs),
    #[command(about = help::questions())]
    Questions(CatalogArgs),
    #[command(about = help::datasets())]
    Datasets(DatasetsArgs),
    #[command(about = help::check(), after_help = help::check_after())]
    Check(CatalogArgs),
    #[command(about = help::test(), after_help = help::test_after())]
    Test(TestArgs),
    #[command(about = help::schema(), after_help = help::schema_after())]
    Schema,
    #[command(about = help::completions())]
    Completions(CompletionsArgs),
    #[command(about = help::man())]
    Man(ManArgs),
}

/// The dataset a command reads.
#[derive(Debug, Args)]
pub struct DataArg {
    #[arg(long, value_name = "NAME|PATH", help = help::data(), add = completion::data())]
    pub data: Option<String>,
}

/// Formats of the listings (`compare`, `matrix`, `questions`, `datasets`, `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Aligned text for people.
    #[default]
    Text,
    /// JSON for tools.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
}

/// Formats of `recommend`: the listings' and a decision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum RecommendFormat {
    /// Aligned text for people.
    #[default]
    Text,
    /// JSON for tools.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// An architecture decision record (Markdown).
    Adr,
}

impl From<ListFormat> for Format {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Text => Format::Text,
            ListFormat::Json => Format::Json,
            ListFormat::Markdown => Format::Markdown,
        }
    }
}

impl From<RecommendFormat> for Format {
    fn from(f: RecommendFormat) -> Self {
        match f {
            RecommendFormat::Text => Format::Text,
            RecommendFormat::Json => Format::Json,
            RecommendFormat::Markdown => Format::Markdown,
            RecommendFormat::Adr => Format::Adr,
        }
    }
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    #[command(flatten)]
    pub data: DataArg,

    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DatasetsArgs {
    #[arg(long, value_name = "PATH", help = help::datasets_data(), add = completion::data())]
    pub data: Option<String>,

    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    #[command(flatten)]
    pub data: DataArg,

    /// An answer, as QUESTION=OPTION: repeat it for each question, once per question (the
    /// ids: `authwiz questions`).
    #[arg(
        short = 'a',
        long = "answer",
        value_name = "QUESTION=OPTION",
        add = completion::answer()
    )]
    pub answer: Vec<String>,

    /// Start from the answers in this file (as the wizard saves them); an --answer for the
    /// same question replaces the file's.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t)]
    pub format: RecommendFormat,

    /// Every reason with your answers and sources, every next step, what would change
    /// the outcome and the ranking (text and Markdown; by default a summary).
    #[arg(short, long)]
    pub detail: bool,

    /// The date written into the decision record (with --format adr only; default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Write to this file instead of standard output (never over an existing file without
    /// --force).
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArg,

    #[arg(value_name = "ID", help = help::compare_ids(), add = completion::candidate())]
    pub candidates: Vec<String>,

    // The alias is the bundled domain's word for it: accepted, but kept out of the help,
    // which is the same for every dataset.
    #[arg(
        long,
        alias = CONTEXT_FLAG_ALIAS,
        value_name = "ID",
        help = help::compare_context(),
        add = completion::context()
    )]
    pub context: Option<String>,

    #[arg(long, help = help::only_differences())]
    pub only_differences: bool,

    /// Read the comparison beside the answers in this file (as the wizard saves them): the
    /// recommendation and the rows the answers require are marked.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,

    /// Write to this file instead of standard output (never over an existing file without
    /// --force).
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The scenario file: `[[scenario]]` tables of answers and what they must lead to
    /// (data/README.md, "Test with scenarios").
    #[arg(value_name = "SCENARIOS.toml", value_hint = ValueHint::FilePath)]
    pub scenarios: PathBuf,

    #[arg(long, value_name = "NAME|PATH", help = help::test_data(), add = completion::data())]
    pub data: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose own page to print (default: the page of authwiz itself).
    #[arg(value_name = "COMMAND", add = completion::command_names())]
    pub command: Option<String>,

    /// Write every page into this directory instead (authwiz.1, authwiz-recommend.1, ...),
    /// e.g. ~/.local/share/man/man1.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, conflicts_with = "command")]
    pub dir: Option<PathBuf>,

    /// Replace pages that exist in --dir.
    #[arg(long, requires = "dir")]
    pub force: bool,
}

/// The command line as clap sees it: for parsing, completion and the manual page alike.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the process's arguments; a command line clap accepts but that contradicts
/// itself is refused in clap's own form (exit code 2).
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os())
}

pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let args = data_after_the_command(&cmd, args);
    if let Some(message) = wizard_flags_before_a_command(&cmd, &args) {
        return Err(cmd.error(ErrorKind::ArgumentConflict, message));
    }
    let matches = cmd.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))?;
    if let Some((sub, kind, message)) = cli.contradiction() {
        cmd.build();
        let target = match cmd.find_subcommand_mut(sub) {
            Some(sub) => sub,
            None => &mut cmd,
        };
        return Err(target.error(kind, message));
    }
    Ok(cli)
}

impl Cli {
    /// What clap cannot say by itself: (command, kind of error, message).
    fn contradiction(&self) -> Option<(&'static str, ErrorKind, String)> {
        match &self.command {
            Some(Command::Recommend(a)) if a.date.is_some() && a.format != RecommendFormat::Adr => {
                Some((
                    "recommend",
                    ErrorKind::ArgumentConflict,
                    "--date is the date of a decision record: it needs --format adr".to_owned(),
                ))
            }
            Some(Command::Recommend(a))
                if a.detail && matches!(a.format, RecommendFormat::Json | RecommendFormat::Adr) =>
            {
                Some((
                    "recommend",
                    ErrorKind::ArgumentConflict,
                    "--detail chooses how much of a text or Markdown report to show: JSON and a \
                     decision record always hold everything"
                        .to_owned(),
                ))
            }
            Some(Command::Man(m)) => m
                .command
                .as_deref()
                .filter(|c| !command().get_subcommands().any(|s| s.get_name() == *c))
                .map(|c| {
                    (
                        "man",
                        ErrorKind::InvalidValue,
                        format!(
                            "no command `{}`: expected one of {}",
                            crate::dataset::diagnostic::shown(c),
                            command_names().join(", ")
                        ),
                    )
                }),
            _ => None,
        }
    }
}

/// `authwiz --data NAME COMMAND ...` has always meant `authwiz COMMAND --data NAME ...`,
/// and scripts written that way keep working: a `--data` (alone) before a command that
/// reads a dataset is moved after it. Written on both sides, clap refuses the second.
fn data_after_the_command(
    cmd: &clap::Command,
    args: Vec<std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let word = |i: usize| args.get(i).map(|a| a.to_string_lossy().into_owned());
    let (value_words, first) = match word(1).as_deref() {
        Some("--data") if args.len() > 3 => (2, 3),
        Some(w) if w.starts_with("--data=") && args.len() > 2 => (1, 2),
        _ => return args,
    };
    let takes_data = word(first)
        .and_then(|sub| cmd.find_subcommand(&sub).cloned())
        .is_some_and(|sub| sub.get_arguments().any(|a| a.get_long() == Some("data")));
    if !takes_data {
        return args;
    }
    let mut moved = vec![args[0].clone(), args[first].clone()];
    moved.extend_from_slice(&args[1..1 + value_words]);
    moved.extend_from_slice(&args[first + 1..]);
    moved
}

/// The wizard's flags written before a command (`authwiz --plain recommend`): clap would
/// only say that they cannot be used with it; this says where they go instead.
fn wizard_flags_before_a_command(
    cmd: &clap::Command,
    args: &[std::ffi::OsString],
) -> Option<String> {
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut flags: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let takes_value = w == "--data" || w == "--answers";
        if takes_value && i + 1 < words.len() {
            flags.push(w);
            i += 2;
        } else if w == "--plain"
            || w == "--fresh"
            || w.starts_with("--data=")
            || w.starts_with("--answers=")
        {
            flags.push(w);
            i += 1;
        } else {
            break;
        }
    }
    if flags.is_empty() {
        return None;
    }
    let sub = words.get(i)?;
    let target = cmd.find_subcommand(sub)?;
    let name = |f: &str| f.split('=').next().unwrap_or(f).to_owned();
    let (moved, refused): (Vec<String>, Vec<String>) =
        flags.iter().map(|f| name(f)).partition(|n| {
            let long = n.trim_start_matches('-');
            target.get_arguments().any(|a| a.get_long() == Some(long))
        });
    let mut advice = Vec::new();
    if !moved.is_empty() {
        advice.push(format!(
            "write {} after the command: `authwiz {sub} {} ...`",
            moved.join(" and "),
            moved.join(" ... ")
        ));
    }
    if !refused.is_empty() {
        advice.push(format!("`authwiz {sub}` has no {}", refused.join(" or ")));
    }
    Some(format!(
        "the options before a command are the wizard's; {}",
        advice.join("; ")
    ))
}

/// The names of the commands, `help` excepted.
pub fn command_names() -> Vec<String> {
    command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|n| n != "help")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn a_date_needs_a_decision_record() {
        let e = parse_from(["authwiz", "recommend", "--date", "2024-01-02"]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ArgumentConflict);
        assert!(
            parse_from([
                "authwiz",
                "recommend",
                "--date",
                "2024-01-02",
                "--format",
                "adr"
            ])
            .is_ok()
        );
    }

    #[test]
    fn the_wizards_flags_are_not_the_commands() {
        assert!(parse_from(["authwiz", "--plain", "matrix"]).is_err());
        assert!(parse_from(["authwiz", "matrix", "--plain"]).is_err());
        assert!(parse_from(["authwiz", "completions", "bash", "--data", "x"]).is_err());
    }
}
