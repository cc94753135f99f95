//! Ids a dataset no longer uses, and what became of them.
//!
//! A later edition of some knowledge renames things and replaces others. A dataset says so
//! with `renamed_from` and `replaces` on a candidate, a question or an option
//! (data/README.md, section 3), so that an answer, an answers file or a command line
//! written for the earlier edition is met with what the id became, rather than with a
//! "did you mean" among unrelated ids that merely look alike.

use std::collections::BTreeMap;

use super::model::QuestionIx;

/// What an id names. Ids of different kinds never clash, and option ids only within their
/// question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Candidate,
    Question,
    Option(QuestionIx),
}

/// How an old id relates to the thing that now names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The same thing under a new id (`renamed_from`).
    Renamed,
    /// Another thing that took its place (`replaces`).
    Replaced,
}

/// Old id → what names it now, per kind. Each current thing is an index into the
/// dataset's list of that kind (candidates, questions, or the question's options).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormerIds {
    by_old: BTreeMap<(Kind, String), Vec<(Change, usize)>>,
}

impl FormerIds {
    /// Records that `old` became the thing at `now`; false when exactly this was recorded
    /// already.
    pub fn add(&mut self, kind: Kind, old: &str, change: Change, now: usize) -> bool {
        let entry = self.by_old.entry((kind, old.to_owned())).or_default();
        if entry.contains(&(change, now)) {
            return false;
        }
        entry.push((change, now));
        true
    }

    /// What `old` became: nothing when the dataset never named it.
    pub fn of(&self, kind: Kind, old: &str) -> &[(Change, usize)] {
        self.by_old
            .get(&(kind, old.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether some thing of this kind was already renamed from `old` (a rename has one
    /// target; a thing that became several is a replacement).
    pub fn renamed(&self, kind: Kind, old: &str) -> Option<usize> {
        self.of(kind, old)
            .iter()
            .find(|(c, _)| *c == Change::Renamed)
            .map(|&(_, now)| now)
    }

    pub fn is_empty(&self) -> bool {
        self.by_old.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_each_change_once() {
        let mut f = FormerIds::default();
        assert!(f.add(Kind::Option(0), "old", Change::Renamed, 1));
        assert!(!f.add(Kind::Option(0), "old", Change::Renamed, 1));
        assert!(f.add(Kind::Option(0), "old", Change::Replaced, 2));
        assert_eq!(
            f.of(Kind::Option(0), "old"),
            [(Change::Renamed, 1), (Change::Replaced, 2)]
        );
        assert!(f.of(Kind::Option(1), "old").is_empty());
        assert!(f.of(Kind::Candidate, "old").is_empty());
        assert_eq!(f.renamed(Kind::Option(0), "old"), Some(1));
    }
}
