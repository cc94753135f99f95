//! The result read in half a minute (issue 11): the default text of every complete answer
//! path of both editions fits in 60 lines at 100 columns, `--detail` keeps everything the
//! report holds, sources are links in text, Markdown and the decision record, and text
//! to a terminal is wrapped while text to a file is not.

use std::process::Command;

#[path = "common/why_not_line.rs"]
mod why_not_line;

use authwiz::analysis::{self, complete_paths};
use authwiz::dataset::{self, Dataset};
use authwiz::engine;
use authwiz::report::layout::{self, SectionKind, Tone};
use authwiz::report::recommend::{self, Options};
use authwiz::report::{self, Report, adr, links, wrap};

const EDITIONS: [&str; 2] = ["box-2019", "box-current"];
/// The budget for the default text, and the width it is read at.
const MAX_ROWS: usize = 60;
const COLUMNS: usize = 100;

fn reports(edition: &str) -> (Dataset, Vec<Report>) {
    let ds = dataset::resolve(edition).expect("bundled edition");
    let reports = complete_paths(&ds)
        .iter()
        .map(|a| report::build(&ds, &engine::decide(&ds, a)))
        .collect();
    (ds, reports)
}

fn summary(r: &Report, width: Option<usize>) -> String {
    recommend::render_text(
        &layout::build(r),
        Options {
            detail: false,
            width,
        },
    )
}

fn detail(r: &Report) -> String {
    recommend::render_text(&layout::build(r), Options::detail())
}

#[test]
fn every_complete_path_fits_in_60_lines_at_100_columns() {
    for edition in EDITIONS {
        let (_, reports) = reports(edition);
        // The wizard skips questions that cannot change the result (issue 10): ~200-260 paths.
        assert!(reports.len() > 150, "{edition}: {} paths", reports.len());
        let rows: Vec<usize> = reports
            .iter()
            .map(|r| wrap::rows(&summary(r, Some(COLUMNS)), COLUMNS))
            .collect();
        let max = rows.iter().copied().max().unwrap_or(0);
        let mean = rows.iter().sum::<usize>() as f64 / rows.len() as f64;
        println!(
            "{edition}: {} paths, rows at {COLUMNS} columns: max {max}, mean {mean:.1}",
            rows.len()
        );
        for (r, n) in reports.iter().zip(&rows) {
            assert!(
                *n <= MAX_ROWS,
                "{edition}: {n} rows for {:?}:\n{}",
                r.answers
                    .iter()
                    .map(|a| format!("{}={}", a.question, a.option))
                    .collect::<Vec<_>>(),
                summary(r, Some(COLUMNS))
            );
        }
    }
}

/// Every piece of the report, as the text of today's (pre-issue-11) report showed it.
fn pieces(r: &Report) -> Vec<String> {
    let mut out = vec![r.title.clone(), r.edition.clone(), r.headline.clone()];
    out.extend(r.notices.iter().cloned());
    let answer = |a: &report::model::AnswerRef| {
        format!("\u{201c}{}\u{201d} ({}={})", a.label, a.question, a.option)
    };
    // The answers, each with its question, as the list of answers shows them.
    for a in &r.answers {
        out.push(format!("{}  {}", a.prompt, answer(a)));
    }
    let reason = |x: &report::model::Reason, out: &mut Vec<String>| {
        out.push(x.text.clone());
        out.extend(x.answers.iter().map(answer));
        out.extend(x.cell_note.iter().cloned());
        out.extend(x.rule.iter().map(|r| format!("rule {r}")));
        out.extend(x.criterion.iter().map(|c| format!("criterion {c}")));
        out.extend(x.context.iter().map(|c| format!("support cell {c}")));
        out.push(x.source.title.clone());
        out.push(x.source.path.clone());
    };
    for x in &r.why {
        reason(x, &mut out);
    }
    for w in &r.why_not {
        // The summary sentence, save when no candidate is needed (then: "not needed").
        if r.recommendation.is_some() || r.conflict.is_some() {
            out.push(w.summary.clone());
        }
        for x in &w.reasons {
            reason(x, &mut out);
        }
    }
    for f in r.caveats.iter().chain(&r.next_steps) {
        out.push(format!("{}: {}", f.label, f.text));
        out.push(f.source.title.clone());
    }
    for o in &r.outcomes {
        out.push(o.text.clone());
        out.push(format!("rule {}", o.rule));
    }
    out.extend(r.what_if.iter().map(|w| w.text.clone()));
    out.extend(r.open.iter().map(|(id, p)| format!("{p} ({id})")));
    out.extend(
        r.ranking
            .iter()
            .map(|e| format!("{:<12} {:>4}  {}", e.status.as_str(), e.score, e.name)),
    );
    if let Some(c) = &r.conflict {
        out.extend(c.answers.iter().map(answer));
        out.extend(c.given.iter().map(answer));
        out.extend(c.relaxations.iter().map(|x| x.text.clone()));
    }
    out
}

