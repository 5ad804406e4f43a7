//! The HTTP server: routes per audience under `/api/v1/`, described by an OpenAPI document
//! generated from the handlers themselves (`/api/v1/openapi.json`), so it cannot drift.
//!
//! Handlers are thin: they extract, check the role, call the store or the rules, and map the
//! result. Errors become responses in one place ([`error`]).

pub mod auth;
pub mod casting;
pub mod congress;
pub mod desk;
pub mod error;
pub mod inspect;
pub mod json;
pub mod kiosk;
pub mod pages;
pub mod qr;
pub mod record;
pub mod rounds;
pub mod setup;
pub mod voting;

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use ring::rand::SystemRandom;
use tokio::net::TcpListener;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::store::{Store, StoreError, now_ms, users};
use error::{ApiError, REQUEST_ID};

/// What every handler shares.
pub struct Shared {
    /// The database.
    pub store: Store,
    /// The system's secure random numbers.
    pub rng: SystemRandom,
    /// The writer that casts ballots with group commit.
    pub casts: casting::CastWriter,
    /// Open rounds as kiosks use them, by congress and number; a round's definition never
    /// changes once open.
    pub open_rounds: tokio::sync::Mutex<BTreeMap<(String, u32), Arc<kiosk::OpenRound>>>,
}

/// The handlers' state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// State over `store`; starts the cast writer, so it must be called inside the runtime.
    pub fn new(store: Store) -> Self {
        AppState(Arc::new(Shared {
            casts: casting::CastWriter::start(store.clone()),
            store,
            rng: SystemRandom::new(),
            open_rounds: tokio::sync::Mutex::new(BTreeMap::new()),
        }))
    }
}

/// The largest JSON body accepted.
pub const JSON_LIMIT: usize = 64 * 1024;
/// The largest roster file accepted.
pub const ROSTER_LIMIT: usize = 2 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(title = "ballotbox", description = "Voting and tally for trade-union founding congresses"),
    servers((url = "/api/v1")),
    tags((name = "accounts"), (name = "setup"), (name = "desk"), (name = "inspect"),
         (name = "kiosk"), (name = "rounds"), (name = "record"), (name = "public"))
)]
struct ApiDoc;

/// The application with every route.
pub fn router(state: AppState) -> Router {
    let roster = OpenApiRouter::new()
        .routes(routes!(setup::import_roster, setup::get_roster))
        .layer(DefaultBodyLimit::max(ROSTER_LIMIT));
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login, auth::whoami, auth::logout))
        .routes(routes!(auth::first_organiser))
        .routes(routes!(setup::create_congress, setup::list_congresses))
        .routes(routes!(setup::get_congress, setup::update_congress))
        .routes(routes!(setup::edit_delegate, setup::remove_delegate))
        .routes(routes!(setup::put_contest, setup::remove_contest))
        .routes(routes!(setup::list_contests))
        .routes(routes!(setup::put_scrutineers))
        .routes(routes!(setup::validation))
        .routes(routes!(setup::freeze))
        .routes(routes!(setup::get_manifest))
        .routes(routes!(setup::create_batch))
        .routes(routes!(setup::void_batch))
        .routes(routes!(desk::check_in))
        .routes(routes!(desk::undo_check_in))
        .routes(routes!(desk::attendance))
        .routes(routes!(desk::activate))
        .routes(routes!(inspect::audit_log))
        .routes(routes!(kiosk::create_pairing))
        .routes(routes!(kiosk::pair))
        .routes(routes!(kiosk::list_kiosks))
        .routes(routes!(kiosk::change_kiosk))
        .routes(routes!(kiosk::status))
        .routes(routes!(kiosk::ballot))
        .routes(routes!(kiosk::cast))
        .routes(routes!(rounds::list_rounds, rounds::open_round))
        .routes(routes!(rounds::get_round))
        .routes(routes!(rounds::close_round))
        .routes(routes!(rounds::next_steps))
        .routes(routes!(rounds::reduce_seats))
        .routes(routes!(rounds::plenary_check_in))
        .routes(routes!(rounds::undo_plenary_check_in))
        .routes(routes!(record::publish))
        .routes(routes!(record::countersign))
        .routes(routes!(record::record))
        .routes(routes!(record::public_results))
        .routes(routes!(record::published_congresses))
        .routes(routes!(record::receipt_proof))
        .routes(routes!(record::result_hash_qr))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .merge(roster)
        .split_for_parts();
    let openapi = Arc::new(openapi);
    let api = api
        .route(
            "/openapi.json",
            get(move || async move { Json(openapi.as_ref().clone()) }),
        )
        .fallback(|| async { ApiError::not_found("this API route") });
    Router::new()
        .nest("/api/v1", api)
        .route("/healthz", get(healthz))
        .merge(pages::router())
        .layer(middleware::from_fn(check_origin))
        .layer(middleware::from_fn(request_context))
        .with_state(state)
}

/// 200 when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
                .into_response()
        }
    }
}

/// Gives each request an id (answered in `x-request-id`, put in error bodies and logs) and
/// logs its outcome.
async fn request_context(request: Request, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().to_string();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let span = tracing::info_span!("request", id = %id, %method, %path);
    let mut response = REQUEST_ID
        .scope(
            id.clone(),
            tracing::Instrument::instrument(next.run(request), span.clone()),
        )
        .await;
    let _entered = span.enter();
    tracing::info!(
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "served"
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Refuses a state-changing request whose `Origin` is not this server: a page elsewhere cannot
/// act with a signed-in user's cookie. Requests without `Origin` come from programs, not pages.
async fn check_origin(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        if let Some(origin) = request.headers().get(ORIGIN) {
            let host = request
                .headers()
                .get(HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
            if origin_host.is_empty() || origin_host != host {
                return REQUEST_ID
                    .scope(String::new(), async {
                        ApiError::forbidden(
                            "cross_origin",
                            "this request came from another site and was refused",
                        )
                        .into_response()
                    })
                    .await;
            }
        }
    }
    next.run(request).await
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be used.
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Serving failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves `store` on `listen` until SIGINT or SIGTERM.
pub async fn serve(store: Store, listen: &str) -> Result<(), ServeError> {
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| ServeError::Listen(listen.to_owned(), e))?;
    let address = listener.local_addr()?;
    let state = AppState::new(store.clone());
    announce(&state, &address.to_string()).await?;
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Says where the server is, and how to make the first organiser when there is none.
async fn announce(state: &AppState, address: &str) -> Result<(), ServeError> {
    println!(
        "ballotbox is serving on http://{address}/ (API at http://{address}/api/v1/, health at /healthz)"
    );
    let mut tx = state.store.write().await?;
    if !users::organiser_exists(&mut tx).await? {
        let (token, hash) =
            auth::new_token(state).map_err(|_| std::io::Error::other("no randomness"))?;
        users::replace_setup_token(&mut tx, &hash, now_ms() + 24 * 60 * 60 * 1000).await?;
        println!(
            "No organiser account exists yet. Create the first one, within 24 hours, with this one-time setup token:\n  \
             POST http://{address}/api/v1/setup/first-organiser {{\"token\": \"{token}\", \"name\": ..., \"password\": ...}}\n\
             or on this machine: ballotbox user add --role organiser --name NAME --password-stdin"
        );
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in progress");
}
