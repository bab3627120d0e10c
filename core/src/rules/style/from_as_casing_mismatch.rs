use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `FROM ... AS name` whose `AS` keyword is not in the same case as its
    /// `FROM` keyword (`FROM node:22 as build`).
    ///
    /// ## Why is this bad?
    /// Both keywords are case-insensitive, but mixing cases on one line reads badly. A
    /// `FROM` keyword in mixed case (`From`) is left to the instruction-casing rule.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim as builder
    /// FROM debian:trixie-slim
    /// COPY --from=builder /etc/os-release /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim AS builder
    /// FROM debian:trixie-slim
    /// COPY --from=builder /etc/os-release /
    /// ```
    ///
    /// ## Fix safety
    /// Safe: rewrites `as` in the case of `FROM`.
    ///
    /// ## References
    /// - [BuildKit check FromAsCasing](https://docs.docker.com/reference/build-checks/from-as-casing/)
    pub(crate) static RULE = {
        code: "SF511",
        name: "from-as-casing-mismatch",
        category: Style,
        severity: Style,
        default_enabled: true,
        buildkit: Some("FromAsCasing"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::From {
            continue;
        }
        let Args::List(words) = &inst.args else {
            continue;
        };
        let [_, as_kw, _] = words.as_slice() else {
            continue;
        };
        if !as_kw.value.eq_ignore_ascii_case("as") {
            continue;
        }
        let from = inst.keyword.value.as_str();
        let wanted = if from == from.to_ascii_lowercase() {
            "as"
        } else if from == from.to_ascii_uppercase() {
            "AS"
        } else {
            continue;
        };
        if as_kw.value == wanted {
            continue;
        }
        let fix = (checker.text(as_kw.range) == as_kw.value.as_str()).then(|| {
            Fix::safe(
                format!("Write `{wanted}`"),
                vec![Edit::replace(as_kw.range, wanted)],
            )
        });
        checker
            .report(
                as_kw.range,
                format!("`{}` does not match the case of `{from}`", as_kw.value),
            )
            .fix_opt(fix);
    }
}
