//! The documents of a congress's voting that are hashed or signed: the ballot as logged, the
//! definition of a round, its tree head and result, a seat reduction decided by the congress,
//! the publication whose hash goes into the minutes, and an inspector's countersignature.
//!
//! Every document is hashed and signed in its RFC 8785 form ([`canonical`]); a signature is
//! the election key's, in the document's own [`SigningContext`]. `docs/record-format.md`
//! specifies each byte by byte.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::canonical::{self, CanonicalError};
use super::hash::{Digest, sha256};
use super::keys::{ElectionKey, KeyError, PublicKey, Signature, SigningContext};
use super::manifest::{CandidatePart, Manifest};
use super::merkle;
use super::sealed::ballot::{SealedBallot, SealedSection};
use crate::election::{ContestKind, Marks, RoundKind};

/// The format of a result document.
pub const RESULT_FORMAT: &str = "ballotbox-result/1";
/// The format of a seat-reduction decision.
pub const DECISION_FORMAT: &str = "ballotbox-decision/1";
/// The format of a publication.
pub const PUBLICATION_FORMAT: &str = "ballotbox-publication/1";
/// The format of an election record: each round's log lists its ballots in ascending order of
/// receipt, never in the order they were cast.
pub const RECORD_FORMAT: &str = "ballotbox-record/2";
/// The format of a sealed congress's record: format 2, every round sealed (§6.3.1).
pub const SEALED_RECORD_FORMAT: &str = "ballotbox-record/3";
/// The first format, whose logs listed the ballots in the order they were cast. It is no longer
/// written; the verifier still reads it, and checks no order in its logs.
pub const CAST_ORDER_RECORD_FORMAT: &str = "ballotbox-record/1";

/// The canonical bytes of a document and their SHA-256.
pub fn digest<T: Serialize + ?Sized>(document: &T) -> Result<(Vec<u8>, Digest), CanonicalError> {
    let bytes = canonical::to_vec(document)?;
    let hash = sha256(&[&bytes]);
    Ok((bytes, hash))
}

/// Signs a document's canonical bytes in `context`.
pub fn sign<T: Serialize + ?Sized>(
    key: &ElectionKey,
    context: SigningContext,
    document: &T,
) -> Result<Signature, CanonicalError> {
    Ok(key.sign(context, &canonical::to_vec(document)?))
}

/// Checks a signature on a document's canonical bytes in `context`.
pub fn verify<T: Serialize + ?Sized>(
    key: &PublicKey,
    context: SigningContext,
    document: &T,
    signature: &Signature,
) -> Result<(), KeyError> {
    let bytes = canonical::to_vec(document).map_err(|_| KeyError::Invalid)?;
    key.verify(context, &bytes, signature)
}

/// A kiosk-chosen salt: 16 random bytes as 32 lowercase hex digits. It makes a ballot's leaf
/// hash (the receipt) reveal nothing by itself, since nobody can try every possible ballot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Salt(String);

/// Why text is not a salt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a ballot's salt is 32 lowercase hex digits (16 random bytes chosen by the kiosk)")]
pub struct SaltError;

impl Salt {
    /// Reads exactly 32 lowercase hex digits.
    pub fn parse(text: &str) -> Result<Salt, SaltError> {
        if text.len() == 32 && super::hex::is_lower_hex(text) {
            Ok(Salt(text.to_owned()))
        } else {
            Err(SaltError)
        }
    }

    /// The hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Salt {
    type Error = SaltError;
    fn try_from(text: String) -> Result<Self, SaltError> {
        Salt::parse(&text)
    }
}

impl From<Salt> for String {
    fn from(salt: Salt) -> String {
        salt.0
    }
}

/// A ballot as the round's log holds it: no card, no kiosk, no time — only the congress, the
/// round, the kiosk's salt and one section of marks per contest on the ballot.
///
/// Its RFC 8785 form is the Merkle leaf's data; the leaf hash is the delegate's receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedBallot {
    /// The congress.
    pub congress: String,
    /// The round's number.
    pub round: u32,
    /// The kiosk's salt.
    pub salt: Salt,
    /// The marks of each contest on the ballot, by contest id.
    pub sections: BTreeMap<String, Marks>,
}

