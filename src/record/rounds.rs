//! The rounds of a congress: which round the rules call for next, and the count of a round.
//!
//! [`Progress`] follows a congress from its frozen manifest through each round's result and
//! each seat reduction, and says what may come next (RULES.md §5): a first vote of each
//! contest; a re-vote among those tied at the last seat (§5.4); an additional round for open
//! seats among candidates not yet elected (§5.5), or a seat reduction with the congress's
//! consent; a repeated vote after a void one (§5.1); and, once a body is complete, the heads it
//! elects at its first meeting from its own members: the chair and vice-chairs by the
//! committee's plenary (2016 条例 Art. 3), the 主任 and 副主任 of the funds audit committee by
//! that committee (章程 Art. 26), the 主任 of the women workers' committee by that committee
//! (女职委条例). The server defines
//! rounds with it and the verifier checks every round of a record against it, so both read the
//! rules the same way.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::documents::{
    DECISION_FORMAT, ElectedPerson, LoggedBallot, PUBLICATION_FORMAT, Publication, PublishedBody,
    PublishedRound, RoundContest, RoundDefinition, SeatReduction, Sitting, Turnout,
};
use super::hash::Digest;
use super::manifest::{CandidatePart, ContestPart, Manifest};
use crate::election::ids::is_written_in;
use crate::election::setup::SetupDraft;
use crate::election::tally::{BallotBox, Totals, tally_setup, tally_totals};
use crate::election::{
    Attendance, BallotError, CandidateId, ContestDraft, ContestKind, ContestStatus, ElectionTally,
    Quorum, RoundKind, Section, Setup, SetupProblems, SizeTable,
};
use crate::record::sealed::round::ContestOpened;

/// Why a round, a count or a decision does not follow the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    /// A round names no contest.
    #[error("a round needs at least one contest")]
    NoContests,
    /// A contest the manifest does not have.
    #[error("the manifest has no contest \"{0}\"")]
    UnknownContest(String),
    /// A contest twice in one round.
    #[error("contest \"{0}\" is on the round twice")]
    Repeated(String),
    /// Another round is open.
    #[error("round {0} is still open: close it before opening another")]
    RoundOpen(u32),
    /// A contest whose seats are all filled.
    #[error("contest \"{0}\" is complete: every seat is filled")]
    Complete(String),
    /// A body's first meeting cannot sit before the body is complete.
    #[error(
        "contest \"{contest}\" is elected by the members of {body}, who can sit only once every seat of {body} is filled"
    )]
    BodyIncomplete {
        /// The contest.
        contest: String,
        /// The body, as people name it.
        body: &'static str,
    },
    /// Contests of the congress and of a body's meeting, or of two bodies, on one ballot.
    #[error(
        "the congress and the first meeting of each body it elected vote on separate ballots: open a round for each"
    )]
    MixedSittings,
    /// Candidates the round may not put up.
    #[error("contest \"{contest}\": {reason}")]
    Candidates {
        /// The contest.
        contest: String,
        /// What is wrong.
        reason: String,
    },
    /// The rules engine refuses the round's setup (a margin, an incompatibility).
    #[error("{0}")]
    Rules(SetupProblems),
    /// A recorded round that differs from what the rules call for.
    #[error("round {number} is not what the rules call for: {detail}")]
    Mismatch {
        /// The round.
        number: u32,
        /// Where it differs.
        detail: String,
    },
    /// A seat reduction the rules do not allow.
    #[error("contest \"{contest}\": the seats cannot be reduced: {reason}")]
    Reduction {
        /// The contest.
        contest: String,
        /// Why not.
        reason: String,
    },
    /// A count that cannot be made.
    #[error("round {round}: {reason}")]
    Count {
        /// The round.
        round: u32,
        /// What is wrong.
        reason: String,
    },
    /// The publication comes before every body is elected.
    #[error("the result cannot be published yet: {0}")]
    Unfinished(String),
}

/// What the organiser chooses for one contest of a new round: the contest, and for an
/// additional round the candidates (by delegate number) among those the rules allow; `None`
/// takes the rules' proposal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContestChoice {
    /// The manifest's contest.
    pub contest: String,
    /// The candidates, for an additional round; the rules' proposal when left out.
    #[serde(default)]
    pub candidates: Option<Vec<String>>,
}

