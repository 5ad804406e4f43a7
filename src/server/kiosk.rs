//! Kiosks: enrolment with a one-time pairing code, the organiser's list, and what an enrolled
//! kiosk does for each delegate — fetch the ballot for a card, then cast it.
//!
//! A kiosk holds a device credential in an HttpOnly, SameSite=Strict cookie; the server keeps
//! only its hash. Only enrolled, enabled kiosks fetch ballots or cast, and only in an open round.

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::{self, CurrentUser};
use super::casting::{CastError, Outcome, PreparedCast};
use super::desk::read_card;
use super::error::{ApiError, AtKiosk, CrossSite, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use super::sealing::{BallotSealing, RoundSealing};
use super::voting::{self, parse};
use crate::election::contest::MAX_NAME_CHARS;
use crate::election::{Candidate, ContestKind, RoundKind, Setup, names};
use crate::record::card::CardCode;
use crate::record::documents::{RoundDefinition, SealedLeaf, SpoiledBallot};
use crate::record::hash::sha256;
use crate::record::manifest::{CandidatePart, Manifest};
use crate::record::receipt::ShortReceipt;
use crate::record::sealed::ballot::SealedBallot;
use crate::record::sealed::challenge::BallotOpening;
use crate::store::users::Role::Organiser;
use crate::store::voting::{self as stored, Kiosk};
use crate::store::{StoreError, audit, cards, congress as congresses, now_ms};

/// The kiosk credential's cookie.
pub const KIOSK_COOKIE: &str = "bb_kiosk";
/// How long a pairing code works.
const PAIRING_MS: i64 = 15 * 60 * 1000;
/// How long a kiosk stays enrolled: a congress day.
const KIOSK_S: i64 = 24 * 60 * 60;

/// A new kiosk's name.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairingRequest {
    /// What the kiosk is called at the venue, such as "一号投票台".
    pub name: String,
}

/// A pairing code to type at the kiosk.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Pairing {
    /// The code, `XXXX-XXXX`.
    pub code: String,
    /// When it stops working, in milliseconds since the Unix epoch.
    pub expires_at: i64,
}

fn pairing_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    sha256(&[b"ballotbox/v1/kiosk-pairing\0", normal.as_bytes()]).to_hex()
}

fn no_randomness() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "no randomness is available; try again",
    )
}

/// Creates a one-time code that enrols one kiosk within 15 minutes.
#[utoipa::path(post, path = "/congresses/{id}/kiosk-pairings", tag = "kiosk", request_body = PairingRequest,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 201, body = Pairing), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn create_pairing(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<PairingRequest>,
) -> Result<(StatusCode, Json<Pairing>), ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let name = names::read(&request.name, MAX_NAME_CHARS)
        .map_err(|e| ApiError::bad_name("the kiosk's name", e))?;
    let name = name.as_str();
    // 40 random bits as eight Crockford symbols: guessing one in 15 minutes is hopeless.
    let mut random = [0_u8; 5];
    state.rng.fill(&mut random).map_err(|_| no_randomness())?;
    let value = random.iter().fold(0_u64, |v, &b| v << 8 | u64::from(b));
    let symbols = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let code: String = (0..8)
        .map(|i| char::from(symbols[((value >> (35 - 5 * i)) & 0x1f) as usize]))
        .collect();
    let code = format!("{}-{}", &code[..4], &code[4..]);
    let expires_at = now_ms() + PAIRING_MS;
    let mut tx = state.store.write().await?;
    congresses::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    stored::insert_pairing(&mut tx, &id, name, &pairing_hash(&code), expires_at).await?;
    audit::append(
        &mut tx,
        &user.name,
        "kiosk.pairing",
        json!({"congress": id, "name": name}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((StatusCode::CREATED, Json(Pairing { code, expires_at })))
}

/// The code typed at a kiosk.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairRequest {
    /// The pairing code from the organiser.
    pub code: String,
}

/// Enrols this browser as a kiosk: sets the kiosk cookie.
#[utoipa::path(post, path = "/kiosk/pairing", tag = "kiosk", request_body = PairRequest,
    responses((status = 201, body = Kiosk), (status = 404, description = "no such thing: check the address", body = ErrorBody), CrossSite, JsonBody))]
