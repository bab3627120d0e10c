use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::program_index;

declare_rule! {
    /// ## What it does
    /// Checks for `sudo` in a `RUN`.
    ///
    /// ## Why is this bad?
    /// A `RUN` already runs as the `USER` in effect: as root, `sudo` adds nothing but a
    /// package and a configuration file to the image; as another user, it needs a
    /// password-less sudoers entry, which hands root to anything running in the
    /// container. Its environment and TTY handling also differ from a plain command. Run
    /// root steps before switching `USER`, and use `gosu` or `su-exec` to drop
    /// privileges at run time.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3004](https://github.com/hadolint/hadolint/wiki/DL3004)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3004",
        name: "sudo-in-run",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["sudo"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (_index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let end = program_index(command).unwrap_or(0);
            let Some(word) = command
                .words
                .iter()
                .take(end + 1)
                .find(|w| basename(&w.value) == "sudo")
            else {
                continue;
            };
            checker.report(word.range, "`sudo` in a `RUN`");
        }
    }
}
