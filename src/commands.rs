//! The scriptable subcommands: load input, call the engine, render, pick the exit code.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use serde_json::json;

use crate::analysis::{self, Severity};
use crate::bundled;
use crate::cli::{
    CatalogArgs, CompareArgs, CompletionsArgs, DatasetsArgs, ListFormat, ManArgs, RecommendArgs,
    RecommendFormat, TestArgs,
};
use crate::completion;
use crate::dataset::unknown::{self, Unknown, Via};
use crate::dataset::{
    self, Answers, Dataset, Diagnostic, InputError, answers, diagnostic, diagnostic::Problems,
};
use crate::engine;
use crate::exit;
use crate::files;
use crate::fit;
use crate::manpage;
use crate::report::{self, catalog, compare::Comparison, compare::Marks, recommend};
use crate::sanitize;
use crate::strings::wizard as wizard_words;

/// Loads the dataset named by `--data` (or the one an answers file names, or the default)
/// and the answers from the file and the `QUESTION=OPTION` pairs, pairs last.
pub fn load_inputs(
    data: Option<&str>,
    answers_file: Option<&Path>,
    pairs: &[String],
) -> Result<(Dataset, Answers), InputError> {
    let file = answers_file
        .map(dataset::answers::read_answers_file)
        .transpose()?;
    let ds = match (data, &file) {
        (Some(d), _) => dataset::resolve(d)?,
        (None, Some((_, _, raw))) => match raw.dataset.as_ref().map(|d| d.get_ref().as_str()) {
            Some(name) if bundled::find(name).is_some() => dataset::resolve(name)?,
            _ => dataset::load_default()?,
        },
        (None, None) => dataset::load_default()?,
    };
    let mut answers = Answers::for_dataset(&ds);
    if let Some((name, text, raw)) = &file {
        dataset::answers::resolve_answers_file(&ds, name, text, raw, &mut answers)?;
    }
    answers::parse_pairs(&ds, pairs, &mut answers)?;
    Ok((ds, answers))
}

fn load(data: Option<&str>) -> Result<Dataset, InputError> {
    match data {
        Some(d) => dataset::resolve(d),
        None => dataset::load_default(),
    }
}

/// Writes command output to stdout, or atomically to a file.
fn emit(text: &str, output: Option<&Path>, force: bool) -> Result<()> {
    match output {
        Some(path) => files::write_file(path, text, force),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}

fn render(
    format: ListFormat,
    text: impl FnOnce() -> String,
    json: impl FnOnce() -> serde_json::Value,
    markdown: impl FnOnce() -> String,
) -> String {
    match format {
        ListFormat::Text => report::terminal_text(&text()),
        ListFormat::Json => report::json_string(&json()),
        ListFormat::Markdown => report::terminal_text(&markdown()),
    }
}

/// Says so on standard error; a warning never changes the exit code.
fn warn(message: &str) {
    // Not eprintln!: it panics when standard error is gone.
    let _ = writeln!(std::io::stderr(), "warning: {}", sanitize::text(message));
}

pub fn recommend(args: &RecommendArgs) -> Result<u8> {
    let (ds, answers) = load_inputs(
        args.data.data.as_deref(),
        args.answers.as_deref(),
        &args.answer,
    )?;
    for pair in repeated_pairs(&args.answer) {
        warn(&format!(
            "--answer {} is given more than once; it counts once",
            diagnostic::shown(pair)
        ));
    }
    let verdict = engine::decide(&ds, &answers);
    let rep = report::build(&ds, &verdict);
    let text = match args.format {
        RecommendFormat::Adr => {
            let date = match &args.date {
                Some(d) if valid_date(d) => d.clone(),
                Some(d) => bail!("invalid --date `{}`: expected YYYY-MM-DD", d.escape_debug()),
                None => report::adr::today(),
            };
            report::terminal_text(&report::adr::adr(&ds, &rep, &date))
        }
        RecommendFormat::Json => report::json_string(&recommend::json(&rep, &ds.vocabulary)),
        f => {
            let layout = report::layout::build(&rep);
            let opts = recommend::Options {
                detail: args.detail,
                width: args.output.is_none().then(fit::terminal_width).flatten(),
            };
            if f == RecommendFormat::Markdown {
                report::terminal_text(&recommend::render_markdown(&layout, opts))
            } else {
                report::terminal_text(&recommend::render_text(&layout, opts))
            }
        }
    };
    emit(&text, args.output.as_deref(), args.force)?;
    Ok(exit::of_result(&verdict))
}

/// The `QUESTION=OPTION` pairs given more than once, each named once. (Two different
/// answers to one question are an error of `answers::parse_pairs`, so by the time this
/// runs, a repeated question is a repeated pair.)
fn repeated_pairs(pairs: &[String]) -> Vec<&str> {
    let key = |p: &str| -> String {
        match p.split_once('=') {
            Some((q, o)) => format!("{}={}", q.trim(), o.trim()),
            None => p.to_owned(),
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut told = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in pairs {
        let k = key(p);
        if !seen.insert(k.clone()) && told.insert(k) {
            out.push(p.as_str());
        }
    }
    out
}

/// A real calendar date as `YYYY-MM-DD`.
fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, day] = parts[..] else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
        return false;
    }
    let (y, m, day): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        day.parse().unwrap_or(0),
    );
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

