//! `.dockerignore` parsing and matching with Docker's semantics.
//!
//! Sources followed (read, not copied):
//! - `moby/patternmatcher` `ignorefile/ignorefile.go` (`ReadAll`): how the
//!   file is read into patterns;
//! - `moby/patternmatcher` `patternmatcher.go` (`New`, `compile`, `match`,
//!   `MatchesOrParentMatches`, `MatchesUsingParentResults`): how one pattern
//!   is validated, compiled and matched;
//! - `tonistiigi/fsutil` `filter.go` (`filterFS.Walk`): how BuildKit, the
//!   default builder, applies the patterns while walking the context. That
//!   walk is what [`DockerIgnore::is_ignored`] reproduces.
//!
//! # Reading the file
//! One pattern per line (`\n`, with a trailing `\r` dropped); a UTF-8 BOM is
//! stripped from the first line; a line whose *first character* is `#` is a
//! comment (`  # x` is the pattern `# x`); surrounding whitespace is trimmed;
//! empty lines are skipped; a leading `!` (followed by optional spaces) marks
//! an exception; the rest goes through Go's `filepath.Clean` and one leading
//! `/` is removed (`/` alone stays `/` and matches nothing). Docker then
//! cleans the whole `!`-prefixed string once more, so `!/` becomes `!`,
//! which is an error.
//!
//! # Matching
//! `*` any run of non-`/` characters, `?` one non-`/` character, `[...]`
//! classes (Go regexp syntax: `[^a]` negates, `[!a]` does not), `\`
//! escapes, `**` any number of directories (including none); a pattern that
//! matches a directory applies to everything below it; patterns are
//! evaluated in order, later ones winning; `!` patterns re-include. Docker
//! translates each pattern into a Go regular expression, and its quirks are
//! reproduced (see the `glob` submodule): `|`, `{`, `}` and `^` are regexp
//! syntax, `**foo` is a plain suffix test, `.` in `**` skips newlines, etc.
//! The one construct not reproduced is `\p{...}` (Unicode classes), which
//! is reported as an error.
//!
//! # Errors
//! Where Docker would fail the whole build (bad pattern, lone `!`, a line of
//! 64 KiB or more), we record an [`IgnoreError`] with the line number, drop
//! that line, and keep the other patterns.

mod bits;
mod glob;
mod goregex;
mod paths;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use bits::Bits;
use glob::Matcher;

/// Longest line (in bytes, including a trailing `\r`) that Go's
/// `bufio.Scanner` accepts with its default buffer.
const MAX_LINE_BYTES: usize = 64 * 1024 - 1;

/// One valid pattern of a `.dockerignore` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IgnorePattern {
    /// 1-based line number in the file.
    pub line: u32,
    /// The line as written, trimmed of surrounding whitespace.
    pub text: String,
    /// The pattern Docker matches with: cleaned, without the leading `!` or
    /// leading `/` (what patternmatcher's `Pattern.String()` returns).
    pub cleaned: String,
    /// The line starts with `!` (an exception that re-includes paths).
    pub exclusion: bool,
}

/// A line Docker would reject (Docker fails the whole build on it; we skip
/// just that line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error(".dockerignore line {line}: {message}")]
pub(crate) struct IgnoreError {
    /// 1-based line number in the file.
    pub line: u32,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Compiled {
    matcher: Matcher,
    exclusion: bool,
    /// fsutil's `patternWithoutTrailingGlob`: cleaned pattern minus one
    /// trailing `/**`, then minus one trailing `/*`.
    walk_key: String,
}

/// A parsed `.dockerignore` file, patterns compiled once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "DockerIgnoreData", into = "DockerIgnoreData")]
pub(crate) struct DockerIgnore {
    patterns: Vec<IgnorePattern>,
    errors: Vec<IgnoreError>,
    compiled: Vec<Compiled>,
    has_exclusions: bool,
    /// fsutil's `onlyPrefixExcludeExceptions`: no exception pattern has a
    /// wildcard (`*[]?^\`) before its trailing `/*` or `/**`. When true the
    /// walker prunes excluded directories that no exception points into.
    only_prefix_exceptions: bool,
}

/// Serialized form of [`DockerIgnore`]: the compiled matchers are rebuilt
/// from the patterns on deserialization.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DockerIgnoreData {
    patterns: Vec<IgnorePattern>,
    errors: Vec<IgnoreError>,
}

