//! The comparison of candidates, built once as a [`Grid`] (columns, rows, cells with their
//! notes, sources and marks) and rendered by `compare` (text, Markdown, JSON), the wizard's
//! side-by-side screen and the decision record.
//!
//! Rows come in three kinds: the criteria (yes/no/depends, the source's own table, kept
//! cell for cell under the dataset's `criteria_title`), the aspects (cells in words), and
//! the support row of one context. Read beside a result, the recommended column is marked,
//! each criterion the answers require is marked with whether each column meets it, and the
//! columns the chosen context does not support say so.

use serde_json::{Map, Value, json};

use super::applies;
use super::catalog::{candidate_list, retired_lines};
use super::model::{NoteRef, SourceRef, note_ref};
use super::recommend::{md, md_link};
use super::table::Table;
use super::{links, wrap};
use crate::dataset::{CandidateIx, CellValue, ContextIx, CriterionIx, Dataset};
use crate::engine::Verdict;
use crate::strings;

/// What `compare` shows: chosen candidates over every row, maybe beside a result.
pub struct Comparison<'d> {
    pub ds: &'d Dataset,
    pub candidates: Vec<CandidateIx>,
    /// Whose support row is shown.
    pub context: Option<ContextIx>,
    pub only_differences: bool,
    /// The result the comparison is read beside.
    pub result: Option<Marks>,
}

/// What a result marks in a comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub pick: Option<CandidateIx>,
    /// The context the answers chose, whose support row is shown.
    pub context: Option<ContextIx>,
    /// The criteria the answers require.
    pub requirements: Vec<Requirement>,
}

/// A criterion the answers turned into a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub criterion: CriterionIx,
    /// Values every firing rule allows (a value must satisfy them all).
    pub allowed: Vec<CellValue>,
    /// The `because` of each rule that requires it.
    pub because: Vec<String>,
}

impl Marks {
    /// The marks of a verdict: its pick and the requirements of the rules that fired.
    pub fn of(ds: &Dataset, v: &Verdict) -> Self {
        let mut requirements: Vec<Requirement> = Vec::new();
        for &r in &v.eval.fired {
            let rule = &ds.rules[r];
            for req in &rule.require {
                match requirements
                    .iter_mut()
                    .find(|x| x.criterion == req.criterion)
                {
                    Some(x) => {
                        x.allowed.retain(|a| req.allowed.contains(a));
                        x.because.push(rule.because.clone());
                    }
                    None => requirements.push(Requirement {
                        criterion: req.criterion,
                        allowed: req.allowed.clone(),
                        because: vec![rule.because.clone()],
                    }),
                }
            }
        }
        let context = ds.context_question.and_then(|q| {
            crate::engine::effective_answer(&v.answers, &v.eval.asked, q)
                .filter(|&c| c < ds.contexts.len())
        });
        Self {
            pick: v.eval.pick,
            context,
            requirements,
        }
    }
}

/// Whether a column meets a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Met {
    Yes,
    No,
    /// A "depends" cell the requirement does not allow: kept, with a caveat.
    Depends,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub name: String,
    pub short: String,
    /// The recommendation the comparison is read beside.
    pub pick: bool,
    /// Supported by the context shown (`None`: no context).
    pub supported: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Criterion,
    Aspect,
    Support,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What the cell says: Yes, No, Depends, or the aspect's words.
    pub text: String,
    /// For a criterion or support cell: `yes`, `no` or `depends`.
    pub value: Option<&'static str>,
    pub note: Option<String>,
    /// The cell's own source: its note's, or an aspect cell's.
    pub source: Option<SourceRef>,
    /// In a required row: whether this column meets the requirement.
    pub met: Option<Met>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub id: String,
    pub label: String,
    pub short: String,
    pub cells: Vec<Cell>,
    pub differs: bool,
    /// The answers made it a requirement: why.
    pub required: Option<Vec<String>>,
    pub source: SourceRef,
}

/// The comparison, resolved: what every face draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Headings of the criteria and aspect rows.
    pub criteria_title: String,
    pub aspects_title: String,
    /// The context of the support row.
    pub context: Option<String>,
    /// One line per compared candidate that is never recommended (its `status`), with why.
    pub retired: Vec<String>,
    /// The dataset's `[[notes]]`: they go with every comparison.
    pub notes: Vec<NoteRef>,
}

