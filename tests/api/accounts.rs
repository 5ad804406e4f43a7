//! Signing in and out, the first organiser, the rate limit, the Origin check, health.

use ballotbox::server::auth::token_hash;
use ballotbox::store::now_ms;
use ballotbox::store::users::{self, Role};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, expect, on_both};

on_both! {
    async fn health_answers_and_the_openapi_document_lists_the_routes(app: TestApp) {
        let health = reqwest::get(format!("{}/healthz", app.address)).await.unwrap();
        assert_eq!(health.status(), StatusCode::OK);
        assert!(health.headers().contains_key("x-request-id"));
        let doc = expect(app.anonymous().get("/openapi.json").await, StatusCode::OK).await;
        for path in ["/session", "/congresses/{id}/roster", "/congresses/{id}/freeze", "/congresses/{id}/activations", "/audit"] {
            assert!(doc["paths"].get(path).is_some(), "the document lists {path}");
        }
    }
}

on_both! {
    async fn signing_in_and_out_uses_an_http_only_strict_cookie(app: TestApp) {
        app.account(Role::Desk, "desk-1").await;
        let api = app.anonymous();
        expect(api.get("/session").await, StatusCode::UNAUTHORIZED).await;
        let response = api.post("/session", &json!({"name": "desk-1", "password": PASSWORD})).await;
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        let me = expect(response, StatusCode::OK).await;
        assert_eq!(me["role"], "desk");
        expect(api.get("/session").await, StatusCode::OK).await;
        assert_eq!(api.delete("/session").await.status(), StatusCode::NO_CONTENT);
        expect(api.get("/session").await, StatusCode::UNAUTHORIZED).await;
    }
}

