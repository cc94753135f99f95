//! Text from a dataset or an input file is data: control characters (C0, DEL, C1: the
//! bytes that start terminal escape sequences) never reach a terminal raw.

use std::borrow::Cow;

/// Shown in place of each control character, so hostile input stays visible.
pub const REPLACEMENT: char = '\u{FFFD}';

fn is_control(c: char) -> bool {
    c.is_control()
}

/// One line of display text: every control character replaced, tabs become spaces,
/// line breaks become spaces.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' => ' ',
                '\r' => ' ',
                c if is_control(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Multi-line display text: like [`line`], but line breaks are kept.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_control(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// JSON text with DEL and C1 characters escaped too (serde_json escapes only C0).
pub fn json(s: String) -> String {
    if !s.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
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
    }

    #[test]
    fn json_escapes_c1() {
        assert_eq!(json("\"a\u{9b}b\"".into()), "\"a\\u009bb\"");
    }
}
