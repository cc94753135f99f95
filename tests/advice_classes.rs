//! One scenario per class of advice fault (issue 8), on both bundled editions, through the
//! real binary where a person would see the result (text, JSON, exit code) and through the
//! engine where a class is a property of every path. The members differ from the examples
//! the faults were first reported with.

mod common;

use std::process::Command;

use authwiz::analysis::complete_paths;
use authwiz::dataset::{self, Answers, Dataset};
use authwiz::engine;
use authwiz::report::{self, recommend};
use serde_json::Value;

const OK: i32 = 0;
const NOTHING_FITS: i32 = 3;
const TIE: i32 = 4;

/// Runs `authwiz recommend` with these answers (and extra arguments), expecting `code`.
fn recommend(edition: &str, answers: &[&str], extra: &[&str], code: i32) -> String {
    let mut args = vec!["recommend", "--data", edition];
    for a in answers {
        args.extend(["-a", a]);
    }
    args.extend(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(&args)
        .env("NO_COLOR", "1")
        .env_remove("AUTHWIZ_DATA")
        .output()
        .expect("run authwiz");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        out.status.code(),
        Some(code),
        "authwiz {args:?}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn json(edition: &str, answers: &[&str], code: i32) -> Value {
    let out = recommend(edition, answers, &["--format", "json"], code);
    serde_json::from_str(&out).expect("JSON")
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn load(edition: &str) -> Dataset {
    dataset::resolve(edition).expect("bundled edition")
}

// ---- 1. A final outcome does not discard a stated need, and an ignored answer is said ----

#[test]
fn a_need_left_after_a_final_outcome_is_checked_not_dropped() {
    // Partner Integration leaves App Token alone; users who must see Box rule it out.
    let v = json(
        "box-2019",
        &["app-type=partner-integration", "users-see-box=must-see"],
        NOTHING_FITS,
    );
    assert_eq!(v["result"], "nothing-fits");
    assert!(
        ids(&v["conflict"]).contains(&"users-see-box".to_owned()),
        "{v}"
    );
    assert_eq!(v["ignored_answers"], Value::Array(vec![]));
    // A Limited Access App for an application that acts for other users.
    let v = json(
        "box-current",
        &["app-type=limited-access-app", "act-as-users=yes"],
        NOTHING_FITS,
    );
    assert!(
        ids(&v["conflict"]).contains(&"act-as-users".to_owned()),
        "{v}"
    );
    assert!(
        v["headline"].as_str().unwrap().starts_with("Nothing fits"),
        "{v}"
    );
}

#[test]
fn an_ignored_answer_is_said_beside_the_result_in_every_face() {
    // "How do your users sign in?" after the Custom Skill outcome, and a quick-test question
    // on production code.
    for (edition, answers, question, why) in [
        (
            "box-2019",
            &["app-type=custom-skill", "identity=box-login"][..],
            "identity",
            "after-final-outcome",
        ),
        (
            "box-current",
            &[
                "app-type=platform-app",
                "purpose=production",
                "token-duration=longer",
            ][..],
            "token-duration",
            "not-asked",
        ),
    ] {
        let v = json(edition, answers, OK);
        let ignored = &v["ignored_answers"][0];
        assert_eq!(ignored["question"], question, "{v}");
        assert_eq!(ignored["why"], why, "{v}");
        let said = ignored["text"].as_str().unwrap().to_owned();
        assert!(ids(&v["notices"]).contains(&said), "{v}");
        // Text: on the lines right after the headline (after its mark), not only in the
        // answers list.
        let text = recommend(edition, answers, &[], OK);
        let headline = v["headline"].as_str().unwrap();
        let after: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.ends_with(headline))
            .take(4)
            .collect();
        assert!(
            after.iter().any(|l| l.trim() == said),
            "{edition}: not beside the result:\n{text}"
        );
        for format in ["markdown", "adr"] {
            let out = recommend(edition, answers, &["--format", format], OK);
            assert!(out.contains("Ignored: your answer"), "{format}:\n{out}");
        }
    }
}

// ---- 2. Needs that matter everywhere are asked on every path ----

#[test]
fn admin_approval_and_acting_for_others_are_asked_for_a_quick_test_too() {
    for (edition, app_type) in [("box-2019", "custom-app"), ("box-current", "platform-app")] {
        let ds = load(edition);
        let quick_test_paths: Vec<Answers> = complete_paths(&ds)
            .into_iter()
            .filter(|a| {
                a.to_ids(&ds)
                    .iter()
                    .any(|&(q, o)| q == "purpose" && o == "quick-test")
            })
            .collect();
        assert!(!quick_test_paths.is_empty());
        for a in &quick_test_paths {
            let asked: Vec<&str> = a.to_ids(&ds).iter().map(|p| p.0).collect();
            let v = engine::decide(&ds, a);
            // Asked, or not needed because nothing they could rule out is left.
            for need in ["admin-approval", "act-as-users"] {
                assert!(
                    asked.contains(&need) || v.eval.pick.is_none() || v.settlement.settled,
                    "{edition}: {need} not asked on {:?}",
                    a.to_ids(&ds)
                );
            }
        }
        // A quick test as the application, with no Admin: JWT and App Token are not offered.
        let v = json(
            edition,
            &[
                &format!("app-type={app_type}"),
                "purpose=quick-test",
                "authenticate-as=service-account",
                "admin-approval=cannot-obtain",
            ],
            NOTHING_FITS,
        );
        assert!(
            ids(&v["conflict"]).contains(&"admin-approval".to_owned()),
            "{v}"
        );
    }
}

// ---- 3. Hypotheticals keep the person's other needs ----

#[test]
fn what_ifs_and_relaxations_keep_the_other_needs() {
    // Box users who must see Box, acting for others, no Admin: OAuth 2.0. No hypothetical
    // may offer a method that needs the Admin.
    let v = json(
        "box-2019",
        &[
            "app-type=enterprise-integration",
            "purpose=production",
            "users=box-users",
            "identity=box-login",
            "users-see-box=must-see",
            "data-location=user-accounts",
            "act-as-users=yes",
            "admin-approval=cannot-obtain",
            "user-involvement=can-redirect",
        ],
        OK,
    );
    assert_eq!(v["recommendation"], "oauth2");
    for w in v["what_if"].as_array().unwrap() {
        if w["question"] != "admin-approval" {
            let r = w["recommendation"].as_str().unwrap_or("none");
            assert!(!["jwt", "app-token"].contains(&r), "{w}");
        }
    }
    // A Limited Access App without an Admin: changing the type offers only methods that
    // need no Admin.
    let v = json(
        "box-current",
        &[
            "app-type=limited-access-app",
            "purpose=production",
            "users=box-users",
            "admin-approval=cannot-obtain",
        ],
        NOTHING_FITS,
    );
    let relax = v["relaxations"].as_array().unwrap();
    let by_type: Vec<&Value> = relax
        .iter()
        .filter(|r| r["question"] == "app-type")
        .collect();
    assert!(!by_type.is_empty(), "{v}");
    for r in by_type {
        for f in ids(&r["fits"]) {
            assert!(
                !["jwt", "client-credentials", "app-token"].contains(&f.as_str()),
                "{r}"
            );
        }
    }
}

#[test]
fn a_hypothetical_that_drops_an_answer_says_which() {
    // Changing production to a quick test drops the production-only questions.
    let answers = [
        "app-type=custom-app",
        "purpose=production",
        "users=no-user-model",
        "data-location=app-account",
        "act-as-users=no",
        "admin-approval=can-obtain",
        "box-view=no",
    ];
    let v = json("box-2019", &answers, OK);
    let w = v["what_if"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["question"] == "purpose")
        .expect("a quick test changes the result");
    assert_eq!(ids(&w["drops"]), ["users", "data-location"], "{w}");
    assert!(
        w["text"].as_str().unwrap().contains("would stop counting"),
        "{w}"
    );
    // The answers that always count are never dropped.
    assert!(!ids(&w["drops"]).contains(&"admin-approval".to_owned()));
    // What would change the outcome is part of the detail.
    let text = recommend("box-2019", &answers, &["--detail"], OK);
    assert!(text.contains("would stop counting"), "{text}");
}

// ---- 4. No recommendation by elimination that contradicts its own caveat ----

#[test]
fn oauth2_is_never_recommended_to_users_without_box_accounts() {
    for edition in ["box-2019", "box-current"] {
        let ds = load(edition);
        let oauth2 = ds.candidate_ix("oauth2").unwrap();
        let users = ds.question_ix("users").unwrap();
        let no_accounts = ds.questions[users].option_ix("no-box-accounts").unwrap();
        let mut seen = 0;
        for a in complete_paths(&ds) {
            if a.get(users) == Some(no_accounts) {
                seen += 1;
                let v = engine::decide(&ds, &a);
                assert_ne!(v.eval.pick, Some(oauth2), "{edition}: {:?}", a.to_ids(&ds));
            }
        }
        assert!(seen > 10, "{edition}: {seen} paths");
    }
}

// ---- 5. A tie is never shown as an answer ----

#[test]
fn a_tie_says_so_everywhere_and_names_a_tie_breaker() {
    for edition in ["box-2019", "box-current"] {
        let v = json(edition, &[], TIE);
        assert_eq!(v["result"], "tie");
        assert_eq!(v["decided_by_order"], true);
        assert_eq!(ids(&v["tie_breakers"])[0], "app-type");
        let text = recommend(edition, &[], &[], TIE);
        assert!(text.contains("by the dataset's order alone"), "{text}");
        assert!(text.contains("could break the tie"), "{text}");
        let md = recommend(edition, &[], &["--format", "markdown"], TIE);
        assert!(md.contains("by the dataset's order alone"), "{md}");
        let adr = recommend(edition, &[], &["--format", "adr"], TIE);
        assert!(adr.contains("decided by order"), "{adr}");
    }
}

#[test]
fn what_ifs_that_end_in_a_tie_say_so() {
    let mut found = 0;
    for edition in ["box-2019", "box-current"] {
        let ds = load(edition);
        for a in complete_paths(&ds) {
            let v = engine::decide(&ds, &a);
            let rep = report::build(&ds, &v);
            for (w, r) in v.what_if.iter().zip(&rep.what_if) {
                if w.tie != 0 {
                    found += 1;
                    assert!(r.text.contains("only by the dataset's order"), "{}", r.text);
                }
            }
        }
    }
    assert!(
        found > 0,
        "no what-if ends in a tie: the check checks nothing"
    );
}

#[test]
fn the_server_side_tie_of_box_current_goes_to_the_simplest_method_with_its_reason() {
    // JWT and Client Credentials Grant share every bullet but the key pair.
    let answers = [
        "app-type=platform-app",
        "purpose=production",
        "users=no-user-model",
        "data-location=app-account",
        "act-as-users=yes",
        "admin-approval=can-obtain",
    ];
    let v = json("box-current", &answers, OK);
    assert_eq!(v["recommendation"], "client-credentials");
    assert_eq!(v["decided_by_order"], false);
    let why: Vec<&str> = v["why"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(
        why.iter().any(|t| t.contains("The simplest one is CCG")),
        "{why:?}"
    );
}

#[test]
fn plain_mode_keeps_the_word_tied() {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(["--plain"])
        .env("NO_COLOR", "1")
        .env_remove("AUTHWIZ_DATA")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            // Custom App: all four methods still tie at 0.
            child.stdin.take().unwrap().write_all(b"1\nq\n")?;
            child.wait_with_output()
        })
        .expect("run authwiz --plain");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("tied for the lead"), "{text}");
    assert!(!text.contains("leading:"), "{text}");
}

