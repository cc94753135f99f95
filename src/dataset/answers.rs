//! A person's answers: parsed from `QUESTION=OPTION` pairs or an answers file, checked
//! against a dataset, and written back out so a session can be resumed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::diagnostic::{Diagnostic, InputError, Kind, LineIndex, Problems, list_ids, shown};
use super::input::{parse_toml, read_text};
use super::model::{Dataset, OptionIx, QuestionIx};
use super::unknown::{self, Unknown, Via};

/// One option per question, or none yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Answers {
    chosen: Vec<Option<OptionIx>>,
}

impl Answers {
    /// No answers for a dataset with `questions` questions.
    pub fn empty(questions: usize) -> Self {
        Self {
            chosen: vec![None; questions],
        }
    }

    pub fn for_dataset(ds: &Dataset) -> Self {
        Self::empty(ds.questions.len())
    }

    pub fn get(&self, q: QuestionIx) -> Option<OptionIx> {
        self.chosen.get(q).copied().flatten()
    }

    pub fn set(&mut self, q: QuestionIx, o: OptionIx) {
        self.chosen[q] = Some(o);
    }

    pub fn clear(&mut self, q: QuestionIx) {
        self.chosen[q] = None;
    }

    /// This set with question `q` answered `o` (or cleared, with `None`).
    pub fn with(&self, q: QuestionIx, o: Option<OptionIx>) -> Self {
        let mut a = self.clone();
        a.chosen[q] = o;
        a
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answered().next().is_none()
    }

