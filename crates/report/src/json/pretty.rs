//! serde_json's pretty printing, byte for byte, written in fewer pieces.
//!
//! This module owns [`Pretty`], a [`Formatter`] that lays JSON out exactly as
//! `serde_json::to_writer_pretty` does (two spaces a level, `": "` after keys), but writes
//! each line break with its indent in one piece instead of one piece per level: `round.json`
//! has millions of lines, and each piece is a call into the writer.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// The deepest indent written in one piece; deeper lines are written in more.
const MAX_LEVEL: usize = 64;

/// A comma, a line break and the indent of the deepest level written in one piece.
const BREAK: [u8; 2 + 2 * MAX_LEVEL] = {
    let mut bytes = [b' '; 2 + 2 * MAX_LEVEL];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

/// Pretty printing as serde_json's `PrettyFormatter` with its default indent.
#[derive(Debug, Default)]
pub(crate) struct Pretty {
    level: usize,
    has_value: bool,
}

/// Writes a line break (after a comma unless `first`) and the indent of `level`.
fn line_break<W: ?Sized + Write>(writer: &mut W, first: bool, level: usize) -> io::Result<()> {
    let start = usize::from(first);
    if level <= MAX_LEVEL {
        return writer.write_all(&BREAK[start..2 + 2 * level]);
    }
    writer.write_all(&BREAK[start..])?;
    for _ in MAX_LEVEL..level {
        writer.write_all(b"  ")?;
    }
    Ok(())
}

impl Pretty {
    fn begin<W: ?Sized + Write>(&mut self, writer: &mut W, open: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(open)
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, close: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            line_break(writer, true, self.level)?;
        }
        writer.write_all(close)
    }
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        line_break(writer, first, self.level)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        line_break(writer, first, self.level)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{Value, json};

    use super::*;

    fn pretty(value: &Value) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
        value.serialize(&mut serializer).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// JSON values nested up to `depth` levels, with empty and non-empty arrays and objects.
    fn values(depth: u32) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z\"\\\\\n ]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(depth, 64, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn lays_out_as_serde_json_does(value in values(6)) {
            prop_assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
        }
    }

    #[test]
    fn deeper_than_one_piece_is_laid_out_the_same() {
        let mut value = json!({"leaf": [1, 2]});
        for level in 0..(MAX_LEVEL + 5) {
            value = if level % 2 == 0 {
                json!([value, {}])
            } else {
                json!({"a": value, "b": []})
            };
        }
        assert_eq!(
            pretty(&value),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
