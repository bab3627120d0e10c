//! The data model the parser produces: a flat list of simple commands plus the groups
//! (subshells, brace groups, substitutions) that enclose them.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::syntax::TextRange;

/// One parsed shell script.
///
/// `commands` holds every simple command, including those inside groups, control
/// structures and command substitutions, in source order (by `range.start`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Script {
    pub commands: Vec<Command>,
    /// Subshells, brace groups and substitutions, in the order they open.
    pub groups: Vec<Group>,
    /// Syntax errors, ordered by where they start. The rest of the model is still usable.
    pub errors: Vec<ShellError>,
}

impl Script {
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The command the script ends with: the one that ends last outside command
    /// substitutions, whose commands are listed after the command they are part of
    /// (`echo "$(date)" > f` ends with `echo`'s redirect, not with `date`).
    pub(crate) fn ending_command(&self) -> Option<&Command> {
        self.commands
            .iter()
            .filter(|c| !c.in_substitution)
            .max_by_key(|c| c.range.end)
    }
}

/// A simple command: `VAR=x prog arg... >redir`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Command {
    /// From the first assignment/word/redirect to the end of the last one.
    pub range: TextRange,
    /// Leading `VAR=x` prefixes.
    pub assignments: Vec<Assignment>,
    /// `words[0]` is the program. Redirections are not in here.
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    /// How this command joins the one before it.
    pub connector: Connector,
    /// 0 at top level; +1 inside each enclosing `( )`, `{ }`, `$( )` and backticks.
    pub depth: u32,
    /// The command runs inside `$( )` or backticks (at any level).
    pub in_substitution: bool,
    /// Filled by the analyzer: which word is the program once wrappers such as `sudo` are
    /// skipped, and where its base name starts (`/usr/bin/apt-get` → `apt-get`).
    #[serde(skip)]
    pub program_at: Option<(u32, u32)>,
}

impl Command {
    /// The program name with quotes removed, if the command has any word.
    pub(crate) fn program(&self) -> Option<&str> {
        self.words.first().map(|w| w.value.as_str())
    }

    /// The words after the program.
    pub(crate) fn args(&self) -> &[Word] {
        self.words.get(1..).unwrap_or(&[])
    }
}

/// How a command (or group) joins what came before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Connector {
    /// Start of the script, or first command of a group or substitution.
    First,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or a newline (also `;;` between case arms).
    Seq,
    /// `|` or `|&`
    Pipe,
    /// `&`
    Background,
}

/// One shell word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Word {
    /// The exact source span, quotes included.
    pub range: TextRange,
    /// Quotes removed and escapes resolved; expansions (`$X`, `${X}`, `$(..)`, backticks,
    /// `$((..))`) kept verbatim.
    pub value: CompactString,
    /// Some part was quoted (`'..'`, `".."`, `$'..'` or a backslash escape).
    pub quoted: bool,
    /// The word contains an expansion, so its run-time value is not `value`.
    pub dynamic: bool,
}

/// A `NAME=value` prefix of a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Assignment {
    pub range: TextRange,
    /// The variable name (without a `+` of bash's `NAME+=x`).
    pub name: CompactString,
    /// The part after `=`; its range is empty (at the end) for `NAME=`.
    pub value: Word,
}

/// A redirection such as `2>&1`, `>/dev/null`, `<<EOF`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Redirect {
    /// From the fd digits (or the operator) to the end of the target.
    pub range: TextRange,
    /// Explicit file descriptor: the `2` of `2>&1`.
    pub fd: Option<u32>,
    pub op: RedirectOp,
    /// The file, fd or heredoc delimiter; `None` when missing (an error is reported).
    pub target: Option<Word>,
    /// For `<<`/`<<-`: the body lines (delimiter line excluded), when the script has them.
    pub heredoc_body: Option<TextRange>,
}

/// A redirection operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum RedirectOp {
    /// `<`
    Read,
    /// `>`
    Write,
    /// `>>`
    Append,
    /// `>|`
    Clobber,
    /// `<>`
    ReadWrite,
    /// `<&`
    DupIn,
    /// `>&`
    DupOut,
    /// `<<`
    HereDoc,
    /// `<<-`
    HereDocStrip,
    /// `<<<`
    HereString,
    /// `&>`
    WriteAll,
    /// `&>>`
    AppendAll,
}

impl RedirectOp {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RedirectOp::Read => "<",
            RedirectOp::Write => ">",
            RedirectOp::Append => ">>",
            RedirectOp::Clobber => ">|",
            RedirectOp::ReadWrite => "<>",
            RedirectOp::DupIn => "<&",
            RedirectOp::DupOut => ">&",
            RedirectOp::HereDoc => "<<",
            RedirectOp::HereDocStrip => "<<-",
            RedirectOp::HereString => "<<<",
            RedirectOp::WriteAll => "&>",
            RedirectOp::AppendAll => "&>>",
        }
    }

    /// `<<` or `<<-`.
    pub(crate) fn is_heredoc(self) -> bool {
        matches!(self, RedirectOp::HereDoc | RedirectOp::HereDocStrip)
    }
}

/// A span that encloses commands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Group {
    pub kind: GroupKind,
    /// From the opening token to the end of the closing one (end of input if unclosed).
    pub range: TextRange,
    /// Depth of the group itself; the commands inside are at `depth + 1`.
    pub depth: u32,
    /// How a subshell or brace group joins what came before (`First` for substitutions).
    pub connector: Connector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum GroupKind {
    /// `( ... )`
    Subshell,
    /// `{ ...; }`
    Brace,
    /// `$( ... )`
    CommandSubstitution,
    /// `` `...` ``
    Backtick,
}

/// A syntax error; parsing goes on after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ShellError {
    pub message: String,
    pub range: TextRange,
}
