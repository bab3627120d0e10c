//! BuildKit's line parsers (`line_parsers.go`): one logical line → keyword, flags and the
//! arguments shaped by the instruction, each located in the source.

use compact_str::CompactString;

use super::error::{SyntaxError, SyntaxErrorKind};
use super::go_compat::{
    ceil_boundary, floor_boundary, go_quote, is_space, is_space_byte, split_ws_ranges,
};
use super::instruction::{Args, Flag, Instruction, InstructionKind, KeyValue, Str};
use super::json_array::{parse_json_array, JsonArray};
use super::logical::LogicalLine;
use super::split::split_command;
use super::words::parse_words;

/// `ONBUILD ONBUILD ...` deeper than this is still checked for errors, but its typed view
/// stops here (BuildKit's instruction layer rejects chained ONBUILD anyway).
const MAX_TRIGGER_DEPTH: usize = 4;

pub(crate) struct Node {
    pub kind: InstructionKind,
    pub keyword: Str,
    pub flags: Vec<Flag>,
    pub args: Args,
    pub trigger: Option<Box<Instruction>>,
}

pub(crate) struct LineParser<'a> {
    pub line: &'a LogicalLine,
    pub escape: u8,
    pub start_line: u32,
    pub end_line: u32,
}

impl LineParser<'_> {
    fn str_at(&self, start: usize, end: usize) -> Str {
        Str {
            range: self.line.source_range(start, end),
            value: CompactString::from(&self.line.text[start..end]),
        }
    }

    /// `newNodeFromLine` for the part of the logical line starting at `from`.
    pub(super) fn node(&self, from: usize, depth: usize) -> Result<Node, SyntaxError> {
        let text = &self.line.text[from..];
        let split = split_command(text, self.escape);
        let keyword = self.str_at(from + split.keyword.0, from + split.keyword.1);
        let kind = InstructionKind::from_keyword(&keyword.value);
        let flags = split
            .flags
            .into_iter()
            .map(|f| Flag {
                range: self.line.source_range(from + f.start, from + f.end),
                text: f.text,
            })
            .collect();
        let rest = (from + split.args.0, from + split.args.1);
        let mut trigger = None;
        let args = match kind {
            InstructionKind::Onbuild => {
                if rest.0 == rest.1 {
                    Args::Empty
                } else if depth >= MAX_TRIGGER_DEPTH {
                    self.check_deep_triggers(rest.0)?;
                    Args::Trigger
                } else {
                    let sub = self.node(rest.0, depth + 1)?;
                    trigger = Some(Box::new(self.instruction_from(sub, rest)));
                    Args::Trigger
                }
            }
            _ => self.args(kind, rest)?,
        };
        Ok(Node {
            kind,
            keyword,
            flags,
            args,
            trigger,
        })
    }

    /// Errors hidden in `ONBUILD ONBUILD ...` chains past the typed depth, found with a
    /// loop instead of recursion.
    fn check_deep_triggers(&self, mut from: usize) -> Result<(), SyntaxError> {
        loop {
            let split = split_command(&self.line.text[from..], self.escape);
            let kind = InstructionKind::from_keyword(
                &self.line.text[from + split.keyword.0..from + split.keyword.1],
            );
            let rest = (from + split.args.0, from + split.args.1);
            if kind != InstructionKind::Onbuild {
                return self.args(kind, rest).map(|_| ());
            }
            if rest.0 == rest.1 {
                return Ok(());
            }
            from = rest.0;
        }
    }

    /// Turns a node into an instruction whose BuildKit `Original` is `logical`.
    pub(super) fn instruction_from(&self, node: Node, logical: (usize, usize)) -> Instruction {
        let start = node.keyword.range.start;
        let end = self.line.source_end(logical.1).max(start);
        Instruction {
            range: super::text::TextRange::new(start, end),
            start_line: self.start_line,
            end_line: self.end_line,
            kind: node.kind,
            keyword: node.keyword,
            flags: node.flags,
            args: node.args,
            heredocs: Vec::new(),
            trigger: node.trigger,
            logical_range: self.line.source_range(logical.0, logical.1),
            joined: (!self.line.is_single_piece()).then(|| self.line.joined(logical.0, logical.1)),
        }
    }

    fn args(&self, kind: InstructionKind, (s, e): (usize, usize)) -> Result<Args, SyntaxError> {
        use InstructionKind as K;
        let rest = &self.line.text[s..e];
        Ok(match kind {
            K::From | K::Expose => self.whitespace_list(s, e),
            K::Add | K::Copy | K::Volume => match self.json(s, e)? {
                Some(exec) => exec,
                None => self.whitespace_list(s, e),
            },
            K::Cmd | K::Entrypoint | K::Run | K::Shell => self.maybe_json(s, e)?,
            K::Healthcheck => {
                let bytes = rest.as_bytes();
                let sep = bytes
                    .iter()
                    .position(|&b| is_space_byte(b))
                    .unwrap_or(bytes.len());
                if sep == 0 {
                    return Ok(Args::Empty);
                }
                let next = bytes[sep..]
                    .iter()
                    .position(|&b| !is_space_byte(b))
                    .map_or(bytes.len(), |p| sep + p);
                let (sep, next) = (floor_boundary(rest, sep), ceil_boundary(rest, next));
                let command = self.maybe_json(s + next, e)?;
                Args::Healthcheck {
                    kind: self.str_at(s, s + sep),
                    command: Box::new(command),
                }
            }
            K::Env | K::Label => self.name_values(kind, s, e)?,
            K::Arg => {
                let words = parse_words(rest, char::from(self.escape));
                if words.is_empty() {
                    Args::Empty
                } else {
                    Args::Words(
                        words
                            .into_iter()
                            .map(|w| Str {
                                range: self.line.source_range(s + w.start, s + w.end),
                                value: CompactString::from(w.text(rest)),
                            })
                            .collect(),
                    )
                }
            }
            K::Maintainer | K::Stopsignal | K::User | K::Workdir => {
                if rest.is_empty() {
                    Args::Empty
                } else {
                    Args::Text(self.str_at(s, e))
                }
            }
            K::Onbuild => Args::Trigger,
            K::Unknown => Args::Ignored(self.line.source_range(s, e)),
        })
    }

    /// `parseStringsWhitespaceDelimited`.
    fn whitespace_list(&self, s: usize, e: usize) -> Args {
        if s == e {
            return Args::Empty;
        }
        Args::List(
            split_ws_ranges(&self.line.text[s..e])
                .map(|(a, b)| self.str_at(s + a, s + b))
                .collect(),
        )
    }

    /// `parseJSON`: `Ok(None)` when the text is not JSON (the caller falls back).
    fn json(&self, s: usize, e: usize) -> Result<Option<Args>, SyntaxError> {
        let rest = &self.line.text[s..e];
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        match parse_json_array(&rest[lead..]) {
            JsonArray::Strings(items) => {
                let base = s + lead;
                let items = items
                    .into_iter()
                    .map(|j| Str {
                        range: self.line.source_range(base + j.start, base + j.end),
                        value: j.value.into(),
                    })
                    .collect();
                Ok(Some(Args::Exec {
                    range: self.line.source_range(base, e),
                    items,
                }))
            }
            JsonArray::NotStrings => Err(SyntaxError::new(
                SyntaxErrorKind::JsonNotStrings,
                "when using JSON array syntax, arrays must be comprised of strings only",
                self.line.source_range(s, e),
            )),
            JsonArray::Invalid => Ok(None),
        }
    }

    /// `parseMaybeJSON`.
    fn maybe_json(&self, s: usize, e: usize) -> Result<Args, SyntaxError> {
        if s == e {
            return Ok(Args::Empty);
        }
        Ok(match self.json(s, e)? {
            Some(exec) => exec,
            None => Args::Shell(self.str_at(s, e)),
        })
    }

    /// `parseNameVal`: `key=value ...`, or the legacy `key value`.
    fn name_values(&self, kind: InstructionKind, s: usize, e: usize) -> Result<Args, SyntaxError> {
        let rest = &self.line.text[s..e];
        let words = parse_words(rest, char::from(self.escape));
        let Some(first) = words.first() else {
            return Ok(Args::Empty);
        };
        if !first.text(rest).contains('=') {
            let bytes = rest.as_bytes();
            let key_end = bytes
                .iter()
                .position(|&b| super::go_compat::is_split_space(b));
            let Some(key_end) = key_end else {
                return Err(SyntaxError::new(
                    SyntaxErrorKind::MissingValue,
                    format!("{} must have two arguments", kind.as_str()),
                    self.line.source_range(s, e),
                ));
            };
            let value_start = key_end
                + bytes[key_end..]
                    .iter()
                    .position(|&b| !super::go_compat::is_split_space(b))
                    .unwrap_or(0);
            let key = self.str_at(s, s + key_end);
            let value = self.str_at(s + value_start, e);
            return Ok(Args::KeyValues(vec![KeyValue {
                range: self.line.source_range(s, e),
                key,
                value,
                legacy: true,
            }]));
        }
        let mut pairs = Vec::with_capacity(words.len());
        for w in words {
            let text = w.text(rest);
            let Some(eq) = text.find('=') else {
                return Err(SyntaxError::new(
                    SyntaxErrorKind::MissingEquals,
                    format!(
                        "Syntax error - can't find = in {}. Must be of the form: name=value",
                        go_quote(text)
                    ),
                    self.line.source_range(s + w.start, s + w.end),
                ));
            };
            // The word's text equals its source slice unless an escape at the very end was
            // dropped, so offsets inside the word line up with the logical text.
            let key_end = s + w.start + eq;
            pairs.push(KeyValue {
                range: self.line.source_range(s + w.start, s + w.end),
                key: Str {
                    range: self.line.source_range(s + w.start, key_end),
                    value: CompactString::from(&text[..eq]),
                },
                value: Str {
                    range: self
                        .line
                        .source_range((key_end + 1).min(s + w.end), s + w.end),
                    value: CompactString::from(&text[eq + 1..]),
                },
                legacy: false,
            });
        }
        Ok(Args::KeyValues(pairs))
    }
}