pub fn compare(args: &CompareArgs) -> Result<u8> {
    let (ds, answers) = load_inputs(args.data.data.as_deref(), args.answers.as_deref(), &[])?;
    let result = args
        .answers
        .as_ref()
        .map(|_| Marks::of(&ds, &engine::decide(&ds, &answers)));
    let mut problems = Problems::default();
    let mut candidates = Vec::new();
    for id in &args.candidates {
        match ds.candidate_ix(id) {
            Some(c) if !candidates.contains(&c) => candidates.push(c),
            Some(_) => warn(&format!(
                "`{}` is named more than once; it is compared once",
                diagnostic::shown(id)
            )),
            None => problems.add(|| {
                unknown_id(
                    &ds,
                    "compare",
                    Unknown::Candidate,
                    id,
                    ds.candidates.iter().map(|c| c.id.as_str()),
                )
            }),
        }
    }
    if args.candidates.is_empty() {
        candidates = (0..ds.candidates.len()).collect();
    }
    let context = match &args.context {
        Some(id) => match ds.context_ix(id) {
            Some(c) => Some(c),
            None => {
                problems.add(|| {
                    unknown_id(
                        &ds,
                        "--context",
                        Unknown::Context,
                        id,
                        ds.contexts.iter().map(|c| c.id.as_str()),
                    )
                });
                None
            }
        },
        None => result.as_ref().and_then(|m| m.context),
    };
    problems.into_result()?;
    let cmp = Comparison {
        ds: &ds,
        candidates,
        context,
        only_differences: args.only_differences,
        result,
    };
    let width = args.output.is_none().then(fit::terminal_width).flatten();
    emit(
        &render(
            args.format,
            || cmp.text(width),
            || cmp.json(),
            || cmp.markdown(),
        ),
        args.output.as_deref(),
        args.force,
    )?;
    Ok(exit::OK)
}

/// An id the dataset does not know, given on the command line at `place` (a flag, or the
/// command for its arguments): named as the user wrote it, never as the dataset's file,
/// with the valid ids and the best hint (`dataset::unknown`).
fn unknown_id<'a>(
    ds: &Dataset,
    place: &str,
    kind: Unknown,
    id: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let what = match kind {
        Unknown::Context => &ds.vocabulary.context,
        _ => &ds.vocabulary.candidate,
    };
    Diagnostic {
        expected: Some(format!(
            "one of {} (in {})",
            diagnostic::list_ids(ids.clone()),
            dataset_named(ds)
        )),
        hint: unknown::hint(ds, kind, id, Via::CommandLine, ids),
        ..Diagnostic::new(
            diagnostic::Kind::CommandLine,
            place,
            format!("unknown {what} `{}`", diagnostic::shown(id)),
        )
    }
}

