//! authwiz: a domain-free decision engine over a TOML capability matrix, with a
//! command line and a terminal wizard in front of it.

pub mod analysis;
pub mod bundled;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod dataset;
pub mod engine;
pub mod exit;
pub mod files;
pub mod fit;
pub mod floods;
pub mod help;
pub mod input_line;
pub mod limits;
pub mod manpage;
pub mod plain;
pub mod report;
pub mod sanitize;
pub mod saved;
pub mod scenarios;
pub mod schema;
pub mod signals;
pub mod strings;
pub mod synth;
pub mod tui;
pub mod wizard;
