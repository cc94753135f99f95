//! What the engine needs to know about a dataset's structure, computed once when it loads
//! so that no verdict walks the gates or rescans the rules: the order questions are decided
//! in, who gates whom, where final outcomes close the questionnaire, which rules read which
//! question. Every function here is polynomial in the size of the dataset: gates are a
//! transitive closure built in dependency order over bit sets, never by enumerating paths.

use super::model::{Outcome, Question, QuestionIx, Rule, RuleIx};

/// A set of questions, as a bit set (256 questions at most: `MAX_QUESTIONS`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct QuestionSet([u64; 4]);

impl QuestionSet {
    fn insert(&mut self, q: QuestionIx) {
        self.0[q / 64] |= 1 << (q % 64);
    }
    fn union(&mut self, other: &QuestionSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
    fn intersection(&self, other: &QuestionSet) -> QuestionSet {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a &= b;
        }
        out
    }
    fn members(&self) -> Vec<QuestionIx> {
        (0..256)
            .filter(|&q| self.0[q / 64] & (1 << (q % 64)) != 0)
            .collect()
    }
}

/// Questions in an order where every `ask_if` names only earlier ones (the graph is
/// acyclic once validation passed); otherwise in file order.
pub fn ask_order(questions: &[Question]) -> Vec<QuestionIx> {
    // Iterative depth-first search: a chain of 256 gates must not recurse 256 deep twice.
    let mut seen = vec![false; questions.len()];
    let mut out = Vec::with_capacity(questions.len());
    for start in 0..questions.len() {
        let mut stack = vec![(start, 0usize)];
        while let Some(&mut (q, ref mut next)) = stack.last_mut() {
            if *next == 0 && seen[q] {
                stack.pop();
                continue;
            }
            seen[q] = true;
            match questions[q].ask_if.questions().get(*next) {
                Some(&g) => {
                    *next += 1;
                    if !seen[g] {
                        stack.push((g, 0));
                    }
                }
                None => {
                    out.push(q);
                    stack.pop();
                }
            }
        }
    }
    out
}

/// Every question's gates, transitively (see `Dataset::gated_by`), in dataset order: each
/// question's set is the union of the sets of the questions it names, computed in
/// `ask_order`, so the cost is quadratic in the questions at worst, whatever the number of
/// ways through the gates.
pub fn gated_by(questions: &[Question], ask_order: &[QuestionIx]) -> Vec<Vec<QuestionIx>> {
    let mut sets = vec![QuestionSet::default(); questions.len()];
    for &q in ask_order {
        let mut set = QuestionSet::default();
        for &g in questions[q].ask_if.questions() {
            set.insert(g);
            let gates = sets[g];
            set.union(&gates);
        }
        sets[q] = set;
    }
    sets.iter().map(QuestionSet::members).collect()
}

/// Per question, the questions that must be answered (as its conditions require) for it
/// to be asked at all, transitively (see `Dataset::needed_gates`): the gates every
/// alternative of its `ask_if` needs, not looking past a gate whose answer always counts.
/// Equal to [`gated_by`] for conditions without alternatives or such gates. Same cost as
/// [`gated_by`].
pub fn needed_gates(questions: &[Question], ask_order: &[QuestionIx]) -> Vec<Vec<QuestionIx>> {
    let mut sets = vec![QuestionSet::default(); questions.len()];
    for &q in ask_order {
        let mut common: Option<QuestionSet> = None;
        for alt in questions[q].ask_if.alternatives() {
            let mut set = QuestionSet::default();
            for t in alt {
                set.insert(t.question);
                // An answer that always counts counts without its own gates: the gate is
                // that answer, not what opens its question.
                if !questions[t.question].always_counts {
                    let gates = sets[t.question];
                    set.union(&gates);
                }
            }
            common = Some(match common {
                Some(c) => c.intersection(&set),
                None => set,
            });
        }
        sets[q] = common.unwrap_or_default();
    }
    sets.iter().map(QuestionSet::members).collect()
}