impl Grid {
    pub fn rows_of(&self, kind: RowKind) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.kind == kind)
    }

    /// Every source the rows and cells cite, each once, in order.
    pub fn sources(&self) -> Vec<&SourceRef> {
        let mut out: Vec<&SourceRef> = Vec::new();
        let rows = self.rows.iter().flat_map(|r| {
            std::iter::once(&r.source).chain(r.cells.iter().filter_map(|c| c.source.as_ref()))
        });
        for s in rows.chain(self.notes.iter().flat_map(|n| &n.sources)) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

fn value_str(v: CellValue) -> &'static str {
    match v {
        CellValue::Yes => "yes",
        CellValue::No => "no",
        CellValue::Depends => "depends",
    }
}

/// A support cell as the word JSON and the cell text are made from: yes, no or depends.
fn support_value(ds: &Dataset, context: ContextIx, c: CandidateIx) -> &'static str {
    match applies::support_json(ds, context, c) {
        Value::Bool(true) => "yes",
        Value::Bool(false) => "no",
        _ => "depends",
    }
}

impl Comparison<'_> {
    /// Whether the chosen candidates disagree on criterion `k`.
    pub fn differs(&self, k: usize) -> bool {
        let values = &self.ds.criteria[k].values;
        self.candidates
            .windows(2)
            .any(|w| values[w[0]] != values[w[1]])
    }

    fn aspect_differs(&self, a: usize) -> bool {
        let cells = &self.ds.aspects[a].cells;
        self.candidates
            .windows(2)
            .any(|w| cells[w[0]].text != cells[w[1]].text)
    }

    /// The criteria shown.
    pub fn rows(&self) -> Vec<usize> {
        (0..self.ds.criteria.len())
            .filter(|&k| !self.only_differences || self.differs(k))
            .collect()
    }

    fn requirement(&self, k: CriterionIx) -> Option<&Requirement> {
        self.result
            .as_ref()?
            .requirements
            .iter()
            .find(|r| r.criterion == k)
    }

    /// The grid every face draws.
    pub fn grid(&self) -> Grid {
        let ds = self.ds;
        let context = self.context.and_then(|c| ds.contexts.get(c));
        let pick = self.result.as_ref().and_then(|m| m.pick);
        let columns = self
            .candidates
            .iter()
            .map(|&c| Column {
                id: ds.candidates[c].id.clone(),
                name: ds.candidates[c].name.clone(),
                short: ds.candidates[c].short_name().to_owned(),
                pick: pick == Some(c),
                supported: context.map(|x| x.support[c]),
            })
            .collect();
        let mut rows: Vec<Row> = self
            .rows()
            .into_iter()
            .map(|k| self.criterion_row(k))
            .collect();
        rows.extend(
            (0..ds.aspects.len())
                .filter(|&a| !self.only_differences || self.aspect_differs(a))
                .map(|a| self.aspect_row(a)),
        );
        rows.extend(self.support_shown().map(|(c, _)| self.support_row(c)));
        Grid {
            columns,
            rows,
            criteria_title: ds
                .criteria_title
                .clone()
                .unwrap_or_else(|| strings::CRITERIA.to_owned()),
            aspects_title: ds
                .aspects_title
                .clone()
                .unwrap_or_else(|| strings::ASPECTS.to_owned()),
            context: context.map(|c| c.name.clone()),
            retired: retired_lines(ds, self.candidates.iter().copied()),
            notes: ds.notes.iter().map(|n| note_ref(ds, n)).collect(),
        }
    }

    /// Criterion `k`: its cells, and whether each column meets what the answers require.
    fn criterion_row(&self, k: CriterionIx) -> Row {
        let ds = self.ds;
        let crit = &ds.criteria[k];
        let req = self.requirement(k);
        let cells = self
            .candidates
            .iter()
            .map(|&c| {
                let v = crit.values[c];
                let note = crit.notes[c].as_ref();
                Cell {
                    text: strings::cell_value(value_str(v)).to_owned(),
                    value: Some(value_str(v)),
                    note: note.map(|n| n.text.clone()),
                    source: note.map(|n| SourceRef::new(ds, n.source)),
                    met: req.map(|r| match v {
                        _ if r.allowed.contains(&v) => Met::Yes,
                        CellValue::Depends => Met::Depends,
                        _ => Met::No,
                    }),
                }
            })
            .collect();
        Row {
            kind: RowKind::Criterion,
            id: crit.id.clone(),
            label: crit.label.clone(),
            short: crit.short_label().to_owned(),
            cells,
            differs: self.differs(k),
            required: req.map(|r| r.because.clone()),
            source: SourceRef::new(ds, crit.source),
        }
    }

    /// Aspect `a`: its cells in words, each with its source.
    fn aspect_row(&self, a: usize) -> Row {
        let ds = self.ds;
        let aspect = &ds.aspects[a];
        Row {
            kind: RowKind::Aspect,
            id: aspect.id.clone(),
            label: aspect.label.clone(),
            short: aspect.short_label().to_owned(),
            cells: self
                .candidates
                .iter()
                .map(|&c| Cell {
                    text: aspect.cells[c].text.clone(),
                    value: None,
                    note: None,
                    source: Some(SourceRef::new(ds, aspect.cells[c].source)),
                    met: None,
                })
                .collect(),
            differs: self.aspect_differs(a),
            required: None,
            source: SourceRef::new(ds, aspect.source),
        }
    }

    /// The support row, when shown: (context, whether the compared candidates differ in
    /// it). "Only differences" hides it like any other row that is the same for all.
    pub fn support_shown(&self) -> Option<(ContextIx, bool)> {
        let c = self.context.filter(|&c| c < self.ds.contexts.len())?;
        let cell = |k: CandidateIx| applies::support_word(self.ds, c, k);
        let differs = self.candidates.windows(2).any(|w| cell(w[0]) != cell(w[1]));
        (!self.candidates.is_empty() && (!self.only_differences || differs)).then_some((c, differs))
    }

    /// The support row of context `c`.
    fn support_row(&self, c: ContextIx) -> Row {
        let ds = self.ds;
        let ctx = &ds.contexts[c];
        let cells = self
            .candidates
            .iter()
            .map(|&k| {
                let note = ctx.notes[k].as_ref();
                let value = support_value(ds, c, k);
                Cell {
                    text: strings::cell_value(value).to_owned(),
                    value: Some(value),
                    note: note.map(|n| n.text.clone()),
                    source: note.map(|n| SourceRef::new(ds, n.source)),
                    met: None,
                }
            })
            .collect();
        Row {
            kind: RowKind::Support,
            id: ctx.id.clone(),
            label: strings::supported_by(&ctx.name),
            short: strings::supported_by(&ctx.name),
            cells,
            differs: self.support_shown().is_some_and(|(_, d)| d),
            required: None,
            source: SourceRef::new(ds, ctx.source),
        }
    }

    pub fn json(&self) -> Value {
        let ds = self.ds;
        let grid = self.grid();
        let mut m = Map::new();
        m.insert("dataset".into(), ds.id.clone().into());
        m.insert(
            ds.vocabulary.candidates_key.clone(),
            candidate_list(ds, self.candidates.iter().copied()),
        );
        let rows =
            |kind| -> Vec<Value> { grid.rows_of(kind).map(|r| row_json(&grid, r)).collect() };
        m.insert("criteria".into(), Value::Array(rows(RowKind::Criterion)));
        m.insert("aspects".into(), Value::Array(rows(RowKind::Aspect)));
        if let Some(r) = grid.rows_of(RowKind::Support).next() {
            let values: Map<String, Value> = per_column(&grid, r, |c| match c.value {
                Some("depends") => "depends".into(),
                v => (v == Some("yes")).into(),
            });
            let name = self.context.map(|c| ds.contexts[c].name.clone());
            let mut support = Map::new();
            support.insert(ds.vocabulary.context_key.clone(), r.id.clone().into());
            support.insert("name".into(), name.into());
            support.insert("values".into(), Value::Object(values));
            support.insert("differs".into(), r.differs.into());
            m.insert("support".into(), Value::Object(support));
        }
        if let Some(marks) = &self.result {
            m.insert(
                "recommendation".into(),
                marks.pick.map(|p| ds.candidates[p].id.clone()).into(),
            );
        }
        let when: Map<String, Value> = self
            .candidates
            .iter()
            .map(|&c| {
                let cand = &ds.candidates[c];
                (cand.id.clone(), cand.when_to_use.clone().into())
            })
            .collect();
        m.insert("when_to_use".into(), Value::Object(when));
        m.insert(
            "notes".into(),
            serde_json::to_value(&grid.notes).unwrap_or_default(),
        );
        Value::Object(m)
    }

    /// Plain text; wrapped to `width` when given.
    pub fn text(&self, width: Option<usize>) -> String {
        let ds = self.ds;
        let grid = self.grid();
        let w = TextGrid {
            grid: &grid,
            sources: grid.sources(),
            width,
        };
        let mut out = format!(
            "{} side by side ({})\n",
            strings::sentence(&ds.vocabulary.candidates),
            ds.id
        );
        if let Some(line) = beside_line(ds, &grid) {
            out.push_str(&w.para("", &line));
        }
        out.push('\n');
        out.push_str(&w.criteria());
        out.push_str(&w.aspects());
        out.push_str(&w.notes());
        if !grid.retired.is_empty() {
            out.push('\n');
            for line in &grid.retired {
                out.push_str(&w.para("", line));
            }
        }
        for &c in &self.candidates {
            let cand = &ds.candidates[c];
            if !cand.when_to_use.is_empty() {
                out.push_str(&format!("\nWhen to use {}:\n", cand.name));
                for u in &cand.when_to_use {
                    out.push_str(&w.para("  - ", u));
                }
            }
        }
        out.push_str(&w.dataset_notes());
        if !w.sources.is_empty() {
            out.push_str(&format!("\n{}\n", strings::heading::SOURCES));
            for (n, s) in w.sources.iter().enumerate() {
                out.push_str(&w.para(&format!("  [{}] ", n + 1), &links::source_text(s)));
            }
        }
        out
    }

    pub fn markdown(&self) -> String {
        let ds = self.ds;
        let grid = self.grid();
        let mut out = format!(
            "## {} side by side\n\n",
            md(&strings::sentence(&ds.vocabulary.candidates))
        );
        if let Some(line) = beside_line(ds, &grid) {
            out.push_str(&format!("{}\n\n", md(&line)));
        }
        let sources = grid.sources();
        let mut cite = |s: &SourceRef| {
            sources
                .iter()
                .position(|x| *x == s)
                .map_or(String::new(), |n| format!("[\\[{}\\]](#sources)", n + 1))
        };
        out.push_str(&markdown_tables(&grid, &mut cite));
        if !grid.retired.is_empty() {
            out.push('\n');
            for line in &grid.retired {
                out.push_str(&format!("- {}\n", md(line)));
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
        if !grid.notes.is_empty() {
            out.push_str(&format!("\n### {}\n\n", strings::heading::NOTES));
            for n in &grid.notes {
                let cites: String = n.sources.iter().map(|s| format!(" {}", cite(s))).collect();
                out.push_str(&format!("- **{}** {}{cites}\n", md(&n.title), md(&n.text)));
            }
        }
        if !sources.is_empty() {
            out.push_str(&format!("\n### {}\n\n", strings::heading::SOURCES));
            for (n, s) in sources.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, md_link(s)));
            }
        }
        out
    }
}

