//! The Rust API side of the Python package's figures: `Linter::check` and `Linter::parse`
//! on the same texts as `bench.py` (every UTF-8 file of the sample, sorted by path), with
//! the same allocator as the module (mimalloc), timed in CPU time of this thread (immune to
//! other processes on a shared machine) and in wall time; the fastest of several passes.
//!
//! Usage: check_api SAMPLE_DIR (built by `cargo bench -p slimfile-python --bench check_api`)
//! Prints one JSON object: files, and µs per file for each call, encoding and clock.

#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)] // a bench reads the corpus and prints

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use slimfile::{Context, Linter, PositionEncoding, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// This thread's CPU time so far (`/proc/thread-self/schedstat`: nanoseconds on a CPU).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns = stat.split_whitespace().next().and_then(|n| n.parse().ok());
    Duration::from_nanos(ns.unwrap_or(0))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: check_api SAMPLE_DIR");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("check_api: no files under {dir}");
        std::process::exit(2);
    }
    let n = texts.len() as f64;
    let context = Context::default();
    let mut out = vec![format!("\"files\": {}", texts.len())];
    let per_file = |d: Duration| d.as_secs_f64() * 1e6 / n;
    let mut time = |name: &str, work: &dyn Fn(&str)| {
        let (mut best_cpu, mut best_wall) = (Duration::MAX, Duration::MAX);
        for _ in 0..7 {
            let (cpu_start, wall_start) = (cpu(), Instant::now());
            texts
                .iter()
                .for_each(|text| work(std::hint::black_box(text)));
            best_cpu = best_cpu.min(cpu() - cpu_start);
            best_wall = best_wall.min(wall_start.elapsed());
        }
        out.push(format!("\"{name}_cpu_us\": {:.2}", per_file(best_cpu)));
        out.push(format!("\"{name}_wall_us\": {:.2}", per_file(best_wall)));
    };
    for (name, encoding) in [
        ("utf8", PositionEncoding::Utf8),
        ("code_points", PositionEncoding::CodePoints),
    ] {
        let linter = Linter::new(Settings::default()).with_encoding(encoding);
        time(name, &|text| {
            drop(std::hint::black_box(linter.check(text, &context)))
        });
    }
    let linter = Linter::new(Settings::default()).with_encoding(PositionEncoding::CodePoints);
    time("parse_view", &|text| {
        drop(std::hint::black_box(linter.parse(text)))
    });
    time("parse", &|text| {
        drop(std::hint::black_box(slimfile::parse(text)))
    });
    println!("{{{}}}", out.join(", "));
}
