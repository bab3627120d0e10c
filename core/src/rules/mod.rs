//! Analysis: a parsed Dockerfile, its build context and a config → diagnostics.

mod checker;
mod config;
mod context;
mod diagnostic;
pub mod edits;
mod program_index;
mod queries_dl3a;
mod registry;
mod rule;
mod shell_queries;
mod suppressions;

mod queries_dl3b;

pub mod cache;
pub mod correctness;
mod queries_pm;
mod queries_tips;
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
/// To check many files with one config, build an [`Analyzer`] once instead.
pub fn analyze(parsed: &Parsed, context: &Context, config: &Config) -> Vec<Diagnostic> {
    Analyzer::new(config.clone()).analyze(parsed, context)
}

/// A config with its rule selection worked out, to analyze many files.
#[derive(Clone, Debug)]
pub struct Analyzer {
    config: Config,
    /// The rules that run, in order, with the programs each looks for.
    rules: Vec<(&'static Rule, Option<&'static program_index::ProgramSet>)>,
}

impl Analyzer {
    pub fn new(config: Config) -> Analyzer {
        let enabled = config.enabled_rules();
        let rules = (0..RULES.len())
            .filter(|&i| enabled[i])
            .map(|i| (RULES[i], program_index::needed_by(i)))
            .collect();
        Analyzer { config, rules }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs every enabled rule over a parsed file. Diagnostics come back ordered by position.
    pub fn analyze(&self, parsed: &Parsed, context: &Context) -> Vec<Diagnostic> {
        let checker = Checker::new(parsed, context, &self.config);
        for &(rule, needed) in &self.rules {
            if needed.is_some_and(|needed| !checker.runs_any(needed)) {
                continue;
            }
            checker.run(rule, needed);
        }
        let mut diagnostics = checker.into_diagnostics();
        let suppressions = suppressions::Suppressions::read(&parsed.dockerfile);
        if !suppressions.is_empty() {
            diagnostics.retain(|d| !suppressions.is_suppressed(d));
        }
        diagnostics.sort_by(|a, b| (a.range.start, &a.code).cmp(&(b.range.start, &b.code)));
        diagnostics
    }
}

/// Runs one rule over a file whatever the config selects, also on files and scripts that
/// run none of the programs the rule looks for; suppression comments are not applied. For trying a
/// rule, and for testing that a rule's declared programs cover everything it reports.
pub fn run_rule(rule: &'static Rule, parsed: &Parsed, context: &Context) -> Vec<Diagnostic> {
    let config = Config::default();
    let checker = Checker::new(parsed, context, &config);
    checker.run(rule, None);
    checker.into_diagnostics()
}

/// Whether [`analyze`] looks at the rule for this file at all: false when the rule looks for
/// programs (its `programs`) the file never runs, whatever the config.
pub fn rule_applies(rule: &'static Rule, parsed: &Parsed) -> bool {
    let index = RULES.iter().position(|r| std::ptr::eq(*r, rule));
    let Some(needed) = index.and_then(program_index::needed_by) else {
        return true;
    };
    let (context, config) = (Context::default(), Config::default());
    Checker::new(parsed, &context, &config).runs_any(needed)
}
