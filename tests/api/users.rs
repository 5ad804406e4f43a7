//! The organisers' accounts API (`/users`): who may use it, creating accounts (limited to
//! congresses or not), disabling and enabling them (their sessions end, their sign-ins are
//! refused), new passwords, the organiser's own account and the last organiser, the audit log;
//! and the first-run page's API, whose wrong tokens are limited as wrong passwords are.

use ballotbox::server::auth::token_hash;
use ballotbox::store::now_ms;
use ballotbox::store::users::{self, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, PASSWORD, TestApp, expect, on_both};

const NEW_PASSWORD: &str = "staple paper lantern river";

async fn congress(organiser: &Api) -> String {
    let body = json!({"name": "成立大会", "union_name": "快递员工会", "date": "2026-11-28", "venue": "礼堂", "members": 50});
    let created = expect(
        organiser.post("/congresses", &body).await,
        StatusCode::CREATED,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

async fn accounts(organiser: &Api) -> Vec<Value> {
    let listed = expect(organiser.get("/users").await, StatusCode::OK).await;
    listed.as_array().unwrap().clone()
}

async fn account_named(organiser: &Api, name: &str) -> Value {
    accounts(organiser)
        .await
        .into_iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no account {name}"))
}

async fn sign_in(app: &TestApp, name: &str, password: &str) -> (Api, reqwest::Response) {
    let api = app.anonymous();
    let response = api
        .post("/session", &json!({"name": name, "password": password}))
        .await;
    (api, response)
}

async fn code(response: reqwest::Response, status: StatusCode) -> String {
    let body = expect(response, status).await;
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

on_both! {
    async fn desk_and_inspector_accounts_and_nobody_are_refused_the_accounts(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let someone = expect(organiser.post("/users", &json!({"name": "签到员甲", "role": "desk", "password": PASSWORD})).await, StatusCode::CREATED).await;
        let id = someone["id"].as_str().unwrap();
        for role in [Role::Desk, Role::Inspector] {
            let api = app.signed_in(role).await;
            assert_eq!(code(api.get("/users").await, StatusCode::FORBIDDEN).await, "wrong_role");
            let create = json!({"name": "x-account", "role": "organiser", "password": PASSWORD});
            assert_eq!(code(api.post("/users", &create).await, StatusCode::FORBIDDEN).await, "wrong_role");
            assert_eq!(code(api.put(&format!("/users/{id}"), &json!({"enabled": false})).await, StatusCode::FORBIDDEN).await, "wrong_role");
            assert_eq!(code(api.put(&format!("/users/{id}/password"), &json!({"password": NEW_PASSWORD})).await, StatusCode::FORBIDDEN).await, "wrong_role");
        }
        assert_eq!(code(app.anonymous().get("/users").await, StatusCode::UNAUTHORIZED).await, "not_signed_in");
        assert!(account_named(&organiser, "签到员甲").await["disabled"] == false);
    }
}

on_both! {
    async fn an_organiser_makes_a_desk_account_for_one_congress_which_signs_in_and_sees_only_it(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let ours = congress(&organiser).await;
        let other = congress(&organiser).await;
        let before = app.audit_len().await;
        let body = json!({"name": "签到员乙", "role": "desk", "password": PASSWORD, "congresses": [ours]});
        let created = expect(organiser.post("/users", &body).await, StatusCode::CREATED).await;
        assert_eq!(created["role"], "desk");
        assert_eq!(created["congresses"], json!([ours]));
        assert_eq!(created["disabled"], false);
        assert_eq!(created["last_sign_in_at"], Value::Null);
        assert_eq!(app.audit_len().await, before + 1);

        let (desk, response) = sign_in(&app, "签到员乙", PASSWORD).await;
        expect(response, StatusCode::OK).await;
        let listed = expect(desk.get("/congresses").await, StatusCode::OK).await;
        let ids: Vec<&str> = listed.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [ours.as_str()]);
        assert_eq!(code(desk.get(&format!("/congresses/{other}/roster")).await, StatusCode::FORBIDDEN).await, "outside_scope");

        // The list: every account, its limits and last sign-in, never a password hash.
        let all = accounts(&organiser).await;
        assert!(all.iter().all(|a| a.get("password_hash").is_none() && a.as_object().unwrap().keys().all(|k| !k.contains("password"))), "{all:?}");
        let desk_account = account_named(&organiser, "签到员乙").await;
        assert!(desk_account["last_sign_in_at"].as_i64().unwrap() > 0);
        assert_eq!(desk_account["congresses"], json!([ours]));
    }
}

on_both! {
    async fn accounts_are_refused_clearly_when_something_is_wrong(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let ours = congress(&organiser).await;
        let before = app.audit_len().await;
        let weak = expect(organiser.post("/users", &json!({"name": "签到员丙", "role": "desk", "password": "qwertyuiop"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(weak["error"]["code"], "weak_password");
        assert_eq!(weak["error"]["details"]["warning"], "common_password", "{weak}");
        assert!(!weak["error"]["details"]["suggestions"].as_array().unwrap().is_empty());
        let short = expect(organiser.post("/users", &json!({"name": "签到员丙", "role": "desk", "password": "short"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(short["error"]["details"]["warning"], "too_short");
        let cases = [
            (json!({"name": "王组织", "role": "organiser", "password": PASSWORD, "congresses": [ours]}), StatusCode::UNPROCESSABLE_ENTITY, "organiser_limited"),
            (json!({"name": "签到员丙", "role": "desk", "password": PASSWORD, "congresses": ["no-such-congress"]}), StatusCode::UNPROCESSABLE_ENTITY, "unknown_congress"),
            (json!({"name": "签到员丙", "role": "chair", "password": PASSWORD}), StatusCode::UNPROCESSABLE_ENTITY, "bad_fields"),
            (json!({"name": "\u{202E}签到员", "role": "desk", "password": PASSWORD}), StatusCode::UNPROCESSABLE_ENTITY, "name_bidi"),
            (json!({"name": "  ", "role": "desk", "password": PASSWORD}), StatusCode::UNPROCESSABLE_ENTITY, "name_empty"),
        ];
        for (body, status, expected) in cases {
            assert_eq!(code(organiser.post("/users", &body).await, status).await, expected, "{body}");
        }
        expect(organiser.post("/users", &json!({"name": "签到员丙", "role": "desk", "password": PASSWORD})).await, StatusCode::CREATED).await;
        // The same name read as names are (a trailing space, a zero-width space) is taken.
        for taken in ["签到员丙 ", "签到\u{200B}员丙"] {
            assert_eq!(code(organiser.post("/users", &json!({"name": taken, "role": "inspector", "password": PASSWORD})).await, StatusCode::CONFLICT).await, "name_taken");
        }
        assert_eq!(code(organiser.put("/users/no-such-account", &json!({"enabled": false})).await, StatusCode::NOT_FOUND).await, "not_found");
        assert_eq!(code(organiser.put("/users/no-such-account/password", &json!({"password": NEW_PASSWORD})).await, StatusCode::NOT_FOUND).await, "not_found");
        assert_eq!(app.audit_len().await, before + 1, "only the account made is logged");
    }
}

on_both! {
    async fn a_disabled_account_loses_its_session_at_once_and_cannot_sign_in_until_enabled(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        expect(organiser.post("/users", &json!({"name": "监票人甲", "role": "inspector", "password": PASSWORD})).await, StatusCode::CREATED).await;
        let id = account_named(&organiser, "监票人甲").await["id"].as_str().unwrap().to_owned();
        let (inspector, response) = sign_in(&app, "监票人甲", PASSWORD).await;
        expect(response, StatusCode::OK).await;
        let before = app.audit_len().await;

        assert_eq!(organiser.put(&format!("/users/{id}"), &json!({"enabled": false})).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(code(inspector.get("/session").await, StatusCode::UNAUTHORIZED).await, "not_signed_in");
        assert_eq!(account_named(&organiser, "监票人甲").await["disabled"], true);
        let (_, refused) = sign_in(&app, "监票人甲", PASSWORD).await;
        assert_eq!(code(refused, StatusCode::FORBIDDEN).await, "account_disabled");
        // A wrong password is refused as ever: whoever lacks the password learns nothing more.
        let (_, wrong) = sign_in(&app, "监票人甲", "not the password at all").await;
        assert_eq!(code(wrong, StatusCode::UNAUTHORIZED).await, "wrong_password");

        assert_eq!(organiser.put(&format!("/users/{id}"), &json!({"enabled": true})).await.status(), StatusCode::NO_CONTENT);
        let (_, again) = sign_in(&app, "监票人甲", PASSWORD).await;
        expect(again, StatusCode::OK).await;
        assert_eq!(app.audit_len().await, before + 2);
        let log = expect(organiser.get("/audit").await, StatusCode::OK).await;
        let actions: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert!(actions.ends_with(&["account.disable", "account.enable"]), "{actions:?}");
    }
}

on_both! {
    async fn an_organiser_cannot_disable_themselves_nor_leave_no_organiser(app: TestApp) {
        app.account(Role::Organiser, "组织者甲").await;
        let (first, response) = sign_in(&app, "组织者甲", PASSWORD).await;
        expect(response, StatusCode::OK).await;
        let me = account_named(&first, "组织者甲").await["id"].as_str().unwrap().to_owned();
        assert_eq!(code(first.put(&format!("/users/{me}"), &json!({"enabled": false})).await, StatusCode::CONFLICT).await, "own_account");

        // A second organiser may disable the first; then the second is the last, and the
        // first, enabled again, still cannot disable itself.
        expect(first.post("/users", &json!({"name": "组织者乙", "role": "organiser", "password": PASSWORD})).await, StatusCode::CREATED).await;
        let (second, response) = sign_in(&app, "组织者乙", PASSWORD).await;
        expect(response, StatusCode::OK).await;
        let second_id = account_named(&second, "组织者乙").await["id"].as_str().unwrap().to_owned();
        assert_eq!(second.put(&format!("/users/{me}"), &json!({"enabled": false})).await.status(), StatusCode::NO_CONTENT);
        expect(first.get("/session").await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(code(second.put(&format!("/users/{second_id}"), &json!({"enabled": false})).await, StatusCode::CONFLICT).await, "own_account");

        let mut conn = app.store.read().await.unwrap();
        assert_eq!(users::enabled_organisers(&mut conn).await.unwrap(), 1, "one organiser is left");
        drop(conn);
        let (_, refused) = sign_in(&app, "组织者甲", PASSWORD).await;
        assert_eq!(code(refused, StatusCode::FORBIDDEN).await, "account_disabled");
    }
}

on_both! {
    async fn a_new_password_ends_the_accounts_sessions_and_the_old_one_stops_working(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        expect(organiser.post("/users", &json!({"name": "签到员丁", "role": "desk", "password": PASSWORD})).await, StatusCode::CREATED).await;
        let id = account_named(&organiser, "签到员丁").await["id"].as_str().unwrap().to_owned();
        let (desk, response) = sign_in(&app, "签到员丁", PASSWORD).await;
        expect(response, StatusCode::OK).await;
        let weak = expect(organiser.put(&format!("/users/{id}/password"), &json!({"password": "签到员丁签到员丁签到员丁"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(weak["error"]["code"], "weak_password");
        expect(desk.get("/session").await, StatusCode::OK).await;

        assert_eq!(organiser.put(&format!("/users/{id}/password"), &json!({"password": NEW_PASSWORD})).await.status(), StatusCode::NO_CONTENT);
        expect(desk.get("/session").await, StatusCode::UNAUTHORIZED).await;
        let (_, old) = sign_in(&app, "签到员丁", PASSWORD).await;
        assert_eq!(code(old, StatusCode::UNAUTHORIZED).await, "wrong_password");
        let (_, new) = sign_in(&app, "签到员丁", NEW_PASSWORD).await;
        expect(new, StatusCode::OK).await;

        // An organiser's own new password keeps the session it was set from.
        let me = accounts(&organiser).await.into_iter().find(|a| a["role"] == "organiser").unwrap();
        let path = format!("/users/{}/password", me["id"].as_str().unwrap());
        assert_eq!(organiser.put(&path, &json!({"password": NEW_PASSWORD})).await.status(), StatusCode::NO_CONTENT);
        expect(organiser.get("/session").await, StatusCode::OK).await;
        let log = expect(organiser.get("/audit").await, StatusCode::OK).await;
        let resets = log.as_array().unwrap().iter().filter(|e| e["action"] == "account.password_reset").count();
        assert_eq!(resets, 2);
    }
}

on_both! {
    async fn the_first_run_page_learns_whether_an_organiser_is_needed_and_wrong_tokens_are_limited(app: TestApp) {
        let mut tx = app.store.write().await.unwrap();
        users::replace_setup_token(&mut tx, &token_hash("the-one-time-token"), now_ms() + 60_000).await.unwrap();
        tx.commit().await.unwrap();
        let api = app.anonymous();
        assert_eq!(expect(api.get("/setup/first-organiser").await, StatusCode::OK).await, json!({"needed": true}));
        for _ in 0..5 {
            let guess = json!({"token": "a guess", "name": "王组织", "password": PASSWORD});
            assert_eq!(code(api.post("/setup/first-organiser", &guess).await, StatusCode::FORBIDDEN).await, "bad_setup_token");
        }
        // Even the right token waits now, at this device; another device may still use it,
        // pasted with the spaces and line break a terminal adds.
        let right = json!({"token": "the-one-time-token", "name": "王组织", "password": PASSWORD});
        assert_eq!(code(api.post("/setup/first-organiser", &right).await, StatusCode::TOO_MANY_REQUESTS).await, "too_many_attempts");
        let elsewhere = app.anonymous_from("127.0.0.2".parse().unwrap());
        let pasted = json!({"token": "  the-one-time-token\n", "name": "王组织", "password": PASSWORD});
        expect(elsewhere.post("/setup/first-organiser", &pasted).await, StatusCode::CREATED).await;
        assert_eq!(expect(api.get("/setup/first-organiser").await, StatusCode::OK).await, json!({"needed": false}));
        expect(elsewhere.get("/users").await, StatusCode::OK).await;
    }
}
