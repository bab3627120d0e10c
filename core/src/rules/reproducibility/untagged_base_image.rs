use std::cell::OnceCell;

use crate::declare_rule;
use crate::edit::Edit;
use crate::rules::fixes::pin::pin_fix;
use crate::rules::Checker;
use crate::semantic::images::plain_reference;

declare_rule! {
    /// ## What it does
    /// Checks for a `FROM` whose image has neither a tag nor a digest.
    ///
    /// ## Why is this bad?
    /// An untagged image means `latest`: whatever was pushed last. The next build may get a
    /// new major version of the language or the distribution, and break or behave
    /// differently without any change to the Dockerfile.
    ///
    /// Not reported for `scratch`, for a reference to an earlier stage (`FROM build`), and
    /// when the image comes from an `ARG` whose value is only known at build time. An `ARG`
    /// default is used when there is one: `ARG IMAGE=node` then `FROM ${IMAGE}` is untagged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:26
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: pins official images to the release line of slimfile's image table (the
    /// current LTS or stable line, e.g. `node:26`, `python:3.14`, `debian:trixie`), which may
    /// differ from what `latest` was when the image was last built and tested. For `FROM $BASE`
    /// the pin goes into the default of the global `ARG BASE=...`, so a `--build-arg` still
    /// picks any image. A deprecated image is pinned to its successor (`openjdk` to
    /// `eclipse-temurin`) only when the rewritten file still has what its stages run, and
    /// not when they run a script from the build context or the network, whose needs are
    /// not seen; each such pin is checked on the whole file, and when a file's checks would
    /// read more than 8 MiB in all (a generated file of thousands of stages), these pins are
    /// advice.
    ///
    /// ## References
    /// - [hadolint DL3006](https://github.com/hadolint/hadolint/wiki/DL3006)
    /// - [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub(crate) static RULE = {
        code: "DL3006",
        name: "untagged-base-image",
        category: Reproducibility,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let checkable = OnceCell::new();
    for stage in checker.df.stages() {
        let (Some(base), Some(image)) = (&stage.base, &stage.image) else {
            continue;
        };
        if base.tag.is_some() || base.digest.is_some() || base.is_scratch() || base.path.is_empty()
        {
            continue;
        }
        let resolved = stage.resolved_image.as_deref().unwrap_or(&image.value);
        if !plain_reference(resolved) {
            continue;
        }
        let fix = base.official_name().and_then(|name| {
            pin_fix(checker, stage, (name, None), &checkable, |word, tag| {
                Some(Edit::insert(word.range.end, format!(":{tag}")))
            })
        });
        checker
            .report(
                image.range,
                format!("Base image `{resolved}` without a tag or digest"),
            )
            .fix_opt(fix);
    }
}
