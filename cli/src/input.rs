//! Reading Dockerfiles from disk or stdin, refusing what is not a Dockerfile before it is
//! held in memory whole.

use std::io::Read;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use slimfile::syntax::MAX_SOURCE_LEN;

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
        crate::discover::Target::File(path) => {
            let name = path.display().to_string();
            let text = decode(read_file(path)?).map_err(|e| anyhow!("{name}: {e}"))?;
            Ok(Source { name, text })
        }
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

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.display();
    let reason = |e: std::io::Error| anyhow!("{name}: {}", io_reason(&e));
    // Open first and ask the open file its size: one path lookup per file.
    let file = std::fs::File::open(path).map_err(reason)?;
    let meta = file.metadata().map_err(reason)?;
    if meta.is_dir() {
        return Err(anyhow!("{name}: is a directory"));
    }
    if meta.len() > MAX_SOURCE_LEN as u64 {
        return Err(anyhow!(
            "{name}: file is {} bytes; the limit is {MAX_SOURCE_LEN} bytes",
            meta.len()
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
