//! The engine's promises, over random valid datasets and random answers (proptest):
//!
//! - it never panics, and neither do the report and its renderers;
//! - it is deterministic: the same input gives the same `Verdict` and the same JSON bytes;
//! - the recommendation is never excluded, and every exclusion has a true reason;
//! - every reported what-if really changes the pick, and every single answer that changes
//!   the pick is reported;
//! - "settled" is never wrong: no extension of the answers changes the pick;
//! - `open` names every question that can still change the pick;
//! - a conflict rules everything out on its own, and every relaxation restores a fit;
//! - hypotheticals (what-if, relaxations) never drop a stated answer without saying so,
//!   and never drop one that always counts;
//! - why-not contrasts list only answers that set the two apart, and add up to the gap;
//! - an answer that does not count is never silent (report, text, JSON);
//! - a result decided by the dataset's order alone is always marked, in what-ifs too.
//!
//! Datasets come from two generators: `Spec` below (contexts, criteria with yes/no/depends,
//! chains of conditional questions, rules with score/exclude/require/outcome, outcomes of
//! every kind) and `authwiz::synth` with random shapes. Both are small enough that every
//! extension of an answer set can be enumerated. The run is bounded so that it takes a few
//! seconds in a debug build; `PROPTEST_CASES=N` runs more.

use std::collections::BTreeMap;
use std::fmt::Write;

use proptest::prelude::*;

#[path = "common/why_not_line.rs"]
mod why_not_line;

use authwiz::dataset::{self, Answers, CellValue, Dataset};
use authwiz::engine::{self, Asked, Exclusion, Status, Truth};
use authwiz::report::{self, recommend};
use authwiz::synth;

// ---- a generator of valid datasets ----

/// Rules that move candidates alike, the shape settlement leaves out when it decides
/// nothing: sometimes `r` lifts every candidate by the same points, and sometimes it is the
/// second bullet of `prev`'s condition (the same `when`), giving the candidates `prev` left
/// out the points `prev` gave the others, so that the two together lift all alike.
fn lift_alike(r: &mut RuleSpec, prev: Option<&RuleSpec>, n: usize, b: &mut Bits<'_>) {
    if b.chance(12) {
        let w = b.below(11) as i64 - 5;
        r.score = (0..n).map(|c| (c, w)).collect();
    }
    let Some(prev) = prev else { return };
    if let Some(&(_, w)) = prev.score.first()
        && prev.score.iter().all(|&(_, x)| x == w)
        && prev.score.len() < n
        && b.chance(20)
    {
        r.when = prev.when.clone();
        r.alt = prev.alt.clone();
        r.score = (0..n)
            .filter(|c| !prev.score.iter().any(|s| s.0 == *c))
            .map(|c| (c, w))
            .collect();
    }
}

#[derive(Debug, Clone)]
struct Spec {
    candidates: usize,
    /// Support matrix rows (0, or 2 and more: the context question needs 2 options).
    contexts: Vec<Vec<bool>>,
    /// Criterion cells, per criterion and candidate: 0 yes, 1 no, 2 depends.
    criteria: Vec<Vec<u8>>,
    /// Per question: number of options and its `ask_if` (question, option mask).
    questions: Vec<(usize, Vec<(usize, u64)>)>,
    /// Per question: a second alternative of its `ask_if` (written with `any`), or empty.
    ask_alt: Vec<Vec<(usize, u64)>>,
    /// Per question: whether its answer always counts.
    always_counts: Vec<bool>,
    rules: Vec<RuleSpec>,
    /// (final, no_candidate) per outcome.
    outcomes: Vec<(bool, bool)>,
}

#[derive(Debug, Clone)]
struct RuleSpec {
    when: Vec<(usize, u64)>,
    /// A second alternative of `when` (written with `any`), or empty.
    alt: Vec<(usize, u64)>,
    score: Vec<(usize, i64)>,
    exclude: Vec<usize>,
    /// (criterion, allowed-values mask over yes/no/depends)
    require: Vec<(usize, u8)>,
    outcome: Option<usize>,
}

/// Raw random material; `Spec::from_raw` turns it into a valid dataset.
#[derive(Debug, Clone)]
struct Raw {
    candidates: usize,
    contexts: usize,
    criteria: usize,
    options: Vec<usize>,
    outcomes: Vec<(bool, bool)>,
    rules: usize,
    bits: Vec<u64>,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        1usize..=5,
        prop_oneof![Just(0usize), 2usize..=3],
        0usize..=3,
        prop::collection::vec(2usize..=3, 1..=5),
        prop::collection::vec((any::<bool>(), any::<bool>()), 0..=2),
        0usize..=9,
        prop::collection::vec(any::<u64>(), 64),
    )
        .prop_map(
            |(candidates, contexts, criteria, options, outcomes, rules, bits)| Raw {
                candidates,
                contexts,
                criteria,
                options,
                outcomes,
                rules,
                bits,
            },
        )
}

