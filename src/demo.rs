//! `ballotbox demo`: a complete founding congress run through the real HTTP API on loopback,
//! against a temporary SQLite database — setup of all five bodies, check-in, cards, kiosks
//! casting concurrently, closing and counting, every follow-up round the results call for, the
//! committee's plenary electing the chair and vice-chairs, publication, an inspector's
//! countersignature — and the election record written to a file.
//!
//! The congress is made up but realistic: a city's courier-workers' union, delegates from the
//! courier firms, Chinese names. Voters' choices come from a seeded generator, so a seed gives
//! the same congress every time (apart from the keys, salts and card codes, which are random).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::record::documents::{self, Countersigned, ElectionRecord};
use crate::record::hash::Digest;
use crate::record::keys::{ElectionKey, SigningContext};
use crate::server::{AppState, auth, router};
use crate::store::users::{self, Role};
use crate::store::{Store, now_ms};

/// What to run.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Delegates on the roster.
    pub delegates: u32,
    /// Kiosks casting at the same time.
    pub kiosks: u32,
    /// Where to write the election record.
    pub out: PathBuf,
    /// The seed of the voters' choices.
    pub seed: u64,
}

/// What the demo did.
#[derive(Debug)]
pub struct DemoOutcome {
    /// The record as exported.
    pub record: ElectionRecord,
    /// The result hash of the minutes.
    pub result_hash: Digest,
    /// One line per step, for people to read.
    pub log: Vec<String>,
    /// Ballots cast, over all rounds.
    pub casts: u64,
    /// Time spent casting.
    pub casting: Duration,
}

const PASSWORD: &str = "demo password 2026";

/// A small deterministic generator (SplitMix64): the demo's voters need variety, not secrecy.
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN_F: [&str; 16] = [
    "芳", "静", "敏", "丽", "红", "燕", "丹", "娟", "霞", "秀英", "玉兰", "桂英", "慧", "婷", "雪",
    "琳",
];
const GIVEN_M: [&str; 16] = [
    "强", "伟", "洋", "磊", "刚", "涛", "明", "军", "勇", "杰", "亮", "超", "建华", "志强", "海峰",
    "晓东",
];
const UNITS: [&str; 9] = [
    "顺丰速运",
    "中通快递",
    "圆通速递",
    "申通快递",
    "韵达快递",
    "极兔速递",
    "京东物流",
    "中国邮政",
    "菜鸟驿站",
];

/// One delegate of the made-up roster.
struct Delegate {
    number: String,
    name: String,
    female: bool,
    voting: bool,
}

fn roster(count: u32, choices: &mut Choices) -> Vec<Delegate> {
    let width = count.to_string().len().max(3);
    let mut taken = std::collections::BTreeSet::new();
    (1..=count)
        .map(|i| {
            let female = choices.chance(38);
            // Names are distinct, so that a write-in names one person; after a few clashes a
            // second given-name character makes one.
            let given: &[&str] = if female { &GIVEN_F } else { &GIVEN_M };
            let mut tries = 0;
            let name = loop {
                let mut name = format!("{}{}", choices.pick(&SURNAMES), choices.pick(given));
                if tries > 20 {
                    let second = *choices.pick(given);
                    name.push_str(second);
                }
                tries += 1;
                if taken.insert(name.clone()) {
                    break name;
                }
            };
            Delegate {
                number: format!("D{i:0width$}"),
                name,
                female,
                // A few members keep their membership only (保留会籍) and have no vote.
                voting: i % 60 != 0,
            }
        })
        .collect()
}

/// An HTTP client of the API with its own cookies.
#[derive(Clone)]
struct Api {
    base: String,
    client: Client,
}