/// How one contest stands.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Not voted on yet.
    Waiting,
    /// On the ballot of an open round.
    Open(u32),
    /// Counted; what the count said.
    Counted {
        /// The round.
        round: u32,
        /// The contest as that round put it.
        put: RoundContest,
        /// Its status.
        status: ContestStatus,
        /// The tied, by delegate number (`None` for a person written in at the congress) and
        /// name.
        tied: Vec<(Option<String>, String)>,
        /// Seats still open.
        open_seats: u32,
        /// The *for* votes of the listed candidates, by delegate number.
        votes: BTreeMap<String, u64>,
    },
    /// Every seat filled, or the seats reduced to those elected.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
struct ContestProgress {
    part: ContestPart,
    seats: u32,
    elected: Vec<ElectedPerson>,
    state: State,
}

/// How far a congress has got: each contest's seats, who is elected, and what comes next.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    manifest: Manifest,
    manifest_hash: Digest,
    contests: Vec<ContestProgress>,
    rounds: u32,
    open: Option<u32>,
}

/// The parts of a tally the progress needs, read from its JSON.
#[derive(Deserialize)]
struct TallyView {
    contests: Vec<ContestView>,
}

#[derive(Deserialize)]
struct ContestView {
    id: String,
    status: ContestStatus,
    candidates: Vec<CandidateView>,
    tied: Vec<PersonView>,
    open_seats: u32,
}

#[derive(Deserialize)]
struct CandidateView {
    id: Option<String>,
    name: String,
    #[serde(default)]
    write_in: bool,
    #[serde(rename = "for")]
    for_: u64,
    elected: bool,
}

#[derive(Deserialize)]
struct PersonView {
    id: Option<String>,
    name: String,
}

