//! Rules about builds that give a different image each time they run.
// tips
// pm
pub mod npm_install_with_lockfile;
// dl3a
// dl3b
// bk
