//! authwiz: parse the command line, pick a face, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use authwiz::cli::{Cli, Command};
use authwiz::{commands, exit, sanitize, signals};

fn main() -> ExitCode {
    // Before anything is written: a file over `ulimit -f` is then an error, not a death.
    signals::ignore_file_size_limit();
    let cli = Cli::parse();
    let data = cli.data.as_deref();
    let result = match &cli.command {
        Some(Command::Recommend(a)) => commands::recommend(data, a),
        Some(Command::Compare(a)) => commands::compare(data, a),
        Some(Command::Matrix(a)) => commands::matrix(data, a),
        Some(Command::Questions(a)) => commands::questions(data, a),
        Some(Command::Datasets(a)) => commands::datasets(a),
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
