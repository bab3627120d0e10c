//! Rules about builds that give a different image each time they run.
// tips
// pm
// dl3a
// dl3b
pub mod go_install_unpinned;
// bk
