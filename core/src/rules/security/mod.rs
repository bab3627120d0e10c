//! Rules about what puts the image or the build at risk.
// tips
pub mod secret_in_context;
// pm
// dl3a
// dl3b
// bk
