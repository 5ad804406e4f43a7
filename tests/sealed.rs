//! Sealed-ballot cryptography end to end (docs/sealed-ballots.md): proofs refused when bent,
//! the range and limit provers refusing what is false, thresholds, lost trustees, complaints,
//! key files, and secrets kept out of `Debug`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod fixtures;

use ballotbox::election::{CandidateId, ContestId};
use ballotbox::record::documents::Salt;
use ballotbox::record::hash::{Digest, sha256};
use ballotbox::record::sealed::SealedError;
use ballotbox::record::sealed::ballot::{
    BallotContext, ContestShape, Mark, SealedBallot, SectionChoices, check_distinct, seal_section,
};
use ballotbox::record::sealed::ceremony::{
    Ceremony, CeremonyContext, ComplaintAnswer, SecretShare, commit,
};
use ballotbox::record::sealed::elgamal::Ciphertext;
use ballotbox::record::sealed::group::{Point, Scalar, SecretScalar};
use ballotbox::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use ballotbox::record::sealed::opening::{
    OpeningList, PartialDecryption, VerifiedPartial, combine, combine_below_threshold_for_tests,
    counts, first_list,
};
use ballotbox::record::sealed::proofs::{
    DleqProof, DleqStatement, RangeBatch, RangeProof, RangeStatement, SchnorrProof,
};
use ballotbox::record::sealed::randomness::{CounterRandomness, SystemRandomness, random_scalar};
use ballotbox::record::sealed::transcript::Items;
use fixtures::sealed::Trustees;

fn rng(seed: &str) -> CounterRandomness {
    CounterRandomness::for_test_vectors_only(seed)
}

fn manifest() -> Digest {
    sha256(&[b"sealed tests"])
}

/// `s + 1`: a scalar surely different from `s`.
fn bump(s: &Scalar) -> Scalar {
    let mut bytes = s.to_bytes();
    // Adding 1 to the low byte of a canonical scalar stays below ℓ unless it wraps, which these
    // random scalars make vanishingly unlikely; from_bytes would say so.
    bytes[0] = bytes[0].wrapping_add(1);
    Scalar::from_bytes(bytes).unwrap()
}

fn other_point(p: &Point) -> Point {
    let g = Point::generator();
    if p == &g { Point::count(2) } else { g }
}

fn shape(candidates: u32, seats: u32, lines: u32) -> ContestShape {
    ContestShape {
        contest: ContestId::parse("c").unwrap(),
        candidates: (1..=candidates)
            .map(|c| CandidateId::parse(&format!("{c:03}")).unwrap())
            .collect(),
        write_in_lines: lines,
        seats,
    }
}

fn ceremony(n: u32, t: u32) -> Trustees {
    Trustees::ceremony("test", n, t)
}

#[test]
fn a_schnorr_proof_is_refused_when_any_value_is_altered() {
    let mut g = rng("schnorr");
    let secret = random_scalar(&mut g).unwrap();
    let ctx = Items::new().text("ctx");
    let proof = SchnorrProof::prove(&ctx, &secret, &mut g).unwrap();
    let public = secret.public();
    proof.verify(&ctx, &public, "t").unwrap();
    let bent = [
        SchnorrProof {
            challenge: bump(&proof.challenge),
            ..proof.clone()
        },
        SchnorrProof {
            response: bump(&proof.response),
            ..proof.clone()
        },
    ];
    for b in &bent {
        assert!(b.verify(&ctx, &public, "t").is_err());
    }
    assert!(proof.verify(&ctx, &other_point(&public), "t").is_err());
}

fn range_case(bound: u64, value: u64) -> (Point, Ciphertext, SecretScalar, CounterRandomness) {
    let mut g = rng(&format!("range {bound} {value}"));
    let key = random_scalar(&mut g).unwrap().public();
    let r = random_scalar(&mut g).unwrap();
    (key, Ciphertext::encrypt(&key, value, &r), r, g)
}

