//! The audit log: every organiser and desk action, append-only and hash-chained, so that a
//! removed, altered or reordered entry breaks the chain (`ballotbox audit verify`).
//!
//! An entry's hash is SHA-256 of the RFC 8785 form of
//! `{"action", "actor", "at", "detail", "prev", "seq"}`, where `prev` is the previous entry's
//! hash (64 zeros for the first). A card activation records only the card's style, never which
//! card, so the log joins no delegate to a card.

use serde::Serialize;
use serde_json::Value;
use sqlx::{AnyConnection, Row};

use super::StoreError;
use crate::record::canonical;
use crate::record::hash::{Digest, sha256};

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Position in the log, from 1.
    pub seq: i64,
    /// When, in milliseconds since the Unix epoch.
    pub at: i64,
    /// Who: an account name, or `system`.
    pub actor: String,
    /// What, such as `congress.create`.
    pub action: String,
    /// The particulars.
    #[schema(value_type = Object)]
    pub detail: Value,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Serialize)]
struct Hashed<'a> {
    action: &'a str,
    actor: &'a str,
    at: i64,
    detail: &'a Value,
    prev: &'a str,
    seq: i64,
}

/// The hash an entry must carry.
pub fn entry_hash(
    seq: i64,
    at: i64,
    actor: &str,
    action: &str,
    detail: &Value,
    prev: &str,
) -> Result<Digest, StoreError> {
    let bytes = canonical::to_vec(&Hashed {
        action,
        actor,
        at,
        detail,
        prev,
        seq,
    })
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(sha256(&[&bytes]))
}

/// Appends an entry; call inside a write transaction, which serialises appends.
pub async fn append(
    conn: &mut AnyConnection,
    actor: &str,
    action: &str,
    detail: Value,
    now: i64,
) -> Result<AuditEntry, StoreError> {
    let last = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    let (seq, prev_hash) = match last {
        Some(row) => (
            row.try_get::<i64, _>("seq")? + 1,
            row.try_get::<String, _>("hash")?,
        ),
        None => (1, GENESIS.to_owned()),
    };
    let hash = entry_hash(seq, now, actor, action, &detail, &prev_hash)?.to_hex();
    let detail_text = String::from_utf8(
        canonical::to_vec(&detail).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    )
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(seq)
    .bind(now)
    .bind(actor)
    .bind(action)
    .bind(&detail_text)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(conn)
    .await?;
    Ok(AuditEntry {
        seq,
        at: now,
        actor: actor.to_owned(),
        action: action.to_owned(),
        detail,
        prev_hash,
        hash,
    })
}

/// Every entry, in order.
pub async fn all(conn: &mut AnyConnection) -> Result<Vec<AuditEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let detail: String = row.try_get("detail")?;
            Ok(AuditEntry {
                seq: row.try_get("seq")?,
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                detail: serde_json::from_str(&detail)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                prev_hash: row.try_get("prev_hash")?,
                hash: row.try_get("hash")?,
            })
        })
        .collect()
}

/// When each round of `congress` was opened and closed, by round number: the times of its
/// `round.open` and `round.close` entries, in milliseconds since the Unix epoch. One time per
/// round and event, so they say nothing of any ballot.
pub async fn round_times(
    conn: &mut AnyConnection,
    congress: &str,
) -> Result<std::collections::BTreeMap<u32, (Option<i64>, Option<i64>)>, StoreError> {
    let rows = sqlx::query(
        "SELECT at, action, detail FROM audit_log WHERE action = 'round.open' OR action = 'round.close' ORDER BY seq",
    )
    .fetch_all(conn)
    .await?;
    let mut times = std::collections::BTreeMap::new();
    for row in &rows {
        let detail: String = row.try_get("detail")?;
        let detail: Value =
            serde_json::from_str(&detail).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if detail["congress"].as_str() != Some(congress) {
            continue;
        }
        let Some(round) = detail["round"].as_u64().and_then(|n| u32::try_from(n).ok()) else {
            continue;
        };
        let at: i64 = row.try_get("at")?;
        let action: String = row.try_get("action")?;
        let entry: &mut (Option<i64>, Option<i64>) = times.entry(round).or_default();
        if action == "round.open" {
            entry.0 = Some(at);
        } else {
            entry.1 = Some(at);
        }
    }
    Ok(times)
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit log entry {seq}: {reason}")]
pub struct ChainBreak {
    /// The first entry that does not hold.
    pub seq: i64,
    /// What is wrong with it.
    pub reason: String,
}

/// Checks the chain: numbering from 1 without gaps, each entry's `prev_hash` the previous
/// entry's hash, and each hash recomputed from the entry.
pub fn verify_chain(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
    let mut prev = GENESIS.to_owned();
    for (i, entry) in entries.iter().enumerate() {
        let fail = |reason: &str| ChainBreak {
            seq: entry.seq,
            reason: reason.to_owned(),
        };
        if i64::try_from(i + 1) != Ok(entry.seq) {
            return Err(fail(&format!(
                "expected entry {} here: an entry was removed or inserted",
                i + 1
            )));
        }
        if entry.prev_hash != prev {
            return Err(fail("does not follow the entry before it"));
        }
        let hash = entry_hash(
            entry.seq,
            entry.at,
            &entry.actor,
            &entry.action,
            &entry.detail,
            &entry.prev_hash,
        )
        .map_err(|e| fail(&e.to_string()))?;
        if hash.to_hex() != entry.hash {
            return Err(fail("its content does not match its hash: it was altered"));
        }
        prev = entry.hash.clone();
    }
    Ok(())
}
