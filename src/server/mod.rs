//! The HTTP server: routes per audience under `/api/v1/`, described by an OpenAPI document
//! generated from the handlers themselves (`/api/v1/openapi.json`), so it cannot drift.
//!
//! Handlers are thin: they extract, check the role, call the store or the rules, and map the
//! result. Errors become responses in one place ([`error`]).

pub mod auth;
pub mod casting;
pub mod ceremony;
pub mod congress;
pub mod desk;
pub mod error;
pub mod hall;
pub mod inspect;
pub mod json;
pub mod kiosk;
pub mod opening;
pub mod pages;
pub mod presence;
pub mod qr;
pub mod record;
pub mod rounds;
pub mod sealing;
pub mod setup;
pub mod sittings;
pub mod spreadsheet;
pub mod tls;
pub mod users;
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

use crate::store::{Store, StoreError, now_ms, users as stored_users};
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
    /// The certificate served, when the server is reached over HTTPS.
    pub tls: Option<tls::Fingerprints>,
    /// The limits on logins and on password hashing.
    pub logins: auth::LoginGate,
    /// Each kiosk's latest heartbeat, in memory only.
    pub presence: presence::Presence,
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
    /// State over `store`, served over plain HTTP; starts the cast writer, so it must be called
    /// inside the runtime.
    pub fn new(store: Store) -> Self {
        AppState::served(store, None)
    }

    /// State over `store`, served over HTTPS with the certificate `tls` describes, or over
    /// plain HTTP.
    pub fn served(store: Store, tls: Option<tls::Fingerprints>) -> Self {
        AppState(Arc::new(Shared {
            tls,
            logins: auth::LoginGate::default(),
            presence: presence::Presence::default(),
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
/// The largest cast or challenged ballot accepted: a sealed ballot of the largest congress's
/// contests, with their write-in lines, is some hundreds of kilobytes.
pub const BALLOT_LIMIT: usize = 4 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(title = "ballotbox", description = "Voting and tally for trade-union founding congresses"),
    servers((url = "/api/v1")),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    tags((name = "accounts"), (name = "setup"), (name = "desk"), (name = "inspect"),
         (name = "kiosk"), (name = "rounds"), (name = "record"), (name = "public"))
)]
struct ApiDoc;

/// The application with every route.
pub fn router(state: AppState) -> Router {
    let roster = OpenApiRouter::new()
        .routes(routes!(setup::import_roster, setup::get_roster))
        .layer(DefaultBodyLimit::max(ROSTER_LIMIT));
    let sealed = OpenApiRouter::new()
        .routes(routes!(kiosk::cast))
        .routes(routes!(kiosk::challenge))
        .layer(DefaultBodyLimit::max(BALLOT_LIMIT));
    let partials = OpenApiRouter::new()
        .routes(routes!(opening::post_partial))
        .layer(DefaultBodyLimit::max(BALLOT_LIMIT));
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login, auth::whoami, auth::logout))
        .routes(routes!(auth::first_run, auth::first_organiser))
        .routes(routes!(users::list_users, users::create_user))
        .routes(routes!(users::change_user))
        .routes(routes!(users::reset_password))
        .routes(routes!(setup::create_congress, setup::list_congresses))
        .routes(routes!(setup::get_congress, setup::update_congress))
        .routes(routes!(setup::edit_delegate, setup::remove_delegate))
        .routes(routes!(setup::roster_csv))
        .routes(routes!(setup::roster_template))
        .routes(routes!(setup::put_contest, setup::remove_contest))
        .routes(routes!(setup::list_contests))
        .routes(routes!(setup::put_scrutineers))
        .routes(routes!(ceremony::put_trustees, ceremony::get_trustees))
        .routes(routes!(ceremony::get_ceremony))
        .routes(routes!(ceremony::post_commitment))
        .routes(routes!(ceremony::post_shares))
        .routes(routes!(ceremony::post_checks))
        .routes(routes!(ceremony::post_answer))
        .routes(routes!(ceremony::post_holding))
        .routes(routes!(ceremony::restart_ceremony))
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
        .routes(routes!(presence::heartbeat))
        .routes(routes!(presence::kiosk_states))
        .routes(routes!(rounds::list_rounds, rounds::open_round))
        .routes(routes!(rounds::get_round))
        .routes(routes!(rounds::close_round))
        .routes(routes!(opening::get_opening))
        .routes(routes!(opening::sealed_ballots))
        .routes(routes!(rounds::next_steps))
        .routes(routes!(rounds::reduce_seats))
        .routes(routes!(sittings::plenary_check_in))
        .routes(routes!(sittings::undo_plenary_check_in))
        .routes(routes!(sittings::check_in))
        .routes(routes!(sittings::undo_check_in))
        .routes(routes!(record::publish))
        .routes(routes!(record::countersign))
        .routes(routes!(record::record))
        .routes(routes!(record::public_results))
        .routes(routes!(record::published_congresses))
        .routes(routes!(record::receipt_proof))
        .routes(routes!(record::result_hash_qr))
        .routes(routes!(hall::hall))
        .routes(routes!(record::results_address_qr))
        .routes(routes!(server_info))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .merge(roster)
        .merge(sealed)
        .merge(partials)
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
        .layer(middleware::from_fn_with_state(state.clone(), check_origin))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            strict_transport,
        ))
        .layer(middleware::from_fn(request_context))
        .with_state(state)
}

