//! The key ceremony (§5): a Pedersen distributed key generation with Feldman commitments, in
//! which `n` trustees make a joint key whose secret none of them holds, and each gets a share
//! of it such that any `t` can open what it seals.

use std::fmt;

use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar as DalekScalar;
use curve25519_dalek::traits::{Identity, VartimeMultiscalarMul};
use serde::{Deserialize, Serialize};

use super::SealedError;
use super::group::{Point, Scalar, SecretScalar};
use super::kem::{Purpose, SealedBox};
use super::proofs::SchnorrProof;
use super::randomness::{Randomness, random_scalar};
use super::transcript::Items;

/// `ctx_ceremony = (text: congress id, integer: n, integer: t)`, checked: `1 ≤ t ≤ n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeremonyContext {
    congress: String,
    trustees: u32,
    threshold: u32,
}

impl CeremonyContext {
    /// The ceremony of `congress` among `trustees` with threshold `threshold`.
    pub fn new(congress: &str, trustees: u32, threshold: u32) -> Result<Self, SealedError> {
        if threshold == 0 || threshold > trustees {
            return Err(SealedError::Ceremony(format!(
                "the threshold must lie in 1 … {trustees}, not {threshold}"
            )));
        }
        Ok(CeremonyContext {
            congress: congress.to_owned(),
            trustees,
            threshold,
        })
    }

    /// The default threshold for `n` trustees: a majority, `⌊n/2⌋ + 1`.
    pub fn majority(trustees: u32) -> u32 {
        trustees / 2 + 1
    }

    /// The congress.
    pub fn congress(&self) -> &str {
        &self.congress
    }

    /// `n`.
    pub fn trustees(&self) -> u32 {
        self.trustees
    }

    /// `t`.
    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// The context's items.
    pub fn items(&self) -> Items {
        Items::new()
            .text(&self.congress)
            .integer(self.trustees.into())
            .integer(self.threshold.into())
    }

    /// The context of a share's box from `from` to `to`.
    pub fn share_items(&self, from: u32, to: u32) -> Items {
        self.items().integer(from.into()).integer(to.into())
    }

    fn check_trustee(&self, trustee: u32) -> Result<(), SealedError> {
        if (1..=self.trustees).contains(&trustee) {
            Ok(())
        } else {
            Err(SealedError::Ceremony(format!(
                "there is no trustee {trustee} among 1 … {}",
                self.trustees
            )))
        }
    }
}

/// A trustee's step-1 message: transport key and commitments, each with its Schnorr proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentMessage {
    /// `i`.
    pub trustee: u32,
    /// `E_i`.
    pub transport_key: Point,
    /// Knowledge of `e_i`.
    pub transport_proof: SchnorrProof,
    /// `C_{i,0} … C_{i,t−1}`.
    pub commitments: Vec<Point>,
    /// Knowledge of each `a_{i,j}`.
    pub proofs: Vec<SchnorrProof>,
}

impl CommitmentMessage {
    /// Checks every proof, the number of commitments, and that no point is the identity.
    pub fn verify(&self, context: &CeremonyContext) -> Result<(), SealedError> {
        context.check_trustee(self.trustee)?;
        let t = context.threshold as usize;
        if self.commitments.len() != t || self.proofs.len() != t {
            return Err(SealedError::Ceremony(format!(
                "trustee {} must publish {t} commitments and proofs",
                self.trustee
            )));
        }
        let i = u64::from(self.trustee);
        self.transport_key.not_identity("a transport key")?;
        self.transport_proof.verify(
            &context.items().integer(i).text("transport"),
            &self.transport_key,
            &format!("transport key of trustee {i}"),
        )?;
        for (j, (commitment, proof)) in (0_u64..).zip(self.commitments.iter().zip(&self.proofs)) {
            commitment.not_identity("a commitment")?;
            proof.verify(
                &context.items().integer(i).integer(j),
                commitment,
                &format!("commitment {j} of trustee {i}"),
            )?;
        }
        Ok(())
    }

    /// `Σ_j x^j·C_{i,j}`: what `f_i(x)·G` must be.
    pub fn share_point(&self, x: u32) -> RistrettoPoint {
        RistrettoPoint::vartime_multiscalar_mul(
            powers(x, self.commitments.len()),
            self.commitments.iter().map(Point::group),
        )
    }
}

