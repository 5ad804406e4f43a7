//! Cast throughput over HTTP: K kiosks casting sealed ballots at the same time against a real
//! server, which checks every ballot's proofs, each cast durable before its answer (SQLite in
//! WAL with `synchronous=FULL`, PostgreSQL with its default `synchronous_commit=on`), with group
//! commit. Prints casts per second and the p50 and p99 latency of a cast. The ballots are sealed
//! before the clock starts, as a kiosk seals while its delegate reads the tracker.
//!
//! Each engine is also measured with 4 kiosks while two desks print 1,000 cards each, beside the
//! same run without them: printing must not stall the casts (its signing and QR codes run on
//! blocking threads, outside the write transaction).
//!
//! `cargo bench --bench casts`; `BALLOTBOX_BENCH_CASTS` (default 2000) and
//! `BALLOTBOX_BENCH_KIOSKS` (default "4,16") change the load. PostgreSQL is measured on the
//! server `BALLOTBOX_TEST_POSTGRES` names, or the one on 127.0.0.1:5432 when it answers.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::{Duration, Instant};

use ballotbox::client::ApiClient;
use ballotbox::election::Marks;
use ballotbox::election::roster::DelegateNo;
use ballotbox::record::card::CardCode;
use ballotbox::record::sealed::key_file::Passphrase;
use ballotbox::server::{AppState, auth, router};
use ballotbox::store::users::{self, Role};
use ballotbox::store::{Store, cards, congress, now_ms};
use ballotbox::trustee::{CeremonyRun, take_part};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use sqlx::Connection;

