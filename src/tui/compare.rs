//! The side-by-side screen's state and what the keys do to it: which columns are shown,
//! the highlighted row of the table, the details pane's scroll. The state learns from the
//! last draw how many rows the table had and how far the details can scroll, so a key is
//! applied without laying anything out here.

use std::cell::Cell;

use ratatui::widgets::TableState;

use crate::dataset::{ContextIx, Dataset};
use crate::report::compare::{Grid, RowKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComparePane {
    Table,
    Details,
}

/// A row of the table as drawn: a group's title, or a row of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableRow {
    /// The title of the rows of one kind (criteria: the source's own table; aspects).
    Title(RowKind),
    /// Index into the grid's rows.
    Row(usize),
}

/// The table's rows: the support row first (what the chosen context allows), then each
/// group under its title.
pub fn table_rows(grid: &Grid) -> Vec<TableRow> {
    let mut out = Vec::new();
    let of = |kind: RowKind| {
        grid.rows
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.kind == kind)
            .map(|(i, _)| TableRow::Row(i))
    };
    out.extend(of(RowKind::Support));
    for kind in [RowKind::Criterion, RowKind::Aspect] {
        let rows: Vec<TableRow> = of(kind).collect();
        if !rows.is_empty() {
            out.push(TableRow::Title(kind));
            out.extend(rows);
        }
    }
    out
}

#[derive(Debug)]
pub struct CompareScreen {
    /// Indexed by candidate: shown as a column.
    pub shown: Vec<bool>,
    /// The highlighted candidate in the Show line.
    pub column: usize,
    pub only_differences: bool,
    /// Whose support row is shown.
    pub context: Option<ContextIx>,
    pub pane: ComparePane,
    /// The table: its highlighted row and, as of the last draw, the first one shown.
    pub table: Cell<TableState>,
    pub details_scroll: usize,
    /// As of the last draw: the table's rows, and how far the details can scroll.
    rows: Cell<usize>,
    details_max: Cell<usize>,
}

impl CompareScreen {
    pub fn new(ds: &Dataset) -> Self {
        Self {
            shown: vec![true; ds.candidates.len()],
            column: 0,
            only_differences: false,
            context: None,
            pane: ComparePane::Table,
            table: Cell::new(TableState::default().with_selected(Some(0))),
            details_scroll: 0,
            rows: Cell::new(1),
            details_max: Cell::new(0),
        }
    }

    /// The highlighted row of the table.
    pub fn row(&self) -> usize {
        self.table.get().selected().unwrap_or(0)
    }

    /// Moves the highlighted row by `delta`, within the rows of the last draw.
    pub fn move_row(&mut self, delta: isize) {
        let last = self.rows.get().saturating_sub(1);
        let to = self.row().saturating_add_signed(delta).min(last);
        let mut st = self.table.get();
        st.select(Some(to));
        self.table.set(st);
        self.details_scroll = 0;
    }

    /// Scrolls the details by `delta` lines, within what the last draw could show.
    pub fn scroll_details(&mut self, delta: isize) {
        self.details_scroll = self
            .details_scroll
            .saturating_add_signed(delta)
            .min(self.details_max.get());
    }

    /// Called by the draw of the table: how many rows it has. Returns the row to
    /// highlight, kept within them.
    pub fn learn_rows(&self, rows: usize) -> usize {
        self.rows.set(rows.max(1));
        self.row().min(rows.saturating_sub(1))
    }

    /// Called by the draw of the details: how far they can scroll. Returns the scroll to
    /// show, kept within it.
    pub fn learn_details(&self, max: usize) -> usize {
        self.details_max.set(max);
        self.details_scroll.min(max)
    }
}
