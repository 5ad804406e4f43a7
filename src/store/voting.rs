//! Voting: enrolled kiosks, rounds, the ballot log, spent cards, seat reductions, the
//! publication and countersignatures. (Who is present at a body's first meeting lives in
//! [`super::sittings`].)
//!
//! Secrecy (ARCHITECTURE.md, RULES.md §4): a ballot row holds no card, kiosk, time or position,
//! and the log is kept in receipt order; a spent-card row holds neither a time nor a reference
//! to its ballot, and lives only while its round is open ([`settle_round`]).

use std::collections::BTreeSet;

use sqlx::{AnyConnection, Row};

use super::StoreError;

/// An enrolled kiosk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Kiosk {
    /// Its id.
    pub id: String,
    /// The congress it serves.
    pub congress: String,
    /// The name the organiser gave it, such as "一号投票台".
    pub name: String,
    /// Whether it may fetch ballots and cast.
    pub enabled: bool,
    /// When it was paired.
    pub paired_at: i64,
}

/// Stores a one-time pairing code by its hash.
pub async fn insert_pairing(
    conn: &mut AnyConnection,
    congress: &str,
    name: &str,
    code_hash: &str,
    expires_at: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO kiosk_pairings (code_hash, congress_id, name, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(code_hash)
    .bind(congress)
    .bind(name)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a pairing code: its congress and kiosk name when it exists and has not expired. A
/// code works once.
pub async fn take_pairing(
    conn: &mut AnyConnection,
    code_hash: &str,
    now: i64,
) -> Result<Option<(String, String)>, StoreError> {
    let row = sqlx::query(
        "SELECT congress_id, name, expires_at FROM kiosk_pairings WHERE code_hash = $1",
    )
    .bind(code_hash)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    sqlx::query("DELETE FROM kiosk_pairings WHERE code_hash = $1")
        .bind(code_hash)
        .execute(&mut *conn)
        .await?;
    if row.try_get::<i64, _>("expires_at")? < now {
        return Ok(None);
    }
    Ok(Some((row.try_get("congress_id")?, row.try_get("name")?)))
}

/// Enrols a kiosk with the hash of its device credential.
pub async fn insert_kiosk(
    conn: &mut AnyConnection,
    kiosk: &Kiosk,
    token_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO kiosks (id, congress_id, name, token_hash, enabled, paired_at) VALUES ($1, $2, $3, $4, 1, $5)",
    )
    .bind(&kiosk.id)
    .bind(&kiosk.congress)
    .bind(&kiosk.name)
    .bind(token_hash)
    .bind(kiosk.paired_at)
    .execute(conn)
    .await?;
    Ok(())
}

fn kiosk_from(row: &sqlx::any::AnyRow) -> Result<Kiosk, StoreError> {
    Ok(Kiosk {
        id: row.try_get("id")?,
        congress: row.try_get("congress_id")?,
        name: row.try_get("name")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        paired_at: row.try_get("paired_at")?,
    })
}

/// The kiosk holding this credential.
pub async fn kiosk_by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<Kiosk>, StoreError> {
    let row = sqlx::query(
        "SELECT id, congress_id, name, enabled, paired_at FROM kiosks WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(kiosk_from).transpose()
}

/// A congress's kiosks, in the order they were paired.
pub async fn kiosks(conn: &mut AnyConnection, congress: &str) -> Result<Vec<Kiosk>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, congress_id, name, enabled, paired_at FROM kiosks WHERE congress_id = $1 ORDER BY paired_at, id",
    )
    .bind(congress)
    .fetch_all(conn)
    .await?;
    rows.iter().map(kiosk_from).collect()
}

/// Enables or disables a kiosk; whether it exists.
pub async fn set_kiosk_enabled(
    conn: &mut AnyConnection,
    congress: &str,
    id: &str,
    enabled: bool,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE kiosks SET enabled = $1 WHERE congress_id = $2 AND id = $3")
        .bind(i64::from(enabled))
        .bind(congress)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A round as stored: its definition and, once closed, its signed tree head and result, each
/// as canonical JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRound {
    /// The round's number.
    pub number: u32,
    /// The definition.
    pub definition: String,
    /// Whether ballots may still be cast.
    pub open: bool,
    /// Ballots in the log.
    pub size: u64,
    /// What closing fixed.
    pub closed: Option<Closed>,
    /// A sealed round closed and waiting for its opening: what closing fixed so far.
    pub awaiting: Option<Awaiting>,
}

