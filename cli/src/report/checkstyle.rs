//! `--format checkstyle`: Checkstyle XML, which Jenkins (Warnings NG), Bitbucket, reviewdog
//! and many dashboards read. Every checked file gets a `<file>`; style findings are `info`.

use std::io::{self, Write};

use slimfile::Severity;

use super::{Emitter, FileReport, Totals};

#[derive(Debug, Default)]
pub struct Checkstyle {
    started: bool,
}

/// Escapes text for an XML attribute; characters XML 1.0 cannot hold become U+FFFD.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Checkstyle {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(
                b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n",
            )?;
        }
        Ok(())
    }
}

impl Emitter for Checkstyle {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "  <file name=\"{}\">", attr(file.name))?;
        for d in file.diagnostics {
            let start = d.range.start;
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"{}\"/>",
                start.line,
                start.column,
                attr(&d.message),
                attr(&d.code),
            )?;
        }
        writeln!(out, "  </file>")
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.start(out)?;
        out.write_all(b"</checkstyle>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_attributes() {
        assert_eq!(
            attr("`a` <b> & \"c\"\n\u{1}"),
            "`a` &lt;b&gt; &amp; &quot;c&quot;&#10;\u{fffd}"
        );
    }
}
