//! The contests of a congress: which body, how many seats, which candidates (RULES.md §§1–2).
//!
//! A founding congress elects several bodies at the same time (三同时): the union committee, the
//! chair and vice-chairs (2016 条例 Art. 3; 章程 Art. 27), the funds audit committee (章程 Arts. 13,
//! 26) and the women workers' committee (女职委条例 Art. 13). Each is a [`Contest`]. The heads of
//! the funds audit committee and of the women workers' committee are contests too, elected at
//! those bodies' own first meetings, as the chair may be at the committee's.

use serde::{Deserialize, Serialize};

use super::ids::{CandidateId, ContestId};
use super::profile::{ChairMargin, RuleProfile};

/// Which body a contest elects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContestKind {
    /// 主席.
    Chair,
    /// 副主席.
    ViceChair,
    /// 工会委员会委员.
    Committee,
    /// 经费审查委员会委员.
    AuditCommittee,
    /// 女职工委员会委员.
    WomenCommittee,
    /// 常务委员会委员, elected by the committee's first plenary.
    StandingCommittee,
    /// 经费审查委员会主任, elected by the funds audit committee at its first meeting from its
    /// members (章程 Art. 26; RULES.md §1).
    AuditDirector,
    /// 经费审查委员会副主任, elected as the 主任 is.
    AuditDeputyDirector,
    /// 女职工委员会主任, elected by the women workers' committee at its first meeting from its
    /// members (女职委条例; RULES.md §1).
    WomenDirector,
    /// Anything else the congress votes on by the same rules.
    Other,
}

impl ContestKind {
    /// The kind's name, as in the count sheet and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            ContestKind::Chair => "chair",
            ContestKind::ViceChair => "vice_chair",
            ContestKind::Committee => "committee",
            ContestKind::AuditCommittee => "audit_committee",
            ContestKind::WomenCommittee => "women_committee",
            ContestKind::StandingCommittee => "standing_committee",
            ContestKind::AuditDirector => "audit_director",
            ContestKind::AuditDeputyDirector => "audit_deputy_director",
            ContestKind::WomenDirector => "women_director",
            ContestKind::Other => "other",
        }
    }

    /// Committee-type bodies are elected competitively (差额选举) with a margin of at least 5 %
    /// (RULES.md §2). The standing committee is read as committee-type too: it is a committee
    /// elected from a list, and no source lets it be 等额.
    pub fn is_committee_type(self) -> bool {
        matches!(
            self,
            ContestKind::Committee
                | ContestKind::AuditCommittee
                | ContestKind::WomenCommittee
                | ContestKind::StandingCommittee
        )
    }

    /// The chair and vice-chairs, whose margin the profile's `chair_margin` sets.
    pub fn is_chair_type(self) -> bool {
        matches!(self, ContestKind::Chair | ContestKind::ViceChair)
    }

    /// The body whose members elect a contest of this kind at the body's first meeting, when
    /// only that body may: the funds audit committee its 主任 and 副主任, the women workers'
    /// committee its 主任. (The chair and vice-chairs may be elected by the congress or by the
    /// committee's plenary: their electorate says which.) Their margin is that of `other`: 等额
    /// is allowed, as for any head a body elects from its own members.
    pub fn elected_by_body(self) -> Option<ContestKind> {
        match self {
            ContestKind::AuditDirector | ContestKind::AuditDeputyDirector => {
                Some(ContestKind::AuditCommittee)
            }
            ContestKind::WomenDirector => Some(ContestKind::WomenCommittee),
            _ => None,
        }
    }
}

/// Which ballot of a contest this is (RULES.md §5.4–5.6): every round is a new ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// The first vote of a contest, or a repeated vote after a void one.
    #[default]
    Regular,
    /// A re-vote among candidates tied at the last seat (就票数相等的被选举人再次投票).
    TieRevote,
    /// An additional round (另行选举) for seats left open by a shortfall.
    Additional,
}

/// How many candidates a contest needs for its seats (RULES.md §2, §5.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarginRule {
    /// 差额选举: (candidates − seats) / seats ≥ 5 %.
    FivePercent,
    /// At least one more candidate than seats.
    OneMore,
    /// 等额 allowed: at least as many candidates as seats.
    EqualAllowed,
}

impl MarginRule {
    /// The rule for a contest of `kind` in a round of `round` under `profile`.
    pub fn for_contest(kind: ContestKind, round: RoundKind, profile: &RuleProfile) -> Self {
        if kind.is_chair_type() {
            // The chair's reading holds in every round: an additional round for a chair is
            // again 等额 or competitive as the profile says.
            return match (round, profile.chair_margin) {
                (RoundKind::TieRevote, _) => MarginRule::OneMore,
                (_, ChairMargin::EqualAllowed) => MarginRule::EqualAllowed,
                (_, ChairMargin::CompetitiveRequired) => MarginRule::OneMore,
            };
        }
        match round {
            // A tie straddling the last seat always involves more candidates than seats.
            RoundKind::TieRevote => MarginRule::OneMore,
            // 另行选举: at least one more candidate than open seats (RULES.md §5.5).
            RoundKind::Additional if kind.is_committee_type() => MarginRule::OneMore,
            RoundKind::Regular if kind.is_committee_type() => MarginRule::FivePercent,
            _ => MarginRule::EqualAllowed,
        }
    }