on_both! {
    async fn a_wrong_password_is_refused_and_repeated_failures_are_rate_limited(app: TestApp) {
        app.account(Role::Organiser, "organiser").await;
        let api = app.anonymous();
        for _ in 0..5 {
            let error = expect(api.post("/session", &json!({"name": "organiser", "password": "wrong password"})).await, StatusCode::UNAUTHORIZED).await;
            assert_eq!(error["error"]["code"], "wrong_password");
            assert!(!error["error"]["request_id"].as_str().unwrap().is_empty());
        }
        // Even the right password waits now.
        let error = expect(api.post("/session", &json!({"name": "organiser", "password": PASSWORD})).await, StatusCode::TOO_MANY_REQUESTS).await;
        assert!(error["error"]["message"].as_str().unwrap().contains("wait 15 minutes"));
        // An unknown name is refused the same way as a wrong password.
        let error = expect(api.post("/session", &json!({"name": "nobody", "password": PASSWORD})).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(error["error"]["code"], "wrong_password");
    }
}

/// Sends `count` logins at once; how many were answered with each status.
async fn burst(
    api: &crate::helpers::Api,
    count: usize,
    body: impl Fn(usize) -> serde_json::Value,
) -> std::collections::BTreeMap<u16, usize> {
    let mut sent = Vec::new();
    for i in 0..count {
        let (api, body) = (api.clone(), body(i));
        sent.push(tokio::spawn(async move {
            api.post("/session", &body).await.status().as_u16()
        }));
    }
    let mut statuses = std::collections::BTreeMap::new();
    for answer in sent {
        *statuses.entry(answer.await.unwrap()).or_default() += 1;
    }
    statuses
}

on_both! {
    async fn sixty_wrong_passwords_at_once_are_judged_five_times_and_the_owner_elsewhere_still_signs_in(app: TestApp) {
        app.account(Role::Organiser, "organiser").await;
        let attacker = app.anonymous();
        let statuses = burst(&attacker, 60, |_| json!({"name": "organiser", "password": "a wrong guess"})).await;
        assert_eq!(statuses.get(&401), Some(&5), "only five were judged: {statuses:?}");
        assert_eq!(statuses.get(&429), Some(&55), "{statuses:?}");
        // The right password inside or after the burst does not get the attacker in.
        let refused = expect(attacker.post("/session", &json!({"name": "organiser", "password": PASSWORD})).await, StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(refused["error"]["code"], "too_many_attempts");
        // The owner, at another device, is not locked out.
        let owner = app.anonymous_from("127.0.0.2".parse().unwrap());
        expect(owner.post("/session", &json!({"name": "organiser", "password": PASSWORD})).await, StatusCode::OK).await;
    }
}

on_both! {
    async fn three_hundred_logins_with_unknown_names_hash_no_more_than_one_device_may(app: TestApp) {
        app.account(Role::Desk, "desk-1").await;
        let attacker = app.anonymous();
        let statuses = burst(&attacker, 300, |i| json!({"name": format!("nobody-{i}"), "password": "a wrong guess"})).await;
        let judged = statuses.get(&401).copied().unwrap_or(0);
        assert!((1..=20).contains(&judged), "at most a device's 20 were hashed: {statuses:?}");
        assert!(statuses.keys().all(|s| [401, 429, 503].contains(s)), "refused, never failed: {statuses:?}");
        assert_eq!(statuses.values().sum::<usize>(), 300);
        // Unknown names and wrong passwords are told apart by nothing.
        let unknown = expect(app.anonymous_from("127.0.0.3".parse().unwrap()).post("/session", &json!({"name": "nobody", "password": "x"})).await, StatusCode::UNAUTHORIZED).await;
        let wrong = expect(app.anonymous_from("127.0.0.4".parse().unwrap()).post("/session", &json!({"name": "desk-1", "password": "x"})).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(unknown["error"]["message"], wrong["error"]["message"]);
        let other = app.anonymous_from("127.0.0.2".parse().unwrap());
        expect(other.post("/session", &json!({"name": "desk-1", "password": PASSWORD})).await, StatusCode::OK).await;
    }
}

on_both! {
    async fn the_setup_token_creates_the_first_organiser_once(app: TestApp) {
        let mut tx = app.store.write().await.unwrap();
        users::replace_setup_token(&mut tx, &token_hash("one-time"), now_ms() + 60_000).await.unwrap();
        tx.commit().await.unwrap();
        let api = app.anonymous();
        let bad = json!({"token": "guess", "name": "王组织", "password": PASSWORD});
        expect(api.post("/setup/first-organiser", &bad).await, StatusCode::FORBIDDEN).await;
        for weak in ["short", "password123", "qwertyuiop", "王组织王组织王组织王组织"] {
            let weak = json!({"token": "one-time", "name": "王组织", "password": weak});
            let refused = expect(api.post("/setup/first-organiser", &weak).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(refused["error"]["code"], "weak_password", "{weak}");
        }
        let good = json!({"token": "one-time", "name": "王组织", "password": PASSWORD});
        let user = expect(api.post("/setup/first-organiser", &good).await, StatusCode::CREATED).await;
        assert_eq!(user["role"], "organiser");
        expect(api.get("/session").await, StatusCode::OK).await;
        let again = json!({"token": "one-time", "name": "another", "password": PASSWORD});
        expect(app.anonymous().post("/setup/first-organiser", &again).await, StatusCode::CONFLICT).await;
    }
}

on_both! {
    async fn a_state_changing_request_from_another_site_is_refused(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let url = format!("{}/api/v1/congresses", app.address);
        let body = json!({"name": "n", "union_name": "u", "date": "2026-11-28", "venue": "v", "members": 50});
        let foreign = organiser.client.post(&url).header("origin", "http://evil.example").json(&body).send().await.unwrap();
        let error = expect(foreign, StatusCode::FORBIDDEN).await;
        assert_eq!(error["error"]["code"], "cross_origin");
        let own = organiser.client.post(&url).header("origin", app.address.clone()).json(&body).send().await.unwrap();
        expect(own, StatusCode::CREATED).await;
    }
}

#[test]
fn user_add_creates_an_account_and_refuses_a_taken_name() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let add = |name: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
            .args([
                "user",
                "add",
                "--role",
                "inspector",
                "--name",
                name,
                "--password-stdin",
                "--db",
                &db,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let first = add("监票人甲");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("created inspector account"));
    let second = add("监票人甲");
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("exists already"));
    let verify = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(["audit", "verify", "--db", &db])
        .output()
        .unwrap();
    assert!(verify.status.success());
    assert!(String::from_utf8_lossy(&verify.stdout).contains("1 entries"));

    // A tampered entry makes `audit verify` exit 1, naming it.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&db).await.unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'someone else'")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let verify = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(["audit", "verify", "--db", &db])
        .output()
        .unwrap();
    assert_eq!(verify.status.code(), Some(1));
    let said = String::from_utf8_lossy(&verify.stdout);
    assert!(
        said.contains("audit log entry 1: its content does not match its hash"),
        "{said}"
    );
}

#[test]
fn user_add_limits_a_desk_account_to_congresses_that_exist_and_never_an_organiser() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let add = |role: &str, name: &str, congresses: &[&str]| {
        let mut args = vec![
            "user",
            "add",
            "--role",
            role,
            "--name",
            name,
            "--password-stdin",
            "--db",
            &db,
        ];
        for id in congresses {
            args.extend(["--congress", id]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let missing = add("desk", "签到台甲", &["no-such-congress"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("there is no congress \"no-such-congress\"")
    );
    let organiser = add("organiser", "王组织", &["no-such-congress"]);
    assert_eq!(organiser.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&organiser.stderr).contains("serves every congress"));
    // With a congress in the database, the account is limited to it.
    let id = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = ballotbox::store::Store::connect(&db).await.unwrap();
        let mut tx = store.write().await.unwrap();
        let info: ballotbox::store::congress::CongressInfo = serde_json::from_value(json!({
            "name": "江城市快递员工会成立大会", "union_name": "江城市快递员工会", "date": "2026-11-28",
            "venue": "大礼堂", "members": 180, "female_members": 64})).unwrap();
        let congress = ballotbox::store::congress::insert(&mut tx, &info, now_ms()).await.unwrap();
        tx.commit().await.unwrap();
        let id = congress.id.clone();
        store.close().await;
        id
    });
    let desk = add("desk", "签到台甲", &[&id]);
    assert!(
        desk.status.success(),
        "{}",
        String::from_utf8_lossy(&desk.stderr)
    );
    assert!(String::from_utf8_lossy(&desk.stdout).contains(&format!("for congress {id}")));
}

#[test]
fn user_add_uses_the_database_serve_uses_by_default_and_never_makes_another() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("BALLOTBOX_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let add = [
        "user",
        "add",
        "--role",
        "desk",
        "--name",
        "签到员甲",
        "--password-stdin",
    ];
    // In a folder where `serve` never ran there is no database to add to: say so, and where.
    let nowhere = run(&add, &format!("{PASSWORD}\n"));
    assert_eq!(nowhere.status.code(), Some(2));
    let said = String::from_utf8_lossy(&nowhere.stderr);
    assert!(
        said.contains("there is no database at") && said.contains("ballotbox.db"),
        "{said}"
    );
    assert!(
        !dir.path().join("ballotbox.db").exists(),
        "no empty database was made"
    );

    // `serve` there, with no --db, makes ballotbox.db and says where it is.
    let mut serve = Command::new(env!("CARGO_BIN_EXE_ballotbox"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("BALLOTBOX_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(serve.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    let expected = std::fs::canonicalize(dir.path())
        .unwrap()
        .join("ballotbox.db");
    assert!(first.starts_with("database: "), "{first}");
    assert_eq!(
        std::fs::canonicalize(first["database: ".len()..].trim()).unwrap(),
        expected
    );
    serve.kill().unwrap();
    serve.wait().unwrap();

    // Now `user add`, with no --db, adds to that database.
    let added = run(&add, &format!("{PASSWORD}\n"));
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("ballotbox.db"));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let url = format!("sqlite://{}", expected.display());
        let store = ballotbox::store::Store::connect(&url).await.unwrap();
        let found = users::by_name(&mut store.read().await.unwrap(), "签到员甲")
            .await
            .unwrap();
        assert!(found.is_some(), "the account is in the server's database");
        store.close().await;
    });
}
