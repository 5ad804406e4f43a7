//! The count: who is elected, and what must happen next (RULES.md §5).
//!
//! Source: 2016 条例 — 被选举人获得应到会有选举权人数的过半数赞成票始得当选; 收回的选票多于发出的
//! 选票, 选举无效; 票数相等不能确定当选人时, 应当就票数相等的被选举人再次投票, 以得票多的当选.
//! Each contest is judged on its own, every count is an integer, and nothing depends on the
//! order ballots arrive in.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::ballot::Section;
use super::contest::{Contest, ContestKind, MAX_NAME_CHARS, MarginRule, RoundKind};
use super::ids::{CandidateId, ContestId};
use super::names;
use super::profile::RuleProfile;
use super::quorum::Quorum;
use super::setup::{Setup, Warning};
use super::size_table::SeatRange;

/// The ballots of one contest in one round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BallotBox {
    /// Ballots issued for the contest (发出).
    pub issued: u32,
    /// The contest's sections of the ballots returned (收回), valid or not.
    pub sections: Vec<Section>,
}

/// A person as a result names them: a listed candidate (with an id) or a write-in (without).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The candidate's id; `None` for a write-in, except a member of the body written in at
    /// its own meeting, who is known by their delegate number.
    pub id: Option<CandidateId>,
    /// The name.
    pub name: String,
    /// Whether the person was written in (另选他人) rather than listed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub write_in: bool,
}

/// One person's votes in a contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateTally {
    /// Who.
    #[serde(flatten)]
    pub person: Person,
    /// 赞成.
    #[serde(rename = "for")]
    pub for_: u64,
    /// 不赞成.
    pub against: u64,
    /// 弃权, including unmarked; always 0 for a write-in.
    pub abstain: u64,
    /// Whether the person took a seat.
    pub elected: bool,
}

/// How a contest ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContestStatus {
    /// Every seat is filled.
    Complete,
    /// Fewer passed the threshold than there are seats.
    Shortfall,
    /// A tie straddles the last seat.
    Tie,
    /// More ballots returned than issued: the vote is void and must be held again.
    Void,
    /// The congress lacked its quorum, so nobody is elected in any contest.
    NoQuorum,
}

/// A candidate proposed for an additional round, with the votes that rank them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// Who.
    #[serde(flatten)]
    pub person: Person,
    /// Their *for* votes in this round.
    #[serde(rename = "for")]
    pub for_: u64,
}

/// Whether the congress could reduce the seats instead of holding an additional round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatReduction {
    /// The body's seats if reduced to those elected.
    pub seats: u32,
    /// Whether that is allowed; `None` when it cannot be judged without the membership.
    pub allowed: Option<bool>,
    /// The committee-size range it was judged against, for the union committee.
    pub range: Option<SeatRange>,
    /// Why, for people.
    pub reason: String,
}

/// What the congress must do next for a contest (RULES.md §5.1, §5.4, §5.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum NextStep {
    /// Nothing: every seat is filled.
    None,
    /// Re-vote among the tied for the seats left (就票数相等的被选举人再次投票).
    TieRevote {
        /// Seats the re-vote fills.
        seats: u32,
        /// The tied candidates, who alone stand.
        candidates: Vec<Person>,
    },
    /// Fill the open seats by an additional round (另行选举), or reduce the seats with the
    /// congress's recorded consent where [`SeatReduction::allowed`].
    FillOpenSeats {
        /// Seats still open.
        open_seats: u32,
        /// Not-elected listed candidates in order of votes, as many as the additional round's
        /// margin needs (more when they tie at the cut); the congress chooses among them.
        proposed: Vec<Proposal>,
        /// Whether the proposals reach the additional round's margin.
        enough_candidates: bool,
        /// The alternative of reducing the seats.
        seat_reduction: SeatReduction,
    },
    /// The vote is void and must be held again (应重新选举).
    RepeatVote,
    /// No vote may be held until two thirds are present.
    EstablishQuorum,
}

