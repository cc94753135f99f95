//! A condition (`ask_if`, `when`) shown to people and to tools, as the dataset wrote it as
//! far as the model keeps it: `not` stays `not`, alternatives are listed with `any`.

use serde_json::{Map, Value};

use crate::dataset::{Condition, Dataset, Test};

/// The option ids a test names: those allowed, or for `not`, those refused.
fn named_options<'d>(ds: &'d Dataset, t: &Test) -> Vec<&'d str> {
    let named = if t.negated { !t.options } else { t.options };
    ds.questions[t.question]
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| named & (1 << i) != 0)
        .map(|(_, o)| o.id.as_str())
        .collect()
}

fn alternative_json(ds: &Dataset, alt: &[Test]) -> Value {
    let map: Map<String, Value> = alt
        .iter()
        .map(|t| {
            let options: Vec<Value> = named_options(ds, t).into_iter().map(Value::from).collect();
            let value = if t.negated {
                let mut not = Map::new();
                not.insert("not".into(), Value::Array(options));
                Value::Object(not)
            } else {
                Value::Array(options)
            };
            (ds.questions[t.question].id.clone(), value)
        })
        .collect();
    Value::Object(map)
}

/// `{ "question": ["option", ...], "other": { "not": [...] } }`, or with several
/// alternatives `{ "any": [ {...}, {...} ] }`; `{}` for "always".
pub fn json(ds: &Dataset, c: &Condition) -> Value {
    if c.alternative_count() == 1 {
        return c
            .alternatives()
            .next()
            .map_or(Value::Object(Map::new()), |alt| alternative_json(ds, alt));
    }
    let alternatives: Vec<Value> = c.alternatives().map(|a| alternative_json(ds, a)).collect();
    let mut map = Map::new();
    map.insert("any".into(), Value::Array(alternatives));
    Value::Object(map)
}

fn alternative_words(ds: &Dataset, alt: &[Test]) -> String {
    let parts: Vec<String> = alt
        .iter()
        .map(|t| {
            let options = named_options(ds, t);
            let id = &ds.questions[t.question].id;
            if t.negated {
                format!("{id} is not {}", options.join(" or "))
            } else {
                format!("{id} is {}", options.join(" or "))
            }
        })
        .collect();
    parts.join(" and ")
}

/// `size is small or medium and budget is low`; alternatives as
/// `(a is x and b is y) or c is z`; `None` for "always".
pub fn words(ds: &Dataset, c: &Condition) -> Option<String> {
    if c.is_always() {
        return None;
    }
    if c.alternative_count() == 1 {
        return c.alternatives().next().map(|a| alternative_words(ds, a));
    }
    let parts: Vec<String> = c
        .alternatives()
        .map(|alt| {
            let w = alternative_words(ds, alt);
            if alt.len() > 1 { format!("({w})") } else { w }
        })
        .collect();
    Some(parts.join(" or "))
}
