//! Accounts and sessions: Argon2id password hashes, login with a rate limit, sessions in
//! HttpOnly SameSite=Strict cookies of which the server keeps only a hash, and the role check
//! every route makes.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{FromRequestParts, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ring::rand::SecureRandom;
use serde::Deserialize;

use super::AppState;
use super::error::{ApiError, CrossSite, ErrorBody, JsonBody};
use super::json::ApiJson;
use crate::election::contest::MAX_NAME_CHARS;
use crate::election::names;
use crate::record::hash::sha256;
use crate::store::users::{self, Role, User};
use crate::store::{audit, now_ms};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "bb_session";
/// How long a session lasts: a congress day.
const SESSION_MS: i64 = 14 * 60 * 60 * 1000;
/// Wrong passwords allowed for one account from one client address in [`FAILURE_WINDOW_MS`].
const MAX_ACCOUNT_FAILURES: usize = 5;
/// Wrong passwords allowed from one client address, whatever the accounts, in the window.
const MAX_CLIENT_FAILURES: usize = 20;
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Password hashes computed at once (each takes 19 MiB and a core for a while).
const HASHING_AT_ONCE: usize = 4;
/// How long a login waits for a turn at hashing before it is told to try again.
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The gate every password hash passes: a limit of wrong passwords per account and client
/// address, and per client address, counted and reserved atomically before any hash is
/// computed; and a bound on the hashes computed at once. An attacker's wrong passwords slow
/// only the attacker: the account's owner at another address is not locked out.
///
/// The counts are kept in this server process. Several servers sharing a PostgreSQL each keep
/// their own, so the limits multiply by their number (the operator guide says so).
pub struct LoginGate {
    failures: std::sync::Mutex<std::collections::BTreeMap<String, Vec<i64>>>,
    hashing: tokio::sync::Semaphore,
}

impl Default for LoginGate {
    fn default() -> Self {
        LoginGate {
            failures: std::sync::Mutex::new(std::collections::BTreeMap::new()),
            hashing: tokio::sync::Semaphore::new(HASHING_AT_ONCE),
        }
    }
}

/// What an attempt tries to prove: an account's password, or the one-time setup token. Wrong
/// tokens count against the same client limit as wrong passwords.
#[derive(Debug, Clone, Copy)]
enum Subject<'a> {
    Account(&'a str),
    SetupToken,
}

/// An attempt admitted by the gate: it counts as a wrong password until [`LoginGate::succeeded`]
/// takes it back.
struct Attempt {
    keys: [String; 2],
    at: i64,
}

impl LoginGate {
    /// Admits an attempt at `subject` (an account, or the setup token) from `client` unless a
    /// limit is reached; the admitted attempt already counts, so that a burst of attempts cannot
    /// all be judged.
    fn admit(&self, subject: Subject<'_>, client: &str, now: i64) -> Result<Attempt, ApiError> {
        let subject = match subject {
            Subject::Account(name) => format!("account {name}"),
            Subject::SetupToken => "the setup token".to_owned(),
        };
        let keys = [
            format!("{subject} from {client}"),
            format!("client {client}"),
        ];
        let limits = [MAX_ACCOUNT_FAILURES, MAX_CLIENT_FAILURES];
        // Poisoned only if a holder panicked; the map itself is still sound.
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.retain(|_, times| {
            times.retain(|&at| at > now - FAILURE_WINDOW_MS);
            !times.is_empty()
        });
        for (key, limit) in keys.iter().zip(limits) {
            if failures.get(key).map_or(0, Vec::len) >= limit {
                return Err(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many wrong passwords from this device: wait 15 minutes and try again",
                ));
            }
        }
        for key in &keys {
            failures.entry(key.clone()).or_default().push(now);
        }
        Ok(Attempt { keys, at: now })
    }

    /// The right password: the attempt no longer counts, nor do the account's earlier wrong
    /// passwords from this client.
    fn succeeded(&self, attempt: Attempt) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let [account, client] = attempt.keys;
        let cleared = failures.remove(&account).map_or(1, |times| times.len());
        if let Some(times) = failures.get_mut(&client) {
            for _ in 0..cleared {
                if let Some(i) = times.iter().position(|&at| at <= attempt.at) {
                    times.remove(i);
                }
            }
        }
    }

    /// Runs `work` (a password hash) on a blocking thread once a turn is free; "busy" when
    /// none frees up in time.
    pub async fn hash<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let busy = || {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the server is busy checking other passwords: try again in a few seconds",
            )
        };
        let _turn = tokio::time::timeout(HASHING_WAIT, self.hashing.acquire())
            .await
            .map_err(|_| busy())?
            .map_err(|_| busy())?;
        tokio::task::spawn_blocking(work).await.map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the password could not be checked; try again",
            )
        })
    }
}

