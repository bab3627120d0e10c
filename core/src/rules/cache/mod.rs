//! Rules about build-cache use: layers that rebuild more often than they need to.
// tips
// pm
pub mod apt_update_in_separate_layer;
pub mod consecutive_run;
pub mod short_runs_not_merged;
pub mod source_copied_before_dependencies;
// dl3a
// dl3b
pub mod bundler_without_cache_mount;
pub mod cargo_without_cache_mount;
pub mod composer_without_cache_mount;
pub mod go_without_cache_mount;
pub mod gradle_without_cache_mount;
pub mod maven_without_cache_mount;
pub mod mix_without_cache_mount;
pub mod npm_without_cache_mount;
pub mod nuget_without_cache_mount;
pub mod pnpm_without_cache_mount;
// bk
