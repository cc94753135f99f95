//! The seed's two tables (tests/fixtures/seed-tables.md, copied verbatim from Box's 2019
//! guide) checked cell for cell against what `authwiz matrix` and `authwiz compare` print for
//! the `box-2019` edition: as JSON, as text and as Markdown.

mod common;

use std::process::Command;

use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/seed-tables.md");

/// One Markdown table: header cells and rows of cells, trimmed.
#[derive(Debug)]
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

fn is_rule(line: &str) -> bool {
    cells(line)
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
}

/// Every pipe table in a Markdown text, in order.
fn markdown_tables(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim_start().starts_with('|') {
            block.push(line);
            continue;
        }
        if !block.is_empty() {
            assert!(
                block.len() >= 2,
                "a table needs a header and a rule: {block:?}"
            );
            assert!(
                is_rule(block[1]),
                "second line of a table is not a rule: {block:?}"
            );
            tables.push(Table {
                header: cells(block[0]),
                rows: block[2..].iter().map(|l| cells(l)).collect(),
            });
            block.clear();
        }
    }
    tables
}

/// The seed's column heading of a method → its id.
fn method_id(heading: &str) -> &'static str {
    let h = heading
        .trim_start_matches("Supports ")
        .trim_end_matches('?');
    match h {
        "OAuth 2.0" => "oauth2",
        "JWT" => "jwt",
        "App Token" | "App Tokens" => "app-token",
        "Developer Token" => "developer-token",
        other => panic!("unexpected method heading {other:?} in the fixture"),
    }
}

/// The seed's row name of an application type → its id.
fn app_type_id(name: &str) -> &'static str {
    match name {
        "Custom App" => "custom-app",
        "Enterprise Integration" => "enterprise-integration",
        "Partner Integration" => "partner-integration",
        "Custom Skill" => "custom-skill",
        other => panic!("unexpected application type {other:?} in the fixture"),
    }
}

fn yes_no(cell: &str) -> bool {
    match cell {
        "Yes" => true,
        "No" => false,
        other => panic!("cell {other:?} is neither Yes nor No"),
    }
}

/// The seed's support matrix: (app type name, app type id, [(method id, supported)]).
type SupportRow = (String, &'static str, Vec<(&'static str, bool)>);
/// The seed's comparison: (criterion label, [(method id, "yes"|"no")]).
type CompareRow = (String, Vec<(&'static str, &'static str)>);

fn seed() -> (Vec<SupportRow>, Vec<CompareRow>) {
    let tables = markdown_tables(FIXTURE);
    assert_eq!(
        tables.len(),
        2,
        "the fixture holds exactly the seed's two tables"
    );
    let (support, compare) = (&tables[0], &tables[1]);
    assert_eq!(support.header[0], "Box Application Type");
    let methods: Vec<&str> = support.header[1..].iter().map(|h| method_id(h)).collect();
    let support_rows = support
        .rows
        .iter()
        .map(|r| {
            assert_eq!(r.len(), methods.len() + 1, "row {r:?}");
            let values = methods
                .iter()
                .zip(&r[1..])
                .map(|(&m, c)| (m, yes_no(c)))
                .collect();
            (r[0].clone(), app_type_id(&r[0]), values)
        })
        .collect::<Vec<_>>();
    assert_eq!(compare.header[0], "");
    let methods: Vec<&str> = compare.header[1..].iter().map(|h| method_id(h)).collect();
    let compare_rows = compare
        .rows
        .iter()
        .map(|r| {
            assert_eq!(r.len(), methods.len() + 1, "row {r:?}");
            let values = methods
                .iter()
                .zip(&r[1..])
                .map(|(&m, c)| (m, if yes_no(c) { "yes" } else { "no" }))
                .collect();
            (r[0].clone(), values)
        })
        .collect::<Vec<_>>();
    (support_rows, compare_rows)
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .env("XDG_STATE_HOME", common::state_dir())
        .args(args)
        .output()
        .expect("run authwiz");
    assert!(
        out.status.success(),
        "authwiz {args:?} failed with {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn run_json(args: &[&str]) -> Value {
    let text = run(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("authwiz {args:?}: bad JSON: {e}"))
}

/// A cell as the text and Markdown tables print it, without the "has a note" mark.
fn unmarked(cell: &str) -> &str {
    cell.trim().trim_end_matches('*')
}

/// Splits a row of the plain-text table: columns are separated by two or more spaces.
fn text_cells(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a list, got {v}"))
        .iter()
        .map(|x| x["id"].as_str().expect("id").to_owned())
        .collect()
}

fn name_of(list: &Value, id: &str) -> String {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {list}"))["name"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn fixture_is_the_seed_verbatim_when_the_seed_is_at_hand() {
    // The seed lives outside the repository; in CI only the fixture is there.
    let Ok(seed) = std::fs::read_to_string("/work/shared/seed/select-auth-method.md") else {
        return;
    };
    let table_lines = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with('|'))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(table_lines(FIXTURE), table_lines(&seed));
}

