//! The `ballotbox` command: parses arguments and calls the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use ballotbox::election::CountSheet;
use ballotbox::server::Transport;
use ballotbox::store::users::Role;
use ballotbox::store::{Store, audit, now_ms, users};

/// Secure voting and election tally for trade-union founding congresses.
#[derive(Parser)]
#[command(name = "ballotbox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count a count sheet by the election rules and print the result.
    ///
    /// Exit status: 0 when a result was computed (whatever it says), 2 when the sheet is
    /// malformed or its setup breaks a rule.
    Tally {
        /// The count sheet (JSON); `-` reads standard input.
        file: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Verify an election record offline: every round, ballot, count, hash and signature.
    ///
    /// Exit status: 0 when everything the record claims holds, 1 naming the first thing that
    /// does not (or, with --receipt, when the receipt is not included), 2 when the file is not
    /// an election record.
    Verify {
        /// The election record (JSON); `-` reads standard input.
        record: PathBuf,
        /// Print a machine-readable report (JSON) instead of the summary.
        #[arg(long)]
        json: bool,
        /// Check one receipt code instead: find its ballot and prove it is in the signed tree.
        #[arg(long, value_name = "CODE")]
        receipt: Option<String>,
    },
    /// Put names in ballot order (RULES.md §2): read one name a line, print them in stroke
    /// order, one a line. Blank lines are left out.
    BallotOrder {
        /// `surname` (按姓氏笔画, a one-character given name counts as a blank, the default) or
        /// `full` (按姓名笔画, no blank).
        #[arg(long, value_enum, default_value_t = Method::Surname)]
        method: Method,
        /// The names; standard input when left out or `-`.
        file: Option<PathBuf>,
    },
    /// Run a whole founding congress through the HTTP API on loopback, against a temporary
    /// SQLite database, and write its election record.
    Demo {
        /// Delegates on the roster.
        #[arg(long, default_value_t = 120)]
        delegates: u32,
        /// Kiosks casting at the same time.
        #[arg(long, default_value_t = 4)]
        kiosks: u32,
        /// Where to write the election record.
        #[arg(long, default_value = "ballotbox-demo-record.json")]
        out: PathBuf,
        /// The seed of the voters' choices: the same seed, the same congress.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Run the server on the embedded SQLite database, or on PostgreSQL.
    Serve {
        #[command(flatten)]
        database: Database,
        /// The address to listen on. Any but a loopback address needs --tls-cert and --tls-key.
        #[arg(long, env = "BALLOTBOX_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Serve HTTPS with this certificate (PEM; the server's first, then its CA's), as
        /// `ballotbox tls init` writes it.
        #[arg(
            long,
            env = "BALLOTBOX_TLS_CERT",
            requires = "tls_key",
            value_name = "FILE"
        )]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM).
        #[arg(
            long,
            env = "BALLOTBOX_TLS_KEY",
            requires = "tls_cert",
            value_name = "FILE"
        )]
        tls_key: Option<PathBuf>,
        /// DANGEROUS: serve plain HTTP on an address other machines reach, so that passwords,
        /// card codes and ballots cross the network in clear.
        #[arg(long, conflicts_with = "tls_cert")]
        insecure_http: bool,
    },
    /// Make the certificates for HTTPS on the congress LAN.
    Tls {
        #[command(subcommand)]
        action: TlsAction,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// A trustee's part in sealing the ballots, from the command line.
    Trustee {
        #[command(subcommand)]
        action: TrusteeAction,
    },
    /// A voting kiosk without a screen: for dress rehearsals, load tests and scripted checks.
    Kiosk {
        #[command(subcommand)]
        action: KioskAction,
    },
}

