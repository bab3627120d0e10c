//! Rules about what makes the final image bigger than it needs to be.

pub(super) mod apt_install_recommends;
pub(super) mod apt_lists_not_deleted;
// tips
pub(super) mod build_tools_in_final_image;
pub(super) mod context_not_ignored;
pub(super) mod dev_dependencies_installed;
pub(super) mod full_base_image;
pub(super) mod ownership_changed_in_separate_layer;
// pm
pub(super) mod apk_cache_kept;
pub(super) mod apk_index_kept;
pub(super) mod cleanup_in_separate_layer;
pub(super) mod dnf_cache_not_cleaned;
pub(super) mod npm_cache_not_cleaned;
pub(super) mod pip_cache_kept;
pub(super) mod yarn_cache_not_cleaned;
pub(super) mod yum_cache_not_cleaned;
pub(super) mod zypper_cache_not_cleaned;
// dl3a
pub(super) mod archive_copied_then_extracted;
// dl3b
pub(super) mod copy_whole_stage_filesystem;
pub(super) mod curl_and_wget;
pub(super) mod useradd_high_uid;
// bk
