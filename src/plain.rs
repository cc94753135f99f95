//! The plain line mode (`--plain`, `TERM=dumb`): the same questionnaire as numbered
//! prompts on stdout, answers read line by line from stdin. No alternate screen, no line
//! drawing, no colour: for screen readers, pipes and dumb terminals.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::Result;

use crate::cli::Cli;
use crate::commands;
use crate::dataset::{Answers, Dataset, QuestionIx};
use crate::engine::flow::{Flow, Preview};
use crate::engine::{self, Status};
use crate::exit;
use crate::fit;
use crate::input_line::{self, InputLine};
use crate::limits::{MAX_INPUT_LINE_BYTES, MAX_SHOWN_CHARS};
use crate::report::{self, Report, preview};
use crate::sanitize;
use crate::saved::SavedAnswers;
use crate::strings::{self, wizard as w};

/// `--plain` on the process's stdin and stdout.
pub fn run_stdio(cli: &Cli) -> Result<u8> {
    let (ds, answers) = commands::load_inputs(cli.data.as_deref(), cli.answers.as_deref(), &[])?;
    let stdin = io::stdin();
    let saved = SavedAnswers::for_dataset(&ds);
    if cli.fresh
        && let Some(saved) = &saved
    {
        saved.clear();
    }
    let echo_input = !stdin.is_terminal();
    let code = run(
        &ds,
        answers,
        saved.as_ref(),
        &mut stdin.lock(),
        echo_input,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    match code {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit::QUIT),
        r => Ok(r?),
    }
}

fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    sanitize::line(s)
}

/// One line on where the candidates stand.
fn standing(r: &Report) -> String {
    let names = |s: Status| -> Vec<String> {
        r.ranking
            .iter()
            .filter(|e| e.status == s)
            .map(|e| clean(&e.name).into_owned())
            .collect()
    };
    let mut parts = Vec::new();
    let lead = names(Status::Recommended);
    if r.decided_by_order {
        let tied: Vec<String> = r.tie.iter().map(|t| clean(&t.1).into_owned()).collect();
        parts.push(format!(
            "{}: {} ({})",
            w::TIED,
            strings::and_list(&tied),
            w::FIRST_BY_ORDER
        ));
    } else if !lead.is_empty() {
        let word = if r.settled {
            w::RECOMMENDED
        } else {
            w::LEADING
        };
        parts.push(format!("{word}: {}", lead.join(", ")));
    }
    let possible: Vec<String> = r
        .ranking
        .iter()
        .filter(|e| e.status == Status::Eligible && !r.tie.iter().any(|t| t.0 == e.id))
        .map(|e| clean(&e.name).into_owned())
        .collect();
    if !possible.is_empty() {
        parts.push(format!("{}: {}", w::STILL_POSSIBLE, possible.join(", ")));
    }
    let out = names(Status::Excluded);
    if !out.is_empty() {
        parts.push(format!("{}: {}", w::RULED_OUT, out.join(", ")));
    }
    format!("{}: {}.", w::PLAIN_STATUS, parts.join("; "))
}

/// Where the plain mode writes, and how wide its lines may be (`None`: not a terminal,
/// lines are left whole).
pub struct Screen<'o, W: Write> {
    pub out: &'o mut W,
    pub width: Option<usize>,
    /// Repeat each line read after its prompt: input that does not come from a terminal is
    /// not echoed by one, and the next output would otherwise continue the prompt's line.
    pub echo_input: bool,
}

impl<W: Write> Screen<'_, W> {
    /// Reads one answer line, echoing it when the input is not a terminal (see `echo_input`).
    fn read(&mut self, input: &mut impl BufRead) -> io::Result<InputLine> {
        let line = input_line::read_line(input, MAX_INPUT_LINE_BYTES)?;
        if self.echo_input {
            match &line {
                InputLine::Line(l) => {
                    writeln!(self.out, "{}", sanitize::excerpt(l.trim(), MAX_SHOWN_CHARS))?
                }
                InputLine::TooLong { .. } => writeln!(self.out)?,
                // The end of input is answered by the caller, on its own line.
                InputLine::End => {}
            }
        }
        Ok(line)
    }

    /// One line of text, wrapped, continuations indented by `indent`.
    fn line(&mut self, lead: &str, text: &str, indent: usize) -> io::Result<()> {
        let first = unicode_width::UnicodeWidthStr::width(lead);
        writeln!(
            self.out,
            "{lead}{}",
            fit::wrap_indented(text, self.width, first, indent)
        )
    }
}