/// Random draws from the raw material, deterministic for a given `Raw`.
struct Bits<'a> {
    rng: synth::Rng,
    _raw: &'a Raw,
}

impl Bits<'_> {
    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }
    fn chance(&mut self, p: u64) -> bool {
        self.rng.chance(p)
    }
    /// A non-empty proper subset of `n` options, as a mask.
    fn subset(&mut self, n: usize) -> u64 {
        loop {
            let m = self.rng.next_u64() & ((1 << n) - 1);
            if m != 0 && m != (1 << n) - 1 {
                return m;
            }
        }
    }
}

/// Whether some answers make `cond` hold (each question asked only under its own ask_if).
fn satisfiable(questions: &[(usize, Vec<(usize, u64)>)], cond: &[(usize, u64)]) -> bool {
    let mut allowed: BTreeMap<usize, u64> = BTreeMap::new();
    let mut work: Vec<(usize, u64)> = cond.to_vec();
    while let Some((q, m)) = work.pop() {
        let first = !allowed.contains_key(&q);
        let set = allowed.entry(q).or_insert(!0);
        *set &= m;
        if *set == 0 {
            return false;
        }
        if first {
            work.extend(questions[q].1.iter().copied());
        }
    }
    true
}

impl Spec {
    fn from_raw(raw: &Raw) -> Spec {
        let seed = raw.bits.iter().fold(0u64, |h, &b| h.rotate_left(7) ^ b);
        let mut b = Bits {
            rng: synth::Rng::new(seed),
            _raw: raw,
        };
        let n = raw.candidates;
        let contexts: Vec<Vec<bool>> = (0..raw.contexts)
            .map(|_| (0..n).map(|_| b.chance(70)).collect())
            .collect();
        let criteria: Vec<Vec<u8>> = (0..raw.criteria)
            .map(|_| (0..n).map(|_| b.below(3) as u8).collect())
            .collect();
        // Questions: with contexts, question 0 is the context question.
        let mut questions: Vec<(usize, Vec<(usize, u64)>)> = Vec::new();
        let mut options = raw.options.clone();
        if !contexts.is_empty() {
            options.insert(0, contexts.len());
        }
        for (i, &opts) in options.iter().enumerate() {
            let mut ask_if: Vec<(usize, u64)> = Vec::new();
            if i > 0 && b.chance(45) {
                for _ in 0..1 + b.below(2) {
                    let g = b.below(i);
                    if ask_if.iter().any(|t| t.0 == g) {
                        continue;
                    }
                    let mut cand = ask_if.clone();
                    cand.push((g, b.subset(options[g])));
                    if satisfiable(&questions, &cand) {
                        ask_if = cand;
                    }
                }
            }
            ask_if.sort();
            questions.push((opts, ask_if));
        }
        // Some conditions get a second alternative (`any`): the generator's own
        // satisfiability check reads only the first, which is enough to keep every
        // condition satisfiable.
        let mut ask_alt = vec![Vec::new(); questions.len()];
        for i in 1..questions.len() {
            if !questions[i].1.is_empty() && b.chance(35) {
                let g = b.below(i);
                let alt = vec![(g, b.subset(questions[g].0))];
                if satisfiable(&questions, &alt) {
                    ask_alt[i] = alt;
                }
            }
        }
        let always_counts: Vec<bool> = (0..questions.len()).map(|_| b.chance(30)).collect();
        let outcomes = raw.outcomes.clone();
        let mut rules = Vec::new();
        for _ in 0..raw.rules {
            let mut when: Vec<(usize, u64)> = Vec::new();
            for _ in 0..b.below(3) {
                let q = b.below(questions.len());
                if when.iter().any(|t| t.0 == q) {
                    continue;
                }
                let mut cand = when.clone();
                cand.push((q, b.subset(questions[q].0)));
                if satisfiable(&questions, &cand) {
                    when = cand;
                }
            }
            when.sort();
            let mut alt: Vec<(usize, u64)> = Vec::new();
            if !when.is_empty() && b.chance(35) {
                let q = b.below(questions.len());
                let cand = vec![(q, b.subset(questions[q].0))];
                if satisfiable(&questions, &cand) {
                    alt = cand;
                }
            }
            let mut r = RuleSpec {
                when,
                alt,
                score: Vec::new(),
                exclude: Vec::new(),
                require: Vec::new(),
                outcome: None,
            };
            loop {
                match b.below(10) {
                    0..=4 => {
                        let c = b.below(n);
                        if !r.score.iter().any(|s| s.0 == c) {
                            r.score.push((c, b.below(11) as i64 - 5));
                        }
                    }
                    5 | 6 => {
                        let c = b.below(n);
                        if !r.exclude.contains(&c) {
                            r.exclude.push(c);
                        }
                    }
                    7 | 8 if !criteria.is_empty() => {
                        let k = b.below(criteria.len());
                        if !r.require.iter().any(|x| x.0 == k) {
                            r.require.push((k, 1 + b.below(6) as u8));
                        }
                    }
                    _ if !outcomes.is_empty() => r.outcome = Some(b.below(outcomes.len())),
                    _ => {}
                }
                let has_effect = !r.score.is_empty()
                    || !r.exclude.is_empty()
                    || !r.require.is_empty()
                    || r.outcome.is_some();
                if has_effect && b.chance(60) {
                    break;
                }
            }
            lift_alike(&mut r, rules.last(), n, &mut b);
            rules.push(r);
        }
        Spec {
            candidates: n,
            contexts,
            criteria,
            questions,
            ask_alt,
            always_counts,
            rules,
            outcomes,
        }
    }

