//! What a congress's setup must satisfy before anyone votes (RULES.md §§1–2, §6).
//!
//! [`Setup::parse`] checks every contest and the contests together, and reports *every* problem
//! at once, so an organiser can fix a setup in one pass. Problems that do not stop an election
//! (a committee size outside the table of 2016 条例 Art. 8) are [`Warning`]s.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::contest::{
    Candidate, Contest, ContestDraft, ContestKind, MAX_NAME_CHARS, MarginRule, RoundKind,
};
use super::ids::{CandidateId, ContestId, IdError};
use super::names::{self, NameError};
use super::profile::RuleProfile;
use super::size_table::{SeatRange, SizeTable};

/// A setup as entered, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetupDraft {
    /// The rule profile.
    pub profile: RuleProfile,
    /// The union's membership, for the committee-size table; `None` skips that check.
    pub members: Option<u32>,
    /// The contests, in the order they appear on the ballot.
    pub contests: Vec<ContestDraft>,
    /// Person ids of the scrutineers and tellers (监票人, 计票人).
    pub scrutineers: Vec<String>,
}

/// One reason a setup cannot be frozen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    /// A contest's id is not a valid identifier.
    #[error("contest {position}: {error}")]
    BadContestId {
        /// 1-based position of the contest.
        position: usize,
        /// What is wrong with the id.
        error: IdError,
    },
    /// Two contests share an id.
    #[error("contest \"{0}\" is defined twice")]
    DuplicateContest(ContestId),
    /// A contest's title is not one a ballot can print (docs/record-format.md §1).
    #[error("contest \"{contest}\": the title {error}")]
    BadTitle {
        /// The contest.
        contest: ContestId,
        /// What is wrong with it.
        error: NameError,
    },
    /// A contest has no seats.
    #[error("contest \"{0}\" must have at least 1 seat")]
    NoSeats(ContestId),
    /// A contest's electorate is empty.
    #[error("contest \"{0}\" must have at least 1 entitled voter")]
    NoneEntitled(ContestId),
    /// A candidate id is not a valid identifier.
    #[error("contest \"{contest}\": candidate {error}")]
    BadCandidateId {
        /// The contest.
        contest: ContestId,
        /// What is wrong with the id.
        error: IdError,
    },
    /// A candidate's name is not one a ballot can print (docs/record-format.md §1).
    #[error("contest \"{contest}\": the name of candidate \"{candidate}\" {error}")]
    BadName {
        /// The contest.
        contest: ContestId,
        /// The candidate.
        candidate: CandidateId,
        /// What is wrong with it.
        error: NameError,
    },
    /// A candidate stands twice on one list.
    #[error("contest \"{contest}\": candidate \"{candidate}\" is listed twice")]
    DuplicateCandidate {
        /// The contest.
        contest: ContestId,
        /// The candidate.
        candidate: CandidateId,
    },
    /// One person id carries two names.
    #[error(
        "candidate \"{candidate}\" is named \"{first}\" in one contest and \"{second}\" in another"
    )]
    TwoNames {
        /// The person.
        candidate: CandidateId,
        /// The first name seen.
        first: String,
        /// The other name.
        second: String,
    },
    /// Too few candidates for the seats under the contest's margin rule.
    #[error(
        "contest \"{contest}\": {candidates} candidates for {seats} seats is too few; \
         at least {needed} are needed ({rule})"
    )]
    TooFewCandidates {
        /// The contest.
        contest: ContestId,
        /// Seats to fill.
        seats: u32,
        /// Candidates listed.
        candidates: usize,
        /// The fewest allowed.
        needed: u64,
        /// Why that many.
        rule: MarginReason,
    },
    /// One person stands for both the committee and the funds audit committee.
    #[error(
        "candidate \"{candidate}\" stands for both the committee (\"{committee}\") and the funds \
         audit committee (\"{audit}\"); 工会委员与经审委员不能兼任"
    )]
    CommitteeAndAudit {
        /// The person.
        candidate: CandidateId,
        /// The committee contest.
        committee: ContestId,
        /// The audit-committee contest.
        audit: ContestId,
    },
    /// A candidate serves as a scrutineer or teller.
    #[error(
        "candidate \"{0}\" may not serve as a scrutineer or teller (候选人不得担任监票人、计票人)"
    )]
    CandidateIsScrutineer(CandidateId),
    /// A scrutineer id is not a valid identifier.
    #[error("scrutineer {0}")]
    BadScrutineerId(IdError),
    /// The membership was given as zero.
    #[error("the membership size must be at least 1")]
    NoMembers,
}

