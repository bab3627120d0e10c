//! The one table of rules. Codes are forever: a retired or renamed code is redirected
//! below, never reused.

use super::rule::Rule;
#[allow(unused_imports)] // every category is listed so that new rules only add lines
use super::{cache, correctness, reproducibility, security, size, style};

/// Every rule. Analysis runs them in this order; reports are sorted by position.
pub(crate) static RULES: &[&Rule] = &[
    &size::apt_install_recommends::RULE,
    &size::apt_lists_not_deleted::RULE,
    &correctness::syntax_error::RULE,
    &correctness::unknown_instruction::RULE,
    &correctness::unknown_flag::RULE,
    &correctness::invalid_flag::RULE,
    &correctness::invalid_argument::RULE,
    &correctness::missing_arguments::RULE,
    &correctness::empty_continuation_line::RULE,
    &correctness::shell_syntax_error::RULE,
    // tips
    &reproducibility::untagged_base_image::RULE,
    &reproducibility::latest_tag::RULE,
    &size::full_base_image::RULE,
    &size::dev_dependencies_installed::RULE,
    &size::ownership_changed_in_separate_layer::RULE,
    &size::build_tools_in_final_image::RULE,
    &size::context_not_ignored::RULE,
    &security::secret_in_context::RULE,
    // pm
    &size::npm_cache_not_cleaned::RULE,
    &size::pip_cache_kept::RULE,
    &size::apk_cache_kept::RULE,
    &size::apk_index_kept::RULE,
    &size::yum_cache_not_cleaned::RULE,
    &size::dnf_cache_not_cleaned::RULE,
    &size::zypper_cache_not_cleaned::RULE,
    &size::yarn_cache_not_cleaned::RULE,
    &reproducibility::npm_install_with_lockfile::RULE,
    &correctness::package_manager_flag_deprecated::RULE,
    &cache::consecutive_run::RULE,
    &cache::short_runs_not_merged::RULE,
    &cache::apt_update_in_separate_layer::RULE,
    &cache::source_copied_before_dependencies::RULE,
    &size::cleanup_in_separate_layer::RULE,
    // dl3a
    &style::inline_ignore_pragma::RULE,
    &correctness::relative_workdir::RULE,
    &correctness::meaningless_command_in_run::RULE,
    &style::cd_in_run::RULE,
    &security::sudo_in_run::RULE,
    &reproducibility::apt_version_not_pinned::RULE,
    &size::archive_copied_then_extracted::RULE,
    &correctness::expose_port_out_of_range::RULE,
    &correctness::multiple_healthchecks::RULE,
    &correctness::multiple_instructions_disallowed::RULE,
    &correctness::invalid_image_reference::RULE,
    &correctness::json_array_single_quotes::RULE,
    &correctness::unclosed_quote_or_variable::RULE,
    &correctness::invalid_expose_port::RULE,
    &correctness::shell_without_command_flag::RULE,
    &correctness::empty_command::RULE,
    &reproducibility::pip_version_not_pinned::RULE,
    &correctness::apt_install_without_yes::RULE,
    &reproducibility::npm_version_not_pinned::RULE,
    &reproducibility::apk_version_not_pinned::RULE,
    &correctness::add_instead_of_copy::RULE,
    &correctness::copy_multiple_sources_dest_not_dir::RULE,
    &correctness::copy_from_unknown_stage::RULE,
    &correctness::copy_from_own_stage::RULE,
    &correctness::duplicate_stage_name::RULE,
    &correctness::shell_form_command::RULE,
    &security::untrusted_registry::RULE,
    &correctness::apt_instead_of_apt_get::RULE,
    &reproducibility::gem_version_not_pinned::RULE,
    &correctness::from_platform_flag::RULE,
    &correctness::yum_install_without_yes::RULE,
    // dl3b
    &reproducibility::yum_package_unpinned::RULE,
    &correctness::zypper_yes_missing::RULE,
    &reproducibility::zypper_dist_upgrade::RULE,
    &reproducibility::zypper_package_unpinned::RULE,
    &correctness::dnf_yes_missing::RULE,
    &reproducibility::dnf_upgrade::RULE,
    &reproducibility::dnf_package_unpinned::RULE,
    &correctness::onbuild_forbidden_trigger::RULE,
    &correctness::env_self_reference::RULE,
    &correctness::copy_relative_without_workdir::RULE,
    &size::useradd_high_uid::RULE,
    &style::wget_progress_bar::RULE,
    &style::label_key_invalid::RULE,
    &style::label_missing::RULE,
    &style::label_superfluous::RULE,
    &style::label_empty::RULE,
    &style::label_not_url::RULE,
    &style::label_not_rfc3339::RULE,
    &style::label_not_spdx::RULE,
    &style::label_not_git_hash::RULE,
    &style::label_not_semver::RULE,
    &correctness::healthcheck_missing::RULE,
    &style::label_not_email::RULE,
    &correctness::instruction_before_from::RULE,
    &reproducibility::go_install_unpinned::RULE,
    &correctness::reserved_stage_name::RULE,
    &security::secret_in_arg_or_env::RULE,
    &style::redundant_target_platform::RULE,
    &security::user_not_numeric::RULE,
    &size::copy_whole_stage_filesystem::RULE,
    &cache::npm_without_cache_mount::RULE,
    &cache::cargo_without_cache_mount::RULE,
    &cache::go_without_cache_mount::RULE,
    &cache::maven_without_cache_mount::RULE,
    &cache::gradle_without_cache_mount::RULE,
    &cache::composer_without_cache_mount::RULE,
    &cache::nuget_without_cache_mount::RULE,
    &cache::pnpm_without_cache_mount::RULE,
    &cache::mix_without_cache_mount::RULE,
    &cache::bundler_without_cache_mount::RULE,
    &style::maintainer_deprecated::RULE,
    &size::curl_and_wget::RULE,
    &correctness::multiple_cmd::RULE,
    &correctness::multiple_entrypoint::RULE,
    &style::ln_bin_sh::RULE,
    &correctness::pipe_without_pipefail::RULE,
    &security::copy_whole_context::RULE,
    // bk
    &security::last_user_root::RULE,
    &security::remote_script_piped_to_shell::RULE,
    &security::tls_verification_disabled::RULE,
    &security::add_remote_without_checksum::RULE,
    &security::ssh_port_exposed::RULE,
    &security::secret_in_arg_or_env_value::RULE,
    &security::credential_in_instruction::RULE,
    &style::inconsistent_instruction_casing::RULE,
    &style::lowercase_instruction::RULE,
    &style::from_as_casing_mismatch::RULE,
    &style::stage_name_not_lowercase::RULE,
    &correctness::undefined_variable::RULE,
    &correctness::undefined_arg_in_from::RULE,
    &correctness::invalid_default_arg_in_from::RULE,
    &style::legacy_key_value_format::RULE,
    &style::expose_protocol_not_lowercase::RULE,
    &correctness::expose_host_mapping::RULE,
    &correctness::from_platform_constant::RULE,
    &correctness::copy_ignored_file::RULE,
    &style::invalid_definition_description::RULE,
];

