//! What a rule sees: the file, its stages, lazily parsed shell scripts, the build context
//! and the rule options, and a way to report.

use std::cell::{Cell, OnceCell, RefCell};

use super::program_index::{programs_run, ProgramSet, ProgramsRun};
use super::queries_bk::GlobalArgs;
use super::rule::Rule;
use super::violation::{Savings, Severity, Violation};
use super::RuleOptions;
use crate::context::dockerignore::DockerIgnore;
use crate::context::Context;
use crate::edit::Fix;
use crate::syntax::shell::Script;
use crate::syntax::shell_view::{instruction_script, posix_shell_map};
use crate::syntax::{Dockerfile, Instruction, Parsed, Stage, TextRange};

pub(crate) struct Checker<'a> {
    pub parsed: &'a Parsed,
    pub df: &'a Dockerfile,
    pub context: &'a Context,
    pub options: &'a RuleOptions,
    scripts: Vec<OnceCell<Option<Script>>>,
    posix: Vec<bool>,
    programs: OnceCell<ProgramsRun>,
    global_args: OnceCell<GlobalArgs>,
    final_image: OnceCell<Vec<usize>>,
    rule: Cell<Option<(&'static Rule, Severity)>>,
    /// The programs the running rule looks for, when it declares them and runs filtered.
    needed: Cell<Option<&'static ProgramSet>>,
    violations: RefCell<Vec<Violation>>,
}

impl std::fmt::Debug for Checker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("instructions", &self.df.instructions().len())
            .finish()
    }
}

impl<'a> Checker<'a> {
    pub(crate) fn new(parsed: &'a Parsed, context: &'a Context, options: &'a RuleOptions) -> Self {
        let df = &parsed.dockerfile;
        let n = df.instructions().len();
        Checker {
            parsed,
            df,
            context,
            options,
            scripts: (0..n).map(|_| OnceCell::new()).collect(),
            posix: posix_shell_map(df),
            programs: OnceCell::new(),
            global_args: OnceCell::new(),
            final_image: OnceCell::new(),
            rule: Cell::new(None),
            needed: Cell::new(None),
            violations: RefCell::new(Vec::new()),
        }
    }

    pub fn source(&self) -> &'a str {
        self.df.source()
    }

    pub fn instructions(&self) -> &'a [Instruction] {
        self.df.instructions()
    }

    pub fn text(&self, range: TextRange) -> &'a str {
        range.slice(self.df.source())
    }

    /// The stage built by default: the last one.
    pub fn final_stage(&self) -> Option<&'a Stage> {
        self.df.stages().last()
    }

    /// The stage an instruction belongs to (`None` for ARGs before the first FROM).
    pub fn stage_of(&self, index: usize) -> Option<&'a Stage> {
        self.df
            .stages()
            .iter()
            .find(|s| s.instruction_range().contains(&index))
    }

    /// Whether the instruction ends up in the image built by default.
    pub fn in_final_stage(&self, index: usize) -> bool {
        self.final_stage()
            .is_some_and(|s| s.instruction_range().contains(&index))
    }

    /// Whether a POSIX shell runs the instruction's shell form (not `pwsh` or `cmd`).
    pub fn posix_shell(&self, index: usize) -> bool {
        self.posix.get(index).copied().unwrap_or(true)
    }

    /// The `.dockerignore` of the context, when there is one.
    pub fn dockerignore(&self) -> Option<&'a DockerIgnore> {
        self.context.ignore_rules()
    }

    /// The shell script a `RUN` (or a shell-form `CMD`/`ENTRYPOINT`) runs, with source
    /// ranges: its command line, plus the bodies of heredocs a shell reads. `None` for the
    /// exec form and under a non-POSIX `SHELL`.
    pub fn script(&self, index: usize) -> Option<&Script> {
        self.scripts
            .get(index)?
            .get_or_init(|| {
                let mut script = instruction_script(self.df, index, self.posix_shell(index))?;
                for command in &mut script.commands {
                    command.program_at = super::shell_queries::locate_program(command);
                }
                Some(script)
            })
            .as_ref()
    }

    /// The `ARG`s before the first `FROM`, read once for the rules that need them.
    pub fn global_args(&self) -> &GlobalArgs {
        self.global_args.get_or_init(|| GlobalArgs::read(self))
    }

    /// The instructions of the final image in build order (ancestor stages first), worked
    /// out once for the rules that look at what ships.
    pub fn final_image_instructions(&self) -> &[usize] {
        self.final_image
            .get_or_init(|| super::queries_tips::final_image_instructions(self))
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
    pub fn runs_rule_programs(&self, index: usize) -> bool {
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
    pub fn scripts_running_programs(&self) -> impl Iterator<Item = (usize, &Script)> + '_ {
        (0..self.instructions().len())
            .filter(|&index| self.runs_rule_programs(index))
            .filter_map(|index| Some((index, self.script(index)?)))
    }

    /// Starts a violation of the running rule; it is recorded when the value is dropped.
    pub fn report(&self, range: TextRange, message: impl Into<String>) -> Report<'_, 'a> {
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

    pub(crate) fn into_violations(self) -> Vec<Violation> {
        self.violations.into_inner()
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
    pub fn fix(mut self, fix: Fix) -> Self {
        if let Some(d) = &mut self.violation {
            d.fix = Some(fix);
        }
        self
    }

    pub fn fix_opt(self, fix: Option<Fix>) -> Self {
        match fix {
            Some(f) => self.fix(f),
            None => self,
        }
    }

    pub fn savings(mut self, savings: Option<Savings>) -> Self {
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
