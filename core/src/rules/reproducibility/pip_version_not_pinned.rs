use std::borrow::Cow;

use crate::declare_rule;
use crate::rules::messages::code_list;
use crate::rules::shared::pinning::named_packages;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::commands::is_pip;
use crate::semantic::commands::is_python;
use crate::semantic::commands::operands;
use crate::semantic::commands::subcommand;
use crate::syntax::shell::{Command, Word};

declare_rule! {
    /// ## What it does
    /// Checks for `pip install` (and `pipx install`) of a package without a version (`pip install flask`
    /// rather than `pip install flask==3.1.2`).
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs the newest release of the day: two builds
    /// of the same Dockerfile can differ, and a new release can break the image without
    /// any change to the Dockerfile.
    ///
    /// Not reported: installs from a requirements file (`-r`), with a constraints file
    /// (`-c`), of the current project (`.`), of a local path, wheel or sdist, of a VCS URL
    /// with a revision (`git+https://...@v1.2`). A variable is read through the value the
    /// stage gives it (`ENV`, an `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc
    /// make"` names two packages without a version; a value known only at build time (an
    /// `ARG` without a default, the base image's environment) is taken as pinned. Off by
    /// default, like the other version-pinning rules.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// RUN pip install --no-cache-dir flask==3.1.2
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3013](https://github.com/hadolint/hadolint/wiki/DL3013)
    /// - [pip: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    pub(crate) static RULE = {
        code: "DL3013",
        name: "pip-version-not-pinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["pip", "python", "pipx"],
        check: check,
    }
}

/// pip options that take a value as the next word.
const VALUE_OPTIONS: [&str; 40] = [
    "--abi",
    "-b",
    "--build",
    "-e",
    "--editable",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-i",
    "--index-url",
    "--implementation",
    "--no-binary",
    "--only-binary",
    "--platform",
    "--prefix",
    "--progress-bar",
    "--proxy",
    "--python",
    "--python-version",
    "--root",
    "--root-user-action",
    "--src",
    "-t",
    "--target",
    "--trusted-host",
    "--upgrade-strategy",
    "--cache-dir",
    "--log",
    "--timeout",
    "--retries",
    "--exists-action",
    "--cert",
    "--client-cert",
    "-C",
    "--config-settings",
    "--global-option",
    "--install-option",
    "--report",
    "--keyring-provider",
    "--use-feature",
];

const VERSION_SYMBOLS: [&str; 7] = ["==", ">=", "<=", ">", "<", "!=", "~="];

const VCS_SCHEMES: [&str; 5] = ["git+", "git:", "hg+", "svn+", "bzr+"];

fn check(checker: &Checker) {
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let (program, (args, sub), value_options) = match pip_install(command) {
                Some(found) => ("pip", found, &VALUE_OPTIONS[..]),
                None => match pipx_install(command) {
                    Some(found) => ("pipx", found, &PIPX_VALUE_OPTIONS[..]),
                    None => continue,
                },
            };
            if has_flag(args, &["-r", "--requirement", "-c", "--constraint"])
                || args
                    .iter()
                    .any(|w| w.value == "." || w.value.starts_with("-r"))
            {
                continue;
            }
            let unpinned: Vec<Cow<str>> = operands(args, sub, value_options)
                .flat_map(|w| named_packages(checker, index, script, w))
                .filter(|p| !pinned(p))
                .collect();
            if unpinned.is_empty() {
                continue;
            }
            checker.report(
                command.range,
                format!(
                    "`{program} install` without a version for {}",
                    code_list(&unpinned)
                ),
            );
        }
    }
}

/// `pip install ...` or `python -m pip install ...`: the arguments and the index of
/// `install` in them.
pub(crate) fn pip_install(command: &Command) -> Option<(&[Word], usize)> {
    let (program, args) = invocation(command)?;
    let args = if is_pip(program) {
        args
    } else if is_python(program) {
        let m = args.iter().position(|w| w.value == "-m")?;
        let module = args.get(m + 1)?;
        if !is_pip(basename(&module.value)) {
            return None;
        }
        &args[m + 2..]
    } else {
        return None;
    };
    let (sub, word) = subcommand(args, &VALUE_OPTIONS)?;
    (word.value == "install").then_some((args, sub))
}

/// Options of `pipx install` that take a separate value (pipx's `install --help`).
const PIPX_VALUE_OPTIONS: [&str; 5] = [
    "--python",
    "--pip-args",
    "--index-url",
    "--suffix",
    "--preinstall",
];

/// `pipx install ...`: the arguments and the index of `install` in them.
fn pipx_install(command: &Command) -> Option<(&[Word], usize)> {
    let (program, args) = invocation(command)?;
    if program != "pipx" {
        return None;
    }
    let (sub, word) = subcommand(args, &PIPX_VALUE_OPTIONS)?;
    (word.value == "install").then_some((args, sub))
}

/// `pip`, `pip3`, `pip3.12`; `python`, `python3.12`.
fn pinned(package: &str) -> bool {
    let vcs = VCS_SCHEMES.iter().any(|s| package.starts_with(s));
    VERSION_SYMBOLS.iter().any(|s| package.contains(s))
        || (vcs && package.contains('@'))
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
        || package.ends_with(".zip")
        || (!vcs && package.contains('/'))
}
