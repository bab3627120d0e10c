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
pub mod copy_ignored_file;
pub mod expose_host_mapping;
pub mod from_platform_constant;
pub mod invalid_default_arg_in_from;
pub mod reserved_stage_name;
pub mod undefined_arg_in_from;
pub mod undefined_variable;