    fn toml(&self) -> String {
        let mut s = String::new();
        let opt = |q: usize, o: usize| {
            if !self.contexts.is_empty() && q == 0 {
                format!("x{o}")
            } else {
                format!("q{q}o{o}")
            }
        };
        let options_of = |q: usize, mask: u64| {
            let ids: Vec<String> = (0..64)
                .filter(|o| mask & (1 << o) != 0)
                .map(|o| format!("\"{}\"", opt(q, o)))
                .collect();
            format!("[{}]", ids.join(", "))
        };
        // A test that allows most options is written with `not` (the same set).
        let test = |q: usize, m: u64| {
            let n = self.questions[q].0;
            let all = (1u64 << n) - 1;
            if 2 * m.count_ones() as usize > n {
                format!("q{q} = {{ not = {} }}", options_of(q, all & !m))
            } else {
                format!("q{q} = {}", options_of(q, m))
            }
        };
        let conj = |tests: &[(usize, u64)]| {
            let t: Vec<String> = tests.iter().map(|&(q, m)| test(q, m)).collect();
            format!("{{ {} }}", t.join(", "))
        };
        let cond = |tests: &[(usize, u64)], alt: &[(usize, u64)]| {
            if alt.is_empty() {
                conj(tests)
            } else {
                format!("{{ any = [ {}, {} ] }}", conj(tests), conj(alt))
            }
        };
        let _ = writeln!(
            s,
            "schema = 1\n[dataset]\nid = \"prop\"\ntitle = \"T\"\nedition = \"E\"\nsummary = \"S\""
        );
        if !self.contexts.is_empty() {
            let _ = writeln!(s, "context_question = \"q0\"");
        }
        let _ = writeln!(
            s,
            "[[sources]]\nid = \"src\"\ntitle = \"Src\"\npath = \"p\""
        );
        for c in 0..self.candidates {
            let _ = writeln!(
                s,
                "[[candidates]]\nid = \"c{c}\"\nname = \"C{c}\"\nsummary = \"Candidate {c}\"\nsource = \"src\""
            );
        }
        for (x, row) in self.contexts.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, v)| format!("c{c} = {v}"))
                .collect();
            let _ = writeln!(
                s,
                "[[contexts]]\nid = \"x{x}\"\nname = \"X{x}\"\nsummary = \"\"\nsource = \"src\"\nsupport = {{ {} }}",
                cells.join(", ")
            );
        }
        for (k, row) in self.criteria.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, v)| format!("c{c} = \"{}\"", ["yes", "no", "depends"][*v as usize]))
                .collect();
            let _ = writeln!(
                s,
                "[[criteria]]\nid = \"k{k}\"\nlabel = \"K{k}?\"\nsource = \"src\"\nvalues = {{ {} }}",
                cells.join(", ")
            );
        }
        for (q, (n, ask_if)) in self.questions.iter().enumerate() {
            let _ = writeln!(s, "[[questions]]\nid = \"q{q}\"\nprompt = \"Q{q}?\"");
            if !ask_if.is_empty() {
                let _ = writeln!(s, "ask_if = {}", cond(ask_if, &self.ask_alt[q]));
            }
            if self.always_counts[q] {
                let _ = writeln!(s, "always_counts = true");
            }
            for o in 0..*n {
                let _ = writeln!(
                    s,
                    "[[questions.options]]\nid = \"{}\"\nlabel = \"O{o}\"",
                    opt(q, o)
                );
            }
        }
        for (i, r) in self.rules.iter().enumerate() {
            let _ = writeln!(
                s,
                "[[rules]]\nid = \"r{i}\"\nbecause = \"reason {i}\"\nsource = \"src\""
            );
            if !r.when.is_empty() {
                let _ = writeln!(s, "when = {}", cond(&r.when, &r.alt));
            }
            if !r.score.is_empty() {
                let t: Vec<String> = r.score.iter().map(|(c, w)| format!("c{c} = {w}")).collect();
                let _ = writeln!(s, "score = {{ {} }}", t.join(", "));
            }
            if !r.exclude.is_empty() {
                let t: Vec<String> = r.exclude.iter().map(|c| format!("\"c{c}\"")).collect();
                let _ = writeln!(s, "exclude = [{}]", t.join(", "));
            }
            if !r.require.is_empty() {
                let t: Vec<String> = r
                    .require
                    .iter()
                    .map(|&(k, m)| {
                        let v: Vec<&str> = ["yes", "no", "depends"]
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| m & (1 << i) != 0)
                            .map(|(_, v)| *v)
                            .collect();
                        format!("k{k} = {v:?}")
                    })
                    .collect();
                let _ = writeln!(s, "require = {{ {} }}", t.join(", "));
            }
            if let Some(o) = r.outcome {
                let _ = writeln!(s, "outcome = \"z{o}\"");
            }
        }
        for (o, (fin, none)) in self.outcomes.iter().enumerate() {
            let _ = writeln!(
                s,
                "[[outcomes]]\nid = \"z{o}\"\ntitle = \"Z{o}\"\ntext = \"Outcome {o}\"\nsource = \"src\"\nfinal = {fin}\nno_candidate = {none}"
            );
        }
        s
    }
}