#[test]
fn a_range_proof_is_refused_when_any_scalar_or_point_is_altered_alone_or_in_a_batch() {
    let ctx = Items::new().text("ctx");
    for (bound, value) in [(1, 0), (1, 1), (3, 2)] {
        let (key, ciphertext, r, mut g) = range_case(bound, value);
        let statement = RangeStatement {
            ctx: &ctx,
            key: &key,
            ciphertext: &ciphertext,
            bound,
        };
        let proof = RangeProof::prove(&statement, value, &r, &mut g).unwrap();
        proof.verify(&statement, "t").unwrap();
        let mut bent = Vec::new();
        for j in 0..=bound as usize {
            let mut p = proof.clone();
            p.challenges[j] = bump(&p.challenges[j]);
            bent.push(p);
            let mut p = proof.clone();
            p.responses[j] = bump(&p.responses[j]);
            bent.push(p);
            let mut p = proof.clone();
            p.a[j] = other_point(&p.a[j]);
            bent.push(p);
            let mut p = proof.clone();
            p.b[j] = other_point(&p.b[j]);
            bent.push(p);
        }
        let mut p = proof.clone();
        p.challenges.swap(0, 1);
        bent.push(p);
        for p in &bent {
            assert!(p.verify(&statement, "t").is_err());
            let mut system = SystemRandomness::new();
            let mut batch = RangeBatch::new(&mut system);
            // Beside a good proof, the bent one still sinks the batch.
            batch.push(&statement, &proof, "good").unwrap();
            let pushed = batch.push(&statement, p, "bent");
            assert!(pushed.is_err() || batch.verify("batch").is_err());
        }
        let mut system = SystemRandomness::new();
        let mut batch = RangeBatch::new(&mut system);
        batch.push(&statement, &proof, "good").unwrap();
        batch.push(&statement, &proof, "again").unwrap();
        batch.verify("batch").unwrap();
        // The statement matters too: another ciphertext, bound or context.
        let other = ciphertext + ciphertext;
        assert!(
            proof
                .verify(
                    &RangeStatement {
                        ciphertext: &other,
                        ..statement
                    },
                    "t"
                )
                .is_err()
        );
        assert!(
            proof
                .verify(
                    &RangeStatement {
                        bound: bound + 1,
                        ..statement
                    },
                    "t"
                )
                .is_err()
        );
        let elsewhere = Items::new().text("elsewhere");
        assert!(
            proof
                .verify(
                    &RangeStatement {
                        ctx: &elsewhere,
                        ..statement
                    },
                    "t"
                )
                .is_err()
        );
    }
}

#[test]
fn no_range_proof_is_made_for_a_value_outside_the_range_and_a_forged_one_is_refused() {
    let ctx = Items::new().text("ctx");
    let (key, two, r, mut g) = range_case(1, 2);
    let statement = RangeStatement {
        ctx: &ctx,
        key: &key,
        ciphertext: &two,
        bound: 1,
    };
    assert_eq!(
        RangeProof::prove(&statement, 2, &r, &mut g).unwrap_err(),
        SealedError::OutOfRange { value: 2, bound: 1 }
    );
    // Lying about the value gives a proof that does not verify.
    let lie = RangeProof::prove(&statement, 1, &r, &mut g).unwrap();
    assert!(lie.verify(&statement, "t").is_err());
    // Nor does a good proof for an encryption of 1 pass for the encryption of 2.
    let one = Ciphertext::encrypt(&key, 1, &r);
    let honest = RangeProof::prove(
        &RangeStatement {
            ciphertext: &one,
            ..statement
        },
        1,
        &r,
        &mut g,
    )
    .unwrap();
    assert!(honest.verify(&statement, "t").is_err());
}

