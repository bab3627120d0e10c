use std::borrow::Cow;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::paths::{context_relative, source_matches};
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
    /// `ADD` is for, also a glob that matches an archive of the build context), or is given by a variable whose value only the build knows. A
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
    /// archive, which `COPY` would not download or unpack. A glob unpacks every archive it
    /// matches: with the build context known, one that matches an archive is not
    /// reported; without it, a glob that may match one (`*`, `app-*`, not `*.txt`) gets
    /// advice only.
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
        let kinds: Vec<Source> = sources.iter().map(|s| source_kind(checker, s)).collect();
        if !kinds.contains(&Source::Local) {
            continue;
        }
        let fixable = kinds.iter().all(|k| *k == Source::Local)
            && inst.flags.iter().all(|f| COPY_FLAGS.contains(&f.name()));
        // A build argument's default names a local file (`overridable`), but the build may
        // pass a URL or an archive, which `COPY` does not fetch or unpack.
        let fix = fixable.then(|| {
            if overridable {
                return Fix::display_only(
                    "Replace `ADD` with `COPY`, unless the build passes a URL or an archive for the build argument",
                );
            }
            let unknown_context = checker.context.files().is_none();
            if let Some(glob) = sources
                .iter()
                .find(|s| unknown_context && may_match_archive(s))
            {
                return Fix::display_only(format!(
                    "Replace `ADD` with `COPY`, unless `{glob}` matches tar archives, which `ADD` unpacks"
                ));
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

/// What a source is, as far as `ADD` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A URL or a git repository, which `ADD` fetches.
    Remote,
    /// A tar archive (by its name, or a glob that matches one in the known context), which
    /// `ADD` unpacks.
    Archive,
    /// Files and folders `COPY` copies the same.
    Local,
}

fn source_kind(checker: &Checker, source: &str) -> Source {
    if is_remote(source) {
        return Source::Remote;
    }
    if is_archive(after_variables(source)) {
        return Source::Archive;
    }
    // A glob unpacks each archive it matches (not the ones inside a folder it matches).
    if is_glob(source) {
        let pattern = context_relative(source);
        let depth = pattern.split('/').count();
        let archive_matched = checker.context.files().is_some_and(|files| {
            files.iter().enumerate().any(|(i, f)| {
                f.path.split('/').count() == depth
                    && is_archive(&f.path)
                    && !checker.context.file_ignored(i)
                    && source_matches(pattern, &f.path)
            })
        });
        if archive_matched {
            return Source::Archive;
        }
    }
    Source::Local
}

fn is_glob(source: &str) -> bool {
    source.contains(['*', '?', '['])
}

/// A glob whose matches the build context, not known here, decides: unless its last
/// component ends in a literal extension that is not an archive's (`*.txt`), it may match
/// a tar archive (`*`, `app-*`).
fn may_match_archive(source: &str) -> bool {
    if !is_glob(source) {
        return false;
    }
    let last = source.rsplit('/').next().unwrap_or(source);
    let tail = last
        .rfind(['*', '?', '[', ']'])
        .map_or(last, |i| &last[i + 1..]);
    !tail.contains('.') || is_archive(tail)
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