#[test]
fn the_detail_keeps_every_piece_of_the_report() {
    for edition in EDITIONS {
        let (_, reports) = reports(edition);
        for r in &reports {
            let text = detail(r);
            for piece in pieces(r) {
                assert!(
                    text.contains(&piece),
                    "{edition}: the detail lacks {piece:?}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn every_source_with_a_url_is_a_link_in_text_markdown_and_the_record() {
    for edition in EDITIONS {
        let (ds, reports) = reports(edition);
        // Every kind of result: a recommendation, a tie, no method needed, nothing fits.
        let mut seen = Vec::new();
        for r in &reports {
            let l = layout::build(r);
            if seen.contains(&l.tone) && seen.len() < 4 {
                continue;
            }
            seen.push(l.tone);
            let text = detail(r);
            let brief = summary(r, None);
            let md = recommend::render_markdown(&l, Options::detail());
            let record = adr::adr(&ds, r, "2025-01-01");
            for (i, s) in l.sources.iter().enumerate() {
                let Some(url) = links::source_url(s) else {
                    assert!(text.contains(&s.path), "{} has no link and no path", s.id);
                    continue;
                };
                assert!(text.contains(&format!("<{url}>")), "text lacks {url}");
                if i < l.summary_sources {
                    assert!(brief.contains(&format!("<{url}>")), "summary lacks {url}");
                }
                let md_link = format!("]({})", links::markdown_url(url));
                assert!(md.contains(&md_link), "Markdown lacks {md_link}");
                assert!(record.contains(&md_link), "ADR lacks {md_link}");
            }
            assert!(record.contains("\n## Sources\n"), "{record}");
            if seen.len() == 4 {
                break;
            }
        }
    }
}

#[test]
fn text_to_a_terminal_is_wrapped_and_to_a_file_is_not() {
    let (_, reports) = reports("box-2019");
    let r = &reports[reports.len() / 2];
    let wide = summary(r, None);
    let narrow = summary(r, Some(60));
    assert!(wide.lines().any(|l| l.chars().count() > 60), "{wide}");
    for l in narrow.lines() {
        // A single word wider than the line (a URL) is never split.
        assert!(
            unicode_width::UnicodeWidthStr::width(l) <= 60 || !l.trim().contains(' '),
            "{l:?} is wider than 60 columns"
        );
    }
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        words(&wide),
        words(&narrow),
        "wrapping changes nothing but lines"
    );
    // The binary writes to a pipe here: nothing is wrapped.
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args([
            "recommend",
            "-a",
            "app-type=custom-app",
            "-a",
            "purpose=production",
        ])
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().any(|l| l.chars().count() > 40), "{stdout}");
}

#[test]
fn no_method_needed_reads_as_good_news() {
    for edition in EDITIONS {
        let (_, reports) = reports(edition);
        let r = reports
            .iter()
            .find(|r| layout::build(r).tone == Tone::NoneNeeded)
            .expect("a Custom Skill path");
        let text = summary(r, None);
        assert!(
            text.contains("\u{2713} No authorization method needed"),
            "{text}"
        );
        assert!(
            text.contains("None of the authorization methods is needed here"),
            "{text}"
        );
        assert!(!text.contains("ruled out"), "{text}");
        assert!(
            !text.lines().any(|l| l.trim_start().starts_with("x ")),
            "{text}"
        );
        let l = layout::build(r);
        assert!(l.section(SectionKind::Why).is_none());
    }
}

#[test]
fn the_summary_says_each_thing_once() {
    for edition in EDITIONS {
        let (_, reports) = reports(edition);
        for r in reports.iter().step_by(7) {
            let text = summary(r, None);
            let mut lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| l.len() > 30 && !l.starts_with('['))
                .collect();
            let n = lines.len();
            lines.sort_unstable();
            lines.dedup();
            assert_eq!(lines.len(), n, "a line said twice in:\n{text}");
        }
    }
}

/// Issue 8's "numbers shown add up", on the one-line why-not of the summary: the points
/// of the answer it names and of the answers it counts come to the gap it states. Every
/// partial and complete path of both editions (partial results are shown too).
#[test]
fn each_why_not_line_adds_up_to_its_gap() {
    let mut lines = 0;
    let mut with_others = 0;
    for edition in EDITIONS {
        let ds = dataset::resolve(edition).expect("bundled edition");
        analysis::walk(&ds, &mut |a, _| {
            let r = report::build(&ds, &engine::decide(&ds, a));
            let (n, others) = why_not_line::check(&summary(&r, None))
                .unwrap_or_else(|e| panic!("{edition} {:?}: {e}", a.to_ids(&ds)));
            lines += n;
            with_others += others;
            true
        });
    }
    assert!(
        lines > 1000 && with_others > 10,
        "{lines} lines, {with_others} with others"
    );
}
