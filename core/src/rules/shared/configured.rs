//! Package managers configured once in the image (`Assume-Yes`, `assumeyes`) need no
//! flag on each command afterwards.

use crate::rules::Checker;
use crate::semantic::instructions::run_of;
use crate::syntax::shell::Script;
use crate::syntax::InstructionKind;
/// Calls `f` with each `RUN` (`ONBUILD` triggers included) and its script, until an
/// earlier `RUN` of the stage mentions `setting` (`Assume-Yes`, `assumeyes`): a package
/// manager configured to answer yes needs no flag afterwards.
pub(crate) fn runs_until_configured(checker: &Checker, setting: &str, mut f: impl FnMut(&Script)) {
    let mut configured = false;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind == InstructionKind::From {
            configured = false;
        }
        if configured || run_of(inst).is_none() {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if checker.text(inst.range).contains(setting) {
            configured = true;
            continue;
        }
        if checker.runs_rule_programs(index) {
            f(script);
        }
    }
}
