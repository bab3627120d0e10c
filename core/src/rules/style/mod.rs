//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
pub(super) mod cd_in_run;
pub(super) mod inline_ignore_pragma;
pub(super) mod invalid_definition_description;
// dl3b
pub(super) mod ln_bin_sh;
pub(super) mod maintainer_deprecated;
pub(super) mod redundant_target_platform;
pub(super) mod wget_progress_bar;
// bk
pub(super) mod expose_protocol_not_lowercase;
pub(super) mod from_as_casing_mismatch;
pub(super) mod inconsistent_instruction_casing;
pub(super) mod legacy_key_value_format;
pub(super) mod stage_name_not_lowercase;
