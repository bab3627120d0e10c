//! Reading what core needs from disk, as the `slimfile` command reads it: settings files,
//! build contexts and Dockerfiles. For the bindings' `Settings.from_file`,
//! `Context.from_dir` and batch checks, so that they read exactly what the command reads.

use std::path::Path;

use slimfile::{ConfigError, Context, InputError, Settings};

/// Why a Dockerfile cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file system said no (missing, a directory, permissions...); the message names
    /// the file.
    #[error("{message}")]
    Io {
        kind: std::io::ErrorKind,
        message: String,
    },
    /// The bytes are not a Dockerfile (binary, UTF-16, not UTF-8, too large).
    #[error("{path}: {error}")]
    Input { path: String, error: InputError },
}

/// Reads a settings file (`slimfile.toml`, `.slimfile.toml`, `pyproject.toml` with a
/// `[tool.slimfile]` table, `.hadolint.yaml`), the kind chosen by its name, as
/// `slimfile --config FILE` reads it.
pub fn settings_from_file(path: &Path) -> Result<Settings, ConfigError> {
    crate::config::load_explicit(path)
}

/// The settings `slimfile check` uses for the Dockerfile at `path`: the nearest settings
/// file searched upward from its directory, `Ok(None)` when there is none.
pub fn settings_for_dockerfile(path: &Path) -> Result<Option<Settings>, ConfigError> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let (found, _) = crate::config::Resolver::discover().for_dir(Some(dir));
    match found.as_deref() {
        None => Ok(None),
        Some(Ok(settings)) => Ok(Some(settings.clone())),
        Some(Err(e)) => Err(e.clone()),
    }
}

/// The build context rooted at `dir`, as `slimfile check --context DIR` reads it: its
/// `.dockerignore` and its file list with sizes (unknown past 50,000 files).
pub fn context_from_dir(dir: &Path) -> Context {
    crate::context::ContextCache::default()
        .get(None, Some(dir))
        .as_ref()
        .clone()
}

/// The build context `slimfile check` gives the Dockerfile at `path`: its directory, with
/// `<Dockerfile>.dockerignore` next to it preferred over the directory's `.dockerignore`.
/// Lists the directory on every call: for many Dockerfiles, share a [`Contexts`].
pub fn context_for_dockerfile(path: &Path) -> Context {
    Contexts::default().for_dockerfile(path)
}

/// The contexts of many Dockerfiles, read as `slimfile check` reads them: a directory is
/// listed once and its context shared by the Dockerfiles in it (the last few directories
/// are kept). Safe to share between threads.
#[derive(Debug, Default)]
pub struct Contexts(std::sync::Mutex<crate::context::ContextCache>);

impl Contexts {
    /// The context of the Dockerfile at `path` (see [`context_for_dockerfile`]).
    pub fn for_dockerfile(&self, path: &Path) -> Context {
        let mut cache = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.get(Some(path), None).as_ref().clone()
    }
}

/// Reads a Dockerfile as `slimfile check` does: refused when it is a directory, binary,
/// UTF-16, not UTF-8 or over the size limit, without reading more than the limit.
pub fn read_dockerfile(path: &Path) -> Result<String, FileError> {
    crate::input::read_file_text(path)
}
