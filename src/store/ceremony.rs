//! The trustees of a sealed congress and its key ceremony's messages (docs/sealed-ballots.md
//! §5), as stored: nothing secret, since shares travel sealed to their recipients.

use sqlx::{AnyConnection, Row};

use super::StoreError;

/// A trustee as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTrustee {
    /// Its number, `1 … n`.
    pub trustee: u32,
    /// The scrutineer's delegate number.
    pub number: String,
    /// The inspector account through which it takes part.
    pub account_id: String,
    /// That account's login name.
    pub account: String,
}

/// One ceremony message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    /// `commitment`, `shares`, `checks`, `answer` or `holding`.
    pub step: String,
    /// The trustee who posted it.
    pub trustee: u32,
    /// The message's JSON.
    pub body: String,
}

fn number(value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|e| StoreError::Corrupt(format!("a trustee's number: {e}")))
}

/// The threshold and the trustees in number order; `None` and empty when none are named.
pub async fn trustees(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<(Option<u32>, Vec<StoredTrustee>), StoreError> {
    let threshold: Option<i64> =
        sqlx::query_scalar("SELECT trustee_threshold FROM congresses WHERE id = $1")
            .bind(congress)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    let rows = sqlx::query(
        "SELECT t.trustee, t.delegate_number, t.account_id, u.name FROM trustees t \
         JOIN users u ON u.id = t.account_id WHERE t.congress_id = $1 ORDER BY t.trustee",
    )
    .bind(congress)
    .fetch_all(&mut *conn)
    .await?;
    let trustees = rows
        .iter()
        .map(|row| {
            Ok(StoredTrustee {
                trustee: number(row.try_get("trustee")?)?,
                number: row.try_get("delegate_number")?,
                account_id: row.try_get("account_id")?,
                account: row.try_get("name")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok((threshold.map(number).transpose()?, trustees))
}

/// Replaces the trustees and the threshold, and clears the ceremony, which they change.
pub async fn replace_trustees(
    conn: &mut AnyConnection,
    congress: &str,
    threshold: Option<u32>,
    trustees: &[(String, String)],
) -> Result<(), StoreError> {
    clear_messages(conn, congress).await?;
    sqlx::query("DELETE FROM trustees WHERE congress_id = $1")
        .bind(congress)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE congresses SET trustee_threshold = $2 WHERE id = $1")
        .bind(congress)
        .bind(threshold.map(i64::from))
        .execute(&mut *conn)
        .await?;
    for (i, (number, account_id)) in (1_i64..).zip(trustees) {
        sqlx::query(
            "INSERT INTO trustees (congress_id, trustee, delegate_number, account_id) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(congress)
        .bind(i)
        .bind(number.as_str())
        .bind(account_id.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every message of the ceremony, by step then trustee then peer (the order the board is
/// rebuilt in is the steps' own, which the caller applies).
pub async fn messages(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Vec<StoredMessage>, StoreError> {
    let rows = sqlx::query(
        "SELECT step, trustee, body FROM ceremony_messages WHERE congress_id = $1 \
         ORDER BY step, trustee, peer",
    )
    .bind(congress)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StoredMessage {
                step: row.try_get("step")?,
                trustee: number(row.try_get("trustee")?)?,
                body: row.try_get("body")?,
            })
        })
        .collect()
}

/// Adds a message.
pub async fn insert_message(
    conn: &mut AnyConnection,
    congress: &str,
    step: &str,
    trustee: u32,
    peer: u32,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ceremony_messages (congress_id, step, trustee, peer, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(congress)
    .bind(step)
    .bind(i64::from(trustee))
    .bind(i64::from(peer))
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes every message: the ceremony starts again.
pub async fn clear_messages(conn: &mut AnyConnection, congress: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM ceremony_messages WHERE congress_id = $1")
        .bind(congress)
        .execute(conn)
        .await?;
    Ok(())
}