/// The count of one contest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContestTally {
    /// The contest.
    pub id: ContestId,
    /// The body elected.
    pub kind: ContestKind,
    /// The ballot title.
    pub title: String,
    /// Which round this ballot was.
    pub round: RoundKind,
    /// Seats to fill in this round.
    pub seats: u32,
    /// Entitled voters of the contest's electorate: the base of the majority.
    pub entitled: u32,
    /// More than half of `entitled`: ⌊E/2⌋ + 1.
    pub majority: u64,
    /// The fewest *for* votes that can elect in this round: the majority, or 1 in a tie
    /// re-vote won by the most votes.
    pub threshold: u64,
    /// 发出.
    pub issued: u32,
    /// 收回.
    pub returned: u64,
    /// 有效.
    pub valid: u64,
    /// 无效.
    pub invalid: u64,
    /// How the contest ended.
    pub status: ContestStatus,
    /// Every listed candidate in ballot order, then write-ins by votes.
    pub candidates: Vec<CandidateTally>,
    /// Those elected, by votes, highest first.
    pub elected: Vec<Person>,
    /// Seats not filled by this round.
    pub open_seats: u32,
    /// Candidates tied at the last seat.
    pub tied: Vec<Person>,
    /// What the congress must do next.
    pub next: NextStep,
}

/// The count of a whole ballot paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionTally {
    /// Whether voting could proceed.
    pub quorum: Quorum,
    /// The profile the count applied.
    pub profile: RuleProfile,
    /// The committee-size table consulted.
    pub size_table: &'static str,
    /// Each contest, in ballot order.
    pub contests: Vec<ContestTally>,
    /// Things to look at that do not change the result.
    pub warnings: Vec<Warning>,
}

/// More than half of `entitled` (过半数): ⌊E/2⌋ + 1. Exactly half is not enough.
pub fn majority(entitled: u32) -> u64 {
    u64::from(entitled) / 2 + 1
}

/// Counts every contest of `setup`; `boxes[i]` holds the ballots of `setup.contests()[i]`.
pub fn tally_setup(setup: &Setup, quorum: Quorum, boxes: &[BallotBox]) -> ElectionTally {
    let totals: Vec<Totals> = setup
        .contests()
        .iter()
        .zip(boxes)
        .map(|(contest, ballots)| Totals::of_sections(contest, ballots))
        .collect();
    tally_totals(setup, quorum, &totals)
}

/// Counts every contest of `setup` from its totals; `totals[i]` adds up the ballots of
/// `setup.contests()[i]`. The rules need nothing else (RULES.md §5), so a round whose ballots
/// are sealed is counted from its decrypted totals by the same rules as one read ballot by
/// ballot.
pub fn tally_totals(setup: &Setup, quorum: Quorum, totals: &[Totals]) -> ElectionTally {
    let contests: Vec<ContestTally> = setup
        .contests()
        .iter()
        .zip(totals)
        .map(|(contest, totals)| tally_contest_totals(setup, contest, quorum.met, totals))
        .collect();
    let mut warnings = setup.warnings().to_vec();
    warnings.extend(contests.iter().flat_map(|contest| {
        contest.elected.iter().filter(|p| p.write_in).map(|person| Warning {
            code: "write_in_elected",
            contest: Some(contest.id.clone()),
            params: serde_json::json!({"contest": contest.id, "name": person.name}),
            message: format!(
                "contest \"{}\": {} was elected as a write-in (另选他人); report for the higher \
                 union's approval",
                contest.id, person.name
            ),
        })
    }));
    ElectionTally {
        quorum,
        profile: *setup.profile(),
        size_table: setup.size_table().version,
        contests,
        warnings,
    }
}

/// One person's running count.
struct Entry {
    person: Person,
    for_: u64,
    against: u64,
}

/// One contest's ballots added up: every figure the count needs (RULES.md §5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Ballots issued for the contest (发出).
    pub issued: u32,
    /// Sections returned (收回), valid or not.
    pub returned: u64,
    /// Of those, the valid ones: the only ones that add votes (RULES.md §4).
    pub valid: u64,
    /// Each listed candidate's (*for*, *against*) votes, in ballot order.
    pub listed: Vec<(u64, u64)>,
    /// Each written-in person's *for* votes, by normalised name.
    pub written_in: BTreeMap<String, u64>,
}

