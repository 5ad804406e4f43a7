//! Casting with group commit: one writer task takes the casts waiting at a moment and writes
//! them in one transaction, so that one durable commit (one `fsync` on SQLite with
//! `synchronous=FULL`) serves many kiosks. No kiosk is answered before the commit that holds its
//! ballot; if the commit fails, every cast in it is answered with an error and none is kept.
//!
//! In the transaction, for each cast: the round must still be open; the card is spent by
//! inserting its key (a unique key, so no two servers sharing a database can both spend it) —
//! when it was spent before, the same ballot again is a retry that gets the same receipt, and
//! any other is refused; the ballot is appended at the log's end, unless another card's ballot
//! has the same leaf (a reused salt), which is refused and leaves the card unspent.

use std::collections::BTreeMap;

use tokio::sync::{mpsc, oneshot};

use crate::store::voting;
use crate::store::{Store, StoreError};

/// The most casts written in one transaction.
const BATCH: usize = 256;
/// Casts waiting for the writer before senders wait too.
const QUEUE: usize = 4096;

/// A cast checked against the manifest, ready to write.
#[derive(Debug, Clone)]
pub struct PreparedCast {
    /// The congress.
    pub congress: String,
    /// The round.
    pub round: u32,
    /// The storage hash of the card's code.
    pub code_hash: String,
    /// The receipt: the ballot's leaf hash, hex.
    pub leaf_hash: String,
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
    while receiver.recv_many(&mut batch, BATCH).await > 0 {
        let (casts, replies): (Vec<PreparedCast>, Vec<Reply>) = batch.drain(..).unzip();
        match write(&store, &casts).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
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
}

/// Writes a batch in one transaction; the outcome of each cast, valid only once committed.
async fn write(
    store: &Store,
    casts: &[PreparedCast],
) -> Result<Vec<Result<Outcome, CastError>>, StoreError> {
    let mut tx = store.write().await?;
    // Each round's state as this transaction sees it: open, and the log's size.
    let mut rounds: BTreeMap<(&str, u32), (bool, u64)> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(casts.len());
    for cast in casts {
        let key = (cast.congress.as_str(), cast.round);
        let (open, size) = match rounds.get(&key) {
            Some(state) => *state,
            None => {
                let state = voting::round_state(&mut tx, &cast.congress, cast.round)
                    .await?
                    .unwrap_or((false, 0));
                rounds.insert(key, state);
                state
            }
        };
        if !open {
            outcomes.push(Err(CastError::RoundClosed));
            continue;
        }
        if !voting::spend_card(&mut tx, &cast.congress, cast.round, &cast.code_hash).await? {
            // Spent before: the same ballot again is a retry; anything else is refused.
            let leaf = voting::leaf_exists(&mut tx, &cast.congress, cast.round, &cast.leaf_hash);
            outcomes.push(if leaf.await? {
                Ok(Outcome::Repeated)
            } else {
                Err(CastError::CardSpent)
            });
            continue;
        }
        let appended = voting::append_ballot(
            &mut tx,
            &cast.congress,
            cast.round,
            size,
            &cast.leaf_hash,
            &cast.body,
        )
        .await?;
        if !appended {
            // Another card's ballot has this leaf: the kiosk reused a salt. The card stays unspent.
            voting::unspend_card(&mut tx, &cast.congress, cast.round, &cast.code_hash).await?;
            outcomes.push(Err(CastError::SaltReused));
            continue;
        }
        rounds.insert(key, (true, size + 1));
        outcomes.push(Ok(Outcome::Recorded));
    }
    for ((congress, round), (_, size)) in &rounds {
        voting::set_size(&mut tx, congress, *round, *size).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}
