//! Rendering: a `Verdict` or the dataset itself as text, JSON, Markdown or an ADR.
//!
//! A verdict is resolved into a [`Report`] (ids, names, sentences), laid out once into
//! typed sections ([`layout`]), and each face renders that layout: [`recommend`] as text
//! and Markdown, [`adr`] as a decision record, the wizard on screen. The comparison of
//! candidates is built once the same way ([`compare`]).

pub mod adr;
pub mod applies;
pub mod catalog;
pub mod compare;
pub mod condition;
mod json;
pub mod keys;
pub mod layout;
pub mod links;
pub mod model;
pub mod preview;
pub mod recommend;
pub mod table;
pub mod wrap;

pub use model::{Report, build};

use crate::sanitize;

/// Output formats of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, strum::Display, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Text,
    Json,
    Markdown,
    /// Architecture decision record (Markdown); `recommend` only.
    Adr,
}

/// Pretty JSON with every control character escaped.
pub fn json_string(v: &serde_json::Value) -> String {
    let s = serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    sanitize::json(s) + "\n"
}

/// Text for a terminal or a file: control characters from the data replaced.
pub fn terminal_text(s: &str) -> String {
    sanitize::text(s).into_owned()
}