#[derive(Subcommand)]
enum TrusteeAction {
    /// Take part in the key ceremony to its end, and write the trustee's key file. Standard
    /// input gives two lines: the inspector account's password, then the passphrase that seals
    /// the key file (keep it: it is asked for whenever a count is opened).
    Ceremony {
        /// The server, such as https://192.168.1.10:8443.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The congress CA (ca.pem from `ballotbox tls init`), for an HTTPS server.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// The congress's id.
        #[arg(long, value_name = "ID")]
        congress: String,
        /// The trustee's inspector account.
        #[arg(long, value_name = "NAME")]
        account: String,
        /// Where to write the key file; it must not exist.
        #[arg(long, value_name = "FILE")]
        key_file: PathBuf,
        /// Seconds between looks at the ceremony while waiting for the other trustees.
        #[arg(long, default_value_t = 2.0)]
        poll: f64,
        /// Read the password and the passphrase from standard input (required: secrets never
        /// go on the command line).
        #[arg(long, required = true)]
        secrets_stdin: bool,
    },
    /// Open a closed sealed round with the trustee's key file: check every ballot of the round
    /// and its signed tree head, then decrypt the totals (and the write-ins) partially, with a
    /// proof, waiting for the other trustees as needed. Standard input gives two lines: the
    /// inspector account's password, then the key file's passphrase.
    Open {
        /// The server, such as https://192.168.1.10:8443.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The congress CA (ca.pem from `ballotbox tls init`), for an HTTPS server.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// The congress's id.
        #[arg(long, value_name = "ID")]
        congress: String,
        /// The round's number.
        #[arg(long)]
        round: u32,
        /// The trustee's inspector account.
        #[arg(long, value_name = "NAME")]
        account: String,
        /// The trustee's key file.
        #[arg(long, value_name = "FILE")]
        key_file: PathBuf,
        /// Seconds between looks at the opening while waiting for the other trustees.
        #[arg(long, default_value_t = 2.0)]
        poll: f64,
        /// Read the password and the passphrase from standard input (required).
        #[arg(long, required = true)]
        secrets_stdin: bool,
    },
}

#[derive(Subcommand)]
enum KioskAction {
    /// Enrol this terminal as a kiosk with the organiser's pairing code; the kiosk's credential
    /// is written to FILE (keep it as a kiosk's screen is kept: it casts ballots).
    Pair {
        /// The server, such as https://192.168.1.10:8443.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The congress CA (ca.pem from `ballotbox tls init`), for an HTTPS server.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// The pairing code.
        #[arg(long)]
        code: String,
        /// Where to write the credential; it must not exist.
        #[arg(long, value_name = "FILE")]
        credential: PathBuf,
    },
    /// Cast a ballot for a card (sealed and proved as the kiosk page does), or challenge it;
    /// prints the answer as JSON (receipt, short receipt, tracker).
    Cast {
        /// The server.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The congress CA, for an HTTPS server.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// The credential file `kiosk pair` wrote.
        #[arg(long, value_name = "FILE")]
        credential: PathBuf,
        /// The card's code, as typed, or its QR payload.
        #[arg(long)]
        card: String,
        /// Refuse unless this round is the open one.
        #[arg(long)]
        round: Option<u32>,
        /// Challenge the sealed ballot (检验此票) instead of casting it: it is published with its
        /// opening, never counted, and the card stays unspent.
        #[arg(long)]
        challenge: bool,
        /// The marks: a JSON object of sections by contest id, each with `for`, `against`,
        /// `abstain` (candidate ids) and `write_ins` (names); `-` reads standard input.
        marks: PathBuf,
    },
}

/// The database every command that works on the server's data uses: one flag, one variable and
/// one default, so that `user add` and `audit verify` find the database `serve` serves.
#[derive(clap::Args)]
struct Database {
    /// The database: `sqlite://FILE` (a relative FILE is in the folder the command runs in) or
    /// `postgres://…` [default: sqlite://ballotbox.db]
    #[arg(long = "db", env = "BALLOTBOX_DB", value_name = "URL")]
    url: Option<String>,
}

const DEFAULT_DB: &str = "sqlite://ballotbox.db";

impl Database {
    /// The URL given, or the default.
    fn url(&self) -> String {
        self.url.clone().unwrap_or_else(|| DEFAULT_DB.to_owned())
    }