fn spec_dataset() -> impl Strategy<Value = (String, Dataset)> {
    raw().prop_map(|r| {
        let text = Spec::from_raw(&r).toml();
        let ds = dataset::load_str("prop.toml", &text)
            .unwrap_or_else(|e| panic!("generated dataset does not load: {e}\n{text}"));
        (text, ds)
    })
}

fn synth_dataset() -> impl Strategy<Value = (String, Dataset)> {
    (
        1usize..=5,
        1usize..=5,
        2usize..=3,
        0usize..=12,
        0usize..=3,
        0usize..=3,
        any::<u64>(),
    )
        .prop_map(
            |(candidates, questions, options, rules, criteria, contexts, seed)| {
                let shape = synth::Shape {
                    candidates,
                    questions,
                    options,
                    rules,
                    criteria,
                    contexts,
                    seed,
                };
                let text = synth::generate(shape);
                match dataset::load_str("synth.toml", &text) {
                    Ok(ds) => (text, ds),
                    Err(e) => panic!("synth {shape:?} does not load: {e}\n{text}"),
                }
            },
        )
}

/// Answer sets: per question none or an option (answers to skipped questions included).
fn answers_for(ds: &Dataset, picks: &[u8]) -> Answers {
    let mut a = Answers::for_dataset(ds);
    for (q, question) in ds.questions.iter().enumerate() {
        let p = picks.get(q).copied().unwrap_or(0) as usize;
        let n = question.options.len();
        // About half the questions answered.
        if p % 2 == 1 {
            a.set(q, (p / 2) % n);
        }
    }
    a
}

/// An answer set reached the way the wizard asks: each asked question answered in turn,
/// stopping after `stop` answers.
fn walked(ds: &Dataset, picks: &[u8], stop: usize) -> Answers {
    let mut a = Answers::for_dataset(ds);
    for (i, &p) in picks.iter().enumerate().take(stop) {
        let ev = engine::evaluate(ds, &a);
        let Some(q) = engine::next_question(ds, &a, &ev) else {
            break;
        };
        a.set(q, (p as usize + i) % ds.questions[q].options.len());
    }
    a
}

// ---- the promises ----

/// Every answer set that adds answers to `answers`' unanswered questions (leaving each
/// unanswered or choosing any option), or a sample of them beyond `limit`.
fn extensions(ds: &Dataset, answers: &Answers, limit: usize) -> Vec<Answers> {
    let open: Vec<usize> = (0..ds.questions.len())
        .filter(|&q| answers.get(q).is_none())
        .collect();
    let total: usize = open
        .iter()
        .map(|&q| ds.questions[q].options.len() + 1)
        .try_fold(1usize, |acc, n| acc.checked_mul(n))
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut rng = synth::Rng::new(total as u64 ^ 0x5eed);
    let count = total.min(limit);
    for i in 0..count {
        let mut a = answers.clone();
        // All of them in order when they fit, else random ones.
        let mut code = if total <= limit {
            i
        } else {
            rng.next_u64() as usize
        };
        for &q in &open {
            let n = ds.questions[q].options.len() + 1;
            let choice = code % n;
            code /= n;
            // Only questions the questionnaire asks at that point: an answer to one it does
            // not ask is ignored, or, if it always counts, a new need stated out of turn.
            if choice > 0 && engine::evaluate(ds, &a).asked[q] == Asked::Yes {
                a.set(q, choice - 1);
            }
        }
        out.push(a);
    }
    out
}

fn pick_of(ds: &Dataset, a: &Answers) -> (Option<usize>, bool) {
    let ev = engine::evaluate(ds, a);
    (ev.pick, ev.none_needed)
}

