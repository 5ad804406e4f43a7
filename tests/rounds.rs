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

#[test]
fn the_plenary_may_write_in_only_members_of_the_committee_and_knows_them_by_number() {
    use fixtures::{marks, votes};
    // The committee is 王芳 c01, 李强 c02, 张伟 c03, 刘洋 c04; 王芳 is not on the chair's list.
    let mut builder = fixtures::founding_committee_elected();
    let definition = builder.progress.define(&[choose("chair", None)]).unwrap();

    // A write-in of someone who is not a member — a delegate, or a candidate who lost the
    // committee vote — is no ballot a kiosk may cast: the record would be refused.
    for outsider in ["赵六", "陈静"] {
        let ballot = ballotbox::record::documents::LoggedBallot {
            congress: definition.congress.clone(),
            round: definition.number,
            salt: builder.salt(),
            sections: [("chair".to_owned(), marks(&[], &[], &[], &[outsider]))].into(),
        };
        let turnout = [ballotbox::record::documents::Turnout {
            electorate: "plenary".to_owned(),
            entitled: 4,
            present: 4,
        }];
        let error = builder
            .progress
            .count(
                &definition,
                &[ballot],
                &[("chair".to_owned(), 4)].into(),
                &turnout,
            )
            .unwrap_err();
        assert!(
            error.to_string().contains(&format!(
                "\"{outsider}\" is not the name of exactly one elected member"
            )),
            "{error}"
        );
    }

    // A member written in counts for that member, known by their delegate number.
    let plenary = (1..=4)
        .map(|i| match i {
            1 | 2 => vec![("chair", marks(&[], &[], &[], &["王芳"]))],
            3 => vec![("chair", votes(&["c02"]))],
            _ => vec![("chair", votes(&["c03"]))],
        })
        .collect();
    let tally = builder.round(&["chair"], &[("plenary", 4, 4)], &[("chair", 4)], plenary);
    let written = &tally["contests"][0]["candidates"][2];
    assert_eq!(
        (
            &written["id"],
            &written["name"],
            &written["write_in"],
            &written["for"]
        ),
        (&"c01".into(), &"王芳".into(), &true.into(), &2.into()),
        "{tally}"
    );
}

#[test]
fn a_member_written_in_at_the_plenary_who_ties_at_the_last_seat_stands_in_the_re_vote() {
    use ballotbox::election::ContestKind;
    use fixtures::{contest, marks, style, votes};
    // A committee of 7, all elected in round 1, whose plenary elects two vice-chairs.
    let mut manifest = founding_manifest(150);
    let committee = [
        ("c01", "王芳"),
        ("c02", "李强"),
        ("c03", "张伟"),
        ("c04", "刘洋"),
        ("c05", "陈静"),
        ("c06", "杨帆"),
        ("c07", "周杰"),
        ("c08", "吴刚"),
    ];
    manifest.contests = vec![
        contest(
            "committee",
            ContestKind::Committee,
            "工会委员会委员",
            7,
            "all",
            &committee,
        ),
        contest(
            "vice_chair",
            ContestKind::ViceChair,
            "工会副主席",
            2,
            "plenary",
            &[("c02", "李强"), ("c03", "张伟")],
        ),
    ];
    manifest.styles = vec![
        style("general", "male", &["committee"]),
        style("female", "female", &["committee"]),
        style("plenary", "plenary", &["vice_chair"]),
    ];
    let mut builder = fixtures::Builder::new(manifest);
    let elected = ["c01", "c02", "c03", "c04", "c05", "c06", "c07"];
    let tally = builder.round(
        &["committee"],
        &[("all", 20, 20), ("female", 8, 8)],
        &[("committee", 20)],
        (0..20)
            .map(|_| vec![("committee", votes(&elected))])
            .collect(),
    );
    assert_eq!(tally["contests"][0]["status"], "complete", "{tally}");

    // 李强 has six votes of seven, 张伟 and the written-in 王芳 four each: a tie at the last seat.
    let plenary = (1..=7)
        .map(|i| match i {
            1 => vec![("vice_chair", marks(&["c03"], &[], &[], &["王芳"]))],
            2..=4 => vec![("vice_chair", votes(&["c02", "c03"]))],
            _ => vec![("vice_chair", marks(&["c02"], &[], &[], &["王芳"]))],
        })
        .collect();
    let tally = builder.round(
        &["vice_chair"],
        &[("plenary", 7, 7)],
        &[("vice_chair", 7)],
        plenary,
    );
    assert_eq!(tally["contests"][0]["status"], "tie", "{tally}");
    let revote = builder
        .progress
        .define(&[choose("vice_chair", None)])
        .unwrap();
    let standing: Vec<(&str, &str)> = revote.contests[0]
        .candidates
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(revote.contests[0].round, RoundKind::TieRevote);
    assert_eq!(standing, [("c03", "张伟"), ("c01", "王芳")], "{tally}");
}

#[test]
fn a_person_written_in_who_ties_at_the_last_seat_stands_in_the_re_vote_as_tilde_one() {
    use fixtures::{marks, votes};
    let mut builder = fixtures::Builder::new(founding_manifest(150));
    // 陈静 (c05) and the written-in 赵六 have 12 votes each for the last of five seats.
    let ballots = (1..=18)
        .map(|i| {
            let marks = match i {
                1..=6 => votes(&["c01", "c02", "c03", "c04", "c05"]),
                7..=12 => marks(&["c01", "c02", "c03", "c04"], &[], &[], &["赵六"]),
                13..=15 => marks(&["c01", "c02", "c03", "c05"], &[], &[], &["赵六"]),
                _ => marks(&["c01", "c02", "c04", "c05"], &[], &[], &["赵六"]),
            };
            vec![("committee", marks)]
        })
        .collect();
    let tally = builder.round(
        &["committee"],
        &[("all", 20, 18), ("female", 8, 7)],
        &[("committee", 18)],
        ballots,
    );
    assert_eq!(tally["contests"][0]["status"], "tie", "{tally}");

    let revote = builder.define(&["committee"]);
    let standing: Vec<(&str, &str)> = revote.contests[0]
        .candidates
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(standing, [("c05", "陈静"), ("~1", "赵六")]);

    let ballots = (1..=18)
        .map(|i| vec![("committee", votes(if i <= 10 { &["~1"] } else { &["c05"] }))])
        .collect();
    let tally = builder.round(
        &["committee"],
        &[("all", 20, 18), ("female", 8, 7)],
        &[("committee", 18)],
        ballots,
    );
    let contest = &tally["contests"][0];
    assert_eq!(contest["status"], "complete", "{tally}");
    assert_eq!(
        contest["elected"],
        serde_json::json!([{"id": "~1", "name": "赵六", "write_in": true}])
    );
    let committee = builder
        .progress
        .bodies()
        .into_iter()
        .find(|b| b.contest == "committee")
        .unwrap();
    let last = committee.elected.last().unwrap();
    assert_eq!(
        (
            last.id.as_deref(),
            last.name.as_str(),
            last.write_in,
            last.round
        ),
        (None, "赵六", true, 2)
    );
}
