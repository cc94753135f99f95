//! The result screen's state and what the keys do to it. The report is a list of items
//! (the verdict, each section's heading, the entries a section shows), read with a cursor;
//! a section shows its summary until it is expanded, and then everything it holds. The
//! answers that led to the result sit in a second pane, each one open to change.
//!
//! The state learns its viewport from the last draw (which item each row shows, how many
//! rows fit, where the list was scrolled to), so moving by a page or expanding the section
//! under the cursor needs no layout code here.

use std::cell::{Cell, RefCell};

use ratatui::widgets::ListState;

use crate::report::layout::{Layout, SectionKind};

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultPane {
    Report,
    Answers,
}

/// One selectable item of the report list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The headline and the notices read with it.
    Verdict,
    /// A section's heading (index into the layout's sections).
    Heading(usize),
    /// One entry a section shows: (section, entry).
    Entry(usize, usize),
}

impl Item {
    pub fn section(self) -> Option<usize> {
        match self {
            Item::Verdict => None,
            Item::Heading(s) | Item::Entry(s, _) => Some(s),
        }
    }
}

/// Sections the wizard shows elsewhere: the answers have their own pane.
pub fn shown_here(kind: SectionKind) -> bool {
    kind != SectionKind::Answers
}

/// The result screen's state: its own cursor and scroll position, and what it learned
/// from the last draw (which item each row shows, how many rows fit).
#[derive(Debug)]
pub struct ResultScreen {
    pub pane: ResultPane,
    /// The sections shown in full.
    pub expanded: Vec<SectionKind>,
    /// The highlighted answer, index into the report's answers.
    pub answer: usize,
    /// The report's rows: the selected one and, as of the last draw, the first one shown.
    pub list: Cell<ListState>,
    /// Which item each row of the last draw showed.
    rows: RefCell<Vec<Item>>,
    /// How many rows the last draw showed: a page.
    page: Cell<usize>,
    /// A section to put the cursor on at the next draw (its rows are known only then).
    focus: Cell<Option<usize>>,
}

impl Default for ResultScreen {
    fn default() -> Self {
        Self {
            pane: ResultPane::Report,
            expanded: Vec::new(),
            answer: 0,
            list: Cell::new(ListState::default().with_selected(Some(0))),
            rows: RefCell::new(Vec::new()),
            page: Cell::new(1),
            focus: Cell::new(None),
        }
    }
}

/// What a key asked of the result screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

impl ResultScreen {
    /// The items of `layout` as this state shows them, in order.
    pub fn items(&self, layout: &Layout) -> Vec<Item> {
        let mut out = vec![Item::Verdict];
        for (i, s) in layout.sections.iter().enumerate() {
            if !shown_here(s.kind) {
                continue;
            }
            if !s.heading.is_empty() {
                out.push(Item::Heading(i));
            }
            let n = s.entries(self.is_expanded(s.kind)).len();
            out.extend((0..n).map(|e| Item::Entry(i, e)));
        }
        out
    }

    pub fn is_expanded(&self, kind: SectionKind) -> bool {
        self.expanded.contains(&kind)
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.list.get().selected().unwrap_or(0)
    }

    /// The item under the cursor, as of the last draw.
    pub fn selected_item(&self) -> Option<Item> {
        self.rows.borrow().get(self.selected()).copied()
    }

    fn select(&mut self, row: usize) {
        let mut st = self.list.get();
        st.select(Some(row));
        self.list.set(st);
    }

    /// Moves the cursor over the report's rows, or over the answers.
    pub fn move_by(&mut self, how: Move, answers: usize) {
        let (len, at) = match self.pane {
            ResultPane::Report => (self.rows.borrow().len().max(1), self.selected()),
            ResultPane::Answers => (answers, self.answer),
        };
        let page = self.page.get().max(1);
        let last = len.saturating_sub(1);
        let to = match how {
            Move::Up => at.saturating_sub(1),
            Move::Down => (at + 1).min(last),
            Move::PageUp => at.saturating_sub(page),
            Move::PageDown => (at + page).min(last),
            Move::Home => 0,
            Move::End => last,
        };
        match self.pane {
            ResultPane::Report => self.select(to),
            ResultPane::Answers => self.answer = to,
        }
    }

    /// Expands or collapses the section under the cursor; the cursor goes to its top.
    pub fn toggle_selected(&mut self, layout: &Layout) {
        let Some(s) = self.selected_item().and_then(Item::section) else {
            return;
        };
        let Some(section) = layout.sections.get(s) else {
            return;
        };
        if !section.expands() {
            return;
        }
        let kind = section.kind;
        if let Some(at) = self.expanded.iter().position(|&k| k == kind) {
            self.expanded.remove(at);
        } else {
            self.expanded.push(kind);
        }
        self.focus.set(Some(s));
    }

    /// Every section in full, or (when all already are) every section as its summary; the
    /// cursor stays in its section.
    pub fn toggle_all(&mut self, layout: &Layout) {
        let expandable: Vec<SectionKind> = layout
            .sections
            .iter()
            .filter(|s| s.expands() && shown_here(s.kind))
            .map(|s| s.kind)
            .collect();
        let all = expandable.iter().all(|k| self.expanded.contains(k));
        self.expanded = if all { Vec::new() } else { expandable };
        self.focus.set(self.selected_item().and_then(Item::section));
    }

    /// A new report: back to its top, the sections as the person left them.
    pub fn reset(&mut self, answers: usize) {
        self.list.set(ListState::default().with_selected(Some(0)));
        self.rows.borrow_mut().clear();
        self.focus.set(None);
        self.answer = self.answer.min(answers.saturating_sub(1));
    }

    /// Called by the draw: which item each row shows and how many rows fit. Returns the
    /// row the cursor is to be on (a section asked to be focused, else the one selected,
    /// kept within the rows).
    pub fn learn(&self, rows: Vec<Item>, page: usize) -> usize {
        let focus = self
            .focus
            .take()
            .and_then(|s| rows.iter().position(|i| i.section() == Some(s)));
        let at = focus
            .unwrap_or_else(|| self.selected())
            .min(rows.len().saturating_sub(1));
        *self.rows.borrow_mut() = rows;
        self.page.set(page.max(1));
        at
    }
}