impl Totals {
    /// Adds up the marks of a ballot box's valid sections; invalid sections are returned but
    /// add nothing (RULES.md §4).
    pub fn of_sections(contest: &Contest, ballots: &BallotBox) -> Totals {
        let mut totals = Totals {
            issued: ballots.issued,
            returned: ballots.sections.len() as u64,
            listed: vec![(0, 0); contest.candidates().len()],
            ..Totals::default()
        };
        // Each increment adds one per section, so no count can exceed the number of sections,
        // which fits in u64.
        for section in ballots
            .sections
            .iter()
            .filter(|s| s.is_valid(contest.seats()))
        {
            totals.valid += 1;
            // A section parsed against this contest holds only positions on its list.
            for &position in section.for_positions() {
                if let Some((for_, _)) = totals.listed.get_mut(position) {
                    *for_ += 1;
                }
            }
            for &position in section.against_positions() {
                if let Some((_, against)) = totals.listed.get_mut(position) {
                    *against += 1;
                }
            }
            for name in section.write_ins() {
                *totals.written_in.entry(name.clone()).or_insert(0) += 1;
            }
        }
        totals
    }
}

impl Totals {
    /// The totals of a contest of a sealed round, from its opening (docs/sealed-ballots.md §9):
    /// each listed candidate's decrypted (*for*, *against*) votes, and for each section that
    /// holds write-ins the names read from its used lines. A sealed section is valid by its
    /// proofs, so every section returned is valid. A name is one *for* vote for a written-in
    /// person, once per section, when it can name one: a name §1 of record-format.md refuses,
    /// a listed candidate's name (whom the kiosk has the voter mark instead, and whose marks on
    /// the section stay sealed) and, at a body's meeting, anyone but one of its members add
    /// nothing.
    pub fn of_opened(
        contest: &Contest,
        issued: u32,
        returned: u64,
        listed: Vec<(u64, u64)>,
        written: &[Vec<String>],
    ) -> Totals {
        let mut written_in = BTreeMap::new();
        for section in written {
            let persons: BTreeSet<String> = section
                .iter()
                .filter_map(|name| names::read(name, MAX_NAME_CHARS).ok())
                .filter(|name| !contest.candidates().iter().any(|c| &c.name == name))
                .filter(|name| contest.members().is_none() || contest.member_named(name).is_some())
                .collect();
            for person in persons {
                *written_in.entry(person).or_insert(0) += 1;
            }
        }
        Totals {
            issued,
            returned,
            valid: returned,
            listed,
            written_in,
        }
    }
}

/// A contest's totals as the ranking reads them.
struct Counted {
    /// Listed candidates in ballot order, then write-ins by votes (names breaking ties).
    entries: Vec<Entry>,
    /// How many of `entries` are listed candidates.
    listed: usize,
    valid: u64,
}

/// Who the ranking elects and who is tied at the last seat, as indices into the entries.
struct Ranking {
    status: ContestStatus,
    elected: Vec<usize>,
    tied: Vec<usize>,
}

/// Counts one contest of `setup` from its ballot box.
pub fn tally_contest(
    setup: &Setup,
    contest: &Contest,
    quorum_met: bool,
    ballots: &BallotBox,
) -> ContestTally {
    tally_contest_totals(
        setup,
        contest,
        quorum_met,
        &Totals::of_sections(contest, ballots),
    )
}

