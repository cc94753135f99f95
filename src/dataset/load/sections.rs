//! `Validator::validate`, one function per section of the file (meta, sources,
//! candidates, contexts, criteria, questions, rules, outcomes, notes, glossary), each
//! checking its own keys and building its part of the model. The sections run in file
//! order, so problems are reported in the order a person reads the file.

use std::collections::BTreeMap;

use super::{Table, Validator, mask, satisfiable};
use crate::dataset::derived;
use crate::dataset::diagnostic::{InputError, list_ids, shown};
use crate::dataset::model::*;
use crate::dataset::raw::*;

/// The id tables of every kind, built before any section so that each can resolve
/// references to any other.
pub(super) struct Tables<'r> {
    pub sources: Table<'r>,
    pub candidates: Table<'r>,
    pub contexts: Table<'r>,
    pub criteria: Table<'r>,
    pub questions: Table<'r>,
    pub outcomes: Table<'r>,
    /// Per question, its options (filled by the questions section).
    pub options: Vec<Table<'r>>,
}

// Each section stays short enough to read at once: the one 635-line function this replaced
// must not grow back.
#[deny(clippy::too_many_lines)]
impl Validator<'_> {
    pub(super) fn validate(mut self, raw: RawDataset) -> Result<Dataset, InputError> {
        self.meta(&raw);
        let mut t = self.tables(&raw);
        self.counts(&raw)?;
        let sources = self.sources(&raw);
        let mut candidates = self.candidates(&raw, &t);
        let contexts = self.contexts(&raw, &t);
        let criteria = self.criteria(&raw, &t);
        t.options = self.options(&raw);
        let questions = self.questions(&raw, &t);
        self.fact_conditions(&raw, &t, &mut candidates);
        let context_question = self.context_question(&raw, &t);
        let outcomes = self.outcomes(&raw, &t);
        let written_rules = self.rules(&raw, &t, &criteria);
        let notes = self.notes(&raw, &t);
        let glossary = self.glossary(&raw, &t);
        let aspects = self.aspects(&raw.aspects, &t.candidates, &t.sources);
        let (criteria_title, aspects_title) = self.comparison_titles(raw.dataset.get_ref());
        self.impossible_conditions(&raw, &questions, &written_rules, &candidates);
        // A candidate's status rules it out first, before anything the answers do.
        let mut rules = retirement_rules(&candidates);
        rules.extend(written_rules);

        let former = self.former_ids(&raw);
        if !self.problems.is_empty() {
            return Err(self.problems.into_error());
        }
        let ask_order = derived::ask_order(&questions);
        let gated_by = derived::gated_by(&questions, &ask_order);
        let needed_gates = derived::needed_gates(&questions, &ask_order);
        let final_rules = derived::final_rules(&rules, &outcomes, &gated_by);
        let outlasts_final = derived::outlasts_final(&questions, &gated_by);
        let rules_testing = derived::rules_testing(questions.len(), &rules);
        let reshapes = derived::reshapes(&questions, &rules, &final_rules);
        let answer_groups = derived::answer_groups(&rules);
        let condition_groups = derived::condition_groups(&rules);
        let meta = raw.dataset.get_ref();
        let v = &meta.vocabulary;
        Ok(Dataset {
            id: meta.id.get_ref().clone(),
            title: meta.title.value.clone(),
            edition: meta.edition.value.clone(),
            summary: meta.summary.value.clone(),
            decision: meta.decision.as_ref().map(|d| d.value.clone()),
            vocabulary: Vocabulary::from(v),
            origin: Origin::File(self.file.to_owned()),
            sources,
            candidates,
            contexts,
            context_question,
            criteria,
            questions,
            rules,
            outcomes,
            notes,
            glossary,
            aspects,
            criteria_title,
            aspects_title,
            ask_order,
            final_rules,
            gated_by,
            needed_gates,
            outlasts_final,
            rules_testing,
            reshapes,
            answer_groups,
            condition_groups,
            former,
        })
    }

    /// `schema` and `[dataset]`.
    fn meta(&mut self, raw: &RawDataset) {
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
        if let Some(decision) = &meta.decision {
            self.check_text(decision, "dataset.decision", true);
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
    }

    /// The id tables, reporting invalid and duplicate ids of every kind.
    fn tables<'r>(&mut self, raw: &'r RawDataset) -> Tables<'r> {
        let sources = self.table("source", "sources", &raw.sources, |s| &s.id);
        let candidates = self.table("candidate", "candidates", &raw.candidates, |c| &c.id);
        let contexts = self.table("context", "contexts", &raw.contexts, |c| &c.id);
        let criteria = self.table("criterion", "criteria", &raw.criteria, |c| &c.id);
        let questions = self.table("question", "questions", &raw.questions, |q| &q.id);
        // Rule and note ids are only checked: nothing refers to them.
        self.table("rule", "rules", &raw.rules, |r| &r.id);
        let outcomes = self.table("outcome", "outcomes", &raw.outcomes, |o| &o.id);
        self.table("note", "notes", &raw.notes, |n| &n.id);
        Tables {
            sources,
            candidates,
            contexts,
            criteria,
            questions,
            outcomes,
            options: Vec::new(),
        }
    }

    /// At least one candidate, question and source; at most the limits. Past the limits,
    /// stops: indices would not fit the engine's masks.
    fn counts(&mut self, raw: &RawDataset) -> Result<(), InputError> {
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
        let mut over_limit = false;
        let first_over =
            |ids: &mut dyn Iterator<Item = &Id>, max: usize| ids.nth(max).map(|id| id.span());
        for (key, what, n, max, span) in [
            (
                "candidates",
                "candidates",
                raw.candidates.len(),
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
            return Err(std::mem::take(&mut self.problems).into_error());
        }
        Ok(())
    }

    /// A reference to a source; a dangling one is reported (and stands for the first).
    fn src(&mut self, t: &Tables, id: &Id, key: &str) -> SourceIx {
        self.resolve(&t.sources, id, key).unwrap_or(0)
    }

    fn sources(&mut self, raw: &RawDataset) -> Vec<Source> {
        raw.sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                self.check_text(&s.title, &format!("sources[{i}].title"), true);
                if let Some(path) = &s.path {
                    self.check_text(path, &format!("sources[{i}].path"), false);
                }
                if s.path.is_none() && s.url.is_none() {
                    self.report(
                        Some(s.id.span()),
                        format!("sources[{i}]"),
                        format!(
                            "source `{}` has neither a `path` nor a `url`",
                            shown(s.id.get_ref())
                        ),
                        Some(
                            "a `path` (where it lives in its repository or site), a `url`, or both"
                                .into(),
                        ),
                        None,
                    );
                }
                if let Some(url) = &s.url {
                    self.check_text(url, &format!("sources[{i}].url"), false);
                }
                if let Some(rev) = &s.revision {
                    self.check_text(rev, &format!("sources[{i}].revision"), false);
                }
                Source {
                    id: s.id.get_ref().clone(),
                    title: s.title.value.clone(),
                    path: s.path.as_ref().map(|p| p.value.clone()),
                    url: s.url.as_ref().map(|u| u.value.clone()),
                    revision: s.revision.as_ref().map(|r| r.value.clone()),
                }
            })
            .collect()
    }

    /// The facts (or caveats) of one candidate.
    fn facts(&mut self, t: &Tables, list: &[RawFact], key: &str) -> Vec<Fact> {
        list.iter()
            .enumerate()
            .map(|(i, f)| {
                let k = format!("{key}[{i}]");
                self.check_text(&f.label, &format!("{k}.label"), true);
                self.check_text(&f.text, &format!("{k}.text"), true);
                Fact {
                    label: f.label.value.clone(),
                    text: f.text.value.clone(),
                    source: self.src(t, &f.source, &format!("{k}.source")),
                    // Resolved once the questions are (`fact_conditions`).
                    when: Condition::always(),
                }
            })
            .collect()
    }

    fn candidates(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Candidate> {
        let mut out = Vec::new();
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
                .map(|s| self.src(t, s, &format!("{k}.when_to_use_source")));
            let source = self.src(t, &c.source, &format!("{k}.source"));
            out.push(Candidate {
                id: c.id.get_ref().clone(),
                name: c.name.value.clone(),
                short: self.short(&c.short, &format!("{k}.short")),
                summary: c.summary.value.clone(),
                source,
                when_to_use: c.when_to_use.iter().map(|w| w.value.clone()).collect(),
                when_to_use_source,
                facts: self.facts(t, &c.facts, &format!("{k}.facts")),
                caveats: self.facts(t, &c.caveats, &format!("{k}.caveats")),
                retired: self.retired(t, c, &k, source),
            });
        }
        out
    }

    /// A candidate's `status`, `status_reason` and `status_source`: all three or none
    /// (the source may be left to the candidate's).
    fn retired(
        &mut self,
        t: &Tables,
        c: &RawCandidate,
        k: &str,
        candidate_source: SourceIx,
    ) -> Option<Retired> {
        let status = c.status.as_ref().map(|s| *s.get_ref());
        let retired = status.filter(|&s| s != CandidateStatus::Current);
        if let Some(reason) = &c.status_reason {
            self.check_text(reason, &format!("{k}.status_reason"), true);
        }
        let source = c
            .status_source
            .as_ref()
            .map(|s| self.src(t, s, &format!("{k}.status_source")));
        match (retired, &c.status_reason) {
            (Some(status), Some(reason)) => Some(Retired {
                status,
                reason: reason.value.clone(),
                source: source.unwrap_or(candidate_source),
            }),
            (Some(status), None) => {
                let at = c.status.as_ref().map(|s| s.span());
                self.report(
                    at,
                    format!("{k}.status"),
                    format!(
                        "candidate `{}` is {} but does not say why",
                        shown(c.id.get_ref()),
                        status.as_str()
                    ),
                    Some("a `status_reason`: why it is never recommended".into()),
                    None,
                );
                None
            }
            (None, reason) => {
                let stray = match (reason, &c.status_source) {
                    (Some(r), _) => Some(("status_reason", r.place())),
                    (None, Some(s)) => Some(("status_source", Some(s.span()))),
                    (None, None) => None,
                };
                if let Some((key, at)) = stray {
                    self.report(
                        at,
                        format!("{k}.{key}"),
                        format!("`{key}` without a `status` to explain"),
                        Some(
                            "`status = \"deprecated\"` or `\"legacy\"` beside it, or no `{key}`"
                                .replace("{key}", key),
                        ),
                        None,
                    );
                }
                None
            }
        }
    }

    /// The `when` of every fact and caveat, once the questions they name are known.
    fn fact_conditions(&mut self, raw: &RawDataset, t: &Tables, candidates: &mut [Candidate]) {
        for (i, (c, out)) in raw.candidates.iter().zip(candidates.iter_mut()).enumerate() {
            for (list, facts, kind) in [
                (&c.facts, &mut out.facts, "facts"),
                (&c.caveats, &mut out.caveats, "caveats"),
            ] {
                for (j, (f, fact)) in list.iter().zip(facts.iter_mut()).enumerate() {
                    if f.when.tests.is_empty() {
                        continue;
                    }
                    let k = format!("candidates[{i}].{kind}[{j}].when");
                    if let Some(when) = self.condition(t, &f.when, &k) {
                        fact.when = when;
                    }
                }
            }
        }
    }

    /// The notes on the cells of one matrix row, keyed by candidate.
    fn cell_notes(
        &mut self,
        t: &Tables,
        notes: &BTreeMap<Id, RawCellNote>,
        key: &str,
    ) -> Vec<Option<CellNote>> {
        let mut out: Vec<Option<CellNote>> = vec![None; t.candidates.len];
        for (cand, note) in notes {
            let k = format!("{key}.{}", shown(cand.get_ref()));
            self.check_text(&note.text, &format!("{k}.text"), true);
            let source = self.src(t, &note.source, &format!("{k}.source"));
            if let Some(c) = self.resolve(&t.candidates, cand, &k) {
                out[c] = Some(CellNote {
                    text: note.text.value.clone(),
                    source,
                });
            }
        }
        out
    }

    /// `[[contexts]]`: the support matrix.
    fn contexts(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Context> {
        let n_cand = t.candidates.len;
        let mut out = Vec::new();
        for (i, c) in raw.contexts.iter().enumerate() {
            let k = format!("contexts[{i}]");
            self.check_text(&c.name, &format!("{k}.name"), true);
            self.check_text(&c.summary, &format!("{k}.summary"), false);
            let cells = self.row(
                &t.candidates,
                &c.support,
                c.id.span(),
                &format!("{k}.support"),
                &format!("support row `{}`", shown(c.id.get_ref())),
            );
            let cells: Vec<SupportCell> = cells
                .into_iter()
                .map(|c| c.unwrap_or(SupportCell::No))
                .collect();
            let support: Vec<bool> = cells.iter().map(|&c| c != SupportCell::No).collect();
            out.push(Context {
                id: c.id.get_ref().clone(),
                name: c.name.value.clone(),
                summary: c.summary.value.clone(),
                source: self.src(t, &c.source, &format!("{k}.source")),
                unsupported: mask((0..n_cand).filter(|&c| !support[c])),
                depends: mask((0..n_cand).filter(|&c| cells[c] == SupportCell::Depends)),
                support,
                notes: self.cell_notes(t, &c.notes, &format!("{k}.notes")),
            });
        }
        out
    }

    /// `[[criteria]]`: the comparison matrix.
    fn criteria(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Criterion> {
        let mut out = Vec::new();
        for (i, c) in raw.criteria.iter().enumerate() {
            let k = format!("criteria[{i}]");
            self.check_text(&c.label, &format!("{k}.label"), true);
            let cells = self.row(
                &t.candidates,
                &c.values,
                c.id.span(),
                &format!("{k}.values"),
                &format!("criterion `{}`", shown(c.id.get_ref())),
            );
            out.push(Criterion {
                id: c.id.get_ref().clone(),
                label: c.label.value.clone(),
                short: self.short(&c.short, &format!("{k}.short")),
                source: self.src(t, &c.source, &format!("{k}.source")),
                values: cells
                    .into_iter()
                    .map(|c| c.unwrap_or(CellValue::Depends))
                    .collect(),
                notes: self.cell_notes(t, &c.notes, &format!("{k}.notes")),
            });
        }
        out
    }

    /// The options of every question, checked and made into tables: before any
    /// condition, so that conditions can resolve option ids.
    fn options<'r>(&mut self, raw: &'r RawDataset) -> Vec<Table<'r>> {
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
            let mut table = self.table("option", &format!("{k}.options"), &q.options, |o| &o.id);
            table.what = "option";
            option_tables.push(table);
        }
        option_tables
    }

    /// `[[questions]]`, their conditions and the cycles among them.
    fn questions(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Question> {
        let mut out = Vec::new();
        let mut ask_if_ok = true;
        for (i, q) in raw.questions.iter().enumerate() {
            let k = format!("questions[{i}].ask_if");
            let ask_if = self.condition(t, &q.ask_if, &k);
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
                .map(|s| self.src(t, s, &format!("questions[{i}].source")));
            out.push(Question {
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
            self.check_cycles(&raw.questions, &out);
        }
        out
    }

    /// `dataset.context_question`: present exactly when there are contexts, and its
    /// options are the contexts, in order.
    fn context_question(&mut self, raw: &RawDataset, t: &Tables) -> Option<QuestionIx> {
        let meta = raw.dataset.get_ref();
        match (&meta.context_question, raw.contexts.is_empty()) {
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
                let q = self.resolve(&t.questions, id, "dataset.context_question");
                if let Some(q) = q {
                    let options: Vec<&str> = t.options[q].ids.clone();
                    if options != t.contexts.ids {
                        self.report(
                            Some(raw.questions[q].id.span()),
                            format!("questions[{q}].options"),
                            format!(
                                "the options of context question `{}` are not the contexts",
                                id.get_ref()
                            ),
                            Some(format!(
                                "exactly the context ids, in order: {}",
                                list_ids(t.contexts.ids.iter().copied())
                            )),
                            None,
                        );
                    }
                }
                q
            }
        }
    }

    fn outcomes(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Outcome> {
        let mut out = Vec::new();
        for (i, o) in raw.outcomes.iter().enumerate() {
            let k = format!("outcomes[{i}]");
            self.check_text(&o.title, &format!("{k}.title"), true);
            self.check_text(&o.text, &format!("{k}.text"), true);
            out.push(Outcome {
                id: o.id.get_ref().clone(),
                title: o.title.value.clone(),
                text: o.text.value.clone(),
                source: self.src(t, &o.source, &format!("{k}.source")),
                is_final: o.r#final,
                no_candidate: o.no_candidate,
            });
        }
        out
    }

    fn rules(&mut self, raw: &RawDataset, t: &Tables, criteria: &[Criterion]) -> Vec<Rule> {
        let n_cand = t.candidates.len;
        let mut out = Vec::new();
        for (i, r) in raw.rules.iter().enumerate() {
            let k = format!("rules[{i}]");
            self.check_text(&r.because, &format!("{k}.because"), true);
            let when = self.condition(t, &r.when, &format!("{k}.when"));
            let mut score = Vec::new();
            for (cand, w) in &r.score {
                let kk = || format!("{k}.score.{}", shown(cand.get_ref()));
                let c = self.resolve_keyed(&t.candidates, cand, kk);
                let weight = *w.get_ref();
                if weight.unsigned_abs() > super::MAX_WEIGHT.unsigned_abs() {
                    self.report(
                        Some(w.span()),
                        kk(),
                        format!("weight {weight} is out of range"),
                        Some(format!(
                            "an integer from -{} to {}",
                            super::MAX_WEIGHT,
                            super::MAX_WEIGHT
                        )),
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
                .filter_map(|(j, c)| self.resolve(&t.candidates, c, &format!("{k}.exclude[{j}]")))
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
                if let Some(c) = self.resolve_keyed(&t.criteria, crit, kk) {
                    let allowed = allowed.get_ref().0.clone();
                    let values = &criteria[c].values;
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
                .and_then(|o| self.resolve(&t.outcomes, o, &format!("{k}.outcome")));
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
            let source = self.src(t, &r.source, &format!("{k}.source"));
            let rules_out_mask = require
                .iter()
                .fold(mask(exclude.iter().copied()), |m, req| m | req.lacking);
            out.push(Rule {
                id: r.id.get_ref().clone(),
                when: when.unwrap_or_default(),
                because: r.because.value.clone(),
                source,
                score,
                exclude,
                require,
                outcome,
                rules_out: rules_out_mask,
                retires: None,
            });
        }
        out
    }

    fn notes(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Note> {
        let mut out = Vec::new();
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
                .map(|(j, s)| self.src(t, s, &format!("{k}.sources[{j}]")))
                .collect();
            out.push(Note {
                id: n.id.get_ref().clone(),
                title: n.title.value.clone(),
                text: n.text.value.clone(),
                sources,
            });
        }
        out
    }

    fn glossary(&mut self, raw: &RawDataset, t: &Tables) -> Vec<Term> {
        raw.glossary
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let k = format!("glossary[{i}]");
                self.check_text(&term.term, &format!("{k}.term"), true);
                self.check_text(&term.definition, &format!("{k}.definition"), true);
                Term {
                    term: term.term.value.clone(),
                    definition: term.definition.value.clone(),
                    source: self.src(t, &term.source, &format!("{k}.source")),
                }
            })
            .collect()
    }

    /// Conditions no answers satisfy. They need resolved questions: only a sound model is
    /// checked.
    fn impossible_conditions(
        &mut self,
        raw: &RawDataset,
        questions: &[Question],
        rules: &[Rule],
        candidates: &[Candidate],
    ) {
        if !self.problems.is_empty() {
            return;
        }
        for (i, q) in questions.iter().enumerate() {
            if !satisfiable(questions, &q.ask_if) {
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
        for (i, r) in rules.iter().enumerate() {
            if !satisfiable(questions, &r.when) {
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
        for (i, c) in candidates.iter().enumerate() {
            for (kind, facts, raw_facts) in [
                ("facts", &c.facts, &raw.candidates[i].facts),
                ("caveats", &c.caveats, &raw.candidates[i].caveats),
            ] {
                for (j, f) in facts.iter().enumerate() {
                    if !satisfiable(questions, &f.when) {
                        self.report(
                            raw_facts[j].label.place(),
                            format!("candidates[{i}].{kind}[{j}].when"),
                            format!(
                                "this {} is never shown: its `when` needs answers to questions that are not asked under its other conditions",
                                if kind == "facts" { "fact" } else { "caveat" }
                            ),
                            Some("conditions that some answers satisfy".into()),
                            None,
                        );
                    }
                }
            }
        }
    }
}

/// For each candidate with a status, a rule that always fires and rules it out, with the
/// status reason as its `because`.
fn retirement_rules(candidates: &[Candidate]) -> Vec<Rule> {
    candidates
        .iter()
        .enumerate()
        .filter_map(|(c, cand)| {
            let r = cand.retired.as_ref()?;
            Some(Rule {
                // `#` is never in an id of the file: no clash.
                id: format!("{}#{}", cand.id, r.status.as_str()),
                when: Condition::always(),
                because: r.reason.clone(),
                source: r.source,
                score: Vec::new(),
                exclude: vec![c],
                require: Vec::new(),
                outcome: None,
                rules_out: 1 << c,
                retires: Some(c),
            })
        })
        .collect()
}
