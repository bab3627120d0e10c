use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::runs;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `--no-install-recommends`.
    ///
    /// ## Why is this bad?
    /// apt installs every package's "recommended" packages by default: documentation,
    /// optional tools and their libraries, often tens of megabytes the image never uses.
    ///
    /// The rule stays quiet when recommends are turned off another way: with
    /// `-o APT::Install-Recommends=false`, or by an earlier `RUN` of the stage writing
    /// `APT::Install-Recommends "false"` into apt's configuration.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: a package may need something it only recommends (a CA bundle, a locale), and
    /// the build or the program can fail without it.
    ///
    /// ## References
    /// - [hadolint DL3015](https://github.com/hadolint/hadolint/wiki/DL3015)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3015",
        name: "apt-install-recommends",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["apt-get"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let mut configured_off = false;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind == InstructionKind::From {
            configured_off = false;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if checker.text(inst.range).contains("APT::Install-Recommends") {
            let text = checker.text(inst.range);
            configured_off |=
                text.contains("\"false\"") || text.contains("\"0\"") || text.contains("=false");
        }
        if configured_off || !checker.runs_rule_programs(index) {
            continue;
        }
        for command in &script.commands {
            let Some(args) = runs(command, &["apt-get"], &["install"], &APT_VALUE_OPTIONS) else {
                continue;
            };
            let turned_off = has_flag(args, &["--no-install-recommends"])
                || args.iter().any(|w| {
                    w.value.starts_with("APT::Install-Recommends=")
                        && matches!(
                            &w.value["APT::Install-Recommends=".len()..],
                            "false" | "0" | "no"
                        )
                });
            if turned_off {
                continue;
            }
            let install = args
                .iter()
                .find(|w| w.value == "install")
                .map(|w| w.range.end);
            let fix = install.map(|at| {
                Fix::unsafe_(
                    "Add `--no-install-recommends`",
                    vec![Edit::insert(at, " --no-install-recommends")],
                )
            });
            checker
                .report(
                    command.range,
                    "`apt-get install` without `--no-install-recommends`",
                )
                .fix_opt(fix);
        }
    }
}
