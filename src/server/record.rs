//! Publishing and the election record: the publication whose hash is the result hash of the
//! minutes, inspectors' countersignatures, the whole congress as one verifiable file, and what
//! the public sees — results, tree heads, receipts, and an inclusion proof for a receipt.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::voting::{self, Voting, parse};
use crate::record::documents::{
    self, Countersignature, Countersigned, ElectionRecord, LoggedBallot, PublishedRound,
    RECORD_FORMAT, RecordedDecision, RecordedPublication, RecordedRound, RoundResult,
    SEALED_RECORD_FORMAT, SealedLog, TreeHead,
};
use crate::record::hash::Digest;
use crate::record::keys::{PublicKey, Signature, SigningContext};
use crate::record::manifest::Manifest;
use crate::record::merkle;
use crate::record::receipt::ShortReceipt;
use crate::store::users::Role::{Inspector, Organiser};
use crate::store::voting::{self as stored, SignedText, StoredCountersignature};
use crate::store::{StoreError, audit, now_ms};

fn read<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| StoreError::Corrupt(format!("{what}: {e}")))
}

/// The result hash, for the minutes.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Published {
    /// SHA-256 of the publication: the result hash.
    pub result_hash: String,
    /// The same in groups of four, as the minutes print it.
    pub grouped: String,
    /// The publication.
    #[schema(value_type = Object)]
    pub publication: documents::Publication,
}

