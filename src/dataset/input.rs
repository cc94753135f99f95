//! Reading an input file (dataset or answers) safely: size limit, directories, permissions,
//! UTF-8, TOML syntax and shape, each failure a `Diagnostic` naming the file and place.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, InputError, LineIndex, did_you_mean};

/// Largest input file accepted, in bytes. Real datasets are a few dozen KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

fn whole_file(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: None,
        column: None,
        key: String::new(),
        message,
        expected: None,
        hint: None,
    }
}

/// Reads `path` as UTF-8 text of at most `MAX_FILE_BYTES`.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| whole_file(&file, io_message(&e)))?;
    if meta.is_dir() {
        return Err(whole_file(&file, "is a directory, not a file".into()).into());
    }
    let f = std::fs::File::open(path).map_err(|e| whole_file(&file, io_message(&e)))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit to tell "exactly at the limit" from "over it", even for
    // files whose size the metadata does not know (pipes, /proc).
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| whole_file(&file, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(whole_file(
            &file,
            format!("is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB)"),
        )
        .into());
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
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            key: String::new(),
            message: format!(
                "is not valid UTF-8 (byte 0x{:02x} at offset {at})",
                e.as_bytes()[at]
            ),
            expected: Some("a UTF-8 text file".into()),
            hint: None,
        }
        .into()
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "cannot be read: permission denied".into(),
        _ => format!("cannot be read: {e}"),
    }
}

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
        return Err(whole_file(file, "is empty".into()).into());
    }
    let de = toml::de::Deserializer::parse(text).map_err(|e| {
        let (line, column) = locate(e.span());
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            key: String::new(),
            message: format!("TOML syntax error: {}", e.message().trim()),
            expected: None,
            hint: None,
        }
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        // Spanned<T> wraps its value in a private field: not part of the user's key path.
        let key = e
            .path()
            .to_string()
            .replace(".$__serde_spanned_private_value", "")
            .replace("$__serde_spanned_private_value", "");
        let key = if key == "." { String::new() } else { key };
        let inner = e.inner();
        let (line, column) = locate(inner.span());
        let (message, expected, hint) = split_serde_message(inner.message());
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            key,
            message,
            expected,
            hint,
        }
        .into()
    })
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into message, expectation
/// and a did-you-mean hint; other messages pass through.
fn split_serde_message(msg: &str) -> (String, Option<String>, Option<String>) {
    let msg = msg.trim();
    if let Some((head, expected)) = msg.split_once(", expected ") {
        let hint = unknown_name(head).and_then(|bad| {
            // The expected names are the back-quoted words.
            let names = expected.split('`').skip(1).step_by(2);
            did_you_mean(bad, names)
        });
        return (head.to_owned(), Some(expected.to_owned()), hint);
    }
    (msg.to_owned(), None, None)
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

    #[test]
    fn splits_unknown_field_messages() {
        let (m, e, h) = split_serde_message("unknown field `titel`, expected `id` or `title`");
        assert_eq!(m, "unknown field `titel`");
        assert_eq!(e.as_deref(), Some("`id` or `title`"));
        assert_eq!(h.as_deref(), Some("did you mean `title`?"));
    }
}
