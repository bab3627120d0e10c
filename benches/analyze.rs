//! `parse` + `analyze` throughput on the real-world sample, with the system allocator.

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{criterion_group, criterion_main, Criterion};

mod analyze_sample;

fn system_allocator(c: &mut Criterion) {
    analyze_sample::analyze_sample(c, "analyze");
}

criterion_group!(benches, system_allocator);
criterion_main!(benches);
