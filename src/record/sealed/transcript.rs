//! Transcripts and challenges (§2): every hash of sealed-ballot cryptography is SHA-512 of
//! `"ballotbox/sealed/1" || 0x00 || LABEL || 0x00 || items`, each item length-prefixed so that no
//! two lists of items share bytes.

use ring::digest::{Context as Sha512, SHA512};

use super::group::{Point, Scalar};
use crate::record::documents::Salt;
use crate::record::hash::Digest;

/// The domain of every hash, HKDF salt and test draw of sealed ballots.
pub const DOMAIN: &str = "ballotbox/sealed/1";

/// A list of encoded items (§2): a proof's context, or the additional data of a box (§5.1).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Items {
    bytes: Vec<u8>,
}

impl Items {
    /// No items.
    pub fn new() -> Items {
        Items::default()
    }

    fn raw(mut self, bytes: &[u8]) -> Items {
        // A u32 length: no item of this protocol comes near 4 GiB (the largest is a name).
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&len.to_be_bytes());
        self.bytes.extend_from_slice(bytes);
        self
    }

    /// A point: its 32-byte encoding.
    pub fn point(self, point: &Point) -> Items {
        self.raw(point.as_bytes())
    }

    /// A scalar: its 32-byte encoding.
    pub fn scalar(self, scalar: &Scalar) -> Items {
        self.raw(&scalar.to_bytes())
    }

    /// A SHA-256 digest: its 32 bytes.
    pub fn digest(self, digest: &Digest) -> Items {
        self.raw(&digest.0)
    }

    /// A batch hash (§4.3): its 64 bytes.
    pub fn batch_hash(self, hash: &[u8; 64]) -> Items {
        self.raw(hash)
    }

    /// A text: its UTF-8 bytes.
    pub fn text(self, text: &str) -> Items {
        self.raw(text.as_bytes())
    }

    /// An integer: 8 bytes big-endian.
    pub fn integer(self, value: u64) -> Items {
        self.raw(&value.to_be_bytes())
    }

    /// A salt: its 16 bytes.
    pub fn salt(self, salt: &Salt) -> Items {
        self.raw(&salt_bytes(salt))
    }

    /// These items followed by `more`.
    pub fn then(mut self, more: &Items) -> Items {
        self.bytes.extend_from_slice(&more.bytes);
        self
    }

    /// The encoded items, concatenated.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for Items {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Items({})", hex::encode(&self.bytes))
    }
}

/// The bytes hashed to make one challenge: domain, label, then items.
#[derive(Clone)]
pub struct Transcript {
    bytes: Vec<u8>,
}

impl Transcript {
    /// A transcript for the proof labelled `label` with these items.
    pub fn new(label: &str, items: &Items) -> Transcript {
        let mut bytes = Vec::with_capacity(DOMAIN.len() + label.len() + 2 + items.bytes.len());
        bytes.extend_from_slice(DOMAIN.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(label.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&items.bytes);
        Transcript { bytes }
    }

    /// SHA-512 of the transcript.
    pub fn hash(&self) -> [u8; 64] {
        let mut context = Sha512::new(&SHA512);
        context.update(&self.bytes);
        let mut out = [0_u8; 64];
        out.copy_from_slice(context.finish().as_ref());
        out
    }

    /// The challenge `H(LABEL; items)`: the hash read little-endian, reduced modulo `ℓ`.
    pub fn challenge(&self) -> Scalar {
        Scalar::from_wide(&self.hash())
    }

    /// The bytes hashed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The 16 bytes of a salt, which is held as its 32 hex digits.
pub(crate) fn salt_bytes(salt: &Salt) -> [u8; 16] {
    let mut out = [0_u8; 16];
    // A `Salt` is 32 lowercase hex digits by construction, so this decoding cannot fail; if it
    // somehow did, the zero salt would make every proof of the ballot fail, not pass.
    let _ = hex::decode_to_slice(salt.as_str(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_length_prefixed_and_labels_are_framed() {
        let items = Items::new().text("ab").integer(1);
        assert_eq!(
            hex::encode(items.as_bytes()),
            "00000002616200000008".to_owned() + "0000000000000001"
        );
        let transcript = Transcript::new("x", &items);
        assert!(
            transcript
                .as_bytes()
                .starts_with(b"ballotbox/sealed/1\0x\0")
        );
        // Moving a byte between items changes the transcript.
        let moved = Items::new().text("a").text("b");
        assert_ne!(moved.as_bytes(), Items::new().text("ab").as_bytes());
    }
}
