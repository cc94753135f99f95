//! A question: the stepper, the prompt, the options with the highlighted one's help, and
//! the live panel of candidates as the engine ranks them after every answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, blank, para};
use crate::engine::Status;
use crate::report::model::ReasonKind;
use crate::report::preview;
use crate::strings::{self, wizard as w};
use crate::tui::model::{Model, QuestionPane};

struct Areas {
    options: Rect,
    candidates: Rect,
    banner: Rect,
}

/// The banner under the panes, if any: when reviewing an earlier answer while nothing is
/// left to ask (the result is one key away), or nothing fits.
fn banner_text(m: &Model) -> Option<&'static str> {
    if m.flow().next().is_some() {
        return None;
    }
    Some(if m.verdict.eval.nothing_fits() {
        w::NOTHING_FITS_OFFER
    } else {
        w::SETTLED_OFFER
    })
}

fn layout(m: &Model, body: Rect) -> Areas {
    let banner_lines = banner_text(m)
        .map(|t| text::wrap(t, body.width.saturating_sub(2) as usize).len() as u16)
        .unwrap_or(0);
    let banner_h = banner_lines.min(body.height / 3);
    let main_h = body.height - banner_h;
    let right_w = (body.width * 45 / 100).clamp(28.min(body.width), 48.min(body.width));
    let left_w = body.width - right_w;
    Areas {
        options: Rect::new(body.x, body.y, left_w, main_h),
        candidates: Rect::new(body.x + left_w, body.y, right_w, main_h),
        banner: Rect::new(body.x, body.y + main_h, body.width, banner_h),
    }
}

pub fn max_panel_scroll(m: &Model, body: Rect) -> usize {
    super::overflow(layout(m, body).candidates, |width| panel_lines(m, width))
}

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let a = layout(m, body);
    let t = m.theme;
    let Some(q) = m.ds.questions.get(m.question.current) else {
        return;
    };
    let (pos, total) = m.stepper();
    let focused = m.question.pane == QuestionPane::Options;
    let inner = super::panel(m, f, a.options, &w::stepper(pos, total), focused);
    let width = inner.width as usize;

    let mut out: Vec<Line<'static>> = Vec::new();
    para(&mut out, "", t.text(), &q.prompt, t.strong(), width, 0);
    if !q.help.is_empty() {
        para(&mut out, "", t.text(), &q.help, t.dim(), width, 0);
    }
    blank(&mut out);
    let saved = m.answers.get(m.question.current);
    let mut cursor_line = 0;
    for (i, o) in q.options.iter().enumerate() {
        let selected = i == m.question.cursor;
        if selected {
            cursor_line = out.len();
        }
        let mark = if selected { "›" } else { " " };
        let prefix = format!("{mark} {}. ", i + 1);
        let label = if saved == Some(i) {
            format!("{}  ● {}", text::clean(&o.label), w::YOUR_ANSWER)
        } else {
            text::clean(&o.label)
        };
        let start = out.len();
        para(&mut out, &prefix, t.text(), &label, t.text(), width, 0);
        if selected {
            for l in &mut out[start..] {
                let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                *l = Line::from(Span::styled(text::pad(&s, width), t.selected()));
            }
        }
        // What this answer would do, computed by the engine.
        if let Some(p) = m.previews.get(i) {
            let effect = preview::text(&m.ds, p);
            if !effect.is_empty() {
                let style = if p.nothing_fits() { t.warn() } else { t.dim() };
                let indent = " ".repeat(text::width(&prefix));
                para(
                    &mut out,
                    &indent,
                    style,
                    &format!("→ {effect}"),
                    style,
                    width,
                    0,
                );
            }
        }
    }
    if let Some(o) = q.options.get(m.question.cursor)
        && !o.help.is_empty()
    {
        blank(&mut out);
        out.push(Line::from(Span::styled(
            format!("{}:", w::ABOUT_OPTION),
            t.heading(),
        )));
        para(&mut out, "", t.text(), &o.help, t.text(), width, 0);
    }
    // Below, as room allows: the answers so far.
    let given: Vec<_> = m
        .report
        .answers
        .iter()
        .filter(|a| a.question != q.id)
        .collect();
    if !given.is_empty() {
        blank(&mut out);
        out.push(Line::from(Span::styled(
            format!("{}:", w::ANSWERS_SO_FAR),
            t.heading(),
        )));
        for a in given {
            let label = text::truncate(&a.label, width.saturating_sub(2));
            let rest = width.saturating_sub(text::width(&label) + 5);
            out.push(Line::from(vec![
                Span::styled(format!("  {label}"), t.text()),
                Span::styled(
                    if rest > 3 {
                        format!(" · {}", text::truncate(&a.prompt, rest))
                    } else {
                        String::new()
                    },
                    t.dim(),
                ),
            ]));
        }
    }
    let h = inner.height as usize;
    let skip = (cursor_line + 1).saturating_sub(h);
    let shown: Vec<Line> = out.into_iter().skip(skip).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);

    let title = strings::sentence(&m.ds.vocabulary.candidates);
    let inner_w = super::inner(a.candidates).width as usize;
    super::scrolled_panel(
        m,
        f,
        a.candidates,
        &title,
        !focused,
        panel_lines(m, inner_w),
        m.question.panel_scroll,
    );

    if let Some(b) = banner_text(m) {
        let mut lines = Vec::new();
        let style = if m.verdict.eval.nothing_fits() {
            t.error()
        } else {
            t.warn()
        };
        para(&mut lines, " ", style, b, style, a.banner.width as usize, 0);
        f.render_widget(Paragraph::new(lines), a.banner);
    }
}

/// Every candidate, best first: ★ leading, = tied for the lead (no star: a tie is not a
/// lead), • still possible, ✗ ruled out, each with its first reason.
fn panel_lines(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let r = &m.report;
    let mut out = Vec::new();
    for e in &r.ranking {
        let tied = r.tie.iter().any(|(id, _)| *id == e.id);
        let (mark, word, style) = match e.status {
            Status::Recommended if r.settled && !tied => ("★ ", w::RECOMMENDED, t.winner()),
            Status::Recommended if tied => ("= ", w::LEADING_TIE, t.strong()),
            Status::Recommended => ("★ ", w::LEADING, t.winner()),
            Status::Eligible if tied => ("= ", w::TIED, t.text()),
            Status::Eligible if r.settled => ("• ", w::RANKED_LOWER, t.text()),
            Status::Eligible => ("• ", w::STILL_POSSIBLE, t.text()),
            Status::Excluded => ("✗ ", w::RULED_OUT, t.excluded()),
        };
        para(
            &mut out,
            mark,
            style,
            &format!("{} — {word}", text::clean(&e.name)),
            style,
            width,
            0,
        );
        // The one line that tells candidates apart: a ruling-out, points or a caveat (every
        // candidate still in the running also meets the requirements and is supported).
        let telling = e
            .reasons
            .iter()
            .find(|r| !matches!(r.kind, ReasonKind::Meets | ReasonKind::Supported));
        if let Some(reason) = telling {
            let lead = match reason.kind {
                ReasonKind::Points => format!("  {} ", strings::signed(reason.points.unwrap_or(0))),
                _ => "  ".to_owned(),
            };
            // Whole: the part of a reason that says why is at its end.
            para(&mut out, &lead, t.dim(), &reason.text, t.dim(), width, 0);
        }
    }
    if let Some(o) = r.outcomes.first() {
        blank(&mut out);
        para(&mut out, "■ ", t.warn(), &o.title, t.warn(), width, 0);
    }
    out
}
