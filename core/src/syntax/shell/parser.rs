//! The parser: one left-to-right pass over the bytes, with an explicit stack of open
//! contexts instead of recursion.
//!
//! A word that contains `$(` or a backtick is *suspended*: its partial state is saved on
//! the context pushed for the substitution, the commands inside are parsed like any
//! others, and when the substitution closes the word resumes where it stopped. Control
//! structures (`if`, loops, `case`) are contexts too, so reserved words can be matched
//! against what is open. Every step consumes input or pops a context, so the pass is
//! linear and cannot overflow the call stack however deep the nesting.

use super::lexer::{self, Op};
use super::model::{
    Assignment, Command, Connector, Group, GroupKind, Redirect, RedirectOp, Script, ShellError,
    Word,
};
use crate::syntax::TextRange;
use compact_str::CompactString;
use std::cell::RefCell;

const NONE: u32 = u32::MAX;

/// Substitutions nested deeper than this inside words are kept verbatim without parsing
/// their commands. Each enclosing word holds the text of everything nested in it, so
/// the bound keeps the total size of word values linear in the input.
const MAX_SUBST_DEPTH: u32 = 16;

/// Groups, control structures and substitutions nested deeper than this end the parse
/// with an error: no shell script needs them, and a file of a million `(` would
/// otherwise hold a context for each.
const MAX_NESTING: usize = 1000;

/// A script keeps at most this many errors, those that come first in it (only the first
/// is reported); a script of a million stray `)` would otherwise keep a million.
const MAX_ERRORS: usize = 64;

pub(crate) fn parse(text: &str) -> Script {
    if text.len() >= u32::MAX as usize {
        return Script {
            errors: vec![ShellError {
                message: "script too large (4 GiB or more)".to_owned(),
                range: TextRange::empty(0),
            }],
            ..Script::default()
        };
    }
    let run = |scratch: &mut Scratch| {
        let mut p = Parser::new(text, std::mem::take(scratch));
        p.run();
        p.finish(scratch)
    };
    SCRATCH
        .try_with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => run(&mut scratch),
            Err(_) => run(&mut Scratch::default()),
        })
        .unwrap_or_else(|_| run(&mut Scratch::default()))
}

/// Buffers the parser fills and then copies out at their final size, kept from one
/// parse to the next on a thread: growing the model's vectors one push at a time
/// costs more allocations than the copy.
#[derive(Debug, Default)]
struct Scratch {
    commands: Vec<Command>,
    /// One per command under construction: a word with a substitution in it holds its
    /// command's buffer while the commands inside use others.
    words: Vec<Vec<Word>>,
    stack: Vec<Ctx>,
    word: String,
}

/// Past this many elements a buffer is dropped rather than kept, so that one huge
/// script does not hold its memory for the thread's lifetime.
const SCRATCH_KEEP: usize = 256;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

fn tr(start: usize, end: usize) -> TextRange {
    TextRange::new(start as u32, end as u32)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IfPhase {
    Cond,
    Then,
    Else,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Subshell,
    Brace,
    CmdSubst,
    Backtick,
    If(IfPhase),
    /// `while`/`until`/`for`/`select`; `body` once `do` was seen.
    Loop {
        body: bool,
    },
    Case,
}

/// What the next token means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Commands: a word is a command word (or a reserved word in command position).
    Normal,
    /// After a redirection operator: the next word is its target.
    Redir {
        op: RedirectOp,
        fd: Option<u32>,
        start: u32,
        end: u32,
        /// After a compound command (`done > log`): consumed, not attached to a command.
        discard: bool,
    },
    ForName,
    ForAfterName,
    ForWords,
    ForBeforeDo,
    CaseWord,
    CaseIn,
    CasePattern {
        seen: bool,
    },
    FuncName,
    FuncAfterName,
}

#[derive(Debug)]
struct Builder {
    cmd: Command,
    /// Inside `[[ ... ]]`: operators are words until `]]`.
    dbracket: bool,
}

/// A word being scanned; kept on the stack while a substitution inside it is parsed.
///
/// Most words are their own source text, so the value is only tracked as the end of
/// that text (`plain_end`) until something makes it differ (`cooked`); then it is built
/// in `value`, a buffer reused from word to word. Either way the value is copied out
/// once, at its exact size, and only if a command keeps the word (see [`Scanned`]).
#[derive(Debug)]
struct WordState {
    start: u32,
    /// While not `cooked`: the value is `src[start..plain_end]`.
    plain_end: u32,
    cooked: bool,
    value: String,
    quoted: bool,
    dynamic: bool,
    /// Start of the open double quote, if inside one.
    dq: Option<u32>,
    /// Start (`$` or backtick) of the substitution the word is suspended on.
    subst: u32,
}

impl WordState {
    /// Appends `src[a..b]` to the value.
    fn push_src(&mut self, src: &str, a: usize, b: usize) {
        if !self.cooked && a == self.plain_end as usize {
            self.plain_end = b as u32;
        } else {
            self.cook(src).push_str(&src[a..b]);
        }
    }

    /// The value as a buffer to append text that is not a copy of the source.
    fn cook(&mut self, src: &str) -> &mut String {
        if !self.cooked {
            self.cooked = true;
            self.value.clear();
            self.value
                .push_str(&src[self.start as usize..self.plain_end as usize]);
        }
        &mut self.value
    }
}

/// A complete word, before a command keeps it. Its value borrows the text when it is a
/// copy of it, and is only allocated for the model: reserved words and loop or `case`
/// headers are dropped.
#[derive(Debug)]
struct Scanned<'a> {
    range: TextRange,
    value: ScannedValue<'a>,
    quoted: bool,
    dynamic: bool,
}

/// A scanned word's value: a slice of the script when nothing in it needed cooking, else
/// the cooked text, built where it is kept (inline when short).
#[derive(Debug)]
enum ScannedValue<'a> {
    Source(&'a str),
    Cooked(CompactString),
}

