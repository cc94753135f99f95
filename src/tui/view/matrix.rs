//! The support matrix: contexts × candidates, the highlighted row's notes below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, para};
use crate::report::applies;
use crate::strings::{self, wizard as w};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use ratatui::style::Style;

fn layout(body: Rect) -> (Rect, Rect) {
    let details_h = (body.height * 2 / 5).max(5).min(body.height);
    (
        Rect::new(body.x, body.y, body.width, body.height - details_h),
        Rect::new(
            body.x,
            body.y + body.height - details_h,
            body.width,
            details_h,
        ),
    )
}

pub fn max_details_scroll(m: &Model, body: Rect) -> usize {
    let (_, details) = layout(body);
    super::overflow(details, |width| details_lines(m, width))
}

/// The highlighted context: its summary and the notes of its cells.
fn details_lines(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let mut out = Vec::new();
    let Some(ctx) = m.ds.contexts.get(m.matrix_row) else {
        return out;
    };
    para(&mut out, "", t.text(), &ctx.name, t.strong(), width, 0);
    para(&mut out, "", t.text(), &ctx.summary, t.dim(), width, 0);
    for (c, n) in ctx.notes.iter().enumerate() {
        if let Some(n) = n {
            para(
                &mut out,
                "  * ",
                t.text(),
                &format!("{}: {}", m.ds.candidates[c].name, n.text),
                t.text(),
                width,
                0,
            );
        }
    }
    out
}

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let t = m.theme;
    let (top, details) = layout(body);
    let title = strings::sentence(&w::vocab(w::MATRIX_TITLE, &m.ds.vocabulary));
    let inner = super::panel(m, f, top, &title, true);
    let width = inner.width as usize;
    if m.ds.contexts.is_empty() {
        let mut lines = Vec::new();
        para(&mut lines, "", t.text(), w::NO_MATRIX, t.dim(), width, 0);
        f.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let header: Vec<String> =
        m.ds.candidates
            .iter()
            .map(|c| text::clean(&c.name))
            .collect();
    let rows: Vec<GridRow> =
        m.ds.contexts
            .iter()
            .enumerate()
            .map(|(x, ctx)| GridRow {
                mark: " ",
                label: text::clean(&ctx.name),
                cells: (0..m.ds.candidates.len())
                    .map(|c| {
                        let note = if ctx.notes[c].is_some() { "*" } else { "" };
                        format!("{}{note}", applies::support_word(&m.ds, x, c))
                    })
                    .collect(),
            })
            .collect();
    let sel = m.matrix_row.min(rows.len() - 1);
    let mut lines = grid(t, &header, &rows, Some((sel, true)), width);
    lines.push(Line::from(Span::styled(w::NOTE_LEGEND, t.dim())));
    let h = inner.height as usize;
    let skip = (sel + 2).saturating_sub(h);
    let shown: Vec<Line> = lines.into_iter().skip(skip).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);

    let dw = super::inner(details).width as usize;
    super::scrolled_panel(
        m,
        f,
        details,
        w::DETAILS,
        false,
        details_lines(m, dw),
        m.matrix_scroll,
    );
}

/// One row of a grid: a one-column mark, a label and the cells.
struct GridRow {
    mark: &'static str,
    label: String,
    cells: Vec<String>,
}

/// A table as lines: a mark column, a label column, one column per header entry. The label
/// column gives way first when the width is short; then the value columns are cut.
fn grid(
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
