//! The result: the report the engine's verdict resolves to, and the answers that led to
//! it, each of which can be changed here and re-evaluated at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, blank, heading, para};
use crate::report::model::{AnswerRef, Reason, ReasonKind};
use crate::strings::{self, wizard as w};
use crate::tui::model::{Model, ResultPane};

fn layout(m: &Model, body: Rect) -> (Rect, Rect) {
    let n = m.report.answers.len().max(1) as u16;
    let answers_h = (n + 2).min((body.height / 3).max(4)).min(body.height);
    let report_h = body.height - answers_h;
    (
        Rect::new(body.x, body.y, body.width, report_h),
        Rect::new(body.x, body.y + report_h, body.width, answers_h),
    )
}

pub fn max_scroll(m: &Model, body: Rect) -> usize {
    let (report, _) = layout(m, body);
    super::overflow(report, |width| lines(m, width))
}

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let (report_area, answers_area) = layout(m, body);
    let focus_report = m.result.pane == ResultPane::Report;
    let width = super::inner(report_area).width as usize;
    super::scrolled_panel(
        m,
        f,
        report_area,
        w::SCREEN_RESULT,
        focus_report,
        lines(m, width),
        m.result.scroll,
    );

    let inner = super::panel(m, f, answers_area, w::YOUR_ANSWERS, !focus_report);
    let t = m.theme;
    let width = inner.width as usize;
    let mut out: Vec<Line> = Vec::new();
    if m.report.answers.is_empty() {
        out.push(Line::from(Span::styled(w::NO_ANSWERS, t.dim())));
    }
    let cursor = m
        .result
        .answer
        .min(m.report.answers.len().saturating_sub(1));
    let label_w = m
        .report
        .answers
        .iter()
        .map(|a| text::width(&text::clean(&a.label)))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let prompt_w = width.saturating_sub(label_w + 5);
    for (i, a) in m.report.answers.iter().enumerate() {
        let selected = i == cursor;
        let line = format!(
            "{} {} → {}",
            if selected { "›" } else { " " },
            text::pad(&a.prompt, prompt_w),
            text::truncate(&a.label, label_w),
        );
        let style = match (selected, focus_report) {
            (true, false) => t.selected(),
            (true, true) => t.strong(),
            _ => t.text(),
        };
        out.push(Line::from(Span::styled(text::pad(&line, width), style)));
    }
    let h = inner.height as usize;
    let skip = (cursor + 1).saturating_sub(h);
    let shown: Vec<Line> = out.into_iter().skip(skip).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

fn answer_phrase(a: &AnswerRef) -> String {
    format!(
        "\u{201c}{}\u{201d} ({}={})",
        text::clean(&a.label),
        text::clean(&a.question),
        text::clean(&a.option)
    )
}

fn reason(m: &Model, out: &mut Vec<Line<'static>>, r: &Reason, indent: &str, width: usize) {
    let t = m.theme;
    let (mark, style) = match r.kind {
        ReasonKind::Points | ReasonKind::Contrast => {
            (strings::signed(r.points.unwrap_or(0)), t.text())
        }
        ReasonKind::Caveat => ("!".to_owned(), t.warn()),
        ReasonKind::More => ("…".to_owned(), t.dim()),
        ReasonKind::Meets | ReasonKind::Supported => ("✓".to_owned(), t.text()),
        _ => ("✗".to_owned(), t.excluded()),
    };
    para(
        out,
        &format!("{indent}{mark} "),
        style,
        &r.text,
        t.text(),
        width,
        0,
    );
    // Details line up with the reason's text, whatever the mark's width (✓, +2, -10).
    let sub = format!("{indent}{}", " ".repeat(text::width(&mark) + 1));
    if !r.answers.is_empty() {
        let answers: Vec<String> = r.answers.iter().map(answer_phrase).collect();
        para(
            out,
            &sub,
            t.dim(),
            &format!("{} {}", w::YOU_ANSWERED, answers.join(", ")),
            t.dim(),
            width,
            0,
        );
    }
    if let Some(n) = &r.cell_note {
        para(
            out,
            &sub,
            t.dim(),
            &format!("{}: {n}", w::NOTE),
            t.dim(),
            width,
            0,
        );
    }
    para(
        out,
        &sub,
        t.dim(),
        &format!("{}: {}", w::SOURCE, r.source.title),
        t.dim(),
        width,
        0,
    );
}

