use std::borrow::Cow;

use crate::declare_rule;
use crate::rules::messages::code_list;
use crate::rules::shared::pinning::named_packages;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::syntax::shell::Word;

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
    /// Local `.gem` files are not reported. A variable is read through the value the stage
    /// gives it (`ENV`, an `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc make"`
    /// names two packages without a version; a value known only at build time (an `ARG`
    /// without a default, the base image's environment) is taken as pinned. Off by default,
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

/// `gem install` options that take no value (`gem help install`): a word after any other
/// option (one gem does not know, such as a build flag given without `--`) is read as
/// that option's value, as hadolint reads it, rather than as a gem.
const FLAG_OPTIONS: [&str; 36] = [
    "-l",
    "--local",
    "-r",
    "--remote",
    "-b",
    "--both",
    "-N",
    "--no-document",
    "--document",
    "-E",
    "--env-shebang",
    "--no-env-shebang",
    "-f",
    "--force",
    "--no-force",
    "-w",
    "--wrappers",
    "--no-wrappers",
    "--prerelease",
    "--no-prerelease",
    "--development",
    "--development-all",
    "--conservative",
    "--minimal-deps",
    "--user-install",
    "--no-user-install",
    "--ignore-dependencies",
    "--format-executable",
    "--no-format-executable",
    "--lock",
    "--no-lock",
    "--suggestions",
    "--no-suggestions",
    "--default",
    "-q",
    "--quiet",
];

/// The gems a `gem install` names: its words that are not options or option values.
fn gem_operands(args: &[Word]) -> impl Iterator<Item = &Word> {
    let mut skip_next = false;
    args.iter().filter(move |w| {
        let v = w.value.as_str();
        if std::mem::take(&mut skip_next) {
            return false;
        }
        if v.starts_with('-') && v.len() > 1 {
            skip_next = !v.contains('=')
                && (VALUE_OPTIONS.contains(&v)
                    || (v.starts_with("--") && !FLAG_OPTIONS.contains(&v)));
            return false;
        }
        true
    })
}

fn check(checker: &Checker) {
    for (index, _, script) in checker.run_scripts() {
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
            let unpinned: Vec<Cow<str>> = gem_operands(&args[sub + 1..end])
                .flat_map(|w| named_packages(checker, index, script, w))
                .filter(|p| !p.contains(':') && !p.ends_with(".gem"))
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