impl Api {
    fn new(address: SocketAddr) -> anyhow::Result<Api> {
        Ok(Api {
            base: format!("http://{address}/api/v1"),
            client: Client::builder().cookie_store(true).build()?,
        })
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        expected: StatusCode,
    ) -> anyhow::Result<Value> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .with_context(|| format!("{method} {path}"))?;
        let status = response.status();
        let text = response.text().await?;
        if status != expected {
            bail!("{method} {path} answered {status}: {text}");
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> anyhow::Result<Value> {
        self.send(reqwest::Method::GET, path, None, StatusCode::OK)
            .await
    }

    async fn post(&self, path: &str, body: Value, expected: StatusCode) -> anyhow::Result<Value> {
        self.send(reqwest::Method::POST, path, Some(body), expected)
            .await
    }

    async fn put(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        self.send(reqwest::Method::PUT, path, Some(body), StatusCode::OK)
            .await
    }

    async fn sign_in(&self, name: &str) -> anyhow::Result<()> {
        self.post(
            "/session",
            json!({"name": name, "password": PASSWORD}),
            StatusCode::OK,
        )
        .await
        .map(drop)
    }
}

/// How popular each candidate is with the voters, in percent, by contest and candidate.
type Popularity = BTreeMap<String, BTreeMap<String, u64>>;

/// Marks one ballot: *for* the candidates a voter likes (never more than the seats), *against*
/// some, now and then a write-in, and a few blank ballots.
fn mark(ballot: &Value, popularity: &Popularity, names: &[String], choices: &mut Choices) -> Value {
    let blank = choices.chance(2);
    let mut sections = serde_json::Map::new();
    for contest in ballot["contests"].as_array().into_iter().flatten() {
        let id = contest["id"].as_str().unwrap_or_default();
        let seats = contest["seats"].as_u64().unwrap_or(1) as usize;
        let mut chosen = Vec::new();
        let mut against = Vec::new();
        if !blank {
            for candidate in contest["candidates"].as_array().into_iter().flatten() {
                let candidate = candidate["id"].as_str().unwrap_or_default().to_owned();
                let liked = popularity
                    .get(id)
                    .and_then(|p| p.get(&candidate))
                    .copied()
                    .unwrap_or(50);
                if choices.chance(liked) {
                    chosen.push((liked, candidate));
                } else if choices.chance(30) {
                    against.push(candidate);
                }
            }
        }
        // The kiosk refuses an over-vote; a voter drops the least liked.
        chosen.sort_by_key(|c| std::cmp::Reverse(c.0));
        let mut write_ins = Vec::new();
        if !blank && contest["write_ins"] == true && choices.chance(3) {
            write_ins.push(choices.pick(names).clone());
        }
        chosen.truncate(seats.saturating_sub(write_ins.len()));
        let chosen: Vec<String> = chosen.into_iter().map(|(_, c)| c).collect();
        sections.insert(
            id.to_owned(),
            json!({"for": chosen, "against": against, "write_ins": write_ins}),
        );
    }
    Value::Object(sections)
}

/// A kiosk's salt: 16 bytes from the operating system.
fn salt(rng: &ring::rand::SystemRandom) -> anyhow::Result<String> {
    let mut bytes = [0_u8; 16];
    ring::rand::SecureRandom::fill(rng, &mut bytes).map_err(|_| anyhow!("no randomness"))?;
    Ok(hex::encode(bytes))
}

/// The demo's congress as it goes.
struct Demo {
    api: Api,
    desk: Api,
    kiosks: Vec<Api>,
    id: String,
    choices: Choices,
    names: Vec<String>,
    popularity: Popularity,
    log: Vec<String>,
    casts: u64,
    casting: Duration,
}

impl Demo {
    fn path(&self, rest: &str) -> String {
        format!("/congresses/{}{rest}", self.id)
    }

    fn say(&mut self, line: String) {
        self.log.push(line);
    }

    /// The desk activates the next printed card of `style` and hands it over.
    async fn hand_over(
        &self,
        cards: &mut BTreeMap<String, Vec<String>>,
        style: &str,
    ) -> anyhow::Result<String> {
        let card = cards
            .get_mut(style)
            .and_then(Vec::pop)
            .ok_or_else(|| anyhow!("the {style} cards ran out"))?;
        self.desk
            .post(
                &self.path("/activations"),
                json!({"card": card}),
                StatusCode::OK,
            )
            .await?;
        Ok(card)
    }

    /// Casts one ballot per card, the kiosks working at the same time.
    async fn vote(&mut self, cards: &[String]) -> anyhow::Result<()> {
        let started = Instant::now();
        let kiosks = self.kiosks.len().max(1);
        let mut tasks = Vec::new();
        for (k, kiosk) in self.kiosks.iter().enumerate() {
            let mine: Vec<String> = cards.iter().skip(k).step_by(kiosks).cloned().collect();
            let kiosk = kiosk.clone();
            let popularity = self.popularity.clone();
            let names = self.names.clone();
            let mut choices = Choices(self.choices.next());
            let rng = ring::rand::SystemRandom::new();
            tasks.push(tokio::spawn(async move {
                for card in mine {
                    let ballot = kiosk
                        .post("/kiosk/ballot", json!({"card": card}), StatusCode::OK)
                        .await?;
                    let sections = mark(&ballot, &popularity, &names, &mut choices);
                    let cast = json!({"card": card, "round": ballot["round"],
                                      "salt": salt(&rng)?, "sections": sections});
                    kiosk
                        .post("/kiosk/casts", cast, StatusCode::CREATED)
                        .await?;
                }
                anyhow::Ok(())
            }));
        }
        for task in tasks {
            task.await.context("a kiosk stopped")??;
        }
        self.casts += cards.len() as u64;
        self.casting += started.elapsed();
        Ok(())
    }

