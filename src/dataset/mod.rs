//! Datasets: reading, validating and resolving `--data NAME|PATH`.

pub mod answers;
pub mod derived;
pub mod diagnostic;
pub mod former;
pub mod input;
pub mod load;
pub mod model;
pub mod preface;
pub mod raw;
pub mod unknown;

use std::path::Path;

pub use answers::Answers;
pub use diagnostic::{Diagnostic, InputError};
pub use load::load_str;
pub use model::*;

use crate::bundled;

/// Loads a bundled edition by name, or else a dataset file at that path.
pub fn resolve(name_or_path: &str) -> Result<Dataset, InputError> {
    match bundled::find(name_or_path) {
        Some(b) => load_bundled(b),
        None => load_path(Path::new(name_or_path)),
    }
}

/// Loads the default bundled edition.
pub fn load_default() -> Result<Dataset, InputError> {
    load_bundled(bundled::default_dataset())
}

/// Loads a bundled edition; the one way a dataset gets a bundled origin.
pub fn load_bundled(b: &'static bundled::Bundled) -> Result<Dataset, InputError> {
    let mut ds = load_str(b.file, b.text)?;
    ds.origin = Origin::Bundled {
        name: b.name,
        file: b.file,
    };
    Ok(ds)
}

/// Loads and validates the dataset file at `path`.
pub fn load_path(path: &Path) -> Result<Dataset, InputError> {
    let file = path.display().to_string();
    let text = input::read_text(path).map_err(|mut e| {
        if let Some(d) = e.diagnostics.first_mut()
            && d.kind == diagnostic::Kind::NoSuchFile
            && !name_or_path_looks_like_file(&file)
        {
            let names: Vec<&str> = bundled::BUNDLED.iter().map(|b| b.name).collect();
            d.message = "is neither a bundled dataset nor an existing file".into();
            d.expected = Some(format!(
                "a path to a TOML file, or one of {}",
                diagnostic::list_ids(names.iter().copied())
            ));
            d.hint = diagnostic::did_you_mean(&file, names.iter().copied());
        }
        e
    })?;
    load_str(&file, &text)
}

fn name_or_path_looks_like_file(s: &str) -> bool {
    s.contains('/') || s.contains('.')
}
