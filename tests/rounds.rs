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
        matches!(error, RoundError::BodyIncomplete { .. }),
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

#[test]
fn a_chair_candidate_the_congress_did_not_elect_to_the_committee_stands_in_no_round_of_the_plenary()
{
    // 陈静 (c05) is on the chair's list but lost the committee vote.
    let builder = fixtures::founding_committee_elected();
    let regular = builder.progress.define(&[choose("chair", None)]).unwrap();
    let listed: Vec<&str> = regular.contests[0]
        .candidates
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(listed, ["c02", "c03"]);

    // Nobody reaches the threshold: the additional round (另行选举) is again among members only.
    let builder = fixtures::founding_chair_short();
    let additional = builder.progress.define(&[choose("chair", None)]).unwrap();
    let chair = &additional.contests[0];
    assert_eq!(chair.round, RoundKind::Additional);
    let listed: Vec<&str> = chair.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(listed, ["c02", "c03"]);
    for chosen in [&["c05"][..], &["c02", "c05"]] {
        let error = builder
            .progress
            .define(&[choose("chair", Some(chosen))])
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("c05 was not elected to the committee"),
            "{error}"
        );
    }
    builder
        .progress
        .define(&[choose("chair", Some(&["c03"]))])
        .unwrap();
}

#[test]
fn the_audit_and_womens_committees_elect_their_heads_from_their_own_members_once_complete() {
    let mut builder = Builder::new(fixtures::bodies_manifest());
    founding_round_one(&mut builder);
    // The audit committee tied at its last seat: its meeting cannot sit yet.
    let error = builder
        .progress
        .define(&[choose("audit_director", None)])
        .unwrap_err();
    assert!(
        matches!(error, RoundError::BodyIncomplete { body, .. } if body == "the funds audit committee"),
        "{error}"
    );
    // The women's committee is complete: its meeting elects its 主任 among its members, on a
    // ballot of its own, counted on its 3 members.
    let round = builder
        .progress
        .define(&[choose("women_director", None)])
        .unwrap();
    assert_eq!(
        round.sitting,
        ballotbox::record::documents::Sitting::WomenPlenary
    );
    let director = &round.contests[0];
    let listed: Vec<&str> = director.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        listed,
        ["f01"],
        "陈红 was not elected to the women's committee"
    );
    assert_eq!(
        (director.entitled, director.styles.clone()),
        (3, vec!["women_plenary".to_owned()])
    );
    let error = builder
        .progress
        .define(&[choose("audit", None), choose("women_director", None)])
        .unwrap_err();
    assert_eq!(error, RoundError::MixedSittings);
    assert_eq!(
        builder
            .progress
            .members(ballotbox::record::documents::Sitting::WomenPlenary),
        ["f01", "f02", "f03"]
    );
}
