//! `view`: draws the model; reads it and nothing else.

mod compare;
mod dialog;
mod help;
mod matrix;
mod question;
mod result;
pub mod text;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};

use super::keymap;
use super::model::{Model, Overlay, Screen, StatusKind};
use crate::strings::wizard as w;

/// Scrollable areas whose end `update` needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Help,
    MatrixDetails,
    Candidates,
}

/// Header, body, status line and hint bar.
pub struct Chrome {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

/// The screen's parts; the status line grows (up to [`MAX_STATUS_ROWS`]) so that a message
/// is shown whole.
pub fn chrome(area: Rect, status_rows: u16) -> Chrome {
    let h = area.height;
    let rows = status_rows.clamp(1, MAX_STATUS_ROWS);
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1.min(h));
    Chrome {
        header: row(0),
        body: Rect::new(
            area.x,
            area.y + 1.min(h),
            area.width,
            h.saturating_sub(2 + rows),
        ),
        status: Rect::new(
            area.x,
            area.y + h.saturating_sub(1 + rows),
            area.width,
            rows.min(h),
        ),
        hints: row(h.saturating_sub(1)),
    }
}

/// The most rows a status message takes.
pub const MAX_STATUS_ROWS: u16 = 3;

/// How many rows the model's status message needs at `width`.
fn status_rows(m: &Model, width: u16) -> u16 {
    m.status.as_ref().map_or(1, |s| {
        text::wrap(&s.text, width.saturating_sub(2).max(1) as usize).len() as u16
    })
}

/// The body area for the model's terminal size.
pub fn body_of(m: &Model) -> Rect {
    let area = Rect::new(0, 0, m.size.0, m.size.1);
    chrome(area, status_rows(m, area.width)).body
}

/// How far an area can scroll at the model's terminal size.
pub fn max_scroll(m: &Model, which: Scroll) -> usize {
    let body = body_of(m);
    match which {
        Scroll::Help => help::max_scroll(m, body),
        Scroll::Candidates => question::max_panel_scroll(m, body),
        Scroll::MatrixDetails => matrix::max_details_scroll(m, body),
    }
}

/// Draws the whole app.
pub fn view(m: &Model, f: &mut Frame) {
    m.links.clear();
    let area = f.area();
    if area.width < super::model::MIN_WIDTH || area.height < super::model::MIN_HEIGHT {
        too_small(m, f, area);
        return;
    }
    let c = chrome(area, status_rows(m, area.width));
    header(m, f, c.header);
    match m.overlays.last() {
        Some(Overlay::Compare) => compare::render(m, f, c.body),
        Some(Overlay::Matrix) => matrix::render(m, f, c.body),
        Some(Overlay::Help) => help::render(m, f, c.body),
        None => match m.screen {
            Screen::Welcome => welcome::render(m, f, c.body),
            Screen::Question => question::render(m, f, c.body),
            Screen::Result => result::render(m, f, c.body),
        },
    }
    if m.dialog.is_some() {
        dialog::render(m, f, c.body);
    }
    status(m, f, c.status);
    hints(m, f, c.hints);
}

fn screen_name(m: &Model) -> &'static str {
    match m.overlays.last() {
        Some(Overlay::Compare) => w::SCREEN_COMPARE,
        Some(Overlay::Matrix) => w::SCREEN_MATRIX,
        Some(Overlay::Help) => w::SCREEN_HELP,
        None => match m.screen {
            Screen::Welcome => w::SCREEN_WELCOME,
            Screen::Question => w::SCREEN_QUESTION,
            Screen::Result => w::SCREEN_RESULT,
        },
    }
}

/// "authwiz · Screen" on the left; the dataset on the right: its title, cut if it must be,
/// and its edition's name, never cut (which edition is in use must always show).
fn header(m: &Model, f: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let edition = format!(" [{}]", text::truncate(&m.ds.id, width / 3));
    let title = text::truncate(
        &m.ds.title,
        (width / 2).saturating_sub(text::width(&edition)),
    );
    let right = format!("{title}{edition}");
    let left = format!(" {} · {}", w::APP, screen_name(m));
    let room = width.saturating_sub(text::width(&right) + 2);
    let left = text::pad(&left, room);
    let line = format!("{left} {right} ");
    f.render_widget(
        Paragraph::new(text::pad(&line, width)).style(m.theme.header()),
        area,
    );
}

