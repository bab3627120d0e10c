use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::program;
use crate::syntax::shell::GroupKind;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `cd` in a `RUN`.
    ///
    /// ## Why is this bad?
    /// `cd` lasts until the end of the `RUN`: the next instruction starts in the
    /// `WORKDIR` again, which is easy to forget, and long `cd a && ... && cd ..` chains
    /// are hard to follow. `WORKDIR` sets the directory for every later instruction, and
    /// creates it when needed.
    ///
    /// A `cd` inside a subshell (`(cd src && make)`) or a command substitution
    /// (`$(cd "$dir" && pwd)`) is not reported: it does not change the directory of what
    /// follows.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25
    /// RUN cd /src && go build ./...
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.25
    /// WORKDIR /src
    /// RUN go build ./...
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3003](https://github.com/hadolint/hadolint/wiki/DL3003)
    /// - [Docker best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    pub(crate) static RULE = {
        code: "DL3003",
        name: "cd-in-run",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["cd"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, script) in checker.scripts_running_programs() {
        let inst = &checker.instructions()[index];
        if inst.kind != InstructionKind::Run {
            continue;
        }
        let isolated = |range: crate::syntax::TextRange| {
            script
                .groups
                .iter()
                .any(|g| g.kind != GroupKind::Brace && g.range.contains_range(range))
        };
        // One report per RUN: the first `cd` is where the habit shows.
        let first = script
            .commands
            .iter()
            .find(|c| program(c) == Some("cd") && !c.in_substitution && !isolated(c.range));
        if let Some(command) = first {
            checker.report(
                command.range,
                "`cd` in a `RUN`: use `WORKDIR` to switch to a directory",
            );
        }
    }
}
