//! Analysis: a parsed Dockerfile, its build context and a config → diagnostics.

mod checker;
mod config;
mod context;
mod diagnostic;
pub mod edits;
mod registry;
mod rule;
mod shell_queries;
mod suppressions;

pub mod cache;
pub mod correctness;
pub mod reproducibility;
pub mod security;
pub mod size;
pub mod style;

mod queries_bk;

#[cfg(test)]
mod doc_examples;

pub use checker::{Checker, Report};
pub use config::{Config, RuleSelector, SeverityOverride};
pub use context::{Context, ContextFile};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Savings, Severity};
pub use registry::{rule_by_id, REDIRECTS, RULES};
pub use rule::{Category, FixKind, Rule};

use crate::syntax::Parsed;

/// Runs every enabled rule over a parsed file. Diagnostics come back ordered by position.
pub fn analyze(parsed: &Parsed, context: &Context, config: &Config) -> Vec<Diagnostic> {
    let checker = Checker::new(parsed, context, config);
    for rule in RULES {
        if config.is_enabled(rule) {
            checker.run(rule);
        }
    }
    let suppressions = suppressions::Suppressions::read(&parsed.dockerfile);
    let mut diagnostics = checker.into_diagnostics();
    diagnostics.retain(|d| {
        let buildkit = rule_by_id(&d.code).is_some_and(|r| r.buildkit.is_some());
        !suppressions.is_suppressed(d, buildkit)
    });
    diagnostics.sort_by(|a, b| (a.range.start, &a.code).cmp(&(b.range.start, &b.code)));
    diagnostics
}
