//! Rules about whether the build works as written.

pub mod empty_continuation_line;
pub mod missing_arguments;
pub mod syntax_error;
pub mod unknown_flag;
pub mod unknown_instruction;
// tips
// pm
// dl3a
// dl3b
// bk

use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

/// Reports each problem of `kind` the parser noted: what BuildKit's instruction layer
/// rejects is found while parsing, and these rules only choose which to show.
fn report_parse_warnings(checker: &Checker, kind: SyntaxErrorKind) {
    for warning in checker.parsed.warnings.iter().filter(|w| w.kind == kind) {
        checker.report(warning.range, warning.message.clone());
    }
}
