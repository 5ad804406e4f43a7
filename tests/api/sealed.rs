//! A sealed congress over real HTTP: ballots sealed and proved as the kiosk page does (by
//! `ballotbox kiosk`'s code), refused when a proof fails or when sent in the clear, challenged
//! and published with their openings, and a round closed into a signed tree head that nobody
//! can count until two of the three trustees have decrypted its totals and write-ins — the
//! third trustee, who lost their key file, is not needed.

use std::collections::BTreeMap;
use std::time::Duration;

use ballotbox::client::ApiClient;
use ballotbox::election::Marks;
use ballotbox::kiosk;
use ballotbox::record::documents::SpoiledBallot;
use ballotbox::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use ballotbox::store::users::Role;
use ballotbox::trustee::{CeremonyRun, OpeningRun, open_round, take_part};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::ceremony::{trustee_client, with_trustees};
use crate::helpers::{Api, PASSPHRASE, TestApp, expect, on_both, print_cards};
use crate::voting::{MEN, WOMEN};

fn marks(contest: &str) -> Marks {
    let ids: &[&str] = match contest {
        "committee" => &["D002", "D003", "D004", "D006", "D008", "D010", "D001"],
        "audit" => &["D012", "D016", "D017"],
        _ => &["D001", "D007", "D009", "D011", "D013"],
    };
    Marks {
        for_: ids.iter().map(|s| (*s).to_owned()).collect(),
        ..Marks::default()
    }
}

/// The marks of a man's ballot (committee and audit) or a woman's (and the women's committee).
fn all_marks(woman: bool) -> BTreeMap<String, Marks> {
    let contests: &[&str] = if woman {
        &["committee", "audit", "women"]
    } else {
        &["committee", "audit"]
    };
    contests
        .iter()
        .map(|c| ((*c).to_owned(), marks(c)))
        .collect()
}

