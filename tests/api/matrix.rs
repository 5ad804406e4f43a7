//! Every route × every role, and no session: who may call what. The matrix must name every
//! route the OpenAPI document lists, so a new route cannot go unchecked.

use std::collections::BTreeSet;

use ballotbox::store::users::Role::{self, Desk, Inspector, Organiser};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{congress_ready, expect, on_both, roster_csv};

/// (method, path template, body, roles allowed)
fn routes() -> Vec<(Method, &'static str, Value, &'static [Role])> {
    let all: &[Role] = &[Organiser, Desk, Inspector];
    // Well-formed ceremony messages, so that a request is refused for its role, not its body.
    let vectors: Value = serde_json::from_str(include_str!("../vectors/sealed.json")).unwrap();
    let ceremony = &vectors["ceremony"];
    let info =
        json!({"name": "n", "union_name": "u", "date": "2026-11-28", "venue": "v", "members": 50});
    vec![
        (Method::GET, "/session", Value::Null, all),
        (Method::GET, "/users", Value::Null, &[Organiser]),
        (
            Method::POST,
            "/users",
            json!({"name": "matrix", "role": "desk", "password": "weak"}),
            &[Organiser],
        ),
        (
            Method::PUT,
            "/users/{user}",
            json!({"enabled": true}),
            &[Organiser],
        ),
        (
            Method::PUT,
            "/users/{user}/password",
            json!({"password": "weak"}),
            &[Organiser],
        ),
        (
            Method::GET,
            "/roster-template.csv",
            Value::Null,
            &[Organiser],
        ),
        (Method::POST, "/congresses", info.clone(), &[Organiser]),
        (Method::GET, "/congresses", Value::Null, all),
        (Method::GET, "/congresses/{id}", Value::Null, all),
        (Method::PUT, "/congresses/{id}", info, &[Organiser]),
        (
            Method::PUT,
            "/congresses/{id}/roster",
            Value::String(roster_csv()),
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/roster",
            Value::Null,
            &[Organiser, Desk],
        ),
        (
            Method::GET,
            "/congresses/{id}/roster.csv",
            Value::Null,
            &[Organiser, Desk],
        ),
        (
            Method::PUT,
            "/congresses/{id}/roster/{number}",
            json!({"name": "邓超", "gender": "male", "unit": "极兔", "voting": false}),
            &[Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/roster/{number}",
            Value::Null,
            &[Organiser],
        ),
        (
            Method::PUT,
            "/congresses/{id}/contests/{contest}",
            json!({"kind": "chair", "title": "主席", "seats": 1, "electorate": "all", "candidates": ["D002"]}),
            &[Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/contests/{contest}",
            Value::Null,
            &[Organiser],
        ),
        (Method::GET, "/congresses/{id}/contests", Value::Null, all),
        (
            Method::PUT,
            "/congresses/{id}/scrutineers",
            json!([{"number": "D020", "role": "chief"}]),
            &[Organiser],
        ),
        (
            Method::PUT,
            "/congresses/{id}/trustees",
            json!({"trustees": []}),
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/trustees",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::GET,
            "/congresses/{id}/ceremony",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/commitment",
            ceremony["step1"][0].clone(),
            &[Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/shares",
            ceremony["step2"][0].clone(),
            &[Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/checks",
            ceremony["step3"][0].clone(),
            &[Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/answers",
            ceremony["complaint_answer"].clone(),
            &[Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/holdings",
            json!({"trustee": 1, "public_share": ceremony["public_shares"][0], "proof": ceremony["step1"][0]["transport_proof"]}),
            &[Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/ceremony/restart",
            Value::Null,
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/rounds/{round}/opening",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::GET,
            "/congresses/{id}/rounds/{round}/sealed-ballots",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/rounds/{round}/partials",
            vectors["round"]["first_partials"][0].clone(),
            &[Inspector],
        ),
        (
            Method::GET,
            "/congresses/{id}/validation",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/freeze",
            Value::Null,
            &[Organiser],
        ),
        (Method::GET, "/congresses/{id}/manifest", Value::Null, all),
        (
            Method::POST,
            "/congresses/{id}/card-batches",
            json!({"style": "general", "count": 2}),
            &[Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/card-batches/{batch}",
            Value::Null,
            &[Organiser],
        ),
        (
            Method::POST,
            "/congresses/{id}/check-ins",
            json!({"number": "D002"}),
            &[Desk, Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/check-ins/{number}",
            Value::Null,
            &[Desk, Organiser],
        ),
        (Method::GET, "/congresses/{id}/attendance", Value::Null, all),
        (
            Method::POST,
            "/congresses/{id}/activations",
            json!({"card": "0000-0000-0000-0000-0000-0"}),
            &[Desk, Organiser],
        ),
        (Method::GET, "/audit", Value::Null, &[Inspector, Organiser]),
        (
            Method::POST,
            "/congresses/{id}/kiosk-pairings",
            json!({"name": "一号投票台"}),
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/kiosks",
            Value::Null,
            &[Organiser],
        ),
        (
            Method::PUT,
            "/congresses/{id}/kiosks/{kiosk}",
            json!({"enabled": false}),
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/rounds",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/rounds",
            json!({"contests": [{"contest": "committee"}]}),
            &[Organiser],
        ),
        (
            Method::GET,
            "/congresses/{id}/rounds/{round}",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::POST,
            "/congresses/{id}/rounds/{round}/close",
            Value::Null,
            &[Organiser],
        ),
        (Method::GET, "/congresses/{id}/next", Value::Null, all),
        (
            Method::POST,
            "/congresses/{id}/seat-reductions",
            json!({"contest": "audit", "consent": "大会举手表决同意"}),
            &[Organiser],
        ),
        (
            Method::POST,
            "/congresses/{id}/plenary/check-ins",
            json!({"number": "D002"}),
            &[Desk, Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/plenary/check-ins/{number}",
            Value::Null,
            &[Desk, Organiser],
        ),
        (
            Method::POST,
            "/congresses/{id}/sittings/{sitting}/check-ins",
            json!({"number": "D012"}),
            &[Desk, Organiser],
        ),
        (
            Method::DELETE,
            "/congresses/{id}/sittings/{sitting}/check-ins/{number}",
            Value::Null,
            &[Desk, Organiser],
        ),
        (
            Method::POST,
            "/congresses/{id}/publication",
            Value::Null,
            &[Organiser],
        ),
        (
            Method::POST,
            "/congresses/{id}/countersignatures",
            json!({"public_key": "00", "signature": "00"}),
            &[Inspector],
        ),
        (
            Method::GET,
            "/congresses/{id}/record",
            Value::Null,
            &[Organiser, Inspector],
        ),
        (
            Method::GET,
            "/congresses/{id}/kiosk-states",
            Value::Null,
            &[Organiser],
        ),
    ]
}

/// Routes only an enrolled kiosk may call: every account, and no session, is refused as not
/// being a kiosk.
fn kiosk_routes() -> Vec<(Method, &'static str, Value)> {
    vec![
        (Method::GET, "/kiosk", Value::Null),
        (Method::POST, "/kiosk/ballot", json!({"card": "x"})),
        (
            Method::POST,
            "/kiosk/casts",
            json!({"card": "x", "round": 1, "salt": "00000000000000000000000000000000", "sections": {}}),
        ),
        (
            Method::POST,
            "/kiosk/challenges",
            json!({"card": "x", "round": 1, "ballot": {"salt": "00000000000000000000000000000000", "sections": []}, "opening": {"salt": "00000000000000000000000000000000", "sections": []}}),
        ),
        (
            Method::POST,
            "/kiosk/heartbeat",
            json!({"activity": "idle"}),
        ),
    ]
}

/// Routes open to everyone, by design: signing in, enrolling a kiosk with its one-time code,
/// what the public may read once a result is published, and the hall display (which shows
/// what the hall hears announced, never a partial result).
const PUBLIC: [(&str, &str); 12] = [
    ("post", "/session"),
    ("delete", "/session"),
    ("get", "/setup/first-organiser"),
    ("post", "/setup/first-organiser"),
    ("post", "/kiosk/pairing"),
    ("get", "/public/congresses"),
    ("get", "/server"),
    ("get", "/public/congresses/{id}/results"),
    ("get", "/public/congresses/{id}/receipts/{receipt}"),
    ("get", "/public/congresses/{id}/result-hash.svg"),
    ("get", "/public/congresses/{id}/hall"),
    ("get", "/public/congresses/{id}/address.svg"),
];

on_both! {
    async fn every_route_admits_exactly_its_roles(app: TestApp) {
        let organiser = app.signed_in(Organiser).await;
        let id = congress_ready(&organiser).await;
        let clients = [
            (Some(Organiser), organiser),
            (Some(Desk), app.signed_in(Desk).await),
            (Some(Inspector), app.signed_in(Inspector).await),
            (None, app.anonymous()),
        ];
        for (method, template, body, allowed) in routes() {
            let path = template
                .replace("{id}", &id)
                .replace("{number}", "D030")
                .replace("{contest}", "chair")
                .replace("{batch}", "99")
                .replace("{kiosk}", "no-such-kiosk")
                .replace("{round}", "1")
                .replace("{sitting}", "audit_plenary")
                .replace("{user}", "no-such-user");
            for (role, api) in &clients {
                let url = format!("{}/api/v1{path}", app.address);
                let mut request = api.client.request(method.clone(), &url);
                request = match &body {
                    Value::Null => request,
                    Value::String(csv) => request.header("content-type", "text/csv").body(csv.clone()),
                    json => request.json(json),
                };
                let status = request.send().await.unwrap().status();
                let expected = match role {
                    None => Some(StatusCode::UNAUTHORIZED),
                    Some(role) if !allowed.contains(role) => Some(StatusCode::FORBIDDEN),
                    Some(_) => None,
                };
                match expected {
                    Some(expected) => assert_eq!(status, expected, "{method} {template} as {role:?}"),
                    None => assert!(
                        status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                        "{method} {template} as {role:?} was refused with {status}"
                    ),
                }
            }
        }
        for (method, path, body) in kiosk_routes() {
            for (role, api) in &clients {
                let url = format!("{}/api/v1{path}", app.address);
                let request = api.client.request(method.clone(), &url);
                let request = if body.is_null() { request } else { request.json(&body) };
                let status = request.send().await.unwrap().status();
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} as {role:?} is for kiosks only");
            }
        }
    }
}

on_both! {
    async fn the_matrix_names_every_route_of_the_openapi_document(app: TestApp) {
        let doc = expect(app.anonymous().get("/openapi.json").await, StatusCode::OK).await;
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, methods)| methods.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
            .collect();
        let mut checked: BTreeSet<(String, String)> =
            routes().into_iter().map(|(m, p, _, _)| (m.as_str().to_lowercase(), p.to_owned())).collect();
        checked.extend(PUBLIC.iter().map(|(m, p)| (m.to_string(), p.to_string())));
        checked.extend(kiosk_routes().into_iter().map(|(m, p, _)| (m.as_str().to_lowercase(), p.to_owned())));
        assert_eq!(documented, checked);
    }
}