/// The client's address as the connection shows it ("unknown" when the server was started
/// without connection information). Behind a reverse proxy every client has the proxy's.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string()),
        ))
    }
}

/// Hashes a password with Argon2id (the crate's default parameters: 19 MiB, 2 passes).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "hashing a password failed");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the password could not be stored; try again",
            )
        })
}

fn password_matches(password: &str, stored: &str) -> bool {
    stored.parse::<PasswordHash>().is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// Checks a new account's name and password; returns the name as it is kept, read as names
/// are (docs/record-format.md §1), so that one account cannot be made to look like another.
pub fn check_new_account(name: &str, password: &str) -> Result<String, ApiError> {
    let name =
        names::read(name, MAX_NAME_CHARS).map_err(|e| ApiError::bad_name("the account name", e))?;
    check_password(&name, password)?;
    Ok(name)
}

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Checks that `password` is hard enough to guess for the account `name`: at least
/// [`MIN_PASSWORD_CHARS`], and zxcvbn's estimate of the guesses needed at least 3 ("safely
/// unguessable", about 10^8 guesses and more), the account's own name counting against it.
/// A refusal carries zxcvbn's feedback as codes in its details (`warning`, `suggestions`), for
/// the pages to translate.
pub fn check_password(name: &str, password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::unprocessable(
            "weak_password",
            "a password needs at least 10 characters",
        )
        .with_details(serde_json::json!({
            "min_chars": MIN_PASSWORD_CHARS, "warning": "too_short", "suggestions": ["add_another_word"],
        })));
    }
    let estimate = zxcvbn::zxcvbn(password, &[name]);
    if estimate.score() < zxcvbn::Score::Three {
        let feedback = estimate.feedback();
        let warning = feedback.and_then(|f| f.warning()).map(warning_code);
        let suggestions: Vec<&str> = feedback
            .map(|f| {
                f.suggestions()
                    .iter()
                    .copied()
                    .map(suggestion_code)
                    .collect()
            })
            .unwrap_or_default();
        let mut message = "this password is too easy to guess (a common word, a keyboard row, the \
                           account name, a date): choose a longer one, such as a few unrelated words"
            .to_owned();
        if let Some(f) = feedback {
            let lines: Vec<String> = f
                .warning()
                .map(|w| w.to_string())
                .into_iter()
                .chain(f.suggestions().iter().map(ToString::to_string))
                .collect();
            message = format!("{message} ({})", lines.join(" "));
        }
        return Err(
            ApiError::unprocessable("weak_password", message).with_details(serde_json::json!({
                "min_chars": MIN_PASSWORD_CHARS, "warning": warning, "suggestions": suggestions,
            })),
        );
    }
    Ok(())
}

/// zxcvbn's warning as a stable code, translated by the pages as `password.warning.<code>`.
fn warning_code(warning: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => "keyboard_row",
        W::ShortKeyboardPatternsAreEasyToGuess => "keyboard_pattern",
        W::RepeatsLikeAaaAreEasyToGuess => "repeated_character",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "repeated_group",
        W::ThisIsATop10Password | W::ThisIsATop100Password | W::ThisIsACommonPassword => {
            "common_password"
        }
        W::ThisIsSimilarToACommonlyUsedPassword => "like_common_password",
        W::SequencesLikeAbcAreEasyToGuess => "sequence",
        W::RecentYearsAreEasyToGuess => "recent_year",
        W::AWordByItselfIsEasyToGuess => "single_word",
        W::DatesAreOftenEasyToGuess => "date",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess | W::CommonNamesAndSurnamesAreEasyToGuess => {
            "name"
        }
    }
}

/// zxcvbn's suggestion as a stable code, translated as `password.suggestion.<code>`.
fn suggestion_code(suggestion: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => "few_words",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "no_symbols_needed",
        S::AddAnotherWordOrTwo => "add_another_word",
        S::CapitalizationDoesntHelpVeryMuch
        | S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "capitals_do_not_help",
        S::ReversedWordsArentMuchHarderToGuess => "reversed_words",
        S::PredictableSubstitutionsDontHelpVeryMuch => "substitutions",
        S::UseALongerKeyboardPatternWithMoreTurns => "longer_keyboard_pattern",
        S::AvoidRepeatedWordsAndCharacters => "avoid_repeats",
        S::AvoidSequences => "avoid_sequences",
        S::AvoidRecentYears | S::AvoidYearsThatAreAssociatedWithYou => "avoid_years",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => "avoid_dates",
    }
}

