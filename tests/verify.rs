//! The offline verifier on records built in pure code: a whole congress verifies, and each kind
//! of tampering is caught and named.

// Helpers outside #[test] functions fail the test loudly, as a test should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fixtures;

use ballotbox::election::BallotOrder;
use ballotbox::record::documents::{ElectionRecord, Salt, sign};
use ballotbox::record::hash::{Digest, sha256};
use ballotbox::record::keys::{ElectionKey, SigningContext};
use ballotbox::record::verify::{
    CheckCode, Failure, ReceiptError, parse_record, verify, verify_receipt,
};
use fixtures::{Builder, marks, votes};
use serde_json::{Value, json};

/// The first failure verifying `record`.
fn failure(record: &ElectionRecord) -> Failure {
    let report = verify(record);
    assert!(!report.ok);
    report.failure.expect("a failure is named")
}

fn names(body: &ballotbox::record::verify::BodySummary) -> Vec<&str> {
    body.elected.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn the_founding_congress_verifies_in_full() {
    let record = fixtures::founding_congress();
    let report = verify(&record);
    assert!(report.ok, "{:?}", report.failure);
    assert_eq!(report.failure, None);
    let publication = record.publication.as_ref().unwrap();
    assert_eq!(report.result_hash, Some(publication.result_hash));
    let summary = &report.summary;
    assert_eq!(summary.name, "东方机械厂工会成立大会");
    assert_eq!(summary.rounds.len(), 3);
    assert_eq!(summary.ballots, 18 + 17 + 4);
    assert_eq!(summary.decisions, 1);
    let bodies = &summary.bodies;
    assert_eq!(
        (bodies[0].seats, names(&bodies[0])),
        (4, vec!["李强", "张伟", "王芳", "刘洋"])
    );
    assert_eq!(names(&bodies[1]), ["赵敏", "孙丽", "周杰"]);
    assert_eq!(names(&bodies[2]), ["郑洁", "王芳", "冯雪"]);
    assert_eq!(names(&bodies[3]), ["李强"]);
    assert_eq!(summary.countersignatures.len(), 2);
}

#[test]
fn every_kind_of_check_is_made_on_the_founding_congress() {
    let report = verify(&fixtures::founding_congress());
    let made: std::collections::BTreeSet<CheckCode> =
        report.checks.iter().map(|c| c.code).collect();
    let every = [
        CheckCode::RecordFormat,
        CheckCode::ManifestFormat,
        CheckCode::ManifestHash,
        CheckCode::BallotOrder,
        CheckCode::PublicKey,
        CheckCode::RoundManifest,
        CheckCode::RoundRules,
        CheckCode::BallotRound,
        CheckCode::Receipts,
        CheckCode::TreeSize,
        CheckCode::TreeRoot,
        CheckCode::TreeHead,
        CheckCode::TreeHeadSignature,
        CheckCode::ResultFormat,
        CheckCode::ResultTreeHead,
        CheckCode::Turnout,
        CheckCode::Counts,
        CheckCode::Recount,
        CheckCode::ResultHash,
        CheckCode::ResultSignature,
        CheckCode::RoundOutcome,
        CheckCode::DecisionOrder,
        CheckCode::DecisionHash,
        CheckCode::DecisionSignature,
        CheckCode::DecisionRules,
        CheckCode::Publication,
        CheckCode::PublicationHash,
        CheckCode::PublicationSignature,
        CheckCode::Countersignature,
    ];
    for code in every {
        assert!(made.contains(&code), "{code:?} was not checked");
    }
    // The record's header first, the countersignatures last.
    assert_eq!(report.checks[0].code, CheckCode::RecordFormat);
    assert_eq!(
        report.checks.last().map(|c| c.code),
        Some(CheckCode::Countersignature)
    );
}

#[test]
fn a_sealed_congress_built_in_code_verifies_in_full_through_its_file() {
    let record = fixtures::sealed::sealed_founding_congress();
    let text = serde_json::to_string(&record).unwrap();
    let read = parse_record(&text).unwrap();
    assert_eq!(read, record);
    let report = verify(&read);
    assert!(report.ok, "{:?}", report.failure);
    let made: std::collections::BTreeSet<CheckCode> =
        report.checks.iter().map(|c| c.code).collect();
    for code in [
        CheckCode::Ceremony,
        CheckCode::SealedBallots,
        CheckCode::SpoiledBallots,
        CheckCode::Opening,
        CheckCode::Recount,
    ] {
        assert!(made.contains(&code), "{code:?} was not checked");
    }
    let summary = &report.summary;
    assert_eq!(summary.ballots, 18 + 5);
    let bodies = &summary.bodies;
    assert_eq!(bodies[0].elected.len(), 5);
    // Three with 16 votes each, in the ballot's stroke order.
    assert_eq!(names(&bodies[1]), ["孙丽", "周杰", "赵敏"]);
    assert_eq!(names(&bodies[3]), ["李强"]);
}

#[test]
fn the_founding_congress_passes_through_a_shortfall_a_tie_a_reduction_and_a_plenary() {
    let record = fixtures::founding_congress();
    let tally =
        |round: usize, contest: usize| &record.rounds[round].result.tally["contests"][contest];
    assert_eq!(tally(0, 0)["status"], "shortfall");
    assert_eq!(tally(0, 0)["invalid"], 1);
    assert_eq!(tally(0, 1)["status"], "tie");
    assert_eq!(tally(0, 2)["status"], "complete");
    assert_eq!(tally(1, 0)["round"], "tie_revote");
    assert_eq!(tally(1, 0)["threshold"], 1);
    assert_eq!(tally(2, 0)["entitled"], 4);
    assert_eq!(
        record.rounds[2].result.round.sitting,
        ballotbox::record::documents::Sitting::Plenary
    );
    assert_eq!(record.decisions[0].decision.seats, 4);
}

#[test]
fn changing_one_mark_breaks_the_signed_root() {
    let mut record = fixtures::founding_congress();
    let section = record.rounds[0].ballots[4]
        .sections
        .get_mut("committee")
        .unwrap();
    section.for_ = vec!["c01".into(), "c02".into(), "c03".into(), "c05".into()];
    // Put back in receipt order, as a careful forger would.
    record.rounds[0]
        .ballots
        .sort_by_cached_key(|b| b.receipt().unwrap());
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::TreeRoot);
    assert_eq!(failure.place, "round 1");
    assert!(
        failure
            .problem
            .contains("the Merkle root over the 18 ballot(s) is")
            && failure.problem.contains("the signed tree head says"),
        "{failure}"
    );
}