/// Counts one contest of `setup` from its totals.
pub fn tally_contest_totals(
    setup: &Setup,
    contest: &Contest,
    quorum_met: bool,
    totals: &Totals,
) -> ContestTally {
    let seats = contest.seats();
    let Counted {
        entries,
        listed,
        valid,
    } = entries(contest, totals);
    let returned = totals.returned;
    let majority = majority(contest.entitled());
    let threshold = match contest.round() {
        RoundKind::TieRevote if !setup.profile().tie_revote_needs_majority => 1,
        _ => majority,
    };
    let ranking = if !quorum_met {
        Ranking {
            status: ContestStatus::NoQuorum,
            elected: Vec::new(),
            tied: Vec::new(),
        }
    } else if returned > u64::from(totals.issued) {
        Ranking {
            status: ContestStatus::Void,
            elected: Vec::new(),
            tied: Vec::new(),
        }
    } else {
        rank(&entries, seats, threshold)
    };
    let Ranking {
        status,
        elected,
        tied,
    } = ranking;
    let open_seats = match status {
        ContestStatus::Complete => 0,
        _ => seats.saturating_sub(u32::try_from(elected.len()).unwrap_or(u32::MAX)),
    };

    let people = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| entries[i].person.clone())
            .collect::<Vec<_>>()
    };
    let next = match status {
        ContestStatus::Complete => NextStep::None,
        ContestStatus::Tie => NextStep::TieRevote {
            seats: open_seats,
            candidates: people(&tied),
        },
        ContestStatus::Shortfall => {
            fill_open_seats(setup, contest, &entries[..listed], &elected, open_seats)
        }
        ContestStatus::Void => NextStep::RepeatVote,
        ContestStatus::NoQuorum => NextStep::EstablishQuorum,
    };
    ContestTally {
        id: contest.id().clone(),
        kind: contest.kind(),
        title: contest.title().to_owned(),
        round: contest.round(),
        seats,
        entitled: contest.entitled(),
        majority,
        threshold,
        issued: totals.issued,
        returned,
        valid,
        invalid: returned - valid,
        status,
        elected: people(&elected),
        tied: people(&tied),
        open_seats,
        next,
        candidates: entries
            .iter()
            .enumerate()
            .map(|(i, e)| CandidateTally {
                person: e.person.clone(),
                for_: e.for_,
                against: e.against,
                // A valid section gives each listed candidate exactly one of for, against or
                // abstain (unmarked counts as abstain); a write-in has only *for* votes.
                abstain: if i < listed {
                    // Totals that hold more marks than valid sections (which no ballot can
                    // give) leave nobody abstaining rather than a wrapped count.
                    valid.saturating_sub(e.for_ + e.against)
                } else {
                    0
                },
                elected: elected.contains(&i),
            })
            .collect(),
    }
}

/// The persons a contest's totals name, with their votes: the listed candidates in ballot
/// order, then the written-in persons by votes.
fn entries(contest: &Contest, totals: &Totals) -> Counted {
    let mut entries: Vec<Entry> = contest
        .candidates()
        .iter()
        .zip(totals.listed.iter().chain(std::iter::repeat(&(0, 0))))
        .map(|(c, &(for_, against))| Entry {
            person: Person {
                id: Some(c.id.clone()),
                name: c.name.clone(),
                // A person written in earlier who stands in a tie re-vote (`~n`).
                write_in: c.id.is_written_in(),
            },
            for_,
            against,
        })
        .collect();
    let listed = entries.len();
    let mut written: Vec<Entry> = totals
        .written_in
        .iter()
        .map(|(name, &for_)| Entry {
            person: Person {
                // A member written in at a body's meeting is known by their delegate number.
                id: contest.member_named(name).map(|m| m.id.clone()),
                name: name.clone(),
                write_in: true,
            },
            for_,
            against: 0,
        })
        .collect();
    // Stable, so names (the map's order) break ties and the order is total.
    written.sort_by_key(|e| Reverse(e.for_));
    entries.extend(written);
    Counted {
        entries,
        listed,
        valid: totals.valid,
    }
}

/// Ranks those reaching `threshold` by RULES.md §5.2–5.5: the top ones take the seats; a tie
/// straddling the last seat fills the seats above it and sends the tied to a re-vote; a tie
/// wholly inside the seats needs none.
fn rank(entries: &[Entry], seats: u32, threshold: u64) -> Ranking {
    let mut passed: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].for_ >= threshold)
        .collect();
    // Stable: equal votes keep ballot order, then write-ins.
    passed.sort_by_key(|&i| Reverse(entries[i].for_));
    let seats = usize::try_from(seats).unwrap_or(usize::MAX);
    let ranking = |status, elected| Ranking {
        status,
        elected,
        tied: Vec::new(),
    };
    // A checked setup has at least one seat; with none, nobody can be elected.
    let Some(last) = seats.checked_sub(1) else {
        return ranking(ContestStatus::Complete, Vec::new());
    };
    if passed.len() <= seats {
        let status = if passed.len() == seats {
            ContestStatus::Complete
        } else {
            ContestStatus::Shortfall
        };
        return ranking(status, passed);
    }
    let last_seat = entries[passed[last]].for_;
    let first_out = entries[passed[seats]].for_;
    if first_out < last_seat {
        passed.truncate(seats);
        return ranking(ContestStatus::Complete, passed);
    }
    let (elected, tied) = passed
        .into_iter()
        .filter(|&i| entries[i].for_ >= last_seat)
        .partition(|&i| entries[i].for_ > last_seat);
    Ranking {
        status: ContestStatus::Tie,
        elected,
        tied,
    }
}

