//! Rules about what makes the final image bigger than it needs to be.

pub mod apt_install_recommends;
pub mod apt_lists_not_deleted;
// tips
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
// dl3b
// bk
