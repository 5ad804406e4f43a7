//! One contest's part of a ballot: the marks, the write-ins, and whether it is valid (RULES.md §4).
//!
//! For each candidate a voter marks 赞成 (for), 不赞成 (against) or 弃权 (abstain); an unmarked
//! candidate counts as abstain. A voter may write in another eligible person (另选他人); a
//! write-in is a *for* vote for that person. A section is valid when the persons chosen — *for*
//! marks plus write-ins — are at most the seats (所选人数含另选他人多于应选人数的为无效票).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::contest::{Contest, MAX_NAME_CHARS};
use super::names::{self, NameError};

/// A section's marks as entered, at a kiosk or from a paper ballot, before they are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Marks {
    /// Candidate ids marked 赞成.
    #[serde(rename = "for")]
    pub for_: Vec<String>,
    /// Candidate ids marked 不赞成.
    pub against: Vec<String>,
    /// Candidate ids marked 弃权.
    pub abstain: Vec<String>,
    /// Names written in the blank lines (另选他人).
    pub write_ins: Vec<String>,
}

/// Why a section's marks cannot be read at all. (An over-vote is readable: it is an *invalid*
/// section, counted as such, never an error.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    /// A mark names someone not on the contest's list.
    #[error("unknown candidate \"{0}\"")]
    UnknownCandidate(String),
    /// One list names a candidate twice, which no paper ballot can show.
    #[error("candidate \"{candidate}\" appears twice in \"{list}\"")]
    ListedTwice {
        /// The candidate.
        candidate: String,
        /// The list: `for`, `against` or `abstain`.
        list: &'static str,
    },
    /// A write-in line holds no name, or no name that can be read (docs/record-format.md §1).
    #[error("a write-in name {0}")]
    BadWriteIn(NameError),
    /// A write-in where none is allowed: a tie re-vote is held among the tied alone.
    #[error("write-ins are not allowed in a tie re-vote")]
    WriteInNotAllowed,
    /// A write-in at a body's first meeting of someone who is not one of its members, or of a
    /// name that several members share: the meeting elects only from among its members.
    #[error(
        "\"{0}\" is not the name of exactly one elected member of the body, and its meeting elects only from among its members"
    )]
    NotAMember(String),
}

/// A checked section: each listed candidate has at most one effective mark, and write-ins are
/// normalised, distinct persons not on the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    for_: Vec<usize>,
    against: Vec<usize>,
    write_ins: Vec<String>,
}

const FOR: u8 = 1;
const AGAINST: u8 = 2;
const ABSTAIN: u8 = 4;

impl Section {
    /// A blank section: returned and valid, adding no votes (RULES.md §8 case 13).
    pub fn blank() -> Section {
        Section::default()
    }

