//! Rules about what makes the final image bigger than it needs to be.

pub mod apt_install_recommends;
pub mod apt_lists_not_deleted;
// tips
// pm
// dl3a
// dl3b
pub mod copy_whole_stage_filesystem;
pub mod curl_and_wget;
pub mod useradd_high_uid;
// bk