/// Checks every promise for one dataset and answer set.
fn promises(text: &str, ds: &Dataset, answers: &Answers) -> Result<(), TestCaseError> {
    let v = engine::decide(ds, answers);
    let ev = &v.eval;
    let ctx = || format!("answers {:?}\n{text}", answers.to_ids(ds));

    // Deterministic: the same Verdict and the same JSON bytes, also after reloading.
    let v2 = engine::decide(ds, answers);
    prop_assert_eq!(&v, &v2, "decide is not deterministic: {}", ctx());
    let rep = report::build(ds, &v);
    let json = report::json_string(&recommend::json(&rep, &ds.vocabulary));
    let again = dataset::load_str("prop.toml", text).unwrap();
    let v3 = engine::decide(&again, answers);
    let json3 = report::json_string(&recommend::json(
        &report::build(&again, &v3),
        &again.vocabulary,
    ));
    prop_assert_eq!(&json, &json3, "JSON differs between runs: {}", ctx());
    serde_json::from_str::<serde_json::Value>(&json).expect("JSON parses");
    let _ = recommend::text(&rep);
    let _ = recommend::markdown(&rep);

    // quick_pick agrees with evaluate.
    let quick = engine::quick_pick(ds, answers);
    prop_assert_eq!(quick.pick, ev.pick, "quick_pick disagrees: {}", ctx());
    prop_assert_eq!(quick.none_needed, ev.none_needed);

    // The recommendation is never excluded, and is the best eligible candidate.
    if let Some(p) = ev.pick {
        let s = &ev.standings[p];
        prop_assert!(!s.is_excluded(), "the pick is excluded: {}", ctx());
        prop_assert_eq!(s.status, Status::Recommended);
        for o in &ev.standings {
            if !o.is_excluded() {
                prop_assert!(
                    o.score < s.score || (o.score == s.score && o.candidate >= p),
                    "{} beats the pick: {}",
                    o.candidate,
                    ctx()
                );
            }
        }
    } else if !ev.none_needed {
        prop_assert!(
            ev.standings.iter().all(|s| s.is_excluded()),
            "no pick, though a candidate is eligible: {}",
            ctx()
        );
    }

    // Every exclusion has a reason, and the reason is true.
    let asked = &ev.asked;
    let fired = |r: usize| engine::truth(&ds.rules[r].when, answers, asked) == Truth::True;
    for s in &ev.standings {
        prop_assert_eq!(s.is_excluded(), s.status == Status::Excluded);
        for e in &s.exclusions {
            match *e {
                Exclusion::Unsupported { context } => {
                    let cq = ds.context_question.expect("a context question");
                    prop_assert_eq!(engine::effective_answer(answers, asked, cq), Some(context));
                    prop_assert!(!ds.contexts[context].support[s.candidate]);
                }
                Exclusion::Rule { rule } => {
                    prop_assert!(fired(rule), "rule {rule} did not fire: {}", ctx());
                    prop_assert!(ds.rules[rule].exclude.contains(&s.candidate));
                }
                Exclusion::Requirement { rule, criterion } => {
                    prop_assert!(fired(rule), "rule {rule} did not fire: {}", ctx());
                    let req = ds.rules[rule]
                        .require
                        .iter()
                        .find(|r| r.criterion == criterion)
                        .expect("the rule requires that criterion");
                    let cell = ds.criteria[criterion].values[s.candidate];
                    prop_assert!(cell != CellValue::Depends && !req.allowed.contains(&cell));
                }
            }
        }
    }
    for e in &rep.ranking {
        if e.status == Status::Excluded {
            prop_assert!(
                !e.reasons.is_empty() && e.reasons.iter().all(|r| !r.text.trim().is_empty()),
                "{} is excluded without a reason: {}",
                e.id,
                ctx()
            );
        }
    }

    // What-ifs: each reported change really changes the pick, and every such change of an
    // asked question is reported.
    let here = (ev.pick, ev.none_needed);
    for w in &v.what_if {
        let changed = pick_of(ds, &answers.with(w.question, Some(w.to)));
        prop_assert!(changed != here, "what-if {w:?} changes nothing: {}", ctx());
        prop_assert_eq!(changed.0, w.pick);
    }
    for q in (0..ds.questions.len()).filter(|&q| asked[q] == Asked::Yes) {
        for o in 0..ds.questions[q].options.len() {
            if answers.get(q) == Some(o) {
                continue;
            }
            if pick_of(ds, &answers.with(q, Some(o))) != here {
                prop_assert!(
                    v.what_if.iter().any(|w| w.question == q && w.to == o),
                    "q{q}={o} changes the pick but is not reported: {}",
                    ctx()
                );
            }
        }
    }

    // "Settled" is never wrong, and `open` names every question that can still matter.
    let exts = extensions(ds, answers, 400);
    if v.settlement.settled {
        for e in &exts {
            prop_assert_eq!(
                pick_of(ds, e).0,
                ev.pick,
                "settled, but {:?} changes the pick: {}",
                e.to_ids(ds),
                ctx()
            );
        }
    }
    for q in (0..ds.questions.len()).filter(|&q| answers.get(q).is_none()) {
        if v.settlement.open.contains(&q) {
            continue;
        }
        // Where the questionnaire would ask it (see `extensions`).
        let asks_q = |e: &Answers| engine::evaluate(ds, e).asked[q] == Asked::Yes;
        for e in exts
            .iter()
            .filter(|e| e.get(q).is_none() && asks_q(e))
            .take(100)
        {
            let base = pick_of(ds, e).0;
            for o in 0..ds.questions[q].options.len() {
                let with = pick_of(ds, &e.with(q, Some(o))).0;
                prop_assert_eq!(
                    with,
                    base,
                    "q{} is not open, yet answering it {} after {:?} changes the pick: {}",
                    q,
                    o,
                    e.to_ids(ds),
                    ctx()
                );
            }
        }
    }

    // Conflicts: the conflicting answers alone rule everything out; every relaxation
    // restores a fit.
    match &v.conflict {
        None => prop_assert!(!ev.nothing_fits() || ev.standings.is_empty()),
        Some(c) => {
            prop_assert!(ev.nothing_fits());
            let mut only = Answers::for_dataset(ds);
            for &q in &c.questions {
                prop_assert!(asked[q] == Asked::Yes, "conflict names an unasked question");
                only.set(q, answers.get(q).expect("a conflicting answer was given"));
            }
            prop_assert!(
                engine::quick_pick(ds, &only).nothing_fits(),
                "the conflicting answers alone leave a fit: {}",
                ctx()
            );
            if c.smallest {
                // Smallest: no smaller set of the answers that count conflicts (checked by
                // brute force where that is cheap; the search skips subsets by a bit-mask
                // test, which must never skip one that conflicts).
                let given: Vec<usize> = (0..ds.questions.len())
                    .filter(|&q| asked[q] == Asked::Yes && answers.get(q).is_some())
                    .collect();
                if given.len() <= 10 {
                    for bits in 0u32..(1 << given.len()) {
                        if (bits.count_ones() as usize) >= c.questions.len() {
                            continue;
                        }
                        let mut sub = Answers::for_dataset(ds);
                        for (i, &q) in given.iter().enumerate() {
                            if bits & (1 << i) != 0 {
                                sub.set(q, answers.get(q).unwrap());
                            }
                        }
                        prop_assert!(
                            !engine::quick_pick(ds, &sub).nothing_fits(),
                            "a smaller set of answers conflicts than the smallest reported: {}",
                            ctx()
                        );
                    }
                }
            } else {
                // Minimal: dropping any one answer resolves it.
                for &q in &c.questions {
                    let mut fewer = only.clone();
                    fewer.clear(q);
                    prop_assert!(!engine::quick_pick(ds, &fewer).nothing_fits());
                }
            }
            for r in &c.relaxations {
                let ev2 = engine::evaluate(ds, &answers.with(r.question, r.to));
                prop_assert!(
                    !ev2.nothing_fits(),
                    "relaxation {r:?} does not restore a fit: {}",
                    ctx()
                );
                prop_assert!(!r.fits.is_empty());
                for &f in &r.fits {
                    prop_assert!(!ev2.standings[f].is_excluded());
                }
                let drops = dropped(ds, answers, ev, &answers.with(r.question, r.to), r.question);
                prop_assert_eq!(&r.drops, &drops, "relaxation {:?} drops: {}", r, ctx());
            }
        }
    }
    hypotheticals_say_what_they_drop(ds, answers, &v, &ctx)?;
    contrasts_add_up(ds, &v, &ctx)?;
    // And as read: the one line per candidate of the summary adds up to the gap it states.
    if let Err(e) = why_not_line::check(&recommend::text(&rep)) {
        prop_assert!(false, "{e}: {}", ctx());
    }
    nothing_ignored_silently(ds, answers, &v, &rep, &ctx)?;
    ties_are_marked(ds, answers, &v, &rep, &ctx)?;
    Ok(())
}

