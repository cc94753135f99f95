//! Conditions (`ask_if`, `when`, a fact's `when`): resolving the questions and options they
//! name, `not`, and `any` multiplied out into alternatives.

use serde_spanned::Spanned;

use super::Validator;
use super::sections::Tables;
use crate::dataset::diagnostic::{did_you_mean, list_ids, shown};
use crate::dataset::model::*;
use crate::dataset::raw::*;

#[deny(clippy::too_many_lines)]
impl Validator<'_> {
    /// Resolves one condition; `None` when some part of it is invalid (reported).
    pub(super) fn condition(
        &mut self,
        t: &Tables,
        raw: &RawCondition,
        key: &str,
    ) -> Option<Condition> {
        let alternatives = self.alternatives(t, raw, key)?;
        // Point at `any`, where alternatives come from, else at the first test.
        let at = raw
            .tests
            .iter()
            .find(|(k, _)| k.get_ref() == ANY)
            .or_else(|| raw.tests.iter().next())
            .map(|(_, v)| v.span());
        let written = alternatives.len();
        if written > MAX_ALTERNATIVES {
            self.report(
                at.clone(),
                key,
                format!("the condition has {written} alternatives"),
                Some(format!(
                    "at most {MAX_ALTERNATIVES} alternatives once every `any` is multiplied out"
                )),
                None,
            );
            return None;
        }
        // An alternative that needs two different answers to one question never holds.
        let possible: Vec<Vec<Test>> = alternatives.into_iter().filter_map(merged).collect();
        if possible.is_empty() {
            self.report(
                at,
                key,
                "no alternative can hold: each needs two different answers to one question",
                Some("alternatives that some answers satisfy".into()),
                None,
            );
            return None;
        }
        Some(Condition::any_of(possible))
    }

    /// The alternatives of a condition as written: its tests, with each alternative of its
    /// `any` (itself multiplied out) added.
    fn alternatives(
        &mut self,
        t: &Tables,
        raw: &RawCondition,
        key: &str,
    ) -> Option<Vec<Vec<Test>>> {
        let mut ok = true;
        let mut tests = Vec::new();
        let mut any: Option<Vec<Vec<Test>>> = None;
        for (qid, value) in &raw.tests {
            let k = format!("{key}.{}", shown(qid.get_ref()));
            let names_any = qid.get_ref() == ANY;
            match value.get_ref() {
                RawTest::Alternatives(list) if names_any => {
                    let mut alts = Vec::new();
                    for (j, c) in list.iter().enumerate() {
                        match self.alternatives(t, c.get_ref(), &format!("{k}[{j}]")) {
                            Some(a) => alts.extend(a),
                            None => ok = false,
                        }
                    }
                    any = Some(alts);
                }
                RawTest::Alternatives(_) => {
                    self.report(
                        Some(value.span()),
                        &k,
                        "a list of conditions is only allowed under `any`",
                        Some("an option id, a list of option ids, or { not = ... }".into()),
                        None,
                    );
                    ok = false;
                }
                // `any` names a question only in a dataset that has one of that id.
                RawTest::Is(list) if names_any && t.questions.get(ANY).is_none() => {
                    let message = if list.0.is_empty() {
                        "empty list of alternatives: the condition could never hold"
                    } else {
                        "`any` lists alternatives, each a table of conditions"
                    };
                    self.report(
                        Some(value.span()),
                        &k,
                        message,
                        Some(
                            "any = [ { question = \"option\" }, { other-question = \"option\" } ]"
                                .into(),
                        ),
                        None,
                    );
                    ok = false;
                }
                RawTest::Is(list) => match self.test(t, qid, value, list, false, &k) {
                    Some(test) => tests.push(test),
                    None => ok = false,
                },
                RawTest::Not(list) => match self.test(t, qid, value, list, true, &k) {
                    Some(test) => tests.push(test),
                    None => ok = false,
                },
            }
        }
        if !ok {
            return None;
        }
        Some(match any {
            None => vec![tests],
            Some(alts) => alts
                .into_iter()
                .map(|alt| tests.iter().copied().chain(alt).collect())
                .collect(),
        })
    }

    /// One test: `question = options`, or with `negated`, `question = { not = options }`.
    fn test(
        &mut self,
        t: &Tables,
        qid: &Id,
        value: &Spanned<RawTest>,
        options: &OneOrMany,
        negated: bool,
        k: &str,
    ) -> Option<Test> {
        let q = self.resolve(&t.questions, qid, k)?;
        let table = &t.options[q];
        let mut ok = true;
        if options.0.is_empty() {
            self.report(
                Some(value.span()),
                k,
                if negated {
                    "empty list of options after `not`"
                } else {
                    "empty list of options: the condition could never hold"
                },
                Some(format!(
                    "one or more of {}",
                    list_ids(table.ids.iter().copied())
                )),
                None,
            );
            ok = false;
        }
        let mut set: OptionSet = 0;
        for o in &options.0 {
            // A lone string keeps the span of the whole value.
            let span = if o.span().is_empty() {
                value.span()
            } else {
                o.span()
            };
            match table.get(o.get_ref()) {
                Some(ix) if ix < MAX_OPTIONS => set |= 1 << ix,
                Some(_) => ok = false,
                // With an option id defined twice, the duplicate is the error to fix.
                None if table.duplicates => ok = false,
                None => {
                    self.report_with(Some(span), k, || {
                        (
                            format!(
                                "unknown option `{}` of question `{}`",
                                shown(o.get_ref()),
                                shown(qid.get_ref())
                            ),
                            Some(format!("one of {}", list_ids(table.ids.iter().copied()))),
                            did_you_mean(o.get_ref(), table.ids.iter().copied()),
                        )
                    });
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        if negated {
            let all: OptionSet = (0..table.len.min(MAX_OPTIONS)).fold(0, |m, o| m | (1 << o));
            set = all & !set;
            if set == 0 {
                self.report(
                    Some(value.span()),
                    k,
                    format!(
                        "`not` lists every option of question `{}`: the condition could never hold",
                        shown(qid.get_ref())
                    ),
                    Some("some options of the question, not all".into()),
                    None,
                );
                return None;
            }
        }
        Some(Test {
            question: q,
            options: set,
            negated,
        })
    }
}

/// The tests of one alternative with those on the same question merged (both must hold);
/// `None` when two of them leave no option.
fn merged(mut alt: Vec<Test>) -> Option<Vec<Test>> {
    alt.sort_by_key(|t| t.question);
    let mut out: Vec<Test> = Vec::with_capacity(alt.len());
    for t in alt {
        match out.last_mut() {
            Some(m) if m.question == t.question => {
                m.options &= t.options;
                m.negated &= t.negated;
            }
            _ => out.push(t),
        }
    }
    out.iter().all(|t| t.options != 0).then_some(out)
}
