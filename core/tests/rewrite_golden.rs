//! The worked examples end to end: a Dockerfile and its build context in, the rewritten
//! Dockerfile and `.dockerignore` out (`tests/golden/<case>/`). `after.*` files are the
//! expected results; set SLIMFILE_BLESS=1 to write them, then read them.

#![allow(clippy::disallowed_methods)] // tests read and write golden files

use std::path::Path;

use slimfile::{Context, FixOptions, Linter, Settings};

fn context(dir: &Path) -> Context {
    let list = std::fs::read_to_string(dir.join("context.txt")).unwrap_or_default();
    let files = list.lines().filter_map(|l| {
        let (path, size) = l.rsplit_once(' ')?;
        Some((path.to_string(), size.parse::<u64>().ok()?))
    });
    let ctx = Context::default().with_files(files);
    match std::fs::read_to_string(dir.join("before.dockerignore")) {
        Ok(text) => ctx.with_dockerignore(text),
        Err(_) => ctx,
    }
}

fn check_case(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let before = std::fs::read_to_string(dir.join("before.Dockerfile")).expect("before.Dockerfile");
    let ctx = context(&dir);
    let options = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let linter = Linter::new(Settings::default());
    let result = linter.fix(&before, &ctx, &options).expect("fixed");
    assert!(result.converged, "{name}: did not settle");
    assert!(
        result.rejected.is_empty(),
        "{name}: rejected {:?}",
        result.rejected
    );
    let ignore = result.dockerignore.clone().unwrap_or_default();
    if std::env::var_os("SLIMFILE_BLESS").is_some() {
        std::fs::write(dir.join("after.Dockerfile"), &result.text).expect("write");
        std::fs::write(dir.join("after.dockerignore"), &ignore).expect("write");
    }
    let expected = std::fs::read_to_string(dir.join("after.Dockerfile")).expect("after.Dockerfile");
    assert_eq!(result.text, expected, "{name}: Dockerfile");
    let expected_ignore =
        std::fs::read_to_string(dir.join("after.dockerignore")).unwrap_or_default();
    assert_eq!(ignore, expected_ignore, "{name}: .dockerignore");
    let reparsed = slimfile::parse(&result.text);
    assert!(reparsed.errors.is_empty(), "{name}: {:?}", reparsed.errors);

    // A second rewrite, with the .dockerignore written, changes nothing.
    let after_ctx = match &result.dockerignore {
        Some(text) => ctx.clone().with_dockerignore(text.clone()),
        None => ctx.clone(),
    };
    let again = linter
        .fix(&result.text, &after_ctx, &options)
        .expect("fixed");
    assert_eq!(again.text, result.text, "{name}: not idempotent");
    assert!(
        again.applied.is_empty(),
        "{name}: second pass applied {:?}",
        again.applied
    );
}

#[test]
fn node_worked_example() {
    check_case("node-worked-example");
}

#[test]
fn node_build_splits_into_two_stages() {
    check_case("node-build");
}

#[test]
fn go_service_runs_from_distroless() {
    check_case("go-service");
}

#[test]
fn python_app_keeps_compilers_in_the_builder() {
    check_case("python-app");
}
