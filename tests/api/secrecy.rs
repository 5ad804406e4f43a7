//! The secret ballot against whoever runs the server (RULES.md §4: nothing stored may link a
//! delegate to a ballot). The desk's record of check-ins is kept in order, with times, as it
//! is on paper; so anything left behind that lists ballots in the order they were cast would
//! join each delegate to their ballot. Here 200 delegates check in (50 of them while the round
//! is open, voting at once) and vote in a shuffled order at a server run as its own process,
//! and every fourth of them first challenges a ballot (检验此票); after the round closes and the
//! server is killed, the attacker reads the raw database files (and the WAL), the server's log
//! and the record, finds where each ballot's salt and receipt (or tracker) first appear, and
//! compares that order with the order of casting (or of challenging).

use std::collections::HashMap;
use std::path::Path;

use ballotbox::record::documents::ElectionRecord;
use ballotbox::store::users::Role;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, Row};

use crate::helpers::{
    Api, ServerProcess, TestApp, Trustee, expect, freeze, on_both, print_cards, put_bodies,
};
use crate::voting::pair_kiosk;

/// Delegates on the roster, all with a vote.
const DELEGATES: usize = 200;
/// Those who check in only once the round is open, and vote at once.
const LATE: usize = 50;
/// How many standard deviations of the rank correlation under chance (`1/√(n−1)` for `n`
/// ballots: 0.071 for 200) a source may show: for 200 ballots a correlation of 0.35.
const RHO_SIGMAS: f64 = 4.9;
/// Every this many delegates, one first challenges a ballot (检验此票), then casts afresh.
const CHALLENGE_EVERY: usize = 4;
/// The most ballots found at their own place in the order of casting (chance gives 1 on
/// average; 7 or more has a probability below 1 in 10,000).
const FIXED_LIMIT: usize = 6;

/// A small deterministic generator (SplitMix64), so that a failure can be run again.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

fn number(i: usize) -> String {
    format!("D{i:03}")
}

/// Every third delegate is a woman.
fn female(i: usize) -> bool {
    i % 3 == 0
}

fn roster() -> String {
    const SURNAMES: [&str; 12] = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
    ];
    const GIVEN: [&str; 10] = ["芳", "强", "伟", "洋", "静", "磊", "敏", "涛", "丽", "军"];
    const UNITS: [&str; 6] = [
        "顺丰速运",
        "中通快递",
        "圆通速递",
        "韵达快递",
        "极兔速递",
        "京东物流",
    ];
    let mut csv = String::from("代表编号,姓名,性别,单位,选举权\n");
    for i in 1..=DELEGATES {
        let name = format!(
            "{}{}{}",
            SURNAMES[i % 12],
            GIVEN[(i / 12) % 10],
            GIVEN[(i * 7) % 10]
        );
        let gender = if female(i) { "女" } else { "男" };
        csv.push_str(&format!(
            "{},{name},{gender},{},是\n",
            number(i),
            UNITS[i % 6]
        ));
    }
    csv
}

