//! Casting with group commit: one writer task takes the casts waiting at a moment and writes
//! them in one transaction, so that one durable commit (one `fsync` on SQLite with
//! `synchronous=FULL`) serves many kiosks. No kiosk is answered before the commit that holds its
//! ballot; if the commit fails, every cast in it is answered with an error and none is kept.
//!
//! In the transaction, for each round's casts: the round must still be open; the cards are spent
//! by inserting their keys (a unique key, so no two servers sharing a database can both spend
//! one) with their retry tags — for a card spent before, the same ballot again (the same tag) is
//! a retry that gets the same receipt, and any other is refused, another card's ballot included;
//! the ballots are added to the log, except one whose leaf or salt is another ballot's of the
//! round, cast or challenged (a reused salt), which is refused and leaves its card unspent.
//! Each step is one statement for the whole batch, so that a batch costs a few round trips to
//! the database, not a few per cast.
//!
//! Nothing here logs a cast (RULES.md §4: a line per cast would mark the time of every ballot
//! beside the desk's check-ins): the writer counts what it recorded and logs, once a minute,
//! only how many ballots each round received in that minute.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::store::voting;
use crate::store::{Store, StoreError};

/// The most casts written in one transaction.
const BATCH: usize = 256;
/// Casts waiting for the writer before senders wait too.
const QUEUE: usize = 4096;
/// How often the writer logs how many ballots it recorded.
const TALLY_EVERY: Duration = Duration::from_secs(60);

/// A cast checked against the manifest, ready to write.
#[derive(Debug, Clone)]
pub struct PreparedCast {
    /// The congress.
    pub congress: String,
    /// The round.
    pub round: u32,
    /// The storage hash of the card's code.
    pub code_hash: String,
    /// The card's retry tag for this ballot ([`CardCode::retry_tag`]): only the same card
    /// casting the same ballot again gets its receipt back.
    ///
    /// [`CardCode::retry_tag`]: crate::record::card::CardCode::retry_tag
    pub retry_tag: String,
    /// The receipt: the ballot's leaf hash, hex.
    pub leaf_hash: String,
    /// The kiosk's salt: no two ballots of a round, cast or challenged, share one.
    pub salt: String,
    /// The ballot's canonical JSON.
    pub body: String,
}

/// What became of a cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Appended to the log and durable.
    Recorded,
    /// The same ballot with the same card was recorded before: the same receipt.
    Repeated,
}

/// Why a cast was refused. Nothing was written for it.
#[derive(Debug, thiserror::Error)]
pub enum CastError {
    /// The round closed (or never opened).
    #[error("the round is closed")]
    RoundClosed,
    /// The card voted in this round with a different ballot.
    #[error("the card has voted in this round")]
    CardSpent,
    /// Another card's ballot has the same leaf: the kiosk reused a salt.
    #[error("the salt was used before")]
    SaltReused,
    /// The writer is gone: the server is shutting down.
    #[error("the server is shutting down")]
    Stopped,
    /// The database failed; nothing of the batch was kept.
    #[error("the ballot could not be stored")]
    Failed,
}

type Reply = oneshot::Sender<Result<Outcome, CastError>>;

/// The handle through which handlers cast.
#[derive(Debug, Clone)]
pub struct CastWriter {
    queue: mpsc::Sender<(PreparedCast, Reply)>,
}

impl CastWriter {
    /// Starts the writer on `store`. It stops when every handle is dropped.
    pub fn start(store: Store) -> CastWriter {
        let (queue, receiver) = mpsc::channel(QUEUE);
        tokio::spawn(run(store, receiver));
        CastWriter { queue }
    }

    /// Casts, and answers once the ballot is durable (or refused).
    pub async fn cast(&self, cast: PreparedCast) -> Result<Outcome, CastError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((cast, reply))
            .await
            .map_err(|_| CastError::Stopped)?;
        answer.await.map_err(|_| CastError::Stopped)?
    }
}

async fn run(store: Store, mut receiver: mpsc::Receiver<(PreparedCast, Reply)>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut recorded = RecordedCount::default();
    let mut minute = tokio::time::interval(TALLY_EVERY);
    minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            received = receiver.recv_many(&mut batch, BATCH) => {
                if received == 0 {
                    break;
                }
            }
            _ = minute.tick() => {
                recorded.log();
                continue;
            }
        }
        let (casts, replies): (Vec<PreparedCast>, Vec<Reply>) = batch.drain(..).unzip();
        match write(&store, &casts).await {
            Ok(outcomes) => {
                for ((cast, reply), outcome) in casts.iter().zip(replies).zip(outcomes) {
                    if matches!(outcome, Ok(Outcome::Recorded)) {
                        recorded.add(&cast.congress, cast.round);
                    }
                    // A kiosk that hung up still has its ballot recorded; a retry finds it.
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                tracing::error!(%error, casts = casts.len(), "a batch of casts failed; none was kept");
                for reply in replies {
                    let _ = reply.send(Err(CastError::Failed));
                }
            }
        }
    }
    recorded.log();
}

/// Ballots recorded since the last line of the log, by congress and round.
#[derive(Debug, Default)]
struct RecordedCount(BTreeMap<(String, u32), u64>);

impl RecordedCount {
    fn add(&mut self, congress: &str, round: u32) {
        *self.0.entry((congress.to_owned(), round)).or_default() += 1;
    }

