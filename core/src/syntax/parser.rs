//! The driver: physical lines → items, directives and instructions, as BuildKit's
//! `parser.Parse` reads them, but recovering from every error instead of stopping.

use super::args::LineParser;
use super::directives::{match_directive, KNOWN};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::go_compat::{go_quote, leading_space_len};
use super::heredoc::heredocs_in_line;
use super::instruction::{Heredoc, Instruction, InstructionKind};
use super::logical::LogicalLine;
use super::text::TextRange;
use super::tree::{Directive, Dockerfile, Item, ItemKind, Parsed};
use super::validate::instruction_warnings;

const BOM: &str = "\u{FEFF}";

/// The largest input `parse` reads (32 MiB): far above any real Dockerfile, low enough
/// that time and memory stay bounded.
pub const MAX_SOURCE_LEN: usize = 32 << 20;

#[derive(Clone, Copy, Debug)]
struct PhysLine {
    start: usize,
    /// Content without a leading BOM and without the trailing run of `\r`/`\n`.
    content: (usize, usize),
    end: usize,
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// Lines read so far (BuildKit's `currentLine`).
    line_no: u32,
    escape: u8,
    directives_done: bool,
    seen_directive: [bool; KNOWN.len()],
    logical: LogicalLine,
    items: Vec<Item>,
    directives: Vec<Directive>,
    instructions: Vec<Instruction>,
    errors: Vec<SyntaxError>,
    warnings: Vec<SyntaxError>,
}

