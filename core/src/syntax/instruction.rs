//! The typed view of one instruction.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::text::TextRange;

/// The instructions BuildKit knows. Keywords are case-insensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum InstructionKind {
    /// `ADD`.
    Add,
    /// `ARG`.
    Arg,
    /// `CMD`.
    Cmd,
    /// `COPY`.
    Copy,
    /// `ENTRYPOINT`.
    Entrypoint,
    /// `ENV`.
    Env,
    /// `EXPOSE`.
    Expose,
    /// `FROM`.
    From,
    /// `HEALTHCHECK`.
    Healthcheck,
    /// `LABEL`.
    Label,
    /// `MAINTAINER` (deprecated).
    Maintainer,
    /// `ONBUILD`.
    Onbuild,
    /// `RUN`.
    Run,
    /// `SHELL`.
    Shell,
    /// `STOPSIGNAL`.
    Stopsignal,
    /// `USER`.
    User,
    /// `VOLUME`.
    Volume,
    /// `WORKDIR`.
    Workdir,
    /// Anything else: BuildKit's parser keeps it, its instruction layer rejects it.
    Unknown,
}

impl InstructionKind {
    /// Every instruction BuildKit knows.
    pub const ALL: [InstructionKind; 18] = [
        Self::Add,
        Self::Arg,
        Self::Cmd,
        Self::Copy,
        Self::Entrypoint,
        Self::Env,
        Self::Expose,
        Self::From,
        Self::Healthcheck,
        Self::Label,
        Self::Maintainer,
        Self::Onbuild,
        Self::Run,
        Self::Shell,
        Self::Stopsignal,
        Self::User,
        Self::Volume,
        Self::Workdir,
    ];

    /// The kind for a keyword as written, in any case.
    pub fn from_keyword(word: &str) -> InstructionKind {
        // Every instruction comes here: the length picks the few keywords to compare, each
        // ignoring case in place (a lower-cased copy matched against all 18 cost ~100
        // instructions a call; this ~20, callgrind on the sample).
        let is = |keyword: &str| word.eq_ignore_ascii_case(keyword);
        match word.len() {
            3 if is("run") => Self::Run,
            3 if is("env") => Self::Env,
            3 if is("arg") => Self::Arg,
            3 if is("add") => Self::Add,
            3 if is("cmd") => Self::Cmd,
            4 if is("from") => Self::From,
            4 if is("copy") => Self::Copy,
            4 if is("user") => Self::User,
            5 if is("label") => Self::Label,
            5 if is("shell") => Self::Shell,
            6 if is("expose") => Self::Expose,
            6 if is("volume") => Self::Volume,
            7 if is("workdir") => Self::Workdir,
            7 if is("onbuild") => Self::Onbuild,
            10 if is("entrypoint") => Self::Entrypoint,
            10 if is("maintainer") => Self::Maintainer,
            10 if is("stopsignal") => Self::Stopsignal,
            11 if is("healthcheck") => Self::Healthcheck,
            _ => Self::Unknown,
        }
    }

    /// The canonical upper-case keyword (`""` for unknown instructions).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Add => "ADD",
            Self::Arg => "ARG",
            Self::Cmd => "CMD",
            Self::Copy => "COPY",
            Self::Entrypoint => "ENTRYPOINT",
            Self::Env => "ENV",
            Self::Expose => "EXPOSE",
            Self::From => "FROM",
            Self::Healthcheck => "HEALTHCHECK",
            Self::Label => "LABEL",
            Self::Maintainer => "MAINTAINER",
            Self::Onbuild => "ONBUILD",
            Self::Run => "RUN",
            Self::Shell => "SHELL",
            Self::Stopsignal => "STOPSIGNAL",
            Self::User => "USER",
            Self::Volume => "VOLUME",
            Self::Workdir => "WORKDIR",
            Self::Unknown => "",
        }
    }

    /// Instructions whose arguments may open heredocs.
    pub fn allows_heredocs(self) -> bool {
        matches!(self, Self::Run | Self::Copy | Self::Add)
    }
}

/// A piece of text taken from the source: where it is and what it means.
///
/// `range` is the exact source span (quotes and continuation lines included); `value` is
/// the text with continuations removed and, where the instruction defines it, quotes or
/// JSON escapes decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Str {
    /// Where it is in the source.
    pub range: TextRange,
    /// The text as BuildKit reads it.
    pub value: CompactString,
}

/// A `--name=value` flag before the arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The flag as written, quotes included.
    pub range: TextRange,
    /// The flag after BuildKit's quote and escape processing, e.g. `--mount=type=cache,target=/x`.
    pub text: CompactString,
}

impl Flag {
    /// The name without the leading dashes: `mount`.
    pub fn name(&self) -> &str {
        let body = self.text.strip_prefix("--").unwrap_or(&self.text);
        body.split_once('=').map_or(body, |(name, _)| name)
    }

    /// The value after `=`, if any (`--link` has none).
    pub fn value(&self) -> Option<&str> {
        self.text.split_once('=').map(|(_, v)| v)
    }
}

