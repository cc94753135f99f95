//! An oracle for the advice, written from Box's guide (the seed's two tables) and the facts
//! file (`../shared/reference/box-auth-facts.md`), not from the datasets' rules.
//!
//! It walks every complete answer path of both bundled editions, as the wizard asks them,
//! and checks that the recommendation, every what-if and every relaxation respects every
//! need the person stated that still holds after the change:
//!
//! - Admin approval is a fact of the enterprise; acting for other users, creating App Users,
//!   whether users see Box and whether they can take part are facts of the application,
//!   whatever its type: they hold in every hypothetical except one that changes that very
//!   answer, whether or not the hypothetical lists it as no longer counting.
//! - The other needs (production use, who the users are, whose account a test acts as, how
//!   long the token must live) hold unless the hypothetical changes them, or says in so
//!   many words that they would stop counting.
//! - The application type in effect (the hypothetical's) must support the method.
//! - The current edition's further needs (issue 14), from the facts file: the guide's
//!   client-side / server-side split, credentials that must not ship to a client, what the
//!   application needs from Box, mixed users and users of other enterprises, enterprise
//!   settings that make OAuth 2.0 wait for an Admin, a script that runs on its own. Some hold
//!   only together (`Joint`).
//!
//! Every violation is counted; the first ones are shown.

use authwiz::dataset::{Answers, Dataset};
use authwiz::engine::{self, Verdict};

/// A cell of a comparison table. `Depends` stands for the cells the facts file says depend
/// on who the developer is (the Developer Token acts as the developer).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cell {
    Yes,
    No,
    Depends,
}
use Cell::{Depends, No, Yes};

/// One method's column: the comparison rows and the production row.
struct Column {
    method: &'static str,
    user_involvement: Cell,
    admin_approval: Cell,
    act_as_users: Cell,
    users_see_box: Cell,
    create_app_users: Cell,
    production: Cell,
}

/// A need made of several answers together: the methods it rules out, and why.
struct Joint {
    answers: &'static [(&'static str, &'static str)],
    methods: &'static [&'static str],
    why: &'static str,
}

/// One edition of the guide: its comparison table and its support matrix.
struct Guide {
    edition: &'static str,
    columns: &'static [Column],
    /// (application type, methods it supports).
    support: &'static [(&'static str, &'static [&'static str])],
    /// Needs that hold only together.
    joint: &'static [Joint],
}

/// The seed (select-auth-method.md, 2019-10-08), cell for cell.
const GUIDE_2019: Guide = Guide {
    edition: "box-2019",
    columns: &[
        Column {
            method: "oauth2",
            user_involvement: Yes,
            admin_approval: No,
            act_as_users: Yes,
            users_see_box: Yes,
            create_app_users: No,
            production: Yes,
        },
        Column {
            method: "jwt",
            user_involvement: No,
            admin_approval: Yes,
            act_as_users: Yes,
            users_see_box: No,
            create_app_users: Yes,
            production: Yes,
        },
        Column {
            method: "app-token",
            user_involvement: No,
            admin_approval: Yes,
            act_as_users: No,
            users_see_box: No,
            create_app_users: No,
            production: Yes,
        },
        Column {
            method: "developer-token",
            user_involvement: Yes,
            admin_approval: No,
            act_as_users: Yes,
            users_see_box: Yes,
            create_app_users: Yes,
            production: No,
        },
    ],
    support: &[
        (
            "custom-app",
            &["oauth2", "jwt", "app-token", "developer-token"],
        ),
        (
            "enterprise-integration",
            &["oauth2", "jwt", "developer-token"],
        ),
        ("partner-integration", &["app-token"]),
        ("custom-skill", &[]),
    ],
    joint: &[],
};

