//! The trustees' key ceremony over the server: named by the organiser, run by three trustees
//! each from their own account (as `ballotbox trustee ceremony` runs it), checked at every
//! post, and written into the frozen manifest; and every way of getting it wrong refused.

use std::time::Duration;

use ballotbox::client::ApiClient;
use ballotbox::record::manifest::Manifest;
use ballotbox::record::sealed::board::{Message, Participant};
use ballotbox::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use ballotbox::record::sealed::opening::lagrange;
use ballotbox::record::sealed::randomness::SystemRandomness;
use ballotbox::store::users::Role;
use ballotbox::trustee::{CeremonyRun, board_of, take_part};
use curve25519_dalek::constants::RISTRETTO_BASEPOINT_POINT;
use curve25519_dalek::scalar::Scalar;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    Api, PASSPHRASE, PASSWORD, TestApp, client_of, congress_ready, expect, freeze, on_both,
};

/// A congress ready to freeze whose chief scrutineer and two scrutineers (D020, D021, D022)
/// are its trustees, through the inspector accounts `trustee-1` … `trustee-3`.
pub async fn with_trustees(app: &TestApp, organiser: &Api) -> String {
    let id = congress_ready(organiser).await;
    expect(
        organiser
            .put(
                &format!("/congresses/{id}/scrutineers"),
                &json!([{"number": "D020", "role": "chief"}, {"number": "D021", "role": "scrutineer"}, {"number": "D022", "role": "scrutineer"}]),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    for i in 1..=3 {
        app.account(Role::Inspector, &format!("trustee-{i}")).await;
    }
    let trustees: Vec<Value> = (1..=3)
        .map(|i| json!({"scrutineer": format!("D02{}", i - 1), "account": format!("trustee-{i}")}))
        .collect();
    let view = expect(
        organiser
            .put(
                &format!("/congresses/{id}/trustees"),
                &json!({"trustees": trustees}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view["threshold"], 2, "a majority of three by default");
    assert_eq!(view["trustees"][0]["trustee"], 1);
    assert_eq!(view["trustees"][0]["account"], "trustee-1");
    assert!(!view["trustees"][0]["name"].as_str().unwrap().is_empty());
    id
}

pub async fn trustee_client(app: &TestApp, i: u32) -> ApiClient {
    client_of(app, &format!("trustee-{i}")).await
}

on_both! {
    async fn a_congress_without_trustees_cannot_be_frozen(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        let entries = app.audit_len().await;
        let refused = expect(organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "no_trustees", "{refused}");
        assert!(refused["error"]["message"].as_str().unwrap().contains("name the chief scrutineer and scrutineers"), "{refused}");
        assert_eq!(app.audit_len().await, entries, "nothing changed");
        let manifest = organiser.get(&format!("/congresses/{id}/manifest")).await;
        assert!(manifest.status().is_client_error(), "no manifest before freezing");
    }
}

on_both! {
    async fn three_trustees_make_a_joint_key_that_any_two_of_their_key_files_open(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = with_trustees(&app, &organiser).await;
        let refused = expect(organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "ceremony_unfinished", "{refused}");
        assert_eq!(refused["error"]["details"]["stage"], "commitments");

        let folder = tempfile::tempdir().unwrap();
        let passphrase = Passphrase::new(PASSPHRASE);
        let mut runs = Vec::new();
        for i in 1..=3 {
            let client = trustee_client(&app, i).await;
            let run = CeremonyRun {
                congress: id.clone(),
                account: format!("trustee-{i}"),
                key_file: folder.path().join(format!("trustee-{i}.json")),
                poll: Duration::from_millis(50),
            };
            let passphrase = Passphrase::new(PASSPHRASE);
            runs.push(tokio::spawn(async move {
                take_part(&client, &run, &passphrase, &mut |_| {}).await
            }));
        }
        let mut files: Vec<TrusteeKeyFile> = Vec::new();
        for run in runs {
            files.push(run.await.unwrap().expect("the trustee's run ends with a key file"));
        }

        let view = expect(organiser.get(&format!("/congresses/{id}/ceremony")).await, StatusCode::OK).await;
        assert_eq!(view["stage"], "complete", "{view}");
        assert_eq!(view["you"], Value::Null, "the organiser is no trustee");
        let done: Vec<&Value> = view["members"].as_array().unwrap().iter().map(|m| &m["done"]).collect();
        assert!(done.iter().all(|d| d.as_array().unwrap().len() == 4), "{done:?}");

        let receipt = expect(organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await, StatusCode::OK).await;
        assert!(receipt["manifest_hash"].is_string());
        let manifest: Manifest = serde_json::from_str(&organiser.get(&format!("/congresses/{id}/manifest")).await.text().await.unwrap()).unwrap();
        assert_eq!(manifest.format, "ballotbox-manifest/2");
        let sealing = manifest.sealing.as_ref().expect("the manifest records the ceremony");
        let ceremony = sealing.ceremony(&id).expect("the recorded ceremony checks");
        assert_eq!(sealing.threshold, 2);
        assert_eq!(sealing.trustees.iter().map(|t| t.number.as_str()).collect::<Vec<_>>(), ["D020", "D021", "D022"]);
        assert_eq!(view["joint_key"], json!(sealing.joint_key));

        // Every key file opens under its passphrase to the share of its trustee, and any two
        // shares interpolate to the joint key's secret.
        let mut secrets = Vec::new();
        for (i, file) in (1..).zip(&files) {
            assert_eq!(file.trustee, i);
            assert_eq!(file.joint_key, sealing.joint_key);
            assert_eq!(file.public_share, ceremony.public_share(i));
            let on_disk: TrusteeKeyFile = serde_json::from_str(&std::fs::read_to_string(folder.path().join(format!("trustee-{i}.json"))).unwrap()).unwrap();
            assert_eq!(&on_disk, file, "the file written is the one returned");
            let share = file.open(&passphrase).unwrap();
            secrets.push(Scalar::from_canonical_bytes(*share.secret().to_bytes()).unwrap());
        }
        assert!(files[0].open(&Passphrase::new("wrong passphrase")).is_err());
        for pair in [[1_u32, 2], [1, 3], [2, 3]] {
            let lambdas = lagrange(&pair).unwrap();
            let secret: Scalar = pair.iter().zip(&lambdas).map(|(&i, l)| Scalar::from_canonical_bytes(l.to_bytes()).unwrap() * secrets[i as usize - 1]).sum();
            let key = secret * RISTRETTO_BASEPOINT_POINT;
            assert_eq!(key.compress().to_bytes(), sealing.joint_key.to_bytes(), "trustees {pair:?} open what the joint key seals");
        }
        let one = secrets[0] * RISTRETTO_BASEPOINT_POINT;
        assert_ne!(one.compress().to_bytes(), sealing.joint_key.to_bytes(), "one trustee alone does not");
    }
}

on_both! {
    async fn the_board_takes_each_step_only_from_its_trustee_in_its_turn_and_only_when_it_checks(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = with_trustees(&app, &organiser).await;
        let path = format!("/congresses/{id}/ceremony");
        let clients = [trustee_client(&app, 1).await, trustee_client(&app, 2).await, trustee_client(&app, 3).await];
        let view = clients[0].get(&path).await.unwrap();
        assert_eq!(view["you"], 1);
        assert_eq!(view["stage"], "commitments");
        let board = board_of(&view).unwrap();
        let mut rng = SystemRandomness::new();
        let mut participants: Vec<Participant> = (1..=3).map(|i| Participant::start(board.context(), i, &mut rng).unwrap()).collect();
        let first = participants[0].next(&board, &mut rng).unwrap().remove(0);
        let post = |client: &ApiClient, route: &str, body: Value| {
            let (client, path) = (client.clone(), format!("{path}/{route}"));
            async move { client.exchange(reqwest::Method::POST, &path, Some(body)).await.unwrap() }
        };

        // Trustee 1's commitments, posted by trustee 2's account: refused.
        let (status, error) = post(&clients[1], "commitment", first.to_json()).await;
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("not_a_trustee")), "{error}");
        // An inspector who is no trustee is refused too.
        let stranger = app.signed_in(Role::Inspector).await;
        let error = expect(stranger.post(&format!("{path}/commitment"), &first.to_json()).await, StatusCode::FORBIDDEN).await;
        assert_eq!(error["error"]["code"], "not_a_trustee");
        // A forged proof: refused, and nothing posted.
        let mut forged = first.to_json();
        forged["commitments"] = json!([forged["commitments"][1], forged["commitments"][0]]);
        let (status, error) = post(&clients[0], "commitment", forged).await;
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_message")), "{error}");
        // An unknown field: refused as malformed.
        let mut unknown = first.to_json();
        unknown["extra"] = json!(1);
        let (status, _) = post(&clients[0], "commitment", unknown).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // The real one, twice: the second is a harmless repeat.
        assert_eq!(post(&clients[0], "commitment", first.to_json()).await.0, StatusCode::CREATED);
        let before = app.audit_len().await;
        assert_eq!(post(&clients[0], "commitment", first.to_json()).await.0, StatusCode::OK);
        assert_eq!(app.audit_len().await, before, "a repeat changes nothing");
        // Another commitment from trustee 1: refused.
        let other = Participant::start(board.context(), 1, &mut rng).unwrap().next(&board, &mut rng).unwrap().remove(0);
        let (status, error) = post(&clients[0], "commitment", other.to_json()).await;
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_posted")), "{error}");
        // Checks before the shares: out of turn.
        let checks = json!({"trustee": 2, "accepted": [1, 3], "complaints": []});
        let (status, error) = post(&clients[1], "checks", checks).await;
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("ceremony_stage")), "{error}");

        // Trustees 2 and 3 commit; the board moves on to the shares.
        for (i, client) in [(1, &clients[1]), (2, &clients[2])] {
            let view = client.get(&path).await.unwrap();
            let message = participants[i].next(&board_of(&view).unwrap(), &mut rng).unwrap().remove(0);
            assert!(matches!(message, Message::Commitment(_)));
            assert_eq!(post(client, "commitment", message.to_json()).await.0, StatusCode::CREATED);
        }
        let view = clients[0].get(&path).await.unwrap();
        assert_eq!(view["stage"], "shares");
        // A dealer who leaves someone out: refused.
        let Message::Shares(mut shares) = participants[0].next(&board_of(&view).unwrap(), &mut rng).unwrap().remove(0) else { panic!("shares next") };
        shares.shares.pop();
        let (status, error) = post(&clients[0], "shares", serde_json::to_value(&shares).unwrap()).await;
        assert_eq!((status, error["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_message")), "{error}");

        // Restarting clears the board; only the organiser may.
        let error = expect(stranger.post(&format!("{path}/restart"), &json!(null)).await, StatusCode::FORBIDDEN).await;
        assert_eq!(error["error"]["code"], "wrong_role");
        let view = expect(organiser.post(&format!("{path}/restart"), &json!(null)).await, StatusCode::OK).await;
        assert_eq!(view["stage"], "commitments");
        assert_eq!(view["commitments"], json!([]));
    }
}

