//! Validation of `renamed_from` and `replaces` (see `dataset::former`), kept apart from
//! the rest of the loader: one idea, one file, and a one-line hook in `load.rs`.

use std::collections::HashSet;

use super::Validator;
use crate::dataset::diagnostic::shown;
use crate::dataset::former::{Change, FormerIds, Kind};
use crate::dataset::raw::{Id, RawDataset};

/// The former ids written on one thing, and where.
struct Written<'r> {
    kind: Kind,
    now: usize,
    key: String,
    renamed_from: &'r [Id],
    replaces: &'r [Id],
}

impl<'r> Written<'r> {
    /// The former ids written on one thing, if it names any (the key built only then).
    fn of(
        kind: Kind,
        now: usize,
        key: impl FnOnce() -> String,
        renamed_from: &'r [Id],
        replaces: &'r [Id],
    ) -> Option<Self> {
        (!renamed_from.is_empty() || !replaces.is_empty()).then(|| Self {
            kind,
            now,
            key: key(),
            renamed_from,
            replaces,
        })
    }
}

impl Validator<'_> {
    /// Collects every former id, reporting a malformed one, one the dataset still uses
    /// for a thing of the same kind (it would be ambiguous), a rename claimed by two
    /// things (a thing that became several was replaced, not renamed), and one listed
    /// twice.
    pub(super) fn former_ids(&mut self, raw: &RawDataset) -> FormerIds {
        // Only the things that name former ids (few or none): loading pays nothing more
        // for a dataset without them.
        let mut written = Vec::new();
        for (i, c) in raw.candidates.iter().enumerate() {
            written.extend(Written::of(
                Kind::Candidate,
                i,
                || format!("candidates[{i}]"),
                &c.renamed_from,
                &c.replaces,
            ));
        }
        for (q, question) in raw.questions.iter().enumerate() {
            written.extend(Written::of(
                Kind::Question,
                q,
                || format!("questions[{q}]"),
                &question.renamed_from,
                &question.replaces,
            ));
            for (o, option) in question.options.iter().enumerate() {
                written.extend(Written::of(
                    Kind::Option(q),
                    o,
                    || format!("questions[{q}].options[{o}]"),
                    &option.renamed_from,
                    &option.replaces,
                ));
            }
        }
        let in_use = |kind: Kind| -> HashSet<&str> {
            match kind {
                Kind::Candidate => raw
                    .candidates
                    .iter()
                    .map(|c| c.id.get_ref().as_str())
                    .collect(),
                Kind::Question => raw
                    .questions
                    .iter()
                    .map(|q| q.id.get_ref().as_str())
                    .collect(),
                Kind::Option(q) => raw.questions[q]
                    .options
                    .iter()
                    .map(|o| o.id.get_ref().as_str())
                    .collect(),
            }
        };
        let mut former = FormerIds::default();
        for w in &written {
            let current = in_use(w.kind);
            for (change, list, name) in [
                (Change::Renamed, w.renamed_from, "renamed_from"),
                (Change::Replaced, w.replaces, "replaces"),
            ] {
                for (j, old) in list.iter().enumerate() {
                    let key = format!("{}.{name}[{j}]", w.key);
                    if !self.check_id(old, &key) {
                        continue;
                    }
                    self.former_id(&mut former, w, change, old, &key, &current);
                }
            }
        }
        former
    }

    fn former_id(
        &mut self,
        former: &mut FormerIds,
        w: &Written,
        change: Change,
        old: &Id,
        key: &str,
        current: &HashSet<&str>,
    ) {
        let id = old.get_ref().as_str();
        let what = match w.kind {
            Kind::Candidate => "candidate",
            Kind::Question => "question",
            Kind::Option(_) => "option of this question",
        };
        if current.contains(id) {
            self.report(
                Some(old.span()),
                key,
                format!("`{}` is still the id of a {what}", shown(id)),
                Some("an id this dataset no longer uses for that kind of thing".into()),
                None,
            );
            return;
        }
        if change == Change::Renamed
            && let Some(first) = former.renamed(w.kind, id)
            && first != w.now
        {
            self.report(
                Some(old.span()),
                key,
                format!("`{}` is already renamed to another {what}", shown(id)),
                Some("one new id per renamed id: list a thing that took several places under `replaces`".into()),
                None,
            );
            return;
        }
        if !former.add(w.kind, id, change, w.now) {
            self.report(
                Some(old.span()),
                key,
                format!("`{}` is listed twice", shown(id)),
                Some("each former id once".into()),
                None,
            );
        }
    }
}
