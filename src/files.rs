//! Writing user files safely: never over an existing file unless asked, and atomically
//! (a temporary file in the same directory, then a rename), so a failure leaves any old
//! file intact.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Writes `contents` to `path`. Without `overwrite`, an existing file is an error.
///
/// Only regular files are ever replaced: a rename over a device, a FIFO or a socket would
/// replace the node itself (as root, `/dev/full` became a regular file). A symbolic link to
/// a regular file is written through, so the link stays a link.
pub fn write_file(path: &Path, contents: &str, overwrite: bool) -> Result<()> {
    let shown = path.display();
    let target;
    // A replaced file keeps its permissions; a new one gets the usual mode less the umask
    // (a temporary file alone would be created owner-only).
    let mut permissions = None;
    let path = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("cannot write {shown}: it is a directory"),
        Ok(meta) if !meta.is_file() => bail!(
            "cannot write {shown}: it is not a regular file (a device, a pipe or a socket); \
             write to standard output and redirect it instead"
        ),
        Ok(_) if !overwrite => {
            bail!("{shown} already exists; not overwriting it (use --force to replace it)")
        }
        Ok(meta) => {
            permissions = Some(meta.permissions());
            target =
                std::fs::canonicalize(path).with_context(|| format!("cannot write {shown}"))?;
            target.as_path()
        }
        // A dangling symbolic link: creating its target would write somewhere unexpected.
        Err(_) if path.symlink_metadata().is_ok() => {
            bail!("cannot write {shown}: it is a symbolic link to nothing")
        }
        Err(_) => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".authwiz-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(without_temporary_name)
        .with_context(|| {
            format!(
                "cannot write {shown}: cannot create a file in {}",
                dir.display()
            )
        })?;
    if let Some(permissions) = permissions {
        tmp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("cannot write {shown}"))?;
    }
    tmp.write_all(contents.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(without_temporary_name)
        .map_err(name_the_size_limit)
        .with_context(|| format!("cannot write {shown}"))?;
    if overwrite {
        tmp.persist(path)
            .map_err(|e| without_temporary_name(e.error))
            .with_context(|| format!("cannot write {shown}"))?;
    } else {
        // Fails, rather than replaces, if the file appeared meanwhile.
        tmp.persist_noclobber(path)
            .map_err(|e| without_temporary_name(e.error))
            .with_context(|| format!("cannot write {shown}"))?;
    }
    Ok(())
}

/// The system's reason alone: the temporary file's name (which the tempfile crate adds to
/// its errors) means nothing to the person, who never named it.
fn without_temporary_name(e: std::io::Error) -> std::io::Error {
    if let Some(code) = e.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    // tempfile words its errors "<the system's reason> at path <its temporary file>".
    let message = e.to_string();
    let reason = message.split(" at path ").next().unwrap_or(&message);
    std::io::Error::new(e.kind(), reason.to_owned())
}

/// A write past the file size limit fails with EFBIG (SIGXFSZ is ignored for that, see
/// [`crate::signals::ignore_file_size_limit`]); the system's words for it, "File too
/// large", do not say which limit.
fn name_the_size_limit(e: std::io::Error) -> std::io::Error {
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        std::io::Error::new(e.kind(), "file size limit exceeded (ulimit -f)")
    } else {
        e
    }
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

    #[cfg(unix)]
    #[test]
    fn overwriting_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(write_file(&link, "new", false).is_err());
        write_file(&link, "new", true).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_is_not_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_file(&p, "one", false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // Whatever the umask, the temporary file's owner-only mode must not leak through.
        assert_ne!(mode(&p), 0o600, "a new file was created owner-only");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&p, "two", true).unwrap();
        assert_eq!(mode(&p), 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &link).unwrap();
        let err = write_file(&link, "x", true).unwrap_err().to_string();
        assert!(err.contains("symbolic link to nothing"), "{err}");
        assert!(!dir.path().join("nowhere.md").exists());
    }
}
