//! The count sheet: one JSON document holding a whole count — attendance, contests and the
//! returned ballots — as entered by tellers or exported by the server. The format is described
//! in `docs/count-sheet.md`.
//!
//! Reading a sheet is parsing in the strict sense: every field is checked and unknown fields are
//! refused, so a [`CountSheet`] that exists can be counted without further checks.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::ballot::{BallotError, Marks, Section};
use super::contest::{ContestDraft, ContestKind, RoundKind};
use super::profile::RuleProfile;
use super::quorum::{Attendance, AttendanceError, Quorum};
use super::setup::{Setup, SetupDraft, SetupProblems};
use super::tally::{BallotBox, ElectionTally, tally_setup};

/// Why a count sheet could not be read; each names what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// The text is not JSON of the count-sheet shape.
    #[error("{0}")]
    Shape(String),
    /// The attendance figures are impossible.
    #[error("{0}")]
    Attendance(#[from] AttendanceError),
    /// The setup breaks a rule.
    #[error("{0}")]
    Setup(#[from] SetupProblems),
    /// A contest's electorate is larger than the congress's.
    #[error(
        "contest \"{contest}\": entitled ({entitled}) exceeds the congress's entitled voters ({congress})"
    )]
    ElectorateTooLarge {
        /// The contest.
        contest: String,
        /// The contest's entitled voters.
        entitled: u32,
        /// The congress's entitled voters.
        congress: u32,
    },
    /// More ballots issued than the contest's electorate could receive.
    #[error("contest \"{contest}\": issued ({issued}) exceeds the {whom} ({limit})")]
    TooManyIssued {
        /// The contest.
        contest: String,
        /// Ballots issued.
        issued: u32,
        /// Whom the ballots were limited to: entitled voters, or delegates present.
        whom: &'static str,
        /// How many those are.
        limit: u32,
    },
    /// A ballot names a contest the sheet does not define.
    #[error("ballot {number}: unknown contest \"{contest}\"")]
    UnknownContest {
        /// 1-based position of the ballot.
        number: usize,
        /// The contest id on the ballot.
        contest: String,
    },
    /// A ballot's section cannot be read.
    #[error("ballot {number}: {error} in contest \"{contest}\"")]
    Ballot {
        /// 1-based position of the ballot.
        number: usize,
        /// The contest.
        contest: String,
        /// What is wrong.
        error: BallotError,
    },
}

/// A checked count sheet, ready to count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSheet {
    setup: Setup,
    attendance: Attendance,
    /// `boxes[i]` holds the ballots of `setup.contests()[i]`.
    boxes: Vec<BallotBox>,
}

impl CountSheet {
    /// Parses and checks a count sheet.
    pub fn parse(json: &str) -> Result<CountSheet, SheetError> {
        // Tracking the path costs time on every value, so it is done only to describe an error.
        let raw: RawSheet = serde_json::from_str(json).map_err(|_| describe_shape_error(json))?;
        raw.check()
    }

    /// The checked setup.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The attendance.
    pub fn attendance(&self) -> Attendance {
        self.attendance
    }

    /// The ballot box of each contest, in setup order.
    pub fn boxes(&self) -> &[BallotBox] {
        &self.boxes
    }

    /// Counts every contest.
    pub fn tally(&self) -> ElectionTally {
        let quorum = Quorum::judge(self.setup.profile().quorum, self.attendance);
        tally_setup(&self.setup, quorum, &self.boxes)
    }
}

/// Reads `json` again, tracking where in the document the parser stopped.
fn describe_shape_error(json: &str) -> SheetError {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, RawSheet>(&mut deserializer) {
        Ok(_) => SheetError::Shape("the sheet could not be read".into()),
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            SheetError::Shape(if path == "." {
                inner.to_string()
            } else {
                format!("{path}: {inner}")
            })
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    #[serde(default)]
    profile: RuleProfile,
    #[serde(default)]
    members: Option<u32>,
    entitled: u32,
    present: u32,
    contests: Vec<RawContest>,
    ballots: Vec<RawBallot>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContest {
    id: String,
    kind: ContestKind,
    title: String,
    seats: u32,
    candidates: Vec<RawCandidate>,
    issued: u32,
    #[serde(default)]
    entitled: Option<u32>,
    #[serde(default)]
    round: RoundKind,
    #[serde(default)]
    filled_earlier: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCandidate {
    id: String,
    name: String,
}

/// One ballot: its sections keyed by contest id, in the order written, each key at most once.
struct RawBallot(Vec<(String, Marks)>);

impl<'de> Deserialize<'de> for RawBallot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BallotVisitor)
    }
}

struct BallotVisitor;

impl<'de> Visitor<'de> for BallotVisitor {
    type Value = RawBallot;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a ballot: an object of contest id → marks")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawBallot, A::Error> {
        let mut sections: Vec<(String, Marks)> = Vec::new();
        while let Some(contest) = map.next_key::<String>()? {
            if sections.iter().any(|(seen, _)| *seen == contest) {
                return Err(de::Error::custom(format!(
                    "contest \"{contest}\" appears twice on one ballot"
                )));
            }
            let marks = map.next_value::<Marks>()?;
            sections.push((contest, marks));
        }
        Ok(RawBallot(sections))
    }
}

impl RawSheet {
    fn check(self) -> Result<CountSheet, SheetError> {
        let attendance = Attendance::new(self.entitled, self.present)?;
        let mut boxes = Vec::with_capacity(self.contests.len());
        let mut drafts = Vec::with_capacity(self.contests.len());
        for contest in self.contests {
            let entitled = contest.entitled.unwrap_or(self.entitled);
            if entitled > self.entitled {
                return Err(SheetError::ElectorateTooLarge {
                    contest: contest.id,
                    entitled,
                    congress: self.entitled,
                });
            }
            // Ballots go only to those present; for an electorate of its own (the female
            // delegates) the sheet gives no attendance, so its entitled voters bound them.
            let (whom, limit) = match contest.entitled {
                None => ("delegates present", self.present),
                Some(_) => ("entitled voters", entitled),
            };
            if contest.issued > limit {
                return Err(SheetError::TooManyIssued {
                    contest: contest.id,
                    issued: contest.issued,
                    whom,
                    limit,
                });
            }
            boxes.push(BallotBox {
                issued: contest.issued,
                sections: Vec::new(),
            });
            drafts.push(ContestDraft {
                id: contest.id,
                kind: contest.kind,
                title: contest.title,
                seats: contest.seats,
                candidates: contest
                    .candidates
                    .into_iter()
                    .map(|c| (c.id, c.name))
                    .collect(),
                entitled,
                round: contest.round,
                filled_earlier: contest.filled_earlier,
                members: None,
            });
        }
        let setup = Setup::parse(SetupDraft {
            profile: self.profile,
            members: self.members,
            contests: drafts,
            scrutineers: Vec::new(),
        })?;
        for (i, ballot) in self.ballots.into_iter().enumerate() {
            let number = i + 1;
            for (contest_id, marks) in ballot.0 {
                let Some(position) = setup
                    .contests()
                    .iter()
                    .position(|c| c.id().as_str() == contest_id)
                else {
                    return Err(SheetError::UnknownContest {
                        number,
                        contest: contest_id,
                    });
                };
                let section =
                    Section::parse(&setup.contests()[position], &marks).map_err(|error| {
                        SheetError::Ballot {
                            number,
                            contest: contest_id,
                            error,
                        }
                    })?;
                boxes[position].sections.push(section);
            }
        }
        Ok(CountSheet {
            setup,
            attendance,
            boxes,
        })
    }
}