/// The report as lines of `width` columns.
pub fn lines(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let r = &m.report;
    let mut out = Vec::new();
    let (mark, style) = match (&r.recommendation, r.decided_by_order) {
        (Some(_), false) => ("★ ", t.winner()),
        (Some(_), true) => ("= ", t.strong()),
        (None, _) if r.conflict.is_some() => ("✗ ", t.error()),
        (None, _) => ("", t.strong()),
    };
    para(&mut out, mark, style, &r.headline, style, width, 0);
    for n in &r.notices {
        para(&mut out, "  ", t.text(), n, t.dim(), width, 0);
    }
    for o in &r.outcomes {
        blank(&mut out);
        if o.title != r.headline {
            para(&mut out, "■ ", t.warn(), &o.title, t.warn(), width, 0);
        }
        para(&mut out, "  ", t.text(), &o.text, t.text(), width, 0);
        if !o.answers.is_empty() {
            let answers: Vec<String> = o.answers.iter().map(answer_phrase).collect();
            para(
                &mut out,
                "  ",
                t.dim(),
                &format!("{} {}", w::YOU_ANSWERED, answers.join(", ")),
                t.dim(),
                width,
                0,
            );
        }
    }
    if r.recommendation.is_some() {
        blank(&mut out);
        heading(&mut out, w::WHY, t.heading());
        if !r.why.iter().any(|x| x.kind == ReasonKind::Points) {
            para(
                &mut out,
                "  ",
                t.text(),
                w::WHY_LEADS_BY_ORDER,
                t.text(),
                width,
                0,
            );
        }
        for x in &r.why {
            reason(m, &mut out, x, "  ", width);
        }
    }
    if !r.caveats.is_empty() {
        blank(&mut out);
        heading(&mut out, w::CAVEATS, t.heading());
        for c in &r.caveats {
            para(
                &mut out,
                "  ! ",
                t.warn(),
                &format!("{}: {}", c.label, c.text),
                t.text(),
                width,
                0,
            );
        }
    }
    if !r.next_steps.is_empty() {
        blank(&mut out);
        heading(&mut out, w::NEXT_STEPS, t.heading());
        for s in &r.next_steps {
            para(
                &mut out,
                "  - ",
                t.text(),
                &format!("{}: {}", s.label, s.text),
                t.text(),
                width,
                0,
            );
        }
    }
    if r.conflict.as_ref().is_some_and(|c| c.answers.is_empty()) {
        blank(&mut out);
        para(
            &mut out,
            "",
            t.text(),
            &strings::no_answer_conflicts(&r.candidate_word),
            t.text(),
            width,
            0,
        );
    } else if let Some(c) = &r.conflict {
        blank(&mut out);
        heading(
            &mut out,
            if c.smallest {
                w::CONFLICT_SMALLEST
            } else {
                w::CONFLICT_MINIMAL
            },
            t.heading(),
        );
        for a in &c.answers {
            para(
                &mut out,
                "  ✗ ",
                t.excluded(),
                &format!("{}  {}", a.prompt, answer_phrase(a)),
                t.text(),
                width,
                0,
            );
        }
        if !c.given.is_empty() {
            let given: Vec<String> = c.given.iter().map(answer_phrase).collect();
            para(
                &mut out,
                "    ",
                t.dim(),
                &format!("{} {}", strings::CONFLICT_GIVEN, given.join(", ")),
                t.dim(),
                width,
                0,
            );
        }
        heading(&mut out, w::RELAX, t.heading());
        for x in &c.relaxations {
            para(&mut out, "  → ", t.text(), &x.text, t.text(), width, 0);
        }
    }
    if !r.why_not.is_empty() {
        blank(&mut out);
        heading(
            &mut out,
            if r.recommendation.is_some() {
                w::WHY_NOT_OTHERS
            } else {
                w::WHY_EACH_OUT
            },
            t.heading(),
        );
        for x in &r.why_not {
            let (mark, style) = if x.excluded {
                ("✗ ", t.excluded())
            } else {
                ("• ", t.text())
            };
            para(
                &mut out,
                &format!("  {mark}"),
                style,
                &x.summary,
                t.strong(),
                width,
                0,
            );
            for reason_ in &x.reasons {
                reason(m, &mut out, reason_, "    ", width);
            }
        }
    }
    if !r.what_if.is_empty() {
        blank(&mut out);
        heading(&mut out, w::WHAT_IF, t.heading());
        for x in &r.what_if {
            para(&mut out, "  → ", t.text(), &x.text, t.text(), width, 0);
        }
        if let Some(more) = &r.what_if_more {
            para(&mut out, "    ", t.dim(), more, t.dim(), width, 0);
        }
    }
    if !r.open.is_empty() {
        blank(&mut out);
        heading(&mut out, w::OPEN_QUESTIONS, t.heading());
        for (id, prompt) in &r.open {
            para(
                &mut out,
                "  ? ",
                t.text(),
                &format!("{prompt} ({id})"),
                t.text(),
                width,
                0,
            );
        }
        if m.verdict.next_question().is_some() {
            para(
                &mut out,
                "  ",
                t.text(),
                w::UNANSWERED_LEFT,
                t.warn(),
                width,
                0,
            );
        }
    }
    out
}
