//! Text output that fits the width it is read at. A table wider than the terminal wraps
//! into noise, so a table that does not fit is stacked instead: one record after the
//! other, each field on a line of its own, cut short with "…" where it is still too long
//! (JSON and Markdown keep every text whole).
//!
//! Cut rather than wrapped: every text of a dataset is one line (README.md, "Nothing in a
//! text can forge a line"), and a wrapped text would start lines of its own choosing.

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::report::table::Table;

/// The width when nothing says otherwise: the classic terminal's.
pub const DEFAULT_WIDTH: usize = 80;
/// Narrower than this, nothing reads well anyway: fit this much and let the terminal wrap.
pub const MIN_WIDTH: usize = 20;

/// The width to fit standard output to: `COLUMNS` when set to a number (as `ls` and most
/// tools honour it), else the terminal's when standard output is one, else 80.
pub fn output_width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w))
    };
    width_from(columns.as_deref(), terminal)
}

fn width_from(columns: Option<&str>, terminal: impl FnOnce() -> Option<usize>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(terminal)
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// Text fitted to a width, and whether some of it had to be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub text: String,
    pub cut: bool,
}

/// `rows` under `header` as aligned columns when every line fits in `width`; otherwise
/// stacked: each row's first cell on a line of its own, then one `header: cell` line per
/// other cell, each line cut at `width`, and a blank line between rows.
pub fn table_or_stack(header: &[&str], rows: &[Vec<String>], width: usize) -> Fitted {
    let mut table = Table::new(header.iter().map(|h| (*h).to_owned()).collect());
    for row in rows {
        table.row(row.clone());
    }
    let text = table.text();
    if text.lines().all(|l| l.width() <= width) {
        return Fitted { text, cut: false };
    }
    stack(header, rows, width)
}

fn stack(header: &[&str], rows: &[Vec<String>], width: usize) -> Fitted {
    let mut was_cut = false;
    let mut line_of = |text: &str| {
        let fitted = cut(text, width);
        was_cut |= fitted != text;
        fitted
    };
    let label_width = header.iter().skip(1).map(|h| h.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut cells = row.iter();
        if let Some(first) = cells.next() {
            out.push_str(&line_of(first));
            out.push('\n');
        }
        for (label, cell) in header.iter().skip(1).zip(cells) {
            let head = format!("  {label}:");
            let line = format!("{head:<w$} {cell}", w = label_width + 3);
            out.push_str(line_of(&line).trim_end());
            out.push('\n');
        }
    }
    Fitted {
        text: out,
        cut: was_cut,
    }
}

/// `text` in at most `width` columns: cut short with "…" when longer.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        // Room for the "…" (one column).
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `text` (authwiz's own words, never a dataset's) in lines of at most `width` columns,
/// broken between words.
pub fn wrap(text: &str, width: usize) -> String {
    wrap_indented(text, Some(width), 0, 0) + "\n"
}

/// `text` wrapped to `width` columns: the first line starts after `first` (already printed
/// by the caller, counted in columns), the others are indented by `indent` spaces. A word
/// longer than a line is split. `None` for `width` leaves the text on one line.
pub fn wrap_indented(text: &str, width: Option<usize>, first: usize, indent: usize) -> String {
    let Some(width) = width.filter(|&w| w > indent + 10) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = first;
    let mut line_empty = true;
    let new_line = |out: &mut String, column: &mut usize| {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
        *column = indent;
    };
    for word in text.split_whitespace() {
        if !line_empty && column + 1 + word.width() > width {
            new_line(&mut out, &mut column);
            line_empty = true;
        } else if !line_empty {
            out.push(' ');
            column += 1;
        }
        // A word wider than a whole line is cut where it must be.
        let mut rest = word;
        while column + rest.width() > width {
            let room = width.saturating_sub(column);
            let mut cut = 0;
            let mut taken = 0;
            for (i, c) in rest.char_indices() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if taken + w > room {
                    break;
                }
                taken += w;
                cut = i + c.len_utf8();
            }
            if cut == 0 && !line_empty {
                new_line(&mut out, &mut column);
                line_empty = true;
                continue;
            }
            let cut = cut.max(rest.chars().next().map_or(0, char::len_utf8));
            out.push_str(&rest[..cut]);
            new_line(&mut out, &mut column);
            rest = &rest[cut..];
        }
        out.push_str(rest);
        column += rest.width();
        line_empty = false;
    }
    out
}

/// The width to wrap standard output to when it is a terminal (`COLUMNS` first, as for
/// [`output_width`]); `None` for a file or a pipe, which get one line per paragraph.
pub fn terminal_width() -> Option<usize> {
    std::io::stdout().is_terminal().then(output_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_win_then_the_terminal_then_80() {
        assert_eq!(width_from(Some("120"), || Some(100)), 120);
        assert_eq!(width_from(Some("junk"), || Some(100)), 100);
        assert_eq!(width_from(None, || None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("0"), || None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("5"), || None), MIN_WIDTH);
    }

    #[test]
    fn wraps_between_words() {
        let text = "one two three four five six seven eight nine ten";
        let out = wrap_indented(text, Some(20), 0, 2);
        for line in out.lines() {
            assert!(line.width() <= 20, "{line:?}");
        }
        assert_eq!(out.replace("\n  ", " "), text);
        assert_eq!(wrap_indented(text, None, 0, 2), text);
        assert_eq!(
            wrap("aa bb cc dd ee ff gg hh ii jj", 14),
            "aa bb cc dd ee\nff gg hh ii jj\n"
        );
    }

    #[test]
    fn splits_a_word_longer_than_the_line() {
        let out = wrap_indented(&"x".repeat(50), Some(20), 0, 2);
        assert!(out.lines().all(|l| l.width() <= 20), "{out}");
        assert_eq!(out.replace("\n  ", "").len(), 50);
    }

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("ab cdef", 4), "ab…");
        assert_eq!(cut("日本語です", 5), "日本…");
    }

    #[test]
    fn a_table_that_fits_stays_a_table() {
        let rows = vec![vec!["a".to_owned(), "b".to_owned()]];
        let fitted = table_or_stack(&["x", "y"], &rows, 80);
        assert_eq!(fitted.text, "x  y\n-  -\na  b\n");
        assert!(!fitted.cut);
    }

    #[test]
    fn a_table_too_wide_is_stacked_within_the_width() {
        let long = "word ".repeat(30);
        let rows = vec![
            vec!["first".to_owned(), long.clone(), "t".to_owned()],
            vec!["second".to_owned(), "short".to_owned(), long.clone()],
        ];
        let fitted = table_or_stack(&["name", "edition", "title"], &rows, 40);
        assert!(fitted.cut);
        let out = fitted.text;
        assert!(out.lines().all(|l| l.width() <= 40), "{out}");
        assert!(out.starts_with("first\n  edition: word word"), "{out}");
        assert!(
            out.contains("…\n  title:   t\n\nsecond\n  edition: short\n  title:   word"),
            "{out}"
        );
        assert_eq!(out.lines().count(), 7, "{out}");
    }
}
