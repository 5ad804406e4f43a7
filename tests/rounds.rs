//! Which round may follow which (RULES.md §5): the progress of a congress as the server and the
//! verifier both read it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;

use ballotbox::election::RoundKind;
use ballotbox::record::rounds::{ContestChoice, RoundError};
use fixtures::{Builder, founding_manifest, founding_round_one};

fn choose(contest: &str, candidates: Option<&[&str]>) -> ContestChoice {
    ContestChoice {
        contest: contest.to_owned(),
        candidates: candidates.map(|c| c.iter().map(|s| (*s).to_owned()).collect()),
    }
}

#[test]
fn the_plenary_waits_until_every_committee_seat_is_filled() {
    let builder = Builder::new(founding_manifest(150));
    let error = builder
        .progress
        .define(&[choose("chair", None)])
        .unwrap_err();
    assert!(
        matches!(error, RoundError::CommitteeIncomplete(_)),
        "{error}"
    );
}

#[test]
fn the_congress_and_the_plenary_vote_on_separate_ballots() {
    let mut builder = Builder::new(founding_manifest(150));
    founding_round_one(&mut builder);
    builder
        .reduce("committee", 1, 4, fixtures::CONSENT)
        .unwrap();
    let error = builder
        .progress
        .define(&[choose("audit", None), choose("chair", None)])
        .unwrap_err();
    assert_eq!(error, RoundError::MixedSittings);
}

#[test]
fn a_tie_is_re_voted_among_the_tied_alone_and_its_list_is_fixed() {
    let mut builder = Builder::new(founding_manifest(150));
    founding_round_one(&mut builder);
    let revote = builder.progress.define(&[choose("audit", None)]).unwrap();
    let audit = &revote.contests[0];
    assert_eq!(audit.round, RoundKind::TieRevote);
    let tied: Vec<&str> = audit.candidates.iter().map(|c| c.id.as_str()).collect();
    // In ballot order: 吴刚 (吴, 7 strokes) before 周杰 (周, 8).
    assert_eq!(
        (tied, audit.seats, audit.filled_earlier),
        (vec!["d04", "d03"], 1, 2)
    );
    let error = builder
        .progress
        .define(&[choose("audit", Some(&["d03", "d04", "d01"]))])
        .unwrap_err();
    assert!(error.to_string().contains("fixed by the rules"), "{error}");
}

#[test]
fn an_additional_round_stands_only_listed_candidates_not_yet_elected() {
    let mut builder = Builder::new(founding_manifest(150));
    founding_round_one(&mut builder);
    // The committee fell one short: its additional round is proposed with the margin's two.
    let proposed = builder
        .progress
        .define(&[choose("committee", None)])
        .unwrap();
    let committee = &proposed.contests[0];
    assert_eq!(
        (committee.round, committee.seats),
        (RoundKind::Additional, 1)
    );
    assert_eq!(committee.candidates.len(), 2);
    let error = builder
        .progress
        .define(&[choose("committee", Some(&["c01", "c05"]))])
        .unwrap_err();
    assert!(error.to_string().contains("c01"), "{error}");
    let error = builder
        .progress
        .define(&[choose("committee", Some(&["c05"]))])
        .unwrap_err();
    assert!(
        matches!(error, RoundError::Rules(_)),
        "one candidate for one open seat: {error}"
    );
    builder
        .progress
        .define(&[choose("committee", Some(&["c06", "c05"]))])
        .unwrap();
}

#[test]
fn a_recorded_round_out_of_ballot_order_is_named_as_such() {
    let mut builder = Builder::new(founding_manifest(150));
    founding_round_one(&mut builder);
    let mut round = builder
        .progress
        .define(&[choose("committee", None), choose("audit", None)])
        .unwrap();
    round.contests.reverse();
    let error = builder.progress.check(&round).unwrap_err();
    assert!(error.to_string().contains("ballot order"), "{error}");
}

#[test]
fn seats_are_reduced_only_after_a_shortfall_and_only_to_those_elected() {
    let mut builder = Builder::new(founding_manifest(150));
    founding_round_one(&mut builder);
    let error = builder.progress.reduction("audit", "同意").unwrap_err();
    assert!(
        error.to_string().contains("shortfall"),
        "a tie is not a shortfall: {error}"
    );
    let error = builder.progress.reduction("committee", "  ").unwrap_err();
    assert!(error.to_string().contains("consented"), "{error}");
    let decision = builder
        .progress
        .reduction("committee", fixtures::CONSENT)
        .unwrap();
    assert_eq!((decision.seats, decision.after_round), (4, 1));
}
