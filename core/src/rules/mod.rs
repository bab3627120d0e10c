//! Analysis: a parsed Dockerfile and its build context → violations, one rule at a time.

mod checker;
pub(crate) mod fixes;
mod program_index;
mod registry;
mod rule;
mod shared;
mod suppressions;
mod violation;

mod cache;
mod correctness;
mod reproducibility;
mod security;
mod size;
mod style;

mod messages;

#[cfg(test)]
mod case_settings;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod doc_examples;
#[cfg(test)]
mod fixture_tests;

pub(crate) use crate::context::{Context, ContextFile};
pub(crate) use checker::Checker;
pub(crate) use registry::{rule_by_id, rule_index, RULES};
pub(crate) use rule::Rule;
pub use rule::{Category, FixKind};
pub use violation::Severity;
pub(crate) use violation::{Savings, Violation};

use std::collections::BTreeMap;

use crate::api::Redactions;
use crate::knowledge::Flavor;
use crate::settings::LabelType;
use crate::syntax::Parsed;

/// What rules read from the settings besides their selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleOptions {
    /// Registries base images may come from (empty: any).
    pub trusted_registries: Vec<String>,
    /// The smaller variant to suggest.
    pub prefer: Flavor,
    /// Labels every image must carry, and what each holds.
    pub label_schema: BTreeMap<String, LabelType>,
    /// Labels outside the schema are reported.
    pub strict_labels: bool,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            trusted_registries: Vec::new(),
            prefer: Flavor::Slim,
            label_schema: BTreeMap::new(),
            strict_labels: false,
        }
    }
}

/// BuildKit's checks that run only when a file's `# check=experimental=...` directive (or
/// the build's settings) asks for them (`frontend/dockerfile/linter/ruleset.go`).
const BUILDKIT_EXPERIMENTAL_CHECKS: [&str; 1] = ["InvalidDefinitionDescription"];

/// Whether BuildKit's check `name` is experimental.
pub(crate) fn is_experimental_check(name: &str) -> bool {
    BUILDKIT_EXPERIMENTAL_CHECKS.contains(&name)
}

/// Which rules run and at which severity, indexed like [`RULES`]: `None` for a rule that
/// does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    severities: Vec<Option<Severity>>,
    /// BuildKit's experimental checks that are off by default only: a file's
    /// `# check=experimental=...` directive turns them on, as it does in BuildKit.
    on_request: Vec<Option<Severity>>,
}

impl Selection {
    pub(crate) fn new(severities: Vec<Option<Severity>>) -> Selection {
        let on_request = vec![None; severities.len()];
        Selection {
            severities,
            on_request,
        }
    }

    /// The same selection, where a file can turn on the rules at `on_request` (indexed like
    /// [`RULES`]).
    pub(crate) fn with_on_request(self, on_request: Vec<Option<Severity>>) -> Selection {
        Selection { on_request, ..self }
    }

    /// Whether the rule at `index` of [`RULES`] runs.
    #[cfg(test)]
    pub(crate) fn runs(&self, index: usize) -> bool {
        self.severities.get(index).is_some_and(Option::is_some)
    }
}

/// The rules to run, worked out once, to analyze many files.
#[derive(Clone, Debug)]
pub(crate) struct Analyzer {
    options: RuleOptions,
    /// The rules that run, in order, with their severity and the programs each looks for.
    rules: Vec<(
        &'static Rule,
        Severity,
        Option<&'static program_index::ProgramSet>,
    )>,
    /// Experimental BuildKit checks a file's `check` directive may turn on.
    on_request: Vec<(&'static Rule, Severity)>,
}

impl Analyzer {
    pub(crate) fn new(selection: &Selection, options: RuleOptions) -> Analyzer {
        let rules = selection
            .severities
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((RULES[i], (*s)?, program_index::needed_by(i))))
            .collect();
        let on_request = (selection.on_request.iter().enumerate())
            .filter_map(|(i, s)| Some((RULES[i], (*s)?)))
            .collect();
        Analyzer {
            options,
            rules,
            on_request,
        }
    }