/// Rules leading to a final outcome, with the first question each closes (see
/// `Dataset::final_rules`): the one after the last of its questions and their gates.
pub fn final_rules(
    rules: &[Rule],
    outcomes: &[Outcome],
    gated_by: &[Vec<QuestionIx>],
) -> Vec<(RuleIx, QuestionIx)> {
    let last_needed = |q: QuestionIx| gated_by[q].iter().copied().fold(q, usize::max);
    rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.outcome.is_some_and(|o| outcomes[o].is_final))
        .map(|(ri, r)| {
            // An outcome that needs no answer closes every question.
            let closes_from = r
                .when
                .questions()
                .iter()
                .map(|&q| last_needed(q) + 1)
                .max()
                .unwrap_or(0);
            (ri, closes_from)
        })
        .collect()
}

/// Which questions a final outcome leaves open (see `Dataset::outlasts_final`).
pub fn outlasts_final(questions: &[Question], gated_by: &[Vec<QuestionIx>]) -> Vec<bool> {
    let mut out: Vec<bool> = questions.iter().map(|q| q.always_counts).collect();
    for (q, question) in questions.iter().enumerate() {
        if question.always_counts {
            for &g in &gated_by[q] {
                out[g] = true;
            }
        }
    }
    out
}

/// Per question, the rules whose `when` tests it, in rule order.
pub fn rules_testing(questions: usize, rules: &[Rule]) -> Vec<Vec<RuleIx>> {
    let mut out = vec![Vec::new(); questions];
    for (r, rule) in rules.iter().enumerate() {
        for &q in rule.when.questions() {
            out[q].push(r);
        }
    }
    out
}

/// Per question, whether changing its answer can change which other questions are asked:
/// it gates a question, or a final outcome depends on it (and so may close questions).
/// A change to any other question only changes the rules that test it, which lets
/// hypotheticals be evaluated incrementally.
pub fn reshapes(
    questions: &[Question],
    rules: &[Rule],
    final_rules: &[(RuleIx, QuestionIx)],
) -> Vec<bool> {
    let mut out = vec![false; questions.len()];
    for question in questions {
        for &q in question.ask_if.questions() {
            out[q] = true;
        }
    }
    for &(r, _) in final_rules {
        for &q in rules[r].when.questions() {
            out[q] = true;
        }
    }
    out
}

/// Per rule, a number shared by exactly the rules whose `when` is the same condition (the
/// same alternatives of the same tests): such rules always fire together, so the engine
/// can weigh what they do together (one bullet per candidate is one rule per candidate).
pub fn condition_groups(rules: &[Rule]) -> Vec<u32> {
    group_by_key(rules, |rule| -> Vec<Vec<(QuestionIx, u64)>> {
        rule.when
            .alternatives()
            .map(|alt| alt.iter().map(|t| (t.question, t.options)).collect())
            .collect()
    })
}

/// Per rule, a number shared by exactly the rules whose `when` tests the same questions:
/// the unit why-not contrasts are netted by ("one answer, or one combination of answers").
pub fn answer_groups(rules: &[Rule]) -> Vec<u32> {
    group_by_key(rules, |rule| rule.when.questions().to_vec())
}

/// Numbers the rules so that two share a number exactly when `key` gives them equal keys.
fn group_by_key<K: Ord>(rules: &[Rule], key: impl Fn(&Rule) -> K) -> Vec<u32> {
    let mut keys: Vec<(K, RuleIx)> = rules
        .iter()
        .enumerate()
        .map(|(r, rule)| (key(rule), r))
        .collect();
    keys.sort();
    let mut out = vec![0u32; rules.len()];
    let mut group = 0u32;
    for (i, (k, r)) in keys.iter().enumerate() {
        if i > 0 && keys[i - 1].0 != *k {
            group += 1;
        }
        out[*r] = group;
    }
    out
}
