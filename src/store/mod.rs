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
pub mod congress;
pub mod sittings;
pub mod users;
pub mod voting;

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};

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
        let pool = match backend {
            Backend::Sqlite => {
                // Creates the file when missing; the pragmas below apply to every connection.
                let file = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
                drop(sqlx::SqliteConnection::connect_with(&file).await?);
                options
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL with synchronous=FULL: a write is acknowledged only once durable.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(url)
                    .await?
            }
            Backend::Postgres => {
                options
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?
            }
        };
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
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

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}