    /// Reads `marks` against `contest`'s list.
    ///
    /// Two readings follow the standard 选举办法 rather than RULES.md, which is silent on them:
    /// - a candidate given two different marks (say 赞成 and 不赞成) counts as abstaining for that
    ///   candidate (表态无法辨认的, 视为弃权);
    /// - a write-in of a name on the list counts as a *for* mark for that candidate, and writing
    ///   the same person twice chooses that person once.
    pub fn parse(contest: &Contest, marks: &Marks) -> Result<Section, BallotError> {
        let candidates = contest.candidates();
        let mut seen = vec![0_u8; candidates.len()];
        for (list, ids, bit) in [
            ("for", &marks.for_, FOR),
            ("against", &marks.against, AGAINST),
            ("abstain", &marks.abstain, ABSTAIN),
        ] {
            for id in ids {
                let position = contest
                    .position(id)
                    .ok_or_else(|| BallotError::UnknownCandidate(id.clone()))?;
                if seen[position] & bit != 0 {
                    return Err(BallotError::ListedTwice {
                        candidate: id.clone(),
                        list,
                    });
                }
                seen[position] |= bit;
            }
        }
        let mut write_ins = BTreeSet::new();
        for name in &marks.write_ins {
            if !contest.allows_write_ins() {
                return Err(BallotError::WriteInNotAllowed);
            }
            let name = names::read(name, MAX_NAME_CHARS).map_err(BallotError::BadWriteIn)?;
            let mut same_name = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.name == name);
            match (same_name.next(), same_name.next()) {
                // Exactly one listed candidate of that name: the write-in is a mark for them.
                (Some((position, _)), None) => seen[position] |= FOR,
                // At a body's meeting, another of its members, named unambiguously.
                _ if contest.members().is_some() => {
                    if contest.member_named(&name).is_none() {
                        return Err(BallotError::NotAMember(name));
                    }
                    write_ins.insert(name);
                }
                // Nobody (or, ambiguously, several) of that name on the list: another person.
                _ => {
                    write_ins.insert(name);
                }
            }
        }
        let mut section = Section {
            write_ins: write_ins.into_iter().collect(),
            ..Section::default()
        };
        for (position, marks) in seen.into_iter().enumerate() {
            match marks {
                FOR => section.for_.push(position),
                AGAINST => section.against.push(position),
                // Abstain, unmarked, or marks that contradict each other.
                _ => {}
            }
        }
        Ok(section)
    }

    /// The persons chosen: *for* marks plus write-ins.
    pub fn chosen(&self) -> usize {
        self.for_.len() + self.write_ins.len()
    }

    /// Whether the section is valid for a contest of `seats` seats.
    pub fn is_valid(&self, seats: u32) -> bool {
        u64::try_from(self.chosen()).is_ok_and(|chosen| chosen <= u64::from(seats))
    }

    /// Whether nothing at all is marked.
    pub fn is_blank(&self) -> bool {
        self.for_.is_empty() && self.against.is_empty() && self.write_ins.is_empty()
    }

    /// Positions on the list of the candidates marked *for*, ascending.
    pub fn for_positions(&self) -> &[usize] {
        &self.for_
    }

    /// Positions on the list of the candidates marked *against*, ascending.
    pub fn against_positions(&self) -> &[usize] {
        &self.against
    }

    /// The persons written in, normalised, in code-point order.
    pub fn write_ins(&self) -> &[String] {
        &self.write_ins
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::election::setup::SetupDraft;
    use crate::election::{ContestDraft, ContestKind, RoundKind, Setup};

    fn contest(seats: u32, names: &[&str], round: RoundKind) -> Contest {
        let candidates = names
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("c{}", i + 1), n.to_string()));
        let draft = ContestDraft {
            id: "committee".into(),
            kind: ContestKind::Other,
            title: "委员".into(),
            seats,
            candidates: candidates.collect(),
            entitled: 50,
            round,
            filled_earlier: 0,
            members: None,
        };
        let setup = Setup::parse(SetupDraft {
            contests: vec![draft],
            ..SetupDraft::default()
        })
        .unwrap();
        setup.contests()[0].clone()
    }

    fn marks(for_: &[&str], against: &[&str], abstain: &[&str], write_ins: &[&str]) -> Marks {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        Marks {
            for_: owned(for_),
            against: owned(against),
            abstain: owned(abstain),
            write_ins: owned(write_ins),
        }
    }

    fn seven() -> Contest {
        contest(
            5,
            &["甲", "乙", "丙", "丁", "戊", "己", "庚"],
            RoundKind::Regular,
        )
    }

    #[test]
    fn six_for_marks_for_five_seats_make_the_section_invalid() {
        // RULES.md §8 case 10.
        let section = Section::parse(
            &seven(),
            &marks(&["c1", "c2", "c3", "c4", "c5", "c6"], &[], &[], &[]),
        )
        .unwrap();
        assert!(!section.is_valid(5));
    }

    #[test]
    fn five_for_marks_and_a_write_in_for_five_seats_are_invalid() {
        // RULES.md §8 case 10.
        let section = Section::parse(
            &seven(),
            &marks(&["c1", "c2", "c3", "c4", "c5"], &[], &[], &["赵六"]),
        )
        .unwrap();
        assert_eq!(section.chosen(), 6);
        assert!(!section.is_valid(5));
    }

    #[test]
    fn four_for_and_two_against_for_five_seats_are_valid() {
        // RULES.md §8 case 10.
        let section = Section::parse(
            &seven(),
            &marks(&["c1", "c2", "c3", "c4"], &["c5", "c6"], &[], &[]),
        )
        .unwrap();
        assert!(section.is_valid(5));
    }

    #[test]
    fn a_blank_section_is_valid() {
        let section = Section::parse(&seven(), &Marks::default()).unwrap();
        assert!(section.is_blank());
        assert!(section.is_valid(5));
        assert_eq!(section, Section::blank());
    }

    #[test]
    fn write_ins_are_trimmed_composed_and_counted_once_per_person() {
        let section = Section::parse(
            &seven(),
            &marks(&[], &[], &[], &[" Ame\u{301}lie ", "Am\u{e9}lie", "赵六"]),
        )
        .unwrap();
        assert_eq!(section.write_ins(), ["Am\u{e9}lie", "赵六"]);
    }

    #[test]
    fn four_spellings_of_one_name_with_invisible_characters_are_one_person() {
        let section = Section::parse(
            &seven(),
            &marks(
                &[],
                &[],
                &[],
                &["赵六", "赵\u{200D}六", "赵六\u{200B}", "\u{2060}赵六"],
            ),
        )
        .unwrap();
        assert_eq!(section.write_ins(), ["赵六"]);
        assert_eq!(section.chosen(), 1);
    }

    #[test]
    fn a_write_in_of_a_listed_name_is_a_for_mark_for_that_candidate() {
        let section = Section::parse(&seven(), &marks(&["c2"], &[], &[], &["  甲"])).unwrap();
        assert_eq!(section.for_positions(), [0, 1]);
        assert!(section.write_ins().is_empty());
    }

    #[test]
    fn contradictory_marks_count_as_abstaining() {
        let section = Section::parse(&seven(), &marks(&["c1", "c2"], &["c1"], &[], &[])).unwrap();
        assert_eq!(section.for_positions(), [1]);
        assert!(section.against_positions().is_empty());
    }

    #[test]
    fn unreadable_marks_are_errors() {
        let contest = seven();
        let parse = |m: Marks| Section::parse(&contest, &m).unwrap_err();
        assert_eq!(
            parse(marks(&["c9"], &[], &[], &[])),
            BallotError::UnknownCandidate("c9".into())
        );
        assert_eq!(
            parse(marks(&[], &["c1", "c1"], &[], &[])),
            BallotError::ListedTwice {
                candidate: "c1".into(),
                list: "against"
            }
        );
        assert_eq!(
            parse(marks(&[], &[], &[], &[" \u{3000}"])),
            BallotError::BadWriteIn(NameError::Empty)
        );
        assert_eq!(
            parse(marks(&[], &[], &[], &["\u{200B}"])),
            BallotError::BadWriteIn(NameError::Empty)
        );
        assert_eq!(
            parse(marks(&[], &[], &[], &["赵\u{202E}六"])),
            BallotError::BadWriteIn(NameError::Bidi('\u{202E}'))
        );
        assert_eq!(
            parse(marks(&[], &[], &[], &[&"长".repeat(65)])),
            BallotError::BadWriteIn(NameError::TooLong(64))
        );
    }

    #[test]
    fn a_tie_revote_takes_no_write_ins() {
        let revote = contest(1, &["甲", "乙"], RoundKind::TieRevote);
        assert_eq!(
            Section::parse(&revote, &marks(&[], &[], &[], &["丙"])),
            Err(BallotError::WriteInNotAllowed)
        );
    }
}
