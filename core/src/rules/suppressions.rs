//! Inline suppressions: `# slimfile: ignore=CODES` and `# hadolint ignore=CODES` on the
//! lines right above an instruction, their `global` forms for the whole file, and
//! BuildKit's `# check=skip=...`, as the file's directive and as a comment above one
//! instruction.

use super::registry::{rule_by_id, RULES};
use super::violation::Violation;
use crate::semantic::comments::{buildkit_comment, prev_comments};
use crate::syntax::go_compat::go_parse_bool;
use crate::syntax::{Dockerfile, ItemKind, TextRange};

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    global: Vec<&'static str>,
    skip_all: bool,
    /// (instruction range, codes ignored on it), in file order.
    local: Vec<(TextRange, Vec<&'static str>)>,
    /// `# check=skip=all` above an instruction: every BuildKit check is skipped on it. In
    /// file order.
    local_skip_all: Vec<TextRange>,
    /// `# check=error=true`: BuildKit fails the build on any check it reports.
    pub(super) checks_fail_build: bool,
}

impl Suppressions {
    pub(super) fn read(df: &Dockerfile) -> Suppressions {
        let mut s = Suppressions::default();
        if let Some(check) = df.directive("check") {
            if let Some(options) = check_options(&check.value) {
                let (all, names) = options.skips();
                s.skip_all = all;
                s.global.extend(names.flat_map(buildkit_codes));
                s.checks_fail_build = options.error;
            }
        }
        let mut pending: Vec<&'static str> = Vec::new();
        // A `check` comment since the last instruction: then BuildKit's reading is needed.
        let mut check_comment_seen = false;
        for item in df.items() {
            match item.kind {
                ItemKind::Comment => {
                    let text = df.text(item.range);
                    check_comment_seen |= buildkit_comment(text, item.range.start)
                        .and_then(check_comment)
                        .is_some();
                    if let Some((global, codes)) = pragma(text) {
                        if global {
                            s.global.extend(codes);
                        } else {
                            pending.extend(codes);
                        }
                    }
                    continue;
                }
                ItemKind::Instruction => {
                    if !pending.is_empty() {
                        s.local.push((item.range, std::mem::take(&mut pending)));
                    }
                    // BuildKit reads the first `check` comment above the instruction.
                    let check = std::mem::take(&mut check_comment_seen)
                        .then(|| prev_comments(df, item.range.start).find_map(check_comment))
                        .flatten();
                    if let Some((all, names)) = check.and_then(check_skips) {
                        if all {
                            s.local_skip_all.push(item.range);
                        }
                        let codes: Vec<&'static str> = names.flat_map(buildkit_codes).collect();
                        if !codes.is_empty() {
                            s.local.push((item.range, codes));
                        }
                    }
                }
                _ => {}
            }
            pending.clear();
        }
        s
    }

    /// Nothing is suppressed in the file.
    pub(super) fn is_empty(&self) -> bool {
        !self.skip_all
            && !self.checks_fail_build
            && self.local_skip_all.is_empty()
            && self.global.is_empty()
            && self.local.is_empty()
    }

    pub(super) fn is_suppressed(&self, d: &Violation) -> bool {
        let at = d.range.start;
        let skips_all_checks = self.skip_all || {
            let i = self.local_skip_all.partition_point(|r| r.end <= at);
            self.local_skip_all.get(i).is_some_and(|r| r.contains(at))
        };
        // BuildKit's `skip` leaves out experimental checks: they run when asked for.
        if skips_all_checks && is_buildkit_check(d.code) && !is_experimental_code(d.code) {
            return true;
        }
        if self.global.contains(&d.code) {
            return true;
        }
        // Instructions in file order, a few with two entries (a pragma and a `check`
        // comment): the entries that can hold the finding start at the first one that
        // ends after it, found by binary search, not by a walk over every instruction.
        let first = self.local.partition_point(|(range, _)| range.end <= at);
        self.local[first..]
            .iter()
            .take_while(|(range, _)| range.start <= at)
            .any(|(range, codes)| range.contains(at) && codes.contains(&d.code))
    }
}

/// Whether the rule with `code` is one of BuildKit's checks (or reports what one does).
pub(super) fn is_buildkit_check(code: &str) -> bool {
    RULES.iter().any(|r| r.buildkit.is_some() && r.code == code)
        || SKIPPED_WITH_CHECK
            .iter()
            .any(|(_, codes)| codes.contains(&code))
}

/// Whether the rule with `code` is one of BuildKit's experimental checks.
fn is_experimental_code(code: &str) -> bool {
    RULES
        .iter()
        .any(|r| r.code == code && r.buildkit.is_some_and(super::is_experimental_check))
}

/// The experimental checks the file's `# check=experimental=...` directive turns on
/// (`all`, or names), when BuildKit would accept the directive.
pub(super) fn experimental_checks(df: &Dockerfile) -> Vec<&str> {
    df.directive("check")
        .and_then(|check| check_options(&check.value))
        .map_or_else(Vec::new, |o| o.experimental().collect())
}

