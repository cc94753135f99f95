//! Side by side: the comparison's [`Grid`] as a ratatui `Table` (candidates as columns;
//! the support row, the criteria under their title, the aspects under theirs), the Show
//! line that picks the columns, and the highlighted row in full in a details pane below,
//! each cell with its note and source. Read beside a result, the recommended column and
//! the rows the answers require are marked.
//!
//! Names that do not fit their column use the dataset's `short` name and wrap rather than
//! being cut, and a cell's marks (a note, met or not) are part of its text, so no name is
//! cut to a stub and no mark is lost at 80 columns.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, BorderType, Cell, HighlightSpacing, Padding, Paragraph, Row, Scrollbar,
    ScrollbarOrientation, ScrollbarState, StatefulWidget, Table, Widget,
};

use super::text::{self, blank, heading, para};
use crate::report::compare::{self, Grid, Met, RowKind};
use crate::report::links;
use crate::report::model::SourceRef;
use crate::strings::{self, wizard as w};
use crate::tui::compare::{ComparePane, TableRow, table_rows};
use crate::tui::links::PlacedLink;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// The table's cursor mark, in a column of its own.
const CURSOR: &str = "› ";
/// Columns between two table columns.
const GAP: u16 = 1;
/// The most lines a cell of the table takes; the details pane shows the rest.
const MAX_CELL_LINES: usize = 3;

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let details_h = (body.height * 2 / 5).max(5).min(body.height);
    let [top, details] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(details_h)]).areas(body);
    let focus_table = m.compare.pane == ComparePane::Table;
    let t = m.theme;
    let title = strings::sentence(&w::vocab(w::COMPARE_TITLE, &m.ds.vocabulary));
    let block = panel(t, &title, focus_table);
    let inner = block.inner(top);
    f.render_widget(block, top);
    let head = chooser(m, inner.width as usize);
    let [head_area, table_area] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(inner);
    f.render_widget(Paragraph::new(head), head_area);
    let grid = m.comparison().grid();
    let rows = table_rows(&grid);
    let buf = f.buffer_mut();
    if grid.columns.is_empty() || rows.is_empty() {
        let msg = if grid.columns.is_empty() {
            w::CHOOSE_A_COLUMN
        } else {
            w::NO_ROWS
        };
        let mut lines = Vec::new();
        para(
            &mut lines,
            "",
            t.text(),
            &w::vocab(msg, &m.ds.vocabulary),
            t.warn(),
            table_area.width as usize,
            0,
        );
        Paragraph::new(lines).render(table_area, buf);
    } else {
        CompareTable {
            m,
            grid: &grid,
            rows: &rows,
            focused: focus_table,
        }
        .render(table_area, buf);
    }
    DetailsPane {
        m,
        grid: &grid,
        rows: &rows,
        focused: !focus_table,
    }
    .render(details, buf);
}

fn panel(t: Theme, title: &str, focused: bool) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(focused))
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {} ", text::clean(title)),
            if focused { t.heading() } else { t.strong() },
        ))
}

/// The Show line: every candidate with a checkbox, the highlighted one reversed; then the
/// settings.
fn chooser(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let mut out = Vec::new();
    let lead = format!("{}: ", w::SHOW_COLUMNS);
    let mut spans = vec![Span::styled(lead.clone(), t.strong())];
    let mut used = text::width(&lead);
    for (i, c) in m.ds.candidates.iter().enumerate() {
        let on = m.compare.shown.get(i).copied().unwrap_or(false);
        let item = format!(
            "{}[{}] {}",
            if i == m.compare.column { "›" } else { " " },
            if on { "x" } else { " " },
            text::clean(c.short_name())
        );
        let iw = text::width(&item) + 1;
        if used + iw > width && used > text::width(&lead) {
            out.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" ".repeat(text::width(&lead))));
            used = text::width(&lead);
        }
        let style = if i == m.compare.column {
            t.selected()
        } else {
            t.text()
        };
        spans.push(Span::styled(text::truncate(&item, width), style));
        spans.push(Span::raw(" "));
        used += iw;
    }
    out.push(Line::from(spans));
    let ctx = m
        .compare
        .context
        .and_then(|c| m.ds.contexts.get(c))
        .map_or(w::NO_CONTEXT.to_owned(), |c| text::clean(&c.name));
    let settings = format!(
        "{}: {} (d) · {}: {} (x)",
        w::ONLY_DIFFERENCES,
        if m.compare.only_differences {
            w::ON
        } else {
            w::OFF
        },
        strings::sentence(&m.ds.vocabulary.context),
        ctx
    );
    para(&mut out, "", t.text(), &settings, t.text(), width, 0);
    out
}