#[test]
fn dropping_a_ballot_is_named_by_the_tree_size() {
    let mut record = fixtures::founding_congress();
    record.rounds[1].ballots.remove(16);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::TreeSize);
    assert_eq!(
        failure.to_string(),
        "round 2: the signed tree head says 17 ballot(s), the log holds 16: ballots were added or removed"
    );
}

#[test]
fn the_log_lists_every_round_s_ballots_in_ascending_order_of_receipt() {
    let record = fixtures::founding_congress();
    for round in &record.rounds {
        let receipts: Vec<Digest> = round.ballots.iter().map(|b| b.receipt().unwrap()).collect();
        assert!(receipts.windows(2).all(|pair| pair[0] < pair[1]));
    }
    let report = verify(&record);
    let order: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.code == CheckCode::LogOrder)
        .map(|c| c.place.as_str())
        .collect();
    assert_eq!(order, ["round 1", "round 2", "round 3"]);
}

#[test]
fn reordering_two_ballots_is_refused_as_out_of_receipt_order() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].ballots.swap(0, 12);
    let failure = failure(&record);
    assert_eq!(
        (failure.code, failure.place.as_str()),
        (CheckCode::LogOrder, "round 1: ballot 2")
    );
    assert!(
        failure.problem.contains("ascending order of receipt"),
        "{failure}"
    );
}

#[test]
fn a_log_in_cast_order_is_refused_even_when_its_tree_is_signed_over_that_order() {
    // A server that kept the order of casting and signed it: every signature holds.
    let mut record = fixtures::founding_congress_of_format(fixtures::CAST_ORDER);
    record.format = ballotbox::record::documents::RECORD_FORMAT.to_owned();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::LogOrder);
    assert!(failure.place.starts_with("round 1: ballot "), "{failure}");
}

#[test]
fn a_record_of_the_first_format_in_cast_order_still_verifies() {
    let record = fixtures::founding_congress_of_format(fixtures::CAST_ORDER);
    let receipts: Vec<Digest> = record.rounds[0]
        .ballots
        .iter()
        .map(|b| b.receipt().unwrap())
        .collect();
    assert!(
        receipts.windows(2).any(|pair| pair[0] > pair[1]),
        "the ballots are as cast, not sorted"
    );
    let report = verify(&record);
    assert!(report.ok, "{:?}", report.failure);
    assert!(report.checks.iter().all(|c| c.code != CheckCode::LogOrder));
    let format = report
        .checks
        .iter()
        .find(|c| c.code == CheckCode::RecordFormat)
        .unwrap();
    assert!(format.detail.contains("order they were cast"), "{format:?}");
}

