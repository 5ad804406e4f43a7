//! A crash in the middle of casting: the server process is killed (SIGKILL) during a storm of
//! casts and started again on the same database. Every receipt it answered is in the log, no
//! card counts twice, and kiosks retrying their unanswered casts get a receipt.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ballotbox::record::documents::SealedLeaf;
use ballotbox::store::Store;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::helpers::{ServerProcess as Server, TestApp, expect, on_both};
use crate::voting::{Congress, pair_kiosk, voting_for};

/// One kiosk's cast that was sent: the ballot, another sealed for the same card, and the
/// receipt if one came back.
#[derive(Clone)]
struct Sent {
    body: Value,
    other: Value,
    receipt: Option<String>,
}

on_both! {
    async fn a_server_killed_during_a_storm_of_casts_loses_no_answered_ballot(app: TestApp) {
        // The in-process server set up the database; the voting happens against a process.
        let url = app.url.clone();
        let server = Server::start(&url, None);
        let process = TestApp { address: server.address.clone(), store: Store::connect(&url).await.unwrap(), url: url.clone() };
        let mut congress = Congress::new(&process).await;
        let cards = congress.check_in(&crate::voting::MEN).await;
        let women = congress.check_in(&crate::voting::WOMEN).await;
        let cards: Vec<String> = cards.into_iter().chain(women).collect();
        congress.open(&["committee"]).await;
        let kiosks = [
            congress.kiosk.clone(),
            pair_kiosk(&process, &congress.organiser, &congress.id, "二号投票台").await,
            pair_kiosk(&process, &congress.organiser, &congress.id, "三号投票台").await,
        ];

        // Every ballot sealed first, so that the storm is of casts alone.
        let mut sealed = Vec::new();
        for (i, card) in cards.iter().enumerate() {
            let choice = ["D002", "D003", "D004", "D006", "D008", "D010", "D001", "D005"][i % 8];
            let body = congress.sealed(card, |_| voting_for(&[choice])).await;
            let other = congress.sealed(card, |_| voting_for(&[])).await;
            sealed.push((body, other));
        }
        let sent: Arc<Mutex<Vec<Sent>>> = Arc::new(Mutex::new(Vec::new()));
        let answered = Arc::new(AtomicUsize::new(0));
        let mut storm = Vec::new();
        for (k, kiosk) in kiosks.iter().enumerate() {
            let mine: Vec<(Value, Value)> = sealed.iter().skip(k).step_by(kiosks.len()).cloned().collect();
            let (kiosk, sent, answered) = (kiosk.clone(), sent.clone(), answered.clone());
            storm.push(tokio::spawn(async move {
                for (body, other) in mine {
                    let receipt = match kiosk.client.post(format!("{}/kiosk/casts", kiosk.base())).json(&body).send().await {
                        Ok(response) if response.status() == StatusCode::CREATED => {
                            answered.fetch_add(1, Ordering::SeqCst);
                            response.json::<Value>().await.ok().and_then(|r| r["receipt"].as_str().map(str::to_owned))
                        }
                        _ => None,
                    };
                    sent.lock().await.push(Sent { body, other, receipt });
                }
            }));
        }
        while answered.load(Ordering::SeqCst) < 5 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill();
        for task in storm {
            task.await.unwrap();
        }

        // Started again on the same database: the kiosks retry what got no answer.
        let server = Server::start(&url, None);
        let restarted = TestApp { address: server.address.clone(), store: process.store.clone(), url: url.clone() };
        let organiser = restarted.signed_in(ballotbox::store::users::Role::Organiser).await;
        let kiosk = pair_kiosk(&restarted, &organiser, &congress.id, "四号投票台").await;
        let sent = sent.lock().await.clone();
        let receipts: Vec<String> = sent.iter().filter_map(|s| s.receipt.clone()).collect();
        assert!(receipts.len() >= 5, "{} answered", receipts.len());
        assert!(receipts.len() < cards.len(), "the kill came during the storm");
        let mut retried = Vec::new();
        for cast in sent.iter().filter(|s| s.receipt.is_none()) {
            let response = kiosk.post("/kiosk/casts", &cast.body).await;
            let status = response.status();
            assert!(status == StatusCode::CREATED || status == StatusCode::OK, "a retry is recorded once: {status}");
            retried.push(response.json::<Value>().await.unwrap()["receipt"].as_str().unwrap().to_owned());
        }
        // An answered card cannot vote again with another ballot.
        let again = sent.iter().find(|s| s.receipt.is_some()).unwrap().other.clone();
        let refused = expect(kiosk.post("/kiosk/casts", &again).await, StatusCode::CONFLICT).await;
        assert_eq!(refused["error"]["code"], "card_spent");

        let closed = expect(organiser.post(&format!("/congresses/{}/rounds/1/close", congress.id), &json!(null)).await, StatusCode::OK).await;
        assert_eq!(closed["returned"], cards.len(), "every card counts once");
        let listed = expect(organiser.get(&format!("/congresses/{}/rounds/1/sealed-ballots", congress.id)).await, StatusCode::OK).await;
        let ballots: Vec<SealedLeaf> = serde_json::from_value(listed["ballots"].clone()).unwrap();
        let logged: Vec<String> = ballots.iter().map(|b| b.receipt().unwrap().to_hex()).collect();
        for receipt in receipts.iter().chain(&retried) {
            assert!(logged.contains(receipt), "receipt {receipt} is in the log");
        }
        let mut distinct = logged.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), cards.len());
        drop(server);
    }
}
