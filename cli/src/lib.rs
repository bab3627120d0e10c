#![allow(clippy::disallowed_methods)] // the CLI is where I/O belongs
//! The `slimfile` command: a thin shell over the `slimfile` crate. It finds and reads
//! files, hands text to core, and formats what comes back.
//!
//! As a library it offers the command itself ([`run`]) and the file reading it does
//! ([`files`]), so that the Python and Node packages read settings files, build contexts
//! and Dockerfiles exactly as the command does, with the same code.

mod cli;
mod commands;
mod config;
mod context;
mod discover;
mod guard;
mod input;
mod output;
mod pipeline;
mod report;
mod session;
mod write;

pub mod files;

pub use cli::run;
