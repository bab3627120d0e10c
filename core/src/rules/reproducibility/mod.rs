//! Rules about builds that give a different image each time they run.
// tips
pub(super) mod latest_tag;
pub(super) mod untagged_base_image;
// pm
pub(super) mod npm_install_with_lockfile;
// dl3a
pub(super) mod apk_version_not_pinned;
pub(super) mod apt_version_not_pinned;
pub(super) mod gem_version_not_pinned;
pub(super) mod npm_version_not_pinned;
pub(super) mod pip_version_not_pinned;
// dl3b
pub(super) mod dnf_package_unpinned;
pub(super) mod dnf_upgrade;
pub(super) mod go_install_unpinned;
pub(super) mod yum_package_unpinned;
pub(super) mod zypper_dist_upgrade;
pub(super) mod zypper_package_unpinned;
// bk