/// Publishes the result once every body is elected: signs the publication, whose hash goes
/// into the minutes.
#[utoipa::path(post, path = "/congresses/{id}/publication", tag = "record",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = Published), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn publish(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    let voting = voting::load(&mut tx, &id).await?;
    super::rounds::ensure_unpublished(&mut tx, &id).await?;
    let rounds = voting
        .rounds
        .iter()
        .filter_map(|r| {
            let closed = r.stored.closed.as_ref()?;
            Some(
                read("a result hash", &closed.result_hash).map(|result_hash| PublishedRound {
                    number: r.stored.number,
                    result_hash,
                }),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let decisions = voting
        .decisions
        .iter()
        .map(|d| read("a decision hash", &d.stored.hash))
        .collect::<Result<Vec<Digest>, _>>()?;
    let publication = voting.progress.publication(rounds, decisions)?;
    let (bytes, hash) =
        documents::digest(&publication).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let key = voting::election_key(&mut tx, &id).await?;
    let signature = key.sign(SigningContext::Publication, &bytes).to_string();
    let body = String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let signed = SignedText {
        body,
        hash: hash.to_hex(),
        signature,
    };
    stored::insert_publication(&mut tx, &id, &signed, now_ms()).await?;
    audit::append(
        &mut tx,
        &user.name,
        "result.publish",
        json!({"congress": id, "result_hash": hash}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((
        StatusCode::CREATED,
        Json(Published {
            result_hash: hash.to_hex(),
            grouped: hash.grouped(),
            publication,
        }),
    ))
}

/// An inspector's countersignature, made with a key the inspector keeps.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountersignRequest {
    /// The inspector's Ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The signature, in the `ballotbox/v1/countersignature` context, of the RFC 8785 form of
    /// `{"congress": …, "result_hash": …}`, 128 hex digits.
    pub signature: String,
}

/// Countersigns the result hash. The signature must verify; the server keeps only the public
/// key and the signature.
#[utoipa::path(post, path = "/congresses/{id}/countersignatures", tag = "record", request_body = CountersignRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, description = "the countersignature is stored"), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn, JsonBody))]
pub async fn countersign(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CountersignRequest>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Inspector])?;
    let public_key: PublicKey =
        request
            .public_key
            .parse()
            .map_err(|e: crate::record::keys::KeyError| {
                ApiError::unprocessable("bad_key", e.to_string())
            })?;
    let signature: Signature =
        request
            .signature
            .parse()
            .map_err(|e: crate::record::keys::KeyError| {
                ApiError::unprocessable("bad_signature", e.to_string())
            })?;
    let mut tx = state.store.write().await?;
    let published = stored::publication(&mut tx, &id).await?.ok_or_else(|| {
        ApiError::conflict(
            "not_published",
            "there is no result hash to countersign until the result is published",
        )
    })?;
    let signed = Countersigned {
        congress: id.clone(),
        result_hash: read("the result hash", &published.hash)?,
    };
    documents::verify(&public_key, SigningContext::Countersignature, &signed, &signature)
        .map_err(|_| {
            ApiError::unprocessable(
                "bad_signature",
                "the signature does not verify for this result hash with this key: sign the result hash shown on the page",
            )
        })?;
    stored::put_countersignature(
        &mut tx,
        &id,
        &StoredCountersignature {
            inspector: user.name.clone(),
            public_key: public_key.to_string(),
            signature: signature.to_string(),
        },
        now_ms(),
    )
    .await?;
    audit::append(
        &mut tx,
        &user.name,
        "result.countersign",
        json!({"congress": id, "public_key": public_key}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::CREATED)
}

/// A sealed round's partial decryptions of one step, as kept.
async fn read_partials(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    number: u32,
    step: &str,
) -> Result<Vec<crate::record::sealed::opening::PartialDecryption>, StoreError> {
    stored::partials(conn, id, number, step)
        .await?
        .iter()
        .map(|body| parse("a partial decryption", body))
        .collect()
}

/// Reads a closed round back into the record's form.
async fn recorded_round(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    round: &voting::Round,
    sealed: bool,
) -> Result<Option<RecordedRound>, ApiError> {
    let Some(closed) = &round.stored.closed else {
        return Ok(None);
    };
    let number = round.stored.number;
    let bodies = stored::ballots(conn, id, number).await?;
    let (ballots, sealed) = if sealed {
        let log = SealedLog {
            ballots: bodies
                .iter()
                .map(|body| parse("a sealed ballot", body))
                .collect::<Result<_, _>>()?,
            spoiled: stored::spoiled(conn, id, number)
                .await?
                .iter()
                .map(|body| parse("a challenged ballot", body))
                .collect::<Result<_, _>>()?,
            totals: read_partials(conn, id, number, "totals").await?,
            write_ins: read_partials(conn, id, number, "write-ins").await?,
        };
        (Vec::new(), Some(log))
    } else {
        let ballots: Vec<LoggedBallot> = bodies
            .iter()
            .map(|body| parse("a ballot", body))
            .collect::<Result<_, _>>()?;
        (ballots, None)
    };
    Ok(Some(RecordedRound {
        ballots,
        sealed,
        tree_head: parse("a tree head", &closed.tree_head)?,
        tree_head_signature: read("a tree head signature", &closed.tree_head_signature)?,
        result: parse("a result", &closed.result)?,
        result_hash: read("a result hash", &closed.result_hash)?,
        result_signature: read("a result signature", &closed.result_signature)?,
    }))
}

/// The whole congress as one record.
pub async fn build_record(
    conn: &mut sqlx::AnyConnection,
    voting: &Voting,
) -> Result<ElectionRecord, ApiError> {
    let id = &voting.congress.id;
    let mut rounds = Vec::new();
    for round in &voting.rounds {
        rounds.extend(recorded_round(conn, id, round, voting.manifest.sealing.is_some()).await?);
    }
    let decisions = voting
        .decisions
        .iter()
        .map(|d| {
            Ok(RecordedDecision {
                decision: d.decision.clone(),
                hash: read("a decision hash", &d.stored.hash)?,
                signature: read("a decision signature", &d.stored.signature)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let publication = match stored::publication(conn, id).await? {
        None => None,
        Some(signed) => Some(RecordedPublication {
            publication: parse("the publication", &signed.body)?,
            result_hash: read("the result hash", &signed.hash)?,
            signature: read("the publication's signature", &signed.signature)?,
        }),
    };
    let countersignatures = stored::countersignatures(conn, id)
        .await?
        .into_iter()
        .map(|c| {
            Ok(Countersignature {
                inspector: c.inspector,
                public_key: read("an inspector's key", &c.public_key)?,
                signature: read("a countersignature", &c.signature)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(ElectionRecord {
        format: match voting.manifest.sealing {
            Some(_) => SEALED_RECORD_FORMAT,
            None => RECORD_FORMAT,
        }
        .to_owned(),
        manifest: voting.manifest.clone(),
        manifest_hash: voting.manifest_hash,
        public_key: voting.public_key,
        rounds,
        decisions,
        publication,
        countersignatures,
    })
}

/// The election record: the manifest, every closed round with its ballots, signed tree head
/// and result, the decisions, the publication and the countersignatures. For the inspectors
/// and the higher union, as the paper ballots would be; `ballotbox verify` checks it.
#[utoipa::path(get, path = "/congresses/{id}/record", tag = "record", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, description = "the verifiable election record (docs/record-format.md)", body = serde_json::Value), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ElectionRecord>, ApiError> {
    user.require_in(&id, &[Organiser, Inspector])?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id).await?;
    Ok(Json(build_record(&mut conn, &voting).await?))
}

/// A round as the public sees it: its tree head, result and receipts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublicRound {
    /// The signed tree head.
    #[schema(value_type = Object)]
    pub tree_head: TreeHead,
    /// Its signature.
    pub tree_head_signature: String,
    /// The result.
    #[schema(value_type = Object)]
    pub result: RoundResult,
    /// SHA-256 of the result.
    pub result_hash: String,
    /// The election key's signature on the result.
    pub result_signature: String,
    /// Every receipt (leaf hash) in log order, so a delegate finds theirs.
    pub receipts: Vec<String>,
}

/// What anyone may read once the result is published.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublicResults {
    /// The congress's name.
    pub congress_name: String,
    /// The union founded.
    pub union_name: String,
    /// The date.
    pub date: String,
    /// The venue.
    pub venue: String,
    /// The manifest: the contests with their titles, electorates, seats and candidates.
    #[schema(value_type = Object)]
    pub manifest: Manifest,
    /// The manifest hash.
    pub manifest_hash: String,
    /// The election key.
    pub public_key: String,
    /// The publication, its hash and signature.
    #[schema(value_type = Object)]
    pub publication: RecordedPublication,
    /// Each closed round.
    pub rounds: Vec<PublicRound>,
    /// Inspectors' countersignatures.
    #[schema(value_type = Vec<Object>)]
    pub countersignatures: Vec<Countersignature>,
}

/// The published results: no ballot contents, only counts, tree heads and receipts.
#[utoipa::path(get, path = "/public/congresses/{id}/results", tag = "public",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = PublicResults), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state, such as before it is frozen", body = ErrorBody)))]
pub async fn public_results(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<PublicResults>, ApiError> {
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id)
        .await
        .map_err(|_| ApiError::not_found("a published result of this congress"))?;
    let record = build_record(&mut conn, &voting).await?;
    let publication = record.publication.ok_or_else(|| {
        ApiError::not_found("a published result of this congress (not yet published)")
    })?;
    let rounds = record
        .rounds
        .into_iter()
        .map(|r| {
            let receipts = r
                .receipts()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?
                .iter()
                .map(Digest::to_hex)
                .collect();
            Ok(PublicRound {
                tree_head: r.tree_head,
                tree_head_signature: r.tree_head_signature.to_string(),
                result: r.result,
                result_hash: r.result_hash.to_hex(),
                result_signature: r.result_signature.to_string(),
                receipts,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let info = &voting.congress.info;
    Ok(Json(PublicResults {
        congress_name: info.name.clone(),
        union_name: info.union_name.clone(),
        date: info.date.clone(),
        venue: info.venue.clone(),
        manifest: voting.manifest.clone(),
        manifest_hash: voting.manifest_hash.to_hex(),
        public_key: voting.public_key.to_string(),
        publication,
        rounds,
        countersignatures: record.countersignatures,
    }))
}

/// A congress whose result is published.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublishedCongress {
    /// Its id, for `/results/{id}`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The union founded.
    pub union_name: String,
    /// The date.
    pub date: String,
    /// The result hash.
    pub result_hash: String,
}

/// The congresses whose results are published, newest date first.
#[utoipa::path(get, path = "/public/congresses", tag = "public",
    responses((status = 200, body = Vec<PublishedCongress>)))]
pub async fn published_congresses(
    State(state): State<AppState>,
) -> Result<Json<Vec<PublishedCongress>>, ApiError> {
    let mut conn = state.store.read().await?;
    let mut published = Vec::new();
    for congress in crate::store::congress::list(&mut conn).await? {
        if let Some(publication) = stored::publication(&mut conn, &congress.id).await? {
            published.push(PublishedCongress {
                id: congress.id,
                name: congress.info.name,
                union_name: congress.info.union_name,
                date: congress.info.date,
                result_hash: publication.hash,
            });
        }
    }
    published.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.name.cmp(&b.name)));
    Ok(Json(published))
}

/// A receipt's inclusion proof against its round's signed tree head.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InclusionProof {
    /// The receipt (leaf hash).
    pub receipt: String,
    /// Its short form (docs/record-format.md §11), `XXXX-XXXX-XXXX`.
    pub short: String,
    /// The round.
    pub round: u32,
    /// The leaf's position in the log, from 0.
    pub index: u64,
    /// The signed tree head.
    #[schema(value_type = Object)]
    pub tree_head: TreeHead,
    /// Its signature with the election key.
    pub tree_head_signature: String,
    /// The election key.
    pub public_key: String,
    /// The audit path, nearest the leaf first (RFC 9162 §2.1.3).
    pub proof: Vec<String>,
}

/// What a delegate typed to find their ballot: the whole receipt, or its short form.
#[derive(Debug, Clone, Copy)]
enum Wanted {
    /// 64 hex digits: exactly this leaf.
    Full(Digest),
    /// 12 Crockford base32 symbols: the leaves that begin with these 60 bits.
    Short(ShortReceipt),
}

impl Wanted {
    /// Reads 64 hex digits or a short receipt, with spaces or dashes between groups.
    fn read(text: &str) -> Option<Wanted> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.len() == 64 {
            return compact.parse().ok().map(Wanted::Full);
        }
        compact.parse().ok().map(Wanted::Short)
    }

    fn matches(self, leaf: &Digest) -> bool {
        match self {
            Wanted::Full(digest) => *leaf == digest,
            Wanted::Short(short) => short.matches(leaf),
        }
    }
}

/// More than one ballot matches a short receipt.
#[derive(Debug, PartialEq, Eq)]
struct Ambiguous;

/// Where `wanted` is among the logs: (which log, which leaf), or none. A short receipt that
/// two ballots share, in one round or in two, is [`Ambiguous`]: with 60 bits that happens about
/// once in 460 million rounds of 100,000 ballots (n² / 2⁶¹), and then only the full receipt
/// can say which ballot is the delegate's.
fn locate<'a>(
    wanted: Wanted,
    logs: impl Iterator<Item = &'a [Digest]>,
) -> Result<Option<(usize, usize)>, Ambiguous> {
    let mut found = None;
    for (log, leaves) in logs.enumerate() {
        for (index, leaf) in leaves.iter().enumerate() {
            if wanted.matches(leaf) {
                if found.is_some() {
                    return Err(Ambiguous);
                }
                found = Some((log, index));
            }
        }
    }
    Ok(found)
}

/// The inclusion proof of a receipt, once its round has closed. The receipt may be given whole
/// or in its short form; a short form that two ballots share is refused (`ambiguous_receipt`)
/// and the whole receipt asked for.
#[utoipa::path(get, path = "/public/congresses/{id}/receipts/{receipt}", tag = "public",
    params(("id" = String, Path, description = "the congress's id"), ("receipt" = String, Path, description = "the receipt a delegate was given: 64 hex digits, or the short receipt of 12 characters (`XXXX-XXXX-XXXX`), with or without dashes")),
    responses((status = 200, body = InclusionProof), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "a round is open, or two ballots share this short receipt", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody),
        (status = 422, description = "the receipt is neither 64 hex digits nor a short receipt", body = ErrorBody)))]
