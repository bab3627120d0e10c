//! A plain loop over the sample for profilers (`perf`, `valgrind --tool=callgrind`), which
//! want one process doing one thing rather than criterion's warm-up and statistics:
//!
//!   cargo build --profile bench -p slimfile-benches --example profile
//!   valgrind --tool=callgrind --toggle-collect=profile::measured target/release/examples/profile check
//!
//! `parse`: parse every file; `check`: `Linter::check` with the default rules; `check-all`:
//! with every rule; `check:CODE,...`: with those rules alone. An optional second argument repeats the loop (default once); a third
//! names another directory of Dockerfiles than the sample (such as the unpacked dev corpus).

#![allow(clippy::disallowed_methods)] // reads the corpus from disk
#![allow(clippy::print_stdout)] // prints what was measured

use std::hint::black_box;

use slimfile::{Context, Linter, RuleSelector, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The loop that is measured, apart so that callgrind can count it alone
/// (`--toggle-collect=profile::measured`), without reading the corpus.
#[inline(never)]
fn measured(
    mode: &str,
    rounds: usize,
    texts: &[String],
    linter: &Linter,
    context: &Context,
) -> usize {
    let mut found = 0usize;
    for _ in 0..rounds {
        for text in texts {
            match mode {
                "parse" => {
                    black_box(slimfile::parse(black_box(text)));
                }
                _ if mode.starts_with("check") => {
                    found += linter
                        .check(black_box(text), context)
                        .expect("checked")
                        .len();
                }
                other => panic!("unknown mode {other}: parse, check or check-all"),
            }
        }
    }
    found
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "check".to_string());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let files = match args.next() {
        Some(dir) => slimfile_tests::files_below(std::path::Path::new(&dir))
            .into_iter()
            .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
            .collect(),
        None => slimfile_tests::sample_files(),
    };
    let texts: Vec<String> = files
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let context = Context::default();
    let linter = match mode.as_str() {
        "check-all" => {
            let mut settings = Settings::default();
            settings.select = slimfile::rules()
                .iter()
                .map(|r| RuleSelector::parse(&r.code).expect("a rule"))
                .collect();
            Linter::new(settings)
        }
        // `check:DL3059,SF101`: those rules alone, to see what one rule costs above the
        // parse and the analysis it shares.
        selected if selected.starts_with("check:") => {
            let mut settings = Settings::default();
            settings.select = selected["check:".len()..]
                .split(',')
                .map(|code| RuleSelector::parse(code).expect("a rule code"))
                .collect();
            Linter::new(settings)
        }
        _ => Linter::new(Settings::default()),
    };
    let started = std::time::Instant::now();
    let found = measured(&mode, rounds, &texts, &linter, &context);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{mode}: {} files, {:.1} MB, {rounds} round(s), {found} findings, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        (bytes * rounds) as f64 / 1e6 / seconds
    );
}
