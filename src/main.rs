//! authwiz: parse the command line, pick a face, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::error::Error as ClapError;

use authwiz::cli::{self, Command};
use authwiz::{commands, completion, exit, sanitize, signals};

fn main() -> ExitCode {
    // Before anything is written: a file over `ulimit -f` is then an error, not a death.
    signals::ignore_file_size_limit();
    // A shell asking for completions gets them and nothing else.
    completion::answer_if_asked();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let result = match &cli.command {
        Some(Command::Recommend(a)) => commands::recommend(a),
        Some(Command::Compare(a)) => commands::compare(a),
        Some(Command::Matrix(a)) => commands::matrix(a),
        Some(Command::Questions(a)) => commands::questions(a),
        Some(Command::Datasets(a)) => commands::datasets(a),
        Some(Command::Check(a)) => commands::check(a),
        Some(Command::Test(a)) => commands::test(a),
        Some(Command::Schema) => commands::schema(),
        Some(Command::Completions(a)) => commands::completions(a),
        Some(Command::Man(a)) => commands::man(a),
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
