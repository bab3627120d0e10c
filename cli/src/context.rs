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
    dockerignore_path_with(dockerfile, root, Path::is_file)
}

/// [`dockerignore_path`], with `is_file` saying whether `<Dockerfile>.dockerignore` is a file.
fn dockerignore_path_with(
    dockerfile: Option<&Path>,
    root: &Path,
    is_file: impl FnOnce(&Path) -> bool,
) -> PathBuf {
    if let Some(specific) = dockerfile.and_then(|f| {
        let name = f.file_name()?.to_str()?;
        Some(f.with_file_name(format!("{name}.dockerignore")))
    }) {
        if is_file(&specific) {
            return specific;
        }
    }
    root.join(".dockerignore")
}

/// A context root, listed once and shared (with what rules derive from the file list) by
/// every Dockerfile whose context it is.
#[derive(Debug)]
struct Listing {
    root: PathBuf,
    /// The context with the file list and no `.dockerignore`.
    base: Arc<Context>,
    /// The names directly in the root that end in `.dockerignore` (`None`: the root could
    /// not be read), so that looking for `<Dockerfile>.dockerignore` costs no file system
    /// call per Dockerfile when a directory of Dockerfiles is checked.
    ignore_names: Option<Vec<String>>,
}

#[derive(Debug, Default)]
pub struct ContextCache {
    /// Listed roots, most recent last.
    listed: Vec<Listing>,
    /// (root, dockerignore path) → context, most recent last.
    kept: Vec<((PathBuf, PathBuf), Arc<Context>)>,
}

impl ContextCache {
    /// The context of `dockerfile` (`None`: standard input), rooted at `dir` if given.
    pub fn get(&mut self, dockerfile: Option<&Path>, dir: Option<&Path>) -> Arc<Context> {
        // Standard input without `--context` has no context: the empty key.
        let Some(root) = root_of(dockerfile, dir) else {
            return self.keep(Default::default(), Context::default);
        };
        let listing = self.listing(&root);
        let base = Arc::clone(&listing.base);
        // Whether the Dockerfile lies directly in the listed root (the default context).
        let in_root = dockerfile.and_then(Path::parent).is_some_and(|parent| {
            parent == root || (parent.as_os_str().is_empty() && root == Path::new("."))
        });
        let names = listing.ignore_names.as_deref().filter(|_| in_root);
        let ignore_path = dockerignore_path_with(dockerfile, &root, |specific| {
            let listed = |names: &[String]| {
                let name = specific.file_name().and_then(|n| n.to_str());
                name.is_some_and(|n| names.iter().any(|i| i == n))
            };
            // A listed name is still asked about: it may be a directory.
            names.is_none_or(listed) && specific.is_file()
        });
        self.keep((root, ignore_path.clone()), || {
            let base = base.as_ref().clone();
            match std::fs::read_to_string(&ignore_path) {
                Ok(text) => base.with_dockerignore(text),
                Err(_) => base,
            }
        })
    }

    /// The context kept under `key`, made by `make` the first time.
    fn keep(&mut self, key: (PathBuf, PathBuf), make: impl FnOnce() -> Context) -> Arc<Context> {
        if let Some(at) = self.kept.iter().position(|(k, _)| *k == key) {
            let entry = self.kept.remove(at);
            self.kept.push(entry);
        } else {
            if self.kept.len() >= KEEP {
                self.kept.remove(0);
            }
            self.kept.push((key, Arc::new(make())));
        }
        // Just pushed or moved to the end.
        Arc::clone(&self.kept[self.kept.len() - 1].1)
    }

    /// The listing of `root`, read the first time it is asked for.
    fn listing(&mut self, root: &Path) -> &Listing {
        if let Some(at) = self.listed.iter().position(|l| l.root == root) {
            let listing = self.listed.remove(at);
            self.listed.push(listing);
        } else {
            if self.listed.len() >= KEEP {
                self.listed.remove(0);
            }
            let Listed {
                files,
                ignore_names,
            } = list_files(root, MAX_FILES);
            let base = match files {
                Some(files) => {
                    Context::default().with_files(files.into_iter().map(|f| (f.path, f.size)))
                }
                None => Context::default(),
            };
            self.listed.push(Listing {
                root: root.to_path_buf(),
                base: Arc::new(base),
                ignore_names,
            });
        }
        &self.listed[self.listed.len() - 1]
    }

    /// Forget what is known about `root` (after a fix wrote a `.dockerignore` there).
    pub fn forget(&mut self, root: &Path) {
        self.kept.retain(|((r, _), _)| r != root);
        self.listed.retain(|l| l.root != root);
    }
}

