use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for instruction keywords whose casing differs from the file's majority:
    /// mixed case (`Run`, `EntryPoint`), or lower case in a file written in upper case
    /// (and the other way round).
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, but a file that mixes styles is harder to read and
    /// to search. The majority is counted as BuildKit counts it: the keywords of every
    /// stage (the `ARG`s before the first `FROM` are not counted nor checked); a tie
    /// means upper case.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// Run echo hello > /greeting.txt
    /// ENTRYPOINT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// RUN echo hello > /greeting.txt
    /// ENTRYPOINT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe: keywords are case-insensitive; the fix rewrites the keyword in the majority's
    /// case and touches nothing else.
    ///
    /// ## References
    /// - [BuildKit check ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    pub(crate) static RULE = {
        code: "SF510",
        name: "inconsistent-instruction-casing",
        category: Style,
        severity: Style,
        default_enabled: true,
        buildkit: Some("ConsistentInstructionCasing"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(first) = checker.df.stages().first() else {
        return;
    };
    let checked = || {
        checker.instructions()[first.from as usize..]
            .iter()
            .filter(|i| i.kind != InstructionKind::Unknown && !i.keyword.value.is_empty())
    };
    let (mut lower, mut upper) = (0usize, 0usize);
    for inst in checked() {
        let kw = inst.keyword.value.as_str();
        if !kw.bytes().any(|b| b.is_ascii_uppercase()) {
            lower += 1;
        } else if !kw.bytes().any(|b| b.is_ascii_lowercase()) {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for inst in checked() {
        let kw = inst.keyword.value.as_str();
        let consistent = if majority_lower {
            !kw.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            !kw.bytes().any(|b| b.is_ascii_lowercase())
        };
        if consistent {
            continue;
        }
        let wanted = if majority_lower {
            kw.to_ascii_lowercase()
        } else {
            kw.to_ascii_uppercase()
        };
        let case = if majority_lower { "lower" } else { "upper" };
        let fix = (checker.text(inst.keyword.range) == kw).then(|| {
            Fix::safe(
                format!("Write `{wanted}`"),
                vec![Edit::replace(inst.keyword.range, wanted.clone())],
            )
        });
        checker
            .report(
                inst.keyword.range,
                format!("`{kw}` is not in {case} case like most instructions"),
            )
            .fix_opt(fix);
    }
}
