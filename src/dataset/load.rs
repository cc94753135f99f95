//! Raw TOML shapes → validated `Dataset`, collecting every semantic problem at once.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde_spanned::Spanned;

use super::diagnostic::{
    Diagnostic, InputError, Kind, LineIndex, Problems, article, describe_char, did_you_mean,
    list_ids, shown,
};
use super::input::parse_toml;
use super::model::*;
use super::raw::*;
use crate::report::keys as json_keys;

mod aspects;
mod conditions;
mod former_ids;
mod sections;

/// Longest accepted id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest accepted text field, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Largest accepted score weight, in absolute value.
pub const MAX_WEIGHT: i64 = 100;

/// Parses and validates a dataset from TOML text; `file` names it in messages.
pub fn load_str(file: &str, text: &str) -> Result<Dataset, InputError> {
    let raw: RawDataset = parse_toml(file, text).map_err(|mut e| {
        for d in &mut e.diagnostics {
            if d.kind == Kind::EmptyFile {
                d.expected = Some("a dataset: `schema = 1`, a `[dataset]` table, sources, candidates and questions (see data/README.md)".into());
            }
        }
        e
    })?;
    Validator::new(file, text).validate(raw)
}

struct Validator<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    problems: Problems,
}

/// The two kinds of machine name a dataset writes: ids, and the keys its vocabulary gives
/// the JSON output (which may also use underscores, as JSON keys conventionally do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Id,
    JsonKey,
}

impl Name {
    fn allows(self, c: char) -> bool {
        c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == '-'
            || (c == '_' && self == Name::JsonKey)
    }

    /// The separator a likely intended name uses for spaces and dots.
    fn separator(self) -> char {
        match self {
            Name::Id => '-',
            Name::JsonKey => '_',
        }
    }

    fn what(self) -> &'static str {
        match self {
            Name::Id => "id",
            Name::JsonKey => "key",
        }
    }

    fn expected(self) -> String {
        match self {
            Name::Id => format!(
                "lowercase letters, digits and hyphens, not starting with a hyphen, 1 to {MAX_ID_CHARS} characters"
            ),
            Name::JsonKey => format!(
                "lowercase letters, digits, hyphens and underscores, not starting with a hyphen or an underscore, 1 to {MAX_ID_CHARS} characters"
            ),
        }
    }
}

/// Id → index, for resolving references.
struct Table<'r> {
    what: &'static str,
    /// Number of entries, duplicates included (indices run up to it).
    len: usize,
    /// The well-formed ids, each once: listed and offered in messages.
    ids: Vec<&'r str>,
    index: HashMap<&'r str, usize>,
    /// For a malformed id, the id it likely meant (`SQLite` → `sqlite`).
    aliases: HashMap<String, usize>,
    /// Some id is defined twice: an entry lost its own id, so a reference to an unknown
    /// id most likely meant it and is not reported (the duplicate is).
    duplicates: bool,
}

impl<'r> Table<'r> {
    fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).or_else(|| self.aliases.get(id)).copied()
    }
}

