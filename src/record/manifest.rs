//! The election manifest: everything fixed at freezing — the congress, the rule profile, the
//! electorates' sizes, the contests with their candidates in ballot order, the ballot styles and
//! the scrutineers — in one canonical document whose SHA-256 goes into the minutes.
//!
//! The roster itself holds personal data and is not in the manifest; its SHA-256
//! (`roster_hash`, over the RFC 8785 form of the delegate list) commits to it.

use serde::{Deserialize, Serialize};

use crate::election::{CandidateOrder, ContestKind, RuleProfile};
use crate::record::sealed::SealedError;
use crate::record::sealed::ceremony::{Ceremony, CeremonyContext, CommitmentMessage};
use crate::record::sealed::group::Point;

/// The manifest format's name and version.
pub const FORMAT: &str = "ballotbox-manifest/1";
/// The format of a sealed congress's manifest: version 1 and its [`SealingPart`].
pub const SEALED_FORMAT: &str = "ballotbox-manifest/2";

/// A frozen congress's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The congress.
    pub congress: CongressPart,
    /// The rule profile applied.
    pub profile: RuleProfile,
    /// The committee-size table consulted.
    pub size_table: String,
    /// Entitled voters of each electorate: `all`, `female`, `plenary`.
    pub electorates: Vec<ElectoratePart>,
    /// The contests in ballot order.
    pub contests: Vec<ContestPart>,
    /// The ballot styles: which contests a card of each style votes in.
    pub styles: Vec<StylePart>,
    /// The scrutineers and tellers.
    pub scrutineers: Vec<ScrutineerPart>,
    /// SHA-256 of the canonical roster.
    pub roster_hash: String,
    /// The trustees and their joint key (format 2 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealing: Option<SealingPart>,
}

impl Manifest {
    /// The format a manifest with this sealing has: [`SEALED_FORMAT`] with, [`FORMAT`]
    /// without.
    pub fn format_for(sealing: Option<&SealingPart>) -> &'static str {
        if sealing.is_some() {
            SEALED_FORMAT
        } else {
            FORMAT
        }
    }
}

/// What ballots are sealed under (docs/sealed-ballots.md §5): the trustees, the threshold, the
/// joint key and every trustee's step-1 message, from which a verifier recomputes the key and
/// each trustee's public share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealingPart {
    /// `t`: how many trustees must take part to open a count.
    pub threshold: u32,
    /// `K`.
    pub joint_key: Point,
    /// The trustees `1 … n`.
    pub trustees: Vec<TrusteePart>,
    /// Each trustee's step-1 message, in trustee order.
    pub commitments: Vec<CommitmentMessage>,
}

impl SealingPart {
    /// Checks the ceremony this part records: trustees `1 … n` in order, every step-1
    /// message's proofs, and that the joint key is the sum of the constant commitments.
    pub fn ceremony(&self, congress: &str) -> Result<Ceremony, SealedError> {
        let n = u32::try_from(self.trustees.len())
            .map_err(|_| SealedError::Ceremony("too many trustees".into()))?;
        let numbers: Vec<u32> = self.trustees.iter().map(|t| t.trustee).collect();
        if numbers != (1..=n).collect::<Vec<_>>() {
            return Err(SealedError::Ceremony(format!(
                "the trustees must be numbered 1 … {n} in order, not {numbers:?}"
            )));
        }
        let context = CeremonyContext::new(congress, n, self.threshold)?;
        let ceremony = Ceremony::new(context, self.commitments.clone())?;
        if ceremony.joint_key() != self.joint_key {
            return Err(SealedError::Ceremony(
                "the joint key is not the sum of the trustees' constant commitments".into(),
            ));
        }
        Ok(ceremony)
    }
}

/// One trustee: a chief scrutineer or scrutineer of the congress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrusteePart {
    /// Its number in the ceremony, from 1.
    pub trustee: u32,
    /// The delegate number.
    pub number: String,
    /// The name.
    pub name: String,
}

/// The congress's particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CongressPart {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The union founded.
    pub union_name: String,
    /// The date.
    pub date: String,
    /// The venue.
    pub venue: String,
    /// The union's membership.
    pub members: u32,
}

/// One electorate's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectoratePart {
    /// `all`, `female` or `plenary`.
    pub id: String,
    /// Entitled voters (应到会有选举权人数).
    pub entitled: u32,
}

/// One contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestPart {
    /// Its id.
    pub id: String,
    /// The body elected.
    pub kind: ContestKind,
    /// The ballot title.
    pub title: String,
    /// Seats to fill.
    pub seats: u32,
    /// Whose votes it takes.
    pub electorate: String,
    /// How the candidates were ordered: `strokes`, by strokes under the profile's
    /// `ballot_order` (RULES.md §2), or `as_listed`, fixed by hand by the organiser.
    pub order: CandidateOrder,
    /// The candidates in ballot order.
    pub candidates: Vec<CandidatePart>,
}

/// One candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatePart {
    /// The delegate number, which is the candidate's id on ballots.
    pub id: String,
    /// The name.
    pub name: String,
    /// The unit the candidate works for.
    pub unit: String,
}

/// One ballot style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StylePart {
    /// Its id: `general`, `female` or `plenary`.
    pub id: String,
    /// The electorate whose members receive it.
    pub electorate: String,
    /// The contests on it, in ballot order.
    pub contests: Vec<String>,
}

/// One scrutineer or teller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScrutineerPart {
    /// The delegate number.
    pub number: String,
    /// The name.
    pub name: String,
    /// `chief` (总监票人), `scrutineer` (监票人) or `teller` (计票人).
    pub role: String,
}
