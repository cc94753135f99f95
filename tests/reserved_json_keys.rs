//! The loader refuses vocabulary keys equal to a fixed key of the JSON output
//! (`authwiz::report::keys::RESERVED`). This keeps that list complete: every JSON output is
//! run, and every fixed key at its top level, and beside a vocabulary key, must be listed.

use std::process::Command;

use authwiz::report::keys::RESERVED;
use serde_json::Value;

const DATA: &str = "tests/fixtures/choose-a-database.toml";
/// The fixture's vocabulary keys.
const CANDIDATE_KEY: &str = "database";
const CANDIDATES_KEY: &str = "databases";
const CONTEXTS_KEY: &str = "hosting_models";
/// The fixture leaves `context_key` at its default.
const CONTEXT_KEY: &str = "context";

fn json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .args(["--data", DATA, "--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// Asserts that every key of `object`, other than the vocabulary keys `own`, is reserved.
fn fixed_keys_are_reserved(what: &str, object: &Value, own: &[&str]) {
    let map = object
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object"));
    for key in map.keys() {
        assert!(
            own.contains(&key.as_str()) || RESERVED.contains(&key.as_str()),
            "{what}: the fixed key `{key}` is missing from report::keys::RESERVED"
        );
    }
}

/// The objects of a JSON list.
fn entries(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a list")
}

#[test]
fn every_fixed_key_beside_a_vocabulary_key_is_reserved() {
    // A recommendation with entries in `ranking` and `why_not`, and a conflict.
    for answers in [
        &[
            "-a",
            "hosting=vm",
            "-a",
            "state=stateful",
            "-a",
            "writers=one",
        ][..],
        &[
            "-a",
            "hosting=device",
            "-a",
            "state=stateful",
            "-a",
            "writers=many",
        ],
    ] {
        let mut args = vec!["recommend"];
        args.extend_from_slice(answers);
        let v = json(&args);
        fixed_keys_are_reserved("recommend", &v, &[]);
        for list in ["ranking", "why_not"] {
            assert!(!entries(&v[list]).is_empty(), "{list} is empty");
            for e in entries(&v[list]) {
                fixed_keys_are_reserved(list, e, &[CANDIDATE_KEY]);
                // Reasons name a context under `context_key`.
                for r in entries(&e["reasons"]) {
                    fixed_keys_are_reserved("a reason", r, &[CONTEXT_KEY]);
                }
            }
        }
        for r in entries(&v["why"]) {
            fixed_keys_are_reserved("a reason", r, &[CONTEXT_KEY]);
        }
    }
    let compare = json(&["compare", "--context", "vm"]);
    fixed_keys_are_reserved("compare", &compare, &[CANDIDATES_KEY]);
    fixed_keys_are_reserved("compare support", &compare["support"], &[CONTEXT_KEY]);
    let matrix = json(&["matrix"]);
    fixed_keys_are_reserved("matrix", &matrix, &[CANDIDATES_KEY, CONTEXTS_KEY]);
    assert!(!entries(&matrix["notes"]).is_empty(), "no matrix notes");
    for n in entries(&matrix["notes"]) {
        fixed_keys_are_reserved("a matrix note", n, &[CANDIDATE_KEY, CONTEXT_KEY]);
    }
    fixed_keys_are_reserved("check", &json(&["check"]), &[]);
    for e in entries(&json(&["questions"])) {
        fixed_keys_are_reserved("questions", e, &[]);
    }
    for e in entries(&json(&["datasets"])) {
        fixed_keys_are_reserved("datasets", e, &[]);
    }
}