impl<'a> Validator<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            lines: LineIndex::new(text),
            problems: Problems::default(),
        }
    }

    fn report(
        &mut self,
        span: Option<Range<usize>>,
        key: impl Into<String>,
        message: impl Into<String>,
        expected: Option<String>,
        hint: Option<String>,
    ) {
        self.report_with(span, key, || (message.into(), expected, hint));
    }

    /// Reports a problem whose message is costly to build (a list of ids, a "did you
    /// mean"): `describe` runs only while the problem will be shown.
    fn report_with(
        &mut self,
        span: Option<Range<usize>>,
        key: impl Into<String>,
        describe: impl FnOnce() -> (String, Option<String>, Option<String>),
    ) {
        let (file, lines) = (self.file, &self.lines);
        self.problems.add(|| {
            let (line, column) = match span {
                Some(s) => {
                    let (l, c) = lines.position(s.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            let (message, expected, hint) = describe();
            Diagnostic {
                line,
                column,
                key: key.into(),
                expected,
                hint,
                ..Diagnostic::new(Kind::Invalid, file, message)
            }
        });
    }

    fn check_id(&mut self, id: &Id, key: &str) -> bool {
        self.check_name(id, key, Name::Id).is_ok()
    }

    /// Checks an id or a JSON key: `Err` when it is malformed (reported), with the name
    /// it likely meant, if one is clear.
    fn check_name(&mut self, id: &Id, key: &str, kind: Name) -> Result<(), Option<String>> {
        let s = id.get_ref();
        let n = s.chars().count();
        let bad_char = s.chars().find(|&c| !kind.allows(c));
        let why = if s.is_empty() {
            "it is empty".to_owned()
        } else if n > MAX_ID_CHARS {
            format!("it is {n} characters long")
        } else if let Some(c) = bad_char {
            format!(
                "{} is not allowed in {} {}",
                describe_char(c),
                article(kind.what()),
                kind.what()
            )
        } else if s.starts_with(['-', '_']) {
            format!(
                "it starts with {}",
                if s.starts_with('-') {
                    "a hyphen"
                } else {
                    "an underscore"
                }
            )
        } else {
            return Ok(());
        };
        // A likely intended name: lowercase, with the separator for spaces and the like.
        let sep = kind.separator();
        let fixed: String = s
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '.' => sep,
                '_' | '-' if kind == Name::Id => sep,
                c => c.to_ascii_lowercase(),
            })
            .collect::<String>()
            .trim_start_matches(['-', '_'])
            .to_owned();
        let fixable = fixed != *s
            && !fixed.is_empty()
            && fixed.chars().count() <= MAX_ID_CHARS
            && fixed.chars().all(|c| kind.allows(c));
        self.report(
            Some(id.span()),
            key,
            format!("invalid {} `{}`: {why}", kind.what(), shown(s)),
            Some(kind.expected()),
            fixable.then(|| format!("did you mean `{fixed}`?")),
        );
        Err(fixable.then_some(fixed))
    }

    /// The vocabulary's JSON keys: well formed, none a key the JSON output already uses
    /// beside them (it would overwrite or be overwritten), and no two the same.
    fn check_vocabulary_keys(&mut self, voc: &RawVocabulary) {
        let keys = [
            ("candidate_key", &voc.candidate_key),
            ("candidates_key", &voc.candidates_key),
            ("contexts_key", &voc.contexts_key),
            ("context_key", &voc.context_key),
        ];
        // `context_key` (newer) sits beside `candidate_key` in the objects that name both;
        // left at its default, it may equal the list keys, which never share an object
        // with it (a dataset written before it existed keeps loading).
        let may_clash = |a: &str, a_key: &Id, b: &str, b_key: &Id| {
            let default_context = |n: &str, k: &Id| n == "context_key" && k.span().is_empty();
            !(default_context(a, a_key) && b != "candidate_key"
                || default_context(b, b_key) && a != "candidate_key")
        };
        for (i, &(name, key)) in keys.iter().enumerate() {
            let path = format!("dataset.vocabulary.{name}");
            if self.check_name(key, &path, Name::JsonKey).is_err() {
                continue;
            }
            let k = key.get_ref();
            if json_keys::is_reserved(k) {
                self.report(
                    Some(key.span()),
                    path,
                    format!("key `{k}` is already a key of the JSON output"),
                    Some(
                        "a key the JSON output does not already use (data/README.md, section 3, lists them)"
                            .into(),
                    ),
                    None,
                );
            } else if let Some(&(other, other_key)) = keys[..i]
                .iter()
                .find(|(n, o)| o.get_ref() == k && may_clash(name, key, n, o))
            {
                // Point at the one written in the file: a default has no place.
                let (at, at_name, default_name) = if key.span().is_empty() {
                    (other_key, other, name)
                } else {
                    (key, name, other)
                };
                let default = if keys
                    .iter()
                    .any(|(n, o)| *n == default_name && o.span().is_empty())
                {
                    " (its default)"
                } else {
                    ""
                };
                self.report(
                    Some(at.span()),
                    format!("dataset.vocabulary.{at_name}"),
                    format!("key `{k}` is also the `{default_name}`{default}"),
                    Some(
                        "different keys for `candidate_key`, `candidates_key`, `contexts_key` and `context_key`"
                            .into(),
                    ),
                    None,
                );
            }
        }
    }

    fn check_text(&mut self, text: &Text, key: &str, required: bool) {
        let blank = if text.is_empty() {
            Some("is empty")
        } else if text.trim().is_empty() {
            Some("is blank")
        } else if text.only_invisible {
            Some("is blank (only invisible characters)")
        } else {
            None
        };
        if let (true, Some(blank)) = (required, blank) {
            self.report(text.place(), key, blank, Some("some text".into()), None);
        }
        let n = text.chars().count();
        if n > MAX_TEXT_CHARS {
            self.report(
                text.place(),
                key,
                format!("is {n} characters long"),
                Some(format!("at most {MAX_TEXT_CHARS} characters")),
                None,
            );
        }
    }

    /// Builds an id table, reporting invalid and duplicate ids.
    ///
    /// A malformed id still resolves (as written, and as the id it likely meant), so that
    /// the references to it do not each add an error; it is never offered as a "did you
    /// mean", nor listed as a valid id.
    fn table<'r, T>(
        &mut self,
        what: &'static str,
        key: &str,
        items: &'r [T],
        id_of: impl Fn(&'r T) -> &'r Id,
    ) -> Table<'r> {
        let mut index = HashMap::new();
        let mut ids = Vec::new();
        let mut aliases = HashMap::new();
        let mut duplicates = false;
        for (i, item) in items.iter().enumerate() {
            let id = id_of(item);
            let valid = match self.check_name(id, &format!("{key}[{i}].id"), Name::Id) {
                Ok(()) => true,
                Err(fixed) => {
                    if let Some(fixed) = fixed {
                        aliases.entry(fixed).or_insert(i);
                    }
                    false
                }
            };
            if let Some(first) = index.insert(id.get_ref().as_str(), i) {
                index.insert(id.get_ref().as_str(), first);
                duplicates = true;
                let (line, _) = self.lines.position(id_of(&items[first]).span().start);
                self.report(
                    Some(id.span()),
                    format!("{key}[{i}].id"),
                    format!(
                        "duplicate {what} id `{}` (first defined at {key}[{first}], line {line})",
                        shown(id.get_ref())
                    ),
                    Some(format!("{} {what} id used only once", article(what))),
                    Some(format!(
                        "give it an id of its own: references to {what} ids that are not defined are reported once the ids are unique"
                    )),
                );
            } else if valid {
                ids.push(id.get_ref().as_str());
            }
        }
        // An alias never hides a real id.
        aliases.retain(|fixed, _| !index.contains_key(fixed.as_str()));
        Table {
            what,
            len: items.len(),
            ids,
            index,
            aliases,
            duplicates,
        }
    }

    /// Resolves a reference, reporting a dangling one with the valid ids.
    fn resolve(&mut self, table: &Table, id: &Id, key: &str) -> Option<usize> {
        self.resolve_at(table, id.get_ref(), Some(id.span()), key)
    }

    /// [`Self::resolve`] with the key path built only for a message: the hot loops over
    /// score and requirement entries (up to 100,000 in a 1 MiB file) need no string when
    /// the id resolves.
    fn resolve_keyed(
        &mut self,
        table: &Table,
        id: &Id,
        key: impl FnOnce() -> String,
    ) -> Option<usize> {
        match table.get(id.get_ref()) {
            Some(found) => Some(found),
            None => self.resolve(table, id, &key()),
        }
    }

    fn resolve_at(
        &mut self,
        table: &Table,
        id: &str,
        span: Option<Range<usize>>,
        key: &str,
    ) -> Option<usize> {
        let found = table.get(id);
        if found.is_none() && !table.duplicates {
            self.report_with(span, key, || {
                let expected = if table.ids.is_empty() {
                    format!(
                        "{} {} id, but none is defined",
                        article(table.what),
                        table.what
                    )
                } else {
                    format!("one of {}", list_ids(table.ids.iter().copied()))
                };
                (
                    format!("unknown {} `{}`", table.what, shown(id)),
                    Some(expected),
                    did_you_mean(id, table.ids.iter().copied()),
                )
            });
        }
        found
    }

    /// A row of one matrix: one cell per candidate, none unknown, none missing.
    fn row<T: Copy>(
        &mut self,
        candidates: &Table,
        cells: &BTreeMap<Id, Spanned<T>>,
        row_span: Range<usize>,
        key: &str,
        row_what: &str,
    ) -> Vec<Option<T>> {
        let mut out = vec![None; candidates.len];
        for (cand, cell) in cells {
            if let Some(c) = self.resolve(
                candidates,
                cand,
                &format!("{key}.{}", shown(cand.get_ref())),
            ) {
                out[c] = Some(*cell.get_ref());
            }
        }
        let missing: Vec<&str> = candidates
            .ids
            .iter()
            .filter(|id| candidates.get(id).is_some_and(|c| out[c].is_none()))
            .copied()
            .collect();
        if !missing.is_empty() {
            self.report(
                Some(row_span),
                key,
                format!("{row_what} has no cell for {}", list_ids(missing)),
                Some(format!(
                    "one cell for every candidate: {}",
                    list_ids(candidates.ids.iter().copied())
                )),
                None,
            );
        }
        out
    }

    /// Reports every cycle in the "asked only if" graph once.
    fn check_cycles(&mut self, raw: &[RawQuestion], questions: &[Question]) {
        // 0 = unvisited, 1 = on the stack, 2 = done.
        let mut state = vec![0u8; questions.len()];
        let mut stack = Vec::new();
        for start in 0..questions.len() {
            if state[start] == 0 {
                self.visit(start, questions, raw, &mut state, &mut stack);
            }
        }
    }

    fn visit(
        &mut self,
        q: QuestionIx,
        questions: &[Question],
        raw: &[RawQuestion],
        state: &mut [u8],
        stack: &mut Vec<QuestionIx>,
    ) {
        state[q] = 1;
        stack.push(q);
        for &g in questions[q].ask_if.questions() {
            match state[g] {
                0 => self.visit(g, questions, raw, state, stack),
                1 => {
                    let from = stack.iter().position(|&s| s == g).unwrap_or(0);
                    let mut names: Vec<&str> = stack[from..]
                        .iter()
                        .map(|&s| questions[s].id.as_str())
                        .collect();
                    names.push(&questions[g].id);
                    self.report(
                        Some(raw[q].id.span()),
                        format!("questions[{q}].ask_if"),
                        format!(
                            "conditional questions depend on each other in a cycle: {}",
                            names.join(" → ")
                        ),
                        Some("conditions that only depend on questions outside the cycle".into()),
                        None,
                    );
                }
                _ => {}
            }
        }
        stack.pop();
        state[q] = 2;
    }
}

