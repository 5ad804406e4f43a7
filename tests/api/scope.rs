//! Desk and inspector accounts limited to some congresses (issue 11 §6): everything of another
//! congress is refused with `outside_scope` — its listing, check-ins, card activations, rounds,
//! the record, countersignatures, the audit log's entries — while an account that serves every
//! congress works as before.

use ballotbox::store::users::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, expect, on_both};
use crate::voting::Congress;

async fn refused(response: reqwest::Response) {
    let body: Value = expect(response, StatusCode::FORBIDDEN).await;
    assert_eq!(body["error"]["code"], "outside_scope", "{body}");
}

async fn ids(api: &Api) -> Vec<String> {
    let listed = expect(api.get("/congresses").await, StatusCode::OK).await;
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

on_both! {
    async fn a_desk_account_limited_to_one_congress_can_do_nothing_in_another(app: TestApp) {
        let mut a = Congress::new(&app).await;
        let mut b = Congress::new(&app).await;
        let desk = app.signed_in_for(Role::Desk, std::slice::from_ref(&a.id)).await;
        let me = expect(desk.get("/session").await, StatusCode::OK).await;
        assert_eq!(me["congresses"], json!([a.id]));
        assert_eq!(ids(&desk).await, [a.id.clone()], "it sees its own congress only");

        // In its own congress: check-in and activation as any desk.
        let checked = expect(desk.post(&a.path("/check-ins"), &json!({"number": "D002"})).await, StatusCode::OK).await;
        let card = a.cards.get_mut(checked["style"].as_str().unwrap()).unwrap().pop().unwrap();
        expect(desk.post(&a.path("/activations"), &json!({"card": card})).await, StatusCode::OK).await;

        // In the other: nothing, read or written.
        refused(desk.post(&b.path("/check-ins"), &json!({"number": "D002"})).await).await;
        refused(desk.delete(&b.path("/check-ins/D002")).await).await;
        let other_card = b.cards["general"][0].clone();
        refused(desk.post(&b.path("/activations"), &json!({"card": other_card})).await).await;
        for path in ["", "/roster", "/attendance", "/contests", "/manifest", "/next"] {
            refused(desk.get(&b.path(path)).await).await;
        }
        refused(desk.post(&b.path("/plenary/check-ins"), &json!({"number": "D002"})).await).await;
        // A congress that does not exist is not told apart from one of another's.
        refused(desk.get("/congresses/no-such-congress/roster").await).await;

        // A desk account that serves every congress works in both, as before.
        b.check_in(&["D002"]).await;
        assert_eq!(ids(&b.desk).await.len(), 2);
    }
}

on_both! {
    async fn an_inspector_limited_to_one_congress_sees_and_signs_nothing_of_another(app: TestApp) {
        let a = Congress::new(&app).await;
        let b = Congress::new(&app).await;
        let inspector = app.signed_in_for(Role::Inspector, std::slice::from_ref(&a.id)).await;
        expect(inspector.get(&a.path("/rounds")).await, StatusCode::OK).await;
        expect(inspector.get(&a.path("/record")).await, StatusCode::OK).await;
        for path in ["", "/rounds", "/rounds/1", "/record", "/validation", "/attendance", "/manifest"] {
            refused(inspector.get(&b.path(path)).await).await;
        }
        let countersignature = json!({"public_key": "00".repeat(32), "signature": "00".repeat(64)});
        refused(inspector.post(&b.path("/countersignatures"), &countersignature).await).await;
        // The audit log: only its own congress's entries.
        let log = expect(inspector.get("/audit").await, StatusCode::OK).await;
        let entries = log.as_array().unwrap();
        assert!(!entries.is_empty());
        assert!(entries.iter().all(|e| e["detail"]["congress"] == a.id), "{log}");
        let everyone = app.signed_in(Role::Inspector).await;
        let all = expect(everyone.get("/audit").await, StatusCode::OK).await;
        assert!(all.as_array().unwrap().iter().any(|e| e["detail"]["congress"] == b.id));
        expect(everyone.get(&b.path("/rounds")).await, StatusCode::OK).await;
    }
}
