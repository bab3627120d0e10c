//! Gathering a build context for core: the `.dockerignore` that applies and the files
//! with their sizes, read from disk with bounds so a huge tree cannot stall a check.

use std::path::{Path, PathBuf};

use slimfile::rules::{Context, ContextFile};

/// Past this many entries the file list is cut short and treated as unknown.
const MAX_FILES: usize = 50_000;

/// The context of `dockerfile`: its directory unless `dir` says otherwise.
pub fn gather(dockerfile: Option<&Path>, dir: Option<&Path>) -> Context {
    let root: Option<PathBuf> = dir.map(Path::to_path_buf).or_else(|| {
        dockerfile.and_then(|f| f.parent()).map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
    });
    let Some(root) = root else {
        return Context::default();
    };
    // BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile.
    let specific = dockerfile.and_then(|f| {
        let name = f.file_name()?.to_str()?;
        std::fs::read_to_string(f.with_file_name(format!("{name}.dockerignore"))).ok()
    });
    let dockerignore =
        specific.or_else(|| std::fs::read_to_string(root.join(".dockerignore")).ok());
    Context {
        dockerignore,
        files: list_files(&root),
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
