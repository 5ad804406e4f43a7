//! Voting over real HTTP: kiosks, rounds, casting once per card and round, closing into signed
//! results, the follow-ups the rules call for, the plenary, publication and the record.

use std::collections::BTreeMap;

use ballotbox::election::Marks;
use ballotbox::record::documents::ElectionRecord;
use ballotbox::record::hash::Digest;
use ballotbox::record::merkle;
use ballotbox::record::receipt::ShortReceipt;
use ballotbox::store::users::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, TestApp, Trustee, congress_ready, expect, freeze, on_both, print_cards};

/// The voting delegates of the test roster: men receive `general` cards, women `female` ones.
pub const MEN: [&str; 17] = [
    "D002", "D003", "D004", "D006", "D008", "D010", "D012", "D016", "D017", "D018", "D019", "D022",
    "D023", "D024", "D025", "D027", "D028",
];
pub const WOMEN: [&str; 12] = [
    "D001", "D005", "D007", "D009", "D011", "D013", "D014", "D015", "D020", "D021", "D026", "D029",
];

/// A frozen congress (committee 7 of 8, audit 3 of 4, women's committee 5 of 6, and a chair
/// elected by the committee's plenary), sealed under its one trustee, an enrolled kiosk, and
/// printed cards.
pub struct Congress {
    pub id: String,
    pub organiser: Api,
    pub desk: Api,
    pub kiosk: Api,
    pub trustee: Trustee,
    /// Inert cards by style.
    pub cards: BTreeMap<String, Vec<String>>,
}

impl Congress {
    pub async fn new(app: &TestApp) -> Congress {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let id = congress_ready(&organiser).await;
        expect(
            organiser
                .put(
                    &format!("/congresses/{id}/contests/chair"),
                    &json!({"kind": "chair", "title": "工会主席", "seats": 1, "electorate": "plenary", "candidates": ["D002", "D003"]}),
                )
                .await,
            StatusCode::OK,
        )
        .await;
        let (trustee, _) = freeze(app, &organiser, &id).await;
        let mut cards = BTreeMap::new();
        for (style, count) in [("general", 20), ("female", 14), ("plenary", 8)] {
            let (codes, _) = print_cards(&organiser, &id, style, count).await;
            cards.insert(style.to_owned(), codes);
        }
        let kiosk = pair_kiosk(app, &organiser, &id, "一号投票台").await;
        Congress {
            id,
            organiser,
            desk,
            kiosk,
            trustee,
            cards,
        }
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/congresses/{}{rest}", self.id)
    }

    /// Checks in delegates and activates one card of their style each; the active cards.
    pub async fn check_in(&mut self, numbers: &[&str]) -> Vec<String> {
        let mut active = Vec::new();
        for number in numbers {
            let checked = expect(
                self.desk
                    .post(&self.path("/check-ins"), &json!({"number": number}))
                    .await,
                StatusCode::OK,
            )
            .await;
            let style = checked["style"].as_str().unwrap().to_owned();
            let card = self.cards.get_mut(&style).unwrap().pop().unwrap();
            expect(
                self.desk
                    .post(&self.path("/activations"), &json!({"card": card}))
                    .await,
                StatusCode::OK,
            )
            .await;
            active.push(card);
        }
        active
    }

    pub async fn open(&self, contests: &[&str]) -> Value {
        let contests: Vec<Value> = contests.iter().map(|c| json!({"contest": c})).collect();
        expect(
            self.organiser
                .post(&self.path("/rounds"), &json!({"contests": contests}))
                .await,
            StatusCode::CREATED,
        )
        .await
    }

    /// Closes the round and has the trustee open it; the round's view, with its result.
    pub async fn close(&self, round: u64) -> Value {
        let closed = expect(
            self.organiser
                .post(&self.path(&format!("/rounds/{round}/close")), &json!(null))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            closed["result"],
            Value::Null,
            "nobody counts before the trustees open"
        );
        self.trustee.open(round).await
    }

