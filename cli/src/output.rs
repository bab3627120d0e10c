//! Shared output helpers: positions for humans (1-based, columns in characters) and the
//! one-line error format.

use serde::Serialize;
use slimfile::syntax::{ColumnUnit, LineIndex, PositionCursor, SyntaxError, SyntaxErrorKind};

/// `slimfile: error: path: message` on stderr, the format of every failure that stops a file.
pub fn error_line(err: &anyhow::Error) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("slimfile: error: {err:#}");
    }
}

/// A 1-based line and column, the column counted in characters.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Serialize)]
pub struct JsonError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub span: [u32; 2],
}

/// Positions for many offsets; linear overall when they come in increasing order.
pub struct Positions<'a>(PositionCursor<'a>);

impl<'a> Positions<'a> {
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        Positions(PositionCursor::new(index, text, ColumnUnit::Chars))
    }

    pub fn at(&mut self, offset: u32) -> Position {
        let lc = self.0.line_col(offset);
        Position {
            line: lc.line + 1,
            column: lc.col + 1,
        }
    }

    pub fn json_error(&mut self, e: &SyntaxError) -> JsonError {
        let p = self.at(e.range.start);
        JsonError {
            kind: e.kind,
            message: e.message.clone(),
            line: p.line,
            column: p.column,
            span: [e.range.start, e.range.end],
        }
    }
}

/// Writes to stdout, ending quietly when the reader has gone (`slimfile parse x | head`).
pub fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Standard output, buffered. With `styled`, ANSI styles pass through only when it is a
/// terminal that wants colour (`NO_COLOR` unset; `CLICOLOR_FORCE` forces it) and are
/// stripped otherwise.
pub fn stdout_writer(styled: bool) -> Box<dyn std::io::Write> {
    if styled {
        Box::new(std::io::BufWriter::new(anstream::stdout().lock()))
    } else {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    }
}

/// Whether writing went through: `false` when the reader has gone (`slimfile check | head`),
/// which is no error.
pub fn write_result(result: std::io::Result<()>) -> anyhow::Result<bool> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
    }
}

/// A one-line warning on stderr: something was skipped, but the run goes on.
pub fn warning_line(message: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("slimfile: warning: {message}");
    }
}