/// Rules that report what a BuildKit check reports with hadolint's codes and reading: a
/// `skip` of the check skips them too.
const SKIPPED_WITH_CHECK: [(&str, &[&str]); 1] = [(
    "MultipleInstructionsDisallowed",
    &["DL4003", "DL4004", "DL3012"],
)];

/// The rules a BuildKit check name in `skip=` turns off.
fn buildkit_codes(name: &str) -> impl Iterator<Item = &'static str> + '_ {
    let own = RULES
        .iter()
        .filter(move |r| r.buildkit == Some(name))
        .map(|r| r.code);
    let related = SKIPPED_WITH_CHECK
        .iter()
        .filter(move |(check, _)| *check == name)
        .flat_map(|(_, codes)| codes.iter().copied());
    own.chain(related)
}

/// The options of a `check=...` comment (`check=skip=X // reason` gives `skip=X`), read
/// like a parser directive: a name, `=`, a value; the name in any case.
fn check_comment(comment: &str) -> Option<&str> {
    // The name comes first, and most comments start otherwise: no search through them.
    let rest = comment
        .get(..5)
        .filter(|name| name.eq_ignore_ascii_case("check"))
        .and_then(|_| comment.get(5..))?;
    let value = rest
        .trim_start_matches([' ', '\t', '\u{c}'])
        .strip_prefix('=')?;
    let value = value.trim_matches([' ', '\t', '\n', '\r', '\u{c}']);
    let options = value.split(' ').next().unwrap_or("");
    (!value.is_empty()).then_some(options)
}

/// What BuildKit's `ParseLintOptions` reads from `# check=...`: at most three
/// `;`-separated `key=value` parts among `skip`, `experimental` and `error`.
#[derive(Debug, Default)]
struct CheckOptions<'a> {
    skip: &'a str,
    experimental: &'a str,
    /// `error=true`: BuildKit fails the build on any check it reports.
    error: bool,
}

impl<'a> CheckOptions<'a> {
    /// `skip=all`, or the check names listed after `skip=` (exact and case-sensitive, as
    /// BuildKit compares them).
    fn skips(&self) -> (bool, impl Iterator<Item = &'a str>) {
        let all = self.skip == "all";
        let names = list(self.skip).filter(move |_| !all);
        (all, names)
    }

    /// `all`, or the experimental checks named.
    fn experimental(&self) -> impl Iterator<Item = &'a str> {
        list(self.experimental)
    }
}

/// A `,`-separated list of names, blanks left out.
fn list(names: &str) -> impl Iterator<Item = &str> {
    names.split(',').map(str::trim).filter(|n| !n.is_empty())
}

/// The options of a `check` directive or comment; `None` when BuildKit rejects it: a part
/// without `=`, an unknown key, or an `error=` that is not a Go boolean.
fn check_options(value: &str) -> Option<CheckOptions<'_>> {
    let mut options = CheckOptions::default();
    for part in value.trim().splitn(3, ';') {
        let (key, v) = part.split_once('=')?;
        match key.trim() {
            "skip" => options.skip = v.trim(),
            "experimental" => options.experimental = v.trim(),
            "error" => options.error = go_parse_bool(v.trim())?,
            _ => return None,
        }
    }
    Some(options)
}

/// What a `check` directive or comment skips: see [`CheckOptions::skips`].
fn check_skips(value: &str) -> Option<(bool, impl Iterator<Item = &str>)> {
    check_options(value).map(|o| o.skips())
}

/// `# hadolint ignore=DL3008,DL3009`, `# slimfile: global ignore=SF201` ...
/// Returns whether it is global, and the rules it names.
fn pragma(line: &str) -> Option<(bool, Vec<&'static str>)> {
    let body = line.trim().strip_prefix('#')?.trim_start();
    let rest = ["slimfile:", "slimfile", "hadolint"]
        .iter()
        .find_map(|p| body.strip_prefix(p))?;
    let rest = rest.trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let list = list.split_whitespace().next().unwrap_or("");
    let codes = list
        .split(',')
        .filter_map(|c| rule_by_id(c.trim()))
        .map(|r| r.code)
        .collect();
    Some((global, codes))
}

#[cfg(test)]
mod tests {
    use super::check_skips;

    fn skips(value: &str) -> Option<(bool, Vec<&str>)> {
        check_skips(value).map(|(all, names)| (all, names.collect()))
    }

    #[test]
    fn check_directive_reads_like_buildkit() {
        assert_eq!(skips("skip=all"), Some((true, vec![])));
        assert_eq!(
            skips(" skip = JSONArgsRecommended , StageNameCasing ;error=true"),
            Some((false, vec!["JSONArgsRecommended", "StageNameCasing"]))
        );
        // `all` and the names are compared as written.
        assert_eq!(skips("skip=ALL"), Some((false, vec!["ALL"])));
        assert_eq!(skips("error=1"), Some((false, vec![])));
    }

    #[test]
    fn a_directive_buildkit_rejects_skips_nothing() {
        assert_eq!(skips("skip"), None);
        assert_eq!(skips("skip=all;error=maybe"), None);
        assert_eq!(skips("skip=all;ignore=x"), None);
    }
}
