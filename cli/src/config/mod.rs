//! Settings files: `slimfile.toml`, `.slimfile.toml`, `[tool.slimfile]` in `pyproject.toml`,
//! and hadolint's `.hadolint.yaml`, found upward from each Dockerfile's directory and read
//! by core.
//!
//! The nearest directory holding one of them wins, and within a directory the first in that
//! order; files are not merged (like ruff: the closest configuration is the whole answer).
//! Every mistake in a file is an error that names the file, line and column.

//! Settings files: `slimfile.toml`, `.slimfile.toml`, `[tool.slimfile]` in `pyproject.toml`,
//! and hadolint's `.hadolint.yaml`, found upward from each Dockerfile's directory.
//!
//! The nearest directory holding one of them wins, and within a directory the first in that
//! order; files are not merged (like ruff: the closest configuration is the whole answer).
//! Every mistake in a file is an error that names the file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use slimfile::{ConfigError, Error, Settings, CONFIG_FILE_NAMES};

/// A settings file's settings, or why they cannot be used.
pub type Loaded = Result<Settings, ConfigError>;

fn config_error(e: Error, shown: &str) -> ConfigError {
    match e {
        Error::Config(e) => e,
        other => ConfigError::whole_file(shown, other.to_string()),
    }
}

/// Reads and interprets one settings file; `Ok(None)` for a `pyproject.toml` without a
/// `[tool.slimfile]` table (it is then not a slimfile configuration).
pub fn load(path: &Path, shown: &str) -> Result<Option<Settings>, ConfigError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ConfigError::whole_file(shown, crate::input::io_reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ConfigError::whole_file(
            shown,
            format!(
                "not valid UTF-8 (at byte offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Settings::from_config_file(shown, &text).map_err(|e| config_error(e, shown))
}

/// Reads the settings file named on the command line (or by a binding): one that is not a
/// slimfile configuration at all is an error, since nothing can be checked as asked.
pub fn load_explicit(path: &Path) -> Loaded {
    let shown = path.display().to_string();
    load(path, &shown)?
        .ok_or_else(|| ConfigError::whole_file(&shown, "has no `[tool.slimfile]` table"))
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
pub type Found = Option<Rc<Loaded>>;

/// Finds the settings that apply to each Dockerfile, reading every file at most once.
#[derive(Debug)]
pub struct Resolver {
    mode: Mode,
    cwd: Option<PathBuf>,
    /// Directory (canonical) → the settings that apply there.
    by_dir: HashMap<PathBuf, Found>,
    /// The last directory asked about, as given, and its answer: Dockerfiles come grouped
    /// by directory, and making a path canonical costs several system calls (measured:
    /// a third of the calls `check` made per file on the dev corpus).
    last: Option<(PathBuf, Found)>,
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
        let settings = load_explicit(path)?;
        Ok(Resolver {
            mode: Mode::Explicit(Some(Rc::new(Ok(settings)))),
            cwd: None,
            by_dir: HashMap::new(),
            last: None,
        })
    }

    pub fn discover() -> Resolver {
        Resolver {
            mode: Mode::Discover,
            cwd: std::env::current_dir().ok(),
            by_dir: HashMap::new(),
            last: None,
        }
    }

    pub fn disabled() -> Resolver {
        Resolver {
            mode: Mode::Disabled,
            cwd: None,
            by_dir: HashMap::new(),
            last: None,
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
        if let Some((last, found)) = &self.last {
            if *last == start {
                return (found.clone(), false);
            }
        }
        let (found, fresh) = self.search_from(&start);
        self.last = Some((start, found.clone()));
        (found, fresh)
    }

    /// [`Resolver::for_dir`] without the cache of the last directory.
    fn search_from(&mut self, start: &Path) -> (Found, bool) {
        let Ok(start) = std::fs::canonicalize(start) else {
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
    fn look_in(&self, dir: &Path) -> Option<Loaded> {
        for name in CONFIG_FILE_NAMES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            let shown = shown(&path, self.cwd.as_deref());
            match load(&path, &shown) {
                Ok(None) => continue,
                Ok(Some(settings)) => return Some(Ok(settings)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}
