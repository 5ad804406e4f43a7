//! Exponential ElGamal (§3): a count `m` encrypted as `(r·G, m·G + r·K)`, added up by adding
//! points, and recovered after decryption by a baby-step giant-step search below a bound.

use std::collections::HashMap;
use std::ops::Add;

use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar as DalekScalar;
use curve25519_dalek::traits::{Identity, VartimeMultiscalarMul};
use serde::{Deserialize, Serialize};

use super::SealedError;
use super::group::{Point, SecretScalar, base_mul};

/// An encryption `(α, β)` of a count, written `{"alpha": α, "beta": β}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ciphertext {
    /// `α = r·G`.
    pub alpha: Point,
    /// `β = m·G + r·K`.
    pub beta: Point,
}

impl Ciphertext {
    /// Encrypts `m` under `key` with randomness `r`.
    pub fn encrypt(key: &Point, m: u64, r: &SecretScalar) -> Ciphertext {
        let alpha = base_mul(&r.0);
        // Constant time in r: the ciphertext's randomness is as secret as the vote.
        let beta = base_mul(&DalekScalar::from(m)) + key.group() * r.0;
        Ciphertext {
            alpha: Point::from_group(alpha),
            beta: Point::from_group(beta),
        }
    }

    /// `(O, O)`: the encryption of 0 with randomness 0, the sum of no ciphertexts.
    pub fn zero() -> Ciphertext {
        Ciphertext {
            alpha: Point::identity(),
            beta: Point::identity(),
        }
    }

    /// The sum of `ciphertexts`, which encrypts the sum of their counts (§3).
    pub fn sum<'a>(ciphertexts: impl IntoIterator<Item = &'a Ciphertext>) -> Ciphertext {
        let (alpha, beta) = ciphertexts.into_iter().fold(
            (RistrettoPoint::identity(), RistrettoPoint::identity()),
            |(a, b), c| (a + c.alpha.group(), b + c.beta.group()),
        );
        Ciphertext {
            alpha: Point::from_group(alpha),
            beta: Point::from_group(beta),
        }
    }

    /// `(α, β − j·G)`, which encrypts 0 exactly when this encrypts `j`.
    pub(crate) fn minus_count(&self, j: u64) -> RistrettoPoint {
        self.beta.group() - base_mul(&DalekScalar::from(j))
    }

    /// `β − s·α`, the point `m·G`, with the whole secret `s`: only tests and a one-trustee
    /// congress hold it.
    pub fn decrypt(&self, secret: &SecretScalar) -> Point {
        Point::from_group(self.beta.group() - self.alpha.group() * secret.0)
    }
}

impl Add for Ciphertext {
    type Output = Ciphertext;

    fn add(self, other: Ciphertext) -> Ciphertext {
        Ciphertext::sum([&self, &other])
    }
}

/// Finds `m` in `0 … N` from `m·G` by baby-step giant-step: `⌈√(N+1)⌉` baby steps stored once,
/// then as many giant steps per search.
pub struct CountSearch {
    bound: u64,
    step: u64,
    baby: HashMap<[u8; 32], u64>,
    giant: RistrettoPoint,
}

impl CountSearch {
    /// A search for counts in `0 … bound`.
    pub fn new(bound: u64) -> CountSearch {
        let step = (bound.saturating_add(1) as f64).sqrt().ceil() as u64;
        let step = step.max(1);
        let g = base_mul(&DalekScalar::ONE);
        let mut baby = HashMap::with_capacity(step as usize);
        let mut current = RistrettoPoint::identity();
        for j in 0..step {
            baby.insert(current.compress().to_bytes(), j);
            current += g;
        }
        CountSearch {
            bound,
            step,
            baby,
            giant: base_mul(&DalekScalar::from(step)),
        }
    }

    /// The count `m ≤ bound` with `m·G = point`.
    pub fn find(&self, point: &Point) -> Result<u64, SealedError> {
        // The baby step is found by the point's encoding, which for the first giant step is
        // the point's own.
        let mut current = *point.group();
        let mut bytes = point.to_bytes();
        for i in 0..=self.bound / self.step {
            if let Some(&j) = self.baby.get(&bytes) {
                let m = i * self.step + j;
                if m <= self.bound {
                    return Ok(m);
                }
            }
            current -= self.giant;
            bytes = current.compress().to_bytes();
        }
        Err(SealedError::NoCount(self.bound))
    }
}

/// `Σ scalars_k·points_k`, in variable time: for public values only.
pub(crate) fn public_combination(scalars: &[DalekScalar], points: &[Point]) -> RistrettoPoint {
    RistrettoPoint::vartime_multiscalar_mul(scalars, points.iter().map(Point::group))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::sealed::randomness::{CounterRandomness, random_scalar};

    #[test]
    fn sums_of_ciphertexts_decrypt_to_sums_of_counts() {
        let mut rng = CounterRandomness::for_test_vectors_only("elgamal-unit");
        let secret = random_scalar(&mut rng).unwrap();
        let key = secret.public();
        let a = Ciphertext::encrypt(&key, 3, &random_scalar(&mut rng).unwrap());
        let b = Ciphertext::encrypt(&key, 4, &random_scalar(&mut rng).unwrap());
        assert_eq!((a + b).decrypt(&secret), Point::count(7));
        assert_eq!(Ciphertext::sum([&a, &b, &Ciphertext::zero()]), a + b);
        assert_eq!(Ciphertext::zero().decrypt(&secret), Point::identity());
    }

    #[test]
    fn the_search_finds_every_count_up_to_its_bound_and_nothing_beyond() {
        let search = CountSearch::new(100_000);
        for m in [0, 1, 2, 316, 317, 318, 99_999, 100_000] {
            assert_eq!(search.find(&Point::count(m)), Ok(m), "{m}");
        }
        assert_eq!(
            search.find(&Point::count(100_001)),
            Err(SealedError::NoCount(100_000))
        );
        assert_eq!(CountSearch::new(0).find(&Point::count(0)), Ok(0));
        assert!(CountSearch::new(0).find(&Point::count(1)).is_err());
    }
}