#[test]
fn a_ballot_of_another_round_is_named_with_its_position() {
    let mut record = fixtures::founding_congress();
    let stray = record.rounds[1].ballots[0].clone();
    record.rounds[0].ballots.push(stray);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::BallotRound);
    assert_eq!(failure.place, "round 1: ballot 19");
    assert!(
        failure
            .problem
            .contains("round 2, not congress \"c1\" round 1"),
        "{failure}"
    );
}

#[test]
fn an_altered_count_in_a_result_is_named_by_contest_and_candidate() {
    let mut record = fixtures::founding_congress();
    let candidate = &mut record.rounds[0].result.tally["contests"][0]["candidates"][0];
    assert_eq!(candidate["for"], 11);
    candidate["for"] = json!(12);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Recount);
    assert_eq!(
        failure.to_string(),
        "round 1: contest \"committee\": the recount gives 11 for 王芳 (c01), the result says 12"
    );
}

#[test]
fn an_altered_return_count_is_named_in_words() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].result.tally["contests"][2]["returned"] = json!(8);
    assert_eq!(
        failure(&record).to_string(),
        "round 1: contest \"women\": the recount gives 7 ballots returned (收回), the result says 8"
    );
}

#[test]
fn a_result_hash_that_does_not_match_the_result_is_named() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].result_hash = sha256(&[b"another result"]);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::ResultHash);
    assert!(
        failure
            .to_string()
            .starts_with("round 1: the result's SHA-256 is ")
            && failure
                .problem
                .ends_with("the result hash does not match the result"),
        "{failure}"
    );
}

#[test]
fn a_tree_head_signature_moved_to_the_result_is_recognised() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].result_signature = record.rounds[0].tree_head_signature;
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::ResultSignature);
    assert_eq!(
        failure.to_string(),
        "round 1: the result signature does not verify with the election key: it is round 1's tree-head signature"
    );
}

#[test]
fn a_document_signed_in_the_wrong_context_is_recognised() {
    let mut record = fixtures::founding_congress();
    let key = ElectionKey::from_seed(&fixtures::ELECTION_SEED);
    let head = &record.rounds[2].tree_head;
    record.rounds[2].tree_head_signature = sign(&key, SigningContext::Result, head).unwrap();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::TreeHeadSignature);
    assert!(
        failure.problem.ends_with(
            "it was made in the context \"ballotbox/v1/result\", not \"ballotbox/v1/tree-head\""
        ),
        "{failure}"
    );
}

#[test]
fn an_altered_manifest_breaks_its_hash() {
    let mut record = fixtures::founding_congress();
    record.manifest.contests[0].candidates[5].name = "杨洋".into();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::ManifestHash);
    assert!(
        failure
            .to_string()
            .starts_with("manifest: the manifest's SHA-256 is "),
        "{failure}"
    );
}

#[test]
fn a_rehashed_manifest_no_longer_matches_the_signed_rounds() {
    let mut record = fixtures::founding_congress();
    record.manifest.congress.members = 100;
    record.manifest_hash = ballotbox::record::documents::digest(&record.manifest)
        .unwrap()
        .1;
    let failure = failure(&record);
    assert_eq!(
        (failure.code, failure.place.as_str()),
        (CheckCode::RoundManifest, "round 1")
    );
}

#[test]
fn a_list_out_of_stroke_order_is_named_even_when_the_manifest_is_rehashed() {
    let mut record = fixtures::founding_congress();
    // 王芳 (王, 4 strokes) moved below 刘洋 (刘, 6).
    record.manifest.contests[0].candidates.swap(0, 1);
    record.manifest_hash = ballotbox::record::documents::digest(&record.manifest)
        .unwrap()
        .1;
    let failure = failure(&record);
    assert_eq!(
        (failure.code, failure.place.as_str()),
        (CheckCode::BallotOrder, "manifest")
    );
    assert_eq!(
        failure.problem,
        "contest committee: 王芳 stands after 刘洋, but comes before it in stroke order (surname_strokes)"
    );
}