impl SetupError {
    /// A stable code for a page to say the problem in its reader's language, with
    /// [`SetupError::params`]; contests and persons are named by id (a person's id is the
    /// delegate number), for the caller to add titles and names.
    pub fn code(&self) -> &'static str {
        match self {
            SetupError::BadContestId { .. } => "setup_contest_id",
            SetupError::DuplicateContest(_) => "setup_contest_twice",
            SetupError::BadTitle { .. } => "setup_title_invalid",
            SetupError::NoSeats(_) => "setup_no_seats",
            SetupError::NoneEntitled(_) => "setup_none_entitled",
            SetupError::BadCandidateId { .. } => "setup_candidate_id",
            SetupError::BadName { .. } => "setup_name_invalid",
            SetupError::DuplicateCandidate { .. } => "setup_candidate_twice",
            SetupError::TwoNames { .. } => "setup_two_names",
            SetupError::TooFewCandidates { .. } => "setup_too_few_candidates",
            SetupError::CommitteeAndAudit { .. } => "setup_committee_and_audit",
            SetupError::CandidateIsScrutineer(_) => "setup_candidate_is_scrutineer",
            SetupError::BadScrutineerId(_) => "setup_scrutineer_id",
            SetupError::NoMembers => "setup_no_members",
        }
    }

    /// The parameters of [`SetupError::code`]: `contest` (an id), `number` (a person's id),
    /// counts, and a name problem as its code (`name_empty`, …).
    pub fn params(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            SetupError::BadContestId { position, error } => {
                json!({"position": position, "detail": error.to_string()})
            }
            SetupError::DuplicateContest(contest)
            | SetupError::NoSeats(contest)
            | SetupError::NoneEntitled(contest) => json!({"contest": contest}),
            SetupError::BadTitle { contest, error } => {
                json!({"contest": contest, "problem": error.code()})
            }
            SetupError::BadCandidateId { contest, error } => {
                json!({"contest": contest, "detail": error.to_string()})
            }
            SetupError::BadName {
                contest,
                candidate,
                error,
            } => json!({"contest": contest, "number": candidate, "problem": error.code()}),
            SetupError::DuplicateCandidate { contest, candidate } => {
                json!({"contest": contest, "number": candidate})
            }
            SetupError::TwoNames {
                candidate,
                first,
                second,
            } => json!({"number": candidate, "first": first, "second": second}),
            SetupError::TooFewCandidates {
                contest,
                seats,
                candidates,
                needed,
                rule,
            } => json!({
                "contest": contest, "seats": seats, "candidates": candidates, "needed": needed,
                "rule": rule.code(),
            }),
            SetupError::CommitteeAndAudit {
                candidate,
                committee,
                audit,
            } => json!({"number": candidate, "contest": committee, "audit": audit}),
            SetupError::CandidateIsScrutineer(candidate) => json!({"number": candidate}),
            SetupError::BadScrutineerId(error) => json!({"detail": error.to_string()}),
            SetupError::NoMembers => json!({}),
        }
    }
}

impl MarginReason {
    /// The margin rule's code: `five_percent`, `one_more` or `equal_allowed`.
    pub fn code(self) -> &'static str {
        match self.0 {
            MarginRule::FivePercent => "five_percent",
            MarginRule::OneMore => "one_more",
            MarginRule::EqualAllowed => "equal_allowed",
        }
    }
}

/// Why a contest needs the number of candidates it does, as said in an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarginReason(pub MarginRule);

impl fmt::Display for MarginReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            MarginRule::FivePercent => "差额选举: the margin must be at least 5 %",
            MarginRule::OneMore => "at least one more candidate than seats",
            MarginRule::EqualAllowed => "at least one candidate per seat",
        })
    }
}

/// Every problem found in a setup; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SetupProblems(pub Vec<SetupError>);

impl fmt::Display for SetupProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Something an organiser should see that does not stop the election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A stable code for machines, such as `committee_size`.
    pub code: &'static str,
    /// The contest concerned, if any.
    pub contest: Option<ContestId>,
    /// The parameters of `code`, for a page to say it in its reader's language. Never
    /// serialised: a tally's warnings are part of the signed record, whose format stays as it is
    /// (a page computes a tally warning's parameters from the record itself).
    #[serde(skip)]
    pub params: serde_json::Value,
    /// What to look at, in English.
    pub message: String,
}

/// A checked setup: the contests of one ballot paper and the rules they are counted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    profile: RuleProfile,
    members: Option<u32>,
    contests: Vec<Contest>,
    warnings: Vec<Warning>,
}

