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
        Dialog::FileName { what, input } => {
            let prompt = match what {
                Export::Report => w::EXPORT_REPORT,
                Export::Adr => w::EXPORT_ADR,
                Export::Answers => w::SAVE_ANSWERS,
            };
            para(&mut out, "", t.text(), prompt, t.strong(), inner_w, 0);
            // The end of a long name stays visible, followed by a block cursor.
            let shown = text::clean(input);
            let room = inner_w.saturating_sub(3);
            let tail: String = {
                let mut chars: Vec<char> = shown.chars().collect();
                while text::width(&chars.iter().collect::<String>()) > room && !chars.is_empty() {
                    chars.remove(0);
                }
                chars.into_iter().collect()
            };
            out.push(Line::from(vec![
                Span::raw("> "),
                Span::styled(tail, t.strong()),
                Span::styled(" ", t.selected()),
            ]));
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