#[test]
fn a_list_fixed_by_hand_is_not_held_to_stroke_order_and_is_named_as_such() {
    let mut record = fixtures::founding_congress();
    record.manifest.contests[0].candidates.swap(0, 1);
    record.manifest.contests[0].order = ballotbox::election::CandidateOrder::AsListed;
    record.manifest_hash = ballotbox::record::documents::digest(&record.manifest)
        .unwrap()
        .1;
    let report = verify(&record);
    let check = report
        .checks
        .iter()
        .find(|c| c.code == CheckCode::BallotOrder)
        .expect("the order is checked");
    assert_eq!(
        check.detail,
        "3 contest(s) in stroke order (surname_strokes); fixed by hand: committee"
    );
    // The rounds were signed under the manifest as it was.
    assert_eq!(
        report.failure.map(|f| f.code),
        Some(CheckCode::RoundManifest)
    );
}

#[test]
fn the_profiles_ballot_order_decides_whether_a_list_is_in_order() {
    let list = |method: BallotOrder| {
        let mut record = fixtures::founding_congress();
        record.manifest.profile.ballot_order = method;
        // 王富 before 王大明 by surname strokes (the blank after 王), not by name strokes.
        record.manifest.contests[0].candidates[0].name = "王富".into();
        record.manifest.contests[0].candidates[1].name = "王大明".into();
        record.manifest_hash = ballotbox::record::documents::digest(&record.manifest)
            .unwrap()
            .1;
        failure(&record)
    };
    assert_eq!(
        list(BallotOrder::SurnameStrokes).code,
        CheckCode::RoundManifest,
        "in order; the rounds were signed under the manifest as it was"
    );
    let failure = list(BallotOrder::NameStrokes);
    assert_eq!(failure.code, CheckCode::BallotOrder);
    assert!(
        failure.problem.contains("王大明 stands after 王富"),
        "{failure}"
    );
}

#[test]
fn a_missing_round_is_named_by_the_rules() {
    let mut record = fixtures::founding_congress();
    record.rounds.remove(1);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::RoundRules);
    assert_eq!(failure.place, "round 2");
    assert!(
        failure.problem.contains("it should be round 2"),
        "{failure}"
    );
}

#[test]
fn more_ballots_issued_than_voters_present_are_refused() {
    let mut record = fixtures::founding_congress();
    record.rounds[0].result.issued.insert("women".into(), 8);
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Counts);
    assert_eq!(
        failure.problem,
        "contest \"women\": more ballots issued (发出 8) than voters present (实到 7 of \"female\")"
    );
}

#[test]
fn a_turnout_that_departs_from_the_manifest_is_refused() {
    let mut record = fixtures::founding_congress();
    record.rounds[1].result.turnout[0].entitled = 21;
    let failure = failure(&record);
    assert_eq!(
        (failure.code, failure.place.as_str()),
        (CheckCode::Turnout, "round 2")
    );
    assert_eq!(
        failure.problem,
        "the turnout of \"all\" gives 21 entitled (应到), the manifest gives 20"
    );
}

#[test]
fn a_forged_countersignature_is_refused() {
    let mut record = fixtures::founding_congress();
    // Another key's signature on the right content, passed off with the inspector's key.
    let forger = ElectionKey::from_seed(&[0x66; 32]);
    let signed = ballotbox::record::documents::Countersigned {
        congress: "c1".into(),
        result_hash: record.publication.as_ref().unwrap().result_hash,
    };
    record.countersignatures[1].signature =
        sign(&forger, SigningContext::Countersignature, &signed).unwrap();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Countersignature);
    assert_eq!(failure.place, "countersignature 2 (许静)");
    assert!(
        failure.problem.starts_with("the signature does not verify"),
        "{failure}"
    );
}

#[test]
fn a_countersignature_of_another_result_hash_is_refused() {
    let mut record = fixtures::founding_congress();
    let inspector = ElectionKey::from_seed(&fixtures::INSPECTOR_SEED);
    let signed = ballotbox::record::documents::Countersigned {
        congress: "c1".into(),
        result_hash: sha256(&[b"an earlier publication"]),
    };
    record.countersignatures[0].signature =
        sign(&inspector, SigningContext::Countersignature, &signed).unwrap();
    assert_eq!(failure(&record).place, "countersignature 1 (何平)");
}

