//! What the analyzer reports, and the fixes it proposes.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    /// `error`, `warning`, `info`, `style` (and hadolint's `ignore`/`none` as `None`).
    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "style" => Some(Severity::Style),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps the build's behaviour: applied by default.
    Safe,
    /// May change behaviour: applied only when asked (`--unsafe-fixes`).
    Unsafe,
    /// Shown as a suggestion, never applied.
    DisplayOnly,
}

/// Replace the text of `range` with `content` (an empty range inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub range: TextRange,
    pub content: Cow<'static, str>,
}

impl Edit {
    pub fn insert(at: u32, content: impl Into<Cow<'static, str>>) -> Edit {
        Edit {
            range: TextRange::empty(at),
            content: content.into(),
        }
    }

    pub fn replace(range: TextRange, content: impl Into<Cow<'static, str>>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit {
            range,
            content: Cow::Borrowed(""),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// An imperative: "Add `--no-install-recommends`".
    pub title: Cow<'static, str>,
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
    /// Lines to add to the context's `.dockerignore` (a fix may have only these).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dockerignore: Vec<String>,
}

impl Fix {
    fn new(
        title: impl Into<Cow<'static, str>>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
            dockerignore: Vec::new(),
        }
    }

    pub fn safe(title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    pub fn display_only(title: impl Into<Cow<'static, str>>) -> Fix {
        Fix::new(title, Applicability::DisplayOnly, Vec::new())
    }

    /// A safe fix that adds `entries` to the `.dockerignore` (never removing a line).
    pub fn ignore_entries(title: impl Into<Cow<'static, str>>, entries: Vec<String>) -> Fix {
        Fix {
            dockerignore: entries,
            ..Fix::new(title, Applicability::Safe, Vec::new())
        }
    }

    /// Whether applying it changes anything.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.dockerignore.is_empty()
    }
}

/// An estimate of the bytes a fix takes out of the final image, and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Savings {
    pub bytes: u64,
    /// Where the number comes from: "node:latest 442.4 MB → node:26-slim 84.6 MB (repo-info)".
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule's code and name: static for every rule, owned when deserialized.
    pub code: Cow<'static, str>,
    pub name: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
    pub savings: Option<Savings>,
}