    /// Runs every selected rule over a parsed file. Violations come back ordered by
    /// position, suppressed ones left out.
    pub(crate) fn analyze(&self, parsed: &Parsed, context: &Context) -> Vec<Violation> {
        let checker = Checker::new(parsed, context, &self.options);
        self.run(&checker);
        finish(checker.into_violations(), parsed)
    }

    /// [`Analyzer::analyze`], and what reports of the file must mask: the credential scan
    /// the rules ran (or, when none of them needed it, a scan made only if something was
    /// found), not a second one.
    pub(crate) fn analyze_redacting(
        &self,
        parsed: &Parsed,
        context: &Context,
    ) -> (Vec<Violation>, Redactions) {
        let checker = Checker::new(parsed, context, &self.options);
        self.run(&checker);
        let violations = finish(checker.take_violations(), parsed);
        let redactions = if violations.is_empty() {
            Redactions::default()
        } else {
            Redactions::from_credentials(checker.source(), checker.credentials())
        };
        (violations, redactions)
    }

    fn run(&self, checker: &Checker) {
        for &(rule, severity, needed) in &self.rules {
            if needed.is_some_and(|needed| !checker.runs_any(needed)) {
                continue;
            }
            checker.run(rule, severity, needed);
        }
        if self.on_request.is_empty() {
            return;
        }
        let requested = suppressions::experimental_checks(&checker.parsed.dockerfile);
        for &(rule, severity) in &self.on_request {
            if rule
                .buildkit
                .is_some_and(|check| requested.iter().any(|&r| r == "all" || r == check))
            {
                checker.run(rule, severity, None);
            }
        }
    }
}

/// Leaves out the suppressed violations and orders the rest by position.
fn finish(mut violations: Vec<Violation>, parsed: &Parsed) -> Vec<Violation> {
    let suppressions = suppressions::Suppressions::read(&parsed.dockerfile);
    if !suppressions.is_empty() {
        violations.retain(|d| !suppressions.is_suppressed(d));
    }
    // `# check=error=true`: the checks BuildKit reports stop its build, so they are errors.
    if suppressions.checks_fail_build {
        for v in &mut violations {
            if suppressions::is_buildkit_check(v.code) {
                v.severity = Severity::Error;
            }
        }
    }
    violations.sort_by(|a, b| (a.range.start, a.code).cmp(&(b.range.start, b.code)));
    violations
}

/// Runs one rule over a file whatever the settings select, also on files and scripts that
/// run none of the programs the rule looks for; suppression comments are not applied. For
/// testing that a rule's declared programs cover everything it reports.
#[cfg(test)]
pub(crate) fn run_rule(rule: &'static Rule, parsed: &Parsed, context: &Context) -> Vec<Violation> {
    let options = RuleOptions::default();
    let checker = Checker::new(parsed, context, &options);
    checker.run(rule, rule.severity, None);
    checker.into_violations()
}

/// Whether [`Analyzer::analyze`] looks at the rule for this file at all: false when the
/// rule looks for programs (its `programs`) the file never runs, whatever the settings.
#[cfg(test)]
pub(crate) fn rule_applies(rule: &'static Rule, parsed: &Parsed) -> bool {
    let Some(needed) = rule_index(rule.code).and_then(program_index::needed_by) else {
        return true;
    };
    let (context, options) = (Context::default(), RuleOptions::default());
    Checker::new(parsed, &context, &options).runs_any(needed)
}

/// Analyzes a file with `settings`, for tests of rules.
#[cfg(test)]
pub(crate) fn analyze(
    parsed: &Parsed,
    context: &Context,
    settings: &crate::Settings,
) -> Vec<Violation> {
    Analyzer::new(&settings.selection(), settings.rule_options()).analyze(parsed, context)
}
