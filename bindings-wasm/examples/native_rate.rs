//! The native single-thread `check` rate the browser test compares the WebAssembly build
//! with: the same texts, the same settings (the defaults), the same positions (UTF-16),
//! one thread, the system allocator.
//!
//! `cargo run --release -p slimfile-wasm --example native_rate -- DIR [PASSES]` prints
//! `{"files": n, "bytes": n, "best_seconds": s, "bytes_per_second": r}`: the fastest of
//! PASSES (default 5) passes over every file under DIR that reads as a Dockerfile, in path
//! order.

// A benchmark: it reads files, keeps time and prints.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use slimfile::{Context, Linter, PositionEncoding, Settings};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: native_rate DIR [PASSES]");
        std::process::exit(2);
    };
    let passes: u32 = args.next().and_then(|p| p.parse().ok()).unwrap_or(5);
    let mut paths = Vec::new();
    files_under(Path::new(&dir), &mut paths);
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|bytes| slimfile::decode_owned(bytes).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let linter = Linter::new(Settings::default()).with_encoding(PositionEncoding::Utf16);
    let context = Context::default();
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let start = Instant::now();
        for text in &texts {
            black_box(linter.check(black_box(text), &context).ok());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{{\"files\": {}, \"bytes\": {bytes}, \"best_seconds\": {best:.6}, \"bytes_per_second\": {:.0}}}",
        texts.len(),
        bytes as f64 / best
    );
}
