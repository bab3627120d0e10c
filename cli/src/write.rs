//! Writing a fixed file without ever leaving half of it: the new text goes to a temporary
//! file in the same directory, is flushed to disk, takes the original's permissions, and
//! is then renamed over the original in one step. A symlink is written through to its
//! target, not replaced, and a file that may not be written is not replaced either. When
//! anything fails, the original is untouched and the temporary file is removed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces the contents of `path` (a new file when it does not exist) with `contents`.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let permissions = match std::fs::metadata(&target) {
        Ok(meta) => {
            // A rename would replace a file its owner made read-only: ask the file first,
            // as writing it in place would (opened for writing, nothing truncated).
            std::fs::OpenOptions::new().write(true).open(&target)?;
            Some(meta.permissions())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".slimfile-tmp")
        .tempfile_in(&dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// The file a path finally names, following symlinks (also a dangling last link, whose
/// target is where the file will be created).
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_keeps_permissions() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("Dockerfile");
        std::fs::write(&path, "FROM a\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, b"FROM b\n").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "FROM b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().expect("dir");
        let real = dir.path().join("real.Dockerfile");
        let link = dir.path().join("Dockerfile");
        std::fs::write(&real, "FROM a\n").expect("write");
        std::os::unix::fs::symlink("real.Dockerfile", &link).expect("symlink");
        write_atomically(&link, b"FROM b\n").expect("atomic write");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "FROM b\n");
    }

    #[test]
    fn a_failed_write_leaves_everything_as_it_was() {
        let dir = tempfile::tempdir().expect("dir");
        // A directory where the file should be: the final rename fails (also as root).
        let path = dir.path().join("Dockerfile");
        std::fs::create_dir(&path).expect("mkdir");
        std::fs::write(path.join("keep"), "x").expect("write");
        assert!(write_atomically(&path, b"FROM b\n").is_err());
        assert_eq!(
            std::fs::read_to_string(path.join("keep")).expect("read"),
            "x"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["Dockerfile"], "the temporary file is removed");
    }
}