impl Setup {
    /// Checks a draft, returning every problem found.
    pub fn parse(draft: SetupDraft) -> Result<Setup, SetupProblems> {
        let mut problems = Vec::new();
        if draft.members == Some(0) {
            problems.push(SetupError::NoMembers);
        }
        let mut contests: Vec<Contest> = Vec::with_capacity(draft.contests.len());
        for (i, contest) in draft.contests.into_iter().enumerate() {
            match ContestId::parse(&contest.id) {
                Err(error) => problems.push(SetupError::BadContestId {
                    position: i + 1,
                    error,
                }),
                Ok(id) if contests.iter().any(|c| c.id == id) => {
                    problems.push(SetupError::DuplicateContest(id));
                }
                Ok(id) => {
                    if let Some(contest) = check_contest(id, contest, &draft.profile, &mut problems)
                    {
                        contests.push(contest);
                    }
                }
            }
        }
        check_persons(&contests, &mut problems);
        check_scrutineers(&contests, &draft.scrutineers, &mut problems);
        if !problems.is_empty() {
            return Err(SetupProblems(problems));
        }
        let warnings = size_warnings(&contests, draft.members, SizeTable::ACFTU_2016);
        Ok(Setup {
            profile: draft.profile,
            members: draft.members,
            contests,
            warnings,
        })
    }

    /// The rule profile.
    pub fn profile(&self) -> &RuleProfile {
        &self.profile
    }

    /// The membership, if given.
    pub fn members(&self) -> Option<u32> {
        self.members
    }

    /// The contests in ballot order.
    pub fn contests(&self) -> &[Contest] {
        &self.contests
    }

    /// Things an organiser should look at that do not stop the election.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The committee-size table in force.
    pub fn size_table(&self) -> SizeTable {
        SizeTable::ACFTU_2016
    }

    /// The seats the size table allows the union committee, when the membership is known.
    pub fn committee_range(&self) -> Option<SeatRange> {
        self.members
            .map(|members| self.size_table().seats_for(members))
    }
}

/// Checks one contest on its own; returns it when its id and candidates could be read, so that
/// cross-contest checks still run and report what they find.
fn check_contest(
    id: ContestId,
    draft: ContestDraft,
    profile: &RuleProfile,
    problems: &mut Vec<SetupError>,
) -> Option<Contest> {
    let title = names::read(&draft.title, MAX_NAME_CHARS).unwrap_or_else(|error| {
        problems.push(SetupError::BadTitle {
            contest: id.clone(),
            error,
        });
        draft.title.clone()
    });
    if draft.seats == 0 {
        problems.push(SetupError::NoSeats(id.clone()));
    }
    if draft.entitled == 0 {
        problems.push(SetupError::NoneEntitled(id.clone()));
    }
    let mut candidates: Vec<Candidate> = Vec::with_capacity(draft.candidates.len());
    // A tie re-vote may list persons written in earlier, under ids of their own (`~n`).
    let parse_id = match draft.round {
        RoundKind::TieRevote => CandidateId::parse_standing,
        _ => CandidateId::parse,
    };
    for (candidate_id, name) in &draft.candidates {
        let candidate_id = match parse_id(candidate_id) {
            Ok(candidate_id) => candidate_id,
            Err(error) => {
                problems.push(SetupError::BadCandidateId {
                    contest: id.clone(),
                    error,
                });
                continue;
            }
        };
        let name = names::read(name, MAX_NAME_CHARS).unwrap_or_else(|error| {
            problems.push(SetupError::BadName {
                contest: id.clone(),
                candidate: candidate_id.clone(),
                error,
            });
            name.clone()
        });
        if candidates.iter().any(|c| c.id == candidate_id) {
            problems.push(SetupError::DuplicateCandidate {
                contest: id.clone(),
                candidate: candidate_id,
            });
            continue;
        }
        candidates.push(Candidate {
            id: candidate_id,
            name,
        });
    }
    let rule = MarginRule::for_contest(draft.kind, draft.round, profile);
    let needed = rule.fewest_candidates(draft.seats);
    if draft.seats > 0 && (draft.candidates.len() as u64) < needed {
        problems.push(SetupError::TooFewCandidates {
            contest: id.clone(),
            seats: draft.seats,
            candidates: draft.candidates.len(),
            needed,
            rule: MarginReason(rule),
        });
    }
    // Members come from earlier rounds' tallies, whose ids were checked when they stood.
    let members = draft.members.map(|members| {
        members
            .iter()
            .filter_map(|(member, name)| {
                Some(Candidate {
                    id: CandidateId::parse(member).ok()?,
                    name: names::read(name, MAX_NAME_CHARS).ok()?,
                })
            })
            .collect()
    });
    Some(Contest {
        id,
        kind: draft.kind,
        title,
        seats: draft.seats,
        candidates,
        entitled: draft.entitled,
        round: draft.round,
        filled_earlier: draft.filled_earlier,
        members,
    })
}

