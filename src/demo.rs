//! `ballotbox demo`: a complete founding congress run through the real HTTP API on loopback,
//! against a temporary SQLite database — setup of all five bodies and the heads they elect,
//! check-in, cards, kiosks casting concurrently, closing and counting, every follow-up round the
//! results call for, the committee's plenary electing the chair and vice-chairs, the funds audit
//! and the women workers' committees electing their 主任 at their own first meetings,
//! publication, an inspector's countersignature — and the election record written to a file.
//!
//! The congress is made up but realistic: a city's courier-workers' union, delegates from the
//! courier firms, Chinese names. Voters' choices come from a seeded generator, so a seed gives
//! the same congress every time (apart from the keys, salts and card codes, which are random).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::client::ApiClient;
use crate::election::Marks;
use crate::record::documents::{self, Countersigned, ElectionRecord};
use crate::record::hash::Digest;
use crate::record::keys::{ElectionKey, SigningContext};
use crate::record::sealed::key_file::TrusteeKeyFile;
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

/// The bodies the demo's congress elects, sized for its roster.
///
/// A larger congress elects a committee of seven (or the smallest the table of 2016 条例 Art. 8
/// allows its membership, when that is more) with a chair and two vice-chairs, a funds audit
/// committee of three and a women workers' committee of five. A small one elects the smallest
/// bodies the rules allow: a committee of three (the table's least), one vice-chair, an audit
/// committee and a women's committee of three each. Every committee-type list has one candidate
/// more than seats, the least that 差额选举 allows (RULES.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    /// Seats on the union committee.
    committee: u32,
    /// Women among the committee's candidates.
    committee_women: usize,
    /// Of those, how many stand for the women's committee too.
    committee_women_on_women_list: usize,
    /// Vice-chairs to elect; the chair is one.
    vice_chairs: u32,
    /// Seats on the funds audit committee.
    audit: u32,
    /// Women among the audit committee's candidates, who stand for the women's committee too.
    audit_women: usize,
    /// Seats on the women workers' committee.
    women: u32,
}

/// Scrutineers: a chief scrutineer and two scrutineers, none a candidate; the three are the
/// trustees of the sealed ballots.
const SCRUTINEERS: usize = 3;

/// The smallest roster on which the demo's congress can elect all five bodies by the rules:
/// every candidate and scrutineer is a distinct delegate of the small plan, none standing for
/// both the committee and the funds audit committee (工会委员与经审委员不能兼任).
pub const MIN_DELEGATES: u32 = 11;

/// Delegates from which the demo elects the larger bodies.
const FULL_SIZE: u32 = 30;

impl Plan {
    fn for_delegates(delegates: u32) -> Plan {
        if delegates < FULL_SIZE {
            return Plan {
                committee: 3,
                committee_women: 2,
                committee_women_on_women_list: 2,
                vice_chairs: 1,
                audit: 3,
                audit_women: 2,
                women: 3,
            };
        }
        let range = crate::election::SizeTable::ACFTU_2016.seats_for(members(delegates));
        let committee = 7_u32.clamp(range.min, range.max);
        Plan {
            committee,
            committee_women: (committee as usize + 1) * 3 / 8,
            committee_women_on_women_list: 1,
            vice_chairs: 2,
            audit: 3,
            audit_women: 0,
            women: 5,
        }
    }

    /// Women standing for the women's committee who stand for no other body.
    fn women_only(&self) -> usize {
        (self.women as usize + 1) - self.committee_women_on_women_list - self.audit_women
    }

    /// Delegates who stand for something or scrutinise: all distinct persons.
    fn persons(&self) -> usize {
        (self.committee as usize + 1) + (self.audit as usize + 1) + self.women_only() + SCRUTINEERS
    }
}

/// The union's membership the demo gives a congress of `delegates`.
fn members(delegates: u32) -> u32 {
    delegates.saturating_mul(3) / 2
}

/// What each person of the plan is, by position among the roster's delegates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// On the committee's list, the `n`th.
    Committee(usize),
    /// On the audit committee's list.
    Audit(usize),
    /// On the women's committee's list only.
    Women(usize),
    /// A scrutineer or teller, the `n`th.
    Scrutineer(usize),
}

