#![allow(clippy::disallowed_methods)] // tests read the shared corpus from disk
//! Shared helpers for the corpus tests: where the shared corpus lives and how to walk it.

use std::path::{Path, PathBuf};

/// The workspace's root directory (where `README.md` and `docs/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_path_buf()
}

/// `../shared/corpus` next to the checkout (CI lays `shared/` beside the clone), or `None`
/// with a message saying the test is skipped: a contributor with only the repository can
/// still run `cargo test`.
pub fn corpus_dir() -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = here
        .ancestors()
        .map(|a| a.join("shared").join("corpus"))
        .find(|c| c.is_dir());
    if found.is_none() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "skipped: the shared corpus (shared/corpus above {}) is not here",
                here.display()
            );
        }
    }
    found
}

/// Every regular file below `dir`, sorted, so failures name files stably.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// The sample corpus files, as (path, bytes); none when the corpus is absent.
pub fn sample_files() -> Vec<(PathBuf, Vec<u8>)> {
    let Some(corpus) = corpus_dir() else {
        return Vec::new();
    };
    files_below(&corpus.join("sample"))
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

/// Checks the invariants every parse must keep, whatever the input: the items tile the
/// source, printing gives the input back, and every span lies inside the source on
/// character boundaries. Returns a description of the first violation.
pub fn check_invariants(src: &str) -> Result<slimfile::Parsed, String> {
    let parsed = slimfile::parse(src);
    let df = &parsed.dockerfile;
    if df.print() != src {
        return Err("print() differs from the input".into());
    }
    let mut at = 0u32;
    for item in df.items() {
        if item.range.start != at || item.range.end < item.range.start {
            return Err(format!("items do not tile at {at}: {item:?}"));
        }
        at = item.range.end;
    }
    if at as usize != src.len() {
        return Err(format!("items end at {at}, input has {} bytes", src.len()));
    }
    let in_bounds = |r: slimfile::syntax::TextRange| {
        r.start <= r.end
            && (r.end as usize) <= src.len()
            && src.is_char_boundary(r.start as usize)
            && src.is_char_boundary(r.end as usize)
    };
    for inst in df.instructions() {
        let mut ranges = vec![inst.range, inst.keyword.range];
        ranges.extend(inst.flags.iter().map(|f| f.range));
        ranges.extend(
            inst.heredocs
                .iter()
                .flat_map(|h| [h.marker, h.body, h.terminator]),
        );
        if let Some(bad) = ranges.into_iter().find(|r| !in_bounds(*r)) {
            return Err(format!(
                "instruction at line {} has a bad span {bad:?}",
                inst.start_line
            ));
        }
        let item = df
            .items()
            .iter()
            .find(|i| i.range.contains_range(inst.range));
        if item.is_none() {
            return Err(format!("instruction {:?} lies in no item", inst.range));
        }
    }
    for e in parsed.errors.iter().chain(&parsed.warnings) {
        if !in_bounds(e.range) {
            return Err(format!("error {e:?} has a bad span"));
        }
    }
    Ok(parsed)
}
