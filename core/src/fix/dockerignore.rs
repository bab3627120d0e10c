//! Extending the user's `.dockerignore`: lines are added, never removed or moved.

/// The user's `.dockerignore` with the `additions` it lacks appended (once each), and the
/// lines that were added. A new file gets a header saying where it came from; an existing
/// one gets a comment above the added lines.
pub(crate) fn extend_dockerignore(
    existing: Option<&str>,
    additions: &[&String],
) -> (String, Vec<String>) {
    let mut out = match existing {
        Some(text) => text.to_string(),
        None => "# Written by slimfile: what the image does not need from the build context.\n"
            .to_string(),
    };
    let present: std::collections::HashSet<&str> = out.lines().map(str::trim).collect();
    let mut new_lines: Vec<String> = Vec::new();
    for entry in additions {
        let entry = entry.trim();
        if !entry.is_empty() && !present.contains(entry) && !new_lines.iter().any(|l| l == entry) {
            new_lines.push(entry.to_string());
        }
    }
    if new_lines.is_empty() {
        return (existing.unwrap_or_default().to_string(), new_lines);
    }
    // A CRLF file stays CRLF.
    let newline = if out.contains("\r\n") { "\r\n" } else { "\n" };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    if existing.is_some() {
        out.push_str("# Added by slimfile");
        out.push_str(newline);
    }
    for line in &new_lines {
        out.push_str(line);
        out.push_str(newline);
    }
    (out, new_lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerignore_is_extended_never_rewritten() {
        let existing = "node_modules\n# keep\n.env";
        let adds = [
            ".git".to_string(),
            "node_modules".to_string(),
            ".git".to_string(),
        ];
        let refs: Vec<&String> = adds.iter().collect();
        assert_eq!(
            extend_dockerignore(Some(existing), &refs),
            (
                "node_modules\n# keep\n.env\n# Added by slimfile\n.git\n".to_string(),
                vec![".git".to_string()]
            )
        );
        assert_eq!(
            extend_dockerignore(Some("node_modules\r\n.env"), &refs).0,
            "node_modules\r\n.env\r\n# Added by slimfile\r\n.git\r\n"
        );
        let (new_file, added) = extend_dockerignore(None, &refs);
        assert!(new_file.ends_with("\n.git\nnode_modules\n"));
        assert_eq!(added, [".git", "node_modules"]);
        assert_eq!(
            extend_dockerignore(Some("a\n"), &[]),
            ("a\n".to_string(), vec![])
        );
    }
}
