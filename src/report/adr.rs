//! An architecture decision record (MADR layout) an architect can commit as is.

use super::model::{Reason, ReasonKind, Report};
use super::recommend::{md, source_phrase};
use crate::dataset::Dataset;
use crate::strings;

/// Today as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian; H. Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A reason as the rest of a sentence ("Good, because …"): its clause as the dataset
/// wrote it (a `because` starts in lower case; names keep their capitals).
fn bullet(r: &Reason) -> String {
    format!("{} _({})_", md(&r.clause), md(&source_phrase(&r.source)))
}

/// How a reason weighs for the option it belongs to, in MADR's words.
fn weight(r: &Reason) -> &'static str {
    match r.kind {
        ReasonKind::Points | ReasonKind::Contrast if r.points.unwrap_or(0) > 0 => "Good",
        ReasonKind::Points | ReasonKind::Contrast if r.points.unwrap_or(0) < 0 => "Bad",
        ReasonKind::Points | ReasonKind::Contrast => "Neutral",
        ReasonKind::Meets | ReasonKind::Supported => "Good",
        ReasonKind::Caveat | ReasonKind::More => "Neutral",
        ReasonKind::Unsupported | ReasonKind::Excluded | ReasonKind::Requirement => {
            "Bad, ruled out"
        }
    }
}

fn title(r: &Report) -> String {
    let word = &r.candidate_word;
    match (
        &r.recommendation,
        r.outcomes.iter().find(|o| o.no_candidate),
    ) {
        (Some((_, name)), _) if r.decided_by_order => {
            format!("Use {} as the {word} (a tie, decided by order)", md(name))
        }
        (Some((_, name)), _) => format!("Use {} as the {word}", md(name)),
        (None, Some(o)) => md(&o.title),
        (None, None) => format!("No {word} fits the requirements yet"),
    }
}

pub fn adr(ds: &Dataset, r: &Report, date: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", title(r)));
    out.push_str(&format!(
        "- Status: proposed\n- Date: {date}\n- Knowledge: {} (dataset `{}`, {})\n\n",
        md(&r.title),
        r.dataset,
        md(&r.edition)
    ));

    out.push_str("## Context and problem statement\n\n");
    out.push_str(&format!(
        "{} {}\n\n",
        md(&super::applies::decision(ds)),
        md(&ds.summary)
    ));
    out.push_str("Decision drivers, as answered:\n\n");
    if r.answers.is_empty() {
        out.push_str("- _No answers given._\n");
    }
    for a in &r.answers {
        out.push_str(&format!("- {} **{}**\n", md(&a.prompt), md(&a.label)));
    }
    for x in r.ignored.iter().chain(&r.waiting) {
        out.push_str(&format!("- _{}_\n", md(&x.text)));
    }
    out.push('\n');

    out.push_str("## Considered options\n\n");
    for e in &r.ranking {
        out.push_str(&format!("- {}\n", md(&e.name)));
    }
    out.push('\n');

    decision_outcome(&mut out, r);
    consequences(&mut out, r);
    pros_and_cons(&mut out, ds, r);

    if !r.notes.is_empty() {
        out.push_str("## More information\n\n");
        for n in &r.notes {
            let sources: Vec<String> = n.sources.iter().map(|s| md(&source_phrase(s))).collect();
            out.push_str(&format!(
                "- **{}** {} _({})_\n",
                md(&n.title),
                md(&n.text),
                sources.join("; ")
            ));
        }
        out.push('\n');
    }
    out
}

