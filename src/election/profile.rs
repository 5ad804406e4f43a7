//! The rule profile: the readings of the rules where local practice differs (RULES.md `[profile]`).
//!
//! The profile is part of the frozen manifest and of the published result, so an inspector sees
//! which reading was applied. Every setting defaults to the reading RULES.md names as default.

use serde::{Deserialize, Serialize};

/// How "三分之二以上" is read for the quorum (RULES.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuorumRule {
    /// Chinese legal usage: 以上 includes the boundary, so exactly two thirds is enough.
    #[default]
    AtLeastTwoThirds,
    /// The strict reading: strictly more than two thirds must be present.
    MoreThanTwoThirds,
}

/// Whether a chair or vice-chair contest may have as many candidates as seats (RULES.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChairMargin {
    /// 等额选举 is allowed: one candidate per seat.
    #[default]
    EqualAllowed,
    /// 差额选举 is required: at least one more candidate than seats (主席办法 Art. 8).
    CompetitiveRequired,
}

/// How candidates are put in stroke order (RULES.md §2 item 4): whether a one-character given
/// name counts as a blank. See [`crate::election::ballot_order`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotOrder {
    /// 按姓氏笔画: a one-character given name counts as a blank, so 田富 precedes 田大利 (政协,
    /// 党代会 and union lists).
    #[default]
    SurnameStrokes,
    /// 按姓名笔画: no blank, so 田大利 precedes 田富 (人大 lists).
    NameStrokes,
}

impl BallotOrder {
    /// The profile's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            BallotOrder::SurnameStrokes => "surname_strokes",
            BallotOrder::NameStrokes => "name_strokes",
        }
    }
}

/// The settings of one congress where local rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuleProfile {
    /// The reading of the two-thirds quorum.
    pub quorum: QuorumRule,
    /// Whether a tie re-vote still needs more than half of those entitled (`true`), or is won by
    /// the most votes (`false`, the default; 2016 条例: 以得票多的当选).
    pub tie_revote_needs_majority: bool,
    /// Whether chair and vice-chair contests may be 等额.
    pub chair_margin: ChairMargin,
    /// How candidates are put in stroke order.
    pub ballot_order: BallotOrder,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_takes_the_documented_defaults() {
        let profile: RuleProfile = serde_json::from_str("{}").unwrap();
        assert_eq!(profile.quorum, QuorumRule::AtLeastTwoThirds);
        assert!(!profile.tie_revote_needs_majority);
        assert_eq!(profile.chair_margin, ChairMargin::EqualAllowed);
        assert_eq!(profile.ballot_order, BallotOrder::SurnameStrokes);
    }

    #[test]
    fn the_ballot_order_setting_is_read_by_its_documented_names() {
        let profile: RuleProfile =
            serde_json::from_str(r#"{"ballot_order":"name_strokes"}"#).unwrap();
        assert_eq!(profile.ballot_order, BallotOrder::NameStrokes);
        assert!(serde_json::from_str::<RuleProfile>(r#"{"ballot_order":"pinyin"}"#).is_err());
    }

    #[test]
    fn unknown_settings_and_values_are_refused() {
        assert!(serde_json::from_str::<RuleProfile>(r#"{"quorum":"half"}"#).is_err());
        assert!(serde_json::from_str::<RuleProfile>(r#"{"proxy":true}"#).is_err());
    }
}