    /// Fetches the ballot for `card` and casts `choose(contest id) → marks` on it; the receipt.
    pub async fn vote(&self, card: &str, choose: impl Fn(&str) -> Value) -> String {
        self.cast(card, choose).await["receipt"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// As [`Congress::vote`], but the kiosk's whole answer: receipt, short receipt, QR code.
    pub async fn cast(&self, card: &str, choose: impl Fn(&str) -> Value) -> Value {
        let cast = self.sealed(card, choose).await;
        expect(
            self.kiosk.post("/kiosk/casts", &cast).await,
            StatusCode::CREATED,
        )
        .await
    }

    /// Fetches the ballot for `card` and seals `choose(contest id) → marks` on it as the kiosk
    /// page does: the body of its cast.
    pub async fn sealed(&self, card: &str, choose: impl Fn(&str) -> Value) -> Value {
        sealed_at(&self.kiosk, &self.id, card, choose).await
    }
}

/// [`Congress::sealed`] at the kiosk `kiosk` of congress `id`.
pub async fn sealed_at(kiosk: &Api, id: &str, card: &str, choose: impl Fn(&str) -> Value) -> Value {
    let ballot = expect(
        kiosk.post("/kiosk/ballot", &json!({"card": card})).await,
        StatusCode::OK,
    )
    .await;
    let marks: BTreeMap<String, Marks> = ballot["contests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let contest = c["id"].as_str().unwrap();
            (
                contest.to_owned(),
                serde_json::from_value(choose(contest)).unwrap(),
            )
        })
        .collect();
    let sealed = ballotbox::kiosk::seal(&ballot, id, &marks).unwrap();
    json!({"card": card, "round": ballot["round"], "ballot": sealed.ballot})
}

pub async fn pair_kiosk(app: &TestApp, organiser: &Api, id: &str, name: &str) -> Api {
    let pairing = expect(
        organiser
            .post(
                &format!("/congresses/{id}/kiosk-pairings"),
                &json!({"name": name}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let kiosk = app.anonymous();
    expect(
        kiosk
            .post("/kiosk/pairing", &json!({"code": pairing["code"]}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    kiosk
}

/// Marks *for* these candidates.
pub fn voting_for(ids: &[&str]) -> Value {
    json!({"for": ids})
}

/// The ballots the full-congress tests cast: everyone elects the same committee, audit and
/// women's committee.
fn unanimous(contest: &str) -> Value {
    match contest {
        "committee" => voting_for(&["D002", "D003", "D004", "D006", "D008", "D010", "D001"]),
        "audit" => voting_for(&["D012", "D016", "D017"]),
        "women" => voting_for(&["D001", "D007", "D009", "D011", "D013"]),
        _ => voting_for(&["D002"]),
    }
}

fn contest<'a>(round: &'a Value, id: &str) -> &'a Value {
    round["result"]["tally"]["contests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

fn elected(round: &Value, id: &str) -> Vec<String> {
    contest(round, id)["elected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

on_both! {
    async fn a_round_opens_only_with_the_quorum_and_shows_no_partial_result(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        // 19 of 29 present: two thirds needs 20.
        congress.check_in(&MEN[..10]).await;
        congress.check_in(&WOMEN[..9]).await;
        let contests = json!({"contests": [{"contest": "committee"}, {"contest": "audit"}, {"contest": "women"}]});
        let refused = expect(congress.organiser.post(&congress.path("/rounds"), &contests).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "no_quorum");
        assert_eq!(refused["error"]["details"], json!({"present": 19, "entitled": 29, "required": 20}));
        assert!(refused["error"]["message"].as_str().unwrap().contains("19 of 29"), "{refused}");
        let cards = congress.check_in(&[WOMEN[9]]).await;

        let round = congress.open(&["committee", "audit", "women"]).await;
        assert_eq!(round["number"], 1);
        assert_eq!(round["issued"], json!({"audit": 20, "committee": 20, "women": 10}));
        // The plenary cannot sit before the committee is elected.
        let chair = expect(congress.organiser.post(&congress.path("/rounds"), &json!({"contests": [{"contest": "chair"}]})).await, StatusCode::CONFLICT).await;
        assert!(chair["error"]["message"].as_str().unwrap().contains("still open"), "{chair}");

        let receipt = congress.vote(&cards[0], unanimous).await;
        // A receipt cast in the open round and one never cast get the same answer.
        let public = app.anonymous();
        let mut answers = Vec::new();
        for asked in [receipt.clone(), "ab".repeat(32)] {
            let response = public.get(&format!("/public/congresses/{}/receipts/{asked}", congress.id)).await;
            let status = response.status();
            let mut body: Value = response.json().await.unwrap();
            body["error"]["request_id"] = Value::Null;
            answers.push((status, body));
        }
        assert_eq!(answers[0], answers[1]);
        assert_eq!(answers[0].0, StatusCode::CONFLICT);
        let inspector = app.signed_in(Role::Inspector).await;
        for api in [&congress.organiser, &inspector] {
            let live = expect(api.get(&congress.path("/rounds/1")).await, StatusCode::OK).await;
            assert_eq!(live["returned"], 1);
            assert_eq!(live["open"], true);
            assert_eq!(live["result"], Value::Null, "no partial result while the round is open");
            assert_eq!(live["tree_head"], Value::Null);
        }
        let record = expect(congress.organiser.get(&congress.path("/record")).await, StatusCode::OK).await;
        assert_eq!(record["rounds"], json!([]), "an open round is not in the record");
        let desk_view = congress.desk.get(&congress.path("/rounds/1")).await;
        assert_eq!(desk_view.status(), StatusCode::FORBIDDEN);
    }
}

on_both! {
    async fn a_short_receipt_finds_the_ballot_as_the_full_one_does_once_its_round_closed(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let mut cards = congress.check_in(&MEN[..10]).await;
        cards.extend(congress.check_in(&WOMEN[..10]).await);
        congress.open(&["committee", "audit", "women"]).await;
        let mut answers = Vec::new();
        for card in &cards[..3] {
            answers.push(congress.cast(card, unanimous).await);
        }
        let public = app.anonymous();
        let id = congress.id.clone();
        let ask = |receipt: String| {
            let public = &public;
            let id = id.clone();
            async move {
                let response = public.get(&format!("/public/congresses/{id}/receipts/{receipt}")).await;
                let status = response.status();
                let mut body: Value = response.json().await.unwrap();
                body["error"]["request_id"] = Value::Null;
                (status, body)
            }
        };
        for answer in &answers {
            let receipt: Digest = answer["receipt"].as_str().unwrap().parse().unwrap();
            let short = answer["short"].as_str().unwrap();
            // 12 Crockford symbols in three groups, the receipt's first 60 bits.
            assert_eq!(short, ShortReceipt::of(&receipt).to_string());
            assert_eq!(short.len(), 14);
            assert!(short.chars().all(|c| c == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)), "{short}");
            assert!(answer["qr"].as_str().unwrap().contains("<svg"));
        }
        // While the round is open, a short receipt cast in it and one never cast answer alike.
        let cast_short = answers[0]["short"].as_str().unwrap().to_owned();
        let never = if cast_short == "ZZZZ-ZZZZ-ZZZZ" { "YYYY-YYYY-YYYY" } else { "ZZZZ-ZZZZ-ZZZZ" };
        let open = ask(cast_short.clone()).await;
        assert_eq!(open, ask(never.to_owned()).await);
        assert_eq!(open.0, StatusCode::CONFLICT);
        assert_eq!(open.1["error"]["code"], "round_open");
        assert_eq!(open, ask(answers[0]["receipt"].as_str().unwrap().to_owned()).await, "as the full receipt does");

        congress.close(1).await;
        for answer in &answers {
            let full = ask(answer["receipt"].as_str().unwrap().to_owned()).await;
            assert_eq!(full.0, StatusCode::OK);
            assert_eq!(full.1["short"], answer["short"]);
            // As a delegate might copy it: lower case, no dashes, O for 0, l for 1.
            let typed = answer["short"].as_str().unwrap().replace('-', "").to_lowercase().replace('0', "o").replace('1', "l");
            assert_eq!(ask(typed).await, full, "the short receipt finds the same ballot and proof");
        }
        let absent = ask(never.to_owned()).await;
        assert_eq!(absent.0, StatusCode::NOT_FOUND);
        let malformed = ask("04HM-ASW9".to_owned()).await;
        assert_eq!(malformed.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(malformed.1["error"]["code"], "bad_receipt");
        let bad_symbol = ask("04HM-ASW9-NF6U".to_owned()).await;
        assert_eq!(bad_symbol.0, StatusCode::UNPROCESSABLE_ENTITY);

        // The results page's short address, and its QR code for the minutes.
        let address = public.get(&format!("/public/congresses/{}/address.svg", congress.id)).await;
        assert_eq!(address.status(), StatusCode::OK);
        assert_eq!(address.headers()["content-type"], "image/svg+xml");
        let unknown = public.get("/public/congresses/nope/address.svg").await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    }
}

on_both! {
    async fn a_card_casts_once_per_round_and_a_retry_gets_the_same_receipt(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let cards = congress.check_in(&MEN).await;
        let women = congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee", "audit", "women"]).await;

        let general = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::OK).await;
        let ids: Vec<&str> = general["contests"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["committee", "audit"], "a man's card carries no women's committee");
        let female = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": women[0]})).await, StatusCode::OK).await;
        assert_eq!(female["contests"].as_array().unwrap().len(), 3);
        assert_eq!(female["contests"][2]["write_ins"], true);

        let mine = |contest: &str| if contest == "committee" { voting_for(&["D002"]) } else { json!({"write_ins": ["  赵六 "]}) };
        let ballot = congress.sealed(&cards[0], mine).await;
        let other = congress.sealed(&cards[0], mine).await;
        let (copy, late) = (congress.sealed(&cards[2], |_| json!({})).await, congress.sealed(&cards[3], |_| json!({})).await);
        let first = expect(congress.kiosk.post("/kiosk/casts", &ballot).await, StatusCode::CREATED).await;
        let again = expect(congress.kiosk.post("/kiosk/casts", &ballot).await, StatusCode::OK).await;
        assert_eq!(first["receipt"], again["receipt"]);
        assert_eq!(again["repeated"], true);
        assert_ne!(ballot, other, "the same marks sealed afresh");
        let refused = expect(congress.kiosk.post("/kiosk/casts", &other).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "card_spent");
        let spent = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::CONFLICT).await;
        assert_eq!(spent["error"]["code"], "card_spent");
        // Another spent card replaying this exact ballot gets no receipt: only its own card may.
        let own = congress.sealed(&cards[4], |_| json!({})).await;
        expect(congress.kiosk.post("/kiosk/casts", &own).await, StatusCode::CREATED).await;
        let mut replayed = ballot.clone();
        replayed["card"] = json!(cards[4]);
        let refused = expect(congress.kiosk.post("/kiosk/casts", &replayed).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "card_spent");
        assert!(refused.get("receipt").is_none());

        // What the kiosk protects against, and malformed casts: refused, nothing kept. An
        // over-vote cannot even be sealed, since no range proof for it exists.
        let fetched = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": cards[1]})).await, StatusCode::OK).await;
        let over = |contest: &str, marks: Value| {
            let marks: BTreeMap<String, Marks> = [(contest.to_owned(), serde_json::from_value(marks).unwrap())].into();
            ballotbox::kiosk::seal(&fetched, &congress.id, &marks).unwrap_err().to_string()
        };
        let error = over("committee", voting_for(&["D002", "D003", "D004", "D006", "D008", "D010", "D001", "D005"]));
        assert!(error.contains("7"), "{error}");
        over("audit", json!({"for": ["D012", "D016", "D017"], "write_ins": ["赵六"]}));
        over("committee", voting_for(&["D999"]));
        let good = congress.sealed(&cards[1], |_| json!({})).await;
        let mut missing = good.clone();
        missing["ballot"]["sections"].as_array_mut().unwrap().pop();
        let error = expect(congress.kiosk.post("/kiosk/casts", &missing).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["error"]["code"], "wrong_contests");
        let mut forged = good.clone();
        forged["ballot"]["sections"][0]["candidates"][0]["for"] = forged["ballot"]["sections"][0]["candidates"][1]["against"].clone();
        let error = expect(congress.kiosk.post("/kiosk/casts", &forged).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["error"]["code"], "bad_ballot");
        let mut bad_salt = good.clone();
        bad_salt["ballot"]["salt"] = json!("00");
        expect(congress.kiosk.post("/kiosk/casts", &bad_salt).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        let mut extra = good.clone();
        extra["kiosk"] = json!("x");
        let error = expect(congress.kiosk.post("/kiosk/casts", &extra).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["error"]["code"], "bad_fields");
        // A kiosk that reuses a salt (here, a whole ballot) for another card is refused, and
        // that card is left unspent.
        let mut reused = ballot.clone();
        reused["card"] = json!(cards[2]);
        let error = expect(congress.kiosk.post("/kiosk/casts", &reused).await, StatusCode::CONFLICT).await;
        assert_eq!(error["error"]["code"], "salt_reused");
        expect(congress.kiosk.post("/kiosk/casts", &copy).await, StatusCode::CREATED).await;
        let inactive = congress.cards["general"][0].clone();
        let error = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": inactive})).await, StatusCode::CONFLICT).await;
        assert_eq!(error["error"]["code"], "card_inactive");

        let closed = congress.close(1).await;
        assert_eq!(closed["returned"], 3, "only the good casts were kept");
        let audit = contest(&closed, "audit");
        assert_eq!(audit["candidates"].as_array().unwrap().last().unwrap()["name"], "赵六");
        let error = expect(congress.kiosk.post("/kiosk/casts", &late).await, StatusCode::CONFLICT).await;
        assert_eq!(error["error"]["code"], "round_closed");
    }
}

on_both! {
    async fn fifty_concurrent_casts_with_one_card_record_exactly_one_ballot(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let cards = congress.check_in(&MEN).await;
        congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee", "audit"]).await;
        let same = congress.sealed(&cards[0], |c| if c == "committee" { voting_for(&["D002"]) } else { json!({}) }).await;
        let different = congress.sealed(&cards[0], |c| if c == "committee" { voting_for(&["D003"]) } else { json!({}) }).await;
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let kiosk = congress.kiosk.clone();
                let body = if i % 2 == 0 { same.clone() } else { different.clone() };
                tokio::spawn(async move {
                    let response = kiosk.post("/kiosk/casts", &body).await;
                    let status = response.status();
                    (i % 2, status, response.json::<Value>().await.unwrap())
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        let created: Vec<&(usize, StatusCode, Value)> = answers.iter().filter(|a| a.1 == StatusCode::CREATED).collect();
        assert_eq!(created.len(), 1, "exactly one cast is recorded");
        let winner = created[0].0;
        let receipt = &created[0].2["receipt"];
        for (kind, status, body) in &answers {
            if *kind == winner {
                assert!(*status == StatusCode::CREATED || *status == StatusCode::OK, "{status} {body}");
                assert_eq!(&body["receipt"], receipt, "the same ballot gets the same receipt");
            } else {
                assert_eq!(*status, StatusCode::CONFLICT, "{body}");
                assert_eq!(body["error"]["code"], "card_spent");
            }
        }
        let closed = congress.close(1).await;
        assert_eq!(closed["returned"], 1);
        assert_eq!(closed["tree_head"]["size"], 1);
    }
}

on_both! {
    async fn only_enrolled_enabled_kiosks_fetch_ballots_or_cast(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let cards = congress.check_in(&MEN).await;
        congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee"]).await;
        let stranger = app.anonymous();
        let error = expect(stranger.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(error["error"]["code"], "not_a_kiosk");
        // A signed-in organiser is not a kiosk either.
        expect(congress.organiser.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::UNAUTHORIZED).await;

        let pairing = expect(congress.organiser.post(&congress.path("/kiosk-pairings"), &json!({"name": "二号投票台"})).await, StatusCode::CREATED).await;
        let code = pairing["code"].as_str().unwrap();
        let second = app.anonymous();
        expect(second.post("/kiosk/pairing", &json!({"code": code.to_lowercase()})).await, StatusCode::CREATED).await;
        let reused = app.anonymous();
        expect(reused.post("/kiosk/pairing", &json!({"code": code})).await, StatusCode::NOT_FOUND).await;
        let status = expect(second.get("/kiosk").await, StatusCode::OK).await;
        assert_eq!(status["round"], 1);
        assert_eq!(status["kiosk"]["name"], "二号投票台");

        let kiosks = expect(congress.organiser.get(&congress.path("/kiosks")).await, StatusCode::OK).await;
        assert_eq!(kiosks.as_array().unwrap().len(), 2);
        let second_id = status["kiosk"]["id"].as_str().unwrap();
        let disable = congress.organiser.put(&congress.path(&format!("/kiosks/{second_id}")), &json!({"enabled": false})).await;
        assert_eq!(disable.status(), StatusCode::NO_CONTENT);
        let error = expect(second.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::FORBIDDEN).await;
        assert_eq!(error["error"]["code"], "kiosk_disabled");
        // The first kiosk still works.
        expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::OK).await;
    }
}

on_both! {
    async fn a_kiosk_disabled_with_a_ballot_on_screen_cannot_cast_it_and_the_card_stays_unspent(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let cards = congress.check_in(&MEN).await;
        congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee"]).await;
        let second = pair_kiosk(&app, &congress.organiser, &congress.id, "二号投票台").await;
        expect(second.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::OK).await;
        let status = expect(second.get("/kiosk").await, StatusCode::OK).await;
        let id = status["kiosk"]["id"].as_str().unwrap();
        let disable = congress.organiser.put(&congress.path(&format!("/kiosks/{id}")), &json!({"enabled": false})).await;
        assert_eq!(disable.status(), StatusCode::NO_CONTENT);
        let ballot = congress.sealed(&cards[0], |_| voting_for(&["D002"])).await;
        let refused = expect(second.post("/kiosk/casts", &ballot).await, StatusCode::FORBIDDEN).await;
        assert_eq!(refused["error"]["code"], "kiosk_disabled");
        // Nothing was recorded: the delegate votes at another kiosk.
        expect(congress.kiosk.post("/kiosk/casts", &ballot).await, StatusCode::CREATED).await;
    }
}

on_both! {
    async fn a_kiosk_enrolled_more_than_24_hours_ago_is_refused_by_the_server(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let cards = congress.check_in(&MEN).await;
        congress.check_in(&WOMEN[..5]).await;
        congress.open(&["committee"]).await;
        // Its cookie may live on in a browser whose clock is wrong; the server counts for itself.
        sqlx::query("UPDATE kiosks SET paired_at = paired_at - 90000000")
            .execute(&mut *app.store.read().await.unwrap())
            .await
            .unwrap();
        let refused = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": cards[0]})).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(refused["error"]["code"], "kiosk_expired");
        assert!(refused["error"]["message"].as_str().unwrap().contains("new pairing code"));
        expect(congress.kiosk.post("/kiosk/casts", &json!({"card": cards[0], "round": 1, "ballot": {}})).await, StatusCode::UNAUTHORIZED).await;
        let fresh = pair_kiosk(&app, &congress.organiser, &congress.id, "二号投票台").await;
        let ballot = sealed_at(&fresh, &congress.id, &cards[0], |_| voting_for(&["D002"])).await;
        expect(fresh.post("/kiosk/casts", &ballot).await, StatusCode::CREATED).await;
    }
}

on_both! {
    async fn a_whole_congress_follows_the_rules_to_a_verified_record(app: TestApp) {
        let mut congress = Congress::new(&app).await;
        let men = congress.check_in(&MEN).await;
        let women = congress.check_in(&WOMEN).await;
        let everyone: Vec<String> = men.iter().chain(&women).cloned().collect();
        congress.open(&["committee", "audit", "women"]).await;
        // Committee (E = 29, T = 15): six lead, and D005 and D001 tie at 15 for the last seat.
        // Audit: only two of three seats reach T. Women (E = 12, T = 7): four of five.
        for (i, card) in everyone.iter().enumerate() {
            congress
                .vote(card, |contest| match contest {
                    "committee" if i < 14 => voting_for(&["D002", "D003", "D004", "D006", "D008", "D010", "D005"]),
                    "committee" if i < 28 => voting_for(&["D002", "D003", "D004", "D006", "D008", "D010", "D001"]),
                    "committee" => voting_for(&["D002", "D003", "D004", "D006", "D008", "D005", "D001"]),
                    "audit" => voting_for(if i < 20 { &["D012", "D016"] } else { &["D012", "D016", "D017"] }),
                    "women" => voting_for(if i < 23 { &["D001", "D007", "D009", "D011", "D013"] } else { &["D001", "D007", "D009", "D011", "D014"] }),
                    other => panic!("unexpected contest {other}"),
                })
                .await;
        }
        let first = congress.close(1).await;
        assert_eq!(contest(&first, "committee")["status"], "tie");
        assert_eq!(elected(&first, "committee").len(), 6);
        assert_eq!(contest(&first, "audit")["status"], "shortfall");
        assert_eq!(contest(&first, "women")["status"], "shortfall");
        assert_eq!(first["tree_head"]["size"], 29);

        let next = expect(congress.organiser.get(&congress.path("/next")).await, StatusCode::OK).await;
        let pending: BTreeMap<&str, &Value> = next["pending"].as_array().unwrap().iter().map(|c| (c["id"].as_str().unwrap(), c)).collect();
        assert_eq!(pending["committee"]["round"], "tie_revote");
        let mut tied: Vec<&str> = pending["committee"]["candidates"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        tied.sort_unstable();
        assert_eq!(tied, ["D001", "D005"]);
        assert_eq!(pending["committee"]["seats"], 1);
        assert_eq!(pending["women"]["round"], "additional");
        assert_eq!(pending["women"]["seats"], 1);

        // The audit committee's seats are reduced to the two elected, with the congress's consent.
        let no_consent = expect(congress.organiser.post(&congress.path("/seat-reductions"), &json!({"contest": "audit", "consent": " "})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(no_consent["error"]["message"].as_str().unwrap().contains("consent"));
        expect(congress.organiser.post(&congress.path("/seat-reductions"), &json!({"contest": "audit", "consent": "大会举手表决同意减少名额，赞成 27 票"})).await, StatusCode::CREATED).await;
        // An additional round may only put up candidates not yet elected.
        let bad = expect(congress.organiser.post(&congress.path("/rounds"), &json!({"contests": [{"contest": "women", "candidates": ["D001", "D014"]}]})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(bad["error"]["message"].as_str().unwrap().contains("D001"), "{bad}");

        let second = congress.open(&["committee", "women"]).await;
        assert_eq!(second["definition"]["contests"][0]["seats"], 1);
        assert_eq!(second["definition"]["contests"][0]["filled_earlier"], 6);
        let revote = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": women[0]})).await, StatusCode::OK).await;
        assert_eq!(revote["contests"][0]["write_ins"], false, "a tie re-vote takes no write-ins");
        for (i, card) in everyone.iter().enumerate() {
            congress
                .vote(card, |contest| match contest {
                    "committee" => voting_for(&[if i % 3 == 0 { "D005" } else { "D001" }]),
                    "women" => voting_for(&["D014"]),
                    other => panic!("unexpected contest {other}"),
                })
                .await;
        }
        let second = congress.close(2).await;
        assert_eq!(contest(&second, "committee")["status"], "complete");
        assert_eq!(contest(&second, "women")["status"], "complete");

        // The committee's plenary elects the chair.
        let next = expect(congress.organiser.get(&congress.path("/next")).await, StatusCode::OK).await;
        let members: Vec<String> = next["plenary_members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_owned()).collect();
        assert_eq!(members.len(), 7);
        let stranger = expect(congress.desk.post(&congress.path("/plenary/check-ins"), &json!({"number": "D030"})).await, StatusCode::NOT_FOUND).await;
        assert!(stranger["error"]["message"].as_str().unwrap().contains("D030"));
        let mut plenary_cards = Vec::new();
        for member in &members {
            expect(congress.desk.post(&congress.path("/plenary/check-ins"), &json!({"number": member})).await, StatusCode::OK).await;
            let card = congress.cards.get_mut("plenary").unwrap().pop().unwrap();
            expect(congress.desk.post(&congress.path("/activations"), &json!({"card": card})).await, StatusCode::OK).await;
            plenary_cards.push(card);
        }
        // The plenary is an electorate of the live figures; a mistaken check-in can be undone
        // until the member's card is active.
        let attendance = expect(congress.desk.get(&congress.path("/attendance")).await, StatusCode::OK).await;
        assert_eq!(attendance["electorates"][2], json!({"electorate": "plenary", "entitled": 7, "present": 7}));
        let undo = expect(congress.desk.delete(&congress.path(&format!("/plenary/check-ins/{}", members[0]))).await, StatusCode::CONFLICT).await;
        assert_eq!(undo["error"]["details"]["style"], "plenary");
        let next = expect(congress.desk.get(&congress.path("/next")).await, StatusCode::OK).await;
        assert_eq!(next["plenary_present"].as_array().unwrap().len(), 7);
        let chair_round = congress.open(&["chair"]).await;
        assert_eq!(chair_round["definition"]["sitting"], "plenary");
        assert_eq!(chair_round["definition"]["contests"][0]["entitled"], 7);
        let refused = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": everyone[0]})).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "not_in_round", "a delegate's card does not vote in the plenary");
        let mut receipts = Vec::new();
        for card in &plenary_cards {
            receipts.push(congress.vote(card, |_| voting_for(&["D002"])).await);
        }
        let third = congress.close(3).await;
        assert_eq!(elected(&third, "chair"), ["D002"]);

        // Publication, then an inspector's countersignature with the inspector's own key.
        let published = expect(congress.organiser.post(&congress.path("/publication"), &json!(null)).await, StatusCode::CREATED).await;
        let result_hash: Digest = published["result_hash"].as_str().unwrap().parse().unwrap();
        let late = expect(congress.organiser.post(&congress.path("/rounds"), &json!({"contests": [{"contest": "chair"}]})).await, StatusCode::CONFLICT).await;
        assert_eq!(late["error"]["code"], "published");
        let inspector = app.signed_in(Role::Inspector).await;
        let key = ballotbox::record::keys::ElectionKey::from_seed(&[42; 32]);
        let signed = ballotbox::record::documents::Countersigned { congress: congress.id.clone(), result_hash };
        let signature = ballotbox::record::documents::sign(&key, ballotbox::record::keys::SigningContext::Countersignature, &signed).unwrap();
        let forged = ballotbox::record::documents::sign(&key, ballotbox::record::keys::SigningContext::Result, &signed).unwrap();
        let path = congress.path("/countersignatures");
        expect(inspector.post(&path, &json!({"public_key": key.public(), "signature": forged})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        expect(inspector.post(&path, &json!({"public_key": key.public(), "signature": signature})).await, StatusCode::CREATED).await;

        // The record holds everything, and every receipt's proof verifies against its tree head.
        let record: ElectionRecord = serde_json::from_value(
            expect(inspector.get(&congress.path("/record")).await, StatusCode::OK).await,
        )
        .unwrap();
        assert_eq!(record.rounds.len(), 3);
        assert_eq!(record.decisions.len(), 1);
        assert_eq!(record.countersignatures.len(), 1);
        let publication = record.publication.as_ref().unwrap();
        assert_eq!(publication.result_hash, result_hash);
        let audit = publication.publication.bodies.iter().find(|b| b.contest == "audit").unwrap();
        assert_eq!((audit.seats, audit.elected.len()), (2, 2));
        let report = ballotbox::record::verify::verify(&record);
        assert!(report.ok, "the server's record verifies: {:?}", report.failure);
        let public = app.anonymous();
        for receipt in &receipts {
            let proof = expect(public.get(&format!("/public/congresses/{}/receipts/{receipt}", congress.id)).await, StatusCode::OK).await;
            let path: Vec<Digest> = proof["proof"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().parse().unwrap()).collect();
            let leaf: Digest = receipt.parse().unwrap();
            let root: Digest = proof["tree_head"]["root"].as_str().unwrap().parse().unwrap();
            let size = proof["tree_head"]["size"].as_u64().unwrap();
            assert!(merkle::verify_inclusion(proof["index"].as_u64().unwrap(), size, &leaf, &path, &root));
        }
        let results = expect(public.get(&format!("/public/congresses/{}/results", congress.id)).await, StatusCode::OK).await;
        assert_eq!(results["rounds"].as_array().unwrap().len(), 3);
        assert_eq!(results["rounds"][2]["receipts"].as_array().unwrap().len(), 7);
        assert_eq!(results["manifest"]["contests"].as_array().unwrap().len(), 4);
        let published = expect(public.get("/public/congresses").await, StatusCode::OK).await;
        assert_eq!(published[0]["result_hash"], json!(result_hash.to_hex()));
        assert!(!results.to_string().contains("\"salt\""), "the public sees no ballot");
        let qr = public.get(&format!("/public/congresses/{}/result-hash.svg", congress.id)).await;
        assert_eq!(qr.status(), StatusCode::OK);
        assert_eq!(qr.headers()["content-type"], "image/svg+xml");
        assert!(qr.text().await.unwrap().contains("<svg"));
    }
}

on_both! {
    async fn a_tampered_export_fails_verification_naming_what_broke(app: TestApp) {
        use ballotbox::record::verify::{CheckCode, verify};

        let mut congress = Congress::new(&app).await;
        let men = congress.check_in(&MEN).await;
        let women = congress.check_in(&WOMEN).await;
        congress.open(&["committee", "audit", "women"]).await;
        for card in men.iter().chain(&women) {
            congress.vote(card, unanimous).await;
        }
        congress.close(1).await;
        let exported = expect(congress.organiser.get(&congress.path("/record")).await, StatusCode::OK).await;
        let record: ElectionRecord = serde_json::from_value(exported).unwrap();
        assert!(verify(&record).ok);

        let fails = |tampered: ElectionRecord, code: CheckCode| {
            let report = verify(&tampered);
            let failure = report.failure.expect("the tampered record fails");
            assert_eq!(failure.code, code, "{failure}");
            failure.to_string()
        };
        fn log(record: &mut ElectionRecord) -> &mut Vec<ballotbox::record::documents::SealedLeaf> {
            &mut record.rounds[0].sealed.as_mut().unwrap().ballots
        }
        let mut changed = record.clone();
        // Another ballot's first section in place of this one's, then put back in receipt
        // order, as a careful forger would: its proofs still hold, the log does not.
        let other = log(&mut changed)[5].ballot.sections[0].clone();
        log(&mut changed)[3].ballot.sections[0] = other;
        log(&mut changed).sort_by_cached_key(|b| b.receipt().unwrap());
        fails(changed, CheckCode::TreeRoot);
        let mut dropped = record.clone();
        log(&mut dropped).remove(7);
        fails(dropped, CheckCode::TreeSize);
        let mut reordered = record.clone();
        log(&mut reordered).swap(0, 1);
        fails(reordered, CheckCode::LogOrder);
        let mut altered = record.clone();
        altered.rounds[0].result.tally["contests"][0]["candidates"][0]["for"] = json!(28);
        let message = fails(altered, CheckCode::Recount);
        assert!(message.contains("recount"), "{message}");
        let mut swapped = record.clone();
        swapped.rounds[0].result_signature = swapped.rounds[0].tree_head_signature;
        fails(swapped, CheckCode::ResultSignature);
    }
}

on_both! {
    async fn the_audit_and_womens_committees_elect_their_heads_at_their_own_meetings(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let desk = app.signed_in(Role::Desk).await;
        let id = congress_ready(&organiser).await;
        for (contest, body) in [
            ("audit_director", json!({"kind": "audit_director", "title": "经费审查委员会主任", "seats": 1, "electorate": "audit_plenary", "candidates": ["D012", "D016"]})),
            ("women_director", json!({"kind": "women_director", "title": "女职工委员会主任", "seats": 1, "electorate": "women_plenary", "candidates": ["D001", "D007"]})),
        ] {
            expect(organiser.put(&format!("/congresses/{id}/contests/{contest}"), &body).await, StatusCode::OK).await;
        }
        // A 主任 voted on by the whole congress is refused.
        let wrong = json!({"kind": "audit_director", "title": "经费审查委员会主任", "seats": 1, "electorate": "all", "candidates": ["D012"]});
        expect(organiser.put(&format!("/congresses/{id}/contests/wrong"), &wrong).await, StatusCode::OK).await;
        let validation = expect(organiser.get(&format!("/congresses/{id}/validation")).await, StatusCode::OK).await;
        assert!(validation["problems"].to_string().contains("its electorate is \\\"audit_plenary\\\""), "{validation}");
        expect(organiser.delete(&format!("/congresses/{id}/contests/wrong")).await, StatusCode::NO_CONTENT).await;
        let (trustee, _) = freeze(&app, &organiser, &id).await;
        let manifest: Value = serde_json::from_slice(&organiser.get(&format!("/congresses/{id}/manifest")).await.bytes().await.unwrap()).unwrap();
        assert_eq!(manifest["electorates"][3], json!({"id": "audit_plenary", "entitled": 3}));
        assert_eq!(manifest["electorates"][4], json!({"id": "women_plenary", "entitled": 5}));
        let styles: Vec<&str> = manifest["styles"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(styles, ["general", "female", "audit_plenary", "women_plenary"]);

        let mut cards = BTreeMap::new();
        for (style, count) in [("general", 20), ("female", 14), ("audit_plenary", 4)] {
            cards.insert(style, print_cards(&organiser, &id, style, count).await.0);
        }
        let kiosk = pair_kiosk(&app, &organiser, &id, "一号投票台").await;
        let mut congress = Congress { id: id.clone(), organiser, desk, kiosk, trustee, cards: cards.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() };
        let mut everyone = congress.check_in(&MEN).await;
        everyone.extend(congress.check_in(&WOMEN).await);

        // The audit committee's meeting cannot sit before the audit committee is elected.
        let early = expect(congress.desk.post(&congress.path("/sittings/audit_plenary/check-ins"), &json!({"number": "D012"})).await, StatusCode::CONFLICT).await;
        assert_eq!(early["error"]["code"], "no_members");
        congress.open(&["committee", "audit", "women"]).await;
        for card in &everyone {
            congress
                .vote(card, |contest| match contest {
                    "committee" => voting_for(&["D002", "D003", "D004", "D006", "D008", "D010", "D001"]),
                    "audit" => voting_for(&["D012", "D016", "D017"]),
                    "women" => voting_for(&["D001", "D007", "D009", "D011", "D013"]),
                    other => panic!("unexpected contest {other}"),
                })
                .await;
        }
        congress.close(1).await;

        // Only the audit committee's members sit; a body's meeting elects on its own ballot.
        let stranger = expect(congress.desk.post(&congress.path("/sittings/audit_plenary/check-ins"), &json!({"number": "D018"})).await, StatusCode::NOT_FOUND).await;
        assert!(stranger["error"]["message"].as_str().unwrap().contains("funds audit committee"), "{stranger}");
        expect(congress.desk.post(&congress.path("/sittings/congress/check-ins"), &json!({"number": "D012"})).await, StatusCode::NOT_FOUND).await;
        let mut audit_cards = Vec::new();
        for member in ["D012", "D016", "D017"] {
            let attendance = expect(congress.desk.post(&congress.path("/sittings/audit_plenary/check-ins"), &json!({"number": member})).await, StatusCode::OK).await;
            assert_eq!(attendance["entitled"], 3);
            let card = congress.cards.get_mut("audit_plenary").unwrap().pop().unwrap();
            expect(congress.desk.post(&congress.path("/activations"), &json!({"card": card})).await, StatusCode::OK).await;
            audit_cards.push(card);
        }
        let next = expect(congress.organiser.get(&congress.path("/next")).await, StatusCode::OK).await;
        let sitting = next["sittings"].as_array().unwrap().iter().find(|s| s["sitting"] == "audit_plenary").unwrap();
        assert_eq!((sitting["members"].as_array().unwrap().len(), sitting["present"].as_array().unwrap().len()), (3, 3));
        let mixed = expect(congress.organiser.post(&congress.path("/rounds"), &json!({"contests": [{"contest": "audit_director"}, {"contest": "women_director"}]})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(mixed["error"]["message"].as_str().unwrap().contains("separate ballots"), "{mixed}");
        let round = congress.open(&["audit_director"]).await;
        assert_eq!(round["definition"]["sitting"], "audit_plenary");
        assert_eq!(round["definition"]["contests"][0]["entitled"], 3);
        let refused = expect(congress.kiosk.post("/kiosk/ballot", &json!({"card": everyone[0]})).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "not_in_round");
        for (i, card) in audit_cards.iter().enumerate() {
            congress.vote(card, |_| voting_for(&[if i < 2 { "D012" } else { "D016" }])).await;
        }
        let closed = congress.close(2).await;
        assert_eq!(closed["result"]["turnout"], json!([{"electorate": "audit_plenary", "entitled": 3, "present": 3}]));
        assert_eq!(elected(&closed, "audit_director"), ["D012"]);
    }
}