/// A frozen sealed congress: trustees' key files (trustee 1 … 3) and every voter's active card.
async fn sealed_congress(
    app: &TestApp,
    organiser: &Api,
    folder: &std::path::Path,
) -> (String, Vec<TrusteeKeyFile>, Vec<String>) {
    let id = with_trustees(app, organiser).await;
    let mut runs = Vec::new();
    for i in 1..=3 {
        let client = trustee_client(app, i).await;
        let run = CeremonyRun {
            congress: id.clone(),
            account: format!("trustee-{i}"),
            key_file: folder.join(format!("trustee-{i}.json")),
            poll: Duration::from_millis(50),
        };
        runs.push(tokio::spawn(async move {
            take_part(&client, &run, &Passphrase::new(PASSPHRASE), &mut |_| {}).await
        }));
    }
    let mut files = Vec::new();
    for run in runs {
        files.push(run.await.unwrap().unwrap());
    }
    expect(
        organiser
            .post(&format!("/congresses/{id}/freeze"), &json!(null))
            .await,
        StatusCode::OK,
    )
    .await;
    let desk = app.signed_in(Role::Desk).await;
    let mut cards: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (style, count) in [("general", 20), ("female", 14)] {
        cards.insert(
            style.to_owned(),
            print_cards(organiser, &id, style, count).await.0,
        );
    }
    let mut active = Vec::new();
    for number in MEN.iter().chain(&WOMEN) {
        let checked = expect(
            desk.post(
                &format!("/congresses/{id}/check-ins"),
                &json!({"number": number}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        let card = cards
            .get_mut(checked["style"].as_str().unwrap())
            .unwrap()
            .pop()
            .unwrap();
        expect(
            desk.post(
                &format!("/congresses/{id}/activations"),
                &json!({"card": card}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        active.push(card);
    }
    (id, files, active)
}

async fn kiosk_for(app: &TestApp, organiser: &Api, id: &str) -> ApiClient {
    let pairing = expect(
        organiser
            .post(
                &format!("/congresses/{id}/kiosk-pairings"),
                &json!({"name": "一号投票台"}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let client = ApiClient::new(&app.address, None).unwrap();
    kiosk::pair(&client, pairing["code"].as_str().unwrap())
        .await
        .unwrap();
    client
}

on_both! {
    async fn a_sealed_round_is_counted_only_once_two_of_three_trustees_open_it(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let folder = tempfile::tempdir().unwrap();
        let (id, files, cards) = sealed_congress(&app, &organiser, folder.path()).await;
        let manifest: Value = expect(organiser.get(&format!("/congresses/{id}/manifest")).await, StatusCode::OK).await;
        assert_eq!(manifest["format"], "ballotbox-manifest/2");
        let kiosk = kiosk_for(&app, &organiser, &id).await;
        expect(organiser.post(&format!("/congresses/{id}/rounds"), &json!({"contests": [{"contest": "committee"}, {"contest": "audit"}, {"contest": "women"}]})).await, StatusCode::CREATED).await;

        let ballot = kiosk.post("/kiosk/ballot", json!({"card": cards[0]}), StatusCode::OK).await.unwrap();
        assert_eq!(ballot["sealing"]["joint_key"], manifest["sealing"]["joint_key"]);
        assert_eq!(ballot["contests"][0]["write_in_lines"], 7);

        // In the clear: there is no such cast, and the body's fields are refused by name.
        let clear = json!({"card": cards[0], "round": 1, "salt": "00112233445566778899aabbccddeeff", "sections": {"committee": {"for": [], "against": [], "abstain": [], "write_ins": []}}});
        let (status, error) = kiosk.exchange(Method::POST, "/kiosk/casts", Some(clear)).await.unwrap();
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_fields")), "{error}");
        assert!(error["error"]["message"].as_str().unwrap().contains("salt"), "{error}");
        // A proof that fails: refused, and the card still votes.
        let sealed = kiosk::seal(&ballot, &id, &all_marks(false)).unwrap();
        let mut forged = serde_json::to_value(&sealed.ballot).unwrap();
        forged["sections"][0]["candidates"][0]["for"] = forged["sections"][0]["candidates"][1]["for"].clone();
        let (status, error) = kiosk.exchange(Method::POST, "/kiosk/casts", Some(json!({"card": cards[0], "round": 1, "ballot": forged}))).await.unwrap();
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_ballot")), "{error}");

        // The first voter challenges a ballot with a write-in, then votes afresh with it.
        let mut written = all_marks(false);
        let committee = written.get_mut("committee").unwrap();
        committee.for_.pop();
        committee.write_ins.push("赵六".to_owned());
        let challenged = kiosk::vote(&kiosk, &cards[0], Some(1), &written, true).await.unwrap();
        let tracker = challenged.tracker.clone();
        assert_eq!(challenged.answer["tracker"], tracker.as_str());
        let cast = kiosk::vote(&kiosk, &cards[0], Some(1), &written, false).await.unwrap();
        assert_ne!(cast.tracker, tracker, "sealed afresh");
        assert_eq!(cast.answer["short"].as_str(), Some(cast.tracker.as_str()));
        // A card that voted cannot challenge any more.
        let error = kiosk::vote(&kiosk, &cards[0], Some(1), &written, true).await.unwrap_err();
        assert!(error.to_string().contains("card_spent"), "{error}");
        for (i, card) in cards.iter().enumerate().skip(1) {
            kiosk::vote(&kiosk, card, Some(1), &all_marks(i >= MEN.len()), false).await.unwrap();
        }

        // Closing fixes the log; nobody sees a count.
        let closed = expect(organiser.post(&format!("/congresses/{id}/rounds/1/close"), &json!(null)).await, StatusCode::OK).await;
        assert_eq!(closed["open"], false);
        assert_eq!(closed["result"], Value::Null, "no count before the trustees open it");
        assert_eq!(closed["tree_head"]["size"], 29);
        assert_eq!(closed["returned_by_contest"]["women"], 12);
        let opening = expect(organiser.get(&format!("/congresses/{id}/rounds/1/opening")).await, StatusCode::OK).await;
        assert_eq!(opening["stage"], "totals");
        let next = organiser.post(&format!("/congresses/{id}/rounds"), &json!({"contests": [{"contest": "chair"}]})).await;
        assert!(next.status().is_client_error(), "no next round before the count");
        let listed = expect(organiser.get(&format!("/congresses/{id}/rounds/1/sealed-ballots")).await, StatusCode::OK).await;
        assert_eq!(listed["ballots"].as_array().unwrap().len(), 29);
        let spoiled: Vec<SpoiledBallot> = serde_json::from_value(listed["spoiled"].clone()).unwrap();
        assert_eq!(spoiled.len(), 1);
        assert_eq!(spoiled[0].opening.sections[0].write_ins[0].name.as_deref(), Some("赵六"));

        // Trustee 1 alone: still no count. A partial of someone else's: refused.
        let passphrase = Passphrase::new(PASSPHRASE);
        let one = trustee_client(&app, 1).await;
        let run = OpeningRun { congress: id.clone(), round: 1, poll: Duration::from_millis(50) };
        let first = tokio::spawn({
            let (one, run, file) = (one.clone(), run.clone(), files[0].clone());
            async move { open_round(&one, &run, &file, &Passphrase::new(PASSPHRASE), &mut |_| {}).await }
        });
        // Trustee 3 joins; trustee 2 lost the key file and is not needed.
        let three = trustee_client(&app, 3).await;
        open_round(&three, &run, &files[2], &passphrase, &mut |_| {}).await.unwrap();
        first.await.unwrap().unwrap();
        let round = expect(organiser.get(&format!("/congresses/{id}/rounds/1")).await, StatusCode::OK).await;
        let contests = round["result"]["tally"]["contests"].as_array().unwrap();
        let committee = &contests[0];
        assert_eq!(committee["returned"], 29);
        assert_eq!(committee["valid"], 29);
        let votes: BTreeMap<&str, u64> = committee["candidates"].as_array().unwrap().iter().map(|c| (c["name"].as_str().unwrap(), c["for"].as_u64().unwrap())).collect();
        assert_eq!(votes["赵六"], 1, "{votes:?}");
        let opening = expect(organiser.get(&format!("/congresses/{id}/rounds/1/opening")).await, StatusCode::OK).await;
        assert_eq!(opening["stage"], "opened");
        let done: Vec<&Value> = opening["trustees"].as_array().unwrap().iter().map(|t| &t["done"]).collect();
        assert_eq!(done[1], &json!([]), "trustee 2 took no part");
        // Counted by the rules, from the totals: the seven the voters chose are elected.
        let elected = committee["candidates"].as_array().unwrap().iter().filter(|c| c["elected"] == true).count();
        assert_eq!(elected, 7, "{committee}");
        assert!(round["result_hash"].is_string());
    }
}

/// `ballotbox kiosk pair` and `ballotbox kiosk cast` (one ballot challenged, then cast), and
/// `ballotbox trustee open` for two trustees at once: the commands a dress rehearsal scripts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_kiosk_and_trustees_vote_and_open_a_sealed_round() {
    crate::helpers::on_sqlite(|app| async move {
        let organiser = app.signed_in(Role::Organiser).await;
        let folder = tempfile::tempdir().unwrap();
        let (id, _, cards) = sealed_congress(&app, &organiser, folder.path()).await;
        expect(organiser.post(&format!("/congresses/{id}/rounds"), &json!({"contests": [{"contest": "committee"}, {"contest": "audit"}, {"contest": "women"}]})).await, StatusCode::CREATED).await;
        let binary = env!("CARGO_BIN_EXE_ballotbox");
        let run = |args: Vec<String>, stdin: String| async move {
            use tokio::io::AsyncWriteExt;
            let mut child = tokio::process::Command::new(binary)
                .args(&args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut input = child.stdin.take().unwrap();
            input.write_all(stdin.as_bytes()).await.unwrap();
            drop(input);
            let output = child.wait_with_output().await.unwrap();
            let said = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(output.status.success(), "{args:?}: {said}");
            String::from_utf8(output.stdout).unwrap()
        };
        let pairing = expect(organiser.post(&format!("/congresses/{id}/kiosk-pairings"), &json!({"name": "演练投票台"})).await, StatusCode::CREATED).await;
        let credential = folder.path().join("kiosk.credential");
        let s = |v: &str| v.to_owned();
        run(vec![s("kiosk"), s("pair"), s("--server"), app.address.clone(), s("--code"), pairing["code"].as_str().unwrap().to_owned(), s("--credential"), credential.display().to_string()], String::new()).await;
        let marks = r#"{"committee": {"for": ["D002", "D003"], "write_ins": ["赵六"]}, "audit": {"against": ["D012"]}}"#;
        let cast = |card: String, challenge: bool| {
            let mut args = vec![s("kiosk"), s("cast"), s("--server"), app.address.clone(), s("--credential"), credential.display().to_string(), s("--card"), card, s("--round"), s("1")];
            if challenge {
                args.push(s("--challenge"));
            }
            args.push(s("-"));
            run(args, marks.to_owned())
        };
        let challenged: Value = serde_json::from_str(&cast(cards[0].clone(), true).await).unwrap();
        let cast_one: Value = serde_json::from_str(&cast(cards[0].clone(), false).await).unwrap();
        assert_eq!(challenged["tracker"].as_str().unwrap().len(), 14);
        assert_eq!(cast_one["short"], cast_one["tracker"]);
        assert_ne!(cast_one["tracker"], challenged["tracker"]);
        cast(cards[1].clone(), false).await;
        expect(organiser.post(&format!("/congresses/{id}/rounds/1/close"), &json!(null)).await, StatusCode::OK).await;
        let open = |i: u32| {
            let args = vec![s("trustee"), s("open"), s("--server"), app.address.clone(), s("--congress"), id.clone(), s("--round"), s("1"), s("--account"), format!("trustee-{i}"), s("--key-file"), folder.path().join(format!("trustee-{i}.json")).display().to_string(), s("--poll"), s("0.05"), s("--secrets-stdin")];
            run(args, format!("{}\n{PASSPHRASE}\n", crate::helpers::PASSWORD))
        };
        let (two, three) = tokio::join!(open(2), open(3));
        for out in [two, three] {
            let view: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(view["stage"], "opened");
        }
        let round = expect(organiser.get(&format!("/congresses/{id}/rounds/1")).await, StatusCode::OK).await;
        let committee = &round["result"]["tally"]["contests"][0];
        assert_eq!(committee["returned"], 2);
        let zhao = committee["candidates"].as_array().unwrap().iter().find(|c| c["name"] == "赵六").unwrap();
        assert_eq!(zhao["for"], 2);
    })
    .await;
}