/// Checks the persons across contests: one name per person, and nobody on both the committee
/// and the funds audit committee lists (工会委员与经审委员不能兼任).
fn check_persons<'a>(contests: &'a [Contest], problems: &mut Vec<SetupError>) {
    let mut names: BTreeMap<&CandidateId, &str> = BTreeMap::new();
    let mut committee: BTreeMap<&CandidateId, &ContestId> = BTreeMap::new();
    // A written-in person standing in a re-vote (`~n`) is known by that contest alone.
    let persons =
        |contest: &'a Contest| contest.candidates.iter().filter(|c| !c.id.is_written_in());
    for contest in contests {
        for candidate in persons(contest) {
            match names.get(&candidate.id) {
                Some(first) if *first != candidate.name => problems.push(SetupError::TwoNames {
                    candidate: candidate.id.clone(),
                    first: (*first).to_owned(),
                    second: candidate.name.clone(),
                }),
                Some(_) => {}
                None => {
                    names.insert(&candidate.id, &candidate.name);
                }
            }
            if contest.kind == ContestKind::Committee {
                committee.entry(&candidate.id).or_insert(&contest.id);
            }
        }
    }
    for audit in contests
        .iter()
        .filter(|c| c.kind == ContestKind::AuditCommittee)
    {
        for candidate in persons(audit) {
            if let Some(committee) = committee.get(&candidate.id) {
                problems.push(SetupError::CommitteeAndAudit {
                    candidate: candidate.id.clone(),
                    committee: (*committee).clone(),
                    audit: audit.id.clone(),
                });
            }
        }
    }
}

/// A candidate may not serve as a scrutineer or teller (候选人不得担任监票人、计票人).
fn check_scrutineers(contests: &[Contest], scrutineers: &[String], problems: &mut Vec<SetupError>) {
    for scrutineer in scrutineers {
        let id = match CandidateId::parse(scrutineer) {
            Ok(id) => id,
            Err(error) => {
                problems.push(SetupError::BadScrutineerId(error));
                continue;
            }
        };
        let stands = contests
            .iter()
            .any(|c| c.candidates.iter().any(|p| p.id == id));
        if stands {
            problems.push(SetupError::CandidateIsScrutineer(id));
        }
    }
}

