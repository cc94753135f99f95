//! The fixed keys of the JSON outputs. A dataset's vocabulary names four keys of its own
//! (`candidate_key`, `candidates_key`, `contexts_key`, `context_key`) that sit beside these;
//! one equal to a
//! fixed key would silently replace it (`contexts_key = "dataset"` and the dataset id is
//! gone), so the loader refuses them. Keep this list in step with the JSON built in
//! `recommend.rs`, `catalog.rs` and `commands.rs` (`datasets`, `check`):
//! `tests/reserved_json_keys.rs` runs every JSON output and checks it.

/// The top-level keys of every JSON document, and the keys of every object in which a
/// vocabulary key appears (the entries of `ranking` and `why_not`, reasons, the notes of
/// the support matrix, the support row of a comparison).
pub const RESERVED: &[&str] = &[
    // recommend
    "dataset",
    "answers",
    "ignored_answers",
    "waiting_answers",
    "result",
    "headline",
    "notices",
    "recommendation",
    "tie",
    "decided_by_order",
    "tie_breakers",
    "settled",
    "open_questions",
    "ranking",
    "conflict",
    "conflict_given",
    "relaxations",
    "outcomes",
    "why",
    "caveats",
    "next_steps",
    "why_not",
    "what_if",
    "what_if_more",
    // entries of ranking and why_not, beside `candidate_key`
    "name",
    "status",
    "score",
    "reasons",
    "excluded",
    "behind",
    "summary",
    // reasons, beside `context_key`
    "text",
    "kind",
    "rule",
    "points",
    "criterion",
    "value",
    "note",
    "pick_points",
    "their_points",
    "rules",
    "source",
    // notes of the support matrix, beside `context_key` and `candidate_key`; the support
    // row of a comparison, beside `context_key`
    "values",
    "differs",
    "status_reason",
    // compare and matrix
    "criteria",
    "aspects",
    "support",
    "notes",
    "when_to_use",
    // entries of questions
    "id",
    "prompt",
    "help",
    "options",
    "ask_if",
    "always_counts",
    // entries of datasets
    "title",
    "edition",
    "default",
    // check
    "valid",
    "complete",
    "exhaustive",
    "uncovered",
    "paths",
    "evaluations",
    "findings",
];

/// Whether `key` is one of the fixed keys of the JSON outputs.
pub fn is_reserved(key: &str) -> bool {
    RESERVED.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_vocabulary_keys_are_free() {
        for k in ["candidate", "candidates", "contexts", "context"] {
            assert!(!is_reserved(k), "{k}");
        }
        let mut sorted = RESERVED.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), RESERVED.len(), "a key listed twice");
    }
}