/// The congress: a committee of 7 among 8, an audit committee of 3 among 4, a women's
/// committee of 5 among 6; frozen, with every card printed. Its id, its trustee, and the cards
/// by style, in the order of the printed stack.
async fn frozen_congress(
    app: &TestApp,
    organiser: &Api,
) -> (String, Trustee, HashMap<String, Vec<String>>) {
    let congress = expect(
        organiser
            .post(
                "/congresses",
                &json!({"name": "江城市快递员工会成立大会", "union_name": "江城市快递员工会", "date": "2026-12-02",
                        "venue": "江城市总工会大礼堂", "members": 300, "female_members": 100}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let id = congress["id"].as_str().unwrap().to_owned();
    expect(
        organiser
            .put_csv(&format!("/congresses/{id}/roster"), roster())
            .await,
        StatusCode::OK,
    )
    .await;
    let lists: [Vec<String>; 3] = [
        vec![1, 2, 4, 5, 7, 8, 10, 11],
        vec![13, 14, 16, 17],
        vec![3, 6, 9, 12, 15, 18],
    ]
    .map(|list| list.into_iter().map(number).collect());
    let lists = lists
        .each_ref()
        .map(|l| l.iter().map(String::as_str).collect::<Vec<_>>());
    put_bodies(
        organiser,
        &id,
        lists.each_ref().map(Vec::as_slice),
        ["D020", "D022", "D023"],
    )
    .await;
    let (trustee, _) = freeze(app, organiser, &id).await;
    let women = (1..=DELEGATES).filter(|&i| female(i)).count() as u32;
    let mut cards = HashMap::new();
    for (style, count) in [("general", DELEGATES as u32 - women), ("female", women)] {
        let (codes, _) = print_cards(organiser, &id, style, count).await;
        cards.insert(style.to_owned(), codes);
    }
    (id, trustee, cards)
}

/// Checks a delegate in and activates the next card of their style from the stack.
async fn check_in(
    desk: &Api,
    id: &str,
    cards: &mut HashMap<String, Vec<String>>,
    delegate: usize,
) -> String {
    let checked = expect(
        desk.post(
            &format!("/congresses/{id}/check-ins"),
            &json!({"number": number(delegate)}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let stack = cards.get_mut(checked["style"].as_str().unwrap()).unwrap();
    let card = stack.remove(0);
    expect(
        desk.post(
            &format!("/congresses/{id}/activations"),
            &json!({"card": card}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    card
}

/// Votes with `card` at `kiosk` of congress `id`: *for* some candidates of each contest,
/// chosen by `rng`, sealed as the kiosk page seals. The ballot's salt and its receipt; with
/// `challenge`, the delegate first challenges a sealing of the same marks, and the challenged
/// ballot's salt and tracker come too.
async fn vote(
    kiosk: &Api,
    id: &str,
    card: &str,
    rng: &mut Seeded,
    challenge: bool,
) -> ((String, String), Option<(String, String)>) {
    // The kiosk page beats every few seconds; here it beats at each change, the worst case: the
    // beats must leave no trace in the log or the database.
    expect(
        kiosk
            .post("/kiosk/heartbeat", &json!({"activity": "voting"}))
            .await,
        StatusCode::NO_CONTENT,
    )
    .await;
    let ballot = expect(
        kiosk.post("/kiosk/ballot", &json!({"card": card})).await,
        StatusCode::OK,
    )
    .await;
    let mut marks = std::collections::BTreeMap::new();
    for contest in ballot["contests"].as_array().unwrap() {
        let seats = contest["seats"].as_u64().unwrap() as usize;
        let mut ids: Vec<String> = contest["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        rng.shuffle(&mut ids);
        ids.truncate(rng.below(seats + 1));
        marks.insert(
            contest["id"].as_str().unwrap().to_owned(),
            ballotbox::election::Marks {
                for_: ids,
                ..Default::default()
            },
        );
    }
    let challenged = if challenge {
        let tested = ballotbox::kiosk::seal(&ballot, id, &marks).unwrap();
        let answer = expect(
            kiosk
                .post(
                    "/kiosk/challenges",
                    &json!({"card": card, "round": 1, "ballot": tested.ballot, "opening": tested.opening}),
                )
                .await,
            StatusCode::CREATED,
        )
        .await;
        let tracker = answer["receipt"].as_str().unwrap().to_owned();
        Some((tested.ballot.salt.as_str().to_owned(), tracker))
    } else {
        None
    };
    let sealed = ballotbox::kiosk::seal(&ballot, id, &marks).unwrap();
    let salt = sealed.ballot.salt.as_str().to_owned();
    let cast = expect(
        kiosk
            .post(
                "/kiosk/casts",
                &json!({"card": card, "round": 1, "ballot": sealed.ballot}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    expect(
        kiosk
            .post("/kiosk/heartbeat", &json!({"activity": "idle"}))
            .await,
        StatusCode::NO_CONTENT,
    )
    .await;
    (
        (salt, cast["receipt"].as_str().unwrap().to_owned()),
        challenged,
    )
}

/// Where each pattern first appears in `haystack`, if it does. All patterns have one length.
fn first_offsets(haystack: &[u8], patterns: &[&str]) -> Vec<Option<usize>> {
    let width = patterns[0].len();
    let index: HashMap<&[u8], usize> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_bytes(), i))
        .collect();
    let mut found = vec![None; patterns.len()];
    for start in 0..haystack.len().saturating_sub(width - 1) {
        if let Some(&i) = index.get(&haystack[start..start + width]) {
            found[i].get_or_insert(start);
        }
    }
    found
}

/// How closely the order in which ballots appear follows the order they were cast: Spearman's
/// rank correlation and the number of ballots at their own place, over the ballots that appear.
/// `offsets[k]` is where the k-th ballot cast appears.
fn order_statistics(offsets: &[Option<usize>]) -> Option<(f64, usize)> {
    let mut seen: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(cast, offset)| offset.map(|o| (o, cast)))
        .collect();
    if seen.len() < 2 {
        return None;
    }
    seen.sort_unstable();
    // Ranks among the ballots that appear, by appearance and by casting.
    let mut by_cast: Vec<usize> = seen.iter().map(|&(_, cast)| cast).collect();
    by_cast.sort_unstable();
    let n = seen.len();
    let mut squares = 0.0;
    let mut fixed = 0;
    for (appearance, &(_, cast)) in seen.iter().enumerate() {
        let cast_rank = by_cast.binary_search(&cast).unwrap();
        let d = appearance as f64 - cast_rank as f64;
        squares += d * d;
        if appearance == cast_rank {
            fixed += 1;
        }
    }
    let n = n as f64;
    Some((1.0 - 6.0 * squares / (n * (n * n - 1.0)), fixed))
}

/// Checks that the order in which the ballots appear in `source` says nothing of the order
/// they were cast in; prints the figures.
fn unordered(source: &str, offsets: &[Option<usize>]) {
    let found = offsets.iter().filter(|o| o.is_some()).count();
    match order_statistics(offsets) {
        None => eprintln!("{source}: {found} of {} ballots appear", offsets.len()),
        Some((rho, fixed)) => {
            eprintln!(
                "{source}: {found} of {} ballots appear; rank correlation with the order of casting {rho:+.3}, \
                 {fixed} at their own place",
                offsets.len()
            );
            let limit = RHO_SIGMAS / ((offsets.len() - 1) as f64).sqrt();
            assert!(
                rho.abs() <= limit,
                "{source} keeps the order of casting: rank correlation {rho:+.3}"
            );
            assert!(
                fixed <= FIXED_LIMIT,
                "{source} keeps the order of casting: {fixed} ballots at their own place"
            );
        }
    }
}

/// The salts' and the receipts' first places in one file.
fn attack_file(name: &str, bytes: &[u8], salts: &[&str], receipts: &[&str]) {
    unordered(&format!("{name}, salts"), &first_offsets(bytes, salts));
    unordered(
        &format!("{name}, receipts"),
        &first_offsets(bytes, receipts),
    );
}

/// Reads the SQLite database `url` names, and its WAL if one is left, for `what` ballots.
fn attack_sqlite(url: &str, what: &str, salts: &[&str], receipts: &[&str]) {
    let path = url.trim_start_matches("sqlite://");
    let file = std::fs::read(path).expect("the database file");
    let salt_offsets = first_offsets(&file, salts);
    assert!(
        salt_offsets.iter().all(Option::is_some),
        "every ballot is in the database file"
    );
    attack_file(&format!("the SQLite file, {what}"), &file, salts, receipts);
    let wal = std::fs::read(format!("{path}-wal")).unwrap_or_default();
    eprintln!("the WAL left behind: {} bytes", wal.len());
    attack_file(&format!("the WAL, {what}"), &wal, salts, receipts);
    assert!(
        first_offsets(&wal, salts).iter().all(Option::is_none),
        "the WAL holds no ballot of the closed round"
    );
}

/// Reads PostgreSQL's files of `table` (`ballots` keyed by `leaf_hash`, or `spoiled_ballots`
/// keyed by `tracker`), its key and its TOAST table, where this machine can, and the tuples'
/// order and transaction ids through SQL.
async fn attack_postgres(
    url: &str,
    id: &str,
    (table, key): (&str, &str),
    salts: &[&str],
    receipts: &[&str],
) {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    // Every row written again in one transaction: xmin cannot tell batches of casts apart.
    let xmins: i64 = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(DISTINCT xmin::text) AS n FROM {table} WHERE congress_id = $1 AND round = 1"
    )))
    .bind(id)
    .fetch_one(&mut conn)
    .await
    .unwrap()
    .get("n");
    assert_eq!(xmins, 1, "the round's {table} carry one transaction id");
    // A sealed ballot is too large for a page: its body lies in the TOAST table, uncompressed,
    // in chunks. Their value ids and their places there must say nothing of the order of
    // casting either.
    let toast: String =
        sqlx::query("SELECT reltoastrelid::regclass::text AS t FROM pg_class WHERE relname = $1")
            .bind(table)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("t");
    for (order, source) in [
        ("chunk_id", "TOAST value ids"),
        ("ctid", "TOAST table order"),
    ] {
        let chunks: Vec<Vec<u8>> = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT chunk_data FROM {toast} WHERE chunk_seq = 0 ORDER BY {order}"
        )))
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("chunk_data"))
        .collect();
        let offsets = first_offsets(&chunks.concat(), salts);
        assert!(
            offsets.iter().all(Option::is_some),
            "every ballot's first chunk is in the TOAST table"
        );
        unordered(&format!("PostgreSQL's {source} of {table}"), &offsets);
    }
    let by_ctid: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {key} FROM {table} WHERE congress_id = $1 AND round = 1 ORDER BY ctid"
    )))
    .bind(id)
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|row| row.get(key))
    .collect();
    let place: HashMap<&str, usize> = by_ctid
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_str(), i))
        .collect();
    let ctid_order: Vec<Option<usize>> = receipts.iter().map(|r| place.get(r).copied()).collect();
    unordered(&format!("PostgreSQL's ctid order of {table}"), &ctid_order);

    sqlx::query("CHECKPOINT").execute(&mut conn).await.unwrap();
    let data: String = sqlx::query("SELECT current_setting('data_directory') AS d")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get("d");
    let index = format!("{table}_pkey");
    for relation in [table, index.as_str(), toast.as_str()] {
        let file: String = sqlx::query("SELECT pg_relation_filepath($1) AS f")
            .bind(relation)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get("f");
        match std::fs::read(Path::new(&data).join(&file)) {
            Ok(bytes) => attack_file(
                &format!("PostgreSQL's file of {relation}"),
                &bytes,
                salts,
                receipts,
            ),
            Err(error) => eprintln!(
                "PostgreSQL's file of {relation} cannot be read here ({error}): only its ctid order was checked"
            ),
        }
    }
}

