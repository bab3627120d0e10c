//! Rules about what makes the final image bigger than it needs to be.

pub mod apt_install_recommends;
pub mod apt_lists_not_deleted;
// tips
pub mod build_tools_in_final_image;
pub mod context_not_ignored;
pub mod dev_dependencies_installed;
pub mod full_base_image;
pub mod ownership_changed_in_separate_layer;
// pm
pub mod apk_cache_kept;
pub mod cleanup_in_separate_layer;
pub mod dnf_cache_not_cleaned;
pub mod npm_cache_not_cleaned;
pub mod pip_cache_kept;
pub mod yarn_cache_not_cleaned;
pub mod yum_cache_not_cleaned;
pub mod zypper_cache_not_cleaned;
// dl3a
pub mod archive_copied_then_extracted;
// dl3b
pub mod copy_whole_stage_filesystem;
pub mod curl_and_wget;
pub mod useradd_high_uid;
// bk
