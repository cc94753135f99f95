//! Word wrapping for text written to a terminal, and the width to wrap to.
//!
//! Output to a terminal is wrapped to its width, with each paragraph's continuation lines
//! indented under its text; output to a file or a pipe is not wrapped at all, so a reader
//! or a tool gets one line per paragraph. A word wider than the line (a URL) is never
//! split: it gets a line of its own, so that it stays one clickable, copyable piece. The
//! width itself is `fit::terminal_width`.

use unicode_width::UnicodeWidthStr;

/// Narrower than this, wrapping helps nobody: the indents would eat the line.
pub const MIN_WIDTH: usize = 20;

/// `text` after `first` (the first line's prefix), wrapped to `width` with every further
/// line indented by as many columns as `first` is wide; one line when `width` is `None`.
/// Every line ends with a newline.
pub fn paragraph(first: &str, text: &str, width: Option<usize>) -> String {
    let indent = " ".repeat(first.width());
    let Some(width) = width else {
        return format!("{first}{text}\n");
    };
    let room = width.saturating_sub(indent.len()).max(1);
    let mut out = String::new();
    for (i, line) in words_to_lines(text, room).into_iter().enumerate() {
        out.push_str(if i == 0 { first } else { &indent });
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Greedy word wrap to `room` columns; a word wider than `room` stands alone, unsplit.
pub fn words_to_lines(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w > room {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many rows `text` takes on a terminal `width` columns wide (a line wider than the
/// terminal continues on the next row).
pub fn rows(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.width().max(1).div_ceil(width.max(1)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_under_the_prefix_and_keeps_long_words_whole() {
        assert_eq!(
            paragraph("  - ", "one two three four", Some(12)),
            "  - one two\n    three\n    four\n"
        );
        assert_eq!(paragraph("- ", "a b", None), "- a b\n");
        let url = "https://example.com/a/very/long/path";
        assert_eq!(
            paragraph("", &format!("see {url} now"), Some(10)),
            format!("see\n{url}\nnow\n")
        );
        assert_eq!(rows("abc\n\nabcdefgh", 4), 4);
    }
}