/// The comparison as a table.
struct CompareTable<'a> {
    m: &'a Model,
    grid: &'a Grid,
    rows: &'a [TableRow],
    focused: bool,
}

/// Column widths: (label, each candidate), for `width` columns in all.
fn widths(grid: &Grid, width: u16) -> (usize, usize) {
    let n = grid.columns.len().max(1);
    // The cursor column and the marks column, and a gap before each column after them.
    let fixed = text::width(CURSOR) + 2 + (GAP as usize) * (n + 1);
    let room = (width as usize).saturating_sub(fixed);
    let natural = |f: &dyn Fn(&compare::Row) -> usize| grid.rows.iter().map(f).max().unwrap_or(0);
    let full = natural(&|r| text::width(&r.label));
    let short = natural(&|r| text::width(&r.short));
    // Values need about 9 columns each ("Depends*" with a mark); the label takes the rest,
    // its full text when that fits, else the short one, wrapped when even that is longer.
    let values = n * 9;
    let label = if full + values <= room {
        full
    } else {
        short.min(room.saturating_sub(values).max(room / 4)).max(6)
    };
    let col = (room.saturating_sub(label) / n).max(3);
    (label, col)
}

/// `s` wrapped to `width`, at most `max` lines (0: all), the last cut with an ellipsis.
fn wrapped(s: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = text::wrap(s, width.max(1));
    if max > 0 && lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = text::truncate(&format!("{last}…"), width);
            if !last.ends_with('…') {
                last.pop();
                last.push('…');
            }
        }
    }
    lines
}

impl CompareTable<'_> {
    fn label_of(&self, r: &compare::Row, label_w: usize) -> String {
        if text::width(&r.label) <= label_w {
            r.label.clone()
        } else {
            r.short.clone()
        }
    }
}

impl Widget for CompareTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.m.theme;
        let grid = self.grid;
        let mut legend = Vec::new();
        para(
            &mut legend,
            "",
            t.dim(),
            &compare::legend(grid),
            t.dim(),
            area.width as usize,
            3,
        );
        let [table_area, legend_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(legend.len() as u16)])
                .areas(area);
        // The last column is the scrollbar's, so it never covers a cell.
        let [table_area, scroll_area] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(1)]).areas(table_area);
        let (label_w, col_w) = widths(grid, table_area.width);
        let (header, head_h) = self.header(col_w);
        let mut heights = Vec::with_capacity(self.rows.len());
        let mut rows = Vec::with_capacity(self.rows.len());
        for tr in self.rows {
            let (row, h) = match *tr {
                TableRow::Title(_) => (Row::new(Vec::<Cell>::new()), 1),
                TableRow::Row(i) => self.row(&grid.rows[i], label_w, col_w),
            };
            heights.push(h);
            rows.push(row.height(h as u16));
        }
        let mut widths_c = vec![Constraint::Length(2), Constraint::Length(label_w as u16)];
        widths_c.extend(std::iter::repeat_n(
            Constraint::Length(col_w as u16),
            grid.columns.len(),
        ));
        let table = Table::new(rows, widths_c)
            .header(header)
            .column_spacing(GAP)
            .highlight_symbol(CURSOR)
            .highlight_spacing(HighlightSpacing::Always)
            .row_highlight_style(if self.focused {
                t.selected()
            } else {
                t.strong()
            });
        let row = self.m.compare.learn_rows(self.rows.len());
        let mut st = self.m.compare.table.get();
        st.select(Some(row));
        StatefulWidget::render(table, table_area, buf, &mut st);
        self.m.compare.table.set(st);
        self.titles(buf, table_area, head_h, &heights, st.offset(), row);
        let total: usize = heights.iter().sum();
        let room = (table_area.height as usize).saturating_sub(head_h);
        if total > room {
            let before: usize = heights[..st.offset().min(heights.len())].iter().sum();
            let mut sb = ScrollbarState::new(total.saturating_sub(room))
                .position(before.min(total.saturating_sub(room)))
                .viewport_content_length(room);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .render(scroll_area, buf, &mut sb);
        }
        Paragraph::new(legend).render(legend_area, buf);
    }
}

