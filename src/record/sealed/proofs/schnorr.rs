//! Knowledge of a discrete logarithm (§4.1, label `schnorr`): a trustee's coefficients and
//! transport key, a write-in's header.

use curve25519_dalek::ristretto::RistrettoPoint;
use serde::{Deserialize, Serialize};

use crate::record::sealed::SealedError;
use crate::record::sealed::group::{Point, Scalar, SecretScalar};
use crate::record::sealed::randomness::{Randomness, random_scalar};
use crate::record::sealed::transcript::{Items, Transcript};

/// A proof of knowledge of `a` with `C = a·G`: `{"challenge": c, "response": z}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchnorrProof {
    /// `c = H("schnorr"; ctx, C, A)`.
    pub challenge: Scalar,
    /// `z = w + c·a`.
    pub response: Scalar,
}

fn challenge(ctx: &Items, public: &Point, commitment: &Point) -> Scalar {
    let items = ctx.clone().point(public).point(commitment);
    Transcript::new("schnorr", &items).challenge()
}

impl SchnorrProof {
    /// Proves knowledge of `secret` for `secret·G`, drawing one nonce.
    pub fn prove(
        ctx: &Items,
        secret: &SecretScalar,
        rng: &mut dyn Randomness,
    ) -> Result<SchnorrProof, SealedError> {
        let w = random_scalar(rng)?;
        let c = challenge(ctx, &secret.public(), &w.public());
        Ok(SchnorrProof {
            challenge: c,
            response: Scalar(w.0 + c.0 * secret.0),
        })
    }

    /// Checks the proof for `public` in context `ctx`; `what` names the proof in the error.
    pub fn verify(&self, ctx: &Items, public: &Point, what: &str) -> Result<(), SealedError> {
        let commitment = RistrettoPoint::vartime_double_scalar_mul_basepoint(
            &-self.challenge.0,
            public.group(),
            &self.response.0,
        );
        if challenge(ctx, public, &Point::from_group(commitment)) == self.challenge {
            Ok(())
        } else {
            Err(SealedError::ProofFails(what.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::sealed::randomness::CounterRandomness;

    #[test]
    fn a_schnorr_proof_verifies_only_for_its_key_context_and_values() {
        let mut rng = CounterRandomness::for_test_vectors_only("schnorr-unit");
        let secret = random_scalar(&mut rng).unwrap();
        let ctx = Items::new().text("here");
        let proof = SchnorrProof::prove(&ctx, &secret, &mut rng).unwrap();
        let public = secret.public();
        assert_eq!(proof.verify(&ctx, &public, "test"), Ok(()));
        assert!(
            proof
                .verify(&Items::new().text("there"), &public, "test")
                .is_err()
        );
        assert!(proof.verify(&ctx, &Point::generator(), "test").is_err());
        let one = Scalar::from_integer(1);
        let bent = SchnorrProof {
            challenge: Scalar(proof.challenge.0 + one.0),
            ..proof.clone()
        };
        assert!(bent.verify(&ctx, &public, "test").is_err());
        let bent = SchnorrProof {
            response: Scalar(proof.response.0 + one.0),
            ..proof
        };
        assert!(bent.verify(&ctx, &public, "test").is_err());
    }
}