/// How a message names the dataset in use: a bundled edition by its name, a file by its
/// path.
fn dataset_named(ds: &Dataset) -> String {
    match ds.origin.bundled_name() {
        Some(name) => name.to_owned(),
        None => ds.origin.to_string(),
    }
}

pub fn matrix(args: &CatalogArgs) -> Result<u8> {
    let ds = load(args.data.data.as_deref())?;
    let out = render(
        args.format,
        || catalog::matrix_text(&ds),
        || catalog::matrix_json(&ds),
        || catalog::matrix_markdown(&ds),
    );
    emit(&out, None, false)?;
    Ok(exit::OK)
}

pub fn questions(args: &CatalogArgs) -> Result<u8> {
    let ds = load(args.data.data.as_deref())?;
    let out = render(
        args.format,
        || catalog::questions_text(&ds),
        || catalog::questions_json(&ds),
        || catalog::questions_markdown(&ds),
    );
    emit(&out, None, false)?;
    Ok(exit::OK)
}

/// The bundled editions, and the dataset file `--data` names, if it names one (shown by
/// its path and its own title: a file is never taken for a bundled edition). The text
/// table fits the terminal (`fit`); JSON and Markdown keep every text whole.
pub fn datasets(args: &DatasetsArgs) -> Result<u8> {
    let mut rows = Vec::new();
    for (i, b) in bundled::BUNDLED.iter().enumerate() {
        let ds = dataset::load_bundled(b)?;
        let tag = (i == 0).then_some(wizard_words::DEFAULT);
        rows.push((b.name.to_owned(), tag, ds));
    }
    match args.data.as_deref() {
        Some(name) if bundled::find(name).is_some() => warn(&format!(
            "`{name}` is a bundled edition, listed in any case; --data adds a dataset file to the list"
        )),
        Some(path) => {
            let ds = dataset::resolve(path)?;
            rows.push((path.to_owned(), Some(wizard_words::FROM_DATA_FLAG), ds));
        }
        None => {}
    }
    let text = || {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(name, tag, ds)| {
                let name = match tag {
                    Some(tag) => format!("{name} ({tag})"),
                    None => name.clone(),
                };
                vec![name, ds.edition.clone(), ds.title.clone()]
            })
            .collect();
        let width = fit::output_width();
        let fitted = fit::table_or_stack(&["name", "edition", "title"], &cells, width);
        let mut text = fitted.text;
        if fitted.cut {
            text.push('\n');
            text.push_str(&fit::wrap(
                &format!("(Cut to {width} columns; `authwiz datasets --format json` has every text whole.)"),
                width,
            ));
        }
        text
    };
    let json = || {
        rows.iter()
            .map(|(name, tag, ds)| {
                let default = *tag == Some(wizard_words::DEFAULT);
                json!({"name": name, "id": ds.id, "title": ds.title, "edition": ds.edition,
                       "summary": ds.summary, "default": default})
            })
            .collect()
    };
    let markdown = || {
        let mut t =
            report::table::Table::new(vec!["name".into(), "edition".into(), "title".into()]);
        for (name, tag, ds) in &rows {
            let name = match tag {
                Some(tag) => format!("`{name}` ({tag})"),
                None => format!("`{name}`"),
            };
            t.row(vec![name, ds.edition.clone(), ds.title.clone()]);
        }
        t.markdown()
    };
    emit(&render(args.format, text, json, markdown), None, false)?;
    Ok(exit::OK)
}

