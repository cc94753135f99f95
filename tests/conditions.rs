//! `not` and `any` in conditions (`ask_if`, `when`): what they mean to the engine (asked,
//! fired, counted once, unknown while unanswered), to the conflict search, to `check` and to
//! the listings, and what the loader refuses. Tiny datasets written inline.

use authwiz::dataset::{Answers, Dataset, load_str};
use authwiz::engine::{self, Asked, Truth, Verdict};

fn dataset(body: &str) -> Result<Dataset, String> {
    let text = format!(
        "schema = 1\n\n[dataset]\nid = \"tiny\"\ntitle = \"Tiny\"\nedition = \"test\"\n\
         summary = \"A test dataset.\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"Test source\"\npath = \"test.md\"\n\n\
         [[candidates]]\nid = \"c1\"\nname = \"One\"\nsummary = \"The first.\"\nsource = \"s\"\n\n\
         [[candidates]]\nid = \"c2\"\nname = \"Two\"\nsummary = \"The second.\"\nsource = \"s\"\n\n{body}"
    );
    load_str("tiny.toml", &text).map_err(|e| e.to_string())
}

fn ok(body: &str) -> Dataset {
    dataset(body).unwrap_or_else(|e| panic!("{e}"))
}

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

fn rule(id: &str, when: &str, effects: &str) -> String {
    format!(
        "[[rules]]\nid = \"{id}\"\nwhen = {when}\nbecause = \"because of {id}\"\nsource = \"s\"\n{effects}\n\n"
    )
}

fn answers(ds: &Dataset, pairs: &[&str]) -> Answers {
    let mut a = Answers::for_dataset(ds);
    for p in pairs {
        let (q, o) = p.split_once('=').unwrap();
        let qi = ds.question_ix(q).unwrap();
        a.set(qi, ds.questions[qi].option_ix(o).unwrap());
    }
    a
}

fn decide(ds: &Dataset, pairs: &[&str]) -> Verdict {
    engine::decide(ds, &answers(ds, pairs))
}

fn asked(ds: &Dataset, pairs: &[&str], q: &str) -> Asked {
    decide(ds, pairs).eval.asked[ds.question_ix(q).unwrap()]
}

fn score(v: &Verdict, c: usize) -> i32 {
    v.eval.standings[c].score
}

#[test]
fn not_means_answered_with_another_option() {
    let ds = ok(&format!(
        "{}{}{}",
        question("a", &["x", "y", "z"], ""),
        question("b", &["p", "q"], "{ a = { not = \"x\" } }"),
        rule(
            "r",
            "{ a = { not = [\"x\", \"y\"] } }",
            "score = { c2 = 1 }"
        ),
    ));
    assert_eq!(asked(&ds, &[], "b"), Asked::NotYet);
    assert_eq!(asked(&ds, &["a=x"], "b"), Asked::No);
    assert_eq!(asked(&ds, &["a=y"], "b"), Asked::Yes);
    assert_eq!(asked(&ds, &["a=z"], "b"), Asked::Yes);
    assert_eq!(score(&decide(&ds, &["a=z"]), 1), 1);
    assert_eq!(score(&decide(&ds, &["a=y"]), 1), 0);
    // Unanswered: the rule does not fire (as for any test).
    assert_eq!(score(&decide(&ds, &[]), 1), 0);
}

#[test]
fn any_holds_when_one_alternative_holds_and_counts_once() {
    let ds = ok(&format!(
        "{}{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], ""),
        question(
            "c",
            &["p", "q"],
            "{ any = [ { a = \"x\" }, { b = \"y\" } ] }"
        ),
        rule(
            "r",
            "{ any = [ { a = \"x\" }, { b = \"y\" } ] }",
            "score = { c2 = 2 }"
        ),
    ));
    // Asked as soon as one alternative holds, not asked once both fail, unknown between.
    assert_eq!(asked(&ds, &[], "c"), Asked::NotYet);
    assert_eq!(asked(&ds, &["a=x"], "c"), Asked::Yes);
    assert_eq!(asked(&ds, &["a=w"], "c"), Asked::NotYet);
    assert_eq!(asked(&ds, &["a=w", "b=y"], "c"), Asked::Yes);
    assert_eq!(asked(&ds, &["a=w", "b=v"], "c"), Asked::No);
    // Both alternatives hold: the rule fires once, its points count once.
    let v = decide(&ds, &["a=x", "b=y"]);
    assert_eq!(score(&v, 1), 2);
    assert_eq!(v.eval.fired.len(), 1);
    assert_eq!(score(&decide(&ds, &["a=w", "b=y"]), 1), 2);
    assert_eq!(score(&decide(&ds, &["a=w", "b=v"]), 1), 0);
    let r = &ds.rules[0].when;
    let a = answers(&ds, &["a=w"]);
    let ev = engine::evaluate(&ds, &a);
    assert_eq!(engine::truth(r, &a, &ev.asked), Truth::Unknown);
}

