//! Persistence: one interface over SQLite (the embedded default) and PostgreSQL, chosen by the
//! URL scheme. Queries are written once, in SQL both engines accept, and run through sqlx's
//! `Any` driver; the migrations of each engine live in `migrations/sqlite` and
//! `migrations/postgres`.
//!
//! Every write runs in a transaction from [`Store::write`], and writes are serialised: SQLite
//! takes its write lock up front (`BEGIN IMMEDIATE`), PostgreSQL a transaction-scoped advisory
//! lock. Checks such as "no more cards activated than delegates present" are therefore made and
//! acted on atomically by every process that shares the database.

pub mod audit;
pub mod cards;
pub mod ceremony;
pub mod congress;
pub mod sittings;
pub mod users;
pub mod voting;

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, install_default_drivers};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, AnyPool, ConnectOptions, Connection, Executor, Row, Transaction};

/// An open write transaction.
pub type Tx = Transaction<'static, Any>;

/// Which engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, embedded.
    Sqlite,
    /// PostgreSQL, shared by several servers.
    Postgres,
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported database.
    #[error("the database URL must start with sqlite:// or postgres:// (got \"{0}\")")]
    Url(String),
    /// The database said no.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migrating the database failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value could not be read back.
    #[error("a stored value is corrupt: {0}")]
    Corrupt(String),
    /// The database holds ballots logged in the order they were cast, by ballotbox before the
    /// log was kept in receipt order; their signed tree heads cannot be carried over.
    #[error(
        "this database holds ballots that an earlier ballotbox logged in the order they were cast, \
         which this version never keeps: export each congress's record with the version that ran \
         it, keep the record files, and start this version on a new database (--db)"
    )]
    CastOrderLog,
    /// A command that works on the server's database found no SQLite file where it looked.
    #[error(
        "there is no database at {0}: `ballotbox serve` keeps its database in ballotbox.db in the \
         folder it was started in (it prints where); run this command in that folder, or name \
         the server's database with --db or BALLOTBOX_DB as `serve` was given it"
    )]
    Missing(String),
    /// The database stayed busy for longer than a compaction waits.
    #[error("the database stayed busy: {0}")]
    Busy(&'static str),
}

impl StoreError {
    /// Whether the error is a unique-key violation.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()))
    }
}

/// The database behind the server.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// The advisory lock that serialises writers on PostgreSQL.
const WRITE_LOCK: i64 = 0x6261_6c6c_6f74;

impl Store {
    /// Opens the database at `url`, creating an SQLite file if missing, and migrates it.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Url(url.to_owned()));
        };
        let options = AnyPoolOptions::new().max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        });
        // No line per statement: the casts' batches would otherwise mark every cast's time in the
        // log (RULES.md §4). Slow statements are still logged, without their values.
        let connect = AnyConnectOptions::from_str(url)?.log_statements(log::LevelFilter::Off);
        let pool = match backend {
            Backend::Sqlite => {
                // Creates the file when missing; the pragmas below apply to every connection.
                let file = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
                drop(sqlx::SqliteConnection::connect_with(&file).await?);
                options
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL with synchronous=FULL: a write is acknowledged only once durable.
                            // secure_delete overwrites what is deleted, and temp_store keeps
                            // VACUUM's copy and sorts in memory, never in a temporary file.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; \
                                 PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(connect)
                    .await?
            }
            Backend::Postgres => {
                options
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(connect)
                    .await?
            }
        };
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// Opens an existing database at `url` and migrates it; refuses an SQLite file that does
    /// not exist, rather than making an empty database no server uses (for the commands that
    /// work on the server's database, such as `ballotbox user add`).
    pub async fn open_existing(url: &str) -> Result<Store, StoreError> {
        if let Some(file) = sqlite_file(url)? {
            if !file.exists() {
                return Err(StoreError::Missing(describe_path(&file)));
            }
        }
        Store::connect(url).await
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        self.refuse_cast_order_log().await?;
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Refuses a database whose ballots were logged in cast order, before migration 3 would
    /// drop them: their rounds' signed tree heads are over that order. A new database, or one
    /// migrated already, passes.
    async fn refuse_cast_order_log(&self) -> Result<(), StoreError> {
        // Fails on a new database, which has no ballots table yet.
        let Ok(row) = sqlx::query("SELECT COUNT(*) AS n FROM ballots")
            .fetch_one(&self.pool)
            .await
        else {
            return Ok(());
        };
        if row.try_get::<i64, _>("n")? == 0 {
            return Ok(());
        }
        let row = sqlx::query("SELECT COUNT(*) AS n FROM _sqlx_migrations WHERE version = 3")
            .fetch_one(&self.pool)
            .await?;
        if row.try_get::<i64, _>("n")? == 0 {
            return Err(StoreError::CastOrderLog);
        }
        Ok(())
    }

    /// Rebuilds the stored ballot log so that nothing in the database's files keeps the order
    /// in which ballots or spent cards arrived (RULES.md §4). Closing a round has rewritten its
    /// rows in receipt order and deleted its spent cards ([`voting::settle_round`]); this rebuilds
    /// the files around them. On SQLite: `VACUUM` writes every table afresh in key order (so the
    /// cells of a page follow the key, and no free page keeps a deleted row), then a truncating
    /// checkpoint empties the WAL, which held each commit in turn. On PostgreSQL: `CLUSTER`
    /// writes the ballots, the challenged ballots and the spent cards afresh in key order (their
    /// TOAST tables too, keeping the value ids closing handed out), without the dead tuples of
    /// earlier versions. Runs after a round closes and when the server starts, which finishes a
    /// compaction that a crash interrupted.
    pub async fn compact(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("VACUUM").execute(&mut *conn).await?;
                // A reader still on an older snapshot keeps the checkpoint from finishing: such
                // reads are short, so wait for them.
                for _ in 0..200 {
                    let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut *conn)
                        .await?;
                    if row.try_get::<i64, _>(0)? == 0 {
                        return Ok(());
                    }
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
                Err(StoreError::Busy(
                    "readers kept the WAL from being emptied for five seconds",
                ))
            }
            Backend::Postgres => {
                // Under the write lock, so no writer holds one table while waiting for the other.
                let mut tx = self.write().await?;
                sqlx::query("CLUSTER ballots USING ballots_pkey")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("CLUSTER spent_cards USING spent_cards_pkey")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("CLUSTER spoiled_ballots USING spoiled_ballots_pkey")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// The engine in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<Any>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// A write transaction, serialised with every other writer.
    pub async fn write(&self) -> Result<Tx, StoreError> {
        match self.backend {
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The file an `sqlite:` URL names, or `None` for another database.
pub fn sqlite_file(url: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
    if !url.starts_with("sqlite:") {
        return Ok(None);
    }
    let options = SqliteConnectOptions::from_str(url)?;
    Ok(Some(options.get_filename().to_path_buf()))
}

/// Where a database is, for people: the absolute path of an SQLite file, or the URL without
/// its password.
pub fn describe(url: &str) -> String {
    match sqlite_file(url) {
        Ok(Some(file)) => describe_path(&file),
        _ => match url.split_once('@') {
            Some((credentials, rest)) => match credentials.rsplit_once(':') {
                Some((user, _)) if user.contains("//") => format!("{user}:…@{rest}"),
                _ => url.to_owned(),
            },
            None => url.to_owned(),
        },
    }
}

fn describe_path(file: &std::path::Path) -> String {
    std::path::absolute(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .display()
        .to_string()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}
