use std::cell::OnceCell;

use crate::declare_rule;
use crate::edit::{Edit, Fix};
use crate::knowledge::distroless::distroless_image;
use crate::rules::fixes::pin::pin_fix;
use crate::rules::Checker;
use crate::semantic::images::plain_reference;
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for a `FROM` that uses the `latest` tag.
    ///
    /// ## Why is this bad?
    /// `latest` moves with every release: the next build may get a new major version of the
    /// language or the distribution and break, or behave differently, with no change to the
    /// Dockerfile. A version tag says what the image was built and tested with.
    ///
    /// Distroless images (`gcr.io/distroless/...`) are published under moving tags only,
    /// `latest` among them; for them the finding is advice to pin the digest.
    ///
    /// Not reported when a digest pins the image anyway (`node:latest@sha256:...`; hadolint
    /// reports it) or for a variable whose value is only known at build time. An `ARG`
    /// default counts: `ARG TAG=latest` then `FROM node:${TAG}` is reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:latest
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.14
    /// CMD ["python", "app.py"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: pins official images to the release line of slimfile's image table (the
    /// current LTS or stable line, e.g. `node:26`, `python:3.14`), which may differ from what
    /// `latest` was when the image was last built and tested. For `FROM $BASE`
    /// the pin goes into the default of the global `ARG BASE=...`, so a `--build-arg` still
    /// picks any image. A deprecated image is pinned to its successor (`openjdk` to
    /// `eclipse-temurin`) only when the rewritten file still has what its stages run, and
    /// not when they run a script from the build context or the network, whose needs are
    /// not seen; each such pin is checked on the whole file, and when a file's checks would
    /// read more than 8 MiB in all (a generated file of thousands of stages), these pins are
    /// advice.
    ///
    /// ## References
    /// - [hadolint DL3007](https://github.com/hadolint/hadolint/wiki/DL3007)
    /// - [Docker best practices: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    pub(crate) static RULE = {
        code: "DL3007",
        name: "latest-tag",
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
        if base.tag.as_deref() != Some("latest") || base.digest.is_some() {
            continue;
        }
        let resolved = stage.resolved_image.as_deref().unwrap_or(&image.value);
        if !plain_reference(resolved) {
            continue;
        }
        // Distroless images are published under moving tags only (`latest`, `nonroot`,
        // `debug`): the only pin there is is the digest.
        let fix = if distroless_image(&base.repository()).is_some() {
            Some(Fix::display_only(
                "Distroless images have no version tags: pin the digest (`@sha256:...`, shown by `docker buildx imagetools inspect`)",
            ))
        } else {
            base.official_name().and_then(|name| {
                pin_fix(
                    checker,
                    stage,
                    (name, Some("latest")),
                    &checkable,
                    |word, tag| {
                        let start = word.range.start + word.value.rfind(":latest")? as u32 + 1;
                        Some(Edit::replace(
                            TextRange::new(start, start + 6),
                            tag.to_string(),
                        ))
                    },
                )
            })
        };
        checker
            .report(
                image.range,
                format!("Base image `{resolved}` uses the `latest` tag"),
            )
            .fix_opt(fix);
    }
}
