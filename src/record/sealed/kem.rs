//! Encrypting bytes to a public point (§5.1): an ElGamal key encapsulation, HKDF-SHA256, and
//! AES-256-GCM with the proof context as additional data. Shares travel this way to a trustee's
//! transport key, and write-in names to the joint key.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::hkdf::{HKDF_SHA256, KeyType, Salt};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::SealedError;
use super::group::{Point, SecretScalar, hex_bytes};
use super::randomness::{Randomness, random_scalar};
use super::transcript::{DOMAIN, Items};

/// What a box carries, bound into its key as HKDF's `info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A key-ceremony share, to a transport key (§5).
    Share,
    /// A write-in name, to the joint key (§7).
    WriteIn,
}

impl Purpose {
    /// The ASCII `info` of HKDF.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Share => "share",
            Purpose::WriteIn => "write-in",
        }
    }
}

/// `{"header": U, "box": hex(ciphertext || tag)}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedBox {
    /// `U = u·G`.
    pub header: Point,
    /// AES-256-GCM's ciphertext followed by its 16-byte tag.
    #[serde(rename = "box", with = "hex_bytes")]
    pub sealed: Vec<u8>,
}

struct Aes256Key;

impl KeyType for Aes256Key {
    fn len(&self) -> usize {
        32
    }
}

/// `HKDF-SHA256(salt = DOMAIN, IKM = enc(S) || enc(U), info = purpose)`, 32 bytes.
pub fn derive_key(shared: &Point, header: &Point, purpose: Purpose) -> Zeroizing<[u8; 32]> {
    let mut ikm = Zeroizing::new([0_u8; 64]);
    ikm[..32].copy_from_slice(shared.as_bytes());
    ikm[32..].copy_from_slice(header.as_bytes());
    let mut key = Zeroizing::new([0_u8; 32]);
    let info = [purpose.label().as_bytes()];
    let filled = Salt::new(HKDF_SHA256, DOMAIN.as_bytes())
        .extract(ikm.as_ref())
        .expand(&info, Aes256Key)
        .and_then(|okm| okm.fill(key.as_mut()));
    // 32 bytes is far below HKDF-SHA256's limit of 255 × 32, so expand and fill cannot fail.
    debug_assert!(filled.is_ok());
    key
}

/// AES-256-GCM under `key` with a nonce of zeros: every key here seals one message only.
pub(crate) fn aes_seal(key: &[u8; 32], nonce: [u8; 12], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let mut in_out = plaintext.to_vec();
    // A 32-byte key is AES-256's length, and the plaintexts here are small: neither fails.
    if let Ok(key) = UnboundKey::new(&AES_256_GCM, key) {
        let sealed = LessSafeKey::new(key).seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut in_out,
        );
        debug_assert!(sealed.is_ok());
    }
    in_out
}

/// Opens an AES-256-GCM box, or says that its tag fails.
pub(crate) fn aes_open(
    key: &[u8; 32],
    nonce: [u8; 12],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, SealedError> {
    let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| SealedError::BoxDoesNotOpen)?;
    let mut in_out = Zeroizing::new(sealed.to_vec());
    let plaintext = LessSafeKey::new(key)
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut in_out,
        )
        .map_err(|_| SealedError::BoxDoesNotOpen)?;
    Ok(Zeroizing::new(plaintext.to_vec()))
}

impl SealedBox {
    /// Seals `plaintext` to `to`; draws `u`.
    pub fn seal(
        to: &Point,
        purpose: Purpose,
        ctx: &Items,
        plaintext: &[u8],
        rng: &mut dyn Randomness,
    ) -> Result<SealedBox, SealedError> {
        let u = random_scalar(rng)?;
        Ok(SealedBox::seal_with(to, purpose, ctx, plaintext, &u))
    }

    /// Seals with a given `u` (whose header a write-in also proves knowledge of, §7).
    pub(crate) fn seal_with(
        to: &Point,
        purpose: Purpose,
        ctx: &Items,
        plaintext: &[u8],
        u: &SecretScalar,
    ) -> SealedBox {
        let header = u.public();
        let shared = Point::from_group(to.group() * u.0);
        let key = derive_key(&shared, &header, purpose);
        SealedBox {
            header,
            sealed: aes_seal(&key, [0; 12], ctx.as_bytes(), plaintext),
        }
    }

    /// Opens the box with the secret `e` of the point it was sealed to.
    pub fn open(
        &self,
        secret: &SecretScalar,
        purpose: Purpose,
        ctx: &Items,
    ) -> Result<Zeroizing<Vec<u8>>, SealedError> {
        let shared = Point::from_group(self.header.group() * secret.0);
        self.open_shared(&shared, purpose, ctx)
    }

    /// Opens the box with the shared point `S` already known: a write-in, whose `S = s·U`
    /// the trustees compute together (§9).
    pub fn open_shared(
        &self,
        shared: &Point,
        purpose: Purpose,
        ctx: &Items,
    ) -> Result<Zeroizing<Vec<u8>>, SealedError> {
        let key = derive_key(shared, &self.header, purpose);
        aes_open(&key, [0; 12], ctx.as_bytes(), &self.sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::sealed::randomness::CounterRandomness;

    #[test]
    fn a_box_opens_with_its_key_purpose_and_context_only() {
        let mut rng = CounterRandomness::for_test_vectors_only("kem-unit");
        let secret = random_scalar(&mut rng).unwrap();
        let ctx = Items::new().integer(7);
        let sealed =
            SealedBox::seal(&secret.public(), Purpose::Share, &ctx, b"hello", &mut rng).unwrap();
        assert_eq!(sealed.sealed.len(), 5 + 16);
        assert_eq!(
            &**sealed.open(&secret, Purpose::Share, &ctx).unwrap(),
            b"hello"
        );
        assert_eq!(
            sealed.open(&secret, Purpose::WriteIn, &ctx),
            Err(SealedError::BoxDoesNotOpen)
        );
        assert!(
            sealed
                .open(&secret, Purpose::Share, &Items::new().integer(8))
                .is_err()
        );
        let other = random_scalar(&mut rng).unwrap();
        assert!(sealed.open(&other, Purpose::Share, &ctx).is_err());
    }
}