impl CompareTable<'_> {
    /// The header: each column's full name when it fits, else its short one, wrapped and
    /// never cut, so the marks after it (★, ✗) stay. Returns it and its height.
    fn header(&self, col_w: usize) -> (Row<'static>, usize) {
        let t = self.m.theme;
        let mut cells = vec![Cell::from(""), Cell::from("")];
        let mut height = 1;
        for c in &self.grid.columns {
            let name = if text::width(&compare::column_heading(c, &c.name)) <= col_w {
                &c.name
            } else {
                &c.short
            };
            let lines: Vec<Line> = text::wrap(&compare::column_heading(c, name), col_w)
                .into_iter()
                .map(Line::from)
                .collect();
            height = height.max(lines.len());
            let style = if c.pick {
                t.winner()
            } else if c.supported == Some(false) {
                t.dim()
            } else {
                t.strong()
            };
            cells.push(Cell::from(Text::from(lines)).style(style));
        }
        (Row::new(cells).height(height as u16), height)
    }

    /// Writes each group's title across the whole table, over its (empty) row: a table
    /// cell cannot span columns.
    fn titles(
        &self,
        buf: &mut Buffer,
        area: Rect,
        head_h: usize,
        heights: &[usize],
        offset: usize,
        selected: usize,
    ) {
        let t = self.m.theme;
        let x = area.x + text::width(CURSOR) as u16;
        let room = area.width.saturating_sub(text::width(CURSOR) as u16) as usize;
        let mut y = area.y as usize + head_h;
        for (i, (tr, h)) in self.rows.iter().zip(heights).enumerate().skip(offset) {
            if y >= area.bottom() as usize {
                break;
            }
            if let TableRow::Title(kind) = tr {
                let title = match kind {
                    RowKind::Criterion => &self.grid.criteria_title,
                    _ => &self.grid.aspects_title,
                };
                let style = if i == selected && self.focused {
                    t.selected()
                } else {
                    t.heading()
                };
                buf.set_stringn(x, y as u16, text::truncate(title, room), room, style);
            }
            y += h;
        }
    }
    /// One row of the table, and its height.
    fn row(&self, r: &compare::Row, label_w: usize, col_w: usize) -> (Row<'static>, usize) {
        let t = self.m.theme;
        let max = if r.kind == RowKind::Aspect {
            MAX_CELL_LINES
        } else {
            0
        };
        let label = wrapped(&self.label_of(r, label_w), label_w, 0);
        let mut h = label.len();
        let marks = compare::row_marks(r);
        let mut cells = vec![
            Cell::from(marks).style(t.differs()),
            Cell::from(Text::from(
                label.into_iter().map(Line::from).collect::<Vec<_>>(),
            ))
            .style(if r.required.is_some() {
                t.strong()
            } else {
                t.text()
            }),
        ];
        for c in &r.cells {
            let lines = wrapped(&compare::cell_text(c), col_w, max);
            h = h.max(lines.len());
            let style = match c.met {
                Some(Met::Yes) => t.ok(),
                Some(Met::No) => t.excluded(),
                Some(Met::Depends) => t.warn(),
                None if c.value == Some("no") => t.dim(),
                None => t.text(),
            };
            cells.push(
                Cell::from(Text::from(
                    lines.into_iter().map(Line::from).collect::<Vec<_>>(),
                ))
                .style(style),
            );
        }
        (Row::new(cells), h.max(1))
    }
}

/// The highlighted row in full: every cell with its note and source; for a group's title,
/// where its rows come from; then the "when to use" lists.
struct DetailsPane<'a> {
    m: &'a Model,
    grid: &'a Grid,
    rows: &'a [TableRow],
    focused: bool,
}