pub async fn pair(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PairRequest>,
) -> Result<Response, ApiError> {
    let (token, token_hash) = auth::new_token(&state)?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let Some((congress, name)) =
        stored::take_pairing(&mut tx, &pairing_hash(&request.code), now).await?
    else {
        // The code is spent even when it is refused, so commit.
        tx.commit().await.map_err(StoreError::from)?;
        return Err(ApiError::not_found(
            "this pairing code (it may have expired or been used: ask the organiser for a new one)",
        ));
    };
    let kiosk = Kiosk {
        id: uuid::Uuid::new_v4().to_string(),
        congress,
        name,
        enabled: true,
        paired_at: now,
    };
    stored::insert_kiosk(&mut tx, &kiosk, &token_hash).await?;
    audit::append(
        &mut tx,
        "kiosk",
        "kiosk.enrol",
        json!({"congress": kiosk.congress, "kiosk": kiosk.id, "name": kiosk.name}),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    let cookie = auth::set_cookie(&state, KIOSK_COOKIE, &token, KIOSK_S)?;
    Ok((StatusCode::CREATED, [(SET_COOKIE, cookie)], Json(kiosk)).into_response())
}

/// A congress's kiosks.
#[utoipa::path(get, path = "/congresses/{id}/kiosks", tag = "kiosk", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Vec<Kiosk>), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn list_kiosks(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<Kiosk>>, ApiError> {
    user.require_in(&id, &[Organiser])?;
    let mut conn = state.store.read().await?;
    congresses::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    Ok(Json(stored::kiosks(&mut conn, &id).await?))
}

/// Whether a kiosk may work.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KioskChange {
    /// False disables the kiosk at once; true enables it again.
    pub enabled: bool,
}

/// Enables or disables a kiosk.
#[utoipa::path(put, path = "/congresses/{id}/kiosks/{kiosk}", tag = "kiosk", request_body = KioskChange,
    params(("id" = String, Path, description = "the congress's id"), ("kiosk" = String, Path, description = "the kiosk's id")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn change_kiosk(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, kiosk)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<KioskChange>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Organiser])?;
    let mut tx = state.store.write().await?;
    if !stored::set_kiosk_enabled(&mut tx, &id, &kiosk, request.enabled).await? {
        return Err(ApiError::not_found("this kiosk"));
    }
    if !request.enabled {
        state.presence.forget(&kiosk);
    }
    let action = if request.enabled {
        "kiosk.enable"
    } else {
        "kiosk.disable"
    };
    audit::append(
        &mut tx,
        &user.name,
        action,
        json!({"congress": id, "kiosk": kiosk}),
        now_ms(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The enrolled, enabled kiosk making the request.
pub struct CurrentKiosk(pub Kiosk);

impl FromRequestParts<AppState> for CurrentKiosk {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let refused = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "not_a_kiosk",
                "this browser is not an enrolled kiosk: enter the pairing code the organiser gives you",
            )
        };
        let token = auth::cookie(&parts.headers, KIOSK_COOKIE).ok_or_else(refused)?;
        let mut conn = state.store.read().await?;
        let kiosk = stored::kiosk_by_token(&mut conn, &auth::token_hash(token))
            .await?
            .ok_or_else(refused)?;
        if !kiosk.enabled {
            return Err(ApiError::forbidden(
                "kiosk_disabled",
                "this kiosk has been disabled by the organiser: ask a steward to use another kiosk",
            ));
        }
        // The cookie's Max-Age is the browser's to keep; the server holds the kiosk to it too.
        if now_ms() > kiosk.paired_at + KIOSK_S * 1000 {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "kiosk_expired",
                "this kiosk's enrolment has ended (it lasts 24 hours): enter a new pairing code from the organiser",
            ));
        }
        Ok(CurrentKiosk(kiosk))
    }
}

/// What a kiosk shows between delegates.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KioskStatus {
    /// The kiosk.
    pub kiosk: Kiosk,
    /// The congress's name.
    pub congress_name: String,
    /// The open round, if voting is under way.
    pub round: Option<u32>,
}