/// The candidates' lists and the scrutineers, by delegate number.
struct Lists {
    committee: Vec<String>,
    audit: Vec<String>,
    women: Vec<String>,
    scrutineers: Vec<String>,
}

/// A roster of `count` delegates, of whom the plan's candidates and scrutineers hold seats at
/// random places; everyone else is a man or a woman by chance. Every delegate with a part is
/// given a vote, so the lists never run short whatever the seed.
fn roster(count: u32, plan: &Plan, choices: &mut Choices) -> (Vec<Delegate>, Lists) {
    let width = count.to_string().len().max(3);
    // A few members keep their membership only (保留会籍) and have no vote.
    let voting = |i: u32| i % 60 != 0;
    let mut parts: Vec<Part> = Vec::with_capacity(plan.persons());
    parts.extend((0..=plan.committee as usize).map(Part::Committee));
    parts.extend((0..=plan.audit as usize).map(Part::Audit));
    parts.extend((0..plan.women_only()).map(Part::Women));
    parts.extend((0..SCRUTINEERS).map(Part::Scrutineer));
    // The places with a vote, shuffled (Fisher–Yates); the parts take the first of them.
    let mut places: Vec<u32> = (1..=count).filter(|&i| voting(i)).collect();
    for i in (1..places.len()).rev() {
        let j = (choices.next() % (i as u64 + 1)) as usize;
        places.swap(i, j);
    }
    let assigned: BTreeMap<u32, Part> = places.iter().copied().zip(parts).collect();
    let is_female = |part: Part| match part {
        Part::Committee(n) => n >= plan.committee as usize + 1 - plan.committee_women,
        Part::Audit(n) => n >= plan.audit as usize + 1 - plan.audit_women,
        Part::Women(_) => true,
        Part::Scrutineer(n) => n == SCRUTINEERS - 1,
    };
    let mut taken = std::collections::BTreeSet::new();
    let mut lists = Lists {
        committee: vec![String::new(); plan.committee as usize + 1],
        audit: vec![String::new(); plan.audit as usize + 1],
        women: Vec::new(),
        scrutineers: vec![String::new(); SCRUTINEERS],
    };
    let mut women_only = vec![String::new(); plan.women_only()];
    let delegates = (1..=count)
        .map(|i| {
            let part = assigned.get(&i).copied();
            let female = match part {
                Some(part) => is_female(part),
                None => choices.chance(38),
            };
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
            let number = format!("D{i:0width$}");
            // The parts were numbered within the lengths of these lists above.
            match part {
                Some(Part::Committee(n)) => lists.committee[n] = number.clone(),
                Some(Part::Audit(n)) => lists.audit[n] = number.clone(),
                Some(Part::Women(n)) => women_only[n] = number.clone(),
                Some(Part::Scrutineer(n)) => lists.scrutineers[n] = number.clone(),
                None => {}
            }
            Delegate {
                number,
                name,
                female,
                voting: voting(i),
            }
        })
        .collect();
    // The women's list: the committee's first women, the audit committee's women, and women
    // who stand for it alone.
    let committee_women = lists.committee.len() - plan.committee_women;
    lists.women = lists.committee[committee_women..]
        .iter()
        .take(plan.committee_women_on_women_list)
        .chain(&lists.audit[lists.audit.len() - plan.audit_women..])
        .chain(&women_only)
        .cloned()
        .collect();
    (delegates, lists)
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
            // A body's meeting elects only from among its members, whom the ballot lists.
            let members: Vec<String> = contest["members"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["name"].as_str().map(str::to_owned))
                .collect();
            match contest["members"].is_array() {
                false => write_ins.push(choices.pick(names).clone()),
                true if !members.is_empty() => write_ins.push(choices.pick(&members).clone()),
                true => {}
            }
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

/// The first meetings of the bodies the congress elects, and what the demo calls their members.
const MEETINGS: [(&str, &str); 3] = [
    ("plenary", "committee members"),
    ("audit_plenary", "funds audit committee members"),
    ("women_plenary", "women workers' committee members"),
];

/// A ballot card handed out at the desk, and its style.
struct Card {
    code: String,
    style: String,
}

/// The demo's congress as it goes.
struct Demo {
    api: ApiClient,
    desk: ApiClient,
    kiosks: Vec<ApiClient>,
    id: String,
    choices: Choices,
    names: Vec<String>,
    popularity: Popularity,
    log: Vec<String>,
    casts: u64,
    casting: Duration,
    /// The trustees who open each round (two of the three, the third never needed), each with
    /// their signed-in client and key file.
    openers: Vec<(ApiClient, TrusteeKeyFile)>,
    /// Ballots challenged at a kiosk, over all rounds.
    challenged: u64,
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
    async fn vote(&mut self, cards: &[&Card]) -> anyhow::Result<()> {
        let started = Instant::now();
        let test_kiosk = self.challenged == 0;
        let kiosks = self.kiosks.len().max(1);
        let mut tasks = Vec::new();
        for (k, kiosk) in self.kiosks.iter().enumerate() {
            let mine: Vec<String> = cards
                .iter()
                .skip(k)
                .step_by(kiosks)
                .map(|c| c.code.clone())
                .collect();
            let kiosk = kiosk.clone();
            let popularity = self.popularity.clone();
            let names = self.names.clone();
            let mut choices = Choices(self.choices.next());
            tasks.push(tokio::spawn(async move {
                let mut challenged = 0;
                for (i, card) in mine.into_iter().enumerate() {
                    let ballot = kiosk
                        .post("/kiosk/ballot", json!({"card": card}), StatusCode::OK)
                        .await?;
                    let sections = mark(&ballot, &popularity, &names, &mut choices);
                    // Sealed as the kiosk page seals; the first delegate at the first kiosk
                    // challenges a ballot first, as a scrutineer testing the kiosk would.
                    let marks: BTreeMap<String, Marks> = serde_json::from_value(sections)?;
                    let challenge = k == 0 && i == 0 && test_kiosk;
                    crate::kiosk::vote(&kiosk, &card, None, &marks, challenge).await?;
                    if challenge {
                        challenged += 1;
                        crate::kiosk::vote(&kiosk, &card, None, &marks, false).await?;
                    }
                }
                anyhow::Ok(challenged)
            }));
        }
        for task in tasks {
            self.challenged += task.await.context("a kiosk stopped")??;
        }
        self.casts += cards.len() as u64;
        self.casting += started.elapsed();
        Ok(())
    }

    /// Opens a round, votes it with those of `cards` whose holders vote in it (a round of the
    /// women's committee alone is not for the men), closes it, and says what it decided.
    async fn round(&mut self, contests: &[String], cards: &[Card]) -> anyhow::Result<Value> {
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
        let styles: Vec<&str> = opened["definition"]["contests"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| c["styles"].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .collect();
        let voting: Vec<&Card> = cards
            .iter()
            .filter(|c| styles.contains(&c.style.as_str()))
            .collect();
        self.vote(&voting).await?;
        self.api
            .post(
                &self.path(&format!("/rounds/{number}/close")),
                Value::Null,
                StatusCode::OK,
            )
            .await?;
        let closed = self.open_sealed(number).await?;
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

    /// Two of the three trustees open a closed sealed round together, each checking every
    /// ballot and decrypting the totals and the write-ins; the round as counted.
    async fn open_sealed(&mut self, number: u64) -> anyhow::Result<Value> {
        let run = crate::trustee::OpeningRun {
            congress: self.id.clone(),
            round: u32::try_from(number)?,
            poll: Duration::from_millis(20),
        };
        let mut tasks = Vec::new();
        for (client, file) in self.openers.clone() {
            let run = run.clone();
            tasks.push(tokio::spawn(async move {
                let passphrase = crate::record::sealed::key_file::Passphrase::new(PASSPHRASE);
                crate::trustee::open_round(&client, &run, &file, &passphrase, &mut |_| {}).await
            }));
        }
        for task in tasks {
            task.await.context("a trustee stopped")??;
        }
        let trustees: Vec<String> = self
            .openers
            .iter()
            .map(|(_, file)| file.trustee.to_string())
            .collect();
        self.say(format!(
            "round {number} opened by trustees {} together, each partial decryption proved",
            trustees.join(" and ")
        ));
        self.api.get(&self.path(&format!("/rounds/{number}"))).await
    }

    /// Holds the rounds the rules call for among the contests of `sitting` (`congress`, or a
    /// body's meeting, whose contests have its style alone) until none is pending.
    async fn follow_ups(&mut self, sitting: &str, cards: &[Card]) -> anyhow::Result<()> {
        for attempt in 0..8 {
            let next = self.api.get(&self.path("/next")).await?;
            let of_sitting = |c: &&Value| {
                let style = c["styles"][0].as_str().unwrap_or("");
                let meeting = MEETINGS.iter().any(|(m, _)| *m == style);
                if sitting == "congress" {
                    !meeting
                } else {
                    style == sitting
                }
            };
            let pending: Vec<&Value> = next["pending"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(of_sitting)
                .collect();
            if pending.is_empty() {
                return Ok(());
            }
            // In later rounds the voters rally behind the candidates they liked best, more of
            // them each time, until every voter does: the rounds always settle.
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
                    let liked = if i < seats {
                        (90 + 5 * attempt).min(100)
                    } else {
                        20
                    };
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
    if options.delegates < MIN_DELEGATES {
        bail!(
            "the demo's congress needs at least {MIN_DELEGATES} delegates: it elects a committee, a \
             funds audit committee and a women workers' committee of three each, every list with a \
             candidate more than seats and nobody on both the committee's and the audit \
             committee's lists, and three scrutineers who stand for nothing"
        );
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
            ("监票人甲", Role::Inspector),
            ("监票人乙", Role::Inspector),
        ] {
            users::insert(&mut tx, name, role, &hash, now_ms()).await?;
        }
        tx.commit().await?;
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let app = router(AppState::new(store.clone()));
    let server =
        tokio::spawn(async move { axum::serve(listener, crate::server::service(app)).await });
    let outcome = congress(options, address, &dir.join("trustees")).await;
    server.abort();
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

/// The trustees' accounts: the chief scrutineer's and the two scrutineers'.
const TRUSTEES: [&str; 3] = ["总监票人", "监票人甲", "监票人乙"];
/// Any two of them open a count.
const THRESHOLD: u32 = 2;

/// Names the three scrutineers trustees and runs their key ceremony, each trustee from their
/// own account and with their own key file in `key_files`, as `ballotbox trustee ceremony`
/// runs it; returns the joint key.
async fn key_ceremony(
    api: &ApiClient,
    address: SocketAddr,
    id: &str,
    scrutineers: &[String],
    key_files: &std::path::Path,
) -> anyhow::Result<(String, Vec<TrusteeKeyFile>)> {
    let trustees: Vec<Value> = TRUSTEES
        .iter()
        .zip(scrutineers)
        .map(|(account, number)| json!({"scrutineer": number, "account": account}))
        .collect();
    api.put(
        &format!("/congresses/{id}/trustees"),
        json!({"threshold": THRESHOLD, "trustees": trustees}),
    )
    .await?;
    std::fs::create_dir_all(key_files)
        .with_context(|| format!("creating {}", key_files.display()))?;
    let mut runs = Vec::new();
    for (i, account) in (1..).zip(TRUSTEES) {
        let client = ApiClient::new(&format!("http://{address}"), None)?;
        client.sign_in(account, PASSWORD).await?;
        let run = crate::trustee::CeremonyRun {
            congress: id.to_owned(),
            account: account.to_owned(),
            key_file: key_files.join(format!("trustee-{i}.json")),
            poll: Duration::from_millis(20),
        };
        runs.push(tokio::spawn(async move {
            let passphrase = crate::record::sealed::key_file::Passphrase::new(PASSPHRASE);
            crate::trustee::take_part(&client, &run, &passphrase, &mut |_| {}).await
        }));
    }
    let mut files = Vec::new();
    for run in runs {
        files.push(run.await??);
    }
    let joint_key = files
        .first()
        .map(|f| f.joint_key.to_string())
        .unwrap_or_default();
    Ok((joint_key, files))
}

/// The demo trustees' passphrase.
const PASSPHRASE: &str = "demo trustee passphrase 2026";

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("ballotbox-demo-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

async fn congress(
    options: &DemoOptions,
    address: SocketAddr,
    key_files: &std::path::Path,
) -> anyhow::Result<DemoOutcome> {
    let mut choices = Choices(options.seed);
    let plan = Plan::for_delegates(options.delegates);
    let (delegates, lists) = roster(options.delegates, &plan, &mut choices);
    let api = ApiClient::new(&format!("http://{address}"), None)?;
    api.sign_in("组织者", PASSWORD).await?;
    let desk = ApiClient::new(&format!("http://{address}"), None)?;
    desk.sign_in("签到台", PASSWORD).await?;
    let members = members(options.delegates);
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
    api.put_text(&format!("/congresses/{id}/roster"), "text/csv", csv)
        .await
        .context("the roster was refused")?;

    // Candidates: disjoint committee and audit lists; women's committee from the women; the
    // chair and vice-chairs from the committee's list, elected by its plenary.
    let voters: Vec<&Delegate> = delegates.iter().filter(|d| d.voting).collect();
    let women = voters.iter().filter(|d| d.female).count();
    let as_str = |list: &[String]| -> Vec<String> { list.to_vec() };
    let committee = as_str(&lists.committee);
    // Every plan lists a committee of at least four and at most its seats + 1 vice-chair
    // candidates from its second candidate on (the plan's tests check it), so these indices hold.
    let vice_chairs: Vec<String> = committee[1..plan.vice_chairs as usize + 2].to_vec();
    let scrutineers = &lists.scrutineers;
    let contests = [
        (
            "committee",
            "committee",
            "工会委员会委员",
            plan.committee,
            "all",
            committee.clone(),
        ),
        (
            "audit",
            "audit_committee",
            "经费审查委员会委员",
            plan.audit,
            "all",
            as_str(&lists.audit),
        ),
        (
            "women",
            "women_committee",
            "女职工委员会委员",
            plan.women,
            "female",
            as_str(&lists.women),
        ),
        (
            "chair",
            "chair",
            "工会主席",
            1,
            "plenary",
            vec![committee[0].clone()],
        ),
        (
            "vice_chair",
            "vice_chair",
            "工会副主席",
            plan.vice_chairs,
            "plenary",
            vice_chairs,
        ),
        (
            "audit_director",
            "audit_director",
            "经费审查委员会主任",
            1,
            "audit_plenary",
            lists.audit[..2].to_vec(),
        ),
        (
            "women_director",
            "women_director",
            "女职工委员会主任",
            1,
            "women_plenary",
            lists.women[..2].to_vec(),
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
                (c.clone(), percent)
            })
            .collect();
        popularity.insert((*contest).to_owned(), liked);
    }
    api.put(
        &format!("/congresses/{id}/scrutineers"),
        json!([{"number": scrutineers[0], "role": "chief"}, {"number": scrutineers[1], "role": "scrutineer"},
               {"number": scrutineers[2], "role": "scrutineer"}]),
    )
    .await?;
    let (joint_key, files) = key_ceremony(&api, address, &id, scrutineers, key_files).await?;
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
        openers: Vec::new(),
        challenged: 0,
    };
    // Trustees 1 and 2 open every round; trustee 3 keeps their key file unused.
    for file in files.into_iter().take(THRESHOLD as usize) {
        let client = ApiClient::new(&format!("http://{address}"), None)?;
        client
            .sign_in(TRUSTEES[file.trustee as usize - 1], PASSWORD)
            .await?;
        demo.openers.push((client, file));
    }
    demo.say(format!(
        "trustees {}: the key ceremony is complete, any {} of the {} open a count; joint key {joint_key}",
        TRUSTEES.join("、"),
        THRESHOLD,
        TRUSTEES.len()
    ));
    demo.say(format!(
        "congress {id}: {} delegates ({} voting, {} of them women), manifest {}, key fingerprint {}",
        delegates.len(),
        voters.len(),
        women,
        frozen["manifest_hash"].as_str().unwrap_or(""),
        frozen["key_fingerprint"].as_str().unwrap_or("")
    ));

    // Cards for every style, with spares, as a print shop would deliver them.
    let mut cards: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (style, count) in [
        ("general", voters.len() - women + 5),
        ("female", women + 5),
        ("plenary", plan.committee as usize + 3),
        ("audit_plenary", plan.audit as usize + 3),
        ("women_plenary", plan.women as usize + 3),
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

    // Check-in: the candidates and scrutineers come, and most other delegates; never so few
    // that the quorum fails or that a contest's electorate could not reach the threshold. The
    // desk hands each voter a card of their style.
    let standing: std::collections::BTreeSet<&str> = contests
        .iter()
        .flat_map(|c| c.5.iter().map(String::as_str))
        .chain(scrutineers.iter().map(String::as_str))
        .collect();
    let (mut absent, mut absent_women) = (0, 0);
    let mut active = Vec::new();
    for delegate in &delegates {
        let may_stay_away = !standing.contains(delegate.number.as_str())
            && 4 * (absent + 1) <= voters.len()
            && (!delegate.female || 4 * (absent_women + 1) <= women);
        if delegate.voting && may_stay_away && demo.choices.chance(7) {
            absent += 1;
            absent_women += usize::from(delegate.female);
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
        active.push(Card {
            code: demo.hand_over(&mut cards, style).await?,
            style: style.to_owned(),
        });
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
        let kiosk = ApiClient::new(&format!("http://{address}"), None)?;
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
    demo.follow_ups("congress", &active).await?;

    // Each new body's first meeting elects its heads from its members: the committee's plenary
    // the chair and vice-chairs, the funds audit committee its 主任, the women workers'
    // committee its 主任.
    for (sitting, members_are) in MEETINGS {
        let next = demo.api.get(&demo.path("/next")).await?;
        let members: Vec<String> = next["sittings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["sitting"] == sitting)
            .flat_map(|s| s["members"].as_array().cloned().unwrap_or_default())
            .filter_map(|m| m.as_str().map(str::to_owned))
            .collect();
        let mut meeting_cards = Vec::new();
        for member in &members {
            demo.desk
                .post(
                    &demo.path(&format!("/sittings/{sitting}/check-ins")),
                    json!({"number": member}),
                    StatusCode::OK,
                )
                .await?;
            meeting_cards.push(Card {
                code: demo.hand_over(&mut cards, sitting).await?,
                style: sitting.to_owned(),
            });
        }
        demo.say(format!(
            "{sitting}: {} {members_are} present",
            meeting_cards.len()
        ));
        demo.follow_ups(sitting, &meeting_cards).await?;
    }

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
    let inspector = ApiClient::new(&format!("http://{address}"), None)?;
    inspector.sign_in("总监票人", PASSWORD).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_demo_congress_is_exactly_the_persons_its_small_plan_needs() {
        let small = Plan::for_delegates(MIN_DELEGATES);
        assert_eq!(small.persons(), MIN_DELEGATES as usize);
        assert_eq!(small.committee, 3);
    }

    #[test]
    fn every_plan_fits_its_roster_and_its_lists_have_a_candidate_more_than_seats() {
        for delegates in MIN_DELEGATES..=5000 {
            let plan = Plan::for_delegates(delegates);
            let voting = (1..=delegates).filter(|i| i % 60 != 0).count();
            assert!(plan.persons() <= voting, "{delegates} delegates");
            let range = crate::election::SizeTable::ACFTU_2016.seats_for(members(delegates));
            assert!(
                delegates < FULL_SIZE || range.contains(plan.committee),
                "{delegates} delegates: a committee of {}",
                plan.committee
            );
            assert!(plan.committee_women <= plan.committee as usize + 1);
            assert!(plan.vice_chairs as usize + 2 <= plan.committee as usize + 1);
        }
    }

    #[test]
    fn the_lists_are_distinct_persons_of_the_right_gender_whatever_the_seed() {
        for (delegates, seed) in [(MIN_DELEGATES, 1), (12, 7), (30, 1), (35, 1), (700, 3)] {
            let plan = Plan::for_delegates(delegates);
            let (roster, lists) = roster(delegates, &plan, &mut Choices(seed));
            let person = |number: &str| roster.iter().find(|d| d.number == number).unwrap();
            assert_eq!(lists.women.len(), plan.women as usize + 1);
            assert!(lists.women.iter().all(|n| person(n).female));
            assert!(!lists.committee.iter().any(|n| lists.audit.contains(n)));
            let standing: Vec<&String> = lists
                .committee
                .iter()
                .chain(&lists.audit)
                .chain(&lists.women)
                .collect();
            assert!(!lists.scrutineers.iter().any(|s| standing.contains(&s)));
            assert!(standing.iter().all(|n| person(n).voting));
        }
    }
}
