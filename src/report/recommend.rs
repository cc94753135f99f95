//! `recommend` output: text, JSON and Markdown renderings of one `Report`.

use serde_json::{Map, Value, json};

use super::model::{AnswerRef, FactRef, Reason, ReasonKind, Report, SourceRef};
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
    format!("{} ({})", s.title, s.path)
}

fn reason_marker(r: &Reason) -> String {
    match r.kind {
        ReasonKind::Points => strings::signed(r.points.unwrap_or(0)),
        ReasonKind::Caveat => " !".into(),
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
    for a in &r.ignored {
        out.push_str(&format!(
            "  {} {}\n",
            strings::IGNORED_ANSWER,
            answer_phrase(a)
        ));
    }
    for a in &r.waiting {
        out.push_str(&format!(
            "  {} {}\n",
            strings::WAITING_ANSWER,
            answer_phrase(a)
        ));
    }
    out.push('\n');

    for o in &r.outcomes {
        out.push_str(&format!(
            "{}\n  {}\n  [rule {} · source: {}]\n\n",
            o.title,
            o.text,
            o.rule,
            source_phrase(&o.source)
        ));
    }

    match &r.recommendation {
        Some((_, name)) => {
            out.push_str(&format!("Recommended {}: {name}\n", r.candidate_word));
            if !r.tie.is_empty() {
                let names: Vec<String> = r.tie.iter().map(|t| t.1.clone()).collect();
                out.push_str(&format!("  {}\n", strings::tie(&names)));
            }
            out.push_str(&format!(
                "  {}\n\n",
                if r.settled {
                    strings::SETTLED
                } else {
                    strings::NOT_SETTLED
                }
            ));
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
        None if r.conflict.is_some() => {
            out.push_str(&format!(
                "{} {}.\n\n",
                strings::NOTHING_FITS,
                r.candidate_word
            ));
        }
        None => {}
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
            let fits: Vec<&str> = x.fits.iter().map(|f| f.1.as_str()).collect();
            match &x.to {
                None => out.push_str(&format!(
                    "  drop the answer to {}: {} fit{}\n",
                    x.question,
                    fits.join(", "),
                    if fits.len() == 1 { "s" } else { "" }
                )),
                Some((id, label)) => out.push_str(&format!(
                    "  answer \u{201c}{label}\u{201d} ({}={id}) instead: {} fit{}\n",
                    x.question,
                    fits.join(", "),
                    if fits.len() == 1 { "s" } else { "" }
                )),
            }
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
            let to = w
                .pick
                .as_ref()
                .map_or("no recommendation", |p| p.1.as_str());
            let verb = if w.from.is_some() {
                "answering"
            } else {
                "if you answer"
            };
            out.push_str(&format!(
                "  {verb} \u{201c}{}\u{201d} ({}={}) \u{2192} {to}\n",
                w.to.1, w.question, w.to.0
            ));
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
    out
}

fn source_json(s: &SourceRef) -> Value {
    json!({"id": s.id, "title": s.title, "path": s.path, "url": s.url})
}

fn answers_json(list: &[AnswerRef]) -> Value {
    Value::Array(
        list.iter()
            .map(|a| json!({"question": a.question, "option": a.option, "label": a.label}))
            .collect(),
    )
}

fn reason_json(r: &Reason) -> Value {
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
        m.insert("context".into(), c.clone().into());
    }
    if let Some(v) = r.value {
        m.insert("value".into(), v.into());
    }
    if let Some(n) = &r.cell_note {
        m.insert("note".into(), n.clone().into());
    }
    m.insert("source".into(), source_json(&r.source));
    Value::Object(m)
}

fn named(p: &(String, String)) -> Value {
    json!({"id": p.0, "name": p.1})
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
                e.reasons.iter().map(reason_json).collect(),
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
                w.reasons.iter().map(reason_json).collect(),
            );
            Value::Object(m)
        })
        .collect();
    let what_if: Vec<Value> = r
        .what_if
        .iter()
        .map(|w| {
            json!({
                "question": w.question,
                "from": w.from.as_ref().map(|f| f.0.clone()),
                "to": w.to.0,
                "recommendation": w.pick.as_ref().map(|p| p.0.clone()),
            })
        })
        .collect();
    let fact =
        |f: &FactRef| json!({"label": f.label, "text": f.text, "source": source_json(&f.source)});
    let mut m = Map::new();
    m.insert("dataset".into(), r.dataset.clone().into());
    m.insert("answers".into(), Value::Object(answers));
    m.insert("ignored_answers".into(), answers_json(&r.ignored));
    m.insert("waiting_answers".into(), answers_json(&r.waiting));
    m.insert(
        "recommendation".into(),
        r.recommendation.as_ref().map(|p| p.0.clone()).into(),
    );
    m.insert(
        "tie".into(),
        r.tie.iter().map(|t| Value::from(t.0.clone())).collect(),
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
    m.insert("why".into(), r.why.iter().map(reason_json).collect());
    m.insert("caveats".into(), r.caveats.iter().map(fact).collect());
    m.insert("next_steps".into(), r.next_steps.iter().map(fact).collect());
    m.insert("why_not".into(), Value::Array(why_not));
    m.insert("what_if".into(), Value::Array(what_if));
    let _ = named;
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
    for a in &r.ignored {
        out.push_str(&format!(
            "- _Ignored (question not asked):_ `{}={}`\n",
            a.question, a.option
        ));
    }
    out.push('\n');
    for o in &r.outcomes {
        out.push_str(&format!(
            "> **{}** {}\n> — {}\n\n",
            md(&o.title),
            md(&o.text),
            md(&source_phrase(&o.source))
        ));
    }
    out.push_str("## Recommendation\n\n");
    match &r.recommendation {
        Some((_, name)) => {
            out.push_str(&format!(
                "**{}**. {}\n\n",
                md(name),
                if r.settled {
                    strings::SETTLED
                } else {
                    strings::NOT_SETTLED
                }
            ));
            if !r.tie.is_empty() {
                let names: Vec<String> = r.tie.iter().map(|t| t.1.clone()).collect();
                out.push_str(&format!("{}.\n\n", md(&strings::tie(&names))));
            }
            out.push_str("### Why\n\n");
            for reason in &r.why {
                out.push_str(&md_reason(reason));
            }
            out.push('\n');
            md_facts(&mut out, strings::CAVEATS, &r.caveats);
            md_facts(&mut out, strings::NEXT_STEPS, &r.next_steps);
        }
        None if r.conflict.is_some() => out.push_str(&format!(
            "{} {}.\n\n",
            strings::NOTHING_FITS,
            r.candidate_word
        )),
        None => out.push_str("No recommendation.\n\n"),
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
            let fits: Vec<String> = x.fits.iter().map(|f| md(&f.1)).collect();
            match &x.to {
                None => out.push_str(&format!(
                    "- Drop `{}`: {} fit\n",
                    x.question,
                    fits.join(", ")
                )),
                Some((id, _)) => out.push_str(&format!(
                    "- Answer `{}={id}` instead: {} fit\n",
                    x.question,
                    fits.join(", ")
                )),
            }
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
            let to = w
                .pick
                .as_ref()
                .map_or("no recommendation".to_owned(), |p| md(&p.1));
            out.push_str(&format!(
                "- `{}={}` ({}) → **{to}**\n",
                w.question,
                w.to.0,
                md(&w.to.1)
            ));
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
        ReasonKind::Points => format!("`{}` ", strings::signed(r.points.unwrap_or(0))),
        ReasonKind::Caveat => "⚠ ".into(),
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
