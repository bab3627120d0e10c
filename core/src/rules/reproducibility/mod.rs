//! Rules about builds that give a different image each time they run.
// tips
pub mod latest_tag;
pub mod untagged_base_image;
// pm
// dl3a
// dl3b
// bk
