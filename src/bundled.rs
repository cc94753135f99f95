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
    /// When to choose this edition, for the welcome screen: who it is for, in a few words.
    pub pick_when: &'static str,
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
        pick_when: "maintaining an app made before 2020 (a Custom App, an Enterprise or Partner Integration)",
        text: include_str!("../data/box-2019.toml"),
    },
    Bundled {
        name: "box-current",
        file: "data/box-current.toml",
        edition: "current: Platform App, Limited Access App and Custom Skill; OAuth 2.0, JWT, Client Credentials Grant and App Token (guide at commit eee1aa64, 2026-02-16)",
        pick_when: "a new app today (a Platform App or a Limited Access App)",
        text: include_str!("../data/box-current.toml"),
    },
];

/// Hidden alias of the command line's `--context` flag, in this domain's words: accepted
/// (`compare --app-type custom-app`), never shown in the help, which is the same for every
/// dataset.
pub const CONTEXT_FLAG_ALIAS: &str = "app-type";

/// The words of the command line's help, which is built before any dataset is read: the
/// default edition's `[dataset.vocabulary]` (a test keeps the two equal), so that the help
/// speaks of authorization methods rather than of candidates.
pub const HELP_WORDS: HelpWords = HelpWords {
    candidate: "authorization method",
    candidates: "authorization methods",
    context: "application type",
    contexts: "application types",
};

/// The vocabulary words the command line's help uses.
#[derive(Debug, Clone, Copy)]
pub struct HelpWords {
    pub candidate: &'static str,
    pub candidates: &'static str,
    pub context: &'static str,
    pub contexts: &'static str,
}

/// What authwiz does, in a line: `authwiz -h`, and the manual page's NAME.
pub const SUMMARY: &str =
    "choose a Box Platform authorization method, and compare the methods side by side";

/// The first sentence of `authwiz --help`: what authwiz is for.
pub const PURPOSE: &str = "authwiz helps you choose a Box Platform authorization method (OAuth 2.0, \
    JWT, Client Credentials Grant, App Token, Developer Token) and compare them side by side: \
    answer a few questions, get a recommendation that says why it fits, why not the others and \
    what would change it.";

/// The example under it: arguments after `authwiz` (a test runs it).
pub const EXAMPLE: &str =
    "recommend -a app-type=custom-app -a purpose=production -a users=box-users";

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
    fn help_words_are_the_default_editions_vocabulary() {
        let ds = crate::dataset::load_default().unwrap();
        let v = &ds.vocabulary;
        assert_eq!(HELP_WORDS.candidate, v.candidate);
        assert_eq!(HELP_WORDS.candidates, v.candidates);
        assert_eq!(HELP_WORDS.context, v.context);
        assert_eq!(HELP_WORDS.contexts, v.contexts);
    }

    /// Saved answers of a bundled edition keep their file name from release to release.
    #[test]
    fn saved_answers_are_named_after_the_edition() {
        for (name, file) in [
            ("box-2019", "box-2019.toml"),
            ("box-current", "box-current.toml"),
        ] {
            let ds = crate::dataset::resolve(name).unwrap();
            assert_eq!(crate::saved::file_name(&ds), file);
        }
    }

    #[test]
    fn edition_lines_match_the_datasets() {
        for b in BUNDLED {
            let ds = crate::dataset::load_str(b.file, b.text).unwrap();
            assert_eq!(b.edition, ds.edition, "{}", b.name);
        }
    }
}
