//! Gathering a build context for core: the `.dockerignore` that applies and the files
//! with their sizes, read from disk with bounds so a huge tree cannot stall a check.
//!
//! Many Dockerfiles share a context (a directory of `*.Dockerfile`s, a monorepo checked
//! with `--context`), so the last few contexts are kept and reused: a directory is listed
//! once, not once per Dockerfile in it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use slimfile::{Context, ContextFile};

/// Past this many entries the file list is cut short and treated as unknown.
const MAX_FILES: usize = 50_000;

/// How many contexts are kept for reuse.
const KEEP: usize = 8;

/// The context root of `dockerfile`: its directory unless `dir` says otherwise.
pub fn root_of(dockerfile: Option<&Path>, dir: Option<&Path>) -> Option<PathBuf> {
    dir.map(Path::to_path_buf).or_else(|| {
        dockerfile.and_then(|f| f.parent()).map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
    })
}

/// The `.dockerignore` that applies: BuildKit prefers `<Dockerfile>.dockerignore` next to
/// the Dockerfile, then `.dockerignore` at the context root.
pub fn dockerignore_path(dockerfile: Option<&Path>, root: &Path) -> PathBuf {
    if let Some(specific) = dockerfile.and_then(|f| {
        let name = f.file_name()?.to_str()?;
        Some(f.with_file_name(format!("{name}.dockerignore")))
    }) {
        if specific.is_file() {
            return specific;
        }
    }
    root.join(".dockerignore")
}

#[derive(Debug, Default)]
pub struct ContextCache {
    /// (root, dockerignore path) → context, most recent last.
    kept: Vec<((PathBuf, PathBuf), Arc<Context>)>,
}

impl ContextCache {
    /// The context of `dockerfile` (`None`: standard input), rooted at `dir` if given.
    pub fn get(&mut self, dockerfile: Option<&Path>, dir: Option<&Path>) -> Arc<Context> {
        // Standard input without `--context` has no context: the empty key.
        let key = root_of(dockerfile, dir).map_or_else(Default::default, |root| {
            let ignore_path = dockerignore_path(dockerfile, &root);
            (root, ignore_path)
        });
        if let Some(at) = self.kept.iter().position(|(k, _)| *k == key) {
            let entry = self.kept.remove(at);
            self.kept.push(entry);
        } else {
            let context = if key.0.as_os_str().is_empty() {
                Context::default()
            } else {
                // The file list of a root is read once, and shared (with what rules derive
                // from it) by every Dockerfile whose context it is.
                let listed = self
                    .kept
                    .iter()
                    .find(|((r, _), _)| *r == key.0)
                    .map(|(_, c)| c.as_ref().clone().without_dockerignore());
                let base = listed.unwrap_or_else(|| match list_files(&key.0) {
                    Some(files) => {
                        Context::default().with_files(files.into_iter().map(|f| (f.path, f.size)))
                    }
                    None => Context::default(),
                });
                match std::fs::read_to_string(&key.1) {
                    Ok(text) => base.with_dockerignore(text),
                    Err(_) => base,
                }
            };
            if self.kept.len() >= KEEP {
                self.kept.remove(0);
            }
            self.kept.push((key, Arc::new(context)));
        }
        self.last()
    }

    /// Forget what is known about `root` (after a fix wrote a `.dockerignore` there).
    pub fn forget(&mut self, root: &Path) {
        self.kept.retain(|((r, _), _)| r != root);
    }

    fn last(&self) -> Arc<Context> {
        // `get` always pushes before calling this.
        Arc::clone(&self.kept[self.kept.len() - 1].1)
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