pub async fn receipt_proof(
    State(state): State<AppState>,
    ApiPath((id, receipt)): ApiPath<(String, String)>,
) -> Result<Json<InclusionProof>, ApiError> {
    let wanted = Wanted::read(&receipt).ok_or_else(|| {
        ApiError::unprocessable(
            "bad_receipt",
            "a receipt is 64 hex digits, or its short form of 12 characters (XXXX-XXXX-XXXX), as printed on the kiosk's receipt",
        )
    })?;
    let mut conn = state.store.read().await?;
    let voting = voting::load(&mut conn, &id)
        .await
        .map_err(|_| ApiError::not_found("this congress"))?;
    // An open round's ballots are not looked at: the answer must not tell a receipt cast in
    // it from one never cast, whether it is given whole or short.
    let mut logs = Vec::new();
    for round in voting.rounds.iter().filter(|r| !r.stored.open) {
        let Some(closed) = &round.stored.closed else {
            continue;
        };
        let bodies = stored::ballots(&mut conn, &id, round.stored.number).await?;
        let leaves = bodies
            .iter()
            .map(|body| merkle::leaf_hash(body.as_bytes()))
            .collect::<Vec<_>>();
        logs.push((round, closed, leaves));
    }
    let found = locate(wanted, logs.iter().map(|(_, _, leaves)| leaves.as_slice())).map_err(
        |Ambiguous| {
            ApiError::conflict(
                "ambiguous_receipt",
                "two ballots have this short receipt: type the whole receipt, or scan its QR code",
            )
        },
    )?;
    if let Some((log, index)) = found {
        let (round, closed, leaves) = &logs[log];
        let proof = merkle::inclusion_proof(index, leaves)
            .ok_or_else(|| StoreError::Corrupt("a leaf outside its tree".into()))?;
        let leaf = leaves[index];
        return Ok(Json(InclusionProof {
            receipt: leaf.to_hex(),
            short: ShortReceipt::of(&leaf).to_string(),
            round: round.stored.number,
            index: index as u64,
            tree_head: parse("a tree head", &closed.tree_head)?,
            tree_head_signature: closed.tree_head_signature.clone(),
            public_key: voting.public_key.to_string(),
            proof: proof.iter().map(Digest::to_hex).collect(),
        }));
    }
    if voting.rounds.iter().any(|r| r.stored.open) {
        return Err(ApiError::conflict(
            "round_open",
            "this receipt is in no closed round's log; a round is open now: if the receipt is from \
             it, check it after the round closes (and check that it was typed in full)",
        ));
    }
    Err(ApiError::not_found(
        "this receipt in any round's log (check that it was typed in full)",
    ))
}