    /// Opens the server's database for a command other than `serve`. A database named with
    /// --db or BALLOTBOX_DB is created when missing (accounts may be made before the first
    /// `serve`); the default one must exist already, since a missing ballotbox.db means the
    /// command runs in another folder than `serve` did, and an account made there would be in a
    /// database no server uses.
    async fn open(&self) -> anyhow::Result<(Store, String)> {
        let url = self.url();
        let store = match self.url {
            Some(_) => Store::connect(&url).await,
            None => Store::open_existing(&url).await,
        }
        .with_context(|| format!("opening the database {url}"))?;
        Ok((store, url))
    }
}

#[derive(Subcommand)]
enum UserAction {
    /// Create an account; the password is read from standard input.
    Add {
        /// What the account may do.
        #[arg(long, value_enum)]
        role: Role,
        /// The login name.
        #[arg(long)]
        name: String,
        /// Limit a desk or inspector account to this congress (its id); give it again for
        /// several. Without it the account serves every congress.
        #[arg(long = "congress", value_name = "ID")]
        congresses: Vec<String>,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        database: Database,
    },
}

#[derive(Subcommand)]
enum TlsAction {
    /// Make a congress CA and a server certificate for the given names and addresses, in DIR:
    /// ca.pem (install it on every kiosk, desk and console device), cert.pem and key.pem (for
    /// `serve --tls-cert --tls-key`). Prints the fingerprints to compare on the devices.
    Init {
        /// The folder to write to; files already there are never overwritten.
        dir: PathBuf,
        /// An IP address or host name by which the devices reach the server, such as
        /// 192.168.1.10; repeat for each.
        #[arg(long = "host", required = true, value_name = "NAME_OR_IP")]
        hosts: Vec<String>,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute the audit log's hash chain; exit 1 naming the first entry that does not hold.
    Verify {
        #[command(flatten)]
        database: Database,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Method {
    /// 按姓氏笔画: the profile's `surname_strokes`.
    Surname,
    /// 按姓名笔画: the profile's `name_strokes`.
    Full,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The result as JSON, for machines.
    Json,
    /// A readable table in Chinese and English.
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Tally { file, format } => tally(&file, format),
        Command::Verify {
            record,
            json,
            receipt,
        } => match verify(&record, json, receipt.as_deref()) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::from(1),
            Err(error) => Err(error),
        },
        Command::BallotOrder { method, file } => ballot_order(method, file),
        Command::Demo {
            delegates,
            kiosks,
            out,
            seed,
        } => run_async(demo(ballotbox::demo::DemoOptions {
            delegates,
            kiosks,
            out,
            seed,
        })),
        Command::Serve {
            database,
            listen,
            tls_cert,
            tls_key,
            insecure_http,
        } => {
            let transport = match (tls_cert, tls_key) {
                (Some(cert), Some(key)) => Transport::Https { cert, key },
                _ => Transport::Http {
                    dangerously_on_any_address: insecure_http,
                },
            };
            run_async(serve(database.url(), listen, transport))
        }
        Command::Tls {
            action: TlsAction::Init { dir, hosts },
        } => tls_init(&dir, &hosts),
        Command::User {
            action:
                UserAction::Add {
                    role,
                    name,
                    congresses,
                    password_stdin: _,
                    database,
                },
        } => run_async(add_user(database, role, name, congresses)),
        Command::Trustee {
            action:
                TrusteeAction::Ceremony {
                    server,
                    ca,
                    congress,
                    account,
                    key_file,
                    poll,
                    secrets_stdin: _,
                },
        } => run_async(trustee_ceremony(
            server, ca, congress, account, key_file, poll,
        )),
        Command::Trustee {
            action:
                TrusteeAction::Open {
                    server,
                    ca,
                    congress,
                    round,
                    account,
                    key_file,
                    poll,
                    secrets_stdin: _,
                },
        } => run_async(trustee_open(
            server, ca, congress, round, account, key_file, poll,
        )),
        Command::Kiosk {
            action:
                KioskAction::Pair {
                    server,
                    ca,
                    code,
                    credential,
                },
        } => run_async(kiosk_pair(server, ca, code, credential)),
        Command::Kiosk {
            action:
                KioskAction::Cast {
                    server,
                    ca,
                    credential,
                    card,
                    round,
                    challenge,
                    marks,
                },
        } => run_async(kiosk_cast(
            server, ca, credential, card, round, challenge, marks,
        )),
        Command::Audit {
            action: AuditAction::Verify { database },
        } => match run_async(verify_audit(database)) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::from(1),
            Err(error) => Err(error),
        },
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, naming the problem and where.
            let message = format!("{error:#}").replace('\n', " ");
            eprintln!("ballotbox: {message}");
            ExitCode::from(2)
        }
    }
}

