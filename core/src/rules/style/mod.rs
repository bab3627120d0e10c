//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
pub mod cd_in_run;
pub mod inline_ignore_pragma;
// dl3b
pub mod ln_bin_sh;
pub mod maintainer_deprecated;
pub mod redundant_target_platform;
pub mod wget_progress_bar;
// bk