#[test]
fn the_limit_proof_refuses_an_over_vote() {
    let key = random_scalar(&mut rng("k")).unwrap().public();
    let ballot = BallotContext {
        manifest: manifest(),
        round: 1,
        salt: Salt::parse(&"ab".repeat(16)).unwrap(),
    };
    let shape = shape(3, 2, 1);
    let over = SectionChoices {
        marks: vec![Mark::For, Mark::For, Mark::Abstain],
        write_ins: vec!["张三".into()],
    };
    assert_eq!(
        seal_section(&key, &ballot, &shape, &over, &mut rng("s")).unwrap_err(),
        SealedError::OutOfRange { value: 3, bound: 2 }
    );
    let full = SectionChoices {
        marks: vec![Mark::For, Mark::Against, Mark::Against],
        write_ins: vec!["张三".into()],
    };
    let (section, _) = seal_section(&key, &ballot, &shape, &full, &mut rng("s")).unwrap();
    section.verify(&key, &ballot, &shape).unwrap();
    // Another ballot's context, or another shape, is refused.
    let other = BallotContext {
        salt: Salt::parse(&"cd".repeat(16)).unwrap(),
        ..ballot.clone()
    };
    assert!(section.verify(&key, &other, &shape).is_err());
    assert!(
        section
            .verify(
                &key,
                &ballot,
                &ContestShape {
                    seats: 3,
                    ..shape.clone()
                }
            )
            .is_err()
    );
    assert!(
        section
            .verify(
                &key,
                &ballot,
                &ContestShape {
                    write_in_lines: 2,
                    ..shape
                }
            )
            .is_err()
    );
}

#[test]
fn a_batched_dleq_proof_is_refused_when_any_value_is_altered() {
    let mut g = rng("dleq");
    let secret = random_scalar(&mut g).unwrap();
    let public = secret.public();
    let alphas: Vec<Point> = (0..3)
        .map(|_| random_scalar(&mut g).unwrap().public())
        .collect();
    let list = OpeningList {
        step: ballotbox::record::sealed::opening::Step::Totals,
        entries: alphas
            .iter()
            .map(|a| {
                (
                    ballotbox::record::sealed::opening::Entry::WriteInCount(
                        0,
                        ContestId::parse("c").unwrap(),
                    ),
                    Ciphertext {
                        alpha: *a,
                        beta: *a,
                    },
                )
            })
            .collect(),
    };
    let share = SecretShare::new(1, secret, public).unwrap();
    let partial = PartialDecryption::make(&share, &manifest(), 1, &list, &mut g).unwrap();
    partial.verify(&manifest(), 1, &list, &public).unwrap();
    let ctx = Items::new().text("x");
    let statement = DleqStatement {
        ctx: &ctx,
        public_share: &public,
        alphas: &alphas,
        shares: &partial.shares,
    };
    let proof: &DleqProof = &partial.proof;
    assert!(proof.verify(&statement, "t").is_err(), "another context");
    for k in 0..3 {
        let mut bent = partial.clone();
        bent.shares[k] = other_point(&bent.shares[k]);
        assert!(bent.verify(&manifest(), 1, &list, &public).is_err());
    }
    let mut bent = partial.clone();
    bent.proof.challenge = bump(&bent.proof.challenge);
    assert!(bent.verify(&manifest(), 1, &list, &public).is_err());
    let mut bent = partial.clone();
    bent.proof.response = bump(&bent.proof.response);
    assert!(bent.verify(&manifest(), 1, &list, &public).is_err());
    assert!(
        partial
            .verify(&manifest(), 1, &list, &other_point(&public))
            .is_err()
    );
    assert!(partial.verify(&manifest(), 2, &list, &public).is_err());
    let mut shorter = list.clone();
    shorter.entries.pop();
    assert!(partial.verify(&manifest(), 1, &shorter, &public).is_err());
}

/// A round of `ballots` one-contest ballots, each marking the first candidate for.
fn round(trustees: &Trustees, ballots: usize) -> (ContestShape, Vec<SealedBallot>, OpeningList) {
    let shape = shape(2, 1, 0);
    let key = trustees.ceremony.joint_key();
    let choices = SectionChoices {
        marks: vec![Mark::For, Mark::Against],
        write_ins: vec![],
    };
    let sealed: Vec<SealedBallot> = (0..ballots)
        .map(|b| {
            SealedBallot::seal(
                &key,
                &manifest(),
                1,
                &[(&shape, &choices)],
                &mut rng(&format!("b{b}")),
            )
            .unwrap()
            .0
        })
        .collect();
    for ballot in &sealed {
        ballot
            .verify(&key, &manifest(), 1, std::slice::from_ref(&shape))
            .unwrap();
    }
    check_distinct(&sealed).unwrap();
    let list = first_list(std::slice::from_ref(&shape), &sealed).unwrap();
    (shape, sealed, list)
}