on_both! {
    async fn naming_trustees_refuses_tellers_strangers_twins_and_thresholds_out_of_range(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = with_trustees(&app, &organiser).await;
        let put = |body: Value| {
            let (organiser, path) = (organiser.clone(), format!("/congresses/{id}/trustees"));
            async move { organiser.put(&path, &body).await }
        };
        app.account(Role::Desk, "desk-1").await;
        let before = app.audit_len().await;
        let cases = [
            (json!({"trustees": [{"scrutineer": "D001", "account": "trustee-1"}]}), "not_a_scrutineer"),
            (json!({"trustees": [{"scrutineer": "D020", "account": "desk-1"}]}), "not_an_inspector"),
            (json!({"trustees": [{"scrutineer": "D020", "account": "nobody"}]}), "not_an_inspector"),
            (json!({"trustees": [{"scrutineer": "D020", "account": "trustee-1"}, {"scrutineer": "D021", "account": "trustee-1"}]}), "duplicate_trustee"),
            (json!({"threshold": 3, "trustees": [{"scrutineer": "D020", "account": "trustee-1"}, {"scrutineer": "D021", "account": "trustee-2"}]}), "bad_threshold"),
            (json!({"threshold": 0, "trustees": [{"scrutineer": "D020", "account": "trustee-1"}]}), "bad_threshold"),
        ];
        for (body, code) in cases {
            let error = expect(put(body.clone()).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(error["error"]["code"], code, "{body}: {error}");
        }
        // A trustee cannot be made a teller, nor dropped from the scrutineers.
        let error = expect(
            organiser.put(&format!("/congresses/{id}/scrutineers"), &json!([{"number": "D020", "role": "chief"}, {"number": "D021", "role": "teller"}, {"number": "D022", "role": "scrutineer"}])).await,
            StatusCode::CONFLICT,
        ).await;
        assert_eq!(error["error"]["code"], "trustee_scrutineer");
        assert_eq!(app.audit_len().await, before, "nothing was changed");
        let trustees = expect(organiser.get(&format!("/congresses/{id}/trustees")).await, StatusCode::OK).await;
        assert_eq!(trustees["trustees"].as_array().unwrap().len(), 3);

        // Naming none clears the list, and the congress cannot be frozen until trustees are
        // named again and hold their shares.
        let none = expect(put(json!({"trustees": []})).await, StatusCode::OK).await;
        assert_eq!(none, json!({"threshold": null, "trustees": []}));
        let view = expect(organiser.get(&format!("/congresses/{id}/ceremony")).await, StatusCode::OK).await;
        assert_eq!(view["stage"], "none");
        let refused = expect(organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "no_trustees");
        freeze(&app, &organiser, &id).await;
        let error = expect(put(json!({"trustees": []})).await, StatusCode::CONFLICT).await;
        assert_eq!(error["error"]["code"], "frozen");
    }
}

/// `ballotbox trustee ceremony`, three at once, each with its password and passphrase on
/// standard input: the ceremony completes and each key file is written, readable by its owner
/// only; a fourth run for a trustee who has taken part already is refused, as is a weak
/// passphrase.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_trustees_complete_the_ceremony_together() {
    crate::helpers::on_sqlite(|app| async move {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = with_trustees(&app, &organiser).await;
        let folder = tempfile::tempdir().unwrap();
        let run = |i: u32, passphrase: &str| {
            let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ballotbox"))
                .args([
                    "trustee",
                    "ceremony",
                    "--server",
                    &app.address,
                    "--congress",
                    &id,
                    "--poll",
                    "0.05",
                    "--secrets-stdin",
                ])
                .arg("--account")
                .arg(format!("trustee-{i}"))
                .arg("--key-file")
                .arg(folder.path().join(format!("trustee-{i}.json")))
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let secrets = format!("{PASSWORD}\n{passphrase}\n");
            let mut stdin = child.stdin.take().unwrap();
            async move {
                use tokio::io::AsyncWriteExt;
                stdin.write_all(secrets.as_bytes()).await.unwrap();
                drop(stdin);
                child.wait_with_output().await.unwrap()
            }
        };
        let weak = run(1, "password1").await;
        assert_eq!(weak.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&weak.stderr).contains("passphrase"),
            "{}",
            String::from_utf8_lossy(&weak.stderr)
        );
        let (one, two, three) =
            tokio::join!(run(1, PASSPHRASE), run(2, PASSPHRASE), run(3, PASSPHRASE));
        for (i, output) in [(1, one), (2, two), (3, three)] {
            let said = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "trustee {i}: {said}");
            assert!(said.contains("the ceremony is complete"), "{said}");
            let path = folder.path().join(format!("trustee-{i}.json"));
            let file: TrusteeKeyFile =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            file.open(&Passphrase::new(PASSPHRASE)).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                assert_eq!(
                    std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                    0o600
                );
            }
        }
        std::fs::remove_file(folder.path().join("trustee-1.json")).unwrap();
        let again = run(1, PASSPHRASE).await;
        assert_eq!(again.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&again.stderr).contains("restart"),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        let view = expect(
            organiser.get(&format!("/congresses/{id}/ceremony")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(view["stage"], "complete");
    })
    .await;
}
