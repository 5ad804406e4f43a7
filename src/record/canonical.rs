//! Canonical JSON by RFC 8785 (JSON Canonicalization Scheme) for everything that is hashed or
//! signed, so that any verifier re-creates the exact bytes.
//!
//! The record holds strings, integers, booleans, nulls, arrays and objects only. Integers must
//! lie within ±(2^53 − 1), where RFC 8785's ECMAScript number form is the plain decimal; any
//! other number is refused rather than written in a form another implementation might not
//! reproduce.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;
use serde::ser;

/// Why a value has no canonical form here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// A number is fractional or beyond ±(2^53 − 1).
    #[error("the number {0} cannot be hashed: only integers within ±(2^53 − 1) are allowed")]
    Number(String),
    /// The value does not serialise to JSON at all.
    #[error("the value cannot be written as JSON: {0}")]
    Json(String),
}

/// The largest integer every JSON implementation reads exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The RFC 8785 bytes of `value`, written straight from its `Serialize`: a record's receipts
/// are the canonical bytes of every ballot, so no intermediate JSON tree is built.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::new();
    value.serialize(Canonical { out: &mut out })?;
    Ok(out)
}

impl ser::Error for CanonicalError {
    fn custom<T: fmt::Display>(message: T) -> CanonicalError {
        CanonicalError::Json(message.to_string())
    }
}

/// Writes one value in its canonical form at the end of `out`.
struct Canonical<'o> {
    out: &'o mut Vec<u8>,
}

impl<'o> Canonical<'o> {
    fn integer(self, n: i128) -> Result<(), CanonicalError> {
        if n.unsigned_abs() > MAX_SAFE_INTEGER.unsigned_abs().into() {
            return Err(CanonicalError::Number(n.to_string()));
        }
        self.out.extend_from_slice(n.to_string().as_bytes());
        Ok(())
    }

    fn unsigned(self, n: u128) -> Result<(), CanonicalError> {
        match i128::try_from(n) {
            Ok(n) => self.integer(n),
            Err(_) => Err(CanonicalError::Number(n.to_string())),
        }
    }

    /// A fraction has an ECMAScript form another implementation might not reproduce; the
    /// record holds none.
    fn fraction(self, f: f64) -> Result<(), CanonicalError> {
        Err(CanonicalError::Number(format!("{f:?}")))
    }