/// What closing a sealed round fixed before its opening: the signed tree head, and the turnout
/// and ballots issued at closing (a [`Closing`] document), which the result takes up.
///
/// [`Closing`]: crate::record::documents::Closing
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaiting {
    /// The tree head.
    pub tree_head: String,
    /// Its signature.
    pub tree_head_signature: String,
    /// The turnout and issued at closing.
    pub closing: String,
}

/// What closing a round fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// The tree head.
    pub tree_head: String,
    /// Its signature.
    pub tree_head_signature: String,
    /// The result.
    pub result: String,
    /// The result's SHA-256.
    pub result_hash: String,
    /// Its signature.
    pub result_signature: String,
}

fn round_from(row: &sqlx::any::AnyRow) -> Result<StoredRound, StoreError> {
    let number: i64 = row.try_get("number")?;
    let size: i64 = row.try_get("size")?;
    let closed = match row.try_get::<Option<String>, _>("result")? {
        None => None,
        Some(result) => Some(Closed {
            tree_head: row
                .try_get::<Option<String>, _>("tree_head")?
                .unwrap_or_default(),
            tree_head_signature: row
                .try_get::<Option<String>, _>("tree_head_signature")?
                .unwrap_or_default(),
            result,
            result_hash: row
                .try_get::<Option<String>, _>("result_hash")?
                .unwrap_or_default(),
            result_signature: row
                .try_get::<Option<String>, _>("result_signature")?
                .unwrap_or_default(),
        }),
    };
    let awaiting = match (&closed, row.try_get::<Option<String>, _>("closing")?) {
        (None, Some(closing)) => Some(Awaiting {
            tree_head: row
                .try_get::<Option<String>, _>("tree_head")?
                .unwrap_or_default(),
            tree_head_signature: row
                .try_get::<Option<String>, _>("tree_head_signature")?
                .unwrap_or_default(),
            closing,
        }),
        _ => None,
    };
    Ok(StoredRound {
        number: u32::try_from(number).map_err(|_| StoreError::Corrupt("round number".into()))?,
        definition: row.try_get("definition")?,
        open: row.try_get::<i64, _>("open")? != 0,
        size: u64::try_from(size).map_err(|_| StoreError::Corrupt("round size".into()))?,
        closed,
        awaiting,
    })
}

const ROUND_COLUMNS: &str = "number, definition, open, size, tree_head, tree_head_signature, result, result_hash, result_signature, closing";

/// Opens a round. The unique index on open rounds refuses a second open round.
pub async fn insert_round(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
    definition: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO rounds (congress_id, number, definition, open, size) VALUES ($1, $2, $3, 1, 0)",
    )
    .bind(congress)
    .bind(i64::from(number))
    .bind(definition)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every round of a congress, in order.
pub async fn rounds(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Vec<StoredRound>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ROUND_COLUMNS} FROM rounds WHERE congress_id = $1 ORDER BY number"
    )))
    .bind(congress)
    .fetch_all(conn)
    .await?;
    rows.iter().map(round_from).collect()
}

/// One round.
pub async fn round(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
) -> Result<Option<StoredRound>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ROUND_COLUMNS} FROM rounds WHERE congress_id = $1 AND number = $2"
    )))
    .bind(congress)
    .bind(i64::from(number))
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(round_from).transpose()
}

/// The open round of a congress, if any.
pub async fn open_round(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Option<StoredRound>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ROUND_COLUMNS} FROM rounds WHERE congress_id = $1 AND open = 1"
    )))
    .bind(congress)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(round_from).transpose()
}

/// Whether a round is open, and its log's size.
pub async fn round_state(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
) -> Result<Option<(bool, u64)>, StoreError> {
    let row = sqlx::query("SELECT open, size FROM rounds WHERE congress_id = $1 AND number = $2")
        .bind(congress)
        .bind(i64::from(number))
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        let size: i64 = row.try_get("size")?;
        Ok((
            row.try_get::<i64, _>("open")? != 0,
            u64::try_from(size).map_err(|_| StoreError::Corrupt("round size".into()))?,
        ))
    })
    .transpose()
}

