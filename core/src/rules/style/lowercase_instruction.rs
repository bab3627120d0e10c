use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for instruction keywords not written in upper case (`run`, `From`), also
    /// in a file that writes them all in lower case, and in `ONBUILD` triggers.
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, but upper case is the convention of Docker's
    /// documentation and of nearly every Dockerfile: it sets the instructions apart from
    /// their arguments. dockerfile-utils (the Docker language server) reports it too.
    /// Off by default: `inconsistent-instruction-casing` (SF510) already reports a file
    /// that mixes styles, as BuildKit does; this one asks for one style.
    ///
    /// ## Example
    /// ```dockerfile
    /// from alpine
    /// run echo hello > /greeting.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// RUN echo hello > /greeting.txt
    /// ```
    ///
    /// ## Fix safety
    /// Safe: keywords are case-insensitive; the fix rewrites the keyword in upper case and
    /// touches nothing else.
    ///
    /// ## References
    /// - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    /// - dockerfile-utils' validator, which reports it too
    pub(crate) static RULE = {
        code: "SF533",
        name: "lowercase-instruction",
        category: Style,
        severity: Style,
        default_enabled: false,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        report(checker, inst);
        if let Some(trigger) = &inst.trigger {
            report(checker, trigger);
        }
    }
}

fn report(checker: &Checker, inst: &Instruction) {
    let keyword = inst.keyword.value.as_str();
    if inst.kind == InstructionKind::Unknown || !keyword.bytes().any(|b| b.is_ascii_lowercase()) {
        return;
    }
    let upper = keyword.to_ascii_uppercase();
    // A keyword split by a line continuation has no one range to rewrite.
    let fix = (checker.text(inst.keyword.range) == keyword).then(|| {
        Fix::safe(
            format!("Write `{upper}`"),
            vec![Edit::replace(inst.keyword.range, upper.clone())],
        )
    });
    checker
        .report(
            inst.keyword.range,
            format!("`{keyword}` is not in upper case"),
        )
        .fix_opt(fix);
}