/// The answers that count under `answers` and would not under `changed` (question `q`
/// changed), computed from two evaluations.
fn dropped(
    ds: &Dataset,
    answers: &Answers,
    ev: &engine::Evaluation,
    changed: &Answers,
    q: usize,
) -> Vec<usize> {
    let then = engine::evaluate(ds, changed);
    (0..ds.questions.len())
        .filter(|&o| o != q && answers.get(o).is_some() && ev.asked[o] == Asked::Yes)
        .filter(|&o| then.asked[o] != Asked::Yes)
        .collect()
}

fn hypotheticals_say_what_they_drop(
    ds: &Dataset,
    answers: &Answers,
    v: &engine::Verdict,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    for w in &v.what_if {
        let changed = answers.with(w.question, Some(w.to));
        let drops = dropped(ds, answers, &v.eval, &changed, w.question);
        prop_assert_eq!(&w.drops, &drops, "what-if {:?} drops: {}", w, ctx());
        for &d in &w.drops {
            prop_assert!(
                !ds.questions[d].always_counts,
                "what-if {w:?} drops an answer that always counts: {}",
                ctx()
            );
        }
    }
    Ok(())
}

fn contrasts_add_up(
    ds: &Dataset,
    v: &engine::Verdict,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let Some(pick) = v.eval.pick else {
        return Ok(());
    };
    for w in v.why_not.iter().filter(|w| w.exclusions.is_empty()) {
        let sum: i32 = w.contrast.iter().map(|g| g.gap()).sum();
        prop_assert_eq!(
            sum,
            w.behind,
            "contrasts of {} do not add up: {}",
            w.candidate,
            ctx()
        );
        let score = |c: usize| v.eval.standings[c].score;
        prop_assert_eq!(w.behind, score(pick) - score(w.candidate));
        for g in &w.contrast {
            prop_assert!(g.gap() != 0, "an answer that gives both the same is listed");
            // Recomputed from the standings: the points each got from rules testing exactly
            // these questions.
            let from = |c: usize| -> i32 {
                v.eval.standings[c]
                    .points
                    .iter()
                    .filter(|&&(r, _)| {
                        ds.rules[r]
                            .when
                            .questions()
                            .iter()
                            .copied()
                            .eq(g.questions.iter().copied())
                    })
                    .map(|&(_, p)| p)
                    .sum()
            };
            prop_assert_eq!(
                (g.pick_points, g.their_points),
                (from(pick), from(w.candidate))
            );
        }
    }
    Ok(())
}

