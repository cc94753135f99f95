//! Side by side: candidates as columns, criteria as rows (plus support for one context),
//! the highlighted row's notes and the "when to use" lists below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, blank, heading, para};
use crate::dataset::CellValue;
use crate::strings::{self, wizard as w};
use crate::tui::model::{ComparePane, Model};
use crate::tui::theme::Theme;

/// One row of a grid: a one-column mark, a label and the cells.
pub struct GridRow {
    pub mark: &'static str,
    pub label: String,
    pub cells: Vec<String>,
}

/// A table as lines: a mark column, a label column, one column per header entry. The label
/// column gives way first when the width is short; then the value columns are cut.
pub fn grid(
    theme: Theme,
    header: &[String],
    rows: &[GridRow],
    selected: Option<(usize, bool)>,
    width: usize,
) -> Vec<Line<'static>> {
    let n = header.len();
    let gap = 2;
    let natural: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .map(|r| r.cells.get(i).map_or(0, |c| text::width(c)))
                .chain(std::iter::once(text::width(&header[i])))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let label_nat = rows
        .iter()
        .map(|r| text::width(&r.label))
        .max()
        .unwrap_or(0);
    let avail = width.saturating_sub(2);
    // The label column gives way first, down to 14 columns; then the widest value
    // column loses one column at a time (down to 3), so no width is left unused.
    let mut cols = natural.clone();
    let label_min = label_nat.min(14);
    let used = |cols: &[usize]| cols.iter().map(|v| v + gap).sum::<usize>();
    while label_min + used(&cols) > avail {
        let Some((i, &widest)) = cols.iter().enumerate().max_by_key(|(_, v)| **v) else {
            break;
        };
        if widest <= 3 {
            break;
        }
        cols[i] -= 1;
    }
    let label_w = avail.saturating_sub(used(&cols)).min(label_nat);
    let mut out = Vec::new();
    let mut head = format!("  {}", " ".repeat(label_w));
    for (i, h) in header.iter().enumerate() {
        head.push_str(&" ".repeat(gap));
        head.push_str(&text::pad(h, cols[i]));
    }
    out.push(Line::from(Span::styled(
        text::truncate(&head, width),
        theme.strong(),
    )));
    for (ri, r) in rows.iter().enumerate() {
        let mut spans = vec![
            Span::styled(format!("{} ", r.mark), theme.differs()),
            Span::raw(text::pad(&r.label, label_w)),
        ];
        for (i, c) in r.cells.iter().enumerate() {
            let style = cell_style(theme, c);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(
                text::pad(c, cols.get(i).copied().unwrap_or(0)),
                style,
            ));
        }
        let mut line = Line::from(spans);
        if let Some((sel, focused)) = selected
            && sel == ri
        {
            let s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = if focused {
                theme.selected()
            } else {
                theme.strong()
            };
            line = Line::from(Span::styled(text::pad(&s, width), style));
        }
        out.push(line);
    }
    out
}

fn cell_style(theme: Theme, c: &str) -> Style {
    if c.starts_with("No") {
        theme.dim()
    } else {
        theme.text()
    }
}

fn value_word(v: CellValue) -> &'static str {
    strings::cell_value(match v {
        CellValue::Yes => "yes",
        CellValue::No => "no",
        CellValue::Depends => "depends",
    })
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

fn layout(body: Rect) -> (Rect, Rect) {
    let details_h = (body.height * 2 / 5).max(5).min(body.height);
    let top_h = body.height - details_h;
    (
        Rect::new(body.x, body.y, body.width, top_h),
        Rect::new(body.x, body.y + top_h, body.width, details_h),
    )
}

pub fn max_details_scroll(m: &Model, body: Rect) -> usize {
    let (_, details) = layout(body);
    super::overflow(details, |width| details_lines(m, width))
}

