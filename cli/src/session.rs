//! What `check` and `fix` share: the rule options, the settings that apply to each file
//! (configuration file, then command line), and the build contexts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use slimfile::{Context, FailLevel, Linter, RuleSelector, Settings};

use crate::config::Resolver;
use crate::context::ContextCache;
use crate::discover::Target;
use crate::output::error_line;

#[derive(Debug, Args)]
pub struct RuleOptions {
    /// Only these rules: codes (`DL3008`), names (`apt-install-recommends`), BuildKit check
    /// names, categories (`size`, `cache`, `reproducibility`, `security`, `correctness`,
    /// `style`), code prefixes (`DL`, `DL30`) or `ALL`. Replaces `select` from the config file.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules to skip, in the same forms as `--select`; added to `ignore` from the config file.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit with status 1 when a problem this severe or worse is found (`none`: never).
    /// Default: `fail-level` from the config file, else `warning`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_level: Option<FailLevelArg>,
    /// Read settings from this file (`slimfile.toml`, `pyproject.toml` or `.hadolint.yaml`)
    /// instead of searching upward from each Dockerfile.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// The build context directory for every file (default: each Dockerfile's directory).
    #[arg(long, value_name = "DIR")]
    pub context: Option<PathBuf>,
}

/// `--fail-level`: core's [`FailLevel`], spelled for clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevelArg {
    Error,
    Warning,
    Info,
    Style,
    None,
}

impl From<FailLevelArg> for FailLevel {
    fn from(arg: FailLevelArg) -> FailLevel {
        match arg {
            FailLevelArg::Error => FailLevel::Error,
            FailLevelArg::Warning => FailLevel::Warning,
            FailLevelArg::Info => FailLevel::Info,
            FailLevelArg::Style => FailLevel::Style,
            FailLevelArg::None => FailLevel::None,
        }
    }
}

#[derive(Debug)]
pub struct Session {
    select: Option<Vec<RuleSelector>>,
    ignore: Vec<RuleSelector>,
    fail_level: Option<FailLevel>,
    context_dir: Option<PathBuf>,
    resolver: Resolver,
    contexts: ContextCache,
    /// The linter made last, and the file settings it came from, for reuse.
    last: Option<(Option<*const Settings>, Arc<Linter>)>,
}

fn selectors(flag: &str, list: &[String]) -> Result<Vec<RuleSelector>> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| RuleSelector::parse(s).map_err(|e| anyhow!("{flag}: {e}")))
        .collect()
}

impl Session {
    /// Checks the options; a wrong option or an unusable `--config` file is an error.
    pub fn new(opts: &RuleOptions) -> Result<Session> {
        let select = if opts.select.is_empty() {
            None
        } else {
            Some(selectors("--select", &opts.select)?)
        };
        let ignore = selectors("--ignore", &opts.ignore)?;
        let resolver = if opts.no_config {
            Resolver::disabled()
        } else if let Some(path) = &opts.config {
            Resolver::explicit(path)?
        } else {
            Resolver::discover()
        };
        if let Some(dir) = &opts.context {
            if !dir.is_dir() {
                return Err(anyhow!("--context {}: not a directory", dir.display()));
            }
        }
        Ok(Session {
            select,
            ignore,
            fail_level: opts.fail_level.map(FailLevel::from),
            context_dir: opts.context.clone(),
            resolver,
            contexts: ContextCache::default(),
            last: None,
        })
    }

    /// The linter for `target`: its settings file, then the command line. `None` when its
    /// settings file is broken (the error is printed the first time).
    pub fn linter(&mut self, target: &Target) -> Option<Arc<Linter>> {
        let dir = target.path().map(|p| p.parent().unwrap_or(Path::new("")));
        let (found, fresh) = self.resolver.for_dir(dir);
        let file = match found.as_deref() {
            Some(Err(e)) => {
                if fresh {
                    error_line(&anyhow!("{e}"));
                }
                return None;
            }
            Some(Ok(s)) => Some(s),
            None => None,
        };
        let key = file.map(|f| f as *const Settings);
        if let Some((k, linter)) = &self.last {
            if *k == key {
                return Some(linter.clone());
            }
        }
        let mut settings = file.cloned().unwrap_or_default();
        if let Some(select) = &self.select {
            settings.select = select.clone();
        }
        settings.ignore.extend(self.ignore.iter().cloned());
        if let Some(level) = self.fail_level {
            settings.fail_level = level;
        }
        let linter = Arc::new(Linter::new(settings));
        self.last = Some((key, linter.clone()));
        Some(linter)
    }

    pub fn context(&mut self, target: &Target) -> Arc<Context> {
        self.contexts
            .get(target.path(), self.context_dir.as_deref())
    }

    /// The context directory of `target`, where a `.dockerignore` goes.
    pub fn context_root(&self, target: &Target) -> Option<PathBuf> {
        crate::context::root_of(target.path(), self.context_dir.as_deref())
    }

    pub fn forget_context(&mut self, root: &Path) {
        self.contexts.forget(root);
    }
}