/// Warns when a first-round union committee's seats lie outside the size table (2016 条例 Art. 8).
fn size_warnings(contests: &[Contest], members: Option<u32>, table: SizeTable) -> Vec<Warning> {
    let Some(members) = members else {
        return Vec::new();
    };
    let range = table.seats_for(members);
    contests
        .iter()
        .filter(|c| c.kind == ContestKind::Committee && c.round == super::RoundKind::Regular)
        .filter(|c| !range.contains(c.seats))
        .map(|c| Warning {
            code: "committee_size",
            contest: Some(c.id.clone()),
            params: serde_json::json!({
                "contest": c.id, "seats": c.seats, "min": range.min, "max": range.max,
                "members": members, "table": table.version,
            }),
            message: format!(
                "contest \"{}\": {} seats is outside {}–{} for a union of {} members \
                 (2016 条例 Art. 8, table {})",
                c.id, c.seats, range.min, range.max, members, table.version
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::election::{ChairMargin, RoundKind};

    fn draft(id: &str, kind: ContestKind, seats: u32, candidates: &[&str]) -> ContestDraft {
        ContestDraft {
            id: id.into(),
            kind,
            title: format!("{id} title"),
            seats,
            candidates: candidates
                .iter()
                .map(|c| (c.to_string(), format!("name {c}")))
                .collect(),
            entitled: 100,
            round: RoundKind::Regular,
            filled_earlier: 0,
            members: None,
        }
    }

    fn ids(n: usize, prefix: &str) -> Vec<String> {
        (1..=n).map(|i| format!("{prefix}{i:02}")).collect()
    }

    fn parse(contests: Vec<ContestDraft>) -> Result<Setup, SetupProblems> {
        Setup::parse(SetupDraft {
            contests,
            ..SetupDraft::default()
        })
    }

    fn committee(seats: u32, candidates: usize) -> Result<Setup, SetupProblems> {
        let names = ids(candidates, "c");
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        parse(vec![draft(
            "committee",
            ContestKind::Committee,
            seats,
            &names,
        )])
    }

    #[test]
    fn twenty_one_candidates_for_twenty_seats_is_a_sufficient_margin() {
        // RULES.md §8 case 3.
        assert!(committee(20, 21).is_ok());
        assert!(committee(21, 23).is_ok());
    }

    #[test]
    fn twenty_two_candidates_for_twenty_one_seats_is_refused() {
        // RULES.md §8 case 3: 22 is only 4.76 %.
        let problems = committee(21, 22).unwrap_err();
        assert!(matches!(
            problems.0.as_slice(),
            [SetupError::TooFewCandidates {
                seats: 21,
                candidates: 22,
                needed: 23,
                ..
            }]
        ));
        assert!(problems.to_string().contains("at least 23 are needed"));
    }

    #[test]
    fn an_equal_chair_list_depends_on_the_profile() {
        let chair = vec![draft("chair", ContestKind::Chair, 1, &["p1"])];
        assert!(parse(chair.clone()).is_ok());
        let strict = RuleProfile {
            chair_margin: ChairMargin::CompetitiveRequired,
            ..RuleProfile::default()
        };
        let problems = Setup::parse(SetupDraft {
            profile: strict,
            contests: chair,
            ..SetupDraft::default()
        });
        assert!(matches!(
            problems.unwrap_err().0.as_slice(),
            [SetupError::TooFewCandidates { needed: 2, .. }]
        ));
    }

    #[test]
    fn one_person_on_the_committee_and_the_audit_committee_is_refused() {
        let problems = parse(vec![
            draft("committee", ContestKind::Committee, 2, &["a", "b", "c"]),
            draft("audit", ContestKind::AuditCommittee, 1, &["c", "d"]),
        ])
        .unwrap_err();
        assert_eq!(
            problems.0,
            vec![SetupError::CommitteeAndAudit {
                candidate: CandidateId::parse("c").unwrap(),
                committee: ContestId::parse("committee").unwrap(),
                audit: ContestId::parse("audit").unwrap(),
            }]
        );
    }

    #[test]
    fn a_committee_member_may_also_stand_for_the_womens_committee() {
        assert!(
            parse(vec![
                draft("committee", ContestKind::Committee, 2, &["a", "b", "c"]),
                draft("women", ContestKind::WomenCommittee, 1, &["a", "d"]),
            ])
            .is_ok()
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad_names = draft("women", ContestKind::WomenCommittee, 1, &["x", "x", "y"]);
        bad_names.candidates[2].1 = "  ".into();
        let problems = parse(vec![
            draft("committee", ContestKind::Committee, 0, &[]),
            draft("committee", ContestKind::Chair, 1, &["p"]),
            draft("bad id", ContestKind::Other, 1, &["p"]),
            bad_names,
        ])
        .unwrap_err()
        .0;
        assert!(problems.contains(&SetupError::NoSeats(ContestId::parse("committee").unwrap())));
        assert!(problems.contains(&SetupError::DuplicateContest(
            ContestId::parse("committee").unwrap()
        )));
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, SetupError::BadContestId { position: 3, .. }))
        );
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, SetupError::DuplicateCandidate { .. }))
        );
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, SetupError::BadName { .. }))
        );
    }

    #[test]
    fn one_person_with_two_names_is_refused() {
        let mut women = draft("women", ContestKind::WomenCommittee, 1, &["a", "z"]);
        women.candidates[0].1 = "另一个名字".into();
        let problems = parse(vec![
            draft("committee", ContestKind::Committee, 2, &["a", "b", "c"]),
            women,
        ]);
        assert!(matches!(
            problems.unwrap_err().0.as_slice(),
            [SetupError::TwoNames { .. }]
        ));
    }

    #[test]
    fn a_candidate_may_not_be_a_scrutineer() {
        let problems = Setup::parse(SetupDraft {
            contests: vec![draft(
                "committee",
                ContestKind::Committee,
                2,
                &["a", "b", "c"],
            )],
            scrutineers: vec!["b".into(), "s1".into()],
            ..SetupDraft::default()
        });
        assert_eq!(
            problems.unwrap_err().0,
            vec![SetupError::CandidateIsScrutineer(
                CandidateId::parse("b").unwrap()
            )]
        );
    }

    #[test]
    fn a_committee_outside_the_size_table_is_a_warning_not_an_error() {
        let names = ids(10, "c");
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let setup = Setup::parse(SetupDraft {
            members: Some(180),
            contests: vec![draft("committee", ContestKind::Committee, 9, &names)],
            ..SetupDraft::default()
        })
        .unwrap();
        assert_eq!(setup.warnings().len(), 1);
        assert_eq!(setup.warnings()[0].code, "committee_size");
        assert!(setup.warnings()[0].message.contains("outside 3–7"));
    }
}
