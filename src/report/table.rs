//! Plain-text and Markdown tables, aligned by display width.

use unicode_width::UnicodeWidthStr;

use crate::sanitize;

/// Cells are sanitised single lines; the first row is the header.
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Self {
        Self {
            rows: vec![header.into_iter().map(clean).collect()],
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(clean).collect());
    }

    fn widths(&self) -> Vec<usize> {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        (0..cols)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Columns separated by two spaces, a rule under the header.
    pub fn text(&self) -> String {
        let widths = self.widths();
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            let line: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, &w)| pad(row.get(c).map_or("", String::as_str), w))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
                out.push_str(&rule.join("  "));
                out.push('\n');
            }
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let widths: Vec<usize> = self.widths().into_iter().map(|w| w.max(3)).collect();
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, &w)| pad(&md_cell(row.get(c).map_or("", String::as_str)), w))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
            }
        }
        out
    }
}

fn clean(s: String) -> String {
    sanitize::line(&s).into_owned()
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut t = Table::new(vec!["a".into(), "b".into()]);
        t.row(vec!["wide".into(), "x|y".into()]);
        assert_eq!(t.text(), "a     b\n----  ---\nwide  x|y\n");
        assert!(t.markdown().contains("x\\|y"));
    }
}
