//! What a rule reports: a violation at a byte range of the source, with its fix and the
//! image bytes it would save. The public, positioned form is [`crate::Diagnostic`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::edit::Fix;
use crate::syntax::TextRange;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails or does something the author cannot have meant.
    Error,
    /// Likely to cost size, time, reproducibility or security.
    Warning,
    /// Worth knowing; often a cheap improvement.
    Info,
    /// Style only.
    Style,
}

impl Severity {
    /// `error`, `warning`, `info`, `style`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    /// `error`, `warning` (or `warn`), `info`, `style`, in any case.
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

/// An estimate of the bytes a fix takes out of the final image, and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Savings {
    pub bytes: u64,
    /// Where the number comes from: "node:latest 442.4 MB → node:26-slim 84.6 MB (repo-info)".
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Violation {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    pub fix: Option<Fix>,
    pub savings: Option<Savings>,
}

impl Violation {
    /// The fix's title, for matching a fix across passes.
    pub(crate) fn fix_title(&self) -> Option<&Cow<'static, str>> {
        self.fix.as_ref().map(|f| &f.title)
    }
}
