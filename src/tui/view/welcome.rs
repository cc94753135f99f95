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
    // The edition the cursor is on: the one Enter starts.
    let highlighted = m.editions.get(m.welcome_cursor);
    match highlighted {
        Some(e) if m.welcome_cursor != m.active => para(
            &mut out,
            &format!("{}: ", w::EDITION_IN_USE),
            t.strong(),
            &format!("{} — {}", text::clean(&e.name), text::clean(&e.line)),
            t.strong(),
            width,
            2,
        ),
        _ => {
            let in_use = highlighted.map_or(m.ds.id.as_str(), |e| &e.name);
            para(
                &mut out,
                &format!("{}: ", w::EDITION_IN_USE),
                t.strong(),
                &format!("{in_use} — {}", m.ds.title),
                t.strong(),
                width,
                2,
            );
            para(&mut out, "  ", t.text(), &m.ds.edition, t.text(), width, 1);
            para(&mut out, "  ", t.dim(), &m.ds.summary, t.dim(), width, 2);
        }
    }
    if let Some((count, when)) = highlighted.and_then(|e| e.resumable) {
        let when = when.map(crate::saved::ago).unwrap_or_default();
        para(
            &mut out,
            "  ",
            t.text(),
            &w::saved_offer(count, &when),
            t.ok(),
            width,
            2,
        );
    }

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
    if m.editions.len() < 2 {
        // A dataset of its own (`--data FILE`): nothing else to choose.
        let shown: Vec<Line> = out.into_iter().collect();
        f.render_widget(Paragraph::new(shown), inner);
        return;
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
            _ => {
                // Which edition to pick: who it is for, then what it holds.
                if !e.pick_when.is_empty() {
                    para(
                        &mut out,
                        "    ",
                        t.text(),
                        &w::pick_when(&e.pick_when),
                        t.text(),
                        width,
                        2,
                    );
                }
                para(&mut out, "    ", t.text(), &e.line, t.dim(), width, 1);
            }
        }
    }
    // Keep the highlighted edition in view on short terminals.
    let h = inner.height as usize;
    let skip = out.len().saturating_sub(h);
    let shown: Vec<Line> = out.into_iter().skip(skip).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