pub(crate) fn parse_source(src: &str) -> Parsed {
    if src.len() > MAX_SOURCE_LEN {
        return refuse_too_large(src);
    }
    let mut p = Parser {
        src,
        pos: 0,
        line_no: 0,
        escape: b'\\',
        directives_done: false,
        seen_directive: [false; KNOWN.len()],
        logical: LogicalLine::with_capacity(src.len().min(4096)),
        items: Vec::with_capacity(src.len() / 40 + 1),
        directives: Vec::new(),
        instructions: Vec::with_capacity(src.len() / 80 + 1),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    p.run();
    if p.instructions.is_empty() && !p.items.iter().any(|i| i.kind == ItemKind::Error) {
        let end = src.len() as u32;
        p.errors.push(SyntaxError::new(
            SyntaxErrorKind::NoInstructions,
            "file with no instructions",
            TextRange::empty(end),
        ));
    }
    let escape = char::from(p.escape);
    let mut dockerfile = Dockerfile {
        source: src.to_owned(),
        items: p.items,
        directives: p.directives,
        instructions: p.instructions,
        stages: Vec::new(),
        escape,
        has_bom: src.starts_with(BOM),
    };
    super::stage::attach_stages(&mut dockerfile);
    p.errors.sort_by_key(|e| e.range.start);
    p.warnings.sort_by_key(|e| e.range.start);
    Parsed {
        dockerfile,
        errors: p.errors,
        warnings: p.warnings,
    }
}

/// Input over the limit is not read, but it is kept as one `error` item so that printing
/// the tree still gives it back.
fn refuse_too_large(src: &str) -> Parsed {
    let end = u32::try_from(src.len()).unwrap_or(u32::MAX);
    let error = SyntaxError::new(
        SyntaxErrorKind::InputTooLarge,
        format!(
            "input is {} bytes; the limit is {MAX_SOURCE_LEN} bytes",
            src.len()
        ),
        TextRange::empty(0),
    );
    let dockerfile = Dockerfile {
        source: src.to_owned(),
        items: vec![Item {
            kind: ItemKind::Error,
            range: TextRange::new(0, end),
        }],
        directives: Vec::new(),
        instructions: Vec::new(),
        stages: Vec::new(),
        escape: '\\',
        has_bom: src.starts_with(BOM),
    };
    Parsed {
        dockerfile,
        errors: vec![error],
        warnings: Vec::new(),
    }
}

impl Parser<'_> {
    fn next_line(&mut self) -> Option<PhysLine> {
        let bytes = self.src.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        let content_start = if self.line_no == 0 && self.src[start..].starts_with(BOM) {
            (start + BOM.len()).min(content_end.max(start + BOM.len()))
        } else {
            start
        };
        self.pos = end;
        self.line_no += 1;
        Some(PhysLine {
            start,
            content: (content_start, content_end.max(content_start)),
            end,
        })
    }

    fn push_item(&mut self, kind: ItemKind, start: usize, end: usize) {
        self.items.push(Item {
            kind,
            range: TextRange::new(start as u32, end as u32),
        });
    }

    fn run(&mut self) {
        while let Some(line) = self.next_line() {
            let content = &self.src[line.content.0..line.content.1];
            let lead = leading_space_len(content);
            let token = &content[lead..];
            let mut directive_kind = None;
            if !self.directives_done {
                directive_kind = self.directive(token, line.content.0 + lead);
            }
            let is_comment = token.starts_with('#');
            let code = if is_comment { "" } else { token };
            let (keep, eol) = trim_continuation(code, self.escape);
            if eol && keep == 0 {
                let kind = directive_kind.unwrap_or(if is_comment {
                    ItemKind::Comment
                } else {
                    ItemKind::Blank
                });
                self.push_item(kind, line.start, line.end);
                continue;
            }
            self.instruction(line, line.content.0 + lead, keep, eol);
        }
    }

    /// Returns the item kind when the line is a directive (or a rejected one).
    fn directive(&mut self, token: &str, at: usize) -> Option<ItemKind> {
        let Some(m) = match_directive(token) else {
            self.directives_done = true;
            return None;
        };
        let name = KNOWN[m.which];
        let value = &token[m.value.0..m.value.1];
        let range = TextRange::new(at as u32, (at + token.len()) as u32);
        if self.seen_directive[m.which] {
            self.errors.push(SyntaxError::new(
                SyntaxErrorKind::DuplicateDirective,
                format!("only one {name} parser directive can be used"),
                range,
            ));
            return Some(ItemKind::Error);
        }
        self.seen_directive[m.which] = true;
        if name == "escape" {
            match value {
                "\\" | "`" => self.escape = value.as_bytes()[0],
                _ => {
                    self.errors.push(SyntaxError::new(
                        SyntaxErrorKind::InvalidEscapeToken,
                        format!("invalid escape token '{value}' does not match ` or \\"),
                        range,
                    ));
                    return Some(ItemKind::Error);
                }
            }
        }
        self.directives.push(Directive {
            name: name.to_string(),
            value: value.to_string(),
            range,
            value_range: TextRange::new((at + m.value.0) as u32, (at + m.value.1) as u32),
        });
        Some(ItemKind::Directive)
    }

    fn instruction(&mut self, first: PhysLine, code_start: usize, keep: usize, mut eol: bool) {
        let start_line = self.line_no;
        let mut logical = std::mem::take(&mut self.logical);
        logical.clear();
        logical.push(&self.src[code_start..code_start + keep], code_start);
        let mut last = first;
        let mut empty_lines = Vec::new();
        while !eol {
            let Some(line) = self.next_line() else { break };
            last = line;
            let raw = &self.src[line.content.0..line.content.1];
            let trimmed = &raw[leading_space_len(raw)..];
            if trimmed.starts_with('#') {
                continue;
            }
            if trimmed.is_empty() {
                empty_lines.push(TextRange::new(line.start as u32, line.content.1 as u32));
                continue;
            }
            let (keep, line_eol) = trim_continuation(raw, self.escape);
            logical.push(&raw[..keep], line.content.0);
            eol = line_eol;
        }
        let logical_end = (last.end, self.line_no);

        let parser = LineParser {
            line: &logical,
            escape: self.escape,
            start_line,
            end_line: self.line_no,
        };
        let mut failed = false;
        match parser.node(0, 0) {
            Ok(node) => {
                let mut instruction = parser.instruction_from(node, (0, logical.text.len()));
                match self.read_heredocs(&logical, &instruction) {
                    Ok(heredocs) => instruction.heredocs = heredocs,
                    Err(e) => {
                        self.errors.push(e);
                        failed = true;
                    }
                }
                instruction.end_line = self.line_no;
                if let Some(doc) = instruction.heredocs.last() {
                    instruction.range.end = doc.terminator.end;
                }
                if !failed {
                    self.warn_about(&instruction, &empty_lines);
                    self.instructions.push(instruction);
                }
            }
            Err(e) => {
                self.errors.push(e);
                failed = true;
            }
        }
        if failed && self.line_no != logical_end.1 {
            // An unterminated heredoc: resume right after the instruction's own lines.
            self.pos = logical_end.0;
            self.line_no = logical_end.1;
        }
        let end = if failed { logical_end.0 } else { self.pos };
        self.push_item(
            if failed {
                ItemKind::Error
            } else {
                ItemKind::Instruction
            },
            first.start,
            end,
        );
        self.logical = logical;
    }

    fn read_heredocs(
        &mut self,
        logical: &LogicalLine,
        inst: &Instruction,
    ) -> Result<Vec<Heredoc>, SyntaxError> {
        let target = match (&inst.kind, &inst.trigger) {
            (InstructionKind::Onbuild, Some(t)) => t.as_ref(),
            _ => inst,
        };
        if !target.kind.allows_heredocs()
            || target.is_exec_form()
            || !has_heredoc_marker(&logical.text)
        {
            return Ok(Vec::new());
        }
        let specs = heredocs_in_line(&logical.text).map_err(|message| {
            SyntaxError::new(SyntaxErrorKind::HeredocLexing, message, inst.range)
        })?;
        let mut docs = Vec::with_capacity(specs.len());
        for spec in specs {
            let marker = logical.source_range(spec.start, spec.end);
            let body_start = self.pos;
            loop {
                let Some(line) = self.next_line() else {
                    return Err(SyntaxError::new(
                        SyntaxErrorKind::UnterminatedHeredoc,
                        format!("unterminated heredoc {}", go_quote(&spec.name)),
                        marker,
                    ));
                };
                let mut text = &self.src[line.start..line.content.1];
                if spec.chomp {
                    text = text.trim_start_matches('\t');
                }
                if text == spec.name {
                    docs.push(Heredoc {
                        marker,
                        name: spec.name,
                        file_descriptor: spec.file_descriptor,
                        chomp: spec.chomp,
                        expand: spec.expand,
                        body: TextRange::new(body_start as u32, line.start as u32),
                        terminator: TextRange::new(line.start as u32, line.content.1 as u32),
                    });
                    break;
                }
            }
        }
        Ok(docs)
    }

    fn warn_about(&mut self, inst: &Instruction, empty_lines: &[TextRange]) {
        for &range in empty_lines {
            self.warnings.push(SyntaxError::new(
                SyntaxErrorKind::EmptyContinuationLine,
                "empty continuation line: it will become an error in a future BuildKit release",
                range,
            ));
        }
        instruction_warnings(inst, &mut self.warnings);
    }
}

