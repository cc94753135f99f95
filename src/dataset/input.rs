//! Reading an input file (dataset or answers) safely: size limit, directories, permissions,
//! UTF-8, TOML syntax and shape, each failure a `Diagnostic` naming the file and place.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{self, Diagnostic, InputError, Kind, LineIndex, did_you_mean};

/// Largest input file accepted, in bytes. Real datasets are a few dozen KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

fn whole_file(file: &str, kind: Kind, message: String) -> Diagnostic {
    Diagnostic::new(kind, file, message)
}

/// Reads `path` as UTF-8 text of at most `MAX_FILE_BYTES`.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let file = path.display().to_string();
    let failed = |e: std::io::Error| {
        let (message, expected) = io_message(&e);
        let kind = if e.kind() == std::io::ErrorKind::NotFound {
            Kind::NoSuchFile
        } else {
            Kind::Unreadable
        };
        let mut d = whole_file(&file, kind, message);
        d.expected = expected;
        d
    };
    let meta = std::fs::metadata(path).map_err(failed)?;
    if meta.is_dir() {
        let mut d = whole_file(&file, Kind::Unreadable, "is a directory, not a file".into());
        d.expected = Some("a path to a TOML file".into());
        return Err(d.into());
    }
    let f = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "exactly at the limit" from "over it", even for
    // files whose size the metadata does not know (pipes, /proc).
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mut d = whole_file(
            &file,
            Kind::Unreadable,
            format!("is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB)"),
        );
        d.expected = Some(format!("a file of at most {MAX_FILE_BYTES} bytes"));
        return Err(d.into());
    }
    utf8(&file, bytes)
}

/// Decodes bytes as UTF-8, pointing at the first invalid byte.
pub fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
        let (line, column) = LineIndex::new(valid).position(at);
        Diagnostic {
            line: Some(line),
            column: Some(column),
            expected: Some("a UTF-8 text file".into()),
            ..Diagnostic::new(
                Kind::Unreadable,
                file,
                format!(
                    "is not valid UTF-8 (byte 0x{:02x} at offset {at})",
                    e.as_bytes()[at]
                ),
            )
        }
        .into()
    })
}

fn io_message(e: &std::io::Error) -> (String, Option<String>) {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => (
            "no such file".into(),
            Some("a path to an existing file".into()),
        ),
        ErrorKind::PermissionDenied => (
            "cannot be read: permission denied".into(),
            Some("a file you may read (check its permissions and those of its directories)".into()),
        ),
        ErrorKind::NotADirectory => (
            "cannot be read: a part of the path before the file name is not a directory".into(),
            Some("a path to an existing file".into()),
        ),
        _ => (
            format!("cannot be read: {e}"),
            Some("a readable file".into()),
        ),
    }
}

/// Deepest nesting the TOML reader accepts (the `toml` crate's recursion limit): arrays
/// and inline tables inside each other, or parts of one dotted key.
pub const MAX_TOML_DEPTH: usize = 80;

