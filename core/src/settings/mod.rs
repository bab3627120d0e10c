//! Settings: which rules run, how loud they are, and the few facts rules need from the
//! user. The serde names are the `slimfile.toml` keys, so the same shape comes from a
//! settings file, from Python keyword arguments or from a JavaScript object.
//!
//! Settings are read from text here (no I/O): `slimfile.toml` / `.slimfile.toml`,
//! `[tool.slimfile]` in `pyproject.toml`, and hadolint's `.hadolint.yaml`. Every mistake is
//! a [`ConfigError`] with the file, line and column.

mod error_site;
mod hadolint_yaml;
mod selector;
mod severity_table;
mod slimfile_toml;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use selector::RuleSelector;

use crate::error::Error;
use crate::knowledge::Flavor;
use crate::rules::{is_experimental_check, Rule, RuleOptions, Selection, Severity, RULES};
use error_site::ErrorSite;

/// The settings file names slimfile reads, in the order they are looked for in a directory
/// (the CLI searches upward from each Dockerfile; the nearest directory with one wins).
pub const CONFIG_FILE_NAMES: [&str; 5] = [
    "slimfile.toml",
    ".slimfile.toml",
    "pyproject.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// A rule's severity set by the user; `None` turns the rule off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeverityOverride {
    /// The rules it applies to.
    pub selector: RuleSelector,
    /// The new severity, or `None` for off (`"off"` in `slimfile.toml`).
    pub severity: Option<Severity>,
}

/// The least severe finding that makes a run fail (`none`: findings never do).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailLevel {
    /// Only errors fail.
    Error,
    #[default]
    /// Errors and warnings fail (the default).
    Warning,
    /// Everything but style findings fails.
    Info,
    /// Every finding fails.
    Style,
    /// Findings never fail the run.
    None,
}

