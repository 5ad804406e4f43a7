//! A real server on a random loopback port over a fresh database, per test, on SQLite and on
//! PostgreSQL.

use std::future::Future;

use ballotbox::client::ApiClient;
use ballotbox::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use ballotbox::server::{AppState, auth, router};
use ballotbox::store::users::{self, Role};
use ballotbox::store::{Store, audit, now_ms};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use sqlx::Connection;

/// Runs `test` against a fresh SQLite database.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("ballotbox.db").display());
    let app = TestApp::start(&url).await;
    test(app).await;
    drop(dir);
}

/// Runs `test` against a fresh PostgreSQL database on the server `BALLOTBOX_TEST_POSTGRES`
/// names, dropped afterwards; says it was skipped when the variable is unset.
pub async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let Ok(admin_url) = std::env::var("BALLOTBOX_TEST_POSTGRES") else {
        eprintln!(
            "SKIPPED on PostgreSQL: {name} (set BALLOTBOX_TEST_POSTGRES to a server URL to run it)"
        );
        return;
    };
    let database = format!("ballotbox_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("the PostgreSQL server answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .execute(&mut admin)
        .await
        .expect("a fresh database");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("the URL names a database");
    let app = TestApp::start(&format!("{base}/{database}")).await;
    let store = app.store.clone();
    test(app).await;
    store.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {database} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await
    .expect("the test database is dropped");
}

/// Declares a test that runs on both backends.
macro_rules! on_both {
    ($(#[$meta:meta])* async fn $name:ident($app:ident: TestApp) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::on_sqlite(run).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::on_postgres(stringify!($name), run).await;
            }
        }
    };
}
pub(crate) use on_both;

/// A running server and its database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// The database behind it.
    pub store: Store,
    /// The database's URL.
    pub url: String,
}

/// The password every test account has.
pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    async fn start(url: &str) -> TestApp {
        let store = Store::connect(url)
            .await
            .expect("the database opens and migrates");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let address = format!("http://{}", listener.local_addr().expect("an address"));
        let app = router(AppState::new(store.clone()));
        tokio::spawn(async move {
            axum::serve(listener, ballotbox::server::service(app))
                .await
                .expect("the server runs")
        });
        TestApp {
            address,
            store,
            url: url.to_owned(),
        }
    }

    /// An account of `role` named `name`.
    pub async fn account(&self, role: Role, name: &str) {
        self.account_for(role, name, &[]).await;
    }

    /// An account of `role` named `name`, limited to `congresses` (none: every congress).
    pub async fn account_for(&self, role: Role, name: &str, congresses: &[String]) {
        let hash = auth::hash_password(PASSWORD).expect("the password hashes");
        let mut tx = self.store.write().await.expect("a transaction");
        users::insert_limited(&mut tx, name, role, congresses, &hash, now_ms())
            .await
            .expect("the account is created");
        tx.commit().await.expect("committed");
    }

    /// A client signed in with a fresh account of `role`.
    pub async fn signed_in(&self, role: Role) -> Api {
        self.signed_in_for(role, &[]).await
    }

    /// A client signed in with a fresh account of `role` limited to `congresses`.
    pub async fn signed_in_for(&self, role: Role, congresses: &[String]) -> Api {
        let name = format!("{}-{}", role.as_str(), uuid::Uuid::new_v4().simple());
        self.account_for(role, &name, congresses).await;
        let api = self.anonymous();
        let response = api
            .post("/session", &json!({"name": name, "password": PASSWORD}))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "signing in works");
        api
    }

    /// A client without a session, connecting from the loopback address `local` (such as
    /// 127.0.0.2): another device, as the server sees it.
    pub fn anonymous_from(&self, local: std::net::IpAddr) -> Api {
        Api {
            base: format!("{}/api/v1", self.address),
            client: Client::builder()
                .cookie_store(true)
                .local_address(local)
                .build()
                .expect("a client"),
        }
    }

    /// A client without a session.
    pub fn anonymous(&self) -> Api {
        Api {
            base: format!("{}/api/v1", self.address),
            client: Client::builder()
                .cookie_store(true)
                .build()
                .expect("a client"),
        }
    }

    /// How many audit entries there are: every change adds one, a refusal none.
    pub async fn audit_len(&self) -> usize {
        audit::all(&mut self.store.read().await.expect("a connection"))
            .await
            .expect("the log reads")
            .len()
    }
}

/// A client of the API, with its own cookies.
#[derive(Clone)]
pub struct Api {
    base: String,
    /// The HTTP client.
    pub client: Client,
}

impl Api {
    /// The API's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// GET.
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the server answers")
    }

    /// POST JSON.
    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    /// PUT JSON.
    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.client
            .put(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    /// PUT a CSV file.
    pub async fn put_csv(&self, path: &str, body: impl Into<reqwest::Body>) -> Response {
        self.client
            .put(format!("{}{path}", self.base))
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .expect("the server answers")
    }

    /// DELETE.
    pub async fn delete(&self, path: &str) -> Response {
        self.client
            .delete(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the server answers")
    }

    /// Sends raw bytes with a method and content type.
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("the server answers")
    }
}

