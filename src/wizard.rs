//! Entry point of the interactive faces: the full-screen wizard on a terminal, the plain
//! line mode with `--plain` or `TERM=dumb`, and a clear error without a terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::Cli;
use crate::exit;
use crate::plain;
use crate::report;
use crate::signals;
use crate::strings::wizard as w;
use crate::tui::{self, Exit, Model, terminal, theme::Theme};

/// Which face to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// The full-screen wizard; on `/dev/tty` when stdout is redirected.
    FullScreen {
        on_tty: bool,
    },
    Plain,
    /// Neither: no terminal and no `--plain`.
    NoTerminal,
}

/// Picks the face from the flag, `TERM`, whether stdin and stdout are terminals, and
/// whether the controlling terminal can be opened (for `authwiz > file`).
pub fn choose(
    plain: bool,
    term: Option<&str>,
    stdin_tty: bool,
    stdout_tty: bool,
    dev_tty: impl FnOnce() -> bool,
) -> Face {
    if plain || term == Some("dumb") {
        Face::Plain
    } else if stdin_tty && stdout_tty {
        Face::FullScreen { on_tty: false }
    } else if stdin_tty && dev_tty() {
        Face::FullScreen { on_tty: true }
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
        terminal::tty_available,
    ) {
        Face::Plain => plain::run_stdio(cli),
        Face::NoTerminal => anyhow::bail!("{}", w::NO_TERMINAL),
        Face::FullScreen { on_tty } => full_screen(cli, on_tty),
    }
}

fn full_screen(cli: &Cli, on_tty: bool) -> Result<u8> {
    let (data, answers) = (cli.data.as_deref(), cli.answers.as_deref());
    let dress = |model: &mut Model| {
        model.theme = Theme::from_env();
        model.hyperlinks = report::links::hyperlinks_wanted(
            std::env::var("TERM").ok().as_deref(),
            std::env::var("AUTHWIZ_HYPERLINKS").ok().as_deref(),
        );
        model.today = report::adr::today();
    };
    // The welcome screen from the datasets' prefaces is drawn first: the same frame the
    // loaded model draws (tests/first_frame.rs), on screen before a large file is parsed.
    // Without a preface the dataset is loaded first, and an error leaves the terminal be.
    let early = tui::preface_model(data, answers, cli.fresh);
    let loaded = match early {
        Some(_) => None,
        None => Some(tui::load_model(data, answers, cli.fresh)?),
    };
    // Before the terminal changes: from then on a signal must not find it unprotected.
    let signals = signals::Caught::register(terminal::restore)?;
    let (model, outcome) = {
        let (mut term, _guard) = terminal::enter(on_tty)?;
        let size = term.size()?;
        // A terminal that goes away from here on is a hang-up (below), not an error.
        let drawn = match early {
            Some(mut early) => {
                dress(&mut early);
                early.size = (size.width, size.height);
                term.draw(|f| tui::view(&early, f)).map(|_| ())
            }
            None => Ok(()),
        };
        // A dataset that does not load is reported once `_guard` has restored the terminal.
        let mut model = match loaded {
            Some(model) => model,
            None => tui::load_model(data, answers, cli.fresh)?,
        };
        dress(&mut model);
        model.size = (size.width, size.height);
        let outcome = drawn
            .and_then(|()| terminal::TerminalEvents::new(signals))
            .and_then(|mut events| tui::run(&mut term, &mut model, &mut events));
        // ratatui's `Terminal` shows the cursor when dropped and `eprintln!`s (a panic, with
        // no standard error) when it cannot, as on a terminal that went away; `_guard`
        // restores the terminal, cursor included, so the `Terminal` is not dropped.
        std::mem::forget(term);
        (model, outcome)
        // `_guard` restores the terminal here, before anything is printed.
    };
    terminal::restore();
    // Drawing or reading fails once the terminal hangs up: that is a hang-up, not an error
    // (nobody is left to read the message).
    let outcome = match outcome {
        Err(_) if terminal::gone() => Ok(Exit::Signal(terminal::HANGUP)),
        outcome => outcome,
    };
    let code = match outcome? {
        Exit::Result => {
            let text = report::recommend::closing_text(
                &model.ds,
                &model.answers,
                &model.report,
                crate::fit::terminal_width(),
            );
            let text = report::terminal_text(&text);
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r?,
            }
            // The same code as `recommend` for these answers: a result means one thing.
            exit::of_result(&model.verdict)
        }
        Exit::NoResult => {
            // Leaving before a result loses nothing: say where the answers are.
            if !model.answers.is_empty()
                && model
                    .editions
                    .get(model.active)
                    .and_then(|e| e.saved.as_ref())
                    .is_some_and(|s| s.save(&model.ds, &model.answers).is_ok())
            {
                let count = model.answers.answered().count();
                let _ = writeln!(std::io::stderr(), "authwiz: {}", w::answers_kept(count));
            }
            exit::QUIT
        }
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
        let yes = || true;
        let no = || false;
        let full = Face::FullScreen { on_tty: false };
        assert_eq!(choose(false, Some("xterm"), true, true, no), full);
        assert_eq!(choose(true, Some("xterm"), true, true, yes), Face::Plain);
        assert_eq!(choose(false, Some("dumb"), true, true, yes), Face::Plain);
        assert_eq!(choose(false, Some("dumb"), false, false, no), Face::Plain);
        assert_eq!(choose(false, None, false, true, yes), Face::NoTerminal);
        // `authwiz > file`: the screens on the terminal, the result in the file.
        assert_eq!(
            choose(false, Some("xterm"), true, false, yes),
            Face::FullScreen { on_tty: true }
        );
        assert_eq!(
            choose(false, Some("xterm"), true, false, no),
            Face::NoTerminal
        );
    }
}
