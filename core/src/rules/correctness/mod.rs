//! Rules about whether the build works as written.

pub mod empty_continuation_line;
pub mod missing_arguments;
pub mod syntax_error;
pub mod unknown_flag;
pub mod unknown_instruction;
// tips
// pm
// dl3a
pub mod apt_install_without_yes;
pub mod apt_instead_of_apt_get;
pub mod meaningless_command_in_run;
pub mod yum_install_without_yes;
// dl3b
// bk
