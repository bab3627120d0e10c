//! Rules about what puts the image or the build at risk.
// tips
pub mod credential_in_instruction;
pub mod secret_in_context;
// pm
// dl3a
pub mod sudo_in_run;
pub mod untrusted_registry;
// dl3b
pub mod copy_whole_context;
pub mod secret_in_arg_or_env;
pub mod user_not_numeric;
// bk
pub mod add_remote_without_checksum;
pub mod last_user_root;
pub mod remote_script_piped_to_shell;
pub mod secret_in_arg_or_env_value;
pub mod ssh_port_exposed;
pub mod tls_verification_disabled;
