//! Which characters are unsafe to show, and what is shown instead. Text from a dataset, an
//! input file or the command line is data: a control character (C0, DEL, C1: the bytes
//! that start terminal escape sequences), a format character (bidirectional overrides and
//! isolates, zero-width spaces and joiners, the byte order mark: they change how the text
//! around them reads without being seen) or a line or paragraph separator never reaches a
//! terminal, a file or a JSON string raw. This is the one definition of that set; the
//! dataset loader, error messages, the plain mode, the wizard and every renderer use it.

use std::borrow::Cow;

/// Shown in place of each unsafe character, so hostile input stays visible.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Unicode general category Cf (format characters), as of Unicode 15: invisible characters
/// that change how the text around them is laid out or read (U+202E, "right-to-left
/// override", makes "ton si" display as "is not"). The standard library has no query for
/// the category, and the set changes rarely.
const FORMAT_CHARACTERS: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is a format character (general category Cf).
pub fn is_format(c: char) -> bool {
    // Every format character is above U+00AC: plain ASCII and Latin-1 letters skip the search.
    c > '\u{AC}'
        && FORMAT_CHARACTERS
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// Whether `c` must never be shown raw: a control character (Cc), a format character (Cf),
/// or a line or paragraph separator (Zl, Zp).
pub fn is_unsafe_to_show(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `s` holds any character [`is_unsafe_to_show`]. Every text of a dataset is
/// checked as it loads, so plain ASCII, the common case, takes a quicker path.
pub fn has_unsafe(s: &str) -> bool {
    // Printable ASCII is b' '..=b'~'. A fold without an early exit compiles to a loop over
    // whole vectors of bytes.
    let printable_ascii = s
        .bytes()
        .fold(true, |ok, b| ok & (b.wrapping_sub(b' ') < 0x5f));
    !printable_ascii && s.chars().any(is_unsafe_to_show)
}

/// Whether `c` ends a line somewhere: in a terminal, an editor or a Markdown viewer.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// One line of display text: line breaks and tabs become spaces, every other unsafe
/// character becomes [`REPLACEMENT`]. One character in, one character out, so lengths and
/// columns stay as written. The dataset loader puts every text of a dataset through this.
pub fn line(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_line_break(c) => ' ',
                c if is_unsafe_to_show(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Multi-line display text (a whole report, an error message): like [`line`], but `\n`,
/// the line break the renderers write, is kept; any other line break is replaced.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe_to_show(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_unsafe_to_show(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// At most `max_chars` characters of `s` as one line of display text, with `…` when cut:
/// for echoing what someone typed without echoing all of it.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", line(&s[..cut])),
        None => line(s).into_owned(),
    }
}

/// Whether `c` is escaped in JSON text by [`json`]: everything unsafe to show that
/// serde_json leaves raw (it escapes C0 only).
fn needs_json_escape(c: char) -> bool {
    is_unsafe_to_show(c) && c > '\u{1f}'
}

/// JSON text with DEL, C1, format characters and line and paragraph separators escaped as
/// `\uXXXX` too (serde_json escapes only C0): a JSON consumer reads them back, a terminal
/// showing the file does not act on them.
pub fn json(s: String) -> String {
    if !s.chars().any(needs_json_escape) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if needs_json_escape(c) {
            // Above U+FFFF, JSON spells a character as its UTF-16 surrogate pair.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_escape_sequences_and_c1() {
        assert_eq!(
            line("a\x1b[31mb\u{9b}c\x07"),
            "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(text("a\nb\tc"), "a\nb c");
        assert_eq!(line("a\nb"), "a b");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
        assert!(!has_unsafe("plain ~ text") && !has_unsafe("ü"));
        for s in ["a\x7f", "\x1fa", "a\tb", "é\u{202E}", "é\u{85}"] {
            assert!(has_unsafe(s), "{s:?}");
        }
    }

    #[test]
    fn every_line_break_is_a_space_in_one_line_and_replaced_in_text() {
        assert_eq!(line("a\r\nb\u{85}c\u{2028}d\u{2029}e"), "a  b c d e");
        assert_eq!(
            text("a\r\nb\u{85}c\u{2028}d"),
            "a\u{FFFD}\nb\u{FFFD}c\u{FFFD}d"
        );
    }

    #[test]
    fn format_characters_are_replaced() {
        // "the file is not shared", as a right-to-left override would display it.
        assert_eq!(
            line("the file \u{202E}ton si\u{202C} shared"),
            "the file \u{FFFD}ton si\u{FFFD} shared"
        );
        for c in [
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{061C}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0001}',
            '\u{1D173}',
        ] {
            assert!(is_unsafe_to_show(c), "{:04X}", c as u32);
            assert_eq!(line(&c.to_string()), "\u{FFFD}");
        }
    }

    #[test]
    fn ordinary_text_in_any_script_passes_unchanged() {
        for s in [
            "Zürich, São Paulo, Łódź",
            "東京 — 北京",
            "עברית ועربية",
            "e\u{301} a\u{308}",
            "🚲 🚌",
            "\u{A0}\u{2003}",
        ] {
            assert!(matches!(line(s), Cow::Borrowed(_)), "{s}");
            assert!(matches!(text(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn the_format_table_is_sorted_and_disjoint() {
        for w in FORMAT_CHARACTERS.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
        assert!(!is_format('\u{AC}') && !is_format('\u{AE}') && !is_format('a'));
    }

    #[test]
    fn excerpts_are_short_and_safe() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt("ab\u{1b}cdef", 4), "ab\u{FFFD}c…");
    }

    #[test]
    fn json_escapes_c1_format_characters_and_separators() {
        assert_eq!(json("\"a\u{9b}b\"".into()), "\"a\\u009bb\"");
        assert_eq!(
            json("\"\u{202E}\u{2028}\u{7f}\u{E0001}\"".into()),
            "\"\\u202e\\u2028\\u007f\\udb40\\udc01\""
        );
        let parsed: String = serde_json::from_str(&json("\"x\u{200B}\u{E0001}\"".into())).unwrap();
        assert_eq!(parsed, "x\u{200B}\u{E0001}");
    }
}
