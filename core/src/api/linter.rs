//! The linter: settings worked out once, then `check`, `fix` and `parse` on as many texts
//! as needed, from any thread.

use serde::{Deserialize, Serialize};

use super::diagnostic::{diagnostics, Diagnostic};
use super::encoding::{PositionEncoding, Positioner};
use super::parse_view::ParseView;
use super::redaction::Redactions;
use crate::error::Error;
use crate::fix::{rewrite, AppliedFix, FixOptions, RejectedFix};
use crate::rules::{Analyzer, Context};
use crate::settings::Settings;
use crate::syntax::{parse, MAX_SOURCE_LEN};
use crate::InputError;

/// Checks and fixes Dockerfiles with one set of [`Settings`]. Build it once and share it:
/// it is `Send + Sync`, and every method takes `&self`.
///
/// ```
/// use slimfile::{Context, FixOptions, Linter, Settings};
///
/// let linter = Linter::new(Settings::default());
/// let source = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n";
/// let fixed = linter.fix(source, &Context::default(), &FixOptions::default())?;
/// assert!(fixed.text.ends_with("&& rm -rf /var/lib/apt/lists/*\n"));
/// assert_eq!(fixed.applied[0].code, "DL3009");
/// # Ok::<(), slimfile::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Linter {
    settings: Settings,
    analyzer: Analyzer,
    encoding: PositionEncoding,
}

/// What [`Linter::fix`] made of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FixResult {
    /// The rewritten Dockerfile.
    pub text: String,
    /// The whole `.dockerignore` to write (the context's own lines first, never removed),
    /// or `None` when it needs no change.
    pub dockerignore: Option<String>,
    /// The lines the fixes added to the `.dockerignore`.
    pub dockerignore_additions: Vec<String>,
    /// The fixes applied, in the order of the passes.
    pub applied: Vec<AppliedFix>,
    /// Fixes left out because they broke the file.
    pub rejected: Vec<RejectedFix>,
    /// What is still reported on the rewritten text (positions in it).
    pub remaining: Vec<Diagnostic>,
    /// Estimated bytes the applied fixes take out of the final image.
    pub saved_bytes: u64,
    /// False when the passes stopped at the cap, or in a cycle, with fixes still to apply.
    pub converged: bool,
}

impl Linter {
    /// A linter for `settings`, with positions in UTF-8 bytes.
    pub fn new(settings: Settings) -> Linter {
        let analyzer = Analyzer::new(&settings.selection(), settings.rule_options());
        Linter {
            settings,
            analyzer,
            encoding: PositionEncoding::Utf8,
        }
    }

    /// The same linter with positions counted in `encoding`.
    ///
    /// ```
    /// use slimfile::{Context, Linter, PositionEncoding, Settings};
    ///
    /// let linter = Linter::new(Settings::default()).with_encoding(PositionEncoding::Utf16);
    /// let source = "# 😀\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n";
    /// let found = linter.check(source, &Context::default())?;
    /// let utf16: Vec<u16> = source.encode_utf16().collect();
    /// let d = found.iter().find(|d| d.code == "DL3009").expect("DL3009");
    /// let flagged = String::from_utf16_lossy(&utf16[d.span[0] as usize..d.span[1] as usize]);
    /// assert_eq!(flagged, "apt-get install -y curl");
    /// # Ok::<(), slimfile::Error>(())
    /// ```
    pub fn with_encoding(mut self, encoding: PositionEncoding) -> Linter {
        self.encoding = encoding;
        self
    }

    /// The settings the linter was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The unit positions are counted in.
    pub fn encoding(&self) -> PositionEncoding {
        self.encoding
    }

    /// Runs the selected rules over `source`; findings come ordered by position. Errors only
    /// for input over the size limit: problems in the file are findings.
    pub fn check(&self, source: &str, context: &Context) -> Result<Vec<Diagnostic>, Error> {
        refuse_oversized(source)?;
        let violations = self.analyzer.analyze(&parse(source), context);
        Ok(diagnostics(
            violations,
            &mut Positioner::new(source, self.encoding),
        ))
    }