/// Parses TOML `text` into `T`, with the key path, line and column of the first problem.
pub fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, InputError> {
    let lines = LineIndex::new(text);
    let locate = |span: Option<std::ops::Range<usize>>| match span {
        Some(s) => {
            let (l, c) = lines.position(s.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    if text.trim().is_empty() {
        return Err(whole_file(file, Kind::EmptyFile, "is empty".into()).into());
    }
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(whole_file(
            file,
            Kind::EmptyFile,
            "is empty: it has only comments and blank lines".into(),
        )
        .into());
    }
    let de = toml::de::Deserializer::parse(text).map_err(|e| {
        let span = e.span().or_else(|| deep_key_span(text, e.message()));
        if e.message().trim() == "duplicate key"
            && let Some((at, sub, owner)) =
                span.as_ref().and_then(|s| sub_table_before_owner(text, s.start))
        {
            let (line, column) = locate(Some(at..at + 1));
            return Diagnostic {
                line,
                column,
                expected: Some(format!(
                    "each `{sub}` after the `[[{owner}]]` it belongs to"
                )),
                ..Diagnostic::new(
                    Kind::Syntax,
                    file,
                    format!(
                        "TOML syntax error: `{sub}` comes before any `[[{owner}]]`, so the `[[{owner}]]` after it is a duplicate key"
                    ),
                )
            };
        }
        let (line, column) = locate(span.clone());
        let (message, expected) = syntax_message(text, span, e.message().trim());
        Diagnostic {
            line,
            column,
            expected,
            ..Diagnostic::new(Kind::Syntax, file, format!("TOML syntax error: {message}"))
        }
    })?;
    // The fast way first: tracking the key path of every value costs about as much as the
    // reading itself, and is only needed to word an error. On an error, read again with it.
    if let Ok(value) = T::deserialize(de) {
        return Ok(value);
    }
    let de = toml::de::Deserializer::parse(text).map_err(|e| {
        whole_file(
            file,
            Kind::Syntax,
            format!("TOML syntax error: {}", e.message().trim()),
        )
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        // Spanned<T> wraps its value in a private field: not part of the user's key path.
        let mut key = e
            .path()
            .to_string()
            .replace(".$__serde_spanned_private_value", "")
            .replace("$__serde_spanned_private_value", "");
        if key == "." {
            key.clear();
        }
        // Map keys that are themselves spanned are not recorded ("?"): read each from the
        // text, walking out from the value in question.
        if key.contains('?')
            && let Some(span) = inner.span()
        {
            key = named_keys(text, &key, span.start);
        }
        let (line, column) = locate(inner.span());
        let (kind, message, expected, hint) = split_serde_message(inner.message());
        // A key of the table that owns this sub-table is the likelier mistake than a typo.
        let hint = misplaced_key_hint(&key, &kind).or(hint);
        let (expected, hint) = match array_of_tables_hint(&key, &kind) {
            Some(h) => (
                Some("an array of tables, one header per entry".into()),
                Some(h),
            ),
            None => (expected, hint),
        };
        Diagnostic {
            line,
            column,
            key,
            expected,
            hint,
            ..Diagnostic::new(kind, file, message)
        }
        .into()
    })
}

/// Rewords the TOML reader's message, pointing out what it means for the text at `span`.
fn syntax_message(
    text: &str,
    span: Option<std::ops::Range<usize>>,
    msg: &str,
) -> (String, Option<String>) {
    let at = span.map(|s| s.start).unwrap_or(0).min(text.len());
    let rest = text.get(at..).unwrap_or("");
    let (msg, expected) = match msg.rsplit_once(", expected ") {
        Some((m, e)) => (m, Some(e.to_owned())),
        None => (msg, None),
    };
    if let Some(c) = rest.chars().next()
        && c.is_control()
        && !matches!(c, '\n' | '\r' | '\t')
    {
        return (
            format!(
                "control character {} is not allowed here",
                diagnostic::describe_char(c)
            ),
            Some("visible characters; in a string, write an escape such as \\u001b".into()),
        );
    }
    match (msg, expected.as_deref()) {
        ("invalid basic string", Some("`\"`")) | ("invalid literal string", Some("`'`")) => {
            let quote = if msg.contains("literal") { '\'' } else { '"' };
            return (
                format!("a string without its closing quote `{quote}`"),
                Some(format!("a closing `{quote}` on the same line")),
            );
        }
        ("invalid multi-line basic string", _) | ("invalid multi-line literal string", _) => {
            let quote = if msg.contains("literal") {
                "'''"
            } else {
                "\"\"\""
            };
            return (
                format!("a multi-line string without its closing `{quote}`"),
                Some(format!("`{quote}` after the last line of the string")),
            );
        }
        _ => {}
    }
    match msg {
        "cannot recurse further; max recursion depth met" => {
            return (
                format!("values nested more than {MAX_TOML_DEPTH} levels deep"),
                Some(format!(
                    "at most {MAX_TOML_DEPTH} levels of lists and inline tables inside each other"
                )),
            );
        }
        "recursion limit" => {
            return (
                format!("a dotted key with {MAX_TOML_DEPTH} or more parts"),
                Some(format!(
                    "keys nested less than {MAX_TOML_DEPTH} levels deep"
                )),
            );
        }
        "duplicate key" => {
            let key = key_at(rest);
            let key = if key.is_empty() {
                String::new()
            } else {
                format!(" `{}`", diagnostic::shown(&key))
            };
            return (
                format!("duplicate key{key}"),
                Some("each key at most once in a table".into()),
            );
        }
        "string values must be quoted" | "invalid boolean" => {
            let line = rest.lines().next().unwrap_or("");
            let word: String = line
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | '#'))
                .collect();
            if word.is_empty() {
                return (
                    "a key without a value".into(),
                    Some(
                        "a value after `=`: text in double quotes, a number, true or false, a list [...] or an inline table { ... }".into(),
                    ),
                );
            }
            if !word.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-') {
                return (
                    format!("text without quotes: `{}`", diagnostic::shown(&word)),
                    Some(format!(
                        "text in double quotes, \"{}\" (or true, false, or a number)",
                        diagnostic::shown(&word)
                    )),
                );
            }
        }
        _ => {}
    }
    (msg.to_owned(), expected)
}

