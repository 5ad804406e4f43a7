//! Ballot cards (ARCHITECTURE.md, "Ballot cards"): a random code a delegate types or scans, and
//! the signed token its QR carries.
//!
//! A [`CardCode`] is 100 random bits written as 20 Crockford base32 symbols and one Crockford
//! check symbol (the value mod 37), shown as `XXXX-XXXX-XXXX-XXXX-XXXX-C`. Because 37 is prime
//! and larger than the 32 symbol values, the check symbol catches every mistyped character and
//! every swap of two neighbouring characters. The server keeps only [`CardCode::storage_hash`].

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::canonical;
use super::hash::{Digest, sha256};
use super::keys::{ElectionKey, PublicKey, Signature, SigningContext};

/// The 32 data symbols of Crockford's base32.
const SYMBOLS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The 37 check symbols: the data symbols and `*~$=U`.
const CHECK_SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";
/// Data symbols in a code.
const DATA_LEN: usize = 20;

/// Why text is not a card code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardCodeError {
    /// Too few or too many characters.
    #[error(
        "a card code has 21 characters (not counting dashes); this one has {0}: please type the whole code"
    )]
    Length(usize),
    /// A character that no card code uses.
    #[error("\"{0}\" does not appear in card codes: please check the character and type it again")]
    Character(char),
    /// The check character does not match the rest.
    #[error(
        "the check character does not match: a character was mistyped, please type the code again"
    )]
    Check,
}

/// A ballot card's code: 100 random bits with a check symbol.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardCode {
    /// The 20 data symbols' values, 0–31.
    values: [u8; DATA_LEN],
}

impl CardCode {
    /// The code made of the first 100 bits of `random`.
    pub fn from_random(random: &[u8; 13]) -> Self {
        let mut values = [0_u8; DATA_LEN];
        for (i, value) in values.iter_mut().enumerate() {
            // Symbol i holds bits 5i .. 5i+5, most significant first.
            let bit = 5 * i;
            let pair =
                u16::from(random[bit / 8]) << 8 | u16::from(*random.get(bit / 8 + 1).unwrap_or(&0));
            *value = ((pair >> (11 - bit % 8)) & 0x1f) as u8;
        }
        CardCode { values }
    }

    /// The check value: the code's number mod 37.
    fn check(&self) -> usize {
        self.values
            .iter()
            .fold(0, |m, &v| (m * 32 + usize::from(v)) % 37)
    }

    /// The 21 symbols without dashes: how the code is hashed and signed.
    pub fn canonical(&self) -> String {
        let mut text: String = self
            .values
            .iter()
            .map(|&v| char::from(SYMBOLS[usize::from(v)]))
            .collect();
        text.push(char::from(CHECK_SYMBOLS[self.check()]));
        text
    }

    /// What the server stores instead of the code: SHA-256 of `ballotbox/v1/card-code`, a zero
    /// byte, and the canonical code.
    pub fn storage_hash(&self) -> Digest {
        sha256(&[b"ballotbox/v1/card-code\0", self.canonical().as_bytes()])
    }

    /// What lets a kiosk retry the cast of this card's ballot whose receipt is `receipt`, and
    /// nobody else replay that ballot with another spent card: SHA-256 of
    /// `ballotbox/v1/cast-retry`, a zero byte, the canonical code, a zero byte and the receipt's
    /// 32 bytes. It is kept with the spent card only while its round is open; without the code,
    /// which the server never stores, it joins no card to a ballot.
    pub fn retry_tag(&self, receipt: &Digest) -> Digest {
        sha256(&[
            b"ballotbox/v1/cast-retry\0",
            self.canonical().as_bytes(),
            b"\0",
            &receipt.0,
        ])
    }
}

impl fmt::Display for CardCode {
    /// `XXXX-XXXX-XXXX-XXXX-XXXX-C`, as printed on the card.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let canonical = self.canonical();
        for (i, c) in canonical.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                f.write_str("-")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for CardCode {
    /// Codes are secrets until spent; debug output shows only a prefix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardCode({}…)", &self.canonical()[..4])
    }
}

impl FromStr for CardCode {
    type Err = CardCodeError;