fn decision_outcome(out: &mut String, r: &Report) {
    out.push_str("## Decision outcome\n\n");
    for o in &r.outcomes {
        out.push_str(&format!(
            "{} _({})_\n\n",
            md(&o.text),
            md(&source_phrase(&o.source))
        ));
    }
    match &r.recommendation {
        Some((_, name)) => {
            out.push_str(&format!("Chosen option: **{}**, because:\n\n", md(name)));
            let good: Vec<&Reason> = r
                .why
                .iter()
                .filter(|x| x.kind == ReasonKind::Points && x.points.unwrap_or(0) > 0)
                .collect();
            for reason in &good {
                out.push_str(&format!("- {}\n", bullet(reason)));
            }
            if good.is_empty() {
                out.push_str(&format!("- {}\n", md(strings::NO_POINTS)));
            }
            out.push('\n');
            for n in &r.notices {
                out.push_str(&format!("{}\n\n", md(n)));
            }
        }
        None => {
            out.push_str(&format!("{}\n\n", md(&r.headline)));
            for x in r.ignored.iter().chain(&r.waiting) {
                out.push_str(&format!("{}\n\n", md(&x.text)));
            }
            if r.conflict.as_ref().is_some_and(|c| c.answers.is_empty()) {
                out.push_str(&format!(
                    "{}\n\n",
                    md(&strings::no_answer_conflicts(&r.candidate_word))
                ));
            } else if let Some(c) = &r.conflict {
                out.push_str("These answers conflict:\n\n");
                for a in &c.answers {
                    out.push_str(&format!("- {} **{}**\n", md(&a.prompt), md(&a.label)));
                }
                out.push_str("\nRelaxing one of them restores a fit:\n\n");
                for x in &c.relaxations {
                    out.push_str(&format!("- {}\n", md(&x.text)));
                }
                out.push('\n');
            }
        }
    }
}

/// What choosing the recommendation brings: its good and bad reasons, its caveats, and
/// What choosing the recommendation brings: the needs it meets (good), the points against
/// it and the cells that only "depend" (bad, neutral), its caveats, and the next steps. The
/// points for it are the decision's reasons above, not repeated here.
fn consequences(out: &mut String, r: &Report) {
    if r.recommendation.is_none() {
        return;
    }
    out.push_str("### Consequences\n\n");
    let mut any = false;
    let consequence = |x: &&Reason| match x.kind {
        ReasonKind::Meets | ReasonKind::Caveat => true,
        ReasonKind::Points => x.points.unwrap_or(0) < 0,
        _ => false,
    };
    for reason in r.why.iter().filter(consequence) {
        out.push_str(&format!(
            "- {}, because {}\n",
            weight(reason),
            bullet(reason)
        ));
        any = true;
    }
    if !any {
        out.push_str("- _None recorded._\n");
    }
    out.push('\n');
    for (heading, facts) in [
        (strings::CAVEATS, &r.caveats),
        (strings::NEXT_STEPS, &r.next_steps),
    ] {
        if facts.is_empty() {
            continue;
        }
        out.push_str(&format!("### {heading}\n\n"));
        for f in facts {
            out.push_str(&format!(
                "- **{}:** {} _({})_\n",
                md(&f.label),
                md(&f.text),
                md(&source_phrase(&f.source))
            ));
        }
        out.push('\n');
    }
}

fn pros_and_cons(out: &mut String, ds: &Dataset, r: &Report) {
    out.push_str("## Pros and cons of the options\n\n");
    for e in &r.ranking {
        let cand = ds.candidates.iter().find(|c| c.id == e.id);
        out.push_str(&format!("### {}\n\n", md(&e.name)));
        if let Some(c) = cand {
            out.push_str(&format!("{}\n\n", md(&c.summary)));
        }
        if r.recommendation.as_ref().is_some_and(|p| p.0 == e.id) {
            out.push_str("- The chosen option: see the decision outcome and its consequences.\n\n");
            continue;
        }
        let mut lines = 0;
        for reason in &e.reasons {
            out.push_str(&format!(
                "- {}, because {}\n",
                weight(reason),
                bullet(reason)
            ));
            lines += 1;
        }
        if let Some(w) = r.why_not.iter().find(|w| w.id == e.id)
            && !w.excluded
        {
            out.push_str(&format!("- {}\n", md(&strings::sentence(&w.summary))));
            lines += 1;
        }
        if lines == 0 {
            out.push_str("- No answer speaks for or against it.\n");
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_785), "2026-11-28");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
