//! Canonical JSON by RFC 8785 (JSON Canonicalization Scheme) for everything that is hashed or
//! signed, so that any verifier re-creates the exact bytes.
//!
//! The record holds strings, integers, booleans, nulls, arrays and objects only. Integers must
//! lie within ±(2^53 − 1), where RFC 8785's ECMAScript number form is the plain decimal; any
//! other number is refused rather than written in a form another implementation might not
//! reproduce.

use serde::Serialize;
use serde_json::Value;

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

/// The RFC 8785 bytes of `value`.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let value = serde_json::to_value(value).map_err(|e| CanonicalError::Json(e.to_string()))?;
    let mut out = Vec::new();
    write(&value, &mut out)?;
    Ok(out)
}

fn write(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(number) => {
            // unsigned_abs: i64::MIN has no i64 absolute value, and must be refused, not panic.
            let integer = number
                .as_i64()
                .filter(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs());
            let Some(integer) = integer else {
                return Err(CanonicalError::Number(number.to_string()));
            };
            out.extend_from_slice(integer.to_string().as_bytes());
        }
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(members) => {
            // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names.
            let mut members: Vec<(&String, &Value)> = members.iter().collect();
            members.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, (name, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(name, out);
                out.push(b':');
                write(member, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// A string as ECMAScript's JSON.stringify writes it (RFC 8785 §3.2.2.2).
fn write_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
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
    use serde_json::json;

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
