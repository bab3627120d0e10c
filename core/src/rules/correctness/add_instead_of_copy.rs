use std::borrow::Cow;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::shell_values::{names_build_argument, value_in_scope};
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ADD` of local files or folders that are not archives.
    ///
    /// ## Why is this bad?
    /// `ADD` does more than copy: it downloads URLs and unpacks local tar archives. For
    /// plain files `COPY` does the same job and says exactly what it does, where a reader
    /// of `ADD` has to work out which of its behaviours applies.
    ///
    /// Not reported when every source is a URL, a git repository or an archive (which
    /// `ADD` is for), or is given by a variable whose value only the build knows. A
    /// variable the stage sets (`ENV CONF=app.conf` then `ADD $CONF /etc/`) is judged by
    /// its value.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// ADD app.py /app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// COPY app.py /app/
    /// ```
    ///
    /// ## Fix safety
    /// Safe: replaces the keyword with `COPY` (in the same case) when every source is a
    /// local file or folder whose name is not an archive's and the flags are ones `COPY`
    /// takes too. The one difference left is a tar archive whose name does not say so,
    /// which `ADD` unpacks and `COPY` copies as it is. No fix when a source is a URL or an
    /// archive, which `COPY` would not download or unpack.
    ///
    /// ## References
    /// - [hadolint DL3020](https://github.com/hadolint/hadolint/wiki/DL3020)
    /// - [Docker best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub(crate) static RULE = {
        code: "DL3020",
        name: "add-instead-of-copy",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

/// File name endings of archives (compressed or not) that `ADD` may unpack.
const ARCHIVE_SUFFIXES: [&str; 17] = [
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

/// Flags `COPY` takes as well as `ADD`.
const COPY_FLAGS: [&str; 5] = ["chown", "chmod", "link", "exclude", "parents"];

fn check(checker: &Checker) {
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Add || !inst.heredocs.is_empty() {
            continue;
        }
        let words = match &inst.args {
            Args::List(words) => words.as_slice(),
            Args::Exec { items, .. } => items.as_slice(),
            _ => continue,
        };
        // A source given by a variable is judged by what the stage sets it to (`ENV
        // CONF=app.conf` then `ADD $CONF /etc/`); one only the build knows, by its name.
        let exec = matches!(inst.args, Args::Exec { .. });
        let mut overridable = false;
        let sources: Vec<Cow<str>> = words
            .iter()
            .map(|w| {
                let written = if exec {
                    w.value.as_str()
                } else {
                    unquote(&w.value)
                };
                overridable |=
                    written.contains('$') && names_build_argument(checker, index, written);
                value_in_scope(checker, index, written)
                    .filter(|v| !v.is_empty())
                    .unwrap_or(Cow::Borrowed(written))
            })
            .collect();
        let Some((_, sources)) = sources.split_last() else {
            continue;
        };
        if sources.is_empty() || !sources.iter().all(|s| judged_by_name(s)) {
            continue;
        }
        let local_file = |s: &Cow<str>| !is_remote(s) && !is_archive(after_variables(s));
        if !sources.iter().any(local_file) {
            continue;
        }
        let fixable = sources.iter().all(local_file)
            && inst.flags.iter().all(|f| COPY_FLAGS.contains(&f.name()));
        // A build argument's default names a local file (`overridable`), but the build may
        // pass a URL or an archive, which `COPY` does not fetch or unpack.
        let fix = fixable.then(|| {
            if overridable {
                return Fix::display_only(
                    "Replace `ADD` with `COPY`, unless the build passes a URL or an archive for the build argument",
                );
            }
            let keyword = copy_keyword(&inst.keyword.value);
            Fix::safe(
                "Replace `ADD` with `COPY`",
                vec![Edit::replace(inst.keyword.range, keyword)],
            )
        });
        checker
            .report(inst.range, "`ADD` of local files: use `COPY`")
            .fix_opt(fix);
    }
}

/// Whether a source's name says what it is: written out, or with variables in the middle
/// of a name whose start is literal (not a URL from a variable) and whose end, after the
/// last variable, carries the extension (`app-${VERSION}.zip`, not `${URL}` or
/// `app.${EXT}`).
fn judged_by_name(source: &str) -> bool {
    if !source.contains('$') {
        return true;
    }
    let tail = after_variables(source);
    !source.starts_with('$') && tail.contains('.') && !tail.contains(['$', '}'])
}

/// The part of a source after its last `$NAME` or `${...}`.
fn after_variables(source: &str) -> &str {
    let Some(dollar) = source.rfind('$') else {
        return source;
    };
    let rest = &source[dollar + 1..];
    let end = if rest.starts_with('{') {
        rest.find('}').map_or(rest.len(), |i| i + 1)
    } else {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    };
    &rest[end..]
}

/// A URL (`https://...`) or a git remote (`git@host:repo`).
fn is_remote(source: &str) -> bool {
    source.contains("://") || source.starts_with("git@")
}

fn is_archive(source: &str) -> bool {
    ARCHIVE_SUFFIXES.iter().any(|s| source.ends_with(s))
}

/// `COPY` in the case `ADD` was written in.
fn copy_keyword(add: &str) -> &'static str {
    if add.bytes().all(|b| b.is_ascii_uppercase()) {
        "COPY"
    } else if add.bytes().all(|b| b.is_ascii_lowercase()) {
        "copy"
    } else {
        "Copy"
    }
}
