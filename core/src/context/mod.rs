//! What the build context tells the analyzer: the `.dockerignore` that applies and the
//! files with their sizes. Core does no I/O: the CLI and the bindings gather this and hand
//! it over.
//!
//! A context is usually shared by many Dockerfiles (a directory of `*.Dockerfile`s, a
//! monorepo), so what rules derive from it — which files the `.dockerignore` leaves out,
//! which paths exist, what a rule finds in the file list — is worked out once per context,
//! on first use, and shared by every clone. Cloning is cheap.

pub(crate) mod dockerignore;

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use dockerignore::DockerIgnore;

/// A file in the build context, relative to its root with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextFile {
    /// Relative to the context root, with `/` separators.
    pub path: String,
    /// In bytes.
    pub size: u64,
}

/// The build context of a Dockerfile, all of it optional.
///
/// ```
/// use slimfile::Context;
///
/// let context = Context::default()
///     .with_files([("package.json", 600), ("node_modules/x/index.js", 2_000)])
///     .with_dockerignore("node_modules\n");
/// assert_eq!(context.files().map(<[_]>::len), Some(2));
/// assert_eq!(context.dockerignore(), Some("node_modules\n"));
/// ```
#[derive(Clone, Default)]
pub struct Context {
    ignore: Option<Arc<IgnoreFile>>,
    files: Option<Arc<Files>>,
    /// Facts that depend on both: recomputed when either changes.
    both: Arc<Both>,
}

struct IgnoreFile {
    text: String,
    parsed: OnceLock<DockerIgnore>,
}

/// The file list and what is derived from it alone.
struct Files {
    list: Vec<ContextFile>,
    by_path: OnceLock<HashMap<String, usize>>,
    /// File indices by base name (`package-lock.json` → every one in the tree).
    by_name: OnceLock<HashMap<String, Vec<usize>>>,
    /// Indices of the files at the root.
    at_root: OnceLock<Vec<usize>>,
    /// Indices of the root files each `COPY` source pattern matches, by pattern.
    root_matches: Mutex<HashMap<String, Arc<[usize]>>>,
    derived: Derived,
}

/// Facts derived from the file list and the `.dockerignore` together.
#[derive(Default)]
struct Both {
    ignored: OnceLock<Vec<bool>>,
    derived: Derived,
}

