//! Rules about builds that give a different image each time they run.
// tips
pub mod latest_tag;
pub mod untagged_base_image;
// pm
pub mod npm_install_with_lockfile;
// dl3a
pub mod apk_version_not_pinned;
pub mod apt_version_not_pinned;
pub mod gem_version_not_pinned;
pub mod npm_version_not_pinned;
pub mod pip_version_not_pinned;
// dl3b
pub mod dnf_package_unpinned;
pub mod dnf_upgrade;
pub mod go_install_unpinned;
pub mod yum_package_unpinned;
pub mod zypper_dist_upgrade;
pub mod zypper_package_unpinned;
// bk