/// The next step after a shortfall: the additional round's proposed candidates, and whether
/// reducing the seats instead would be allowed (RULES.md §5.5, §6).
fn fill_open_seats(
    setup: &Setup,
    contest: &Contest,
    listed: &[Entry],
    elected: &[usize],
    open_seats: u32,
) -> NextStep {
    let mut remaining: Vec<&Entry> = listed
        .iter()
        .enumerate()
        .filter(|(i, _)| !elected.contains(i))
        .map(|(_, e)| e)
        .collect();
    remaining.sort_by_key(|e| Reverse(e.for_));
    let needed = MarginRule::for_contest(contest.kind(), RoundKind::Additional, setup.profile())
        .fewest_candidates(open_seats);
    let needed = usize::try_from(needed).unwrap_or(usize::MAX);
    let mut take = needed.min(remaining.len());
    // Nobody tied with the last proposed is left out on ballot order alone.
    if let Some(last) = take.checked_sub(1).map(|i| remaining[i].for_) {
        while take < remaining.len() && remaining[take].for_ == last {
            take += 1;
        }
    }
    let proposed: Vec<Proposal> = remaining[..take]
        .iter()
        .map(|e| Proposal {
            person: e.person.clone(),
            for_: e.for_,
        })
        .collect();
    NextStep::FillOpenSeats {
        open_seats,
        enough_candidates: proposed.len() >= needed,
        proposed,
        seat_reduction: seat_reduction(setup, contest, open_seats),
    }
}

