use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::base_images::PIP_NO_CACHE_DIR_SINCE;
use crate::rules::shared::cache_cleanup::cleaned_after;
use crate::rules::Checker;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::pip_command;
use crate::semantic::instructions::cache_mounted;
use crate::semantic::stages::Marked;
use crate::semantic::tool_versions::{distro_pip_may_predate_6, pip_major};
use crate::semantic::variables::env_setting;
use crate::semantic::variables::EnvSetting;
use crate::syntax::shell::Command;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `pip install` without `--no-cache-dir` in a `RUN` of the final image.
    ///
    /// ## Why is this bad?
    /// pip keeps every wheel it downloads or builds in `~/.cache/pip`. An image installs
    /// once, so the cache is dead weight: often tens of megabytes, more for packages with
    /// large wheels (numpy, torch).
    ///
    /// Not reported when the cache is turned off another way: `PIP_NO_CACHE_DIR` set by
    /// `ENV`, `ARG` or in the `RUN` itself (pip reads any value as "no cache", even `0`),
    /// pip's configuration written or copied earlier in the stage (`no-cache-dir` in
    /// `pip.conf`); when `--cache-dir` is given explicitly, or options come from a variable
    /// (`pip install $PIP_OPTS x`); when the cache is removed in the
    /// same `RUN` (`pip cache purge`, `rm -rf ~/.cache/pip`) or kept out of the layer by a
    /// cache mount (`--mount=type=cache,target=/root/.cache/pip`); or in a builder stage the
    /// final image does not inherit. As in hadolint, `pipx` and `pipenv` are not pip.
    ///
    /// Differs from hadolint, which reads `PIP_NO_CACHE_DIR=0` (`false`, `no`, `off`) as
    /// leaving the cache on; pip turns it off for every such value: see
    /// docs/hadolint-differences.md.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.14-slim
    /// COPY requirements.txt .
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.14-slim
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds `--no-cache-dir` after `install`. pip installs the same packages; it only
    /// stops keeping a copy of them. Where the image's pip is known to predate pip 6 (the
    /// distribution's `python-pip` on Ubuntu 14.04 or Debian 8, old `python` image tags),
    /// which has neither the cache nor the option, the fix is advice only; so it is for the
    /// distribution's pip on a language image whose tag names no Debian release and that
    /// was last built on an archived one (`node:6`: Debian 8 or 9, the file does not say).
    ///
    /// ## References
    /// - [hadolint DL3042](https://github.com/hadolint/hadolint/wiki/DL3042)
    /// - [pip: caching](https://pip.pypa.io/en/stable/topics/caching/)
    /// - [pip: environment variables](https://pip.pypa.io/en/stable/topics/configuration/#environment-variables)
    pub(crate) static RULE = {
        code: "DL3042",
        name: "pip-cache-kept",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["pip", "python"],
        check: check,
    }
}

const HOME_CACHE: [&str; 1] = [".cache/pip"];

fn check(checker: &Checker) {
    let mut configuring_instructions: Option<Marked> = None;
    for (index, run, script) in checker.shipped_run_scripts() {
        let installs = script.commands.iter().filter_map(|c| {
            let (sub, args) = pip_command(c)?;
            (sub.value == "install").then_some((c, sub, args))
        });
        let mut installs = installs.peekable();
        if installs.peek().is_none() {
            continue;
        }
        let inst = &checker.instructions()[index];
        if checker.text(inst.range).contains("PIP_NO_CACHE_DIR=")
            || configured_off(
                checker,
                index,
                configuring_instructions.get_or_insert_with(|| configuring(checker)),
            )
        {
            continue;
        }
        let mut absolute: Vec<String> = Vec::new();
        match env_setting(checker, index, &["PIP_CACHE_DIR"]) {
            Some(EnvSetting::Value(v)) => absolute.push(v),
            Some(EnvSetting::Unknown) => continue,
            None => {}
        }
        let absolute: Vec<&str> = absolute.iter().map(String::as_str).collect();
        if cache_mounted(run, &HOME_CACHE, &absolute) {
            continue;
        }
        for (command, install, args) in installs {
            if may_have_flag(args, &["--no-cache-dir", "--cache-dir"]) {
                continue;
            }
            let purges = |c: &Command| {
                pip_command(c).is_some_and(|(sub, args)| {
                    sub.value == "cache"
                        && args
                            .iter()
                            .any(|w| w.value == "purge" || w.value == "remove")
                })
            };
            if cleaned_after(
                checker,
                (index, script),
                command,
                (&HOME_CACHE, &absolute),
                purges,
            ) {
                continue;
            }
            // pip before 6 has no `--no-cache-dir` (and keeps no cache).
            let fix = match pip_major(checker, index, command.range.start) {
                Some(major) if major < PIP_NO_CACHE_DIR_SINCE => Fix::display_only(format!(
                    "Upgrade pip first: this image's pip ({major}.x) has no `--no-cache-dir` (and keeps no cache)"
                )),
                None if distro_pip_may_predate_6(checker, index, command.range.start) => {
                    Fix::display_only(
                        "Add `--no-cache-dir` once pip is upgraded: the image may be on Debian 8, whose pip (1.5) has no such option",
                    )
                }
                _ => Fix::safe(
                    "Add `--no-cache-dir`",
                    vec![Edit::insert(install.range.end, " --no-cache-dir")],
                ),
            };
            checker
                .report(command.range, "`pip install` without `--no-cache-dir`")
                .fix(fix);
        }
    }
}

/// Whether `PIP_NO_CACHE_DIR` is set for the instruction, or pip's configuration was
/// written (`pip config set global.no-cache-dir ...`, a `pip.conf` echoed or copied) before:
/// `configuring` lists the instructions that write it.
fn configured_off(checker: &Checker, index: usize, configuring: &Marked) -> bool {
    env_setting(checker, index, &["PIP_NO_CACHE_DIR"]).is_some()
        || configuring.before(checker, index)
}

/// The instructions that write pip's configuration, in order: found once, as every
/// `pip install` asks whether one came before it.
fn configuring(checker: &Checker) -> Marked {
    let insts = checker.instructions();
    let found = (0..insts.len())
        .filter(|&i| {
            let inst = &insts[i];
            match inst.kind {
                InstructionKind::Run => {
                    let text = checker.text(inst.range);
                    // One scan rules out nearly every RUN: each setting names `no-cache-dir`.
                    text.contains("no-cache-dir")
                        && (text.contains("global.no-cache-dir")
                            || text.contains("install.no-cache-dir")
                            || text.contains("pip.conf")
                            || text.contains("pip.ini"))
                }
                InstructionKind::Copy | InstructionKind::Add => match &inst.args {
                    Args::List(words) => words
                        .iter()
                        .any(|w| w.value.contains("pip.conf") || w.value.contains("pip.ini")),
                    Args::Exec { items, .. } => items
                        .iter()
                        .any(|w| w.value.contains("pip.conf") || w.value.contains("pip.ini")),
                    _ => false,
                },
                _ => false,
            }
        })
        .collect();
    Marked::new(checker, found)
}
