//! The bundled editions of the Box authorization knowledge, and the one place in `src/`
//! allowed to name that domain: the engine and every face stay domain-free.

/// A dataset compiled into the binary.
pub struct Bundled {
    /// Name accepted by `--data`.
    pub name: &'static str,
    /// File name under `data/`, for messages.
    pub file: &'static str,
    pub text: &'static str,
}

/// The bundled editions; the first is the default.
pub const BUNDLED: &[Bundled] = &[
    Bundled {
        name: "box-2019",
        file: "data/box-2019.toml",
        text: include_str!("../data/box-2019.toml"),
    },
    Bundled {
        name: "box-current",
        file: "data/box-current.toml",
        text: include_str!("../data/box-current.toml"),
    },
];

/// Alias of the command line's `--context` flag, in this domain's words.
pub const CONTEXT_FLAG_ALIAS: &str = "app-type";

/// The bundled dataset called `name`, if any.
pub fn find(name: &str) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.name == name)
}

/// The default edition.
pub fn default_dataset() -> &'static Bundled {
    &BUNDLED[0]
}
