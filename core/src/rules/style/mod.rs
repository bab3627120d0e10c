//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
pub(super) mod cd_in_run;
pub(super) mod inline_ignore_pragma;
pub(super) mod invalid_definition_description;
pub(super) mod label_empty;
pub(super) mod label_key_invalid;
pub(super) mod label_missing;
pub(super) mod label_not_email;
pub(super) mod label_not_git_hash;
pub(super) mod label_not_rfc3339;
pub(super) mod label_not_semver;
pub(super) mod label_not_spdx;
pub(super) mod label_not_url;
pub(super) mod label_superfluous;
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
pub(super) mod lowercase_instruction;
pub(super) mod stage_name_not_lowercase;
