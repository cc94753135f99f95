//! Scenario files (`authwiz test FILE`): a dataset author's expected outcomes, each a set
//! of answers and what they must lead to, run like a test suite. Every scenario is run;
//! each failure shows what was expected beside what came out.
//!
//! ```toml
//! dataset = "pick-a-database"      # optional: a bundled edition or a path from this file
//!
//! [[scenario]]
//! name = "many writers rule SQLite out"
//! derived_from = "SQLite: Appropriate Uses"     # optional: where the expectation comes from
//! answers = { hosting = "one-server", size = "real", writers = "many" }
//! recommendation = "postgres"      # a candidate id, or "none"
//! result = "recommendation"        # optional: recommendation, tie, none-needed, nothing-fits
//! outcome = "no-database"          # optional: an outcome reached
//! conflict = ["hosting", "writers"]  # optional: the conflicting answers, when nothing fits
//! reason = "many processes write"  # optional: in a reason of the recommendation
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::dataset::answers::{RawAnswers, resolve_answers_table};
use crate::dataset::diagnostic::{Diagnostic, InputError, Kind, LineIndex, list_ids, shown};
use crate::dataset::input::{parse_toml, read_text};
use crate::dataset::{self, Answers, Dataset};
use crate::engine;
use crate::report::{self, Report, recommend::result_kind};
use crate::strings;

/// A scenario file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenarios {
    /// The dataset the scenarios are for: a bundled edition's name, or a path to a dataset
    /// file (relative to the scenario file). `--data` overrides it.
    pub dataset: Option<Spanned<String>>,
    #[serde(default)]
    pub scenario: Vec<RawScenario>,
}

/// One scenario as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Spanned<String>,
    /// Where the expectation comes from (a bullet, a note, a ticket).
    pub derived_from: Option<String>,
    /// `question = "option"`, all at once, as `-a` gives them.
    #[serde(default)]
    pub answers: BTreeMap<Spanned<String>, Spanned<String>>,
    /// The candidate recommended, or `"none"`.
    pub recommendation: Option<Spanned<String>>,
    /// What kind of result: `recommendation`, `tie`, `none-needed` or `nothing-fits`.
    pub result: Option<Spanned<String>>,
    /// An outcome reached.
    pub outcome: Option<Spanned<String>>,
    /// The conflicting answers (question ids, any order), when nothing fits.
    pub conflict: Option<Vec<Spanned<String>>>,
    /// Text found in a reason of the recommendation (without one: in an outcome reached or
    /// a reason that involves a conflicting answer).
    pub reason: Option<String>,
}

/// The kinds of result a scenario may expect (`result`).
pub const RESULTS: &[&str] = &["recommendation", "tie", "none-needed", "nothing-fits"];

/// One scenario's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub name: String,
    /// Where it is written, `FILE:LINE`.
    pub place: String,
    /// Empty when it passed; otherwise what differs, one entry per expectation, as lines.
    pub failures: Vec<Vec<String>>,
}

/// A whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub file: String,
    /// How the dataset is named: a bundled edition by name, a file by its path.
    pub dataset: String,
    pub outcomes: Vec<Outcome>,
}