/// Over HTTPS, tells browsers never to reach this server over plain HTTP again (HSTS).
async fn strict_transport(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if state.tls.is_some() {
        response.headers_mut().insert(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// How this server is reached, for the pages to show.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ServerInfo {
    /// Whether it is served over HTTPS.
    pub https: bool,
    /// The certificate's fingerprints, to compare with those `ballotbox tls init` printed.
    pub fingerprints: Option<tls::Fingerprints>,
}

/// Whether this server is reached over HTTPS, and its certificate's fingerprints.
#[utoipa::path(get, path = "/server", tag = "public", responses((status = 200, body = ServerInfo)))]
pub async fn server_info(State(state): State<AppState>) -> Json<ServerInfo> {
    Json(ServerInfo {
        https: state.tls.is_some(),
        fingerprints: state.tls.clone(),
    })
}

/// The router as a service that gives handlers the client's address (for the login limits).
pub fn service(
    app: Router,
) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<Router, std::net::SocketAddr> {
    app.into_make_service_with_connect_info::<std::net::SocketAddr>()
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

/// Whether a path is a delegate's step at a kiosk: fetching a ballot, casting or challenging it, or the
/// kiosk's heartbeat, which says whether a ballot is on screen. A log line for each would mark
/// the time of every ballot beside the desk's check-ins (RULES.md §4), so these are logged only
/// when they fail; the cast writer logs how many were cast each minute.
fn is_voting(path: &str) -> bool {
    matches!(
        path,
        "/api/v1/kiosk/ballot"
            | "/api/v1/kiosk/casts"
            | "/api/v1/kiosk/challenges"
            | "/api/v1/kiosk/heartbeat"
    )
}

/// Gives each request an id (answered in `x-request-id`, put in error bodies and logs) and
/// logs its outcome, except a vote's.
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
    if !is_voting(&path) {
        let _entered = span.enter();
        tracing::info!(
            status = response.status().as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "served"
        );
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Refuses a state-changing request that a page of another site sent with a signed-in user's
/// cookie: the browser says so in `Sec-Fetch-Site`, or its `Origin` is not this server's scheme
/// and host. Over plain HTTP the `Host` must also be an address or `localhost`, not a name: a
/// page of another site whose name was made to resolve to this server (DNS rebinding) would
/// otherwise be "same origin". (Over HTTPS the certificate already proves the name.) Requests
/// without these headers come from programs, not pages.
async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        if let Some(problem) = cross_site(request.headers(), state.tls.is_some()) {
            return REQUEST_ID
                .scope(String::new(), async {
                    ApiError::forbidden("cross_origin", problem).into_response()
                })
                .await;
        }
    }
    next.run(request).await
}

/// Why a state-changing request looks as if another site sent it, if it does.
fn cross_site(headers: &axum::http::HeaderMap, https: bool) -> Option<&'static str> {
    let header = |name| headers.get(name).map(|v| v.to_str().unwrap_or(""));
    if let Some(site) = header("sec-fetch-site") {
        if site != "same-origin" && site != "none" {
            return Some("this request came from another site and was refused");
        }
    }
    let host = header(HOST.as_str()).unwrap_or("");
    if let Some(origin) = header(ORIGIN.as_str()) {
        let scheme = if https { "https" } else { "http" };
        if origin != format!("{scheme}://{host}") {
            return Some("this request came from another site and was refused");
        }
        if !https && !is_address(host) {
            return Some(
                "over plain HTTP this server accepts changes only at an IP address or localhost, \
                 not at a name another site could point at it: open it by its address",
            );
        }
    }
    None
}

/// Whether a `Host` header names an IP address or localhost, with or without a port.
fn is_address(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be used.
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
    /// Plain HTTP on an address other machines can reach.
    #[error(
        "refusing to serve plain HTTP on {0}: every password, card code and ballot would cross the \
         network in clear. Make a certificate with `ballotbox tls init DIR --host ADDRESS` and serve \
         with --tls-cert DIR/cert.pem --tls-key DIR/key.pem, or listen on 127.0.0.1 (or, knowing \
         the danger, add --insecure-http)"
    )]
    PlainHttp(String),
    /// The certificate or key could not be used.
    #[error("the TLS certificate or key cannot be used: {0}")]
    Tls(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Serving failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// How the server is reached.
#[derive(Debug, Clone)]
pub enum Transport {
    /// Plain HTTP: only on a loopback address, unless `dangerously_on_any_address`.
    Http {
        /// Serve plain HTTP on an address other machines reach (`--insecure-http`).
        dangerously_on_any_address: bool,
    },
    /// HTTPS with this certificate (chain) and key, both PEM files.
    Https {
        /// The certificate, followed by its CA's.
        cert: std::path::PathBuf,
        /// The private key.
        key: std::path::PathBuf,
    },
}

/// Serves `store` on `listen` until SIGINT or SIGTERM.
pub async fn serve(store: Store, listen: &str, transport: Transport) -> Result<(), ServeError> {
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| ServeError::Listen(listen.to_owned(), e))?;
    let address = listener.local_addr()?;
    let tls = match &transport {
        Transport::Http {
            dangerously_on_any_address,
        } => {
            if !address.ip().is_loopback() && !dangerously_on_any_address {
                return Err(ServeError::PlainHttp(address.to_string()));
            }
            None
        }
        Transport::Https { cert, key } => {
            let fingerprints =
                tls::fingerprints(cert).map_err(|e| ServeError::Tls(e.to_string()))?;
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(|e| ServeError::Tls(e.to_string()))?;
            Some((config, fingerprints))
        }
    };
    // Finishes the compaction of a round that closed just before a crash.
    store.compact().await?;
    let state = AppState::served(store.clone(), tls.as_ref().map(|(_, f)| f.clone()));
    let scheme = if tls.is_some() { "https" } else { "http" };
    announce(&state, &format!("{scheme}://{address}")).await?;
    let app = router(state);
    match tls {
        None => {
            axum::serve(listener, service(app))
                .with_graceful_shutdown(shutdown_signal())
                .await?;
        }
        Some((config, fingerprints)) => {
            println!(
                "TLS certificate fingerprint (SHA-256): {}{}",
                fingerprints.certificate,
                fingerprints
                    .ca
                    .map(|ca| format!("\ncongress CA fingerprint (SHA-256): {ca}"))
                    .unwrap_or_default()
            );
            let handle = axum_server::Handle::new();
            let stopping = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                stopping.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            axum_server::from_tcp_rustls(listener.into_std()?, config)?
                .handle(handle)
                .serve(service(app))
                .await?;
        }
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Says where the server is, and how to make the first organiser when there is none.
async fn announce(state: &AppState, base: &str) -> Result<(), ServeError> {
    println!("ballotbox is serving on {base}/ (API at {base}/api/v1/, health at /healthz)");
    let mut tx = state.store.write().await?;
    if !stored_users::organiser_exists(&mut tx).await? {
        let (token, hash) =
            auth::new_token(state).map_err(|_| std::io::Error::other("no randomness"))?;
        stored_users::replace_setup_token(&mut tx, &hash, now_ms() + 24 * 60 * 60 * 1000).await?;
        println!(
            "No organiser account exists yet. Open {base}/ in a browser and create the first one, \
             within 24 hours, with this one-time setup token:\n  {token}\n\
             (or on this machine: ballotbox user add --role organiser --name NAME --password-stdin)"
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> axum::http::HeaderMap {
        let mut map = axum::http::HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn a_page_of_this_server_may_change_things() {
        let ours = headers(&[
            ("host", "192.168.10.2:8080"),
            ("origin", "http://192.168.10.2:8080"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert_eq!(cross_site(&ours, false), None);
        let secure = headers(&[("host", "ballot.local"), ("origin", "https://ballot.local")]);
        assert_eq!(cross_site(&secure, true), None);
        assert_eq!(
            cross_site(
                &headers(&[("host", "[::1]:80"), ("origin", "http://[::1]:80")]),
                false
            ),
            None
        );
        assert_eq!(
            cross_site(&headers(&[("host", "x")]), false),
            None,
            "a program sends no Origin"
        );
    }

    #[test]
    fn another_site_may_not_whatever_it_claims() {
        let fetch = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(
            cross_site(&fetch, false).is_some(),
            "the browser says it is another site"
        );
        let scheme = headers(&[("host", "ballot.local"), ("origin", "http://ballot.local")]);
        assert!(
            cross_site(&scheme, true).is_some(),
            "an http page may not post to the https server"
        );
        let rebound = headers(&[
            ("host", "evil.example:8080"),
            ("origin", "http://evil.example:8080"),
        ]);
        assert!(
            cross_site(&rebound, false).is_some(),
            "a name resolved to this server over HTTP"
        );
        let other = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:9999"),
        ]);
        assert!(cross_site(&other, false).is_some());
    }
}
