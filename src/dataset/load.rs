//! Raw TOML shapes → validated `Dataset`, collecting every semantic problem at once.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde_spanned::Spanned;

use super::derived;
use super::diagnostic::{
    Diagnostic, InputError, LineIndex, Problems, article, describe_char, did_you_mean, list_ids,
    shown,
};
use super::input::parse_toml;
use super::model::*;
use super::raw::*;
use crate::report::keys as json_keys;

mod aspects;
mod former_ids;

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
            if d.line.is_none() && d.message.starts_with("is empty") {
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
    ids: Vec<&'r str>,
    index: HashMap<&'r str, usize>,
}

impl<'r> Table<'r> {
    fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
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
                file: file.to_owned(),
                line,
                column,
                key: key.into(),
                message,
                expected,
                hint,
            }
        });
    }

    fn check_id(&mut self, id: &Id, key: &str) -> bool {
        self.check_name(id, key, Name::Id)
    }

    /// Checks an id or a JSON key; true when it is well formed.
    fn check_name(&mut self, id: &Id, key: &str, kind: Name) -> bool {
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
            return true;
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
        false
    }

    /// The vocabulary's JSON keys: well formed, none a key the JSON output already uses
    /// beside them (it would overwrite or be overwritten), and no two the same.
    fn check_vocabulary_keys(&mut self, voc: &RawVocabulary) {
        let keys = [
            ("candidate_key", &voc.candidate_key),
            ("candidates_key", &voc.candidates_key),
            ("contexts_key", &voc.contexts_key),
        ];
        for (i, &(name, key)) in keys.iter().enumerate() {
            let path = format!("dataset.vocabulary.{name}");
            if !self.check_name(key, &path, Name::JsonKey) {
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
            } else if let Some(&(other, other_key)) =
                keys[..i].iter().find(|(_, o)| o.get_ref() == k)
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
                        "different keys for `candidate_key`, `candidates_key` and `contexts_key`"
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
    fn table<'r, T>(
        &mut self,
        what: &'static str,
        key: &str,
        items: &'r [T],
        id_of: impl Fn(&'r T) -> &'r Id,
    ) -> Table<'r> {
        let mut index = HashMap::new();
        let mut ids = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let id = id_of(item);
            self.check_id(id, &format!("{key}[{i}].id"));
            if let Some(first) = index.insert(id.get_ref().as_str(), i) {
                index.insert(id.get_ref().as_str(), first);
                let (line, _) = self.lines.position(id_of(&items[first]).span().start);
                self.report(
                    Some(id.span()),
                    format!("{key}[{i}].id"),
                    format!(
                        "duplicate {what} id `{}` (first defined at {key}[{first}], line {line})",
                        shown(id.get_ref())
                    ),
                    Some(format!("{} {what} id used only once", article(what))),
                    None,
                );
            } else {
                ids.push(id.get_ref().as_str());
            }
        }
        Table {
            what,
            len: items.len(),
            ids,
            index,
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
        if found.is_none() {
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

    fn validate(mut self, raw: RawDataset) -> Result<Dataset, InputError> {
        if *raw.schema.get_ref() != 1 {
            self.report(
                Some(raw.schema.span()),
                "schema",
                format!("unsupported schema version {}", raw.schema.get_ref()),
                Some("1".into()),
                None,
            );
        }
        let meta = raw.dataset.get_ref();
        self.check_id(&meta.id, "dataset.id");
        for (k, v) in [
            ("dataset.title", &meta.title),
            ("dataset.edition", &meta.edition),
            ("dataset.summary", &meta.summary),
        ] {
            self.check_text(v, k, true);
        }
        let voc = &meta.vocabulary;
        for (k, v) in [
            ("candidate", &voc.candidate),
            ("candidates", &voc.candidates),
            ("context", &voc.context),
            ("contexts", &voc.contexts),
        ] {
            self.check_text(v, &format!("dataset.vocabulary.{k}"), true);
        }
        self.check_vocabulary_keys(voc);

        let sources = self.table("source", "sources", &raw.sources, |s| &s.id);
        let candidates = self.table("candidate", "candidates", &raw.candidates, |c| &c.id);
        let contexts = self.table("context", "contexts", &raw.contexts, |c| &c.id);
        let criteria = self.table("criterion", "criteria", &raw.criteria, |c| &c.id);
        let questions = self.table("question", "questions", &raw.questions, |q| &q.id);
        let rules_t = self.table("rule", "rules", &raw.rules, |r| &r.id);
        let outcomes = self.table("outcome", "outcomes", &raw.outcomes, |o| &o.id);
        let _notes_t = self.table("note", "notes", &raw.notes, |n| &n.id);
        let _ = rules_t;

        for (key, empty) in [
            ("candidates", raw.candidates.is_empty()),
            ("questions", raw.questions.is_empty()),
            ("sources", raw.sources.is_empty()),
        ] {
            if empty {
                self.report(
                    None,
                    key,
                    "is empty",
                    Some(format!("at least one entry in `[[{key}]]`")),
                    None,
                );
            }
        }
        let n_cand = raw.candidates.len();
        let mut over_limit = false;
        let first_over =
            |ids: &mut dyn Iterator<Item = &Id>, max: usize| ids.nth(max).map(|id| id.span());
        for (key, what, n, max, span) in [
            (
                "candidates",
                "candidates",
                n_cand,
                MAX_CANDIDATES,
                first_over(&mut raw.candidates.iter().map(|c| &c.id), MAX_CANDIDATES),
            ),
            (
                "questions",
                "questions",
                raw.questions.len(),
                MAX_QUESTIONS,
                first_over(&mut raw.questions.iter().map(|q| &q.id), MAX_QUESTIONS),
            ),
        ] {
            if n > max {
                over_limit = true;
                self.report(
                    span,
                    format!("{key}[{max}]"),
                    format!("the file has {n} {what}; this is the first one over the limit"),
                    Some(format!("at most {max} {what}")),
                    None,
                );
            }
        }
        if over_limit {
            // Past the limits, indices would not fit the engine's masks.
            return Err(self.problems.into_error());
        }

        let src = |v: &mut Self, id: &Id, key: &str| v.resolve(&sources, id, key).unwrap_or(0);

        let sources_out: Vec<Source> = raw
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                self.check_text(&s.title, &format!("sources[{i}].title"), true);
                self.check_text(&s.path, &format!("sources[{i}].path"), false);
                if let Some(url) = &s.url {
                    self.check_text(url, &format!("sources[{i}].url"), false);
                }
                if let Some(rev) = &s.revision {
                    self.check_text(rev, &format!("sources[{i}].revision"), false);
                }
                Source {
                    id: s.id.get_ref().clone(),
                    title: s.title.value.clone(),
                    path: s.path.value.clone(),
                    url: s.url.as_ref().map(|u| u.value.clone()),
                    revision: s.revision.as_ref().map(|r| r.value.clone()),
                }
            })
            .collect();

        let facts = |v: &mut Self, list: &[RawFact], key: &str| -> Vec<Fact> {
            list.iter()
                .enumerate()
                .map(|(i, f)| {
                    let k = format!("{key}[{i}]");
                    v.check_text(&f.label, &format!("{k}.label"), true);
                    v.check_text(&f.text, &format!("{k}.text"), true);
                    Fact {
                        label: f.label.value.clone(),
                        text: f.text.value.clone(),
                        source: src(v, &f.source, &format!("{k}.source")),
                    }
                })
                .collect()
        };

        let mut candidates_out = Vec::new();
        for (i, c) in raw.candidates.iter().enumerate() {
            let k = format!("candidates[{i}]");
            self.check_text(&c.name, &format!("{k}.name"), true);
            self.check_text(&c.summary, &format!("{k}.summary"), true);
            for (j, w) in c.when_to_use.iter().enumerate() {
                self.check_text(w, &format!("{k}.when_to_use[{j}]"), true);
            }
            let when_to_use_source = c
                .when_to_use_source
                .as_ref()
                .map(|s| src(&mut self, s, &format!("{k}.when_to_use_source")));
            candidates_out.push(Candidate {
                id: c.id.get_ref().clone(),
                name: c.name.value.clone(),
                short: self.short(&c.short, &format!("{k}.short")),
                summary: c.summary.value.clone(),
                source: src(&mut self, &c.source, &format!("{k}.source")),
                when_to_use: c.when_to_use.iter().map(|w| w.value.clone()).collect(),
                when_to_use_source,
                facts: facts(&mut self, &c.facts, &format!("{k}.facts")),
                caveats: facts(&mut self, &c.caveats, &format!("{k}.caveats")),
            });
        }

        let notes_of = |v: &mut Self, notes: &BTreeMap<Id, RawCellNote>, key: &str| {
            let mut out: Vec<Option<CellNote>> = vec![None; n_cand];
            for (cand, note) in notes {
                let k = format!("{key}.{}", shown(cand.get_ref()));
                v.check_text(&note.text, &format!("{k}.text"), true);
                let source = src(v, &note.source, &format!("{k}.source"));
                if let Some(c) = v.resolve(&candidates, cand, &k) {
                    out[c] = Some(CellNote {
                        text: note.text.value.clone(),
                        source,
                    });
                }
            }
            out
        };

        let mut contexts_out = Vec::new();
        for (i, c) in raw.contexts.iter().enumerate() {
            let k = format!("contexts[{i}]");
            self.check_text(&c.name, &format!("{k}.name"), true);
            self.check_text(&c.summary, &format!("{k}.summary"), false);
            let cells = self.row(
                &candidates,
                &c.support,
                c.id.span(),
                &format!("{k}.support"),
                &format!("support row `{}`", shown(c.id.get_ref())),
            );
            let support: Vec<bool> = cells.into_iter().map(|c| c.unwrap_or(false)).collect();
            contexts_out.push(Context {
                id: c.id.get_ref().clone(),
                name: c.name.value.clone(),
                summary: c.summary.value.clone(),
                source: src(&mut self, &c.source, &format!("{k}.source")),
                unsupported: mask((0..n_cand).filter(|&c| !support[c])),
                support,
                notes: notes_of(&mut self, &c.notes, &format!("{k}.notes")),
            });
        }

        let mut criteria_out = Vec::new();
        for (i, c) in raw.criteria.iter().enumerate() {
            let k = format!("criteria[{i}]");
            self.check_text(&c.label, &format!("{k}.label"), true);
            let cells = self.row(
                &candidates,
                &c.values,
                c.id.span(),
                &format!("{k}.values"),
                &format!("criterion `{}`", shown(c.id.get_ref())),
            );
            criteria_out.push(Criterion {
                id: c.id.get_ref().clone(),
                label: c.label.value.clone(),
                short: self.short(&c.short, &format!("{k}.short")),
                source: src(&mut self, &c.source, &format!("{k}.source")),
                values: cells
                    .into_iter()
                    .map(|c| c.unwrap_or(CellValue::Depends))
                    .collect(),
                notes: notes_of(&mut self, &c.notes, &format!("{k}.notes")),
            });
        }

        // Questions: options first, so conditions can resolve option ids.
        let mut option_tables = Vec::new();
        for (i, q) in raw.questions.iter().enumerate() {
            let k = format!("questions[{i}]");
            self.check_text(&q.prompt, &format!("{k}.prompt"), true);
            self.check_text(&q.help, &format!("{k}.help"), false);
            if q.options.len() < 2 {
                self.report(
                    Some(q.id.span()),
                    format!("{k}.options"),
                    format!(
                        "question `{}` has {} option(s): it can never make a difference",
                        shown(q.id.get_ref()),
                        q.options.len()
                    ),
                    Some("at least 2 options".into()),
                    None,
                );
            } else if q.options.len() > MAX_OPTIONS {
                self.report(
                    Some(q.id.span()),
                    format!("{k}.options"),
                    format!(
                        "question `{}` has {} options",
                        shown(q.id.get_ref()),
                        q.options.len()
                    ),
                    Some(format!("at most {MAX_OPTIONS} options")),
                    None,
                );
            }
            for (j, o) in q.options.iter().enumerate() {
                self.check_text(&o.label, &format!("{k}.options[{j}].label"), true);
                self.check_text(&o.help, &format!("{k}.options[{j}].help"), false);
            }
            let mut t = self.table("option", &format!("{k}.options"), &q.options, |o| &o.id);
            t.what = "option";
            option_tables.push(t);
        }

        let condition = |v: &mut Self,
                         map: &BTreeMap<Id, Spanned<OneOrMany>>,
                         key: &str|
         -> Option<Condition> {
            let mut tests = Vec::new();
            let mut ok = true;
            for (qid, opts) in map {
                let k = format!("{key}.{}", shown(qid.get_ref()));
                let Some(q) = v.resolve(&questions, qid, &k) else {
                    ok = false;
                    continue;
                };
                if opts.get_ref().0.is_empty() {
                    v.report(
                        Some(opts.span()),
                        &k,
                        "empty list of options: the condition could never hold",
                        Some(format!(
                            "one or more of {}",
                            list_ids(option_tables[q].ids.iter().copied())
                        )),
                        None,
                    );
                    ok = false;
                }
                let mut set: OptionSet = 0;
                for o in &opts.get_ref().0 {
                    // A lone string keeps the span of the whole value.
                    let span = if o.span().is_empty() {
                        opts.span()
                    } else {
                        o.span()
                    };
                    let table = &option_tables[q];
                    let found = table.get(o.get_ref());
                    match found {
                        Some(ix) if ix < MAX_OPTIONS => set |= 1 << ix,
                        Some(_) => ok = false,
                        None => {
                            v.report(
                                Some(span),
                                &k,
                                format!(
                                    "unknown option `{}` of question `{}`",
                                    shown(o.get_ref()),
                                    shown(qid.get_ref())
                                ),
                                Some(format!("one of {}", list_ids(table.ids.iter().copied()))),
                                did_you_mean(o.get_ref(), table.ids.iter().copied()),
                            );
                            ok = false;
                        }
                    }
                }
                tests.push(Test {
                    question: q,
                    options: set,
                });
            }
            tests.sort_by_key(|t| t.question);
            ok.then_some(Condition { tests })
        };

        let mut questions_out = Vec::new();
        let mut ask_if_ok = true;
        for (i, q) in raw.questions.iter().enumerate() {
            let k = format!("questions[{i}].ask_if");
            let ask_if = condition(&mut self, &q.ask_if, &k);
            if let Some(c) = &ask_if
                && c.mentions(i)
            {
                self.report(
                    Some(q.id.span()),
                    &k,
                    format!(
                        "question `{}` depends on its own answer",
                        shown(q.id.get_ref())
                    ),
                    Some("conditions on other questions".into()),
                    None,
                );
                ask_if_ok = false;
            }
            ask_if_ok &= ask_if.is_some();
            let source = q
                .source
                .as_ref()
                .map(|s| src(&mut self, s, &format!("questions[{i}].source")));
            questions_out.push(Question {
                id: q.id.get_ref().clone(),
                prompt: q.prompt.value.clone(),
                help: q.help.value.clone(),
                options: q
                    .options
                    .iter()
                    .map(|o| AnswerOption {
                        id: o.id.get_ref().clone(),
                        label: o.label.value.clone(),
                        help: o.help.value.clone(),
                    })
                    .collect(),
                ask_if: ask_if.unwrap_or_default(),
                source,
                always_counts: q.always_counts,
            });
        }
        if ask_if_ok {
            self.check_cycles(&raw.questions, &questions_out);
        }

        // The context question's options must be the contexts, in order.
        let context_question = match (&meta.context_question, raw.contexts.is_empty()) {
            (None, true) => None,
            (None, false) => {
                self.report(
                    Some(raw.dataset.span()),
                    "dataset.context_question",
                    "is missing, but `[[contexts]]` are defined",
                    Some("the id of the question whose options are the contexts".into()),
                    None,
                );
                None
            }
            (Some(id), true) => {
                self.report(
                    Some(id.span()),
                    "dataset.context_question",
                    "is set, but no `[[contexts]]` are defined",
                    Some("`[[contexts]]` with a support matrix, or no context_question".into()),
                    None,
                );
                None
            }
            (Some(id), false) => {
                let q = self.resolve(&questions, id, "dataset.context_question");
                if let Some(q) = q {
                    let options: Vec<&str> = option_tables[q].ids.clone();
                    if options != contexts.ids {
                        self.report(
                            Some(raw.questions[q].id.span()),
                            format!("questions[{q}].options"),
                            format!(
                                "the options of context question `{}` are not the contexts",
                                id.get_ref()
                            ),
                            Some(format!(
                                "exactly the context ids, in order: {}",
                                list_ids(contexts.ids.iter().copied())
                            )),
                            None,
                        );
                    }
                }
                q
            }
        };

        let mut outcomes_out = Vec::new();
        for (i, o) in raw.outcomes.iter().enumerate() {
            let k = format!("outcomes[{i}]");
            self.check_text(&o.title, &format!("{k}.title"), true);
            self.check_text(&o.text, &format!("{k}.text"), true);
            outcomes_out.push(Outcome {
                id: o.id.get_ref().clone(),
                title: o.title.value.clone(),
                text: o.text.value.clone(),
                source: src(&mut self, &o.source, &format!("{k}.source")),
                is_final: o.r#final,
                no_candidate: o.no_candidate,
            });
        }

        let mut rules_out = Vec::new();
        for (i, r) in raw.rules.iter().enumerate() {
            let k = format!("rules[{i}]");
            self.check_text(&r.because, &format!("{k}.because"), true);
            let when = condition(&mut self, &r.when, &format!("{k}.when"));
            let mut score = Vec::new();
            for (cand, w) in &r.score {
                let kk = || format!("{k}.score.{}", shown(cand.get_ref()));
                let c = self.resolve_keyed(&candidates, cand, kk);
                let weight = *w.get_ref();
                if weight.unsigned_abs() > MAX_WEIGHT.unsigned_abs() {
                    self.report(
                        Some(w.span()),
                        kk(),
                        format!("weight {weight} is out of range"),
                        Some(format!("an integer from -{MAX_WEIGHT} to {MAX_WEIGHT}")),
                        None,
                    );
                } else if let Some(c) = c {
                    score.push((c, weight as i32));
                }
            }
            let exclude: Vec<CandidateIx> = r
                .exclude
                .iter()
                .enumerate()
                .filter_map(|(j, c)| self.resolve(&candidates, c, &format!("{k}.exclude[{j}]")))
                .collect();
            let mut require = Vec::new();
            for (crit, allowed) in &r.require {
                let kk = || format!("{k}.require.{}", shown(crit.get_ref()));
                if allowed.get_ref().0.is_empty() {
                    self.report(
                        Some(allowed.span()),
                        kk(),
                        "empty list of allowed values",
                        Some("one or more of `yes`, `no`, `depends`".into()),
                        None,
                    );
                }
                if let Some(c) = self.resolve_keyed(&criteria, crit, kk) {
                    let allowed = allowed.get_ref().0.clone();
                    let values = &criteria_out[c].values;
                    let not_allowed = |c: &usize| !allowed.contains(&values[*c]);
                    let depends = |c: &usize| values[*c] == CellValue::Depends;
                    require.push(Requirement {
                        criterion: c,
                        lacking: mask((0..n_cand).filter(|c| not_allowed(c) && !depends(c))),
                        caveat: mask((0..n_cand).filter(|c| not_allowed(c) && depends(c))),
                        allowed,
                    });
                }
            }
            let outcome = r
                .outcome
                .as_ref()
                .and_then(|o| self.resolve(&outcomes, o, &format!("{k}.outcome")));
            if r.score.is_empty()
                && r.exclude.is_empty()
                && r.require.is_empty()
                && r.outcome.is_none()
            {
                self.report(
                    Some(r.id.span()),
                    &k,
                    format!("rule `{}` has no effect", shown(r.id.get_ref())),
                    Some("at least one of `score`, `exclude`, `require`, `outcome`".into()),
                    None,
                );
            }
            let source = src(&mut self, &r.source, &format!("{k}.source"));
            let rules_out_mask = require
                .iter()
                .fold(mask(exclude.iter().copied()), |m, req| m | req.lacking);
            rules_out.push(Rule {
                id: r.id.get_ref().clone(),
                when: when.unwrap_or_default(),
                because: r.because.value.clone(),
                source,
                score,
                exclude,
                require,
                outcome,
                rules_out: rules_out_mask,
            });
        }

        let mut notes_out = Vec::new();
        for (i, n) in raw.notes.iter().enumerate() {
            let k = format!("notes[{i}]");
            self.check_text(&n.title, &format!("{k}.title"), true);
            self.check_text(&n.text, &format!("{k}.text"), true);
            if n.sources.is_empty() {
                self.report(
                    Some(n.id.span()),
                    format!("{k}.sources"),
                    "is empty",
                    Some("at least one source id".into()),
                    None,
                );
            }
            let sources = n
                .sources
                .iter()
                .enumerate()
                .map(|(j, s)| src(&mut self, s, &format!("{k}.sources[{j}]")))
                .collect();
            notes_out.push(Note {
                id: n.id.get_ref().clone(),
                title: n.title.value.clone(),
                text: n.text.value.clone(),
                sources,
            });
        }
        let glossary = raw
            .glossary
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let k = format!("glossary[{i}]");
                self.check_text(&t.term, &format!("{k}.term"), true);
                self.check_text(&t.definition, &format!("{k}.definition"), true);
                Term {
                    term: t.term.value.clone(),
                    definition: t.definition.value.clone(),
                    source: src(&mut self, &t.source, &format!("{k}.source")),
                }
            })
            .collect();

        let aspects = self.aspects(&raw.aspects, &candidates, &sources);
        let (criteria_title, aspects_title) = self.comparison_titles(meta);

        // Impossible conditions need resolved questions; only check a sound model.
        if self.problems.is_empty() {
            for (i, q) in questions_out.iter().enumerate() {
                if !satisfiable(&questions_out, &q.ask_if) {
                    self.report(
                        Some(raw.questions[i].id.span()),
                        format!("questions[{i}].ask_if"),
                        format!(
                            "question `{}` can never be asked: its conditions contradict the conditions of the questions they name",
                            q.id
                        ),
                        Some("conditions that some answers satisfy".into()),
                        None,
                    );
                }
            }
            for (i, r) in rules_out.iter().enumerate() {
                if !satisfiable(&questions_out, &r.when) {
                    self.report(
                        Some(raw.rules[i].id.span()),
                        format!("rules[{i}].when"),
                        format!(
                            "rule `{}` can never fire: it needs answers to questions that are not asked under its other conditions",
                            r.id
                        ),
                        Some("conditions that some answers satisfy".into()),
                        None,
                    );
                }
            }
        }

        let former = self.former_ids(&raw);
        if !self.problems.is_empty() {
            return Err(self.problems.into_error());
        }
        let ask_order = derived::ask_order(&questions_out);
        let gated_by = derived::gated_by(&questions_out, &ask_order);
        let final_rules = derived::final_rules(&rules_out, &outcomes_out, &gated_by);
        let outlasts_final = derived::outlasts_final(&questions_out, &gated_by);
        let rules_testing = derived::rules_testing(questions_out.len(), &rules_out);
        let reshapes = derived::reshapes(&questions_out, &rules_out, &final_rules);
        let answer_groups = derived::answer_groups(&rules_out);
        let v = &meta.vocabulary;
        Ok(Dataset {
            id: meta.id.get_ref().clone(),
            title: meta.title.value.clone(),
            edition: meta.edition.value.clone(),
            summary: meta.summary.value.clone(),
            vocabulary: Vocabulary {
                candidate: v.candidate.value.clone(),
                candidates: v.candidates.value.clone(),
                context: v.context.value.clone(),
                contexts: v.contexts.value.clone(),
                candidate_key: v.candidate_key.get_ref().clone(),
                candidates_key: v.candidates_key.get_ref().clone(),
                contexts_key: v.contexts_key.get_ref().clone(),
            },
            origin: Origin::File(self.file.to_owned()),
            sources: sources_out,
            candidates: candidates_out,
            contexts: contexts_out,
            context_question,
            criteria: criteria_out,
            questions: questions_out,
            rules: rules_out,
            outcomes: outcomes_out,
            notes: notes_out,
            glossary,
            aspects,
            criteria_title,
            aspects_title,
            ask_order,
            final_rules,
            gated_by,
            outlasts_final,
            rules_testing,
            reshapes,
            answer_groups,
            former,
        })
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
        for t in &questions[q].ask_if.tests {
            match state[t.question] {
                0 => self.visit(t.question, questions, raw, state, stack),
                1 => {
                    let from = stack.iter().position(|&s| s == t.question).unwrap_or(0);
                    let mut names: Vec<&str> = stack[from..]
                        .iter()
                        .map(|&s| questions[s].id.as_str())
                        .collect();
                    names.push(&questions[t.question].id);
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
/// answered when it is asked (its own `ask_if` holds, transitively), unless its answer
/// always counts.
pub fn satisfiable(questions: &[Question], cond: &Condition) -> bool {
    let mut allowed: BTreeMap<QuestionIx, OptionSet> = BTreeMap::new();
    let mut work: Vec<Test> = cond.tests.clone();
    while let Some(t) = work.pop() {
        let entry = allowed.entry(t.question);
        let first = matches!(entry, std::collections::btree_map::Entry::Vacant(_));
        let set = entry.or_insert(!0);
        *set &= t.options;
        if *set == 0 {
            return false;
        }
        if first && !questions[t.question].always_counts {
            work.extend(questions[t.question].ask_if.tests.iter().copied());
        }
    }
    true
}
