//! The worked cases of RULES.md §8, and the other rules of §§2–5, counted through the count
//! sheet exactly as `ballotbox tally` reads it.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ballotbox::election::{ContestStatus, CountSheet, ElectionTally, NextStep, SheetError};
use serde_json::{Value, json};

/// A contest of `seats` seats whose listed candidates `c1…cn` receive exactly `votes` *for*
/// votes, cast on `returned` ballots of which none is over-voted.
struct Case {
    kind: &'static str,
    seats: u32,
    votes: Vec<u64>,
    entitled: u32,
    present: u32,
    issued: u32,
    returned: u32,
    round: &'static str,
    profile: Value,
}

impl Case {
    fn new(seats: u32, votes: &[u64], entitled: u32) -> Case {
        Case {
            kind: "other",
            seats,
            votes: votes.to_vec(),
            entitled,
            present: entitled,
            issued: entitled,
            returned: entitled,
            round: "regular",
            profile: json!({}),
        }
    }

    fn sheet(&self) -> Value {
        let candidates: Vec<Value> = (1..=self.votes.len())
            .map(|i| json!({"id": format!("c{i}"), "name": format!("候选人{i}")}))
            .collect();
        json!({
            "profile": self.profile,
            "entitled": self.entitled,
            "present": self.present,
            "contests": [{
                "id": "contest", "kind": self.kind, "title": "委员", "seats": self.seats,
                "candidates": candidates, "issued": self.issued, "round": self.round,
            }],
            "ballots": spread(&self.votes, self.seats, self.returned),
        })
    }

    fn tally(&self) -> ElectionTally {
        count(&self.sheet())
    }
}

/// Ballots that give candidate `c{i+1}` exactly `votes[i]` *for* marks with at most `seats`
/// marks a ballot: each ballot marks the candidates with the most votes still to give.
fn spread(votes: &[u64], seats: u32, ballots: u32) -> Vec<Value> {
    let mut left = votes.to_vec();
    let out: Vec<Value> = (0..ballots)
        .map(|_| {
            let mut order: Vec<usize> = (0..left.len()).filter(|&i| left[i] > 0).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(left[i]));
            order.truncate(seats as usize);
            order.sort();
            let marked: Vec<String> = order.iter().map(|&i| format!("c{}", i + 1)).collect();
            for &i in &order {
                left[i] -= 1;
            }
            json!({"contest": {"for": marked}})
        })
        .collect();
    assert!(
        left.iter().all(|&l| l == 0),
        "votes {votes:?} do not fit {ballots} ballots of {seats} seats"
    );
    out
}

fn count(sheet: &Value) -> ElectionTally {
    CountSheet::parse(&sheet.to_string())
        .expect("the sheet is well formed")
        .tally()
}

