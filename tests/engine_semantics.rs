//! The engine's semantics, one rule at a time, on tiny datasets written inline: which
//! questions are asked, requirements met by "depends", outcomes, ties, settlement by
//! bounds, conflicts and what-ifs. Nothing here knows about Box.

use authwiz::dataset::{Answers, Dataset, load_str};
use authwiz::engine::{self, Asked, Caveat, Exclusion, Status, Verdict};
use authwiz::report::{self, model::ReasonKind};

/// A dataset from a TOML body (candidates, questions, rules...), with a header and one
/// source `s`. `meta` goes into the `[dataset]` table (e.g. a `context_question`).
fn dataset_with(meta: &str, body: &str) -> Dataset {
    let text = format!(
        "schema = 1\n\n[dataset]\nid = \"tiny\"\ntitle = \"Tiny\"\nedition = \"test\"\n\
         summary = \"A test dataset.\"\n{meta}\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"Test source\"\npath = \"test.md\"\n\n{body}"
    );
    load_str("tiny.toml", &text).unwrap_or_else(|e| panic!("{e}\n--- dataset ---\n{text}"))
}

fn dataset(body: &str) -> Dataset {
    dataset_with("", body)
}

/// `[[candidates]]` entries named after their ids.
fn candidates(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            format!(
                "[[candidates]]\nid = \"{id}\"\nname = \"Cand {id}\"\nsummary = \"Candidate {id}.\"\n\
                 source = \"s\"\n\n"
            )
        })
        .collect()
}

/// A question with the given options; `ask_if` is an inline table or "".
fn question(id: &str, options: &[&str], ask_if: &str) -> String {
    let mut out = format!("[[questions]]\nid = \"{id}\"\nprompt = \"Question {id}?\"\n");
    if !ask_if.is_empty() {
        out.push_str(&format!("ask_if = {ask_if}\n"));
    }
    for o in options {
        out.push_str(&format!(
            "\n[[questions.options]]\nid = \"{o}\"\nlabel = \"Option {o}\"\n"
        ));
    }
    out.push('\n');
    out
}

/// A rule: `when` is an inline table, `effects` TOML lines (score, exclude, require, outcome).
fn rule(id: &str, when: &str, effects: &str) -> String {
    format!(
        "[[rules]]\nid = \"{id}\"\nwhen = {when}\nbecause = \"because of {id}\"\nsource = \"s\"\n{effects}\n\n"
    )
}

fn outcome(id: &str, is_final: bool, no_candidate: bool) -> String {
    format!(
        "[[outcomes]]\nid = \"{id}\"\ntitle = \"Outcome {id}\"\ntext = \"The text of outcome {id}.\"\n\
         source = \"s\"\nfinal = {is_final}\nno_candidate = {no_candidate}\n\n"
    )
}

/// Answers from `question=option` pairs.
fn answers(ds: &Dataset, pairs: &[&str]) -> Answers {
    let mut a = Answers::for_dataset(ds);
    for p in pairs {
        let (q, o) = p.split_once('=').expect("q=o");
        let qi = ds.question_ix(q).unwrap_or_else(|| panic!("question {q}"));
        let oi = ds.questions[qi]
            .option_ix(o)
            .unwrap_or_else(|| panic!("option {o}"));
        a.set(qi, oi);
    }
    a
}

fn decide(ds: &Dataset, pairs: &[&str]) -> Verdict {
    engine::decide(ds, &answers(ds, pairs))
}

fn pick(ds: &Dataset, v: &Verdict) -> Option<String> {
    v.eval.pick.map(|c| ds.candidates[c].id.clone())
}

fn c(ds: &Dataset, id: &str) -> usize {
    ds.candidate_ix(id).unwrap()
}

fn q(ds: &Dataset, id: &str) -> usize {
    ds.question_ix(id).unwrap()
}

fn open(ds: &Dataset, v: &Verdict) -> Vec<String> {
    v.settlement
        .open
        .iter()
        .map(|&q| ds.questions[q].id.clone())
        .collect()
}

// ---- which questions are asked ----