/// Runs the questionnaire over `input` and `out`; returns the exit code. The flow (which
/// question comes next, which ones are skipped, when the result is reached) is the engine's
/// [`Flow`], the same the full-screen wizard drives.
pub fn run(
    ds: &Dataset,
    answers: Answers,
    saved: Option<&SavedAnswers>,
    input: &mut impl BufRead,
    echo_input: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    let width = fit::terminal_width();
    let mut screen = Screen {
        out,
        width,
        echo_input,
    };
    screen.line("", &clean(&ds.title), 0)?;
    screen.line("", &clean(&ds.edition), 0)?;
    writeln!(screen.out)?;
    screen.line("", w::PLAIN_COMMANDS, 0)?;
    let Some(mut answers) = resume(ds, answers, saved, input, &mut screen)? else {
        writeln!(err, "authwiz: {}", w::PLAIN_EOF)?;
        return Ok(exit::QUIT);
    };
    let mut verdict = engine::decide(ds, &answers);
    let mut current = Flow::of(&verdict).next();
    while let Some(q) = current {
        let flow = Flow::of(&verdict);
        let previews = flow.previews(ds, q);
        let preselected = flow.start_option(q, &previews);
        ask(ds, &flow, q, &previews, preselected, &mut screen)?;

        let n = ds.questions[q].options.len();
        let line = match screen.read(input)? {
            InputLine::Line(line) => line,
            InputLine::TooLong { start, .. } => {
                let start = sanitize::excerpt(&start, MAX_SHOWN_CHARS);
                screen.line("", &w::plain_too_long(&start, MAX_INPUT_LINE_BYTES, n), 0)?;
                continue;
            }
            InputLine::End => {
                writeln!(screen.out)?;
                writeln!(err, "authwiz: {}", w::PLAIN_EOF)?;
                kept_note(ds, &answers, saved, err)?;
                return Ok(exit::QUIT);
            }
        };
        let typed = line.trim();
        // Enter keeps the answer given, or takes the one the cursor would start on.
        let choice = if typed.is_empty() {
            Some(preselected)
        } else if let Ok(k) = typed.parse::<usize>() {
            (1..=n).contains(&k).then(|| k - 1)
        } else {
            ds.questions[q].option_ix(typed)
        };
        match (typed, choice) {
            (_, Some(o)) => {
                answers.set(q, o);
                if let Some(saved) = saved {
                    // Losing the saved copy is not worth stopping for; the answers are here.
                    let _ = saved.save(ds, &answers);
                }
                verdict = engine::decide(ds, &answers);
                let rep = report::build(ds, &verdict);
                screen.line("", &standing(&rep), 2)?;
                current = Flow::of(&verdict).next_after(q);
                if current.is_none() && !Flow::of(&verdict).not_needed().is_empty() {
                    screen.line("", w::PLAIN_NO_MORE_NEEDED, 0)?;
                }
            }
            ("q" | "Q", _) => {
                writeln!(err, "authwiz: {}", w::PLAIN_QUIT)?;
                kept_note(ds, &answers, saved, err)?;
                return Ok(exit::QUIT);
            }
            ("b" | "B", _) => match Flow::of(&verdict).previous(q) {
                Some(p) => current = Some(p),
                None => screen.line("", w::PLAIN_FIRST, 0)?,
            },
            ("f" | "F", _) => {
                if Flow::of(&verdict).next().is_none() {
                    break;
                }
                screen.line("", w::FINISH_NOT_YET, 0)?;
            }
            ("?", _) => help(ds, q, &mut screen, false)?,
            ("??", _) => help(ds, q, &mut screen, true)?,
            _ => screen.line(
                "",
                &w::plain_invalid(&sanitize::excerpt(typed, MAX_SHOWN_CHARS), n),
                0,
            )?,
        }
    }
    let rep = report::build(ds, &verdict);
    writeln!(screen.out)?;
    let text = report::recommend::closing_text(ds, &answers, &rep, width);
    screen
        .out
        .write_all(report::terminal_text(&text).as_bytes())?;
    screen.out.flush()?;
    // The same code as `recommend` for these answers (and the full-screen wizard).
    Ok(exit::of_result(&verdict))
}