// ---- 6. Why-not contrasts add up ----

#[test]
fn why_not_contrasts_add_up_on_every_path() {
    for edition in ["box-2019", "box-current"] {
        let ds = load(edition);
        for a in complete_paths(&ds) {
            let v = engine::decide(&ds, &a);
            let json = recommend::json(&report::build(&ds, &v), &ds.vocabulary);
            for w in json["why_not"].as_array().unwrap() {
                if w["excluded"] == true {
                    continue;
                }
                let reasons = w["reasons"].as_array().unwrap();
                let sum: i64 = reasons.iter().map(|r| r["points"].as_i64().unwrap()).sum();
                assert_eq!(sum, w["behind"].as_i64().unwrap(), "{edition}: {w}");
                for r in reasons {
                    assert_ne!(r["pick_points"], r["their_points"], "{w}");
                }
            }
        }
    }
}

// ---- 7. The decision record does not contradict itself ----

#[test]
fn the_decision_record_weighs_each_reason_as_it_is() {
    let answers = [
        "app-type=custom-app",
        "purpose=production",
        "users=no-box-accounts",
        "identity=own-identity-system",
        "users-see-box=must-not-see",
        "data-location=app-account",
        "act-as-users=yes",
        "create-app-users=yes",
        "admin-approval=can-obtain",
        "user-involvement=no-interaction",
        "box-view=no",
    ];
    let adr = recommend(
        "box-2019",
        &answers,
        &["--format", "adr", "--date", "2026-12-01"],
        OK,
    );
    let chosen: String = adr
        .split("### JWT")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .unwrap_or_default()
        .to_owned();
    assert!(!chosen.contains("ruled out"), "{chosen}");
    let consequences = adr
        .split("### Consequences")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .unwrap();
    assert!(!consequences.contains("ruled out"), "{consequences}");
    // Clauses keep the dataset's capitals; caveats are not filed as drawbacks.
    assert!(adr.contains("because Box must stay invisible"), "{adr}");
    assert!(!adr.contains("because box must"), "{adr}");
    assert!(
        !adr.contains("Bad, because Admin approval required"),
        "{adr}"
    );
}

// ---- 8. "No recommendation" says which ----

#[test]
fn no_recommendation_says_whether_none_is_needed_or_nothing_fits() {
    let text = recommend("box-2019", &["app-type=custom-app"], &["--detail"], TIE);
    assert!(text.contains("→ no authorization method needed"), "{text}");
    assert!(!text.contains("no recommendation"), "{text}");
    let v = json(
        "box-current",
        &[
            "app-type=platform-app",
            "purpose=production",
            "users=box-users",
            "users-see-box=must-see",
        ],
        OK,
    );
    let results: Vec<String> = v["what_if"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["result"].as_str().unwrap().to_owned())
        .collect();
    assert!(results.contains(&"none-needed".to_owned()), "{results:?}");
    assert!(results.contains(&"nothing-fits".to_owned()), "{results:?}");
}
