use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{ImageRef, InstructionKind, Stage};

declare_rule! {
    /// ## What it does
    /// Checks that every image the build pulls comes from a registry listed in the
    /// `trusted_registries` setting (hadolint's `trustedRegistries`): `FROM` images,
    /// images named by `COPY --from`, and images mounted with `RUN --mount=from=...`.
    /// Only runs when the setting lists registries.
    ///
    /// ## Why is this bad?
    /// An image from an unvetted registry runs its content in the build and ships in the
    /// image. Organisations restrict builds to their mirror or to registries they trust.
    ///
    /// A pattern may start or end with `*` (`*.example.com`, `registry.example.*`), or be
    /// `*` for any. Images without a registry come from Docker Hub, which `docker.io` or
    /// `hub.docker.com` allows. Stage names, `scratch` and images given by a variable are
    /// not reported.
    ///
    /// ## Example
    /// With `trusted_registries = ["registry.example.com"]` (the comment line gives the
    /// setting to the documentation test; it is not read from real Dockerfiles):
    /// ```dockerfile
    /// # trusted-registries: registry.example.com
    /// FROM quay.io/example/base:1.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # trusted-registries: registry.example.com
    /// FROM registry.example.com/example/base:1.0
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3026](https://github.com/hadolint/hadolint/wiki/DL3026)
    pub(crate) static RULE = {
        code: "DL3026",
        name: "untrusted-registry",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let configured = &checker.options.trusted_registries;
    if configured.is_empty() {
        return;
    }
    let stages = checker.stages();
    for stage in stages {
        if let (Some(base), Some(image)) = (&stage.base, &stage.image) {
            if !base.is_scratch() && !allowed(configured, base) {
                checker.report(image.range, message(base));
            }
        }
        for inst in &checker.instructions()[stage.instruction_range()] {
            let from_values: Vec<(&str, crate::syntax::TextRange)> = match inst.kind {
                InstructionKind::Copy => inst
                    .flag("from")
                    .and_then(|f| f.value().map(|v| (v, f.range)))
                    .into_iter()
                    .collect(),
                InstructionKind::Run => inst
                    .flags_named("mount")
                    .filter_map(|f| mount_from(f.value()?).map(|v| (v, f.range)))
                    .collect(),
                _ => continue,
            };
            for (value, range) in from_values {
                if value.contains('$') || is_stage(stages, stage, value) {
                    continue;
                }
                let image = ImageRef::parse(value);
                if image.is_scratch() || allowed(configured, &image) {
                    continue;
                }
                checker.report(range, message(&image));
            }
        }
    }
}

fn message(image: &ImageRef) -> String {
    let registry = image.registry.as_deref().unwrap_or("docker.io");
    format!(
        "Image `{}` comes from `{registry}`, which is not a trusted registry",
        image.repository()
    )
}

/// A stage name (of this stage or an earlier one) or a stage number.
fn is_stage(stages: &[Stage], current: &Stage, value: &str) -> bool {
    value.parse::<u32>().is_ok_and(|n| n <= current.index)
        || stages[..=current.index as usize].iter().any(|s| {
            s.name
                .as_ref()
                .is_some_and(|n| n.value.eq_ignore_ascii_case(value))
        })
}

/// The `from=` of a `--mount` value.
fn mount_from(mount: &str) -> Option<&str> {
    mount
        .split(',')
        .find_map(|part| part.trim().strip_prefix("from="))
}

fn allowed(patterns: &[String], image: &ImageRef) -> bool {
    let written = image.registry.as_deref();
    patterns.iter().any(|p| {
        if image.is_docker_hub() {
            matches(p, "docker.io")
                || matches(p, "hub.docker.com")
                || written.is_some_and(|r| matches(p, r))
        } else {
            written.is_some_and(|r| matches(p, r))
        }
    })
}

fn matches(pattern: &str, registry: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if let Some(suffix) = pattern.strip_prefix('*') {
        return registry.ends_with(suffix);
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return registry.starts_with(prefix);
    }
    registry == pattern
}
