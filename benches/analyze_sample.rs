//! The `check` benchmark body (parse, analyze, positions), shared by the bench binaries
//! that differ only in their global allocator.

use criterion::{black_box, Criterion, Throughput};
use slimfile::{Context, Linter, RuleSelector, Settings};

/// Every rule, also those off by default.
fn every_rule() -> Settings {
    let mut settings = Settings::default();
    settings.select = slimfile::rules()
        .iter()
        .map(|r| RuleSelector::parse(&r.code).expect("a rule"))
        .collect();
    settings
}

/// Checks every file of the sample, with every rule and with the default rules, in bytes
/// per second.
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
    for (name, settings) in [
        ("sample_all_rules", every_rule()),
        ("sample_default_rules", Settings::default()),
    ] {
        let linter = Linter::new(settings);
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(linter.check(black_box(text), &context).expect("checked"));
                }
            })
        });
    }
    group.finish();
}
