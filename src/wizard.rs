//! Entry point of the interactive faces: the full-screen wizard on a terminal, the plain
//! line mode with `--plain` or `TERM=dumb`, and a clear error without a terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::Cli;
use crate::exit;
use crate::plain;
use crate::report;
use crate::strings::wizard as w;
use crate::tui::{self, Exit, terminal, theme::Theme};

/// Which face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    FullScreen,
    Plain,
    /// Neither: no terminal and no `--plain`.
    NoTerminal,
}

/// Picks the face from the flag, `TERM` and whether stdin and stdout are terminals.
pub fn choose(plain: bool, term: Option<&str>, stdin_tty: bool, stdout_tty: bool) -> Face {
    if plain || term == Some("dumb") {
        Face::Plain
    } else if stdin_tty && stdout_tty {
        Face::FullScreen
    } else {
        Face::NoTerminal
    }
}

pub fn run(cli: &Cli) -> Result<u8> {
    let term = std::env::var("TERM").ok();
    match choose(
        cli.plain,
        term.as_deref(),
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    ) {
        Face::Plain => plain::run_stdio(cli),
        Face::NoTerminal => anyhow::bail!("{}", w::NO_TERMINAL),
        Face::FullScreen => full_screen(cli),
    }
}

fn full_screen(cli: &Cli) -> Result<u8> {
    let mut model = tui::load_model(cli.data.as_deref(), cli.answers.as_deref())?;
    model.theme = Theme::from_env();
    model.today = report::adr::today();
    let signals = terminal::Signals::register()?;
    let outcome = {
        let (mut term, _guard) = terminal::enter()?;
        let size = term.size()?;
        model.size = (size.width, size.height);
        let mut events = terminal::TerminalEvents { signals };
        tui::run(&mut term, &mut model, &mut events)
        // `_guard` restores the terminal here, before anything is printed.
    };
    terminal::restore();
    let code = match outcome? {
        Exit::Result => {
            let text = report::terminal_text(&report::recommend::text(&model.report));
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r?,
            }
            exit::OK
        }
        Exit::NoResult => exit::QUIT,
        Exit::Interrupted => exit::INTERRUPTED,
        Exit::Signal(s) => 128u8.saturating_add(u8::try_from(s).unwrap_or(0)),
    };
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_face() {
        assert_eq!(choose(false, Some("xterm"), true, true), Face::FullScreen);
        assert_eq!(choose(true, Some("xterm"), true, true), Face::Plain);
        assert_eq!(choose(false, Some("dumb"), true, true), Face::Plain);
        assert_eq!(choose(false, Some("dumb"), false, false), Face::Plain);
        assert_eq!(choose(false, None, false, true), Face::NoTerminal);
        assert_eq!(choose(false, Some("xterm"), true, false), Face::NoTerminal);
    }
}