    /// Opens a round, votes it with `cards`, closes it, and says what it decided.
    async fn round(&mut self, contests: &[String], cards: &[String]) -> anyhow::Result<Value> {
        let choices: Vec<Value> = contests.iter().map(|c| json!({"contest": c})).collect();
        let opened = self
            .api
            .post(
                &self.path("/rounds"),
                json!({"contests": choices}),
                StatusCode::CREATED,
            )
            .await?;
        let number = opened["number"].as_u64().unwrap_or(0);
        let kinds: Vec<String> = opened["definition"]["contests"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                format!(
                    "{} ({})",
                    c["id"].as_str().unwrap_or(""),
                    c["round"].as_str().unwrap_or("")
                )
            })
            .collect();
        self.say(format!("round {number} opened: {}", kinds.join(", ")));
        self.vote(cards).await?;
        let closed = self
            .api
            .post(
                &self.path(&format!("/rounds/{number}/close")),
                Value::Null,
                StatusCode::OK,
            )
            .await?;
        for contest in closed["result"]["tally"]["contests"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let elected: Vec<String> = contest["elected"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p["name"].as_str().unwrap_or("").to_owned())
                .collect();
            self.say(format!(
                "  {} {}: returned {}, valid {}, threshold {}, {} — elected {}",
                contest["id"].as_str().unwrap_or(""),
                contest["title"].as_str().unwrap_or(""),
                contest["returned"],
                contest["valid"],
                contest["threshold"],
                contest["status"].as_str().unwrap_or(""),
                if elected.is_empty() {
                    "nobody".to_owned()
                } else {
                    elected.join("、")
                }
            ));
        }
        self.say(format!(
            "round {number} closed: {} ballots, root {}, result hash {}",
            closed["tree_head"]["size"],
            closed["tree_head"]["root"].as_str().unwrap_or(""),
            closed["result_hash"].as_str().unwrap_or("")
        ));
        Ok(closed)
    }

