//! Paths as Dockerfiles and build contexts use them: context-relative sources, globs over
//! path components (Go's `path.Match`, which BuildKit's `COPY` uses), `.dockerignore`-style
//! entries matched at any depth, and cache directories under a home.
//!
//! `.dockerignore` patterns themselves follow Docker's patternmatcher, a different
//! algorithm (patterns compiled to regular expressions, with its own quirks): that lives
//! with the `.dockerignore` reader in `context::dockerignore`.

/// Whether `path` (an `rm` argument or a mount target) is, contains, or lies inside one of
/// the cache directories: `home_relative` ones are under any home (`~`, `$HOME`, `/root`,
/// `/home/<user>`), `absolute` ones are fixed. A trailing `/` is ignored; a trailing `/*`
/// stands for what the shell's glob matches: the entries not starting with `.`, so
/// `rm -rf ~/*` leaves `~/.npm` and `~/.cache`.
pub(crate) fn covers_cache(path: &str, home_relative: &[&str], absolute: &[&str]) -> bool {
    let star = path.trim().trim_end_matches('/').ends_with("/*");
    let path = normalize_path(path);
    if path.is_empty() {
        return false;
    }
    if absolute.iter().any(|dir| nested(path, dir, star)) {
        return true;
    }
    match strip_home(path) {
        Some("") => home_relative
            .iter()
            .any(|dir| !star || !dir.starts_with('.')),
        Some(rest) => home_relative.iter().any(|dir| nested(rest, dir, star)),
        None => false,
    }
}

/// `a` is `b`, or one lies inside the other. With `star`, `a` stands for the entries of
/// the directory `a` that do not start with `.`.
fn nested(a: &str, b: &str, star: bool) -> bool {
    let within =
        |x: &str, y: &str| x == y || (x.starts_with(y) && x.as_bytes().get(y.len()) == Some(&b'/'));
    let reached = !star || !within(b, a) || a == b || !b[a.len() + 1..].starts_with('.');
    within(a, b) || (within(b, a) && reached)
}

/// `/var/cache/apk/*` → `/var/cache/apk`; `~/.npm/` → `~/.npm`.
pub(crate) fn normalize_path(path: &str) -> &str {
    let mut p = path.trim();
    loop {
        let before = p.len();
        p = p.trim_end_matches('/');
        if let Some(rest) = p.strip_suffix("/*").or_else(|| p.strip_suffix("/.")) {
            p = rest;
        }
        if p.len() == before {
            return p;
        }
    }
}