const PASSWORD: &str = "benchmark password";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn post(client: &Client, url: String, body: Value, expected: StatusCode) -> Value {
    let response = client.post(&url).json(&body).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, expected, "{url}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A client signed in as the organiser at the API `api`.
async fn signed_in(api: &str) -> Client {
    let organiser = Client::builder().cookie_store(true).build().unwrap();
    post(
        &organiser,
        format!("{api}/session"),
        json!({"name": "organiser", "password": PASSWORD}),
        StatusCode::OK,
    )
    .await;
    organiser
}

/// A frozen congress of `voters` delegates (at least 17), sealed under its one trustee (the
/// last delegate, its chief scrutineer), each present with an active card, and an open round; the server's
/// address and the card codes.
async fn prepare(store: &Store, voters: usize) -> (String, String, Vec<String>) {
    let hash = auth::hash_password(PASSWORD).unwrap();
    let mut tx = store.write().await.unwrap();
    users::insert(&mut tx, "organiser", Role::Organiser, &hash, now_ms())
        .await
        .unwrap();
    users::insert(&mut tx, "chief", Role::Inspector, &hash, now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let app = router(AppState::new(store.clone()));
    tokio::spawn(async move {
        axum::serve(listener, ballotbox::server::service(app))
            .await
            .unwrap()
    });

    let api = format!("{address}/api/v1");
    let organiser = signed_in(&api).await;
    let created = post(
        &organiser,
        format!("{api}/congresses"),
        json!({"name": "基准测试大会", "union_name": "基准工会", "date": "2026-11-28", "venue": "会场", "members": voters * 3 / 2}),
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let mut csv = String::from("代表编号,姓名,性别,单位,选举权\n");
    for i in 0..voters {
        csv.push_str(&format!("B{i:06},代表{i},男,顺丰速运,是\n"));
    }
    let response = organiser
        .put(format!("{api}/congresses/{id}/roster"))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let seats = 15;
    let candidates: Vec<String> = (0..16).map(|i| format!("B{i:06}")).collect();
    let response = organiser
        .put(format!("{api}/congresses/{id}/contests/committee"))
        .json(&json!({"kind": "committee", "title": "工会委员会委员", "seats": seats, "electorate": "all", "candidates": candidates}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    // The last delegate, no candidate, is the chief scrutineer and the one trustee.
    let chief = format!("B{:06}", voters - 1);
    for (path, body) in [
        ("scrutineers", json!([{"number": chief, "role": "chief"}])),
        (
            "trustees",
            json!({"threshold": 1, "trustees": [{"scrutineer": chief, "account": "chief"}]}),
        ),
    ] {
        let response = organiser
            .put(format!("{api}/congresses/{id}/{path}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
    let trustee = ApiClient::new(&address, None).unwrap();
    trustee.sign_in("chief", PASSWORD).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let run = CeremonyRun {
        congress: id.clone(),
        account: "chief".to_owned(),
        key_file: folder.path().join("chief.json"),
        poll: Duration::from_millis(20),
    };
    take_part(
        &trustee,
        &run,
        &Passphrase::new("benchmark trustee passphrase 2026"),
        &mut |_| {},
    )
    .await
    .unwrap();
    post(
        &organiser,
        format!("{api}/congresses/{id}/freeze"),
        Value::Null,
        StatusCode::OK,
    )
    .await;
    let mut codes = Vec::new();
    while codes.len() < voters {
        let count = (voters - codes.len()).min(1000);
        let batch = post(
            &organiser,
            format!("{api}/congresses/{id}/card-batches"),
            json!({"style": "general", "count": count}),
            StatusCode::CREATED,
        )
        .await;
        codes.extend(
            batch["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].as_str().unwrap().to_owned()),
        );
    }
    // Check-in and activation are the desk's work, not what is measured: done in one go.
    let mut tx = store.write().await.unwrap();
    for (i, code) in codes.iter().enumerate() {
        let number = DelegateNo::parse(&format!("B{i:06}")).unwrap();
        congress::set_present(&mut tx, &id, &number, true)
            .await
            .unwrap();
        let code: CardCode = code.parse().unwrap();
        assert!(
            cards::activate(&mut tx, &code.storage_hash().to_hex())
                .await
                .unwrap()
        );
    }
    tx.commit().await.unwrap();
    post(
        &organiser,
        format!("{api}/congresses/{id}/rounds"),
        json!({"contests": [{"contest": "committee"}]}),
        StatusCode::CREATED,
    )
    .await;
    (address, id, codes)
}

/// Casts one ballot per card from `kiosks` kiosks at once; the latency of each cast.
async fn storm(
    address: &str,
    id: &str,
    codes: &[String],
    kiosks: usize,
) -> (Duration, Vec<Duration>) {
    let api = format!("{address}/api/v1");
    let organiser = signed_in(&api).await;
    let mut clients = Vec::new();
    for k in 0..kiosks {
        let pairing = post(
            &organiser,
            format!("{api}/congresses/{id}/kiosk-pairings"),
            json!({"name": format!("kiosk {k}")}),
            StatusCode::CREATED,
        )
        .await;
        let kiosk = Client::builder().cookie_store(true).build().unwrap();
        post(
            &kiosk,
            format!("{api}/kiosk/pairing"),
            json!({"code": pairing["code"]}),
            StatusCode::CREATED,
        )
        .await;
        clients.push(kiosk);
    }
    let mut sealed = Vec::new();
    for (k, kiosk) in clients.iter().enumerate() {
        let mine: Vec<String> = codes.iter().skip(k).step_by(kiosks).cloned().collect();
        sealed.push(seal_all(kiosk, &api, id, mine).await);
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (kiosk, bodies) in clients.into_iter().zip(sealed) {
        let url = format!("{api}/kiosk/casts");
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(bodies.len());
            for body in bodies {
                let sent = Instant::now();
                let response = kiosk.post(&url).json(&body).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::CREATED);
                response.bytes().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    (started.elapsed(), latencies)
}

/// The ballots of `cards`, fetched at `kiosk` and sealed as the kiosk page seals them, on every
/// core: the bodies of their casts.
async fn seal_all(kiosk: &Client, api: &str, id: &str, cards: Vec<String>) -> Vec<Value> {
    let mut sealing = Vec::new();
    for (i, card) in cards.into_iter().enumerate() {
        let ballot = post(
            kiosk,
            format!("{api}/kiosk/ballot"),
            json!({"card": card}),
            StatusCode::OK,
        )
        .await;
        let id = id.to_owned();
        sealing.push(tokio::task::spawn_blocking(move || {
            let chosen: Vec<String> = (0..15).map(|j| format!("B{:06}", (i + j) % 16)).collect();
            let marks = [(
                "committee".to_owned(),
                Marks {
                    for_: chosen,
                    ..Marks::default()
                },
            )]
            .into();
            let sealed = ballotbox::kiosk::seal(&ballot, &id, &marks).unwrap();
            json!({"card": card, "round": 1, "ballot": sealed.ballot})
        }));
    }
    let mut bodies = Vec::with_capacity(sealing.len());
    for task in sealing {
        bodies.push(task.await.unwrap());
    }
    bodies
}

fn report(engine: &str, kiosks: usize, elapsed: Duration, mut latencies: Vec<Duration>) {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{engine:<46} {kiosks:>3} kiosks  {:>6} casts  {:>7.0} casts/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
    );
}

/// Two desks printing `count` cards each, at once; how long they took.
async fn print_batches(address: String, id: String, count: usize) -> Duration {
    let api = format!("{address}/api/v1");
    let organiser = signed_in(&api).await;
    let started = Instant::now();
    let desks: Vec<_> = (0..2)
        .map(|_| {
            let (organiser, url) = (
                organiser.clone(),
                format!("{api}/congresses/{id}/card-batches"),
            );
            tokio::spawn(async move {
                post(
                    &organiser,
                    url,
                    json!({"style": "general", "count": count}),
                    StatusCode::CREATED,
                )
                .await;
            })
        })
        .collect();
    for desk in desks {
        desk.await.unwrap();
    }
    started.elapsed()
}

async fn measure(engine: &str, url: &str, casts: usize, kiosks: usize, printing: bool) {
    let store = Store::connect(url).await.unwrap();
    let (address, id, codes) = prepare(&store, casts).await;
    let printer = printing.then(|| tokio::spawn(print_batches(address.clone(), id.clone(), 1000)));
    let (elapsed, latencies) = storm(&address, &id, &codes, kiosks).await;
    match printer {
        None => report(engine, kiosks, elapsed, latencies),
        Some(printer) => {
            let printed = printer.await.unwrap();
            report(&format!("{engine}, printing"), kiosks, elapsed, latencies);
            println!(
                "    (two batches of 1,000 cards printed at once in {:.2} s)",
                printed.as_secs_f64()
            );
        }
    }
    store.close().await;
}

fn postgres_admin() -> Option<String> {
    if let Ok(url) = std::env::var("BALLOTBOX_TEST_POSTGRES") {
        return Some(url);
    }
    std::net::TcpStream::connect("127.0.0.1:5432")
        .ok()
        .map(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or `--list` asks for nothing to run here.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let casts = env_number("BALLOTBOX_BENCH_CASTS", 2_000);
    let kiosk_counts: Vec<usize> = std::env::var("BALLOTBOX_BENCH_KIOSKS")
        .unwrap_or_else(|_| "4,16".into())
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        for (kiosks, printing) in kiosk_counts.iter().map(|&k| (k, false)).chain([(4, true)]) {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            measure(
                "SQLite (WAL, synchronous=FULL, group commit)",
                &url,
                casts,
                kiosks,
                printing,
            )
            .await;
        }
        let Some(admin_url) = postgres_admin() else {
            println!("PostgreSQL: skipped (no server; set BALLOTBOX_TEST_POSTGRES)");
            return;
        };
        for (kiosks, printing) in kiosk_counts.iter().map(|&k| (k, false)).chain([(4, true)]) {
            let database = format!("ballotbox_bench_{}", uuid::Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
                .execute(&mut admin)
                .await
                .unwrap();
            let (base, _) = admin_url.rsplit_once('/').unwrap();
            measure(
                "PostgreSQL (synchronous_commit=on, group commit)",
                &format!("{base}/{database}"),
                casts,
                kiosks,
                printing,
            )
            .await;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE {database} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await
            .unwrap();
        }
    });
}
