#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! Property tests: on any input, and on inputs built from the pieces of Dockerfile syntax
//! that interact (continuations, quotes, heredocs, JSON, directives), the parser keeps
//! its invariants and never panics. The case count is bounded so CI time is too; raise
//! it with PROPTEST_CASES for a longer hunt.

use proptest::prelude::*;
use slimfile_tests::check_invariants;

const PIECES: &[&str] = &[
    "FROM ",
    "RUN ",
    "COPY ",
    "ADD ",
    "ENV ",
    "LABEL ",
    "ARG ",
    "CMD ",
    "ONBUILD ",
    "HEALTHCHECK ",
    "EXPOSE ",
    "SHELL ",
    "run ",
    "x",
    "a=b",
    "\"",
    "'",
    "\\",
    "`",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "<<",
    "<<-",
    "EOF",
    "\nEOF\n",
    "\tEOF",
    "[",
    "]",
    "\",\"",
    "--",
    "--mount=type=cache,target=/x ",
    "--from=",
    "$",
    "${",
    "}",
    ":-",
    "é",
    "\u{a0}",
    "\u{feff}",
    "&&",
    "|",
    ";",
    "(",
    ")",
    "{",
    "}",
    "=",
    "AS ",
    "\\\n",
    "`\n",
    "\n\n",
];

fn dockerfile_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_keeps_invariants(src in any::<String>()) {
        check_invariants(&src).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn dockerfile_like_text_keeps_invariants(src in dockerfile_like()) {
        check_invariants(&src).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_bytes_are_parsed_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = slimfile::syntax::decode(&bytes) {
            check_invariants(text).map_err(TestCaseError::fail)?;
        }
    }
}

#[test]
fn byte_level_space_inside_a_character_is_survived() {
    // 0xA0 and 0x85 are space to BuildKit's byte-wise scans and also UTF-8 continuation bytes.
    for src in [
        "FROM a\nCOPY --chown=\u{805}\u{800} b c\n",
        "FROM a\nHEALTHCHECK x\u{a0}CMD y\n",
        "FROM a\nRUN --x=\u{160}b c\n",
    ] {
        check_invariants(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
    }
}
