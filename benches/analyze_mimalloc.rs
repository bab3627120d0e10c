//! `parse` + `analyze` throughput on the real-world sample with mimalloc, the allocator
//! the `slimfile` command ships with: analysis makes many small allocations (shell words,
//! messages), so the allocator is a large part of what a user sees.

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "analyze_sample.rs"]
mod analyze_sample;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn with_mimalloc(c: &mut Criterion) {
    analyze_sample::analyze_sample(c, "analyze_mimalloc");
}

criterion_group!(benches, with_mimalloc);
criterion_main!(benches);