#[test]
fn a_countersignature_with_the_election_key_is_refused() {
    let mut record = fixtures::founding_congress();
    let key = ElectionKey::from_seed(&fixtures::ELECTION_SEED);
    let signed = ballotbox::record::documents::Countersigned {
        congress: "c1".into(),
        result_hash: record.publication.as_ref().unwrap().result_hash,
    };
    record.countersignatures[0].public_key = key.public();
    record.countersignatures[0].signature =
        sign(&key, SigningContext::Countersignature, &signed).unwrap();
    assert!(
        failure(&record)
            .problem
            .contains("made with the election key")
    );
}

#[test]
fn a_countersignature_without_a_publication_fails() {
    let mut record = fixtures::founding_congress();
    record.publication = None;
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Countersignature);
    assert!(failure.problem.contains("no publication"), "{failure}");
}

#[test]
fn a_record_without_publication_or_countersignatures_verifies_as_far_as_it_goes() {
    let mut record = fixtures::founding_congress();
    record.publication = None;
    record.countersignatures.clear();
    let report = verify(&record);
    assert!(report.ok, "{:?}", report.failure);
    assert_eq!(report.result_hash, None);
}

#[test]
fn a_publication_that_misstates_the_rounds_is_named_by_body_and_person() {
    let mut record = fixtures::founding_congress();
    let publication = record.publication.as_mut().unwrap();
    publication.publication.bodies[0].elected[0].for_ = 15;
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Publication);
    assert_eq!(
        failure.to_string(),
        "publication: body \"committee\": 李强 (c02): for: the verified rounds give 14, the publication says 15"
    );
}

#[test]
fn a_seat_reduction_outside_the_size_table_is_refused() {
    // 1000 members: the committee must keep 7 to 15 seats (2016 条例 Art. 8), so reducing it to
    // the four elected is not the congress's to decide.
    let mut builder = Builder::new(fixtures::founding_manifest(1000));
    fixtures::founding_round_one(&mut builder);
    let refused = builder.reduce("committee", 1, 4, fixtures::CONSENT);
    assert!(refused.is_err());
    let failure = failure(&builder.finish());
    assert_eq!(failure.code, CheckCode::DecisionRules);
    assert_eq!(
        failure.to_string(),
        "decision 1 (contest \"committee\", after round 1): contest \"committee\": the seats cannot be reduced: \
         a committee of 4 lies outside the range 7–15 for 1000 members (2016 条例 Art. 8)"
    );
}

#[test]
fn a_decision_after_a_round_the_record_lacks_is_refused() {
    let mut record = fixtures::founding_congress();
    record.decisions[0].decision.after_round = 9;
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::DecisionOrder);
    assert!(
        failure
            .problem
            .contains("round 9, which the record does not hold")
    );
}

#[test]
fn an_altered_decision_breaks_its_hash() {
    let mut record = fixtures::founding_congress();
    record.decisions[0].decision.consent = "无".into();
    assert_eq!(failure(&record).code, CheckCode::DecisionHash);
}

#[test]
fn two_ballots_with_one_receipt_are_refused() {
    // A kiosk that repeats a salt could let one ballot answer two delegates' receipts.
    let mut builder = Builder::new(fixtures::example_manifest());
    let definition = builder.define(&["committee"]);
    let ballot = |salt: Salt, marks| ballotbox::record::documents::LoggedBallot {
        congress: "demo".into(),
        round: 1,
        salt,
        sections: [("committee".to_owned(), marks)].into_iter().collect(),
    };
    let salt = builder.salt();
    let other = builder.salt();
    let ballots = vec![
        ballot(salt.clone(), votes(&["001", "002", "003"])),
        ballot(other, votes(&["002"])),
        ballot(salt, votes(&["001", "002", "003"])),
    ];
    builder.round_of(
        definition,
        &[("all", 5, 4), ("female", 2, 1)],
        &[("committee", 4)],
        ballots,
    );
    let record = builder.finish();
    // In receipt order the two copies stand side by side.
    let receipts: Vec<Digest> = record.rounds[0]
        .ballots
        .iter()
        .map(|b| b.receipt().unwrap())
        .collect();
    let first = receipts
        .windows(2)
        .position(|pair| pair[0] == pair[1])
        .unwrap();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Receipts);
    assert_eq!(failure.place, format!("round 1: ballot {}", first + 2));
    assert!(
        failure
            .problem
            .contains(&format!("is that of ballot {} too", first + 1)),
        "{failure}"
    );
}

