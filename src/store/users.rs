//! Accounts, sessions, the one-time setup link and failed logins.

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

/// The account of that name with its password hash.
pub async fn by_name(
    conn: &mut AnyConnection,
    name: &str,
) -> Result<Option<(User, String)>, StoreError> {
    let row = sqlx::query("SELECT id, name, role, password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some((
            user(conn, &row).await?,
            row.try_get("password_hash")?,
        ))),
    }
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
         WHERE sessions.token_hash = $1 AND sessions.expires_at > $2",
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

/// Records a one-time setup link for the first organiser, replacing any earlier one.
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

/// Uses up a setup link; whether it was valid.
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
