//! The group of §1: Ristretto255 points and scalars with their one encoding each, and secret
//! scalars that are zeroed when dropped.

use std::fmt;
use std::str::FromStr;

use curve25519_dalek::constants::{RISTRETTO_BASEPOINT_POINT, RISTRETTO_BASEPOINT_TABLE};
use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
use curve25519_dalek::scalar::Scalar as DalekScalar;
use curve25519_dalek::traits::Identity;
use zeroize::Zeroize;

use super::SealedError;
use crate::record::hex::{lower_hex, text_serde, write_hex32};

/// A group element together with its canonical 32-byte encoding, so that hashing it (which
/// every proof does) costs no second compression.
#[derive(Clone, Copy)]
pub struct Point {
    point: RistrettoPoint,
    bytes: [u8; 32],
}

impl Point {
    /// Wraps a computed group element, encoding it once.
    pub(crate) fn from_group(point: RistrettoPoint) -> Point {
        Point {
            point,
            bytes: point.compress().to_bytes(),
        }
    }

    /// Decodes 32 bytes, refusing any that are not a canonical encoding (RFC 9496 §4.3.1).
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Point, SealedError> {
        let point = CompressedRistretto(bytes)
            .decompress()
            .ok_or(SealedError::BadPoint)?;
        Ok(Point { point, bytes })
    }

    /// The generator `G`.
    pub fn generator() -> Point {
        Point::from_group(RISTRETTO_BASEPOINT_POINT)
    }

    /// The identity `O`.
    pub fn identity() -> Point {
        Point::from_group(RistrettoPoint::identity())
    }

    /// `a·G`.
    pub fn base_times(a: &Scalar) -> Point {
        Point::from_group(base_mul(&a.0))
    }

    /// The count `m` as a point, `m·G` (§1).
    pub fn count(m: u64) -> Point {
        Point::from_group(base_mul(&DalekScalar::from(m)))
    }

    /// Whether this is the identity `O` (whose encoding is 32 zero bytes).
    pub fn is_identity(&self) -> bool {
        self.bytes == [0; 32]
    }

    /// Refuses the identity where the specification forbids it; `what` names the point.
    pub(crate) fn not_identity(self, what: &'static str) -> Result<Point, SealedError> {
        if self.is_identity() {
            Err(SealedError::Identity(what))
        } else {
            Ok(self)
        }
    }

    /// The canonical encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.bytes
    }

    /// The encoding, borrowed.
    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The group element, for arithmetic.
    pub(crate) fn group(&self) -> &RistrettoPoint {
        &self.point
    }
}

/// `a·G` through the precomputed table of `G`.
pub(crate) fn base_mul(a: &DalekScalar) -> RistrettoPoint {
    RISTRETTO_BASEPOINT_TABLE * a
}

impl PartialEq for Point {
    fn eq(&self, other: &Point) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Point {}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex32(&self.bytes, f)
    }
}

impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Point({self})")
    }
}

impl FromStr for Point {
    type Err = SealedError;

    fn from_str(text: &str) -> Result<Point, SealedError> {
        Point::from_bytes(lower_hex(text).ok_or(SealedError::BadPoint)?)
    }
}

/// A public scalar — a challenge or a response — below the group order `ℓ`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Scalar(pub(crate) DalekScalar);

impl Scalar {
    /// Decodes 32 little-endian bytes, refusing a value `≥ ℓ` (§1).
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Scalar, SealedError> {
        Option::from(DalekScalar::from_canonical_bytes(bytes))
            .map(Scalar)
            .ok_or(SealedError::BadScalar)
    }

    /// 64 bytes read little-endian and reduced modulo `ℓ`: how challenges and random scalars
    /// are made (§1, §2).
    pub fn from_wide(bytes: &[u8; 64]) -> Scalar {
        Scalar(DalekScalar::from_bytes_mod_order_wide(bytes))
    }

    /// The integer `m` as a scalar.
    pub fn from_integer(m: u64) -> Scalar {
        Scalar(DalekScalar::from(m))
    }

    /// The 32-byte little-endian encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_hex32(&self.to_bytes(), f)
    }
}

impl fmt::Debug for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Scalar({self})")
    }
}

