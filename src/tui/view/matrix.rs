//! The support matrix: contexts × candidates, the highlighted row's notes below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::compare::{GridRow, grid};
use super::text::{self, para};
use crate::strings::{self, wizard as w};
use crate::tui::model::Model;

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
            .map(|ctx| GridRow {
                mark: " ",
                label: text::clean(&ctx.name),
                cells: ctx
                    .support
                    .iter()
                    .enumerate()
                    .map(|(c, &s)| {
                        let note = if ctx.notes[c].is_some() { "*" } else { "" };
                        format!("{}{note}", if s { "Yes" } else { "No" })
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
