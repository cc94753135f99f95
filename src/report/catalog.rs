//! Views of the dataset itself: the support matrix and the questions, each as text, JSON
//! and Markdown (the side-by-side comparison is `compare`).

use serde_json::{Map, Value, json};

use super::applies;
use super::recommend::md;
use super::table::Table;
use crate::dataset::{CandidateIx, Dataset};
use crate::strings;

fn named_list(items: impl Iterator<Item = (String, String)>) -> Value {
    items
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect()
}

/// The candidates `cs` as `{id, name}`, with `status` and `status_reason` for those never
/// recommended.
pub(super) fn candidate_list(ds: &Dataset, cs: impl Iterator<Item = CandidateIx>) -> Value {
    cs.map(|c| {
        let cand = &ds.candidates[c];
        let mut m = Map::new();
        m.insert("id".into(), cand.id.clone().into());
        m.insert("name".into(), cand.name.clone().into());
        if let (Some(word), Some(r)) = (applies::status_word(ds, c), &cand.retired) {
            m.insert("status".into(), word.into());
            m.insert("status_reason".into(), r.reason.clone().into());
        }
        Value::Object(m)
    })
    .collect()
}

/// One line per candidate never recommended, with why.
pub(super) fn retired_lines(ds: &Dataset, cs: impl Iterator<Item = CandidateIx>) -> Vec<String> {
    cs.filter_map(|c| applies::retired_line(ds, c)).collect()
}

// ---- support matrix ----

pub fn matrix_json(ds: &Dataset) -> Value {
    let mut support = Map::new();
    for (x, ctx) in ds.contexts.iter().enumerate() {
        let row: Map<String, Value> = ds
            .candidates
            .iter()
            .enumerate()
            .map(|(c, cand)| (cand.id.clone(), applies::support_json(ds, x, c)))
            .collect();
        support.insert(ctx.id.clone(), Value::Object(row));
    }
    let mut m = Map::new();
    m.insert("dataset".into(), ds.id.clone().into());
    m.insert(
        ds.vocabulary.contexts_key.clone(),
        named_list(ds.contexts.iter().map(|c| (c.id.clone(), c.name.clone()))),
    );
    m.insert(
        ds.vocabulary.candidates_key.clone(),
        candidate_list(ds, 0..ds.candidates.len()),
    );
    m.insert("support".into(), Value::Object(support));
    let notes: Vec<Value> = ds
        .contexts
        .iter()
        .flat_map(|ctx| {
            ctx.notes.iter().enumerate().filter_map(|(c, n)| {
                n.as_ref().map(|n| {
                    let mut note = Map::new();
                    note.insert(ds.vocabulary.context_key.clone(), ctx.id.clone().into());
                    note.insert(
                        ds.vocabulary.candidate_key.clone(),
                        ds.candidates[c].id.clone().into(),
                    );
                    note.insert("text".into(), n.text.clone().into());
                    note.insert("source".into(), ds.sources[n.source].id.clone().into());
                    Value::Object(note)
                })
            })
        })
        .collect();
    m.insert("notes".into(), Value::Array(notes));
    Value::Object(m)
}

fn matrix_table(ds: &Dataset) -> Table {
    let mut header = vec![strings::sentence(&ds.vocabulary.context)];
    header.extend(ds.candidates.iter().map(|c| c.name.clone()));
    let mut t = Table::new(header);
    for (x, ctx) in ds.contexts.iter().enumerate() {
        let mut row = vec![ctx.name.clone()];
        row.extend((0..ds.candidates.len()).map(|c| {
            let mark = if ctx.notes[c].is_some() { "*" } else { "" };
            format!("{}{mark}", applies::support_word(ds, x, c))
        }));
        t.row(row);
    }
    t
}

fn matrix_notes(ds: &Dataset, out: &mut String, markdown: bool) {
    for ctx in &ds.contexts {
        for (c, n) in ctx.notes.iter().enumerate() {
            if let Some(n) = n {
                let line = format!("* {} × {}: {}", ctx.name, ds.candidates[c].name, n.text);
                if markdown {
                    out.push_str(&format!("- {}\n", md(&line[2..])));
                } else {
                    out.push_str(&format!("{line}\n"));
                }
            }
        }
    }
}

pub fn matrix_text(ds: &Dataset) -> String {
    if ds.contexts.is_empty() {
        return format!("{} has no support matrix.\n", ds.id);
    }
    let mut out = format!(
        "{} × {} ({})\n\n",
        strings::sentence(&ds.vocabulary.contexts),
        ds.vocabulary.candidates,
        ds.id
    );
    out.push_str(&matrix_table(ds).text());
    let mut notes = String::new();
    matrix_notes(ds, &mut notes, false);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    let retired = retired_lines(ds, 0..ds.candidates.len());
    if !retired.is_empty() {
        out.push('\n');
        for line in retired {
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

pub fn matrix_markdown(ds: &Dataset) -> String {
    let mut out = format!(
        "## {} × {}\n\n",
        md(&strings::sentence(&ds.vocabulary.contexts)),
        md(&ds.vocabulary.candidates)
    );
    out.push_str(&matrix_table(ds).markdown());
    let mut notes = String::new();
    matrix_notes(ds, &mut notes, true);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    let retired = retired_lines(ds, 0..ds.candidates.len());
    if !retired.is_empty() {
        out.push('\n');
        for line in retired {
            out.push_str(&format!("- {}\n", md(&line)));
        }
    }
    out
}

// ---- questions ----

pub fn questions_json(ds: &Dataset) -> Value {
    ds.questions
        .iter()
        .map(|q| {
            let ask_if = super::condition::json(ds, &q.ask_if);
            json!({
                "id": q.id,
                "prompt": q.prompt,
                "help": q.help,
                "options": q.options.iter().map(|o| json!({"id": o.id, "label": o.label, "help": o.help})).collect::<Vec<_>>(),
                "ask_if": ask_if,
                "always_counts": q.always_counts,
            })
        })
        .collect()
}

/// When the question is asked, and whether its answer always counts.
fn ask_if_phrase(ds: &Dataset, q: usize) -> Option<String> {
    let always = ds.questions[q].always_counts;
    let Some(condition) = super::condition::words(ds, &ds.questions[q].ask_if) else {
        return always.then(|| ALWAYS_COUNTS.to_owned());
    };
    let asked = format!("asked only if {condition}");
    Some(if always {
        format!("{asked}; {ALWAYS_COUNTS}")
    } else {
        asked
    })
}

const ALWAYS_COUNTS: &str = "its answer, once given, always counts";

pub fn questions_text(ds: &Dataset) -> String {
    let mut out = String::new();
    for (i, q) in ds.questions.iter().enumerate() {
        out.push_str(&format!("{}. {} ({})\n", i + 1, q.prompt, q.id));
        if let Some(p) = ask_if_phrase(ds, i) {
            out.push_str(&format!("   {p}\n"));
        }
        for o in &q.options {
            out.push_str(&format!("   - {} = {}\n", o.id, o.label));
        }
        out.push('\n');
    }
    out
}

pub fn questions_markdown(ds: &Dataset) -> String {
    let mut out = String::from("## Questions\n\n");
    for (i, q) in ds.questions.iter().enumerate() {
        out.push_str(&format!("{}. **{}** (`{}`)", i + 1, md(&q.prompt), q.id));
        if let Some(p) = ask_if_phrase(ds, i) {
            out.push_str(&format!(" — _{}_", md(&p)));
        }
        out.push('\n');
        for o in &q.options {
            out.push_str(&format!("   - `{}`: {}\n", o.id, md(&o.label)));
        }
    }
    out
}