/// The kiosk itself and whether a round is open.
#[utoipa::path(get, path = "/kiosk", tag = "kiosk", responses((status = 200, body = KioskStatus), (status = 404, description = "this kiosk's congress does not exist", body = ErrorBody), AtKiosk))]
pub async fn status(
    State(state): State<AppState>,
    CurrentKiosk(kiosk): CurrentKiosk,
) -> Result<Json<KioskStatus>, ApiError> {
    let mut conn = state.store.read().await?;
    let congress = congresses::get(&mut conn, &kiosk.congress)
        .await?
        .ok_or_else(|| ApiError::not_found("this kiosk's congress"))?;
    let round = stored::open_round(&mut conn, &kiosk.congress)
        .await?
        .map(|r| r.number);
    Ok(Json(KioskStatus {
        kiosk,
        congress_name: congress.info.name,
        round,
    }))
}

/// An open round as kiosks use it, parsed once and shared.
pub struct OpenRound {
    /// The election key, hex, which signs the cards' QR codes.
    pub public_key: String,
    /// The manifest.
    pub manifest: Manifest,
    /// The round.
    pub definition: RoundDefinition,
    /// The rules engine's setup of its contests.
    pub setup: Setup,
    /// What its ballots are sealed under.
    pub sealing: Arc<RoundSealing>,
}

/// The open round of a kiosk's congress; 409 when none is open.
async fn current_round(state: &AppState, congress: &str) -> Result<Arc<OpenRound>, ApiError> {
    let mut conn = state.store.read().await?;
    let open = stored::open_round(&mut conn, congress)
        .await?
        .ok_or_else(|| {
            ApiError::conflict(
                "no_open_round",
                "no round is open now: wait until the chair opens the vote",
            )
        })?;
    cached_round(state, &mut conn, congress, open).await
}

/// Round `number` for a cast. A cached round is trusted to be open: the writer checks that in
/// the transaction that records the ballot.
async fn round_for_cast(
    state: &AppState,
    congress: &str,
    number: u32,
) -> Result<Arc<OpenRound>, ApiError> {
    if let Some(round) = state
        .open_rounds
        .lock()
        .await
        .get(&(congress.to_owned(), number))
    {
        return Ok(round.clone());
    }
    let mut conn = state.store.read().await?;
    let open = stored::round(&mut conn, congress, number)
        .await?
        .filter(|r| r.open)
        .ok_or_else(|| {
            ApiError::conflict(
                "round_closed",
                format!("round {number} is not open: fetch the ballot again"),
            )
        })?;
    cached_round(state, &mut conn, congress, open).await
}

/// What the ballot says of the order of a contest's candidates (RULES.md §2).
fn ballot_order_note(manifest: &Manifest, contest: &str) -> &'static str {
    let by_hand = manifest
        .contests
        .iter()
        .any(|c| c.id == contest && c.order == crate::election::CandidateOrder::AsListed);
    if by_hand {
        "as_listed"
    } else {
        manifest.profile.ballot_order.as_str()
    }
}

/// An open round parsed once and kept for the kiosks: its definition never changes.
async fn cached_round(
    state: &AppState,
    conn: &mut sqlx::AnyConnection,
    congress: &str,
    open: stored::StoredRound,
) -> Result<Arc<OpenRound>, ApiError> {
    let key = (congress.to_owned(), open.number);
    if let Some(round) = state.open_rounds.lock().await.get(&key) {
        return Ok(round.clone());
    }
    let voting = voting::load(conn, congress).await?;
    let definition: RoundDefinition = parse("a round's definition", &open.definition)?;
    let setup = voting
        .progress
        .setup(&definition.contests)
        .map_err(|e| StoreError::Corrupt(format!("a stored round: {e}")))?;
    let sealing = RoundSealing::of(&voting.manifest, &voting.manifest_hash, &definition)?;
    let round = Arc::new(OpenRound {
        public_key: voting.public_key.to_string(),
        manifest: voting.manifest,
        definition,
        setup,
        sealing,
    });
    state.open_rounds.lock().await.insert(key, round.clone());
    Ok(round)
}

/// A card presented at a kiosk.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardRequest {
    /// The code as typed, or the QR payload as scanned.
    pub card: String,
}

