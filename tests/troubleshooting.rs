//! The places people get stuck after choosing (issue 14): box-current carries, after the
//! recommendation, facts labelled "If you see ..." that say what a known error means and
//! what to do. Each one is shown for the method it concerns, and for the answers it
//! concerns, and never for another method: checked on every complete answer path of the
//! questionnaire through the library, and through the real binary's JSON and text.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use authwiz::analysis::complete_paths;
use authwiz::dataset;
use authwiz::engine;
use authwiz::report::{self, layout};
use serde_json::Value;

const EDITION: &str = "box-current";
const PREFIX: &str = "If you see";

/// One troubleshooting entry: the start of its label, the methods it is for, and when it
/// applies to a recommendation of such a method (the answers, as `(question, option)`).
struct Entry {
    label: &'static str,
    methods: &'static [&'static str],
    applies: fn(&[(&str, &str)]) -> bool,
}

fn always(_: &[(&str, &str)]) -> bool {
    true
}

fn answered(a: &[(&str, &str)], question: &str, options: &[&str]) -> bool {
    a.iter()
        .any(|&(q, o)| q == question && options.contains(&o))
}

/// The entries, written from the facts file (§2 and §3), not from the dataset.
const ENTRIES: &[Entry] = &[
    // "Error before approval: unauthorized_client" (user-types): server-side apps always
    // need an Admin's authorization.
    Entry {
        label: "If you see \"unauthorized_client\"",
        methods: &["jwt", "client-credentials"],
        applies: always,
    },
    // The Service Account's "empty folder tree".
    Entry {
        label: "If you see an empty root folder",
        methods: &["jwt", "client-credentials"],
        applies: always,
    },
    // CCG's "Grant credentials are invalid".
    Entry {
        label: "If you see \"invalid_grant\"",
        methods: &["client-credentials"],
        applies: always,
    },
    // A JWT User Access Token: only for an application that acts as users or App Users.
    Entry {
        label: "If you see \"Cannot obtain user token based on the enterprise configuration",
        methods: &["jwt"],
        applies: |a| {
            answered(a, "act-as-users", &["yes"]) || answered(a, "create-app-users", &["yes"])
        },
    },
    // Downscoping for Box UI Elements: a token that reaches the browser.
    Entry {
        label: "If you see a full Access Token in browser code",
        methods: &["oauth2"],
        applies: |a| answered(a, "auth-side", &["client-app", "client-web"]),
    },
    Entry {
        label: "If you see a full Access Token in browser code",
        methods: &["jwt"],
        applies: |a| {
            answered(a, "users", &["no-box-accounts", "mixed"])
                || answered(a, "users-see-box", &["must-not-see"])
        },
    },
    Entry {
        label: "If you see the App Token in browser code",
        methods: &["app-token"],
        applies: always,
    },
    // "App Tokens can not be generated until the application is authorized".
    Entry {
        label: "If you see no way to generate the App Token",
        methods: &["app-token"],
        applies: always,
    },
    // A Refresh Token is valid for one use within 60 days.
    Entry {
        label: "If you see a Refresh Token refused",
        methods: &["oauth2"],
        applies: always,
    },
    // The Developer Token's hour (box/box-python-sdk#777).
    Entry {
        label: "If you see your script fail after an hour",
        methods: &["developer-token"],
        applies: always,
    },
];

/// The labels of the entries expected for `method` with these answers.
fn expected(method: &str, a: &[(&str, &str)]) -> BTreeSet<&'static str> {
    ENTRIES
        .iter()
        .filter(|e| e.methods.contains(&method) && (e.applies)(a))
        .map(|e| e.label)
        .collect()
}

/// The entry a shown label is, by the start of its label.
fn entry_label(label: &str) -> Option<&'static str> {
    ENTRIES
        .iter()
        .map(|e| e.label)
        .find(|l| label.starts_with(l))
}

#[test]
fn each_entry_shows_for_its_method_and_answers_and_never_for_another() {
    let ds = dataset::resolve(EDITION).expect("bundled edition");
    // Every "If you see" fact of the dataset is one of the entries above.
    for c in &ds.candidates {
        for f in c.facts.iter().chain(&c.caveats) {
            if f.label.starts_with(PREFIX) {
                let e = entry_label(&f.label)
                    .unwrap_or_else(|| panic!("{}: unknown entry {:?}", c.id, f.label));
                assert!(
                    ENTRIES
                        .iter()
                        .any(|x| x.label == e && x.methods.contains(&c.id.as_str())),
                    "{:?} is a fact of {}, which the entries do not give it",
                    f.label,
                    c.id
                );
            }
        }
    }
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut recommendations = 0;
    for a in complete_paths(&ds) {
        let v = engine::decide(&ds, &a);
        let Some(pick) = v.eval.pick else {
            continue;
        };
        recommendations += 1;
        let method = ds.candidates[pick].id.as_str();
        let ids = a.to_ids(&ds);
        let rep = report::build(&ds, &v);
        let shown: BTreeSet<&'static str> = rep
            .next_steps
            .iter()
            .chain(&rep.caveats)
            .filter(|f| f.label.starts_with(PREFIX))
            .map(|f| entry_label(&f.label).expect("a known entry"))
            .collect();
        let want = expected(method, &ids);
        assert_eq!(shown, want, "{method} for {ids:?}");
        // Each one is read in the layout every face renders (the text report, the wizard's
        // result), in full under "What you need next".
        let lay = layout::build(&rep);
        let steps = lay.section(layout::SectionKind::NextSteps);
        for label in &want {
            assert!(
                steps.is_some_and(|s| s.detail.iter().any(|e| e.text.starts_with(label))),
                "{method}: {label} is not among the next steps of {ids:?}"
            );
            seen.insert((label, method));
        }
    }
    assert!(recommendations > 500, "{recommendations} recommendations");
    // Every entry is shown somewhere, for each of its methods.
    for e in ENTRIES {
        for m in e.methods {
            assert!(
                seen.contains(&(e.label, *m)),
                "{:?} is never shown for {m}",
                e.label
            );
        }
    }
}