impl From<DockerIgnore> for DockerIgnoreData {
    fn from(value: DockerIgnore) -> Self {
        DockerIgnoreData {
            patterns: value.patterns,
            errors: value.errors,
        }
    }
}

impl From<DockerIgnoreData> for DockerIgnore {
    fn from(data: DockerIgnoreData) -> Self {
        let mut out = DockerIgnore::empty();
        out.errors = data.errors;
        for p in data.patterns {
            match glob::compile(&p.cleaned) {
                Ok(matcher) => out.push(p, matcher),
                Err(e) => out.errors.push(IgnoreError {
                    line: p.line,
                    message: format!("invalid pattern {:?}: {e}", p.text),
                }),
            }
        }
        out.finish();
        out
    }
}

impl Default for DockerIgnore {
    fn default() -> Self {
        DockerIgnore::empty()
    }
}

/// Go's `strings.TrimSpace` (Unicode White_Space, same set as Rust's).
fn trim_space(s: &str) -> &str {
    s.trim()
}

/// fsutil's `patternWithoutTrailingGlob`.
fn without_trailing_glob(p: &str) -> &str {
    let p = p.strip_suffix("/**").unwrap_or(p);
    p.strip_suffix("/*").unwrap_or(p)
}

/// `key + "/"` starts with `dir + "/"`, without allocating.
fn key_points_into(key: &str, dir: &str) -> bool {
    key.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl DockerIgnore {
    fn empty() -> Self {
        DockerIgnore {
            patterns: Vec::new(),
            errors: Vec::new(),
            compiled: Vec::new(),
            has_exclusions: false,
            only_prefix_exceptions: true,
        }
    }

    fn push(&mut self, pattern: IgnorePattern, matcher: Matcher) {
        self.compiled.push(Compiled {
            matcher,
            exclusion: pattern.exclusion,
            walk_key: without_trailing_glob(&pattern.cleaned).to_string(),
        });
        self.patterns.push(pattern);
    }

    fn finish(&mut self) {
        self.has_exclusions = self.compiled.iter().any(|c| c.exclusion);
        self.only_prefix_exceptions = !self.compiled.iter().any(|c| {
            c.exclusion
                && c.walk_key
                    .contains(['*', '[', ']', '?', '^', '\\'].as_slice())
        });
    }

    /// Parses the text of a `.dockerignore` file. Never fails: lines Docker
    /// would reject are reported by [`errors`](Self::errors).
    pub(crate) fn parse(text: &str) -> DockerIgnore {
        let mut out = DockerIgnore::empty();
        for (idx, raw) in text.split('\n').enumerate() {
            let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
            if raw.len() > MAX_LINE_BYTES {
                out.errors.push(IgnoreError {
                    line: line_no,
                    message: format!(
                        "line is {} bytes long; Docker cannot read lines of 64 KiB or more and fails to read the file",
                        raw.len()
                    ),
                });
                continue;
            }
            let mut line = raw.strip_suffix('\r').unwrap_or(raw);
            if idx == 0 {
                line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
            }
            // Comments are detected before trimming.
            if line.starts_with('#') {
                continue;
            }
            let text = trim_space(line);
            if text.is_empty() {
                continue;
            }

            // ignorefile.ReadAll
            let (invert, rest) = match text.strip_prefix('!') {
                Some(rest) => (true, trim_space(rest)),
                None => (false, text),
            };
            let mut pattern = String::new();
            if invert {
                pattern.push('!');
            }
            if !rest.is_empty() {
                let cleaned = paths::clean(rest);
                let cleaned = match cleaned.strip_prefix('/') {
                    Some(stripped) if !stripped.is_empty() => stripped,
                    _ => cleaned.as_str(),
                };
                pattern.push_str(cleaned);
            }

            // patternmatcher.New
            let pattern = paths::clean(trim_space(&pattern));
            let (exclusion, body) = match pattern.strip_prefix('!') {
                Some("") => {
                    out.errors.push(IgnoreError {
                        line: line_no,
                        message: format!(
                            "illegal exclusion pattern {text:?}: \"!\" must be followed by a pattern"
                        ),
                    });
                    continue;
                }
                Some(body) => (true, body),
                None => (false, pattern.as_str()),
            };
            match glob::compile(body) {
                Ok(matcher) => out.push(
                    IgnorePattern {
                        line: line_no,
                        text: text.to_string(),
                        cleaned: body.to_string(),
                        exclusion,
                    },
                    matcher,
                ),
                Err(e) => out.errors.push(IgnoreError {
                    line: line_no,
                    message: format!("invalid pattern {text:?}: {e}"),
                }),
            }
        }
        out.finish();
        out
    }

    /// The valid patterns, in file order.
    pub(crate) fn patterns(&self) -> &[IgnorePattern] {
        &self.patterns
    }

    /// The rejected lines, in file order.
    #[cfg(test)]
    pub(crate) fn errors(&self) -> &[IgnoreError] {
        &self.errors
    }

    /// No valid pattern at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Some valid pattern is an exception (`!`).
    pub(crate) fn has_exclusions(&self) -> bool {
        self.has_exclusions
    }

    /// Whether BuildKit leaves `path` out of the build context.
    ///
    /// `path` is relative to the context root, `/`-separated; `./a`, `/a`,
    /// `a/` and `a//b` are normalised first, `..` cannot leave the root, and
    /// the root itself is never ignored.
    ///
    /// This answers for the path itself: a directory can be ignored while
    /// some of its children are re-included by `!` patterns (BuildKit then
    /// still creates the directory to hold them).
    ///
    /// Semantics: fsutil's filtered walk. Each directory level is matched
    /// with patternmatcher's `MatchesUsingParentResults`, which carries a
    /// "this pattern matched a parent" flag per pattern down the tree, and an
    /// excluded directory is pruned (its whole subtree ignored) when no
    /// exception could reach inside it.
    pub(crate) fn is_ignored(&self, path: &str) -> bool {
        let path = paths::normalize(path);
        if path.is_empty() || self.compiled.is_empty() {
            return false;
        }
        self.walk(&path)
    }

    /// patternmatcher's `MatchesOrParentMatches`: the simpler rule used by
    /// BuildKit's filtered `Open` and by many tools: each pattern, in order,
    /// is tried on the path and on each of its parent directories. It differs
    /// from [`is_ignored`](Self::is_ignored) in rare exception orderings, e.g.
    /// `a/*` then `!a`: `a/x` is ignored by the walk but not by this rule.
    pub(crate) fn matches_or_parent_matches(&self, path: &str) -> bool {
        let path = paths::normalize(path);
        if path.is_empty() {
            return false;
        }
        let mut matched = false;
        for c in &self.compiled {
            if c.exclusion != matched {
                continue;
            }
            let mut hit = false;
            c.matcher.levels(&path, |_| hit = true);
            if hit {
                matched = !c.exclusion;
            }
        }
        matched
    }

    /// Simulates fsutil's walk down to `path` (normalised, non-empty).
    ///
    /// Patterns are processed one at a time over all directory levels
    /// (equivalent to fsutil's level-by-level order, since a level only
    /// depends on the previous level's per-pattern flags), so each pattern
    /// scans the path once.
    fn walk(&self, path: &str) -> bool {
        let depth = path.bytes().filter(|&b| b == b'/').count() + 1;
        // state[k]: excluded after the patterns seen so far, for the prefix
        // made of the first k + 1 components.
        let mut state = Bits::new(depth);
        let mut hits = Bits::new(depth);
        for c in &self.compiled {
            let mut computed = false;
            // Whether this pattern matched the parent directory
            // (MatchInfo.parentMatched for this pattern).
            let mut parent_matched = false;
            for k in 0..depth {
                let matched_here = if parent_matched {
                    true
                } else if c.exclusion != state.get(k) {
                    // Not evaluated: cannot change the state, and does not
                    // count as a parent match for the children.
                    false
                } else {
                    if !computed {
                        hits.clear();
                        c.matcher.levels(path, |l| hits.set(l));
                        computed = true;
                    }
                    hits.get(k)
                };
                parent_matched = matched_here;
                if matched_here {
                    state.assign(k, !c.exclusion);
                }
            }
        }

        // Pruning of excluded directories on the way down.
        let mut level = 0;
        for (idx, b) in path.bytes().enumerate() {
            if b == b'/' {
                if state.get(level) && self.walker_prunes(&path[..idx]) {
                    return true;
                }
                level += 1;
            }
        }
        state.get(depth - 1)
    }

    /// fsutil: an excluded directory is skipped entirely when exceptions are
    /// all "prefix" ones and none of them points into it.
    fn walker_prunes(&self, dir: &str) -> bool {
        if !self.only_prefix_exceptions {
            return false;
        }
        !self
            .compiled
            .iter()
            .any(|c| c.exclusion && key_points_into(&c.walk_key, dir))
    }
}
