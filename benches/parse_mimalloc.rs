//! `parse` throughput on the real-world sample with mimalloc, the allocator the `slimfile`
//! command and the Python and Node modules ship with.

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "parse_sample.rs"]
mod parse_sample;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn with_mimalloc(c: &mut Criterion) {
    parse_sample::parse_sample(c, "parse_mimalloc");
}

criterion_group!(benches, with_mimalloc);
criterion_main!(benches);
