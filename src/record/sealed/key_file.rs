//! A trustee's key file (§6): the secret share sealed under a passphrase with
//! PBKDF2-HMAC-SHA256 and AES-256-GCM, the public particulars bound in as additional data.

use std::fmt;
use std::num::NonZeroU32;

use ring::pbkdf2;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::SealedError;
use super::ceremony::SecretShare;
use super::group::{Point, SecretScalar, hex_bytes};
use super::kem::{aes_open, aes_seal};
use super::randomness::{Randomness, random_bytes16, random_nonce};
use super::transcript::Items;
use crate::record::hex::lower_hex;

/// The `format` of a key file.
pub const FORMAT: &str = "ballotbox-trustee-key/1";

/// The only key derivation: PBKDF2-HMAC-SHA256.
pub const KDF_NAME: &str = "PBKDF2-HMAC-SHA256";

/// PBKDF2's iterations, the least §6 allows (OWASP's figure for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;

/// A passphrase, in NFC so that the same words typed on two keyboards open the file. Zeroed
/// when dropped, never shown.
pub struct Passphrase(Zeroizing<String>);

/// The fewest characters a new key file's passphrase may have (§6).
pub const MIN_PASSPHRASE_CHARS: usize = 12;

impl Passphrase {
    /// The passphrase `text`, normalised.
    pub fn new(text: &str) -> Passphrase {
        Passphrase(Zeroizing::new(text.nfc().collect()))
    }

    /// Refuses a passphrase too short to seal a new key file with (any opens one).
    pub fn check_new(&self) -> Result<(), SealedError> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SealedError::KeyFile(format!(
                "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters, such as a few unrelated words"
            )));
        }
        Ok(())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<secret>)")
    }
}

/// The key derivation's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    /// [`KDF_NAME`].
    pub name: String,
    /// At least [`ITERATIONS`].
    pub iterations: u32,
    /// 16 bytes as 32 hex digits.
    pub salt: String,
}

/// The key file as JSON (§6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrusteeKeyFile {
    /// [`FORMAT`].
    pub format: String,
    /// The congress.
    pub congress: String,
    /// `ℓ`.
    pub trustee: u32,
    /// `n`.
    pub n: u32,
    /// `t`.
    pub t: u32,
    /// `K`.
    pub joint_key: Point,
    /// `P_ℓ`.
    pub public_share: Point,
    /// How the key comes from the passphrase.
    pub kdf: Kdf,
    /// 12 bytes as 24 hex digits.
    pub nonce: String,
    /// `enc(s_ℓ)` sealed: 32 bytes and the 16-byte tag.
    #[serde(rename = "box", with = "hex_bytes")]
    pub sealed: Vec<u8>,
}

fn derive(passphrase: &Passphrase, salt: &[u8; 16], iterations: NonZeroU32) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0_u8; 32]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        passphrase.0.as_bytes(),
        key.as_mut(),
    );
    key
}

fn file_error(why: &str) -> SealedError {
    SealedError::KeyFile(why.to_owned())
}

impl TrusteeKeyFile {
    /// Seals `share` under `passphrase`; draws the KDF salt, then the nonce (§10).
    pub fn seal(
        share: &SecretShare,
        congress: &str,
        n: u32,
        t: u32,
        joint_key: &Point,
        passphrase: &Passphrase,
        rng: &mut dyn Randomness,
    ) -> Result<TrusteeKeyFile, SealedError> {
        passphrase.check_new()?;
        let salt = random_bytes16(rng)?;
        let nonce = random_nonce(rng)?;
        let mut file = TrusteeKeyFile {
            format: FORMAT.to_owned(),
            congress: congress.to_owned(),
            trustee: share.trustee(),
            n,
            t,
            joint_key: *joint_key,
            public_share: *share.public(),
            kdf: Kdf {
                name: KDF_NAME.to_owned(),
                iterations: ITERATIONS,
                salt: hex::encode(salt),
            },
            nonce: hex::encode(nonce),
            sealed: Vec::new(),
        };
        file.check_particulars()?;
        let iterations = NonZeroU32::new(ITERATIONS).ok_or_else(|| file_error("iterations"))?;
        let key = derive(passphrase, &salt, iterations);
        file.sealed = aes_seal(
            &key,
            nonce,
            file.aad().as_bytes(),
            share.secret().to_bytes().as_ref(),
        );
        Ok(file)
    }

    /// Opens the file: the secret share, checked against the public share.
    pub fn open(&self, passphrase: &Passphrase) -> Result<SecretShare, SealedError> {
        self.check_particulars()?;
        let salt: [u8; 16] =
            lower_hex(&self.kdf.salt).ok_or_else(|| file_error("the salt is 32 hex digits"))?;
        let nonce: [u8; 12] =
            lower_hex(&self.nonce).ok_or_else(|| file_error("the nonce is 24 hex digits"))?;
        let iterations =
            NonZeroU32::new(self.kdf.iterations).ok_or_else(|| file_error("iterations"))?;
        let key = derive(passphrase, &salt, iterations);
        let plaintext = aes_open(&key, nonce, self.aad().as_bytes(), &self.sealed)
            .map_err(|_| SealedError::WrongPassphrase)?;
        let bytes: &[u8; 32] = plaintext
            .as_slice()
            .try_into()
            .map_err(|_| file_error("the secret is 32 bytes"))?;
        let secret = SecretScalar::from_bytes(bytes)
            .map_err(|_| file_error("the secret is not a scalar"))?;
        SecretShare::new(self.trustee, secret, self.public_share)
            .map_err(|_| file_error("the secret does not match the public share"))
    }

    /// `items(text: congress, integer: ℓ, integer: n, integer: t, point: K, point: P_ℓ)`.
    fn aad(&self) -> Items {
        Items::new()
            .text(&self.congress)
            .integer(self.trustee.into())
            .integer(self.n.into())
            .integer(self.t.into())
            .point(&self.joint_key)
            .point(&self.public_share)
    }

    fn check_particulars(&self) -> Result<(), SealedError> {
        if self.format != FORMAT {
            return Err(file_error("the format is not ballotbox-trustee-key/1"));
        }
        if self.kdf.name != KDF_NAME {
            return Err(file_error("the key derivation is not PBKDF2-HMAC-SHA256"));
        }
        if self.kdf.iterations < ITERATIONS {
            return Err(file_error("PBKDF2 needs at least 600000 iterations"));
        }
        if self.t == 0 || self.t > self.n || self.trustee == 0 || self.trustee > self.n {
            return Err(file_error("the trustee and threshold must lie in 1 … n"));
        }
        Ok(())
    }
}
