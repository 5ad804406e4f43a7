//! Properties of the count that hold for every ballot box (STYLE.md §8): proptest draws
//! contests and ballots at random and checks each.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ballotbox::election::setup::SetupDraft;
use ballotbox::election::tally::{BallotBox, ContestTally, tally_contest};
use ballotbox::election::{
    ContestDraft, ContestKind, ContestStatus, Marks, RoundKind, Section, Setup,
};
use proptest::prelude::*;

const WRITE_IN_POOL: [&str; 3] = ["赵六", "钱七", " 孙八"];

/// One voter's marks: per candidate 0 = unmarked, 1 = for, 2 = against, 3 = abstain; and
/// indices into the write-in pool.
type Paper = (Vec<u8>, Vec<usize>);

#[derive(Debug, Clone)]
struct Election {
    seats: u32,
    candidates: usize,
    entitled: u32,
    round: RoundKind,
    papers: Vec<Paper>,
}

fn election() -> impl Strategy<Value = Election> {
    (
        1_u32..=5,
        0_usize..=3,
        1_u32..=60,
        prop_oneof![Just(RoundKind::Regular), Just(RoundKind::TieRevote)],
    )
        .prop_flat_map(|(seats, extra, entitled, round)| {
            let candidates = seats as usize + extra + usize::from(round == RoundKind::TieRevote);
            let write_ins = if round == RoundKind::TieRevote { 0 } else { 2 };
            let paper = (
                prop::collection::vec(0_u8..4, candidates),
                prop::collection::vec(0..WRITE_IN_POOL.len(), 0..=write_ins),
            );
            // Leave room for one more ballot than drawn, so a blank can be added.
            let papers = prop::collection::vec(paper, 0..entitled as usize);
            (
                Just(seats),
                Just(candidates),
                Just(entitled),
                Just(round),
                papers,
            )
        })
        .prop_map(|(seats, candidates, entitled, round, papers)| Election {
            seats,
            candidates,
            entitled,
            round,
            papers,
        })
}

impl Election {
    fn setup(&self) -> Setup {
        let contest = ContestDraft {
            id: "contest".into(),
            kind: ContestKind::Other,
            title: "委员".into(),
            seats: self.seats,
            candidates: (0..self.candidates)
                .map(|i| (format!("c{i}"), format!("候选人{i}")))
                .collect(),
            entitled: self.entitled,
            round: self.round,
            filled_earlier: 0,
            members: None,
        };
        Setup::parse(SetupDraft {
            contests: vec![contest],
            ..SetupDraft::default()
        })
        .expect("a valid setup")
    }

    fn sections(&self, setup: &Setup) -> Vec<Section> {
        self.papers
            .iter()
            .map(|paper| section(setup, paper))
            .collect()
    }

    fn tally(&self, sections: Vec<Section>) -> ContestTally {
        let setup = self.setup();
        let ballots = BallotBox {
            issued: self.entitled,
            sections,
        };
        tally_contest(&setup, &setup.contests()[0], true, &ballots)
    }
}

fn section(setup: &Setup, (marks, write_ins): &Paper) -> Section {
    let mut out = Marks::default();
    for (i, mark) in marks.iter().enumerate() {
        let id = format!("c{i}");
        match mark {
            1 => out.for_.push(id),
            2 => out.against.push(id),
            3 => out.abstain.push(id),
            _ => {}
        }
    }
    out.write_ins = write_ins
        .iter()
        .map(|&w| WRITE_IN_POOL[w].to_owned())
        .collect();
    Section::parse(&setup.contests()[0], &out).expect("generated marks are readable")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_more_elected_than_seats(election in election()) {
        let setup = election.setup();
        let tally = election.tally(election.sections(&setup));
        prop_assert!(tally.elected.len() <= election.seats as usize);
        prop_assert_eq!(tally.elected.len() as u32 + tally.open_seats, election.seats);
        if tally.status == ContestStatus::Complete {
            prop_assert_eq!(tally.open_seats, 0);
        }
        if tally.status == ContestStatus::Tie {
            prop_assert!(tally.tied.len() as u32 > tally.open_seats);
        }
    }

    #[test]
    fn everyone_elected_reaches_the_threshold(election in election()) {
        let setup = election.setup();
        let tally = election.tally(election.sections(&setup));
        for person in &tally.elected {
            let votes = tally.candidates.iter().find(|c| &c.person == person).map(|c| c.for_);
            prop_assert!(votes >= Some(tally.threshold), "{:?} has {:?}", person, votes);
        }
        if election.round == RoundKind::Regular {
            prop_assert_eq!(tally.threshold, u64::from(election.entitled) / 2 + 1);
        }
    }

    #[test]
    fn every_valid_ballot_gives_each_listed_candidate_one_mark(election in election()) {
        let setup = election.setup();
        let tally = election.tally(election.sections(&setup));
        for candidate in tally.candidates.iter().filter(|c| !c.person.write_in) {
            prop_assert_eq!(candidate.for_ + candidate.against + candidate.abstain, tally.valid);
        }
        prop_assert_eq!(tally.valid + tally.invalid, tally.returned);
    }

    #[test]
    fn the_order_of_the_ballots_never_changes_the_result(
        (election, order) in election().prop_flat_map(|e| {
            let order = Just((0..e.papers.len()).collect::<Vec<_>>()).prop_shuffle();
            (Just(e), order)
        })
    ) {
        let setup = election.setup();
        let sections = election.sections(&setup);
        let shuffled = order.iter().map(|&i| sections[i].clone()).collect();
        prop_assert_eq!(election.tally(sections), election.tally(shuffled));
    }

    #[test]
    fn a_blank_ballot_changes_no_candidates_votes(election in election()) {
        let setup = election.setup();
        let sections = election.sections(&setup);
        let before = election.tally(sections.clone());
        let mut with_blank = sections;
        with_blank.push(Section::blank());
        let after = election.tally(with_blank);
        prop_assert_eq!(after.returned, before.returned + 1);
        prop_assert_eq!(after.valid, before.valid + 1);
        prop_assert_eq!(after.threshold, before.threshold);
        for (a, b) in after.candidates.iter().zip(&before.candidates) {
            prop_assert_eq!(&a.person, &b.person);
            prop_assert_eq!((a.for_, a.against, a.elected), (b.for_, b.against, b.elected));
        }
        prop_assert_eq!(after.status, before.status);
        prop_assert_eq!(after.elected, before.elected);
    }
}
