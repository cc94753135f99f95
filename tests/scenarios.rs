//! Every scenario of tests/scenarios/*.toml through the engine: the expected recommendation
//! and the expected reason text. Each scenario is derived from a "when to use" bullet or a
//! note of Box's guide; a failure means the data (or the scenario) disagrees with the guide.
//!
//! Scenario format:
//!
//! ```toml
//! [[scenario]]
//! name = "..."
//! derived_from = "the bullet or note it comes from"
//! answers = { app-type = "custom-app", purpose = "production" }
//! recommendation = "oauth2"        # a method id, or "none"
//! reason = "a substring of a reason text of the recommended method"
//! ```
//!
//! All failing scenarios of a file are reported in one message, so data authors see them all.

use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::path::Path;

use authwiz::commands::load_inputs;
use authwiz::engine;
use authwiz::report::{self, Report};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    scenario: Vec<Scenario>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    derived_from: String,
    #[serde(default)]
    answers: BTreeMap<String, String>,
    recommendation: String,
    reason: String,
}

const EDITIONS: &[&str] = &["box-2019", "box-current"];

fn scenario_file(edition: &str) -> String {
    format!(
        "{}/tests/scenarios/{edition}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn read(edition: &str) -> Result<Vec<Scenario>, String> {
    let path = scenario_file(edition);
    let text = std::fs::read_to_string(Path::new(&path)).map_err(|e| format!("{path}: {e}"))?;
    let file: File = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok(file.scenario)
}

/// Texts that may carry the expected reason when nothing is recommended: the outcomes
/// reached and, when the answers conflict, the exclusion reasons citing a conflicting answer.
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

/// Runs one scenario; `Err` describes the failure.
fn run(edition: &str, s: &Scenario) -> Result<(), String> {
    let pairs: Vec<String> = s.answers.iter().map(|(q, o)| format!("{q}={o}")).collect();
    let (ds, answers) = load_inputs(Some(edition), None, &pairs)
        .map_err(|e| format!("the answers do not load: {e}"))?;
    let verdict = engine::decide(&ds, &answers);
    let rep = report::build(&ds, &verdict);
    let got = rep
        .recommendation
        .as_ref()
        .map_or("none".to_owned(), |r| r.0.clone());
    let texts: Vec<String> = if got == "none" {
        none_texts(&rep)
    } else {
        rep.why.iter().map(|r| r.text.clone()).collect()
    };
    let rec_ok = got == s.recommendation;
    // Reason texts start with the rule's `because` made a sentence (first letter capital).
    let as_sentence = authwiz::strings::sentence(&s.reason);
    let reason_ok = texts
        .iter()
        .any(|t| t.contains(&s.reason) || t.contains(&as_sentence));
    if rec_ok && reason_ok {
        return Ok(());
    }
    let mut msg = String::new();
    if !rec_ok {
        msg.push_str(&format!(
            "    expected recommendation `{}`, got `{got}`",
            s.recommendation
        ));
        if !rep.tie.is_empty() {
            let tie: Vec<&str> = rep.tie.iter().map(|t| t.0.as_str()).collect();
            msg.push_str(&format!(" (tie: {})", tie.join(", ")));
        }
        if let Some(c) = &rep.conflict {
            let qs: Vec<&str> = c.answers.iter().map(|a| a.question.as_str()).collect();
            msg.push_str(&format!(" (conflict: {})", qs.join(", ")));
        }
        msg.push('\n');
        let ranking: Vec<String> = rep
            .ranking
            .iter()
            .map(|e| format!("{} {} {}", e.id, e.status.as_str(), e.score))
            .collect();
        msg.push_str(&format!("    ranking: {}\n", ranking.join("; ")));
    }
    if !reason_ok {
        msg.push_str(&format!(
            "    expected a reason containing {:?}; the reasons{} are:\n",
            s.reason,
            if got == "none" {
                " (outcomes and conflict)".to_owned()
            } else {
                format!(" of `{got}`")
            }
        ));
        if texts.is_empty() {
            msg.push_str("      (none)\n");
        }
        for t in &texts {
            msg.push_str(&format!("      - {t}\n"));
        }
    }
    if !rep.ignored.is_empty() {
        let ignored: Vec<&str> = rep
            .ignored
            .iter()
            .map(|a| a.answer.question.as_str())
            .collect();
        msg.push_str(&format!(
            "    answers ignored (questions not asked): {}\n",
            ignored.join(", ")
        ));
    }
    Err(msg)
}

fn check_edition(edition: &str) {
    let scenarios = read(edition).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !scenarios.is_empty(),
        "{}: no scenarios",
        scenario_file(edition)
    );
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    for s in &scenarios {
        if !names.insert(s.name.as_str()) {
            failures.push(format!("- {:?}: duplicate scenario name\n", s.name));
        }
        if s.derived_from.trim().is_empty() || s.reason.trim().is_empty() {
            failures.push(format!(
                "- {:?}: `derived_from` and `reason` must not be empty\n",
                s.name
            ));
        }
        if let Err(why) = run(edition, s) {
            let answers: Vec<String> = s.answers.iter().map(|(q, o)| format!("{q}={o}")).collect();
            failures.push(format!(
                "- {:?} (derived from: {})\n    answers: {}\n{why}",
                s.name,
                s.derived_from,
                answers.join(" ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios in {} fail:\n{}",
        failures.len(),
        scenarios.len(),
        scenario_file(edition),
        failures.join("\n")
    );
}

#[test]
fn box_2019_scenarios() {
    check_edition("box-2019");
}

#[test]
fn box_current_scenarios() {
    check_edition("box-current");
}

#[test]
fn at_least_twenty_scenarios_in_total() {
    let mut total = 0;
    let mut problems = Vec::new();
    for e in EDITIONS {
        match read(e) {
            Ok(s) => total += s.len(),
            Err(err) => problems.push(err),
        }
    }
    assert!(
        total >= 20 && problems.is_empty(),
        "{total} scenarios in total (at least 20 wanted); {}",
        if problems.is_empty() {
            "every file read".to_owned()
        } else {
            problems.join("; ")
        }
    );
}
