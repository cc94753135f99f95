//! Views of the dataset itself: the support matrix, the side-by-side comparison and the
//! questions, each as text, JSON and Markdown.

use serde_json::{Map, Value, json};

use super::applies;
use super::recommend::md;
use super::table::Table;
use crate::dataset::{CandidateIx, CellValue, ContextIx, Dataset};
use crate::strings;

fn value_str(v: CellValue) -> &'static str {
    match v {
        CellValue::Yes => "yes",
        CellValue::No => "no",
        CellValue::Depends => "depends",
    }
}

fn named_list(items: impl Iterator<Item = (String, String)>) -> Value {
    items
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect()
}

/// The candidates `cs` as `{id, name}`, with `status` and `status_reason` for those never
/// recommended.
fn candidate_list(ds: &Dataset, cs: impl Iterator<Item = CandidateIx>) -> Value {
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
fn retired_lines(ds: &Dataset, cs: impl Iterator<Item = CandidateIx>) -> Vec<String> {
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

// ---- comparison ----

/// What `compare` shows: chosen candidates over every criterion.
pub struct Comparison<'d> {
    pub ds: &'d Dataset,
    pub candidates: Vec<CandidateIx>,
    pub context: Option<ContextIx>,
    pub only_differences: bool,
}

impl Comparison<'_> {
    /// Whether the chosen candidates disagree on criterion `k`.
    pub fn differs(&self, k: usize) -> bool {
        let values = &self.ds.criteria[k].values;
        self.candidates
            .windows(2)
            .any(|w| values[w[0]] != values[w[1]])
    }

    pub fn rows(&self) -> Vec<usize> {
        (0..self.ds.criteria.len())
            .filter(|&k| !self.only_differences || self.differs(k))
            .collect()
    }

    /// The support row, when shown: (context, whether the compared candidates differ in
    /// it). "Only differences" hides it like any other row that is the same for all, in
    /// every face (the wizard's compare screen asks this too).
    pub fn support_row(&self) -> Option<(ContextIx, bool)> {
        let ctx = self.context?;
        let support = &self.ds.contexts.get(ctx)?.support;
        if self.candidates.is_empty() {
            return None;
        }
        let depends = self.ds.contexts[ctx].depends;
        let cell = |c: CandidateIx| (support[c], depends & (1 << c) != 0);
        let differs = self.candidates.windows(2).any(|w| cell(w[0]) != cell(w[1]));
        (!self.only_differences || differs).then_some((ctx, differs))
    }

    pub fn json(&self) -> Value {
        let ds = self.ds;
        let criteria: Vec<Value> = self
            .rows()
            .into_iter()
            .map(|k| {
                let crit = &ds.criteria[k];
                let values: Map<String, Value> = self
                    .candidates
                    .iter()
                    .map(|&c| {
                        (
                            ds.candidates[c].id.clone(),
                            value_str(crit.values[c]).into(),
                        )
                    })
                    .collect();
                let notes: Map<String, Value> = self
                    .candidates
                    .iter()
                    .filter_map(|&c| {
                        crit.notes[c]
                            .as_ref()
                            .map(|n| (ds.candidates[c].id.clone(), n.text.clone().into()))
                    })
                    .collect();
                json!({"id": crit.id, "label": crit.label, "values": values, "notes": notes,
                       "differs": self.differs(k), "source": ds.sources[crit.source].id})
            })
            .collect();
        let mut m = Map::new();
        m.insert("dataset".into(), ds.id.clone().into());
        m.insert(
            ds.vocabulary.candidates_key.clone(),
            candidate_list(ds, self.candidates.iter().copied()),
        );
        m.insert("criteria".into(), Value::Array(criteria));
        if let Some((ctx, differs)) = self.support_row() {
            let c = &ds.contexts[ctx];
            let values: Map<String, Value> = self
                .candidates
                .iter()
                .map(|&k| {
                    (
                        ds.candidates[k].id.clone(),
                        applies::support_json(ds, ctx, k),
                    )
                })
                .collect();
            let mut support = Map::new();
            support.insert(ds.vocabulary.context_key.clone(), c.id.clone().into());
            support.insert("name".into(), c.name.clone().into());
            support.insert("values".into(), Value::Object(values));
            support.insert("differs".into(), differs.into());
            m.insert("support".into(), Value::Object(support));
        }
        m.insert(
            "notes".into(),
            super::recommend::notes_json(&self.dataset_notes()),
        );
        m.insert(
            "when_to_use".into(),
            Value::Object(
                self.candidates
                    .iter()
                    .map(|&c| {
                        (
                            ds.candidates[c].id.clone(),
                            ds.candidates[c].when_to_use.clone().into(),
                        )
                    })
                    .collect(),
            ),
        );
        Value::Object(m)
    }

    fn table(&self) -> Table {
        let ds = self.ds;
        let mut header = vec![String::new(), String::new()];
        header.extend(
            self.candidates
                .iter()
                .map(|&c| ds.candidates[c].name.clone()),
        );
        let mut t = Table::new(header);
        for k in self.rows() {
            let crit = &ds.criteria[k];
            // Differences are marked by a symbol, not by colour.
            let mut row = vec![
                if self.differs(k) {
                    "\u{2260}".into()
                } else {
                    String::new()
                },
                crit.label.clone(),
            ];
            row.extend(self.candidates.iter().map(|&c| {
                let mark = if crit.notes[c].is_some() { "*" } else { "" };
                format!("{}{mark}", strings::cell_value(value_str(crit.values[c])))
            }));
            t.row(row);
        }
        if let Some((ctx, differs)) = self.support_row() {
            let c = &ds.contexts[ctx];
            let mark = if differs { "\u{2260}" } else { "" };
            let mut row = vec![mark.into(), strings::wizard::supported_by(&c.name)];
            row.extend(self.candidates.iter().map(|&k| {
                let note = if c.notes[k].is_some() { "*" } else { "" };
                format!("{}{note}", applies::support_word(ds, ctx, k))
            }));
            t.row(row);
        }
        t
    }

    fn notes(&self) -> Vec<String> {
        let ds = self.ds;
        let mut out = Vec::new();
        for k in self.rows() {
            let crit = &ds.criteria[k];
            for &c in &self.candidates {
                if let Some(n) = &crit.notes[c] {
                    out.push(format!(
                        "{} × {}: {}",
                        ds.candidates[c].name, crit.label, n.text
                    ));
                }
            }
        }
        if let Some((ctx, _)) = self.support_row() {
            let row = &ds.contexts[ctx];
            for &c in &self.candidates {
                if let Some(n) = &row.notes[c] {
                    out.push(format!(
                        "{} × {}: {}",
                        ds.candidates[c].name,
                        strings::wizard::supported_by(&row.name),
                        n.text
                    ));
                }
            }
        }
        out
    }

    pub fn text(&self) -> String {
        let ds = self.ds;
        let mut out = format!(
            "{} side by side ({})\n\n",
            strings::sentence(&ds.vocabulary.candidates),
            ds.id
        );
        out.push_str(&self.table().text());
        out.push_str(
            "\n\u{2260} marks rows where the values differ; * marks a cell with a note.\n",
        );
        for n in self.notes() {
            out.push_str(&format!("* {n}\n"));
        }
        let retired = retired_lines(ds, self.candidates.iter().copied());
        if !retired.is_empty() {
            out.push('\n');
            for line in retired {
                out.push_str(&format!("{line}\n"));
            }
        }
        for &c in &self.candidates {
            let cand = &ds.candidates[c];
            if !cand.when_to_use.is_empty() {
                out.push_str(&format!("\nWhen to use {}:\n", cand.name));
                for w in &cand.when_to_use {
                    out.push_str(&format!("  - {w}\n"));
                }
            }
        }
        super::recommend::text_notes(&mut out, &self.dataset_notes());
        out
    }

    /// The dataset's `[[notes]]`: remarks that go with every comparison.
    fn dataset_notes(&self) -> Vec<super::model::NoteRef> {
        self.ds
            .notes
            .iter()
            .map(|n| super::model::note_ref(self.ds, n))
            .collect()
    }

    pub fn markdown(&self) -> String {
        let ds = self.ds;
        let mut out = format!(
            "## {} side by side\n\n",
            md(&strings::sentence(&ds.vocabulary.candidates))
        );
        out.push_str(&self.table().markdown());
        out.push_str("\n≠ marks rows where the values differ; \\* marks a cell with a note.\n\n");
        for n in self.notes() {
            out.push_str(&format!("- {}\n", md(&n)));
        }
        let retired = retired_lines(ds, self.candidates.iter().copied());
        if !retired.is_empty() {
            out.push('\n');
            for line in retired {
                out.push_str(&format!("- {}\n", md(&line)));
            }
        }
        for &c in &self.candidates {
            let cand = &ds.candidates[c];
            if !cand.when_to_use.is_empty() {
                out.push_str(&format!("\n### When to use {}\n\n", md(&cand.name)));
                for w in &cand.when_to_use {
                    out.push_str(&format!("- {}\n", md(w)));
                }
            }
        }
        if !self.ds.notes.is_empty() {
            out.push('\n');
        }
        super::recommend::md_notes(&mut out, "###", &self.dataset_notes());
        out
    }
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