    /// Holds the rounds the rules call for among `sitting` contests until none is pending.
    async fn follow_ups(&mut self, plenary: bool, cards: &[String]) -> anyhow::Result<()> {
        for attempt in 0..8 {
            let next = self.api.get(&self.path("/next")).await?;
            let pending: Vec<&Value> = next["pending"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| (c["styles"] == json!(["plenary"])) == plenary)
                .collect();
            if pending.is_empty() {
                return Ok(());
            }
            // In later rounds the voters rally behind the candidates they liked best.
            for contest in &pending {
                let id = contest["id"].as_str().unwrap_or("").to_owned();
                let candidates = contest["candidates"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let seats = contest["seats"].as_u64().unwrap_or(1) as usize;
                let popularity = self.popularity.entry(id).or_default();
                let mut ranked: Vec<(u64, String)> = candidates
                    .iter()
                    .filter_map(|c| c["id"].as_str())
                    .map(|c| (popularity.get(c).copied().unwrap_or(50), c.to_owned()))
                    .collect();
                ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                for (i, (_, candidate)) in ranked.iter().enumerate() {
                    let liked = if i < seats { 92 - 3 * attempt } else { 20 };
                    popularity.insert(candidate.clone(), liked);
                }
            }
            let contests: Vec<String> = pending
                .iter()
                .filter_map(|c| c["id"].as_str().map(str::to_owned))
                .collect();
            self.round(&contests, cards).await?;
        }
        Err(anyhow!("the follow-up rounds did not settle the contests"))
    }
}

/// Runs the demo congress.
pub async fn run(options: &DemoOptions) -> anyhow::Result<DemoOutcome> {
    if options.delegates < 30 {
        bail!("a founding congress in the demo needs at least 30 delegates");
    }
    let dir = tempfile_dir()?;
    let url = format!("sqlite://{}", dir.join("demo.db").display());
    let store = Store::connect(&url).await?;
    let hash = auth::hash_password(PASSWORD).map_err(|e| anyhow!("{e}"))?;
    {
        let mut tx = store.write().await?;
        for (name, role) in [
            ("组织者", Role::Organiser),
            ("签到台", Role::Desk),
            ("总监票人", Role::Inspector),
        ] {
            users::insert(&mut tx, name, role, &hash, now_ms()).await?;
        }
        tx.commit().await?;
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let app = router(AppState::new(store.clone()));
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let outcome = congress(options, address).await;
    server.abort();
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("ballotbox-demo-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

async fn congress(options: &DemoOptions, address: SocketAddr) -> anyhow::Result<DemoOutcome> {
    let mut choices = Choices(options.seed);
    let delegates = roster(options.delegates, &mut choices);
    let api = Api::new(address)?;
    api.sign_in("组织者").await?;
    let desk = Api::new(address)?;
    desk.sign_in("签到台").await?;
    let members = options.delegates.saturating_mul(3) / 2;
    let female_members = members * 2 / 5;
    let created = api
        .post(
            "/congresses",
            json!({"name": "江城市快递员工会成立大会", "union_name": "江城市快递员工会",
                   "date": "2026-11-28", "venue": "江城市总工会大礼堂",
                   "members": members, "female_members": female_members}),
            StatusCode::CREATED,
        )
        .await?;
    let id = created["id"].as_str().unwrap_or_default().to_owned();
    let mut csv = String::from("代表编号,姓名,性别,单位,选举权\n");
    for (i, d) in delegates.iter().enumerate() {
        let unit = UNITS[i % UNITS.len()];
        let gender = if d.female { "女" } else { "男" };
        let voting = if d.voting { "是" } else { "保留会籍" };
        csv.push_str(&format!(
            "{},{},{gender},{unit},{voting}\n",
            d.number, d.name
        ));
    }
    let response = api
        .client
        .put(format!("{}/congresses/{id}/roster", api.base))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await?;
    if response.status() != StatusCode::OK {
        bail!("the roster was refused: {}", response.text().await?);
    }

    // Candidates: disjoint committee and audit lists; women's committee from the women; the
    // chair and vice-chairs from the committee's list, elected by its plenary.
    let voters: Vec<&Delegate> = delegates.iter().filter(|d| d.voting).collect();
    let men: Vec<&str> = voters
        .iter()
        .filter(|d| !d.female)
        .map(|d| d.number.as_str())
        .collect();
    let women: Vec<&str> = voters
        .iter()
        .filter(|d| d.female)
        .map(|d| d.number.as_str())
        .collect();
    let committee: Vec<&str> = men[..5].iter().chain(&women[..3]).copied().collect();
    let audit: Vec<&str> = men[5..9].to_vec();
    let women_list: Vec<&str> = women[..1].iter().chain(&women[3..8]).copied().collect();
    let scrutineers = [men[10], men[11], women[9]];
    let contests = [
        (
            "committee",
            "committee",
            "工会委员会委员",
            7,
            "all",
            committee.clone(),
        ),
        (
            "audit",
            "audit_committee",
            "经费审查委员会委员",
            3,
            "all",
            audit.clone(),
        ),
        (
            "women",
            "women_committee",
            "女职工委员会委员",
            5,
            "female",
            women_list.clone(),
        ),
        (
            "chair",
            "chair",
            "工会主席",
            1,
            "plenary",
            vec![committee[0]],
        ),
        (
            "vice_chair",
            "vice_chair",
            "工会副主席",
            2,
            "plenary",
            vec![committee[1], committee[2], committee[5]],
        ),
    ];
    let mut popularity = Popularity::new();
    for (contest, kind, title, seats, electorate, candidates) in &contests {
        api.put(
            &format!("/congresses/{id}/contests/{contest}"),
            json!({"kind": kind, "title": title, "seats": seats, "electorate": electorate, "candidates": candidates}),
        )
        .await?;
        // The first `seats` of each list are well liked, except that the audit committee's
        // third seat is contested, so its first round falls short and a second one is held.
        let liked: BTreeMap<String, u64> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let percent = match (*contest, i) {
                    ("audit", 2) => 48,
                    ("audit", 3) => 40,
                    (_, i) if i < *seats as usize => 88 - 2 * i as u64,
                    _ => 25,
                };
                ((*c).to_owned(), percent)
            })
            .collect();
        popularity.insert((*contest).to_owned(), liked);
    }
    api.put(
        &format!("/congresses/{id}/scrutineers"),
        json!([{"number": scrutineers[0], "role": "chief"}, {"number": scrutineers[1], "role": "scrutineer"},
               {"number": scrutineers[2], "role": "teller"}]),
    )
    .await?;
    let validation = api.get(&format!("/congresses/{id}/validation")).await?;
    if validation["ready"] != true {
        bail!("the demo's setup is not valid: {validation}");
    }
    let frozen = api
        .post(
            &format!("/congresses/{id}/freeze"),
            Value::Null,
            StatusCode::OK,
        )
        .await?;
    let mut demo = Demo {
        api,
        desk,
        kiosks: Vec::new(),
        id: id.clone(),
        choices,
        names: delegates.iter().map(|d| d.name.clone()).collect(),
        popularity,
        log: Vec::new(),
        casts: 0,
        casting: Duration::ZERO,
    };
    demo.say(format!(
        "congress {id}: {} delegates ({} voting, {} of them women), manifest {}, key fingerprint {}",
        delegates.len(),
        voters.len(),
        women.len(),
        frozen["manifest_hash"].as_str().unwrap_or(""),
        frozen["key_fingerprint"].as_str().unwrap_or("")
    ));

    // Cards for every style, with spares, as a print shop would deliver them.
    let mut cards: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (style, count) in [
        ("general", men.len() + 5),
        ("female", women.len() + 5),
        ("plenary", 10),
    ] {
        let mut left = count;
        while left > 0 {
            let take = left.min(1000);
            let batch = demo
                .api
                .post(
                    &demo.path("/card-batches"),
                    json!({"style": style, "count": take}),
                    StatusCode::CREATED,
                )
                .await?;
            cards.entry(style.to_owned()).or_default().extend(
                batch["cards"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["code"].as_str().map(str::to_owned)),
            );
            left -= take;
        }
    }

    // Check-in: most delegates come; the desk hands each voter a card of their style.
    let mut active = Vec::new();
    for delegate in &delegates {
        if demo.choices.chance(7) && delegate.number != committee[0] {
            continue;
        }
        let checked = demo
            .desk
            .post(
                &demo.path("/check-ins"),
                json!({"number": delegate.number}),
                StatusCode::OK,
            )
            .await?;
        let Some(style) = checked["style"].as_str() else {
            continue;
        };
        active.push(demo.hand_over(&mut cards, style).await?);
    }
    let attendance = demo.api.get(&demo.path("/attendance")).await?;
    demo.say(format!(
        "check-in: {} of {} entitled present; {} cards issued",
        attendance["electorates"][0]["present"],
        attendance["electorates"][0]["entitled"],
        active.len()
    ));

    for k in 1..=options.kiosks.max(1) {
        let pairing = demo
            .api
            .post(
                &demo.path("/kiosk-pairings"),
                json!({"name": format!("{k}号投票台")}),
                StatusCode::CREATED,
            )
            .await?;
        let kiosk = Api::new(address)?;
        kiosk
            .post(
                "/kiosk/pairing",
                json!({"code": pairing["code"]}),
                StatusCode::CREATED,
            )
            .await?;
        demo.kiosks.push(kiosk);
    }

    let congress_contests = [
        "committee".to_owned(),
        "audit".to_owned(),
        "women".to_owned(),
    ];
    demo.round(&congress_contests, &active).await?;
    demo.follow_ups(false, &active).await?;

    // The new committee's first plenary elects the chair and vice-chairs.
    let next = demo.api.get(&demo.path("/next")).await?;
    let mut plenary_cards = Vec::new();
    for member in next["plenary_members"].as_array().into_iter().flatten() {
        demo.desk
            .post(
                &demo.path("/plenary/check-ins"),
                json!({"number": member}),
                StatusCode::OK,
            )
            .await?;
        plenary_cards.push(demo.hand_over(&mut cards, "plenary").await?);
    }
    demo.say(format!(
        "plenary: {} committee members present",
        plenary_cards.len()
    ));
    demo.follow_ups(true, &plenary_cards).await?;

    let published = demo
        .api
        .post(&demo.path("/publication"), Value::Null, StatusCode::CREATED)
        .await?;
    let result_hash: Digest = published["result_hash"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .map_err(|e| anyhow!("the result hash: {e}"))?;

    // The chief scrutineer countersigns with a key of their own.
    let inspector = Api::new(address)?;
    inspector.sign_in("总监票人").await?;
    let key = ElectionKey::generate(&ring::rand::SystemRandom::new())?;
    let signed = Countersigned {
        congress: id.clone(),
        result_hash,
    };
    let signature = documents::sign(&key, SigningContext::Countersignature, &signed)?;
    inspector
        .post(
            &demo.path("/countersignatures"),
            json!({"public_key": key.public(), "signature": signature}),
            StatusCode::CREATED,
        )
        .await?;
    let record: ElectionRecord =
        serde_json::from_value(inspector.get(&demo.path("/record")).await?)?;
    let text = serde_json::to_string_pretty(&record)?;
    std::fs::write(&options.out, text + "\n")
        .with_context(|| format!("writing {}", options.out.display()))?;
    Ok(DemoOutcome {
        record,
        result_hash,
        log: demo.log,
        casts: demo.casts,
        casting: demo.casting,
    })
}
