//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
// dl3b
// bk
pub mod expose_protocol_not_lowercase;
pub mod from_as_casing_mismatch;
pub mod inconsistent_instruction_casing;
pub mod legacy_key_value_format;
pub mod redundant_target_platform;
pub mod stage_name_not_lowercase;