    /// Reads a code as Crockford says a person types it: any case, dashes and spaces anywhere,
    /// `I` and `L` for 1, `O` for 0.
    fn from_str(text: &str) -> Result<Self, CardCodeError> {
        let symbols: Vec<char> = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}'))
            .map(|c| match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            })
            .collect();
        if symbols.len() != DATA_LEN + 1 {
            return Err(CardCodeError::Length(symbols.len()));
        }
        let position = |set: &[u8], c: char| set.iter().position(|&s| char::from(s) == c);
        let mut values = [0_u8; DATA_LEN];
        for (value, &c) in values.iter_mut().zip(&symbols) {
            let found = position(SYMBOLS, c).ok_or(CardCodeError::Character(c))?;
            // A position in a 32-symbol table fits in a u8.
            *value = found as u8;
        }
        let check = symbols[DATA_LEN];
        let found = position(CHECK_SYMBOLS, check).ok_or(CardCodeError::Character(check))?;
        let code = CardCode { values };
        if code.check() != found {
            return Err(CardCodeError::Check);
        }
        Ok(code)
    }
}

/// Why a card token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardTokenError {
    /// Not of the token's shape.
    #[error("this is not a ballotbox card: scan the QR code on the card again or type the code")]
    Shape,
    /// The code in the token is not a card code.
    #[error("{0}")]
    Code(#[from] CardCodeError),
    /// The signature does not verify with the election key.
    #[error(
        "this card was not issued for this election: hand the delegate a card of this congress"
    )]
    Signature,
    /// An identifier that cannot go in a token.
    #[error("\"{0}\" cannot be used in a card token: use 1 to 64 letters, digits, '-' or '_'")]
    Identifier(String),
}

/// What a card's QR carries: its code, congress and ballot style, signed with the election key.
///
/// The payload is `BB1.<congress>.<style>.<code>.<signature>`, where `<code>` is the canonical
/// 21-symbol code and `<signature>` the lowercase hex Ed25519 signature, in the
/// [`SigningContext::Card`] context, of the RFC 8785 form of
/// `{"code": <code>, "congress": <congress>, "style": <style>, "v": 1}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardToken {
    /// The congress the card belongs to.
    pub congress: String,
    /// The ballot style: which contests the card votes in.
    pub style: String,
    /// The card's code.
    pub code: CardCode,
}

#[derive(Serialize)]
struct SignedCard<'a> {
    code: &'a str,
    congress: &'a str,
    style: &'a str,
    v: u8,
}

impl CardToken {
    /// The token's QR payload, signed with `key`.
    pub fn sign(&self, key: &ElectionKey) -> Result<String, CardTokenError> {
        let message = self.message()?;
        let signature = key.sign(SigningContext::Card, &message);
        Ok(format!(
            "BB1.{}.{}.{}.{signature}",
            self.congress,
            self.style,
            self.code.canonical()
        ))
    }

    /// Reads and checks a QR payload against the election's public key.
    pub fn verify(payload: &str, key: &PublicKey) -> Result<CardToken, CardTokenError> {
        let parts: Vec<&str> = payload.trim().split('.').collect();
        let ["BB1", congress, style, code, signature] = parts[..] else {
            return Err(CardTokenError::Shape);
        };
        let token = CardToken {
            congress: congress.to_owned(),
            style: style.to_owned(),
            code: code.parse()?,
        };
        let signature: Signature = signature.parse().map_err(|_| CardTokenError::Shape)?;
        key.verify(SigningContext::Card, &token.message()?, &signature)
            .map_err(|_| CardTokenError::Signature)?;
        Ok(token)
    }