/// The current guide (facts file §1b, "Current matrix" and "Current comparison table"); the
/// Developer Token from §2: for development only, "should not be used in production",
/// created with a Platform App, acting as the developer.
const GUIDE_CURRENT: Guide = Guide {
    edition: "box-current",
    columns: &[
        Column {
            method: "oauth2",
            user_involvement: Yes,
            admin_approval: No,
            act_as_users: Yes,
            users_see_box: Yes,
            create_app_users: No,
            production: Yes,
        },
        Column {
            method: "jwt",
            user_involvement: No,
            admin_approval: Yes,
            act_as_users: Yes,
            users_see_box: No,
            create_app_users: Yes,
            production: Yes,
        },
        Column {
            method: "client-credentials",
            user_involvement: No,
            admin_approval: Yes,
            act_as_users: Yes,
            users_see_box: No,
            create_app_users: Yes,
            production: Yes,
        },
        Column {
            method: "app-token",
            user_involvement: No,
            admin_approval: Yes,
            act_as_users: No,
            users_see_box: No,
            create_app_users: No,
            production: Yes,
        },
        Column {
            method: "developer-token",
            user_involvement: Yes,
            admin_approval: No,
            act_as_users: Depends,
            users_see_box: Yes,
            create_app_users: Depends,
            production: No,
        },
    ],
    support: &[
        (
            "platform-app",
            &["oauth2", "jwt", "client-credentials", "developer-token"],
        ),
        ("limited-access-app", &["app-token"]),
        ("custom-skill", &[]),
        // Not created yet: every method, with the type it needs still to be created.
        (
            "not-created",
            &[
                "oauth2",
                "jwt",
                "client-credentials",
                "app-token",
                "developer-token",
            ],
        ),
    ],
    joint: &[
        // "Disable unpublished apps by default" and its kin: OAuth 2.0 apps "may also
        // require explicit Admin authorization based on enabled enterprise settings".
        Joint {
            answers: &[
                ("admin-approval", "cannot-obtain"),
                ("enterprise-settings", "admin-needed"),
            ],
            methods: &["oauth2"],
            why: "the enterprise makes OAuth 2.0 apps wait for an Admin",
        },
        // External Users "cannot be managed via your Admin Console": acting for them takes
        // their own grant.
        Joint {
            answers: &[("users", "other-enterprises"), ("act-as-users", "yes")],
            methods: &["jwt", "client-credentials"],
            why: "server-side methods act only within the own enterprise",
        },
    ],
};

/// Needs that are facts of the enterprise or the application: they hold whatever else
/// changes.
const FACTS: &[&str] = &[
    "admin-approval",
    "enterprise-settings",
    "api-needs",
    "auth-side",
    "act-as-users",
    "create-app-users",
    "users-see-box",
    "user-involvement",
];

impl Guide {
    fn column(&self, method: &str) -> &Column {
        self.columns
            .iter()
            .find(|c| c.method == method)
            .unwrap_or_else(|| panic!("{}: no column for {method}", self.edition))
    }

    fn supports(&self, app_type: &str, method: &str) -> bool {
        self.support
            .iter()
            .find(|(t, _)| *t == app_type)
            .is_some_and(|(_, methods)| methods.contains(&method))
    }