impl FailLevel {
    /// The names accepted by [`FailLevel::parse`], most severe first.
    pub const NAMES: [&'static str; 5] = ["error", "warning", "info", "style", "none"];

    /// Whether a finding of `severity` fails the run.
    ///
    /// ```
    /// use slimfile::{FailLevel, Severity};
    /// assert!(FailLevel::Warning.fails_on(Severity::Error));
    /// assert!(!FailLevel::Warning.fails_on(Severity::Info));
    /// assert!(!FailLevel::None.fails_on(Severity::Error));
    /// ```
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

    /// `error`, `warning`, `info`, `style`, or `none` (also hadolint's `ignore`), in any case.
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

/// What the value of a label in the label schema must be: hadolint's `label-schema` types,
/// each checked by its own rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    /// Any text, not empty.
    Text,
    /// An absolute URL (DL3052).
    Url,
    /// A Semantic Versioning 2.0.0 version (DL3056).
    Semver,
    /// A git commit hash, short (7) or full (40) (DL3055).
    Hash,
    /// An RFC 3339 date and time (DL3053).
    Rfc3339,
    /// An SPDX license identifier (DL3054).
    Spdx,
    /// An e-mail address (DL3058).
    Email,
}

impl LabelType {
    /// The names accepted in settings files, as hadolint spells them.
    pub const NAMES: [&'static str; 7] =
        ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"];

    /// A type by its name in `label-schema` (exact, lower case, as hadolint reads it).
    pub fn parse(name: &str) -> Option<LabelType> {
        Some(match name {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// Which rules run and how: what `slimfile.toml` says, or what a binding was given.
///
/// ```
/// use slimfile::Settings;
///
/// let settings = Settings::from_toml(r#"
/// select = ["size", "DL3008"]
/// ignore = ["DL3015"]
/// [severity]
/// DL3009 = "warning"
/// "#)?;
/// assert_eq!(settings.select.len(), 2);
/// assert_eq!(settings.severity.len(), 1);
/// # Ok::<(), slimfile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Settings {
    /// When non-empty, only these rules run (an off-by-default rule runs when it is named).
    pub select: Vec<RuleSelector>,
    /// Added to the default or selected rules.
    pub extend_select: Vec<RuleSelector>,
    /// Never these.
    pub ignore: Vec<RuleSelector>,
    /// Severity per rule, category or prefix, in order (the last match wins); written as a
    /// table of `selector = "level"`, where `"off"` turns the rule off.
    #[serde(with = "severity_table")]
    pub severity: Vec<SeverityOverride>,
    /// Registries base images may come from (empty: any).
    pub trusted_registries: Vec<String>,
    /// The smaller variant to suggest for a full base image: `slim` or `alpine`.
    pub prefer: Flavor,
    /// The least severe finding that fails a run.
    pub fail_level: FailLevel,
    /// Labels every image must carry, with the kind of value each holds (hadolint's
    /// `label-schema`; a `[label-schema]` table of `name = "type"`). Empty: the
    /// label-schema rules (DL3049–DL3058) report nothing.
    pub label_schema: BTreeMap<String, LabelType>,
    /// With a label schema, a label outside it is reported (DL3050; hadolint's
    /// `strict-labels`).
    pub strict_labels: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: Vec::new(),
            extend_select: Vec::new(),
            ignore: Vec::new(),
            severity: Vec::new(),
            trusted_registries: Vec::new(),
            prefer: Flavor::Slim,
            fail_level: FailLevel::Warning,
            label_schema: BTreeMap::new(),
            strict_labels: false,
        }
    }
}

impl Settings {
    /// Reads a `slimfile.toml` (or `.slimfile.toml`).
    ///
    /// ```
    /// let err = slimfile::Settings::from_toml("selct = []\n").unwrap_err();
    /// assert!(err.to_string().starts_with("slimfile.toml:1:1: unknown key `selct`"));
    /// ```
    pub fn from_toml(text: &str) -> Result<Settings, Error> {
        let site = ErrorSite::new("slimfile.toml", text);
        Ok(slimfile_toml::parse(&site, text, false)?.unwrap_or_default())
    }

    /// Reads the `[tool.slimfile]` table of a `pyproject.toml`; `Ok(None)` when it has none.
    ///
    /// ```
    /// let text = "[project]\nname = \"app\"\n[tool.slimfile]\nignore = [\"DL3015\"]\n";
    /// let settings = slimfile::Settings::from_pyproject(text)?.expect("a table");
    /// assert_eq!(settings.ignore.len(), 1);
    /// # Ok::<(), slimfile::Error>(())
    /// ```
    pub fn from_pyproject(text: &str) -> Result<Option<Settings>, Error> {
        let site = ErrorSite::new("pyproject.toml", text);
        Ok(slimfile_toml::parse(&site, text, true)?)
    }

    /// Reads a hadolint `.hadolint.yaml`: `ignored`, `trustedRegistries`, `override` and
    /// `failure-threshold` are honoured; hadolint codes slimfile has no rule for are skipped.
    ///
    /// ```
    /// let settings = slimfile::Settings::from_hadolint_yaml("ignored: [DL3008, SC2086]\n")?;
    /// assert_eq!(settings.ignore.len(), 1);
    /// # Ok::<(), slimfile::Error>(())
    /// ```
    pub fn from_hadolint_yaml(text: &str) -> Result<Settings, Error> {
        let site = ErrorSite::new(".hadolint.yaml", text);
        Ok(hadolint_yaml::parse(&site, text)?)
    }

    /// Reads a settings file of any kind, chosen by the name of `path` as the CLI chooses
    /// it (`pyproject.toml`, `*.yaml`/`*.yml` for hadolint, else `slimfile.toml`); errors
    /// name `path`. `Ok(None)` for a `pyproject.toml` without a `[tool.slimfile]` table.
    ///
    /// ```
    /// let found = slimfile::Settings::from_config_file("ci/.hadolint.yml", "ignored: [DL3015]\n")?;
    /// assert!(found.is_some());
    /// let err = slimfile::Settings::from_config_file("ci/slimfile.toml", "prefer = 1\n").unwrap_err();
    /// assert_eq!(err.to_string(), "ci/slimfile.toml:1:10: `prefer` must be \"slim\" or \"alpine\"");
    /// # Ok::<(), slimfile::Error>(())
    /// ```
    pub fn from_config_file(path: &str, text: &str) -> Result<Option<Settings>, Error> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let site = ErrorSite::new(path, text);
        if name == "pyproject.toml" {
            Ok(slimfile_toml::parse(&site, text, true)?)
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Ok(Some(hadolint_yaml::parse(&site, text)?))
        } else {
            Ok(Some(
                slimfile_toml::parse(&site, text, false)?.unwrap_or_default(),
            ))
        }
    }

    /// The rule's severity after the overrides (the last matching one wins); `None` when an
    /// override turns it off.
    pub(crate) fn severity_of(&self, rule: &Rule) -> Option<Severity> {
        self.severity
            .iter()
            .rev()
            .find(|o| o.selector.matches(rule))
            .map_or(Some(rule.severity), |o| o.severity)
    }

    /// Which rules run, with their severities: one pass over the selectors, so that
    /// selecting every rule by code costs no more than selecting a category.
    pub(crate) fn selection(&self) -> Selection {
        let mut on: Vec<bool> = if self.select.is_empty() {
            RULES.iter().map(|r| r.default_enabled).collect()
        } else {
            let mut on = vec![false; RULES.len()];
            selector::mark(&self.select, &mut on, true);
            on
        };
        selector::mark(&self.extend_select, &mut on, true);
        // Off by default only (no `select` list, not ignored): a file may ask for them.
        let mut requestable: Vec<bool> = RULES
            .iter()
            .zip(&on)
            .map(|(rule, &on)| {
                !on && self.select.is_empty() && rule.buildkit.is_some_and(is_experimental_check)
            })
            .collect();
        selector::mark(&self.ignore, &mut requestable, false);
        selector::mark(&self.ignore, &mut on, false);
        let severities_where = |chosen: &[bool]| -> Vec<Option<Severity>> {
            RULES
                .iter()
                .zip(chosen)
                .map(|(rule, &on)| if on { self.severity_of(rule) } else { None })
                .collect()
        };
        Selection::new(severities_where(&on)).with_on_request(severities_where(&requestable))
    }

    pub(crate) fn rule_options(&self) -> RuleOptions {
        RuleOptions {
            trusted_registries: self.trusted_registries.clone(),
            prefer: self.prefer,
            label_schema: self.label_schema.clone(),
            strict_labels: self.strict_labels,
        }
    }
}
