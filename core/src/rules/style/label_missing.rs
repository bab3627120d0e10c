use crate::declare_rule;
use crate::rules::shared::labels::label_pairs;
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::semantic::stages::along_chains;
use crate::syntax::{InstructionKind, Stage};

declare_rule! {
    /// ## What it does
    /// Checks that every image the file builds carries the labels the label schema names.
    /// A stage has a label when it sets it or a stage it is built `FROM` does. A stage
    /// that only serves others is not an image of its own and is not reported: one that
    /// a `COPY --from` reads, or one that a stage built on it gives the label.
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. Labels
    /// the base image sets are not known here and do not count.
    ///
    /// ## Why is this bad?
    /// A team that agrees on a label schema relies on it: scanners find the source
    /// repository, the owner and the license of an image through its labels. An image
    /// without them is one nobody can trace.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// FROM debian:trixie-slim
    /// CMD ["bash"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// CMD ["bash"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3049](https://github.com/hadolint/hadolint/wiki/DL3049)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub(crate) static RULE = {
        code: "DL3049",
        name: "label-missing",
        category: Style,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let schema = &checker.options.label_schema;
    let stages = checker.df.stages();
    if schema.is_empty() || stages.is_empty() {
        return;
    }
    let insts = checker.instructions();
    // The labels each stage sets itself (an `ONBUILD LABEL` sets one in the images built
    // on this one, not here).
    let own: Vec<Vec<&str>> = stages
        .iter()
        .map(|stage| {
            insts[stage.instruction_range()]
                .iter()
                .filter(|i| i.kind == InstructionKind::Label)
                .flat_map(label_pairs)
                .map(|kv| unquote(kv.key.value.as_str()))
                .collect()
        })
        .collect();
    let copied = copied_from(checker, stages);
    for label in schema.keys() {
        let sets: Vec<bool> = own.iter().map(|o| o.contains(&label.as_str())).collect();
        let has = along_chains(stages, |s, parent| {
            sets[s.index as usize] || parent.unwrap_or(false)
        });
        let mut given_by_child = vec![false; stages.len()];
        for stage in stages.iter().filter(|s| sets[s.index as usize]) {
            if let Some(b) = stage.base_stage.filter(|&b| b < stage.index) {
                given_by_child[b as usize] = true;
            }
        }
        for stage in stages {
            let i = stage.index as usize;
            if has[i] || given_by_child[i] || copied[i] {
                continue;
            }
            checker.report(
                insts[stage.from as usize].range,
                format!("Label `{label}` is missing"),
            );
        }
    }
}

/// Which stages a `COPY --from` reads, by name (in any case, as BuildKit compares them)
/// or by number.
fn copied_from(checker: &Checker, stages: &[Stage]) -> Vec<bool> {
    let mut copied = vec![false; stages.len()];
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Copy {
            continue;
        }
        let Some(from) = inst.flag("from").and_then(|f| f.value()) else {
            continue;
        };
        let index = checker
            .first_stage_named(from)
            .map(|i| i as usize)
            .or_else(|| from.parse::<usize>().ok());
        if let Some(flag) = index.and_then(|i| copied.get_mut(i)) {
            *flag = true;
        }
    }
    copied
}