/// Whether the body may shrink to the seats filled, with the congress's recorded consent.
fn seat_reduction(setup: &Setup, contest: &Contest, open_seats: u32) -> SeatReduction {
    let seats = contest
        .filled_earlier()
        .saturating_add(contest.seats().saturating_sub(open_seats));
    if seats == 0 {
        return SeatReduction {
            seats,
            allowed: Some(false),
            range: None,
            reason: "nobody has been elected, so there is nothing to reduce to".into(),
        };
    }
    if contest.kind() != ContestKind::Committee {
        return SeatReduction {
            seats,
            allowed: Some(true),
            range: None,
            reason: "the committee-size table (2016 条例 Art. 8) does not bind this body".into(),
        };
    }
    match setup.committee_range() {
        None => SeatReduction {
            seats,
            allowed: None,
            range: None,
            reason: "give the union's membership to judge it against 2016 条例 Art. 8".into(),
        },
        Some(range) => SeatReduction {
            seats,
            allowed: Some(range.contains(seats)),
            range: Some(range),
            reason: format!(
                "a committee of {seats} {} the range {}–{} (2016 条例 Art. 8)",
                if range.contains(seats) {
                    "fits"
                } else {
                    "falls outside"
                },
                range.min,
                range.max
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::election::setup::SetupDraft;
    use crate::election::{ContestDraft, Marks, RuleProfile};

    fn setup(seats: u32, candidates: &[&str], entitled: u32) -> Setup {
        meeting(seats, candidates, entitled, None)
    }

    fn meeting(
        seats: u32,
        candidates: &[&str],
        entitled: u32,
        members: Option<Vec<(String, String)>>,
    ) -> Setup {
        let draft = ContestDraft {
            id: "chair".into(),
            kind: ContestKind::Other,
            title: "主席".into(),
            seats,
            candidates: candidates
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("c{}", i + 1), (*n).to_owned()))
                .collect(),
            entitled,
            round: RoundKind::Regular,
            filled_earlier: 0,
            members,
        };
        Setup::parse(SetupDraft {
            profile: RuleProfile::default(),
            contests: vec![draft],
            ..SetupDraft::default()
        })
        .unwrap()
    }

    #[test]
    fn a_contest_is_counted_from_its_totals_alone_as_from_its_ballots() {
        // RULES.md §8 case 12: E = 80, the unopposed candidate 40, a write-in 45 — from totals,
        // as a sealed round's decryption gives them.
        let setup = setup(1, &["王芳"], 80);
        let contest = &setup.contests()[0];
        let totals = Totals {
            issued: 85,
            returned: 85,
            valid: 85,
            listed: vec![(40, 30)],
            written_in: [("赵六".to_owned(), 45)].into(),
        };
        let tally = tally_contest_totals(&setup, contest, true, &totals);
        assert_eq!(tally.status, ContestStatus::Complete);
        assert_eq!(tally.elected.len(), 1);
        assert_eq!(
            (tally.elected[0].name.as_str(), tally.elected[0].write_in),
            ("赵六", true)
        );
        assert_eq!(tally.candidates[0].abstain, 15);

        // The same figures read ballot by ballot give the same tally.
        let mut sections = Vec::new();
        for i in 0..85 {
            let marks = match i {
                0..40 => Marks {
                    for_: vec!["c1".into()],
                    ..Marks::default()
                },
                40..70 => Marks {
                    against: vec!["c1".into()],
                    ..Marks::default()
                },
                _ => Marks {
                    write_ins: vec!["赵六".into()],
                    ..Marks::default()
                },
            };
            sections.push(Section::parse(contest, &marks).unwrap());
        }
        // 70..85 write in 赵六: 15, so 30 more come from ballots that also mark 王芳 against.
        for section in sections.iter_mut().skip(40).take(30) {
            *section = Section::parse(
                contest,
                &Marks {
                    against: vec!["c1".into()],
                    write_ins: vec!["赵六".into()],
                    ..Marks::default()
                },
            )
            .unwrap();
        }
        let ballots = BallotBox {
            issued: 85,
            sections,
        };
        assert_eq!(Totals::of_sections(contest, &ballots), totals);
        assert_eq!(tally_contest(&setup, contest, true, &ballots), tally);
    }

    #[test]
    fn a_sealed_contest_counts_each_eligible_person_written_in_once_a_section() {
        let setup = setup(1, &["王芳"], 10);
        let contest = &setup.contests()[0];
        let written = [
            vec!["赵六".to_owned(), " 赵\u{200b}六".to_owned()],
            vec!["王芳".to_owned()],
            vec!["赵六".to_owned(), "孙\u{202e}七".to_owned()],
        ];
        let totals = Totals::of_opened(contest, 6, 5, vec![(2, 1)], &written);
        assert_eq!(totals.valid, 5);
        // One person written twice on a section once; the listed 王芳 and a name with a
        // right-to-left override add nothing.
        assert_eq!(totals.written_in, [("赵六".to_owned(), 2)].into());
        let tally = tally_contest_totals(&setup, contest, true, &totals);
        assert_eq!(tally.candidates[0].abstain, 2);
    }

    #[test]
    fn a_sealed_meeting_counts_only_its_members_written_in() {
        let members = vec![
            ("c1".to_owned(), "王芳".to_owned()),
            ("m2".to_owned(), "李强".to_owned()),
        ];
        let setup = meeting(1, &["王芳"], 2, Some(members));
        let contest = &setup.contests()[0];
        let written = [vec!["李强".to_owned()], vec!["赵六".to_owned()]];
        let totals = Totals::of_opened(contest, 2, 2, vec![(0, 0)], &written);
        assert_eq!(totals.written_in, [("李强".to_owned(), 1)].into());
        let tally = tally_contest_totals(&setup, contest, true, &totals);
        assert_eq!(
            tally.candidates[1].person.id.as_ref().map(|id| id.as_str()),
            Some("m2")
        );
    }

    #[test]
    fn totals_beyond_what_ballots_can_give_do_not_wrap() {
        let setup = setup(1, &["王芳", "李强"], 10);
        let totals = Totals {
            issued: 5,
            returned: 5,
            valid: 5,
            listed: vec![(4, 3), (1, 0)],
            written_in: BTreeMap::new(),
        };
        let tally = tally_contest_totals(&setup, &setup.contests()[0], true, &totals);
        assert_eq!(tally.candidates[0].abstain, 0);
    }
}
