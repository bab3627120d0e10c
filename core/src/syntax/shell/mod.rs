//! A small model of POSIX shell scripts, as `/bin/sh -c` receives them from a
//! Dockerfile `RUN` (or a heredoc body).
//!
//! [`parse_script`] turns the text into a flat, source-ordered list of simple commands
//! ([`Command`]: assignments, words, redirections, how it joins the previous command,
//! nesting depth) plus the [`Group`]s that enclose them and any syntax errors. Control
//! structures (`if`, `for`, `while`, `case`, functions) are understood well enough that
//! their reserved words and headers are not mistaken for commands; their bodies'
//! commands are listed like any others. Every range is a byte range into the text, so
//! fixes can insert or remove words at exact offsets.
//!
//! The parser never panics, never recurses, and runs in linear time.
//!
//! Beyond POSIX it knows the bash forms common in Dockerfiles: `[[ .. ]]` (operators
//! inside are words), `((..))`, `for ((..))`, `a=(..)` arrays, `$'..'`, `<(..)`/`>(..)`
//! (recorded as command substitutions), `|&`, `&>`, `<<<`, `function f`.
//!
//! Not modelled: commands inside `${..}`, `$((..))` and heredoc bodies (kept as text);
//! substitutions nested more than 16 deep inside words (kept verbatim, one error);
//! redirections on compound commands (`done > log`: consumed, not recorded); aliases;
//! `\r` is an ordinary character.

mod lexer;
mod model;
mod parser;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub(crate) use model::{Command, Connector, GroupKind, RedirectOp, Script, Word};

/// Parses one shell script. Always returns a model; problems go to [`Script::errors`].
pub(crate) fn parse_script(text: &str) -> Script {
    parser::parse(text)
}
