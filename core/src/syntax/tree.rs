//! The parsed file: the source, its items in order, and the typed views over them.

use serde::{Deserialize, Serialize};

use super::error::SyntaxError;
use super::instruction::Instruction;
use super::stage::Stage;
use super::text::TextRange;

/// What a top-level piece of the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A parser directive (`# syntax=`, `# escape=`, `# check=`).
    Directive,
    /// A comment line.
    Comment,
    /// A blank line.
    Blank,
    /// An instruction, with its continuation lines and heredoc bodies.
    Instruction,
    /// Lines BuildKit's parser rejects (a bad directive, an instruction it cannot read).
    Error,
}

impl ItemKind {
    /// The name every output uses: `directive`, `comment`, `blank`, `instruction`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Directive => "directive",
            ItemKind::Comment => "comment",
            ItemKind::Blank => "blank",
            ItemKind::Instruction => "instruction",
            ItemKind::Error => "error",
        }
    }
}

/// One top-level piece. Items tile the source: each starts where the previous ended, the
/// first at 0 and the last at the end, line endings included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Where it is, line ending included.
    pub range: TextRange,
}

/// A parser directive: `# syntax=...`, `# escape=...`, `# check=...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    /// Lower-case name.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// The whole line, without its line ending.
    pub range: TextRange,
    /// Where the value is.
    pub value_range: TextRange,
}

/// A parsed Dockerfile. It owns its source, so it can cross language bindings as is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dockerfile {
    pub(crate) source: String,
    pub(crate) items: Vec<Item>,
    pub(crate) directives: Vec<Directive>,
    pub(crate) instructions: Vec<Instruction>,
    pub(crate) stages: Vec<Stage>,
    pub(crate) escape: char,
    pub(crate) has_bom: bool,
}

impl Dockerfile {
    /// The text it was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every top-level piece, in order; they tile the source.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The parser directives.
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The directive named `name` (lower case).
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// The instructions BuildKit would build, in order (items of kind `error` are left out).
    pub fn instructions(&self) -> &[Instruction] {
        &self.instructions
    }

    /// The build stages, in order.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The escape character: `\` unless `# escape=` said `` ` ``.
    pub fn escape(&self) -> char {
        self.escape
    }

    /// Whether the text starts with a UTF-8 byte-order mark.
    pub fn has_bom(&self) -> bool {
        self.has_bom
    }

    /// The text a range covers.
    pub fn text(&self, range: TextRange) -> &str {
        range.slice(&self.source)
    }

    /// The file printed back from its items: always equal to the input.
    pub fn print(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        for item in &self.items {
            out.push_str(self.text(item.range));
        }
        out
    }
}

impl std::fmt::Display for Dockerfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.items
            .iter()
            .try_for_each(|item| f.write_str(self.text(item.range)))
    }
}

/// The result of [`crate::parse`]: always a tree, plus what was wrong with the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    /// The tree: every byte of the input belongs to it.
    pub dockerfile: Dockerfile,
    /// What BuildKit's parser rejects: with any of these, `docker build` fails.
    pub errors: Vec<SyntaxError>,
    /// What BuildKit's parser accepts but its instruction layer rejects or its linter flags.
    pub warnings: Vec<SyntaxError>,
}

impl Parsed {
    /// Whether BuildKit's parser accepts the file.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The tree, or the first error: for callers who want a `Result`.
    pub fn into_result(self) -> Result<Dockerfile, SyntaxError> {
        match self.errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(self.dockerfile),
        }
    }
}
