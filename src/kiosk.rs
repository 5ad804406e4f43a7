//! `ballotbox kiosk`: a voting kiosk without a screen, for dress rehearsals, load tests and
//! scripted checks of a deployment, and the demo's kiosks. It enrols with a pairing code like
//! the kiosk page, fetches a card's ballot, and seals, proves and casts — or challenges — the
//! marks it is given exactly as the page does (docs/sealed-ballots.md §7).

use std::collections::BTreeMap;

use anyhow::{Context, anyhow, bail};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::client::ApiClient;
use crate::election::{CandidateId, ContestId, Marks};
use crate::record::documents::SealedLeaf;
use crate::record::hash::Digest;
use crate::record::receipt::ShortReceipt;
use crate::record::sealed::ballot::{ContestShape, SealedBallot, SectionChoices};
use crate::record::sealed::challenge::BallotOpening;
use crate::record::sealed::group::Point;
use crate::record::sealed::randomness::SystemRandomness;

/// The kiosk credential's cookie, as the server names it.
pub const CREDENTIAL_COOKIE: &str = crate::server::kiosk::KIOSK_COOKIE;

/// A ballot sealed at this kiosk, ready to cast or challenge.
#[derive(Debug, Clone)]
pub struct Sealed {
    /// The sealed ballot.
    pub ballot: SealedBallot,
    /// Its opening, for a challenge; forgotten after a cast.
    pub opening: BallotOpening,
    /// The tracker: the short form of the receipt the ballot will have.
    pub tracker: String,
    /// That receipt in full.
    pub receipt: Digest,
}

fn text<'a>(value: &'a Value, what: &str) -> anyhow::Result<&'a str> {
    value
        .as_str()
        .ok_or_else(|| anyhow!("the ballot has no {what}"))
}