/// Offers to resume saved answers (when none were given): `Some` with the answers to start
/// from, `None` when the input ended.
fn resume<W: Write>(
    ds: &Dataset,
    answers: Answers,
    saved: Option<&SavedAnswers>,
    input: &mut impl BufRead,
    screen: &mut Screen<'_, W>,
) -> io::Result<Option<Answers>> {
    let found = match saved {
        Some(saved) if answers.is_empty() => saved.load(ds),
        _ => None,
    };
    let Some(found) = found else {
        return Ok(Some(answers));
    };
    writeln!(screen.out)?;
    let when = found.saved.map(crate::saved::ago).unwrap_or_default();
    write!(
        screen.out,
        "{} [Y/n]: ",
        w::plain_resume(found.count, &when)
    )?;
    screen.out.flush()?;
    Ok(match screen.read(input)? {
        InputLine::End => None,
        InputLine::Line(l) if matches!(l.trim(), "n" | "N" | "no") => Some(answers),
        _ => Some(found.answers),
    })
}

/// Leaving before a result: where the answers are kept, if they are.
fn kept_note(
    ds: &Dataset,
    answers: &Answers,
    saved: Option<&SavedAnswers>,
    err: &mut impl Write,
) -> io::Result<()> {
    if let Some(saved) = saved
        && !answers.is_empty()
        && saved.save(ds, answers).is_ok()
    {
        writeln!(
            err,
            "authwiz: {}",
            w::answers_kept(answers.answered().count())
        )?;
    }
    Ok(())
}

/// Prints question `q` with its options, each with its help and what it would do.
fn ask<W: Write>(
    ds: &Dataset,
    flow: &Flow<'_>,
    q: QuestionIx,
    previews: &[Preview],
    preselected: usize,
    screen: &mut Screen<'_, W>,
) -> io::Result<()> {
    let question = &ds.questions[q];
    let (pos, total) = flow.position(q);
    writeln!(screen.out)?;
    let lead = format!("{}: ", w::stepper(pos, total));
    screen.line(&lead, &clean(&question.prompt), 2)?;
    if !question.help.is_empty() {
        screen.line("", &clean(&question.help), 0)?;
    }
    let given = flow_answer(flow, q);
    for (i, o) in question.options.iter().enumerate() {
        let mut text = clean(&o.label).into_owned();
        if !o.help.is_empty() {
            text = format!("{text} — {}", clean(&o.help));
        }
        let effect = previews
            .get(i)
            .map(|p| preview::text(ds, p))
            .unwrap_or_default();
        if !effect.is_empty() {
            text = format!("{text} ({effect})");
        }
        if given == Some(i) {
            text = format!("{text} [{}]", w::YOUR_ANSWER);
        }
        screen.line(&format!("  {}. ", i + 1), &text, 5)?;
    }
    let n = question.options.len();
    write!(
        screen.out,
        "{} [1-{n}, {}, b, ?, q]: ",
        w::PLAIN_PROMPT,
        w::plain_keep(preselected + 1)
    )?;
    screen.out.flush()
}

fn flow_answer(flow: &Flow<'_>, q: QuestionIx) -> Option<usize> {
    flow.answer(q)
}

/// `?`: the question's help and every option's; `??` adds the glossary.
fn help<W: Write>(
    ds: &Dataset,
    q: QuestionIx,
    screen: &mut Screen<'_, W>,
    glossary: bool,
) -> io::Result<()> {
    let question = &ds.questions[q];
    writeln!(screen.out)?;
    screen.line("", &clean(&question.prompt), 0)?;
    if !question.help.is_empty() {
        screen.line("", &clean(&question.help), 0)?;
    }
    for (i, o) in question.options.iter().enumerate() {
        let mut text = format!("{} (id {})", clean(&o.label), clean(&o.id));
        if !o.help.is_empty() {
            text = format!("{text}: {}", clean(&o.help));
        }
        screen.line(&format!("  {}. ", i + 1), &text, 5)?;
    }
    screen.line("", w::PLAIN_COMMANDS, 0)?;
    if glossary && !ds.glossary.is_empty() {
        writeln!(screen.out, "{}:", w::GLOSSARY)?;
        for g in &ds.glossary {
            screen.line(
                "  ",
                &format!("{}: {}", clean(&g.term), clean(&g.definition)),
                4,
            )?;
        }
    } else if !ds.glossary.is_empty() {
        screen.line("", w::PLAIN_GLOSSARY_HINT, 0)?;
    }
    Ok(())
}