/// `f` of each cell of `r`, keyed by its column's id.
fn per_column(grid: &Grid, r: &Row, f: impl Fn(&Cell) -> Value) -> Map<String, Value> {
    grid.columns
        .iter()
        .zip(&r.cells)
        .map(|(col, cell)| (col.id.clone(), f(cell)))
        .collect()
}

/// A criterion (its values, notes and, beside a result, whether each column meets it) or
/// an aspect (its cells with their sources), as JSON.
fn row_json(grid: &Grid, r: &Row) -> Value {
    let mut m = json!({"id": r.id, "label": r.label, "short": r.short});
    let Some(obj) = m.as_object_mut() else {
        return m;
    };
    if r.kind == RowKind::Aspect {
        let cells = per_column(
            grid,
            r,
            |c| json!({"text": c.text, "source": c.source.as_ref().map(|s| s.id.clone())}),
        );
        obj.insert("cells".into(), Value::Object(cells));
    } else {
        obj.insert(
            "values".into(),
            Value::Object(per_column(grid, r, |c| c.value.into())),
        );
        let notes: Map<String, Value> = grid
            .columns
            .iter()
            .zip(&r.cells)
            .filter_map(|(col, c)| c.note.as_ref().map(|n| (col.id.clone(), n.clone().into())))
            .collect();
        obj.insert("notes".into(), Value::Object(notes));
    }
    obj.insert("differs".into(), r.differs.into());
    obj.insert("source".into(), r.source.id.clone().into());
    if let Some(why) = &r.required {
        let met = per_column(grid, r, |c| c.met.map(|x| x == Met::Yes).into());
        obj.insert("required".into(), json!({"because": why, "met": met}));
    }
    m
}

