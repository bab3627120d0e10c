//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
pub mod cd_in_run;
pub mod inline_ignore_pragma;
pub mod invalid_definition_description;
// dl3b
pub mod ln_bin_sh;
pub mod maintainer_deprecated;
pub mod redundant_target_platform;
pub mod wget_progress_bar;
// bk
pub mod expose_protocol_not_lowercase;
pub mod from_as_casing_mismatch;
pub mod inconsistent_instruction_casing;
pub mod legacy_key_value_format;
pub mod stage_name_not_lowercase;
