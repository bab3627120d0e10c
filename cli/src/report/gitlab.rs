//! `--format gitlab`: GitLab Code Quality JSON (a subset of Code Climate's), for merge
//! request widgets. The fingerprint is stable across runs and edits elsewhere in the file:
//! it hashes the path, the code and the flagged text (not its line), plus a counter for
//! identical findings in one file.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::json;
use slimfile::Severity;

use super::{Emitter, FileReport, JsonArray, Totals};

#[derive(Debug, Default)]
pub struct Gitlab {
    array: JsonArray,
}

/// 64-bit FNV-1a: tiny, and the same on every platform and Rust version.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

impl Emitter for Gitlab {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
        for d in file.diagnostics {
            let (start, end) = (d.range.start, d.range.end);
            let text = file.source.get(d.byte_range()).unwrap_or("").trim();
            let n = seen.entry((d.code.as_ref(), text)).or_insert(0);
            *n += 1;
            let fingerprint = fnv1a(&[
                file.name.as_bytes(),
                d.code.as_bytes(),
                text.as_bytes(),
                n.to_string().as_bytes(),
            ]);
            let severity = match d.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "minor",
                Severity::Style => "info",
            };
            let issue = json!({
                "description": format!("{}: {}", d.code, d.message),
                "check_name": d.code,
                "fingerprint": format!("{fingerprint:016x}"),
                "severity": severity,
                "location": {
                    "path": file.name,
                    "lines": { "begin": start.line, "end": end.line },
                },
            });
            self.array.push(out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.array.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; ours adds a separator byte after each part.
        let mut plain: u64 = 0xcbf2_9ce4_8422_2325;
        plain ^= u64::from(b'a');
        plain = plain.wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(plain, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
