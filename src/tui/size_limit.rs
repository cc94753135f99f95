//! The largest screen the wizard draws. ratatui keeps two buffers of the whole screen, a
//! 48-byte cell for every position: for a window of 65535×65535 each buffer asked for
//! 206 GB, and the failed allocation aborted the process with the terminal still raw. At
//! the limit the two take 48 MB. A window bigger than the limit gets the wizard in its
//! top-left corner.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The most columns drawn: far beyond any window read at a legible font size (a 4K screen
/// holds about 480 columns of an 8-pixel-wide font).
pub const MAX_WIDTH: u16 = 1000;
/// The most rows drawn.
pub const MAX_HEIGHT: u16 = 500;

/// `size`, cut down to the limit.
pub fn clamp(size: Size) -> Size {
    Size {
        width: size.width.min(MAX_WIDTH),
        height: size.height.min(MAX_HEIGHT),
    }
}

/// A backend that reports a screen no bigger than the limit. ratatui sizes its buffers,
/// and so everything it draws, from [`Backend::size`], at the start and on every resize.
pub struct Clamped<B>(pub B);

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size().map(clamp)
    }

    /// The pixel size is left as the terminal reports it: nothing here uses it.
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut window = self.0.window_size()?;
        window.columns_rows = clamp(window.columns_rows);
        Ok(window)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn sizes_beyond_the_limit_are_cut_to_it() {
        let huge = Size::new(u16::MAX, u16::MAX);
        assert_eq!(clamp(huge), Size::new(MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(clamp(Size::new(80, 24)), Size::new(80, 24));
        assert_eq!(clamp(Size::new(MAX_WIDTH, 3)), Size::new(MAX_WIDTH, 3));
        assert_eq!(
            clamp(Size::new(MAX_WIDTH + 1, MAX_HEIGHT + 1)),
            Size::new(MAX_WIDTH, MAX_HEIGHT)
        );
        assert_eq!(clamp(Size::new(7, u16::MAX)), Size::new(7, MAX_HEIGHT));
    }

    #[test]
    fn the_terminal_draws_into_the_clamped_area() {
        let mut terminal = Terminal::new(Clamped(TestBackend::new(MAX_WIDTH + 24, 2))).unwrap();
        assert_eq!(terminal.size().unwrap(), Size::new(MAX_WIDTH, 2));
        let frame = terminal.draw(|_| {}).unwrap();
        assert_eq!(frame.area.width, MAX_WIDTH);
    }
}
