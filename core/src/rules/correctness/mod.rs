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