/// The JSON of a response whose status must be `status`.
pub async fn expect(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let text = response.text().await.expect("a body");
    assert_eq!(actual, status, "body: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The courier union's roster: 30 delegates, 12 of them women, one with membership retained.
pub fn roster_csv() -> String {
    let people = [
        ("王芳", "女", "顺丰速运"),
        ("李强", "男", "中通快递"),
        ("张伟", "男", "圆通速递"),
        ("刘洋", "男", "申通快递"),
        ("陈静", "女", "韵达快递"),
        ("杨磊", "男", "极兔速递"),
        ("赵敏", "女", "京东物流"),
        ("黄涛", "男", "中国邮政"),
        ("周丽", "女", "顺丰速运"),
        ("吴刚", "男", "中通快递"),
        ("郑红", "女", "圆通速递"),
        ("孙明", "男", "申通快递"),
        ("林燕", "女", "韵达快递"),
        ("何丹", "女", "极兔速递"),
        ("高娟", "女", "京东物流"),
        ("马超", "男", "中国邮政"),
        ("罗军", "男", "顺丰速运"),
        ("梁勇", "男", "中通快递"),
        ("宋杰", "男", "圆通速递"),
        ("谢芳", "女", "申通快递"),
        ("韩冰", "女", "韵达快递"),
        ("唐亮", "男", "极兔速递"),
        ("冯磊", "男", "京东物流"),
        ("于洋", "男", "中国邮政"),
        ("董强", "男", "顺丰速运"),
        ("萧红", "女", "中通快递"),
        ("程刚", "男", "圆通速递"),
        ("曹伟", "男", "申通快递"),
        ("袁丽", "女", "韵达快递"),
        ("邓超", "男", "极兔速递"),
    ];
    let mut csv = String::from("代表编号,姓名,性别,单位,选举权\n");
    for (i, (name, gender, unit)) in people.iter().enumerate() {
        let voting = if i == 29 { "保留会籍" } else { "是" };
        csv.push_str(&format!("D{:03},{name},{gender},{unit},{voting}\n", i + 1));
    }
    csv
}

/// A congress with a roster, ready for contests.
pub async fn congress_with_roster(organiser: &Api) -> String {
    let congress = expect(
        organiser
            .post(
                "/congresses",
                &json!({"name": "江城市快递员工会成立大会", "union_name": "江城市快递员工会", "date": "2026-11-28",
                        "venue": "江城市总工会大礼堂", "members": 180, "female_members": 64}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let id = congress["id"].as_str().expect("an id").to_owned();
    expect(
        organiser
            .put_csv(&format!("/congresses/{id}/roster"), roster_csv())
            .await,
        StatusCode::OK,
    )
    .await;
    id
}

/// A congress set up with the bodies of a founding congress, valid and ready to freeze.
pub async fn congress_ready(organiser: &Api) -> String {
    let id = congress_with_roster(organiser).await;
    put_bodies(
        organiser,
        &id,
        [
            &[
                "D002", "D003", "D004", "D006", "D008", "D010", "D001", "D005",
            ],
            &["D012", "D016", "D017", "D018"],
            &["D001", "D007", "D009", "D011", "D013", "D014"],
        ],
        ["D020", "D021", "D022"],
    )
    .await;
    id
}

/// Sets up the bodies of a founding congress: a committee of 7, an audit committee of 3 and a
/// women's committee of 5 (elected by the women) with these `lists`, and the chief scrutineer,
/// a scrutineer and a teller.
pub async fn put_bodies(organiser: &Api, id: &str, lists: [&[&str]; 3], scrutineers: [&str; 3]) {
    let bodies = [
        ("committee", "committee", "工会委员会委员", 7, "all"),
        ("audit", "audit_committee", "经费审查委员会委员", 3, "all"),
        ("women", "women_committee", "女职工委员会委员", 5, "female"),
    ];
    for ((contest, kind, title, seats, electorate), candidates) in bodies.into_iter().zip(lists) {
        expect(
            organiser
                .put(
                    &format!("/congresses/{id}/contests/{contest}"),
                    &json!({"kind": kind, "title": title, "seats": seats, "electorate": electorate, "candidates": candidates}),
                )
                .await,
            StatusCode::OK,
        )
        .await;
    }
    let [chief, scrutineer, teller] = scrutineers;
    expect(
        organiser
            .put(
                &format!("/congresses/{id}/scrutineers"),
                &json!([{"number": chief, "role": "chief"}, {"number": scrutineer, "role": "scrutineer"}, {"number": teller, "role": "teller"}]),
            )
            .await,
        StatusCode::OK,
    )
    .await;
}

/// The passphrase of every test trustee's key file.
pub const PASSPHRASE: &str = "correct horse battery staple 监票";

/// A client signed in as the account `name` (made with [`PASSWORD`]).
pub async fn client_of(app: &TestApp, name: &str) -> ApiClient {
    let client = ApiClient::new(&app.address, None).expect("a client");
    client
        .sign_in(name, PASSWORD)
        .await
        .expect("the account signs in");
    client
}

/// A test congress's one trustee, its threshold 1: the chief scrutineer D020, through an
/// inspector account of its own, with the key file the ceremony gave it. It opens the
/// congress's rounds alone.
pub struct Trustee {
    client: ApiClient,
    congress: String,
    key_file: TrusteeKeyFile,
}

impl Trustee {
    /// Names D020 the congress's one trustee and runs the key ceremony to its end: the
    /// congress is then ready to freeze.
    pub async fn of(app: &TestApp, organiser: &Api, congress: &str) -> Trustee {
        let account = format!("chief-{}", uuid::Uuid::new_v4().simple());
        app.account(Role::Inspector, &account).await;
        expect(
            organiser
                .put(
                    &format!("/congresses/{congress}/trustees"),
                    &json!({"threshold": 1, "trustees": [{"scrutineer": "D020", "account": account}]}),
                )
                .await,
            StatusCode::OK,
        )
        .await;
        let client = client_of(app, &account).await;
        let folder = tempfile::tempdir().expect("a temporary directory");
        let run = ballotbox::trustee::CeremonyRun {
            congress: congress.to_owned(),
            account,
            key_file: folder.path().join("key.json"),
            poll: std::time::Duration::from_millis(20),
        };
        let key_file =
            ballotbox::trustee::take_part(&client, &run, &Passphrase::new(PASSPHRASE), &mut |_| {})
                .await
                .expect("the one trustee's ceremony completes");
        Trustee {
            client,
            congress: congress.to_owned(),
            key_file,
        }
    }

    /// Opens the closed round `number` with the trustee's share, to its count; the round's
    /// view, with its result.
    pub async fn open(&self, number: u64) -> Value {
        let run = ballotbox::trustee::OpeningRun {
            congress: self.congress.clone(),
            round: u32::try_from(number).expect("a round number"),
            poll: std::time::Duration::from_millis(20),
        };
        ballotbox::trustee::open_round(
            &self.client,
            &run,
            &self.key_file,
            &Passphrase::new(PASSPHRASE),
            &mut |_| {},
        )
        .await
        .expect("the trustee opens the round");
        self.client
            .get(&format!("/congresses/{}/rounds/{number}", self.congress))
            .await
            .expect("the round reads")
    }
}

/// Seals and freezes a congress ready to freeze: its one trustee (see [`Trustee`]), and the
/// freezing's answer.
pub async fn freeze(app: &TestApp, organiser: &Api, id: &str) -> (Trustee, Value) {
    let trustee = Trustee::of(app, organiser, id).await;
    let frozen = expect(
        organiser
            .post(&format!("/congresses/{id}/freeze"), &json!(null))
            .await,
        StatusCode::OK,
    )
    .await;
    (trustee, frozen)
}

/// Prints a batch of `count` cards of `style`: their typed codes and QR payloads.
pub async fn print_cards(
    organiser: &Api,
    id: &str,
    style: &str,
    count: u32,
) -> (Vec<String>, Vec<String>) {
    let batch = expect(
        organiser
            .post(
                &format!("/congresses/{id}/card-batches"),
                &json!({"style": style, "count": count}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let cards = batch["cards"].as_array().unwrap();
    let field = |name: &str| -> Vec<String> {
        cards
            .iter()
            .map(|c| c[name].as_str().unwrap().to_owned())
            .collect()
    };
    (field("code"), field("qr"))
}

/// `ballotbox serve` as its own process, on a free port of loopback.
pub struct ServerProcess {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub address: String,
}

impl ServerProcess {
    /// Starts the server on the database at `url`. With `log`, what it logs (at the default
    /// level, as an operator runs it) goes to that file; without, only warnings, to nowhere.
    pub fn start(url: &str, log: Option<&std::path::Path>) -> ServerProcess {
        use std::io::{BufRead, BufReader};
        use std::process::{Command, Stdio};

        let mut command = Command::new(env!("CARGO_BIN_EXE_ballotbox"));
        command
            .args(["serve", "--db", url, "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped());
        match log {
            Some(path) => {
                let file = std::fs::File::create(path).expect("a log file");
                command.env_remove("RUST_LOG").stderr(file);
            }
            None => {
                command.env("RUST_LOG", "warn").stderr(Stdio::null());
            }
        }
        let mut child = command.spawn().expect("the server starts");
        // Keep reading what the server prints, so that it never writes into a closed pipe.
        let stdout = child.stdout.take().expect("its output");
        let (first, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = first.send(line);
            }
        });
        // It names its database first, then where it serves.
        let address = loop {
            let line = lines
                .recv_timeout(std::time::Duration::from_secs(30))
                .expect("it says where it serves");
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().expect("an address").to_owned();
            }
        };
        ServerProcess {
            child,
            address: format!("http://{address}"),
        }
    }

    /// Kills it with SIGKILL: whatever it wrote stays as it was on disk.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("it is gone");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