impl ScannedValue<'_> {
    fn as_str(&self) -> &str {
        match self {
            ScannedValue::Source(s) => s,
            ScannedValue::Cooked(c) => c,
        }
    }

    fn into_compact(self) -> CompactString {
        match self {
            ScannedValue::Source(s) => CompactString::from(s),
            ScannedValue::Cooked(c) => c,
        }
    }
}

impl Scanned<'_> {
    fn into_word(self) -> Word {
        Word {
            range: self.range,
            value: self.value.into_compact(),
            quoted: self.quoted,
            dynamic: self.dynamic,
        }
    }
}

/// Parser state saved when a substitution opens inside a word.
#[derive(Debug)]
struct Saved {
    cur: Option<Builder>,
    mode: Mode,
    pending: Option<Connector>,
    after_compound: bool,
    word: WordState,
}

#[derive(Debug)]
struct Ctx {
    kind: Kind,
    label: &'static str,
    open: u32,
    /// Index in `groups`, or NONE for control structures.
    group: u32,
    /// Stack index of the nearest `(`/`$(` at or below, not crossing a backtick.
    paren: u32,
    /// Stack index of the nearest backtick at or below.
    tick: u32,
    /// `last_op` when the context opened.
    op_mark: TextRange,
    saved: Option<Saved>,
}

#[derive(Debug)]
struct PendingHeredoc {
    at: u32,
    delim: String,
    strip_tabs: bool,
}

enum Dollar {
    Next(usize),
    Subst,
}