#[test]
fn a_void_vote_and_its_repetition_verify() {
    // RULES.md §5.1: three ballots returned for two issued void the vote; it is held again.
    let mut builder = Builder::new(fixtures::example_manifest());
    let all = || vec![("committee", votes(&["001", "002", "003"]))];
    let tally = builder.round(
        &["committee"],
        &[("all", 5, 4), ("female", 2, 1)],
        &[("committee", 2)],
        vec![all(), all(), all()],
    );
    assert_eq!(tally["contests"][0]["status"], "void");
    let tally = builder.round(
        &["committee"],
        &[("all", 5, 4), ("female", 2, 1)],
        &[("committee", 4)],
        vec![all(), all(), all()],
    );
    assert_eq!(tally["contests"][0]["status"], "complete");
    builder.publish();
    let report = verify(&builder.finish());
    assert!(report.ok, "{:?}", report.failure);
    let counts = report
        .checks
        .iter()
        .find(|c| c.code == CheckCode::Counts)
        .unwrap();
    assert!(
        counts.detail.contains("the vote is void"),
        "{}",
        counts.detail
    );
}

#[test]
fn a_weak_election_key_is_refused() {
    let mut record = fixtures::founding_congress();
    record.public_key = format!("01{}", "00".repeat(31)).parse().unwrap();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::PublicKey);
    assert!(failure.problem.contains("small order"), "{failure}");
}

#[test]
fn every_ballots_receipt_is_proved_in_its_round() {
    let record = fixtures::founding_congress();
    for round in &record.rounds {
        for (i, ballot) in round.ballots.iter().enumerate() {
            let receipt = ballot.receipt().unwrap();
            let report = verify_receipt(&record, &receipt.to_hex()).unwrap();
            assert_eq!(report.round, round.result.round.number);
            assert_eq!(report.index, i as u64);
            assert_eq!(report.tree_size, round.tree_head.size);
            assert_eq!(report.root, round.tree_head.root);
            assert!(ballotbox::record::merkle::verify_inclusion(
                report.index,
                report.tree_size,
                &receipt,
                &report.proof,
                &report.root
            ));
        }
    }
}

#[test]
fn a_receipt_typed_in_groups_and_capitals_is_found() {
    let record = fixtures::founding_congress();
    let receipt = record.rounds[1].ballots[3].receipt().unwrap();
    let typed = receipt.grouped().to_uppercase();
    let report = verify_receipt(&record, &typed).unwrap();
    assert_eq!((report.round, report.index), (2, 3));
}

#[test]
fn an_unknown_receipt_is_not_found() {
    let record = fixtures::founding_congress();
    let unknown: Digest = sha256(&[b"no such ballot"]);
    assert!(matches!(
        verify_receipt(&record, &unknown.to_hex()),
        Err(ReceiptError::NotFound { ballots: 39, .. })
    ));
    assert!(matches!(
        verify_receipt(&record, "12ab"),
        Err(ReceiptError::Malformed(_))
    ));
}

#[test]
fn a_receipt_in_a_log_that_differs_from_its_signed_tree_is_not_confirmed() {
    let mut record = fixtures::founding_congress();
    let receipt = record.rounds[0].ballots[0].receipt().unwrap();
    record.rounds[0].ballots[5]
        .sections
        .insert("women".into(), marks(&[], &[], &[], &[]));
    assert!(matches!(
        verify_receipt(&record, &receipt.to_hex()),
        Err(ReceiptError::NotInSignedTree { round: 1, .. })
    ));
}

#[test]
fn a_record_reads_back_from_its_json() {
    let record = fixtures::founding_congress();
    let text = serde_json::to_string_pretty(&record).unwrap();
    assert_eq!(parse_record(&text), Ok(record));
}

#[test]
fn a_member_given_twice_is_refused_with_its_path() {
    let text = serde_json::to_string(&fixtures::example_record()).unwrap();
    let doubled = text.replacen("\"salt\":", "\"salt\":\"00\",\"salt\":", 1);
    let error = parse_record(&doubled).unwrap_err();
    assert_eq!(error.path.as_deref(), Some("rounds[0].ballots[0]"));
    assert!(
        error.message.contains("the member \"salt\" is given twice"),
        "{error}"
    );
}

