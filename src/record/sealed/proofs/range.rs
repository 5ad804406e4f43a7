//! A ciphertext holds one of `0 … L` (§4.2, label `range`): the OR of `L + 1` Chaum–Pedersen
//! proofs, one real and the others simulated (Cramer, Damgård, Schoenmakers 1994).
//!
//! The proof carries its commitments so that the dozens of range proofs of a ballot, or of a
//! round, can be checked together by one multiscalar multiplication ([`RangeBatch`]), which is
//! what lets a verifier keep up with the kiosks.

use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar as DalekScalar;
use curve25519_dalek::traits::{IsIdentity, VartimeMultiscalarMul};
use serde::{Deserialize, Serialize};

use crate::record::sealed::SealedError;
use crate::record::sealed::elgamal::Ciphertext;
use crate::record::sealed::group::{Point, Scalar, SecretScalar, base_mul, exact_list};
use crate::record::sealed::randomness::{Randomness, random_scalar, random_weights};
use crate::record::sealed::transcript::{Items, Transcript};

/// What a range proof claims: `ciphertext`, under `key`, encrypts one of `0 … bound`.
#[derive(Debug, Clone, Copy)]
pub struct RangeStatement<'a> {
    /// The proof's context (§7).
    pub ctx: &'a Items,
    /// The key `K` the ciphertext is encrypted to.
    pub key: &'a Point,
    /// The ciphertext `(α, β)`.
    pub ciphertext: &'a Ciphertext,
    /// `L ≥ 1`.
    pub bound: u64,
}

/// A range proof: `{"a": [A_j], "b": [B_j], "challenges": [c_j], "responses": [z_j]}`, one
/// entry per `j` in `0 … L`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeProof {
    /// `A_j`, the commitments in `G`.
    #[serde(deserialize_with = "exact_list")]
    pub a: Vec<Point>,
    /// `B_j`, the commitments in `K`.
    #[serde(deserialize_with = "exact_list")]
    pub b: Vec<Point>,
    /// `c_j`, which add up to the transcript's challenge.
    #[serde(deserialize_with = "exact_list")]
    pub challenges: Vec<Scalar>,
    /// `z_j`.
    #[serde(deserialize_with = "exact_list")]
    pub responses: Vec<Scalar>,
}

impl RangeStatement<'_> {
    fn challenge(&self, a: &[Point], b: &[Point]) -> Scalar {
        let mut items = self
            .ctx
            .clone()
            .point(self.key)
            .point(&self.ciphertext.alpha)
            .point(&self.ciphertext.beta)
            .integer(self.bound);
        for (a, b) in a.iter().zip(b) {
            items = items.point(a).point(b);
        }
        Transcript::new("range", &items).challenge()
    }

    fn fails(&self, what: &str) -> SealedError {
        SealedError::ProofFails(what.to_owned())
    }

    /// The checks made before any multiplication: `L ≥ 1`, list lengths, the challenge sum.
    fn check_challenges(&self, proof: &RangeProof, what: &str) -> Result<(), SealedError> {
        let branches = usize::try_from(self.bound)
            .ok()
            .and_then(|l| l.checked_add(1))
            .ok_or_else(|| self.fails(what))?;
        let lengths = [
            proof.a.len(),
            proof.b.len(),
            proof.challenges.len(),
            proof.responses.len(),
        ];
        if self.bound == 0 || lengths.iter().any(|&n| n != branches) {
            return Err(self.fails(what));
        }
        let sum: DalekScalar = proof.challenges.iter().map(|c| c.0).sum();
        if sum != self.challenge(&proof.a, &proof.b).0 {
            return Err(self.fails(what));
        }
        Ok(())
    }
}

impl RangeProof {
    /// Proves that `statement.ciphertext` encrypts `value` with randomness `r`. Refuses a value
    /// outside `0 … L`, for which no honest proof exists.
    ///
    /// Draws, in this order (§10): for each `j ≠ value` in increasing `j`, `c_j` then `z_j`;
    /// then the nonce `w`.
    pub fn prove(
        statement: &RangeStatement<'_>,
        value: u64,
        r: &SecretScalar,
        rng: &mut dyn Randomness,
    ) -> Result<RangeProof, SealedError> {
        if value > statement.bound || statement.bound == 0 {
            return Err(SealedError::OutOfRange {
                value,
                bound: statement.bound,
            });
        }
        let alpha = statement.ciphertext.alpha.group();
        let key = statement.key.group();
        let branches = statement.bound + 1;
        let mut a = Vec::new();
        let mut b = Vec::new();
        let mut challenges = Vec::new();
        let mut responses = Vec::new();
        for j in 0..branches {
            if j == value {
                // Filled in below, once the challenge is known.
                a.push(Point::identity());
                b.push(Point::identity());
                challenges.push(Scalar(DalekScalar::ZERO));
                responses.push(Scalar(DalekScalar::ZERO));
                continue;
            }
            let c = random_scalar(rng)?.reveal();
            let z = random_scalar(rng)?.reveal();
            let shifted = statement.ciphertext.minus_count(j);
            a.push(Point::from_group(base_mul(&z.0) - alpha * c.0));
            b.push(Point::from_group(key * z.0 - shifted * c.0));
            challenges.push(c);
            responses.push(z);
        }
        let w = random_scalar(rng)?;
        // `value ≤ bound`, a count of branches that fits in memory, so the index fits a usize.
        let v = usize::try_from(value).map_err(|_| SealedError::OutOfRange {
            value,
            bound: statement.bound,
        })?;
        a[v] = w.public();
        b[v] = Point::from_group(key * w.0);
        let c = statement.challenge(&a, &b);
        let others: DalekScalar = challenges.iter().map(|c| c.0).sum();
        let c_v = c.0 - others;
        challenges[v] = Scalar(c_v);
        responses[v] = Scalar(w.0 + c_v * r.0);
        Ok(RangeProof {
            a,
            b,
            challenges,
            responses,
        })
    }

