//! The native single-thread `check` rate the browser test compares the WebAssembly build
//! with: the same texts, the same settings (the defaults), the same positions (UTF-16),
//! one thread, the system allocator.
//!
//! `cargo run --release -p slimfile-wasm --example native_rate -- DIR [PASSES]` prints
//! `{"files": n, "bytes": n, "best_seconds": s, "cpu_seconds": c}` for PASSES (default 5)
//! passes over every file under DIR that reads as a Dockerfile: the fastest pass by the
//! clock, and the processor time of one pass on average (from `/proc/self/stat`, so it
//! holds on a loaded machine; `null` where there is no such file).

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
    let cpu_before = cpu_seconds();
    for _ in 0..passes {
        let start = Instant::now();
        for text in &texts {
            black_box(linter.check(black_box(text), &context).ok());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let cpu = match (cpu_before, cpu_seconds()) {
        (Some(before), Some(after)) => format!("{:.6}", (after - before) / f64::from(passes)),
        _ => "null".to_string(),
    };
    println!(
        "{{\"files\": {}, \"bytes\": {bytes}, \"best_seconds\": {best:.6}, \"cpu_seconds\": {cpu}}}",
        texts.len()
    );
}

/// User plus system time of this process so far (Linux: fields 14 and 15 of
/// `/proc/self/stat`, in clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