/// `1, x, x², …`, `count` of them, as scalars.
fn powers(x: u32, count: usize) -> Vec<DalekScalar> {
    let x = DalekScalar::from(x);
    std::iter::successors(Some(DalekScalar::ONE), |p| Some(p * x))
        .take(count)
        .collect()
}

/// What a trustee keeps during the ceremony: its transport key and its polynomial. Zeroed when
/// dropped, never shown.
pub struct TrusteeSecrets {
    trustee: u32,
    transport: SecretScalar,
    coefficients: Vec<SecretScalar>,
}

impl fmt::Debug for TrusteeSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TrusteeSecrets {{ trustee: {}, secrets: <hidden> }}",
            self.trustee
        )
    }
}

/// Step 1 for trustee `trustee`: draws `e_i`, then `a_{i,0} … a_{i,t−1}`, then the nonce of
/// the transport proof, then those of the commitment proofs (§10).
pub fn commit(
    context: &CeremonyContext,
    trustee: u32,
    rng: &mut dyn Randomness,
) -> Result<(TrusteeSecrets, CommitmentMessage), SealedError> {
    context.check_trustee(trustee)?;
    let transport = random_scalar(rng)?;
    let coefficients = (0..context.threshold)
        .map(|_| random_scalar(rng))
        .collect::<Result<Vec<_>, _>>()?;
    let i = u64::from(trustee);
    let transport_proof = SchnorrProof::prove(
        &context.items().integer(i).text("transport"),
        &transport,
        rng,
    )?;
    let proofs = (0_u64..)
        .zip(&coefficients)
        .map(|(j, a)| SchnorrProof::prove(&context.items().integer(i).integer(j), a, rng))
        .collect::<Result<Vec<_>, _>>()?;
    let message = CommitmentMessage {
        trustee,
        transport_key: transport.public(),
        transport_proof,
        commitments: coefficients.iter().map(SecretScalar::public).collect(),
        proofs,
    };
    let secrets = TrusteeSecrets {
        trustee,
        transport,
        coefficients,
    };
    Ok((secrets, message))
}

impl TrusteeSecrets {
    /// The trustee's number.
    pub fn trustee(&self) -> u32 {
        self.trustee
    }

    /// `f_i(x)`.
    pub fn evaluate(&self, x: u32) -> SecretScalar {
        let x = DalekScalar::from(x);
        let value = self
            .coefficients
            .iter()
            .rev()
            .fold(DalekScalar::ZERO, |acc, a| acc * x + a.0);
        SecretScalar::new(value)
    }

    /// Step 2: the share of every other trustee, sealed to its transport key, in increasing
    /// order; draws one `u` per share.
    pub fn deal(
        &self,
        ceremony: &Ceremony,
        rng: &mut dyn Randomness,
    ) -> Result<SharesMessage, SealedError> {
        let mut shares = Vec::new();
        for message in &ceremony.messages {
            let to = message.trustee;
            if to == self.trustee {
                continue;
            }
            let share = self.evaluate(to);
            let sealed = SealedBox::seal(
                &message.transport_key,
                Purpose::Share,
                &ceremony.context.share_items(self.trustee, to),
                share.to_bytes().as_ref(),
                rng,
            )?;
            shares.push(DealtShare { to, share: sealed });
        }
        Ok(SharesMessage {
            trustee: self.trustee,
            shares,
        })
    }

    /// The answer to a complaint by `accused_by`: its share, in the clear (§5).
    pub fn answer_complaint(&self, accused_by: u32) -> ComplaintAnswer {
        ComplaintAnswer {
            trustee: self.trustee,
            accused_by,
            share: self.evaluate(accused_by).reveal(),
        }
    }
}

/// One share in a step-2 message: `{"to": ℓ, "share": {"header", "box"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealtShare {
    /// The trustee it is for.
    pub to: u32,
    /// `f_i(ℓ)`, sealed to `E_ℓ`.
    pub share: SealedBox,
}

/// A trustee's step-2 message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharesMessage {
    /// The dealer `i`.
    pub trustee: u32,
    /// One share for every other trustee, in increasing order.
    pub shares: Vec<DealtShare>,
}

/// A trustee's step-3 message: whom it accepts and whom it accuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckMessage {
    /// `ℓ`.
    pub trustee: u32,
    /// Dealers whose share checked.
    pub accepted: Vec<u32>,
    /// Dealers whose share did not decrypt or did not check.
    pub complaints: Vec<u32>,
}

