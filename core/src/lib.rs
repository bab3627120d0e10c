//! slimfile: parse, analyze and rewrite Dockerfiles.
//!
//! Pure Rust with no I/O, so the same core runs in the CLI, in Python and Node bindings,
//! and in the browser through WebAssembly.

pub mod context;
pub mod fix;
pub mod knowledge;
pub mod rules;
pub mod syntax;

pub use fix::{rewrite, FixOptions, Rewrite};
pub use rules::{analyze, Analyzer, Config, Context, Diagnostic};
pub use syntax::{parse, parse_bytes, Dockerfile, Parsed};