/// Sets the log's size after appending.
pub async fn set_size(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
    size: u64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE rounds SET size = $1 WHERE congress_id = $2 AND number = $3")
        .bind(i64::try_from(size).map_err(|_| StoreError::Corrupt("round size".into()))?)
        .bind(congress)
        .bind(i64::from(number))
        .execute(conn)
        .await?;
    Ok(())
}

/// Closes an open round with its signed tree head and result; whether it was open.
pub async fn close_round(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
    closed: &Closed,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE rounds SET open = 0, tree_head = $1, tree_head_signature = $2, result = $3, result_hash = $4, \
         result_signature = $5 WHERE congress_id = $6 AND number = $7 AND open = 1",
    )
    .bind(&closed.tree_head)
    .bind(&closed.tree_head_signature)
    .bind(&closed.result)
    .bind(&closed.result_hash)
    .bind(&closed.result_signature)
    .bind(congress)
    .bind(i64::from(number))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes an open sealed round with its signed tree head and what closing fixed; the result
/// comes with the opening ([`open_round_result`]). Whether it was open.
pub async fn close_sealed_round(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
    awaiting: &Awaiting,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE rounds SET open = 0, tree_head = $1, tree_head_signature = $2, closing = $3 \
         WHERE congress_id = $4 AND number = $5 AND open = 1",
    )
    .bind(&awaiting.tree_head)
    .bind(&awaiting.tree_head_signature)
    .bind(&awaiting.closing)
    .bind(congress)
    .bind(i64::from(number))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a sealed round awaiting its opening the signed result the opening made; whether it
/// was awaiting it.
pub async fn open_round_result(
    conn: &mut AnyConnection,
    congress: &str,
    number: u32,
    result: &str,
    result_hash: &str,
    result_signature: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE rounds SET result = $1, result_hash = $2, result_signature = $3 \
         WHERE congress_id = $4 AND number = $5 AND open = 0 AND result IS NULL AND closing IS NOT NULL",
    )
    .bind(result)
    .bind(result_hash)
    .bind(result_signature)
    .bind(congress)
    .bind(i64::from(number))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `$first, $first+1, …` for `count` parameters.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Spends cards (code hash, retry tag) in a round; the ones that were not spent before. The