impl Widget for DetailsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let m = self.m;
        let t = m.theme;
        let block = panel(t, w::DETAILS, self.focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let mut links: Vec<(usize, usize, String, String)> = Vec::new();
        let lines = self.lines(width, &mut links);
        let room = inner.height as usize;
        let max = lines.len().saturating_sub(room);
        let scroll = m.compare.learn_details(max);
        Paragraph::new(lines.clone())
            .scroll((scroll as u16, 0))
            .render(inner, buf);
        if m.hyperlinks {
            for (line, col, text, url) in links {
                if (scroll..scroll + room).contains(&line) {
                    m.links.push(PlacedLink {
                        x: inner.x + col as u16,
                        y: inner.y + (line - scroll) as u16,
                        text,
                        url,
                    });
                }
            }
        }
        if max > 0 {
            let mut sb = ScrollbarState::new(max)
                .position(scroll)
                .viewport_content_length(room);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .render(area.inner(Margin::new(0, 1)), buf, &mut sb);
        }
    }
}

impl DetailsPane<'_> {
    fn lines(
        &self,
        width: usize,
        links: &mut Vec<(usize, usize, String, String)>,
    ) -> Vec<Line<'static>> {
        let m = self.m;
        let t = m.theme;
        let grid = self.grid;
        let mut out = Vec::new();
        match self.rows.get(m.compare.row()) {
            Some(TableRow::Title(kind)) => {
                let title = match kind {
                    RowKind::Criterion => &grid.criteria_title,
                    _ => &grid.aspects_title,
                };
                para(&mut out, "", t.text(), title, t.strong(), width, 0);
                let mut seen: Vec<&SourceRef> = Vec::new();
                for r in grid.rows.iter().filter(|r| r.kind == *kind) {
                    if !seen.contains(&&r.source) {
                        seen.push(&r.source);
                        self.source(&mut out, links, &r.source, "  source: ", width);
                    }
                }
            }
            Some(TableRow::Row(i)) => {
                let r = &grid.rows[*i];
                para(&mut out, "", t.text(), &r.label, t.strong(), width, 0);
                for because in r.required.iter().flatten() {
                    para(
                        &mut out,
                        "  → ",
                        t.strong(),
                        &strings::sentence(because),
                        t.text(),
                        width,
                        0,
                    );
                }
                for (col, c) in grid.columns.iter().zip(&r.cells) {
                    let mut s = format!("{}: {}", compare::column_heading(col, &col.name), c.text);
                    if let Some(met) = c.met {
                        s.push_str(compare::met_mark(met));
                    }
                    if let Some(n) = &c.note {
                        s.push_str(&format!(". {n}"));
                    }
                    para(&mut out, "  ", t.text(), &s, t.text(), width, 0);
                    if let Some(src) = &c.source {
                        self.source(&mut out, links, src, "    source: ", width);
                    }
                }
                self.source(&mut out, links, &r.source, "  source: ", width);
            }
            None => {}
        }
        for col in &grid.columns {
            let Some(cand) = m.ds.candidates.iter().find(|c| c.id == col.id) else {
                continue;
            };
            if cand.when_to_use.is_empty() {
                continue;
            }
            blank(&mut out);
            heading(&mut out, &w::when_to_use(&cand.name), t.heading());
            for u in &cand.when_to_use {
                para(&mut out, "  - ", t.text(), u, t.text(), width, 0);
            }
        }
        out
    }

    /// A source after `prefix`: its title as a link where the terminal shows links, else
    /// the title and the URL (or the path).
    fn source(
        &self,
        out: &mut Vec<Line<'static>>,
        links: &mut Vec<(usize, usize, String, String)>,
        s: &SourceRef,
        prefix: &str,
        width: usize,
    ) {
        let t = self.m.theme;
        let url = links::source_url(s);
        let linked = url.is_some() && self.m.hyperlinks;
        let pw = text::width(prefix);
        for (i, l) in text::wrap(&s.title, width.saturating_sub(pw).max(1))
            .into_iter()
            .enumerate()
        {
            let p = if i == 0 {
                prefix.to_owned()
            } else {
                " ".repeat(pw)
            };
            if let (Some(url), true) = (url, linked) {
                links.push((out.len(), pw, l.clone(), url.to_owned()));
            }
            let style = if linked { t.link() } else { t.dim() };
            out.push(Line::from(vec![
                Span::styled(p, t.dim()),
                Span::styled(l, style),
            ]));
        }
        if !linked && (url.is_some() || !s.path.is_empty()) {
            let under = " ".repeat(pw);
            let shown = url.unwrap_or(&s.path);
            para(out, &under, t.dim(), shown, t.dim(), width, 0);
        }
    }
}
