//! Which files to check: the PATHs given, with directories searched for Dockerfiles.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use anyhow::anyhow;

/// One file to check: a path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin,
    File(PathBuf),
}

impl Target {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Target::Stdin => None,
            Target::File(p) => Some(p),
        }
    }
}

/// Whether a file name looks like a Dockerfile: `Dockerfile`, `Containerfile`,
/// `*.Dockerfile`, `Dockerfile.*`, `*.containerfile` (the lower-case spellings too), but not
/// a `Dockerfile.dockerignore`.
pub fn is_dockerfile_name(name: &str) -> bool {
    if name.ends_with(".dockerignore") {
        return false;
    }
    matches!(
        name,
        "Dockerfile" | "dockerfile" | "Containerfile" | "containerfile"
    ) || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
        || name.ends_with(".containerfile")
        || name.ends_with(".Containerfile")
        || (name.starts_with("Dockerfile.") && name.len() > "Dockerfile.".len())
}

/// What the patterns are, for messages.
pub const PATTERNS: &str = "Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, *.containerfile";

/// Expands PATHs into files, in the order given, each directory's files sorted by path.
/// Problems (a directory without Dockerfiles, an unreadable directory) are returned as
/// one-line errors; a missing file is left for the reader to report.
pub fn discover(paths: &[String]) -> (Vec<Target>, Vec<anyhow::Error>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for found in Discovery::new(paths) {
        match found {
            Ok(target) => targets.push(target),
            Err(e) => errors.push(e),
        }
    }
    (targets, errors)
}

/// [`discover`] one target at a time, so that checking starts with the first file rather
/// than after every path was looked at.
#[derive(Debug)]
pub struct Discovery<'a> {
    paths: std::slice::Iter<'a, String>,
    /// Found in the directory being expanded, and its problems, still to hand out.
    pending: std::collections::VecDeque<Result<Target, anyhow::Error>>,
    seen: HashSet<PathBuf>,
}

impl<'a> Discovery<'a> {
    pub fn new(paths: &'a [String]) -> Discovery<'a> {
        let mut discovery = Discovery {
            paths: paths.iter(),
            pending: std::collections::VecDeque::new(),
            seen: HashSet::new(),
        };
        // No PATH means the current directory.
        if paths.is_empty() {
            discovery.expand(".");
        }
        discovery
    }

    /// Queues what one PATH stands for.
    fn expand(&mut self, arg: &str) {
        if arg == "-" {
            self.pending.push_back(Ok(Target::Stdin));
            return;
        }
        let path = Path::new(arg);
        if !path.is_dir() {
            if self.seen.insert(path.to_path_buf()) {
                self.pending.push_back(Ok(Target::File(path.to_path_buf())));
            }
            return;
        }
        let (found, walk_errors) = walk(path);
        self.pending.extend(walk_errors.into_iter().map(Err));
        if found.is_empty() {
            self.pending.push_back(Err(anyhow!(
                "{arg}: no Dockerfile found (looked for {PATTERNS})"
            )));
        }
        for file in found {
            if self.seen.insert(file.clone()) {
                self.pending.push_back(Ok(Target::File(file)));
            }
        }
    }
}

impl Iterator for Discovery<'_> {
    type Item = Result<Target, anyhow::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(found) = self.pending.pop_front() {
                return Some(found);
            }
            let arg = self.paths.next()?;
            self.expand(arg);
        }
    }
}

fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<anyhow::Error>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                // A symlink to a file counts (`Dockerfile -> docker/Dockerfile`); symlinked
                // directories are not followed, so there are no cycles.
                let is_file = entry
                    .file_type()
                    .is_some_and(|t| t.is_file() || (t.is_symlink() && entry.path().is_file()));
                let name = entry.file_name().to_str().unwrap_or_default();
                if is_file && is_dockerfile_name(name) {
                    found.push(tidy(entry.path()));
                }
            }
            Err(e) => errors.push(walk_error(&e)),
        }
    }
    // `Path`'s order compares component by component, which is slow enough to show
    // over a large tree: each path's key is made once, in the same order.
    found.sort_by_cached_key(|p| component_key(p));
    (found, errors)
}

/// A byte string that sorts as `path` does among paths: each component as its kind (in
/// `Component`'s order) then its bytes, and a 0 after it, which no component contains, so
/// that a component sorts before any longer one that starts with it.
fn component_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        let kind = match component {
            Component::Prefix(_) => 1,
            Component::RootDir => 2,
            Component::CurDir => 3,
            Component::ParentDir => 4,
            Component::Normal(_) => 5,
        };
        key.push(kind);
        key.extend_from_slice(component.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// `./a/Dockerfile` → `a/Dockerfile`, as users write it.
fn tidy(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path)
        .to_path_buf()
}

fn walk_error(e: &ignore::Error) -> anyhow::Error {
    fn parts(e: &ignore::Error) -> (Option<&Path>, &ignore::Error) {
        match e {
            ignore::Error::WithPath { path, err } => (Some(path), parts(err).1),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                parts(err)
            }
            other => (None, other),
        }
    }
    let (path, inner) = parts(e);
    let reason = inner
        .io_error()
        .map_or_else(|| inner.to_string(), crate::input::io_reason);
    match path {
        Some(p) => anyhow!("{}: {reason}", tidy(p).display()),
        None => anyhow!("{reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_by_key_as_they_sort_by_components() {
        let names = ["a", "a-b", "a.b", "ab", "b", "Dockerfile", "é", "..", "."];
        let mut paths: Vec<PathBuf> = Vec::new();
        for x in names {
            paths.push(PathBuf::from(x));
            paths.push(PathBuf::from(format!("/{x}")));
            for y in names {
                paths.push(PathBuf::from(format!("{x}/{y}")));
                paths.push(PathBuf::from(format!("{x}/{y}/Dockerfile")));
            }
        }
        let mut by_components = paths.clone();
        by_components.sort();
        paths.reverse();
        paths.sort_by_cached_key(|p| component_key(p));
        assert_eq!(paths, by_components);
    }

    #[test]
    fn dockerfile_names() {
        for yes in [
            "Dockerfile",
            "dockerfile",
            "Containerfile",
            "api.Dockerfile",
            "api.dockerfile",
            "Dockerfile.dev",
            "base.containerfile",
        ] {
            assert!(is_dockerfile_name(yes), "{yes}");
        }
        for no in [
            "Dockerfile.dockerignore",
            "api.Dockerfile.dockerignore",
            "Dockerfile.",
            "dockerfile.go",
            "README.md",
            "Dockerfiles",
        ] {
            assert!(!is_dockerfile_name(no), "{no}");
        }
    }
}
