//! `parse` + `analyze` throughput on the real-world sample with every rule on, in bytes
//! per second.

#![allow(clippy::disallowed_methods)] // benches read the corpus from disk

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use slimfile::rules::{Analyzer, Config, Context, RuleSelector, RULES};

fn every_rule() -> Config {
    Config {
        select: RULES.iter().map(|r| RuleSelector::Rule(r.code)).collect(),
        ..Config::default()
    }
}

fn analyze_sample(c: &mut Criterion) {
    let texts: Vec<String> = slimfile_tests::sample_files()
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::new(every_rule());
    let context = Context::default();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("sample_all_rules", |b| {
        b.iter(|| {
            for text in &texts {
                let parsed = slimfile::parse(black_box(text));
                black_box(analyzer.analyze(&parsed, &context));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, analyze_sample);
criterion_main!(benches);
