//! Rules about whether the build works as written.

pub(super) mod empty_command;
pub(super) mod empty_continuation_line;
pub(super) mod invalid_argument;
pub(super) mod invalid_expose_port;
pub(super) mod invalid_flag;
pub(super) mod invalid_image_reference;
pub(super) mod json_array_single_quotes;
pub(super) mod missing_arguments;
pub(super) mod syntax_error;
pub(super) mod unclosed_quote_or_variable;
pub(super) mod unknown_flag;
pub(super) mod unknown_instruction;
// tips
// pm
pub(super) mod package_manager_flag_deprecated;
// dl3a
pub(super) mod add_instead_of_copy;
pub(super) mod apt_install_without_yes;
pub(super) mod apt_instead_of_apt_get;
pub(super) mod copy_from_own_stage;
pub(super) mod copy_from_unknown_stage;
pub(super) mod copy_multiple_sources_dest_not_dir;
pub(super) mod duplicate_stage_name;
pub(super) mod expose_port_out_of_range;
pub(super) mod from_platform_flag;
pub(super) mod healthcheck_missing;
pub(super) mod meaningless_command_in_run;
pub(super) mod multiple_healthchecks;
pub(super) mod multiple_instructions_disallowed;
pub(super) mod relative_workdir;
pub(super) mod shell_form_command;
pub(super) mod yum_install_without_yes;
// dl3b
pub(super) mod copy_relative_without_workdir;
pub(super) mod dnf_yes_missing;
pub(super) mod env_self_reference;
pub(super) mod instruction_before_from;
pub(super) mod multiple_cmd;
pub(super) mod multiple_entrypoint;
pub(super) mod onbuild_forbidden_trigger;
pub(super) mod pipe_without_pipefail;
pub(super) mod reserved_stage_name;
pub(super) mod shell_syntax_error;
pub(super) mod shell_without_command_flag;
pub(super) mod zypper_yes_missing;
// bk
pub(super) mod copy_ignored_file;
pub(super) mod expose_host_mapping;
pub(super) mod from_platform_constant;
pub(super) mod invalid_default_arg_in_from;
pub(super) mod undefined_arg_in_from;
pub(super) mod undefined_variable;

use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

/// Reports each problem of `kind` the parser noted: what BuildKit's instruction layer
/// rejects is found while parsing, and these rules only choose which to show.
fn report_parse_warnings(checker: &Checker, kind: SyntaxErrorKind) {
    for warning in checker.parsed.warnings.iter().filter(|w| w.kind == kind) {
        checker.report(warning.range, warning.message.clone());
    }
}
