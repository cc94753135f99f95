//! The plain line mode (`--plain`, `TERM=dumb`): the same questionnaire as numbered
//! prompts on stdout, answers read line by line from stdin. No alternate screen, no line
//! drawing, no colour: for screen readers, pipes and dumb terminals.

use std::io::{self, BufRead, Write};

use anyhow::Result;

use crate::cli::Cli;
use crate::commands;
use crate::dataset::{Answers, Dataset, QuestionIx};
use crate::engine::{self, Asked, Status, Verdict};
use crate::exit;
use crate::input_line::{self, InputLine};
use crate::limits::{MAX_INPUT_LINE_BYTES, MAX_SHOWN_CHARS};
use crate::report::{self, Report};
use crate::sanitize;
use crate::strings::{self, wizard as w};

/// `--plain` on the process's stdin and stdout.
pub fn run_stdio(cli: &Cli) -> Result<u8> {
    let (ds, answers) = commands::load_inputs(cli.data.as_deref(), cli.answers.as_deref(), &[])?;
    let stdin = io::stdin();
    let code = run(
        &ds,
        answers,
        &mut stdin.lock(),
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

/// Questions still part of the questionnaire before `q`, and in all.
fn stepper(v: &Verdict, q: QuestionIx) -> (usize, usize) {
    let counts = |p: usize| v.eval.asked[p] != Asked::No;
    let before = (0..q).filter(|&p| counts(p)).count();
    let total = (0..v.eval.asked.len()).filter(|&p| counts(p)).count();
    (before + 1, total.max(before + 1))
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

/// Runs the questionnaire over `input` and `out`; returns the exit code.
pub fn run(
    ds: &Dataset,
    mut answers: Answers,
    input: &mut impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    writeln!(out, "{}", clean(&ds.title))?;
    writeln!(out, "{}", clean(&ds.edition))?;
    writeln!(out)?;
    writeln!(out, "{}", w::PLAIN_COMMANDS)?;
    let mut verdict = engine::decide(ds, &answers);
    let mut current = verdict.next_question();
    while let Some(q) = current {
        let question = &ds.questions[q];
        let n = question.options.len();
        let (pos, total) = stepper(&verdict, q);
        writeln!(out)?;
        writeln!(
            out,
            "{}: {}",
            w::stepper(pos, total),
            clean(&question.prompt)
        )?;
        if !question.help.is_empty() {
            writeln!(out, "{}", clean(&question.help))?;
        }
        let saved = answers.get(q);
        for (i, o) in question.options.iter().enumerate() {
            let mark = if saved == Some(i) {
                format!(" ({})", w::YOUR_ANSWER)
            } else {
                String::new()
            };
            writeln!(out, "  {}. {}{mark}", i + 1, clean(&o.label))?;
        }
        let keep = saved.map_or(String::new(), |s| format!(", {}", w::plain_keep(s + 1)));
        write!(out, "{} [1-{n}, b, ?, f, q{keep}]: ", w::PLAIN_PROMPT)?;
        out.flush()?;

        let line = match input_line::read_line(input, MAX_INPUT_LINE_BYTES)? {
            InputLine::Line(line) => line,
            InputLine::TooLong { start, .. } => {
                let start = sanitize::excerpt(&start, MAX_SHOWN_CHARS);
                writeln!(
                    out,
                    "{}",
                    w::plain_too_long(&start, MAX_INPUT_LINE_BYTES, n)
                )?;
                continue;
            }
            InputLine::End => {
                writeln!(out)?;
                writeln!(err, "authwiz: {}", w::PLAIN_EOF)?;
                return Ok(exit::QUIT);
            }
        };
        let typed = line.trim();
        let choice = if typed.is_empty() {
            saved
        } else if let Ok(k) = typed.parse::<usize>() {
            (1..=n).contains(&k).then(|| k - 1)
        } else {
            question.option_ix(typed)
        };
        match (typed, choice) {
            (_, Some(o)) => {
                answers.set(q, o);
                verdict = engine::decide(ds, &answers);
                let rep = report::build(ds, &verdict);
                writeln!(out, "{}", standing(&rep))?;
                let next = verdict.next_after(q);
                if verdict.settlement.settled && next.is_some() {
                    writeln!(
                        out,
                        "{}",
                        if verdict.eval.nothing_fits() {
                            w::PLAIN_NOTHING_FITS
                        } else {
                            w::PLAIN_SETTLED
                        }
                    )?;
                }
                current = next;
            }
            ("q" | "Q", _) => {
                writeln!(err, "authwiz: {}", w::PLAIN_QUIT)?;
                return Ok(exit::QUIT);
            }
            ("b" | "B", _) => match (0..q).rev().find(|&p| verdict.eval.asked[p] == Asked::Yes) {
                Some(p) => current = Some(p),
                None => writeln!(out, "{}", w::PLAIN_FIRST)?,
            },
            ("f" | "F", _) => {
                if verdict.settlement.settled || verdict.next_question().is_none() {
                    break;
                }
                writeln!(out, "{}", w::FINISH_NOT_YET)?;
            }
            ("?", _) => help(ds, q, out)?,
            _ => writeln!(
                out,
                "{}",
                w::plain_invalid(&sanitize::excerpt(typed, MAX_SHOWN_CHARS), n)
            )?,
        }
    }
    let rep = report::build(ds, &verdict);
    writeln!(out)?;
    let text = report::recommend::closing_text(ds, &answers, &rep, report::wrap::stdout_width());
    out.write_all(report::terminal_text(&text).as_bytes())?;
    out.flush()?;
    Ok(exit::OK)
}

fn help(ds: &Dataset, q: QuestionIx, out: &mut impl Write) -> io::Result<()> {
    let question = &ds.questions[q];
    writeln!(out)?;
    writeln!(out, "{}", clean(&question.prompt))?;
    if !question.help.is_empty() {
        writeln!(out, "{}", clean(&question.help))?;
    }
    for (i, o) in question.options.iter().enumerate() {
        write!(
            out,
            "  {}. {} (id {})",
            i + 1,
            clean(&o.label),
            clean(&o.id)
        )?;
        if o.help.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, ": {}", clean(&o.help))?;
        }
    }
    writeln!(out, "{}", w::PLAIN_COMMANDS)?;
    if !ds.glossary.is_empty() {
        writeln!(out, "{}:", w::GLOSSARY)?;
        for g in &ds.glossary {
            writeln!(out, "  {}: {}", clean(&g.term), clean(&g.definition))?;
        }
    }
    Ok(())
}
