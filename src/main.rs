//! authwiz: parse the command line, pick a face, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::error::Error as ClapError;
use clap::{CommandFactory, Parser};

use authwiz::cli::{Cli, Command};
use authwiz::{commands, exit, sanitize, signals};

fn main() -> ExitCode {
    // Before anything is written: a file over `ulimit -f` is then an error, not a death.
    signals::ignore_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let data = cli.data.as_deref();
    let result = match &cli.command {
        Some(Command::Recommend(a)) => commands::recommend(data, a),
        Some(Command::Compare(a)) => commands::compare(data, a),
        Some(Command::Matrix(a)) => commands::matrix(data, a),
        Some(Command::Questions(a)) => commands::questions(data, a),
        Some(Command::Datasets(a)) => commands::datasets(data, a),
        Some(Command::Check(a)) => commands::check(data, a),
        Some(Command::Completions { shell }) => commands::completions(*shell, &mut Cli::command()),
        None => authwiz::wizard::run(&cli),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Not eprintln!: it panics when standard error is gone (a hung-up terminal).
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                sanitize::text(&format!("{e:#}"))
            );
            ExitCode::from(exit::ERROR)
        }
    }
}

/// A command line clap refuses (or `--help`, `--version`): clap's own output, unless it
/// echoes something unsafe to show (`authwiz recommend --format` followed by a value with a
/// right-to-left override), which is then printed plain, with those characters replaced.
fn usage_error(e: ClapError) -> ExitCode {
    let plain = e.render().to_string();
    if !plain
        .chars()
        .any(|c| c != '\n' && sanitize::is_unsafe_to_show(c))
    {
        e.exit();
    }
    let text = sanitize::text(&plain);
    // A failure to write is not worth a message: there is nowhere left to write it.
    let _ = if e.use_stderr() {
        write!(std::io::stderr(), "{text}")
    } else {
        write!(std::io::stdout(), "{text}")
    };
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::ERROR))
}
