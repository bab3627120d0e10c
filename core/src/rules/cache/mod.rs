//! Rules about build-cache use: layers that rebuild more often than they need to.
// tips
// pm
pub mod apt_update_in_separate_layer;
pub mod consecutive_run;
pub mod source_copied_before_dependencies;
// dl3a
// dl3b
// bk
