use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::program_index;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;

declare_rule! {
    /// ## What it does
    /// Checks for `apt` in a `RUN`.
    ///
    /// ## Why is this bad?
    /// `apt` is the command-line tool for people at a terminal: its output and
    /// behaviour may change between releases, and it warns that it "does not have a
    /// stable CLI interface" when used in scripts. `apt-get` and `apt-cache` are the
    /// stable tools for scripts and Dockerfiles.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt update && apt install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: replaces `apt` with `apt-get` for the subcommands both tools have (`update`,
    /// `install`, `upgrade`, `remove`, ...), which do the same work; `apt upgrade` becomes
    /// `apt-get upgrade --with-new-pkgs`, since `apt`'s upgrade installs the new packages an
    /// upgrade needs where `apt-get`'s holds those upgrades back. No fix for `apt`-only
    /// subcommands (`list`, `search`, `show`...).
    ///
    /// ## References
    /// - [hadolint DL3027](https://github.com/hadolint/hadolint/wiki/DL3027)
    /// - [apt(8): script usage](https://manpages.debian.org/trixie/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS)
    pub(crate) static RULE = {
        code: "DL3027",
        name: "apt-instead-of-apt-get",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["apt"],
        check: check,
    }
}

/// `apt` subcommands that `apt-get` has with the same meaning.
const APT_GET_SUBCOMMANDS: [&str; 14] = [
    "update",
    "install",
    "upgrade",
    "dist-upgrade",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "build-dep",
    "source",
    "download",
    "check",
    "satisfy",
];

fn check(checker: &Checker) {
    for (_index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(at) = program_index(command) else {
                continue;
            };
            let word = &command.words[at];
            if basename(&word.value) != "apt" {
                continue;
            }
            let args = &command.words[at + 1..];
            let sub = subcommand(args, &APT_VALUE_OPTIONS)
                .map(|(_, sub)| sub)
                .filter(|sub| APT_GET_SUBCOMMANDS.contains(&sub.value.as_str()));
            let fix = sub
                .filter(|_| checker.text(word.range) == "apt")
                .map(|sub| {
                    let mut edits = vec![Edit::replace(word.range, "apt-get")];
                    // `apt upgrade` installs the new packages an upgrade needs, which
                    // `apt-get upgrade` holds back unless told to.
                    if sub.value == "upgrade" {
                        edits.push(Edit::insert(sub.range.end, " --with-new-pkgs"));
                    }
                    Fix::safe("Replace `apt` with `apt-get`", edits)
                });
            checker
                .report(
                    command.range,
                    "`apt` in a `RUN`: use `apt-get` or `apt-cache`",
                )
                .fix_opt(fix);
        }
    }
}
