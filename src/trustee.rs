//! `ballotbox trustee`: a trustee's part of the key ceremony, and of opening each sealed round,
//! from the command line, for scripted setups and the demo. It signs in with the trustee's inspector account, draws the
//! trustee's secrets on this computer, reads the board the server carries (checking every
//! message on it again), posts each step in turn, and writes the key file, sealed under the
//! trustee's passphrase, before it proves to the others that it holds its share
//! (docs/sealed-ballots.md §5, §6). The server sees neither the passphrase nor the share.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::client::ApiClient;
use crate::record::documents::SealedLeaf;
use crate::record::sealed::board::{Board, Message, Participant, Stage};
use crate::record::sealed::ceremony::{CeremonyContext, HoldingMessage};
use crate::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use crate::record::sealed::opening::PartialDecryption;
use crate::record::sealed::randomness::SystemRandomness;
use crate::record::sealed::round::{Opening, SealedRound};

/// What a trustee's run of the ceremony needs.
#[derive(Debug, Clone)]
pub struct CeremonyRun {
    /// The congress.
    pub congress: String,
    /// The trustee's inspector account.
    pub account: String,
    /// Where to write the key file; it must not exist.
    pub key_file: PathBuf,
    /// How long to wait between looks at the board.
    pub poll: Duration,
}

/// The board's lists in the order a board takes them, with their messages' step.
const LISTS: [(&str, &str); 5] = [
    ("commitments", "commitment"),
    ("shares", "shares"),
    ("checks", "checks"),
    ("answers", "answer"),
    ("holdings", "holding"),
];

/// Builds the board from the server's view of the ceremony, checking every message again:
/// a trustee trusts nothing the server says that it can check.
pub fn board_of(view: &Value) -> anyhow::Result<Board> {
    let number = |key: &str| -> anyhow::Result<u32> {
        let value = view[key]
            .as_u64()
            .ok_or_else(|| anyhow!("the ceremony has no {key}"))?;
        Ok(u32::try_from(value)?)
    };
    let congress = view["congress"]
        .as_str()
        .ok_or_else(|| anyhow!("the ceremony names no congress"))?;
    let context = CeremonyContext::new(congress, number("trustees")?, number("threshold")?)?;
    let mut board = Board::new(context);
    for (list, step) in LISTS {
        for message in view[list].as_array().into_iter().flatten() {
            let message = Message::from_json(step, &message.to_string())?;
            board.post(message).with_context(|| {
                format!("the server carries a {step} message that does not check")
            })?;
        }
    }
    Ok(board)
}

/// The route a message is posted to.
fn route(congress: &str, message: &Message) -> String {
    let step = match message {
        Message::Commitment(_) => "commitment",
        Message::Shares(_) => "shares",
        Message::Checks(_) => "checks",
        Message::Answer(_) => "answers",
        Message::Holding(_) => "holdings",
    };
    format!("/congresses/{congress}/ceremony/{step}")
}

async fn post(client: &ApiClient, congress: &str, message: &Message) -> anyhow::Result<Value> {
    let path = route(congress, message);
    let (status, answer) = client
        .exchange(Method::POST, &path, Some(message.to_json()))
        .await?;
    if status != StatusCode::CREATED && status != StatusCode::OK {
        bail!(
            "posting the {} message was refused ({status}): {answer}",
            message.step()
        );
    }
    Ok(answer)
}

