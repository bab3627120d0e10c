//! Reading Dockerfiles from disk or stdin, refusing what is not a Dockerfile before it is
//! held in memory whole.

use std::io::Read;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use slimfile::syntax::MAX_SOURCE_LEN;

use crate::files::FileError;

/// Where a file came from, for messages: a path, or `-` for stdin.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Reads one file to check: standard input or a path.
pub fn read_target(target: &crate::discover::Target) -> Result<Source> {
    match target {
        crate::discover::Target::Stdin => read_source("-"),
        crate::discover::Target::File(path) => Ok(Source {
            name: path.to_string_lossy().into_owned(),
            text: read_file_text(path)?,
        }),
    }
}

pub fn read_source(path: &str) -> Result<Source> {
    let bytes = if path == "-" {
        read_limited(std::io::stdin().lock(), 0).context("-: cannot read standard input")?
    } else {
        read_file(Path::new(path))?
    };
    let name = path.to_string();
    let text = decode(bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    Ok(Source { name, text })
}

/// A Dockerfile's text, or why it cannot be read.
pub fn read_file_text(path: &Path) -> Result<String, FileError> {
    let bytes = read_file(path)?;
    slimfile::decode_owned(bytes).map_err(|e| match e {
        slimfile::Error::Input(error) => FileError::Input {
            path: path.display().to_string(),
            error,
        },
        other => FileError::Io {
            kind: std::io::ErrorKind::InvalidData,
            message: format!("{}: {other}", path.display()),
        },
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, FileError> {
    let name = path.display();
    let fail = |kind, why: String| FileError::Io {
        kind,
        message: format!("{name}: {why}"),
    };
    let reason = |e: std::io::Error| fail(e.kind(), io_reason(&e));
    // Open first and ask the open file its size: one path lookup per file.
    let file = std::fs::File::open(path).map_err(reason)?;
    let meta = file.metadata().map_err(reason)?;
    if meta.is_dir() {
        return Err(fail(
            std::io::ErrorKind::IsADirectory,
            "is a directory".into(),
        ));
    }
    if meta.len() > MAX_SOURCE_LEN as u64 {
        return Err(fail(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "file is {} bytes; the limit is {MAX_SOURCE_LEN} bytes",
                meta.len()
            ),
        ));
    }
    read_limited(file, meta.len() as usize).map_err(reason)
}

/// Reads at most one byte past the limit, so a huge stream costs bounded memory.
fn read_limited(reader: impl Read, expected: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(expected.min(MAX_SOURCE_LEN) + 1);
    reader
        .take(MAX_SOURCE_LEN as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Core's checks (binary, UTF-16, UTF-8, size), keeping the bytes as the text: no copy.
fn decode(bytes: Vec<u8>) -> Result<String, anyhow::Error> {
    Ok(slimfile::decode_owned(bytes)?)
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
