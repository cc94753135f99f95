//! The JSON Schema of the dataset format (`authwiz schema`), generated from the very types
//! the loader reads (`dataset::raw`), so that it cannot drift from what loads. Editors with
//! a TOML language server (taplo, Even Better TOML) use it to check and complete a dataset
//! as it is typed; data/README.md says how to hook it up.
//!
//! The shapes serde cannot describe by itself (a text, a condition, a support cell, an id)
//! have their schema written here, next to the rules the loader checks for them. The
//! schema checks shapes and the simple limits; meaning (ids that resolve, conditions that
//! can hold) is `authwiz check`'s.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::Value;

use crate::dataset::load::{MAX_ID_CHARS, MAX_TEXT_CHARS, MAX_WEIGHT};
use crate::dataset::raw::{OneOrManyValues, RawCondition, RawDataset, SupportCell, Text};

/// The schema of a dataset file, draft-07 (what taplo's validator reads).
pub fn dataset_schema() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<RawDataset>();
    schema.insert("title".into(), "authwiz dataset".into());
    schema.insert(
        "description".into(),
        "A decision for authwiz: candidates, the questions that choose between them, and the rules and matrices behind the choice (data/README.md documents every key)."
            .into(),
    );
    let mut value = schema.to_value();
    without_null(&mut value);
    value
}

/// TOML has no null: an optional key is one left out. Drops the `null` that optional
/// fields allow (`"type": ["string", "null"]`, `"anyOf": [{...}, {"type": "null"}]`).
fn without_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get("anyOf") {
                let null = serde_json::json!({ "type": "null" });
                let rest: Vec<Value> = any.iter().filter(|s| **s != null).cloned().collect();
                if rest.len() == 1 && rest.len() < any.len() {
                    map.remove("anyOf");
                    if let Value::Object(only) = &rest[0] {
                        for (k, x) in only {
                            map.entry(k.clone()).or_insert_with(|| x.clone());
                        }
                    }
                }
            }
            for x in map.values_mut() {
                without_null(x);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// `schema = 1`: the only version.
pub struct SchemaVersion;

impl JsonSchema for SchemaVersion {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": 1, "description": "Version of the format: 1." })
    }
}

/// An id: what `authwiz check` accepts.
pub struct IdName;

impl JsonSchema for IdName {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^[a-z0-9][a-z0-9-]{{0,{}}}$", MAX_ID_CHARS - 1),
            "description": "An id: lowercase letters, digits and hyphens, not starting with a hyphen."
        })
    }
}

/// A vocabulary key: an id that may also hold underscores.
pub struct JsonKeyName;

impl JsonSchema for JsonKeyName {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "JsonKey".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^[a-z0-9][a-z0-9_-]{{0,{}}}$", MAX_ID_CHARS - 1)
        })
    }
}

/// The points of a `score` entry.
pub struct Weight;

impl JsonSchema for Weight {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Weight".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": -MAX_WEIGHT,
            "maximum": MAX_WEIGHT
        })
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "maxLength": MAX_TEXT_CHARS
        })
    }
}

impl JsonSchema for SupportCell {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "SupportCell".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true (available), false (ruled out in this context) or \"depends\" (available in some cases: write a cell note)",
            "anyOf": [{ "type": "boolean" }, { "const": "depends" }]
        })
    }
}

impl JsonSchema for OneOrManyValues {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "AllowedValues".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let value = json_schema!({ "enum": ["yes", "no", "depends"] });
        json_schema!({
            "anyOf": [value, { "type": "array", "items": value, "minItems": 1 }]
        })
    }
}

/// What one question of a condition must be: an option, a list of options, or `not`.
fn test_schema() -> Value {
    let options = serde_json::json!({
        "anyOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" }, "minItems": 1 }
        ]
    });
    serde_json::json!({
        "anyOf": [
            options,
            {
                "type": "object",
                "properties": { "not": options },
                "required": ["not"],
                "additionalProperties": false
            }
        ]
    })
}

impl JsonSchema for RawCondition {
    fn schema_name() -> Cow<'static, str> {
        "Condition".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let this = generator.subschema_for::<RawCondition>();
        let test = test_schema();
        json_schema!({
            "type": "object",
            "description": "question-id = \"option\", [\"option\", ...] or { not = ... }, all holding; `any` = [ { ... }, { ... } ]: one of these conditions holding as well",
            "properties": {
                "any": {
                    "anyOf": [
                        { "type": "array", "items": this, "minItems": 1 },
                        test
                    ]
                }
            },
            "additionalProperties": test
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_of_the_schema_refuses_unknown_keys() {
        let schema = dataset_schema();
        let definitions = schema["definitions"].as_object().expect("definitions");
        for (name, def) in definitions {
            if def["type"] == "object" && def.get("properties").is_some() && name != "Condition" {
                assert_eq!(
                    def["additionalProperties"],
                    Value::Bool(false),
                    "{name} accepts unknown keys"
                );
            }
        }
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
    }
}
