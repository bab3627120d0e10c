use crate::declare_rule;
use crate::rules::messages::code_list;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::operands;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;

declare_rule! {
    /// ## What it does
    /// Checks for `gem install` of a gem without a version (`gem install bundler`
    /// rather than `gem install bundler:2.7.2` or `gem install bundler -v 2.7.2`).
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs the newest release of the day: two builds
    /// of the same Dockerfile can differ, and a new release can break the image without
    /// any change to the Dockerfile.
    ///
    /// Gems given by a variable and local `.gem` files are not reported. Off by default,
    /// like the other version-pinning rules.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.4-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.4-slim
    /// RUN gem install bundler:2.7.2
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3028](https://github.com/hadolint/hadolint/wiki/DL3028)
    /// - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    pub(crate) static RULE = {
        code: "DL3028",
        name: "gem-version-not-pinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["gem"],
        check: check,
    }
}

/// gem install options that take a value as the next word.
const VALUE_OPTIONS: [&str; 18] = [
    "-v",
    "--version",
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-p",
    "--http-proxy",
    "--platform",
    "-P",
    "--trust-policy",
    "-g",
    "--file",
    "--build-root",
    "-B",
    "--bulk-threshold",
];

fn check(checker: &Checker) {
    for (_index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(args) = runs(command, &["gem"], &["install", "i"], &VALUE_OPTIONS) else {
                continue;
            };
            if has_flag(args, &["--version"]) || args.iter().any(|w| w.value.starts_with("-v")) {
                continue;
            }
            let Some((sub, _)) = subcommand(args, &VALUE_OPTIONS) else {
                continue;
            };
            // Words after `--` go to the gem's build, not to `gem install`.
            let end = args
                .iter()
                .position(|w| w.value == "--")
                .unwrap_or(args.len());
            let unpinned: Vec<&str> = operands(&args[..end], sub, &VALUE_OPTIONS)
                .filter(|w| !w.dynamic && !w.value.contains(':') && !w.value.ends_with(".gem"))
                .map(|w| w.value.as_str())
                .collect();
            if unpinned.is_empty() {
                continue;
            }
            checker.report(
                command.range,
                format!(
                    "`gem install` without a version for {}",
                    code_list(&unpinned)
                ),
            );
        }
    }
}
