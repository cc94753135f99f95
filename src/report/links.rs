//! Links to sources: which URLs from a dataset may be shown as links, how each face writes
//! one, and the one place that writes an OSC 8 terminal hyperlink.
//!
//! A dataset's `url` is data like any other text: the loader has already replaced control
//! and format characters in it, but a URL can still be something no reader should follow
//! (`javascript:`, a `file:` path) or something that breaks the syntax around it (a space
//! or `>` in Markdown, a bracket in a terminal sequence). Only a URL [`valid_url`] accepts
//! is ever written as a link; anything else is shown as text, or not at all.

use super::model::SourceRef;
use crate::sanitize;

/// Longest URL written as a link; longer ones are shown as their source's path.
pub const MAX_URL_CHARS: usize = 2000;

/// `url` when it may be written as a link: `http://` or `https://` followed by a host,
/// printable ASCII only (an internationalised address must be percent-encoded), nothing
/// that ends a link in Markdown or a terminal sequence (spaces, quotes, angle brackets,
/// backslashes, backticks), and no replacement character left by the loader.
pub fn valid_url(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_ok = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|h| !h.is_empty() && !h.starts_with(':'));
    let chars_ok = url.chars().all(|c| {
        c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\'' | '\\' | '`' | '{' | '}' | '|')
    });
    (host_ok && chars_ok && url.len() <= MAX_URL_CHARS).then_some(url)
}

/// The URL of a source, when it may be written as a link.
pub fn source_url(s: &SourceRef) -> Option<&str> {
    s.url.as_deref().and_then(valid_url)
}

/// A source for plain text: its title and its link, or its path when it has no valid
/// link (a repository path is still a place to look).
pub fn source_text(s: &SourceRef) -> String {
    match source_url(s) {
        Some(url) => format!("{} <{url}>", s.title),
        // A source known only by a URL that is not a valid link is cited by its title.
        None if s.path.is_empty() => s.title.clone(),
        None => format!("{} ({})", s.title, s.path),
    }
}

/// A URL inside a Markdown link's parentheses: balanced parentheses are legal there, but a
/// lone one ends the link early in some renderers, so both are percent-encoded.
pub fn markdown_url(url: &str) -> String {
    url.replace('(', "%28").replace(')', "%29")
}

/// The OSC 8 sequence that makes `text` a link to `url` on a terminal that supports it,
/// or `None` when the URL is not one [`valid_url`] accepts. The text is made one safe line
/// first, so the only control bytes in the result are the two sequences' own framing.
pub fn osc8(url: &str, text: &str) -> Option<String> {
    let url = valid_url(url)?;
    let text = sanitize::line(text);
    Some(format!("{OSC8_OPEN}{url}{ST}{text}{OSC8_OPEN}{ST}"))
}

/// `ESC ] 8 ; ;`: starts a hyperlink (with no parameters); the URL follows.
const OSC8_OPEN: &str = "\x1b]8;;";
/// String terminator: `ESC \`.
const ST: &str = "\x1b\\";

/// Whether the wizard's terminal is asked to show hyperlinks: a terminal other than
/// `TERM=dumb` (which gets the plain mode anyway); terminals that do not know OSC 8
/// ignore it. `AUTHWIZ_HYPERLINKS=0` turns it off for a terminal that does not.
pub fn hyperlinks_wanted(term: Option<&str>, setting: Option<&str>) -> bool {
    term != Some("dumb") && setting != Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(
            valid_url("https://example.com/a?b=c#d"),
            Some("https://example.com/a?b=c#d")
        );
        assert!(valid_url("http://example.com").is_some());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\u{FFFD}",
            "https://example.com/\x1b[31m",
            "https://example.com/\x07",
            "https://example.com/a\"b",
            "https://example.com/<b>",
            "https://example.com/\\",
            "https://exämple.com",
            "ftp://example.com",
        ] {
            assert_eq!(valid_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn osc8_frames_a_valid_url_and_nothing_else_is_a_control_byte() {
        let s = osc8("https://example.com/x", "Title").unwrap();
        assert_eq!(s, "\x1b]8;;https://example.com/x\x1b\\Title\x1b]8;;\x1b\\");
        // Hostile text and URLs: no link, or a link whose only control bytes are its framing.
        let texts = [
            "plain",
            "a\x1b]8;;evil\x07b",
            "\u{9b}2J",
            "x\x07y\u{202e}z",
            "\r\nfake",
        ];
        let urls = [
            "https://example.com",
            "https://example.com/\x1b\\",
            "https://example.com/\x07",
            "https://e.com/\u{9c}",
            "javascript:x",
        ];
        for url in urls {
            for text in texts {
                let Some(s) = osc8(url, text) else {
                    assert!(valid_url(url).is_none());
                    continue;
                };
                let inner = s
                    .strip_prefix(OSC8_OPEN)
                    .and_then(|s| s.strip_suffix(&format!("{OSC8_OPEN}{ST}")))
                    .expect("framed");
                let (link, shown) = inner.split_once(ST).expect("a terminator after the URL");
                assert_eq!(link, url);
                for part in [link, shown] {
                    assert!(
                        !part.chars().any(sanitize::is_unsafe_to_show),
                        "raw control byte from the data in {s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_source_without_a_valid_url_shows_its_path() {
        let s = SourceRef {
            id: "s".into(),
            title: "T".into(),
            path: "p.md".into(),
            url: Some("javascript:x".into()),
        };
        assert_eq!(source_text(&s), "T (p.md)");
        let s = SourceRef {
            url: Some("https://e.com/p".into()),
            ..s
        };
        assert_eq!(source_text(&s), "T <https://e.com/p>");
        assert_eq!(
            markdown_url("https://e.com/a_(b)"),
            "https://e.com/a_%28b%29"
        );
    }
}
