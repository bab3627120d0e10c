//! The public API every surface uses: the CLI, the Python, Node and WASM packages, and Rust
//! programs that depend on the crate.

mod catalogue;
mod diagnostic;
mod encoding;
mod linter;
mod parse_view;
mod redaction;

pub use catalogue::{rule, rules, RuleInfo};
pub use diagnostic::{Diagnostic, Range, SuggestedFix, TextEdit};
pub use encoding::{Position, PositionEncoding};
pub use linter::{decode, decode_owned, FixResult, Linter};
pub use parse_view::{ParseProblem, ParseView, ParsedItem};
pub use redaction::Redactions;
