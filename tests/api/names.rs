//! Names that cannot deceive (docs/record-format.md §1), attacked over HTTP: control and
//! bidirectional characters refused at roster upload, at a delegate's edit, at cast and at
//! account creation, each with its code; write-ins spelt with invisible characters counted as
//! one person, in the tally and in the verifier of the record; look-alike write-ins noted on
//! the round for the tellers, without changing the count.

use std::collections::BTreeMap;

use ballotbox::record::documents::ElectionRecord;
use ballotbox::server::auth::token_hash;
use ballotbox::store::now_ms;
use ballotbox::store::users::{self, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, congress_ready, expect, freeze, on_both, print_cards, roster_csv};
use crate::voting::{Congress, MEN, WOMEN, pair_kiosk};

on_both! {
    async fn a_roster_with_control_bidirectional_or_invisible_names_is_refused_row_by_row(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        let path = format!("/congresses/{id}/roster");
        let csv = roster_csv()
            .replace("王芳", "王\u{0}芳")
            .replace("李强", "李强\u{7}")
            .replace("张伟", "\u{202E}张伟")
            .replace("刘洋", "\u{200B}")
            .replace("陈静", "陈\u{200D}静");
        let refused = expect(organiser.put_csv(&path, csv).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refused["error"]["code"], "bad_roster");
        let rows: Vec<(u64, String)> = refused["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert!(rows[0].0 == 2 && rows[0].1.contains("control character U+0000"), "{rows:?}");
        assert!(rows[1].0 == 3 && rows[1].1.contains("control character U+0007"), "{rows:?}");
        assert!(rows[2].0 == 4 && rows[2].1.contains("bidirectional formatting character U+202E"), "{rows:?}");
        assert!(rows[3].0 == 5 && rows[3].1.contains("only invisible characters"), "{rows:?}");

        // A joiner inside a name is removed: the name is stored as it reads.
        let joined = roster_csv().replace("陈静", "陈\u{200D}静");
        expect(organiser.put_csv(&path, joined).await, StatusCode::OK).await;
        let roster = expect(organiser.get(&path).await, StatusCode::OK).await;
        assert!(roster.as_array().unwrap().iter().any(|e| e["name"] == "陈静"), "{roster}");

        let edit = |name: &str| json!({"name": name, "gender": "female", "unit": "顺丰速运", "voting": true});
        for (name, code) in [("王\u{0}芳", "name_control"), ("王\u{202E}芳", "name_bidi"), ("\u{200B}", "name_empty"), ("王\n芳", "name_line_break")] {
            let refused = expect(organiser.put(&format!("{path}/D001"), &edit(name)).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(refused["error"]["code"], code, "{name:?}");
        }
        let refused = expect(
            organiser.put(&format!("/congresses/{id}/contests/committee"),
                &json!({"kind": "committee", "title": "委员\u{202E}", "seats": 7, "electorate": "all", "candidates": []})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        ).await;
        assert_eq!(refused["error"]["code"], "name_bidi");
        assert_eq!(refused["error"]["details"]["character"], "U+202E");
    }
}

on_both! {
    async fn an_account_name_with_a_control_or_bidirectional_character_is_refused(app: TestApp) {
        let mut tx = app.store.write().await.unwrap();
        users::replace_setup_token(&mut tx, &token_hash("one-time"), now_ms() + 60_000).await.unwrap();
        tx.commit().await.unwrap();
        let api = app.anonymous();
        for (name, code) in [("王\u{0}组织", "name_control"), ("王组织\u{7}", "name_control"), ("\u{202E}王组织", "name_bidi"), ("\u{200B}", "name_empty")] {
            let body = json!({"token": "one-time", "name": name, "password": PASSWORD});
            let refused = expect(api.post("/setup/first-organiser", &body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(refused["error"]["code"], code, "{name:?}");
        }
        // A zero-width space does not make another account: the name is kept as it reads, and
        // signing in with either spelling is signing in to it.
        let body = json!({"token": "one-time", "name": "王\u{200B}组织", "password": PASSWORD});
        let user = expect(api.post("/setup/first-organiser", &body).await, StatusCode::CREATED).await;
        assert_eq!(user["name"], "王组织");
        for name in ["王组织", "\u{2060}王组织 "] {
            expect(app.anonymous().post("/session", &json!({"name": name, "password": PASSWORD})).await, StatusCode::OK).await;
        }
    }
}

on_both! {
    async fn write_ins_spelt_with_invisible_characters_are_one_person_and_look_alikes_are_noted(app: TestApp) {
        // A congress whose funds audit list holds a Latin name, for a Cyrillic look-alike.
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let id = congress_ready(&organiser).await;
        expect(
            organiser.put(&format!("/congresses/{id}/roster/D018"), &json!({"name": "Xu Li", "gender": "male", "unit": "中通快递", "voting": true})).await,
            StatusCode::NO_CONTENT,
        ).await;
        let (trustee, _) = freeze(&app, &organiser, &id).await;
        let mut cards = BTreeMap::new();
        for (style, count) in [("general", 20), ("female", 14)] {
            cards.insert(style.to_owned(), print_cards(&organiser, &id, style, count).await.0);
        }
        let kiosk = pair_kiosk(&app, &organiser, &id, "一号投票台").await;
        let mut congress = Congress { id, organiser, desk, kiosk, trustee, cards };
        let men = congress.check_in(&MEN).await;
        congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee", "audit"]).await;

        let marks = |write_ins: &[&str]| {
            let write_ins: Vec<String> = write_ins.iter().map(|w| (*w).to_owned()).collect();
            move |contest: &str| if contest == "audit" { json!({"for": ["D012"], "write_ins": write_ins}) } else { json!({}) }
        };
        // Refused by the kiosk before sealing, each with its code: the name would be sealed
        // unread, so it is read as every name is before it is encrypted.
        let fetched = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": men[0]})).await, StatusCode::OK).await;
        for (write_in, code) in [("赵\u{0}六", "name_control"), ("赵六\u{7}", "name_control"), ("赵\u{202E}六", "name_bidi"), ("\u{200B}", "name_empty")] {
            let chosen: BTreeMap<String, ballotbox::election::Marks> = [("audit".to_owned(), serde_json::from_value(marks(&[write_in])("audit")).unwrap())].into();
            let error = ballotbox::kiosk::seal(&fetched, &congress.id, &chosen).unwrap_err();
            let Some(ballotbox::record::sealed::SealedError::Name(reason)) = error.downcast_ref() else { panic!("{error}") };
            assert_eq!(reason.code(), code, "{write_in:?}");
        }
        for (card, write_in) in men.iter().zip(["赵六", "赵\u{200D}六", "赵六\u{200B}", "\u{2060}赵六"]) {
            congress.cast(card, marks(&[write_in])).await;
        }
        // A Cyrillic Х for the Latin X of a listed name; the radical ⻢ for 马 of 马超 (D016).
        congress.cast(&men[4], marks(&["Хu Li", "⻢超"])).await;

        let closed = congress.close(1).await;
        let audit = closed["result"]["tally"]["contests"].as_array().unwrap().iter().find(|c| c["id"] == "audit").unwrap();
        let written: Vec<(&str, u64)> = audit["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["write_in"] == true)
            .map(|c| (c["name"].as_str().unwrap(), c["for"].as_u64().unwrap()))
            .collect();
        assert_eq!(written, [("赵六", 4), ("Хu Li", 1), ("⻢超", 1)], "the look-alikes are counted as written");
        let notes = |view: &Value| -> Vec<(String, String, bool, Value)> {
            view["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| {
                    let r = &n["resemblance"];
                    assert_eq!(n["contest"], "audit");
                    (r["write_in"].as_str().unwrap().to_owned(), r["resembles"].as_str().unwrap().to_owned(),
                     r["candidate"].as_bool().unwrap(), r["write_in_scripts"].clone())
                })
                .collect()
        };
        let expected = vec![
            ("Хu Li".to_owned(), "Xu Li".to_owned(), true, json!(["Cyrillic", "Latin"])),
            ("⻢超".to_owned(), "马超".to_owned(), true, json!(["Han"])),
        ];
        assert_eq!(notes(&closed), expected);
        let inspector = app.signed_in(Role::Inspector).await;
        let seen = expect(inspector.get(&congress.path("/rounds/1")).await, StatusCode::OK).await;
        assert_eq!(notes(&seen), expected, "the inspectors see the notes too");

        // The record holds the write-ins as cast; the verifier reads them as the server did.
        let record: ElectionRecord = serde_json::from_value(
            expect(congress.organiser.get(&congress.path("/record")).await, StatusCode::OK).await,
        ).unwrap();
        let report = ballotbox::record::verify::verify(&record);
        assert!(report.ok, "{}", report.text());
    }
}
