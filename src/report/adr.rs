//! An architecture decision record (MADR layout) an architect can commit as is.

use super::model::{Reason, ReasonKind, Report};
use super::recommend::{md, source_phrase};
use crate::dataset::Dataset;

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

/// A reason as the rest of a sentence ("Good, because …"): its first letter in lower case.
fn bullet(r: &Reason) -> String {
    let mut chars = r.text.chars();
    let clause: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{} _({})_", md(&clause), md(&source_phrase(&r.source)))
}

pub fn adr(ds: &Dataset, r: &Report, date: &str) -> String {
    let word = &r.candidate_word;
    let mut out = String::new();
    let title = match (
        &r.recommendation,
        r.outcomes.iter().find(|o| o.no_candidate),
    ) {
        (Some((_, name)), _) => format!("Use {} as the {word}", md(name)),
        (None, Some(o)) => md(&o.title),
        (None, None) => format!("No {word} fits the requirements yet"),
    };
    out.push_str(&format!("# {title}\n\n"));
    out.push_str(&format!(
        "- Status: proposed\n- Date: {date}\n- Knowledge: {} (dataset `{}`, {})\n\n",
        md(&r.title),
        r.dataset,
        md(&r.edition)
    ));

    out.push_str("## Context and problem statement\n\n");
    out.push_str(&format!(
        "We need to choose the {word} for our application. {}\n\n",
        md(&ds.summary)
    ));
    out.push_str("Decision drivers, as answered:\n\n");
    if r.answers.is_empty() {
        out.push_str("- _No answers given._\n");
    }
    for a in &r.answers {
        out.push_str(&format!("- {} **{}**\n", md(&a.prompt), md(&a.label)));
    }
    out.push('\n');

    out.push_str("## Considered options\n\n");
    for e in &r.ranking {
        out.push_str(&format!("- {}\n", md(&e.name)));
    }
    out.push('\n');

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
            for reason in r
                .why
                .iter()
                .filter(|x| x.kind == ReasonKind::Points && x.points.unwrap_or(0) > 0)
            {
                out.push_str(&format!("- {}\n", bullet(reason)));
            }
            if r.why.iter().all(|x| x.kind != ReasonKind::Points) {
                out.push_str("- it is the only remaining option\n");
            }
            out.push('\n');
            out.push_str(if r.settled {
                "The answers settle it: no open question can change this outcome.\n\n"
            } else {
                "Not settled: open questions may still change this outcome.\n\n"
            });
        }
        None => {
            if r.conflict.as_ref().is_some_and(|c| c.answers.is_empty()) {
                out.push_str(&format!(
                    "No option fits. {}\n\n",
                    md(&crate::strings::no_answer_conflicts(&r.candidate_word))
                ));
            } else if let Some(c) = &r.conflict {
                out.push_str("No option fits. These answers conflict:\n\n");
                for a in &c.answers {
                    out.push_str(&format!("- {} **{}**\n", md(&a.prompt), md(&a.label)));
                }
                out.push_str("\nRelaxing one of them restores a fit:\n\n");
                for x in &c.relaxations {
                    let fits: Vec<String> = x.fits.iter().map(|f| md(&f.1)).collect();
                    match &x.to {
                        None => out.push_str(&format!(
                            "- without an answer to \u{201c}{}\u{201d}: {}\n",
                            md(&x.prompt),
                            fits.join(", ")
                        )),
                        Some((_, label)) => out.push_str(&format!(
                            "- answering **{}** to \u{201c}{}\u{201d}: {}\n",
                            md(label),
                            md(&x.prompt),
                            fits.join(", ")
                        )),
                    }
                }
                out.push('\n');
            }
        }
    }

    out.push_str("### Consequences\n\n");
    let mut any = false;
    for reason in r
        .why
        .iter()
        .filter(|x| x.kind == ReasonKind::Points && x.points.unwrap_or(0) > 0)
    {
        out.push_str(&format!("- Good, because {}\n", bullet(reason)));
        any = true;
    }
    for reason in r
        .why
        .iter()
        .filter(|x| x.kind == ReasonKind::Caveat || x.points.unwrap_or(0) < 0)
    {
        out.push_str(&format!("- Bad, because {}\n", bullet(reason)));
        any = true;
    }
    for f in &r.caveats {
        out.push_str(&format!(
            "- Bad, because {}: {} _({})_\n",
            md(&f.label),
            md(&f.text),
            md(&source_phrase(&f.source))
        ));
        any = true;
    }
    for f in &r.next_steps {
        out.push_str(&format!(
            "- To do — {}: {} _({})_\n",
            md(&f.label),
            md(&f.text),
            md(&source_phrase(&f.source))
        ));
        any = true;
    }
    if !any {
        out.push_str("- _None recorded._\n");
    }
    out.push('\n');

    out.push_str("## Pros and cons of the options\n\n");
    for e in &r.ranking {
        let cand = ds.candidates.iter().find(|c| c.id == e.id);
        out.push_str(&format!("### {}\n\n", md(&e.name)));
        if let Some(c) = cand {
            out.push_str(&format!("{}\n\n", md(&c.summary)));
        }
        let mut lines = 0;
        for reason in &e.reasons {
            let verdict = match reason.kind {
                ReasonKind::Points if reason.points.unwrap_or(0) > 0 => "Good",
                ReasonKind::Points => "Bad",
                ReasonKind::Caveat => "Neutral",
                _ => "Bad, ruled out",
            };
            out.push_str(&format!("- {verdict}, because {}\n", bullet(reason)));
            lines += 1;
        }
        if let Some(w) = r.why_not.iter().find(|w| w.id == e.id)
            && !w.excluded
        {
            out.push_str(&format!("- {}\n", md(&w.summary)));
            lines += 1;
        }
        if lines == 0 {
            out.push_str("- No answer speaks for or against it.\n");
        }
        out.push('\n');
    }

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
