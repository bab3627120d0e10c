//! `parse` throughput on the real-world sample, in bytes per second (criterion reports
//! MB/s with `Throughput::Bytes`).

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn sample_texts() -> Vec<String> {
    slimfile_tests::sample_files()
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect()
}

fn parse_sample(c: &mut Criterion) {
    let texts = sample_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("sample", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(slimfile::parse(black_box(text)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse_sample);
criterion_main!(benches);
