//! A partial decryption is honest (§4.3, label `dleq`): one Chaum–Pedersen proof that
//! `log_G P_i = log_{α_k} M_k` for every `k`, over a random linear combination of the list
//! whose weights come from a hash of the whole list (as RFC 9497 §2.2.1 batches its proofs).

use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use serde::{Deserialize, Serialize};

use crate::record::sealed::SealedError;
use crate::record::sealed::elgamal::public_combination;
use crate::record::sealed::group::{Point, Scalar, SecretScalar};
use crate::record::sealed::randomness::{Randomness, random_scalar};
use crate::record::sealed::transcript::{Items, Transcript};

/// What a batched proof claims: `shares[k] = s·alphas[k]` for every `k`, where
/// `public_share = s·G`.
#[derive(Debug, Clone, Copy)]
pub struct DleqStatement<'a> {
    /// The proof's context (§9).
    pub ctx: &'a Items,
    /// `P_i`.
    pub public_share: &'a Point,
    /// `α_1 … α_m`.
    pub alphas: &'a [Point],
    /// `M_1 … M_m`.
    pub shares: &'a [Point],
}

/// `{"challenge": c, "response": z}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DleqProof {
    /// `c = H("dleq"; ctx, P_i, α*, M*, A, B)`.
    pub challenge: Scalar,
    /// `z = w + c·s_i`.
    pub response: Scalar,
}

impl DleqStatement<'_> {
    /// The batch hash `d` of §4.3.
    pub fn batch_hash(&self) -> [u8; 64] {
        let mut items = self.ctx.clone().point(self.public_share);
        for (alpha, share) in self.alphas.iter().zip(self.shares) {
            items = items.point(alpha).point(share);
        }
        Transcript::new("dleq-batch", &items).hash()
    }

    /// The weights `ρ_k = H("dleq-weight"; d, k)`, `k` counting from 1.
    pub fn weights(&self) -> Vec<Scalar> {
        let d = self.batch_hash();
        (1..=self.alphas.len() as u64)
            .map(|k| {
                Transcript::new("dleq-weight", &Items::new().batch_hash(&d).integer(k)).challenge()
            })
            .collect()
    }

    /// `(α*, M*)`, after checking that the statement is a list of at least one pair.
    pub fn combined(&self) -> Result<(Point, Point), SealedError> {
        if self.alphas.is_empty() || self.alphas.len() != self.shares.len() {
            return Err(SealedError::Shape(format!(
                "a partial decryption has {} shares for a list of {}",
                self.shares.len(),
                self.alphas.len()
            )));
        }
        let weights: Vec<_> = self.weights().iter().map(|w| w.0).collect();
        Ok((
            Point::from_group(public_combination(&weights, self.alphas)),
            Point::from_group(public_combination(&weights, self.shares)),
        ))
    }

    fn challenge(&self, alpha: &Point, share: &Point, a: &Point, b: &Point) -> Scalar {
        let items = self
            .ctx
            .clone()
            .point(self.public_share)
            .point(alpha)
            .point(share)
            .point(a)
            .point(b);
        Transcript::new("dleq", &items).challenge()
    }
}

impl DleqProof {
    /// Proves the statement with the trustee's secret share; draws one nonce.
    pub fn prove(
        statement: &DleqStatement<'_>,
        secret: &SecretScalar,
        rng: &mut dyn Randomness,
    ) -> Result<DleqProof, SealedError> {
        let (alpha, share) = statement.combined()?;
        let w = random_scalar(rng)?;
        let a = w.public();
        let b = Point::from_group(alpha.group() * w.0);
        let c = statement.challenge(&alpha, &share, &a, &b);
        Ok(DleqProof {
            challenge: c,
            response: Scalar(w.0 + c.0 * secret.0),
        })
    }

    /// Checks the proof; `what` names it in the error.
    pub fn verify(&self, statement: &DleqStatement<'_>, what: &str) -> Result<(), SealedError> {
        let (alpha, share) = statement.combined()?;
        let (c, z) = (self.challenge.0, self.response.0);
        let a = RistrettoPoint::vartime_double_scalar_mul_basepoint(
            &-c,
            statement.public_share.group(),
            &z,
        );
        let b = RistrettoPoint::vartime_multiscalar_mul([z, -c], [alpha.group(), share.group()]);
        let expected =
            statement.challenge(&alpha, &share, &Point::from_group(a), &Point::from_group(b));
        if expected == self.challenge {
            Ok(())
        } else {
            Err(SealedError::ProofFails(what.to_owned()))
        }
    }
}
