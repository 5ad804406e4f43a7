//! Where random scalars and salts come from (§1): the operating system's generator, or, for
//! test vectors only, the counter generator of §10.
//!
//! Every draw is 64 bytes, whatever it becomes: a scalar takes all 64 reduced modulo `ℓ`, a salt
//! the first 16, a nonce the first 12, and a batch-verification weight 16. So that two
//! implementations of §10 agree, the constructions make their draws in the order the
//! specification states.

use ring::digest::{Context, SHA512};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use super::SealedError;
use super::group::SecretScalar;
use super::transcript::{DOMAIN, Items};
use crate::record::documents::Salt;
use curve25519_dalek::scalar::Scalar as DalekScalar;

/// A source of 64-byte draws.
pub trait Randomness {
    /// The next 64 bytes.
    fn draw(&mut self) -> Result<Zeroizing<[u8; 64]>, SealedError>;
}

/// The operating system's secure generator, through ring: what every kiosk, trustee and
/// verifier uses. It asks the system for many draws at a time (a verifier's batch weights
/// take millions), and zeroes those it holds when dropped.
pub struct SystemRandomness {
    rng: SystemRandom,
    held: Zeroizing<[u8; HELD]>,
    /// How many of `held`'s bytes are used.
    used: usize,
}

/// The bytes asked for at once: 64 draws.
const HELD: usize = 64 * 64;

impl SystemRandomness {
    /// The system generator.
    pub fn new() -> SystemRandomness {
        SystemRandomness {
            rng: SystemRandom::new(),
            held: Zeroizing::new([0; HELD]),
            used: HELD,
        }
    }
}

impl Default for SystemRandomness {
    fn default() -> SystemRandomness {
        SystemRandomness::new()
    }
}

impl Randomness for SystemRandomness {
    fn draw(&mut self) -> Result<Zeroizing<[u8; 64]>, SealedError> {
        if self.used == HELD {
            self.rng
                .fill(self.held.as_mut())
                .map_err(|_| SealedError::NoRandomness)?;
            self.used = 0;
        }
        let mut out = Zeroizing::new([0_u8; 64]);
        let part = &mut self.held[self.used..self.used + 64];
        out.copy_from_slice(part);
        // A draw is handed out once.
        part.fill(0);
        self.used += 64;
        Ok(out)
    }
}

/// The counter generator of §10: draw `k` of seed `s` is
/// `SHA-512(DOMAIN || 0x00 || "test-rng" || 0x00 || item(text: s) || item(integer: k))`.
///
/// **For test vectors only.** Anyone who knows the seed knows every secret drawn from it; it
/// exists so that two implementations can be shown to produce the same bytes.
pub struct CounterRandomness {
    seed: String,
    next: u64,
}

impl CounterRandomness {
    /// A counter generator at draw 0 of `seed`. Never use it outside test vectors.
    pub fn for_test_vectors_only(seed: &str) -> CounterRandomness {
        CounterRandomness {
            seed: seed.to_owned(),
            next: 0,
        }
    }

    /// How many draws have been made.
    pub fn draws_made(&self) -> u64 {
        self.next
    }
}

impl Randomness for CounterRandomness {
    fn draw(&mut self) -> Result<Zeroizing<[u8; 64]>, SealedError> {
        let items = Items::new().text(&self.seed).integer(self.next);
        let mut context = Context::new(&SHA512);
        context.update(DOMAIN.as_bytes());
        context.update(b"\0test-rng\0");
        context.update(items.as_bytes());
        let mut out = Zeroizing::new([0_u8; 64]);
        out.copy_from_slice(context.finish().as_ref());
        self.next += 1;
        Ok(out)
    }
}

/// A random scalar: a draw reduced modulo `ℓ`.
pub fn random_scalar(rng: &mut dyn Randomness) -> Result<SecretScalar, SealedError> {
    let draw = rng.draw()?;
    Ok(SecretScalar::new(DalekScalar::from_bytes_mod_order_wide(
        &draw,
    )))
}

/// A random salt: the first 16 bytes of a draw.
pub fn random_salt(rng: &mut dyn Randomness) -> Result<Salt, SealedError> {
    let draw = rng.draw()?;
    Salt::parse(&hex::encode(&draw[..16])).map_err(|_| SealedError::NoRandomness)
}

/// A random 16-byte KDF salt: the first 16 bytes of a draw.
pub(crate) fn random_bytes16(rng: &mut dyn Randomness) -> Result<[u8; 16], SealedError> {
    let draw = rng.draw()?;
    let mut out = [0_u8; 16];
    out.copy_from_slice(&draw[..16]);
    Ok(out)
}

/// A random AES-GCM nonce: the first 12 bytes of a draw.
pub(crate) fn random_nonce(rng: &mut dyn Randomness) -> Result<[u8; 12], SealedError> {
    let draw = rng.draw()?;
    let mut out = [0_u8; 12];
    out.copy_from_slice(&draw[..12]);
    Ok(out)
}

/// Four 128-bit weights for batch verification (§4.2) from one draw.
pub(crate) fn random_weights(rng: &mut dyn Randomness) -> Result<[DalekScalar; 4], SealedError> {
    let draw = rng.draw()?;
    let weight = |i: usize| {
        let mut bytes = [0_u8; 32];
        bytes[..16].copy_from_slice(&draw[16 * i..16 * (i + 1)]);
        DalekScalar::from_bytes_mod_order(bytes)
    };
    Ok([weight(0), weight(1), weight(2), weight(3)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_generator_hands_out_each_draw_once_across_refills() {
        let mut rng = SystemRandomness::new();
        let draws: Vec<[u8; 64]> = (0..3 * HELD / 64 + 1)
            .map(|_| *rng.draw().unwrap())
            .collect();
        let distinct: std::collections::BTreeSet<_> = draws.iter().collect();
        assert_eq!(distinct.len(), draws.len());
        assert!(draws.iter().all(|d| d.iter().any(|&b| b != 0)));
        // What is handed out is not kept.
        assert!(rng.held[..rng.used].iter().all(|&b| b == 0));
    }

    #[test]
    fn the_counter_generator_is_deterministic_and_counts() {
        let mut a = CounterRandomness::for_test_vectors_only("seed");
        let mut b = CounterRandomness::for_test_vectors_only("seed");
        let first = a.draw().unwrap();
        assert_eq!(*first, *b.draw().unwrap());
        assert_ne!(*first, *a.draw().unwrap());
        assert_eq!(a.draws_made(), 2);
        let mut other = CounterRandomness::for_test_vectors_only("seeds");
        assert_ne!(*first, *other.draw().unwrap());
    }
}
