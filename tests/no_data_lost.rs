//! No data lost, on the command line: `recommend --output FILE` never replaces an existing
//! file without `--force`, writes through a temporary file and a rename (so a reader never
//! sees a partial file and a failure leaves the old one whole), cleans up its temporary
//! file, and says why when it cannot write, the file size limit included.

use std::path::Path;
use std::process::{Command, Output};

const OK: i32 = 0;
const ERROR: i32 = 2;

fn authwiz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_authwiz"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("authwiz runs")
}

/// Runs `recommend` with `extra` arguments; asserts the exit code; returns stderr.
fn recommend(extra: &[&str], code: i32) -> String {
    let mut args = vec![
        "recommend",
        "--format",
        "adr",
        "--date",
        "2024-05-06",
        "-a",
        "app-type=partner-integration",
    ];
    args.extend_from_slice(extra);
    let out = authwiz(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty(), "output goes to the file, not stdout");
    stderr
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_existing_file_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    let p = path.to_str().unwrap();
    std::fs::write(&path, "my own notes, not to be lost\n").unwrap();
    let err = recommend(&["--output", p], ERROR);
    assert!(err.contains(p), "names the file: {err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "says how to replace it: {err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "my own notes, not to be lost\n"
    );
    assert_eq!(
        listing(dir.path()),
        ["decision.md"],
        "no temporary file left"
    );
}

#[test]
fn a_new_file_is_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    recommend(&["--output", path.to_str().unwrap()], OK);
    let written = std::fs::read_to_string(&path).unwrap();
    let stdout = authwiz(&[
        "recommend",
        "--format",
        "adr",
        "--date",
        "2024-05-06",
        "-a",
        "app-type=partner-integration",
    ])
    .stdout;
    assert_eq!(
        written.as_bytes(),
        stdout,
        "the file holds the whole output"
    );
    assert_eq!(listing(dir.path()), ["decision.md"]);
}

/// Over the file size limit (`ulimit -f`) the write fails instead of the process dying
/// of SIGXFSZ half-way through: exit 2 with the reason, the temporary file removed, and no
/// file under the target's name.
#[cfg(unix)]
#[test]
fn over_the_file_size_limit_the_write_fails_and_leaves_nothing() {
    use std::os::unix::process::CommandExt;
    const LIMIT: libc::rlim_t = 512;
    let args = [
        "recommend",
        "--format",
        "adr",
        "--date",
        "2024-05-06",
        "-a",
        "app-type=partner-integration",
    ];
    let whole = authwiz(&args).stdout;
    assert!(
        whole.len() as libc::rlim_t > LIMIT,
        "the output passes the limit"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_authwiz"));
    cmd.args(args)
        .args(["--output", path.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let limit = libc::rlimit {
        rlim_cur: LIMIT,
        rlim_max: LIMIT,
    };
    // SAFETY: between fork and exec only `setrlimit` runs, which is async-signal-safe and
    // reads nothing but `limit`, a copy owned by the closure.
    unsafe {
        cmd.pre_exec(move || match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        });
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(ERROR), "{}: {stderr}", out.status);
    assert!(
        stderr.starts_with(&format!("error: cannot write {}", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("file size limit exceeded (ulimit -f)"),
        "says why: {stderr}"
    );
    assert!(
        listing(dir.path()).is_empty(),
        "no temporary file and no partial file"
    );
}

/// With `--force` the new content arrives by rename: the old file's data is never
/// overwritten in place, so another name for it (a hard link) still shows the old content,
/// and the file under the name is a new one.
#[cfg(unix)]
#[test]
fn force_replaces_by_rename_not_in_place() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    let backup = dir.path().join("backup.md");
    std::fs::write(&path, "old\n").unwrap();
    std::fs::hard_link(&path, &backup).unwrap();
    let inode_before = std::fs::metadata(&path).unwrap().ino();
    recommend(&["--output", path.to_str().unwrap(), "--force"], OK);
    let new = std::fs::read_to_string(&path).unwrap();
    assert!(new.contains("2024-05-06"), "{new}");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "old\n");
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), inode_before);
    assert_eq!(listing(dir.path()), ["backup.md", "decision.md"]);
}

#[test]
fn a_missing_directory_is_reported_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("decision.md");
    let p = path.to_str().unwrap();
    for force in [false, true] {
        let mut extra = vec!["--output", p];
        if force {
            extra.push("--force");
        }
        let err = recommend(&extra, ERROR);
        assert!(
            err.starts_with(&format!("error: cannot write {p}")),
            "{err}"
        );
        assert!(
            err.contains(&dir.path().join("no-such-dir").display().to_string()),
            "names the directory: {err}"
        );
        assert!(err.contains("No such file or directory"), "says why: {err}");
    }
    assert!(listing(dir.path()).is_empty(), "nothing created");
}

#[test]
fn a_directory_as_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().to_str().unwrap();
    for force in [false, true] {
        let mut extra = vec!["--output", p];
        if force {
            extra.push("--force");
        }
        let err = recommend(&extra, ERROR);
        assert!(err.contains("is a directory"), "{err}");
    }
    assert!(listing(dir.path()).is_empty());
}

/// A read-only directory: the old file stays whole and the message says why. Permission
/// checks do not apply to root (CI runs tests as root): there the write succeeds, which is
/// checked instead, and a directory that refuses new files to everyone (`/proc`) stands in.
#[cfg(unix)]
#[test]
fn a_read_only_directory_is_reported_and_the_old_file_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    let path = ro.join("decision.md");
    std::fs::write(&path, "old\n").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = std::fs::write(ro.join("probe"), "").is_ok();
    let p = path.to_str().unwrap();
    if privileged {
        eprintln!("permission checks do not apply (root?): checking the write goes through");
        std::fs::remove_file(ro.join("probe")).unwrap();
        recommend(&["--output", p, "--force"], OK);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("2024-05-06")
        );
        if Path::new("/proc/self").exists() {
            let err = recommend(&["--output", "/proc/decision.md", "--force"], ERROR);
            assert!(
                err.starts_with(
                    "error: cannot write /proc/decision.md: cannot create a file in /proc: "
                ),
                "{err}"
            );
        }
    } else {
        let err = recommend(&["--output", p, "--force"], ERROR);
        assert!(
            err.starts_with(&format!("error: cannot write {p}")),
            "{err}"
        );
        assert!(err.contains("Permission denied"), "says why: {err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(listing(&ro), ["decision.md"], "no temporary file left");
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_failed_recommendation_writes_nothing() {
    // Bad input fails before any file is touched.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decision.md");
    let out = authwiz(&[
        "recommend",
        "-a",
        "app-type=nope",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(ERROR));
    assert!(listing(dir.path()).is_empty());
}

/// A rename over a device, a FIFO or a socket would replace the node itself (as root,
/// `--output /dev/full --force` once replaced the device with a regular file): refused.
#[cfg(unix)]
#[test]
fn force_does_not_replace_a_special_file() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo: skipped");
        return;
    }
    let out = authwiz(&[
        "recommend",
        "-a",
        "app-type=partner-integration",
        "--output",
        fifo.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(ERROR));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the FIFO was replaced by a regular file"
    );
}
