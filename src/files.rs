//! Writing user files safely: never over an existing file unless asked, and atomically
//! (a temporary file in the same directory, then a rename), so a failure leaves any old
//! file intact.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Writes `contents` to `path`. Without `overwrite`, an existing file is an error.
pub fn write_file(path: &Path, contents: &str, overwrite: bool) -> Result<()> {
    let shown = path.display();
    if path.is_dir() {
        bail!("cannot write {shown}: it is a directory");
    }
    if !overwrite && path.exists() {
        bail!("{shown} already exists; not overwriting it (use --force to replace it)");
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".authwiz-")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "cannot write {shown}: cannot create a file in {}",
                dir.display()
            )
        })?;
    tmp.write_all(contents.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    if overwrite {
        tmp.persist(path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {shown}"))?;
    } else {
        // Fails, rather than replaces, if the file appeared meanwhile.
        tmp.persist_noclobber(path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {shown}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_file(&p, "one", false).unwrap();
        let err = write_file(&p, "two", false).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        write_file(&p, "three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
    }

    #[test]
    fn failure_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("out.md");
        assert!(write_file(&p, "x", false).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
