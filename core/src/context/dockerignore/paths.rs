//! Path helpers: Go's `filepath.Clean` (Unix flavour) and the normalisation of
//! the paths that callers ask about.

use std::borrow::Cow;

/// Go's `filepath.Clean` on Unix: collapses repeated separators, removes `.`
/// components, resolves `..` lexically (keeping leading `..` of a relative
/// path, dropping `..` at the root of an absolute one), removes a trailing
/// separator, and returns `.` for an empty result.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if rooted {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// Normalises a path inside the build context to the form the context walker
/// uses: relative, `/`-separated, no empty, `.` or `..` components, no leading
/// or trailing slash. `..` never escapes the root (BuildKit resolves source
/// paths against the context root). The root itself is the empty string.
///
/// Borrows when the input is already normal.
pub(crate) fn normalize(path: &str) -> Cow<'_, str> {
    if is_normal(path) {
        return Cow::Borrowed(path);
    }
    let mut parts: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Cow::Owned(parts.join("/"))
}

fn is_normal(path: &str) -> bool {
    !path.is_empty() && path.split('/').all(|c| !matches!(c, "" | "." | ".."))
}

#[cfg(test)]
mod tests {
    use super::{clean, normalize};

    #[test]
    fn clean_matches_go_filepath_clean() {
        let cases = [
            ("", "."),
            (".", "."),
            ("./", "."),
            ("a/", "a"),
            ("a//b", "a/b"),
            ("./a/../b", "b"),
            ("a/..", "."),
            ("a/../..", ".."),
            ("../../a", "../../a"),
            ("/", "/"),
            ("//", "/"),
            ("/..", "/"),
            ("/../a/", "/a"),
            ("/a/b/../../..", "/"),
            ("a/./b/./c/", "a/b/c"),
            ("!", "!"),
            ("!/", "!"),
            ("!..", "!.."),
            ("**/", "**"),
            ("abc/def/../../..", ".."),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "clean({input:?})");
        }
    }

    #[test]
    fn normalize_paths() {
        let cases = [
            ("a/b", "a/b"),
            ("./a", "a"),
            ("/a", "a"),
            ("a/", "a"),
            ("a//b/./c", "a/b/c"),
            ("../a", "a"),
            ("a/../../b", "b"),
            (".", ""),
            ("", ""),
            ("/", ""),
            ("./", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "normalize({input:?})");
        }
        assert!(matches!(normalize("x/y"), std::borrow::Cow::Borrowed(_)));
    }
}