/// Facts rules derive, one per type, each worked out once.
#[derive(Default)]
struct Derived(Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl Derived {
    /// The fact of type `T`, computed without holding the lock (a computation may ask for
    /// other facts); when two threads compute it at once, the first one stored wins.
    fn get<T: Any + Send + Sync>(&self, compute: impl FnOnce() -> T) -> Option<Arc<T>> {
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let known = lock().get(&TypeId::of::<T>()).cloned();
        let fact = match known {
            Some(fact) => fact,
            None => {
                let fresh: Arc<dyn Any + Send + Sync> = Arc::new(compute());
                lock().entry(TypeId::of::<T>()).or_insert(fresh).clone()
            }
        };
        fact.downcast::<T>().ok()
    }
}

impl Context {
    /// The same context with this `.dockerignore` text (the one that applies: the context
    /// root's, or `<Dockerfile>.dockerignore`).
    pub fn with_dockerignore(self, text: impl Into<String>) -> Self {
        Context {
            ignore: Some(Arc::new(IgnoreFile {
                text: text.into(),
                parsed: OnceLock::new(),
            })),
            files: self.files,
            both: Arc::default(),
        }
    }

    /// The same context without a `.dockerignore` (its file list, and what was derived from
    /// the list alone, shared).
    pub fn without_dockerignore(self) -> Self {
        Context {
            ignore: None,
            files: self.files,
            both: Arc::default(),
        }
    }

    /// The same context with this file list (kept sorted by path): paths relative to the
    /// context root with `/` separators, and sizes in bytes. Without one, rules that need it stay silent; an
    /// empty list means an empty context.
    pub fn with_files<I, P>(self, files: I) -> Self
    where
        I: IntoIterator<Item = (P, u64)>,
        P: Into<String>,
    {
        let mut list: Vec<ContextFile> = files
            .into_iter()
            .map(|(p, size)| ContextFile {
                path: p.into(),
                size,
            })
            .collect();
        // Findings list files in this order: sorted, they are the same whatever order the
        // caller (or the file system) gave.
        list.sort_by(|a, b| a.path.cmp(&b.path));
        Context {
            ignore: self.ignore,
            files: Some(Arc::new(Files {
                list,
                by_path: OnceLock::new(),
                by_name: OnceLock::new(),
                at_root: OnceLock::new(),
                root_matches: Mutex::default(),
                derived: Derived::default(),
            })),
            both: Arc::default(),
        }
    }

    /// The `.dockerignore` text, when there is one.
    pub fn dockerignore(&self) -> Option<&str> {
        self.ignore.as_ref().map(|i| i.text.as_str())
    }

    /// The files of the context, when known.
    pub fn files(&self) -> Option<&[ContextFile]> {
        self.files.as_ref().map(|f| f.list.as_slice())
    }

    /// The parsed `.dockerignore`, when there is one.
    pub(crate) fn ignore_rules(&self) -> Option<&DockerIgnore> {
        let file = self.ignore.as_ref()?;
        Some(file.parsed.get_or_init(|| DockerIgnore::parse(&file.text)))
    }

    /// Whether the `.dockerignore` leaves the `index`th file out of the context.
    pub(crate) fn file_ignored(&self, index: usize) -> bool {
        let Some(ignore) = self.ignore_rules() else {
            return false;
        };
        let ignored = self.both.ignored.get_or_init(|| {
            self.files()
                .unwrap_or_default()
                .iter()
                .map(|f| ignore.is_ignored(&f.path))
                .collect()
        });
        ignored.get(index).copied().unwrap_or(false)
    }

    /// The files directly at the root of the context, with their index.
    pub(crate) fn root_files(&self) -> impl Iterator<Item = (usize, &ContextFile)> {
        let files = self.files.as_deref();
        let at_root = files.map(|f| {
            f.at_root.get_or_init(|| {
                (0..f.list.len())
                    .filter(|&i| !f.list[i].path.contains('/'))
                    .collect()
            })
        });
        at_root
            .into_iter()
            .flatten()
            .filter_map(move |&i| Some((i, files?.list.get(i)?)))
    }

    /// The files with this base name anywhere in the context, with their index.
    pub(crate) fn files_named(&self, name: &str) -> impl Iterator<Item = (usize, &ContextFile)> {
        let files = self.files.as_deref();
        let found = files.and_then(|f| {
            f.by_name
                .get_or_init(|| {
                    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
                    for (i, file) in f.list.iter().enumerate() {
                        let base = file.path.rsplit('/').next().unwrap_or(&file.path);
                        by_name.entry(base.to_string()).or_default().push(i);
                    }
                    by_name
                })
                .get(name)
        });
        found
            .into_iter()
            .flatten()
            .filter_map(move |&i| Some((i, files?.list.get(i)?)))
    }

    /// The files in the folder `dir` (relative to the root) or below it, and `dir` itself
    /// when it is a file, with their index: a range of the sorted list, found by binary
    /// search rather than a scan of every file.
    pub(crate) fn files_under<'c>(
        &'c self,
        dir: &'c str,
    ) -> impl Iterator<Item = (usize, &'c ContextFile)> + 'c {
        let list = self.files.as_deref().map_or(&[][..], |f| f.list.as_slice());
        // Every path that starts with `dir` sorts after `dir` and before anything else.
        let from = list.partition_point(|f| f.path.as_str() < dir);
        list[from..]
            .iter()
            .take_while(move |f| f.path.starts_with(dir))
            .enumerate()
            .map(move |(i, f)| (from + i, f))
            .filter(move |(_, f)| {
                let rest = &f.path[dir.len()..];
                rest.is_empty() || rest.starts_with('/')
            })
    }

    /// The indices of the files at the root that the `COPY` source `pattern` matches
    /// ([`crate::paths::source_matches`]), worked out once per context and pattern: the
    /// Dockerfiles sharing a context ask the same (4,000 Dockerfiles in a directory of
    /// 4,000 files matched every pattern against every file for each one).
    pub(crate) fn root_files_matching(&self, pattern: &str) -> Arc<[usize]> {
        let Some(files) = self.files.as_deref() else {
            return Arc::from([]);
        };
        let lock = || {
            files
                .root_matches
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(found) = lock().get(pattern) {
            return Arc::clone(found);
        }
        let found: Arc<[usize]> = self
            .root_files()
            .filter(|(_, f)| crate::paths::source_matches(pattern, &f.path))
            .map(|(i, _)| i)
            .collect();
        lock().insert(pattern.to_owned(), Arc::clone(&found));
        found
    }

    /// Whether the context is known to hold `path` (relative to its root); `None` when the
    /// file list is unknown.
    pub(crate) fn has_file(&self, path: &str) -> Option<bool> {
        self.files.as_ref()?;
        Some(self.file_index(path).is_some())
    }

    /// The index of the file at `path` (relative to the root), when the context holds it.
    pub(crate) fn file_index(&self, path: &str) -> Option<usize> {
        let files = self.files.as_ref()?;
        let by_path = files.by_path.get_or_init(|| {
            files
                .list
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.clone(), i))
                .collect()
        });
        by_path.get(path).copied()
    }

    /// A fact derived from the file list alone, worked out by `compute` the first time any
    /// clone of this context asks for it; `None` when the file list is unknown. Facts are
    /// told apart by their type.
    pub(crate) fn derived<T: Any + Send + Sync>(
        &self,
        compute: impl FnOnce(&[ContextFile]) -> T,
    ) -> Option<Arc<T>> {
        let files = self.files.as_ref()?;
        files.derived.get(|| compute(&files.list))
    }

    /// A fact derived from the file list and the `.dockerignore` together (the context's
    /// whole state), worked out once per such state; `None` when the file list is unknown.
    pub(crate) fn derived_with_ignore<T: Any + Send + Sync>(
        &self,
        compute: impl FnOnce(&Context) -> T,
    ) -> Option<Arc<T>> {
        self.files.as_ref()?;
        self.both.derived.get(|| compute(self))
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("dockerignore", &self.dockerignore())
            .field("files", &self.files().map(<[_]>::len))
            .finish()
    }
}