/// primary key decides, so two servers sharing the database cannot both spend one.
pub async fn spend_cards(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    cards: &[(&str, &str)],
) -> Result<BTreeSet<String>, StoreError> {
    if cards.is_empty() {
        return Ok(BTreeSet::new());
    }
    let rows: Vec<String> = (0..cards.len())
        .map(|i| format!("($1, $2, ${}, ${})", 2 * i + 3, 2 * i + 4))
        .collect();
    let sql = format!(
        "INSERT INTO spent_cards (congress_id, round, code_hash, retry_tag) VALUES {} ON CONFLICT DO NOTHING RETURNING code_hash",
        rows.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(congress)
        .bind(i64::from(round));
    for (hash, tag) in cards {
        query = query.bind(*hash).bind(*tag);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| Ok(row.try_get("code_hash")?))
        .collect()
}

/// The retry tags with which these cards were spent in a round, by code hash.
pub async fn retry_tags(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    code_hashes: &[&str],
) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    if code_hashes.is_empty() {
        return Ok(std::collections::BTreeMap::new());
    }
    let sql = format!(
        "SELECT code_hash, retry_tag FROM spent_cards WHERE congress_id = $1 AND round = $2 AND code_hash IN ({})",
        placeholders(3, code_hashes.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(congress)
        .bind(i64::from(round));
    for hash in code_hashes {
        query = query.bind(*hash);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| Ok((row.try_get("code_hash")?, row.try_get("retry_tag")?)))
        .collect()
}

/// Takes back cards spent in this transaction whose ballots could not be appended.
pub async fn unspend_cards(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    code_hashes: &[&str],
) -> Result<(), StoreError> {
    if code_hashes.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "DELETE FROM spent_cards WHERE congress_id = $1 AND round = $2 AND code_hash IN ({})",
        placeholders(3, code_hashes.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(congress)
        .bind(i64::from(round));
    for hash in code_hashes {
        query = query.bind(*hash);
    }
    query.execute(conn).await?;
    Ok(())
}

/// Which of these leaves are in a round's log.
pub async fn logged_leaves(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    leaf_hashes: &[&str],
) -> Result<BTreeSet<String>, StoreError> {
    if leaf_hashes.is_empty() {
        return Ok(BTreeSet::new());
    }
    let sql = format!(
        "SELECT leaf_hash FROM ballots WHERE congress_id = $1 AND round = $2 AND leaf_hash IN ({})",
        placeholders(3, leaf_hashes.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(congress)
        .bind(i64::from(round));
    for hash in leaf_hashes {
        query = query.bind(*hash);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| Ok(row.try_get("leaf_hash")?))
        .collect()
}

/// Which of these salts a round's ballots, cast or challenged, hold already.
pub async fn used_salts(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    salts: &[&str],
) -> Result<BTreeSet<String>, StoreError> {
    let mut used = BTreeSet::new();
    if salts.is_empty() {
        return Ok(used);
    }
    for table in ["ballots", "spoiled_ballots"] {
        let sql = format!(
            "SELECT salt FROM {table} WHERE congress_id = $1 AND round = $2 AND salt IN ({})",
            placeholders(3, salts.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(congress)
            .bind(i64::from(round));
        for salt in salts {
            query = query.bind(*salt);
        }
        for row in query.fetch_all(&mut *conn).await? {
            used.insert(row.try_get("salt")?);
        }
    }
    Ok(used)
}

/// A ballot for the log: its leaf hash, its salt (none for a ballot logged before salts were
/// kept) and its canonical body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogEntry<'a> {
    /// The leaf hash, hex: the receipt.
    pub leaf_hash: &'a str,
    /// The kiosk's salt.
    pub salt: Option<&'a str>,
    /// The canonical JSON.
    pub body: &'a str,
}

/// Appends ballots to a round's log. A ballot has no position: the log is kept in receipt
/// order, never in the order of casting.
pub async fn append_ballots(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    ballots: &[LogEntry<'_>],
) -> Result<(), StoreError> {
    // Five parameters a row, well below SQLite's limit of 32,766 a statement.
    for chunk in ballots.chunks(1024) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("($1, $2, ${}, ${}, ${})", 3 * i + 3, 3 * i + 4, 3 * i + 5))
            .collect();
        let sql = format!(
            "INSERT INTO ballots (congress_id, round, leaf_hash, salt, body) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(congress)
            .bind(i64::from(round));
        for entry in chunk {
            query = query
                .bind(entry.leaf_hash)
                .bind(entry.salt)
                .bind(entry.body);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Settles a round that is closing: its spent cards are deleted (no cast can come any more, and
/// they would keep the order of casting), and its ballots are written again in receipt order,
/// and its challenged ballots in tracker order, in this one transaction, so that no row keeps
/// the time or transaction it arrived in (on PostgreSQL every row's xmin becomes this
/// transaction's, and a body too large for its page is stored out of line afresh, under a TOAST
/// value id handed out now, in key order). [`Store::compact`] then rebuilds the files around
/// them.
///
/// [`Store::compact`]: super::Store::compact
pub async fn settle_round(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM spent_cards WHERE congress_id = $1 AND round = $2")
        .bind(congress)
        .bind(i64::from(round))
        .execute(&mut *conn)
        .await?;
    let ballots = receipt_order(conn, congress, round).await?;
    sqlx::query("DELETE FROM ballots WHERE congress_id = $1 AND round = $2")
        .bind(congress)
        .bind(i64::from(round))
        .execute(&mut *conn)
        .await?;
    let ballots: Vec<LogEntry<'_>> = ballots
        .iter()
        .map(|row| LogEntry {
            leaf_hash: &row.leaf_hash,
            salt: row.salt.as_deref(),
            body: &row.body,
        })
        .collect();
    append_ballots(conn, congress, round, &ballots).await?;
    let mut spoiled = sqlx::query(
        "SELECT tracker, salt, body FROM spoiled_ballots WHERE congress_id = $1 AND round = $2",
    )
    .bind(congress)
    .bind(i64::from(round))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| -> Result<(String, String, String), StoreError> {
        Ok((
            row.try_get("tracker")?,
            row.try_get("salt")?,
            row.try_get("body")?,
        ))
    })
    .collect::<Result<Vec<_>, _>>()?;
    spoiled.sort_unstable();
    sqlx::query("DELETE FROM spoiled_ballots WHERE congress_id = $1 AND round = $2")
        .bind(congress)
        .bind(i64::from(round))
        .execute(&mut *conn)
        .await?;
    for (tracker, salt, body) in &spoiled {
        insert_spoiled(conn, congress, round, tracker, salt, body).await?;
    }
    Ok(())
}

/// Whether a card was spent in a round.
pub async fn card_spent(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    code_hash: &str,
) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT 1 AS spent FROM spent_cards WHERE congress_id = $1 AND round = $2 AND code_hash = $3",
    )
    .bind(congress)
    .bind(i64::from(round))
    .bind(code_hash)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// Cards spent so far in an open round, by style: the ballots returned of each style. (Spent
/// cards exist only while their round is open.)
pub async fn spent_by_style(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
) -> Result<std::collections::BTreeMap<String, i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.style AS style, COUNT(*) AS n FROM spent_cards s JOIN cards c ON c.code_hash = s.code_hash \
         WHERE s.congress_id = $1 AND s.round = $2 GROUP BY c.style",
    )
    .bind(congress)
    .bind(i64::from(round))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("style")?, row.try_get("n")?)))
        .collect()
}

/// A round's ballots as canonical JSON text, in log order: by receipt (the leaf hash, whose hex
/// sorts as its bytes do).
pub async fn ballots(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
) -> Result<Vec<String>, StoreError> {
    let mut ballots = receipt_order(conn, congress, round).await?;
    Ok(ballots.drain(..).map(|row| row.body).collect())
}

/// A ballot of the log as stored.
struct LoggedRow {
    leaf_hash: String,
    salt: Option<String>,
    body: String,
}

/// A round's ballots by leaf hash, sorted here rather than by the database, whose collation of
/// text may differ from byte order.
async fn receipt_order(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
) -> Result<Vec<LoggedRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT leaf_hash, salt, body FROM ballots WHERE congress_id = $1 AND round = $2",
    )
    .bind(congress)
    .bind(i64::from(round))
    .fetch_all(conn)
    .await?;
    let mut ballots: Vec<LoggedRow> = rows
        .iter()
        .map(|row| {
            Ok(LoggedRow {
                leaf_hash: row.try_get("leaf_hash")?,
                salt: row.try_get("salt")?,
                body: row.try_get("body")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    ballots.sort_unstable_by(|a, b| a.leaf_hash.cmp(&b.leaf_hash));
    Ok(ballots)
}

/// Whether an insert added its row: `false` when a unique key already held one.
fn inserted<T>(result: Result<T, sqlx::Error>) -> Result<bool, StoreError> {
    match result.map_err(StoreError::from) {
        Ok(_) => Ok(true),
        Err(error) if error.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}

/// Records a challenged ballot (docs/sealed-ballots.md §7.1): never counted, kept with its
/// opening under its tracker. `false` when the tracker or the salt is there already.
pub async fn insert_spoiled(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    tracker: &str,
    salt: &str,
    body: &str,
) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "INSERT INTO spoiled_ballots (congress_id, round, tracker, salt, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(congress)
    .bind(i64::from(round))
    .bind(tracker)
    .bind(salt)
    .bind(body)
    .execute(conn)
    .await;
    inserted(result)
}

/// A round's challenged ballots (their canonical bodies), in tracker order.
pub async fn spoiled(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT tracker, body FROM spoiled_ballots WHERE congress_id = $1 AND round = $2",
    )
    .bind(congress)
    .bind(i64::from(round))
    .fetch_all(conn)
    .await?;
    let mut spoiled: Vec<(String, String)> = rows
        .iter()
        .map(|row| Ok((row.try_get("tracker")?, row.try_get("body")?)))
        .collect::<Result<_, StoreError>>()?;
    spoiled.sort_unstable();
    Ok(spoiled.into_iter().map(|(_, body)| body).collect())
}

/// A signed document as stored: canonical JSON text, its hash and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedText {
    /// The document.
    pub body: String,
    /// Its SHA-256.
    pub hash: String,
    /// The election key's signature.
    pub signature: String,
}

/// Appends a seat-reduction decision.
pub async fn insert_decision(
    conn: &mut AnyConnection,
    congress: &str,
    decision: &SignedText,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO decisions (congress_id, seq, body, hash, signature) \
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM decisions WHERE congress_id = $5",
    )
    .bind(congress)
    .bind(&decision.body)
    .bind(&decision.hash)
    .bind(&decision.signature)
    .bind(congress)
    .execute(conn)
    .await?;
    Ok(())
}

/// A congress's decisions, in order.
pub async fn decisions(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Vec<SignedText>, StoreError> {
    let rows = sqlx::query(
        "SELECT body, hash, signature FROM decisions WHERE congress_id = $1 ORDER BY seq",
    )
    .bind(congress)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SignedText {
                body: row.try_get("body")?,
                hash: row.try_get("hash")?,
                signature: row.try_get("signature")?,
            })
        })
        .collect()
}

