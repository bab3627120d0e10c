use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for stage names that are not all lower case (`FROM golang:1.25 AS Builder`).
    ///
    /// ## Why is this bad?
    /// BuildKit compares stage names in lower case, so `Builder` and `builder` are the same
    /// stage; writing them in lower case keeps names apart from instruction keywords and
    /// makes every reference to the stage look the same.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25 AS Builder
    /// RUN go version
    /// FROM scratch
    /// COPY --from=Builder /usr/local/go/VERSION /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.25 AS builder
    /// RUN go version
    /// FROM scratch
    /// COPY --from=builder /usr/local/go/VERSION /
    /// ```
    ///
    /// ## Fix safety
    /// Safe: lower-cases the name and the references to it written in the file
    /// (`FROM <name>`, `COPY --from=<name>`, `RUN --mount=...,from=<name>`); BuildKit
    /// already matched them without regard to case.
    ///
    /// ## References
    /// - [BuildKit check StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    pub(crate) static RULE = {
        code: "SF512",
        name: "stage-name-not-lowercase",
        category: Style,
        severity: Style,
        default_enabled: true,
        buildkit: Some("StageNameCasing"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.df.stages() {
        let Some(name) = &stage.name else {
            continue;
        };
        let lower = name.value.to_ascii_lowercase();
        if lower == name.value.as_str() {
            continue;
        }
        let fix = (checker.text(name.range) == name.value.as_str()).then(|| {
            let mut edits = vec![Edit::replace(name.range, lower.clone())];
            edits.extend(
                references(checker, stage.from as usize + 1, &name.value)
                    .into_iter()
                    .filter(|r| checker.text(*r) != lower)
                    .map(|r| Edit::replace(r, lower.clone())),
            );
            Fix::safe(format!("Rename the stage `{lower}`"), edits)
        });
        checker
            .report(
                name.range,
                format!("Stage name `{}` is not lower case", name.value),
            )
            .fix_opt(fix);
    }
}

/// Source ranges of references to stage `name` written exactly (no quotes or escapes) in
/// the instructions from `start` on.
fn references(checker: &Checker, start: usize, name: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    for inst in checker.instructions().get(start..).unwrap_or(&[]) {
        match inst.kind {
            InstructionKind::From => {
                if let Args::List(words) = &inst.args {
                    if let Some(image) = words.first() {
                        if image.value.eq_ignore_ascii_case(name)
                            && checker.text(image.range) == image.value.as_str()
                        {
                            out.push(image.range);
                        }
                    }
                }
            }
            InstructionKind::Copy | InstructionKind::Run => {
                for flag in &inst.flags {
                    if checker.text(flag.range) != flag.text.as_str() {
                        continue;
                    }
                    let key = match flag.name() {
                        "from" if inst.kind == InstructionKind::Copy => "",
                        "mount" if inst.kind == InstructionKind::Run => "from=",
                        _ => continue,
                    };
                    let Some(value) = flag.value() else {
                        continue;
                    };
                    let value_start = flag.range.end as usize - value.len();
                    if key.is_empty() {
                        if value.eq_ignore_ascii_case(name) {
                            out.push(TextRange::new(value_start as u32, flag.range.end));
                        }
                        continue;
                    }
                    let mut offset = 0;
                    for field in value.split(',') {
                        if let Some(v) = field.strip_prefix(key) {
                            if v.eq_ignore_ascii_case(name) {
                                let s = value_start + offset + key.len();
                                out.push(TextRange::new(s as u32, (s + v.len()) as u32));
                            }
                        }
                        offset += field.len() + 1;
                    }
                }
            }
            _ => {}
        }
    }
    out
}
