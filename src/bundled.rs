//! The bundled editions of the Box authorization knowledge, and the one place in `src/`
//! allowed to name that domain: the engine and every face stay domain-free.

/// A dataset compiled into the binary.
pub struct Bundled {
    /// Name accepted by `--data`.
    pub name: &'static str,
    /// File name under `data/`, for messages.
    pub file: &'static str,
    /// The dataset's `edition` line, so the wizard can list an edition without parsing it
    /// (parsing every edition would double its start-up time); a test keeps the two equal.
    pub edition: &'static str,
    pub text: &'static str,
}

impl std::fmt::Debug for Bundled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bundled")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The bundled editions; the first is the default.
pub const BUNDLED: &[Bundled] = &[
    Bundled {
        name: "box-2019",
        file: "data/box-2019.toml",
        edition: "2019-10-08: the original guide, with Custom App, Enterprise Integration, Partner Integration and Custom Skill",
        text: include_str!("../data/box-2019.toml"),
    },
    Bundled {
        name: "box-current",
        file: "data/box-current.toml",
        edition: "current: Platform App, Limited Access App and Custom Skill; OAuth 2.0, JWT, Client Credentials Grant and App Token (guide at commit eee1aa64, 2026-02-16)",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_lines_match_the_datasets() {
        for b in BUNDLED {
            let ds = crate::dataset::load_str(b.file, b.text).unwrap();
            assert_eq!(b.edition, ds.edition, "{}", b.name);
        }
    }
}