/// One contest as the ballot shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BallotContest {
    /// The contest.
    pub id: String,
    /// The body elected.
    #[schema(value_type = String)]
    pub kind: ContestKind,
    /// The ballot's title.
    pub title: String,
    /// Which ballot of the contest this is.
    #[schema(value_type = String)]
    pub round: RoundKind,
    /// Persons to choose at most (for marks plus write-ins).
    pub seats: u32,
    /// Whether persons may be written in (另选他人).
    pub write_ins: bool,
    /// The write-in lines a sealed ballot has for the contest (docs/sealed-ballots.md §7): as
    /// many as seats, none where nobody may be written in.
    pub write_in_lines: u32,
    /// How the candidates are ordered, as the ballot says: `surname_strokes` (按姓氏笔画为序),
    /// `name_strokes` (按姓名笔画为序), or `as_listed` (fixed by the organiser).
    pub order: &'static str,
    /// The candidates in ballot order.
    #[schema(value_type = Vec<Object>)]
    pub candidates: Vec<CandidatePart>,
    /// At a body's first meeting, its elected members (`id`, `name`): they alone may be
    /// written in. `null` at the congress, where any eligible person may.
    #[schema(value_type = Option<Vec<Object>>)]
    pub members: Option<Vec<Candidate>>,
}

/// The ballot a card votes with in the open round.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KioskBallot {
    /// The round.
    pub round: u32,
    /// The card's style.
    pub style: String,
    /// The contests, in ballot order.
    pub contests: Vec<BallotContest>,
    /// What the kiosk seals the ballot under.
    pub sealing: BallotSealing,
}

/// A card that may vote in a round: known, of this congress, active, of a style that votes in
/// the round. Whether it has voted already is the writer's to decide, in its transaction.
struct Voter {
    code: CardCode,
    code_hash: String,
    style: String,
}

async fn check_card(
    state: &AppState,
    kiosk: &Kiosk,
    card: &str,
    round: &OpenRound,
) -> Result<Voter, ApiError> {
    let code = read_card(card, &kiosk.congress, &round.public_key)?;
    let mut conn = state.store.read().await?;
    let code_hash = code.storage_hash().to_hex();
    let found = cards::find(&mut conn, &code_hash)
        .await?
        .filter(|c| c.congress == kiosk.congress)
        .ok_or_else(|| {
            ApiError::not_found("this card (it was not printed for this congress: check the code)")
        })?;
    if !found.active {
        return Err(ApiError::conflict(
            "card_inactive",
            "this card has not been handed out at the check-in desk: go to the desk first",
        ));
    }
    if !round
        .definition
        .contests
        .iter()
        .any(|c| c.styles.contains(&found.style))
    {
        return Err(ApiError::conflict(
            "not_in_round",
            "this card's holders do not vote in the open round",
        ));
    }
    Ok(Voter {
        code,
        code_hash,
        style: found.style,
    })
}

/// The ballot for a card in the open round.
#[utoipa::path(post, path = "/kiosk/ballot", tag = "kiosk", request_body = CardRequest,
    responses((status = 200, body = KioskBallot), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), AtKiosk, JsonBody))]
pub async fn ballot(
    State(state): State<AppState>,
    CurrentKiosk(kiosk): CurrentKiosk,
    ApiJson(request): ApiJson<CardRequest>,
) -> Result<Json<KioskBallot>, ApiError> {
    let round = current_round(&state, &kiosk.congress).await?;
    let voter = check_card(&state, &kiosk, &request.card, &round).await?;
    let mut conn = state.store.read().await?;
    let number = round.definition.number;
    if stored::card_spent(&mut conn, &kiosk.congress, number, &voter.code_hash).await? {
        return Err(ApiError::conflict(
            "card_spent",
            "this card has already voted in this round: hand it back to a steward",
        ));
    }
    // The setup holds the round's contests in the definition's order.
    let contests = round
        .definition
        .contests
        .iter()
        .zip(round.setup.contests())
        .filter(|(put, _)| put.styles.contains(&voter.style))
        .map(|(put, contest)| BallotContest {
            id: put.id.clone(),
            kind: contest.kind(),
            title: contest.title().to_owned(),
            round: put.round,
            seats: put.seats,
            write_ins: contest.allows_write_ins(),
            write_in_lines: if contest.allows_write_ins() {
                put.seats
            } else {
                0
            },
            order: ballot_order_note(&round.manifest, &put.id),
            candidates: put.candidates.clone(),
            members: contest.members().map(<[Candidate]>::to_vec),
        })
        .collect();
    Ok(Json(KioskBallot {
        round: round.definition.number,
        style: voter.style,
        contests,
        sealing: round.sealing.for_kiosk(),
    }))
}

