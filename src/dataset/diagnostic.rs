//! Errors that point at a place in a file: file, line, column, key path, and what was expected.

use std::fmt;

use crate::limits::{MAX_DIAGNOSTICS, MAX_LISTED_IDS, MAX_SHOWN_CHARS, MAX_SUGGESTION_POOL};
use crate::sanitize;

/// What kind of problem a [`Diagnostic`] reports: code that reacts to a problem (a better
/// message for a missing file, a hint for a key written in the wrong table) asks this,
/// never the wording of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The file does not exist.
    NoSuchFile,
    /// The file has no content, or only comments and blank lines.
    EmptyFile,
    /// The file cannot be read as text: a directory, too large, unreadable, not UTF-8.
    Unreadable,
    /// Broken TOML.
    Syntax,
    /// A key its table does not have (the key as written).
    UnknownField(String),
    /// A required key is absent (the key).
    MissingField(String),
    /// A value of the wrong type; `found` is what was written, in serde's words (`map` for a
    /// table, `string`, `integer`...).
    WrongType { found: String },
    /// Any other problem of shape that serde reports (an unknown variant, a bad value).
    Shape,
    /// The file parses but says something invalid: ids, references, limits, conditions.
    Invalid,
    /// A value given on the command line (an `--answer`, an id to compare).
    CommandLine,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: Kind,
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

impl Diagnostic {
    /// A problem of `kind` in `file` as a whole; set the place, key, expectation and hint
    /// with struct update syntax (`Diagnostic { line: Some(3), ..Diagnostic::new(...) }`).
    pub fn new(kind: Kind, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            file: file.into(),
            line: None,
            column: None,
            key: String::new(),
            message: message.into(),
            expected: None,
            hint: None,
        }
    }
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

/// Every problem found in one input, reported together: the first
/// [`MAX_DIAGNOSTICS`] in full, the others only counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub diagnostics: Vec<Diagnostic>,
    /// Problems found beyond those in `diagnostics`, counted but not described.
    pub omitted: usize,
}

impl InputError {
    /// All problems found, described or not.
    pub fn total(&self) -> usize {
        self.diagnostics.len() + self.omitted
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if self.omitted > 0 {
            write!(
                f,
                "\nand {} more problems (only the first {} are described)",
                self.omitted,
                self.diagnostics.len()
            )?;
        }
        let n = self.total();
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
            omitted: 0,
        }
    }
}

/// Collects the problems of one input: the first [`MAX_DIAGNOSTICS`] are built and kept,
/// later ones only counted, so a file with a hundred thousand bad references costs a
/// counter rather than a hundred thousand messages.
#[derive(Debug, Default)]
pub struct Problems {
    kept: Vec<Diagnostic>,
    omitted: usize,
}

impl Problems {
    /// Records one problem; `describe` runs only while there is room to show it.
    pub fn add(&mut self, describe: impl FnOnce() -> Diagnostic) {
        if self.kept.len() < MAX_DIAGNOSTICS {
            self.kept.push(describe());
        } else {
            self.omitted += 1;
        }
    }

    /// Records the problems of another error, counted ones included.
    pub fn extend(&mut self, other: InputError) {
        for d in other.diagnostics {
            self.add(|| d);
        }
        self.omitted += other.omitted;
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted == 0
    }

    /// The problems as an error, or `Ok` when there were none.
    pub fn into_result(self) -> Result<(), InputError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }

    pub fn into_error(self) -> InputError {
        InputError {
            diagnostics: self.kept,
            omitted: self.omitted,
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
/// neighbours) away. The work is bounded: no suggestion for a long word or from more than
/// [`MAX_SUGGESTION_POOL`] candidates, and long candidates are passed over.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    let longest = 2 * MAX_SHOWN_CHARS;
    if word.chars().count() > longest {
        return None;
    }
    let pool: Vec<&str> = candidates
        .into_iter()
        .take(MAX_SUGGESTION_POOL + 1)
        .collect();
    if pool.len() > MAX_SUGGESTION_POOL {
        return None;
    }
    pool.into_iter()
        .filter(|c| *c != word && c.len() <= 4 * longest)
        .map(|c| {
            let jw = strsim::jaro_winkler(word, c);
            let one_edit = word.chars().count() >= 3 && strsim::osa_distance(word, c) <= 1;
            (if one_edit { jw.max(0.81) } else { jw }, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{}`?", shown(c)))
}

/// An input string for a message: escaped (no control character gets through) and cut
/// short when long, so that a 10,000-character id does not flood the terminal.
pub fn shown(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_SHOWN_CHARS + 16 {
        return escaped(s);
    }
    let head: String = s.chars().take(MAX_SHOWN_CHARS).collect();
    format!("{}… ({n} characters)", escaped(&head))
}

/// `s` with Rust's escapes, which spell out every character that is not plainly
/// printable: controls, format characters and separators included (a test checks that
/// every character [`sanitize`] deems unsafe is among them).
fn escaped(s: &str) -> String {
    s.escape_debug().to_string()
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
    if sanitize::is_unsafe_to_show(c) || c.is_whitespace() {
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

/// `a`, `b`, `c` — for "expected one of" lists; past [`MAX_LISTED_IDS`], "and N more".
pub fn list_ids<'c>(ids: impl IntoIterator<Item = &'c str>) -> String {
    let mut ids = ids.into_iter();
    let mut out: Vec<String> = ids
        .by_ref()
        .take(MAX_LISTED_IDS)
        .map(|i| format!("`{}`", shown(i)))
        .collect();
    let more = ids.count();
    if more > 0 {
        out.push(format!("and {more} more"));
    }
    out.join(", ")
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
        assert_eq!(describe_char('\u{202e}'), "U+202E");
    }

    #[test]
    fn echoed_input_never_carries_an_unsafe_character() {
        let hostile: String = ('\0'..='\u{10ffff}')
            .filter(|&c| sanitize::is_unsafe_to_show(c))
            .collect();
        for chunk in hostile.chars().collect::<Vec<_>>().chunks(40) {
            let s: String = chunk.iter().collect();
            let echoed = shown(&s);
            assert!(
                !echoed.chars().any(sanitize::is_unsafe_to_show),
                "{echoed:?}"
            );
        }
    }

    #[test]
    fn lists_are_capped() {
        let ids: Vec<String> = (0..25).map(|i| format!("id-{i}")).collect();
        let listed = list_ids(ids.iter().map(String::as_str));
        assert!(listed.starts_with("`id-0`, `id-1`"), "{listed}");
        assert!(listed.ends_with("`id-19`, and 5 more"), "{listed}");
        let many: Vec<String> = (0..=MAX_SUGGESTION_POOL).map(|i| format!("x{i}")).collect();
        assert_eq!(did_you_mean("x1", many.iter().map(String::as_str)), None);
    }

    #[test]
    fn problems_past_the_limit_are_counted_not_built() {
        let mut p = Problems::default();
        let mut built = 0;
        for _ in 0..MAX_DIAGNOSTICS + 7 {
            p.add(|| {
                built += 1;
                Diagnostic::new(Kind::Invalid, "f", "bad")
            });
        }
        assert_eq!(built, MAX_DIAGNOSTICS);
        let e = p.into_error();
        assert_eq!((e.diagnostics.len(), e.omitted), (MAX_DIAGNOSTICS, 7));
        let text = e.to_string();
        assert!(text.ends_with(&format!(
            "and 7 more problems (only the first {MAX_DIAGNOSTICS} are described)\n{} problems found",
            MAX_DIAGNOSTICS + 7
        )), "{text}");
    }
}
