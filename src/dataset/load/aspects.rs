//! The comparison table's extras, validated apart from the decision model they do not
//! touch: `[[aspects]]` (rows described in words), the optional `short` names of
//! candidates, criteria and aspects, and the headings of the two kinds of row.

use super::{Table, Validator};
use crate::dataset::diagnostic::{list_ids, shown};
use crate::dataset::model::{Aspect, AspectCell};
use crate::dataset::raw::{RawAspect, RawMeta, Text};

/// Longest accepted `short` name, in characters: it exists to fit a narrow column.
pub const MAX_SHORT_CHARS: usize = 24;
/// Longest accepted aspect cell, in characters: a cell is read in a table, not a page.
pub const MAX_CELL_CHARS: usize = 200;

impl Validator<'_> {
    /// An optional short name: when given, not blank and at most [`MAX_SHORT_CHARS`].
    pub(super) fn short(&mut self, short: &Option<Text>, key: &str) -> Option<String> {
        let short = short.as_ref()?;
        self.check_text(short, key, true);
        self.check_length(short, key, MAX_SHORT_CHARS);
        Some(short.value.clone())
    }

    fn check_length(&mut self, text: &Text, key: &str, max: usize) {
        let n = text.chars().count();
        // Past the general text limit `check_text` has said so already.
        if n > max && n <= super::MAX_TEXT_CHARS {
            self.report(
                text.place(),
                key,
                format!("is {n} characters long"),
                Some(format!("at most {max} characters")),
                None,
            );
        }
    }

    /// The optional headings of the criteria and aspect rows.
    pub(super) fn comparison_titles(&mut self, meta: &RawMeta) -> (Option<String>, Option<String>) {
        let title = |v: &mut Self, t: &Option<Text>, key: &str| {
            t.as_ref().map(|t| {
                v.check_text(t, key, true);
                t.value.clone()
            })
        };
        (
            title(self, &meta.criteria_title, "dataset.criteria_title"),
            title(self, &meta.aspects_title, "dataset.aspects_title"),
        )
    }

    /// `[[aspects]]`: ids unique, every candidate given exactly one cell, every cell a
    /// short text with a source (its own, or the row's).
    pub(super) fn aspects(
        &mut self,
        raw: &[RawAspect],
        candidates: &Table,
        sources: &Table,
    ) -> Vec<Aspect> {
        let _ids = self.table("aspect", "aspects", raw, |a| &a.id);
        let mut out = Vec::new();
        for (i, a) in raw.iter().enumerate() {
            let k = format!("aspects[{i}]");
            self.check_text(&a.label, &format!("{k}.label"), true);
            let short = self.short(&a.short, &format!("{k}.short"));
            let source = self
                .resolve(sources, &a.source, &format!("{k}.source"))
                .unwrap_or(0);
            let mut cells: Vec<Option<AspectCell>> = vec![None; candidates.len];
            for (cand, cell) in &a.cells {
                let ck = format!("{k}.cells.{}", shown(cand.get_ref()));
                self.check_text(&cell.text, &format!("{ck}.text"), true);
                self.check_length(&cell.text, &format!("{ck}.text"), MAX_CELL_CHARS);
                let cell_source = match &cell.source {
                    Some(s) => self
                        .resolve(sources, s, &format!("{ck}.source"))
                        .unwrap_or(source),
                    None => source,
                };
                if let Some(c) = self.resolve(candidates, cand, &ck) {
                    cells[c] = Some(AspectCell {
                        text: cell.text.value.clone(),
                        source: cell_source,
                    });
                }
            }
            let missing: Vec<&str> = candidates
                .ids
                .iter()
                .filter(|id| candidates.get(id).is_some_and(|c| cells[c].is_none()))
                .copied()
                .collect();
            if !missing.is_empty() {
                self.report(
                    Some(a.id.span()),
                    format!("{k}.cells"),
                    format!(
                        "aspect `{}` has no cell for {}",
                        shown(a.id.get_ref()),
                        list_ids(missing)
                    ),
                    Some(format!(
                        "one cell for every candidate: {}",
                        list_ids(candidates.ids.iter().copied())
                    )),
                    None,
                );
            }
            out.push(Aspect {
                id: a.id.get_ref().clone(),
                label: a.label.value.clone(),
                short,
                source,
                cells: cells
                    .into_iter()
                    .map(|c| {
                        c.unwrap_or(AspectCell {
                            text: String::new(),
                            source,
                        })
                    })
                    .collect(),
            });
        }
        out
    }
}
