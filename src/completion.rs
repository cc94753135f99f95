//! Shell completion that knows the dataset. The script `authwiz completions SHELL` prints
//! asks authwiz itself for the candidates of each word (clap_complete's dynamic
//! completion: `AUTHWIZ_COMPLETE=SHELL authwiz -- WORDS...`), so that `-a` completes the
//! `QUESTION=OPTION` pairs of the dataset named by `--data` (else the default), `--data`
//! the bundled edition names and files, and `compare` the ids of the dataset in use. A
//! static script could only list what was known when it was written.

use std::ffi::OsStr;

use anyhow::{Result, anyhow};
use clap_complete::engine::{
    ArgValueCandidates, ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter,
};
use clap_complete::env::{CompleteEnv, EnvCompleter, Shells};

use crate::bundled;
use crate::cli;
use crate::dataset::{self, Dataset};

/// The environment variable that turns a run of authwiz into a completion request. Not
/// clap's default `COMPLETE`: a variable of that name set for something else would turn
/// every run into a failed completion.
pub const VAR: &str = "AUTHWIZ_COMPLETE";

/// Answers the shell's completion request and exits, when this run is one; otherwise
/// returns at once. Runs before anything is written to standard output.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(cli::command).var(VAR).complete();
}

/// The script that registers authwiz's completion in `shell`. The script calls the
/// running binary by its full path, so it completes with the same authwiz that wrote it.
pub fn script(shell: clap_complete::Shell) -> Result<String> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| anyhow!("no completion for the shell {name}"))?;
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "authwiz".to_owned());
    let mut buf = Vec::new();
    write_registration(completer, &exe, &mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

fn write_registration(
    completer: &dyn EnvCompleter,
    exe: &str,
    buf: &mut Vec<u8>,
) -> std::io::Result<()> {
    completer.write_registration(VAR, "authwiz", "authwiz", exe, buf)
}

/// `--data`: the bundled edition names, then files.
pub fn data() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let typed = current.to_string_lossy();
        let mut out: Vec<CompletionCandidate> = bundled::BUNDLED
            .iter()
            .filter(|b| b.name.starts_with(typed.as_ref()))
            .map(|b| CompletionCandidate::new(b.name).help(Some(b.edition.into())))
            .collect();
        out.extend(PathCompleter::any().complete(current));
        out
    })
}

/// `-a`: `QUESTION=` until a question is typed, then that question's `QUESTION=OPTION`.
pub fn answer() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let Some(ds) = dataset_in_use() else {
            return Vec::new();
        };
        pairs(&ds, &current.to_string_lossy())
    })
}

/// The `QUESTION=OPTION` candidates for what was typed so far.
pub fn pairs(ds: &Dataset, typed: &str) -> Vec<CompletionCandidate> {
    match typed.split_once('=') {
        None => ds
            .questions
            .iter()
            .filter(|q| q.id.starts_with(typed))
            .map(|q| {
                CompletionCandidate::new(format!("{}=", q.id)).help(Some(q.prompt.clone().into()))
            })
            .collect(),
        Some((question, option)) => ds
            .questions
            .iter()
            .filter(|q| q.id == question)
            .flat_map(|q| {
                q.options
                    .iter()
                    .filter(|o| o.id.starts_with(option))
                    .map(|o| {
                        CompletionCandidate::new(format!("{}={}", q.id, o.id))
                            .help(Some(o.label.clone().into()))
                    })
            })
            .collect(),
    }
}

/// `compare ID...`: the candidate ids of the dataset in use.
pub fn candidate() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let typed = current.to_string_lossy();
        dataset_in_use()
            .map(|ds| {
                ds.candidates
                    .iter()
                    .filter(|c| c.id.starts_with(typed.as_ref()))
                    .map(|c| CompletionCandidate::new(&c.id).help(Some(c.name.clone().into())))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// `compare --context ID`: the context ids of the dataset in use.
pub fn context() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let typed = current.to_string_lossy();
        dataset_in_use()
            .map(|ds| {
                ds.contexts
                    .iter()
                    .filter(|c| c.id.starts_with(typed.as_ref()))
                    .map(|c| CompletionCandidate::new(&c.id).help(Some(c.name.clone().into())))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// `man COMMAND`: the command names.
pub fn command_names() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        cli::command_names()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect::<Vec<_>>()
    })
}

/// The dataset the command line being completed names with `--data`, or the default. A
/// completer sees only the word it completes, so the other words are read from this
/// process's arguments (`authwiz -- authwiz recommend --data NAME -a ...`). A dataset that
/// does not load completes nothing: a completion must never print an error.
fn dataset_in_use() -> Option<Dataset> {
    let words: Vec<String> = std::env::args().collect();
    let named = data_flag(&words);
    match named {
        Some(name) => dataset::resolve(&name).ok(),
        None => dataset::load_default().ok(),
    }
}

/// The value of the last `--data` among `words` (as `--data NAME` or `--data=NAME`).
pub fn data_flag(words: &[String]) -> Option<String> {
    let mut found = None;
    let mut iter = words.iter().peekable();
    while let Some(w) = iter.next() {
        if w == "--data" {
            found = iter.peek().map(|v| (*v).clone());
        } else if let Some(v) = w.strip_prefix("--data=") {
            found = Some(v.to_owned());
        }
    }
    found.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn finds_the_dataset_flag() {
        assert_eq!(data_flag(&words("authwiz -- authwiz recommend -a x")), None);
        assert_eq!(
            data_flag(&words("authwiz -- authwiz recommend --data d.toml -a x")).as_deref(),
            Some("d.toml")
        );
        assert_eq!(
            data_flag(&words("authwiz -- authwiz recommend --data=e -a")).as_deref(),
            Some("e")
        );
    }

    #[test]
    fn every_shell_has_a_script() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::Elvish,
            clap_complete::Shell::PowerShell,
        ] {
            let s = script(shell).unwrap();
            assert!(s.contains(VAR), "{shell}: {s}");
        }
    }
}
