//! The test vectors of docs/sealed-ballots.md §11: `tests/vectors/sealed.json` is regenerated
//! from the code and must match the committed file byte for byte (`BALLOTBOX_WRITE_VECTORS=1`
//! rewrites it instead); then every positive vector in the committed file is verified through
//! the parsing API, and every negative one refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use ballotbox::election::{CandidateId, ContestId};
use ballotbox::record::hash::{Digest, sha256};
use ballotbox::record::sealed::SealedError;
use ballotbox::record::sealed::ballot::{
    ContestShape, Mark, SealedBallot, SectionChoices, check_distinct,
};
use ballotbox::record::sealed::ceremony::{
    Ceremony, CeremonyContext, CheckMessage, CommitmentMessage, HoldingMessage, SecretShare,
    SharesMessage, commit,
};
use ballotbox::record::sealed::challenge::BallotOpening;
use ballotbox::record::sealed::elgamal::{Ciphertext, CountSearch};
use ballotbox::record::sealed::group::{Point, Scalar, SecretScalar};
use ballotbox::record::sealed::kem::{Purpose, derive_key};
use ballotbox::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use ballotbox::record::sealed::opening::{
    OpeningList, PartialDecryption, Step, combine, counts, first_list, read_write_ins, second_list,
};
use ballotbox::record::sealed::proofs::{
    DleqProof, DleqStatement, RangeProof, RangeStatement, SchnorrProof,
};
use ballotbox::record::sealed::randomness::{CounterRandomness, Randomness, random_scalar};
use ballotbox::record::sealed::transcript::{Items, Transcript};
use serde_json::{Value, json};

const PATH: &str = "tests/vectors/sealed.json";
const PASSPHRASE: &str = "correct horse battery staple 监票";
const CONGRESS: &str = "vectors";
const ROUND: u64 = 1;

fn rng(seed: &str) -> CounterRandomness {
    CounterRandomness::for_test_vectors_only(seed)
}

fn manifest() -> Digest {
    sha256(&[b"ballotbox sealed-ballot test vectors"])
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap()
}

/// Items described in JSON as `[{"text": "…"}, {"integer": 1}, …]`.
fn items_from(described: &Value) -> Items {
    described
        .as_array()
        .unwrap()
        .iter()
        .fold(Items::new(), |items, item| {
            let (kind, value) = item.as_object().unwrap().iter().next().unwrap();
            match kind.as_str() {
                "text" => items.text(value.as_str().unwrap()),
                "integer" => items.integer(value.as_u64().unwrap()),
                "point" => items.point(&from_json(value)),
                "scalar" => items.scalar(&from_json(value)),
                "digest" => items.digest(&from_json(value)),
                "salt" => items.salt(&from_json(value)),
                other => panic!("unknown item kind {other}"),
            }
        })
}

fn opening_described(step: Step) -> Value {
    json!([{"digest": manifest()}, {"integer": ROUND}, {"text": step.label()}])
}

fn shape() -> ContestShape {
    ContestShape {
        contest: ContestId::parse("small").unwrap(),
        candidates: ["001", "002", "003"]
            .iter()
            .map(|c| CandidateId::parse(c).unwrap())
            .collect(),
        write_in_lines: 1,
        seats: 2,
    }
}

fn shape_json(shape: &ContestShape) -> Value {
    json!({"contest": shape.contest, "candidates": shape.candidates,
           "write_in_lines": shape.write_in_lines, "seats": shape.seats})
}

fn shape_from(value: &Value) -> ContestShape {
    ContestShape {
        contest: from_json(&value["contest"]),
        candidates: from_json(&value["candidates"]),
        write_in_lines: from_json(&value["write_in_lines"]),
        seats: from_json(&value["seats"]),
    }
}

fn choices() -> Vec<SectionChoices> {
    use Mark::{Abstain, Against, For};
    vec![
        SectionChoices {
            marks: vec![For, Against, Abstain],
            write_ins: vec!["赵六".to_owned()],
        },
        SectionChoices {
            marks: vec![For, For, Against],
            write_ins: vec![],
        },
        SectionChoices {
            marks: vec![Against, Abstain, For],
            write_ins: vec![],
        },
    ]
}

fn choices_json(choices: &SectionChoices) -> Value {
    let marks: Vec<&str> = choices
        .marks
        .iter()
        .map(|m| match m {
            Mark::For => "for",
            Mark::Against => "against",
            Mark::Abstain => "abstain",
        })
        .collect();
    json!({"marks": marks, "write_ins": choices.write_ins})
}

