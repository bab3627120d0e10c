//! Shared helpers for the corpus tests: where the shared corpus lives and how to walk it.

use std::path::{Path, PathBuf};

/// `../shared/corpus` next to the checkout (CI lays `shared/` beside the clone).
pub fn corpus_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for ancestor in here.ancestors() {
        let candidate = ancestor.join("shared").join("corpus");
        if candidate.is_dir() {
            return candidate;
        }
    }
    panic!("shared/corpus not found above {}", here.display());
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

/// The sample corpus files, as (path, bytes).
pub fn sample_files() -> Vec<(PathBuf, Vec<u8>)> {
    files_below(&corpus_dir().join("sample"))
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}