/// Runs `authwiz recommend --data box-current` with these answers and extra arguments.
fn recommend(answers: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["recommend", "--data", EDITION];
    for a in answers {
        args.extend(["-a", a]);
    }
    args.extend(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .env("NO_COLOR", "1")
        .env_remove("AUTHWIZ_DATA")
        .args(&args)
        .output()
        .expect("run authwiz");
    assert_eq!(out.status.code(), Some(0), "authwiz {args:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn troubleshooting(v: &Value) -> Vec<String> {
    v["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"].as_str().unwrap().to_owned())
        .filter(|l| l.starts_with(PREFIX))
        .collect()
}

#[test]
fn the_json_and_the_detailed_text_carry_them_with_their_sources() {
    // A server-side portal that creates App Users, with a key pair: JWT.
    let jwt = [
        "app-type=platform-app",
        "api-needs=full-api",
        "purpose=production",
        "users=no-box-accounts",
        "auth-side=server-side",
        "users-see-box=must-not-see",
        "data-location=app-account",
        "act-as-users=no",
        "create-app-users=yes",
        "admin-approval=can-obtain",
        "key-pair=manage-keys",
    ];
    let v: Value = serde_json::from_str(&recommend(&jwt, &["--format", "json"])).unwrap();
    assert_eq!(v["recommendation"], "jwt");
    let labels = troubleshooting(&v);
    for want in [
        "If you see \"unauthorized_client\"",
        "If you see an empty root folder",
        "If you see \"Cannot obtain user token",
        "If you see a full Access Token in browser code",
    ] {
        assert!(labels.iter().any(|l| l.starts_with(want)), "{labels:?}");
    }
    assert!(
        !labels.iter().any(|l| l.contains("invalid_grant")),
        "{labels:?}"
    );
    for f in v["next_steps"].as_array().unwrap() {
        if f["label"].as_str().unwrap().starts_with(PREFIX) {
            let text = f["text"].as_str().unwrap();
            assert!(text.starts_with("It means "), "{text}");
            assert!(text.contains(" Do: "), "{text}");
            assert!(
                f["source"]["url"].as_str().unwrap().starts_with("https://"),
                "{f}"
            );
        }
    }
    let text = recommend(&jwt, &["--detail"]);
    assert!(
        text.contains("  - If you see an empty root folder: It means the token is the application's Service Account"),
        "{text}"
    );
    // The same application acting only as its Service Account, without App Users: no
    // User Access Token, so no "Cannot obtain user token".
    let mut sa = jwt;
    sa[8] = "create-app-users=no";
    let v: Value = serde_json::from_str(&recommend(&sa, &["--format", "json"])).unwrap();
    assert_eq!(v["recommendation"], "jwt");
    let labels = troubleshooting(&v);
    assert!(
        !labels.iter().any(|l| l.contains("Cannot obtain")),
        "{labels:?}"
    );

    // Client Credentials Grant: invalid_grant, and none of OAuth 2.0's.
    let mut ccg = jwt;
    ccg[10] = "key-pair=no-keys";
    let v: Value = serde_json::from_str(&recommend(&ccg, &["--format", "json"])).unwrap();
    assert_eq!(v["recommendation"], "client-credentials");
    let labels = troubleshooting(&v);
    assert!(
        labels.iter().any(|l| l.contains("invalid_grant")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.contains("Refresh Token")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.contains("Cannot obtain")),
        "{labels:?}"
    );

    // A quick test with a Developer Token: only its own entry.
    let v: Value = serde_json::from_str(&recommend(
        &[
            "app-type=platform-app",
            "api-needs=full-api",
            "purpose=quick-test",
            "token-duration=within-hour",
            "authenticate-as=myself",
        ],
        &["--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["recommendation"], "developer-token");
    assert_eq!(
        troubleshooting(&v),
        ["If you see your script fail after an hour"]
    );
}