/// A random token as hex, and the hash the server keeps of it.
pub fn new_token(state: &AppState) -> Result<(String, String), ApiError> {
    let mut bytes = [0_u8; 32];
    state.rng.fill(&mut bytes).map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "no randomness is available; try again",
        )
    })?;
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The hash under which a token is stored.
pub fn token_hash(token: &str) -> String {
    sha256(&[b"ballotbox/v1/session\0", token.as_bytes()]).to_hex()
}

/// The value of the cookie `name`, if the request carries it.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

/// The signed-in account; rejects with 401 when nobody is.
pub struct CurrentUser(pub User);

impl CurrentUser {
    /// Refuses unless the account has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<&User, ApiError> {
        if roles.contains(&self.0.role) {
            return Ok(&self.0);
        }
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        Err(ApiError::forbidden(
            "wrong_role",
            format!(
                "this needs the {} role; sign in with such an account",
                names.join(" or ")
            ),
        ))
    }

    /// Refuses unless the account has one of `roles` and serves congress `id`: a desk or
    /// inspector account limited to other congresses is refused everything of this one.
    pub fn require_in(&self, id: &str, roles: &[Role]) -> Result<&User, ApiError> {
        let user = self.require(roles)?;
        if !user.serves(id) {
            return Err(ApiError::forbidden(
                "outside_scope",
                "this account serves other congresses only: sign in with an account for this congress",
            ));
        }
        Ok(user)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or_else(ApiError::unauthorized)?;
        let mut conn = state.store.read().await?;
        let user = users::session_user(&mut conn, &token_hash(token), now_ms()).await?;
        user.map(CurrentUser).ok_or_else(ApiError::unauthorized)
    }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, and `Secure` when the server is reached
/// over HTTPS (a browser then never sends it over plain HTTP).
pub(crate) fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_s: i64,
) -> Result<HeaderValue, ApiError> {
    let secure = if state.tls.is_some() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_s}{secure}"
    ))
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the cookie could not be set; try again",
        )
    })
}

async fn start_session(state: &AppState, user: &User) -> Result<HeaderValue, ApiError> {
    let (token, hash) = new_token(state)?;
    let mut tx = state.store.write().await?;
    let now = now_ms();
    users::insert_session(&mut tx, &hash, &user.id, now + SESSION_MS).await?;
    users::record_sign_in(&mut tx, &user.id, now).await?;
    tx.commit().await.map_err(crate::store::StoreError::from)?;
    set_cookie(state, SESSION_COOKIE, &token, SESSION_MS / 1000)
}

/// Credentials.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    /// The account name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// Signs in; sets the session cookie.
#[utoipa::path(post, path = "/session", tag = "accounts", request_body = Login,
    responses((status = 200, body = User), (status = 401, description = "the name or the password is wrong", body = ErrorBody),
        (status = 403, description = "the account is disabled (account_disabled), or another site sent the request", body = ErrorBody), (status = 429, description = "too many wrong passwords: wait and try again", body = ErrorBody), (status = 503, description = "the server is busy checking other passwords: try again", body = ErrorBody), CrossSite, JsonBody))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(login): ApiJson<Login>,
) -> Result<Response, ApiError> {
    // The name is read as it was when the account was made; one that cannot be is nobody's.
    let name = names::read(&login.name, MAX_NAME_CHARS).unwrap_or_default();
    let attempt = state
        .logins
        .admit(Subject::Account(&name), &client, now_ms())?;
    let found = if name.is_empty() {
        None
    } else {
        let mut conn = state.store.read().await?;
        users::by_name(&mut conn, &name).await?
    };
    // Hash even for unknown names, so timing does not tell which names exist.
    let (user, stored, disabled) = match found {
        Some(found) => (found.user, found.password_hash, found.disabled),
        None => (
            User {
                id: String::new(),
                name: String::new(),
                role: Role::Desk,
                congresses: Vec::new(),
            },
            DUMMY_HASH.clone(),
            false,
        ),
    };
    let password = login.password.clone();
    let matches = state
        .logins
        .hash(move || password_matches(&password, &stored))
        .await?;
    if !matches || user.id.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong_password",
            "the name or password is wrong",
        ));
    }
    state.logins.succeeded(attempt);
    // Said only to whoever knows the password, so it tells nobody else that the name exists.
    if disabled {
        return Err(ApiError::forbidden(
            "account_disabled",
            "this account is disabled: ask an organiser to enable it again",
        ));
    }
    let cookie = start_session(&state, &user).await?;
    Ok(([(SET_COOKIE, cookie)], axum::Json(user)).into_response())
}

