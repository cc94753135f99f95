//! `recommend` output: text, JSON and Markdown renderings of one `Report`.

use serde_json::{Map, Value, json};

use super::model::{
    AnswerRef, FactRef, NotCountedRef, NoteRef, Outlook, Reason, ReasonKind, Report, SourceRef,
};
use crate::dataset::Vocabulary;
use crate::strings;

fn answer_phrase(a: &AnswerRef) -> String {
    format!("\u{201c}{}\u{201d} ({}={})", a.label, a.question, a.option)
}

fn cite(r: &Reason) -> String {
    let mut parts = Vec::new();
    if let Some(rule) = &r.rule {
        parts.push(format!("rule {rule}"));
    }
    if let Some(c) = &r.criterion {
        parts.push(format!("criterion {c}"));
    }
    if let Some(c) = &r.context {
        parts.push(format!("support cell {c}"));
    }
    parts.push(format!("source: {}", source_phrase(&r.source)));
    parts.join(" · ")
}

pub fn source_phrase(s: &SourceRef) -> String {
    if s.path.is_empty() {
        return s.title.clone();
    }
    format!("{} ({})", s.title, s.path)
}

fn reason_marker(r: &Reason) -> String {
    match r.kind {
        ReasonKind::Points | ReasonKind::Contrast => strings::signed(r.points.unwrap_or(0)),
        ReasonKind::Caveat => " !".into(),
        ReasonKind::More => " \u{2026}".into(),
        ReasonKind::Meets | ReasonKind::Supported => " \u{2713}".into(),
        _ => " x".into(),
    }
}

fn reason_lines(out: &mut String, r: &Reason, indent: &str) {
    out.push_str(&format!("{indent}{} {}\n", reason_marker(r), r.text));
    if !r.answers.is_empty() {
        let answers: Vec<String> = r.answers.iter().map(answer_phrase).collect();
        out.push_str(&format!(
            "{indent}     you answered {}\n",
            answers.join(", ")
        ));
    }
    if let Some(n) = &r.cell_note {
        out.push_str(&format!("{indent}     note: {n}\n"));
    }
    out.push_str(&format!("{indent}     [{}]\n", cite(r)));
}

/// The plain-text report.
pub fn text(r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("{} [{}]\n{}\n\n", r.title, r.dataset, r.edition));

    out.push_str("Your answers\n");
    if r.answers.is_empty() {
        out.push_str("  (none yet)\n");
    }
    for a in &r.answers {
        out.push_str(&format!("  {}  {}\n", a.prompt, answer_phrase(a)));
    }
    out.push('\n');

    for o in &r.outcomes {
        if o.title != r.headline {
            out.push_str(&format!("{}\n", o.title));
        }
        out.push_str(&format!(
            "  {}\n  [rule {} · source: {}]\n\n",
            o.text,
            o.rule,
            source_phrase(&o.source)
        ));
    }

    out.push_str(&format!("{}\n", r.headline));
    for n in &r.notices {
        out.push_str(&format!("  {n}\n"));
    }
    out.push('\n');
    if r.recommendation.is_some() {
        out.push_str("Why\n");
        if !r.why.iter().any(|x| x.kind == ReasonKind::Points) {
            out.push_str(&format!("  {}\n", strings::NO_POINTS));
        }
        for reason in &r.why {
            reason_lines(&mut out, reason, "  ");
        }
        out.push('\n');
        text_facts(&mut out, strings::CAVEATS, '!', &r.caveats);
        text_facts(&mut out, strings::NEXT_STEPS, '-', &r.next_steps);
    }

    if r.conflict.as_ref().is_some_and(|c| c.answers.is_empty()) {
        out.push_str(&format!(
            "{}\n\n",
            strings::no_answer_conflicts(&r.candidate_word)
        ));
    } else if let Some(c) = &r.conflict {
        out.push_str(if c.smallest {
            "Conflicting answers (a smallest set)\n"
        } else {
            "Conflicting answers (a minimal set)\n"
        });
        for a in &c.answers {
            out.push_str(&format!("  {}  {}\n", a.prompt, answer_phrase(a)));
        }
        if !c.given.is_empty() {
            let given: Vec<String> = c.given.iter().map(answer_phrase).collect();
            out.push_str(&format!(
                "  {} {}\n",
                strings::CONFLICT_GIVEN,
                given.join(", ")
            ));
        }
        out.push_str("What to relax\n");
        for x in &c.relaxations {
            out.push_str(&format!("  {}\n", x.text));
        }
        out.push('\n');
    }

    if !r.why_not.is_empty() {
        out.push_str(if r.recommendation.is_some() {
            "Why not the others\n"
        } else {
            "Why each one is out\n"
        });
        for w in &r.why_not {
            out.push_str(&format!("  {}\n", w.summary));
            for reason in &w.reasons {
                reason_lines(&mut out, reason, "    ");
            }
        }
        out.push('\n');
    }

    if !r.what_if.is_empty() {
        out.push_str("What would change the outcome\n");
        for w in &r.what_if {
            out.push_str(&format!("  {}\n", w.text));
        }
        if let Some(more) = &r.what_if_more {
            out.push_str(&format!("  {more}\n"));
        }
        out.push('\n');
    }

    if !r.open.is_empty() {
        out.push_str("Questions that can still change it\n");
        for (id, prompt) in &r.open {
            out.push_str(&format!("  {prompt} ({id})\n"));
        }
        out.push('\n');
    }

    out.push_str("Ranking\n");
    for e in &r.ranking {
        out.push_str(&format!(
            "  {:<12} {:>4}  {}\n",
            e.status.as_str(),
            e.score,
            e.name
        ));
    }
    text_notes(&mut out, &r.notes);
    out
}