/// The status message, whole (wrapped over the rows the chrome gave it), with a mark that
/// says what kind it is: ✓ done, · nothing changed, ✗ not done.
fn status(m: &Model, f: &mut Frame, area: Rect) {
    let Some(s) = &m.status else { return };
    let (mark, style) = match s.kind {
        StatusKind::Done => ("✓ ", m.theme.ok()),
        StatusKind::Note => ("· ", m.theme.text()),
        StatusKind::Error => ("✗ ", m.theme.error()),
    };
    let lines: Vec<Line> = text::wrap(&s.text, area.width.saturating_sub(2).max(1) as usize)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            Line::from(vec![
                Span::styled(if i == 0 { mark } else { "  " }, style),
                Span::styled(l, style),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// The hint bar: help, quit and the way back first, so they are never cut off; when the
/// keys do not all fit, it ends with "? more" (help lists them all).
fn hints(m: &Model, f: &mut Frame, area: Rect) {
    let mut entries = keymap::hints(m);
    let back = entries.iter().position(|e| e.1 == "back" || e.1 == "close");
    let mut first = Vec::new();
    for i in [
        entries.iter().position(|e| e.0 == "?"),
        entries.iter().position(|e| e.0 == "q"),
        back,
    ]
    .into_iter()
    .flatten()
    {
        first.push(entries[i]);
    }
    entries.retain(|e| !first.contains(e));
    first.extend(entries);
    let entry_width = |(key, what): &(&str, &str)| {
        text::width(key) + 1 + text::width(&w::vocab(what, &m.ds.vocabulary)) + 3
    };
    let max = (area.width as usize).saturating_sub(1);
    let more = ("?", w::MORE_KEYS);
    // When not every key fits, the bar ends with "? more" instead of starting with "? help".
    let cut = first.iter().map(entry_width).sum::<usize>() > max + 3;
    if cut {
        first.retain(|e| e.0 != "?");
    }
    let room = if cut {
        max - entry_width(&more).min(max)
    } else {
        max + 3
    };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 0;
    for entry in first {
        let need = entry_width(&entry);
        if used + need > room {
            break;
        }
        spans.push(Span::styled(entry.0, m.theme.key()));
        let what = w::vocab(entry.1, &m.ds.vocabulary);
        spans.push(Span::raw(format!(" {}   ", text::clean(&what))));
        used += need;
    }
    if cut {
        spans.push(Span::styled(more.0, m.theme.key()));
        spans.push(Span::raw(format!(" {}", more.1)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn too_small(m: &Model, f: &mut Frame, area: Rect) {
    f.render_widget(Clear, area);
    let msg = w::too_small(
        super::model::MIN_WIDTH,
        super::model::MIN_HEIGHT,
        area.width,
        area.height,
    );
    let lines = text::wrap(&msg, area.width as usize);
    let top = (area.height as usize).saturating_sub(lines.len()) / 2;
    let shown: Vec<Line> = lines
        .into_iter()
        .take(area.height as usize)
        .map(Line::from)
        .collect();
    let h = (shown.len() as u16).min(area.height);
    let rect = Rect::new(area.x, area.y + top as u16, area.width, h);
    f.render_widget(
        Paragraph::new(shown)
            .alignment(Alignment::Center)
            .style(m.theme.warn()),
        rect,
    );
}

/// A bordered panel; returns its inner area.
pub fn panel(m: &Model, f: &mut Frame, area: Rect, title: &str, focused: bool) -> Rect {
    panel_with(m, f, area, title, focused, None)
}

fn panel_with(
    m: &Model,
    f: &mut Frame,
    area: Rect,
    title: &str,
    focused: bool,
    bottom: Option<String>,
) -> Rect {
    let mut block = Block::bordered()
        .padding(Padding::horizontal(1))
        .border_type(BorderType::Rounded)
        .border_style(m.theme.border(focused))
        .title(Span::styled(
            format!(
                " {} ",
                text::truncate(title, area.width.saturating_sub(4) as usize)
            ),
            if focused {
                m.theme.heading()
            } else {
                m.theme.strong()
            },
        ));
    if let Some(b) = bottom {
        block = block.title_bottom(Line::from(b).alignment(Alignment::Right));
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// The inner area a bordered panel of `area` gets.
/// How far a bordered panel at `area` showing `lines` (made for its inner width) can
/// scroll: the number of lines that do not fit.
pub fn overflow(area: Rect, lines: impl FnOnce(usize) -> Vec<Line<'static>>) -> usize {
    let inner = inner(area);
    lines(inner.width as usize)
        .len()
        .saturating_sub(inner.height as usize)
}

pub fn inner(area: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(area)
}

/// A bordered panel showing `lines` from `scroll` on, with a position mark when they
/// do not fit.
pub fn scrolled_panel(
    m: &Model,
    f: &mut Frame,
    area: Rect,
    title: &str,
    focused: bool,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let h = inner(area).height as usize;
    let total = lines.len();
    let scroll = scroll.min(total.saturating_sub(h));
    let bottom = (total > h && h > 0).then(|| {
        let more_up = if scroll > 0 { "↑" } else { " " };
        let more_down = if scroll + h < total { "↓" } else { " " };
        format!(
            " {more_up}{more_down} {}–{} of {total} ",
            scroll + 1,
            (scroll + h).min(total)
        )
    });
    let inner = panel_with(m, f, area, title, focused, bottom);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// A rectangle of `width` × `height` centred in `area` (clipped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
