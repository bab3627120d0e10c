//! Results to JavaScript as a flat tape: serde's data model written as `u32` words, every
//! string appended to one text, and `js/index.js` building the objects from the two. The
//! shape is serde's JSON shape (`None` is `null`, maps and structs are objects), the same
//! as the CLI's `--format json`.
//!
//! Why not `serde_wasm_bindgen::to_value`: it crosses into JavaScript once per field and
//! per string, and a check returns many small objects. Handing over one word array and one
//! string makes `check` in the browser about 1.3x faster end to end.
//!
//! A value is an integer below `2^32 - 16`, written as itself plus `INTEGER`, or one of:
//! `NULL`, `FALSE`, `TRUE`, `FLOAT high low` (the bits of an `f64`), `STRING len`,
//! `ARRAY len value*`, `OBJECT len (key value)*`. A string is the next `len` UTF-16 units
//! of the text, which holds the strings in order. A key is `STRING_KEY len` (a map key),
//! `NEW_FIELD len` (a struct field name met for the first time, which takes the next field
//! number), or the number of a field met before: the reader makes each name once.

use serde::ser::{self, Serialize};

pub const NULL: u32 = 0;
pub const FALSE: u32 = 1;
pub const TRUE: u32 = 2;
pub const FLOAT: u32 = 3;
pub const STRING: u32 = 4;
pub const ARRAY: u32 = 5;
pub const OBJECT: u32 = 6;
/// Integers from 0 are written as `INTEGER + n`.
pub const INTEGER: u32 = 16;
pub const NEW_FIELD: u32 = u32::MAX;
pub const STRING_KEY: u32 = u32::MAX - 1;

/// A value written on a tape.
#[derive(Debug, Default)]
pub struct Tape {
    pub words: Vec<u32>,
    pub text: String,
    /// The field names written so far, by address and length (they are `'static`).
    fields: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl Tape {
    /// Writes `value`.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Tape, Error> {
        let mut tape = Tape::default();
        value.serialize(&mut tape)?;
        Ok(tape)
    }

    /// `tag`, the length of `s` in UTF-16 units, and `s` appended to the text.
    fn text(&mut self, tag: u32, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.words.extend([tag, units as u32]);
        self.text.push_str(s);
    }

    /// A struct field's name, as a key.
    fn field(&mut self, name: &'static str) {
        let identity = (name.as_ptr() as usize, name.len());
        match self.fields.iter().position(|f| *f == identity) {
            Some(number) => self.words.push(number as u32),
            None => {
                self.fields.push(identity);
                self.text(NEW_FIELD, name);
            }
        }
    }

    fn integer(&mut self, n: u64) {
        match u32::try_from(n) {
            Ok(small) if small < u32::MAX - INTEGER => self.words.push(INTEGER + small),
            _ => self.float(n as f64),
        }
    }

    fn float(&mut self, f: f64) {
        let bits = f.to_bits();
        self.words.extend([FLOAT, (bits >> 32) as u32, bits as u32]);
    }

    /// Opens an array or object whose length is counted as items come.
    fn open(&mut self, kind: u32) -> Compound<'_> {
        self.words.extend([kind, 0]);
        let at = self.words.len() - 1;
        Compound { tape: self, at }
    }

    /// `{variant: ...}`: an object of one field, whose value is written next.
    fn variant(&mut self, variant: &'static str) {
        self.words.extend([OBJECT, 1]);
        self.field(variant);
    }
}

/// An array or object being written; `at` is where its length goes.
#[derive(Debug)]
pub struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.tape.words[self.at] += 1;
        value.serialize(&mut *self.tape)
    }
}

macro_rules! unsigned {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            self.integer(u64::from(v));
            Ok(())
        })*
    };
}

macro_rules! signed {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            match u64::try_from(v) {
                Ok(n) => self.integer(n),
                Err(_) => self.float(v as f64),
            }
            Ok(())
        })*
    };
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    unsigned!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    signed!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(STRING, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open(OBJECT))
    }
}

macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.tape.field(key);
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys are strings, as in JSON (the only maps in the API are rule → severity).
        let at = self.tape.words.len();
        key.serialize(&mut *self.tape)?;
        if self.tape.words.len() != at + 2 || self.tape.words[at] != STRING {
            return Err(ser::Error::custom("a map key that is not a string"));
        }
        self.tape.words[at] = STRING_KEY;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(serde::Serialize)]
    struct Position {
        line: u32,
        column: u32,
    }

    #[derive(serde::Serialize)]
    struct Finding {
        code: &'static str,
        start: Position,
        end: Position,
        fix: Option<bool>,
        saved: u64,
    }

    const I: u32 = INTEGER;

    #[test]
    fn fields_are_named_once_and_numbered_after() {
        let finding = Finding {
            code: "DL3009",
            start: Position { line: 1, column: 2 },
            end: Position { line: 3, column: 4 },
            fix: None,
            saved: 5_000_000_000,
        };
        let tape = Tape::of(&finding).expect("a tape");
        let bits = 5e9_f64.to_bits();
        #[rustfmt::skip]
        let expected = vec![
            OBJECT, 5,
            NEW_FIELD, 4, STRING, 6,
            NEW_FIELD, 5, OBJECT, 2, NEW_FIELD, 4, I + 1, NEW_FIELD, 6, I + 2,
            NEW_FIELD, 3, OBJECT, 2, 2, I + 3, 3, I + 4,
            NEW_FIELD, 3, NULL,
            NEW_FIELD, 5, FLOAT, (bits >> 32) as u32, bits as u32,
        ];
        assert_eq!(tape.words, expected);
        assert_eq!(tape.text, "codeDL3009startlinecolumnendfixsaved");
    }

    #[test]
    fn strings_count_utf16_units_and_maps_take_string_keys() {
        let mut map = BTreeMap::new();
        map.insert("é😀", vec![-1_i32, 7]);
        let tape = Tape::of(&map).expect("a tape");
        let bits = (-1.0_f64).to_bits();
        #[rustfmt::skip]
        let expected = vec![
            OBJECT, 1, STRING_KEY, 3,
            ARRAY, 2, FLOAT, (bits >> 32) as u32, bits as u32, I + 7,
        ];
        assert_eq!(tape.words, expected);
        assert_eq!(tape.text, "é😀");
        let mut bad = BTreeMap::new();
        bad.insert(1_u8, true);
        assert!(Tape::of(&bad).is_err());
    }
}