fn gated() -> Dataset {
    let body = candidates(&["a", "b"])
        + &question("q1", &["x", "y"], "")
        + &question("q2", &["x", "y"], r#"{ q1 = "x" }"#)
        + &question("q3", &["x", "y"], r#"{ q2 = ["x"] }"#)
        + &question("q4", &["x", "y"], r#"{ q1 = ["x", "y"], q2 = "y" }"#)
        + &rule("r2", r#"{ q2 = "x" }"#, "score = { b = 2 }")
        + &rule("r3", r#"{ q3 = "x" }"#, "score = { b = 3 }")
        + &rule("r4", r#"{ q4 = "x" }"#, "score = { a = 1 }");
    dataset(&body)
}

#[test]
fn ask_if_gives_yes_no_and_not_yet() {
    let ds = gated();
    use Asked::{No, NotYet, Yes};
    let asked = |pairs: &[&str]| engine::asked_questions(&ds, &answers(&ds, pairs));
    assert_eq!(asked(&[]), vec![Yes, NotYet, NotYet, NotYet]);
    assert_eq!(asked(&["q1=x"]), vec![Yes, Yes, NotYet, NotYet]);
    // A gate that cannot hold any more closes everything behind it.
    assert_eq!(asked(&["q1=y"]), vec![Yes, No, No, No]);
    assert_eq!(asked(&["q1=x", "q2=x"]), vec![Yes, Yes, Yes, No]);
    assert_eq!(asked(&["q1=x", "q2=y"]), vec![Yes, Yes, No, Yes]);
    // An answer to a gated question does not open its own gate, but an answer that fails a
    // condition fails it whether or not its question is asked yet.
    assert_eq!(asked(&["q2=x"]), vec![Yes, NotYet, NotYet, No]);
    assert_eq!(asked(&["q2=y"]), vec![Yes, NotYet, No, NotYet]);
}

#[test]
fn next_question_follows_the_gates() {
    let ds = gated();
    let next = |pairs: &[&str]| {
        decide(&ds, pairs)
            .next_question()
            .map(|q| ds.questions[q].id.clone())
    };
    assert_eq!(next(&[]).as_deref(), Some("q1"));
    assert_eq!(next(&["q1=x"]).as_deref(), Some("q2"));
    assert_eq!(next(&["q1=x", "q2=y"]).as_deref(), Some("q4"));
    assert_eq!(next(&["q1=y"]), None);
}

#[test]
fn answers_to_questions_not_asked_are_ignored_and_shown_as_such() {
    let ds = gated();
    // q2 is not asked when q1=y: its answer fires no rule.
    let v = decide(&ds, &["q1=y", "q2=x"]);
    assert_eq!(v.ignored(), vec![q(&ds, "q2")]);
    assert!(v.eval.fired.is_empty(), "fired {:?}", v.eval.fired);
    assert_eq!(v.eval.standings[c(&ds, "b")].score, 0);
    let rep = report::build(&ds, &v);
    assert_eq!(rep.ignored.len(), 1);
    assert_eq!(rep.ignored[0].answer.question, "q2");
    assert_eq!(rep.answers.len(), 1);
    // No what-if on a question that is not asked.
    assert!(v.what_if.iter().all(|w| w.question == q(&ds, "q1")));
}

#[test]
fn answers_waiting_for_their_gate_count_once_it_opens() {
    let ds = gated();
    let v = decide(&ds, &["q2=x"]);
    assert_eq!(v.eval.asked[q(&ds, "q2")], Asked::NotYet);
    assert!(v.eval.fired.is_empty());
    let rep = report::build(&ds, &v);
    assert_eq!(rep.waiting.len(), 1);
    assert_eq!(rep.waiting[0].answer.question, "q2");
    assert!(rep.ignored.is_empty());
    // Once q1 opens the gate, the same answer counts.
    let v = decide(&ds, &["q1=x", "q2=x"]);
    assert_eq!(v.eval.standings[c(&ds, "b")].score, 2);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"));
}

#[test]
fn a_condition_on_a_list_of_options_holds_for_each_of_them() {
    let ds = gated();
    for q1 in ["q1=x", "q1=y"] {
        let v = decide(&ds, &[q1, "q2=y", "q4=x"]);
        let fired = v.eval.fired.iter().any(|&r| ds.rules[r].id == "r4");
        assert_eq!(
            fired,
            q1 == "q1=x",
            "{q1}: q4 is asked only when q2 is asked"
        );
    }
}

// ---- requirements and "depends" ----

fn requirements() -> Dataset {
    let body = candidates(&["yes", "no", "depends"])
        + "[[criteria]]\nid = \"k\"\nlabel = \"Has K?\"\nsource = \"s\"\n\
           values = { yes = \"yes\", no = \"no\", depends = \"depends\" }\n\n\
           [criteria.notes.depends]\ntext = \"Only on Tuesdays.\"\nsource = \"s\"\n\n"
        + &question("need", &["k", "k-or-depends", "nothing"], "")
        + &rule("needs-k", r#"{ need = "k" }"#, r#"require = { k = "yes" }"#)
        + &rule(
            "needs-k-loosely",
            r#"{ need = "k-or-depends" }"#,
            r#"require = { k = ["yes", "depends"] }"#,
        );
    dataset(&body)
}

#[test]
fn require_excludes_a_no_and_keeps_a_depends_with_a_caveat() {
    let ds = requirements();
    let v = decide(&ds, &["need=k"]);
    let s = |id: &str| &v.eval.standings[c(&ds, id)];
    let r = ds.rules.iter().position(|r| r.id == "needs-k").unwrap();
    assert_eq!(s("yes").status, Status::Recommended);
    assert!(s("yes").caveats.is_empty());
    assert_eq!(s("no").status, Status::Excluded);
    assert_eq!(
        s("no").exclusions[..],
        [Exclusion::Requirement {
            rule: r,
            criterion: 0
        }]
    );
    assert_eq!(
        s("depends").status,
        Status::Eligible,
        "depends is not an exclusion"
    );
    assert_eq!(
        s("depends").caveats[..],
        [Caveat {
            rule: r,
            criterion: 0
        }]
    );

    let rep = report::build(&ds, &v);
    let entry = rep.ranking.iter().find(|e| e.id == "depends").unwrap();
    let caveat = entry
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Caveat)
        .expect("a caveat reason");
    assert_eq!(caveat.value, Some("depends"));
    assert_eq!(caveat.criterion.as_deref(), Some("k"));
    assert_eq!(caveat.cell_note.as_deref(), Some("Only on Tuesdays."));
    assert!(
        caveat.text.starts_with("Because of needs-k"),
        "{}",
        caveat.text
    );
    let excluded = rep.ranking.iter().find(|e| e.id == "no").unwrap();
    assert!(
        excluded
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Requirement && r.value == Some("no"))
    );
}

#[test]
fn a_depends_allowed_by_the_rule_has_no_caveat() {
    let ds = requirements();
    let v = decide(&ds, &["need=k-or-depends"]);
    let d = &v.eval.standings[c(&ds, "depends")];
    assert_eq!(d.status, Status::Eligible);
    assert!(d.caveats.is_empty());
    assert!(v.eval.standings[c(&ds, "no")].is_excluded());
}

#[test]
fn the_winner_can_carry_a_caveat() {
    // "depends" wins when "yes" is excluded by name: the caveat is among its reasons.
    let body = candidates(&["yes", "depends"])
        + "[[criteria]]\nid = \"k\"\nlabel = \"Has K?\"\nsource = \"s\"\n\
           values = { yes = \"yes\", depends = \"depends\" }\n\n"
        + &question("q", &["a", "b"], "")
        + &rule("req", r#"{ q = "a" }"#, r#"require = { k = "yes" }"#)
        + &rule("drop-yes", r#"{ q = "a" }"#, r#"exclude = ["yes"]"#);
    let ds = dataset(&body);
    let v = decide(&ds, &["q=a"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("depends"));
    let rep = report::build(&ds, &v);
    assert!(rep.why.iter().any(|r| r.kind == ReasonKind::Caveat));
}

// ---- outcomes ----

fn outcomes() -> Dataset {
    let body = candidates(&["a", "b"])
        + &question("kind", &["skill", "partner", "normal", "soft"], "")
        + &question("more", &["x", "y"], "")
        + &outcome("nothing-needed", true, true)
        + &outcome("only-b", true, false)
        + &outcome("just-a-note", false, false)
        + &rule(
            "skill",
            r#"{ kind = "skill" }"#,
            r#"outcome = "nothing-needed""#,
        )
        + &rule(
            "partner",
            r#"{ kind = "partner" }"#,
            "exclude = [\"a\"]\noutcome = \"only-b\"",
        )
        + &rule("soft", r#"{ kind = "soft" }"#, r#"outcome = "just-a-note""#)
        + &rule("more-x", r#"{ more = "x" }"#, "score = { b = 1 }");
    dataset(&body)
}

#[test]
fn a_no_candidate_outcome_means_no_pick_and_no_conflict() {
    let ds = outcomes();
    let v = decide(&ds, &["kind=skill"]);
    assert_eq!(v.eval.pick, None);
    assert!(v.eval.none_needed);
    assert!(!v.eval.nothing_fits());
    assert!(v.conflict.is_none());
    assert!(v.eval.tie.is_empty(), "a tie without a pick");
    assert!(v.eval.closed);
    assert!(v.settlement.settled);
    assert!(v.settlement.open.is_empty());
    // Final: the unanswered question is no longer asked.
    assert_eq!(v.eval.asked[q(&ds, "more")], Asked::No);
    assert_eq!(v.next_question(), None);
    let rep = report::build(&ds, &v);
    assert_eq!(rep.recommendation, None);
    assert_eq!(rep.outcomes.len(), 1);
    assert!(rep.outcomes[0].no_candidate);
    assert_eq!(rep.outcomes[0].text, "The text of outcome nothing-needed.");
    assert_eq!(rep.outcomes[0].rule, "skill");
}

#[test]
fn a_final_outcome_with_one_candidate_recommends_it_and_asks_no_more() {
    let ds = outcomes();
    let v = decide(&ds, &["kind=partner"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"));
    assert!(v.eval.closed && !v.eval.none_needed);
    assert!(v.settlement.settled);
    assert_eq!(v.next_question(), None);
    assert_eq!(v.eval.outcomes.len(), 1);
}

#[test]
fn a_non_final_outcome_keeps_the_questionnaire_open() {
    let ds = outcomes();
    let v = decide(&ds, &["kind=soft"]);
    assert!(!v.eval.closed);
    assert_eq!(v.eval.outcomes.len(), 1);
    assert_eq!(v.next_question(), Some(q(&ds, "more")));
    // a (first) and b tie at 0; `more=x` would give b a point: not settled.
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["more"]);
}

#[test]
fn a_pending_no_candidate_outcome_keeps_the_result_open() {
    let ds = outcomes();
    let v = decide(&ds, &["more=x"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"));
    assert!(!v.settlement.settled, "kind=skill would say none is needed");
    assert_eq!(open(&ds, &v), vec!["kind"]);
    // And the what-if says so.
    let skill = ds.questions[q(&ds, "kind")].option_ix("skill").unwrap();
    assert!(
        v.what_if
            .iter()
            .any(|w| w.question == q(&ds, "kind") && w.to == skill && w.pick.is_none())
    );
}

/// `final` is documented as "No further question can change the result once this outcome
/// is reached". Answers given all at once (command line, answers file) to questions that
/// come after the closing question in the questionnaire still count, though.
#[test]
fn nothing_after_a_final_outcome_changes_the_result() {
    let ds = outcomes();
    let closed = decide(&ds, &["kind=partner"]);
    assert!(closed.settlement.settled);
    let more = decide(&ds, &["kind=partner", "more=y"]);
    assert_eq!(pick(&ds, &more), pick(&ds, &closed));
    // Here `more` only adds a point, which cannot change the pick; a rule excluding b shows it:
    let body = candidates(&["a", "b"])
        + &question("kind", &["partner", "normal"], "")
        + &question("more", &["x", "y"], "")
        + &outcome("only-b", true, false)
        + &rule(
            "partner",
            r#"{ kind = "partner" }"#,
            "exclude = [\"a\"]\noutcome = \"only-b\"",
        )
        + &rule("more-x", r#"{ more = "x" }"#, r#"exclude = ["b"]"#);
    let ds = dataset(&body);
    let closed = decide(&ds, &["kind=partner"]);
    assert!(closed.settlement.settled && closed.eval.closed);
    assert_eq!(closed.eval.asked[q(&ds, "more")], Asked::No);
    let later = decide(&ds, &["kind=partner", "more=x"]);
    assert_eq!(
        pick(&ds, &later),
        pick(&ds, &closed),
        "settled on b, closed by a final outcome, yet `more=x` (a question the closed \
         questionnaire no longer asks) changes the result; ignored answers: {:?}",
        later.ignored()
    );
}

// ---- ties ----

fn scores(a: i32, b: i32, c: i32) -> Dataset {
    let body = candidates(&["a", "b", "c"])
        + &question("q", &["go", "stop"], "")
        + &rule(
            "r",
            r#"{ q = "go" }"#,
            &format!("score = {{ a = {a}, b = {b}, c = {c} }}"),
        );
    dataset(&body)
}

#[test]
fn ties_are_reported_as_ties() {
    let ds = scores(2, 2, 1);
    let v = decide(&ds, &["q=go"]);
    assert_eq!(
        pick(&ds, &v).as_deref(),
        Some("a"),
        "dataset order breaks the tie"
    );
    assert_eq!(v.eval.tie, vec![c(&ds, "a"), c(&ds, "b")]);
    let rep = report::build(&ds, &v);
    let tie: Vec<&str> = rep.tie.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(tie, ["a", "b"]);
    let b = rep.why_not.iter().find(|w| w.id == "b").unwrap();
    assert_eq!(b.behind, 0);
    assert!(
        b.summary.contains("only the dataset's order"),
        "{}",
        b.summary
    );
    let json = report::recommend::json(&rep, &ds.vocabulary);
    assert_eq!(json["tie"], serde_json::json!(["a", "b"]));
    assert_eq!(json["decided_by_order"], true);
    let text = report::recommend::text(&rep);
    assert!(text.contains("by the dataset's order alone"), "{text}");
    assert!(
        text.contains("Tie: Cand a and Cand b score the same"),
        "{text}"
    );
}

#[test]
fn three_way_ties_and_no_tie() {
    let ds = scores(1, 1, 1);
    let v = decide(&ds, &["q=go"]);
    assert_eq!(v.eval.tie.len(), 3);
    let ds = scores(3, 2, 1);
    let v = decide(&ds, &["q=go"]);
    assert!(v.eval.tie.is_empty());
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    // Negative points count: b leads.
    let ds = scores(-1, 0, -1);
    let v = decide(&ds, &["q=go"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"));
    assert!(v.eval.tie.is_empty());
}

#[test]
fn an_excluded_candidate_never_ties() {
    let body = candidates(&["a", "b"])
        + &question("q", &["go", "stop"], "")
        + &rule(
            "r",
            r#"{ q = "go" }"#,
            "score = { a = 1, b = 1 }\nexclude = [\"a\"]",
        );
    let ds = dataset(&body);
    let v = decide(&ds, &["q=go"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"));
    assert!(v.eval.tie.is_empty());
}

// ---- settled, by bounds ----

/// a gets `lead` points from q1=yes; b may get `gain` points from q2=yes later.
fn race(lead: i32, gain: i32, order: &[&str]) -> Dataset {
    let body = candidates(order)
        + &question("q1", &["yes", "no"], "")
        + &question("q2", &["yes", "no"], "")
        + &question("q3", &["yes", "no"], "")
        + &rule(
            "lead",
            r#"{ q1 = "yes" }"#,
            &format!("score = {{ a = {lead} }}"),
        )
        + &rule(
            "gain",
            r#"{ q2 = "yes" }"#,
            &format!("score = {{ b = {gain} }}"),
        )
        + &rule("noise", r#"{ q3 = "yes" }"#, "score = { a = 1, b = 1 }");
    dataset(&body)
}

#[test]
fn settled_before_every_question_is_answered() {
    let ds = race(5, 3, &["a", "b"]);
    let v = decide(&ds, &["q1=yes"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(
        v.settlement.settled,
        "b can reach 3 + 1 = 4 at most, a has 5 at least"
    );
    assert!(v.settlement.open.is_empty());
    // The questionnaire skips what can no longer change it: the result is reached, and the
    // questions left are "not needed" (still answerable).
    assert_eq!(v.next_question(), None, "nothing left to ask");
    let flow = authwiz::engine::flow::Flow::of(&v);
    assert_eq!(flow.not_needed(), [q(&ds, "q2"), q(&ds, "q3")]);
    // And really: no completion changes the pick.
    for q2 in ["q2=yes", "q2=no"] {
        for q3 in ["q3=yes", "q3=no"] {
            let w = decide(&ds, &["q1=yes", q2, q3]);
            assert_eq!(pick(&ds, &w).as_deref(), Some("a"), "{q2} {q3}");
        }
    }
    let rep = report::build(&ds, &v);
    assert!(rep.settled);
    assert!(report::recommend::text(&rep).contains(authwiz::strings::SETTLED));
}

#[test]
fn not_settled_while_a_contender_can_overtake() {
    let ds = race(5, 6, &["a", "b"]);
    let v = decide(&ds, &["q1=yes", "q3=no"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(!v.settlement.settled, "b can reach 6 > 5");
    assert_eq!(open(&ds, &v), vec!["q2"]);
    assert_eq!(
        pick(&ds, &decide(&ds, &["q1=yes", "q2=yes"])).as_deref(),
        Some("b")
    );
}

#[test]
fn a_possible_tie_settles_only_when_the_pick_wins_it() {
    // b can reach exactly a's 5: it wins that tie when it comes first in the dataset.
    let ds = race(5, 5, &["a", "b"]);
    let v = decide(&ds, &["q1=yes", "q3=no"]);
    assert!(v.settlement.settled, "a comes first: a tie keeps a");
    // With q3 open too: "noise" lifts a and b alike, so it cannot decide between them and
    // q3 is not needed; b still reaches at most a tie, which a wins.
    let v = decide(&ds, &["q1=yes"]);
    assert!(v.settlement.settled, "q3 lifts both alike");
    for q2 in ["q2=yes", "q2=no"] {
        for q3 in ["q3=yes", "q3=no"] {
            let w = decide(&ds, &["q1=yes", q2, q3]);
            assert_eq!(pick(&ds, &w).as_deref(), Some("a"), "{q2} {q3}");
        }
    }
    let ds = race(5, 5, &["b", "a"]);
    let v = decide(&ds, &["q1=yes", "q3=no"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(
        !v.settlement.settled,
        "b comes first: a tie makes b the pick"
    );
    assert_eq!(
        pick(&ds, &decide(&ds, &["q1=yes", "q2=yes"])).as_deref(),
        Some("b")
    );
}

#[test]
fn not_settled_while_the_pick_can_be_ruled_out_or_lose_points() {
    let body = candidates(&["a", "b"])
        + &question("q1", &["yes", "no"], "")
        + &question("q2", &["yes", "no"], "")
        + &question("q3", &["yes", "no"], "")
        + &rule("lead", r#"{ q1 = "yes" }"#, "score = { a = 5 }")
        + &rule("out", r#"{ q2 = "yes" }"#, r#"exclude = ["a"]"#)
        + &rule("minus", r#"{ q3 = "yes" }"#, "score = { a = -6 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q1=yes"]);
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["q2", "q3"]);
    let v = decide(&ds, &["q1=yes", "q2=no"]);
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["q3"]);
    let v = decide(&ds, &["q1=yes", "q2=no", "q3=no"]);
    assert!(v.settlement.settled);
}

#[test]
fn an_unanswered_context_keeps_the_result_open_when_it_can_rule_out_the_pick() {
    let body = candidates(&["a", "b"])
        + "[[contexts]]\nid = \"here\"\nname = \"Here\"\nsummary = \"Here.\"\nsource = \"s\"\n\
           support = { a = true, b = true }\n\n\
           [[contexts]]\nid = \"there\"\nname = \"There\"\nsummary = \"There.\"\nsource = \"s\"\n\
           support = { a = false, b = true }\n\n"
        + &question("place", &["here", "there"], "")
        + &question("q", &["yes", "no"], "")
        + &rule("lead", r#"{ q = "yes" }"#, "score = { a = 9 }");
    let ds = dataset_with("context_question = \"place\"", &body);
    let v = decide(&ds, &["q=yes"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["place"]);
    let v = decide(&ds, &["q=yes", "place=there"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("b"), "not supported there");
    assert!(matches!(
        v.eval.standings[c(&ds, "a")].exclusions[..],
        [Exclusion::Unsupported { .. }]
    ));
    let v = decide(&ds, &["q=yes", "place=here"]);
    assert!(v.settlement.settled);
}

#[test]
fn a_gate_of_an_open_question_is_open_too() {
    // q2 is asked only when q1=yes; its rule can overtake the pick: both are open.
    let body = candidates(&["a", "b"])
        + &question("q0", &["yes", "no"], "")
        + &question("q1", &["yes", "no"], "")
        + &question("q2", &["yes", "no"], r#"{ q1 = "yes" }"#)
        + &rule("lead", r#"{ q0 = "yes" }"#, "score = { a = 1 }")
        + &rule("gain", r#"{ q2 = "yes" }"#, "score = { b = 2 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q0=yes"]);
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["q1", "q2"]);
    let v = decide(&ds, &["q0=yes", "q1=no"]);
    assert!(v.settlement.settled, "q2 can no longer be asked");
}

/// `open` should hold every unanswered question whose answer can still change the pick.
/// Here a and b start level (a first). q1=yes gives b a point; q2=yes gives a a point. With
/// q1=yes, q2 decides: yes → a (1:1, a first), no → b. So q2 can change the pick, but
/// `settle` only counts rules that harm the pick or help a contender, and leaves q2 out.
#[test]
fn open_lists_every_question_that_can_change_the_pick() {
    let body = candidates(&["a", "b"])
        + &question("q1", &["yes", "no"], "")
        + &question("q2", &["yes", "no"], "")
        + &rule("help-b", r#"{ q1 = "yes" }"#, "score = { b = 1 }")
        + &rule("help-a", r#"{ q2 = "yes" }"#, "score = { a = 1 }");
    let ds = dataset(&body);
    assert_eq!(
        pick(&ds, &decide(&ds, &["q1=yes", "q2=yes"])).as_deref(),
        Some("a")
    );
    assert_eq!(
        pick(&ds, &decide(&ds, &["q1=yes", "q2=no"])).as_deref(),
        Some("b")
    );
    let v = decide(&ds, &[]);
    assert!(!v.settlement.settled);
    assert_eq!(open(&ds, &v), vec!["q1", "q2"]);
}

// ---- conflicts ----

/// Five questions, each excluding some of a, b, c when answered "on".
fn conflicting(effects: &[&str]) -> Dataset {
    let mut body = candidates(&["a", "b", "c"]);
    for (i, e) in effects.iter().enumerate() {
        body.push_str(&question(&format!("q{i}"), &["on", "off"], ""));
        body.push_str(&rule(
            &format!("r{i}"),
            &format!("{{ q{i} = \"on\" }}"),
            &format!("exclude = {e}"),
        ));
    }
    dataset(&body)
}

fn all_on(ds: &Dataset) -> Vec<String> {
    ds.questions
        .iter()
        .map(|q| format!("{}=on", q.id))
        .collect()
}

fn conflict_ids(ds: &Dataset, v: &Verdict) -> Vec<String> {
    v.conflict
        .as_ref()
        .expect("a conflict")
        .questions
        .iter()
        .map(|&q| ds.questions[q].id.clone())
        .collect()
}

#[test]
fn the_smallest_conflict_is_found_where_dropping_answers_in_order_would_find_a_larger_one() {
    // {q0, q1} rules out everything; so does {q2, q3, q4}. Dropping answers one by one in
    // order would end at {q2, q3, q4}; the smallest set is {q0, q1}.
    let ds = conflicting(&[
        r#"["a", "b"]"#,
        r#"["c"]"#,
        r#"["a"]"#,
        r#"["b"]"#,
        r#"["c"]"#,
    ]);
    let on = all_on(&ds);
    let pairs: Vec<&str> = on.iter().map(String::as_str).collect();
    let v = decide(&ds, &pairs);
    assert!(v.eval.nothing_fits());
    assert_eq!(conflict_ids(&ds, &v), ["q0", "q1"]);
    assert!(v.conflict.as_ref().unwrap().smallest);
    let rep = report::build(&ds, &v);
    let json = report::recommend::json(&rep, &ds.vocabulary);
    assert_eq!(json["conflict"], serde_json::json!(["q0", "q1"]));
    assert_eq!(json["recommendation"], serde_json::Value::Null);
}

/// Found by the property tests: q3 is asked when q2 is answered "x" (among others), and q2,
/// whose answer always counts, is asked only after q0 = "on". With q0 = "off" the answer
/// to q2 still counts, so {q2, q3} conflicts without q0: the search must not require q2's
/// own gate to open q3.
#[test]
fn an_answer_that_always_counts_opens_what_it_gates_without_its_own_gate() {
    let mut body = candidates(&["a"]);
    body.push_str(&question("q0", &["on", "off"], ""));
    body.push_str(&question("q2", &["x", "y"], r#"{ q0 = "on" }"#).replace(
        "prompt = \"Question q2?\"\n",
        "prompt = \"Question q2?\"\nalways_counts = true\n",
    ));
    body.push_str(&question("q3", &["out", "in"], r#"{ q2 = "x" }"#));
    body.push_str(&rule("r0", r#"{ q3 = "out" }"#, r#"exclude = ["a"]"#));
    let ds = dataset(&body);
    let v = decide(&ds, &["q0=off", "q2=x", "q3=out"]);
    assert!(v.eval.nothing_fits());
    assert_eq!(conflict_ids(&ds, &v), ["q2", "q3"]);
    assert!(v.conflict.as_ref().unwrap().smallest);
    // And really: those two alone rule everything out.
    assert!(decide(&ds, &["q2=x", "q3=out"]).eval.nothing_fits());
}

#[test]
fn when_rules_that_need_no_answer_rule_out_everything_no_answer_conflicts() {
    // r0 needs no answer and rules out both; q0's answer only adds points.
    let mut body = candidates(&["a", "b"]);
    body.push_str(&question("q0", &["on", "off"], ""));
    body.push_str(&rule("r0", "{}", r#"exclude = ["a", "b"]"#));
    body.push_str(&rule("r1", r#"{ q0 = "on" }"#, "score = { a = 1 }"));
    let ds = dataset(&body);
    let v = decide(&ds, &["q0=on"]);
    assert!(v.eval.nothing_fits());
    let c = v.conflict.as_ref().expect("a conflict");
    assert!(c.questions.is_empty(), "no answer is part of it");
    assert!(c.smallest);
    assert!(c.relaxations.is_empty(), "no answer to relax");
    let rep = report::build(&ds, &v);
    let text = report::recommend::text(&rep);
    assert!(text.contains("Whatever the answers"), "{text}");
    assert!(!text.contains("Conflicting answers"), "{text}");
}

/// `n` questions, each ruling out one of `n` candidates when "on".
fn one_each(n: usize) -> Dataset {
    let ids: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut body = candidates(&refs);
    for (i, cand) in ids.iter().enumerate() {
        body.push_str(&question(&format!("q{i}"), &["on", "off"], ""));
        body.push_str(&rule(
            &format!("r{i}"),
            &format!("{{ q{i} = \"on\" }}"),
            &format!("exclude = [\"{cand}\"]"),
        ));
    }
    dataset(&body)
}

#[test]
fn a_conflict_of_every_answer_is_found_and_each_answer_relaxes_it() {
    let ds = one_each(4);
    let on = all_on(&ds);
    let pairs: Vec<&str> = on.iter().map(String::as_str).collect();
    let v = decide(&ds, &pairs);
    let conflict = v.conflict.as_ref().expect("a conflict");
    assert_eq!(conflict_ids(&ds, &v), ["q0", "q1", "q2", "q3"]);
    assert!(conflict.smallest, "15 subsets fit the search budget");
    assert!(conflict.gating.is_empty());
    // Every answer of it can be relaxed: dropped or turned off.
    assert_eq!(conflict.relaxations.len(), 8);
    for r in &conflict.relaxations {
        let a = answers(&ds, &pairs).with(r.question, r.to);
        assert!(!engine::evaluate(&ds, &a).nothing_fits(), "{r:?}");
        assert_eq!(
            r.fits,
            vec![r.question],
            "only the candidate it ruled out comes back"
        );
    }
}

#[test]
fn a_conflict_beyond_the_search_budget_is_minimal_and_not_claimed_smallest() {
    // Twenty answers conflict only all together: about a million smaller subsets, more
    // than the search may even enumerate (64 times its evaluation budget).
    let ds = one_each(20);
    const {
        assert!(
            engine::SUBSET_BUDGET * 64 < (1 << 20) - 2,
            "the test assumes a smaller budget"
        )
    };
    let on = all_on(&ds);
    let pairs: Vec<&str> = on.iter().map(String::as_str).collect();
    let v = decide(&ds, &pairs);
    let conflict = v.conflict.as_ref().expect("a conflict");
    assert_eq!(
        conflict.questions.len(),
        20,
        "minimal: every answer is needed"
    );
    assert!(!conflict.smallest);
}

#[test]
fn the_cover_test_proves_a_large_conflict_smallest_without_evaluating_every_subset() {
    // Twelve answers conflict only all together: 4094 smaller subsets, more than the
    // evaluation budget, but the bit-mask cover test rules each out without evaluating.
    let ds = one_each(12);
    let on = all_on(&ds);
    let pairs: Vec<&str> = on.iter().map(String::as_str).collect();
    let v = decide(&ds, &pairs);
    let conflict = v.conflict.as_ref().expect("a conflict");
    assert_eq!(conflict.questions.len(), 12);
    assert!(conflict.smallest);
}

#[test]
fn relaxations_restore_a_fit_and_name_what_fits() {
    let ds = conflicting(&[r#"["a", "b"]"#, r#"["c"]"#]);
    let v = decide(&ds, &["q0=on", "q1=on"]);
    let conflict = v.conflict.as_ref().expect("a conflict");
    assert!(conflict.smallest);
    let got: Vec<(String, Option<String>, Vec<String>)> = conflict
        .relaxations
        .iter()
        .map(|r| {
            (
                ds.questions[r.question].id.clone(),
                r.to.map(|o| ds.questions[r.question].options[o].id.clone()),
                r.fits
                    .iter()
                    .map(|&c| ds.candidates[c].id.clone())
                    .collect(),
            )
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        got,
        vec![
            (s("q0"), None, vec![s("a"), s("b")]),
            (s("q0"), Some(s("off")), vec![s("a"), s("b")]),
            (s("q1"), None, vec![s("c")]),
            (s("q1"), Some(s("off")), vec![s("c")]),
        ]
    );
    // Nothing fits → every candidate explains itself.
    let rep = report::build(&ds, &v);
    assert!(
        rep.ranking
            .iter()
            .all(|e| e.status == Status::Excluded && !e.reasons.is_empty())
    );
    assert!(rep.why.is_empty());
}

#[test]
fn answers_that_do_not_count_are_never_part_of_a_conflict() {
    // q1 is not asked when q0=off: its answer is ignored, even though it would conflict.
    let body = candidates(&["a", "b"])
        + &question("q0", &["on", "off"], "")
        + &question("q1", &["on", "off"], r#"{ q0 = "on" }"#)
        + &question("q2", &["on", "off"], "")
        + &rule("r1", r#"{ q1 = "on" }"#, r#"exclude = ["a"]"#)
        + &rule("r2", r#"{ q2 = "on" }"#, r#"exclude = ["b"]"#);
    let ds = dataset(&body);
    let v = decide(&ds, &["q0=off", "q1=on", "q2=on"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    assert!(v.conflict.is_none());
    let v = decide(&ds, &["q0=on", "q1=on", "q2=on"]);
    assert_eq!(
        conflict_ids(&ds, &v),
        ["q0", "q1", "q2"],
        "the gate q0 is part of it"
    );
}

// ---- what-if ----

#[test]
fn what_if_lists_exactly_the_single_changes_that_change_the_pick() {
    let body = candidates(&["a", "b", "c"])
        + &question("q1", &["a", "b", "c"], "")
        + &question("q2", &["keep", "drop-a"], "")
        + &question("q3", &["x", "y"], r#"{ q1 = "c" }"#)
        + &rule("pa", r#"{ q1 = "a" }"#, "score = { a = 2 }")
        + &rule("pb", r#"{ q1 = "b" }"#, "score = { b = 2 }")
        + &rule("pc", r#"{ q1 = "c" }"#, "score = { a = 1 }")
        + &rule("drop", r#"{ q2 = "drop-a" }"#, r#"exclude = ["a"]"#)
        + &rule("q3x", r#"{ q3 = "x" }"#, "score = { c = 5 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q1=a"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    let got: Vec<(String, Option<String>, String, Option<String>)> = v
        .what_if
        .iter()
        .map(|w| {
            let question = &ds.questions[w.question];
            (
                question.id.clone(),
                w.from.map(|o| question.options[o].id.clone()),
                question.options[w.to].id.clone(),
                w.pick.map(|c| ds.candidates[c].id.clone()),
            )
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        got,
        vec![
            // q1=c still picks a (1 point); q3 is not asked: neither is listed.
            (s("q1"), Some(s("a")), s("b"), Some(s("b"))),
            (s("q2"), None, s("drop-a"), Some(s("b"))),
        ]
    );
    // Each really changes the pick.
    for w in &v.what_if {
        let a = answers(&ds, &["q1=a"]).with(w.question, Some(w.to));
        assert_eq!(engine::evaluate(&ds, &a).pick, w.pick);
    }
    let rep = report::build(&ds, &v);
    let json = report::recommend::json(&rep, &ds.vocabulary);
    assert_eq!(json["what_if"][0]["question"], "q1");
    assert_eq!(json["what_if"][0]["to"], "b");
    assert_eq!(json["what_if"][0]["recommendation"], "b");
    assert_eq!(json["what_if"][1]["from"], serde_json::Value::Null);
}

#[test]
fn a_what_if_to_no_candidate_needed_counts_as_a_change() {
    let ds = outcomes();
    let v = decide(&ds, &["kind=normal"]);
    let skill = ds.questions[q(&ds, "kind")].option_ix("skill").unwrap();
    let w = v
        .what_if
        .iter()
        .find(|w| w.to == skill)
        .expect("kind=skill changes the result");
    assert_eq!(w.pick, None);
}

// ---- why not, and the domain-free vocabulary ----

#[test]
fn why_not_contrasts_per_answer_and_the_differences_add_up_to_the_gap() {
    let body = candidates(&["a", "b"])
        + &question("q", &["yes", "no"], "")
        + &question("r", &["yes", "no"], "")
        + &rule("both", r#"{ q = "yes" }"#, "score = { a = 3, b = 1 }")
        + &rule("only-b", r#"{ r = "yes" }"#, "score = { b = 1 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q=yes", "r=yes"]);
    assert_eq!(pick(&ds, &v).as_deref(), Some("a"));
    let w = v
        .why_not
        .iter()
        .find(|w| w.candidate == c(&ds, "b"))
        .unwrap();
    assert_eq!(w.behind, 1);
    assert!(w.exclusions.is_empty());
    // Per answer: q gives a 3 and b 1 (a leads by 2), r gives b 1 (b gains 1): 2 − 1 = 1.
    let gaps: Vec<(Vec<usize>, i32, i32)> = w
        .contrast
        .iter()
        .map(|g| (g.questions.to_vec(), g.pick_points, g.their_points))
        .collect();
    assert_eq!(
        gaps,
        [(vec![q(&ds, "q")], 3, 1), (vec![q(&ds, "r")], 0, 1)],
        "every answer that gives them different points, the pick's leads first"
    );
    assert_eq!(w.contrast.iter().map(|g| g.gap()).sum::<i32>(), w.behind);
    let rep = report::build(&ds, &v);
    let b = rep.why_not.iter().find(|w| w.id == "b").unwrap();
    assert_eq!(b.reasons.len(), 2);
    assert!(
        b.reasons[0].text.contains("Cand a +3, Cand b +1"),
        "{}",
        b.reasons[0].text
    );
    assert_eq!(
        b.reasons.iter().map(|r| r.points.unwrap()).sum::<i32>(),
        1,
        "the listed differences add up to the stated gap"
    );
    assert!(b.summary.contains("1 point less"), "{}", b.summary);
}

#[test]
fn an_answer_that_gives_both_the_same_points_is_not_a_reason() {
    // One rule per candidate for the same answer, as the Box datasets write them.
    let body = candidates(&["a", "b"])
        + &question("q", &["yes", "no"], "")
        + &question("r", &["yes", "no"], "")
        + &rule("a-q", r#"{ q = "yes" }"#, "score = { a = 2 }")
        + &rule("b-q", r#"{ q = "yes" }"#, "score = { b = 2 }")
        + &rule("a-r", r#"{ r = "yes" }"#, "score = { a = 1 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q=yes", "r=yes"]);
    let w = v
        .why_not
        .iter()
        .find(|w| w.candidate == c(&ds, "b"))
        .unwrap();
    assert_eq!(w.behind, 1);
    assert_eq!(w.contrast.len(), 1, "{:?}", w.contrast);
    assert_eq!(w.contrast[0].questions.as_slice(), [q(&ds, "r")]);
}

#[test]
fn a_pure_tie_says_only_the_order_decides_and_names_the_tie_breaker() {
    let body = candidates(&["a", "b"])
        + &question("q", &["yes", "no"], "")
        + &question("r", &["yes", "no"], "")
        + &rule("a-q", r#"{ q = "yes" }"#, "score = { a = 2 }")
        + &rule("b-q", r#"{ q = "yes" }"#, "score = { b = 2 }")
        + &rule("a-r", r#"{ r = "yes" }"#, "score = { a = 1 }");
    let ds = dataset(&body);
    let v = decide(&ds, &["q=yes"]);
    assert!(v.decided_by_order());
    assert_eq!(v.settlement.tie_breakers, [q(&ds, "r")]);
    let rep = report::build(&ds, &v);
    let b = rep.why_not.iter().find(|w| w.id == "b").unwrap();
    assert!(b.reasons.is_empty(), "{:?}", b.reasons);
    assert!(
        b.summary.contains("the same as Cand a on every answer")
            && b.summary.contains("only the dataset's order"),
        "{}",
        b.summary
    );
    let json = report::recommend::json(&rep, &ds.vocabulary);
    assert_eq!(json["decided_by_order"], true);
    assert_eq!(json["result"], "tie");
    assert_eq!(json["tie_breakers"][0], "r");
    assert!(rep.headline.contains("order alone"), "{}", rep.headline);
}

#[test]
fn the_vocabulary_names_the_json_keys() {
    let body = candidates(&["a", "b"])
        + &question("q", &["yes", "no"], "")
        + &rule("r", r#"{ q = "yes" }"#, "score = { b = 1 }");
    let ds = dataset_with(
        "\n[dataset.vocabulary]\ncandidate = \"widget\"\ncandidates = \"widgets\"\n\
         candidate_key = \"widget\"\ncandidates_key = \"widgets\"",
        &body,
    );
    let v = decide(&ds, &["q=yes"]);
    let rep = report::build(&ds, &v);
    let json = report::recommend::json(&rep, &ds.vocabulary);
    assert_eq!(json["ranking"][0]["widget"], "b");
    assert_eq!(json["recommendation"], "b");
    assert_eq!(json["settled"], true);
}

#[test]
fn the_same_answers_give_the_same_verdict_and_bytes() {
    let ds = gated();
    for pairs in [&["q1=x", "q2=x"][..], &["q1=y"], &[]] {
        let one = decide(&ds, pairs);
        let two = decide(&ds, pairs);
        assert_eq!(one, two);
        let j = |v: &Verdict| {
            report::json_string(&report::recommend::json(
                &report::build(&ds, v),
                &ds.vocabulary,
            ))
        };
        assert_eq!(j(&one), j(&two));
    }
}
