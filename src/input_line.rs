//! Reading one line of typed input with a bound on memory: a line longer than the bound is
//! read through and dropped rather than held, so a 200 MB line costs the bound, not 200 MB.

use std::io::{self, BufRead};

/// One line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputLine {
    /// A line within the bound, without its line break; invalid UTF-8 replaced.
    Line(String),
    /// A line over the bound: its first bytes (up to the bound; invalid UTF-8 replaced),
    /// and its length. The rest was read and dropped.
    TooLong { start: String, bytes: usize },
    /// No more input.
    End,
}

/// Reads one line of at most `max_bytes` bytes (line break excluded) from `input`.
pub fn read_line(input: &mut impl BufRead, max_bytes: usize) -> io::Result<InputLine> {
    let mut kept: Vec<u8> = Vec::new();
    let mut length = 0usize;
    let mut read_anything = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        read_anything = true;
        let newline = buf.iter().position(|&b| b == b'\n');
        let piece = &buf[..newline.unwrap_or(buf.len())];
        let room = max_bytes.saturating_sub(kept.len());
        kept.extend_from_slice(&piece[..piece.len().min(room)]);
        length += piece.len();
        let used = newline.map_or(buf.len(), |at| at + 1);
        input.consume(used);
        if newline.is_some() {
            break;
        }
    }
    if !read_anything {
        return Ok(InputLine::End);
    }
    let text = String::from_utf8_lossy(&kept).into_owned();
    Ok(if length > max_bytes {
        InputLine::TooLong {
            start: text,
            bytes: length,
        }
    } else {
        InputLine::Line(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<InputLine> {
        // A tiny buffer, so that lines span several reads.
        let mut r = io::BufReader::with_capacity(3, input);
        let mut out = Vec::new();
        loop {
            let l = read_line(&mut r, max).unwrap();
            let end = l == InputLine::End;
            out.push(l);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn reads_lines_and_drops_the_rest_of_a_long_one() {
        use InputLine::*;
        assert_eq!(
            lines(b"1\nabcdefgh\n\n2", 4),
            vec![
                Line("1".into()),
                TooLong {
                    start: "abcd".into(),
                    bytes: 8
                },
                Line(String::new()),
                Line("2".into()),
                End
            ]
        );
        assert_eq!(lines(b"abcd\n", 4), vec![Line("abcd".into()), End]);
        assert_eq!(lines(b"", 4), vec![End]);
        assert_eq!(lines(b"\xff\n", 4), vec![Line("\u{FFFD}".into()), End]);
    }
}