on_both! {
    async fn a_closed_round_of_200_ballots_cast_in_shuffled_order_leaves_no_trace_of_that_order(app: TestApp) {
        let mut rng = Seeded(20261202);
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("server.log");
        let server = ServerProcess::start(&app.url, Some(&log));
        let process = TestApp { address: server.address.clone(), store: app.store.clone(), url: app.url.clone() };
        let organiser = process.signed_in(Role::Organiser).await;
        let desk = process.signed_in(Role::Desk).await;
        let (id, trustee, mut cards) = frozen_congress(&process, &organiser).await;
        let kiosk = pair_kiosk(&process, &organiser, &id, "一号投票台").await;

        // Delegates arrive in their own order; the last 50 come once the round is open.
        let mut arrivals: Vec<usize> = (1..=DELEGATES).collect();
        rng.shuffle(&mut arrivals);
        let (early, late) = arrivals.split_at(DELEGATES - LATE);
        let mut waiting = Vec::new();
        for &delegate in early {
            waiting.push(check_in(&desk, &id, &mut cards, delegate).await);
        }
        expect(
            organiser
                .post(&format!("/congresses/{id}/rounds"), &json!({"contests": [{"contest": "committee"}, {"contest": "audit"}, {"contest": "women"}]}))
                .await,
            StatusCode::CREATED,
        )
        .await;
        // Those present vote in an order of their own, and each late delegate votes on arrival.
        rng.shuffle(&mut waiting);
        let mut steps: Vec<Option<String>> = waiting.into_iter().map(Some).collect();
        for _ in late {
            let at = rng.below(steps.len() + 1);
            steps.insert(at, None);
        }
        let mut late = late.iter();
        let mut cast = Vec::new();
        let mut challenged = Vec::new();
        for (i, step) in steps.into_iter().enumerate() {
            let card = match step {
                Some(card) => card,
                None => check_in(&desk, &id, &mut cards, *late.next().unwrap()).await,
            };
            let (ballot, tested) = vote(&kiosk, &id, &card, &mut rng, i % CHALLENGE_EVERY == 0).await;
            cast.push(ballot);
            challenged.extend(tested);
        }
        assert_eq!(cast.len(), DELEGATES);
        let closed = expect(organiser.post(&format!("/congresses/{id}/rounds/1/close"), &json!(null)).await, StatusCode::OK).await;
        assert_eq!(closed["returned"], DELEGATES);
        trustee.open(1).await;
        let record: ElectionRecord = serde_json::from_value(
            expect(organiser.get(&format!("/congresses/{id}/record")).await, StatusCode::OK).await,
        )
        .unwrap();
        let spent: i64 = sqlx::query("SELECT COUNT(*) AS n FROM spent_cards")
            .fetch_one(&mut *process.store.read().await.unwrap())
            .await
            .unwrap()
            .get("n");
        assert_eq!(spent, 0, "no spent card is kept once the round is closed");
        server.kill();

        let salts: Vec<&str> = cast.iter().map(|(salt, _)| salt.as_str()).collect();
        let receipts: Vec<&str> = cast.iter().map(|(_, receipt)| receipt.as_str()).collect();
        let tested_salts: Vec<&str> = challenged.iter().map(|(salt, _)| salt.as_str()).collect();
        let trackers: Vec<&str> = challenged.iter().map(|(_, tracker)| tracker.as_str()).collect();

        // The record and the server's log.
        let text = serde_json::to_string_pretty(&record).unwrap();
        attack_file("the record", text.as_bytes(), &salts, &receipts);
        attack_file("the record, challenged", text.as_bytes(), &tested_salts, &trackers);
        let logged: Vec<String> = record.rounds[0].sealed.as_ref().unwrap().ballots.iter().map(|b| b.receipt().unwrap().to_hex()).collect();
        assert!(logged.windows(2).all(|pair| pair[0] < pair[1]), "the record lists the ballots by receipt");
        let log = std::fs::read_to_string(&log).unwrap();
        eprintln!("the server's log: {} lines", log.lines().count());
        assert!(log.lines().count() > 100, "the server logged its other requests:\n{log}");
        let marked: Vec<&str> = log
            .lines()
            .filter(|l| ["/kiosk/ballot", "/kiosk/casts", "/kiosk/challenges", "/kiosk/heartbeat"].iter().any(|path| l.contains(path)))
            .collect();
        assert!(marked.is_empty(), "no line marks a vote or a kiosk's beat: {marked:?}");
        attack_file("the server's log", log.as_bytes(), &salts, &receipts);
        assert!(salts.iter().chain(&receipts).all(|s| !log.contains(s)), "the log names no ballot");

        // The database's own files.
        if app.url.starts_with("sqlite:") {
            attack_sqlite(&app.url, "cast", &salts, &receipts);
            attack_sqlite(&app.url, "challenged", &tested_salts, &trackers);
        } else {
            attack_postgres(&app.url, &id, ("ballots", "leaf_hash"), &salts, &receipts).await;
            attack_postgres(&app.url, &id, ("spoiled_ballots", "tracker"), &tested_salts, &trackers).await;
        }
    }
}

/// A database in which an earlier ballotbox logged ballots in the order they were cast: its
/// rounds' tree heads are signed over that order, so this version refuses to take it over and
/// changes nothing in it.
#[tokio::test]
async fn a_database_with_ballots_logged_in_cast_order_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let store = ballotbox::store::Store::connect(&url).await.unwrap();
    {
        // As the first version left it: no third migration, and a ballot logged.
        let mut conn = store.read().await.unwrap();
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 3")
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("PRAGMA foreign_keys = OFF")
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO ballots (congress_id, round, leaf_hash, body) VALUES ('c', 1, 'ab', '{}')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    store.close().await;
    let error = ballotbox::store::Store::connect(&url).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("in the order they were cast"), "{message}");
    assert!(
        message.contains("start this version on a new database"),
        "{message}"
    );
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let kept: i64 = sqlx::query("SELECT COUNT(*) AS n FROM ballots")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get("n");
    assert_eq!(kept, 1, "nothing was dropped");
}
