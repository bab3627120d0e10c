//! The one table of rules. Codes are forever: a retired or renamed code is redirected
//! below, never reused.

use super::rule::Rule;
#[allow(unused_imports)] // every category is listed so that new rules only add lines
use super::{cache, correctness, reproducibility, security, size, style};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &size::apt_install_recommends::RULE,
    &size::apt_lists_not_deleted::RULE,
    &correctness::syntax_error::RULE,
    &correctness::unknown_instruction::RULE,
    &correctness::unknown_flag::RULE,
    &correctness::missing_arguments::RULE,
    &correctness::empty_continuation_line::RULE,
    // tips
    // pm
    // dl3a
    // dl3b
    // bk
    &security::last_user_root::RULE,
    &security::remote_script_piped_to_shell::RULE,
    &security::tls_verification_disabled::RULE,
    &security::add_remote_without_checksum::RULE,
    &security::ssh_port_exposed::RULE,
    &security::secret_in_arg_or_env_value::RULE,
    &security::secret_name_in_arg_or_env::RULE,
    &style::inconsistent_instruction_casing::RULE,
    &style::from_as_casing_mismatch::RULE,
    &style::stage_name_not_lowercase::RULE,
    &correctness::reserved_stage_name::RULE,
    &correctness::undefined_variable::RULE,
    &correctness::undefined_arg_in_from::RULE,
    &correctness::invalid_default_arg_in_from::RULE,
    &style::legacy_key_value_format::RULE,
    &style::expose_protocol_not_lowercase::RULE,
    &correctness::expose_host_mapping::RULE,
    &style::redundant_target_platform::RULE,
    &correctness::from_platform_constant::RULE,
    &correctness::copy_ignored_file::RULE,
];

/// Codes that were renamed or merged: old → current.
pub static REDIRECTS: &[(&str, &str)] = &[];

/// A rule by code (`DL3015`, any case), by name (`apt-install-recommends`), or by BuildKit
/// check name (`JSONArgsRecommended`).
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    let id = id.trim();
    let code = REDIRECTS
        .iter()
        .find(|(old, _)| old.eq_ignore_ascii_case(id))
        .map_or(id, |(_, new)| *new);
    RULES.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code)
            || r.name.eq_ignore_ascii_case(id)
            || r.buildkit.is_some_and(|b| b.eq_ignore_ascii_case(id))
    })
}