    /// (question, option) for each answered question, in question order.
    pub fn answered(&self) -> impl Iterator<Item = (QuestionIx, OptionIx)> + '_ {
        self.chosen
            .iter()
            .enumerate()
            .filter_map(|(q, o)| o.map(|o| (q, o)))
    }

    /// The answers as `{question id: option id}`, in question order.
    pub fn to_ids<'d>(&self, ds: &'d Dataset) -> Vec<(&'d str, &'d str)> {
        self.answered()
            .map(|(q, o)| {
                let question = &ds.questions[q];
                (question.id.as_str(), question.options[o].id.as_str())
            })
            .collect()
    }

    /// An answers file that `--answers` accepts.
    pub fn to_toml(&self, ds: &Dataset) -> String {
        let mut out = String::from("# authwiz answers: resume with `authwiz --answers FILE`\n");
        out.push_str(&format!("dataset = {}\n\n[answers]\n", toml_string(&ds.id)));
        for (q, o) in self.to_ids(ds) {
            out.push_str(&format!("{q} = {}\n", toml_string(o)));
        }
        out
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Parses `QUESTION=OPTION` pairs against `ds` into `into` (over the answers already
/// there, from an answers file); reports every bad pair (the first ones in full, the rest
/// counted). Two pairs that answer one question differently contradict each other: an
/// error naming both, never a silent choice of the last. The same pair twice is harmless.
pub fn parse_pairs(ds: &Dataset, pairs: &[String], into: &mut Answers) -> Result<(), InputError> {
    let mut problems = Problems::default();
    // Per question, the first pair that answered it.
    let mut first: Vec<Option<(OptionIx, &str)>> = vec![None; ds.questions.len()];
    for pair in pairs {
        match parse_pair(ds, pair) {
            Ok((q, o)) => match first[q] {
                Some((earlier, before)) if earlier != o => problems.add(|| Diagnostic {
                    key: shown(pair),
                    expected: Some(format!(
                        "one answer per question: `{}` or `{}`",
                        shown(before),
                        shown(pair)
                    )),
                    ..Diagnostic::new(
                        Kind::CommandLine,
                        "--answer",
                        format!(
                            "answers `{}` again, differently from `{}`",
                            ds.questions[q].id,
                            shown(before)
                        ),
                    )
                }),
                Some(_) => {}
                None => {
                    first[q] = Some((o, pair));
                    into.set(q, o);
                }
            },
            Err(p) => problems.add(|| {
                let (message, expected, hint) = p.describe(Via::CommandLine);
                Diagnostic {
                    key: shown(pair),
                    expected: Some(expected),
                    hint,
                    ..Diagnostic::new(Kind::CommandLine, "--answer", message)
                }
            }),
        }
    }
    problems.into_result()
}

/// Parses one `QUESTION=OPTION` pair against `ds`.
fn parse_pair<'d, 'a>(
    ds: &'d Dataset,
    pair: &'a str,
) -> Result<(QuestionIx, OptionIx), Problem<'d, 'a>> {
    let Some((q, o)) = pair.split_once('=') else {
        return Err(Problem::Described((
            "is not of the form QUESTION=OPTION".into(),
            "QUESTION=OPTION, e.g. an id from `authwiz questions`".into(),
            None,
        )));
    };
    resolve_answer(ds, q.trim(), o.trim())
}

/// What is wrong with one answer, described only when it is shown (a file of a hundred
/// thousand bad answers must not build a hundred thousand lists of valid ids).
enum Problem<'d, 'a> {
    UnknownQuestion {
        ds: &'d Dataset,
        question: &'a str,
    },
    UnknownOption {
        ds: &'d Dataset,
        question: QuestionIx,
        option: &'a str,
    },
    /// Message, expected, hint.
    Described((String, String, Option<String>)),
}

impl Problem<'_, '_> {
    /// Message, expected, hint; `via` says where the answer was written.
    fn describe(self, via: Via) -> (String, String, Option<String>) {
        match self {
            Problem::UnknownQuestion { ds, question } => {
                let ids = ds.questions.iter().map(|q| q.id.as_str());
                (
                    format!("unknown question `{}`", shown(question)),
                    format!("one of {}", list_ids(ids.clone())),
                    unknown::hint(ds, Unknown::Question, question, via, ids),
                )
            }
            Problem::UnknownOption {
                ds,
                question,
                option,
            } => {
                let q = question;
                let question = &ds.questions[q];
                let ids = question.options.iter().map(|o| o.id.as_str());
                (
                    format!(
                        "unknown option `{}` for question `{}`",
                        shown(option),
                        question.id
                    ),
                    format!("one of {}", list_ids(ids.clone())),
                    unknown::hint(ds, Unknown::Option(q), option, via, ids),
                )
            }
            Problem::Described(d) => d,
        }
    }
}

fn resolve_answer<'d, 'a>(
    ds: &'d Dataset,
    q: &'a str,
    o: &'a str,
) -> Result<(QuestionIx, OptionIx), Problem<'d, 'a>> {
    let Some(qi) = ds.question_ix(q) else {
        return Err(Problem::UnknownQuestion { ds, question: q });
    };
    let Some(oi) = ds.questions[qi].option_ix(o) else {
        return Err(Problem::UnknownOption {
            ds,
            question: qi,
            option: o,
        });
    };
    Ok((qi, oi))
}

/// The answers file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    /// Id of the dataset the answers were given for.
    pub dataset: Option<Spanned<String>>,
    #[serde(default)]
    pub answers: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Reads an answers file without resolving it yet (the dataset it names may pick the dataset).
pub fn read_answers_file(path: &Path) -> Result<(String, String, RawAnswers), InputError> {
    let file = path.display().to_string();
    let text = read_text(path)?;
    let raw: RawAnswers = parse_toml(&file, &text).map_err(|mut e| {
        for d in &mut e.diagnostics {
            if d.kind == Kind::EmptyFile {
                d.expected = Some(
                    "an answers file: `dataset = \"ID\"` and an `[answers]` table of `question = \"option\"`".into(),
                );
            }
        }
        e
    })?;
    Ok((file, text, raw))
}

/// Resolves a read answers file against `ds`, reporting every bad entry (the first ones
/// in full, in the order they are written; the rest counted).
pub fn resolve_answers_file(
    ds: &Dataset,
    file: &str,
    text: &str,
    raw: &RawAnswers,
    into: &mut Answers,
) -> Result<(), InputError> {
    resolve_answers_table(ds, file, text, raw, "answers", into)
}

/// [`resolve_answers_file`] for a table of answers under `key` (`answers`, or
/// `scenario[3].answers` in a scenario file).
pub fn resolve_answers_table(
    ds: &Dataset,
    file: &str,
    text: &str,
    raw: &RawAnswers,
    key: &str,
    into: &mut Answers,
) -> Result<(), InputError> {
    let prefix = key;
    let lines = LineIndex::new(text);
    let mut problems = Problems::default();
    let mut at = |span: std::ops::Range<usize>, key: &str, problem: Problem| {
        problems.add(|| {
            let (line, column) = lines.position(span.start);
            let (message, expected, hint) = problem.describe(Via::AnswersFile);
            Diagnostic {
                line: Some(line),
                column: Some(column),
                key: key.to_owned(),
                expected: Some(expected),
                hint,
                ..Diagnostic::new(Kind::Invalid, file, message)
            }
        });
    };
    if let Some(id) = &raw.dataset
        && id.get_ref() != &ds.id
    {
        at(
            id.span(),
            "dataset",
            Problem::Described((
                format!(
                    "these answers are for dataset `{}`, not `{}`",
                    shown(id.get_ref()),
                    ds.id
                ),
                format!("`{}`, or pass `--data {}`", ds.id, shown(id.get_ref())),
                None,
            )),
        );
    }
    // In the order written, so that the first problems described are the first in the file.
    let mut entries: Vec<_> = raw.answers.iter().collect();
    entries.sort_by_key(|(q, _)| q.span().start);
    for (q, o) in entries {
        match resolve_answer(ds, q.get_ref(), o.get_ref()) {
            Ok((qi, oi)) => into.set(qi, oi),
            Err(p) => {
                let span = match p {
                    Problem::UnknownQuestion { .. } => q.span(),
                    _ => o.span(),
                };
                at(span, &format!("{prefix}.{}", shown(q.get_ref())), p);
            }
        }
    }
    problems.into_result()
}
