//! `ballotbox trustee`: a trustee's part of the key ceremony from the command line, for
//! scripted setups and the demo. It signs in with the trustee's inspector account, draws the
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
use crate::record::sealed::board::{Board, Message, Participant, Stage};
use crate::record::sealed::ceremony::{CeremonyContext, HoldingMessage};
use crate::record::sealed::key_file::{Passphrase, TrusteeKeyFile};
use crate::record::sealed::randomness::SystemRandomness;

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
