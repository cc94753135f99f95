//! Answers saved as a person goes, so that a session ended any way (a closed terminal, a
//! crash, SIGKILL) resumes where it stopped: one file per dataset under the platform's
//! state directory (`$XDG_STATE_HOME/authwiz` on Linux, else `~/.local/state/authwiz`),
//! written atomically after every answer, in the same format as `--answers` files. The
//! next start offers to resume them; `--fresh` ignores (and replaces) them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::dataset::answers::{read_answers_file, resolve_answers_file};
use crate::dataset::{Answers, Dataset};
use crate::files;

/// Where the answers for one dataset are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedAnswers {
    path: PathBuf,
}

/// Answers found saved for a dataset.
#[derive(Debug, Clone)]
pub struct Resumable {
    pub answers: Answers,
    /// How many answers.
    pub count: usize,
    /// When they were saved last.
    pub saved: Option<SystemTime>,
}

/// The directory the saved answers live in, if the platform has one.
fn state_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "authwiz")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// A file name for the dataset: a bundled edition by its name; a file by its name and a
/// hash of its full path (two `decision.toml` in two projects are two datasets).
pub(crate) fn file_name(ds: &Dataset) -> String {
    match ds.origin.bundled_name() {
        Some(name) => format!("{name}.toml"),
        None => {
            let origin = ds.origin.to_string();
            let path = std::fs::canonicalize(&origin).unwrap_or_else(|_| PathBuf::from(&origin));
            let stem: String = Path::new(&origin)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(40)
                .collect();
            format!(
                "file-{stem}-{:016x}.toml",
                fnv1a(path.to_string_lossy().as_bytes())
            )
        }
    }
}

/// FNV-1a, 64 bits: a stable hash for file names (the standard library's is randomised).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl SavedAnswers {
    /// Where the answers for `ds` are kept; `None` when the platform has no state
    /// directory (then nothing is saved).
    pub fn for_dataset(ds: &Dataset) -> Option<Self> {
        Some(Self {
            path: state_dir()?.join(file_name(ds)),
        })
    }

    /// Where the answers for the bundled edition `name` are kept (known without parsing
    /// the edition, for the welcome screen).
    pub fn for_bundled(name: &str) -> Option<Self> {
        Some(Self {
            path: state_dir()?.join(format!("{name}.toml")),
        })
    }

    /// Whether answers are saved here, and when they were saved last; read without a
    /// dataset (the welcome screen has not parsed one yet).
    pub fn peek(&self) -> Option<(usize, Option<SystemTime>)> {
        let (_, _, raw) = read_answers_file(&self.path).ok()?;
        let count = raw.answers.len();
        (count > 0).then(|| {
            let when = std::fs::metadata(&self.path)
                .and_then(|m| m.modified())
                .ok();
            (count, when)
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The answers saved for `ds`, if there are any and they still fit the dataset (a file
    /// from an older edition that no longer resolves is left alone, not resumed).
    pub fn load(&self, ds: &Dataset) -> Option<Resumable> {
        let (file, text, raw) = read_answers_file(&self.path).ok()?;
        let mut answers = Answers::for_dataset(ds);
        resolve_answers_file(ds, &file, &text, &raw, &mut answers).ok()?;
        let count = answers.answered().count();
        (count > 0).then(|| Resumable {
            answers,
            count,
            saved: std::fs::metadata(&self.path)
                .and_then(|m| m.modified())
                .ok(),
        })
    }

    /// Saves `answers` (atomically: the old file stays whole until the new one replaces it).
    pub fn save(&self, ds: &Dataset, answers: &Answers) -> anyhow::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        files::write_file(&self.path, &answers.to_toml(ds), true)
    }

    /// Forgets the saved answers (starting afresh).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// "5 minutes ago", "3 days ago": how long ago `then` was, in a person's words.
pub fn ago(then: SystemTime) -> String {
    let secs = SystemTime::now()
        .duration_since(then)
        .map_or(0, |d| d.as_secs());
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_stable_and_safe() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(b"/a/decision.toml"), fnv1a(b"/b/decision.toml"));
        // A bundled edition's file is named after it (checked for the real names beside
        // them, in `bundled`).
        let b = crate::bundled::default_dataset();
        let ds = crate::dataset::load_bundled(b).unwrap();
        assert_eq!(file_name(&ds), format!("{}.toml", b.name));
    }

    #[test]
    fn ages_read_as_words() {
        let now = SystemTime::now();
        assert_eq!(ago(now), "just now");
        let h = now - std::time::Duration::from_secs(7200);
        assert_eq!(ago(h), "2 hours ago");
    }
}