fn partials(trustees: &Trustees, list: &OpeningList, who: &[u32]) -> Vec<VerifiedPartial> {
    who.iter()
        .map(|&i| {
            let share = &trustees.shares[i as usize - 1];
            let p =
                PartialDecryption::make(share, &manifest(), 1, list, &mut rng(&format!("p{i}")))
                    .unwrap();
            p.verify(&manifest(), 1, list, &trustees.ceremony.public_share(i))
                .unwrap()
        })
        .collect()
}

#[test]
fn every_set_of_at_least_t_of_5_trustees_opens_the_same_totals_and_t_minus_1_cannot() {
    let trustees = ceremony(5, 3);
    let (_, ballots, list) = round(&trustees, 3);
    let all = partials(&trustees, &list, &[1, 2, 3, 4, 5]);
    let mut opened = Vec::new();
    for mask in 1_u32..32 {
        let chosen: Vec<VerifiedPartial> = (0..5)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| all[k].clone())
            .collect();
        if chosen.len() >= 3 {
            let o = combine(3, &list, &chosen).unwrap();
            assert_eq!(counts(&o, ballots.len() as u64).unwrap(), vec![3, 0, 0, 3]);
            opened.push(o.plaintexts);
        } else {
            assert!(matches!(
                combine(3, &list, &chosen),
                Err(SealedError::TooFewTrustees { .. })
            ));
            // Interpolating t − 1 shares anyway gives points that are no count at all.
            let wrong = combine_below_threshold_for_tests(&list, &chosen).unwrap();
            assert!(counts(&wrong, 1_000).is_err(), "mask {mask:b}");
        }
    }
    assert_eq!(opened.len(), 16);
    assert!(opened.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn a_trustee_who_lost_the_key_file_is_replaced_by_any_t_of_the_others() {
    let trustees = ceremony(3, 2);
    let (_, ballots, list) = round(&trustees, 2);
    // Trustee 2 lost the file: 1 and 3 open the round, as would any two.
    for pair in [[1, 3], [3, 1], [1, 2], [2, 3]] {
        let o = combine(2, &list, &partials(&trustees, &list, &pair)).unwrap();
        assert_eq!(counts(&o, ballots.len() as u64).unwrap(), vec![2, 0, 0, 2]);
    }
}

#[test]
fn a_bad_share_is_caught_and_only_the_right_answer_resolves_the_complaint() {
    let trustees = ceremony(3, 2);
    let ceremony = &trustees.ceremony;
    let good = trustees.secrets[0].evaluate(2);
    ceremony.check_share(1, 2, &good).unwrap();
    let bad = trustees.secrets[0].evaluate(3);
    assert_eq!(
        ceremony.check_share(1, 2, &bad).unwrap_err(),
        SealedError::ShareMismatch { from: 1, to: 2 }
    );
    // A box sealed for trustee 3 does not open for trustee 2.
    let mut g = rng("deal");
    let mut dealt = trustees.secrets[0].deal(ceremony, &mut g).unwrap();
    dealt.shares.swap(0, 1);
    dealt.shares[0].to = 2;
    assert!(
        ceremony
            .receive_share(&trustees.secrets[1], &dealt)
            .is_err()
    );
    let answer = trustees.secrets[0].answer_complaint(2);
    assert_eq!(
        ceremony.check_answer(&answer).unwrap().reveal(),
        good.reveal()
    );
    let wrong = ComplaintAnswer {
        share: bad.reveal(),
        ..answer
    };
    assert!(ceremony.check_answer(&wrong).is_err());
}

#[test]
fn a_step_one_message_with_a_bent_proof_or_the_identity_is_refused() {
    let context = CeremonyContext::new("test", 2, 2).unwrap();
    let mut g = rng("step1");
    let (_, good) = commit(&context, 1, &mut g).unwrap();
    let (_, second) = commit(&context, 2, &mut g).unwrap();
    let mut bent = good.clone();
    bent.proofs[1].response = bump(&bent.proofs[1].response);
    assert!(Ceremony::new(context.clone(), vec![bent, second.clone()]).is_err());
    let mut bent = good.clone();
    bent.commitments[0] = Point::identity();
    assert!(Ceremony::new(context.clone(), vec![bent, second.clone()]).is_err());
    assert!(Ceremony::new(context.clone(), vec![second.clone(), good.clone()]).is_err());
    Ceremony::new(context, vec![good, second]).unwrap();
}

#[test]
fn a_key_file_opens_with_its_passphrase_in_any_normal_form_and_refuses_a_wrong_one() {
    let trustees = ceremony(3, 2);
    let share = &trustees.shares[1];
    let key = trustees.ceremony.joint_key();
    // "é" composed in the file, decomposed when typed.
    let file = TrusteeKeyFile::seal(
        share,
        "test",
        3,
        2,
        &key,
        &Passphrase::new("caf\u{e9} au lait 监票"),
        &mut rng("kf"),
    )
    .unwrap();
    let opened = file
        .open(&Passphrase::new("cafe\u{301} au lait 监票"))
        .unwrap();
    assert_eq!(opened.secret().reveal(), share.secret().reveal());
    assert_eq!(
        file.open(&Passphrase::new("cafe au lait 监票"))
            .unwrap_err(),
        SealedError::WrongPassphrase
    );
    // A new file needs a passphrase of 12 characters; "café 监票" has 7.
    let short = TrusteeKeyFile::seal(
        share,
        "test",
        3,
        2,
        &key,
        &Passphrase::new("caf\u{e9} 监票"),
        &mut rng("kf"),
    );
    assert!(matches!(short, Err(SealedError::KeyFile(_))), "{short:?}");
    let json = serde_json::to_string(&file).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<TrusteeKeyFile>(value).is_err());
    let weak = TrusteeKeyFile {
        kdf: ballotbox::record::sealed::key_file::Kdf {
            iterations: 1_000,
            ..file.kdf.clone()
        },
        ..file.clone()
    };
    assert!(matches!(
        weak.open(&Passphrase::new("x")),
        Err(SealedError::KeyFile(_))
    ));
    // Altered particulars fail the tag, as a wrong passphrase would.
    let moved = TrusteeKeyFile {
        congress: "other".into(),
        ..file
    };
    assert!(moved.open(&Passphrase::new("caf\u{e9} 监票")).is_err());
}

