//! The kiosks' heartbeat (only an enrolled kiosk reports, only organisers read, nothing but the
//! latest state is kept), issued against returned per contest, rounds' open and close times,
//! and the public hall display, which never carries a partial result.

use ballotbox::store::users::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{expect, on_both};
use crate::voting::{Congress, MEN, WOMEN, pair_kiosk};

/// The state the organiser sees of the kiosk named `name`.
fn state_of(states: &Value, name: &str) -> String {
    states
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {states}"))["state"]
        .as_str()
        .unwrap()
        .to_owned()
}

on_both! {
    async fn only_an_enrolled_kiosk_reports_its_state_and_only_organisers_read_it(app: TestApp) {
        let congress = Congress::new(&app).await;
        let states_path = congress.path("/kiosk-states");
        let states = expect(congress.organiser.get(&states_path).await, StatusCode::OK).await;
        assert_eq!(state_of(&states, "一号投票台"), "offline", "a kiosk never heard is offline");

        expect(congress.kiosk.post("/kiosk/heartbeat", &json!({"activity": "voting"})).await, StatusCode::NO_CONTENT).await;
        let states = expect(congress.organiser.get(&states_path).await, StatusCode::OK).await;
        assert_eq!(state_of(&states, "一号投票台"), "voting");
        expect(congress.kiosk.post("/kiosk/heartbeat", &json!({"activity": "idle"})).await, StatusCode::NO_CONTENT).await;
        let states = expect(congress.organiser.get(&states_path).await, StatusCode::OK).await;
        assert_eq!(state_of(&states, "一号投票台"), "idle", "only the latest beat counts");

        // Nobody but an enrolled kiosk may report.
        for api in [app.anonymous(), congress.organiser.clone(), congress.desk.clone()] {
            let refused = expect(api.post("/kiosk/heartbeat", &json!({"activity": "voting"})).await, StatusCode::UNAUTHORIZED).await;
            assert_eq!(refused["error"]["code"], "not_a_kiosk");
        }
        let refused = expect(congress.kiosk.post("/kiosk/heartbeat", &json!({"activity": "busy"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused["error"]["code"].is_string(), "{refused}");
        let refused = congress.kiosk.post("/kiosk/heartbeat", &json!({"activity": "idle", "since": 1})).await;
        assert!(refused.status().is_client_error(), "a beat carries nothing but the state");

        // Only organisers read the states.
        let inspector = app.signed_in(Role::Inspector).await;
        for api in [&congress.desk, &inspector] {
            expect(api.get(&states_path).await, StatusCode::FORBIDDEN).await;
        }
        expect(app.anonymous().get(&states_path).await, StatusCode::UNAUTHORIZED).await;
        expect(congress.kiosk.get(&states_path).await, StatusCode::UNAUTHORIZED).await;

        // A second kiosk, then disabled: it may no longer report, and shows as disabled.
        let second = pair_kiosk(&app, &congress.organiser, &congress.id, "二号投票台").await;
        expect(second.post("/kiosk/heartbeat", &json!({"activity": "voting"})).await, StatusCode::NO_CONTENT).await;
        let status = expect(second.get("/kiosk").await, StatusCode::OK).await;
        let id = status["kiosk"]["id"].as_str().unwrap();
        let states = expect(congress.organiser.get(&states_path).await, StatusCode::OK).await;
        assert_eq!(state_of(&states, "二号投票台"), "voting");
        let disable = congress.organiser.put(&congress.path(&format!("/kiosks/{id}")), &json!({"enabled": false})).await;
        assert_eq!(disable.status(), StatusCode::NO_CONTENT);
        let refused = expect(second.post("/kiosk/heartbeat", &json!({"activity": "idle"})).await, StatusCode::FORBIDDEN).await;
        assert_eq!(refused["error"]["code"], "kiosk_disabled");
        let states = expect(congress.organiser.get(&states_path).await, StatusCode::OK).await;
        let disabled = states.as_array().unwrap().iter().find(|k| k["name"] == "二号投票台").unwrap();
        assert_eq!(disabled["enabled"], false);
        assert_eq!(disabled["state"], "offline");

        // An organiser account limited to another congress does not see these kiosks.
        let other = crate::helpers::congress_ready(&congress.organiser).await;
        let elsewhere = app.signed_in_for(Role::Organiser, &[other]).await;
        let refused = expect(elsewhere.get(&states_path).await, StatusCode::FORBIDDEN).await;
        assert_eq!(refused["error"]["code"], "outside_scope");
    }
}

on_both! {
    async fn the_heartbeat_stores_nothing(app: TestApp) {
        let congress = Congress::new(&app).await;
        let before = app.audit_len().await;
        let query = if app.url.starts_with("sqlite:") {
            "SELECT COUNT(*) AS n FROM sqlite_master"
        } else {
            "SELECT COUNT(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        };
        let tables = || async {
            let row = sqlx::query(query).fetch_one(&mut *app.store.read().await.unwrap()).await.unwrap();
            sqlx::Row::get::<i64, _>(&row, "n")
        };
        let schema = tables().await;
        for activity in ["voting", "idle", "voting", "idle"] {
            expect(congress.kiosk.post("/kiosk/heartbeat", &json!({"activity": activity})).await, StatusCode::NO_CONTENT).await;
        }
        assert_eq!(app.audit_len().await, before, "no audit entry for a beat");
        assert_eq!(tables().await, schema, "no table for beats");
    }
}

on_both! {
    async fn a_round_shows_issued_against_returned_per_contest_and_its_times_to_the_minute(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let men = congress.check_in(&MEN).await;
        let women = congress.check_in(&WOMEN).await;
        let opened = congress.open(&["committee", "audit", "women"]).await;
        assert_eq!(opened["returned_by_contest"], json!({"audit": 0, "committee": 0, "women": 0}));
        let at = opened["opened_at"].as_i64().unwrap();
        assert_eq!(at % 60_000, 0, "to the minute");
        assert!((ballotbox::store::now_ms() - at) < 61_000);
        assert_eq!(opened["closed_at"], Value::Null);

        let ballot = |_: &str| json!({"for": []});
        congress.vote(&men[0], ballot).await;
        congress.vote(&women[0], ballot).await;
        congress.vote(&women[1], ballot).await;
        let live = expect(congress.organiser.get(&congress.path("/rounds/1")).await, StatusCode::OK).await;
        assert_eq!(live["issued"], json!({"audit": 29, "committee": 29, "women": 12}));
        assert_eq!(live["returned_by_contest"], json!({"audit": 3, "committee": 3, "women": 2}));
        assert_eq!(live["opened_at"], at);

        let closed = congress.close(1).await;
        assert_eq!(closed["returned_by_contest"], json!({"audit": 3, "committee": 3, "women": 2}));
        let closed_at = closed["closed_at"].as_i64().unwrap();
        assert_eq!(closed_at % 60_000, 0);
        assert!(closed_at >= at);
        let listed = expect(congress.organiser.get(&congress.path("/rounds")).await, StatusCode::OK).await;
        assert_eq!(listed[0]["opened_at"], at);
        assert_eq!(listed[0]["closed_at"], closed_at);
        assert_eq!(listed[0]["returned_by_contest"], closed["returned_by_contest"]);
    }
}

on_both! {
    async fn the_hall_shows_attendance_then_ballots_only_then_the_result_then_the_hash(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let public = app.anonymous();
        let hall_path = format!("/public/congresses/{}/hall", congress.id);
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!(hall["phase"], "attendance");
        let all = &hall["attendance"][0];
        assert_eq!((all["electorate"].as_str(), all["entitled"].as_u64(), all["present"].as_u64()), (Some("all"), Some(29), Some(0)));
        assert_eq!(all["quorum"]["met"], false);
        assert_eq!(all["quorum"]["required"], 20);
        assert_eq!(hall["attendance"][1]["quorum"], Value::Null, "women delegates vote within the congress");

        let men = congress.check_in(&MEN).await;
        let women = congress.check_in(&WOMEN).await;
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!(hall["attendance"][0]["present"], 29);
        assert_eq!(hall["attendance"][0]["quorum"]["met"], true);

        congress.open(&["committee", "audit", "women"]).await;
        for card in men.iter().chain(&women).take(25) {
            congress.vote(card, |c| match c {
                "committee" => json!({"for": ["D002", "D003", "D004", "D006", "D008", "D010", "D001"]}),
                "audit" => json!({"for": ["D012", "D016", "D017"]}),
                _ => json!({"for": ["D001", "D007", "D009", "D011", "D013"]}),
            }).await;
        }
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!(hall["phase"], "voting");
        assert_eq!(hall["open_round"]["number"], 1);
        assert_eq!(hall["open_round"]["returned"], 25);
        let committee = hall["open_round"]["contests"].as_array().unwrap().iter().find(|c| c["id"] == "committee").unwrap();
        assert_eq!((committee["issued"].as_u64(), committee["returned"].as_u64()), (Some(29), Some(25)));
        assert_eq!(hall["latest"], Value::Null);
        assert_eq!(hall["bodies"], json!([]));
        let text = hall.to_string();
        for word in ["\"for\"", "against", "elected", "tally", "valid"] {
            assert!(!text.contains(word), "no partial result while open: {word} in {text}");
        }

        congress.close(1).await;
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!(hall["phase"], "counted");
        assert_eq!(hall["open_round"], Value::Null);
        assert_eq!(hall["latest"]["number"], 1);
        let counted = hall["latest"]["contests"].as_array().unwrap().iter().find(|c| c["id"] == "committee").unwrap();
        assert_eq!(counted["returned"], 25);
        let first = counted["candidates"].as_array().unwrap().iter().find(|p| p["id"] == "D002").unwrap();
        assert_eq!((first["for"].as_u64(), first["elected"].as_bool()), (Some(25), Some(true)));
        assert!(hall["bodies"].as_array().unwrap().iter().any(|b| b["contest"] == "committee" && b["elected"].as_array().unwrap().len() == 7));
        assert_eq!(hall["result_hash"], Value::Null);
        // The committee's plenary now has members: its attendance is shown, with its quorum.
        let plenary = hall["attendance"].as_array().unwrap().iter().find(|a| a["electorate"] == "plenary").unwrap();
        assert_eq!((plenary["entitled"].as_u64(), plenary["present"].as_u64()), (Some(7), Some(0)));
        assert_eq!(plenary["quorum"]["met"], false);

        // The plenary elects the chair, then the result is published.
        let next = expect(congress.organiser.get(&congress.path("/next")).await, StatusCode::OK).await;
        let mut plenary_cards = Vec::new();
        for member in next["plenary_members"].as_array().unwrap() {
            expect(congress.desk.post(&congress.path("/plenary/check-ins"), &json!({"number": member})).await, StatusCode::OK).await;
            let card = congress.cards.get_mut("plenary").unwrap().pop().unwrap();
            expect(congress.desk.post(&congress.path("/activations"), &json!({"card": card})).await, StatusCode::OK).await;
            plenary_cards.push(card);
        }
        congress.open(&["chair"]).await;
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!((hall["phase"].as_str(), hall["open_round"]["sitting"].as_str()), (Some("voting"), Some("plenary")));
        assert_eq!(hall["latest"], Value::Null, "not even an earlier round's result while a round is open");
        for card in &plenary_cards {
            congress.vote(card, |_| json!({"for": ["D002"]})).await;
        }
        congress.close(2).await;
        let published = expect(congress.organiser.post(&congress.path("/publication"), &json!(null)).await, StatusCode::CREATED).await;
        let hall = expect(public.get(&hall_path).await, StatusCode::OK).await;
        assert_eq!(hall["phase"], "published");
        assert_eq!(hall["latest"]["sitting"], "plenary");
        assert_eq!(hall["result_hash"], published["result_hash"]);
        assert_eq!(hall["result_hash_grouped"], published["grouped"]);

        expect(public.get("/public/congresses/no-such-congress/hall").await, StatusCode::NOT_FOUND).await;
    }
}