#[test]
fn tests_beside_any_hold_in_every_alternative() {
    let ds = ok(&format!(
        "{}{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], ""),
        question("d", &["m", "n"], ""),
        rule(
            "r",
            "{ d = \"m\", any = [ { a = \"x\" }, { b = \"y\" } ] }",
            "exclude = [\"c1\"]"
        ),
    ));
    assert_eq!(ds.rules[0].when.alternative_count(), 2);
    let out = |pairs: &[&str]| decide(&ds, pairs).eval.standings[0].is_excluded();
    assert!(out(&["d=m", "a=x"]));
    assert!(out(&["d=m", "b=y"]));
    assert!(!out(&["d=n", "a=x", "b=y"]));
    assert!(!out(&["d=m", "a=w", "b=v"]));
}

#[test]
fn a_smallest_conflict_needs_only_one_way_of_asking_a_question() {
    // c is asked if a = x or b = y. With a = x, b = y, c = z everything is ruled out; the
    // smallest conflict is {a, c}: a = x both asks c and rules out c2. Requiring every
    // question that may gate c (a and b) would miss it.
    let ds = ok(&format!(
        "{}{}{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], ""),
        question(
            "c",
            &["z", "u"],
            "{ any = [ { a = \"x\" }, { b = \"y\" } ] }"
        ),
        rule("r1", "{ c = \"z\" }", "exclude = [\"c1\"]"),
        rule("r2", "{ a = \"x\" }", "exclude = [\"c2\"]"),
    ));
    let v = decide(&ds, &["a=x", "b=y", "c=z"]);
    let c = v.conflict.expect("nothing fits");
    let mut ids: Vec<&str> = c
        .questions
        .iter()
        .map(|&q| ds.questions[q].id.as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["a", "c"]);
    assert!(c.smallest);
}

#[test]
fn an_impossible_alternative_is_dropped_and_an_impossible_condition_refused() {
    let ds = ok(&format!(
        "{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], ""),
        rule(
            "r",
            "{ a = \"x\", any = [ { a = \"w\" }, { b = \"y\" } ] }",
            "score = { c1 = 1 }"
        ),
    ));
    assert_eq!(ds.rules[0].when.alternative_count(), 1);
    let e = dataset(&format!(
        "{}{}",
        question("a", &["x", "w"], ""),
        rule(
            "r",
            "{ a = \"x\", any = [ { a = \"w\" } ] }",
            "score = { c1 = 1 }"
        ),
    ))
    .unwrap_err();
    assert!(e.contains("rules[0].when: no alternative can hold"), "{e}");
    let e = dataset(&format!(
        "{}{}",
        question("a", &["x", "w"], ""),
        rule(
            "r",
            "{ a = { not = [\"x\", \"w\"] } }",
            "score = { c1 = 1 }"
        ),
    ))
    .unwrap_err();
    assert!(
        e.contains("`not` lists every option of question `a`"),
        "{e}"
    );
}

#[test]
fn a_question_asked_only_through_an_impossible_gate_is_refused() {
    // b is asked only if a = x; c is asked if b = y and a = w (never), or a = x.
    let ds = ok(&format!(
        "{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], "{ a = \"x\" }"),
        question(
            "c",
            &["p", "q"],
            "{ any = [ { b = \"y\", a = \"w\" }, { a = \"x\" } ] }"
        ),
    ));
    assert_eq!(ds.questions[2].ask_if.alternative_count(), 2);
    let e = dataset(&format!(
        "{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], "{ a = \"x\" }"),
        question(
            "c",
            &["p", "q"],
            "{ any = [ { b = \"y\", a = \"w\" }, { b = \"v\", a = \"w\" } ] }"
        ),
    ))
    .unwrap_err();
    assert!(e.contains("question `c` can never be asked"), "{e}");
}

