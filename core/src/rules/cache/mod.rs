//! Rules about build-cache use: layers that rebuild more often than they need to.
// tips
// pm
pub(super) mod apt_update_in_separate_layer;
pub(super) mod consecutive_run;
pub(super) mod short_runs_not_merged;
pub(super) mod source_copied_before_dependencies;
// dl3a
// dl3b
pub(super) mod bundler_without_cache_mount;
pub(super) mod cargo_without_cache_mount;
pub(super) mod composer_without_cache_mount;
pub(super) mod go_without_cache_mount;
pub(super) mod gradle_without_cache_mount;
pub(super) mod maven_without_cache_mount;
pub(super) mod mix_without_cache_mount;
pub(super) mod npm_without_cache_mount;
pub(super) mod nuget_without_cache_mount;
pub(super) mod pnpm_without_cache_mount;
// bk
