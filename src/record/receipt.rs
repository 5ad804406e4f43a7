//! Short receipts (record-format.md §11): the first 60 bits of a receipt (the ballot's leaf
//! hash) written as 12 Crockford base32 symbols in three groups, `XXXX-XXXX-XXXX`, short enough
//! for a delegate to copy by hand and read out.
//!
//! Crockford's alphabet leaves out I, L, O and U; a short receipt is read in any case, with
//! dashes or spaces anywhere, and I and L are read as 1, O as 0, as a card code is. A short
//! receipt finds a ballot; the full receipt (in the QR beside it) proves which one.

use std::fmt;
use std::str::FromStr;

use super::hash::Digest;

/// The 32 symbols of Crockford's base32, value 0 first.
const SYMBOLS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols in a short receipt: 12 × 5 = 60 bits.
pub const SHORT_LEN: usize = 12;
/// Bits of the receipt a short receipt holds.
pub const SHORT_BITS: u32 = 60;

/// The first 60 bits of a receipt.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShortReceipt(u64);

/// Why text is not a short receipt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShortReceiptError {
    /// Too few or too many symbols.
    #[error("a short receipt has 12 characters (not counting dashes); this one has {0}")]
    Length(usize),
    /// A character that short receipts do not use.
    #[error("\"{0}\" does not appear in short receipts")]
    Character(char),
}

impl ShortReceipt {
    /// The short form of `receipt`: its first 60 bits, the first byte most significant.
    pub fn of(receipt: &Digest) -> ShortReceipt {
        let mut first = [0_u8; 8];
        first.copy_from_slice(&receipt.0[..8]);
        ShortReceipt(u64::from_be_bytes(first) >> (64 - SHORT_BITS))
    }

    /// Whether `receipt` begins with these 60 bits.
    pub fn matches(&self, receipt: &Digest) -> bool {
        ShortReceipt::of(receipt) == *self
    }

    /// The 12 symbols without dashes.
    pub fn canonical(&self) -> String {
        (0..SHORT_LEN)
            .map(|i| {
                // Symbol i holds bits 5i .. 5i+5 of the 60, most significant first.
                let value = (self.0 >> (5 * (SHORT_LEN - 1 - i))) & 0x1f;
                // The mask keeps the index below 32.
                char::from(SYMBOLS[value as usize])
            })
            .collect()
    }
}

/// `XXXX-XXXX-XXXX`.
impl fmt::Display for ShortReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.canonical();
        write!(f, "{}-{}-{}", &text[0..4], &text[4..8], &text[8..12])
    }
}

impl fmt::Debug for ShortReceipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShortReceipt({self})")
    }
}

impl FromStr for ShortReceipt {
    type Err = ShortReceiptError;

    /// Reads a short receipt as a person types it: any case, dashes and spaces anywhere, I and
    /// L as 1, O as 0.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let symbols: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            })
            .collect();
        if symbols.len() != SHORT_LEN {
            return Err(ShortReceiptError::Length(symbols.len()));
        }
        let mut value = 0_u64;
        for c in symbols {
            let digit = SYMBOLS
                .iter()
                .position(|&s| char::from(s) == c)
                .ok_or(ShortReceiptError::Character(c))?;
            value = value << 5 | digit as u64;
        }
        Ok(ShortReceipt(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(hex: &str) -> Digest {
        hex.parse().unwrap()
    }

    #[test]
    fn the_short_form_is_the_first_sixty_bits_in_crockford_base32() {
        // 0x0123456789abcde (the first 15 hex digits) = 0 1 2 3 … in 5-bit groups:
        // 00000 00100 10001 10100 01010 11001 11100 01001 10101 01111 00110 11110
        let receipt = digest(&format!("0123456789abcdef{}", "0".repeat(48)));
        let short = ShortReceipt::of(&receipt);
        assert_eq!(short.canonical(), "04HMASW9NF6Y");
        assert_eq!(short.to_string(), "04HM-ASW9-NF6Y");
        assert!(short.matches(&receipt));
    }

    #[test]
    fn all_zero_and_all_one_bits_give_the_first_and_last_symbols() {
        assert_eq!(
            ShortReceipt::of(&digest(&"0".repeat(64))).canonical(),
            "000000000000"
        );
        assert_eq!(
            ShortReceipt::of(&digest(&"f".repeat(64))).canonical(),
            "ZZZZZZZZZZZZ"
        );
    }

    #[test]
    fn only_the_first_sixty_bits_count() {
        let a = digest(&format!("0123456789abcde0{}", "0".repeat(48)));
        let b = digest(&format!("0123456789abcdef{}", "f".repeat(48)));
        assert_eq!(ShortReceipt::of(&a), ShortReceipt::of(&b));
        let c = digest(&format!("0123456789abcdf0{}", "0".repeat(48)));
        assert_ne!(ShortReceipt::of(&a), ShortReceipt::of(&c));
    }

    #[test]
    fn a_short_receipt_is_read_as_a_person_types_it() {
        let short: ShortReceipt = "04HM-ASW9-NF6Y".parse().unwrap();
        assert_eq!(short.canonical(), "04HMASW9NF6Y");
        assert_eq!("o4hm asw9 nf6y".parse::<ShortReceipt>(), Ok(short));
        assert_eq!(
            "1LI0-0000-0000"
                .parse::<ShortReceipt>()
                .unwrap()
                .canonical(),
            "111000000000"
        );
        assert_eq!(
            "04HM-ASW9-NF6".parse::<ShortReceipt>(),
            Err(ShortReceiptError::Length(11))
        );
        assert_eq!(
            "04HM-ASW9-NF6U".parse::<ShortReceipt>(),
            Err(ShortReceiptError::Character('U'))
        );
    }

    #[test]
    fn every_short_receipt_reads_back_as_itself() {
        for seed in 0_u8..=255 {
            let receipt = crate::record::hash::sha256(&[&[seed]]);
            let short = ShortReceipt::of(&receipt);
            assert_eq!(short.to_string().parse::<ShortReceipt>(), Ok(short));
        }
    }
}