    /// [`Linter::check`], and the [`Redactions`] that reports of the findings must apply:
    /// what [`Redactions::find`] gives, from the credential scan the analysis already made
    /// (empty when nothing is found).
    ///
    /// ```
    /// use slimfile::{Context, Linter, Settings};
    /// let source = "FROM alpine:3.20\nRUN git clone https://ci:hunter2@git.example.com/app.git\n";
    /// let linter = Linter::new(Settings::default());
    /// let (found, redactions) = linter.check_redacting(source, &Context::default()).unwrap();
    /// assert!(found.iter().any(|d| d.code == "SF406"));
    /// assert_eq!(redactions, slimfile::Redactions::find(source));
    /// assert!(redactions.mask_source(source).contains("https://ci:*******@"));
    /// ```
    pub fn check_redacting(
        &self,
        source: &str,
        context: &Context,
    ) -> Result<(Vec<Diagnostic>, Redactions), Error> {
        refuse_oversized(source)?;
        let (violations, redactions) = self.analyzer.analyze_redacting(&parse(source), context);
        let found = diagnostics(violations, &mut Positioner::new(source, self.encoding));
        Ok((found, redactions))
    }

    /// Applies the fixes `options` allow, re-checking after each pass until nothing more
    /// changes; the findings of the first pass give the savings, so the file is analyzed
    /// once per pass and no more.
    pub fn fix(
        &self,
        source: &str,
        context: &Context,
        options: &FixOptions,
    ) -> Result<FixResult, Error> {
        refuse_oversized(source)?;
        let r = rewrite(source, context, &self.analyzer, options);
        let remaining = diagnostics(r.remaining, &mut Positioner::new(&r.text, self.encoding));
        Ok(FixResult {
            text: r.text,
            dockerignore: r.dockerignore,
            dockerignore_additions: r.dockerignore_additions,
            applied: r.applied,
            rejected: r.rejected,
            remaining,
            saved_bytes: r.saved_bytes,
            converged: r.converged,
        })
    }

    /// How BuildKit reads `source`: items, instructions and problems (what
    /// `slimfile parse --format json` prints), positions in the linter's encoding.
    pub fn parse(&self, source: &str) -> Result<ParseView, Error> {
        refuse_oversized(source)?;
        Ok(ParseView::new(source, self.encoding))
    }
}

fn refuse_oversized(source: &str) -> Result<(), Error> {
    if source.len() > MAX_SOURCE_LEN {
        return Err(Error::Input(InputError::TooLarge {
            size: source.len() as u64,
            limit: MAX_SOURCE_LEN as u64,
        }));
    }
    Ok(())
}

/// Checks bytes as a Dockerfile: the text, or why it is refused (binary, UTF-16, not
/// UTF-8, over the size limit). A UTF-8 byte-order mark is kept.
///
/// ```
/// assert_eq!(slimfile::decode(b"FROM alpine\n")?, "FROM alpine\n");
/// assert!(slimfile::decode(b"FROM caf\xC3\n").is_err());
/// # Ok::<(), slimfile::Error>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<&str, Error> {
    Ok(crate::syntax::decode(bytes)?)
}

/// [`decode`] for bytes the caller owns: the same checks, without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, Error> {
    Ok(crate::syntax::decode_owned(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linter_is_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Linter>();
        send_sync::<Context>();
    }

    #[test]
    fn oversized_text_is_an_error() {
        let big = "#".repeat(MAX_SOURCE_LEN + 1);
        let linter = Linter::new(Settings::default());
        assert!(matches!(
            linter.check(&big, &Context::default()),
            Err(Error::Input(InputError::TooLarge { .. }))
        ));
        assert!(linter.parse(&big).is_err());
    }
}