/// A sealed ballot as the round's log holds it: the congress, the round, the kiosk's salt and
/// the sealed sections (docs/sealed-ballots.md §7), nothing else.
///
/// Its RFC 8785 form is the Merkle leaf's data; the leaf hash is the delegate's receipt, and
/// its short form the tracker the kiosk shows before the delegate casts or challenges.
///
/// It is written `{congress, round, salt, sealed}`: the ballot's salt and sections stand beside
/// the congress and the round.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "LeafFields<Vec<SealedSection>>")]
pub struct SealedLeaf {
    /// The congress.
    pub congress: String,
    /// The round's number.
    pub round: u32,
    /// The ballot: the kiosk's salt, which its proofs are bound to, and the sealed sections in
    /// the round's contest order.
    pub ballot: SealedBallot,
}

/// A sealed leaf's members, as written.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeafFields<S> {
    congress: String,
    round: u32,
    salt: Salt,
    sealed: S,
}

impl From<LeafFields<Vec<SealedSection>>> for SealedLeaf {
    fn from(leaf: LeafFields<Vec<SealedSection>>) -> SealedLeaf {
        SealedLeaf {
            congress: leaf.congress,
            round: leaf.round,
            ballot: SealedBallot {
                salt: leaf.salt,
                sections: leaf.sealed,
            },
        }
    }
}

impl Serialize for SealedLeaf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        LeafFields {
            congress: self.congress.clone(),
            round: self.round,
            salt: self.ballot.salt.clone(),
            sealed: &self.ballot.sections,
        }
        .serialize(serializer)
    }
}

impl AsRef<SealedBallot> for SealedLeaf {
    fn as_ref(&self) -> &SealedBallot {
        &self.ballot
    }
}

impl SealedLeaf {
    /// The leaf of `ballot`, cast in `round` of `congress`.
    pub fn of(congress: &str, round: u32, ballot: SealedBallot) -> SealedLeaf {
        SealedLeaf {
            congress: congress.to_owned(),
            round,
            ballot,
        }
    }

    /// The leaf data: the leaf's RFC 8785 bytes.
    pub fn leaf_data(&self) -> Result<Vec<u8>, CanonicalError> {
        canonical::to_vec(self)
    }

    /// The receipt: `SHA-256(0x00 || leaf data)` (RFC 9162 §2.1.1).
    pub fn receipt(&self) -> Result<Digest, CanonicalError> {
        Ok(merkle::leaf_hash(&self.leaf_data()?))
    }
}

/// A ballot challenged at a kiosk (docs/sealed-ballots.md §7.1): never counted, published with
/// the kiosk's opening of it, so that anyone can check that the kiosk sealed what it showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpoiledBallot {
    /// The ballot, as the log would have held it; its leaf hash is its tracker.
    pub ballot: SealedLeaf,
    /// The kiosk's opening of it.
    pub opening: crate::record::sealed::challenge::BallotOpening,
}

impl LoggedBallot {
    /// The leaf data: the ballot's RFC 8785 bytes.
    pub fn leaf_data(&self) -> Result<Vec<u8>, CanonicalError> {
        canonical::to_vec(self)
    }

    /// The receipt: `SHA-256(0x00 || leaf data)` (RFC 9162 §2.1.1).
    pub fn receipt(&self) -> Result<Digest, CanonicalError> {
        Ok(merkle::leaf_hash(&self.leaf_data()?))
    }
}

/// Who votes in a round: the congress (all delegates, female delegates for their committee), or
/// the first meeting of a body the congress elected, whose members elect its heads from among
/// themselves — the new committee's plenary the chair and vice-chairs (2016 条例 Art. 3; 章程
/// Art. 27), the funds audit committee its 主任 and 副主任 (章程 Art. 26), the women workers'
/// committee its 主任 (女职委条例).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sitting {
    /// The congress's delegates.
    Congress,
    /// The members of the newly elected committee (2016 条例 Art. 3; 章程 Art. 27).
    Plenary,
    /// The members of the newly elected funds audit committee (章程 Art. 26).
    AuditPlenary,
    /// The members of the newly elected women workers' committee (女职委条例).
    WomenPlenary,
}

