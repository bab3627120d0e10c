use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::fixes::append::{append_command, append_point};
use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::syntax::{Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` in the final stage that runs `apt-get install` and leaves apt's
    /// package lists (`/var/lib/apt/lists`) in the layer.
    ///
    /// ## Why is this bad?
    /// `apt-get update` downloads package indexes of 20–50 MB. Deleted in a later `RUN`,
    /// they still ship in the earlier layer; they must go in the same `RUN`.
    ///
    /// Not reported when the lists are removed in that `RUN` (also through a variable such
    /// as `rm -rf $APT_LISTS`), or kept out of the layer by a cache mount
    /// (`--mount=type=cache,target=/var/lib/apt/lists`), or in a builder stage that the
    /// final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& rm -rf /var/lib/apt/lists/*` to the end of the same `RUN`; later
    /// instructions that need the lists run `apt-get update` again anyway.
    ///
    /// ## References
    /// - [hadolint DL3009](https://github.com/hadolint/hadolint/wiki/DL3009)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["apt-get"],
        check: check,
    }
}

const LISTS: &str = "/var/lib/apt/lists";

fn check(checker: &Checker) {
    for (index, inst, script) in checker.shipped_run_scripts() {
        if checker.instructions()[index].kind != InstructionKind::Run || has_lists_cache_mount(inst)
        {
            continue;
        }
        let Some(install) = script
            .commands
            .iter()
            .find(|c| runs(c, &["apt-get"], &["install"], &APT_VALUE_OPTIONS).is_some())
        else {
            continue;
        };
        // `rm -rf /var/lib/apt/lists/*`, or apt 2.7's `apt-get dist-clean` (lists too).
        let cleaned = script.commands.iter().any(|c| match invocation(c) {
            Some(("rm", args)) => args.iter().any(|w| w.value.starts_with(LISTS) || w.dynamic),
            Some(("apt-get" | "apt", args)) => subcommand(args, &APT_VALUE_OPTIONS)
                .is_some_and(|(_, sub)| sub.value == "dist-clean"),
            _ => false,
        });
        if cleaned {
            continue;
        }
        // Append after the last top-level command, unless the script's shape makes that
        // unclear (a background job, a heredoc body, a parse problem).
        let fix = append_point(checker, index, script).map(|at| {
            let edit = append_command(checker, index, at, "rm -rf /var/lib/apt/lists/*");
            Fix::safe(
                "Remove `/var/lib/apt/lists/*` in the same `RUN`",
                vec![edit],
            )
        });
        checker
            .report(
                install.range,
                "`apt-get install` leaves `/var/lib/apt/lists` in the layer",
            )
            .fix_opt(fix);
    }
}

fn has_lists_cache_mount(inst: &Instruction) -> bool {
    inst.flags_named("mount").any(|f| {
        let v = f.value().unwrap_or("");
        v.contains("type=cache") && (v.contains("/var/lib/apt") || v.contains("/var/cache/apt"))
    })
}
