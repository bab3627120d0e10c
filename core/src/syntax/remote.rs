//! `COPY` and `ADD` sources that name something to fetch rather than a path in the build
//! context: what BuildKit's `isHTTPSource` and `ParseGitRef` tell apart.

/// `http://` or `https://` (any case).
pub(crate) fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What BuildKit reads as a Git repository rather than a file: `git://`, `git@`,
/// `ssh://`, or an http(s) URL whose path ends in `.git` (before a `#ref`).
pub(crate) fn is_git_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("git://") || lower.starts_with("git@") || lower.starts_with("ssh://") {
        return true;
    }
    let no_fragment = lower.split('#').next().unwrap_or(&lower);
    let no_query = no_fragment.split('?').next().unwrap_or(no_fragment);
    is_http_url(&lower) && no_query.trim_end_matches('/').ends_with(".git")
}