impl Sitting {
    /// The first meetings of elected bodies, in the order a congress holds them.
    pub const BODIES: [Sitting; 3] = [
        Sitting::Plenary,
        Sitting::AuditPlenary,
        Sitting::WomenPlenary,
    ];

    /// The name in the record; for a body's meeting also the id of its electorate and of its
    /// ballot style.
    pub fn as_str(self) -> &'static str {
        match self {
            Sitting::Congress => "congress",
            Sitting::Plenary => "plenary",
            Sitting::AuditPlenary => "audit_plenary",
            Sitting::WomenPlenary => "women_plenary",
        }
    }

    /// The sitting that votes in a contest of `electorate`: a body's meeting for its electorate,
    /// the congress for every other.
    pub fn of_electorate(electorate: &str) -> Sitting {
        Sitting::BODIES
            .into_iter()
            .find(|s| s.as_str() == electorate)
            .unwrap_or(Sitting::Congress)
    }

    /// The body whose elected members sit, for a body's meeting: contests of this kind.
    pub fn body(self) -> Option<ContestKind> {
        match self {
            Sitting::Congress => None,
            Sitting::Plenary => Some(ContestKind::Committee),
            Sitting::AuditPlenary => Some(ContestKind::AuditCommittee),
            Sitting::WomenPlenary => Some(ContestKind::WomenCommittee),
        }
    }

    /// The body's name, for people.
    pub fn body_name(self) -> &'static str {
        match self {
            Sitting::Congress => "the congress",
            Sitting::Plenary => "the committee",
            Sitting::AuditPlenary => "the funds audit committee",
            Sitting::WomenPlenary => "the women workers' committee",
        }
    }
}

/// One contest as a round puts it on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundContest {
    /// The manifest's contest.
    pub id: String,
    /// Which ballot of the contest this is.
    pub round: RoundKind,
    /// Seats this round fills.
    pub seats: u32,
    /// Seats of the contest filled in earlier rounds.
    pub filled_earlier: u32,
    /// Entitled voters (应到), the threshold's base.
    pub entitled: u32,
    /// The candidates standing in this round, in ballot order.
    pub candidates: Vec<CandidatePart>,
    /// The card styles whose holders vote in it.
    pub styles: Vec<String>,
}

/// What a round is: its contests, fixed when it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundDefinition {
    /// The congress.
    pub congress: String,
    /// The manifest hash the round belongs to.
    pub manifest_hash: Digest,
    /// 1 for the first round, then counting up across the congress.
    pub number: u32,
    /// Who votes.
    pub sitting: Sitting,
    /// The contests on the ballot, in ballot order.
    pub contests: Vec<RoundContest>,
}

/// What closing a sealed round fixes besides its tree head, for the result its opening makes:
/// the turnout and the ballots issued at closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Entitled and present of each electorate of the round at closing.
    pub turnout: Vec<Turnout>,
    /// Ballots issued (发出) per contest at closing.
    pub issued: BTreeMap<String, u32>,
    /// Ballots returned (收回) per contest: those of the log that hold it.
    pub returned: BTreeMap<String, u32>,
}

/// A round's log at closing: how many ballots and the Merkle root over them. Signed in the
/// [`SigningContext::TreeHead`] context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeHead {
    /// The congress.
    pub congress: String,
    /// The round's number.
    pub round: u32,
    /// Ballots in the log.
    pub size: u64,
    /// The Merkle tree hash over their leaves (RFC 9162 §2.1.1).
    pub root: Digest,
}

/// Entitled and present of an electorate when a round closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turnout {
    /// `all`, `female` or `plenary`.
    pub electorate: String,
    /// 应到.
    pub entitled: u32,
    /// 实到.
    pub present: u32,
}

/// A round's result: what was voted on, the tree head counted, turnout, ballots issued per
/// contest, and the count of the rules engine. Signed in the [`SigningContext::Result`] context;
/// its SHA-256 is the round's result hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundResult {
    /// Always [`RESULT_FORMAT`].
    pub format: String,
    /// The round.
    pub round: RoundDefinition,
    /// The log counted.
    pub tree_head: TreeHead,
    /// Turnout of the round's electorates.
    pub turnout: Vec<Turnout>,
    /// Ballots issued (发出) per contest: the active cards of the contest's styles.
    pub issued: BTreeMap<String, u32>,
    /// The count, exactly as the rules engine gives it ([`crate::election::ElectionTally`]).
    pub tally: serde_json::Value,
}