/// A sub-table header (`[[candidates.facts]]`, `[contexts.notes.x]`) written before any
/// `[[owner]]`, when the duplicate key at `at` is that `[[owner]]` header: TOML then reads
/// the owner as a table, and the array header after it as a second definition. Returns
/// where the first such header is, the header as written, and the owner.
fn sub_table_before_owner(text: &str, at: usize) -> Option<(usize, String, String)> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..)?.lines().next()?.trim();
    let owner = line
        .strip_prefix("[[")?
        .split("]]")
        .next()?
        .trim()
        .to_owned();
    let mut offset = 0;
    for l in text.get(..line_start)?.split_inclusive('\n') {
        let header = l.trim();
        let name = header
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap_or("")
            .trim();
        if header.starts_with('[') {
            if name == owner {
                return None;
            }
            if name.starts_with(&format!("{owner}.")) {
                let written = header.split('#').next().unwrap_or(header).trim().to_owned();
                return Some((offset + (l.len() - l.trim_start().len()), written, owner));
            }
        }
        offset += l.len();
    }
    None
}

/// The key written at the start of `rest` (a bare key, or a quoted one without its quotes).
fn key_at(rest: &str) -> String {
    let rest = rest.trim_start_matches(['[', ' ']);
    if let Some(q) = rest.strip_prefix('"') {
        return q.split('"').next().unwrap_or("").to_owned();
    }
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

/// The key of `key = value` or of a `[table.key]` header, for the value that starts at `at`.
fn key_before(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let at_line_start = text.get(line_start..at)?.trim().is_empty();
    if rest.starts_with('[') && at_line_start {
        // A table header: its last dotted part.
        let header = rest.trim_start_matches('[').split(']').next()?;
        let last = header.rsplit('.').next()?.trim().trim_matches('"');
        return (!last.is_empty()).then(|| last.to_owned());
    }
    let before = text.get(..at)?.trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    if let Some(quoted) = before.strip_suffix('"') {
        let start = quoted.rfind('"')?;
        return Some(quoted[start + 1..].to_owned());
    }
    let key: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!key.is_empty()).then_some(key)
}

/// A key path with its unrecorded map keys (`?`) read from the text: walking the path from
/// its end, out from the value at `at`: a `[N]` is the list around it, a named key or a `?`
/// the inline table around it; a `?` is the key written before its value (or, in a table
/// with a header such as `[contexts.notes.sqlite]`, the header's last part). A `?` that
/// cannot be read is dropped.
fn named_keys(text: &str, key: &str, at: usize) -> String {
    let mut segments: Vec<String> = Vec::new();
    for part in key.split('.') {
        // `name[0][1]` is the name, then its indices.
        let (name, indices) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        segments.push(name.to_owned());
        for index in indices.split_inclusive(']') {
            segments.push(index.to_owned());
        }
    }
    // Where the walk is: at a value, or inside a table with a header (no inline table
    // around it), where only the header can name a key.
    enum Place {
        Value(usize),
        HeaderTable(usize),
    }
    // The table around a value: the value of the key before it (or a header table).
    let table_around = |p: usize| match enclosing(text, p, b'{', b'}') {
        Some(open) => Place::Value(open),
        None => Place::HeaderTable(p),
    };
    let leftmost_unknown = segments.iter().position(|s| s == "?").unwrap_or(0);
    let mut place = Place::Value(at);
    for i in (leftmost_unknown..segments.len()).rev() {
        let seg = &mut segments[i];
        place = match place {
            Place::Value(p) if seg.starts_with('[') => match enclosing(text, p, b'[', b']') {
                Some(open) => Place::Value(open),
                None => break,
            },
            Place::Value(p) if seg == "?" => {
                *seg = key_before(text, p)
                    .map(|k| diagnostic::shown(&k))
                    .unwrap_or_default();
                table_around(p)
            }
            Place::Value(p) => table_around(p),
            Place::HeaderTable(p) if seg == "?" => {
                *seg = header_before(text, p)
                    .map(|k| diagnostic::shown(&k))
                    .unwrap_or_default();
                break;
            }
            Place::HeaderTable(_) => break,
        };
    }
    for seg in &mut segments {
        if seg == "?" {
            seg.clear();
        }
    }
    // Rejoin: indices stick to the name before them.
    let mut out = String::new();
    for seg in segments.iter().filter(|s| !s.is_empty()) {
        if !seg.starts_with('[') && !out.is_empty() {
            out.push('.');
        }
        out.push_str(seg);
    }
    out
}