/// A sealed ballot to cast.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CastRequest {
    /// The card, as for the ballot.
    pub card: String,
    /// The round the ballot was fetched for.
    pub round: u32,
    /// The sealed ballot (docs/sealed-ballots.md §7), `{salt, sections}`: the marks never
    /// leave the kiosk in the clear.
    #[schema(value_type = Object)]
    pub ballot: SealedBallot,
}

/// The delegate's receipt.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Receipt {
    /// The ballot's leaf hash in the round's log, hex.
    pub receipt: String,
    /// The same in groups of four, to read and copy.
    pub grouped: String,
    /// The short receipt (docs/record-format.md §11): the receipt's first 60 bits as 12
    /// Crockford base32 symbols, `XXXX-XXXX-XXXX`, which the public receipt check also takes.
    pub short: String,
    /// A QR code (SVG) of the full receipt in upper-case hex, to print beside the short one.
    pub qr: String,
    /// The round.
    pub round: u32,
    /// True when this exact ballot had been cast before with this card (a retry).
    pub repeated: bool,
}

/// Casts a ballot: durable before the answer, once per card and round.
#[utoipa::path(post, path = "/kiosk/casts", tag = "kiosk", request_body = CastRequest,
    responses((status = 201, body = Receipt), (status = 200, body = Receipt), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 503, description = "the ballot was not recorded: cast it again", body = ErrorBody), AtKiosk, JsonBody))]
pub async fn cast(
    State(state): State<AppState>,
    CurrentKiosk(kiosk): CurrentKiosk,
    ApiJson(request): ApiJson<CastRequest>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let round = round_for_cast(&state, &kiosk.congress, request.round).await?;
    // A spent card goes on to the writer: a retry of the recorded ballot gets its receipt again.
    let voter = check_card(&state, &kiosk, &request.card, &round).await?;
    let ballot = round.sealing.check(&voter.style, request.ballot).await?;
    let salt = ballot.salt.clone();
    let body = SealedLeaf::of(&kiosk.congress, request.round, ballot).leaf_data();
    let body = body.map_err(|e| ApiError::unprocessable("bad_ballot", e.to_string()))?;
    let receipt = crate::record::merkle::leaf_hash(&body);
    let prepared = PreparedCast {
        congress: kiosk.congress.clone(),
        round: request.round,
        retry_tag: voter.code.retry_tag(&receipt).to_hex(),
        code_hash: voter.code_hash,
        leaf_hash: receipt.to_hex(),
        salt: salt.as_str().to_owned(),
        body: String::from_utf8(body).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    };
    let outcome = state.casts.cast(prepared).await.map_err(|e| match e {
        CastError::RoundClosed => ApiError::conflict(
            "round_closed",
            "the round closed before this ballot was cast: it was not counted",
        ),
        CastError::CardSpent => ApiError::conflict(
            "card_spent",
            "this card has already voted in this round with another ballot; the first ballot stands",
        ),
        CastError::SaltReused => ApiError::conflict(
            "salt_reused",
            "the kiosk reused a salt: cast again, and the kiosk will choose a new one",
        ),
        CastError::Stopped | CastError::Failed => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_recorded",
            "the ballot was not recorded: cast it again",
        ),
    })?;
    state.presence.ballot_cast(&kiosk.id);
    let status = match outcome {
        Outcome::Recorded => StatusCode::CREATED,
        Outcome::Repeated => StatusCode::OK,
    };
    // Upper case: a QR code holds hex digits as alphanumerics, the smaller symbol.
    let qr = super::qr::svg(&receipt.to_hex().to_ascii_uppercase())
        .ok_or_else(|| StoreError::Corrupt("a receipt too long for a QR code".into()))?;
    Ok((
        status,
        Json(Receipt {
            receipt: receipt.to_hex(),
            grouped: receipt.grouped(),
            short: ShortReceipt::of(&receipt).to_string(),
            qr,
            round: request.round,
            repeated: outcome == Outcome::Repeated,
        }),
    ))
}

