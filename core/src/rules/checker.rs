//! What a rule sees: the file's semantic model (through `Deref`), the build context, the
//! rule options, and a way to report.

use std::cell::{Cell, OnceCell, RefCell};

use super::program_index::{programs_run, ProgramSet, ProgramsRun};
use super::rule::Rule;
use super::violation::{Savings, Severity, Violation};
use super::RuleOptions;
use crate::context::dockerignore::DockerIgnore;
use crate::context::Context;
use crate::edit::Fix;
use crate::paths::source_sends;
use crate::semantic::instructions::run_of;
use crate::semantic::Semantic;
use crate::syntax::shell::Script;
use crate::syntax::{Args, Instruction, Parsed, TextRange};

pub(crate) struct Checker<'a> {
    /// The file's semantic model; the checker derefs to it.
    model: Semantic<'a>,
    pub context: &'a Context,
    pub options: &'a RuleOptions,
    programs: OnceCell<ProgramsRun>,
    rule: Cell<Option<(&'static Rule, Severity)>>,
    /// The programs the running rule looks for, when it declares them and runs filtered.
    needed: Cell<Option<&'static ProgramSet>>,
    violations: RefCell<Vec<Violation>>,
    /// The ranges of exec-form `RUN`s, which no fix edits (see [`Report::fix`]).
    exec_runs: OnceCell<Vec<TextRange>>,
    /// Whether the source holds a `\r` (CRLF line endings, which fixes must keep).
    carriage_returns: OnceCell<bool>,
}

impl std::fmt::Debug for Checker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("instructions", &self.df.instructions().len())
            .finish()
    }
}

impl<'a> std::ops::Deref for Checker<'a> {
    type Target = Semantic<'a>;

