//! An architecture decision record (MADR layout) an architect can commit as is: the
//! result's [layout](super::layout) in MADR's sections, the pros and cons of every option,
//! the comparison of the options with the requirements the answers set, and the sources
//! as links.

use super::compare::{Comparison, markdown_tables};
use super::layout::{self, Entry, Layout, SectionKind};
use super::model::{Reason, ReasonKind, Report, SourceRef};
use super::recommend::{md, md_link};
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

/// The sources of an ADR: the layout's, then those only the notes cite.
struct Sources(Vec<SourceRef>);

impl Sources {
    fn cite(&mut self, s: &SourceRef) -> String {
        let n = match self.0.iter().position(|x| x == s) {
            Some(n) => n,
            None => {
                self.0.push(s.clone());
                self.0.len() - 1
            }
        };
        format!("[\\[{}\\]](#sources)", n + 1)
    }
}

/// A reason as the rest of a sentence ("Good, because …"): its clause as the dataset
/// wrote it (a `because` starts in lower case; names keep their capitals).
fn bullet(r: &Reason, sources: &mut Sources) -> String {
    format!("{} {}", md(&r.clause), sources.cite(&r.source))
}

/// An entry of the layout as a bullet, with its source.
fn entry_bullet(l: &Layout, e: &Entry, sources: &mut Sources) -> String {
    let cite = e.source.map_or(String::new(), |n| {
        format!(" {}", sources.cite(&l.sources[n]))
    });
    format!("- {}{cite}\n", md(&e.text))
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
    let l = layout::build(r);
    let mut sources = Sources(l.sources.clone());
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

    decision_outcome(&mut out, r, &l, &mut sources);
    consequences(&mut out, r, &l, &mut sources);
    pros_and_cons(&mut out, ds, r, &mut sources);
    comparison(&mut out, ds, r, &mut sources);

    if !r.notes.is_empty() {
        out.push_str("## More information\n\n");
        for n in &r.notes {
            let cites: Vec<String> = n.sources.iter().map(|s| sources.cite(s)).collect();
            out.push_str(&format!(
                "- **{}** {} {}\n",
                md(&n.title),
                md(&n.text),
                cites.join(" ")
            ));
        }
        out.push('\n');
    }
    out.push_str("## Sources\n\n");
    for (n, s) in sources.0.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, md_link(s)));
    }
    out
}

fn decision_outcome(out: &mut String, r: &Report, l: &Layout, sources: &mut Sources) {
    out.push_str("## Decision outcome\n\n");
    for o in &r.outcomes {
        out.push_str(&format!("{} {}\n\n", md(&o.text), sources.cite(&o.source)));
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
                out.push_str(&format!("- {}\n", bullet(reason, sources)));
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
            for kind in [
                SectionKind::Conflict,
                SectionKind::Relax,
                SectionKind::WhyNot,
            ] {
                let Some(s) = l.section(kind) else { continue };
                if !s.heading.is_empty() {
                    out.push_str(&format!("{}:\n\n", md(&s.heading)));
                }
                for e in &s.summary {
                    out.push_str(&entry_bullet(l, e, sources));
                }
                out.push('\n');
            }
        }
    }
}

/// What choosing the recommendation brings: the needs it meets (good), the points against
/// it and the cells that only "depend" (bad, neutral), its caveats, and the next steps. The
/// points for it are the decision's reasons above, not repeated here.
fn consequences(out: &mut String, r: &Report, l: &Layout, sources: &mut Sources) {
    if r.recommendation.is_none() {
        return;
    }
    out.push_str("### Consequences\n\n");
    let mut any = false;
    let consequence = |x: &&Reason| match x.kind {
        ReasonKind::Meets => true,
        ReasonKind::Points => x.points.unwrap_or(0) < 0,
        _ => false,
    };
    for reason in r.why.iter().filter(consequence) {
        out.push_str(&format!(
            "- {}, because {}\n",
            weight(reason),
            bullet(reason, sources)
        ));
        any = true;
    }
    if !any {
        out.push_str("- _None recorded._\n");
    }
    out.push('\n');
    for kind in [SectionKind::Caveats, SectionKind::NextSteps] {
        let Some(s) = l.section(kind) else { continue };
        out.push_str(&format!("### {}\n\n", md(&s.heading)));
        for e in &s.detail {
            out.push_str(&entry_bullet(l, e, sources));
        }
        out.push('\n');
    }
}

fn pros_and_cons(out: &mut String, ds: &Dataset, r: &Report, sources: &mut Sources) {
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
                bullet(reason, sources)
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

/// The options side by side, every row, with the requirements the answers set marked.
fn comparison(out: &mut String, ds: &Dataset, r: &Report, sources: &mut Sources) {
    let cmp = Comparison {
        ds,
        candidates: (0..ds.candidates.len()).collect(),
        context: r.marks.context,
        only_differences: false,
        result: Some(r.marks.clone()),
    };
    out.push_str("## Comparison of the options\n\n");
    out.push_str(&markdown_tables(&cmp.grid(), &mut |s| sources.cite(s)));
    out.push('\n');
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
