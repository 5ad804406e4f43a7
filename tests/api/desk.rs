//! The check-in desk and ballot cards: single activation, the present-count limit under
//! concurrent desks, forged and reused cards, and the audit trail that links no delegate to a
//! card.

use ballotbox::record::card::CardToken;
use ballotbox::record::keys::PublicKey;
use ballotbox::store::audit;
use ballotbox::store::users::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, TestApp, congress_ready, expect, freeze, on_both, print_cards};

/// A frozen congress and a batch of `count` cards of `style`: (congress id, codes, QR payloads).
async fn frozen_with_cards(
    app: &TestApp,
    organiser: &Api,
    style: &str,
    count: u32,
) -> (String, Vec<String>, Vec<String>) {
    let id = congress_ready(organiser).await;
    freeze(app, organiser, &id).await;
    let (codes, qrs) = print_cards(organiser, &id, style, count).await;
    (id, codes, qrs)
}

async fn check_in(desk: &Api, id: &str, numbers: &[&str]) {
    for number in numbers {
        expect(
            desk.post(
                &format!("/congresses/{id}/check-ins"),
                &json!({"number": number}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
    }
}

on_both! {
    async fn a_second_check_in_says_so_and_changes_nothing(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let id = congress_ready(&organiser).await;
        let first = expect(desk.post(&format!("/congresses/{id}/check-ins"), &json!({"number": "D001"})).await, StatusCode::OK).await;
        assert_eq!((first["already_present"].clone(), first["style"].clone()), (json!(false), json!("female")));
        let entries = app.audit_len().await;
        let second = expect(desk.post(&format!("/congresses/{id}/check-ins"), &json!({"number": "D001"})).await, StatusCode::OK).await;
        assert_eq!(second["already_present"], true);
        assert_eq!(app.audit_len().await, entries);
        let unknown = expect(desk.post(&format!("/congresses/{id}/check-ins"), &json!({"number": "D999"})).await, StatusCode::NOT_FOUND).await;
        assert!(unknown["error"]["message"].as_str().unwrap().contains("D999"));
        assert_eq!(app.audit_len().await, entries);
        let attendance = expect(desk.get(&format!("/congresses/{id}/attendance")).await, StatusCode::OK).await;
        assert_eq!(attendance["electorates"][0], json!({"electorate": "all", "entitled": 29, "present": 1}));
        assert_eq!(attendance["electorates"][1], json!({"electorate": "female", "entitled": 12, "present": 1}));
        assert_eq!(desk.delete(&format!("/congresses/{id}/check-ins/D001")).await.status(), StatusCode::NO_CONTENT);
        let log = expect(organiser.get("/audit").await, StatusCode::OK).await;
        assert_eq!(log.as_array().unwrap().last().unwrap()["action"], "checkin.undo");
    }
}

on_both! {
    async fn a_card_activates_once_by_code_or_qr_and_forgeries_are_refused(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let (id, codes, qrs) = frozen_with_cards(&app, &organiser, "female", 4).await;
        check_in(&desk, &id, &["D001", "D005", "D007"]).await;
        let path = format!("/congresses/{id}/activations");

        let by_code = expect(desk.post(&path, &json!({"card": codes[0].to_lowercase()})).await, StatusCode::OK).await;
        assert_eq!(by_code, json!({"style": "female", "issued": 1, "limit": 3}));
        let by_qr = expect(desk.post(&path, &json!({"card": qrs[1]})).await, StatusCode::OK).await;
        assert_eq!(by_qr["issued"], 2);

        let before = app.audit_len().await;
        let reused = expect(desk.post(&path, &json!({"card": codes[0]})).await, StatusCode::CONFLICT).await;
        assert_eq!(reused["error"]["code"], "card_active");
        // A typo is caught by the check character before the database is asked.
        let mut typo: Vec<char> = codes[2].chars().collect();
        typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
        let typo: String = typo.into_iter().collect();
        let error = expect(desk.post(&path, &json!({"card": typo})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(error["error"]["message"].as_str().unwrap().contains("mistyped"), "{error}");
        // A well-formed code nobody printed, and a QR whose style was altered.
        let forged = ballotbox::record::card::CardCode::from_random(&[7; 13]).to_string();
        expect(desk.post(&path, &json!({"card": forged})).await, StatusCode::NOT_FOUND).await;
        let altered = qrs[2].replacen(".female.", ".general.", 1);
        let error = expect(desk.post(&path, &json!({"card": altered})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(error["error"]["message"].as_str().unwrap().contains("not issued for this election"));
        assert_eq!(app.audit_len().await, before, "refusals change nothing");

        // The QR verifies with the published key, and its code matches the printed one.
        let congress = expect(organiser.get(&format!("/congresses/{id}")).await, StatusCode::OK).await;
        let key: PublicKey = congress["frozen"]["public_key"].as_str().unwrap().parse().unwrap();
        let token = CardToken::verify(&qrs[3], &key).unwrap();
        assert_eq!(token.code.to_string(), codes[3]);
    }
}

on_both! {
    async fn no_more_cards_of_a_style_activate_than_delegates_of_it_are_present(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let (id, codes, _) = frozen_with_cards(&app, &organiser, "general", 3).await;
        check_in(&desk, &id, &["D002", "D001"]).await; // one man, one woman
        let path = format!("/congresses/{id}/activations");
        expect(desk.post(&path, &json!({"card": codes[0]})).await, StatusCode::OK).await;
        let full = expect(desk.post(&path, &json!({"card": codes[1]})).await, StatusCode::CONFLICT).await;
        assert_eq!(full["error"]["code"], "style_full");
        assert!(full["error"]["message"].as_str().unwrap().contains("check the delegate in first"));
        // The man's card is active, so his check-in cannot be undone; the woman's can.
        let undo = expect(desk.delete(&format!("/congresses/{id}/check-ins/D002")).await, StatusCode::CONFLICT).await;
        assert_eq!(undo["error"]["code"], "card_issued");
        assert_eq!(desk.delete(&format!("/congresses/{id}/check-ins/D001")).await.status(), StatusCode::NO_CONTENT);
    }
}

on_both! {
    async fn two_desks_activating_at_once_never_exceed_those_present(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desks = [app.signed_in(Role::Desk).await, app.signed_in(Role::Desk).await];
        let (id, codes, _) = frozen_with_cards(&app, &organiser, "general", 16).await;
        // Seven men present: D002, D003, D004, D006, D008, D010, D012.
        check_in(&desks[0], &id, &["D002", "D003", "D004", "D006", "D008", "D010", "D012"]).await;
        let path = format!("/congresses/{id}/activations");
        let attempts = codes.iter().enumerate().map(|(i, code)| {
            let desk = desks[i % 2].clone();
            let path = path.clone();
            let code = code.clone();
            tokio::spawn(async move { desk.post(&path, &json!({"card": code})).await.status() })
        });
        let mut statuses = Vec::new();
        for attempt in attempts.collect::<Vec<_>>() {
            statuses.push(attempt.await.unwrap());
        }
        let activated = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
        assert_eq!((activated, refused), (7, 9), "{statuses:?}");
        let attendance = expect(organiser.get(&format!("/congresses/{id}/attendance")).await, StatusCode::OK).await;
        assert_eq!(attendance["styles"][0], json!({"style": "general", "issued": 7, "limit": 7}));
    }
}

on_both! {
    async fn the_audit_log_chains_and_links_no_delegate_to_a_card(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let inspector = app.signed_in(Role::Inspector).await;
        let (id, codes, _) = frozen_with_cards(&app, &organiser, "female", 1).await;
        check_in(&desk, &id, &["D001"]).await;
        expect(desk.post(&format!("/congresses/{id}/activations"), &json!({"card": codes[0]})).await, StatusCode::OK).await;

        let log = expect(inspector.get("/audit").await, StatusCode::OK).await;
        let activation = log.as_array().unwrap().iter().find(|e| e["action"] == "card.activate").unwrap();
        assert_eq!(activation["detail"], json!({"congress": id, "style": "female"}));
        let text = log.to_string();
        let canonical = codes[0].replace('-', "");
        assert!(!text.contains(&codes[0]) && !text.contains(&canonical), "no card code in the log");

        let mut conn = app.store.read().await.unwrap();
        let entries = audit::all(&mut conn).await.unwrap();
        assert_eq!(audit::verify_chain(&entries), Ok(()));
        // Altering one entry's detail is found, and named.
        sqlx::query("UPDATE audit_log SET detail = $1 WHERE action = 'checkin'")
            .bind(json!({"congress": id, "delegate": "D002"}).to_string())
            .execute(&mut *conn)
            .await
            .unwrap();
        let broken = audit::verify_chain(&audit::all(&mut conn).await.unwrap()).unwrap_err();
        let altered: &Value = log.as_array().unwrap().iter().find(|e| e["action"] == "checkin").unwrap();
        assert_eq!(broken.seq, altered["seq"].as_i64().unwrap());
        assert!(broken.to_string().contains("altered"));
        // So is a removed entry.
        sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(&mut *conn).await.unwrap();
        let broken = audit::verify_chain(&audit::all(&mut conn).await.unwrap()).unwrap_err();
        assert_eq!(broken.seq, 3);
    }
}
