//! Errors that point at a place in a file: file, line, column, key path, and what was expected.

use std::fmt;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; absent when the problem is about the file as a whole.
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
    /// Dotted key path, e.g. `rules[3].when.users`; empty for the whole file.
    pub key: String,
    pub message: String,
    /// What would have been accepted, e.g. a list of valid ids.
    pub expected: Option<String>,
    /// A likely fix, e.g. "did you mean `team-users`?".
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(e) = &self.expected {
            write!(f, "\n    expected {e}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n    hint: {h}")?;
        }
        Ok(())
    }
}

/// Every problem found in one input, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if n > 1 {
            write!(f, "\n{n} problems found")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

impl From<Diagnostic> for InputError {
    fn from(d: Diagnostic) -> Self {
        Self {
            diagnostics: vec![d],
        }
    }
}

/// Maps byte offsets of one text to 1-based line and character column.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo:
/// similar by Jaro-Winkler, or one edit (insertion, deletion, substitution or swap of
/// neighbours) away.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    if word.chars().count() > 2 * MAX_SHOWN {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            let jw = strsim::jaro_winkler(word, c);
            let one_edit = word.chars().count() >= 3 && strsim::osa_distance(word, c) <= 1;
            (if one_edit { jw.max(0.81) } else { jw }, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Longest piece of an input string repeated in a message, in characters.
const MAX_SHOWN: usize = 64;

/// An input string for a message: escaped (no control character gets through) and cut
/// short when long, so that a 10,000-character id does not flood the terminal.
pub fn shown(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_SHOWN + 16 {
        return s.escape_debug().to_string();
    }
    let head: String = s.chars().take(MAX_SHOWN).collect();
    format!("{}… ({n} characters)", head.escape_debug())
}

/// "a" or "an" for a kind of thing named in messages.
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A character for a message: printable ones in back quotes, others by code point.
pub fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        let name = match c {
            ' ' => " (space)",
            '\t' => " (tab)",
            '\n' => " (line break)",
            '\r' => " (carriage return)",
            '\u{1b}' => " (escape)",
            '\0' => " (NUL)",
            _ => "",
        };
        format!("U+{:04X}{name}", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// `a`, `b`, `c` — for "expected one of" lists.
pub fn list_ids<'c>(ids: impl IntoIterator<Item = &'c str>) -> String {
    ids.into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_characters() {
        let idx = LineIndex::new("ab\nçd\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2)); // after the two-byte ç
        assert_eq!(idx.position(999), (3, 1));
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(
            did_you_mean("team-user", ["team-users", "no-user-model"]).as_deref(),
            Some("did you mean `team-users`?")
        );
        assert_eq!(did_you_mean("zzz", ["team-users"]), None);
        // One swap of neighbours.
        assert_eq!(
            did_you_mean("yse", ["yes", "no", "depends"]).as_deref(),
            Some("did you mean `yes`?")
        );
    }

    #[test]
    fn long_input_is_cut_short_and_escaped() {
        assert_eq!(shown("a\u{1b}b"), "a\\u{1b}b");
        let long = "x".repeat(10_000);
        let s = shown(&long);
        assert!(s.ends_with("… (10000 characters)"), "{s}");
        assert!(s.chars().count() < 100);
        assert_eq!(describe_char('_'), "`_`");
        assert_eq!(describe_char('\u{1b}'), "U+001B (escape)");
    }
}
