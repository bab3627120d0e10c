//! Settings files: `slimfile.toml`, `.slimfile.toml`, `[tool.slimfile]` in `pyproject.toml`,
//! and hadolint's `.hadolint.yaml`, found upward from each Dockerfile's directory.
//!
//! The nearest directory holding one of them wins, and within a directory the first in that
//! order; files are not merged (like ruff: the closest configuration is the whole answer).
//! Every mistake in a file is an error that names the file, line and column.

mod hadolint;
mod slimfile_toml;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::ValueEnum;
use slimfile::rules::{Config, Severity};
use slimfile::syntax::{ColumnUnit, LineIndex};

/// The least severe finding that makes the exit status 1 (`none`: findings never do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
    Style,
    None,
}

impl FailLevel {
    pub fn fails_on(self, severity: Severity) -> bool {
        let threshold = match self {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
            FailLevel::Style => Severity::Style,
            FailLevel::None => return false,
        };
        severity <= threshold
    }

    pub fn parse(text: &str) -> Option<FailLevel> {
        Some(match text.to_ascii_lowercase().as_str() {
            "error" => FailLevel::Error,
            "warning" => FailLevel::Warning,
            "info" => FailLevel::Info,
            "style" => FailLevel::Style,
            "none" | "ignore" => FailLevel::None,
            _ => return None,
        })
    }
}

/// What one settings file says.
#[derive(Debug, Clone, Default)]
pub struct FileSettings {
    pub config: Config,
    pub fail_level: Option<FailLevel>,
}

/// A mistake in a settings file: `path:line:column: message`.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

/// Turns byte offsets of one settings file into `ConfigError`s with line and column.
pub(crate) struct ErrorSite<'a> {
    file: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl<'a> ErrorSite<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        ErrorSite {
            file,
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        let lc = self
            .index
            .line_col(self.text, offset as u32, ColumnUnit::Chars);
        ConfigError {
            file: self.file.to_string(),
            line: lc.line + 1,
            column: lc.col + 1,
            message: message.into(),
        }
    }

    /// An error at a 1-based line and 0-based character column (YAML markers).
    pub fn at_line_col(&self, line: usize, col: usize, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            line: line as u32,
            column: col as u32 + 1,
            message: message.into(),
        }
    }
}

/// The kinds of settings file, in the order they are looked for in a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Slimfile,
    Pyproject,
    Hadolint,
}

const CANDIDATES: &[(&str, Kind)] = &[
    ("slimfile.toml", Kind::Slimfile),
    (".slimfile.toml", Kind::Slimfile),
    ("pyproject.toml", Kind::Pyproject),
    (".hadolint.yaml", Kind::Hadolint),
    (".hadolint.yml", Kind::Hadolint),
];

fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name == "pyproject.toml" {
        Kind::Pyproject
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Kind::Hadolint
    } else {
        Kind::Slimfile
    }
}

/// Reads and interprets one settings file; `Ok(None)` for a `pyproject.toml` without a
/// `[tool.slimfile]` table (it is then not a slimfile configuration).
fn load(path: &Path, shown: &str, kind: Kind) -> Result<Option<FileSettings>, ConfigError> {
    let plain = |message: String| ConfigError {
        file: shown.to_string(),
        line: 0,
        column: 0,
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| plain(crate::input::io_reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        plain(format!(
            "not valid UTF-8 (at byte offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let site = ErrorSite::new(shown, &text);
    match kind {
        Kind::Slimfile => slimfile_toml::parse(&site, &text, false),
        Kind::Pyproject => slimfile_toml::parse(&site, &text, true),
        Kind::Hadolint => hadolint::parse(&site, &text).map(Some),
    }
}

/// How a path is shown in messages: relative to the working directory when it is inside it.
fn shown(path: &Path, cwd: Option<&Path>) -> String {
    cwd.and_then(|c| path.strip_prefix(c).ok())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A settings file found for some directory: its settings, or the error it had (reported
/// once, when it is first read).
pub type Found = Option<Rc<Result<FileSettings, ConfigError>>>;

/// Finds the settings that apply to each Dockerfile, reading every file at most once.
#[derive(Debug)]
pub struct Resolver {
    mode: Mode,
    cwd: Option<PathBuf>,
    /// Directory (canonical) → the settings that apply there.
    by_dir: HashMap<PathBuf, Found>,
}

#[derive(Debug)]
enum Mode {
    Discover,
    Explicit(Found),
    Disabled,
}

impl Resolver {
    /// `--config FILE`: one file for everything. An unreadable or wrong file is an error
    /// straight away, since nothing can be checked the way the user asked.
    pub fn explicit(path: &Path) -> Result<Resolver, ConfigError> {
        let shown = path.display().to_string();
        let kind = kind_of(path);
        let settings = load(path, &shown, kind)?.ok_or_else(|| ConfigError {
            file: shown.clone(),
            line: 0,
            column: 0,
            message: "has no `[tool.slimfile]` table".into(),
        })?;
        Ok(Resolver {
            mode: Mode::Explicit(Some(Rc::new(Ok(settings)))),
            cwd: None,
            by_dir: HashMap::new(),
        })
    }

    pub fn discover() -> Resolver {
        Resolver {
            mode: Mode::Discover,
            cwd: std::env::current_dir().ok(),
            by_dir: HashMap::new(),
        }
    }

    pub fn disabled() -> Resolver {
        Resolver {
            mode: Mode::Disabled,
            cwd: None,
            by_dir: HashMap::new(),
        }
    }

    /// The settings for a Dockerfile in `dir` (`None`: standard input, searched from the
    /// working directory). The second value is true when the file was read just now, so a
    /// broken file is reported once.
    pub fn for_dir(&mut self, dir: Option<&Path>) -> (Found, bool) {
        match &self.mode {
            Mode::Disabled => return (None, false),
            Mode::Explicit(found) => return (found.clone(), false),
            Mode::Discover => {}
        }
        let start = match dir {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Ok(start) = std::fs::canonicalize(&start) else {
            return (None, false);
        };
        let mut visited = Vec::new();
        let mut fresh = false;
        let mut found: Found = None;
        let mut at = Some(start.as_path());
        while let Some(d) = at {
            if let Some(cached) = self.by_dir.get(d) {
                found = cached.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(hit) = self.look_in(d) {
                found = Some(Rc::new(hit));
                fresh = true;
                break;
            }
            at = d.parent();
        }
        for d in visited {
            self.by_dir.insert(d, found.clone());
        }
        (found, fresh)
    }

    /// The first settings file of `dir`, read.
    fn look_in(&self, dir: &Path) -> Option<Result<FileSettings, ConfigError>> {
        for (name, kind) in CANDIDATES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            let shown = shown(&path, self.cwd.as_deref());
            match load(&path, &shown, *kind) {
                Ok(None) => continue,
                Ok(Some(settings)) => return Some(Ok(settings)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_levels_compare_by_severity() {
        assert!(FailLevel::Warning.fails_on(Severity::Error));
        assert!(FailLevel::Warning.fails_on(Severity::Warning));
        assert!(!FailLevel::Warning.fails_on(Severity::Info));
        assert!(FailLevel::Style.fails_on(Severity::Style));
        assert!(!FailLevel::None.fails_on(Severity::Error));
        assert_eq!(FailLevel::parse("IGNORE"), Some(FailLevel::None));
        assert_eq!(FailLevel::parse("loud"), None);
    }
}