/// Where the innermost `open`…`close` pair around `at` opens (an inline table's `{`, a
/// list's `[`), if `at` is inside one. Reads from the start, skipping strings and
/// comments, so brackets inside them do not count.
fn enclosing(text: &str, at: usize, open_byte: u8, close_byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = at.min(bytes.len());
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'#' => {
                while i < end && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let delim: &[u8] = match (q, bytes[i..].starts_with(&[q, q, q])) {
                    (b'"', true) => b"\"\"\"",
                    (b'"', false) => b"\"",
                    (_, true) => b"'''",
                    (_, false) => b"'",
                };
                i += delim.len();
                while i < end && !bytes[i..].starts_with(delim) {
                    // Basic strings escape with a backslash; literal strings do not.
                    i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += delim.len();
                continue;
            }
            b if b == open_byte => open.push(i),
            b if b == close_byte => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    open.pop()
}

/// The last part of the nearest table header (`[a.b.key]` or `[[a.key]]`) before `at`.
fn header_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let line = before
        .lines()
        .rev()
        .map(str::trim_start)
        .find(|l| l.starts_with('['))?;
    let header = line.trim_start_matches('[').split(']').next()?;
    let last = header.rsplit('.').next()?.trim().trim_matches('"');
    (!last.is_empty()).then(|| last.to_owned())
}

/// Where a dotted key with too many parts is (the TOML reader does not say).
fn deep_key_span(text: &str, msg: &str) -> Option<std::ops::Range<usize>> {
    if msg.trim() != "recursion limit" {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let key = trimmed.split('=').next().unwrap_or("");
        if key.matches('.').count() + 1 >= MAX_TOML_DEPTH {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + 1);
        }
        offset += line.len();
    }
    None
}

/// Top-level keys that are arrays of tables, written `[[key]]`.
const ARRAYS_OF_TABLES: &[&str] = &[
    "sources",
    "candidates",
    "contexts",
    "criteria",
    "questions",
    "rules",
    "outcomes",
    "notes",
    "glossary",
];

/// `[candidates]` written for `[[candidates]]`.
fn array_of_tables_hint(key: &str, kind: &Kind) -> Option<String> {
    let array = ARRAYS_OF_TABLES.iter().find(|a| {
        key == **a
            || key
                .strip_prefix(**a)
                .is_some_and(|r| r.starts_with('[') && r.ends_with("].options"))
                && **a == "questions"
    })?;
    if !matches!(kind, Kind::WrongType { found } if found == "map") {
        return None;
    }
    let name = if key.ends_with(".options") {
        "questions.options"
    } else {
        array
    };
    Some(format!(
        "write `[[{name}]]` (two brackets) before each entry, not `[{name}]`"
    ))
}

/// The keys of a candidate, which owns two kinds of sub-table.
const CANDIDATE_KEYS: &[&str] = &[
    "id",
    "name",
    "short",
    "summary",
    "source",
    "when_to_use",
    "when_to_use_source",
    "facts",
    "caveats",
    "renamed_from",
    "replaces",
    "status",
    "status_reason",
    "status_source",
];

