//! Rules about what puts the image or the build at risk.
// tips
pub mod secret_in_context;
// pm
// dl3a
pub mod sudo_in_run;
pub mod untrusted_registry;
// dl3b
// bk