/// A grid being written as plain text: its sources numbered, paragraphs wrapped.
struct TextGrid<'g> {
    grid: &'g Grid,
    sources: Vec<&'g SourceRef>,
    width: Option<usize>,
}

impl TextGrid<'_> {
    fn para(&self, first: &str, text: &str) -> String {
        wrap::paragraph(first, text, self.width)
    }

    /// " [n]": the number of a source in the list at the end.
    fn cite(&self, s: &SourceRef) -> String {
        self.sources
            .iter()
            .position(|x| *x == s)
            .map_or(String::new(), |n| format!(" [{}]", n + 1))
    }

    /// The criteria (the source's own table) under their title, the support row last.
    fn criteria(&self) -> String {
        let criteria: Vec<&Row> = self.grid.rows_of(RowKind::Criterion).collect();
        let support: Vec<&Row> = self.grid.rows_of(RowKind::Support).collect();
        if criteria.is_empty() && support.is_empty() {
            return String::new();
        }
        let mut cited: Vec<&SourceRef> = Vec::new();
        for r in &criteria {
            if !cited.contains(&&r.source) {
                cited.push(&r.source);
            }
        }
        let cites: String = cited.iter().map(|s| self.cite(s)).collect();
        let mut out = self.para("", &format!("{}{cites}", self.grid.criteria_title));
        out.push('\n');
        out.push_str(&grid_table(self.grid, &criteria, &support).text());
        out.push('\n');
        out
    }

    /// The aspects under their title: a row, then one line per column with its source.
    fn aspects(&self) -> String {
        let aspects: Vec<&Row> = self.grid.rows_of(RowKind::Aspect).collect();
        if aspects.is_empty() {
            return String::new();
        }
        let mut out = self.para("", &self.grid.aspects_title);
        for r in aspects {
            out.push_str(&self.para("  ", &format!("{}{}", r.label, self.cite(&r.source))));
            for (col, cell) in self.grid.columns.iter().zip(&r.cells) {
                let src = cell.source.as_ref().map_or(String::new(), |s| self.cite(s));
                out.push_str(&self.para("    ", &format!("{}: {}{src}", col.name, cell.text)));
            }
        }
        out.push('\n');
        out
    }

    /// The dataset's notes, each citing its sources.
    fn dataset_notes(&self) -> String {
        if self.grid.notes.is_empty() {
            return String::new();
        }
        let mut out = format!("\n{}\n", strings::heading::NOTES);
        for n in &self.grid.notes {
            let cites: String = n.sources.iter().map(|s| self.cite(s)).collect();
            out.push_str(&self.para("  ", &format!("{}: {}{cites}", n.title, n.text)));
        }
        out
    }

    /// The legend, every cell note, and why each required row is required.
    fn notes(&self) -> String {
        let mut out = self.para("", &legend(self.grid));
        for (r, col, cell) in noted(self.grid) {
            let src = cell.source.as_ref().map_or(String::new(), |s| self.cite(s));
            let note = cell.note.as_deref().unwrap_or_default();
            out.push_str(&self.para("* ", &format!("{} × {}: {note}{src}", col.name, r.label)));
        }
        for r in &self.grid.rows {
            for because in r.required.iter().flatten() {
                let text = format!("{}: {}", r.label, strings::sentence(because));
                out.push_str(&self.para("\u{2192} ", &text));
            }
        }
        out
    }
}

