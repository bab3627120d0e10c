//! Instructions that take effect once per stage (`CMD`, `ENTRYPOINT`): an earlier one
//! is dead.

use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::instructions::instruction_lines;
use crate::syntax::Instruction;
use crate::syntax::InstructionKind;
/// Reports every `kind` instruction (`CMD`, `ENTRYPOINT`) that follows another in the same
/// stage, with an unsafe fix deleting the earlier one, which has no effect (`DL4003`,
/// `DL4004`).
pub(crate) fn check_used_once(checker: &Checker, kind: InstructionKind) {
    let insts = checker.instructions();
    for stage in checker.stages() {
        let mut previous: Option<&Instruction> = None;
        for inst in &insts[stage.instruction_range()] {
            if inst.kind != kind {
                continue;
            }
            if let Some(earlier) = previous {
                let name = kind.as_str();
                checker
                    .report(
                        inst.keyword.range,
                        format!("Several `{name}`s in one stage: only the last takes effect"),
                    )
                    .fix(Fix::unsafe_(
                        format!("Remove the earlier `{name}`"),
                        vec![Edit::delete(instruction_lines(checker, earlier))],
                    ));
            }
            previous = Some(inst);
        }
    }
}