/// Codes that were renamed or merged: old → current.
/// The cache-mount rules and `copy-whole-context` had codes in hadolint's `DL` numbering,
/// which hadolint does not have: `DL` codes mean only what hadolint means.
pub(crate) static REDIRECTS: &[(&str, &str)] = &[
    ("DL3068", "SF210"),
    ("DL3069", "SF211"),
    ("DL3070", "SF212"),
    ("DL3071", "SF213"),
    ("DL3072", "SF214"),
    ("DL3073", "SF215"),
    ("DL3074", "SF216"),
    ("DL3075", "SF217"),
    ("DL3076", "SF218"),
    ("DL3077", "SF219"),
    ("DL4007", "SF407"),
];

/// A rule by code (`DL3015`, any case), by name (`apt-install-recommends`), or by BuildKit
/// check name (`JSONArgsRecommended`).
pub(crate) fn rule_by_id(id: &str) -> Option<&'static Rule> {
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

/// The index in [`RULES`] of a code, by binary search over a table sorted once.
pub(crate) fn rule_index(code: &str) -> Option<usize> {
    static BY_CODE: std::sync::OnceLock<Vec<(&'static str, usize)>> = std::sync::OnceLock::new();
    let table = BY_CODE.get_or_init(|| {
        let mut t: Vec<_> = RULES.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        t.sort_unstable();
        t
    });
    table
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|at| table[at].1)
}