/// The Show line: every candidate with a checkbox, the highlighted one reversed.
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
            text::clean(&c.name)
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

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let t = m.theme;
    let (top, details) = layout(body);
    let focus_table = m.compare.pane == ComparePane::Table;
    let title = strings::sentence(&w::vocab(w::COMPARE_TITLE, &m.ds.vocabulary));
    let inner = super::panel(m, f, top, &title, focus_table);
    let width = inner.width as usize;
    let mut head = chooser(m, width);
    blank(&mut head);
    let cmp = m.comparison();
    let mut table: Vec<Line<'static>> = Vec::new();
    if cmp.candidates.is_empty() {
        para(
            &mut table,
            "",
            t.text(),
            &w::vocab(w::CHOOSE_A_COLUMN, &m.ds.vocabulary),
            t.warn(),
            width,
            0,
        );
    } else {
        let header: Vec<String> = cmp
            .candidates
            .iter()
            .map(|&c| text::clean(&m.ds.candidates[c].name))
            .collect();
        let mut rows: Vec<GridRow> = cmp
            .rows()
            .into_iter()
            .map(|k| {
                let crit = &m.ds.criteria[k];
                GridRow {
                    mark: if cmp.differs(k) { "≠" } else { " " },
                    label: text::clean(&crit.label),
                    cells: cmp
                        .candidates
                        .iter()
                        .map(|&c| {
                            let note = if crit.notes[c].is_some() { "*" } else { "" };
                            format!("{}{note}", value_word(crit.values[c]))
                        })
                        .collect(),
                }
            })
            .collect();
        if let Some((c, differs)) = m.support_row() {
            let ctx = &m.ds.contexts[c];
            rows.push(GridRow {
                mark: if differs { "≠" } else { " " },
                label: w::supported_by(&text::clean(&ctx.name)),
                cells: cmp
                    .candidates
                    .iter()
                    .map(|&c| {
                        let note = if ctx.notes[c].is_some() { "*" } else { "" };
                        format!("{}{note}", yes_no(ctx.support[c]))
                    })
                    .collect(),
            });
        }
        if rows.is_empty() {
            para(
                &mut table,
                "",
                t.text(),
                &w::vocab(w::NO_ROWS, &m.ds.vocabulary),
                t.dim(),
                width,
                0,
            );
        } else {
            let sel = m.compare.row.min(rows.len() - 1);
            table = grid(t, &header, &rows, Some((sel, focus_table)), width);
        }
        table.push(Line::from(Span::styled(w::DIFFERS_LEGEND, t.dim())));
    }
    // Keep the highlighted row in view: the table scrolls under the fixed Show lines.
    let h = (inner.height as usize).saturating_sub(head.len());
    let sel_line = m.compare.row + 1;
    let skip = (sel_line + 1)
        .saturating_sub(h)
        .min(table.len().saturating_sub(h));
    let mut lines = head;
    lines.extend(table.into_iter().skip(skip).take(h));
    lines.truncate(inner.height as usize);
    f.render_widget(Paragraph::new(lines), inner);

    let dw = super::inner(details).width as usize;
    super::scrolled_panel(
        m,
        f,
        details,
        w::DETAILS,
        !focus_table,
        details_lines(m, dw),
        m.compare.details_scroll,
    );
}

/// The highlighted row in full, with its notes, then the "when to use" lists.
fn details_lines(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let cmp = m.comparison();
    let mut out = Vec::new();
    let rows = cmp.rows();
    if let Some(&k) = rows.get(m.compare.row) {
        let crit = &m.ds.criteria[k];
        para(&mut out, "", t.text(), &crit.label, t.strong(), width, 0);
        for &c in &cmp.candidates {
            let name = text::clean(&m.ds.candidates[c].name);
            let mut s = format!("{name}: {}", value_word(crit.values[c]));
            if let Some(n) = &crit.notes[c] {
                s = format!("{s}. {}", n.text);
            }
            para(&mut out, "  ", t.text(), &s, t.text(), width, 0);
        }
    } else if let Some((c, _)) = m.support_row()
        && m.compare.row == rows.len()
    {
        let ctx = &m.ds.contexts[c];
        para(&mut out, "", t.text(), &ctx.name, t.strong(), width, 0);
        para(&mut out, "", t.text(), &ctx.summary, t.dim(), width, 0);
        for &c in &cmp.candidates {
            let name = text::clean(&m.ds.candidates[c].name);
            let mut s = format!("{name}: {}", yes_no(ctx.support[c]));
            if let Some(n) = &ctx.notes[c] {
                s = format!("{s}. {}", n.text);
            }
            para(&mut out, "  ", t.text(), &s, t.text(), width, 0);
        }
    }
    for &c in &cmp.candidates {
        let cand = &m.ds.candidates[c];
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