fn tally(file: &PathBuf, format: Format) -> anyhow::Result<()> {
    let text = read_input(file)?;
    let source = if file.as_os_str() == "-" {
        "standard input".into()
    } else {
        file.display().to_string()
    };
    let sheet = CountSheet::parse(&text).context(source)?;
    let result = sheet.tally();
    let rendered = match format {
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Text => ballotbox::report::text(&result),
    };
    std::io::stdout()
        .lock()
        .write_all(rendered.as_bytes())
        .context("writing the result")?;
    Ok(())
}

fn ballot_order(method: Method, file: Option<PathBuf>) -> anyhow::Result<()> {
    use ballotbox::election::{BallotOrder, ballot_order};
    let text = read_input(&file.unwrap_or_else(|| PathBuf::from("-")))?;
    let method = match method {
        Method::Surname => BallotOrder::SurnameStrokes,
        Method::Full => BallotOrder::NameStrokes,
    };
    let mut out = String::new();
    let names = ballot_order::order_lines(&text, method).map_err(|(line, error)| {
        anyhow::anyhow!("line {line}: the name {error}: {}", error.advice())
    })?;
    for name in names {
        out.push_str(&name);
        out.push('\n');
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing the names")?;
    Ok(())
}

/// Verifies a record, or one receipt in it; `Ok(false)` when it does not hold.
fn verify(file: &PathBuf, json: bool, receipt: Option<&str>) -> anyhow::Result<bool> {
    use ballotbox::record::verify::{self, ReceiptError};
    let text = read_input(file)?;
    let source = if file.as_os_str() == "-" {
        "standard input".into()
    } else {
        file.display().to_string()
    };
    let record = verify::parse_record(&text).context(source)?;
    // The text is not needed again; a large record's text is gigabytes.
    drop(text);
    let (rendered, holds) = match receipt {
        Some(code) => match verify::verify_receipt(&record, code) {
            Err(error @ ReceiptError::Malformed(_)) => return Err(error.into()),
            Ok(report) if json => {
                let found = serde_json::json!({"ok": true, "proof": report, "failure": null});
                (serde_json::to_string_pretty(&found)? + "\n", true)
            }
            Ok(report) => (report.text(), true),
            Err(error) if json => {
                let failure =
                    serde_json::json!({"ok": false, "proof": null, "failure": error.to_string()});
                (serde_json::to_string_pretty(&failure)? + "\n", false)
            }
            Err(error) => (format!("回执未收录 NOT INCLUDED: {error}\n"), false),
        },
        None => {
            let report = verify::verify(&record);
            let rendered = if json {
                serde_json::to_string_pretty(&report)? + "\n"
            } else {
                report.text()
            };
            (rendered, report.ok)
        }
    };
    std::io::stdout()
        .lock()
        .write_all(rendered.as_bytes())
        .context("writing the report")?;
    // The process ends here: freeing a large record piece by piece would only keep the
    // inspector waiting, and the system takes the memory back at once.
    std::mem::forget(record);
    Ok(holds)
}

fn run_async<T>(future: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Runtime::new()
        .context("starting the async runtime")?
        .block_on(future)
}

async fn serve(db: String, listen: String, transport: Transport) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let store = Store::connect(&db)
        .await
        .with_context(|| format!("opening the database {db}"))?;
    println!("database: {}", ballotbox::store::describe(&db));
    ballotbox::server::serve(store, &listen, transport).await?;
    Ok(())
}

