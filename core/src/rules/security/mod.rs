//! Rules about what puts the image or the build at risk.
// tips
pub(super) mod credential_in_instruction;
pub(super) mod secret_in_context;
// pm
// dl3a
pub(super) mod sudo_in_run;
pub(super) mod untrusted_registry;
// dl3b
pub(super) mod copy_whole_context;
pub(super) mod secret_in_arg_or_env;
pub(super) mod user_not_numeric;
// bk
pub(super) mod add_remote_without_checksum;
pub(super) mod last_user_root;
pub(super) mod remote_script_piped_to_shell;
pub(super) mod secret_in_arg_or_env_value;
pub(super) mod ssh_port_exposed;
pub(super) mod tls_verification_disabled;
