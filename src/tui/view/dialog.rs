//! Dialogs over the screen: change an answer, name an export file, confirm an overwrite.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{self, blank, para};
use crate::strings::wizard as w;
use crate::tui::model::{Dialog, Model};
use crate::tui::msg::Export;

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let Some(d) = &m.dialog else { return };
    let t = m.theme;
    let width = body.width.saturating_sub(4).min(72);
    let inner_w = width.saturating_sub(2) as usize;
    let mut out: Vec<Line<'static>> = Vec::new();
    let title = match d {
        Dialog::Chooser { question, cursor } => {
            let q = &m.ds.questions[*question];
            para(&mut out, "", t.text(), &q.prompt, t.strong(), inner_w, 0);
            blank(&mut out);
            let saved = m.answers.get(*question);
            for (i, o) in q.options.iter().enumerate() {
                let selected = i == *cursor;
                let prefix = format!("{} {}. ", if selected { "›" } else { " " }, i + 1);
                let mut label = text::clean(&o.label);
                if saved == Some(i) {
                    label = format!("{label}  ● {}", w::YOUR_ANSWER);
                }
                let style = if selected { t.selected() } else { t.text() };
                let mut lines = Vec::new();
                para(&mut lines, &prefix, style, &label, style, inner_w, 0);
                for l in lines {
                    let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    out.push(Line::from(Span::styled(text::pad(&s, inner_w), style)));
                }
            }
            w::CHANGE_ANSWER.to_owned()
        }
        Dialog::FileName {
            what,
            input,
            cursor,
        } => {
            let prompt = match what {
                Export::Report => w::EXPORT_REPORT,
                Export::Adr => w::EXPORT_ADR,
                Export::Answers => w::SAVE_ANSWERS,
            };
            para(&mut out, "", t.text(), prompt, t.strong(), inner_w, 0);
            out.push(name_field(m, input, *cursor, inner_w.saturating_sub(2)));
            blank(&mut out);
            para(
                &mut out,
                "",
                t.text(),
                w::FILE_PROMPT_HINT,
                t.dim(),
                inner_w,
                0,
            );
            w::EXPORT_TITLE.to_owned()
        }
        Dialog::Confirm { path, .. } => {
            let p = path.display().to_string();
            para(&mut out, "", t.text(), &w::exists(&p), t.warn(), inner_w, 0);
            w::CONFIRM_TITLE.to_owned()
        }
    };
    let height = (out.len() as u16 + 2).min(body.height);
    let area = super::centered(body, width, height);
    f.render_widget(Clear, area);
    let inner = super::panel(m, f, area, &title, true);
    f.render_widget(Paragraph::new(out), inner);
}

/// The file name being typed, with its cursor (reverse video on the character under it):
/// the part around the cursor stays in view when the name is longer than the field.
fn name_field(m: &Model, input: &str, cursor: usize, room: usize) -> Line<'static> {
    let t = m.theme;
    let chars: Vec<char> = text::clean(input).chars().collect();
    let cursor = cursor.min(chars.len());
    // Scroll so that the cursor (and one cell after it) fits.
    let mut start = 0;
    while start < cursor
        && text::width(
            &chars[start..=cursor.min(chars.len().saturating_sub(1))]
                .iter()
                .collect::<String>(),
        ) + 1
            > room
    {
        start += 1;
    }
    let mut end = cursor;
    while end < chars.len() && text::width(&chars[start..=end].iter().collect::<String>()) < room {
        end += 1;
    }
    let before: String = chars[start..cursor].iter().collect();
    let under: String = chars.get(cursor).map_or(" ".to_owned(), |c| c.to_string());
    let after: String = chars
        .get(cursor + 1..end)
        .map(|s| s.iter().collect())
        .unwrap_or_default();
    Line::from(vec![
        Span::raw("> "),
        Span::styled(before, t.strong()),
        Span::styled(under, t.selected()),
        Span::styled(after, t.strong()),
    ])
}
