//! Parsing: text → a lossless, typed Dockerfile, exactly as BuildKit reads it.

mod args;
pub mod buildkit;
mod directives;
pub(crate) mod distance;
mod error;
pub(crate) mod go_compat;
mod heredoc;
pub(crate) mod image_ref;
pub(crate) mod instruction;
mod instruction_layer;
mod json_array;
pub(crate) mod line_index;
mod logical;
mod parser;
pub(crate) mod remote;
mod run_mount;
pub(crate) mod shell;
pub(crate) mod shell_view;
pub(crate) mod shlex;
mod split;
pub(crate) mod stage;
pub(crate) mod text;
mod tree;
mod validate;
mod words;

pub use error::{InputError, SyntaxError, SyntaxErrorKind};
pub use image_ref::ImageRef;
pub use instruction::{
    Args, Flag, Heredoc, Instruction, InstructionKind, JoinedLine, KeyValue, Str,
};
pub use line_index::{ColumnUnit, LineCol, LineIndex, PositionCursor};
pub use parser::MAX_SOURCE_LEN;
pub use stage::Stage;
pub use text::TextRange;
pub use tree::{Directive, Dockerfile, Item, ItemKind, Parsed};

/// Parses a Dockerfile. Never fails and never panics: problems are in
/// [`Parsed::errors`] (what BuildKit rejects) and [`Parsed::warnings`].
pub fn parse(source: &str) -> Parsed {
    parser::parse_source(source)
}

/// Decodes bytes as a Dockerfile, then parses them. Refuses binary input, UTF-16, invalid
/// UTF-8 and input over [`MAX_SOURCE_LEN`]; a UTF-8 byte-order mark is kept in the tree.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, InputError> {
    decode(bytes).map(parse)
}

/// The checks [`parse_bytes`] makes, without parsing: the text, or why it is refused.
pub fn decode(bytes: &[u8]) -> Result<&str, InputError> {
    refuse_non_text(bytes)?;
    std::str::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        offset: e.valid_up_to() as u64,
    })
}

/// [`decode`] for bytes the caller owns: the same checks, and the text without a copy or a
/// second UTF-8 pass.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, InputError> {
    refuse_non_text(&bytes)?;
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        offset: e.utf8_error().valid_up_to() as u64,
    })
}

/// Size, UTF-16 and NUL checks: what [`decode`] refuses before reading the text as UTF-8.
fn refuse_non_text(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.len() > MAX_SOURCE_LEN {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_SOURCE_LEN as u64,
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    // `contains` searches with memchr; the offset is worked out only for the message.
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(InputError::Binary {
            offset: offset as u64,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_and_borrowed_decoding_agree() {
        let cases: [&[u8]; 6] = [
            b"FROM alpine\n",
            b"",
            b"\xEF\xBB\xBFFROM alpine\n",
            b"FROM alpine\n\0RUN x\n",
            b"\xFF\xFEF\0R\0",
            b"FROM caf\xC3\n",
        ];
        for bytes in cases {
            let borrowed = decode(bytes).map(str::to_owned);
            assert_eq!(decode_owned(bytes.to_vec()), borrowed, "{bytes:?}");
        }
        assert_eq!(decode(b"FROM x\n\0"), Err(InputError::Binary { offset: 7 }));
        assert_eq!(
            decode(b"FROM caf\xC3\n"),
            Err(InputError::NotUtf8 { offset: 8 })
        );
    }
}