pub fn check(args: &CatalogArgs) -> Result<u8> {
    let ds = load(args.data.data.as_deref())?;
    let rep = analysis::check(&ds, analysis::Budget::default());
    let sev = |s: Severity| match s {
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let text = || {
        let mut out = format!(
            "{} ({}): valid. {} {}, {} questions, {} rules.\n",
            ds.id,
            ds.origin,
            ds.candidates.len(),
            ds.vocabulary.candidates,
            ds.questions.len(),
            ds.written_rules().count()
        );
        out.push_str(&format!(
            "Walked {} complete answer paths ({} evaluations){}.\n",
            rep.paths,
            rep.evaluations,
            if rep.exhaustive {
                ": every path covered"
            } else if rep.complete {
                ": not every path, but every candidate and question shown to matter"
            } else {
                ""
            }
        ));
        if let Some(u) = &rep.uncovered {
            out.push_str(&format!("INCOMPLETE: {u}\n"));
        }
        if rep.findings.is_empty() {
            out.push_str(if rep.complete {
                "No problems found.\n"
            } else {
                "No problems found in what was covered.\n"
            });
        }
        let (shown, left_out) = rep.shown_findings();
        for f in shown {
            out.push_str(&format!(
                "{}: {} {}: {}\n",
                sev(f.severity),
                f.kind,
                f.subject,
                f.message
            ));
        }
        for (kind, n) in left_out {
            out.push_str(&format!(
                "… and {n} more {kind} findings (all of them with --format json)\n"
            ));
        }
        out
    };
    let json = || {
        json!({
            "dataset": rep.dataset,
            "valid": true,
            "complete": rep.complete,
            "exhaustive": rep.exhaustive,
            "uncovered": rep.uncovered,
            "paths": rep.paths,
            "evaluations": rep.evaluations,
            "findings": rep.findings.iter().map(|f| json!({
                "severity": sev(f.severity), "kind": f.kind, "subject": f.subject, "message": f.message,
            })).collect::<Vec<_>>(),
        })
    };
    let markdown = || {
        let mut out = format!("## Check of `{}`\n\n", ds.id);
        out.push_str(&format!(
            "- Paths walked: {} ({})\n",
            rep.paths,
            if rep.complete {
                "complete"
            } else {
                "incomplete"
            }
        ));
        if let Some(u) = &rep.uncovered {
            out.push_str(&format!("- **Incomplete:** {}\n", recommend::md(u)));
        }
        for f in &rep.findings {
            out.push_str(&format!(
                "- **{}** `{}` `{}`: {}\n",
                sev(f.severity),
                f.kind,
                f.subject,
                recommend::md(&f.message)
            ));
        }
        out
    };
    emit(&render(args.format, text, json, markdown), None, false)?;
    let warned = rep.findings.iter().any(|f| f.severity == Severity::Warning);
    Ok(if warned || !rep.complete {
        exit::NEGATIVE
    } else {
        exit::OK
    })
}

/// Runs a scenario file: 0 when every scenario passes, 3 when one fails.
pub fn test(args: &TestArgs) -> Result<u8> {
    let run = crate::scenarios::run_file(&args.scenarios, args.data.as_deref())?;
    emit(&report::terminal_text(&run.text()), None, false)?;
    Ok(if run.failed() == 0 {
        exit::OK
    } else {
        exit::NEGATIVE
    })
}

/// Prints the JSON Schema of the dataset format.
pub fn schema() -> Result<u8> {
    emit(
        &report::json_string(&crate::schema::dataset_schema()),
        None,
        false,
    )?;
    Ok(exit::OK)
}

/// Prints the script that registers authwiz's completion in a shell.
pub fn completions(args: &CompletionsArgs) -> Result<u8> {
    emit(&completion::script(args.shell)?, None, false)?;
    Ok(exit::OK)
}

/// Prints a manual page, or writes them all into a directory.
pub fn man(args: &ManArgs) -> Result<u8> {
    let cmd = crate::cli::command();
    match &args.dir {
        Some(dir) => {
            let mut written = String::new();
            for path in manpage::install(cmd, dir, args.force)? {
                written.push_str(&format!("wrote {}\n", path.display()));
            }
            emit(&sanitize::text(&written), None, false)?;
        }
        None => emit(&manpage::page(cmd, args.command.as_deref())?, None, false)?,
    }
    Ok(exit::OK)
}
