//! A person's answers: parsed from `QUESTION=OPTION` pairs or an answers file, checked
//! against a dataset, and written back out so a session can be resumed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::diagnostic::{Diagnostic, InputError, LineIndex, did_you_mean, list_ids, shown};
use super::input::{parse_toml, read_text};
use super::model::{Dataset, OptionIx, QuestionIx};

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

/// Parses one `QUESTION=OPTION` pair against `ds`.
pub fn parse_pair(ds: &Dataset, pair: &str) -> Result<(QuestionIx, OptionIx), InputError> {
    let problem = |message: String, expected: String, hint: Option<String>| -> InputError {
        Diagnostic {
            file: "--answer".into(),
            line: None,
            column: None,
            key: shown(pair),
            message,
            expected: Some(expected),
            hint,
        }
        .into()
    };
    let Some((q, o)) = pair.split_once('=') else {
        return Err(problem(
            "is not of the form QUESTION=OPTION".into(),
            "QUESTION=OPTION, e.g. an id from `authwiz questions`".into(),
            None,
        ));
    };
    resolve_answer(ds, q.trim(), o.trim()).map_err(|(m, e, h)| problem(m, e, h))
}

type Problem = (String, String, Option<String>);

fn resolve_answer(ds: &Dataset, q: &str, o: &str) -> Result<(QuestionIx, OptionIx), Problem> {
    let Some(qi) = ds.question_ix(q) else {
        let ids = ds.questions.iter().map(|q| q.id.as_str());
        return Err((
            format!("unknown question `{}`", shown(q)),
            format!("one of {}", list_ids(ids.clone())),
            did_you_mean(q, ids),
        ));
    };
    let question = &ds.questions[qi];
    let Some(oi) = question.option_ix(o) else {
        let ids = question.options.iter().map(|o| o.id.as_str());
        return Err((
            format!(
                "unknown option `{}` for question `{}`",
                shown(o),
                question.id
            ),
            format!("one of {}", list_ids(ids.clone())),
            did_you_mean(o, ids),
        ));
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
            if d.line.is_none() && d.message.starts_with("is empty") {
                d.expected = Some(
                    "an answers file: `dataset = \"ID\"` and an `[answers]` table of `question = \"option\"`".into(),
                );
            }
        }
        e
    })?;
    Ok((file, text, raw))
}

/// Resolves a read answers file against `ds`, reporting every bad entry.
pub fn resolve_answers_file(
    ds: &Dataset,
    file: &str,
    text: &str,
    raw: &RawAnswers,
    into: &mut Answers,
) -> Result<(), InputError> {
    let lines = LineIndex::new(text);
    let mut problems = Vec::new();
    let mut at = |span: std::ops::Range<usize>, key: String, (message, expected, hint): Problem| {
        let (line, column) = lines.position(span.start);
        problems.push(Diagnostic {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            key,
            message,
            expected: Some(expected),
            hint,
        });
    };
    if let Some(id) = &raw.dataset
        && id.get_ref() != &ds.id
    {
        at(
            id.span(),
            "dataset".into(),
            (
                format!(
                    "these answers are for dataset `{}`, not `{}`",
                    shown(id.get_ref()),
                    ds.id
                ),
                format!("`{}`, or pass `--data {}`", ds.id, shown(id.get_ref())),
                None,
            ),
        );
    }
    for (q, o) in &raw.answers {
        match resolve_answer(ds, q.get_ref(), o.get_ref()) {
            Ok((qi, oi)) => into.set(qi, oi),
            Err(p) => {
                let span = if p.0.starts_with("unknown question") {
                    q.span()
                } else {
                    o.span()
                };
                at(span, format!("answers.{}", shown(q.get_ref())), p);
            }
        }
    }
    problems.sort_by_key(|d| (d.line, d.column));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError {
            diagnostics: problems,
        })
    }
}