const DESCRIPTION: &str = "Test vectors for docs/sealed-ballots.md, made with the counter generator of §10: every \
member named seed gives the seed whose draws k = 0, 1, ... made the values beside it, in the order the specification \
states. Points and scalars are 64 lowercase hex digits; contexts and transcripts' items are lists of one-member \
objects naming the item's kind (text, integer, point, scalar, digest, salt). Members: group (k·G for some k), rng \
(the first draws of one seed), challenge (one transcript, its bytes and its challenge), elgamal (§3), schnorr (§4.1), \
range (§4.2, L = 1 and 3 with values at both ends), dleq (§4.3, with the batch hash and weights), ceremony (§5: n = 3, \
t = 2, the trustees' secrets, step-1, step-2 and step-3 messages, a complaint's answer, the step-4 holdings, the joint key, public and \
secret shares), key_file (§6, trustee 1, the passphrase given), round (§7-§9: the contest's shape, the choices and \
the sealed ballots of a round of three, the first opening list, partial decryptions by trustees 1 and 3, the \
combination and counts, the second list, its partial decryptions and combination, the write-ins read, and the \
opening of ballot 1 had its voter challenged it, §7.1), negative \
(inputs that MUST be refused, each with its kind and the reason).";

fn group_vectors() -> Value {
    let order_minus_one = "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
    let mut scalars: Vec<Scalar> = [0_u64, 1, 2, 3, 100_000]
        .iter()
        .map(|&m| Scalar::from_integer(m))
        .collect();
    scalars.push(order_minus_one.parse().unwrap());
    scalars.push(random_scalar(&mut rng("group")).unwrap().reveal());
    let multiples: Vec<Value> = scalars
        .iter()
        .map(|s| json!({"scalar": s, "point": Point::base_times(s)}))
        .collect();
    json!({"seed": "group", "generator": Point::generator(), "multiples": multiples})
}

fn rng_vectors() -> Value {
    let mut generator = rng("rng");
    let draws: Vec<Value> = (0..3)
        .map(|k| {
            let draw = generator.draw().unwrap();
            json!({"k": k, "bytes": hex::encode(*draw),
                   "scalar": Scalar::from_wide(&draw), "salt": hex::encode(&draw[..16]),
                   "nonce": hex::encode(&draw[..12])})
        })
        .collect();
    json!({"seed": "rng", "draws": draws})
}

fn challenge_vectors() -> Value {
    let described = json!([
        {"text": "监票 vectors"}, {"integer": 7}, {"point": Point::generator()},
        {"scalar": Scalar::from_integer(5)}, {"digest": manifest()},
        {"salt": "00112233445566778899aabbccddeeff"}
    ]);
    let transcript = Transcript::new("schnorr", &items_from(&described));
    json!({"label": "schnorr", "items": described,
           "transcript": hex::encode(transcript.as_bytes()), "challenge": transcript.challenge()})
}

fn elgamal_vectors() -> Value {
    let mut g = rng("elgamal");
    let secret = random_scalar(&mut g).unwrap();
    let key = secret.public();
    let mut encryptions = Vec::new();
    let mut ciphertexts = Vec::new();
    for m in [3_u64, 4] {
        let r = random_scalar(&mut g).unwrap();
        let c = Ciphertext::encrypt(&key, m, &r);
        encryptions.push(json!({"m": m, "r": r.reveal(), "ciphertext": c}));
        ciphertexts.push(c);
    }
    let sum = Ciphertext::sum(&ciphertexts);
    json!({"seed": "elgamal", "secret": secret.reveal(), "key": key, "encryptions": encryptions,
           "sum": sum, "decrypted": sum.decrypt(&secret), "count": 7})
}

fn schnorr_vectors() -> Value {
    let mut g = rng("schnorr");
    let secret = random_scalar(&mut g).unwrap();
    let described = json!([{"text": CONGRESS}, {"integer": 1}]);
    let proof = SchnorrProof::prove(&items_from(&described), &secret, &mut g).unwrap();
    json!({"seed": "schnorr", "context": described, "secret": secret.reveal(),
           "public": secret.public(), "proof": proof})
}

