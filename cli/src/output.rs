//! Shared output helpers: positions for humans (1-based, columns in characters) and the
//! one-line error format.

use slimfile::syntax::{ColumnUnit, LineIndex, PositionCursor};
use slimfile::Position;

/// `slimfile: error: path: message` on stderr, the format of every failure that stops a file.
pub fn error_line(err: &anyhow::Error) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("slimfile: error: {err:#}");
    }
}

/// Positions of byte offsets of one text, for offsets that are not a diagnostic's own
/// (a fix's edits); linear overall when they come in increasing order.
pub struct Positions<'a> {
    cursor: PositionCursor<'a>,
}

impl<'a> Positions<'a> {
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        Positions {
            cursor: PositionCursor::new(index, text, ColumnUnit::Chars),
        }
    }

    pub fn at(&mut self, offset: u32) -> Position {
        let lc = self.cursor.line_col(offset);
        Position {
            line: lc.line + 1,
            column: lc.col + 1,
        }
    }
}

/// Writes to stdout, ending quietly when the reader has gone (`slimfile parse x | head`).
pub fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// How much output is gathered before a write: a check of a large tree prints several
/// times its input as JSON, and 8 KiB (the default) meant one `write` call per file.
const OUTPUT_BUFFER: usize = 64 << 10;

/// Standard output, buffered. With `styled`, ANSI styles pass through only when it is a
/// terminal that wants colour (`NO_COLOR` unset; `CLICOLOR_FORCE` forces it) and are
/// stripped otherwise.
pub fn stdout_writer(styled: bool) -> Box<dyn std::io::Write> {
    if styled {
        Box::new(std::io::BufWriter::with_capacity(
            OUTPUT_BUFFER,
            anstream::stdout().lock(),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            OUTPUT_BUFFER,
            std::io::stdout().lock(),
        ))
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