/// One `key=value` (or legacy `key value`) pair of `ENV` or `LABEL`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValue {
    /// The whole pair.
    pub range: TextRange,
    /// The key as written: quotes are still in it, as in BuildKit's parse tree.
    pub key: Str,
    /// The value as written: quotes are still in it.
    pub value: Str,
    /// `ENV key value`: the legacy form without `=`.
    pub legacy: bool,
}

/// A heredoc opened by `<<NAME` on a `RUN`, `COPY` or `ADD` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heredoc {
    /// The `<<-"NAME"` word on the instruction line.
    pub marker: TextRange,
    /// The delimiter word.
    pub name: String,
    /// The file descriptor it feeds (`0` unless written `3<<EOF`).
    pub file_descriptor: u32,
    /// `<<-`: leading tabs are stripped from the body.
    pub chomp: bool,
    /// Unquoted delimiter: variables in the body are expanded.
    pub expand: bool,
    /// The body lines, each with its line ending, up to the terminator line.
    pub body: TextRange,
    /// The terminator line's text (without its line ending).
    pub terminator: TextRange,
}

/// A logical line made of several pieces of source, with where each piece came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedLine {
    /// The joined text.
    pub text: CompactString,
    /// `(offset in text, offset in source)` where each piece starts.
    pub pieces: Vec<(u32, u32)>,
}

impl JoinedLine {
    /// The piece holding `logical`: the last one starting at it or before (before it
    /// when `at_end`). `hint` is how many pieces the previous lookup found before its
    /// offset; it is checked first, so lookups in order cost O(1) and any costs
    /// O(log pieces).
    fn piece_near(&self, logical: u32, at_end: bool, hint: &mut usize) -> (u32, u32) {
        let before = |&(l, _): &(u32, u32)| if at_end { l < logical } else { l <= logical };
        let p = &self.pieces;
        let h = (*hint).min(p.len());
        let count = if h > 0 && !p.get(h - 1).is_some_and(before) {
            p.get(..h - 1).map_or(0, |s| s.partition_point(before))
        } else if !p.get(h).is_some_and(before) {
            h
        } else if !p.get(h + 1).is_some_and(before) {
            h + 1
        } else {
            h + 2 + p.get(h + 2..).map_or(0, |s| s.partition_point(before))
        };
        *hint = count;
        p.get(count.saturating_sub(1)).copied().unwrap_or((0, 0))
    }

    fn piece_for(&self, logical: u32, at_end: bool) -> (u32, u32) {
        self.piece_near(logical, at_end, &mut 0)
    }

    /// The source offset of an offset in the joined text (where something starts).
    pub fn to_source(&self, logical: u32) -> u32 {
        let (l, s) = self.piece_for(logical, false);
        s + (logical - l)
    }

    /// The source offset where something ending at `logical` ends (before a join).
    pub fn to_source_end(&self, logical: u32) -> u32 {
        if logical == 0 {
            return self.to_source(0);
        }
        let (l, s) = self.piece_for(logical, true);
        s + (logical - l)
    }

    /// The offset in the joined text of a source offset inside one of its pieces.
    pub fn to_logical(&self, source: u32) -> u32 {
        let idx = self.pieces.partition_point(|&(_, s)| s <= source);
        let (l, s) = self
            .pieces
            .get(idx.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0));
        l + source.saturating_sub(s)
    }
}

/// See [`Instruction::source_mapper`].
#[derive(Debug)]
pub(crate) struct SourceMapper<'a> {
    joined: Option<&'a JoinedLine>,
    shift: u32,
    /// Lookup hints (see [`JoinedLine::piece_near`]) for starts and ends, which are
    /// each mostly in order.
    starts: usize,
    ends: usize,
}

impl SourceMapper<'_> {
    pub(crate) fn map(&mut self, start: u32, end: u32) -> TextRange {
        let Some(j) = self.joined else {
            return TextRange::new(start, end).shifted(self.shift);
        };
        let (l, s) = j.piece_near(start, false, &mut self.starts);
        let source_start = s + (start - l);
        if start >= end {
            return TextRange::empty(source_start);
        }
        // Most ranges end in the piece they start in: no second lookup.
        let next = j.pieces.get(self.starts).map_or(u32::MAX, |&(n, _)| n);
        if self.starts > 0 && end <= next {
            return TextRange::new(source_start, s + (end - l));
        }
        let (l, s) = j.piece_near(end, true, &mut self.ends);
        TextRange::new(source_start, s + (end - l))
    }
}