fn range_vectors() -> Value {
    let cases = [(1_u64, 0_u64), (1, 1), (3, 0), (3, 3)];
    let vectors: Vec<Value> = cases
        .iter()
        .map(|&(bound, value)| {
            let seed = format!("range/L{bound}/v{value}");
            let mut g = rng(&seed);
            let key = random_scalar(&mut g).unwrap().public();
            let r = random_scalar(&mut g).unwrap();
            let ciphertext = Ciphertext::encrypt(&key, value, &r);
            let described = json!([{"text": CONGRESS}, {"text": "range"}]);
            let ctx = items_from(&described);
            let statement = RangeStatement {
                ctx: &ctx,
                key: &key,
                ciphertext: &ciphertext,
                bound,
            };
            let proof = RangeProof::prove(&statement, value, &r, &mut g).unwrap();
            json!({"seed": seed, "key": key, "r": r.reveal(), "bound": bound, "value": value,
                   "context": described, "ciphertext": ciphertext, "proof": proof})
        })
        .collect();
    json!(vectors)
}

fn dleq_vectors() -> Value {
    let mut g = rng("dleq");
    let secret = random_scalar(&mut g).unwrap();
    let public = secret.public();
    let entries = (0..3)
        .map(|k| {
            let alpha = random_scalar(&mut g).unwrap().public();
            let entry = ballotbox::record::sealed::opening::Entry::WriteInCount(
                k,
                ContestId::parse("small").unwrap(),
            );
            (
                entry,
                Ciphertext {
                    alpha,
                    beta: Point::identity(),
                },
            )
        })
        .collect();
    let list = OpeningList {
        step: Step::Totals,
        entries,
    };
    let share = SecretShare::new(1, secret.clone(), public).unwrap();
    let partial = PartialDecryption::make(&share, &manifest(), ROUND, &list, &mut g).unwrap();
    let described = opening_described(Step::Totals);
    let ctx = items_from(&described);
    let alphas = list.alphas();
    let statement = DleqStatement {
        ctx: &ctx,
        public_share: &public,
        alphas: &alphas,
        shares: &partial.shares,
    };
    let (alpha_star, share_star) = statement.combined().unwrap();
    json!({"seed": "dleq", "context": described, "secret": secret.reveal(), "public_share": public,
           "alphas": alphas, "shares": partial.shares, "batch_hash": hex::encode(statement.batch_hash()),
           "weights": statement.weights(), "alpha_star": alpha_star, "share_star": share_star,
           "proof": partial.proof})
}

struct CeremonyRun {
    ceremony: Ceremony,
    shares: Vec<SecretShare>,
    json: Value,
}

fn ceremony_vectors() -> CeremonyRun {
    let context = CeremonyContext::new(CONGRESS, 3, 2).unwrap();
    let mut generators: Vec<CounterRandomness> = (1..=3)
        .map(|i| rng(&format!("ceremony/trustee/{i}")))
        .collect();
    let mut secrets = Vec::new();
    let mut step1 = Vec::new();
    for (i, g) in (1..=3).zip(generators.iter_mut()) {
        let (s, m) = commit(&context, i, g).unwrap();
        secrets.push(s);
        step1.push(m);
    }
    let ceremony = Ceremony::new(context.clone(), step1.clone()).unwrap();
    let step2: Vec<SharesMessage> = secrets
        .iter()
        .zip(generators.iter_mut())
        .map(|(s, g)| s.deal(&ceremony, g).unwrap())
        .collect();
    let mut step3 = Vec::new();
    let mut shares = Vec::new();
    let mut received_json = Vec::new();
    for me in &secrets {
        let mut received = Vec::new();
        for message in step2.iter().filter(|m| m.trustee != me.trustee()) {
            let y = ceremony.receive_share(me, message).unwrap();
            received_json
                .push(json!({"from": message.trustee, "to": me.trustee(), "share": y.reveal()}));
            received.push((message.trustee, y));
        }
        step3.push(CheckMessage {
            trustee: me.trustee(),
            accepted: received.iter().map(|(i, _)| *i).collect(),
            complaints: vec![],
        });
        shares.push(ceremony.secret_share(me, &received).unwrap());
    }
    let answer = secrets[0].answer_complaint(2);
    // Step 4, each trustee's last draw: the nonce of its holding proof.
    let holdings: Vec<HoldingMessage> = shares
        .iter()
        .zip(generators.iter_mut())
        .map(|(share, g)| HoldingMessage::make(&context, share, g).unwrap())
        .collect();
    // The secrets are the first draws of each trustee's seed (§10): e_i, then a_{i,0}, a_{i,1}.
    let secrets_json: Vec<Value> = secrets
        .iter()
        .map(|s| {
            let mut replay = rng(&format!("ceremony/trustee/{}", s.trustee()));
            let transport = random_scalar(&mut replay).unwrap().reveal();
            let coefficients: Vec<Scalar> = (0..2).map(|_| random_scalar(&mut replay).unwrap().reveal()).collect();
            json!({"trustee": s.trustee(), "transport_secret": transport, "coefficients": coefficients,
                   "f_at": (1..=3).map(|x| s.evaluate(x).reveal()).collect::<Vec<_>>()})
        })
        .collect();
    let json = json!({
        "congress": CONGRESS, "n": 3, "t": 2,
        "seeds": (1..=3).map(|i| format!("ceremony/trustee/{i}")).collect::<Vec<_>>(),
        "secrets": secrets_json,
        "step1": step1, "step2": step2, "received": received_json, "step3": step3,
        "complaint_answer": answer,
        "holdings": holdings,
        "joint_key": ceremony.joint_key(),
        "public_shares": (1..=3).map(|l| ceremony.public_share(l)).collect::<Vec<_>>(),
        "secret_shares": shares.iter().map(|s| s.secret().reveal()).collect::<Vec<_>>(),
    });
    CeremonyRun {
        ceremony,
        shares,
        json,
    }
}

