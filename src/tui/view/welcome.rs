//! Welcome: what authwiz does, the edition in use, and the editions to choose from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, blank, heading, para};
use crate::strings::wizard as w;
use crate::tui::model::{EditionState, Model};

pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let inner = super::panel(m, f, area, w::SCREEN_WELCOME, true);
    let width = inner.width as usize;
    let t = m.theme;
    let v = &m.ds.vocabulary;
    let mut out: Vec<Line<'static>> = Vec::new();
    para(
        &mut out,
        "",
        t.text(),
        &w::vocab(w::WHAT_IT_DOES, v),
        t.text(),
        width,
        0,
    );
    blank(&mut out);
    let in_use = &m.editions[m.active.min(m.editions.len().saturating_sub(1))];
    para(
        &mut out,
        &format!("{}: ", w::EDITION_IN_USE),
        t.strong(),
        &format!("{} — {}", in_use.name, m.ds.title),
        t.strong(),
        width,
        2,
    );
    para(&mut out, "  ", t.dim(), &m.ds.summary, t.dim(), width, 3);
    if m.prefilled > 0 {
        para(
            &mut out,
            "  ",
            t.text(),
            &format!("{} {}", m.prefilled, w::ANSWERS_LOADED),
            t.ok(),
            width,
            2,
        );
    }
    blank(&mut out);
    heading(&mut out, w::EDITIONS, t.heading());
    for (i, e) in m.editions.iter().enumerate() {
        let selected = i == m.welcome_cursor;
        let mut tags = Vec::new();
        if e.default {
            tags.push(w::DEFAULT);
        }
        if e.from_flag {
            tags.push(w::FROM_DATA_FLAG);
        }
        let failed = matches!(e.state, EditionState::Failed(_));
        let name = format!(
            "{} {}{}{}",
            if selected { "›" } else { " " },
            if failed { "✗ " } else { "" },
            text::clean(&e.name),
            if tags.is_empty() {
                String::new()
            } else {
                format!(" ({})", tags.join(", "))
            }
        );
        let style = if selected { t.selected() } else { t.strong() };
        out.push(Line::from(Span::styled(text::pad(&name, width), style)));
        match &e.state {
            EditionState::Failed(err) => {
                let first = err.lines().next().unwrap_or_default();
                para(
                    &mut out,
                    "    ",
                    t.text(),
                    &format!("{}: {first}", w::COULD_NOT_LOAD),
                    t.error(),
                    width,
                    2,
                );
            }
            _ => para(&mut out, "    ", t.text(), &e.line, t.dim(), width, 2),
        }
    }
    // Keep the highlighted edition in view on short terminals.
    let h = inner.height as usize;
    let skip = out.len().saturating_sub(h);
    let shown: Vec<Line> = out.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
