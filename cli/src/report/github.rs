//! `--format github`: GitHub Actions workflow commands, one annotation per diagnostic:
//! `::warning file=Dockerfile,line=2,col=5,endLine=2,endColumn=9,title=DL3015::message`.
//! Errors are `error`, warnings `warning`, info and style `notice`.

use std::io::{self, Write};

use slimfile::Severity;

use super::{Emitter, FileReport, Totals};

#[derive(Debug)]
pub struct Github;

/// Escapes a message (the data after `::`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        for d in file.diagnostics {
            let (start, end) = (d.range.start, d.range.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "notice",
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(file.name),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&d.code),
                data(&d.message),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