/// The congress's recorded consent to reduce a contest's seats to those elected, instead of an
/// additional round (RULES.md §5.5). Signed in the [`SigningContext::Decision`] context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatReduction {
    /// Always [`DECISION_FORMAT`].
    pub format: String,
    /// The congress.
    pub congress: String,
    /// The manifest hash.
    pub manifest_hash: Digest,
    /// The contest.
    pub contest: String,
    /// The round whose shortfall it answers.
    pub after_round: u32,
    /// The contest's seats from now on.
    pub seats: u32,
    /// How the congress consented, as the minutes record it.
    pub consent: String,
}

/// A round as the publication lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedRound {
    /// The round's number.
    pub number: u32,
    /// SHA-256 of its result.
    pub result_hash: Digest,
}

/// One person elected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectedPerson {
    /// The delegate number of a listed candidate; `None` for a write-in.
    pub id: Option<String>,
    /// The name.
    pub name: String,
    /// Whether the person was written in (另选他人).
    pub write_in: bool,
    /// The round that elected them.
    pub round: u32,
    /// Their *for* votes in that round.
    #[serde(rename = "for")]
    pub for_: u64,
}

/// One body's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedBody {
    /// The manifest's contest.
    pub contest: String,
    /// The seats, after any reduction.
    pub seats: u32,
    /// Who was elected, in the order of the rounds, then by votes.
    pub elected: Vec<ElectedPerson>,
}

/// The congress's outcome as published: every round's result hash, every decision, and who
/// was elected to each body. Its SHA-256 is **the result hash** of the minutes; it is signed in
/// the [`SigningContext::Publication`] context, and inspectors countersign that hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Always [`PUBLICATION_FORMAT`].
    pub format: String,
    /// The congress.
    pub congress: String,
    /// The manifest hash.
    pub manifest_hash: Digest,
    /// The rounds, in order.
    pub rounds: Vec<PublishedRound>,
    /// SHA-256 of each seat-reduction decision, in order.
    pub decisions: Vec<Digest>,
    /// Each body, in manifest order.
    pub bodies: Vec<PublishedBody>,
}

/// What an inspector signs with their own key, in the [`SigningContext::Countersignature`]
/// context: the congress and its result hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Countersigned {
    /// The congress.
    pub congress: String,
    /// SHA-256 of the publication.
    pub result_hash: Digest,
}

/// A round as the record holds it: its ballots in log order, the signed tree head, and the
/// signed result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedRound {
    /// The ballots, in the order of the log; none in a sealed round.
    pub ballots: Vec<LoggedBallot>,
    /// A sealed round's log, challenged ballots and opening (`ballotbox-record/3` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealedLog>,
    /// The log at closing.
    pub tree_head: TreeHead,
    /// The election key's signature on the tree head.
    pub tree_head_signature: Signature,
    /// The result (which holds the round's definition).
    pub result: RoundResult,
    /// SHA-256 of the result.
    pub result_hash: Digest,
    /// The election key's signature on the result.
    pub result_signature: Signature,
}

impl RecordedRound {
    /// The receipts of the round's ballots, in the order of its log, whether they are in the
    /// clear or sealed.
    pub fn receipts(&self) -> Result<Vec<Digest>, CanonicalError> {
        match &self.sealed {
            Some(log) => log.ballots.iter().map(SealedLeaf::receipt).collect(),
            None => self.ballots.iter().map(LoggedBallot::receipt).collect(),
        }
    }
}

/// A sealed round as the record holds it (docs/record-format.md §6.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedLog {
    /// The sealed ballots, in the order of the log.
    pub ballots: Vec<SealedLeaf>,
    /// The ballots challenged at a kiosk, in tracker order; never counted.
    pub spoiled: Vec<SpoiledBallot>,
    /// The trustees' partial decryptions of the first opening list, in trustee order.
    pub totals: Vec<crate::record::sealed::opening::PartialDecryption>,
    /// Their partial decryptions of the second list, in trustee order; empty when there is
    /// none.
    pub write_ins: Vec<crate::record::sealed::opening::PartialDecryption>,
}

