//! Rules about what makes the final image bigger than it needs to be.

pub mod apt_install_recommends;
pub mod apt_lists_not_deleted;
// tips
// pm
// dl3a
pub mod archive_copied_then_extracted;
// dl3b
// bk