    fn deref(&self) -> &Semantic<'a> {
        &self.model
    }
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parsed: &'a Parsed, context: &'a Context, options: &'a RuleOptions) -> Self {
        Checker {
            model: Semantic::new(parsed),
            context,
            options,
            programs: OnceCell::new(),
            rule: Cell::new(None),
            needed: Cell::new(None),
            violations: RefCell::new(Vec::new()),
            exec_runs: OnceCell::new(),
            carriage_returns: OnceCell::new(),
        }
    }

    /// The `.dockerignore` of the context, when there is one.
    pub(crate) fn dockerignore(&self) -> Option<&'a DockerIgnore> {
        self.context.ignore_rules()
    }

    /// Whether some shell command of the file runs one of `programs`.
    pub(crate) fn runs_any(&self, programs: &ProgramSet) -> bool {
        self.programs_run().file.intersects(programs)
    }

    fn programs_run(&self) -> &ProgramsRun {
        self.programs.get_or_init(|| programs_run(self))
    }

    /// Whether instruction `index` runs a program the running rule declares (true when the
    /// rule declares none, or runs unfiltered).
    pub(crate) fn runs_rule_programs(&self, index: usize) -> bool {
        self.needed.get().is_none_or(|needed| {
            self.programs_run()
                .by_instruction
                .get(index)
                .is_some_and(|set| set.intersects(needed))
        })
    }

    /// The scripts (with their instruction index) that run a program the running rule
    /// declares, for rules that look at each such script on its own; every script when
    /// the rule declares none.
    pub(crate) fn scripts_running_programs(&self) -> impl Iterator<Item = (usize, &Script)> + '_ {
        (0..self.instructions().len())
            .filter(|&index| self.runs_rule_programs(index))
            .filter_map(|index| Some((index, self.script(index)?)))
    }

    /// The `RUN`s (also under `ONBUILD`) that run a program the running rule declares,
    /// with their index and script: what most rules about commands look at.
    pub(crate) fn run_scripts(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Instruction, &Script)> + '_ {
        self.scripts_running_programs()
            .filter_map(|(index, script)| {
                Some((index, run_of(&self.instructions()[index])?, script))
            })
    }

    /// [`Checker::run_scripts`] for the `RUN`s whose layers ship in the image built by
    /// default: what the rules about image size look at.
    pub(crate) fn shipped_run_scripts(
        &self,
    ) -> impl Iterator<Item = (usize, &'a Instruction, &Script)> + '_ {
        self.run_scripts()
            .filter(|(index, _, _)| self.ships(*index))
    }

    /// Whether a context file reaches the image through a `COPY`/`ADD` of `sources`: a
    /// source names it (or a directory above it, or the whole context), and the
    /// `.dockerignore` does not leave it out.
    pub(crate) fn sends_file(&self, sources: &[&str], file: &str) -> bool {
        sources.iter().any(|s| source_sends(s, file))
            && !self.dockerignore().is_some_and(|ig| ig.is_ignored(file))
    }

    /// Starts a violation of the running rule; it is recorded when the value is dropped.
    pub(crate) fn report(&self, range: TextRange, message: impl Into<String>) -> Report<'_, 'a> {
        let violation = self.rule.get().map(|(rule, severity)| Violation {
            code: rule.code,
            name: rule.name,
            severity,
            message: message.into(),
            range,
            fix: None,
            savings: None,
        });
        Report {
            checker: self,
            violation,
        }
    }

    /// Runs a rule; with `needed`, [`Checker::scripts_running_programs`] skips the scripts
    /// that run none of those programs.
    pub(crate) fn run(
        &self,
        rule: &'static Rule,
        severity: Severity,
        needed: Option<&'static ProgramSet>,
    ) {
        self.rule.set(Some((rule, severity)));
        self.needed.set(needed);
        (rule.check)(self);
        self.needed.set(None);
        self.rule.set(None);
    }

    /// Whether the source holds a `\r`, looked for once per file: most files have none, and
    /// their fixes need no line-ending work.
    fn has_carriage_returns(&self) -> bool {
        *self
            .carriage_returns
            .get_or_init(|| memchr::memchr(b'\r', self.source().as_bytes()).is_some())
    }

    /// Whether an edit falls in an exec-form `RUN` (`RUN ["pip", "install", "x"]`): rules
    /// read its command as any other, but their edits are shell syntax, which would break
    /// the JSON (a pure insertion at its start, a line before it, is outside).
    fn edits_exec_run(&self, edit: TextRange) -> bool {
        let runs = self.exec_runs.get_or_init(|| {
            self.df
                .instructions()
                .iter()
                .filter(|inst| {
                    run_of(inst).is_some_and(|run| matches!(run.args, Args::Exec { .. }))
                })
                .map(|inst| inst.range)
                .collect()
        });
        runs.iter().any(|run| {
            if edit.is_empty() {
                run.start < edit.start && edit.start <= run.end
            } else {
                edit.start < run.end && run.start < edit.end
            }
        })
    }

    pub(crate) fn into_violations(self) -> Vec<Violation> {
        self.violations.into_inner()
    }

    /// The violations reported so far, leaving the model for a look after the rules.
    pub(crate) fn take_violations(&self) -> Vec<Violation> {
        self.violations.take()
    }
}

/// A violation being built; recorded on drop.
pub(crate) struct Report<'c, 'a> {
    checker: &'c Checker<'a>,
    violation: Option<Violation>,
}

impl std::fmt::Debug for Report<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("violation", &self.violation)
            .finish()
    }
}

impl Report<'_, '_> {
    pub(crate) fn fix(mut self, mut fix: Fix) -> Self {
        if self.checker.has_carriage_returns() {
            crate::edit::match_line_endings(&mut fix.edits, self.checker.source());
        }
        let in_exec_run = fix
            .edits
            .iter()
            .any(|e| self.checker.edits_exec_run(e.range));
        let fix = if in_exec_run {
            Fix::display_only(fix.title)
        } else {
            fix
        };
        if let Some(d) = &mut self.violation {
            d.fix = Some(fix);
        }
        self
    }

    pub(crate) fn fix_opt(self, fix: Option<Fix>) -> Self {
        match fix {
            Some(f) => self.fix(f),
            None => self,
        }
    }

    pub(crate) fn savings(mut self, savings: Option<Savings>) -> Self {
        if let Some(d) = &mut self.violation {
            d.savings = savings;
        }
        self
    }
}

impl Drop for Report<'_, '_> {
    fn drop(&mut self) {
        if let Some(d) = self.violation.take() {
            self.checker.violations.borrow_mut().push(d);
        }
    }
}