fn generate() -> String {
    let run = ceremony_vectors();
    let key = run.ceremony.joint_key();
    let key_file = TrusteeKeyFile::seal(
        &run.shares[0],
        CONGRESS,
        3,
        2,
        &key,
        &Passphrase::new(PASSPHRASE),
        &mut rng("key-file"),
    )
    .unwrap();

    let shape = shape();
    let choices = choices();
    let (ballots, secrets): (Vec<SealedBallot>, Vec<_>) = choices
        .iter()
        .enumerate()
        .map(|(b, c)| {
            SealedBallot::seal(
                &key,
                &manifest(),
                ROUND,
                &[(&shape, c)],
                &mut rng(&format!("ballot/{}", b + 1)),
            )
            .unwrap()
        })
        .unzip();
    // Ballot 1, had its voter challenged it: its opening (§7.1).
    let challenge = secrets[0].reveal(&[&shape]);
    let first = first_list(std::slice::from_ref(&shape), &ballots).unwrap();
    // Trustees 1 and 3 (not 2) decrypt a list; their proofs checked, their shares combined.
    let open = |list: &OpeningList, step: &str| {
        let partials: Vec<PartialDecryption> = [0, 2]
            .iter()
            .map(|&t| {
                let seed = format!("opening/{step}/{}", t + 1);
                PartialDecryption::make(&run.shares[t], &manifest(), ROUND, list, &mut rng(&seed))
                    .unwrap()
            })
            .collect();
        let verified: Vec<_> = partials
            .iter()
            .map(|p| {
                let public = run.ceremony.public_share(p.trustee);
                p.verify(&manifest(), ROUND, list, &public).unwrap()
            })
            .collect();
        let opened = combine(2, list, &verified).unwrap();
        (partials, opened)
    };
    let (first_partials, opened) = open(&first, "totals");
    let first_counts = counts(&opened, ballots.len() as u64).unwrap();
    let second = second_list(&ballots, &first, &first_counts)
        .unwrap()
        .unwrap();
    let (second_partials, opened2) = open(&second, "write-ins");
    let names = read_write_ins(&manifest(), ROUND, &ballots, &second, &opened2).unwrap();
    let list_json = |l: &OpeningList| {
        l.entries
            .iter()
            .map(|(_, c)| to_json(c))
            .collect::<Vec<_>>()
    };

    let name_box = &ballots[0].sections[0].write_ins[0].name;
    let name_key = derive_key(&opened2.factors[1], &name_box.header, Purpose::WriteIn);

    let round = json!({
        "manifest": manifest(), "round": ROUND, "key": key,
        "contests": [shape_json(&shape)],
        "ballots": ballots.iter().zip(&choices).enumerate().map(|(b, (ballot, c))| json!({
            "seed": format!("ballot/{}", b + 1), "choices": choices_json(c), "ballot": ballot})).collect::<Vec<_>>(),
        "first_list": list_json(&first),
        "first_partials": first_partials,
        "first_seeds": ["opening/totals/1", "opening/totals/3"],
        "first_plaintexts": opened.plaintexts,
        "counts": first_counts,
        "second_list": list_json(&second),
        "second_partials": second_partials,
        "second_seeds": ["opening/write-ins/1", "opening/write-ins/3"],
        "second_factors": opened2.factors,
        "second_plaintexts": opened2.plaintexts,
        "write_in_box_key": hex::encode(*name_key),
        "challenge": challenge,
        "write_ins": names.iter().map(|w| json!({"ballot": w.ballot, "contest": w.contest, "line": w.line, "name": w.name})).collect::<Vec<_>>(),
    });

    let vectors = json!({
        "description": DESCRIPTION,
        "group": group_vectors(),
        "rng": rng_vectors(),
        "challenge": challenge_vectors(),
        "elgamal": elgamal_vectors(),
        "schnorr": schnorr_vectors(),
        "range": range_vectors(),
        "dleq": dleq_vectors(),
        "ceremony": run.json,
        "key_file": {"seed": "key-file", "passphrase": PASSPHRASE, "file": key_file},
        "round": round,
        "negative": negative_vectors(&ballots[0], &first, &first_partials[0]),
    });
    serde_json::to_string_pretty(&vectors).unwrap() + "\n"
}

