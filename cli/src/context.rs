//! Gathering a build context for core: the `.dockerignore` that applies and the files
//! with their sizes, read from disk with bounds so a huge tree cannot stall a check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use slimfile::rules::{Context, ContextFile};

/// Past this many entries the file list is cut short and treated as unknown.
const MAX_FILES: usize = 50_000;

/// Contexts already read, by directory and ignore file: many Dockerfiles often share one
/// context, and reading a large directory once per file would make a check quadratic.
#[derive(Debug, Default)]
pub struct Contexts {
    seen: HashMap<(PathBuf, Option<PathBuf>), Context>,
}

impl Contexts {
    /// The context of `dockerfile`: its directory unless `dir` says otherwise.
    pub fn get(&mut self, dockerfile: Option<&Path>, dir: Option<&Path>) -> &Context {
        let root = dir
            .map(Path::to_path_buf)
            .or_else(|| dockerfile.and_then(|f| f.parent()).map(dir_or_dot));
        let Some(root) = root else {
            return self.seen.entry((PathBuf::new(), None)).or_default();
        };
        // BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile.
        let specific = dockerfile.and_then(|f| {
            let name = f.file_name()?.to_str()?;
            let path = f.with_file_name(format!("{name}.dockerignore"));
            path.is_file().then_some(path)
        });
        self.seen
            .entry((root.clone(), specific.clone()))
            .or_insert_with(|| {
                let ignore_file = specific.unwrap_or_else(|| root.join(".dockerignore"));
                Context {
                    dockerignore: std::fs::read_to_string(ignore_file).ok(),
                    files: list_files(&root),
                }
            })
    }
}

fn dir_or_dot(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        p.to_path_buf()
    }
}

fn list_files(root: &Path) -> Option<Vec<ContextFile>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(root.join(&rel)).ok()?;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let path = rel.join(&name);
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let size = entry.metadata().map_or(0, |m| m.len());
                out.push(ContextFile {
                    path: path.to_string_lossy().replace('\\', "/"),
                    size,
                });
                if out.len() > MAX_FILES {
                    return None;
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Some(out)
}