/// The shapes of a fetched ballot's contests (`write_in_lines` lines each).
pub fn shapes(ballot: &Value) -> anyhow::Result<Vec<ContestShape>> {
    let contests = ballot["contests"]
        .as_array()
        .ok_or_else(|| anyhow!("the ballot has no contests"))?;
    contests
        .iter()
        .map(|contest| {
            let number = |key: &str| -> anyhow::Result<u32> {
                Ok(u32::try_from(contest[key].as_u64().ok_or_else(|| {
                    anyhow!("a contest of the ballot has no {key}")
                })?)?)
            };
            let candidates = contest["candidates"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    CandidateId::parse(text(&c["id"], "candidate id")?).map_err(|e| anyhow!("{e}"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(ContestShape {
                contest: ContestId::parse(text(&contest["id"], "contest id")?)
                    .map_err(|e| anyhow!("{e}"))?,
                candidates,
                write_in_lines: number("write_in_lines")?,
                seats: number("seats")?,
            })
        })
        .collect()
}

/// Seals `marks` (by contest id; a contest left out is left blank) on a fetched ballot, as the
/// kiosk page does.
pub fn seal(
    ballot: &Value,
    congress: &str,
    marks: &BTreeMap<String, Marks>,
) -> anyhow::Result<Sealed> {
    let sealing = &ballot["sealing"];
    let key: Point = text(&sealing["joint_key"], "joint key")?
        .parse()
        .map_err(|e| anyhow!("the joint key: {e}"))?;
    let manifest: Digest = text(&sealing["manifest_hash"], "manifest hash")?
        .parse()
        .map_err(|e| anyhow!("the manifest hash: {e}"))?;
    let round = u32::try_from(
        ballot["round"]
            .as_u64()
            .ok_or_else(|| anyhow!("the ballot has no round"))?,
    )?;
    let shapes = shapes(ballot)?;
    for contest in marks.keys() {
        if !shapes.iter().any(|s| s.contest.as_str() == contest) {
            bail!("contest \"{contest}\" is not on this card's ballot");
        }
    }
    let blank = Marks::default();
    let choices = shapes
        .iter()
        .map(|shape| {
            SectionChoices::from_marks(shape, marks.get(shape.contest.as_str()).unwrap_or(&blank))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sections: Vec<(&ContestShape, &SectionChoices)> = shapes.iter().zip(&choices).collect();
    let (sealed, secrets) = SealedBallot::seal(
        &key,
        &manifest,
        round.into(),
        &sections,
        &mut SystemRandomness::new(),
    )?;
    let opening = secrets.reveal(&shapes.iter().collect::<Vec<_>>());
    let receipt = SealedLeaf::of(congress, round, sealed.clone()).receipt()?;
    Ok(Sealed {
        ballot: sealed,
        opening,
        tracker: ShortReceipt::of(&receipt).to_string(),
        receipt,
    })
}

/// Enrols a kiosk with a pairing code; returns its credential (the cookie's value), which
/// [`ApiClient::with_cookie`] gives back to a client.
pub async fn pair(client: &ApiClient, code: &str) -> anyhow::Result<String> {
    let (status, answer, credential) = client
        .exchange_for_cookie(
            Method::POST,
            "/kiosk/pairing",
            Some(json!({"code": code})),
            CREDENTIAL_COOKIE,
        )
        .await?;
    if status != StatusCode::CREATED {
        bail!("the pairing code was refused ({status}): {answer}");
    }
    credential.ok_or_else(|| anyhow!("the server set no kiosk credential"))
}

/// What casting or challenging at this kiosk answered.
#[derive(Debug, Clone)]
pub struct Voted {
    /// The server's answer: the receipt (cast) or the tracker (challenge).
    pub answer: Value,
    /// The ballot's tracker, as this kiosk computed it before sending it.
    pub tracker: String,
}

/// Fetches the card's ballot and casts `marks` on it, sealed; with `challenge`, challenges the
/// sealed ballot instead (the card stays unspent). `round`, when
/// given, must be the open round.
pub async fn vote(
    client: &ApiClient,
    card: &str,
    round: Option<u32>,
    marks: &BTreeMap<String, Marks>,
    challenge: bool,
) -> anyhow::Result<Voted> {
    let status = client.get("/kiosk").await?;
    let congress = text(&status["kiosk"]["congress"], "congress")?.to_owned();
    let ballot = client
        .post("/kiosk/ballot", json!({"card": card}), StatusCode::OK)
        .await?;
    let number = ballot["round"].as_u64().unwrap_or_default();
    if let Some(round) = round
        && u64::from(round) != number
    {
        bail!("round {round} is not open: round {number} is");
    }
    let sealed = seal(&ballot, &congress, marks)?;
    let (path, body) = if challenge {
        (
            "/kiosk/challenges",
            json!({"card": card, "round": number, "ballot": sealed.ballot, "opening": sealed.opening}),
        )
    } else {
        (
            "/kiosk/casts",
            json!({"card": card, "round": number, "ballot": sealed.ballot}),
        )
    };
    let (status, answer) = client.exchange(Method::POST, path, Some(body)).await?;
    if !status.is_success() {
        bail!("the server refused the ballot ({status}): {answer}");
    }
    let echoed = if challenge {
        &answer["tracker"]
    } else {
        &answer["short"]
    };
    if echoed.as_str() != Some(sealed.tracker.as_str()) {
        bail!(
            "the server's receipt {echoed} is not the tracker {} this kiosk computed: report it to the scrutineers",
            sealed.tracker
        );
    }
    Ok(Voted {
        answer,
        tracker: sealed.tracker,
    })
}

/// Reads marks as `ballotbox kiosk cast` takes them: a JSON object of sections by contest id,
/// each `{"for": […], "against": […], "abstain": […], "write_ins": […]}` (members may be left
/// out).
pub fn read_marks(text: &str) -> anyhow::Result<BTreeMap<String, Marks>> {
    let value: BTreeMap<String, Value> =
        serde_json::from_str(text).context("the marks are a JSON object of sections by contest")?;
    value
        .into_iter()
        .map(|(contest, section)| {
            let mut full = json!({"for": [], "against": [], "abstain": [], "write_ins": []});
            for (key, list) in section
                .as_object()
                .ok_or_else(|| anyhow!("contest \"{contest}\": a section is an object"))?
            {
                if full.get(key).is_none() {
                    bail!("contest \"{contest}\": unknown member \"{key}\"");
                }
                full[key] = list.clone();
            }
            let marks: Marks = serde_json::from_value(full).with_context(|| {
                format!("contest \"{contest}\": lists of candidate ids and names")
            })?;
            Ok((contest, marks))
        })
        .collect()
}