/// Takes part in the ceremony as the trustee `run.account` is, to its end: every trustee
/// holding its share. `say` hears each step. Returns the key file written.
pub async fn take_part(
    client: &ApiClient,
    run: &CeremonyRun,
    passphrase: &Passphrase,
    say: &mut (dyn FnMut(String) + Send),
) -> anyhow::Result<TrusteeKeyFile> {
    if run.key_file.exists() {
        bail!(
            "{} exists already: a key file is never overwritten; name another",
            run.key_file.display()
        );
    }
    let path = format!("/congresses/{}/ceremony", run.congress);
    let mut view = client.get(&path).await?;
    let me = view["you"].as_u64().ok_or_else(|| {
        anyhow!(
            "the account \"{}\" is not a trustee of congress {}: the organiser names the trustees",
            run.account,
            run.congress
        )
    })?;
    let me = u32::try_from(me)?;
    let board = board_of(&view)?;
    if !board.done(me).is_empty() {
        bail!(
            "trustee {me} has taken part in this ceremony already, with secrets this run does not \
             have: ask the organiser to restart the ceremony"
        );
    }
    let mut rng = SystemRandomness::new();
    let mut participant = Participant::start(board.context(), me, &mut rng)?;
    say(format!(
        "trustee {me} of {}: {} trustees, any {} of whom open a count",
        run.congress,
        board.context().trustees(),
        board.context().threshold()
    ));
    let mut written: Option<TrusteeKeyFile> = None;
    loop {
        let board = board_of(&view)?;
        let mut posted = false;
        match board.stage() {
            Stage::Complete => break,
            Stage::Holdings if !board.done(me).contains(&"holding") => {
                let share = participant.secret_share(&board)?;
                let joint_key = board
                    .joint_key()
                    .ok_or_else(|| anyhow!("the joint key is not known yet"))?;
                let context = board.context();
                let file = TrusteeKeyFile::seal(
                    &share,
                    &run.congress,
                    context.trustees(),
                    context.threshold(),
                    &joint_key,
                    passphrase,
                    &mut rng,
                )?;
                write_new(&run.key_file, &file)?;
                say(format!("key file written: {}", run.key_file.display()));
                let holding = HoldingMessage::make(context, &share, &mut rng)?;
                view = post(client, &run.congress, &Message::Holding(holding)).await?;
                written = Some(file);
                posted = true;
            }
            _ => {
                for message in participant.next(&board, &mut rng)? {
                    say(format!("posting the {} message", message.step()));
                    view = post(client, &run.congress, &message).await?;
                    posted = true;
                }
            }
        }
        if !posted {
            tokio::time::sleep(run.poll).await;
            view = client.get(&path).await?;
        }
    }
    let file = written.ok_or_else(|| {
        anyhow!("the ceremony completed without this trustee's key file: ask the organiser to restart it")
    })?;
    say(format!(
        "the ceremony is complete; the joint key is {}",
        file.joint_key
    ));
    Ok(file)
}

/// Writes the key file, never over another, readable by its owner only where the system
/// allows.
fn write_new(path: &std::path::Path, file: &TrusteeKeyFile) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(file)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options
        .open(path)
        .with_context(|| format!("creating the key file {}", path.display()))?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.sync_all()?;
    Ok(())
}

/// What a trustee's run of a round's opening needs.
#[derive(Debug, Clone)]
pub struct OpeningRun {
    /// The congress.
    pub congress: String,
    /// The round.
    pub round: u32,
    /// How long to wait between looks at the opening.
    pub poll: Duration,
}