#[test]
fn secrets_never_show_in_debug_output() {
    let trustees = ceremony(2, 2);
    let secret = trustees.shares[0].secret().reveal().to_string();
    let coefficient = trustees.secrets[0].evaluate(0).reveal().to_string();
    let shown = format!(
        "{:?} {:?} {:?} {:?}",
        trustees.shares[0],
        trustees.secrets[0],
        trustees.shares[0].secret(),
        Passphrase::new("hunter2 passphrase")
    );
    assert!(
        !shown.contains(&secret[..16]) && !shown.contains(&coefficient[..16]),
        "{shown}"
    );
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn a_round_refuses_a_repeated_salt_or_ciphertext() {
    let trustees = ceremony(2, 1);
    let (_, ballots, _) = round(&trustees, 2);
    check_distinct(&ballots).unwrap();
    let twice = vec![ballots[0].clone(), ballots[0].clone()];
    assert!(check_distinct(&twice).is_err());
    let mut copied = ballots[1].clone();
    copied.sections[0].candidates[0].for_ = ballots[0].sections[0].candidates[0].for_;
    assert!(check_distinct(&[ballots[0].clone(), copied]).is_err());
}

#[test]
fn ballots_checked_together_pass_together_and_a_bad_one_is_named_by_its_place() {
    let trustees = ceremony(3, 2);
    let key = trustees.ceremony.joint_key();
    let (shape, mut ballots, _) = round(&trustees, 5);
    let shapes = std::slice::from_ref(&shape);
    ballotbox::record::sealed::ballot::verify_ballots(&key, &manifest(), 1, shapes, &ballots)
        .unwrap();
    // The fourth ballot's two marks swapped: its proofs no longer hold for its context.
    let section = &mut ballots[3].sections[0];
    let (a, b) = (section.candidates[0].clone(), section.candidates[1].clone());
    section.candidates[0].for_ = b.for_;
    section.candidates[1].for_ = a.for_;
    let (place, error) =
        ballotbox::record::sealed::ballot::verify_ballots(&key, &manifest(), 1, shapes, &ballots)
            .unwrap_err();
    assert_eq!(place, 3, "{error}");
    assert!(matches!(error, SealedError::ProofFails(_)), "{error}");
}
