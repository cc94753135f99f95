//! Help: every key binding, straight from the keymap, and the dataset's glossary.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{self, blank, heading, para};
use crate::strings::wizard as w;
use crate::tui::keymap::{self, Scope};
use crate::tui::model::Model;

const SCOPES: &[&[Scope]] = &[
    &[Scope::Global, Scope::Always],
    &[Scope::Welcome],
    &[Scope::Question],
    &[Scope::Result],
    &[Scope::Chooser],
    &[Scope::FileName],
    &[Scope::Confirm],
    &[Scope::Compare],
    &[Scope::Matrix],
    &[Scope::Help],
    &[Scope::TooSmall],
];

pub fn lines(m: &Model, width: usize) -> Vec<Line<'static>> {
    let t = m.theme;
    let mut out = Vec::new();
    heading(&mut out, w::KEYS, t.heading());
    let key_w = keymap::BINDINGS
        .iter()
        .map(|b| text::width(&keymap::keys_label(b)))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    for group in SCOPES {
        out.push(Line::from(Span::styled(group[0].title(), t.strong())));
        for scope in *group {
            for b in keymap::bindings(*scope) {
                let what = w::vocab(b.what, &m.ds.vocabulary);
                let prefix = format!("  {} ", text::pad(&keymap::keys_label(b), key_w));
                para(&mut out, &prefix, t.key(), &what, t.text(), width, 0);
            }
        }
    }
    blank(&mut out);
    para(&mut out, "", t.text(), w::EXIT_CODES, t.dim(), width, 0);
    if !m.ds.glossary.is_empty() {
        blank(&mut out);
        heading(&mut out, w::GLOSSARY, t.heading());
        for g in &m.ds.glossary {
            out.push(Line::from(Span::styled(text::clean(&g.term), t.strong())));
            para(&mut out, "  ", t.text(), &g.definition, t.text(), width, 0);
        }
    }
    out
}

pub fn max_scroll(m: &Model, body: Rect) -> usize {
    super::overflow(body, |width| lines(m, width))
}

pub fn render(m: &Model, f: &mut Frame, body: Rect) {
    let width = super::inner(body).width as usize;
    super::scrolled_panel(
        m,
        f,
        body,
        w::SCREEN_HELP,
        true,
        lines(m, width),
        m.help_scroll,
    );
}