/// A ballot the delegate challenges instead of casting (检验此票): the sealed ballot and the
/// kiosk's opening of it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    /// The card, as for the ballot; it stays unspent.
    pub card: String,
    /// The round the ballot was fetched for.
    pub round: u32,
    /// The sealed ballot (docs/sealed-ballots.md §7).
    #[schema(value_type = Object)]
    pub ballot: SealedBallot,
    /// Its opening: the choices and every randomness drawn (§7.1).
    #[schema(value_type = Object)]
    pub opening: BallotOpening,
}

/// A challenged ballot recorded.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Challenged {
    /// The ballot's tracker, `XXXX-XXXX-XXXX`: the short form of the receipt it would have had.
    pub tracker: String,
    /// That receipt in full, hex.
    pub receipt: String,
    /// The round.
    pub round: u32,
}

/// Records a challenged ballot: checked, published with its opening, never counted; the card
/// stays unspent and votes afresh.
#[utoipa::path(post, path = "/kiosk/challenges", tag = "kiosk", request_body = ChallengeRequest,
    responses((status = 201, body = Challenged), (status = 200, description = "this very ballot was challenged before", body = Challenged), (status = 404, description = "no such card", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), AtKiosk, JsonBody))]
pub async fn challenge(
    State(state): State<AppState>,
    CurrentKiosk(kiosk): CurrentKiosk,
    ApiJson(request): ApiJson<ChallengeRequest>,
) -> Result<(StatusCode, Json<Challenged>), ApiError> {
    let round = round_for_cast(&state, &kiosk.congress, request.round).await?;
    let sealing = round.sealing.clone();
    let voter = check_card(&state, &kiosk, &request.card, &round).await?;
    let (ballot, opening) = sealing
        .check_challenge(&voter.style, request.ballot, request.opening)
        .await?;
    let salt = ballot.salt.as_str().to_owned();
    let leaf = SealedLeaf::of(&kiosk.congress, request.round, ballot);
    let data = leaf
        .leaf_data()
        .map_err(|e| ApiError::unprocessable("bad_ballot", e.to_string()))?;
    let receipt = crate::record::merkle::leaf_hash(&data);
    let body = crate::record::canonical::to_vec(&SpoiledBallot {
        ballot: leaf,
        opening,
    })
    .ok()
    .and_then(|bytes| String::from_utf8(bytes).ok())
    .ok_or_else(|| StoreError::Corrupt("a challenged ballot".into()))?;
    let tracker = receipt.to_hex();
    let mut tx = state.store.write().await?;
    let open = stored::round_state(&mut tx, &kiosk.congress, request.round).await?;
    if !matches!(open, Some((true, _))) {
        return Err(ApiError::conflict(
            "round_closed",
            "the round closed before this ballot was challenged: it was not recorded",
        ));
    }
    if stored::card_spent(&mut tx, &kiosk.congress, request.round, &voter.code_hash).await? {
        return Err(ApiError::conflict(
            "card_spent",
            "this card has already voted in this round: its ballot stands",
        ));
    }
    let repeated = stored::spoiled(&mut tx, &kiosk.congress, request.round)
        .await?
        .contains(&body);
    let status = if repeated {
        StatusCode::OK
    } else {
        let salt_used = !stored::used_salts(&mut tx, &kiosk.congress, request.round, &[&salt])
            .await?
            .is_empty();
        let cast = stored::logged_leaves(&mut tx, &kiosk.congress, request.round, &[&tracker])
            .await?
            .contains(&tracker);
        if salt_used
            || cast
            || !stored::insert_spoiled(
                &mut tx,
                &kiosk.congress,
                request.round,
                &tracker,
                &salt,
                &body,
            )
            .await?
        {
            return Err(ApiError::conflict(
                "salt_reused",
                "another ballot of this round has this salt: seal the ballot again, and the kiosk will choose a new one",
            ));
        }
        StatusCode::CREATED
    };
    tx.commit().await.map_err(StoreError::from)?;
    Ok((
        status,
        Json(Challenged {
            tracker: ShortReceipt::of(&receipt).to_string(),
            receipt: receipt.to_hex(),
            round: request.round,
        }),
    ))
}