/// The dataset's `[[notes]]`, each with its sources, after the rest of a text report.
pub fn text_notes(out: &mut String, notes: &[NoteRef]) {
    if notes.is_empty() {
        return;
    }
    out.push_str("\nNotes\n");
    for n in notes {
        let sources: Vec<String> = n.sources.iter().map(source_phrase).collect();
        out.push_str(&format!(
            "  {}: {}\n     [sources: {}]\n",
            n.title,
            n.text,
            sources.join("; ")
        ));
    }
}

/// The same in Markdown.
pub fn md_notes(out: &mut String, heading: &str, notes: &[NoteRef]) {
    if notes.is_empty() {
        return;
    }
    out.push_str(&format!("{heading} Notes\n\n"));
    for n in notes {
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

/// The same as JSON.
pub fn notes_json(notes: &[NoteRef]) -> Value {
    notes
        .iter()
        .map(|n| {
            json!({
                "id": n.id, "title": n.title, "text": n.text,
                "sources": n.sources.iter().map(source_json).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn source_json(s: &SourceRef) -> Value {
    let path = (!s.path.is_empty()).then_some(s.path.as_str());
    json!({"id": s.id, "title": s.title, "path": path, "url": s.url})
}

fn answers_json(list: &[AnswerRef]) -> Value {
    Value::Array(
        list.iter()
            .map(|a| json!({"question": a.question, "option": a.option, "label": a.label}))
            .collect(),
    )
}

/// One reason; the context it names (if any) under the vocabulary's `context_key`.
fn reason_json(r: &Reason, vocab: &Vocabulary) -> Value {
    let mut m = Map::new();
    m.insert("text".into(), r.text.clone().into());
    m.insert("kind".into(), r.kind.as_str().into());
    if let Some(rule) = &r.rule {
        m.insert("rule".into(), rule.clone().into());
    }
    if let Some(p) = r.points {
        m.insert("points".into(), p.into());
    }
    m.insert("answers".into(), answers_json(&r.answers));
    if let Some(c) = &r.criterion {
        m.insert("criterion".into(), c.clone().into());
    }
    if let Some(c) = &r.context {
        m.insert(vocab.context_key.clone(), c.clone().into());
    }
    if let Some(v) = r.value {
        m.insert("value".into(), v.into());
    }
    if let Some(n) = &r.cell_note {
        m.insert("note".into(), n.clone().into());
    }
    if let (Some(mine), Some(theirs)) = (r.pick_points, r.their_points) {
        m.insert("pick_points".into(), mine.into());
        m.insert("their_points".into(), theirs.into());
        m.insert("rules".into(), r.rules.clone().into());
    }
    m.insert("source".into(), source_json(&r.source));
    Value::Object(m)
}

fn not_counted_json(list: &[NotCountedRef]) -> Value {
    Value::Array(
        list.iter()
            .map(|x| {
                json!({
                    "question": x.answer.question, "option": x.answer.option,
                    "label": x.answer.label, "why": x.why, "text": x.text,
                })
            })
            .collect(),
    )
}

fn ids(list: &[AnswerRef]) -> Value {
    list.iter()
        .map(|a| Value::from(a.question.clone()))
        .collect()
}

/// What a hypothetical leads to, for scripts: `recommendation`, `tie`, `none-needed` or
/// `nothing-fits`.
fn outlook_kind(o: &Outlook) -> &'static str {
    match o {
        Outlook::Pick { tie, .. } if tie.len() > 1 => "tie",
        Outlook::Pick { .. } => "recommendation",
        Outlook::NoneNeeded { .. } => "none-needed",
        Outlook::NothingFits => "nothing-fits",
    }
}

/// The result as a word scripts can test (same words as [`outlook_kind`]).
pub fn result_kind(r: &Report) -> &'static str {
    match (&r.recommendation, r.decided_by_order) {
        (Some(_), true) => "tie",
        (Some(_), false) => "recommendation",
        (None, _) if r.conflict.is_some() => "nothing-fits",
        (None, _) => "none-needed",
    }
}

/// The JSON document outside tools rely on (shape documented in the README).
pub fn json(r: &Report, vocab: &Vocabulary) -> Value {
    let ck = vocab.candidate_key.as_str();
    let answers: Map<String, Value> = r
        .answers
        .iter()
        .map(|a| (a.question.clone(), a.option.clone().into()))
        .collect();
    let ranking: Vec<Value> = r
        .ranking
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert(ck.into(), e.id.clone().into());
            m.insert("name".into(), e.name.clone().into());
            m.insert("status".into(), e.status.as_str().into());
            m.insert("score".into(), e.score.into());
            m.insert(
                "reasons".into(),
                e.reasons.iter().map(|x| reason_json(x, vocab)).collect(),
            );
            Value::Object(m)
        })
        .collect();
    let why_not: Vec<Value> = r
        .why_not
        .iter()
        .map(|w| {
            let mut m = Map::new();
            m.insert(ck.into(), w.id.clone().into());
            m.insert("excluded".into(), w.excluded.into());
            m.insert("behind".into(), w.behind.into());
            m.insert("summary".into(), w.summary.clone().into());
            m.insert(
                "reasons".into(),
                w.reasons.iter().map(|x| reason_json(x, vocab)).collect(),
            );
            Value::Object(m)
        })
        .collect();
    let what_if: Vec<Value> = r
        .what_if
        .iter()
        .map(|w| {
            let tie = match &w.outlook {
                Outlook::Pick { tie, .. } => tie.iter().map(|t| t.0.clone()).collect(),
                _ => Vec::new(),
            };
            json!({
                "question": w.question,
                "from": w.from.as_ref().map(|f| f.0.clone()),
                "to": w.to.0,
                "recommendation": w.pick.as_ref().map(|p| p.0.clone()),
                "result": outlook_kind(&w.outlook),
                "tie": tie,
                "drops": ids(&w.drops),
                "opens": w.opens.iter().map(|o| o.0.clone()).collect::<Vec<_>>(),
                "text": w.text,
            })
        })
        .collect();
    let fact =
        |f: &FactRef| json!({"label": f.label, "text": f.text, "source": source_json(&f.source)});
    let mut m = Map::new();
    m.insert("dataset".into(), r.dataset.clone().into());
    m.insert("answers".into(), Value::Object(answers));
    m.insert("ignored_answers".into(), not_counted_json(&r.ignored));
    m.insert("waiting_answers".into(), not_counted_json(&r.waiting));
    m.insert("result".into(), result_kind(r).into());
    m.insert("headline".into(), r.headline.clone().into());
    m.insert("notices".into(), r.notices.clone().into());
    m.insert(
        "recommendation".into(),
        r.recommendation.as_ref().map(|p| p.0.clone()).into(),
    );
    m.insert(
        "tie".into(),
        r.tie.iter().map(|t| Value::from(t.0.clone())).collect(),
    );
    m.insert("decided_by_order".into(), r.decided_by_order.into());
    m.insert(
        "tie_breakers".into(),
        r.tie_breakers
            .iter()
            .map(|t| Value::from(t.0.clone()))
            .collect(),
    );
    m.insert("settled".into(), r.settled.into());
    m.insert(
        "open_questions".into(),
        r.open.iter().map(|o| Value::from(o.0.clone())).collect(),
    );
    m.insert("ranking".into(), Value::Array(ranking));
    m.insert(
        "conflict".into(),
        r.conflict
            .as_ref()
            .map(|c| {
                c.given
                    .iter()
                    .chain(&c.answers)
                    .map(|a| Value::from(a.question.clone()))
                    .collect::<Vec<_>>()
            })
            .into(),
    );
    m.insert(
        "conflict_given".into(),
        r.conflict
            .as_ref()
            .map(|c| {
                c.given
                    .iter()
                    .map(|a| Value::from(a.question.clone()))
                    .collect::<Vec<_>>()
            })
            .into(),
    );
    m.insert(
        "relaxations".into(),
        r.conflict
            .as_ref()
            .map(|c| {
                c.relaxations
                    .iter()
                    .map(|x| {
                        json!({
                            "question": x.question,
                            "to": x.to.as_ref().map(|t| t.0.clone()),
                            "fits": x.fits.iter().map(|f| f.0.clone()).collect::<Vec<_>>(),
                            "drops": ids(&x.drops),
                            "text": x.text,
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
            .into(),
    );
    m.insert(
        "outcomes".into(),
        r.outcomes
            .iter()
            .map(|o| {
                json!({
                    "id": o.id, "title": o.title, "text": o.text,
                    "no_candidate": o.no_candidate, "rule": o.rule,
                    "answers": answers_json(&o.answers), "source": source_json(&o.source),
                })
            })
            .collect(),
    );
    m.insert(
        "why".into(),
        r.why.iter().map(|x| reason_json(x, vocab)).collect(),
    );
    m.insert("caveats".into(), r.caveats.iter().map(fact).collect());
    m.insert("next_steps".into(), r.next_steps.iter().map(fact).collect());
    m.insert("why_not".into(), Value::Array(why_not));
    m.insert("what_if".into(), Value::Array(what_if));
    m.insert("what_if_more".into(), r.what_if_more.clone().into());
    m.insert("notes".into(), notes_json(&r.notes));
    Value::Object(m)
}

/// The Markdown report.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", md(&r.title)));
    out.push_str(&format!("Dataset `{}` — {}\n\n", r.dataset, md(&r.edition)));
    out.push_str("## Answers\n\n");
    if r.answers.is_empty() {
        out.push_str("_None yet._\n");
    }
    for a in &r.answers {
        out.push_str(&format!(
            "- {} **{}** (`{}={}`)\n",
            md(&a.prompt),
            md(&a.label),
            a.question,
            a.option
        ));
    }
    out.push('\n');
    for o in &r.outcomes {
        let title = if o.title == r.headline {
            String::new()
        } else {
            format!("**{}** ", md(&o.title))
        };
        out.push_str(&format!(
            "> {title}{}\n> — {}\n\n",
            md(&o.text),
            md(&source_phrase(&o.source))
        ));
    }
    out.push_str("## Recommendation\n\n");
    out.push_str(&format!("**{}**\n\n", md(&r.headline)));
    for n in &r.notices {
        out.push_str(&format!("- {}\n", md(n)));
    }
    if !r.notices.is_empty() {
        out.push('\n');
    }
    if r.recommendation.is_some() {
        out.push_str("### Why\n\n");
        for reason in &r.why {
            out.push_str(&md_reason(reason));
        }
        out.push('\n');
        md_facts(&mut out, strings::CAVEATS, &r.caveats);
        md_facts(&mut out, strings::NEXT_STEPS, &r.next_steps);
    }
    if r.conflict.as_ref().is_some_and(|c| c.answers.is_empty()) {
        out.push_str(&format!(
            "{}\n\n",
            md(&strings::no_answer_conflicts(&r.candidate_word))
        ));
    } else if let Some(c) = &r.conflict {
        out.push_str("### Conflicting answers\n\n");
        for a in &c.answers {
            out.push_str(&format!(
                "- {} **{}** (`{}={}`)\n",
                md(&a.prompt),
                md(&a.label),
                a.question,
                a.option
            ));
        }
        if !c.given.is_empty() {
            let given: Vec<String> = c
                .given
                .iter()
                .map(|a| format!("`{}={}`", a.question, a.option))
                .collect();
            out.push_str(&format!(
                "- _{}_ {}\n",
                strings::CONFLICT_GIVEN,
                given.join(", ")
            ));
        }
        out.push_str("\n### What to relax\n\n");
        for x in &c.relaxations {
            out.push_str(&format!("- {}\n", md(&x.text)));
        }
        out.push('\n');
    }
    if !r.why_not.is_empty() {
        out.push_str("## Why not the others\n\n");
        for w in &r.why_not {
            out.push_str(&format!("### {}\n\n{}.\n\n", md(&w.name), md(&w.summary)));
            for reason in &w.reasons {
                out.push_str(&md_reason(reason));
            }
            out.push('\n');
        }
    }
    if !r.what_if.is_empty() {
        out.push_str("## What would change the outcome\n\n");
        for w in &r.what_if {
            out.push_str(&format!("- {}\n", md(&w.text)));
        }
        if let Some(more) = &r.what_if_more {
            out.push_str(&format!("- _{}_\n", md(more)));
        }
        out.push('\n');
    }
    if !r.open.is_empty() {
        out.push_str("## Questions that can still change it\n\n");
        for (id, prompt) in &r.open {
            out.push_str(&format!("- {} (`{id}`)\n", md(prompt)));
        }
        out.push('\n');
    }
    md_notes(&mut out, "##", &r.notes);
    out
}

/// A heading and one line per fact with its source, in the text report.
fn text_facts(out: &mut String, heading: &str, mark: char, facts: &[FactRef]) {
    if facts.is_empty() {
        return;
    }
    out.push_str(&format!("{heading}\n"));
    for f in facts {
        out.push_str(&format!(
            "  {mark} {}: {}\n     [source: {}]\n",
            f.label,
            f.text,
            source_phrase(&f.source)
        ));
    }
    out.push('\n');
}

/// The same in Markdown.
fn md_facts(out: &mut String, heading: &str, facts: &[FactRef]) {
    if facts.is_empty() {
        return;
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

fn md_reason(r: &Reason) -> String {
    let marker = match r.kind {
        ReasonKind::Points | ReasonKind::Contrast => {
            format!("`{}` ", strings::signed(r.points.unwrap_or(0)))
        }
        ReasonKind::Caveat => "⚠ ".into(),
        ReasonKind::More => String::new(),
        ReasonKind::Meets | ReasonKind::Supported => "✓ ".into(),
        _ => "✗ ".into(),
    };
    let answers: Vec<String> = r
        .answers
        .iter()
        .map(|a| format!("`{}={}`", a.question, a.option))
        .collect();
    let mut s = format!("- {marker}{}", md(&r.text));
    if !answers.is_empty() {
        s.push_str(&format!(" — you answered {}", answers.join(", ")));
    }
    if let Some(n) = &r.cell_note {
        s.push_str(&format!(". Note: {}", md(n)));
    }
    s.push_str(&format!(" _[{}]_\n", md(&cite(r))));
    s
}

/// Markdown text with the characters that would change its structure escaped.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '>' | '[' | ']' | '|' | '#') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}