async fn demo(options: ballotbox::demo::DemoOptions) -> anyhow::Result<()> {
    let outcome = ballotbox::demo::run(&options).await?;
    for line in &outcome.log {
        println!("{line}");
    }
    println!(
        "{} ballots cast by {} kiosks at {:.0} casts/s",
        outcome.casts,
        options.kiosks,
        outcome.casts as f64 / outcome.casting.as_secs_f64().max(1e-9)
    );
    let report = ballotbox::record::verify::verify(&outcome.record);
    print!("{}", report.text());
    println!("election record written to {}", options.out.display());
    println!(
        "check it yourself: ballotbox verify {}",
        options.out.display()
    );
    if !report.ok {
        anyhow::bail!("the demo's record does not verify");
    }
    Ok(())
}

/// The account's password and the key file's passphrase, the two lines of standard input.
fn trustee_secrets() -> anyhow::Result<(
    zeroize::Zeroizing<String>,
    ballotbox::record::sealed::key_file::Passphrase,
)> {
    let mut lines = std::io::stdin().lines();
    let mut line = |what: &str| -> anyhow::Result<zeroize::Zeroizing<String>> {
        let text = lines
            .next()
            .with_context(|| format!("standard input ends before {what}"))?
            .with_context(|| format!("reading {what} from standard input"))?;
        Ok(zeroize::Zeroizing::new(
            text.trim_end_matches('\r').to_owned(),
        ))
    };
    let password = line("the account's password")?;
    let passphrase = line("the key file's passphrase")?;
    Ok((
        password,
        ballotbox::record::sealed::key_file::Passphrase::new(&passphrase),
    ))
}

async fn trustee_open(
    server: String,
    ca: Option<PathBuf>,
    congress: String,
    round: u32,
    account: String,
    key_file: PathBuf,
    poll: f64,
) -> anyhow::Result<()> {
    let (password, passphrase) = trustee_secrets()?;
    let text = std::fs::read_to_string(&key_file)
        .with_context(|| format!("reading the key file {}", key_file.display()))?;
    let file: ballotbox::record::sealed::key_file::TrusteeKeyFile = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a trustee key file", key_file.display()))?;
    let client = ballotbox::client::ApiClient::new(&server, ca.as_deref())?;
    client.sign_in(&account, &password).await?;
    let run = ballotbox::trustee::OpeningRun {
        congress,
        round,
        poll: std::time::Duration::from_secs_f64(poll.clamp(0.05, 60.0)),
    };
    let view = ballotbox::trustee::open_round(&client, &run, &file, &passphrase, &mut |line| {
        eprintln!("{line}")
    })
    .await?;
    println!("{}", serde_json::to_string_pretty(&view)?);
    Ok(())
}

async fn kiosk_pair(
    server: String,
    ca: Option<PathBuf>,
    code: String,
    credential: PathBuf,
) -> anyhow::Result<()> {
    let client = ballotbox::client::ApiClient::new(&server, ca.as_deref())?;
    let token = ballotbox::kiosk::pair(&client, &code).await?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&credential)
        .with_context(|| format!("creating the credential {}", credential.display()))?;
    writeln!(file, "{token}")?;
    eprintln!(
        "kiosk enrolled; its credential is in {}",
        credential.display()
    );
    Ok(())
}

async fn kiosk_cast(
    server: String,
    ca: Option<PathBuf>,
    credential: PathBuf,
    card: String,
    round: Option<u32>,
    challenge: bool,
    marks: PathBuf,
) -> anyhow::Result<()> {
    let token = std::fs::read_to_string(&credential)
        .with_context(|| format!("reading the credential {}", credential.display()))?;
    let client = ballotbox::client::ApiClient::new(&server, ca.as_deref())?
        .with_cookie(ballotbox::kiosk::CREDENTIAL_COOKIE, token.trim())?;
    let text = if marks.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        std::fs::read_to_string(&marks)
            .with_context(|| format!("reading the marks {}", marks.display()))?
    };
    let marks = ballotbox::kiosk::read_marks(&text)?;
    let voted = ballotbox::kiosk::vote(&client, &card, round, &marks, challenge).await?;
    let mut answer = voted.answer;
    // The QR code is for a printer, not a terminal.
    if let Some(object) = answer.as_object_mut() {
        object.remove("qr");
        object.insert("tracker".into(), serde_json::json!(voted.tracker));
    }
    println!("{}", serde_json::to_string_pretty(&answer)?);
    Ok(())
}