impl Progress {
    /// A congress that has voted on nothing yet.
    pub fn new(manifest: Manifest, manifest_hash: Digest) -> Progress {
        let contests = manifest
            .contests
            .iter()
            .map(|part| ContestProgress {
                seats: part.seats,
                part: part.clone(),
                elected: Vec::new(),
                state: State::Waiting,
            })
            .collect();
        Progress {
            manifest,
            manifest_hash,
            contests,
            rounds: 0,
            open: None,
        }
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The number the next round takes.
    pub fn next_number(&self) -> u32 {
        self.rounds + 1
    }

    /// The open round, if any.
    pub fn open_round(&self) -> Option<u32> {
        self.open
    }

    /// Contests that can go on a new round now, with what the rules call for in each.
    pub fn pending(&self) -> Vec<RoundContest> {
        if self.open.is_some() {
            return Vec::new();
        }
        self.contests
            .iter()
            .filter_map(|c| self.follow_up(c, None).ok())
            .collect()
    }

    /// Who is elected to each contest so far, with its seats, in manifest order.
    pub fn bodies(&self) -> Vec<PublishedBody> {
        self.contests
            .iter()
            .map(|c| PublishedBody {
                contest: c.part.id.clone(),
                seats: c.seats,
                elected: c.elected.clone(),
            })
            .collect()
    }

    /// Defines the next round from the organiser's choices, as the rules call for.
    pub fn define(&self, choices: &[ContestChoice]) -> Result<RoundDefinition, RoundError> {
        if let Some(open) = self.open {
            return Err(RoundError::RoundOpen(open));
        }
        if choices.is_empty() {
            return Err(RoundError::NoContests);
        }
        let mut seen = BTreeSet::new();
        let mut put = Vec::new();
        for choice in choices {
            if !seen.insert(choice.contest.as_str()) {
                return Err(RoundError::Repeated(choice.contest.clone()));
            }
            let contest = self.contest(&choice.contest)?;
            put.push((
                contest,
                self.follow_up(contest, choice.candidates.as_deref())?,
            ));
        }
        // Ballot order: the manifest's order of contests.
        put.sort_by_key(|(c, _)| self.position(&c.part.id));
        let sittings: BTreeSet<Sitting> = put.iter().map(|(c, _)| sitting(&c.part)).collect();
        let [sitting] = sittings.into_iter().collect::<Vec<_>>()[..] else {
            return Err(RoundError::MixedSittings);
        };
        let contests: Vec<RoundContest> = put.into_iter().map(|(_, p)| p).collect();
        self.setup(&contests)?;
        Ok(RoundDefinition {
            congress: self.manifest.congress.id.clone(),
            manifest_hash: self.manifest_hash,
            number: self.next_number(),
            sitting,
            contests,
        })
    }

    /// Checks that a recorded round is exactly what the rules call for at this point.
    pub fn check(&self, definition: &RoundDefinition) -> Result<(), RoundError> {
        let choices: Vec<ContestChoice> = definition
            .contests
            .iter()
            .map(|c| ContestChoice {
                contest: c.id.clone(),
                candidates: Some(c.candidates.iter().map(|p| p.id.clone()).collect()),
            })
            .collect();
        let expected = self.define(&choices)?;
        let mismatch = |detail: String| RoundError::Mismatch {
            number: definition.number,
            detail,
        };
        if definition.congress != expected.congress
            || definition.manifest_hash != expected.manifest_hash
        {
            return Err(mismatch(
                "it belongs to another congress or manifest".into(),
            ));
        }
        if definition.number != expected.number {
            return Err(mismatch(format!("it should be round {}", expected.number)));
        }
        if definition.sitting != expected.sitting {
            return Err(mismatch("its sitting is wrong".into()));
        }
        // `define` put the same contests in ballot order; any other order is the record's.
        let order =
            |contests: &[RoundContest]| contests.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        if order(&definition.contests) != order(&expected.contests) {
            return Err(mismatch(format!(
                "its contests should be in ballot order: {}",
                order(&expected.contests).join(", ")
            )));
        }
        for (got, want) in definition.contests.iter().zip(&expected.contests) {
            if got != want {
                return Err(mismatch(format!(
                    "contest \"{}\" should be {}",
                    want.id,
                    describe(want)
                )));
            }
        }
        Ok(())
    }

    /// Marks a defined round as open.
    pub fn begin(&mut self, definition: &RoundDefinition) -> Result<(), RoundError> {
        self.check(definition)?;
        for put in &definition.contests {
            self.contest_mut(&put.id)?.state = State::Open(definition.number);
        }
        self.rounds = definition.number;
        self.open = Some(definition.number);
        Ok(())
    }

    /// Counts the open round's ballots by the rules engine. `issued` gives the ballots issued
    /// for each contest and `turnout` the electorates' figures at closing.
    pub fn count(
        &self,
        definition: &RoundDefinition,
        ballots: &[LoggedBallot],
        issued: &BTreeMap<String, u32>,
        turnout: &[Turnout],
    ) -> Result<ElectionTally, RoundError> {
        let number = definition.number;
        let fail = |reason: String| RoundError::Count {
            round: number,
            reason,
        };
        let setup = self.setup(&definition.contests)?;
        let quorum = self.quorum(definition, turnout)?;
        let mut boxes: Vec<BallotBox> = definition
            .contests
            .iter()
            .map(|c| BallotBox {
                issued: issued.get(&c.id).copied().unwrap_or(0),
                sections: Vec::new(),
            })
            .collect();
        for (i, ballot) in ballots.iter().enumerate() {
            check_ballot(definition, ballot)
                .map_err(|reason| fail(format!("ballot {}: {reason}", i + 1)))?;
            for (id, marks) in &ballot.sections {
                let Some(position) = setup.contests().iter().position(|c| c.id().as_str() == id)
                else {
                    return Err(fail(format!(
                        "ballot {}: contest \"{id}\" is not on this round",
                        i + 1
                    )));
                };
                let section = Section::parse(&setup.contests()[position], marks).map_err(
                    |e: BallotError| fail(format!("ballot {}: {e} in contest \"{id}\"", i + 1)),
                )?;
                boxes[position].sections.push(section);
            }
        }
        Ok(tally_setup(&setup, quorum, &boxes))
    }

    /// Counts a sealed round from its opening (docs/sealed-ballots.md §9): each contest's
    /// totals, as the trustees' decryption gives them, by the same rules as [`Progress::count`].
    pub fn count_opened(
        &self,
        definition: &RoundDefinition,
        opened: &[ContestOpened],
        issued: &BTreeMap<String, u32>,
        turnout: &[Turnout],
    ) -> Result<ElectionTally, RoundError> {
        let setup = self.setup(&definition.contests)?;
        let quorum = self.quorum(definition, turnout)?;
        let totals = definition
            .contests
            .iter()
            .zip(setup.contests())
            .map(|(put, contest)| {
                let found = opened
                    .iter()
                    .find(|o| o.contest.as_str() == put.id)
                    .ok_or_else(|| RoundError::Count {
                        round: definition.number,
                        reason: format!("the opening has no contest \"{}\"", put.id),
                    })?;
                Ok(Totals::of_opened(
                    contest,
                    issued.get(&put.id).copied().unwrap_or(0),
                    found.returned,
                    found.listed.clone(),
                    &found.written,
                ))
            })
            .collect::<Result<Vec<_>, RoundError>>()?;
        Ok(tally_totals(&setup, quorum, &totals))
    }

    /// Whether the quorum held for a round, from its turnout at closing.
    fn quorum(
        &self,
        definition: &RoundDefinition,
        turnout: &[Turnout],
    ) -> Result<Quorum, RoundError> {
        let fail = |reason: String| RoundError::Count {
            round: definition.number,
            reason,
        };
        let electorate = match definition.sitting {
            Sitting::Congress => "all",
            body => body.as_str(),
        };
        let figures = turnout
            .iter()
            .find(|t| t.electorate == electorate)
            .ok_or_else(|| {
                fail(format!(
                    "the turnout of the \"{electorate}\" electorate is missing"
                ))
            })?;
        let attendance =
            Attendance::new(figures.entitled, figures.present).map_err(|e| fail(e.to_string()))?;
        Ok(Quorum::judge(self.manifest.profile.quorum, attendance))
    }

    /// Records a closed round's count: who is elected, and what each contest needs next.
    pub fn finish(
        &mut self,
        definition: &RoundDefinition,
        tally: &serde_json::Value,
    ) -> Result<(), RoundError> {
        let fail = |reason: String| RoundError::Count {
            round: definition.number,
            reason,
        };
        if self.open != Some(definition.number) {
            return Err(fail("the round is not open".into()));
        }
        let view = TallyView::deserialize(tally)
            .map_err(|e| fail(format!("the result's tally cannot be read: {e}")))?;
        for put in &definition.contests {
            let counted = view
                .contests
                .iter()
                .find(|c| c.id == put.id)
                .ok_or_else(|| fail(format!("the tally has no contest \"{}\"", put.id)))?;
            let contest = self.contest_mut(&put.id)?;
            let mut elected: Vec<&CandidateView> =
                counted.candidates.iter().filter(|c| c.elected).collect();
            elected.sort_by_key(|c| std::cmp::Reverse(c.for_));
            contest
                .elected
                .extend(elected.into_iter().map(|c| ElectedPerson {
                    // A written-in person elected in a re-vote has no delegate number.
                    id: c.id.clone().filter(|id| !is_written_in(id)),
                    name: c.name.clone(),
                    write_in: c.write_in,
                    round: definition.number,
                    for_: c.for_,
                }));
            contest.state = if counted.status == ContestStatus::Complete {
                State::Done
            } else {
                State::Counted {
                    round: definition.number,
                    put: put.clone(),
                    status: counted.status,
                    tied: counted
                        .tied
                        .iter()
                        .map(|p| (p.id.clone(), p.name.clone()))
                        .collect(),
                    open_seats: counted.open_seats,
                    votes: counted
                        .candidates
                        .iter()
                        .filter_map(|c| Some((c.id.clone()?, c.for_)))
                        .collect(),
                }
            };
        }
        self.open = None;
        Ok(())
    }

    /// Reduces a contest's seats to those elected, with the congress's consent (RULES.md §5.5):
    /// only after a shortfall, and only when the reduced number still fits RULES.md §6.
    pub fn reduce(&mut self, decision: &SeatReduction) -> Result<(), RoundError> {
        let refuse = |reason: &str| RoundError::Reduction {
            contest: decision.contest.clone(),
            reason: reason.to_owned(),
        };
        if decision.format != DECISION_FORMAT
            || decision.congress != self.manifest.congress.id
            || decision.manifest_hash != self.manifest_hash
        {
            return Err(refuse("the decision belongs to another congress or format"));
        }
        if decision.consent.trim().is_empty() {
            return Err(refuse(
                "record how the congress consented (for example the show of hands and its figures)",
            ));
        }
        if let Some(open) = self.open {
            return Err(RoundError::RoundOpen(open));
        }
        let members = self.manifest.congress.members;
        let contest = self.contest_mut(&decision.contest)?;
        let State::Counted {
            round,
            status: ContestStatus::Shortfall,
            ..
        } = contest.state
        else {
            return Err(refuse("only a shortfall leaves seats that may be reduced"));
        };
        if round != decision.after_round {
            return Err(refuse(&format!(
                "the contest's last round was round {round}, not round {}",
                decision.after_round
            )));
        }
        let elected = u32::try_from(contest.elected.len()).unwrap_or(u32::MAX);
        if decision.seats != elected {
            return Err(refuse(&format!(
                "the seats are reduced to those elected: {elected}"
            )));
        }
        if elected == 0 {
            return Err(refuse(
                "nobody has been elected, so there is nothing to reduce to",
            ));
        }
        if contest.part.kind == ContestKind::Committee {
            let range = SizeTable::ACFTU_2016.seats_for(members);
            if !range.contains(elected) {
                return Err(refuse(&format!(
                    "a committee of {elected} lies outside the range {}–{} for {members} members (2016 条例 Art. 8)",
                    range.min, range.max
                )));
            }
        }
        contest.seats = elected;
        contest.state = State::Done;
        Ok(())
    }

    /// The decision reducing a contest's seats to those elected after its shortfall, checked
    /// as [`Progress::reduce`] will check it.
    pub fn reduction(&self, contest: &str, consent: &str) -> Result<SeatReduction, RoundError> {
        let found = self.contest(contest)?;
        let State::Counted { round, .. } = found.state else {
            return Err(RoundError::Reduction {
                contest: contest.to_owned(),
                reason: "only a shortfall leaves seats that may be reduced".into(),
            });
        };
        let decision = SeatReduction {
            format: DECISION_FORMAT.to_owned(),
            congress: self.manifest.congress.id.clone(),
            manifest_hash: self.manifest_hash,
            contest: contest.to_owned(),
            after_round: round,
            seats: u32::try_from(found.elected.len()).unwrap_or(u32::MAX),
            consent: consent.trim().to_owned(),
        };
        self.clone().reduce(&decision)?;
        Ok(decision)
    }

    /// The publication, once every body is elected and no round is open.
    pub fn publication(
        &self,
        rounds: Vec<PublishedRound>,
        decisions: Vec<Digest>,
    ) -> Result<Publication, RoundError> {
        if let Some(open) = self.open {
            return Err(RoundError::RoundOpen(open));
        }
        let unfinished: Vec<&str> = self
            .contests
            .iter()
            .filter(|c| c.state != State::Done)
            .map(|c| c.part.id.as_str())
            .collect();
        if !unfinished.is_empty() {
            return Err(RoundError::Unfinished(format!(
                "contests still to be decided: {}",
                unfinished.join(", ")
            )));
        }
        Ok(Publication {
            format: PUBLICATION_FORMAT.to_owned(),
            congress: self.manifest.congress.id.clone(),
            manifest_hash: self.manifest_hash,
            rounds,
            decisions,
            bodies: self.bodies(),
        })
    }

    /// The members of the new committee with a delegate number: the plenary's roster.
    pub fn plenary_members(&self) -> Vec<String> {
        self.members(Sitting::Plenary)
    }

    /// Members elected to the committee so far: the plenary's entitled voters.
    pub fn committee_size(&self) -> u32 {
        self.body_size(Sitting::Plenary)
    }

    /// The members with a delegate number of the body that sits in `sitting`, elected so far:
    /// the roster of its first meeting (none for the congress).
    pub fn members(&self, sitting: Sitting) -> Vec<String> {
        self.body(sitting)
            .flat_map(|c| c.elected.iter().filter_map(|p| p.id.clone()))
            .collect()
    }

    /// Members elected so far to the body that sits in `sitting`: its meeting's entitled voters.
    pub fn body_size(&self, sitting: Sitting) -> u32 {
        let members: usize = self.body(sitting).map(|c| c.elected.len()).sum();
        u32::try_from(members).unwrap_or(u32::MAX)
    }

    /// Whether every contest of the body that sits in `sitting` is done, so that it may meet.
    pub fn body_complete(&self, sitting: Sitting) -> bool {
        sitting.body().is_some() && self.body(sitting).all(|c| c.state == State::Done)
    }

    /// The contests that elect the body sitting in `sitting` (none for the congress).
    fn body(&self, sitting: Sitting) -> impl Iterator<Item = &ContestProgress> {
        let kind = sitting.body();
        self.contests
            .iter()
            .filter(move |c| Some(c.part.kind) == kind)
    }

    fn contest(&self, id: &str) -> Result<&ContestProgress, RoundError> {
        self.contests
            .iter()
            .find(|c| c.part.id == id)
            .ok_or_else(|| RoundError::UnknownContest(id.to_owned()))
    }

    fn contest_mut(&mut self, id: &str) -> Result<&mut ContestProgress, RoundError> {
        self.contests
            .iter_mut()
            .find(|c| c.part.id == id)
            .ok_or_else(|| RoundError::UnknownContest(id.to_owned()))
    }

    fn position(&self, id: &str) -> usize {
        self.contests
            .iter()
            .position(|c| c.part.id == id)
            .unwrap_or(usize::MAX)
    }

    /// What the rules call for next in `contest`; `candidates` overrides the proposal of an
    /// additional round.
    fn follow_up(
        &self,
        contest: &ContestProgress,
        candidates: Option<&[String]>,
    ) -> Result<RoundContest, RoundError> {
        let id = &contest.part.id;
        let filled = u32::try_from(contest.elected.len()).unwrap_or(u32::MAX);
        let (round, seats, standing): (RoundKind, u32, Vec<CandidatePart>) = match &contest.state {
            State::Done => return Err(RoundError::Complete(id.clone())),
            State::Open(number) => return Err(RoundError::RoundOpen(*number)),
            State::Waiting => {
                let sitting = sitting(&contest.part);
                if sitting != Sitting::Congress
                    && self.body(sitting).any(|c| c.state != State::Done)
                {
                    return Err(RoundError::BodyIncomplete {
                        contest: id.clone(),
                        body: sitting.body_name(),
                    });
                }
                (RoundKind::Regular, contest.seats, self.may_stand(contest))
            }
            State::Counted {
                put,
                status,
                tied,
                open_seats,
                ..
            } => match status {
                // A void vote, or one without a quorum, is held again as it was.
                ContestStatus::Void | ContestStatus::NoQuorum => {
                    (put.round, put.seats, put.candidates.clone())
                }
                ContestStatus::Tie => {
                    let mut standing = Vec::new();
                    let mut written_in = 0;
                    for (number, name) in tied {
                        // A listed candidate, one standing again, or a member of the body
                        // written in at its meeting: as they stood.
                        let stood = number.as_deref().and_then(|number| {
                            put.candidates
                                .iter()
                                .chain(
                                    self.body(sitting(&contest.part))
                                        .flat_map(|c| &c.part.candidates),
                                )
                                .find(|c| c.id == number)
                        });
                        standing.push(match stood {
                            Some(stood) => stood.clone(),
                            // A person written in at the congress has no delegate number, and
                            // stands as the `n`th of them among the tied.
                            None => {
                                written_in += 1;
                                CandidatePart {
                                    id: CandidateId::written_in(written_in).to_string(),
                                    name: name.clone(),
                                    unit: String::new(),
                                }
                            }
                        });
                    }
                    (RoundKind::TieRevote, *open_seats, standing)
                }
                ContestStatus::Shortfall => {
                    let elected: BTreeSet<&str> = contest
                        .elected
                        .iter()
                        .filter_map(|p| p.id.as_deref())
                        .collect();
                    let eligible: Vec<CandidatePart> = self
                        .may_stand(contest)
                        .into_iter()
                        .filter(|c| !elected.contains(c.id.as_str()))
                        .collect();
                    (RoundKind::Additional, *open_seats, eligible)
                }
                ContestStatus::Complete => return Err(RoundError::Complete(id.clone())),
            },
        };
        let standing = match candidates {
            // Only an additional round's list is the congress's to choose (RULES.md §5.5).
            Some(chosen) if round == RoundKind::Additional => {
                if let Some(outsider) = self.outside_body(contest, chosen) {
                    let body = sitting(&contest.part).body_name();
                    return Err(RoundError::Candidates {
                        contest: id.clone(),
                        reason: format!(
                            "candidate {outsider} was not elected to {body}, and its members elect only from among themselves (《工会基层组织选举工作条例》(2016) 第三条)"
                        ),
                    });
                }
                choose(id, &standing, chosen)?
            }
            Some(chosen) => {
                let given: Vec<&str> = chosen.iter().map(String::as_str).collect();
                let fixed: Vec<&str> = standing.iter().map(|c| c.id.as_str()).collect();
                if given != fixed {
                    return Err(RoundError::Candidates {
                        contest: id.clone(),
                        reason: format!(
                            "the candidates of this round are fixed by the rules: {}",
                            fixed.join(", ")
                        ),
                    });
                }
                standing
            }
            None if round == RoundKind::Additional => self.proposal(contest, &standing, seats),
            None => standing,
        };
        Ok(RoundContest {
            id: id.clone(),
            round,
            seats,
            filled_earlier: if round == RoundKind::Regular
                && matches!(contest.state, State::Waiting)
            {
                0
            } else {
                filled
            },
            entitled: self.entitled(&contest.part),
            candidates: standing,
            styles: self.styles(&contest.part),
        })
    }

    /// Those of a contest's listed candidates who may stand in any round of it: everyone listed,
    /// except that a body's first meeting elects only from the body's members — the
    /// committee's plenary the chair and vice-chairs (2016 条例 Art. 3; 章程 Art. 27), the funds
    /// audit and the women workers' committees their heads (RULES.md §1) — so a listed candidate
    /// whom the congress did not elect to the body stands in none of its meeting's rounds,
    /// additional rounds included. In ballot order.
    fn may_stand(&self, contest: &ContestProgress) -> Vec<CandidatePart> {
        let sitting = sitting(&contest.part);
        if sitting == Sitting::Congress {
            return contest.part.candidates.clone();
        }
        let members = self.members(sitting);
        contest
            .part
            .candidates
            .iter()
            .filter(|c| members.contains(&c.id))
            .cloned()
            .collect()
    }

    /// The first of `chosen` listed for a body's contest who is not a member of the body.
    fn outside_body<'a>(
        &self,
        contest: &ContestProgress,
        chosen: &'a [String],
    ) -> Option<&'a String> {
        let sitting = sitting(&contest.part);
        if sitting == Sitting::Congress {
            return None;
        }
        let members = self.members(sitting);
        chosen.iter().find(|number| {
            !members.contains(number) && contest.part.candidates.iter().any(|c| &c.id == *number)
        })
    }

    /// The rules' proposal for an additional round: not-elected candidates in order of their
    /// votes in the last round, as many as the margin needs, more when they tie at the cut.
    fn proposal(
        &self,
        contest: &ContestProgress,
        eligible: &[CandidatePart],
        seats: u32,
    ) -> Vec<CandidatePart> {
        let margin = crate::election::contest::MarginRule::for_contest(
            contest.part.kind,
            RoundKind::Additional,
            &self.manifest.profile,
        );
        let needed = usize::try_from(margin.fewest_candidates(seats)).unwrap_or(usize::MAX);
        let last = match &contest.state {
            State::Counted { votes, .. } => Some(votes),
            _ => None,
        };
        let votes = |id: &str| -> u64 { last.and_then(|v| v.get(id)).copied().unwrap_or(0) };
        let mut ranked: Vec<&CandidatePart> = eligible.iter().collect();
        ranked.sort_by_key(|c| std::cmp::Reverse(votes(&c.id)));
        let cut = ranked.get(needed.saturating_sub(1)).map(|c| votes(&c.id));
        let chosen: BTreeSet<&str> = ranked
            .iter()
            .enumerate()
            .filter(|(i, c)| *i < needed || Some(votes(&c.id)) == cut)
            .map(|(_, c)| c.id.as_str())
            .collect();
        // Back in ballot order.
        eligible
            .iter()
            .filter(|c| chosen.contains(c.id.as_str()))
            .cloned()
            .collect()
    }

    fn entitled(&self, part: &ContestPart) -> u32 {
        let sitting = sitting(part);
        if sitting != Sitting::Congress {
            // A body's meeting is the body: every member elected to it.
            return self.body_size(sitting);
        }
        self.manifest
            .electorates
            .iter()
            .find(|e| e.id == part.electorate)
            .map_or(0, |e| e.entitled)
    }

    fn styles(&self, part: &ContestPart) -> Vec<String> {
        self.manifest
            .styles
            .iter()
            .filter(|s| s.contests.contains(&part.id))
            .map(|s| s.id.clone())
            .collect()
    }

    /// The rules engine's setup of a round's contests, margins and incompatibilities checked;
    /// a contest of a body's meeting knows the body's members, who alone may be written in.
    pub fn setup(&self, contests: &[RoundContest]) -> Result<Setup, RoundError> {
        let manifest = &self.manifest;
        let drafts = contests
            .iter()
            .map(|put| {
                let part = manifest
                    .contests
                    .iter()
                    .find(|c| c.id == put.id)
                    .ok_or_else(|| RoundError::UnknownContest(put.id.clone()))?;
                Ok(ContestDraft {
                    id: put.id.clone(),
                    kind: part.kind,
                    title: part.title.clone(),
                    seats: put.seats,
                    candidates: put
                        .candidates
                        .iter()
                        .map(|c| (c.id.clone(), c.name.clone()))
                        .collect(),
                    entitled: put.entitled,
                    round: put.round,
                    filled_earlier: put.filled_earlier,
                    members: self.member_names(sitting(part)),
                })
            })
            .collect::<Result<Vec<_>, RoundError>>()?;
        Setup::parse(SetupDraft {
            profile: manifest.profile,
            members: Some(manifest.congress.members),
            contests: drafts,
            scrutineers: manifest
                .scrutineers
                .iter()
                .map(|s| s.number.clone())
                .collect(),
        })
        .map_err(RoundError::Rules)
    }

    /// The delegate numbers and names of the members of the body that sits in `sitting`, elected
    /// so far; `None` for the congress.
    fn member_names(&self, sitting: Sitting) -> Option<Vec<(String, String)>> {
        sitting.body()?;
        Some(
            self.body(sitting)
                .flat_map(|c| &c.elected)
                .filter_map(|p| Some((p.id.clone()?, p.name.clone())))
                .collect(),
        )
    }
}

