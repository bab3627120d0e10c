//! Rules about what puts the image or the build at risk.
// tips
// pm
// dl3a
// dl3b
// bk
pub mod last_user_root;
pub mod ssh_port_exposed;