impl Run {
    pub fn failed(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| !o.failures.is_empty())
            .count()
    }

    /// The report, as a test runner prints it: one line per scenario, then every failure
    /// with what was expected (`-`) and what came out (`+`), then the totals.
    pub fn text(&self) -> String {
        let n = self.outcomes.len();
        let mut out = format!(
            "running {n} scenario{} of {} against {}\n",
            if n == 1 { "" } else { "s" },
            self.file,
            self.dataset
        );
        for o in &self.outcomes {
            let mark = if o.failures.is_empty() {
                "ok    "
            } else {
                "FAILED"
            };
            out.push_str(&format!("{mark} {}\n", o.name));
        }
        for o in self.outcomes.iter().filter(|o| !o.failures.is_empty()) {
            out.push_str(&format!("\n---- {} ({})\n", o.name, o.place));
            for f in &o.failures {
                for line in f {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
        let failed = self.failed();
        out.push_str(&format!(
            "\ntest result: {}. {} passed; {failed} failed\n",
            if failed == 0 { "ok" } else { "FAILED" },
            n - failed
        ));
        out
    }
}

/// Reads and runs a scenario file against `data` (or the dataset it names, or the default
/// edition). `Err` when the file or the dataset cannot be read; a scenario that fails,
/// even one whose answers do not fit the dataset, is a failed outcome.
pub fn run_file(path: &Path, data: Option<&str>) -> Result<Run, InputError> {
    let file = path.display().to_string();
    let text = read_text(path)?;
    let raw: RawScenarios = parse_toml(&file, &text).map_err(|mut e| {
        for d in &mut e.diagnostics {
            if d.kind == Kind::EmptyFile {
                d.expected = Some(
                    "scenarios: `[[scenario]]` tables with `name`, `answers` and what they must lead to (data/README.md)".into(),
                );
            }
        }
        e
    })?;
    let ds = match (data, &raw.dataset) {
        (Some(d), _) => dataset::resolve(d)?,
        (None, Some(name)) => {
            let name = name.get_ref();
            if crate::bundled::find(name).is_some() {
                dataset::resolve(name)?
            } else {
                let beside = path.parent().unwrap_or(Path::new("")).join(name);
                dataset::load_path(&beside)?
            }
        }
        (None, None) => dataset::load_default()?,
    };
    if raw.scenario.is_empty() {
        return Err(Diagnostic {
            expected: Some("at least one `[[scenario]]`".into()),
            ..Diagnostic::new(Kind::Invalid, &file, "has no scenarios")
        }
        .into());
    }
    let lines = LineIndex::new(&text);
    let dataset = match ds.origin.bundled_name() {
        Some(name) => name.to_owned(),
        None => ds.origin.to_string(),
    };
    let mut outcomes = Vec::new();
    let mut names = BTreeSet::new();
    for (i, s) in raw.scenario.iter().enumerate() {
        let (line, _) = lines.position(s.name.span().start);
        let mut o = run_one(&ds, &file, &text, i, s);
        o.place = format!("{file}:{line}");
        if !names.insert(s.name.get_ref().as_str()) {
            o.failures
                .push(vec!["another scenario has the same name".to_owned()]);
        }
        outcomes.push(o);
    }
    Ok(Run {
        file,
        dataset,
        outcomes,
    })
}

/// Texts that may carry the expected reason when nothing is recommended: the outcomes
/// reached and, when the answers conflict, the reasons that involve a conflicting answer.
fn none_texts(rep: &Report) -> Vec<String> {
    let mut out: Vec<String> = rep
        .outcomes
        .iter()
        .flat_map(|o| [o.title.clone(), o.text.clone()])
        .collect();
    if let Some(c) = &rep.conflict {
        let conflicting: BTreeSet<&str> = c.answers.iter().map(|a| a.question.as_str()).collect();
        for e in &rep.ranking {
            for r in &e.reasons {
                if r.answers
                    .iter()
                    .any(|a| conflicting.contains(a.question.as_str()))
                {
                    out.push(r.text.clone());
                }
            }
        }
    }
    out
}

/// One scenario against the dataset.
fn run_one(ds: &Dataset, file: &str, text: &str, i: usize, s: &RawScenario) -> Outcome {
    let mut out = Outcome {
        name: s.name.get_ref().clone(),
        place: String::new(),
        failures: Vec::new(),
    };
    if s.recommendation.is_none()
        && s.result.is_none()
        && s.outcome.is_none()
        && s.conflict.is_none()
        && s.reason.is_none()
    {
        out.failures.push(vec![
            "expects nothing: give a `recommendation`, `result`, `outcome`, `conflict` or `reason`"
                .to_owned(),
        ]);
        return out;
    }
    let raw = RawAnswers {
        dataset: None,
        answers: s.answers.clone(),
    };
    let mut answers = Answers::for_dataset(ds);
    if let Err(e) = resolve_answers_table(
        ds,
        file,
        text,
        &raw,
        &format!("scenario[{i}].answers"),
        &mut answers,
    ) {
        out.failures.push(
            std::iter::once("the answers do not fit the dataset:".to_owned())
                .chain(e.to_string().lines().map(|l| format!("  {l}")))
                .collect(),
        );
        return out;
    }
    let verdict = engine::decide(ds, &answers);
    let rep = report::build(ds, &verdict);
    let got = rep
        .recommendation
        .as_ref()
        .map_or("none".to_owned(), |r| r.0.clone());

    if let Some(want) = &s.recommendation {
        let want = want.get_ref();
        let known = want == "none" || ds.candidate_ix(want).is_some();
        if !known {
            out.failures.push(vec![format!(
                "expects `{}`, which is not a {} of the dataset: one of {}, or none",
                shown(want),
                ds.vocabulary.candidate,
                list_ids(ds.candidates.iter().map(|c| c.id.as_str()))
            )]);
        } else if *want != got {
            let mut lines = vec![
                format!("- recommendation: {want}"),
                format!("+ recommendation: {got}{}", result_note(&rep)),
            ];
            lines.push(format!("  ranking: {}", ranking(&rep)));
            out.failures.push(lines);
        }
    }
    if let Some(want) = &s.result {
        let want = want.get_ref();
        let got_kind = result_kind(&rep);
        if !RESULTS.contains(&want.as_str()) {
            out.failures.push(vec![format!(
                "expects the result `{}`: one of {}",
                shown(want),
                list_ids(RESULTS.iter().copied())
            )]);
        } else if want != got_kind {
            out.failures.push(vec![
                format!("- result: {want}"),
                format!("+ result: {got_kind}{}", result_note(&rep)),
            ]);
        }
    }
    if let Some(want) = &s.outcome {
        let want = want.get_ref();
        let reached: Vec<&str> = rep.outcomes.iter().map(|o| o.id.as_str()).collect();
        if !ds.outcomes.iter().any(|o| o.id == *want) {
            out.failures.push(vec![format!(
                "expects the outcome `{}`, which the dataset does not have: one of {}",
                shown(want),
                list_ids(ds.outcomes.iter().map(|o| o.id.as_str()))
            )]);
        } else if !reached.contains(&want.as_str()) {
            out.failures.push(vec![
                format!("- outcome: {want}"),
                format!(
                    "+ outcomes: {}",
                    if reached.is_empty() {
                        "none".to_owned()
                    } else {
                        reached.join(", ")
                    }
                ),
            ]);
        }
    }
    if let Some(want) = &s.conflict {
        let want: BTreeSet<&str> = want.iter().map(|q| q.get_ref().as_str()).collect();
        let got: BTreeSet<&str> = rep
            .conflict
            .as_ref()
            .map(|c| {
                c.given
                    .iter()
                    .chain(&c.answers)
                    .map(|a| a.question.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(q) = want.iter().find(|q| ds.question_ix(q).is_none()) {
            out.failures.push(vec![format!(
                "expects a conflict on `{}`, which is not a question of the dataset",
                shown(q)
            )]);
        } else if want != got {
            let list = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join(", ");
            out.failures.push(vec![
                format!("- conflict: {}", list(&want)),
                if rep.conflict.is_some() {
                    format!("+ conflict: {}", list(&got))
                } else {
                    format!("+ no conflict ({})", result_kind(&rep))
                },
            ]);
        }
    }
    if let Some(want) = &s.reason {
        let texts: Vec<String> = if got == "none" {
            none_texts(&rep)
        } else {
            rep.why.iter().map(|r| r.text.clone()).collect()
        };
        // Reasons are shown as sentences (first letter capitalised).
        let as_sentence = strings::sentence(want);
        if !texts
            .iter()
            .any(|t| t.contains(want.as_str()) || t.contains(&as_sentence))
        {
            let mut lines = vec![format!("- a reason containing {want:?}")];
            let of = if got == "none" {
                "the outcomes and the conflict".to_owned()
            } else {
                format!("`{got}`")
            };
            if texts.is_empty() {
                lines.push(format!("+ no reasons of {of}"));
            } else {
                lines.push(format!("+ the reasons of {of}:"));
                lines.extend(texts.iter().map(|t| format!("+   {t}")));
            }
            out.failures.push(lines);
        }
    }
    if !out.failures.is_empty() {
        if let Some(from) = &s.derived_from {
            out.failures
                .insert(0, vec![format!("derived from: {from}")]);
        }
        if !rep.ignored.is_empty() {
            let ignored: Vec<&str> = rep
                .ignored
                .iter()
                .map(|a| a.answer.question.as_str())
                .collect();
            out.failures.push(vec![format!(
                "  answers ignored (their questions are not asked): {}",
                ignored.join(", ")
            )]);
        }
    }
    out
}

/// A tie, or the conflicting answers, beside a result that was not expected.
fn result_note(rep: &Report) -> String {
    if rep.decided_by_order {
        let tie: Vec<&str> = rep.tie.iter().map(|t| t.0.as_str()).collect();
        format!(" (a tie with {}, decided by order)", tie.join(", "))
    } else if let Some(c) = &rep.conflict {
        let qs: Vec<&str> = c.answers.iter().map(|a| a.question.as_str()).collect();
        format!(" (nothing fits; conflict: {})", qs.join(", "))
    } else {
        String::new()
    }
}

fn ranking(rep: &Report) -> String {
    rep.ranking
        .iter()
        .map(|e| format!("{} {} {}", e.id, e.status.as_str(), e.score))
        .collect::<Vec<_>>()
        .join("; ")
}
