//! Conditions (`ask_if`, `when`): resolving the questions and options they name.

use std::collections::BTreeMap;

use serde_spanned::Spanned;

use super::Validator;
use super::sections::Tables;
use crate::dataset::diagnostic::{did_you_mean, list_ids, shown};
use crate::dataset::model::*;
use crate::dataset::raw::*;

impl Validator<'_> {
    /// Resolves one condition; `None` when some part of it is invalid (reported).
    pub(super) fn condition(
        &mut self,
        t: &Tables,
        map: &BTreeMap<Id, Spanned<OneOrMany>>,
        key: &str,
    ) -> Option<Condition> {
        let mut tests = Vec::new();
        let mut ok = true;
        for (qid, opts) in map {
            let k = format!("{key}.{}", shown(qid.get_ref()));
            let Some(q) = self.resolve(&t.questions, qid, &k) else {
                ok = false;
                continue;
            };
            if opts.get_ref().0.is_empty() {
                self.report(
                    Some(opts.span()),
                    &k,
                    "empty list of options: the condition could never hold",
                    Some(format!(
                        "one or more of {}",
                        list_ids(t.options[q].ids.iter().copied())
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
                let table = &t.options[q];
                let found = table.get(o.get_ref());
                match found {
                    Some(ix) if ix < MAX_OPTIONS => set |= 1 << ix,
                    Some(_) => ok = false,
                    None => {
                        self.report(
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
    }
}
