//! The `parse` benchmark body, shared by the bench binaries that differ only in their
//! global allocator.

use criterion::{black_box, Criterion, Throughput};

/// Parses every file of the sample, in bytes per second.
pub fn parse_sample(c: &mut Criterion, group: &str) {
    let texts: Vec<String> = slimfile_tests::sample_files()
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(group);
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
