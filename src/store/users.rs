//! Accounts, sessions and the one-time setup token.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use super::StoreError;

/// What an account may do (ARCHITECTURE.md, "People and what they do").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sets up the congress, opens and closes rounds, publishes.
    Organiser,
    /// Checks delegates in and activates ballot cards.
    Desk,
    /// A scrutineer: watches turnout, verifies and countersigns.
    Inspector,
}

impl Role {
    /// The role's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Organiser => "organiser",
            Role::Desk => "desk",
            Role::Inspector => "inspector",
        }
    }

    fn parse(text: &str) -> Result<Role, StoreError> {
        match text {
            "organiser" => Ok(Role::Organiser),
            "desk" => Ok(Role::Desk),
            "inspector" => Ok(Role::Inspector),
            other => Err(StoreError::Corrupt(format!("unknown role \"{other}\""))),
        }
    }
}

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct User {
    /// The account's id.
    pub id: String,
    /// The login name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The congresses a desk or inspector account is limited to, in id order; empty when it
    /// serves every congress (and always for an organiser).
    pub congresses: Vec<String>,
}

impl User {
    /// Whether the account may act for congress `id`.
    pub fn serves(&self, id: &str) -> bool {
        self.congresses.is_empty() || self.congresses.iter().any(|c| c == id)
    }
}

/// The account of `row` (`id`, `name`, `role`), with the congresses it is limited to.
async fn user(conn: &mut AnyConnection, row: &sqlx::any::AnyRow) -> Result<User, StoreError> {
    let id: String = row.try_get("id")?;
    let congresses = sqlx::query(
        "SELECT congress_id FROM user_congresses WHERE user_id = $1 ORDER BY congress_id",
    )
    .bind(&id)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| r.try_get("congress_id"))
    .collect::<Result<_, _>>()?;
    Ok(User {
        id,
        name: row.try_get("name")?,
        role: Role::parse(row.try_get("role")?)?,
        congresses,
    })
}

/// Creates an account that serves every congress; fails with a unique violation when the name
/// is taken.
pub async fn insert(
    conn: &mut AnyConnection,
    name: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<User, StoreError> {
    insert_limited(conn, name, role, &[], password_hash, now).await
}

/// Creates an account limited to `congresses` (none: every congress); fails with a unique
/// violation when the name is taken and a foreign-key violation when a congress does not exist.
pub async fn insert_limited(
    conn: &mut AnyConnection,
    name: &str,
    role: Role,
    congresses: &[String],
    password_hash: &str,
    now: i64,
) -> Result<User, StoreError> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO users (id, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let mut congresses = congresses.to_vec();
    congresses.sort();
    congresses.dedup();
    for congress in &congresses {
        sqlx::query("INSERT INTO user_congresses (user_id, congress_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(congress)
            .execute(&mut *conn)
            .await?;
    }
    Ok(User {
        id,
        name: name.to_owned(),
        role,
        congresses,
    })
}

/// An account as signing in finds it: the account, its password hash, and whether it is
/// disabled.
#[derive(Debug)]
pub struct Credentials {
    /// The account.
    pub user: User,
    /// Its Argon2id password hash.
    pub password_hash: String,
    /// Whether an organiser disabled it.
    pub disabled: bool,
}

/// The account of that name with its password hash.
pub async fn by_name(
    conn: &mut AnyConnection,
    name: &str,
) -> Result<Option<Credentials>, StoreError> {
    let row =
        sqlx::query("SELECT id, name, role, password_hash, disabled_at FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some(Credentials {
            user: user(conn, &row).await?,
            password_hash: row.try_get("password_hash")?,
            disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        })),
    }
}

/// An account as the organisers' list shows it: never its password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Account {
    /// The account's id.
    pub id: String,
    /// The login name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The congresses a desk or inspector account is limited to, in id order; empty when it
    /// serves every congress.
    pub congresses: Vec<String>,
    /// Whether an organiser disabled it: it cannot sign in and has no session.
    pub disabled: bool,
    /// When it was made, in milliseconds since the Unix epoch.
    pub created_at: i64,
    /// When it last signed in, in milliseconds since the Unix epoch; null when it never has
    /// (or not since this was recorded).
    pub last_sign_in_at: Option<i64>,
}

const ACCOUNT_COLUMNS: &str = "id, name, role, created_at, disabled_at, last_sign_in_at";

async fn account(conn: &mut AnyConnection, row: &sqlx::any::AnyRow) -> Result<Account, StoreError> {
    let User {
        id,
        name,
        role,
        congresses,
    } = user(conn, row).await?;
    Ok(Account {
        id,
        name,
        role,
        congresses,
        disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        created_at: row.try_get("created_at")?,
        last_sign_in_at: row.try_get("last_sign_in_at")?,
    })
}

/// Every account, by name.
pub async fn list(conn: &mut AnyConnection) -> Result<Vec<Account>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users ORDER BY name"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let mut accounts = Vec::with_capacity(rows.len());
    for row in &rows {
        accounts.push(account(conn, row).await?);
    }
    Ok(accounts)
}

/// The account with that id.
pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<Account>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some(account(conn, &row).await?)),
    }
}

/// How many enabled organiser accounts there are.
pub async fn enabled_organisers(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM users WHERE role = 'organiser' AND disabled_at IS NULL",
    )
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

/// Disables an account at `now` (ending every session it has), or enables it again.
pub async fn set_disabled(
    conn: &mut AnyConnection,
    id: &str,
    disabled: bool,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
        .bind(disabled.then_some(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if disabled {
        end_sessions(conn, id, None).await?;
    }
    Ok(())
}

/// Gives an account a new password hash.
pub async fn set_password(
    conn: &mut AnyConnection,
    id: &str,
    password_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of an account, but the one whose token hash is `keep`.
pub async fn end_sessions(
    conn: &mut AnyConnection,
    id: &str,
    keep: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(())
}

/// Notes that an account signed in at `now`.
pub async fn record_sign_in(
    conn: &mut AnyConnection,
    id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether any organiser account exists.
pub async fn organiser_exists(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE role = 'organiser'")
        .fetch_one(conn)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Starts a session.
pub async fn insert_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: &str,
    expires_at: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// The account of a live session.
pub async fn session_user(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<User>, StoreError> {
    let row = sqlx::query(
        "SELECT users.id, users.name, users.role FROM sessions JOIN users ON users.id = sessions.user_id \
         WHERE sessions.token_hash = $1 AND sessions.expires_at > $2 AND users.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some(user(conn, &row).await?)),
    }
}

/// Ends a session.
pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records a one-time setup token for the first organiser, replacing any earlier one.
pub async fn replace_setup_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    expires_at: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM setup_tokens")
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
        .bind(token_hash)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether a setup token is valid, without using it up.
pub async fn setup_token_valid(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Uses up a setup token; whether it was valid.
pub async fn take_setup_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