/// Who votes in a contest.
fn sitting(part: &ContestPart) -> Sitting {
    Sitting::of_electorate(&part.electorate)
}

/// The organiser's list for an additional round: a subset of the eligible, kept in ballot order.
fn choose(
    contest: &str,
    eligible: &[CandidatePart],
    chosen: &[String],
) -> Result<Vec<CandidatePart>, RoundError> {
    let refuse = |reason: String| RoundError::Candidates {
        contest: contest.to_owned(),
        reason,
    };
    let mut seen = BTreeSet::new();
    for number in chosen {
        if !seen.insert(number.as_str()) {
            return Err(refuse(format!("candidate {number} is named twice")));
        }
        if !eligible.iter().any(|c| &c.id == number) {
            return Err(refuse(format!(
                "candidate {number} may not stand in the additional round: it is held among the listed candidates not yet elected"
            )));
        }
    }
    Ok(eligible
        .iter()
        .filter(|c| seen.contains(c.id.as_str()))
        .cloned()
        .collect())
}

/// A round contest in words, for a mismatch.
fn describe(put: &RoundContest) -> String {
    let names: Vec<&str> = put.candidates.iter().map(|c| c.id.as_str()).collect();
    format!(
        "a {:?} ballot for {} seat(s) ({} filled earlier), {} entitled, candidates [{}], styles [{}]",
        put.round,
        put.seats,
        put.filled_earlier,
        put.entitled,
        names.join(", "),
        put.styles.join(", ")
    )
}

/// Checks that a ballot belongs to the round and holds exactly the contests of one style.
fn check_ballot(definition: &RoundDefinition, ballot: &LoggedBallot) -> Result<(), String> {
    if ballot.congress != definition.congress || ballot.round != definition.number {
        return Err(format!(
            "it belongs to congress \"{}\" round {}",
            ballot.congress, ballot.round
        ));
    }
    let on_ballot: BTreeSet<&str> = ballot.sections.keys().map(String::as_str).collect();
    let mut styles: BTreeSet<&str> = definition
        .contests
        .iter()
        .flat_map(|c| c.styles.iter().map(String::as_str))
        .collect();
    styles.retain(|style| {
        let of_style: BTreeSet<&str> = definition
            .contests
            .iter()
            .filter(|c| c.styles.iter().any(|s| s == style))
            .map(|c| c.id.as_str())
            .collect();
        of_style == on_ballot
    });
    if styles.is_empty() {
        return Err(format!(
            "its contests ({}) are not those of any ballot style of the round",
            on_ballot.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(())
}