#[test]
fn fixture_parses_into_the_seed_shape() {
    let (support, compare) = seed();
    assert_eq!(support.len(), 4);
    assert_eq!(compare.len(), 6);
    assert!(support.iter().all(|r| r.2.len() == 4));
    assert!(compare.iter().all(|r| r.1.len() == 4));
}

#[test]
fn matrix_json_matches_the_seed_cell_for_cell() {
    let (support, _) = seed();
    let m = run_json(&["matrix", "--format", "json", "--data", "box-2019"]);
    assert_eq!(m["dataset"], "box-2019");
    let app_types: Vec<String> = support.iter().map(|r| r.1.to_owned()).collect();
    assert_eq!(
        ids(&m["app_types"]),
        app_types,
        "app types, in the seed's order"
    );
    let methods: Vec<String> = support[0].2.iter().map(|c| c.0.to_owned()).collect();
    assert_eq!(ids(&m["methods"]), methods, "methods, in the seed's order");
    let mut cells = 0;
    for (name, id, row) in &support {
        assert_eq!(&name_of(&m["app_types"], id), name, "name of app type {id}");
        let got = m["support"][*id]
            .as_object()
            .unwrap_or_else(|| panic!("no support row for {id}"));
        assert_eq!(
            got.len(),
            row.len(),
            "support row {id} has one cell per method"
        );
        for (method, want) in row {
            assert_eq!(
                got.get(*method).and_then(Value::as_bool),
                Some(*want),
                "support[{id}][{method}]"
            );
            cells += 1;
        }
    }
    assert_eq!(cells, 16);
    assert_eq!(m["support"].as_object().unwrap().len(), 4);
}

