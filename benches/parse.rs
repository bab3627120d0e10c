//! `parse` throughput on the real-world sample with the system allocator, in bytes per
//! second (criterion reports MB/s with `Throughput::Bytes`).

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "parse_sample.rs"]
mod parse_sample;

fn with_system_allocator(c: &mut Criterion) {
    parse_sample::parse_sample(c, "parse");
}

criterion_group!(benches, with_system_allocator);
criterion_main!(benches);
