//! The `parse` + `analyze` benchmark body, shared by the bench binaries that differ only in
//! their global allocator.

use criterion::{black_box, Criterion, Throughput};
use slimfile::rules::{Analyzer, Config, Context, RuleSelector, RULES};

/// Every rule, also those off by default.
fn every_rule() -> Config {
    Config {
        select: RULES.iter().map(|r| RuleSelector::Rule(r.code)).collect(),
        ..Config::default()
    }
}

/// Parses and analyzes every file of the sample, with every rule and with the default
/// rules, in bytes per second.
pub fn analyze_sample(c: &mut Criterion, group: &str) {
    let texts: Vec<String> = slimfile_tests::sample_files()
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let context = Context::default();
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, config) in [
        ("sample_all_rules", every_rule()),
        ("sample_default_rules", Config::default()),
    ] {
        let analyzer = Analyzer::new(config);
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in &texts {
                    let parsed = slimfile::parse(black_box(text));
                    black_box(analyzer.analyze(&parsed, &context));
                }
            })
        });
    }
    group.finish();
}