fn mask(items: impl Iterator<Item = usize>) -> CandidateSet {
    items.fold(0, |m, c| m | (1 << c))
}

/// Whether some answers make `cond` hold, taking into account that a question is only
/// answered when it is asked (one alternative of its own `ask_if` holds, transitively),
/// unless its answer always counts. Alternatives are tried one by one, within a budget:
/// past it, the condition is taken to be satisfiable (this only decides whether to report
/// it).
pub fn satisfiable(questions: &[Question], cond: &Condition) -> bool {
    let mut budget = SATISFIABLE_BUDGET;
    cond.alternatives().any(|alt| {
        let allowed = BTreeMap::new();
        holds_somehow(questions, allowed, alt.to_vec(), &mut budget)
    })
}

/// Steps [`satisfiable`] may take per condition.
const SATISFIABLE_BUDGET: usize = 10_000;

/// Whether the tests in `work`, with the options still `allowed` per question, can all
/// hold together with the conditions of asking their questions.
fn holds_somehow(
    questions: &[Question],
    mut allowed: BTreeMap<QuestionIx, OptionSet>,
    mut work: Vec<Test>,
    budget: &mut usize,
) -> bool {
    while let Some(t) = work.pop() {
        if *budget == 0 {
            return true;
        }
        *budget -= 1;
        let entry = allowed.entry(t.question);
        let first = matches!(entry, std::collections::btree_map::Entry::Vacant(_));
        let set = entry.or_insert(!0);
        *set &= t.options;
        if *set == 0 {
            return false;
        }
        if !first || questions[t.question].always_counts {
            continue;
        }
        let ask_if = &questions[t.question].ask_if;
        if ask_if.alternative_count() == 1 {
            work.extend(ask_if.tests().iter().copied());
            continue;
        }
        // Several ways to be asked: one of them, with everything else still to do.
        return ask_if.alternatives().any(|alt| {
            let mut more = work.clone();
            more.extend(alt.iter().copied());
            holds_somehow(questions, allowed.clone(), more, budget)
        });
    }
    true
}