/// The part of a path below a home directory: `~/.npm` → `.npm`, `/home/node/.npm` → `.npm`,
/// `$HOME` → ``.
pub(crate) fn strip_home(path: &str) -> Option<&str> {
    let rest = if let Some(r) = path.strip_prefix('~') {
        // `~user/...` too.
        r.find('/').map_or("", |i| &r[i..])
    } else if let Some(r) = path
        .strip_prefix("${HOME}")
        .or_else(|| path.strip_prefix("$HOME"))
        .or_else(|| path.strip_prefix("/root"))
    {
        r
    } else if let Some(r) = path.strip_prefix("/home/") {
        r.find('/').map_or("", |i| &r[i..])
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix('/')
}

/// Matches a COPY source pattern with `*`, `?` and `[...]` against a path, segment by
/// segment, as BuildKit does (`*` does not cross `/`).
pub(crate) fn source_matches(pattern: &str, path: &str) -> bool {
    let pattern = context_relative(pattern);
    let path = context_relative(path);
    if !pattern
        .bytes()
        .any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'))
    {
        // A literal source (most are) matches the path itself and what lies below it: the
        // component-wise comparison below, without splitting. Rules ask this of every file
        // of a context for every source, so it is worth the shortcut (a tenth of `check`'s
        // time on a directory of 4,000 Dockerfiles sharing one context).
        return path
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    }
    components_match(pattern, path)
}

/// Whether the components of `pattern` glob-match the first components of `path`.
fn components_match(pattern: &str, path: &str) -> bool {
    let mut ps = pattern.split('/');
    let mut xs = path.split('/');
    loop {
        match (ps.next(), xs.next()) {
            (None, None) => return true,
            // A directory source copies everything under it.
            (None, Some(_)) => return true,
            (Some(_), None) => return false,
            (Some(p), Some(x)) => {
                if !glob_component(p, x) {
                    return false;
                }
            }
        }
    }
}

/// Whether a `COPY`/`ADD` source sends `path` (both relative to the context root): the
/// whole context, the path itself, a directory above it, or a glob that matches it.
pub(crate) fn source_sends(source: &str, path: &str) -> bool {
    is_whole_context(source) || source_matches(source, path)
}

/// A source path relative to the context root: `./src/` → `src`, `/app` → `app`, `.` → ``.
pub(crate) fn context_relative(source: &str) -> &str {
    let mut s = source;
    loop {
        let before = s.len();
        s = s.trim_start_matches('/');
        s = s.strip_prefix("./").unwrap_or(s);
        if s == "." {
            s = "";
        }
        s = s.strip_suffix("/.").unwrap_or(s);
        s = s.trim_end_matches('/');
        if s.len() == before {
            return s;
        }
    }
}

/// A source that sends the whole context: `.`, `./`, `/`, `*`, `./*`.
pub(crate) fn is_whole_context(source: &str) -> bool {
    matches!(context_relative(source), "" | "*")
}

/// Where an entry such as `node_modules`, `*.log`, `.docker/config.json` or `**/*.rs.bk`
/// matches a context path at any depth: the byte length of the matched prefix of `path`
/// (`app/__pycache__` of `app/__pycache__/x.pyc`). Directories match their whole subtree.
pub(crate) fn entry_match(entry: &str, path: &str) -> Option<usize> {
    let mut entry = entry;
    while let Some(rest) = entry.strip_prefix("**/") {
        entry = rest;
    }
    let entry = entry.strip_suffix('/').unwrap_or(entry);
    // Most entries are one component (`node_modules`, `*.pem`): test each component of
    // the path once, which is what runs for every context file of every Dockerfile.
    if !entry.contains('/') {
        let plain = !entry
            .bytes()
            .any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'));
        let mut start = 0usize;
        for component in path.split('/') {
            let hit = if plain {
                component == entry
            } else {
                !component.is_empty() && glob_component(entry, component)
            };
            if hit {
                return Some(start + component.len());
            }
            start += component.len() + 1;
        }
        return None;
    }
    let mut start = 0usize;
    loop {
        if let Some(end) = match_at(entry, &path[start..]) {
            return Some(start + end);
        }
        start += path[start..].find('/')? + 1;
    }
}

/// Whether `entry`'s components match the first components of `path`; the matched length.
fn match_at(entry: &str, path: &str) -> Option<usize> {
    let mut consumed = 0;
    let mut rest = path;
    let mut patterns = entry.split('/').peekable();
    while let Some(pattern) = patterns.next() {
        let (component, tail) = match rest.split_once('/') {
            Some((c, t)) => (c, Some(t)),
            None => (rest, None),
        };
        if component.is_empty() || !glob_component(pattern, component) {
            return None;
        }
        consumed += component.len();
        if patterns.peek().is_some() {
            rest = tail?;
            consumed += 1;
        }
    }
    Some(consumed)
}

/// Go's `path.Match` over one path component: `*` (any run of characters), `?` (one
/// character), `[...]` (a set or range, `^` or `!` negates) and `\` escapes. Backtracks
/// to the last `*` only, so any pattern costs time linear in pattern × name.
pub(crate) fn glob_component(pattern: &str, name: &str) -> bool {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let (mut pi, mut ni) = (0, 0);
    // Where the last `*` was, and where in the name it started matching.
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        let step = match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ni));
                pi += 1;
                continue;
            }
            Some(b'?') => Some(1),
            Some(b'[') => class_at(p, pi, n[ni]),
            Some(b'\\') if pi + 1 < p.len() => (p[pi + 1] == n[ni]).then_some(2),
            Some(&c) => (c == n[ni]).then_some(1),
            None => None,
        };
        match step {
            Some(width) => {
                pi += width;
                ni += 1;
            }
            None => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// Whether the `[...]` at `p[at]` matches `c`: the width of the class in the pattern, or
/// `None`. A `[` without a closing `]` is a literal `[`.
fn class_at(p: &[u8], at: usize, c: u8) -> Option<usize> {
    let Some(close) = p[at + 1..]
        .iter()
        .position(|&b| b == b']')
        .map(|i| at + 1 + i)
    else {
        return (c == b'[').then_some(1);
    };
    let set = &p[at + 1..close];
    let (negate, set) = match set.first() {
        Some(b'!' | b'^') => (true, &set[1..]),
        _ => (false, set),
    };
    let mut hit = false;
    let mut i = 0;
    while i < set.len() {
        if i + 2 < set.len() && set[i + 1] == b'-' {
            hit |= set[i] <= c && c <= set[i + 2];
            i += 3;
        } else {
            hit |= set[i] == c;
            i += 1;
        }
    }
    (hit != negate).then_some(close - at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_know_classes_and_escapes() {
        assert!(glob_component("*.log", "app.log"));
        assert!(glob_component("id_rsa*", "id_rsa.pub"));
        assert!(glob_component("?at", "cat"));
        assert!(glob_component("[a-c]at", "bat"));
        assert!(!glob_component("[!a-c]at", "bat"));
        assert!(glob_component("[^a-c]at", "rat"));
        assert!(glob_component("\\*", "*"));
        assert!(!glob_component("\\*", "x"));
        assert!(glob_component("a[b", "a[b"));
        assert!(!glob_component("*.log", "app.txt"));
        assert!(glob_component("*", ""));
        assert!(!glob_component("?", ""));
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // a test may read the clock
    fn many_stars_cost_no_more_than_the_name() {
        let pattern = "*a".repeat(40) + "b";
        let name = "a".repeat(5_000);
        let start = std::time::Instant::now();
        assert!(!glob_component(&pattern, &name));
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn paths_and_caches() {
        assert_eq!(normalize_path("/var/cache/apk/*"), "/var/cache/apk");
        assert_eq!(normalize_path("~/.npm/"), "~/.npm");
        assert!(covers_cache("~/.npm", &[".npm"], &[]));
        assert!(covers_cache("/root/.npm/_cacache", &[".npm"], &[]));
        assert!(covers_cache("$HOME/.cache", &[".cache/pip"], &[]));
        assert!(covers_cache("/home/node/.npm", &[".npm"], &[]));
        assert!(!covers_cache("/root/.npmrc", &[".npm"], &[]));
        assert!(!covers_cache("/tmp/*", &[".npm"], &[]));
        assert!(covers_cache("/var/cache/apk/*", &[], &["/var/cache/apk"]));
        // The shell's `*` skips dot entries: `~/*` leaves `~/.npm`, `~/.cache/*` does not.
        assert!(!covers_cache("~/*", &[".npm", ".cache/pip"], &[]));
        assert!(!covers_cache("/root/*", &[".cache/pip"], &[]));
        assert!(covers_cache("~/.cache/*", &[".cache/pip"], &[]));
        assert!(covers_cache("/var/cache/*", &[], &["/var/cache/apk"]));
        assert!(!covers_cache(
            "/var/lib/*",
            &[],
            &["/var/lib/.hidden/cache"]
        ));
        assert!(!covers_cache("/", &[], &["/var/cache/apk"]));
        assert!(!covers_cache("/root/", &[], &["/var/cache/apk"]));
        assert!(covers_cache("/root/", &[".npm"], &[]));
    }

    #[test]
    fn copy_source_globs() {
        assert!(source_matches("package*.json", "package-lock.json"));
        // Literal sources take a shortcut that must agree with the component-wise match.
        let paths = ["", "a", "a/b", "a//b", "a/b/c", "ab", "a/bc", "b", "a/b/"];
        for pattern in ["", "a", "a/b", "a//b", "ab", "b", "a/b/c/d"] {
            for path in paths {
                assert_eq!(
                    source_matches(pattern, path),
                    components_match(pattern, context_relative(path)),
                    "{pattern:?} {path:?}"
                );
            }
        }
        assert!(source_matches("./package.json", "package.json"));
        assert!(!source_matches("package.json", "package-lock.json"));
        assert!(source_matches("requirements/", "requirements/prod.txt"));
        assert!(source_matches("requirement[s].txt", "requirements.txt"));
        assert!(!source_matches("*.json", "dir/package.json"));
    }

    #[test]
    fn globs_match_one_component() {
        assert!(glob_component("*.log", "app.log"));
        assert!(glob_component("npm-debug.log*", "npm-debug.log.1"));
        assert!(glob_component("id_rsa*", "id_rsa"));
        assert!(glob_component("a?c", "abc"));
        assert!(!glob_component("*.log", "app.log.gz"));
        assert!(!glob_component(".env", ".env.local"));
    }

    #[test]
    fn entries_match_at_any_depth() {
        assert_eq!(
            entry_match("node_modules", "node_modules/x/index.js"),
            Some(12)
        );
        assert_eq!(
            entry_match("__pycache__", "app/__pycache__/m.pyc"),
            Some(15)
        );
        assert_eq!(
            entry_match(".docker/config.json", "home/.docker/config.json"),
            Some(24)
        );
        assert_eq!(entry_match("**/*.rs.bk", "src/main.rs.bk"), Some(14));
        assert_eq!(entry_match("vendor/bundle", "vendor/other/x"), None);
        assert_eq!(entry_match(".git", ".github/workflows/ci.yml"), None);
    }

    #[test]
    fn copy_sources_relative_to_the_context() {
        for whole in [".", "./", "/", "*", "./*", "./."] {
            assert!(is_whole_context(whole), "{whole}");
        }
        assert_eq!(context_relative("./src/"), "src");
        assert_eq!(context_relative("/app"), "app");
        assert!(!is_whole_context("src"));
    }
}
