#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)] // a program does I/O
//! Checks a Dockerfile as a program that embeds slimfile would: settings from the
//! `slimfile.toml` next to it (if any), the build context from its directory, the findings
//! printed, and the fixed file written beside it as `<name>.fixed` (with the
//! `.dockerignore` lines the fixes want printed, not written).
//!
//!     cargo run -p slimfile-example-embed -- examples/node/Dockerfile [--unsafe]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use slimfile::{Context, FixOptions, Linter, Settings};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: embed DOCKERFILE [--unsafe]");
        return ExitCode::from(2);
    };
    let unsafe_fixes = args.any(|a| a == "--unsafe");
    match run(&path, unsafe_fixes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(path: &Path, unsafe_fixes: bool) -> Result<(), Box<dyn std::error::Error>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let source = slimfile::decode_owned(std::fs::read(path)?)?;

    let config = dir.join("slimfile.toml");
    let settings = match std::fs::read_to_string(&config) {
        Ok(text) => {
            Settings::from_config_file(&config.display().to_string(), &text)?.unwrap_or_default()
        }
        Err(_) => Settings::default(),
    };
    let context = context_of(dir)?;
    let linter = Linter::new(settings);

    for d in linter.check(&source, &context)? {
        println!(
            "{}:{}:{}: {} [{}] {}",
            path.display(),
            d.range.start.line,
            d.range.start.column,
            d.code,
            d.severity.as_str(),
            d.message
        );
    }

    let options = FixOptions {
        unsafe_fixes,
        ..FixOptions::default()
    };
    let fixed = linter.fix(&source, &context, &options)?;
    let out = path.with_extension("fixed");
    std::fs::write(&out, &fixed.text)?;
    println!(
        "wrote {} ({} fixes, about {} MB smaller image)",
        out.display(),
        fixed.applied.len(),
        fixed.saved_bytes / 1_000_000
    );
    for line in &fixed.dockerignore_additions {
        println!(".dockerignore += {line}");
    }
    Ok(())
}

/// The directory's `.dockerignore` and its files with their sizes, relative to it.
fn context_of(dir: &Path) -> std::io::Result<Context> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let shown = path.to_string_lossy().replace('\\', "/");
                files.push((shown, entry.metadata()?.len()));
            }
        }
    }
    let context = Context::default().with_files(files);
    Ok(match std::fs::read_to_string(dir.join(".dockerignore")) {
        Ok(text) => context.with_dockerignore(text),
        Err(_) => context,
    })
}