/// "Read beside your answers: ..." when a result marks the grid.
fn beside_line(ds: &Dataset, grid: &Grid) -> Option<String> {
    let pick = grid.columns.iter().find(|c| c.pick);
    let required = grid.rows.iter().filter(|r| r.required.is_some()).count();
    if pick.is_none() && required == 0 {
        return None;
    }
    Some(strings::beside_result(
        pick.map(|c| c.name.as_str()),
        required,
        &ds.vocabulary.candidate,
    ))
}

/// Every cell with a note: (row, column, cell).
pub fn noted(grid: &Grid) -> impl Iterator<Item = (&Row, &Column, &Cell)> {
    grid.rows.iter().flat_map(move |r| {
        grid.columns
            .iter()
            .zip(&r.cells)
            .filter(|(_, c)| c.note.is_some())
            .map(move |(col, c)| (r, col, c))
    })
}

/// A column's heading with its marks: ★ the recommendation, ✗ not supported.
pub fn column_heading(c: &Column, name: &str) -> String {
    let mut s = name.to_owned();
    if c.pick {
        s.push_str(" \u{2605}");
    }
    if c.supported == Some(false) {
        s.push_str(" \u{2717}");
    }
    s
}

/// A cell with its marks: * a note, ✓ ✗ ! whether a required row is met.
pub fn cell_text(c: &Cell) -> String {
    format!("{}{}", c.text, cell_marks(c))
}

