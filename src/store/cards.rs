//! Ballot cards: only the hash of each code, its style and batch, and whether it is active.
//! No column refers to a delegate, and activation records no time.

use sqlx::{AnyConnection, Row};

use super::StoreError;

/// A stored card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The congress it belongs to.
    pub congress: String,
    /// Its ballot style.
    pub style: String,
    /// Whether the desk activated it.
    pub active: bool,
    /// Whether its batch was voided.
    pub void: bool,
}

/// The next batch number of a congress.
pub async fn next_batch(conn: &mut AnyConnection, congress: &str) -> Result<i64, StoreError> {
    let row =
        sqlx::query("SELECT COALESCE(MAX(batch), 0) + 1 AS next FROM cards WHERE congress_id = $1")
            .bind(congress)
            .fetch_one(conn)
            .await?;
    Ok(row.try_get("next")?)
}

/// Stores a batch of inert cards by their code hashes.
pub async fn insert_batch(
    conn: &mut AnyConnection,
    congress: &str,
    style: &str,
    batch: i64,
    hashes: &[String],
) -> Result<(), StoreError> {
    // A few statements for the batch, not one a card: the write lock is held meanwhile.
    for chunk in hashes.chunks(500) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, $1, $2, $3)", i + 4))
            .collect();
        let sql = format!(
            "INSERT INTO cards (code_hash, congress_id, style, batch) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(congress)
            .bind(style)
            .bind(batch);
        for hash in chunk {
            query = query.bind(hash);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The card with this code hash.
pub async fn find(conn: &mut AnyConnection, code_hash: &str) -> Result<Option<Card>, StoreError> {
    let row =
        sqlx::query("SELECT congress_id, style, active, void FROM cards WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(conn)
            .await?;
    row.map(|row| {
        Ok(Card {
            congress: row.try_get("congress_id")?,
            style: row.try_get("style")?,
            active: row.try_get::<i64, _>("active")? != 0,
            void: row.try_get::<i64, _>("void")? != 0,
        })
    })
    .transpose()
}

/// Activates an inert card; whether it was inert.
pub async fn activate(conn: &mut AnyConnection, code_hash: &str) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE cards SET active = 1 WHERE code_hash = $1 AND active = 0 AND void = 0")
            .bind(code_hash)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Active cards of a style: ballots issued (发出) in that style.
pub async fn active_count(
    conn: &mut AnyConnection,
    congress: &str,
    style: &str,
) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM cards WHERE congress_id = $1 AND style = $2 AND active = 1",
    )
    .bind(congress)
    .bind(style)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

/// Voids the inert cards of a batch (a lost print run); returns how many.
pub async fn void_batch(
    conn: &mut AnyConnection,
    congress: &str,
    batch: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE cards SET void = 1 WHERE congress_id = $1 AND batch = $2 AND active = 0 AND void = 0")
        .bind(congress)
        .bind(batch)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