async fn trustee_ceremony(
    server: String,
    ca: Option<PathBuf>,
    congress: String,
    account: String,
    key_file: PathBuf,
    poll: f64,
) -> anyhow::Result<()> {
    let (password, passphrase) = trustee_secrets()?;
    passphrase.check_new()?;
    let client = ballotbox::client::ApiClient::new(&server, ca.as_deref())?;
    client.sign_in(&account, &password).await?;
    let run = ballotbox::trustee::CeremonyRun {
        congress,
        account,
        key_file,
        poll: std::time::Duration::from_secs_f64(poll.clamp(0.05, 60.0)),
    };
    ballotbox::trustee::take_part(&client, &run, &passphrase, &mut |line| eprintln!("{line}"))
        .await?;
    Ok(())
}

async fn add_user(
    database: Database,
    role: Role,
    name: String,
    congresses: Vec<String>,
) -> anyhow::Result<()> {
    if role == Role::Organiser && !congresses.is_empty() {
        anyhow::bail!(
            "an organiser account serves every congress: --congress is for desk and inspector accounts"
        );
    }
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    let name = ballotbox::server::auth::check_new_account(&name, password)?;
    let hash = ballotbox::server::auth::hash_password(password)?;
    let (store, db) = database.open().await?;
    let mut tx = store.write().await?;
    let now = now_ms();
    for id in &congresses {
        if ballotbox::store::congress::get(&mut tx, id)
            .await?
            .is_none()
        {
            anyhow::bail!("there is no congress \"{id}\": give the id the console shows");
        }
    }
    match users::insert_limited(&mut tx, &name, role, &congresses, &hash, now).await {
        Err(e) if e.is_unique_violation() => {
            anyhow::bail!("an account named \"{name}\" exists already")
        }
        other => other?,
    };
    let detail = serde_json::json!({"name": name, "role": role.as_str(), "congresses": congresses});
    audit::append(&mut tx, "command line", "account.create", detail, now).await?;
    tx.commit().await?;
    let place = ballotbox::store::describe(&db);
    if congresses.is_empty() {
        println!("created {} account \"{name}\" in {place}", role.as_str());
    } else {
        println!(
            "created {} account \"{name}\" for congress {} in {place}",
            role.as_str(),
            congresses.join(", ")
        );
    }
    Ok(())
}

async fn verify_audit(database: Database) -> anyhow::Result<bool> {
    let (store, _) = database.open().await?;
    let entries = audit::all(&mut *store.read().await?).await?;
    match audit::verify_chain(&entries) {
        Ok(()) => {
            println!(
                "the audit log holds: {} entries, chained from the first to the last",
                entries.len()
            );
            Ok(true)
        }
        Err(broken) => {
            println!("the audit log is broken: {broken}");
            Ok(false)
        }
    }
}

/// Reads a whole file, or standard input for `-`.
fn read_input(file: &PathBuf) -> anyhow::Result<String> {
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        return Ok(text);
    }
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}

fn tls_init(dir: &std::path::Path, hosts: &[String]) -> anyhow::Result<()> {
    let made = ballotbox::server::tls::init(dir, hosts)?;
    println!(
        "Wrote {} (install on every kiosk, desk and console device as a trusted authority),\n      \
         {} and {} (for ballotbox serve --tls-cert {} --tls-key {}).",
        made.ca.display(),
        made.cert.display(),
        made.key.display(),
        made.cert.display(),
        made.key.display()
    );
    if let Some(ca) = &made.fingerprints.ca {
        println!("congress CA fingerprint (SHA-256): {ca}");
    }
    println!(
        "server certificate fingerprint (SHA-256): {}",
        made.fingerprints.certificate
    );
    println!(
        "The CA's private key was not kept: a new certificate needs a new CA. Keep key.pem as secret as the ballot box."
    );
    Ok(())
}