/// Inputs that MUST be refused, each with its kind (how the verifier reads it) and why.
fn negative_vectors(
    ballot: &SealedBallot,
    first: &OpeningList,
    partial: &PartialDecryption,
) -> Value {
    let mut out = Vec::new();

    // A response of a range proof changed: the branch's equation fails.
    let mut bent = to_json(ballot);
    let response = &mut bent["sections"][0]["candidates"][0]["for_proof"]["responses"][0];
    *response = to_json(&Scalar::from_integer(1));
    out.push(
        json!({"name": "tampered range proof response", "kind": "ballot", "ballot": bent,
                    "verdict": "the small/001/for proof does not verify"}),
    );

    // The two challenges of a range proof swapped: they still add up, the equations fail.
    let mut bent = to_json(ballot);
    let challenges = &mut bent["sections"][0]["candidates"][1]["against_proof"]["challenges"];
    let (c0, c1) = (challenges[0].clone(), challenges[1].clone());
    challenges[0] = c1;
    challenges[1] = c0;
    out.push(
        json!({"name": "range proof challenges swapped", "kind": "ballot", "ballot": bent,
                    "verdict": "the small/002/against proof does not verify"}),
    );

    // A write-in header replaced by another ballot's α (the attack name_proof prevents).
    let mut bent = to_json(ballot);
    bent["sections"][0]["write_ins"][0]["name"]["header"] = to_json(&first.entries[0].1.alpha);
    out.push(
        json!({"name": "write-in header taken from elsewhere", "kind": "ballot", "ballot": bent,
                    "verdict": "the small/line 0/name proof does not verify"}),
    );

    // A limit proof for an over-vote cannot be made; one for a valid count does not pass for another.
    let mut bent = to_json(ballot);
    bent["sections"][0]["limit_proof"] = bent["sections"][0]["candidates"][0]["one_proof"].clone();
    out.push(
        json!({"name": "limit proof replaced by another proof", "kind": "ballot", "ballot": bent,
                    "verdict": "the small/limit proof does not verify"}),
    );

    // A scalar equal to ℓ: not canonical.
    let mut bent = to_json(&ballot.sections[0].candidates[0].for_proof);
    bent["responses"][0] =
        json!("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    out.push(json!({"name": "non-canonical scalar (= ℓ)", "kind": "range_proof_json", "json": bent,
                    "verdict": "a scalar is 64 lowercase hex digits of a number below the group order"}));

    // A point that does not decode: a negative field element.
    let mut bent = to_json(&ballot.sections[0].candidates[0].for_);
    bent["alpha"] = json!(format!("01{}", "00".repeat(31)));
    out.push(json!({"name": "undecodable point", "kind": "ciphertext_json", "json": bent,
                    "verdict": "a point is 64 lowercase hex digits of a canonical Ristretto255 encoding"}));

    // A partial decryption whose first share is changed.
    let mut bent = to_json(partial);
    bent["shares"][0] = to_json(&Point::generator());
    out.push(json!({"name": "partial decryption with an altered share", "kind": "partial_totals",
                    "partial": bent, "verdict": "the partial decryption of trustee 1 proof does not verify"}));

    // A ballot whose section has a ciphertext α of the identity.
    let mut bent = to_json(ballot);
    bent["sections"][0]["candidates"][2]["against"]["alpha"] = to_json(&Point::identity());
    out.push(
        json!({"name": "identity as a ciphertext's α", "kind": "ballot", "ballot": bent,
                    "verdict": "a ciphertext's α must not be the identity point"}),
    );

    json!(out)
}