fn elected(tally: &ElectionTally) -> Vec<String> {
    tally.contests[0]
        .elected
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

fn names(indices: &[usize]) -> Vec<String> {
    indices.iter().map(|i| format!("候选人{i}")).collect()
}

#[test]
fn case_1_exactly_two_thirds_present_proceeds_by_default_and_not_under_the_strict_profile() {
    let mut case = Case::new(1, &[60], 90);
    case.present = 60;
    case.issued = 60;
    case.returned = 60;
    assert!(case.tally().quorum.met);
    assert_eq!(case.tally().contests[0].status, ContestStatus::Complete);

    case.profile = json!({"quorum": "more_than_two_thirds"});
    let tally = case.tally();
    assert!(!tally.quorum.met);
    assert_eq!(tally.quorum.required, 61);
    assert_eq!(tally.contests[0].status, ContestStatus::NoQuorum);
    assert!(tally.contests[0].elected.is_empty());
    assert_eq!(tally.contests[0].next, NextStep::EstablishQuorum);
}

#[test]
fn case_2_sixty_six_of_a_hundred_is_refused_and_sixty_seven_proceeds() {
    let mut case = Case::new(1, &[60], 100);
    for (present, met) in [(66, false), (67, true)] {
        case.present = present;
        case.issued = present;
        case.returned = present;
        let tally = case.tally();
        assert_eq!(tally.quorum.met, met, "present {present}");
        assert_eq!(tally.quorum.required, 67);
    }
}

#[test]
fn case_3_a_committee_needs_a_five_percent_margin() {
    let setup_error = |seats: u32, candidates: usize| {
        let mut case = Case::new(seats, &vec![0; candidates], 100);
        case.kind = "committee";
        CountSheet::parse(&case.sheet().to_string()).err()
    };
    assert_eq!(setup_error(20, 21), None);
    assert_eq!(setup_error(21, 23), None);
    let refused = setup_error(21, 22).expect("21 seats with 22 candidates is refused");
    assert!(matches!(refused, SheetError::Setup(_)));
    assert_eq!(
        refused.to_string(),
        "contest \"contest\": 22 candidates for 21 seats is too few; at least 23 are needed \
         (差额选举: the margin must be at least 5 %)"
    );
}

#[test]
fn case_4_the_base_is_those_entitled_not_those_present() {
    for (votes, is_elected) in [(50, false), (51, true)] {
        let mut case = Case::new(1, &[votes], 100);
        case.present = 70;
        case.issued = 70;
        case.returned = 70;
        let tally = case.tally();
        assert_eq!(tally.contests[0].threshold, 51);
        assert_eq!(!elected(&tally).is_empty(), is_elected, "{votes} votes");
    }
}

#[test]
fn case_5_exactly_half_is_not_enough() {
    assert!(elected(&Case::new(1, &[30], 60).tally()).is_empty());
    assert_eq!(elected(&Case::new(1, &[31], 60).tally()), names(&[1]));
}

#[test]
fn case_6_when_more_pass_than_seats_the_top_ones_take_them() {
    let tally = Case::new(5, &[45, 40, 38, 30, 29, 27], 50).tally();
    let contest = &tally.contests[0];
    assert_eq!(contest.threshold, 26);
    assert_eq!(contest.status, ContestStatus::Complete);
    assert_eq!(elected(&tally), names(&[1, 2, 3, 4, 5]));
}

#[test]
fn case_7_a_tie_inside_the_seats_needs_no_revote() {
    let tally = Case::new(3, &[35, 30, 30, 22], 40).tally();
    assert_eq!(tally.contests[0].threshold, 21);
    assert_eq!(tally.contests[0].status, ContestStatus::Complete);
    assert_eq!(elected(&tally), names(&[1, 2, 3]));
    assert!(tally.contests[0].tied.is_empty());
}

#[test]
fn case_8_a_tie_at_the_cut_sends_the_tied_to_a_revote() {
    let tally = Case::new(3, &[35, 30, 25, 25], 40).tally();
    let contest = &tally.contests[0];
    assert_eq!(contest.status, ContestStatus::Tie);
    assert_eq!(elected(&tally), names(&[1, 2]));
    let tied: Vec<String> = contest.tied.iter().map(|p| p.name.clone()).collect();
    assert_eq!(tied, names(&[3, 4]));
    assert_eq!(contest.open_seats, 1);
    assert!(
        matches!(&contest.next, NextStep::TieRevote { seats: 1, candidates } if candidates.len() == 2)
    );
}

#[test]
fn case_9_a_shortfall_leaves_the_elected_standing_and_seats_open() {
    let mut case = Case::new(7, &[80, 75, 70, 60, 51, 50, 40, 30], 100);
    case.kind = "committee";
    let tally = case.tally();
    let contest = &tally.contests[0];
    assert_eq!(contest.status, ContestStatus::Shortfall);
    assert_eq!(elected(&tally), names(&[1, 2, 3, 4, 5]));
    assert_eq!(contest.open_seats, 2);
    let NextStep::FillOpenSeats {
        open_seats,
        proposed,
        enough_candidates,
        seat_reduction,
    } = &contest.next
    else {
        panic!("expected an additional round, got {:?}", contest.next);
    };
    assert_eq!(*open_seats, 2);
    // At least one more candidate than open seats, in order of votes.
    let proposed: Vec<(String, u64)> = proposed
        .iter()
        .map(|p| (p.person.name.clone(), p.for_))
        .collect();
    assert_eq!(
        proposed,
        vec![
            ("候选人6".into(), 50),
            ("候选人7".into(), 40),
            ("候选人8".into(), 30)
        ]
    );
    assert!(enough_candidates);
    // Without the membership, a reduction of the union committee cannot be judged.
    assert_eq!(seat_reduction.seats, 5);
    assert_eq!(seat_reduction.allowed, None);
}

#[test]
fn a_seat_reduction_is_allowed_only_within_the_size_table() {
    for (members, allowed) in [(180, Some(true)), (500, Some(false))] {
        let mut case = Case::new(7, &[80, 75, 70, 60, 51, 50, 40, 30], 100);
        case.kind = "committee";
        let mut sheet = case.sheet();
        sheet["members"] = json!(members);
        let tally = count(&sheet);
        let NextStep::FillOpenSeats { seat_reduction, .. } = &tally.contests[0].next else {
            panic!("expected a shortfall");
        };
        // 5 seats: within 3–7 for 180 members, outside 7–15 for 500.
        assert_eq!(seat_reduction.allowed, allowed, "{members} members");
    }
}

#[test]
fn case_10_over_voted_sections_are_invalid_and_add_no_votes() {
    let candidates: Vec<Value> = (1..=7)
        .map(|i| json!({"id": format!("c{i}"), "name": format!("候选人{i}")}))
        .collect();
    let sheet = json!({
        "entitled": 10, "present": 10,
        "contests": [{"id": "committee", "kind": "committee", "title": "委员", "seats": 5,
                      "candidates": candidates, "issued": 10}],
        "ballots": [
            {"committee": {"for": ["c1", "c2", "c3", "c4", "c5", "c6"]}},
            {"committee": {"for": ["c1", "c2", "c3", "c4", "c5"], "write_ins": ["赵六"]}},
            {"committee": {"for": ["c1", "c2", "c3", "c4"], "against": ["c5", "c6"]}},
        ],
    });
    let tally = count(&sheet);
    let contest = &tally.contests[0];
    assert_eq!(
        (contest.returned, contest.valid, contest.invalid),
        (3, 1, 2)
    );
    assert_eq!(contest.candidates[0].for_, 1);
    assert_eq!(contest.candidates[5].against, 1);
    // The write-in was on an invalid section: it is counted nowhere.
    assert!(contest.candidates.iter().all(|c| !c.person.write_in));
}

#[test]
fn case_11_more_returned_than_issued_voids_the_contest_alone() {
    let mut case = Case::new(1, &[79], 100);
    case.issued = 80;
    case.returned = 81;
    let void = case.tally();
    assert_eq!(void.contests[0].status, ContestStatus::Void);
    assert!(void.contests[0].elected.is_empty());
    assert_eq!(void.contests[0].next, NextStep::RepeatVote);

    case.returned = 79;
    assert_eq!(case.tally().contests[0].status, ContestStatus::Complete);
}

#[test]
fn a_void_contest_does_not_void_the_others_on_the_ballot() {
    let sheet = json!({
        "entitled": 10, "present": 10,
        "contests": [
            {"id": "committee", "kind": "committee", "title": "委员", "seats": 1,
             "candidates": [{"id": "a", "name": "甲"}, {"id": "b", "name": "乙"}], "issued": 10},
            {"id": "audit", "kind": "audit_committee", "title": "经审委员", "seats": 1,
             "candidates": [{"id": "c", "name": "丙"}, {"id": "d", "name": "丁"}], "issued": 5},
        ],
        "ballots": (0..6).map(|_| json!({"committee": {"for": ["a"]}, "audit": {"for": ["c"]}})).collect::<Vec<_>>(),
    });
    let tally = count(&sheet);
    assert_eq!(tally.contests[0].status, ContestStatus::Complete);
    assert_eq!(tally.contests[1].status, ContestStatus::Void);
}

#[test]
fn case_12_a_write_in_beats_an_unopposed_chair_candidate() {
    // RULES.md gives 40 for the candidate and 45 for the write-in with E = 80, but one seat
    // lets each ballot choose one person, so the votes cannot exceed 80: 35 and 45 here.
    let ballots: Vec<Value> = (0..80)
        .map(|i| match i {
            0..35 => json!({"chair": {"for": ["p1"]}}),
            35..55 => json!({"chair": {"against": ["p1"], "write_ins": [" 赵六 "]}}),
            _ => json!({"chair": {"write_ins": ["赵六"]}}),
        })
        .collect();
    let sheet = json!({
        "entitled": 80, "present": 80,
        "contests": [{"id": "chair", "kind": "chair", "title": "主席", "seats": 1,
                      "candidates": [{"id": "p1", "name": "王芳"}], "issued": 80}],
        "ballots": ballots,
    });
    let tally = count(&sheet);
    let contest = &tally.contests[0];
    assert_eq!(contest.threshold, 41);
    let votes: Vec<(&str, u64, bool)> = contest
        .candidates
        .iter()
        .map(|c| (c.person.name.as_str(), c.for_, c.elected))
        .collect();
    assert_eq!(votes, vec![("王芳", 35, false), ("赵六", 45, true)]);
    assert_eq!(contest.elected.len(), 1);
    assert!(contest.elected[0].write_in);
    assert_eq!(contest.elected[0].id, None);
    assert!(
        tally.warnings.iter().any(|w| w.code == "write_in_elected"),
        "flagged for the higher union"
    );
}

#[test]
fn more_ballots_issued_than_delegates_present_is_refused() {
    let mut case = Case::new(1, &[10], 100);
    case.present = 70;
    case.issued = 71;
    case.returned = 70;
    let error = CountSheet::parse(&case.sheet().to_string()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "contest \"contest\": issued (71) exceeds the delegates present (70)"
    );
}

#[test]
fn case_13_a_blank_ballot_is_returned_and_valid_and_changes_nothing_else() {
    let base = Case::new(2, &[30, 20, 10], 40);
    let before = base.tally();
    let mut sheet = base.sheet();
    sheet["contests"][0]["issued"] = json!(40);
    sheet["ballots"].as_array_mut().unwrap()[39] = json!({"contest": {}});
    let after = count(&sheet);
    let (b, a) = (&before.contests[0], &after.contests[0]);
    assert_eq!((a.returned, a.valid, a.invalid), (40, 40, 0));
    assert_eq!(a.threshold, b.threshold);
    for (x, y) in a.candidates.iter().zip(&b.candidates) {
        assert_eq!((x.for_, x.against), (y.for_, y.against));
    }
}

#[test]
fn case_14_an_additional_round_elects_only_those_above_the_threshold() {
    let mut case = Case::new(2, &[52, 50, 49], 100);
    case.kind = "committee";
    case.round = "additional";
    let tally = case.tally();
    let contest = &tally.contests[0];
    assert_eq!(elected(&tally), names(&[1]));
    assert_eq!(contest.status, ContestStatus::Shortfall);
    assert_eq!(contest.open_seats, 1);
}

#[test]
fn an_additional_round_needs_one_more_candidate_than_open_seats() {
    let mut case = Case::new(2, &[52, 50], 100);
    case.kind = "committee";
    case.round = "additional";
    let error = CountSheet::parse(&case.sheet().to_string()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("at least one more candidate than seats"),
        "{error}"
    );
}

#[test]
fn a_tie_revote_is_won_by_the_most_votes_unless_the_profile_asks_for_a_majority() {
    let mut case = Case::new(1, &[30, 20], 100);
    case.round = "tie_revote";
    let plurality = case.tally();
    assert_eq!(plurality.contests[0].threshold, 1);
    assert_eq!(plurality.contests[0].majority, 51);
    assert_eq!(elected(&plurality), names(&[1]));

    case.profile = json!({"tie_revote_needs_majority": true});
    let majority = case.tally();
    assert!(elected(&majority).is_empty());
    assert_eq!(majority.contests[0].status, ContestStatus::Shortfall);
}

#[test]
fn a_tie_revote_can_tie_again() {
    let mut case = Case::new(1, &[25, 25], 100);
    case.round = "tie_revote";
    assert_eq!(case.tally().contests[0].status, ContestStatus::Tie);
}

#[test]
fn the_proposals_for_an_additional_round_include_everyone_tied_at_the_cut() {
    let tally = Case::new(3, &[60, 55, 40, 40, 40, 10], 100).tally();
    let NextStep::FillOpenSeats {
        open_seats: 1,
        proposed,
        ..
    } = &tally.contests[0].next
    else {
        panic!("expected one open seat, got {:?}", tally.contests[0].next);
    };
    // One open seat needs two proposals; three are tied at 40, so all three are proposed.
    assert_eq!(proposed.len(), 3);
}

#[test]
fn abstentions_include_the_unmarked() {
    let sheet = json!({
        "entitled": 5, "present": 5,
        "contests": [{"id": "x", "kind": "other", "title": "委员", "seats": 1,
                      "candidates": [{"id": "a", "name": "甲"}, {"id": "b", "name": "乙"}], "issued": 5}],
        "ballots": [
            {"x": {"for": ["a"], "against": ["b"]}},
            {"x": {"for": ["a"]}},
            {"x": {"abstain": ["a"], "for": ["b"]}},
            {"x": {}},
        ],
    });
    let tally = count(&sheet);
    let [a, b] = &tally.contests[0].candidates[..] else {
        panic!("two candidates")
    };
    assert_eq!((a.for_, a.against, a.abstain), (2, 0, 2));
    assert_eq!((b.for_, b.against, b.abstain), (1, 1, 2));
}

#[test]
fn the_elected_are_listed_by_votes_highest_first() {
    let tally = Case::new(3, &[45, 60, 50, 10], 80).tally();
    assert_eq!(elected(&tally), names(&[2, 3, 1]));
}

#[test]
fn a_contest_missing_from_a_ballot_is_not_returned_for_that_contest() {
    let sheet = json!({
        "entitled": 10, "present": 10,
        "contests": [
            {"id": "x", "kind": "other", "title": "甲组", "seats": 1, "candidates": [{"id": "a", "name": "甲"}], "issued": 10},
            {"id": "y", "kind": "other", "title": "乙组", "seats": 1, "candidates": [{"id": "b", "name": "乙"}], "issued": 10},
        ],
        "ballots": [{"x": {"for": ["a"]}}, {"x": {}, "y": {}}],
    });
    let tally = count(&sheet);
    assert_eq!(tally.contests[0].returned, 2);
    assert_eq!(tally.contests[1].returned, 1);
}
