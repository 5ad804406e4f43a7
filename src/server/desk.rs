//! The check-in desk: delegates marked present, ballot cards activated, live counts. Nothing
//! stored links a delegate to a card: activation counts a card as issued (发出), nothing more.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth::CurrentUser;
use super::congress::{self, Loaded};
use super::error::{ApiError, ErrorBody, JsonBody, SignedIn};
use super::json::{ApiJson, ApiPath};
use crate::election::roster::{Delegate, DelegateNo};
use crate::record::card::{CardCode, CardToken};
use crate::record::documents::Sitting;
use crate::record::keys::PublicKey;
use crate::store::congress::{self as stored, Electorate};
use crate::store::users::Role::{Desk, Inspector, Organiser};
use crate::store::{StoreError, audit, cards, now_ms};

/// A delegate arriving.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// The delegate's number.
    #[schema(value_type = String)]
    pub number: DelegateNo,
}

/// The outcome of a check-in.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CheckedIn {
    /// Who.
    #[schema(value_type = Object)]
    pub delegate: Delegate,
    /// Whether they were already checked in (then nothing changed).
    pub already_present: bool,
    /// Which card style to hand over, if the delegate votes.
    pub style: Option<String>,
}

/// Marks a delegate present (实到). A second check-in says so and changes nothing.
#[utoipa::path(post, path = "/congresses/{id}/check-ins", tag = "desk", request_body = CheckIn,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = CheckedIn), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<CheckIn>,
) -> Result<Json<CheckedIn>, ApiError> {
    let user = user.require_in(&id, &[Desk, Organiser])?;
    let loaded = congress::load(&state, &id).await?;
    let delegate = loaded
        .roster
        .iter()
        .map(|e| e.delegate.clone())
        .find(|d| d.number == request.number)
        .ok_or_else(|| {
            ApiError::not_found(&format!(
                "delegate {} on this congress's roster",
                request.number
            ))
        })?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let before = stored::set_present(&mut tx, &id, &request.number, true)
        .await?
        .unwrap_or(false);
    if !before {
        audit::append(
            &mut tx,
            &user.name,
            "checkin",
            json!({"congress": id, "delegate": request.number}),
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    let style = loaded
        .styles()
        .into_iter()
        .find(|s| Loaded::receives(s, &delegate))
        .map(|s| s.id.to_owned());
    Ok(Json(CheckedIn {
        delegate,
        already_present: before,
        style,
    }))
}

/// Undoes a check-in made by mistake; audited.
#[utoipa::path(delete, path = "/congresses/{id}/check-ins/{number}", tag = "desk", params(("id" = String, Path, description = "the congress's id"), ("number" = String, Path, description = "a delegate's number on the roster, such as D001")),
    responses((status = 204), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn))]
pub async fn undo_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let user = user.require_in(&id, &[Desk, Organiser])?;
    let number = DelegateNo::parse(&number).map_err(|e| ApiError::bad_request("bad_number", e))?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    let congress = stored::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    match stored::set_present(&mut tx, &id, &number, false).await? {
        None => {
            return Err(ApiError::not_found(&format!(
                "delegate {number} on this congress's roster"
            )));
        }
        Some(false) => return Ok(StatusCode::NO_CONTENT),
        Some(true) => {}
    }
    // Read after the change, inside the transaction: an undo may not leave more cards of a
    // style active than delegates of it present.
    let loaded = Loaded {
        roster: stored::roster(&mut tx, &id).await?,
        contests: stored::contests(&mut tx, &id).await?,
        scrutineers: Vec::new(),
        sitting_present: congress::sitting_present(&mut tx, &id).await?,
        congress,
    };
    for style in loaded.styles() {
        let issued = cards::active_count(&mut tx, &id, style.id).await?;
        if issued > i64::from(loaded.style_limit(&style)) {
            return Err(ApiError::conflict(
                "card_issued",
                format!(
                    "{issued} \"{}\" card(s) are active for the delegates present, so this delegate \
                     already holds one: the check-in stands",
                    style.id
                ),
            )
            .with_details(json!({"style": style.id, "issued": issued})));
        }
    }
    audit::append(
        &mut tx,
        &user.name,
        "checkin.undo",
        json!({"congress": id, "delegate": number}),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(StatusCode::NO_CONTENT)
}

/// One electorate's figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ElectorateCount {
    /// `all`, `female` or `plenary`.
    pub electorate: Electorate,
    /// 应到.
    pub entitled: u32,
    /// 实到.
    pub present: u32,
}

/// One style's figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StyleCount {
    /// The style.
    pub style: String,
    /// Cards activated: ballots issued (发出).
    pub issued: i64,
    /// Delegates present who receive this style: the most cards that may be active.
    pub limit: u32,
}

/// Live turnout: never anything about votes. A body's meeting (the committee's plenary, the
/// funds audit and the women workers' committees' meetings) appears once the body has members.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Attendance {
    /// Per electorate.
    pub electorates: Vec<ElectorateCount>,
    /// Per ballot style.
    pub styles: Vec<StyleCount>,
}

/// Entitled, present and issued, per electorate and style.
#[utoipa::path(get, path = "/congresses/{id}/attendance", tag = "desk", params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Attendance), (status = 400, description = "a path parameter is malformed", body = ErrorBody), (status = 404, description = "no such congress, or no such thing in it", body = ErrorBody), SignedIn))]
pub async fn attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Attendance>, ApiError> {
    user.require_in(&id, &[Desk, Organiser, Inspector])?;
    let loaded = congress::load(&state, &id).await?;
    let electorates = electorate_counts(&state, &id, &loaded).await?;
    let mut conn = state.store.read().await?;
    let mut styles = Vec::new();
    for style in loaded.styles() {
        let issued = cards::active_count(&mut conn, &id, style.id).await?;
        styles.push(StyleCount {
            style: style.id.to_owned(),
            issued,
            limit: loaded.style_limit(&style),
        });
    }
    Ok(Json(Attendance {
        electorates,
        styles,
    }))
}