    /// Checks the proof on its own; `what` names it in the error.
    pub fn verify(&self, statement: &RangeStatement<'_>, what: &str) -> Result<(), SealedError> {
        statement.check_challenges(self, what)?;
        let alpha = statement.ciphertext.alpha.group();
        let beta = statement.ciphertext.beta.group();
        let key = statement.key.group();
        let g = base_mul(&DalekScalar::ONE);
        for (j, (((a, b), c), z)) in (0_u64..).zip(
            self.a
                .iter()
                .zip(&self.b)
                .zip(&self.challenges)
                .zip(&self.responses),
        ) {
            let a_j = RistrettoPoint::vartime_double_scalar_mul_basepoint(&-c.0, alpha, &z.0);
            let b_j = RistrettoPoint::vartime_multiscalar_mul(
                [z.0, -c.0, c.0 * DalekScalar::from(j)],
                [*key, *beta, g],
            );
            if a_j != *a.group() || b_j != *b.group() {
                return Err(statement.fails(what));
            }
        }
        Ok(())
    }
}

/// Range proofs checked together (§4.2, batch verification): each proof's challenge is checked
/// when it is added, and its equations are folded, with fresh 128-bit random weights, into one
/// sum that [`RangeBatch::verify`] computes as a single multiscalar multiplication. The batch
/// borrows the points of the statements and proofs it holds.
pub struct RangeBatch<'r, 'p> {
    rng: &'r mut dyn Randomness,
    g: DalekScalar,
    keys: Vec<(&'p Point, DalekScalar)>,
    scalars: Vec<DalekScalar>,
    points: Vec<&'p RistrettoPoint>,
    spare_weights: Vec<DalekScalar>,
}

impl<'r, 'p> RangeBatch<'r, 'p> {
    /// An empty batch drawing its weights from `rng`, which must be a secure generator the
    /// provers cannot predict.
    pub fn new(rng: &'r mut dyn Randomness) -> RangeBatch<'r, 'p> {
        RangeBatch {
            rng,
            g: DalekScalar::ZERO,
            keys: Vec::new(),
            scalars: Vec::new(),
            points: Vec::new(),
            spare_weights: Vec::new(),
        }
    }

    /// A fresh 128-bit weight; one draw gives four.
    fn weight(&mut self) -> Result<DalekScalar, SealedError> {
        if self.spare_weights.is_empty() {
            self.spare_weights = random_weights(self.rng)?.to_vec();
        }
        self.spare_weights.pop().ok_or(SealedError::NoRandomness)
    }

    /// Adds one proof, checking its lengths and challenge now; `what` names it in the error.
    pub fn push(
        &mut self,
        statement: &RangeStatement<'p>,
        proof: &'p RangeProof,
        what: &str,
    ) -> Result<(), SealedError> {
        statement.check_challenges(proof, what)?;
        let mut alpha = DalekScalar::ZERO;
        let mut beta = DalekScalar::ZERO;
        let mut key = DalekScalar::ZERO;
        for (j, (((a, b), c), z)) in (0_u64..).zip(
            proof
                .a
                .iter()
                .zip(&proof.b)
                .zip(&proof.challenges)
                .zip(&proof.responses),
        ) {
            let rho = self.weight()?;
            let sigma = self.weight()?;
            // ρ·(z·G − A − c·α) + σ·(z·K − B − c·β + c·j·G)
            self.g += rho * z.0 + sigma * c.0 * DalekScalar::from(j);
            key += sigma * z.0;
            alpha -= rho * c.0;
            beta -= sigma * c.0;
            self.scalars.push(-rho);
            self.points.push(a.group());
            self.scalars.push(-sigma);
            self.points.push(b.group());
        }
        self.scalars.push(alpha);
        self.points.push(statement.ciphertext.alpha.group());
        self.scalars.push(beta);
        self.points.push(statement.ciphertext.beta.group());
        match self.keys.iter_mut().find(|(k, _)| *k == statement.key) {
            Some((_, total)) => *total += key,
            None => self.keys.push((statement.key, key)),
        }
        Ok(())
    }

    /// Whether every proof added holds (except with probability at most `2^−128`).
    pub fn verify(self, what: &str) -> Result<(), SealedError> {
        let g = base_mul(&DalekScalar::ONE);
        let scalars = self
            .scalars
            .iter()
            .copied()
            .chain([self.g])
            .chain(self.keys.iter().map(|(_, s)| *s));
        let points = self
            .points
            .iter()
            .copied()
            .chain([&g])
            .chain(self.keys.iter().map(|(k, _)| k.group()));
        if RistrettoPoint::vartime_multiscalar_mul(scalars, points).is_identity() {
            Ok(())
        } else {
            Err(SealedError::ProofFails(what.to_owned()))
        }
    }
}
