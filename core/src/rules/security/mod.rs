//! Rules about what puts the image or the build at risk.
// tips
// pm
// dl3a
// dl3b
pub mod copy_whole_context;
pub mod secret_in_arg_or_env;
pub mod user_not_numeric;
// bk