fn committed() -> String {
    std::fs::read_to_string(PATH).unwrap_or_default()
}

#[test]
fn the_committed_vectors_are_what_the_code_produces() {
    let fresh = generate();
    if std::env::var_os("BALLOTBOX_WRITE_VECTORS").is_some() {
        std::fs::write(PATH, &fresh).unwrap();
        return;
    }
    let committed = committed();
    if committed != fresh {
        let line = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b);
        panic!(
            "{PATH} differs from the code's output (first at line {line:?}); run with BALLOTBOX_WRITE_VECTORS=1 to rewrite it"
        );
    }
}

fn vectors() -> Value {
    serde_json::from_str(&committed()).expect("the vectors file is JSON")
}

#[test]
fn group_rng_and_challenge_vectors_hold() {
    let v = vectors();
    assert_eq!(
        from_json::<Point>(&v["group"]["generator"]),
        Point::generator()
    );
    for m in v["group"]["multiples"].as_array().unwrap() {
        let s: Scalar = from_json(&m["scalar"]);
        assert_eq!(Point::base_times(&s), from_json::<Point>(&m["point"]));
    }
    let mut g = rng(v["rng"]["seed"].as_str().unwrap());
    for d in v["rng"]["draws"].as_array().unwrap() {
        let draw = g.draw().unwrap();
        assert_eq!(hex::encode(*draw), d["bytes"].as_str().unwrap());
        assert_eq!(Scalar::from_wide(&draw), from_json::<Scalar>(&d["scalar"]));
    }
    let c = &v["challenge"];
    let t = Transcript::new(c["label"].as_str().unwrap(), &items_from(&c["items"]));
    assert_eq!(hex::encode(t.as_bytes()), c["transcript"].as_str().unwrap());
    assert_eq!(t.challenge(), from_json::<Scalar>(&c["challenge"]));
}