    /// The lines to log, one per round that received ballots; the count starts again.
    fn take(&mut self) -> Vec<String> {
        std::mem::take(&mut self.0)
            .into_iter()
            .map(|((congress, round), n)| {
                format!("{n} ballot(s) cast in round {round} of congress {congress}")
            })
            .collect()
    }

    fn log(&mut self) {
        for line in self.take() {
            tracing::info!("{line} since the last count");
        }
    }
}

/// Writes a batch in one transaction; the outcome of each cast, valid only once committed.
async fn write(
    store: &Store,
    casts: &[PreparedCast],
) -> Result<Vec<Result<Outcome, CastError>>, StoreError> {
    let mut tx = store.write().await?;
    let mut outcomes: Vec<Result<Outcome, CastError>> = Vec::with_capacity(casts.len());
    outcomes.resize_with(casts.len(), || Err(CastError::Failed));
    // Each round's casts, in the order they came.
    let mut rounds: BTreeMap<(&str, u32), Vec<usize>> = BTreeMap::new();
    for (i, cast) in casts.iter().enumerate() {
        rounds
            .entry((cast.congress.as_str(), cast.round))
            .or_default()
            .push(i);
    }
    for ((congress, round), indices) in rounds {
        let Some((true, size)) = voting::round_state(&mut tx, congress, round).await? else {
            for i in indices {
                outcomes[i] = Err(CastError::RoundClosed);
            }
            continue;
        };
        let written = write_round(&mut tx, congress, round, size, casts, &indices).await?;
        for (i, outcome) in indices.into_iter().zip(written) {
            outcomes[i] = outcome;
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Writes one open round's casts with a few statements for the whole batch: spend the cards,
/// look up the leaves and the retry tags of cards spent before, add the new ballots, take back
/// the cards of reused salts.
async fn write_round(
    tx: &mut sqlx::AnyConnection,
    congress: &str,
    round: u32,
    size: u64,
    casts: &[PreparedCast],
    indices: &[usize],
) -> Result<Vec<Result<Outcome, CastError>>, StoreError> {
    // The first cast of a card in the batch is the one that may spend it.
    let mut first_of: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in indices {
        first_of.entry(casts[i].code_hash.as_str()).or_insert(i);
    }
    let spending: Vec<(&str, &str)> = first_of
        .values()
        .map(|&i| (casts[i].code_hash.as_str(), casts[i].retry_tag.as_str()))
        .collect();
    let spent_now = voting::spend_cards(tx, congress, round, &spending).await?;
    let spent_before: Vec<&str> = first_of
        .keys()
        .copied()
        .filter(|code| !spent_now.contains(*code))
        .collect();
    let earlier_tags = voting::retry_tags(tx, congress, round, &spent_before).await?;
    let leaves: Vec<&str> = indices
        .iter()
        .map(|&i| casts[i].leaf_hash.as_str())
        .collect();
    let logged = voting::logged_leaves(tx, congress, round, &leaves).await?;
    let salts: Vec<&str> = indices.iter().map(|&i| casts[i].salt.as_str()).collect();
    let used = voting::used_salts(tx, congress, round, &salts).await?;

    let mut appended: BTreeSet<&str> = BTreeSet::new();
    let mut salted: BTreeSet<&str> = BTreeSet::new();
    let mut append = Vec::new();
    let mut unspend = BTreeSet::new();
    for (&code, &i) in &first_of {
        if !spent_now.contains(code) {
            continue;
        }
        let cast = &casts[i];
        let fresh = !logged.contains(&cast.leaf_hash) && !used.contains(&cast.salt);
        if fresh && appended.insert(&cast.leaf_hash) && salted.insert(&cast.salt) {
            append.push(voting::LogEntry {
                leaf_hash: &cast.leaf_hash,
                salt: Some(&cast.salt),
                body: &cast.body,
            });
        } else {
            // Another ballot of the round, cast or challenged, has this salt or this leaf: the
            // kiosk reused a salt.
            unspend.insert(code);
        }
    }
    voting::append_ballots(tx, congress, round, &append).await?;
    let unspent: Vec<&str> = unspend.iter().copied().collect();
    voting::unspend_cards(tx, congress, round, &unspent).await?;
    voting::set_size(tx, congress, round, size + append.len() as u64).await?;

    let outcomes = indices
        .iter()
        .map(|&i| {
            let cast = &casts[i];
            let code = cast.code_hash.as_str();
            let first = first_of[code];
            if unspend.contains(code) {
                // The card's first cast in this batch reused a salt; any other was not tried.
                return Err(if i == first {
                    CastError::SaltReused
                } else {
                    CastError::Failed
                });
            }
            // The tag the card's ballot in the log was cast with.
            let standing = if spent_now.contains(code) {
                if i == first {
                    return Ok(Outcome::Recorded);
                }
                Some(casts[first].retry_tag.as_str())
            } else {
                earlier_tags.get(code).map(String::as_str)
            };
            if standing == Some(cast.retry_tag.as_str()) {
                // This very card cast this very ballot: a retry.
                Ok(Outcome::Repeated)
            } else {
                Err(CastError::CardSpent)
            }
        })
        .collect();
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_counts_ballots_per_round_and_starts_again_after_each_line() {
        let mut recorded = RecordedCount::default();
        for _ in 0..3 {
            recorded.add("c1", 1);
        }
        recorded.add("c2", 4);
        assert_eq!(
            recorded.take(),
            [
                "3 ballot(s) cast in round 1 of congress c1",
                "1 ballot(s) cast in round 4 of congress c2"
            ]
        );
        assert!(recorded.take().is_empty(), "nothing was cast since");
    }
}
