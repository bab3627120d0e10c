//! Rule bodies that several rules share: each checks one family of commands the same way
//! (pinned versions, cache mounts, cache cleanup, settings configured in the image).

pub(crate) mod build_reads;
pub(crate) mod cache_cleanup;
pub(crate) mod cache_mounts;
pub(crate) mod configured;
pub(crate) mod consecutive_runs;
pub(crate) mod kept_files;
pub(crate) mod labels;
pub(crate) mod name_set;
pub(crate) mod pinning;
pub(crate) mod shell_values;
pub(crate) mod used_once;
pub(crate) mod yarn;
