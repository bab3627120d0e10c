//! Rules about whether the build works as written.

pub mod empty_continuation_line;
pub mod missing_arguments;
pub mod syntax_error;
pub mod unknown_flag;
pub mod unknown_instruction;
// tips
// pm
pub mod package_manager_flag_deprecated;
// dl3a
pub mod add_instead_of_copy;
pub mod apt_install_without_yes;
pub mod apt_instead_of_apt_get;
pub mod copy_from_own_stage;
pub mod copy_from_unknown_stage;
pub mod copy_multiple_sources_dest_not_dir;
pub mod duplicate_stage_name;
pub mod expose_port_out_of_range;
pub mod from_platform_flag;
pub mod meaningless_command_in_run;
pub mod multiple_healthchecks;
pub mod relative_workdir;
pub mod shell_form_command;
pub mod yum_install_without_yes;
// dl3b
pub mod copy_relative_without_workdir;
pub mod dnf_yes_missing;
pub mod env_self_reference;
pub mod instruction_before_from;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod onbuild_forbidden_trigger;
pub mod pipe_without_pipefail;
pub mod reserved_stage_name;
pub mod zypper_yes_missing;
// bk
pub mod copy_ignored_file;
pub mod expose_host_mapping;
pub mod from_platform_constant;
pub mod invalid_default_arg_in_from;
pub mod undefined_arg_in_from;
pub mod undefined_variable;

use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

/// Reports each problem of `kind` the parser noted: what BuildKit's instruction layer
/// rejects is found while parsing, and these rules only choose which to show.
fn report_parse_warnings(checker: &Checker, kind: SyntaxErrorKind) {
    for warning in checker.parsed.warnings.iter().filter(|w| w.kind == kind) {
        checker.report(warning.range, warning.message.clone());
    }
}