    /// Why `method` breaks the need `question = option`, if it does.
    fn breaks(&self, question: &str, option: &str, method: &str) -> Option<String> {
        let col = self.column(method);
        let bad = |cell: Cell, ok: &[Cell], row: &str| {
            (!ok.contains(&cell)).then(|| format!("{row} is {cell:?}"))
        };
        match (question, option) {
            ("admin-approval", "cannot-obtain") => {
                bad(col.admin_approval, &[No], "Requires admin approval?")
            }
            ("act-as-users", "yes") => bad(
                col.act_as_users,
                &[Yes, Depends],
                "Can act on behalf of other users?",
            ),
            ("create-app-users", "yes") => bad(
                col.create_app_users,
                &[Yes, Depends],
                "Can create App Users?",
            ),
            ("users-see-box", "must-see") => bad(col.users_see_box, &[Yes], "Do users see Box?"),
            ("users-see-box", "must-not-see") => bad(col.users_see_box, &[No], "Do users see Box?"),
            ("user-involvement", "no-interaction") => {
                bad(col.user_involvement, &[No], "Requires user involvement?")
            }
            // Nobody could take part in authorizing it.
            ("users", "no-user-model") => bad(
                col.user_involvement,
                &[No],
                "Requires user involvement? (no users)",
            ),
            ("purpose", "production") => bad(col.production, &[Yes], "Can be used in production?"),
            // OAuth 2.0 "requires the application to redirect a user to the Box website to
            // grant the application's access to their data": the user needs a Box account.
            ("users", "no-box-accounts") if method == "oauth2" => {
                Some("OAuth 2.0 needs users with Box accounts".into())
            }
            // The OAuth 2.0 token "represents the user who granted access"; a Developer
            // Token "authenticates as the developer who created the token".
            ("authenticate-as", "service-account")
                if method == "oauth2" || method == "developer-token" =>
            {
                Some("it cannot act as the application's Service Account".into())
            }
            ("authenticate-as", "another-user") if method == "developer-token" => {
                Some("a Developer Token acts as the developer".into())
            }
            // "only valid for 1 hour".
            ("token-duration", "longer" | "scheduled") if method == "developer-token" => {
                Some("a Developer Token is valid for one hour".into())
            }
            // App Token "is restricted to a subset of API endpoints".
            ("api-needs", "full-api" | "skill-and-api") if method == "app-token" => {
                Some("App Token reaches only a few endpoints".into())
            }
            // The guide's split: client-side, each user takes part; server-side, none does.
            ("auth-side", "client-web") => bad(
                col.user_involvement,
                &[Yes],
                "Requires user involvement? (client-side)",
            ),
            ("auth-side", "server-side") => bad(
                col.user_involvement,
                &[No],
                "Requires user involvement? (server-side)",
            ),
            // The client secret (which JWT needs too) never ships in native apps or
            // client-side code.
            ("auth-side", "client-app") if method == "jwt" || method == "client-credentials" => {
                Some("its client secret would ship to a client".into())
            }
            // Part of the users have no Box account to sign in with.
            ("users", "mixed") if method == "oauth2" => {
                Some("OAuth 2.0 needs users with Box accounts".into())
            }
            _ => None,
        }
    }
}

struct Violations {
    count: usize,
    shown: Vec<String>,
}

impl Violations {
    fn add(&mut self, what: String) {
        self.count += 1;
        if self.shown.len() < 30 {
            self.shown.push(what);
        }
    }
}

fn describe(ds: &Dataset, a: &Answers) -> String {
    let pairs: Vec<String> = a
        .to_ids(ds)
        .iter()
        .map(|(q, o)| format!("{q}={o}"))
        .collect();
    pairs.join(" ")
}

/// Checks `method` against every stated need of `answers` except those `exempt` says no
/// longer hold, and against the support of the application type `answers_in_effect` name.
#[allow(clippy::too_many_arguments)]
fn check_method(
    guide: &Guide,
    ds: &Dataset,
    stated: &Answers,
    in_effect: &Answers,
    method: &str,
    exempt: &dyn Fn(&str) -> bool,
    what: &str,
    out: &mut Violations,
) {
    let pairs = stated.to_ids(ds);
    for &(q, o) in &pairs {
        if exempt(q) {
            continue;
        }
        if let Some(why) = guide.breaks(q, o, method) {
            out.add(format!(
                "[{}] {} — {what}: {method} breaks {q}={o} ({why})",
                guide.edition,
                describe(ds, stated)
            ));
        }
    }
    for j in guide.joint {
        let holds = j
            .answers
            .iter()
            .all(|&(q, o)| !exempt(q) && pairs.contains(&(q, o)));
        if holds && j.methods.contains(&method) {
            out.add(format!(
                "[{}] {} — {what}: {method} breaks {:?} ({})",
                guide.edition,
                describe(ds, stated),
                j.answers,
                j.why
            ));
        }
    }
    let app_type = in_effect
        .to_ids(ds)
        .into_iter()
        .find(|(q, _)| *q == "app-type")
        .map(|(_, o)| o);
    if let Some(t) = app_type
        && !guide.supports(t, method)
    {
        out.add(format!(
            "[{}] {} — {what}: {method} is not supported by {t}",
            guide.edition,
            describe(ds, stated)
        ));
    }
}