    fn message(&self) -> Result<Vec<u8>, CardTokenError> {
        for id in [&self.congress, &self.style] {
            let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_');
            if id.is_empty() || id.len() > 64 || !id.chars().all(allowed) {
                return Err(CardTokenError::Identifier(id.clone()));
            }
        }
        let code = self.code.canonical();
        let signed = SignedCard {
            code: &code,
            congress: &self.congress,
            style: &self.style,
            v: 1,
        };
        // Strings and a small integer always have a canonical form.
        canonical::to_vec(&signed).map_err(|_| CardTokenError::Shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(seed: u8) -> CardCode {
        CardCode::from_random(&[seed.wrapping_mul(37); 13].map(|b| b ^ seed))
    }

    #[test]
    fn a_code_is_shown_in_groups_and_read_back_however_it_is_typed() {
        let code = CardCode::from_random(&[0xa5; 13]);
        let shown = code.to_string();
        assert_eq!(shown.len(), 26);
        assert_eq!(shown.matches('-').count(), 5);
        assert_eq!(shown.parse::<CardCode>(), Ok(code.clone()));
        let typed = shown
            .to_lowercase()
            .replace('-', " ")
            .replace('1', "l")
            .replace('0', "o");
        assert_eq!(typed.parse::<CardCode>(), Ok(code));
    }

    #[test]
    fn all_hundred_bits_are_used() {
        let zeros = CardCode::from_random(&[0; 13]).canonical();
        let mut last_bit = [0_u8; 13];
        last_bit[12] = 0b0001_0000; // bit 99, the last used
        assert_ne!(CardCode::from_random(&last_bit).canonical(), zeros);
        last_bit[12] = 0b0000_1111; // bits 100–103 are not used
        assert_eq!(CardCode::from_random(&last_bit).canonical(), zeros);
        assert_eq!(
            CardCode::from_random(&[0xff; 13]).canonical()[..20],
            "Z".repeat(20)
        );
    }

    #[test]
    fn bad_codes_say_what_to_do() {
        assert_eq!("ABCD".parse::<CardCode>(), Err(CardCodeError::Length(4)));
        let mut text = code(1).canonical();
        text.replace_range(3..4, "U");
        assert_eq!(text.parse::<CardCode>(), Err(CardCodeError::Character('U')));
        assert!(
            CardCodeError::Check
                .to_string()
                .contains("type the code again")
        );
    }

    #[test]
    fn the_storage_hash_does_not_depend_on_how_the_code_was_typed() {
        let code = code(7);
        let typed: CardCode = code.to_string().to_lowercase().parse().unwrap();
        assert_eq!(typed.storage_hash(), code.storage_hash());
        assert_ne!(code.storage_hash(), self::code(8).storage_hash());
        assert!(!format!("{code:?}").contains(&code.canonical()[4..]));
    }

    proptest! {
        #[test]
        fn the_check_character_catches_every_single_typo(random in any::<[u8; 13]>(), at in 0_usize..21, with in 0_usize..37) {
            let text = CardCode::from_random(&random).canonical();
            let mut chars: Vec<char> = text.chars().collect();
            let replacement = char::from(CHECK_SYMBOLS[with]);
            prop_assume!(chars[at] != replacement);
            chars[at] = replacement;
            let typo: String = chars.into_iter().collect();
            prop_assert!(typo.parse::<CardCode>().is_err(), "{} was accepted as {}", typo, text);
        }

        #[test]
        fn the_check_character_catches_every_swap_of_neighbours(random in any::<[u8; 13]>(), at in 0_usize..20) {
            let text = CardCode::from_random(&random).canonical();
            let mut chars: Vec<char> = text.chars().collect();
            prop_assume!(chars[at] != chars[at + 1]);
            chars.swap(at, at + 1);
            let swapped: String = chars.into_iter().collect();
            prop_assert!(swapped.parse::<CardCode>().is_err(), "{} was accepted as {}", swapped, text);
        }
    }

    #[test]
    fn a_signed_token_verifies_and_a_tampered_or_foreign_one_does_not() {
        let key = ElectionKey::from_seed(&[3; 32]);
        let token = CardToken {
            congress: "c7f0e8d2-jiangcheng".into(),
            style: "women".into(),
            code: code(9),
        };
        let payload = token.sign(&key).unwrap();
        assert_eq!(
            CardToken::verify(&payload, &key.public()),
            Ok(token.clone())
        );

        let other_style = payload.replacen(".women.", ".all.", 1);
        assert_eq!(
            CardToken::verify(&other_style, &key.public()),
            Err(CardTokenError::Signature)
        );
        let other_election = ElectionKey::from_seed(&[4; 32]).public();
        assert_eq!(
            CardToken::verify(&payload, &other_election),
            Err(CardTokenError::Signature)
        );
        assert_eq!(
            CardToken::verify("BB1.a.b", &key.public()),
            Err(CardTokenError::Shape)
        );
        let other_code = payload.replacen(&token.code.canonical(), &code(10).canonical(), 1);
        assert_eq!(
            CardToken::verify(&other_code, &key.public()),
            Err(CardTokenError::Signature)
        );
        let bad = CardToken {
            style: "a.b".into(),
            ..token
        };
        assert_eq!(
            bad.sign(&key),
            Err(CardTokenError::Identifier("a.b".into()))
        );
    }
}