/// Entitled and present per electorate: all and female delegates, and each body's meeting
/// once the body has members (if it elects anything, or is the committee's plenary).
pub async fn electorate_counts(
    state: &AppState,
    id: &str,
    loaded: &congress::Loaded,
) -> Result<Vec<ElectorateCount>, ApiError> {
    let mut electorates: Vec<ElectorateCount> = [Electorate::All, Electorate::Female]
        .into_iter()
        .map(|electorate| {
            let (entitled, present) = loaded.attendance(electorate);
            ElectorateCount {
                electorate,
                entitled,
                present,
            }
        })
        .collect();
    let mut conn = state.store.read().await?;
    // Once a body has members, its meeting is an electorate too, if it elects anything.
    if loaded.congress.frozen.is_some() {
        let progress = super::voting::load(&mut conn, id).await?.progress;
        for sitting in Sitting::BODIES {
            let Some(electorate) = Electorate::of_sitting(sitting) else {
                continue;
            };
            let members = progress.body_size(sitting);
            let elects = loaded.contests.iter().any(|c| c.electorate == electorate);
            if members > 0 && (elects || sitting == Sitting::Plenary) {
                electorates.push(ElectorateCount {
                    electorate,
                    entitled: members,
                    present: loaded.sitting_present.get(&sitting).copied().unwrap_or(0),
                });
            }
        }
    }
    Ok(electorates)
}

/// A card handed over, by its typed code or its scanned QR payload.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Activation {
    /// The code as typed, or the QR payload as scanned.
    pub card: String,
}

/// The outcome of an activation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Activated {
    /// The card's style.
    pub style: String,
    /// Cards of that style now active.
    pub issued: i64,
    /// The most that may be.
    pub limit: u32,
}

/// Activates a card: refused when it is unknown, already active, voided, or when every
/// delegate present of its style already has one.
#[utoipa::path(post, path = "/congresses/{id}/activations", tag = "desk", request_body = Activation,
    params(("id" = String, Path, description = "the congress's id")),
    responses((status = 200, body = Activated), (status = 404, description = "no such thing: check the address", body = ErrorBody), (status = 409, description = "the request conflicts with the congress's state", body = ErrorBody), (status = 422, description = "well-formed, but breaks a rule", body = ErrorBody), (status = 400, description = "a path parameter is malformed", body = ErrorBody), SignedIn, JsonBody))]
pub async fn activate(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<Activation>,
) -> Result<Json<Activated>, ApiError> {
    let user = user.require_in(&id, &[Desk, Organiser])?;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    // Read inside the write transaction: the count and the activation are one atomic step.
    let congress = stored::get(&mut tx, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("this congress"))?;
    let Some(frozen) = &congress.frozen else {
        return Err(ApiError::conflict(
            "not_frozen",
            "cards can be activated only after the setup is frozen",
        ));
    };
    let code = read_card(&request.card, &id, &frozen.public_key)?;
    let card = cards::find(&mut tx, &code.storage_hash().to_hex())
        .await?
        .filter(|card| card.congress == id)
        .ok_or_else(|| ApiError::not_found("this card (it was not printed for this congress)"))?;
    if card.void {
        return Err(ApiError::conflict(
            "card_void",
            "this card's batch was voided: hand the delegate another card",
        ));
    }
    if card.active {
        return Err(ApiError::conflict(
            "card_active",
            "this card is already active: hand the delegate an unused card",
        ));
    }
    let loaded = Loaded {
        roster: stored::roster(&mut tx, &id).await?,
        contests: stored::contests(&mut tx, &id).await?,
        scrutineers: Vec::new(),
        sitting_present: congress::sitting_present(&mut tx, &id).await?,
        congress,
    };
    let style = loaded
        .styles()
        .into_iter()
        .find(|s| s.id == card.style)
        .ok_or_else(|| StoreError::Corrupt(format!("card of unknown style {}", card.style)))?;
    let limit = loaded.style_limit(&style);
    let issued = cards::active_count(&mut tx, &id, &card.style).await?;
    if issued >= i64::from(limit) {
        return Err(ApiError::conflict(
            "style_full",
            format!(
                "every delegate present who takes a \"{}\" card has one ({issued} of {limit}): check the delegate in first, \
                 or hand a card of the delegate's own style",
                card.style
            ),
        )
        .with_details(json!({"style": card.style, "issued": issued, "limit": limit})));
    }
    cards::activate(&mut tx, &code.storage_hash().to_hex()).await?;
    audit::append(
        &mut tx,
        &user.name,
        "card.activate",
        json!({"congress": id, "style": card.style}),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Json(Activated {
        style: card.style,
        issued: issued + 1,
        limit,
    }))
}

/// Reads a typed code or a QR payload, checking the payload's signature and congress.
pub(super) fn read_card(
    text: &str,
    congress: &str,
    public_key: &str,
) -> Result<CardCode, ApiError> {
    if text.trim_start().starts_with("BB1.") {
        let key: PublicKey = public_key
            .parse()
            .map_err(|_| StoreError::Corrupt("stored public key".into()))?;
        let token = CardToken::verify(text, &key)
            .map_err(|e| ApiError::unprocessable("bad_card", e.to_string()))?;
        if token.congress != congress {
            return Err(ApiError::unprocessable(
                "wrong_congress",
                "this card belongs to another congress",
            ));
        }
        return Ok(token.code);
    }
    text.parse::<CardCode>()
        .map_err(|e| ApiError::unprocessable("bad_card", e.to_string()))
}