/// The keys of the tables that own sub-tables: a key of the owner written after a
/// sub-table's header lands in the sub-table.
const OWNERS: &[(&str, &str, &[&str])] = &[
    (
        "options",
        "questions",
        &[
            "id",
            "prompt",
            "help",
            "ask_if",
            "options",
            "source",
            "always_counts",
            "renamed_from",
            "replaces",
        ],
    ),
    ("facts", "candidates", CANDIDATE_KEYS),
    ("caveats", "candidates", CANDIDATE_KEYS),
    (
        "vocabulary",
        "dataset",
        &[
            "id",
            "title",
            "edition",
            "summary",
            "context_question",
            "criteria_title",
            "aspects_title",
            "decision",
        ],
    ),
];

const CONTEXT_KEYS: &[&str] = &["id", "name", "summary", "source", "support", "notes"];
const CRITERION_KEYS: &[&str] = &["id", "label", "short", "source", "values", "notes"];
const ASPECT_KEYS: &[&str] = &["id", "label", "short", "source", "cells"];

/// An unknown key that belongs to the table owning this sub-table: it was written after
/// the sub-table's header.
fn misplaced_key_hint(key: &str, kind: &Kind) -> Option<String> {
    let Kind::UnknownField(field) = kind else {
        return None;
    };
    let field = field.as_str();
    let mut parts: Vec<&str> = key.split('.').collect();
    parts.pop()?;
    let table = parts.last()?;
    let table_name = table.split('[').next()?;
    // Cell notes: contexts[i].notes.<candidate> or criteria[i].notes.<candidate>; aspect
    // cells: aspects[i].cells.<candidate>.
    if parts.len() >= 3 && matches!(parts[parts.len() - 2], "notes" | "cells") {
        let owner = parts[0].split('[').next()?;
        let cells = parts[parts.len() - 2];
        let keys: &[&str] = match (owner, cells) {
            ("contexts", "notes") => CONTEXT_KEYS,
            ("criteria", "notes") => CRITERION_KEYS,
            ("aspects", "cells") => ASPECT_KEYS,
            _ => return None,
        };
        return keys.contains(&field).then(|| {
            format!(
                "`{field}` is a key of the {} itself: write it before its first `[{owner}.{cells}.…]` table",
                singular(owner)
            )
        });
    }
    let (_, owner, keys) = OWNERS.iter().find(|(sub, _, _)| *sub == table_name)?;
    if !keys.contains(&field) {
        return None;
    }
    let header = if *owner == "dataset" {
        format!("[{owner}.{table_name}]")
    } else {
        format!("[[{owner}.{table_name}]]")
    };
    Some(format!(
        "`{field}` is a key of the {} itself: write it before its first `{header}`",
        singular(owner)
    ))
}

fn singular(table: &str) -> &str {
    match table {
        "questions" => "question",
        "candidates" => "candidate",
        "contexts" => "context",
        "criteria" => "criterion",
        "aspects" => "aspect",
        other => other,
    }
}