    /// `{"variant": …`, closed by the caller.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_string(variant, self.out);
        self.out.push(b':');
    }

    fn list(self, close: &'static [u8]) -> List<'o> {
        self.out.push(b'[');
        List {
            out: self.out,
            first: true,
            close,
        }
    }

    fn object(self, close: &'static [u8]) -> Object<'o> {
        self.out.push(b'{');
        Object {
            start: self.out.len(),
            out: self.out,
            members: Vec::new(),
            key: None,
            close,
        }
    }
}

impl<'o> ser::Serializer for Canonical<'o> {
    type Ok = ();
    type Error = CanonicalError;
    type SerializeSeq = List<'o>;
    type SerializeTuple = List<'o>;
    type SerializeTupleStruct = List<'o>;
    type SerializeTupleVariant = List<'o>;
    type SerializeMap = Object<'o>;
    type SerializeStruct = Object<'o>;
    type SerializeStructVariant = Object<'o>;

    fn serialize_bool(self, v: bool) -> Result<(), CanonicalError> {
        self.out
            .extend_from_slice(if v { b"true".as_slice() } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), CanonicalError> {
        self.integer(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), CanonicalError> {
        self.integer(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), CanonicalError> {
        self.integer(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), CanonicalError> {
        self.integer(v.into())
    }

    fn serialize_i128(self, v: i128) -> Result<(), CanonicalError> {
        self.integer(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), CanonicalError> {
        self.unsigned(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), CanonicalError> {
        self.unsigned(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), CanonicalError> {
        self.unsigned(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), CanonicalError> {
        self.unsigned(v.into())
    }

    fn serialize_u128(self, v: u128) -> Result<(), CanonicalError> {
        self.unsigned(v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), CanonicalError> {
        self.fraction(v.into())
    }

    fn serialize_f64(self, v: f64) -> Result<(), CanonicalError> {
        self.fraction(v)
    }

    fn serialize_char(self, v: char) -> Result<(), CanonicalError> {
        write_string(v.encode_utf8(&mut [0; 4]), self.out);
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), CanonicalError> {
        write_string(v, self.out);
        Ok(())
    }

    /// Bytes are a list of numbers, as JSON writes them.
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CanonicalError> {
        let mut list = self.list(b"]");
        for byte in v {
            ser::SerializeSeq::serialize_element(&mut list, byte)?;
        }
        ser::SerializeSeq::end(list)
    }

    fn serialize_none(self) -> Result<(), CanonicalError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CanonicalError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), CanonicalError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), CanonicalError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.open_variant(variant);
        value.serialize(Canonical { out: self.out })?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<List<'o>, CanonicalError> {
        Ok(self.list(b"]"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<List<'o>, CanonicalError> {
        Ok(self.list(b"]"))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<List<'o>, CanonicalError> {
        Ok(self.list(b"]"))
    }

    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<List<'o>, CanonicalError> {
        self.open_variant(variant);
        Ok(self.list(b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'o>, CanonicalError> {
        Ok(self.object(b"}"))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Object<'o>, CanonicalError> {
        Ok(self.object(b"}"))
    }

    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'o>, CanonicalError> {
        self.open_variant(variant);
        Ok(self.object(b"}}"))
    }
}

/// A list being written: its items in order, then `close`.
struct List<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
    close: &'static [u8],
}

impl List<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Canonical { out: self.out })
    }

    fn close(self) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The four kinds of list serde writes are one here.
macro_rules! list {
    ($trait:ident, $method:ident) => {
        impl ser::$trait for List<'_> {
            type Ok = ();
            type Error = CanonicalError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
                self.item(value)
            }

            fn end(self) -> Result<(), CanonicalError> {
                self.close()
            }
        }
    };
}

list!(SerializeSeq, serialize_element);
list!(SerializeTuple, serialize_element);
list!(SerializeTupleStruct, serialize_field);
list!(SerializeTupleVariant, serialize_field);

/// An object being written. Its members are written in the order given, each remembered by its
/// name and where it stands; at the end they are put in RFC 8785's order if they are not in it
/// already (a struct whose fields are declared in that order costs no copy).
struct Object<'o> {
    out: &'o mut Vec<u8>,
    /// Where the first member starts, just after `{`.
    start: usize,
    members: Vec<Member>,
    /// A map's key, waiting for its value.
    key: Option<String>,
    close: &'static [u8],
}

/// A member written: `"name":value` at `out[start..end]`.
struct Member {
    name: Cow<'static, str>,
    start: usize,
    end: usize,
}

impl Object<'_> {
    fn member<T: Serialize + ?Sized>(
        &mut self,
        name: Cow<'static, str>,
        value: &T,
    ) -> Result<(), CanonicalError> {
        if !self.members.is_empty() {
            self.out.push(b',');
        }
        let start = self.out.len();
        write_string(&name, self.out);
        self.out.push(b':');
        value.serialize(Canonical { out: self.out })?;
        self.members.push(Member {
            name,
            start,
            end: self.out.len(),
        });
        Ok(())
    }

    fn close(mut self) -> Result<(), CanonicalError> {
        // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names.
        let order = |a: &Member, b: &Member| a.name.encode_utf16().cmp(b.name.encode_utf16());
        let sorted = self
            .members
            .windows(2)
            .all(|pair| order(&pair[0], &pair[1]) == Ordering::Less);
        if !sorted {
            let written = self.out.split_off(self.start);
            self.members.sort_by(order);
            if let Some(pair) = self
                .members
                .windows(2)
                .find(|pair| pair[0].name == pair[1].name)
            {
                return Err(CanonicalError::Json(format!(
                    "the member \"{}\" is given twice",
                    pair[0].name
                )));
            }
            for (i, member) in self.members.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                self.out.extend_from_slice(
                    &written[member.start - self.start..member.end - self.start],
                );
            }
        }
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CanonicalError> {
        self.key = Some(member_name(key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        let name = self
            .key
            .take()
            .ok_or_else(|| CanonicalError::Json("a map value without its key".into()))?;
        self.member(Cow::Owned(name), value)
    }

    fn end(self) -> Result<(), CanonicalError> {
        self.close()
    }
}

/// A struct and a struct variant are objects whose names are their fields'.
macro_rules! fields {
    ($trait:ident) => {
        impl ser::$trait for Object<'_> {
            type Ok = ();
            type Error = CanonicalError;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), CanonicalError> {
                self.member(Cow::Borrowed(name), value)
            }

            fn end(self) -> Result<(), CanonicalError> {
                self.close()
            }
        }
    };
}

fields!(SerializeStruct);
fields!(SerializeStructVariant);

/// A map's key as a member name: a string, or an integer written in decimal, as JSON allows.
/// (Only maps have keys to read; a struct's field names are written as they are.)
fn member_name<T: Serialize + ?Sized>(key: &T) -> Result<String, CanonicalError> {
    match serde_json::to_value(key) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        Ok(serde_json::Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        Ok(other) => Err(CanonicalError::Json(format!(
            "a map key must be a string, not {other}"
        ))),
        Err(error) => Err(CanonicalError::Json(error.to_string())),
    }
}

/// A string as ECMAScript's JSON.stringify writes it (RFC 8785 §3.2.2.2).
fn write_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    // Nearly every string of a record (hex, ids, names) needs no escape.
    if !text.bytes().any(|b| b < b' ' || b == b'"' || b == b'\\') {
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{08}' => out.extend_from_slice(b"\\b"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\u{0c}' => out.extend_from_slice(b"\\f"),
            '\r' => out.extend_from_slice(b"\\r"),
            c if c < ' ' => out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut buffer = [0_u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_integer_is_refused_not_a_panic() {
        assert!(matches!(to_vec(&i64::MIN), Err(CanonicalError::Number(_))));
        assert!(matches!(to_vec(&i64::MAX), Err(CanonicalError::Number(_))));
        assert_eq!(to_vec(&-MAX_SAFE_INTEGER).unwrap(), b"-9007199254740991");
    }
    use serde_json::{Value, json};

    fn canonical(value: Value) -> String {
        String::from_utf8(to_vec(&value).unwrap()).unwrap()
    }

    #[test]
    fn members_are_sorted_by_utf16_code_units() {
        // RFC 8785 §3.2.3's example: "\u20ac" (€) sorts before "\ud83d\ude00" (😀) in UTF-16,
        // though after it in code points and UTF-8 it would not.
        let value = json!({
            "\u{20ac}": "Euro Sign", "\r": "Carriage Return", "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\u{1f600}": "Emoji: Grinning Face", "\u{0080}": "Control", "\u{00f6}": "Latin Small Letter O With Diaeresis"
        });
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{0080}\":\"Control\",\
                        \"\u{00f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
                        \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
        assert_eq!(canonical(value), expected);
    }

    #[test]
    fn strings_are_escaped_as_json_stringify_does() {
        assert_eq!(
            canonical(json!("\u{0}\u{8}\t\n\u{b}\u{c}\r\u{1f}\"\\/é王")),
            r#""\u0000\b\t\n\u000b\f\r\u001f\"\\/é王""#
        );
    }

    #[test]
    fn there_is_no_whitespace_and_nesting_is_canonical_throughout() {
        let value = json!({"b": [1, {"z": null, "a": true}], "a": -5, "c": "x"});
        assert_eq!(
            canonical(value),
            r#"{"a":-5,"b":[1,{"a":true,"z":null}],"c":"x"}"#
        );
    }

    #[test]
    fn a_struct_is_written_as_the_same_object_read_back_as_a_map() {
        #[derive(Serialize)]
        enum Kind {
            Plain,
            Wrapped(u32),
            Pair(i8, String),
            Named { z: bool, a: Option<u8> },
        }
        #[derive(Serialize)]
        struct Inner {
            zeta: Kind,
            alpha: (u8, char),
            #[serde(rename = "\u{1f600}")]
            emoji: (),
            #[serde(rename = "\u{20ac}")]
            euro: Vec<u8>,
        }
        #[derive(Serialize)]
        struct Outer {
            b: Vec<Inner>,
            a: std::collections::BTreeMap<u32, &'static str>,
        }
        let value = Outer {
            b: vec![
                Inner {
                    zeta: Kind::Plain,
                    alpha: (1, '"'),
                    emoji: (),
                    euro: vec![3, 4],
                },
                Inner {
                    zeta: Kind::Wrapped(7),
                    alpha: (2, 'x'),
                    emoji: (),
                    euro: Vec::new(),
                },
                Inner {
                    zeta: Kind::Pair(-1, "王".into()),
                    alpha: (3, '\n'),
                    emoji: (),
                    euro: vec![0],
                },
                Inner {
                    zeta: Kind::Named { z: true, a: None },
                    alpha: (4, 'y'),
                    emoji: (),
                    euro: vec![255],
                },
            ],
            a: [(10, "ten"), (9, "nine")].into_iter().collect(),
        };
        let direct = to_vec(&value).unwrap();
        let tree = serde_json::to_value(&value).unwrap();
        assert_eq!(direct, to_vec(&tree).unwrap());
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            "{\"a\":{\"10\":\"ten\",\"9\":\"nine\"},\"b\":[\
             {\"alpha\":[1,\"\\\"\"],\"zeta\":\"Plain\",\"\u{20ac}\":[3,4],\"\u{1f600}\":null},\
             {\"alpha\":[2,\"x\"],\"zeta\":{\"Wrapped\":7},\"\u{20ac}\":[],\"\u{1f600}\":null},\
             {\"alpha\":[3,\"\\n\"],\"zeta\":{\"Pair\":[-1,\"王\"]},\"\u{20ac}\":[0],\"\u{1f600}\":null},\
             {\"alpha\":[4,\"y\"],\"zeta\":{\"Named\":{\"a\":null,\"z\":true}},\"\u{20ac}\":[255],\"\u{1f600}\":null}]}"
        );
    }

    #[test]
    fn a_member_given_twice_is_refused_not_chosen() {
        #[derive(Serialize)]
        struct Twice {
            b: u8,
            #[serde(flatten)]
            more: std::collections::BTreeMap<&'static str, u8>,
        }
        let twice = Twice {
            b: 1,
            more: [("a", 2), ("b", 3)].into_iter().collect(),
        };
        assert!(matches!(to_vec(&twice), Err(CanonicalError::Json(_))));
    }

    #[test]
    fn only_safe_integers_are_accepted() {
        assert_eq!(
            canonical(json!(9_007_199_254_740_991_i64)),
            "9007199254740991"
        );
        assert!(matches!(
            to_vec(&json!(9_007_199_254_740_992_i64)),
            Err(CanonicalError::Number(_))
        ));
        assert!(matches!(
            to_vec(&json!(1.5)),
            Err(CanonicalError::Number(_))
        ));
        assert!(matches!(
            to_vec(&json!(u64::MAX)),
            Err(CanonicalError::Number(_))
        ));
    }
}