/// Stores the publication; false when the congress was published already.
pub async fn insert_publication(
    conn: &mut AnyConnection,
    congress: &str,
    publication: &SignedText,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO publications (congress_id, body, result_hash, signature, published_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(congress)
    .bind(&publication.body)
    .bind(&publication.hash)
    .bind(&publication.signature)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The publication, once made.
pub async fn publication(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Option<SignedText>, StoreError> {
    let row =
        sqlx::query("SELECT body, result_hash, signature FROM publications WHERE congress_id = $1")
            .bind(congress)
            .fetch_optional(conn)
            .await?;
    row.map(|row| {
        Ok(SignedText {
            body: row.try_get("body")?,
            hash: row.try_get("result_hash")?,
            signature: row.try_get("signature")?,
        })
    })
    .transpose()
}

/// An inspector's countersignature as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCountersignature {
    /// The inspector's account name.
    pub inspector: String,
    /// Their public key, hex.
    pub public_key: String,
    /// Their signature, hex.
    pub signature: String,
}

/// Stores or replaces an inspector's countersignature.
pub async fn put_countersignature(
    conn: &mut AnyConnection,
    congress: &str,
    signed: &StoredCountersignature,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM countersignatures WHERE congress_id = $1 AND inspector = $2")
        .bind(congress)
        .bind(&signed.inspector)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO countersignatures (congress_id, inspector, public_key, signature, signed_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(congress)
    .bind(&signed.inspector)
    .bind(&signed.public_key)
    .bind(&signed.signature)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A congress's countersignatures, by inspector.
pub async fn countersignatures(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<Vec<StoredCountersignature>, StoreError> {
    let rows = sqlx::query(
        "SELECT inspector, public_key, signature FROM countersignatures WHERE congress_id = $1 ORDER BY inspector",
    )
    .bind(congress)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StoredCountersignature {
                inspector: row.try_get("inspector")?,
                public_key: row.try_get("public_key")?,
                signature: row.try_get("signature")?,
            })
        })
        .collect()
}

/// Keeps a trustee's checked partial decryption of a sealed round's list; `false` when the
/// trustee has given one for this step already.
pub async fn insert_partial(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    step: &str,
    trustee: u32,
    body: &str,
) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "INSERT INTO partial_decryptions (congress_id, round, step, trustee, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(congress)
    .bind(i64::from(round))
    .bind(step)
    .bind(i64::from(trustee))
    .bind(body)
    .execute(conn)
    .await;
    inserted(result)
}

/// A sealed round's partial decryptions of one step's list, in trustee order.
pub async fn partials(
    conn: &mut AnyConnection,
    congress: &str,
    round: u32,
    step: &str,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT body FROM partial_decryptions WHERE congress_id = $1 AND round = $2 AND step = $3 \
         ORDER BY trustee",
    )
    .bind(congress)
    .bind(i64::from(round))
    .bind(step)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("body")?)).collect()
}