/// What follows the keyword and flags, shaped by the instruction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Args {
    /// Nothing after the keyword.
    Empty,
    /// A JSON array of strings: `CMD ["node", "server.js"]`.
    Exec {
        /// The array, brackets included.
        range: TextRange,
        /// Its strings, decoded.
        items: Vec<Str>,
    },
    /// Shell form: the command line as one string (`RUN`, `CMD`, `ENTRYPOINT`, `SHELL`).
    Shell(Str),
    /// White-space separated words (`FROM`, `EXPOSE`, and `COPY`/`ADD`/`VOLUME` outside JSON).
    List(Vec<Str>),
    /// `ENV` and `LABEL`.
    KeyValues(Vec<KeyValue>),
    /// `ARG name[=default] ...`, each word as written.
    Words(Vec<Str>),
    /// One string (`MAINTAINER`, `USER`, `WORKDIR`, `STOPSIGNAL`).
    Text(Str),
    /// `HEALTHCHECK NONE` / `HEALTHCHECK CMD ...`.
    Healthcheck {
        /// `NONE` or `CMD`.
        kind: Str,
        /// The command's arguments (`Empty` for `NONE`).
        command: Box<Args>,
    },
    /// `ONBUILD`: the wrapped instruction is [`Instruction::trigger`].
    Trigger,
    /// An unknown instruction: its arguments are not interpreted.
    Ignored(TextRange),
}

/// One instruction, with every part located in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instruction {
    /// From the keyword to the end of the last line it owns (heredoc terminators included).
    pub range: TextRange,
    /// 1-based lines, as BuildKit counts them.
    pub start_line: u32,
    /// The last line, from 1.
    pub end_line: u32,
    /// Which instruction.
    pub kind: InstructionKind,
    /// The keyword as written.
    pub keyword: Str,
    /// The `--flags` before the arguments.
    pub flags: Vec<Flag>,
    /// The arguments, shaped by the instruction.
    pub args: Args,
    /// The heredocs it opens, in order.
    pub heredocs: Vec<Heredoc>,
    /// The instruction an `ONBUILD` registers.
    pub trigger: Option<Box<Instruction>>,
    /// Where the line BuildKit reads lies in the source (see [`Instruction::logical`]).
    pub logical_range: TextRange,
    /// The joined line, kept only when it differs from the source text of
    /// `logical_range` (continuation lines): most instructions need no copy.
    pub joined: Option<JoinedLine>,
}

impl Instruction {
    /// Whether the arguments are in exec (JSON) form.
    pub fn is_exec_form(&self) -> bool {
        match &self.args {
            Args::Exec { .. } => true,
            Args::Healthcheck { command, .. } => matches!(**command, Args::Exec { .. }),
            _ => false,
        }
    }

    /// The line as BuildKit sees it: continuations joined, comment lines dropped.
    /// `source` is the file's text ([`crate::syntax::Dockerfile::source`]).
    pub fn logical<'a>(&'a self, source: &'a str) -> &'a str {
        match &self.joined {
            Some(joined) => &joined.text,
            None => self.logical_range.slice(source),
        }
    }

    /// Maps a range of [`Instruction::logical`] back to the source.
    pub fn logical_to_source(&self, start: u32, end: u32) -> TextRange {
        self.source_mapper().map(start, end)
    }

    /// Maps many ranges like [`Instruction::logical_to_source`], fastest when each lies
    /// near the one before.
    pub(crate) fn source_mapper(&self) -> SourceMapper<'_> {
        SourceMapper {
            joined: self.joined.as_ref(),
            shift: self.logical_range.start,
            starts: 0,
            ends: 0,
        }
    }

    /// The offset in [`Instruction::logical`] of a source offset on the instruction's line.
    pub fn source_to_logical(&self, source: u32) -> u32 {
        match &self.joined {
            Some(j) => j.to_logical(source),
            None => source.saturating_sub(self.logical_range.start),
        }
    }

    /// The first flag named `name` (without dashes).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name() == name)
    }

    /// Every flag named `name`.
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags.iter().filter(move |f| f.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_mapper_agrees_with_a_plain_scan_in_any_order() {
        let src = "FROM a\nRUN a \\\n  bb \\\n\n  ccc \\\n # c\n  dd \\\n e\n";
        let p = crate::parse(src);
        let inst = &p.dockerfile.instructions()[1];
        let joined = inst.joined.as_ref().expect("continuations are joined");
        assert!(joined.pieces.len() >= 4, "{:?}", joined.pieces);
        let scan = |x: u32, at_end: bool| {
            let (l, s) = joined
                .pieces
                .iter()
                .rev()
                .find(|&&(l, _)| if at_end { l < x } else { l <= x })
                .copied()
                .unwrap_or((0, 0));
            s + (x - l)
        };
        let len = joined.text.len() as u32;
        let pairs: Vec<(u32, u32)> = (0..=len)
            .flat_map(|s| (0..=len).map(move |e| (s, e)))
            .collect();
        for order in [pairs.clone(), pairs.iter().rev().copied().collect()] {
            let mut mapper = inst.source_mapper();
            for (s, e) in order {
                let want = if s < e {
                    TextRange::new(scan(s, false), scan(e, true))
                } else {
                    TextRange::empty(scan(s, false))
                };
                assert_eq!(mapper.map(s, e), want, "{s}..{e}");
                assert_eq!(inst.logical_to_source(s, e), want, "{s}..{e}");
            }
        }
    }
}
