//! Election and inspector keys: Ed25519 (RFC 8032), verified strictly, with a distinct context
//! for each kind of signed object so that a signature on one can never pass for another.
//!
//! The signed message is `label || 0x00 || message`, where `label` is the ASCII context label of
//! [`SigningContext::label`]. Randomness comes from the caller: the server passes ring's
//! `SystemRandom`.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature as DalekSignature, Signer, SigningKey, VerifyingKey};
use ring::rand::SecureRandom;
use zeroize::Zeroizing;

use super::hash::{Digest, sha256};
use super::hex::{lower_hex, text_serde, write_hex32};

/// What a signature is about; each kind of signed object has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningContext {
    /// The frozen manifest.
    Manifest,
    /// A ballot card's token.
    Card,
    /// A round's tree head (size and root of the ballot log).
    TreeHead,
    /// A round's result.
    Result,
    /// An inspector's countersignature of a result hash.
    Countersignature,
    /// A decision of the congress recorded between rounds, such as a seat reduction.
    Decision,
    /// The publication of a congress's outcome, whose hash is the minutes' result hash.
    Publication,
}

impl SigningContext {
    /// The label put before every message signed in this context.
    pub fn label(self) -> &'static str {
        match self {
            SigningContext::Manifest => "ballotbox/v1/manifest",
            SigningContext::Card => "ballotbox/v1/card",
            SigningContext::TreeHead => "ballotbox/v1/tree-head",
            SigningContext::Result => "ballotbox/v1/result",
            SigningContext::Countersignature => "ballotbox/v1/countersignature",
            SigningContext::Decision => "ballotbox/v1/decision",
            SigningContext::Publication => "ballotbox/v1/publication",
        }
    }

    /// The bytes actually signed: `label || 0x00 || message`.
    fn framed(self, message: &[u8]) -> Vec<u8> {
        let mut framed = Vec::with_capacity(self.label().len() + 1 + message.len());
        framed.extend_from_slice(self.label().as_bytes());
        framed.push(0);
        framed.extend_from_slice(message);
        framed
    }
}

/// Why a key or signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The system's random number generator failed.
    #[error("no randomness is available to make a key")]
    NoRandomness,
    /// Text that is not a public key.
    #[error("a public key is 64 lowercase hex digits of a valid Ed25519 point")]
    BadPublicKey,
    /// Text that is not a signature.
    #[error("a signature is 128 lowercase hex digits")]
    BadSignature,
    /// A signature that does not verify.
    #[error("the signature does not verify")]
    Invalid,
}

/// An election's signing key. Its secret is never printed or serialised, and is zeroed when
/// dropped.
pub struct ElectionKey {
    signing: SigningKey,
}

impl ElectionKey {
    /// A fresh key from `rng`.
    pub fn generate(rng: &dyn SecureRandom) -> Result<Self, KeyError> {
        let mut seed = Zeroizing::new([0_u8; 32]);
        rng.fill(seed.as_mut())
            .map_err(|_| KeyError::NoRandomness)?;
        Ok(Self::from_seed(&seed))
    }

    /// The key with this 32-byte secret seed (RFC 8032's private key).
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        ElectionKey {
            signing: SigningKey::from_bytes(seed),
        }
    }

    /// The secret seed, for storage; zeroed when the returned value is dropped.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    /// Signs `message` in `context`.
    pub fn sign(&self, context: SigningContext, message: &[u8]) -> Signature {
        Signature(self.signing.sign(&context.framed(message)))
    }
}

impl fmt::Debug for ElectionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ElectionKey {{ public: {}, secret: <hidden> }}",
            self.public()
        )
    }
}

/// An Ed25519 public key, shown as lowercase hex.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The 32 bytes of the key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// SHA-256 of the key's 32 bytes: what the minutes print, grouped by [`Digest::grouped`].
    pub fn fingerprint(&self) -> Digest {
        sha256(&[&self.to_bytes()])
    }

    /// Whether the key is a point of small order (a "weak" key): for such a key one forged
    /// signature can pass for many messages, so strict verification refuses it.
    pub fn is_weak(&self) -> bool {
        self.0.is_weak()
    }

    /// Whether the 32 bytes are the point's one canonical encoding (y below the field prime,
    /// no sign bit on x = 0), so that the key has a single spelling in the record.
    pub fn is_canonical(&self) -> bool {
        self.0.to_edwards().compress().to_bytes() == self.0.to_bytes()
    }

    /// Checks `signature` on `message` in `context`, strictly: non-canonical signatures and
    /// weak (small-order) keys are refused (ed25519-dalek's `verify_strict`).
    pub fn verify(
        &self,
        context: SigningContext,
        message: &[u8],
        signature: &Signature,
    ) -> Result<(), KeyError> {
        self.0
            .verify_strict(&context.framed(message), &signature.0)
            .map_err(|_| KeyError::Invalid)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex32(&self.to_bytes(), f)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        let bytes: [u8; 32] = lower_hex(text).ok_or(KeyError::BadPublicKey)?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| KeyError::BadPublicKey)
    }
}

