use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;

declare_rule! {
    /// ## What it does
    /// Checks for `ln` replacing `/bin/sh` (`ln -sf /bin/bash /bin/sh`).
    ///
    /// ## Why is this bad?
    /// Relinking `/bin/sh` changes the shell of every program in the image that runs
    /// `sh`, not only of the Dockerfile's `RUN`s. To run the `RUN`s under another shell,
    /// say so with `SHELL ["/bin/bash", "-c"]`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4005](https://github.com/hadolint/hadolint/wiki/DL4005)
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    pub(crate) static RULE = {
        code: "DL4005",
        name: "ln-bin-sh",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["ln"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (_, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(("ln", args)) = program_with_args(command) else {
                continue;
            };
            let link = positionals(args, &["-S", "--suffix", "-t", "--target-directory"]).last();
            if link.is_some_and(|w| w.value == "/bin/sh") {
                checker.report(command.range, "`ln` over `/bin/sh`: use `SHELL` instead");
            }
        }
    }
}