#[test]
fn malformed_conditions_are_explained() {
    let q = question("a", &["x", "w"], "");
    for (when, message) in [
        (
            "{ a = [ { a = \"x\" } ] }",
            "rules[0].when.a: a list of conditions is only allowed under `any`",
        ),
        (
            "{ any = \"a\" }",
            "rules[0].when.any: `any` lists alternatives, each a table of conditions",
        ),
        (
            "{ any = [] }",
            "rules[0].when.any: empty list of alternatives",
        ),
        (
            "{ a = { nto = \"x\" } }",
            "rules[0].when.a: unknown field `nto`\n    expected `not`",
        ),
        (
            "{ any = [ { a = \"y\" } ] }",
            "rules[0].when.any[0].a: unknown option `y` of question `a`",
        ),
        (
            "{ a = [\"x\", { a = \"x\" }] }",
            "option ids and conditions mixed",
        ),
        ("{ a = { not = [] } }", "empty list of options after `not`"),
    ] {
        let e = dataset(&format!("{q}{}", rule("r", when, "score = { c1 = 1 }"))).unwrap_err();
        assert!(e.contains(message), "{when}:\n{e}");
    }
}

#[test]
fn a_question_named_any_still_works() {
    let ds = ok(&format!(
        "{}{}{}",
        question("any", &["x", "w"], ""),
        question("b", &["y", "v"], "{ any = \"x\" }"),
        rule("r", "{ any = [\"w\"] }", "score = { c1 = 1 }"),
    ));
    assert_eq!(asked(&ds, &["any=x"], "b"), Asked::Yes);
    assert_eq!(asked(&ds, &["any=w"], "b"), Asked::No);
    assert_eq!(score(&decide(&ds, &["any=w"]), 0), 1);
}

#[test]
fn listings_show_not_and_any_as_written() {
    let ds = ok(&format!(
        "{}{}{}",
        question("a", &["x", "w", "z"], ""),
        question("b", &["y", "v"], "{ a = { not = \"x\" } }"),
        question(
            "c",
            &["p", "q"],
            "{ any = [ { a = \"x\" }, { b = \"y\", a = \"z\" } ] }"
        ),
    ));
    let text = authwiz::report::catalog::questions_text(&ds);
    assert!(text.contains("asked only if a is not x\n"), "{text}");
    assert!(
        text.contains("asked only if a is x or (a is z and b is y)\n"),
        "{text}"
    );
    let json = authwiz::report::catalog::questions_json(&ds);
    assert_eq!(json[1]["ask_if"], serde_json::json!({"a": {"not": ["x"]}}));
    assert_eq!(
        json[2]["ask_if"],
        serde_json::json!({"any": [{"a": ["x"]}, {"a": ["z"], "b": ["y"]}]})
    );
}

#[test]
fn not_uses_the_option_it_names() {
    let ds = ok(&format!(
        "{}{}",
        question("a", &["x", "w", "z"], ""),
        rule("r", "{ a = { not = \"x\" } }", "score = { c1 = 1 }"),
    ));
    let rep = authwiz::analysis::check(&ds, authwiz::analysis::Budget::default());
    assert!(
        !rep.findings.iter().any(|f| f.kind == "unused-option"),
        "{:?}",
        rep.findings
    );
}

#[test]
fn check_reports_an_ask_if_that_names_a_later_question() {
    let ds = ok(&format!(
        "{}{}{}",
        question("b", &["y", "v"], "{ a = \"x\" }"),
        question("a", &["x", "w"], ""),
        rule("r", "{ b = \"y\" }", "score = { c1 = 1 }"),
    ));
    let rep = authwiz::analysis::check(&ds, authwiz::analysis::Budget::default());
    let f = rep
        .findings
        .iter()
        .find(|f| f.kind == "ask-if-names-a-later-question")
        .unwrap_or_else(|| panic!("{:?}", rep.findings));
    assert_eq!(f.subject, "b");
    assert_eq!(f.severity, authwiz::analysis::Severity::Warning);
    assert!(
        f.message.contains("\u{201c}Question a?\u{201d} (a)"),
        "{}",
        f.message
    );
    // In file order, nothing to report.
    let ds = ok(&format!(
        "{}{}{}",
        question("a", &["x", "w"], ""),
        question("b", &["y", "v"], "{ a = \"x\" }"),
        rule("r", "{ b = \"y\" }", "score = { c1 = 1 }"),
    ));
    let rep = authwiz::analysis::check(&ds, authwiz::analysis::Budget::default());
    assert!(
        !rep.findings
            .iter()
            .any(|f| f.kind == "ask-if-names-a-later-question"),
        "{:?}",
        rep.findings
    );
}
