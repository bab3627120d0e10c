//! Rules about what puts the image or the build at risk.
// tips
// pm
// dl3a
// dl3b
// bk
pub mod add_remote_without_checksum;
pub mod last_user_root;
pub mod remote_script_piped_to_shell;
pub mod secret_in_arg_or_env_value;
pub mod secret_name_in_arg_or_env;
pub mod ssh_port_exposed;
pub mod tls_verification_disabled;
