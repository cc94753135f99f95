//! `authwiz schema`: the JSON Schema an editor checks a dataset with. It must accept every
//! dataset that loads (the bundled editions, the fixtures), refuse the shapes the loader
//! refuses (an unknown key, a wrong type, a misspelt `not`), and the copy committed beside
//! the bundled editions (data/authwiz.schema.json, which their `#:schema` line names) must be
//! what the command prints.
//!
//! The schema is checked here by a small validator of the draft-07 keywords it uses, so the
//! test needs no JSON Schema library; `pattern` is left to the loader (ids are checked there).

use std::process::Command;

use serde_json::Value;

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn schema() -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

/// A TOML file as the JSON a schema validator sees.
fn as_json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", root())).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(value).unwrap()
}

/// The problems of `v` against `schema` (a subschema of `root`), with their JSON paths.
fn validate(root: &Value, schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let Some(s) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: not allowed"));
        }
        return;
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        validate(root, &root["definitions"][name], v, path, out);
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = |t: &str| match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            out.push(format!("{path}: not of type {types:?}: {v}"));
            return;
        }
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        out.push(format!("{path}: not {c}: {v}"));
    }
    if let Some(Value::Array(e)) = s.get("enum")
        && !e.contains(v)
    {
        out.push(format!("{path}: not one of {e:?}: {v}"));
    }
    if let (Some(max), Some(text)) = (s.get("maxLength").and_then(Value::as_u64), v.as_str())
        && text.chars().count() as u64 > max
    {
        out.push(format!("{path}: longer than {max}"));
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_i64), v.as_i64())
        && n < min
    {
        out.push(format!("{path}: below {min}"));
    }
    if let (Some(max), Some(n)) = (s.get("maximum").and_then(Value::as_i64), v.as_i64())
        && n > max
    {
        out.push(format!("{path}: above {max}"));
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = s.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            out.push(format!("{path}: fewer than {min} items"));
        }
        if let Some(each) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(root, each, x, &format!("{path}[{i}]"), out);
            }
        }
    }
    if let Some(map) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            for r in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    out.push(format!("{path}: missing `{r}`"));
                }
            }
        }
        for (k, x) in map {
            let sub = format!("{path}.{k}");
            match props.and_then(|p| p.get(k)) {
                Some(p) => validate(root, p, x, &sub, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{sub}: unknown key")),
                    Some(extra) => validate(root, extra, x, &sub, out),
                    None => {}
                },
            }
        }
    }
    for all in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(root, all, v, path, out);
    }
    let passes = |sub: &Value| {
        let mut problems = Vec::new();
        validate(root, sub, v, path, &mut problems);
        problems.is_empty()
    };
    if let Some(Value::Array(any)) = s.get("anyOf")
        && !any.iter().any(passes)
    {
        out.push(format!("{path}: fits none of anyOf: {v}"));
    }
    if let Some(Value::Array(one)) = s.get("oneOf")
        && one.iter().filter(|x| passes(x)).count() != 1
    {
        out.push(format!("{path}: does not fit exactly one of oneOf: {v}"));
    }
}

fn problems(schema: &Value, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    validate(schema, schema, &as_json(path), "", &mut out);
    out
}

#[test]
fn the_committed_copy_is_what_the_command_prints() {
    let committed = std::fs::read_to_string(format!("{}/data/authwiz.schema.json", root()))
        .expect("data/authwiz.schema.json");
    let printed = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_authwiz"))
            .arg("schema")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        committed == printed,
        "data/authwiz.schema.json is stale: run `authwiz schema > data/authwiz.schema.json`"
    );
    for edition in ["box-2019", "box-current"] {
        let text = std::fs::read_to_string(format!("{}/data/{edition}.toml", root())).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("#:schema ./authwiz.schema.json"),
            "{edition}: editors find the schema through the first line"
        );
    }
}

#[test]
fn every_dataset_that_loads_fits_the_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    for path in [
        "data/box-2019.toml",
        "data/box-current.toml",
        "tests/fixtures/choose-a-database.toml",
        "tests/fixtures/commute.toml",
        "tests/fixtures/choose-a-licence.toml",
        "tests/fixtures/plan-backups.toml",
    ] {
        let p = problems(&schema, path);
        assert!(p.is_empty(), "{path}:\n{}", p.join("\n"));
    }
}

#[test]
fn the_shapes_the_loader_refuses_do_not_fit() {
    let schema = schema();
    for (case, expected) in [
        ("unknown-key-candidate", "candidates[0].sumary: unknown key"),
        ("unknown-key-rule", "unknown key"),
        ("unknown-key-top-level", "unknown key"),
        (
            "type-support-string",
            "contexts[1].support.alpha: fits none of anyOf",
        ),
        ("type-cell-variant", "not one of"),
        ("type-score-float", "not of type"),
        ("weight-out-of-range", "above 100"),
        (
            "condition-not-misspelt",
            "rules[1].when.speed: fits none of anyOf",
        ),
        ("status-unknown", "candidates[1].status"),
        ("missing-field", "missing"),
        ("schema-version", "schema: not 1"),
    ] {
        let p = problems(&schema, &format!("tests/corpus/datasets/{case}.toml"));
        assert!(
            p.iter().any(|x| x.contains(expected)),
            "{case}: expected a problem containing {expected:?}, got {p:#?}"
        );
    }
}

/// The ```toml blocks of data/README.md.
fn readme_toml_blocks() -> Vec<String> {
    let text = std::fs::read_to_string(format!("{}/data/README.md", root())).unwrap();
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                out.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_documented_example_loads_and_its_documented_scenarios_pass() {
    let blocks = readme_toml_blocks();
    let example = blocks
        .iter()
        .find(|b| b.contains("id = \"pick-a-database\""))
        .expect("the example of section 1");
    let scenarios = blocks
        .iter()
        .find(|b| b.contains("[[scenario]]"))
        .expect("the scenario example of section 7");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pick-a-database.toml"), example).unwrap();
    std::fs::write(dir.path().join("scenarios.toml"), scenarios).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(["test", "scenarios.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn data_readme_documents_every_key_of_the_format() {
    let readme = std::fs::read_to_string(format!("{}/data/README.md", root())).unwrap();
    let schema = schema();
    let mut keys: Vec<String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for def in schema["definitions"].as_object().unwrap().values() {
        if let Some(props) = def["properties"].as_object() {
            keys.extend(props.keys().cloned());
        }
    }
    keys.extend(["not".to_owned(), "any".to_owned()]);
    let missing: Vec<&String> = keys
        .iter()
        // A key, or a table written with its header (`[[glossary]]`, `[dataset.vocabulary]`).
        .filter(|k| {
            !readme.contains(&format!("`{k}`"))
                && !readme.contains(&format!("[[{k}]]"))
                && !readme.contains(&format!(".{k}]"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "data/README.md does not document {missing:?}"
    );
}
