//! Reading what core needs from disk, as the `slimfile` command reads it: settings files,
//! build contexts and Dockerfiles. For the bindings' `Settings.from_file`,
//! `Context.from_dir` and batch checks.

use std::path::Path;

use slimfile::{ConfigError, Context, Settings};

/// A file that cannot be read as a Dockerfile; the message names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FileError(pub String);

/// Reads a settings file (`slimfile.toml`, `.slimfile.toml`, `pyproject.toml` with a
/// `[tool.slimfile]` table, `.hadolint.yaml`), the kind chosen by its name, as
/// `slimfile --config FILE` reads it.
pub fn settings_from_file(path: &Path) -> Result<Settings, ConfigError> {
    crate::config::load_explicit(path)
}

/// The build context rooted at `dir`, as `slimfile check` reads it: its `.dockerignore`
/// and its file list with sizes (unknown past 50,000 files).
pub fn context_from_dir(dir: &Path) -> Context {
    crate::context::ContextCache::default()
        .get(None, Some(dir))
        .as_ref()
        .clone()
}

/// Reads a Dockerfile as `slimfile check` does: refused when it is a directory, binary,
/// UTF-16, not UTF-8 or over the size limit, without reading more than the limit.
pub fn read_dockerfile(path: &Path) -> Result<String, FileError> {
    crate::input::read_target(&crate::discover::Target::File(path.to_path_buf()))
        .map(|source| source.text)
        .map_err(|e| FileError(format!("{e:#}")))
}
