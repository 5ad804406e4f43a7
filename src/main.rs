//! The `ballotbox` command: parses arguments and calls the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use ballotbox::election::CountSheet;
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
    /// Run the server on the embedded SQLite database, or on PostgreSQL.
    Serve {
        /// The database: `sqlite://FILE` (created when missing) or `postgres://…`.
        #[arg(long, env = "BALLOTBOX_DB", default_value = DEFAULT_DB)]
        db: String,
        /// The address to listen on.
        #[arg(long, env = "BALLOTBOX_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
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
}

const DEFAULT_DB: &str = "sqlite://ballotbox.db";

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
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// The database.
        #[arg(long, env = "BALLOTBOX_DB", default_value = DEFAULT_DB)]
        db: String,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute the audit log's hash chain; exit 1 naming the first entry that does not hold.
    Verify {
        /// The database.
        #[arg(long, env = "BALLOTBOX_DB", default_value = DEFAULT_DB)]
        db: String,
    },
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
        Command::Serve { db, listen } => run_async(serve(db, listen)),
        Command::User {
            action:
                UserAction::Add {
                    role,
                    name,
                    password_stdin: _,
                    db,
                },
        } => run_async(add_user(db, role, name)),
        Command::Audit {
            action: AuditAction::Verify { db },
        } => match run_async(verify_audit(db)) {
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

fn run_async<T>(future: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Runtime::new()
        .context("starting the async runtime")?
        .block_on(future)
}

async fn serve(db: String, listen: String) -> anyhow::Result<()> {
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
    ballotbox::server::serve(store, &listen).await?;
    Ok(())
}

async fn add_user(db: String, role: Role, name: String) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    ballotbox::server::auth::check_new_account(&name, password)?;
    let hash = ballotbox::server::auth::hash_password(password)?;
    let store = Store::connect(&db)
        .await
        .with_context(|| format!("opening the database {db}"))?;
    let mut tx = store.write().await?;
    let now = now_ms();
    match users::insert(&mut tx, &name, role, &hash, now).await {
        Err(e) if e.is_unique_violation() => {
            anyhow::bail!("an account named \"{name}\" exists already")
        }
        other => other?,
    };
    let detail = serde_json::json!({"name": name, "role": role.as_str()});
    audit::append(&mut tx, "command line", "account.create", detail, now).await?;
    tx.commit().await?;
    println!("created {} account \"{name}\"", role.as_str());
    Ok(())
}

async fn verify_audit(db: String) -> anyhow::Result<bool> {
    let store = Store::connect(&db)
        .await
        .with_context(|| format!("opening the database {db}"))?;
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
