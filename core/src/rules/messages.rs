//! Wording shared by rule messages: lists of names, sizes, and "did you mean" suggestions.

/// Names for a message: `` `a`, `b`, `c` and 2 more ``.
pub(crate) fn code_list(names: &[&str]) -> String {
    code_list_of(names, 3)
}

/// The first `shown` names in backticks, then how many more: "`a`, `b` and 2 more".
pub(crate) fn code_list_of(names: &[&str], shown: usize) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().take(shown).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
    if names.len() > shown {
        out.push_str(" and ");
        out.push_str(&(names.len() - shown).to_string());
        out.push_str(" more");
    }
    out
}

/// Bytes as megabytes with one decimal, the way repo-info prints them (10^6 bytes).
pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{}.{} MB", bytes / 1_000_000, (bytes % 1_000_000) / 100_000)
}

/// Edit distance counting a swap of two neighbours as one edit (`PAHT` → `PATH`), for
/// "did you mean" suggestions; any distance above `cap` is reported as `cap + 1`.
pub(crate) fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j - 1] + cost)
                .min(d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()].min(cap + 1)
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
            && edit_distance(name, opt, 1) <= 1
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
