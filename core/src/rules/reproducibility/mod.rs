//! Rules about builds that give a different image each time they run.
// tips
// pm
// dl3a
// dl3b
pub mod dnf_package_unpinned;
pub mod dnf_upgrade;
pub mod go_install_unpinned;
pub mod yum_package_unpinned;
pub mod zypper_dist_upgrade;
pub mod zypper_package_unpinned;
// bk