/// Whether `text` has `<<` in it. memchr for the `<`, then a look at the next byte:
/// cheaper than building a substring searcher for each `RUN`, `COPY` and `ADD`.
fn has_heredoc_marker(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| b.get(i + 1) == Some(&b'<'))
}

/// BuildKit's line-continuation regex, `([^E])E[ \t]*$|^E[ \t]*$` for escape `E`:
/// returns how much of `line` to keep and whether the line ends the instruction.
pub(crate) fn trim_continuation(line: &str, escape: u8) -> (usize, bool) {
    let b = line.as_bytes();
    let mut end = b.len();
    while end > 0 && matches!(b[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    if end == 0 || b[end - 1] != escape {
        return (b.len(), true);
    }
    if end == 1 {
        return (0, false);
    }
    if b[end - 2] == escape {
        return (b.len(), true);
    }
    (end - 1, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_follows_buildkit_regex() {
        assert_eq!(trim_continuation("RUN a \\", b'\\'), (6, false));
        assert_eq!(trim_continuation("RUN a \\  \t", b'\\'), (6, false));
        assert_eq!(trim_continuation("\\", b'\\'), (0, false));
        assert_eq!(trim_continuation("RUN a \\\\", b'\\'), (8, true));
        assert_eq!(trim_continuation("RUN a `", b'`'), (6, false));
        assert_eq!(trim_continuation("RUN a `", b'\\'), (7, true));
        assert_eq!(trim_continuation("", b'\\'), (0, true));
    }
}