/// A dealer's answer to a complaint: the accuser's share, published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintAnswer {
    /// The dealer `i`.
    pub trustee: u32,
    /// The accuser `ℓ`.
    pub accused_by: u32,
    /// `f_i(ℓ)`.
    pub share: Scalar,
}

/// A trustee's step-4 message: the proof that it holds the secret share of its public share,
/// which it makes once its key file is written (§5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldingMessage {
    /// `ℓ`.
    pub trustee: u32,
    /// `P_ℓ`.
    pub public_share: Point,
    /// Knowledge of `s_ℓ`, context `ctx_ceremony, integer: ℓ, text: "holds"`.
    pub proof: SchnorrProof,
}

impl HoldingMessage {
    /// The proof for `share`; draws the proof's nonce.
    pub fn make(
        context: &CeremonyContext,
        share: &SecretShare,
        rng: &mut dyn Randomness,
    ) -> Result<HoldingMessage, SealedError> {
        let proof =
            SchnorrProof::prove(&holding_items(context, share.trustee), &share.secret, rng)?;
        Ok(HoldingMessage {
            trustee: share.trustee,
            public_share: share.public,
            proof,
        })
    }

    /// Checks that the public share is the one the commitments give, and the proof.
    pub fn verify(&self, ceremony: &Ceremony) -> Result<(), SealedError> {
        ceremony.context.check_trustee(self.trustee)?;
        let expected = ceremony.public_share(self.trustee);
        if self.public_share != expected {
            return Err(SealedError::Ceremony(format!(
                "trustee {} names a public share the commitments do not give",
                self.trustee
            )));
        }
        self.proof.verify(
            &holding_items(&ceremony.context, self.trustee),
            &self.public_share,
            &format!("holding of trustee {}", self.trustee),
        )
    }
}

fn holding_items(context: &CeremonyContext, trustee: u32) -> Items {
    context.items().integer(trustee.into()).text("holds")
}

/// A trustee's part of the joint secret, checked against its public share: what its key file
/// holds (§6). Zeroed when dropped, never shown.
pub struct SecretShare {
    trustee: u32,
    secret: SecretScalar,
    public: Point,
}

impl SecretShare {
    /// Checks `secret·G = public` (§5, §6) before anything is made from the secret.
    pub fn new(trustee: u32, secret: SecretScalar, public: Point) -> Result<Self, SealedError> {
        if secret.public() != public {
            return Err(SealedError::Ceremony(format!(
                "the secret share of trustee {trustee} does not match its public share"
            )));
        }
        Ok(SecretShare {
            trustee,
            secret,
            public,
        })
    }

    /// The trustee's number.
    pub fn trustee(&self) -> u32 {
        self.trustee
    }

    /// `s_ℓ`.
    pub fn secret(&self) -> &SecretScalar {
        &self.secret
    }

    /// `P_ℓ`.
    pub fn public(&self) -> &Point {
        &self.public
    }
}

impl fmt::Debug for SecretShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SecretShare {{ trustee: {}, public: {}, secret: <hidden> }}",
            self.trustee, self.public
        )
    }
}

/// A ceremony whose step-1 messages all checked: one per trustee, `1 … n` in order.
#[derive(Debug, Clone)]
pub struct Ceremony {
    context: CeremonyContext,
    messages: Vec<CommitmentMessage>,
}

impl Ceremony {
    /// Checks every step-1 message; they must be trustees `1 … n` in order.
    pub fn new(
        context: CeremonyContext,
        messages: Vec<CommitmentMessage>,
    ) -> Result<Ceremony, SealedError> {
        let numbers: Vec<u32> = messages.iter().map(|m| m.trustee).collect();
        if numbers != (1..=context.trustees).collect::<Vec<_>>() {
            return Err(SealedError::Ceremony(format!(
                "expected messages from trustees 1 … {} in order, got {numbers:?}",
                context.trustees
            )));
        }
        for message in &messages {
            message.verify(&context)?;
        }
        Ok(Ceremony { context, messages })
    }

    /// The context.
    pub fn context(&self) -> &CeremonyContext {
        &self.context
    }

    /// The step-1 messages.
    pub fn messages(&self) -> &[CommitmentMessage] {
        &self.messages
    }

