use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `CMD` or `ENTRYPOINT` with nothing after it.
    ///
    /// ## Why is this bad?
    /// A bare `CMD` is the shell form of an empty command: BuildKit stores the shell alone,
    /// `["/bin/sh", "-c"]`. As the `CMD`, the container fails when it starts (`sh: -c
    /// requires an argument`); as the `ENTRYPOINT`, the shell takes the first word of the
    /// `CMD` for its script and the others for that script's `$0`, `$1`..., so
    /// `CMD ["nginx", "-g", "daemon off;"]` runs `nginx` without its arguments. To clear
    /// the command a base image sets, write the empty JSON array.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// ENTRYPOINT
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// ENTRYPOINT []
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## Fix safety
    /// No fix, advice only: `[]` would clear the command instead of storing the shell, as
    /// the author surely meant, but the image builds as written and the container would
    /// then run something else.
    ///
    /// ## References
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    /// - dockerfile-utils' validator, which reports an instruction without arguments
    pub(crate) static RULE = {
        code: "SF534",
        name: "empty-command",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if !matches!(
            inst.kind,
            InstructionKind::Cmd | InstructionKind::Entrypoint
        ) || !matches!(inst.args, Args::Empty)
            || !inst.flags.is_empty()
        {
            continue;
        }
        // Nothing at all after the keyword: `CMD --help"]` is a flag BuildKit rejects.
        let rest = checker
            .source()
            .get(inst.keyword.range.end as usize..inst.range.end as usize);
        if !rest.is_some_and(|rest| rest.trim().is_empty()) {
            continue;
        }
        let keyword = inst.kind.as_str();
        checker
            .report(
                inst.keyword.range,
                format!(
                    "`{keyword}` without a command stores the shell alone (`/bin/sh -c`): write `{keyword} []` to clear it"
                ),
            )
            .fix(Fix::display_only(format!("Write `{keyword} []`")));
    }
}