/// A cell's marks alone.
pub fn cell_marks(c: &Cell) -> String {
    let mut s = String::new();
    if c.note.is_some() {
        s.push('*');
    }
    if let Some(m) = c.met {
        s.push_str(met_mark(m));
    }
    s
}

pub fn met_mark(m: Met) -> &'static str {
    match m {
        Met::Yes => " \u{2713}",
        Met::No => " \u{2717}",
        Met::Depends => " !",
    }
}

/// A row's marks: ≠ the values differ, → the answers require it.
pub fn row_marks(r: &Row) -> String {
    let mut s = String::new();
    s.push(if r.differs { '\u{2260}' } else { ' ' });
    s.push(if r.required.is_some() {
        '\u{2192}'
    } else {
        ' '
    });
    s
}

/// What the marks in the table mean, naming only the marks it uses.
pub fn legend(grid: &Grid) -> String {
    let mut parts = Vec::new();
    if grid.columns.iter().any(|c| c.pick) {
        parts.push(strings::LEGEND_PICK.to_owned());
    }
    if grid.columns.iter().any(|c| c.supported == Some(false))
        && let Some(ctx) = &grid.context
    {
        parts.push(strings::legend_unsupported(ctx));
    }
    if grid.rows.iter().any(|r| r.required.is_some()) {
        parts.push(strings::LEGEND_REQUIRED.to_owned());
    }
    parts.push(strings::LEGEND_DIFFERS.to_owned());
    parts.push(strings::LEGEND_NOTE.to_owned());
    parts.join(" \u{b7} ")
}

/// The criteria (and support) rows as one aligned table.
fn grid_table(grid: &Grid, criteria: &[&Row], support: &[&Row]) -> Table {
    let mut header = vec![String::new(), String::new()];
    header.extend(grid.columns.iter().map(|c| column_heading(c, &c.name)));
    let mut t = Table::new(header);
    for r in criteria.iter().chain(support) {
        let mut row = vec![row_marks(r).trim_end().to_owned(), r.label.clone()];
        row.extend(r.cells.iter().map(cell_text));
        t.row(row);
    }
    t
}

/// The Markdown tables of a grid: the criteria (with the support row), then the aspects,
/// each aspect cell with its source; then the legend, the notes and the requirements.
/// `cite` names a source (a numbered link to the document's list of sources).
pub fn markdown_tables(grid: &Grid, cite: &mut dyn FnMut(&SourceRef) -> String) -> String {
    let mut out = String::new();
    let section = |out: &mut String,
                   cite: &mut dyn FnMut(&SourceRef) -> String,
                   title: &str,
                   rows: Vec<&Row>,
                   cell_sources: bool| {
        if rows.is_empty() {
            return;
        }
        out.push_str(&format!("### {}\n\n", md(title)));
        // Marks in a column of their own, so the label cell is the label alone.
        let mut header = vec![String::new(), String::new()];
        header.extend(grid.columns.iter().map(|c| md(&column_heading(c, &c.name))));
        let mut t = Table::new(header);
        for r in rows {
            let mut row = vec![row_marks(r).trim().to_owned(), md(&r.label)];
            for c in &r.cells {
                let src = match (&c.source, cell_sources) {
                    (Some(s), true) => format!(" {}", cite(s)),
                    _ => String::new(),
                };
                row.push(format!("{}{}{src}", md(&c.text), cell_marks(c)));
            }
            t.row(row);
        }
        out.push_str(&t.markdown());
        out.push('\n');
    };
    let criteria: Vec<&Row> = grid
        .rows
        .iter()
        .filter(|r| r.kind != RowKind::Aspect)
        .collect();
    section(&mut out, cite, &grid.criteria_title, criteria, false);
    section(
        &mut out,
        cite,
        &grid.aspects_title,
        grid.rows_of(RowKind::Aspect).collect(),
        true,
    );
    out.push_str(&format!("{}\n\n", md(&legend(grid))));
    for (r, col, cell) in noted(grid) {
        let src = cell
            .source
            .as_ref()
            .map_or(String::new(), |s| format!(" {}", cite(s)));
        out.push_str(&format!(
            "- {} × {}: {}{src}\n",
            md(&col.name),
            md(&r.label),
            md(cell.note.as_deref().unwrap_or_default()),
        ));
    }
    for r in grid.rows.iter().filter(|r| r.required.is_some()) {
        for because in r.required.iter().flatten() {
            out.push_str(&format!(
                "- \u{2192} {}: {}\n",
                md(&r.label),
                md(&strings::sentence(because))
            ));
        }
    }
    out
}