    fn message(&self, trustee: u32) -> Result<&CommitmentMessage, SealedError> {
        self.context.check_trustee(trustee)?;
        // Trustees are 1 … n in order (checked in `new`), so trustee i is at i − 1.
        self.messages
            .get(trustee as usize - 1)
            .ok_or_else(|| SealedError::Ceremony(format!("no trustee {trustee}")))
    }

    /// The joint key `K = Σ_i C_{i,0}`.
    pub fn joint_key(&self) -> Point {
        let sum = self
            .messages
            .iter()
            .filter_map(|m| m.commitments.first())
            .fold(RistrettoPoint::identity(), |acc, c| acc + c.group());
        Point::from_group(sum)
    }

    /// Trustee `ℓ`'s public share `P_ℓ = Σ_i Σ_j ℓ^j·C_{i,j}`.
    pub fn public_share(&self, trustee: u32) -> Point {
        let powers = powers(trustee, self.context.threshold as usize);
        // Collected: the multiscalar multiplication needs iterators of known length.
        let scalars: Vec<DalekScalar> = self
            .messages
            .iter()
            .flat_map(|_| powers.iter().copied())
            .collect();
        let points: Vec<RistrettoPoint> = self
            .messages
            .iter()
            .flat_map(|m| m.commitments.iter().map(|c| *c.group()))
            .collect();
        Point::from_group(RistrettoPoint::vartime_multiscalar_mul(scalars, points))
    }

    /// Checks `y·G = Σ_j ℓ^j·C_{i,j}` for the share `y` from `from` to `to`.
    pub fn check_share(&self, from: u32, to: u32, share: &SecretScalar) -> Result<(), SealedError> {
        self.context.check_trustee(to)?;
        if share.public().group() == &self.message(from)?.share_point(to) {
            Ok(())
        } else {
            Err(SealedError::ShareMismatch { from, to })
        }
    }

    /// Step 3 for one share: opens the share `message` deals to `me`, and checks it.
    pub fn receive_share(
        &self,
        me: &TrusteeSecrets,
        message: &SharesMessage,
    ) -> Result<SecretScalar, SealedError> {
        let (from, to) = (message.trustee, me.trustee);
        let dealt = message
            .shares
            .iter()
            .find(|s| s.to == to)
            .ok_or(SealedError::ShareMismatch { from, to })?;
        let plaintext = dealt
            .share
            .open(
                &me.transport,
                Purpose::Share,
                &self.context.share_items(from, to),
            )
            .map_err(|_| SealedError::ShareMismatch { from, to })?;
        let bytes: &[u8; 32] = plaintext
            .as_slice()
            .try_into()
            .map_err(|_| SealedError::ShareMismatch { from, to })?;
        let share =
            SecretScalar::from_bytes(bytes).map_err(|_| SealedError::ShareMismatch { from, to })?;
        self.check_share(from, to, &share)?;
        Ok(share)
    }

    /// Checks a complaint's answer against the dealer's commitments: when it holds, the
    /// accuser takes the published value as its share.
    pub fn check_answer(&self, answer: &ComplaintAnswer) -> Result<SecretScalar, SealedError> {
        let share = SecretScalar::new(answer.share.0);
        self.check_share(answer.trustee, answer.accused_by, &share)?;
        Ok(share)
    }

    /// Trustee `me`'s secret share from the shares it received (one from every other
    /// trustee, checked) and its own `f_ℓ(ℓ)`; checks `s_ℓ·G = P_ℓ`.
    pub fn secret_share(
        &self,
        me: &TrusteeSecrets,
        received: &[(u32, SecretScalar)],
    ) -> Result<SecretShare, SealedError> {
        let mut from: Vec<u32> = received.iter().map(|(i, _)| *i).collect();
        from.push(me.trustee);
        from.sort_unstable();
        if from != (1..=self.context.trustees).collect::<Vec<_>>() {
            return Err(SealedError::Ceremony(format!(
                "trustee {} needs one share from every trustee, got {from:?}",
                me.trustee
            )));
        }
        let own = me.evaluate(me.trustee);
        let sum = received.iter().fold(own.0, |acc, (_, s)| acc + s.0);
        SecretShare::new(
            me.trustee,
            SecretScalar::new(sum),
            self.public_share(me.trustee),
        )
    }
}