impl FromStr for Scalar {
    type Err = SealedError;

    fn from_str(text: &str) -> Result<Scalar, SealedError> {
        Scalar::from_bytes(lower_hex(text).ok_or(SealedError::BadScalar)?)
    }
}

/// A secret scalar: a nonce, a polynomial coefficient, a share, a transport key. It is zeroed
/// when dropped, shows as `<secret>` in `Debug`, and has no serialisation: a secret leaves only
/// through [`SecretScalar::to_bytes`], into a box.
#[derive(Clone)]
pub struct SecretScalar(pub(crate) DalekScalar);

impl SecretScalar {
    /// Wraps a scalar known to be secret.
    pub(crate) fn new(scalar: DalekScalar) -> SecretScalar {
        SecretScalar(scalar)
    }

    /// Decodes a canonical scalar (a share out of its box, a key file's secret).
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<SecretScalar, SealedError> {
        Scalar::from_bytes(*bytes).map(|s| SecretScalar(s.0))
    }

    /// The public point `a·G`.
    pub fn public(&self) -> Point {
        Point::from_group(base_mul(&self.0))
    }

    /// The encoding, zeroed when the returned value is dropped.
    pub fn to_bytes(&self) -> zeroize::Zeroizing<[u8; 32]> {
        zeroize::Zeroizing::new(self.0.to_bytes())
    }

    /// Makes the secret public: for a complaint's answer (§5), or to print a test vector.
    pub fn reveal(&self) -> Scalar {
        Scalar(self.0)
    }
}

impl Drop for SecretScalar {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretScalar(<secret>)")
    }
}

text_serde!(Point);
text_serde!(Scalar);

/// A JSON list read into a vector of exactly its length. serde's own reading grows a vector by
/// doubling from room for four, so that a proof's list of two points would hold room for four:
/// the millions of short lists of a large record would hold gigabytes unused.
pub(crate) fn exact_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    /// How many items are read before the vector is made; a longer list grows as usual.
    const HEAD: usize = 8;

    struct Exact<T>(std::marker::PhantomData<T>);

    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Exact<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut head: [Option<T>; HEAD] = std::array::from_fn(|_| None);
            let mut read = 0;
            while read < HEAD {
                match seq.next_element()? {
                    Some(item) => head[read] = Some(item),
                    None => break,
                }
                read += 1;
            }
            let mut items = Vec::with_capacity(if read < HEAD { read } else { 2 * HEAD });
            items.extend(head.into_iter().flatten());
            if read == HEAD {
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
            }
            Ok(items)
        }
    }

    deserializer.deserialize_seq(Exact(std::marker::PhantomData))
}

/// Bytes of any length as lowercase hex in JSON: an AES-256-GCM box.
pub(crate) mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex::encode(bytes))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::record::hex::lower_hex_vec(&text)
            .ok_or_else(|| serde::de::Error::custom("expected lowercase hex"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_has_the_encoding_rfc_9496_gives() {
        assert_eq!(
            Point::generator().to_string(),
            "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
        );
        assert!(Point::identity().is_identity());
        assert_eq!(Point::count(1), Point::generator());
    }

    #[test]
    fn only_canonical_encodings_are_read() {
        // ℓ itself, little-endian: the smallest non-canonical scalar.
        let order = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
        assert_eq!(order.parse::<Scalar>(), Err(SealedError::BadScalar));
        let below = "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
        assert!(below.parse::<Scalar>().is_ok());
        // A field element with its sign bit set is never a canonical Ristretto encoding.
        let negative = format!("01{}", "00".repeat(31));
        assert_eq!(negative.parse::<Point>(), Err(SealedError::BadPoint));
        let upper = Point::generator().to_string().to_uppercase();
        assert_eq!(upper.parse::<Point>(), Err(SealedError::BadPoint));
    }

    #[test]
    fn a_secret_scalar_never_shows_in_debug_output() {
        let secret = SecretScalar::new(DalekScalar::from(123_456_789_u64));
        let text = format!("{secret:?}");
        assert!(
            !text.contains(&hex::encode(&secret.0.to_bytes()[..4])),
            "{text}"
        );
        assert_eq!(text, "SecretScalar(<secret>)");
    }
}
