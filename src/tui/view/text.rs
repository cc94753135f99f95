//! Text helpers for the views: every dataset string passes `clean` (control characters
//! replaced) before it is measured, wrapped or drawn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize;

/// One line of display text from the data.
pub fn clean(s: &str) -> String {
    sanitize::line(s).into_owned()
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Greedy word wrap to `width` columns; words longer than a line are split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = clean(text);
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split_whitespace() {
        let ww = self::width(word);
        if line_w > 0 && line_w + 1 + ww <= width {
            line.push(' ');
            line.push_str(word);
            line_w += 1 + ww;
            continue;
        }
        if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        if ww <= width {
            line.push_str(word);
            line_w = ww;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if line_w + cw > width && line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if line_w > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` made safe to show and cut to `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    crate::fit::cut(&clean(s), width)
}

/// `s` padded with spaces (or cut) to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = self::width(&t);
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// Appends `text` wrapped to `width`, the first line after `prefix` (in `prefix_style`),
/// the others indented by as many spaces. At most `max_lines` lines (0: no limit); a cut
/// paragraph ends with an ellipsis.
pub fn para(
    out: &mut Vec<Line<'static>>,
    prefix: &str,
    prefix_style: Style,
    text: &str,
    style: Style,
    width: usize,
    max_lines: usize,
) {
    let pw = self::width(prefix);
    let avail = width.saturating_sub(pw).max(1);
    let mut lines = wrap(text, avail);
    if max_lines > 0 && lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} …"), avail);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    for (i, l) in lines.into_iter().enumerate() {
        let p = if i == 0 {
            prefix.to_owned()
        } else {
            " ".repeat(pw)
        };
        out.push(Line::from(vec![
            Span::styled(p, prefix_style),
            Span::styled(l, style),
        ]));
    }
}

/// A heading line.
pub fn heading(out: &mut Vec<Line<'static>>, text: &str, style: Style) {
    out.push(Line::from(Span::styled(clean(text), style)));
}

pub fn blank(out: &mut Vec<Line<'static>>) {
    out.push(Line::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_splits_long_words() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert!(wrap("x", 0).is_empty());
        assert_eq!(wrap("a\x1b[31m", 10), vec!["a\u{FFFD}[31m"]);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