#[test]
fn elgamal_and_proof_vectors_verify() {
    let v = vectors();
    let e = &v["elgamal"];
    let secret = SecretScalar::from_bytes(&from_json::<Scalar>(&e["secret"]).to_bytes()).unwrap();
    let sum: Ciphertext = from_json(&e["sum"]);
    let parts: Vec<Ciphertext> = e["encryptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| from_json(&x["ciphertext"]))
        .collect();
    assert_eq!(Ciphertext::sum(&parts), sum);
    assert_eq!(CountSearch::new(10).find(&sum.decrypt(&secret)), Ok(7));

    let s = &v["schnorr"];
    let proof: SchnorrProof = from_json(&s["proof"]);
    proof
        .verify(
            &items_from(&s["context"]),
            &from_json(&s["public"]),
            "vector",
        )
        .unwrap();

    for r in v["range"].as_array().unwrap() {
        let proof: RangeProof = from_json(&r["proof"]);
        let ctx = items_from(&r["context"]);
        let key: Point = from_json(&r["key"]);
        let ciphertext: Ciphertext = from_json(&r["ciphertext"]);
        let statement = RangeStatement {
            ctx: &ctx,
            key: &key,
            ciphertext: &ciphertext,
            bound: r["bound"].as_u64().unwrap(),
        };
        proof.verify(&statement, "vector").unwrap();
    }

    let d = &v["dleq"];
    let ctx = items_from(&d["context"]);
    let alphas: Vec<Point> = from_json(&d["alphas"]);
    let shares: Vec<Point> = from_json(&d["shares"]);
    let public: Point = from_json(&d["public_share"]);
    let statement = DleqStatement {
        ctx: &ctx,
        public_share: &public,
        alphas: &alphas,
        shares: &shares,
    };
    assert_eq!(
        hex::encode(statement.batch_hash()),
        d["batch_hash"].as_str().unwrap()
    );
    from_json::<DleqProof>(&d["proof"])
        .verify(&statement, "vector")
        .unwrap();
}

#[test]
fn the_ceremony_vectors_verify_and_give_the_keys() {
    let v = vectors();
    let c = &v["ceremony"];
    let context = CeremonyContext::new(c["congress"].as_str().unwrap(), 3, 2).unwrap();
    let step1: Vec<CommitmentMessage> = from_json(&c["step1"]);
    let ceremony = Ceremony::new(context.clone(), step1).unwrap();
    assert_eq!(ceremony.joint_key(), from_json::<Point>(&c["joint_key"]));
    let public: Vec<Point> = from_json(&c["public_shares"]);
    let secret: Vec<Scalar> = from_json(&c["secret_shares"]);
    for (l, (p, s)) in (1..=3).zip(public.iter().zip(&secret)) {
        assert_eq!(ceremony.public_share(l), *p);
        assert_eq!(Point::base_times(s), *p);
    }
    // Every share opens with the receiver's transport secret and checks.
    let step2: Vec<SharesMessage> = from_json(&c["step2"]);
    let transports: Vec<Scalar> = c["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| from_json(&s["transport_secret"]))
        .collect();
    for message in &step2 {
        for dealt in &message.shares {
            let e =
                SecretScalar::from_bytes(&transports[dealt.to as usize - 1].to_bytes()).unwrap();
            let ctx = context.share_items(message.trustee, dealt.to);
            let plaintext = dealt.share.open(&e, Purpose::Share, &ctx).unwrap();
            let y = SecretScalar::from_bytes(plaintext.as_slice().try_into().unwrap()).unwrap();
            ceremony.check_share(message.trustee, dealt.to, &y).unwrap();
        }
    }
    ceremony
        .check_answer(&from_json(&c["complaint_answer"]))
        .unwrap();
    let _: Vec<CheckMessage> = from_json(&c["step3"]);
    let holdings: Vec<HoldingMessage> = from_json(&c["holdings"]);
    assert_eq!(holdings.len(), 3);
    for holding in &holdings {
        holding.verify(&ceremony).unwrap();
    }
    let mut forged = holdings[0].clone();
    forged.public_share = holdings[1].public_share;
    assert!(
        forged.verify(&ceremony).is_err(),
        "a holding of another's share"
    );
}

#[test]
fn the_key_file_vector_opens_with_its_passphrase_only() {
    let v = vectors();
    let file: TrusteeKeyFile = from_json(&v["key_file"]["file"]);
    let share = file
        .open(&Passphrase::new(
            v["key_file"]["passphrase"].as_str().unwrap(),
        ))
        .unwrap();
    assert_eq!(
        share.secret().reveal(),
        from_json::<Scalar>(&v["ceremony"]["secret_shares"][0])
    );
    assert_eq!(
        file.open(&Passphrase::new("wrong")).unwrap_err(),
        SealedError::WrongPassphrase
    );
}

/// What the `round` vectors' ballots are sealed under.
struct RoundVectors {
    manifest: Digest,
    round: u64,
    key: Point,
    shapes: Vec<ContestShape>,
}

impl RoundVectors {
    fn of(r: &Value) -> RoundVectors {
        RoundVectors {
            manifest: from_json(&r["manifest"]),
            round: r["round"].as_u64().unwrap(),
            key: from_json(&r["key"]),
            shapes: r["contests"]
                .as_array()
                .unwrap()
                .iter()
                .map(shape_from)
                .collect(),
        }
    }
}

#[test]
fn the_round_vectors_verify_open_and_count() {
    let v = vectors();
    let r = &v["round"];
    let RoundVectors {
        manifest,
        round,
        key,
        shapes,
    } = RoundVectors::of(r);
    let ballots: Vec<SealedBallot> = r["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| from_json(&b["ballot"]))
        .collect();
    for ballot in &ballots {
        ballot.verify(&key, &manifest, round, &shapes).unwrap();
    }
    check_distinct(&ballots).unwrap();
    let first = first_list(&shapes, &ballots).unwrap();
    let listed: Vec<Ciphertext> = from_json(&r["first_list"]);
    assert_eq!(
        first.entries.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
        listed
    );
    // The vectors' partial decryptions of a list (member `partials`), checked and combined.
    let publics: Vec<Point> = from_json(&v["ceremony"]["public_shares"]);
    let open = |list: &OpeningList, partials: &str| {
        let partials: Vec<PartialDecryption> = from_json(&r[partials]);
        let verified: Vec<_> = partials
            .iter()
            .map(|p| {
                p.verify(&manifest, round, list, &publics[p.trustee as usize - 1])
                    .unwrap()
            })
            .collect();
        combine(2, list, &verified).unwrap()
    };
    let opened = open(&first, "first_partials");
    let found = counts(&opened, ballots.len() as u64).unwrap();
    assert_eq!(found, from_json::<Vec<u64>>(&r["counts"]));
    // 001: for 2 against 1; 002: for 1 against 1; 003: for 1 against 1; write-ins 1, 0, 0.
    assert_eq!(found, vec![2, 1, 1, 1, 1, 1, 1, 0, 0]);
    let second = second_list(&ballots, &first, &found).unwrap().unwrap();
    let opened = open(&second, "second_partials");
    let names = read_write_ins(&manifest, round, &ballots, &second, &opened).unwrap();
    assert_eq!(names.len(), 1);
    assert_eq!(names[0].name, "赵六");
    assert_eq!(r["write_ins"][0]["name"], "赵六");
}

#[test]
fn the_challenged_ballot_seals_again_to_itself_and_to_nothing_else() {
    let v = vectors();
    let r = &v["round"];
    let RoundVectors {
        manifest,
        round,
        key,
        shapes,
    } = RoundVectors::of(r);
    let ballot = |b: usize| -> SealedBallot { from_json(&r["ballots"][b]["ballot"]) };
    let opening: BallotOpening = from_json(&r["challenge"]);
    let choices = opening
        .check(&key, &manifest, round, &ballot(0), &shapes)
        .unwrap();
    assert_eq!(choices_json(&choices[0]), r["ballots"][0]["choices"]);

    // Another ballot, another round, or any value of the opening changed: refused.
    let refused = |opening: &BallotOpening, ballot: &SealedBallot, round: u64| {
        let error = opening
            .check(&key, &manifest, round, ballot, &shapes)
            .unwrap_err();
        assert!(matches!(error, SealedError::Challenge(_)), "{error}");
    };
    refused(&opening, &ballot(1), round);
    refused(&opening, &ballot(0), round + 1);
    let mut changed = opening.clone();
    changed.sections[0].candidates[0].mark = Mark::Abstain;
    refused(&changed, &ballot(0), round);
    let mut changed = opening.clone();
    changed.sections[0].candidates[1].against_r = changed.sections[0].candidates[0].for_r;
    refused(&changed, &ballot(0), round);
    let mut changed = opening.clone();
    changed.sections[0].write_ins[0].name = Some("孙七".to_owned());
    refused(&changed, &ballot(0), round);
    let mut changed = opening.clone();
    changed.sections[0].write_ins[0].name = None;
    refused(&changed, &ballot(0), round);
}

#[test]
fn every_negative_vector_is_refused_for_its_stated_reason() {
    let v = vectors();
    let r = &v["round"];
    let manifest: Digest = from_json(&r["manifest"]);
    let key: Point = from_json(&r["key"]);
    let shapes: Vec<ContestShape> = r["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(shape_from)
        .collect();
    let ballots: Vec<SealedBallot> = r["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| from_json(&b["ballot"]))
        .collect();
    let first = first_list(&shapes, &ballots).unwrap();
    let publics: Vec<Point> = from_json(&v["ceremony"]["public_shares"]);
    let negatives = v["negative"].as_array().unwrap();
    assert!(negatives.len() >= 3);
    for n in negatives {
        let verdict = n["verdict"].as_str().unwrap();
        let error = match n["kind"].as_str().unwrap() {
            "ballot" => {
                let ballot: SealedBallot = from_json(&n["ballot"]);
                ballot
                    .verify(&key, &manifest, 1, &shapes)
                    .unwrap_err()
                    .to_string()
            }
            "range_proof_json" => serde_json::from_value::<RangeProof>(n["json"].clone())
                .unwrap_err()
                .to_string(),
            "ciphertext_json" => serde_json::from_value::<Ciphertext>(n["json"].clone())
                .unwrap_err()
                .to_string(),
            "partial_totals" => {
                let p: PartialDecryption = from_json(&n["partial"]);
                p.verify(&manifest, 1, &first, &publics[p.trustee as usize - 1])
                    .unwrap_err()
                    .to_string()
            }
            other => panic!("unknown kind {other}"),
        };
        assert!(error.starts_with(verdict), "{}: {error}", n["name"]);
    }
}