fn nothing_ignored_silently(
    ds: &Dataset,
    answers: &Answers,
    v: &engine::Verdict,
    rep: &report::Report,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let json = recommend::json(rep, &ds.vocabulary);
    let text = recommend::text(rep);
    let listed = |key: &str, id: &str| {
        json[key]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["question"] == id))
    };
    for (q, _) in answers.answered() {
        if v.eval.asked[q] == Asked::Yes {
            continue;
        }
        let id = &ds.questions[q].id;
        let x = rep
            .ignored
            .iter()
            .chain(&rep.waiting)
            .find(|x| x.answer.question == *id);
        prop_assert!(
            x.is_some(),
            "{id} does not count, yet the report is silent: {}",
            ctx()
        );
        let x = x.unwrap();
        prop_assert!(
            rep.notices.contains(&x.text),
            "{id} is not beside the result"
        );
        prop_assert!(text.contains(&x.text), "{id} is missing from the text");
        prop_assert!(
            listed("ignored_answers", id) || listed("waiting_answers", id),
            "{id} is missing from the JSON: {}",
            ctx()
        );
    }
    Ok(())
}

fn ties_are_marked(
    ds: &Dataset,
    answers: &Answers,
    v: &engine::Verdict,
    rep: &report::Report,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let tied_at_top = |ev: &engine::Evaluation| -> Vec<usize> {
        let Some(p) = ev.pick else { return Vec::new() };
        let top = ev.standings[p].score;
        let t: Vec<usize> = (0..ds.candidates.len())
            .filter(|&c| !ev.standings[c].is_excluded() && ev.standings[c].score == top)
            .collect();
        if t.len() > 1 { t } else { Vec::new() }
    };
    let tie = tied_at_top(&v.eval);
    prop_assert_eq!(v.decided_by_order(), !tie.is_empty(), "{}", ctx());
    prop_assert_eq!(rep.decided_by_order, !tie.is_empty());
    let json = recommend::json(rep, &ds.vocabulary);
    prop_assert_eq!(
        &json["decided_by_order"],
        &serde_json::Value::Bool(!tie.is_empty())
    );
    if !tie.is_empty() {
        prop_assert!(rep.headline.contains("order alone"), "{}", rep.headline);
        prop_assert_eq!(&json["result"], "tie");
        prop_assert!(recommend::text(rep).contains(&rep.headline));
    }
    for w in &v.what_if {
        let then = engine::evaluate(ds, &answers.with(w.question, Some(w.to)));
        let expected: u64 = tied_at_top(&then).iter().fold(0, |m, &c| m | (1 << c));
        prop_assert_eq!(w.tie, expected, "what-if {:?} tie: {}", w, ctx());
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn promises_hold_on_generated_datasets(
        (text, ds) in spec_dataset(),
        picks in prop::collection::vec(any::<u8>(), 8),
        stop in 0usize..8,
    ) {
        promises(&text, &ds, &Answers::for_dataset(&ds))?;
        promises(&text, &ds, &answers_for(&ds, &picks))?;
        promises(&text, &ds, &walked(&ds, &picks, stop))?;
    }

    #[test]
    fn promises_hold_on_synthetic_datasets(
        (text, ds) in synth_dataset(),
        picks in prop::collection::vec(any::<u8>(), 8),
        stop in 0usize..8,
    ) {
        promises(&text, &ds, &answers_for(&ds, &picks))?;
        promises(&text, &ds, &walked(&ds, &picks, stop))?;
    }
}

/// Found by the property test above (fixed since): an answer that reached a final outcome
/// discarded the answers given before it (reported as ignored), so the pick changed and an
/// answer set that was "settled" no longer was. A final outcome ends the questionnaire for
/// questions *not answered yet* (data/README.md).
#[test]
fn final_outcomes_keep_earlier_answers() {
    let text = r#"
schema = 1
[dataset]
id = "fin"
title = "T"
edition = "E"
summary = "S"
[[sources]]
id = "src"
title = "Src"
path = "p"
[[candidates]]
id = "c0"
name = "C0"
summary = "C0"
source = "src"
[[candidates]]
id = "c1"
name = "C1"
summary = "C1"
source = "src"
[[questions]]
id = "first"
prompt = "First?"
[[questions.options]]
id = "a"
label = "A"
[[questions.options]]
id = "b"
label = "B"
[[questions]]
id = "second"
prompt = "Second?"
[[questions.options]]
id = "x"
label = "X"
[[questions.options]]
id = "y"
label = "Y"
[[rules]]
id = "likes-c1"
when = { first = "a" }
because = "first is a"
source = "src"
score = { c1 = 1 }
[[rules]]
id = "stop"
when = { second = "x" }
because = "second is x"
source = "src"
outcome = "done"
[[outcomes]]
id = "done"
title = "Done"
text = "Done."
source = "src"
"#;
    let ds = dataset::load_str("fin.toml", text).unwrap();
    let mut a = Answers::for_dataset(&ds);
    a.set(0, 0); // first = a
    assert_eq!(engine::evaluate(&ds, &a).pick, Some(1));
    a.set(1, 0); // second = x: the final outcome
    let ev = engine::evaluate(&ds, &a);
    assert_eq!(ev.asked[0], Asked::Yes, "the earlier answer still counts");
    assert_eq!(ev.pick, Some(1));
}

/// Found by the property test above (fixed since): with nothing fitting, a final outcome
/// still to come (at q3) would drop the conflicting answer (q5) and let the context (q0)
/// decide, yet only q3 was named open.
#[test]
fn a_pending_final_outcome_opens_the_questions_before_it() {
    let ds = dataset::load_str(
        "t.toml",
        r#"schema = 1
[dataset]
id = "t"
title = "T"
edition = "E"
summary = "S"
context_question = "q0"
[[sources]]
id = "src"
title = "Src"
path = "p"
[[candidates]]
id = "c0"
name = "C0"
summary = "The only one."
source = "src"
[[contexts]]
id = "x0"
name = "X0"
summary = ""
source = "src"
support = { c0 = false }
[[contexts]]
id = "x1"
name = "X1"
summary = ""
source = "src"
support = { c0 = true }
[[questions]]
id = "q0"
prompt = "Q0?"
[[questions.options]]
id = "x0"
label = "X0"
[[questions.options]]
id = "x1"
label = "X1"
[[questions]]
id = "q1"
prompt = "Q1? (nothing reads it)"
[[questions.options]]
id = "a"
label = "A"
[[questions.options]]
id = "b"
label = "B"
[[questions]]
id = "q3"
prompt = "Q3?"
[[questions.options]]
id = "a"
label = "A"
[[questions.options]]
id = "b"
label = "B"
[[questions]]
id = "q5"
prompt = "Q5?"
[[questions.options]]
id = "a"
label = "A"
[[questions.options]]
id = "b"
label = "B"
[[rules]]
id = "end"
because = "the end"
source = "src"
when = { q3 = "a" }
outcome = "z"
[[rules]]
id = "out"
because = "out"
source = "src"
when = { q5 = "b" }
exclude = ["c0"]
[[outcomes]]
id = "z"
title = "Z"
text = "Done"
source = "src"
"#,
    )
    .unwrap();
    let mut a = Answers::for_dataset(&ds);
    a.set(3, 1); // q5 = b: nothing fits
    let v = engine::decide(&ds, &a);
    assert!(v.eval.nothing_fits());
    let open: Vec<&str> = v
        .settlement
        .open
        .iter()
        .map(|&q| ds.questions[q].id.as_str())
        .collect();
    assert_eq!(
        open,
        ["q0", "q3"],
        "q1 is read by nothing, so it is not open"
    );
    // And indeed: q3 = a drops q5, then q0 decides.
    a.set(2, 0);
    a.set(0, 0);
    assert_eq!(engine::quick_pick(&ds, &a).pick, None);
    a.set(0, 1);
    assert_eq!(engine::quick_pick(&ds, &a).pick, Some(0));
}