/// What [`list_files`] found.
struct Listed {
    /// The files, sorted by path; `None` past the limit or when a directory cannot be read.
    files: Option<Vec<ContextFile>>,
    /// The names in the root ending in `.dockerignore`; `None` when it cannot be read.
    ignore_names: Option<Vec<String>>,
}

/// The files below `root`, if there are at most `max` of them.
fn list_files(root: &Path, max: usize) -> Listed {
    let mut out = Vec::new();
    let mut ignore_names = None;
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&rel)) else {
            return Listed {
                files: None,
                ignore_names,
            };
        };
        // The whole directory first, its kinds from the directory entries themselves; the
        // sizes after, only while the list stays under the limit: a directory of 70,000
        // files costs one read of the directory rather than 50,000 `stat` calls before
        // giving up (measured on the dev corpus, where most of `check`'s system time went
        // there).
        let mut files = Vec::new();
        let mut names = Vec::new();
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if rel.as_os_str().is_empty() && name.ends_with(".dockerignore") {
                names.push(name.clone());
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(rel.join(&name));
            } else if kind.is_file() {
                files.push((entry, name));
            }
        }
        if rel.as_os_str().is_empty() {
            ignore_names = Some(names);
        }
        if out.len() + files.len() > max {
            return Listed {
                files: None,
                ignore_names,
            };
        }
        for (entry, name) in files {
            let size = entry.metadata().map_or(0, |m| m.len());
            out.push(ContextFile {
                path: rel.join(name).to_string_lossy().replace('\\', "/"),
                size,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Listed {
        files: Some(out),
        ignore_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
    }

    #[test]
    fn a_dockerfiles_own_dockerignore_wins_where_it_is_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(
            root,
            &[
                ("Dockerfile", "FROM a\n"),
                ("Dockerfile.dockerignore", "own\n"),
                ("api.Dockerfile", "FROM a\n"),
                (".dockerignore", "shared\n"),
                ("web.Dockerfile", "FROM a\n"),
                ("web.Dockerfile.dockerignore/x", "a directory\n"),
                ("sub/Dockerfile", "FROM a\n"),
                ("sub/Dockerfile.dockerignore", "sub\n"),
            ],
        );
        let mut cache = ContextCache::default();
        let ignore = |cache: &mut ContextCache, file: &str, context: Option<&Path>| {
            let context = cache.get(Some(&root.join(file)), context);
            context.dockerignore().map(str::to_owned)
        };
        for context in [None, Some(root)] {
            assert_eq!(
                ignore(&mut cache, "Dockerfile", context).as_deref(),
                Some("own\n")
            );
            assert_eq!(
                ignore(&mut cache, "api.Dockerfile", context).as_deref(),
                Some("shared\n")
            );
            assert_eq!(
                ignore(&mut cache, "web.Dockerfile", context).as_deref(),
                Some("shared\n")
            );
        }
        // Outside the context root (found with a `stat`), and as its own root.
        assert_eq!(
            ignore(&mut cache, "sub/Dockerfile", Some(root)).as_deref(),
            Some("sub\n")
        );
        assert_eq!(
            ignore(&mut cache, "sub/Dockerfile", None).as_deref(),
            Some("sub\n")
        );
        assert_eq!(
            dockerignore_path(Some(&root.join("Dockerfile")), root),
            root.join("Dockerfile.dockerignore")
        );
    }

    #[test]
    fn a_context_over_the_limit_has_no_file_list_but_its_dockerignore_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(
            root,
            &[(".dockerignore", "x\n"), ("Dockerfile", "FROM a\n")],
        );
        let listed = list_files(root, 3);
        let files = listed.files.expect("listed");
        assert_eq!(
            files
                .iter()
                .map(|f| (f.path.as_str(), f.size))
                .collect::<Vec<_>>(),
            [(".dockerignore", 2), ("Dockerfile", 7)]
        );
        assert_eq!(listed.ignore_names, Some(vec![".dockerignore".to_owned()]));
        let many = root.join("many");
        std::fs::create_dir(&many).expect("mkdir");
        std::fs::write(many.join("a"), "").expect("write");
        assert_eq!(list_files(root, 3).files.map(|f| f.len()), Some(3));
        std::fs::write(many.join("b"), "").expect("write");
        let listed = list_files(root, 3);
        assert!(listed.files.is_none());
        assert_eq!(listed.ignore_names, Some(vec![".dockerignore".to_owned()]));
    }
}