    /// The fewest candidates allowed for `seats` seats.
    pub fn fewest_candidates(self, seats: u32) -> u64 {
        let seats = u64::from(seats);
        match self {
            // The smallest c with 20·(c − s) ≥ s: 20 seats need 21, 21 seats need 23.
            MarginRule::FivePercent => seats + seats.div_ceil(20),
            MarginRule::OneMore => seats + 1,
            MarginRule::EqualAllowed => seats,
        }
    }
}

/// One person on a contest's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Who the person is; the same id in two contests is the same person.
    pub id: CandidateId,
    /// The name as printed on the ballot, read as [`super::names::read`] reads names.
    pub name: String,
}

/// The longest name or title accepted, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// A contest as set up, before it is checked; [`super::Setup::parse`] turns drafts into
/// [`Contest`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestDraft {
    /// The contest's id.
    pub id: String,
    /// The body elected.
    pub kind: ContestKind,
    /// The title printed on the ballot, such as 工会委员会委员.
    pub title: String,
    /// Seats to fill (应选名额).
    pub seats: u32,
    /// Candidate ids and names, in ballot order.
    pub candidates: Vec<(String, String)>,
    /// Entitled voters of the contest's electorate (应到会有选举权人数).
    pub entitled: u32,
    /// Which round of the contest this ballot is.
    pub round: RoundKind,
    /// Seats of the same body filled by earlier rounds (before a tie re-vote or an additional
    /// round), so that a seat reduction is judged on the body's whole size.
    pub filled_earlier: u32,
    /// For a contest of a body's first meeting, the body's elected members (id, name): its
    /// meeting elects only from among them, so they alone may be written in. `None` for a
    /// contest of the congress, where a voter may write in any eligible person.
    pub members: Option<Vec<(String, String)>>,
}

/// A checked contest: seats ≥ 1, enough candidates, distinct candidate ids, names normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contest {
    pub(super) id: ContestId,
    pub(super) kind: ContestKind,
    pub(super) title: String,
    pub(super) seats: u32,
    pub(super) candidates: Vec<Candidate>,
    pub(super) entitled: u32,
    pub(super) round: RoundKind,
    pub(super) filled_earlier: u32,
    pub(super) members: Option<Vec<Candidate>>,
}

impl Contest {
    /// The contest's id.
    pub fn id(&self) -> &ContestId {
        &self.id
    }

    /// The body elected.
    pub fn kind(&self) -> ContestKind {
        self.kind
    }

    /// The title printed on the ballot.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Seats to fill.
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// The candidates in ballot order.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Entitled voters of the contest's electorate: the base of the threshold.
    pub fn entitled(&self) -> u32 {
        self.entitled
    }

    /// Which round of the contest this ballot is.
    pub fn round(&self) -> RoundKind {
        self.round
    }

    /// Seats of the same body filled by earlier rounds.
    pub fn filled_earlier(&self) -> u32 {
        self.filled_earlier
    }

    /// The position of a candidate on the list.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.candidates.iter().position(|c| c.id.as_str() == id)
    }

    /// Whether voters may write in other persons (另选他人): everywhere but in a tie re-vote,
    /// which is held among the tied alone.
    pub fn allows_write_ins(&self) -> bool {
        self.round != RoundKind::TieRevote
    }

    /// For a contest of a body's first meeting, the body's members, who alone may be written
    /// in; `None` when anyone may.
    pub fn members(&self) -> Option<&[Candidate]> {
        self.members.as_deref()
    }

    /// The one member of the body named `name`, at a body's meeting; `None` when no member,
    /// or more than one, has that name, or when the contest is the congress's.
    pub fn member_named(&self, name: &str) -> Option<&Candidate> {
        let mut named = self.members()?.iter().filter(|m| m.name == name);
        match (named.next(), named.next()) {
            (Some(member), None) => Some(member),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_percent_margin_matches_the_worked_cases() {
        // RULES.md §8 case 3: 20 seats need 21 candidates, 21 seats need 23.
        assert_eq!(MarginRule::FivePercent.fewest_candidates(20), 21);
        assert_eq!(MarginRule::FivePercent.fewest_candidates(21), 23);
        assert_eq!(MarginRule::FivePercent.fewest_candidates(7), 8);
        assert_eq!(MarginRule::FivePercent.fewest_candidates(1), 2);
    }

    #[test]
    fn the_five_percent_margin_is_the_smallest_list_with_a_five_percent_margin() {
        for seats in 1..=200_u64 {
            let fewest = MarginRule::FivePercent.fewest_candidates(seats as u32);
            assert!(20 * (fewest - seats) >= seats);
            assert!(20 * (fewest - 1 - seats) < seats);
        }
    }

    #[test]
    fn each_kind_and_round_takes_its_margin() {
        let default = RuleProfile::default();
        let strict = RuleProfile {
            chair_margin: ChairMargin::CompetitiveRequired,
            ..default
        };
        let rule = MarginRule::for_contest;
        assert_eq!(
            rule(ContestKind::Committee, RoundKind::Regular, &default),
            MarginRule::FivePercent
        );
        assert_eq!(
            rule(ContestKind::WomenCommittee, RoundKind::Additional, &default),
            MarginRule::OneMore
        );
        assert_eq!(
            rule(ContestKind::Chair, RoundKind::Regular, &default),
            MarginRule::EqualAllowed
        );
        assert_eq!(
            rule(ContestKind::ViceChair, RoundKind::Regular, &strict),
            MarginRule::OneMore
        );
        assert_eq!(
            rule(ContestKind::Chair, RoundKind::TieRevote, &default),
            MarginRule::OneMore
        );
        assert_eq!(
            rule(ContestKind::Other, RoundKind::Regular, &strict),
            MarginRule::EqualAllowed
        );
    }
}