impl PartialEq for Context {
    fn eq(&self, other: &Self) -> bool {
        self.dockerignore() == other.dockerignore() && self.files() == other.files()
    }
}

impl Eq for Context {}

/// The serialized shape: `{dockerignore: string | null, files: [{path, size}] | null}`.
#[derive(Serialize, Deserialize)]
struct Shape<'a> {
    #[serde(default, borrow)]
    dockerignore: Option<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    files: Option<Vec<ContextFile>>,
}

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Shape {
            dockerignore: self.dockerignore().map(Into::into),
            files: self.files().map(<[_]>::to_vec),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Context {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let shape = Shape::deserialize(deserializer)?;
        let mut context = Context::default();
        if let Some(files) = shape.files {
            context = context.with_files(files.into_iter().map(|f| (f.path, f.size)));
        }
        if let Some(text) = shape.dockerignore {
            context = context.with_dockerignore(text.into_owned());
        }
        Ok(context)
    }
}

#[cfg(test)]
mod tests {
    use super::Context;

    #[test]
    fn files_under_a_folder_are_its_own_not_those_of_look_alike_names() {
        let context = Context::default().with_files([
            ("node_modules.txt", 1u64),
            ("node_modules/a/index.js", 1),
            ("node_modules-old/b.js", 1),
            ("app/node_modules/c.js", 1),
            ("node_modules/z.js", 1),
            ("node_modulesx", 1),
        ]);
        let under: Vec<&str> = context
            .files_under("node_modules")
            .map(|(i, f)| {
                assert_eq!(context.files().map(|all| &all[i].path), Some(&f.path));
                f.path.as_str()
            })
            .collect();
        assert_eq!(under, ["node_modules/a/index.js", "node_modules/z.js"]);
        let file = Context::default().with_files([("vendor", 1u64)]);
        assert_eq!(file.files_under("vendor").count(), 1);
        assert_eq!(Context::default().files_under("vendor").count(), 0);
    }
}
