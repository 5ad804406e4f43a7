//! Lowercase hex, the one spelling of bytes in a record: every digest, key, signature, point,
//! scalar and box is read here, and any other spelling of the same bytes is refused.

/// Writes 32 bytes as lowercase hex, without allocating: a record's receipts write millions.
pub fn write_hex32(bytes: &[u8; 32], f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    let mut digits = [0_u8; 64];
    for (pair, byte) in digits.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    // Hex digits are ASCII.
    f.write_str(std::str::from_utf8(&digits).map_err(|_| std::fmt::Error)?)
}

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Reads exactly `N` bytes of lowercase hex.
pub fn lower_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let digits = text.as_bytes();
    if digits.len() != 2 * N {
        return None;
    }
    let mut out = [0_u8; N];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

/// Reads any number of bytes of lowercase hex (a box).
pub fn lower_hex_vec(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits
        .chunks_exact(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

/// Whether `text` is lowercase hex digits only.
pub fn is_lower_hex(text: &str) -> bool {
    text.bytes().all(|digit| nibble(digit).is_some())
}

/// The value of one lowercase hex digit.
fn nibble(digit: u8) -> Option<u8> {
    match VALUES[usize::from(digit)] {
        NOT_A_DIGIT => None,
        value => Some(value),
    }
}

const NOT_A_DIGIT: u8 = 0xff;

/// Each byte's value as a lowercase hex digit, or [`NOT_A_DIGIT`].
const VALUES: [u8; 256] = {
    let mut values = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < 16 {
        values[DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Reads a value through its `FromStr` from a JSON string, borrowed where the input allows (a
/// large record holds millions of hex values).
pub(crate) struct FromText<T>(pub(crate) std::marker::PhantomData<T>);

impl<T: std::str::FromStr> serde::de::Visitor<'_> for FromText<T>
where
    T::Err: std::fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}

/// Serialises a value through its `Display` and reads it through its `FromStr`.
macro_rules! text_serde {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer
                    .deserialize_str($crate::record::hex::FromText(std::marker::PhantomData))
            }
        }
    };
}

pub(crate) use text_serde;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lowercase_digits_of_the_right_length_are_read() {
        assert_eq!(lower_hex::<2>("00ff"), Some([0, 255]));
        assert_eq!(lower_hex::<2>("a0b1"), Some([0xa0, 0xb1]));
        assert_eq!(lower_hex::<2>("00FF"), None);
        assert_eq!(lower_hex::<2>("00f"), None);
        assert_eq!(lower_hex::<2>("00fff0"), None);
        assert_eq!(lower_hex::<2>("0g00"), None);
        assert_eq!(lower_hex::<1>("+1"), None);
        assert_eq!(lower_hex_vec(""), Some(Vec::new()));
        assert_eq!(lower_hex_vec("0a1b2c"), Some(vec![10, 27, 44]));
        assert_eq!(lower_hex_vec("0a1"), None);
        assert_eq!(lower_hex_vec("0A"), None);
        assert!(is_lower_hex("0123456789abcdef"));
        assert!(!is_lower_hex("0123456789abcdeF"));
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37) as u8);
        struct Shown([u8; 32]);
        impl std::fmt::Display for Shown {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write_hex32(&self.0, f)
            }
        }
        assert_eq!(Shown(bytes).to_string(), hex::encode(bytes));
        assert_eq!(lower_hex::<32>(&hex::encode(bytes)), Some(bytes));
    }
}