#[test]
fn a_sealed_ballot_is_read_as_strictly_as_the_rest_and_named_where_it_stands() {
    let record = fixtures::sealed::sealed_founding_congress();
    let text = serde_json::to_string(&record).unwrap();
    let ballot =
        serde_json::to_string(&record.rounds[0].sealed.as_ref().unwrap().ballots[3]).unwrap();
    let with = |changed: &str| {
        assert!(text.contains(&ballot));
        parse_record(&text.replacen(&ballot, changed, 1)).unwrap_err()
    };
    let error = with(&ballot.replacen("{\"congress\":", "{\"round\":1,\"congress\":", 1));
    assert_eq!(error.path.as_deref(), Some("rounds[0].sealed.ballots[3]"));
    assert!(
        error
            .message
            .contains("the member \"round\" is given twice"),
        "{error}"
    );

    let error = with(&ballot.replacen("\"round\":1", "\"round\":1.0", 1));
    assert_eq!(
        error.path.as_deref(),
        Some("rounds[0].sealed.ballots[3].round"),
        "{error}"
    );
    // Nor with an exponent, nor -0: no u32 (record-format §1, exit 2).
    for spelling in ["1e0", "-0"] {
        let error = with(&ballot.replacen("\"round\":1", &format!("\"round\":{spelling}"), 1));
        assert_eq!(
            error.path.as_deref(),
            Some("rounds[0].sealed.ballots[3].round"),
            "{spelling}: {error}"
        );
    }

    let error = with(&ballot.replacen("\"limit_proof\":", "\"limit\":", 1));
    assert_eq!(
        error.path.as_deref(),
        Some("rounds[0].sealed.ballots[3].sealed[0].limit"),
        "{error}"
    );

    let mut value: Value = serde_json::from_str(&text).unwrap();
    let point =
        value["rounds"][0]["sealed"]["ballots"][3]["sealed"][0]["candidates"][0]["for"]["alpha"]
            .as_str()
            .unwrap()
            .to_uppercase();
    value["rounds"][0]["sealed"]["ballots"][3]["sealed"][0]["candidates"][0]["for"]["alpha"] =
        json!(point);
    let error = parse_record(&value.to_string()).unwrap_err();
    assert_eq!(
        error.path.as_deref(),
        Some("rounds[0].sealed.ballots[3].sealed[0].candidates[0].for.alpha"),
        "{error}"
    );

    value["rounds"][0]["sealed"]["ballots"] = json!({"0": {}});
    let error = parse_record(&value.to_string()).unwrap_err();
    assert!(
        error
            .message
            .starts_with("rounds[0].sealed.ballots: invalid type"),
        "{error}"
    );
    assert!(parse_record(&(text.clone() + " x")).is_err());
    assert_eq!(parse_record(&(text + " \n")), Ok(record));
}

#[test]
fn a_member_left_out_is_refused_with_its_path() {
    let mut value = serde_json::to_value(fixtures::example_record()).unwrap();
    value["rounds"][0]["ballots"][1]["sections"]["committee"]
        .as_object_mut()
        .unwrap()
        .remove("abstain");
    let error = parse_record(&value.to_string()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "rounds[0].ballots[1].sections.committee.abstain: missing: a record writes every member, even an empty list or null"
    );
    let mut value = serde_json::to_value(fixtures::example_record()).unwrap();
    value.as_object_mut().unwrap().remove("publication");
    assert_eq!(
        parse_record(&value.to_string())
            .unwrap_err()
            .path
            .as_deref(),
        Some("publication")
    );
}

#[test]
fn a_record_of_the_wrong_shape_is_refused_with_its_path() {
    let mut value = serde_json::to_value(fixtures::example_record()).unwrap();
    value["rounds"][0]["tree_head"]["root"] = json!("ABC");
    let error = parse_record(&value.to_string()).unwrap_err();
    assert_eq!(error.path.as_deref(), Some("rounds[0].tree_head.root"));
    value["format"] = json!("ballotbox-record/9");
    let error = parse_record(&value.to_string()).unwrap_err();
    assert!(
        error.message.contains(
            "this verifier reads ballotbox-record/3, ballotbox-record/2 and ballotbox-record/1"
        ),
        "{error}"
    );
    for garbage in ["", "{", "[]", "null", "\u{feff}{}", "{\"format\": 1}"] {
        assert!(parse_record(garbage).is_err(), "{garbage:?}");
    }
    let _: Value = value;
}

