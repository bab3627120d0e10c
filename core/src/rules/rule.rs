//! A rule: its stable identity, its documentation, and the function that finds it.

use serde::{Deserialize, Serialize};

use super::checker::Checker;
use super::violation::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
/// What a rule is about.
pub enum Category {
    /// What the image carries that it does not need.
    Size,
    /// What makes rebuilds slower than they need to be.
    Cache,
    /// What makes two builds of the same file differ.
    Reproducibility,
    /// What exposes the image or the build.
    Security,
    /// What fails, or does not do what it seems to.
    Correctness,
    /// How the file is written.
    Style,
}

impl Category {
    /// Every category, in the order they are listed.
    pub const ALL: [Category; 6] = [
        Category::Size,
        Category::Cache,
        Category::Reproducibility,
        Category::Security,
        Category::Correctness,
        Category::Style,
    ];

    /// The name used in settings and output: `size`, `cache`...
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Size => "size",
            Category::Cache => "cache",
            Category::Reproducibility => "reproducibility",
            Category::Security => "security",
            Category::Correctness => "correctness",
            Category::Style => "style",
        }
    }
}

/// Whether the rule can fix what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// The rule has no fix.
    None,
    /// Some findings have a fix.
    Sometimes,
    /// Every finding has a fix.
    Always,
}

pub(crate) struct Rule {
    /// Stable code: hadolint's `DLxxxx` where the meaning matches, else `SFxxx`.
    pub code: &'static str,
    /// The bad pattern, kebab-case: `apt-install-recommends`.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Off-by-default rules run only when selected by code or name.
    pub default_enabled: bool,
    /// BuildKit's build-check name for the same finding (`JSONArgsRecommended`).
    pub buildkit: Option<&'static str>,
    pub fix: FixKind,
    /// The rule's documentation, from its doc comment.
    pub docs: &'static str,
    /// Programs (base names, as in `apt-get`) the rule looks for in shell commands: a file
    /// that runs none of them is skipped without running the check. Empty: always runs.
    pub programs: &'static [&'static str],
    pub check: fn(&Checker<'_>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rule({} {})", self.code, self.name)
    }
}

impl Rule {
    /// The first sentence under `## What it does`, on one line.
    pub(crate) fn summary(&self) -> String {
        let after = self
            .docs
            .split("## What it does")
            .nth(1)
            .unwrap_or(self.docs);
        let para = after.trim_start().split("\n\n").next().unwrap_or("");
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        match line.split_once(". ") {
            Some((first, _)) => format!("{first}."),
            None => line,
        }
    }

    /// The documentation with the doc-comment indentation removed.
    pub(crate) fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Declares a rule from its doc comment and metadata:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub(crate) static RULE = {
///         code: "DL3015", name: "apt-install-recommends", category: Size,
///         severity: Info, default_enabled: true, buildkit: None, fix: Always,
///         programs: ["apt-get"], check: check,
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            code: $code:literal,
            name: $rule_name:literal,
            category: $category:ident,
            severity: $severity:ident,
            default_enabled: $enabled:literal,
            buildkit: $buildkit:expr,
            fix: $fix:ident,
            $(programs: [$($program:literal),* $(,)?],)?
            check: $check:path $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $rule_name,
            category: $crate::rules::Category::$category,
            severity: $crate::rules::Severity::$severity,
            default_enabled: $enabled,
            buildkit: $buildkit,
            fix: $crate::rules::FixKind::$fix,
            docs: concat!($($doc, "\n"),*),
            programs: &[$($($program),*)?],
            check: $check,
        };
    };
}
