use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::base_images::OsFamily;
use crate::knowledge::package_managers::os_package_name;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::commands::program_with_args;
use crate::semantic::images::official_base;
use crate::semantic::stage_model::os_install;
use crate::semantic::stages::{last_in_lineage, stage_chain_of};
use crate::semantic::tool_versions::known_base;
use crate::syntax::shell::{Command, RedirectOp};

declare_rule! {
    /// ## What it does
    /// Checks for `wget` without `--progress`, `-q` (`--quiet`), `-nv` (`--no-verbose`) or
    /// a log file (`-o`, `-a`).
    ///
    /// ## Why is this bad?
    /// Without a terminal, GNU wget prints its progress as one line of dots per few
    /// kilobytes: downloading a large file fills the build log with thousands of lines.
    ///
    /// Not reported when the command's standard error is redirected.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN wget https://example.com/big.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN wget --progress=dot:giga https://example.com/big.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: adds `--progress=dot:giga`, which BusyBox's `wget` (Alpine's default)
    /// rejects. The fix is offered only where the `wget` is GNU Wget: installed by a package
    /// manager of the stage, or the one of a known base image that is not Alpine or
    /// BusyBox. On an image not known here (it may be built on Alpine) it is advice.
    ///
    /// ## References
    /// - [hadolint DL3047](https://github.com/hadolint/hadolint/wiki/DL3047)
    pub(crate) static RULE = {
        code: "DL3047",
        name: "wget-progress-bar",
        category: Style,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["wget"],
        check: check,
    }
}

const QUIET: [&str; 14] = [
    "--progress",
    "-q",
    "--quiet",
    "-nv",
    "--no-verbose",
    "-o",
    "--output-file",
    "-a",
    "--append-output",
    "-b",
    "--background",
    "-V",
    "--version",
    "--help",
];

fn check(checker: &Checker) {
    // The instructions that install GNU Wget, found at the first `wget`.
    let mut installers: Option<Vec<u32>> = None;
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(("wget", args)) = program_with_args(command) else {
                continue;
            };
            if has_flag(args, &QUIET) || stderr_redirected(command) {
                continue;
            }
            let fix = command
                .words
                .iter()
                .find(|w| basename(&w.value) == "wget")
                .filter(|_| {
                    let installers = installers.get_or_insert_with(|| wget_installers(checker));
                    gnu_wget(checker, index, installers)
                })
                .map(|w| {
                    Fix::unsafe_(
                        "Add `--progress=dot:giga`",
                        vec![Edit::insert(w.range.end, " --progress=dot:giga")],
                    )
                });
            checker
                .report(command.range, "`wget` without `--progress` or `-q`")
                .fix_opt(fix);
        }
    }
}

fn stderr_redirected(command: &Command) -> bool {
    command.redirects.iter().any(|r| match r.op {
        RedirectOp::WriteAll | RedirectOp::AppendAll => true,
        RedirectOp::Write | RedirectOp::Append | RedirectOp::Clobber | RedirectOp::DupOut => {
            r.fd == Some(2)
        }
        _ => false,
    })
}

/// Whether the `wget` of instruction `index` is GNU Wget, which reads `--progress`: one a
/// package manager of the stages installed (`wget` is GNU's in every distribution, Alpine
/// too), or the one of a known base image that is not Alpine's or BusyBox's. An unknown
/// base may be built on Alpine (`docker:27`, many vendors' images), whose BusyBox `wget`
/// rejects the option.
fn gnu_wget(checker: &Checker, index: usize, installers: &[u32]) -> bool {
    let installed = checker
        .script(index)
        .is_some_and(|s| s.commands.iter().any(installs_wget))
        || last_in_lineage(checker, index, installers).is_some();
    installed
        || known_base(checker, index).is_some_and(|b| b.os != OsFamily::Alpine)
            && !busybox_base(checker, index)
}

/// The instructions with a command that installs `wget` with the OS package manager, in
/// file order. Read from the commands, not the stage models, which few files need built.
fn wget_installers(checker: &Checker) -> Vec<u32> {
    (0..checker.instructions().len())
        .filter(|&i| {
            checker
                .script(i)
                .is_some_and(|s| s.commands.iter().any(installs_wget))
        })
        .map(|i| i as u32)
        .collect()
}

fn installs_wget(c: &Command) -> bool {
    invocation(c)
        .and_then(|(program, args)| os_install(program, args))
        .is_some_and(|i| i.packages.iter().any(|p| os_package_name(p) == "wget"))
}

/// Whether the stage is built on Alpine or BusyBox, whose `wget` is BusyBox's.
fn busybox_base(checker: &Checker, index: usize) -> bool {
    let alpine_tag = stage_chain_of(checker, index).last().is_none_or(|s| {
        s.unresolved
            || s.resolved_image
                .as_deref()
                .is_some_and(|image| image.contains("alpine"))
    });
    alpine_tag
        || matches!(
            official_base(checker, index).map(|(name, _)| name),
            Some("alpine" | "busybox")
        )
}