/// What kind of problem serde's message reports: the one place that reads its wording.
fn serde_kind(msg: &str) -> Kind {
    let quoted = |prefix: &str| {
        msg.strip_prefix(prefix)
            .and_then(|r| r.split('`').next())
            .map(str::to_owned)
    };
    if let Some(field) = quoted("unknown field `") {
        Kind::UnknownField(field)
    } else if let Some(field) = quoted("missing field `") {
        Kind::MissingField(field)
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let found = rest
            .split([',', ' ', '`'])
            .next()
            .unwrap_or_default()
            .to_owned();
        Kind::WrongType { found }
    } else {
        Kind::Shape
    }
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into kind, message,
/// expectation and a did-you-mean hint; other messages pass through. Rust type names
/// become TOML's.
fn split_serde_message(msg: &str) -> (Kind, String, Option<String>, Option<String>) {
    let msg = msg.trim();
    let kind = serde_kind(msg);
    if let Kind::MissingField(field) = &kind {
        return (
            kind.clone(),
            msg.to_owned(),
            Some(format!("a `{field}` key in this table (it is required)")),
            None,
        );
    }
    if let Some((head, expected)) = msg.rsplit_once(", expected ") {
        let hint = unknown_name(head).and_then(|bad| {
            // The expected names are the back-quoted words.
            let names = expected.split('`').skip(1).step_by(2);
            did_you_mean(bad, names)
        });
        return (
            kind,
            toml_words(&clip(head)),
            Some(toml_words(expected)),
            hint,
        );
    }
    (kind, toml_words(&clip(msg)), None, None)
}

/// Serde's and Rust's names for shapes, in the words of TOML and this schema.
fn toml_words(s: &str) -> String {
    let s = match s {
        "u32" | "u64" => "a whole number (0 or more)",
        "i64" | "i32" => "a whole number",
        "a sequence" => "a list, e.g. [\"a\", \"b\"]",
        "a map" => "a table",
        "a boolean" => "true or false",
        "a string" => "text in double quotes",
        other => other,
    };
    if let Some(n) = s.strip_prefix("invalid type: integer `").and_then(|r| {
        r.strip_suffix("` as i128")
            .or_else(|| r.strip_suffix("` as u128"))
    }) {
        return format!("integer `{n}` is out of range");
    }
    s.replace("invalid type: map", "invalid type: table")
        .replace("invalid type: sequence", "invalid type: list")
}

/// A message that repeats a long input value, cut short.
fn clip(msg: &str) -> String {
    const LONG: usize = 200;
    if msg.chars().count() <= LONG {
        return msg.to_owned();
    }
    let head: String = msg.chars().take(LONG - 40).collect();
    format!("{head}… (cut short)")
}

fn unknown_name(head: &str) -> Option<&str> {
    let rest = head
        .strip_prefix("unknown field `")
        .or_else(|| head.strip_prefix("unknown variant `"))?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys listed for misplaced-key hints are the keys serde accepts.
    #[test]
    fn owner_keys_match_the_schema() {
        use crate::dataset::raw::RawDataset;
        let expected_keys = |toml: &str| -> Vec<String> {
            let e = parse_toml::<RawDataset>("t.toml", toml).unwrap_err();
            let expected = e.diagnostics[0].expected.clone().unwrap();
            expected
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        for (sub, owner, keys) in OWNERS {
            let toml = match *owner {
                "dataset" => "schema = 1\n[dataset]\nzzz = 1\n".to_owned(),
                o => format!("schema = 1\n[[{o}]]\nzzz = 1\n"),
            };
            let mut serde_keys = expected_keys(&toml);
            let mut ours: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            // `vocabulary` is the sub-table itself.
            serde_keys.retain(|k| k != sub);
            ours.retain(|k| k != sub);
            serde_keys.sort();
            ours.sort();
            assert_eq!(ours, serde_keys, "keys of {owner}");
        }
        for (owner, keys) in [
            ("contexts", CONTEXT_KEYS),
            ("criteria", CRITERION_KEYS),
            ("aspects", ASPECT_KEYS),
        ] {
            let mut serde_keys = expected_keys(&format!("schema = 1\n[[{owner}]]\nzzz = 1\n"));
            let mut ours: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            serde_keys.sort();
            ours.sort();
            assert_eq!(ours, serde_keys, "keys of {owner}");
        }
    }

    #[test]
    fn finds_the_inline_table_around_a_position() {
        let text = "[a]\nx = { s = \"{ not a brace\", t = '}', # {\n y = { z = 1 } }\nw = 2\n";
        let at = |needle: &str| text.find(needle).unwrap();
        let inline = |p| enclosing(text, p, b'{', b'}');
        assert_eq!(inline(at("s =")), Some(at("{ s")));
        assert_eq!(inline(at("z =")), Some(at("{ z")));
        assert_eq!(inline(at("w =")), None);
        assert_eq!(key_before(text, at("{ z")).as_deref(), Some("y"));
    }

    #[test]
    fn splits_unknown_field_messages() {
        let (k, m, e, h) = split_serde_message("unknown field `titel`, expected `id` or `title`");
        assert_eq!(k, Kind::UnknownField("titel".into()));
        assert_eq!(m, "unknown field `titel`");
        assert_eq!(e.as_deref(), Some("`id` or `title`"));
        assert_eq!(h.as_deref(), Some("did you mean `title`?"));
    }
}
