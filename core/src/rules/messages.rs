//! Wording shared by rule messages: lists of names, sizes, and "did you mean" suggestions.

use crate::syntax::distance::{edit_distance, Distance};
/// Names for a message: `` `a`, `b`, `c` and 2 more ``.
pub(crate) fn code_list(names: &[impl AsRef<str>]) -> String {
    code_list_of(names, 3)
}

/// The first `shown` names in backticks, then how many more: "`a`, `b` and 2 more".
pub(crate) fn code_list_of(names: &[impl AsRef<str>], shown: usize) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().take(shown).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name.as_ref());
        out.push('`');
    }
    if names.len() > shown {
        out.push_str(" and ");
        out.push_str(&(names.len() - shown).to_string());
        out.push_str(" more");
    }
    out
}

/// ` (2 more in this instruction)`: what an instruction holds besides the problem reported
/// (empty when nothing).
pub(crate) fn more_in_instruction(more: usize) -> String {
    match more {
        0 => String::new(),
        n => format!(" ({n} more in this instruction)"),
    }
}

/// Bytes as megabytes with one decimal, the way repo-info prints them (10^6 bytes).
pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{}.{} MB", bytes / 1_000_000, (bytes % 1_000_000) / 100_000)
}

/// A name in `options` that `name` is likely a typo of: one edit away (a swap of two
/// neighbours counts as one), at least 4 characters, and neither name the end of the
/// other (`CPATH` is not a typo of `PATH`, while `DIR_ASSET` is one of `DIR_ASSETS`).
/// BuildKit suggests up to two edits; one keeps the suggestion trustworthy enough to
/// report on.
pub(crate) fn suggest<'o>(
    name: &str,
    options: impl IntoIterator<Item = &'o str>,
) -> Option<&'o str> {
    if name.len() < 4 {
        return None;
    }
    let mut best = None;
    for opt in options {
        if opt == name {
            return None;
        }
        if best.is_none()
            && opt.len() >= 4
            && !opt.ends_with(name)
            && !name.ends_with(opt)
            && edit_distance(name, opt, Distance::name()) <= 1
        {
            best = Some(opt);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_list() {
        assert_eq!(code_list(&["a", "b", "c", "d"]), "`a`, `b`, `c` and 1 more");
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("PAHT", ["PATH", "HOME"]), Some("PATH"));
        assert_eq!(suggest("APP_DIRR", ["APP_DIR", "HOME"]), Some("APP_DIR"));
        assert_eq!(suggest("APP_DRI", ["APP_DIR", "HOME"]), Some("APP_DIR"));
        assert_eq!(suggest("HOME", ["NODE"]), None);
        assert_eq!(suggest("HOEM", ["HOME"]), Some("HOME"));
        assert_eq!(suggest("CPATH", ["PATH"]), None);
        assert_eq!(suggest("CAFFE_ROOT", ["PYCAFFE_ROOT"]), None);
        assert_eq!(suggest("DIR_ASSET", ["DIR_ASSETS"]), Some("DIR_ASSETS"));
        assert_eq!(
            suggest("BULIDPLATFORM", ["BUILDPLATFORM"]),
            Some("BUILDPLATFORM")
        );
    }
}