/// The published result hash as a QR code (SVG), for the minutes and the results page.
#[utoipa::path(get, path = "/public/congresses/{id}/result-hash.svg", tag = "public",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, content_type = "image/svg+xml"), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody)))]
pub async fn result_hash_qr(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<([(axum::http::HeaderName, &'static str); 1], String), ApiError> {
    let mut conn = state.store.read().await?;
    let published = stored::publication(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("a published result of this congress"))?;
    let image = super::qr::svg(&published.hash)
        .ok_or_else(|| StoreError::Corrupt("a result hash too long for a QR code".into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], image))
}

/// The short address of a congress's public results page, `/r/{id}`, which leads to
/// `/results/{id}`.
pub fn short_address(id: &str) -> String {
    format!("/r/{}", super::pages::segment(id))
}

/// The results page's short address, at the host and scheme this request reached, as a QR code
/// (SVG), for the minutes: anyone at the congress scans it to open the published results.
#[utoipa::path(get, path = "/public/congresses/{id}/address.svg", tag = "public",
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, content_type = "image/svg+xml"), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter or the Host header is malformed", body = ErrorBody)))]
pub async fn results_address_qr(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ApiPath(id): ApiPath<String>,
) -> Result<([(axum::http::HeaderName, &'static str); 1], String), ApiError> {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .ok_or_else(|| {
            ApiError::bad_request("bad_host", "the request's Host header is not a host name")
        })?;
    let mut conn = state.store.read().await?;
    crate::store::congress::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let scheme = if state.tls.is_some() { "https" } else { "http" };
    let address = format!("{scheme}://{host}{}", short_address(&id));
    let image = super::qr::svg(&address)
        .ok_or_else(|| StoreError::Corrupt("an address too long for a QR code".into()))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], image))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(first: &str) -> Digest {
        format!("{first}{}", "0".repeat(64 - first.len()))
            .parse()
            .unwrap()
    }

    #[test]
    fn a_receipt_is_read_whole_or_short_with_dashes_spaces_and_either_case() {
        let full = leaf("0123456789abcdef");
        assert!(
            matches!(Wanted::read(&full.grouped().to_uppercase()), Some(Wanted::Full(d)) if d == full)
        );
        let Some(Wanted::Short(short)) = Wanted::read("o4hm asw9-nf6y") else {
            panic!("a short receipt");
        };
        assert!(short.matches(&full));
        assert!(Wanted::read("04HM-ASW9-NF6").is_none());
        assert!(Wanted::read(&"g".repeat(64)).is_none());
    }

    #[test]
    fn a_short_receipt_finds_its_ballot_in_any_closed_round() {
        let rounds = [
            vec![leaf("1"), leaf("2")],
            vec![leaf("3"), leaf("0123456789abcdef")],
        ];
        let wanted = Wanted::read("04HM-ASW9-NF6Y").unwrap();
        assert_eq!(
            locate(wanted, rounds.iter().map(Vec::as_slice)),
            Ok(Some((1, 1)))
        );
        let absent = Wanted::read("ZZZZ-ZZZZ-ZZZZ").unwrap();
        assert_eq!(locate(absent, rounds.iter().map(Vec::as_slice)), Ok(None));
    }

    #[test]
    fn a_short_receipt_two_ballots_share_is_ambiguous_and_the_full_one_is_not() {
        // The same first 60 bits, different afterwards: in one round, and across two.
        let a = leaf("0123456789abcde0");
        let b = leaf("0123456789abcdef");
        let short = Wanted::read("04HM-ASW9-NF6Y").unwrap();
        assert_eq!(
            locate(short, [vec![a, b]].iter().map(Vec::as_slice)),
            Err(Ambiguous)
        );
        assert_eq!(
            locate(short, [vec![a], vec![b]].iter().map(Vec::as_slice)),
            Err(Ambiguous)
        );
        assert_eq!(
            locate(
                Wanted::Full(b),
                [vec![a], vec![b]].iter().map(Vec::as_slice)
            ),
            Ok(Some((1, 0)))
        );
    }
}
