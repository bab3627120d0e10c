//! slimfile: parse, check and fix Dockerfiles, so the images they build are smaller, faster
//! to rebuild and reproducible.
//!
//! Pure Rust with no I/O: the same core runs in the `slimfile` command, in the Python and
//! Node packages, and in the browser through WebAssembly. Everything the caller gets back
//! owns its data and is serde-serializable; that shape is the contract of every surface.
//!
//! ```
//! use slimfile::{Context, FixOptions, Linter, Settings};
//!
//! let settings = Settings::from_toml("ignore = [\"DL3008\"]\n")?;
//! let linter = Linter::new(settings);
//! let source = "FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n";
//! let context = Context::default().with_files([("package.json", 600), ("package-lock.json", 52_000), ("server.js", 900)]);
//!
//! for d in linter.check(source, &context)? {
//!     println!("{}:{} {} {}", d.range.start.line, d.range.start.column, d.code, d.message);
//! }
//! let fixed = linter.fix(source, &context, &FixOptions { unsafe_fixes: true, ..Default::default() })?;
//! assert!(fixed.text.contains("npm ci"));
//! # Ok::<(), slimfile::Error>(())
//! ```
//!
//! The lossless syntax tree is in [`syntax`]: [`parse`] never fails, and printing the tree
//! gives the input back byte for byte.

#![warn(missing_docs)]
#![warn(unreachable_pub)]

mod api;
mod ascii;
mod context;
mod edit;
mod error;
mod fix;
mod knowledge;
mod paths;
mod rules;
mod semantic;
mod settings;
pub mod syntax;

pub use api::{
    decode, decode_owned, rule, rules, Diagnostic, FixResult, Linter, ParseProblem, ParseView,
    ParsedItem, Position, PositionEncoding, Range, Redactions, RuleInfo, SuggestedFix, TextEdit,
};
pub use context::{Context, ContextFile};
pub use edit::Applicability;
pub use error::{ConfigError, Error, InputError};
pub use fix::{AppliedFix, FixOptions, RejectedFix};
pub use knowledge::Flavor;
pub use rules::{Category, FixKind, Severity};
pub use settings::{
    FailLevel, LabelType, RuleSelector, Settings, SeverityOverride, CONFIG_FILE_NAMES,
};
pub use syntax::{parse, Parsed, MAX_SOURCE_LEN};
