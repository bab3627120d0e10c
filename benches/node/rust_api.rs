//! The Rust side of the Node benchmark (`benches/node/bench.js` runs it): the same work as
//! the npm package's `check` and `parse`, through core's API, on the same files, with the
//! same settings, position encoding (UTF-16) and allocator (mimalloc), so that the difference is the binding's
//! per-call cost.
//!
//!   rust_api FILE_LIST ROUNDS   → one JSON line: {"files", "bytes", "check": [[wall s, CPU s]...], "parse": [...]}
//!
//! CPU time (of this process) is what to compare on a machine busy with other work.

#![allow(clippy::disallowed_methods, clippy::print_stdout)] // a benchmark reads files and prints

use std::hint::black_box;
use std::time::Instant;

use cpu_time::ProcessTime;

use slimfile::{Context, Linter, PositionEncoding, Settings};

// The allocator the npm package uses (and the `slimfile` command).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let list = args.next().expect("usage: rust_api FILE_LIST ROUNDS");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let texts: Vec<String> = std::fs::read_to_string(&list)
        .expect("a file list")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|f| std::fs::read_to_string(f).expect("a UTF-8 file"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let linter = Linter::new(Settings::default()).with_encoding(PositionEncoding::Utf16);
    let context = Context::default();
    let time = |work: &dyn Fn(&str)| -> Vec<(f64, f64)> {
        (0..rounds)
            .map(|_| {
                let (start, cpu) = (Instant::now(), ProcessTime::now());
                for text in &texts {
                    work(black_box(text));
                }
                (start.elapsed().as_secs_f64(), cpu.elapsed().as_secs_f64())
            })
            .collect()
    };
    let check = time(&|text| {
        black_box(linter.check(text, &context).expect("checked"));
    });
    let parse = time(&|text| {
        black_box(linter.parse(text).expect("parsed"));
    });
    let seconds = |v: &[(f64, f64)]| {
        let pairs: Vec<String> = v.iter().map(|(w, c)| format!("[{w:.6},{c:.6}]")).collect();
        pairs.join(",")
    };
    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"check\":[{}],\"parse\":[{}]}}",
        texts.len(),
        seconds(&check),
        seconds(&parse)
    );
}