fn check_path(guide: &Guide, ds: &Dataset, a: &Answers, out: &mut Violations) {
    let v: Verdict = engine::decide(ds, a);
    let id = |c: usize| ds.candidates[c].id.as_str();
    if let Some(p) = v.eval.pick {
        check_method(guide, ds, a, a, id(p), &|_| false, "recommendation", out);
    }
    for w in &v.what_if {
        let changed_q = ds.questions[w.question].id.as_str();
        let dropped: Vec<&str> = w
            .drops
            .iter()
            .map(|&q| ds.questions[q].id.as_str())
            .collect();
        let exempt = |q: &str| q == changed_q || (!FACTS.contains(&q) && dropped.contains(&q));
        let changed = a.with(w.question, Some(w.to));
        if let Some(p) = w.pick {
            let what = format!(
                "what-if {changed_q}={}",
                ds.questions[w.question].options[w.to].id
            );
            check_method(guide, ds, a, &changed, id(p), &exempt, &what, out);
        }
    }
    if let Some(c) = &v.conflict {
        for r in &c.relaxations {
            let changed_q = ds.questions[r.question].id.as_str();
            let dropped: Vec<&str> = r
                .drops
                .iter()
                .map(|&q| ds.questions[q].id.as_str())
                .collect();
            let exempt = |q: &str| q == changed_q || (!FACTS.contains(&q) && dropped.contains(&q));
            let changed = a.with(r.question, r.to);
            let to = r.to.map_or("(dropped)", |o| {
                ds.questions[r.question].options[o].id.as_str()
            });
            for &f in &r.fits {
                let what = format!("relaxation {changed_q}={to}");
                check_method(guide, ds, a, &changed, id(f), &exempt, &what, out);
            }
        }
    }
}

fn oracle(guide: &Guide) -> (usize, Violations) {
    let ds = authwiz::dataset::resolve(guide.edition).expect("bundled edition loads");
    let mut out = Violations {
        count: 0,
        shown: Vec::new(),
    };
    let mut paths = 0;
    authwiz::analysis::walk(&ds, &mut |a, complete| {
        if complete {
            paths += 1;
            check_path(guide, &ds, a, &mut out);
        }
        true
    });
    (paths, out)
}

fn assert_no_violations(guide: &Guide) {
    let (paths, v) = oracle(guide);
    assert!(
        paths > 100,
        "{}: only {paths} complete paths",
        guide.edition
    );
    assert!(
        v.count == 0,
        "{} violation(s) over {paths} complete paths of {}; the first ones:\n{}",
        v.count,
        guide.edition,
        v.shown.join("\n")
    );
}

#[test]
fn box_2019_advice_respects_every_stated_need() {
    assert_no_violations(&GUIDE_2019);
}

#[test]
fn box_current_advice_respects_every_stated_need() {
    assert_no_violations(&GUIDE_CURRENT);
}

/// The oracle itself can fail: a recommendation that breaks a need is caught.
#[test]
fn the_oracle_catches_a_broken_need() {
    let ds = authwiz::dataset::resolve("box-2019").expect("loads");
    let mut a = Answers::for_dataset(&ds);
    let pairs = [
        "app-type=custom-app".to_owned(),
        "admin-approval=cannot-obtain".to_owned(),
    ];
    authwiz::dataset::answers::parse_pairs(&ds, &pairs, &mut a).unwrap();
    let mut out = Violations {
        count: 0,
        shown: Vec::new(),
    };
    check_method(
        &GUIDE_2019,
        &ds,
        &a,
        &a,
        "jwt",
        &|_| false,
        "deliberate",
        &mut out,
    );
    assert_eq!(out.count, 1, "{:?}", out.shown);
}

/// A need made of two answers is caught too, and only when both are stated.
#[test]
fn the_oracle_catches_a_broken_joint_need() {
    let ds = authwiz::dataset::resolve("box-current").expect("loads");
    let violations = |pairs: &[&str]| {
        let mut a = Answers::for_dataset(&ds);
        let pairs: Vec<String> = pairs.iter().map(|p| (*p).to_owned()).collect();
        authwiz::dataset::answers::parse_pairs(&ds, &pairs, &mut a).unwrap();
        let mut out = Violations {
            count: 0,
            shown: Vec::new(),
        };
        check_method(
            &GUIDE_CURRENT,
            &ds,
            &a,
            &a,
            "oauth2",
            &|_| false,
            "deliberate",
            &mut out,
        );
        out.count
    };
    let both = [
        "app-type=platform-app",
        "admin-approval=cannot-obtain",
        "enterprise-settings=admin-needed",
    ];
    assert_eq!(violations(&both), 1);
    assert_eq!(violations(&both[..2]), 0);
}