#[derive(Debug)]
struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    commands: Vec<Command>,
    groups: Vec<Group>,
    errors: Vec<ShellError>,
    stack: Vec<Ctx>,
    cur: Option<Builder>,
    mode: Mode,
    /// Connector for the next command; `None` right after a compound command, where an
    /// operator (not a word) must come next.
    pending: Option<Connector>,
    after_compound: bool,
    /// The last `&&`/`||`/`|`/`;`/`&`, for "missing command" errors.
    last_op: TextRange,
    depth: u32,
    substs: u32,
    ticks: u32,
    heredocs: Vec<PendingHeredoc>,
    bodies: Vec<(u32, TextRange)>,
    /// Where commands collect their words (see [`Scratch`]).
    words_bufs: Vec<Vec<Word>>,
    /// The buffer of the word being scanned (see [`WordState`]).
    word_buf: String,
    /// Nesting went past [`MAX_NESTING`]: the rest of the script is not parsed.
    cut_short: bool,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, scratch: Scratch) -> Self {
        Parser {
            src,
            b: src.as_bytes(),
            pos: 0,
            commands: scratch.commands,
            groups: Vec::new(),
            errors: Vec::new(),
            stack: scratch.stack,
            cur: None,
            mode: Mode::Normal,
            pending: Some(Connector::First),
            after_compound: false,
            last_op: TextRange::empty(0),
            depth: 0,
            substs: 0,
            ticks: 0,
            heredocs: Vec::new(),
            bodies: Vec::new(),
            words_bufs: scratch.words,
            word_buf: scratch.word,
            cut_short: false,
        }
    }

    fn error(&mut self, message: impl Into<String>, range: TextRange) {
        if self.errors.len() >= 2 * MAX_ERRORS {
            self.errors.sort_by_key(|e| e.range.start);
            self.errors.truncate(MAX_ERRORS);
        }
        self.errors.push(ShellError {
            message: message.into(),
            range,
        });
    }

    // ----- main loop -------------------------------------------------------------------

    fn run(&mut self) {
        let b = self.b;
        while self.pos < b.len() && !self.cut_short {
            let i = self.pos;
            match b[i] {
                b' ' | b'\t' => self.pos = lexer::skip_blanks(b, i + 1),
                b'\\' if b.get(i + 1) == Some(&b'\n') => self.pos = lexer::skip_blanks(b, i + 2),
                b'\n' => self.newline(),
                b'#' if self.ticks > 0 => self.pos = lexer::comment_end_in_backtick(b, i),
                b'#' => self.pos = lexer::line_end(b, i),
                b'`' if self.ticks > 0 => self.close_backtick(),
                // bash process substitution `<(cmd)` / `>(cmd)` starts a word.
                b'<' | b'>' if b.get(i + 1) == Some(&b'(') && !self.in_dbracket() => {
                    self.start_word()
                }
                b'&' | b'|' | b';' | b'(' | b')' | b'<' | b'>' => self.operator(None, i),
                b'0'..=b'9' => {
                    let j = lexer::digits_end(b, i);
                    if matches!(b.get(j), Some(b'<' | b'>')) && !self.in_dbracket() {
                        let fd = self.src[i..j].parse().ok();
                        self.pos = j;
                        self.operator(fd, i);
                    } else {
                        self.start_word();
                    }
                }
                _ => self.start_word(),
            }
        }
    }

    /// The script; the buffers go back to `scratch`.
    fn finish(mut self, scratch: &mut Scratch) -> Script {
        let n = self.b.len();
        // Cut short, what is left open may close in the part not parsed.
        let unterminated = !self.cut_short;
        while !self.stack.is_empty() {
            if let Some(w) = self.pop_ctx(n as u32, unterminated) {
                self.force_word(w, n);
            }
        }
        self.finish_cmd();
        self.check_dangling();
        let commands = &mut self.commands;
        if !commands
            .windows(2)
            .all(|p| p[0].range.start <= p[1].range.start)
        {
            commands.sort_by_key(|c| c.range.start);
        }
        if !self.bodies.is_empty() {
            self.bodies.sort_by_key(|&(at, _)| at);
            for r in commands.iter_mut().flat_map(|c| c.redirects.iter_mut()) {
                if r.op.is_heredoc() {
                    if let Ok(k) = self.bodies.binary_search_by_key(&r.range.start, |x| x.0) {
                        r.heredoc_body = Some(self.bodies[k].1);
                    }
                }
            }
        }
        self.errors.sort_by_key(|e| e.range.start);
        self.errors.truncate(MAX_ERRORS);
        let mut commands = Vec::with_capacity(self.commands.len());
        commands.append(&mut self.commands);
        if self.commands.capacity() <= SCRATCH_KEEP {
            scratch.commands = self.commands;
        }
        self.words_bufs.retain(|b| b.capacity() <= SCRATCH_KEEP);
        scratch.words = self.words_bufs;
        if self.stack.capacity() <= SCRATCH_KEEP {
            scratch.stack = self.stack;
        }
        if self.word_buf.capacity() <= SCRATCH_KEEP {
            scratch.word = self.word_buf;
        }
        Script {
            commands,
            groups: self.groups,
            errors: self.errors,
        }
    }

    fn in_dbracket(&self) -> bool {
        self.mode == Mode::Normal && self.cur.as_ref().is_some_and(|c| c.dbracket)
    }

    fn top_kind(&self) -> Option<Kind> {
        self.stack.last().map(|c| c.kind)
    }

    fn set_top_kind(&mut self, kind: Kind) {
        if let Some(c) = self.stack.last_mut() {
            c.kind = kind;
        }
    }

    // ----- commands --------------------------------------------------------------------

    fn start_cmd(&mut self, at: u32) -> &mut Builder {
        let pending = &mut self.pending;
        let after_compound = &mut self.after_compound;
        let words_bufs = &mut self.words_bufs;
        let (depth, in_substitution) = (self.depth, self.substs > 0);
        self.cur.get_or_insert_with(|| {
            *after_compound = false;
            Builder {
                cmd: Command {
                    range: TextRange::empty(at),
                    assignments: Vec::new(),
                    words: words_bufs.pop().unwrap_or_default(),
                    redirects: Vec::new(),
                    connector: pending.take().unwrap_or(Connector::Seq),
                    depth,
                    in_substitution,
                    program_at: None,
                },
                dbracket: false,
            }
        })
    }

    /// Ends a redirection still waiting for its target (an error).
    fn finish_redirect(&mut self) {
        if let Mode::Redir {
            op,
            fd,
            start,
            end,
            discard,
        } = self.mode
        {
            self.mode = Mode::Normal;
            let range = TextRange::new(start, end);
            self.error(format!("missing target after `{}`", op.as_str()), range);
            if let (false, Some(bld)) = (discard, self.cur.as_mut()) {
                bld.cmd.redirects.push(Redirect {
                    range,
                    fd,
                    op,
                    target: None,
                    heredoc_body: None,
                });
                bld.cmd.range.end = bld.cmd.range.end.max(end);
            }
        }
    }

    fn finish_cmd(&mut self) {
        self.finish_redirect();
        if let Some(mut bld) = self.cur.take() {
            let mut buf = std::mem::take(&mut bld.cmd.words);
            bld.cmd.words = Vec::with_capacity(buf.len());
            bld.cmd.words.append(&mut buf);
            self.words_bufs.push(buf);
            self.commands.push(bld.cmd);
        }
    }

    fn separator(&mut self, connector: Connector, range: TextRange) {
        if self.cur.is_some() {
            self.finish_cmd();
        } else if self.pending.is_some() {
            let text = range.slice(self.src);
            self.error(format!("unexpected `{text}`"), range);
            return;
        }
        self.pending = Some(connector);
        self.after_compound = false;
        self.last_op = range;
    }

    /// Reports an `&&`, `||` or `|` left without the command it needs, at the end of the
    /// input or of a block.
    fn check_dangling(&mut self) {
        if self.cur.is_none()
            && matches!(
                self.pending,
                Some(Connector::And | Connector::Or | Connector::Pipe)
            )
        {
            let range = self.last_op;
            let text = range.slice(self.src);
            self.error(format!("missing command after `{text}`"), range);
            self.pending = Some(Connector::Seq);
        }
    }

    fn newline(&mut self) {
        let at = self.pos as u32;
        match self.mode {
            Mode::Redir { .. } => self.finish_redirect(),
            Mode::ForName => {
                self.error("missing loop variable after `for`", TextRange::empty(at));
                self.mode = Mode::ForBeforeDo;
            }
            Mode::ForWords => self.mode = Mode::ForBeforeDo,
            Mode::CaseWord => self.error("missing word after `case`", TextRange::empty(at)),
            Mode::FuncName => {
                self.error("missing function name", TextRange::empty(at));
                self.mode = Mode::Normal;
            }
            Mode::FuncAfterName => self.mode = Mode::Normal,
            _ => {}
        }
        if self.mode == Mode::Normal {
            if self.cur.is_some() {
                self.finish_cmd();
                self.pending = Some(Connector::Seq);
            } else if self.pending.is_none() {
                self.pending = Some(Connector::Seq);
            }
            self.after_compound = false;
        }
        self.pos += 1;
        self.read_heredocs();
    }

    /// After a newline token: the bodies of the heredocs opened on the line just ended.
    fn read_heredocs(&mut self) {
        if self.heredocs.is_empty() {
            return;
        }
        let b = self.b;
        let n = b.len();
        for h in std::mem::take(&mut self.heredocs) {
            let body_start = self.pos;
            let mut i = self.pos;
            let mut found = None;
            while i < n {
                let le = lexer::line_end(b, i);
                let mut line = &self.src[i..le];
                if h.strip_tabs {
                    line = line.trim_start_matches('\t');
                }
                if line == h.delim {
                    found = Some((i, le));
                    break;
                }
                i = le + 1;
            }
            match found {
                Some((ls, le)) => {
                    self.bodies.push((h.at, tr(body_start, ls)));
                    self.pos = (le + 1).min(n);
                }
                None => {
                    self.bodies.push((h.at, tr(body_start, n)));
                    self.error(
                        format!("unterminated here-document (no `{}` line)", h.delim),
                        tr(body_start, n),
                    );
                    self.pos = n;
                }
            }
        }
    }

    // ----- operators -------------------------------------------------------------------

    /// The operator at `self.pos`; `start` is where its fd digits began.
    fn operator(&mut self, fd: Option<u32>, start: usize) {
        let i = self.pos;
        let Some((op, len)) = lexer::operator(self.b, i) else {
            self.pos += 1;
            return;
        };
        let end = i + len;
        if fd.is_none() && self.in_dbracket() && !matches!(op, Op::Semi) && !op.is_case_terminator()
        {
            self.pos = end;
            self.source_word(i, end, false);
            return;
        }
        if op == Op::LParen
            && self.b.get(i + 1) == Some(&b'(')
            && ((self.mode == Mode::Normal && self.cur.is_none()) || self.mode == Mode::ForName)
        {
            let arithmetic = lexer::arith_end(self.b, i).filter(|&e| {
                self.mode == Mode::ForName || !lexer::holds_commands(&self.b[i + 2..e - 2])
            });
            if let Some(e) = arithmetic {
                self.pos = e;
                if self.mode == Mode::ForName {
                    self.mode = Mode::ForBeforeDo;
                } else {
                    self.source_word(i, e, true);
                }
                return;
            }
        }
        self.pos = end;
        self.on_op(op, tr(start, end), fd);
    }

    fn on_op(&mut self, op: Op, range: TextRange, fd: Option<u32>) {
        match self.mode {
            Mode::Normal => {}
            Mode::Redir { .. } => self.finish_redirect(),
            Mode::ForName | Mode::ForAfterName | Mode::ForWords | Mode::ForBeforeDo => match op {
                Op::Semi => {
                    if self.mode == Mode::ForName {
                        self.error("missing loop variable after `for`", range);
                    }
                    self.mode = Mode::ForBeforeDo;
                    return;
                }
                Op::RParen => self.mode = Mode::Normal,
                _ => {
                    let text = range.slice(self.src);
                    self.error(format!("unexpected `{text}` in `for` header"), range);
                    return;
                }
            },
            Mode::CaseWord | Mode::CaseIn => {
                if op != Op::RParen {
                    let text = range.slice(self.src);
                    self.error(format!("unexpected `{text}` in `case` header"), range);
                    return;
                }
                self.mode = Mode::Normal;
            }
            Mode::CasePattern { seen } => match op {
                Op::LParen if !seen => return,
                Op::Pipe => return,
                Op::RParen if seen => {
                    self.mode = Mode::Normal;
                    return;
                }
                Op::RParen => self.mode = Mode::Normal,
                _ => {
                    let text = range.slice(self.src);
                    self.error(format!("unexpected `{text}` in `case` pattern"), range);
                    return;
                }
            },
            Mode::FuncName => {
                self.error("missing function name", range);
                self.mode = Mode::Normal;
                if op != Op::RParen {
                    return;
                }
            }
            Mode::FuncAfterName => {
                self.mode = Mode::Normal;
                if op == Op::LParen {
                    let j = lexer::skip_blanks(self.b, self.pos);
                    if self.b.get(j) == Some(&b')') {
                        self.pos = j + 1;
                        return;
                    }
                }
            }
        }
        match op {
            Op::Redir(rop) => {
                let discard = self.cur.is_none() && self.after_compound;
                if !discard {
                    self.start_cmd(range.start);
                }
                self.mode = Mode::Redir {
                    op: rop,
                    fd,
                    start: range.start,
                    end: range.end,
                    discard,
                };
            }
            Op::AndIf => self.separator(Connector::And, range),
            Op::OrIf => self.separator(Connector::Or, range),
            Op::Pipe | Op::PipeAmp => self.separator(Connector::Pipe, range),
            Op::Amp => self.separator(Connector::Background, range),
            Op::Semi => self.separator(Connector::Seq, range),
            Op::DSemi | Op::SemiAmp | Op::DSemiAmp => {
                if self.top_kind() == Some(Kind::Case) {
                    self.finish_cmd();
                    // An empty item after `a && case ...` leaves the `&&` before `case`
                    // pending: only an operator inside the item can be left dangling.
                    if self.stack.last().is_some_and(|c| c.op_mark != self.last_op) {
                        self.check_dangling();
                    }
                    self.mode = Mode::CasePattern { seen: false };
                    self.pending = Some(Connector::Seq);
                    self.after_compound = false;
                } else {
                    let text = range.slice(self.src);
                    self.error(format!("unexpected `{text}` outside `case`"), range);
                }
            }
            Op::LParen => self.open_paren(range),
            Op::RParen => self.close_paren(range),
        }
    }

    fn open_paren(&mut self, range: TextRange) {
        if let Some(bld) = &self.cur {
            let c = &bld.cmd;
            if c.words.len() == 1 && c.assignments.is_empty() && c.redirects.is_empty() {
                let j = lexer::skip_blanks(self.b, self.pos);
                if self.b.get(j) == Some(&b')') {
                    // `name() body`: a function definition, not a command.
                    let connector = c.connector;
                    self.cur = None;
                    self.pending = Some(connector);
                    self.pos = j + 1;
                    return;
                }
            }
            self.error("unexpected `(` inside a command", range);
            return;
        }
        if self.after_compound {
            self.error("unexpected `(` after a compound command", range);
        }
        let connector = self.pending.take().unwrap_or(Connector::Seq);
        self.push_group(Kind::Subshell, "`(`", range, GroupKind::Subshell, connector);
    }

    fn close_paren(&mut self, range: TextRange) {
        let target = self.stack.last().map_or(NONE, |c| c.paren);
        if target == NONE {
            self.error("unexpected `)`", range);
            return;
        }
        while self.stack.len() > target as usize + 1 {
            if let Some(w) = self.pop_ctx(range.start, true) {
                self.force_word(w, range.start as usize);
            }
        }
        if let Some(w) = self.pop_ctx(range.end, false) {
            self.resume_word(w, range.end as usize);
        }
    }

    fn close_backtick(&mut self) {
        let i = self.pos;
        let target = self.stack.last().map_or(NONE, |c| c.tick);
        self.pos = i + 1;
        if target == NONE {
            return;
        }
        while self.stack.len() > target as usize + 1 {
            if let Some(w) = self.pop_ctx(i as u32, true) {
                self.force_word(w, i);
            }
        }
        if let Some(w) = self.pop_ctx((i + 1) as u32, false) {
            self.resume_word(w, i + 1);
        }
    }

    // ----- contexts --------------------------------------------------------------------

    fn push_ctx(
        &mut self,
        kind: Kind,
        label: &'static str,
        open: TextRange,
        group: Option<(GroupKind, Connector)>,
        saved: Option<Saved>,
    ) {
        if self.stack.len() >= MAX_NESTING {
            if !self.cut_short {
                let message = format!(
                    "nested more than {MAX_NESTING} levels deep; the rest of the script is not parsed"
                );
                self.error(message, tr(open.start as usize, self.b.len()));
            }
            self.cut_short = true;
            return;
        }
        let idx = self.stack.len() as u32;
        let (paren0, tick0) = self
            .stack
            .last()
            .map_or((NONE, NONE), |c| (c.paren, c.tick));
        let (paren, tick) = match kind {
            Kind::Subshell | Kind::CmdSubst => (idx, tick0),
            Kind::Backtick => (NONE, idx),
            _ => (paren0, tick0),
        };
        let group = match group {
            Some((kind, connector)) => {
                let g = self.groups.len() as u32;
                self.groups.push(Group {
                    kind,
                    range: open,
                    depth: self.depth,
                    connector,
                });
                self.depth += 1;
                g
            }
            None => NONE,
        };
        match kind {
            Kind::CmdSubst => self.substs += 1,
            Kind::Backtick => {
                self.substs += 1;
                self.ticks += 1;
            }
            _ => {}
        }
        self.stack.push(Ctx {
            kind,
            label,
            open: open.start,
            group,
            paren,
            tick,
            op_mark: self.last_op,
            saved,
        });
    }

    /// Opens a subshell or brace group at command position.
    fn push_group(
        &mut self,
        kind: Kind,
        label: &'static str,
        open: TextRange,
        gk: GroupKind,
        connector: Connector,
    ) {
        self.push_ctx(kind, label, open, Some((gk, connector)), None);
        self.pending = Some(Connector::First);
        self.after_compound = false;
        self.mode = Mode::Normal;
    }

    /// Closes the innermost context at `end`. For a substitution, restores the state of
    /// the enclosing word's context and returns the suspended word.
    fn pop_ctx(&mut self, end: u32, error: bool) -> Option<WordState> {
        self.finish_cmd();
        let ctx = self.stack.pop()?;
        if ctx.op_mark != self.last_op {
            // An operator inside this block is left without its command
            // (`a && case x in esac` is fine: the `&&` is outside).
            self.check_dangling();
        }
        if ctx.group != NONE {
            if let Some(g) = self.groups.get_mut(ctx.group as usize) {
                g.range.end = end.max(g.range.start);
            }
            self.depth = self.depth.saturating_sub(1);
        }
        match ctx.kind {
            Kind::CmdSubst => self.substs = self.substs.saturating_sub(1),
            Kind::Backtick => {
                self.substs = self.substs.saturating_sub(1);
                self.ticks = self.ticks.saturating_sub(1);
            }
            _ => {}
        }
        if error {
            let range = TextRange::new(ctx.open, end.max(ctx.open));
            self.error(format!("unterminated {}", ctx.label), range);
        }
        match ctx.saved {
            Some(s) => {
                self.cur = s.cur;
                self.mode = s.mode;
                self.pending = s.pending;
                self.after_compound = s.after_compound;
                Some(s.word)
            }
            None => {
                self.mode = Mode::Normal;
                self.pending = None;
                self.after_compound = true;
                None
            }
        }
    }

    // ----- words -----------------------------------------------------------------------

    fn start_word(&mut self) {
        let (b, i) = (self.b, self.pos);
        let mut j = i;
        if b.get(i)
            .is_some_and(|&c| !lexer::UNQUOTED_SPECIAL[c as usize])
        {
            // Most words are one run of plain characters: no need for the general scan.
            j = lexer::run_end(b, i, &lexer::UNQUOTED_SPECIAL);
            if b.get(j).is_none_or(|c| {
                matches!(
                    c,
                    b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b')'
                )
            }) {
                self.pos = j;
                self.source_word(i, j, false);
                return;
            }
        }
        let w = WordState {
            start: i as u32,
            plain_end: j as u32,
            cooked: false,
            value: std::mem::take(&mut self.word_buf),
            quoted: false,
            dynamic: false,
            dq: None,
            subst: 0,
        };
        self.scan_word(w, j);
    }

    /// A substitution inside `w` closed at `at`: keep its text verbatim and go on.
    fn resume_word(&mut self, mut w: WordState, at: usize) {
        w.push_src(self.src, w.subst as usize, at);
        w.dynamic = true;
        self.scan_word(w, at);
    }

    /// A substitution inside `w` was cut off at `end` (error already reported).
    fn force_word(&mut self, mut w: WordState, end: usize) {
        w.push_src(self.src, w.subst as usize, end);
        w.dynamic = true;
        self.end_word(w, end);
    }

    /// Hands the word ending at `end` to `on_word`.
    /// A word that is its source text as it stands (no quotes or escapes in it).
    fn source_word(&mut self, start: usize, end: usize, dynamic: bool) {
        let word = Scanned {
            range: tr(start, end),
            value: ScannedValue::Source(&self.src[start..end]),
            quoted: false,
            dynamic,
        };
        self.on_word(word);
    }

    fn end_word(&mut self, mut w: WordState, end: usize) {
        let value = if w.cooked {
            ScannedValue::Cooked(CompactString::from(w.value.as_str()))
        } else {
            ScannedValue::Source(&self.src[w.start as usize..w.plain_end as usize])
        };
        w.value.clear();
        self.word_buf = w.value;
        let word = Scanned {
            range: TextRange::new(w.start, end as u32),
            value,
            quoted: w.quoted,
            dynamic: w.dynamic,
        };
        self.on_word(word);
    }

    /// Opens a substitution at `at` inside the word `w` (returns `None`, parsing goes on
    /// inside it). Past [`MAX_SUBST_DEPTH`] the substitution is kept verbatim without
    /// parsing its commands, and the word goes on after it (returned).
    fn suspend(
        &mut self,
        mut w: WordState,
        at: usize,
        backtick: bool,
    ) -> Option<(WordState, usize)> {
        if self.substs >= MAX_SUBST_DEPTH {
            let end = if backtick {
                lexer::backtick_end(self.b, at + 1)
            } else {
                lexer::paren_end(self.b, at + 1)
            };
            let e = match end {
                Ok(e) => {
                    self.error(
                        "substitutions nested too deeply; the inner commands are not parsed",
                        tr(at, e),
                    );
                    e
                }
                Err(e) => {
                    let label = if backtick { "backtick" } else { "substitution" };
                    self.error(format!("unterminated {label}"), tr(at, e));
                    e
                }
            };
            w.push_src(self.src, at, e);
            w.dynamic = true;
            return Some((w, e));
        }
        let inner = at + if backtick { 1 } else { 2 };
        w.subst = at as u32;
        let saved = Saved {
            cur: self.cur.take(),
            mode: std::mem::replace(&mut self.mode, Mode::Normal),
            pending: self.pending.replace(Connector::First),
            after_compound: std::mem::replace(&mut self.after_compound, false),
            word: w,
        };
        // `<(..)` and `>(..)` are recorded as command substitutions.
        let (kind, label, gk) = match self.b.get(at) {
            Some(b'`') => (Kind::Backtick, "backtick", GroupKind::Backtick),
            Some(b'<') => (Kind::CmdSubst, "`<(`", GroupKind::CommandSubstitution),
            Some(b'>') => (Kind::CmdSubst, "`>(`", GroupKind::CommandSubstitution),
            _ => (Kind::CmdSubst, "`$(`", GroupKind::CommandSubstitution),
        };
        self.push_ctx(
            kind,
            label,
            tr(at, inner),
            Some((gk, Connector::First)),
            Some(saved),
        );
        self.pos = inner;
        None
    }

    /// Scans (the rest of) a word from `i`; hands it to `on_word` when complete, or
    /// suspends it on a substitution.
    fn scan_word(&mut self, mut w: WordState, mut i: usize) {
        let b = self.b;
        let src = self.src;
        let n = b.len();
        loop {
            if i >= n {
                if let Some(q) = w.dq {
                    self.error("unterminated double quote", tr(q as usize, n));
                }
                break;
            }
            let c = b[i];
            if w.dq.is_some() {
                match c {
                    b'"' => {
                        w.dq = None;
                        i += 1;
                    }
                    b'\\' if self.doubled_escape(i, true).is_some() => {
                        let len = self.doubled_escape(i, true).unwrap_or(2);
                        w.push_src(src, i + len - 1, i + len);
                        i += len;
                    }
                    b'\\' => match b.get(i + 1) {
                        Some(b'\n') => i += 2,
                        Some(b'$' | b'`' | b'"' | b'\\') => {
                            w.push_src(src, i + 1, i + 2);
                            i += 2;
                        }
                        _ => {
                            w.push_src(src, i, i + 1);
                            i += 1;
                        }
                    },
                    b'$' => match self.dollar(&mut w, i, true) {
                        Dollar::Next(j) => i = j,
                        Dollar::Subst => match self.suspend(w, i, false) {
                            Some((w2, j)) => (w, i) = (w2, j),
                            None => return,
                        },
                    },
                    b'`' => {
                        if self.ticks > 0 {
                            let q = w.dq.take().unwrap_or(w.start);
                            self.error("unterminated double quote", tr(q as usize, i));
                            break;
                        }
                        match self.suspend(w, i, true) {
                            Some((w2, j)) => (w, i) = (w2, j),
                            None => return,
                        }
                    }
                    _ => {
                        let j = lexer::run_end(b, i, &lexer::DQUOTED_SPECIAL);
                        w.push_src(src, i, j);
                        i = j;
                    }
                }
                continue;
            }
            match c {
                b'<' | b'>' if i == w.start as usize && b.get(i + 1) == Some(&b'(') => {
                    match self.suspend(w, i, false) {
                        Some((w2, j)) => (w, i) = (w2, j),
                        None => return,
                    }
                }
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b')' => break,
                b'(' => {
                    // bash array value: `a=(1 2 3)`, also as an argument of the builtins
                    // that declare variables (`declare -A m=([k]=v)`).
                    let array = self.mode == Mode::Normal
                        && self.cur.as_ref().is_none_or(|c| {
                            c.cmd.words.first().is_none_or(|w| {
                                matches!(
                                    w.value.as_str(),
                                    "declare" | "typeset" | "local" | "export" | "readonly"
                                )
                            })
                        })
                        && lexer::assignment_prefix(&b[w.start as usize..i])
                            .is_some_and(|(_, p)| w.start as usize + p == i);
                    if !array {
                        break;
                    }
                    match lexer::paren_end(b, i) {
                        Ok(j) => {
                            w.push_src(src, i, j);
                            i = j;
                        }
                        Err(j) => {
                            self.error("unterminated array value", tr(i, j));
                            w.push_src(src, i, j);
                            i = j;
                        }
                    }
                }
                b'\'' => {
                    w.quoted = true;
                    match lexer::find(b, i + 1, b'\'') {
                        Some(k) => {
                            w.push_src(src, i + 1, k);
                            i = k + 1;
                        }
                        None => {
                            self.error("unterminated single quote", tr(i, n));
                            w.push_src(src, i + 1, n);
                            i = n;
                        }
                    }
                }
                b'"' => {
                    w.quoted = true;
                    w.dq = Some(i as u32);
                    i += 1;
                }
                b'\\' if self.doubled_escape(i, false).is_some() => {
                    let len = self.doubled_escape(i, false).unwrap_or(2);
                    w.quoted = true;
                    w.push_src(src, i + len - 1, i + len);
                    i += len;
                }
                b'\\' => match b.get(i + 1) {
                    None => {
                        w.push_src(src, i, i + 1);
                        i += 1;
                    }
                    Some(b'\n') => i += 2,
                    Some(e) if e.is_ascii() => {
                        w.quoted = true;
                        w.push_src(src, i + 1, i + 2);
                        i += 2;
                    }
                    Some(_) => {
                        // Escaped non-ASCII character: it is copied by the next run.
                        w.quoted = true;
                        i += 1;
                    }
                },
                b'$' => match self.dollar(&mut w, i, false) {
                    Dollar::Next(j) => i = j,
                    Dollar::Subst => match self.suspend(w, i, false) {
                        Some((w2, j)) => (w, i) = (w2, j),
                        None => return,
                    },
                },
                b'`' => {
                    if self.ticks > 0 {
                        break;
                    }
                    match self.suspend(w, i, true) {
                        Some((w2, j)) => (w, i) = (w2, j),
                        None => return,
                    }
                }
                _ => {
                    let j = lexer::run_end(b, i, &lexer::UNQUOTED_SPECIAL);
                    w.push_src(src, i, j);
                    i = j;
                }
            }
        }
        self.pos = i;
        self.end_word(w, i);
    }

    /// Inside backquotes the shell first turns `\\` into `\`, then reads the command: so
    /// `` `grep "a\\"" ` `` holds the word `"a\""`, an escaped quote. At `i`, a doubled
    /// backslash that escapes what follows it once undoubled: how many bytes the escape
    /// spans (the escaped byte is the last of them).
    fn doubled_escape(&self, i: usize, in_dquote: bool) -> Option<usize> {
        if self.ticks == 0 {
            return None;
        }
        match self.b.get(i..i + 4)? {
            [b'\\', b'\\', b'\\', b'\\'] => Some(4),
            [b'\\', b'\\', b'"' | b'$', _] => Some(3),
            [b'\\', b'\\', b'\'', _] if !in_dquote => Some(3),
            _ => None,
        }
    }

    /// A `$` at `i` inside a word.
    fn dollar(&mut self, w: &mut WordState, i: usize, in_dquote: bool) -> Dollar {
        let b = self.b;
        let src = self.src;
        let verbatim = |w: &mut WordState, end: usize| {
            w.push_src(src, i, end);
            w.dynamic = true;
            Dollar::Next(end)
        };
        match b.get(i + 1) {
            Some(b'(') => {
                if b.get(i + 2) == Some(&b'(') {
                    if let Some(e) = lexer::arith_end(b, i + 1) {
                        return verbatim(w, e);
                    }
                }
                Dollar::Subst
            }
            Some(b'{') => match lexer::brace_param_end(b, i + 2, in_dquote) {
                Ok(e) => verbatim(w, e),
                Err(e) => {
                    self.error("unterminated `${`", tr(i, e));
                    verbatim(w, e)
                }
            },
            Some(b'\'') if !in_dquote => {
                w.quoted = true;
                match lexer::ansi_c(src, i + 2, w.cook(src)) {
                    Ok(e) => Dollar::Next(e),
                    Err(e) => {
                        self.error("unterminated `$'`", tr(i, e));
                        Dollar::Next(e)
                    }
                }
            }
            Some(b'"') if !in_dquote => {
                w.quoted = true;
                w.dq = Some(i as u32 + 1);
                Dollar::Next(i + 2)
            }
            Some(&c) if lexer::is_name_start(c) => verbatim(w, lexer::name_end(b, i + 1)),
            Some(&c) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => verbatim(w, i + 2),
            _ => {
                w.push_src(src, i, i + 1);
                Dollar::Next(i + 1)
            }
        }
    }

    // ----- word dispatch ---------------------------------------------------------------

    fn on_word(&mut self, w: Scanned<'a>) {
        let src = self.src;
        let text = w.range.slice(src);
        match self.mode {
            Mode::Normal => self.command_word(w),
            Mode::Redir {
                op,
                fd,
                start,
                discard,
                ..
            } => {
                self.mode = Mode::Normal;
                if op.is_heredoc() {
                    self.heredocs.push(PendingHeredoc {
                        at: start,
                        delim: w.value.as_str().to_string(),
                        strip_tabs: op == RedirectOp::HereDocStrip,
                    });
                }
                let end = w.range.end;
                let redirect = Redirect {
                    range: TextRange::new(start, end),
                    fd,
                    op,
                    target: Some(w.into_word()),
                    heredoc_body: None,
                };
                if !discard {
                    let bld = self.start_cmd(start);
                    bld.cmd.redirects.push(redirect);
                    bld.cmd.range.end = bld.cmd.range.end.max(end);
                }
            }
            Mode::ForName => {
                if !lexer::is_name(text.as_bytes()) {
                    self.error(format!("`{text}` is not a valid loop variable"), w.range);
                }
                self.mode = Mode::ForAfterName;
            }
            Mode::ForAfterName => match text {
                "in" => self.mode = Mode::ForWords,
                "do" => self.enter_loop_body(),
                _ => {
                    self.error("expected `in` or `do`", w.range);
                    self.enter_loop_body();
                    self.command_word(w);
                }
            },
            Mode::ForWords => {}
            Mode::ForBeforeDo => {
                if text != "do" {
                    self.error("expected `do`", w.range);
                    self.enter_loop_body();
                    self.command_word(w);
                } else {
                    self.enter_loop_body();
                }
            }
            Mode::CaseWord => self.mode = Mode::CaseIn,
            Mode::CaseIn => {
                if text == "in" {
                    self.mode = Mode::CasePattern { seen: false };
                } else {
                    self.error("expected `in`", w.range);
                    self.mode = Mode::CasePattern { seen: true };
                }
            }
            Mode::CasePattern { seen } => {
                if !seen && text == "esac" {
                    self.pop_ctx(w.range.end, false);
                } else {
                    self.mode = Mode::CasePattern { seen: true };
                }
            }
            Mode::FuncName => self.mode = Mode::FuncAfterName,
            Mode::FuncAfterName => {
                self.mode = Mode::Normal;
                self.command_word(w);
            }
        }
    }

    fn enter_loop_body(&mut self) {
        self.mode = Mode::Normal;
        if let Some(Kind::Loop { .. }) = self.top_kind() {
            self.set_top_kind(Kind::Loop { body: true });
        }
    }

    /// A word in `Normal` mode: reserved word, assignment or command word.
    fn command_word(&mut self, w: Scanned<'a>) {
        let src = self.src;
        let text = w.range.slice(src);
        if self.cur.is_none() {
            if self.reserved(text, w.range) {
                return;
            }
            if self.after_compound {
                self.error(
                    format!("unexpected `{text}` after a compound command"),
                    w.range,
                );
            }
        }
        let bld = self.start_cmd(w.range.start);
        let end = w.range.end;
        if bld.dbracket && text == "]]" {
            bld.dbracket = false;
        }
        if bld.cmd.words.is_empty() {
            if let Some((name_len, prefix)) = lexer::assignment_prefix(text.as_bytes()) {
                let start = w.range.start;
                // The `NAME=` prefix is plain ASCII, copied as is to the front of `value`.
                let v = w.value.as_str();
                let v = CompactString::from(v.get(prefix..).unwrap_or(v));
                let value = Word {
                    range: TextRange::new(start + prefix as u32, end),
                    value: v,
                    quoted: w.quoted,
                    dynamic: w.dynamic,
                };
                bld.cmd.assignments.push(Assignment {
                    range: w.range,
                    name: CompactString::from(&text[..name_len]),
                    value,
                });
                bld.cmd.range.end = bld.cmd.range.end.max(end);
                return;
            }
            if text == "[[" {
                bld.dbracket = true;
            }
        }
        bld.cmd.words.push(w.into_word());
        bld.cmd.range.end = bld.cmd.range.end.max(end);
    }

    /// Handles `text` if it is a reserved word in command position.
    fn reserved(&mut self, text: &str, range: TextRange) -> bool {
        let top = self.top_kind();
        let close = |p: &mut Self| {
            p.pop_ctx(range.end, false);
        };
        let ok = match text {
            "if" => {
                self.push_ctx(Kind::If(IfPhase::Cond), "`if`", range, None, None);
                true
            }
            "then" if top == Some(Kind::If(IfPhase::Cond)) => {
                self.check_dangling();
                self.set_top_kind(Kind::If(IfPhase::Then));
                self.after_compound = false;
                true
            }
            "elif" if top == Some(Kind::If(IfPhase::Then)) => {
                self.check_dangling();
                self.set_top_kind(Kind::If(IfPhase::Cond));
                self.after_compound = false;
                true
            }
            "else" if top == Some(Kind::If(IfPhase::Then)) => {
                self.check_dangling();
                self.set_top_kind(Kind::If(IfPhase::Else));
                self.after_compound = false;
                true
            }
            "fi" if matches!(top, Some(Kind::If(IfPhase::Then | IfPhase::Else))) => {
                close(self);
                true
            }
            "while" | "until" => {
                let label = if text == "while" {
                    "`while`"
                } else {
                    "`until`"
                };
                self.push_ctx(Kind::Loop { body: false }, label, range, None, None);
                true
            }
            "for" | "select" => {
                let label = if text == "for" { "`for`" } else { "`select`" };
                self.push_ctx(Kind::Loop { body: false }, label, range, None, None);
                self.mode = Mode::ForName;
                true
            }
            "do" if top == Some(Kind::Loop { body: false }) => {
                self.check_dangling();
                self.set_top_kind(Kind::Loop { body: true });
                self.after_compound = false;
                true
            }
            "done" if top == Some(Kind::Loop { body: true }) => {
                close(self);
                true
            }
            "case" => {
                self.push_ctx(Kind::Case, "`case`", range, None, None);
                self.mode = Mode::CaseWord;
                true
            }
            "esac" if top == Some(Kind::Case) => {
                close(self);
                true
            }
            "{" => {
                let connector = self.pending.take().unwrap_or(Connector::Seq);
                if self.after_compound {
                    self.error("unexpected `{` after a compound command", range);
                }
                self.push_group(Kind::Brace, "`{`", range, GroupKind::Brace, connector);
                true
            }
            "}" if top == Some(Kind::Brace) => {
                close(self);
                true
            }
            "!" => true,
            "function" => {
                self.mode = Mode::FuncName;
                true
            }
            "then" | "elif" | "else" | "fi" | "do" | "done" | "esac" | "}" => false,
            _ => return false,
        };
        if !ok {
            // Skipped; an operator may follow it without a second error.
            self.error(format!("unexpected `{text}`"), range);
            self.pending = None;
            self.after_compound = false;
        }
        true
    }
}