#[test]
fn compare_json_matches_the_seed_cell_for_cell() {
    let (_, compare) = seed();
    let c = run_json(&["compare", "--format", "json", "--data", "box-2019"]);
    assert_eq!(c["dataset"], "box-2019");
    let methods: Vec<String> = compare[0].1.iter().map(|c| c.0.to_owned()).collect();
    assert_eq!(ids(&c["methods"]), methods);
    let criteria = c["criteria"].as_array().expect("criteria");
    let labels: Vec<&str> = criteria
        .iter()
        .map(|k| k["label"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = compare.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(labels, want, "criteria labels, in the seed's order");
    let want_ids = [
        "user-involvement",
        "admin-approval",
        "act-as-users",
        "users-see-box",
        "create-app-users",
        "production",
    ];
    let got_ids: Vec<&str> = criteria.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(got_ids, want_ids);
    let mut cells = 0;
    for ((label, row), k) in compare.iter().zip(criteria) {
        let values = k["values"].as_object().expect("values");
        assert_eq!(values.len(), row.len(), "{label}: one value per method");
        for (method, want) in row {
            assert_eq!(
                values.get(*method).and_then(Value::as_str),
                Some(*want),
                "{label} × {method}"
            );
            cells += 1;
        }
    }
    assert_eq!(cells, 24);
}

#[test]
fn matrix_text_shows_the_same_yes_and_no() {
    let (support, _) = seed();
    let m = run_json(&["matrix", "--format", "json", "--data", "box-2019"]);
    let text = run(&["matrix", "--data", "box-2019"]);
    let lines: Vec<&str> = text.lines().collect();
    let names: Vec<String> = support[0]
        .2
        .iter()
        .map(|c| name_of(&m["methods"], c.0))
        .collect();
    let header_ix = lines
        .iter()
        .position(|l| names.iter().all(|n| l.contains(n.as_str())))
        .unwrap_or_else(|| panic!("no header naming every method in:\n{text}"));
    let header = text_cells(lines[header_ix]);
    assert_eq!(
        &header[header.len() - 4..],
        &names[..],
        "method columns in order"
    );
    for (name, id, row) in &support {
        let line = lines
            .iter()
            .skip(header_ix + 1)
            .find(|l| text_cells(l).first() == Some(name))
            .unwrap_or_else(|| panic!("no row for {name} ({id}) in:\n{text}"));
        let cells = text_cells(line);
        let got: Vec<&str> = cells[1..].iter().map(|c| unmarked(c)).collect();
        let want: Vec<&str> = row.iter().map(|c| if c.1 { "Yes" } else { "No" }).collect();
        assert_eq!(got, want, "text row {name}");
    }
}

#[test]
fn compare_text_shows_the_same_yes_and_no() {
    let (_, compare) = seed();
    let c = run_json(&["compare", "--format", "json", "--data", "box-2019"]);
    let text = run(&["compare", "--data", "box-2019"]);
    let names: Vec<String> = compare[0]
        .1
        .iter()
        .map(|x| name_of(&c["methods"], x.0))
        .collect();
    let header = text
        .lines()
        .find(|l| names.iter().all(|n| l.contains(n.as_str())))
        .unwrap_or_else(|| panic!("no header naming every method in:\n{text}"));
    assert_eq!(text_cells(header), names, "method columns in order");
    for (label, row) in &compare {
        let line = text
            .lines()
            .find(|l| l.contains(label.as_str()))
            .unwrap_or_else(|| panic!("no row {label:?} in:\n{text}"));
        let cells = text_cells(line);
        let at = cells.iter().position(|c| c == label).expect("label cell");
        let got: Vec<&str> = cells[at + 1..].iter().map(|c| unmarked(c)).collect();
        let want: Vec<&str> = row
            .iter()
            .map(|c| if c.1 == "yes" { "Yes" } else { "No" })
            .collect();
        assert_eq!(got, want, "text row {label}");
    }
}

#[test]
fn markdown_tables_show_the_same_yes_and_no() {
    let (support, compare) = seed();
    let m = markdown_tables(&run(&[
        "matrix", "--format", "markdown", "--data", "box-2019",
    ]));
    assert_eq!(m.len(), 1);
    for (name, _, row) in &support {
        let r = m[0]
            .rows
            .iter()
            .find(|r| &r[0] == name)
            .unwrap_or_else(|| panic!("no Markdown row {name}"));
        let got: Vec<bool> = r[1..].iter().map(|c| yes_no(unmarked(c))).collect();
        let want: Vec<bool> = row.iter().map(|c| c.1).collect();
        assert_eq!(got, want, "Markdown matrix row {name}");
    }
    // The guide's table comes first; the rows described in words follow in a table of
    // their own.
    let c = markdown_tables(&run(&[
        "compare", "--format", "markdown", "--data", "box-2019",
    ]));
    assert_eq!(c.len(), 2);
    for (label, row) in &compare {
        let r = c[0]
            .rows
            .iter()
            .find(|r| r.contains(label))
            .unwrap_or_else(|| panic!("no Markdown row {label}"));
        let at = r.iter().position(|x| x == label).unwrap();
        let got: Vec<&str> = r[at + 1..].iter().map(|c| unmarked(c)).collect();
        let want: Vec<&str> = row
            .iter()
            .map(|c| if c.1 == "yes" { "Yes" } else { "No" })
            .collect();
        assert_eq!(got, want, "Markdown compare row {label}");
    }
}
