//! Hyperlinks on the wizard's screen. A frame's buffer holds only visible text: a screen
//! that shows a source's title records where it drew it ([`PlacedLink`]), and after the
//! frame is drawn the event loop writes those titles again over themselves, wrapped in an
//! OSC 8 sequence ([`crate::report::links::osc8`], which only accepts a validated URL), on
//! a terminal that wants links. Anywhere else (a test backend, links off) nothing is
//! written and the screen shows the URL as text instead.

use std::cell::RefCell;
use std::io::{self, Write};

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{Attribute, Print, SetAttribute};
use ratatui::backend::{CrosstermBackend, TestBackend};

use super::size_limit::Clamped;
use crate::report::links::osc8;

/// A link's text as drawn at (`x`, `y`): one line of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedLink {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
}

/// The links of the last frame: cleared when a frame starts, filled while it is drawn.
#[derive(Debug, Default)]
pub struct Links(RefCell<Vec<PlacedLink>>);

impl Links {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn push(&self, link: PlacedLink) {
        self.0.borrow_mut().push(link);
    }

    pub fn all(&self) -> Vec<PlacedLink> {
        self.0.borrow().clone()
    }
}

/// A backend that can write links over what it drew.
pub trait LinkOverlay {
    /// Writes each link's text at its place again, as a hyperlink. By default nothing:
    /// the backend keeps the plain text.
    fn overlay_links(&mut self, _links: &[PlacedLink]) -> io::Result<()> {
        Ok(())
    }
}

impl LinkOverlay for TestBackend {}

impl<W: Write> LinkOverlay for CrosstermBackend<W> {
    fn overlay_links(&mut self, links: &[PlacedLink]) -> io::Result<()> {
        write_links(self, links)
    }
}

impl<B: LinkOverlay> LinkOverlay for Clamped<B> {
    fn overlay_links(&mut self, links: &[PlacedLink]) -> io::Result<()> {
        self.0.overlay_links(links)
    }
}

/// Writes `links` to `out`: for each, the cursor moved to its place and its text, underlined,
/// inside an OSC 8 sequence. A link whose URL `osc8` refuses is skipped (its text is already
/// on the screen).
pub fn write_links(out: &mut impl Write, links: &[PlacedLink]) -> io::Result<()> {
    if links.is_empty() {
        return Ok(());
    }
    for l in links {
        let Some(seq) = osc8(&l.url, &l.text) else {
            continue;
        };
        queue!(
            out,
            MoveTo(l.x, l.y),
            SetAttribute(Attribute::Underlined),
            Print(seq),
            SetAttribute(Attribute::Reset)
        )?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_written_in_place_and_bad_urls_are_skipped() {
        let mut out = Vec::new();
        let links = [
            PlacedLink {
                x: 3,
                y: 1,
                text: "Guide".into(),
                url: "https://example.com/g".into(),
            },
            PlacedLink {
                x: 0,
                y: 0,
                text: "Bad".into(),
                url: "javascript:alert(1)".into(),
            },
        ];
        write_links(&mut out, &links).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains("\x1b]8;;https://example.com/g\x1b\\Guide\x1b]8;;\x1b\\"),
            "{s:?}"
        );
        assert!(s.contains("\x1b[2;4H"), "moved to row 2, column 4: {s:?}");
        assert!(!s.contains("Bad") && !s.contains("javascript"), "{s:?}");
    }
}
