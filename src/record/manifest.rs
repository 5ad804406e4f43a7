//! The election manifest: everything fixed at freezing — the congress, the rule profile, the
//! electorates' sizes, the contests with their candidates in ballot order, the ballot styles and
//! the scrutineers — in one canonical document whose SHA-256 goes into the minutes.
//!
//! The roster itself holds personal data and is not in the manifest; its SHA-256
//! (`roster_hash`, over the RFC 8785 form of the delegate list) commits to it.

use serde::{Deserialize, Serialize};

use crate::election::{CandidateOrder, ContestKind, RuleProfile};

/// The manifest format's name and version.
pub const FORMAT: &str = "ballotbox-manifest/1";

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