/// An Ed25519 signature, shown as lowercase hex.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(DalekSignature);

impl Signature {
    /// The 64 bytes of the signature.
    pub fn to_bytes(&self) -> [u8; 64] {
        self.0.to_bytes()
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.to_bytes()))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl FromStr for Signature {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        let bytes: [u8; 64] = lower_hex(text).ok_or(KeyError::BadSignature)?;
        Ok(Signature(DalekSignature::from_bytes(&bytes)))
    }
}

text_serde!(PublicKey);
text_serde!(Signature);

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;

    const RFC8032_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const RFC8032_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const RFC8032_SIGNATURE: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    fn rfc_key() -> ElectionKey {
        ElectionKey::from_seed(&lower_hex(RFC8032_SEED).unwrap())
    }

    #[test]
    fn the_key_and_raw_signature_match_rfc_8032_test_1() {
        let key = rfc_key();
        assert_eq!(key.public().to_string(), RFC8032_PUBLIC);
        // Test 1 signs the empty message with no context: check the underlying primitive.
        assert_eq!(
            hex::encode(key.signing.sign(b"").to_bytes()),
            RFC8032_SIGNATURE
        );
    }

    #[test]
    fn a_signature_verifies_only_in_its_own_context_and_for_its_own_message() {
        let key = ElectionKey::generate(&SystemRandom::new()).unwrap();
        let signature = key.sign(SigningContext::Result, b"result hash");
        let public = key.public();
        assert_eq!(
            public.verify(SigningContext::Result, b"result hash", &signature),
            Ok(())
        );
        assert_eq!(
            public.verify(SigningContext::TreeHead, b"result hash", &signature),
            Err(KeyError::Invalid)
        );
        assert_eq!(
            public.verify(SigningContext::Result, b"result hasH", &signature),
            Err(KeyError::Invalid)
        );
        let mut bytes = signature.to_bytes();
        bytes[10] ^= 1;
        let bent = Signature(DalekSignature::from_bytes(&bytes));
        assert_eq!(
            public.verify(SigningContext::Result, b"result hash", &bent),
            Err(KeyError::Invalid)
        );
    }

    #[test]
    fn a_small_order_public_key_is_refused_by_strict_verification() {
        // The identity point (0, 1): every "signature" with R = identity and S = 0 passes a
        // lax verifier for it.
        let identity = format!("01{}", "00".repeat(31));
        let key: PublicKey = identity.parse().unwrap();
        let forged: Signature = format!("01{}", "00".repeat(63)).parse().unwrap();
        assert_eq!(
            key.verify(SigningContext::Result, b"anything", &forged),
            Err(KeyError::Invalid)
        );
    }

    #[test]
    fn keys_and_signatures_round_trip_through_hex_and_json() {
        let key = rfc_key();
        let signature = key.sign(SigningContext::Card, b"card");
        let json = serde_json::to_string(&(key.public(), signature)).unwrap();
        let (public, back): (PublicKey, Signature) = serde_json::from_str(&json).unwrap();
        assert_eq!((public, back), (key.public(), signature));
        assert_eq!(
            RFC8032_PUBLIC.to_uppercase().parse::<PublicKey>(),
            Err(KeyError::BadPublicKey)
        );
        assert_eq!("00".parse::<Signature>(), Err(KeyError::BadSignature));
        assert_eq!(*ElectionKey::from_seed(&key.seed()).seed(), *key.seed());
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let text = format!("{:?}", rfc_key());
        assert!(
            !text.contains(RFC8032_SEED) && !text.contains(&RFC8032_SEED[..16]),
            "{text}"
        );
        assert!(text.contains(RFC8032_PUBLIC));
        assert!(rfc_key().public().fingerprint().grouped().len() == 64 + 15);
    }
}