/// Takes part in opening a closed sealed round, to its end (every list opened, or the round
/// counted): checks the manifest against the key file, every ballot of the round and its tree
/// head, then decrypts each list partially with the trustee's share, with a proof
/// (docs/sealed-ballots.md §9). Returns the opening's last view.
pub async fn open_round(
    client: &ApiClient,
    run: &OpeningRun,
    key_file: &TrusteeKeyFile,
    passphrase: &Passphrase,
    say: &mut (dyn FnMut(String) + Send),
) -> anyhow::Result<Value> {
    let share = key_file.open(passphrase)?;
    let base = format!("/congresses/{}", run.congress);
    let (status, manifest_text) = client
        .exchange(Method::GET, &format!("{base}/manifest"), None)
        .await?;
    if status != StatusCode::OK {
        bail!("the manifest could not be read ({status}): {manifest_text}");
    }
    let manifest_bytes = crate::record::canonical::to_vec(&manifest_text)?;
    let manifest_hash = crate::record::hash::sha256(&[&manifest_bytes]);
    let manifest: crate::record::manifest::Manifest = serde_json::from_value(manifest_text)?;
    let sealing = manifest
        .sealing
        .as_ref()
        .ok_or_else(|| anyhow!("congress {} does not seal its ballots", run.congress))?;
    if sealing.joint_key != key_file.joint_key || key_file.congress != run.congress {
        bail!(
            "this key file is not of congress {}'s trustees",
            run.congress
        );
    }
    let ceremony = sealing.ceremony(&run.congress)?;
    let round_view = client.get(&format!("{base}/rounds/{}", run.round)).await?;
    let definition: crate::record::documents::RoundDefinition =
        serde_json::from_value(round_view["definition"].clone())?;
    if definition.manifest_hash != manifest_hash {
        bail!(
            "round {} is not of the manifest served: the server is not to be trusted",
            run.round
        );
    }
    let mut checked: Option<SealedRound<'static>> = None;
    let me = share.trustee();
    loop {
        let view = client
            .get(&format!("{base}/rounds/{}/opening", run.round))
            .await?;
        let stage = view["stage"].as_str().unwrap_or_default().to_owned();
        let done: Vec<String> = view["trustees"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["trustee"].as_u64() == Some(me.into()))
            .and_then(|t| t["done"].as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect();
        match stage.as_str() {
            "opened" => {
                say(format!("round {} is opened and counted", run.round));
                return Ok(view);
            }
            "totals" | "write-ins" if !done.contains(&stage) => {
                if checked.is_none() {
                    let round = check_round(
                        client,
                        &base,
                        run.round,
                        &definition,
                        &manifest_hash,
                        &sealing.joint_key,
                    )
                    .await?;
                    say(format!(
                        "round {}: {} ballot(s) checked, with their proofs and the signed tree head",
                        run.round,
                        round.ballots().len()
                    ));
                    checked = Some(round);
                }
                let round = checked.as_ref().ok_or_else(|| anyhow!("no round"))?;
                let first = round.first_list()?;
                let list = if stage == "totals" {
                    first
                } else {
                    let totals: Vec<PartialDecryption> =
                        serde_json::from_value(view["partials"]["totals"].clone())?;
                    let public = |i: u32| {
                        (1..=ceremony.context().trustees())
                            .contains(&i)
                            .then(|| ceremony.public_share(i))
                    };
                    let Opening::WriteIns { totals, .. } =
                        round.open(sealing.threshold, &public, &totals, &[])?
                    else {
                        // The totals open to no write-in: the round is counted already, or is
                        // about to be; look again.
                        tokio::time::sleep(run.poll).await;
                        continue;
                    };
                    round
                        .second_list(&first, &totals)?
                        .ok_or_else(|| anyhow!("no section holds a write-in"))?
                };
                let partial = PartialDecryption::make(
                    &share,
                    &manifest_hash,
                    run.round.into(),
                    &list,
                    &mut SystemRandomness::new(),
                )?;
                say(format!(
                    "posting the partial decryption of the {stage} list"
                ));
                client
                    .post(
                        &format!("{base}/rounds/{}/partials", run.round),
                        serde_json::to_value(&partial)?,
                        StatusCode::CREATED,
                    )
                    .await?;
            }
            _ => tokio::time::sleep(run.poll).await,
        }
    }
}

/// A closed sealed round's ballots, checked: their leaves give the signed tree head's root,
/// and every ballot's proofs hold.
async fn check_round(
    client: &ApiClient,
    base: &str,
    number: u32,
    definition: &crate::record::documents::RoundDefinition,
    manifest_hash: &crate::record::hash::Digest,
    joint_key: &crate::record::sealed::group::Point,
) -> anyhow::Result<SealedRound<'static>> {
    let view = client.get(&format!("{base}/rounds/{number}")).await?;
    let tree_head: crate::record::documents::TreeHead =
        serde_json::from_value(view["tree_head"].clone()).context("the round's tree head")?;
    let listed = client
        .get(&format!("{base}/rounds/{number}/sealed-ballots"))
        .await?;
    let leaves: Vec<SealedLeaf> = serde_json::from_value(listed["ballots"].clone())?;
    let hashes = leaves
        .iter()
        .map(SealedLeaf::receipt)
        .collect::<Result<Vec<_>, _>>()?;
    if crate::record::merkle::root(&hashes) != tree_head.root
        || hashes.len() as u64 != tree_head.size
    {
        bail!(
            "round {number}'s ballots do not give its signed tree head: the server altered its log"
        );
    }
    let round = SealedRound::new(manifest_hash, definition, leaves)?;
    let key = *joint_key;
    let round = tokio::task::spawn_blocking(move || round.verify(&key).map(|()| round)).await??;
    Ok(round)
}
