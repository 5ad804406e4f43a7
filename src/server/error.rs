//! The one place where errors become HTTP responses: `{"error": {code, message, request_id}}`,
//! with a message that says what to do next. Details go to the log, not to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::election::names::{NameError, code_point};
use crate::store::StoreError;

tokio::task_local! {
    /// The id of the request being served, for error bodies and logs.
    pub static REQUEST_ID: String;
}

/// An error a client sees.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: Option<Value>,
}

impl ApiError {
    /// An error with this status, stable code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: None,
        }
    }

    /// Adds structured details, such as every bad row of a roster.
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    /// 400: the request cannot be read.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401: nobody is signed in.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "not_signed_in",
            "please sign in first",
        )
    }

    /// 403: signed in, but not allowed.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }

    /// 404: no such thing.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} does not exist: check the address"),
        )
    }

    /// 409: the request conflicts with the state, such as setup after freezing.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    /// 422: well-formed, but breaks a rule.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 422: a name, title or write-in that cannot be read as one (docs/record-format.md §1);
    /// `what` names the field for the message, such as "the name". The offending character, if
    /// one is to blame, is in the details as `U+XXXX`.
    pub fn bad_name(what: &str, error: NameError) -> Self {
        let message = format!("{what} {error}: {}", error.advice());
        let character = |c: char| json!({ "character": code_point(c) });
        match error {
            NameError::Control(c) => {
                Self::unprocessable("name_control", message).with_details(character(c))
            }
            NameError::Bidi(c) => {
                Self::unprocessable("name_bidi", message).with_details(character(c))
            }
            NameError::LineBreak(c) => {
                Self::unprocessable("name_line_break", message).with_details(character(c))
            }
            NameError::Empty => Self::unprocessable("name_empty", message),
            NameError::TooLong(max) => {
                Self::unprocessable("name_too_long", message).with_details(json!({ "max": max }))
            }
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "store error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server could not complete this request and changed nothing; try again, and if it \
             persists give the request id to the operator",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let request_id = REQUEST_ID.try_with(Clone::clone).unwrap_or_default();
        if self.status.is_server_error() {
            tracing::error!(code = self.code, message = %self.message, "request failed");
        } else {
            tracing::info!(
                status = self.status.as_u16(),
                code = self.code,
                "request refused"
            );
        }
        let mut error =
            json!({"code": self.code, "message": self.message, "request_id": request_id});
        if let Some(details) = self.details {
            error["details"] = details;
        }
        (self.status, Json(json!({ "error": error }))).into_response()
    }
}

/// How every error is answered, as the OpenAPI document describes it: one schema for all.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The inside of an [`ErrorBody`].
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code a program may test, such as `not_signed_in` or `bad_fields`.
    pub code: String,
    /// What happened and what to do next, for a person.
    pub message: String,
    /// The request's id, also in the `x-request-id` header and the server's log.
    pub request_id: String,
    /// Structured details where there are some: any JSON. A refused roster (`bad_roster`) lists
    /// every bad row as `{line, reason, code, params}`; a setup not ready to freeze
    /// (`not_ready`) lists its problems as the validation's findings, `{severity, code, params,
    /// section, message}`; `reason` and `message` are English, `code` and `params` are for a
    /// page to say it in its reader's language.
    pub details: Option<Value>,
}

/// A response carrying an [`ErrorBody`], for the OpenAPI document.
pub fn error_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    utoipa::openapi::ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            utoipa::openapi::ContentBuilder::new()
                .schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

/// The answers of a route that needs a signed-in user of some role: 401 and 403.
pub struct SignedIn;

impl utoipa::IntoResponses for SignedIn {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        [
            ("401", error_response("nobody is signed in, or the session has ended")),
            (
                "403",
                error_response(
                    "the signed-in account lacks the role this needs, or serves other congresses only \
                     (outside_scope), or another site sent the request",
                ),
            ),
        ]
        .into_iter()
        .map(|(status, response)| (status.to_owned(), response))
        .collect()
    }
}

/// The answers of a route only an enrolled kiosk may call: 401 and 403.
pub struct AtKiosk;

impl utoipa::IntoResponses for AtKiosk {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        [
            (
                "401",
                error_response("this browser is not an enrolled kiosk, or its enrolment has ended"),
            ),
            (
                "403",
                error_response(
                    "the organiser disabled this kiosk, or another site sent the request",
                ),
            ),
        ]
        .into_iter()
        .map(|(status, response)| (status.to_owned(), response))
        .collect()
    }
}

/// The answers to a JSON request body that cannot be used: 400, 413, 415 and 422.
pub struct JsonBody;

impl utoipa::IntoResponses for JsonBody {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        [
            (
                "400",
                error_response("the body is not valid JSON, or a path parameter is malformed"),
            ),
            ("413", error_response("the body is too large")),
            (
                "415",
                error_response("the body is not sent as application/json"),
            ),
            (
                "422",
                error_response(
                    "the body's fields are not right, or it breaks a rule of the congress",
                ),
            ),
        ]
        .into_iter()
        .map(|(status, response)| (status.to_owned(), response))
        .collect()
    }
}

/// 403 for a state-changing route anyone may call: another site sent the request.
pub struct CrossSite;

impl utoipa::IntoResponses for CrossSite {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        std::iter::once((
            "403".to_owned(),
            error_response("another site sent the request"),
        ))
        .collect()
    }
}
