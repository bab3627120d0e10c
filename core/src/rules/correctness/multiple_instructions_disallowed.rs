use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Reports a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later one of the same kind in
    /// the same stage replaces, on the instruction that has no effect, as BuildKit's check
    /// `MultipleInstructionsDisallowed` does (`docker build --check`).
    ///
    /// ## Why is this bad?
    /// A stage's image has one command, one entry point and one health check: only the
    /// last of each counts. The earlier ones mislead the reader, and are often a mistake
    /// (a `CMD` meant as a `RUN`).
    ///
    /// Off by default: `DL4003` (`CMD`), `DL4004` (`ENTRYPOINT`) and `DL3012`
    /// (`HEALTHCHECK`), on by default, report the same with hadolint's codes, on the later
    /// instruction. Select this rule (or `MultipleInstructionsDisallowed`) for BuildKit's
    /// reading; BuildKit's `# check=skip=MultipleInstructionsDisallowed` skips all four.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ENTRYPOINT ["node"]
    /// ENTRYPOINT ["node", "--enable-source-maps"]
    /// CMD ["server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// ENTRYPOINT ["node", "--enable-source-maps"]
    /// CMD ["server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// No fix: `DL4003` and `DL4004` offer removing the earlier instruction (unsafe).
    ///
    /// ## References
    /// - [BuildKit check MultipleInstructionsDisallowed](https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/)
    pub(crate) static RULE = {
        code: "SF527",
        name: "multiple-instructions-disallowed",
        category: Correctness,
        severity: Warning,
        default_enabled: false,
        buildkit: Some("MultipleInstructionsDisallowed"),
        fix: None,
        check: check,
    }
}

const USED_ONCE: [InstructionKind; 3] = [
    InstructionKind::Cmd,
    InstructionKind::Entrypoint,
    InstructionKind::Healthcheck,
];

fn check(checker: &Checker) {
    let insts = checker.instructions();
    for stage in checker.stages() {
        let mut last = [None; USED_ONCE.len()];
        for (index, inst) in insts[stage.instruction_range()].iter().enumerate() {
            let Some(kind) = USED_ONCE.iter().position(|&k| k == inst.kind) else {
                continue;
            };
            if let Some(earlier) = last[kind].replace(index) {
                let replaced = &insts[stage.instruction_range()][earlier];
                let name = inst.kind.as_str();
                checker.report(
                    replaced.range,
                    format!(
                        "`{name}` replaced by the one on line {}: only the last `{name}` of a stage takes effect",
                        inst.start_line
                    ),
                );
            }
        }
    }
}