#[test]
fn a_plenary_round_that_puts_up_a_candidate_the_committee_vote_rejected_fails_at_that_round() {
    // The additional round for the chair lists 陈静 (c05), whom the congress did not elect to
    // the committee, and the plenary elects her: signed as a server that broke the rules would.
    let mut builder = fixtures::founding_chair_short();
    let mut forged = builder.define(&["chair"]);
    let c05 = builder.record.manifest.contests[3].candidates[2].clone();
    assert_eq!(c05.id, "c05");
    forged.contests[0].candidates.push(c05);
    let ballots = (1..=4).map(|_| vec![("chair", votes(&["c05"]))]).collect();
    builder.forged_round(forged, &[("plenary", 4, 4)], &[("chair", 4)], ballots);
    let record = builder.finish();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::RoundRules);
    assert_eq!(failure.place, "round 4");
    assert!(
        failure
            .problem
            .contains("c05 was not elected to the committee"),
        "{}",
        failure.problem
    );
}

#[test]
fn the_heads_of_the_audit_and_womens_committees_elected_at_their_meetings_verify() {
    let record = fixtures::bodies_congress();
    let report = verify(&record);
    assert!(report.ok, "{:?}", report.failure);
    let bodies = &report.summary.bodies;
    let body = |id: &str| bodies.iter().find(|b| b.contest == id).unwrap();
    assert_eq!(names(body("audit_director")), ["赵敏"]);
    assert_eq!(names(body("women_director")), ["郑洁"]);
    assert_eq!(
        record.rounds[3].result.round.sitting,
        ballotbox::record::documents::Sitting::AuditPlenary
    );
    assert_eq!(record.rounds[3].result.tally["contests"][0]["entitled"], 3);
}

#[test]
fn a_womens_committee_head_who_is_not_on_that_committee_fails_at_her_round() {
    // 陈红 (f04) lost the women's committee vote; a round of its meeting lists and elects her.
    let mut builder = fixtures::bodies_elected();
    let mut forged = builder.define(&["women_director"]);
    let f04 = builder.record.manifest.contests[5]
        .candidates
        .iter()
        .find(|c| c.id == "f04")
        .unwrap()
        .clone();
    forged.contests[0].candidates.push(f04);
    let ballots = (1..=3)
        .map(|_| vec![("women_director", votes(&["f04"]))])
        .collect();
    builder.forged_round(
        forged,
        &[("women_plenary", 3, 3)],
        &[("women_director", 3)],
        ballots,
    );
    let failure = failure(&builder.finish());
    assert_eq!(failure.code, CheckCode::RoundRules);
    assert_eq!(failure.place, "round 4");
}

#[test]
fn a_meeting_round_whose_turnout_is_not_the_bodys_fails_at_the_turnout() {
    let mut record = fixtures::bodies_congress();
    record.rounds[4].result.turnout[0].electorate = "plenary".to_owned();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Turnout);
    assert_eq!(failure.place, "round 5");
}

/// The founding congress with its manifest changed by `change` and hashed again, so that only
/// what the manifest says can fail.
fn with_manifest(change: impl FnOnce(&mut ballotbox::record::manifest::Manifest)) -> Failure {
    let mut record = fixtures::founding_congress();
    change(&mut record.manifest);
    record.manifest_hash = ballotbox::record::documents::digest(&record.manifest)
        .unwrap()
        .1;
    failure(&record)
}

#[test]
fn a_manifest_that_says_two_things_is_refused_for_what_it_says() {
    let cases: Vec<(&str, Failure)> = vec![
        (
            "the electorate \"all\" is listed twice",
            with_manifest(|m| {
                let all = m.electorates[0].clone();
                m.electorates.push(all);
            }),
        ),
        (
            "names the contest \"treasurer\", which the manifest does not hold",
            with_manifest(|m| m.styles[0].contests.push("treasurer".into())),
        ),
        (
            "the roster hash \"the roster\" is not 64 lowercase hex digits",
            with_manifest(|m| m.roster_hash = "the roster".into()),
        ),
        (
            "the congress's date \"2026-02-30\" is not a real date",
            with_manifest(|m| m.congress.date = "2026-02-30".into()),
        ),
        (
            "has no name",
            with_manifest(|m| m.scrutineers[0].name = "  ".into()),
        ),
    ];
    for (expected, failure) in cases {
        assert_eq!(failure.code, CheckCode::ManifestContents, "{failure}");
        assert!(failure.problem.contains(expected), "{failure}");
    }
}

#[test]
fn a_countersignature_that_names_no_inspector_is_refused() {
    let mut record = fixtures::founding_congress();
    record.countersignatures[0].inspector = " ".into();
    let failure = failure(&record);
    assert_eq!(failure.code, CheckCode::Countersignature);
    assert!(failure.problem.contains("names no inspector"), "{failure}");
}
