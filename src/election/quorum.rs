//! The quorum: voting proceeds only when two thirds of those entitled are present (RULES.md §3).
//!
//! Source: 2016 条例 — 选举时，到会有选举权的人数须达到应到会有选举权人数的三分之二以上.
//! Members whose membership is only retained (保留会籍) are not entitled and are not counted in
//! 应到. There is no proxy voting (主席办法 Art. 14), so present means present in person.

use serde::Serialize;

use super::profile::QuorumRule;

/// Why attendance figures were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttendanceError {
    /// Nobody is entitled to vote.
    #[error("the number of entitled voters (应到) must be at least 1")]
    NoneEntitled,
    /// More present than entitled.
    #[error("present (实到 {present}) exceeds entitled voters (应到 {entitled})")]
    MorePresentThanEntitled {
        /// Those entitled.
        entitled: u32,
        /// Those present.
        present: u32,
    },
}

/// Who should attend with voting rights (应到) and who is present (实到); present ≤ entitled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    entitled: u32,
    present: u32,
}

impl Attendance {
    /// Checks the figures: at least one entitled voter and no more present than entitled.
    pub fn new(entitled: u32, present: u32) -> Result<Self, AttendanceError> {
        if entitled == 0 {
            return Err(AttendanceError::NoneEntitled);
        }
        if present > entitled {
            return Err(AttendanceError::MorePresentThanEntitled { entitled, present });
        }
        Ok(Self { entitled, present })
    }

    /// 应到会有选举权人数.
    pub fn entitled(&self) -> u32 {
        self.entitled
    }

    /// 实到.
    pub fn present(&self) -> u32 {
        self.present
    }
}

impl QuorumRule {
    /// The fewest present with which voting may proceed, for `entitled` voters.
    pub fn required(self, entitled: u32) -> u32 {
        let twice = u64::from(entitled) * 2;
        let required = match self {
            // ⌈2E/3⌉: 以上 includes the boundary.
            QuorumRule::AtLeastTwoThirds => twice.div_ceil(3),
            // ⌊2E/3⌋ + 1: strictly more than two thirds.
            QuorumRule::MoreThanTwoThirds => twice / 3 + 1,
        };
        // Both are at most `entitled` (for entitled ≥ 1), so they fit in u32; saturate regardless.
        u32::try_from(required).unwrap_or(u32::MAX)
    }
}

/// Whether the quorum holds, with the figures the minutes carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quorum {
    /// 应到.
    pub entitled: u32,
    /// 实到.
    pub present: u32,
    /// The fewest present with which voting may proceed.
    pub required: u32,
    /// Whether voting may proceed.
    pub met: bool,
}

impl Quorum {
    /// Judges `attendance` under `rule`.
    pub fn judge(rule: QuorumRule, attendance: Attendance) -> Self {
        let required = rule.required(attendance.entitled);
        Quorum {
            entitled: attendance.entitled,
            present: attendance.present,
            required,
            met: attendance.present >= required,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met(rule: QuorumRule, entitled: u32, present: u32) -> bool {
        Quorum::judge(rule, Attendance::new(entitled, present).unwrap()).met
    }

    #[test]
    fn exactly_two_thirds_proceeds_by_default_but_not_under_the_strict_reading() {
        // RULES.md §8 case 1.
        assert!(met(QuorumRule::AtLeastTwoThirds, 90, 60));
        assert!(!met(QuorumRule::MoreThanTwoThirds, 90, 60));
        assert!(met(QuorumRule::MoreThanTwoThirds, 90, 61));
    }

    #[test]
    fn sixty_six_of_a_hundred_is_short_and_sixty_seven_proceeds() {
        // RULES.md §8 case 2.
        assert!(!met(QuorumRule::AtLeastTwoThirds, 100, 66));
        assert!(met(QuorumRule::AtLeastTwoThirds, 100, 67));
        assert_eq!(QuorumRule::MoreThanTwoThirds.required(100), 67);
    }

    #[test]
    fn the_required_number_never_exceeds_those_entitled() {
        for entitled in 1..=500 {
            for rule in [QuorumRule::AtLeastTwoThirds, QuorumRule::MoreThanTwoThirds] {
                let required = rule.required(entitled);
                assert!(required <= entitled, "{rule:?} {entitled}");
                assert!(3 * u64::from(required) >= 2 * u64::from(entitled));
            }
        }
        assert_eq!(
            QuorumRule::AtLeastTwoThirds.required(u32::MAX),
            2_863_311_530
        );
    }

    #[test]
    fn attendance_refuses_impossible_figures() {
        assert_eq!(Attendance::new(0, 0), Err(AttendanceError::NoneEntitled));
        assert!(matches!(
            Attendance::new(10, 11),
            Err(AttendanceError::MorePresentThanEntitled { .. })
        ));
    }
}