/// A seat reduction with the election key's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedDecision {
    /// The decision.
    pub decision: SeatReduction,
    /// SHA-256 of the decision.
    pub hash: Digest,
    /// The election key's signature on it.
    pub signature: Signature,
}

/// The publication with its hash (the result hash of the minutes) and signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedPublication {
    /// The publication.
    pub publication: Publication,
    /// SHA-256 of the publication: the result hash.
    pub result_hash: Digest,
    /// The election key's signature on it.
    pub signature: Signature,
}

/// An inspector's countersignature of the result hash, with the inspector's own key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Countersignature {
    /// Who signed, as the inspector's account is named.
    pub inspector: String,
    /// The inspector's public key.
    pub public_key: PublicKey,
    /// The signature on [`Countersigned`].
    pub signature: Signature,
}

/// One congress as a single self-contained file that anyone can verify offline
/// (ARCHITECTURE.md, "The verifiable election record").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    /// Always [`RECORD_FORMAT`].
    pub format: String,
    /// The frozen manifest.
    pub manifest: Manifest,
    /// SHA-256 of the manifest.
    pub manifest_hash: Digest,
    /// The election key.
    pub public_key: PublicKey,
    /// Every closed round, in order.
    pub rounds: Vec<RecordedRound>,
    /// Every seat reduction, in order.
    pub decisions: Vec<RecordedDecision>,
    /// The publication, once made.
    pub publication: Option<RecordedPublication>,
    /// Inspectors' countersignatures of the result hash.
    pub countersignatures: Vec<Countersignature>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot() -> LoggedBallot {
        let mut sections = BTreeMap::new();
        sections.insert(
            "committee".to_owned(),
            Marks {
                for_: vec!["007".into()],
                against: vec!["003".into()],
                abstain: vec![],
                write_ins: vec!["赵六".into()],
            },
        );
        LoggedBallot {
            congress: "c1".into(),
            round: 1,
            salt: Salt::parse("000102030405060708090a0b0c0d0e0f").unwrap(),
            sections,
        }
    }

    #[test]
    fn a_ballots_leaf_data_is_its_canonical_json_and_the_receipt_its_leaf_hash() {
        let ballot = ballot();
        let data = String::from_utf8(ballot.leaf_data().unwrap()).unwrap();
        assert_eq!(
            data,
            r#"{"congress":"c1","round":1,"salt":"000102030405060708090a0b0c0d0e0f","sections":{"committee":{"abstain":[],"against":["003"],"for":["007"],"write_ins":["赵六"]}}}"#
        );
        assert_eq!(
            ballot.receipt().unwrap(),
            merkle::leaf_hash(data.as_bytes())
        );
    }

    #[test]
    fn a_salt_is_exactly_32_lowercase_hex_digits() {
        assert!(Salt::parse("000102030405060708090a0b0c0d0e0f").is_ok());
        assert!(Salt::parse("000102030405060708090A0B0C0D0E0F").is_err());
        assert!(Salt::parse("0001").is_err());
        assert!(serde_json::from_str::<Salt>(r#""zz0102030405060708090a0b0c0d0e0f""#).is_err());
    }

    #[test]
    fn a_signed_document_verifies_only_unchanged_and_in_its_context() {
        let key = ElectionKey::from_seed(&[7; 32]);
        let head = TreeHead {
            congress: "c1".into(),
            round: 1,
            size: 3,
            root: sha256(&[b"root"]),
        };
        let signature = sign(&key, SigningContext::TreeHead, &head).unwrap();
        let public = key.public();
        assert!(verify(&public, SigningContext::TreeHead, &head, &signature).is_ok());
        assert!(verify(&public, SigningContext::Result, &head, &signature).is_err());
        let grown = TreeHead { size: 4, ..head };
        assert!(verify(&public, SigningContext::TreeHead, &grown, &signature).is_err());
    }
}