/// A real Argon2id hash, checked against when the name is unknown so that both take as long.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"no such account")
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Who is signed in.
#[utoipa::path(get, path = "/session", tag = "accounts", responses((status = 200, body = User), (status = 401, description = "nobody is signed in, or the session has ended", body = ErrorBody)))]
pub async fn whoami(user: CurrentUser) -> axum::Json<User> {
    axum::Json(user.0)
}

/// Signs out; the session ends on the server too.
#[utoipa::path(delete, path = "/session", tag = "accounts", responses((status = 204), CrossSite))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let mut tx = state.store.write().await?;
        users::delete_session(&mut tx, &token_hash(token)).await?;
        tx.commit().await.map_err(crate::store::StoreError::from)?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0)?)],
    )
        .into_response())
}

/// Whether the first organiser is still to be made.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct FirstRun {
    /// True while no organiser account exists: the first-run page asks for the setup token
    /// `serve` printed.
    pub needed: bool,
}

/// Whether the server still waits for its first organiser (the first-run page asks).
#[utoipa::path(get, path = "/setup/first-organiser", tag = "accounts", responses((status = 200, body = FirstRun)))]
pub async fn first_run(State(state): State<AppState>) -> Result<axum::Json<FirstRun>, ApiError> {
    let mut conn = state.store.read().await?;
    Ok(axum::Json(FirstRun {
        needed: !users::organiser_exists(&mut conn).await?,
    }))
}

/// The first organiser, created with the one-time setup token `serve` prints.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstOrganiser {
    /// The setup token, as `serve` printed it.
    pub token: String,
    /// The account name.
    pub name: String,
    /// The password, at least 10 characters.
    pub password: String,
}

/// Creates the first organiser with the one-time setup token; signs them in. Wrong tokens count
/// against the client's limit as wrong passwords do.
#[utoipa::path(post, path = "/setup/first-organiser", tag = "accounts", request_body = FirstOrganiser,
    responses((status = 201, body = User), (status = 409, description = "an organiser account exists already, or an account has that name", body = ErrorBody),
        (status = 429, description = "too many wrong tokens or passwords from this device: wait and try again", body = ErrorBody),
        (status = 503, description = "the server is busy checking passwords: try again", body = ErrorBody), CrossSite, JsonBody,
        (status = 403, description = "the setup token is not valid or has expired, or another site sent the request", body = ErrorBody)))]
pub async fn first_organiser(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(request): ApiJson<FirstOrganiser>,
) -> Result<Response, ApiError> {
    let exists = || {
        ApiError::conflict(
            "organiser_exists",
            "an organiser account exists already: sign in instead",
        )
    };
    let bad_token = || {
        ApiError::forbidden(
            "bad_setup_token",
            "this setup token is not valid or has expired: copy it from the terminal (or log) of \
             `ballotbox serve`, or restart `serve` for a new one",
        )
    };
    let name = check_new_account(&request.name, &request.password)?;
    // Spaces and a line break come along when the token is copied from a terminal.
    let token = token_hash(request.token.trim());
    {
        let mut conn = state.store.read().await?;
        if users::organiser_exists(&mut conn).await? {
            return Err(exists());
        }
    }
    // The token is judged before any password is hashed, and a wrong one counts.
    let attempt = state.logins.admit(Subject::SetupToken, &client, now_ms())?;
    {
        let mut conn = state.store.read().await?;
        if !users::setup_token_valid(&mut conn, &token, now_ms()).await? {
            return Err(bad_token());
        }
    }
    state.logins.succeeded(attempt);
    let password = request.password.clone();
    let hash = state
        .logins
        .hash(move || hash_password(&password))
        .await??;
    let now = now_ms();
    let mut tx = state.store.write().await?;
    if users::organiser_exists(&mut tx).await? {
        return Err(exists());
    }
    if !users::take_setup_token(&mut tx, &token, now).await? {
        return Err(bad_token());
    }
    let user = match users::insert(&mut tx, &name, Role::Organiser, &hash, now).await {
        Err(e) if e.is_unique_violation() => return Err(super::users::name_taken(&name)),
        other => other?,
    };
    audit::append(
        &mut tx,
        &user.name,
        "account.create",
        serde_json::json!({"name": user.name, "role": "organiser"}),
        now,
    )
    .await?;
    tx.commit().await.map_err(crate::store::StoreError::from)?;
    let cookie = start_session(&state, &user).await?;
    Ok((
        StatusCode::CREATED,
        [(SET_COOKIE, cookie)],
        axum::Json(user),
    )
        .into_response())
}
