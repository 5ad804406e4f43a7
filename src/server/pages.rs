//! The browser pages (the kiosk, the check-in desk, and the pages after them), served from the
//! `kiosk/` directory, which is embedded in the binary at build time: one file is the whole
//! product, and the tests exercise exactly what ships.
//!
//! A page is a route in [`PAGES`] naming an HTML file; everything under `kiosk/` is also served
//! at `/assets/…` (scripts, styles, the translation table). Every answer carries a strict
//! Content-Security-Policy (only this origin, no inline script or style) and is never framed.
//! Pages are `no-store`, so a kiosk keeps nothing of a ballot in its cache; assets are
//! revalidated by their content hash.
//!
//! Cargo does not notice a *new* file under `kiosk/`: after adding one, touch this file (or
//! `cargo clean -p ballotbox`) so that the next build embeds it.

use axum::Router;
use axum::extract::Path;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::error::ApiError;

/// The `kiosk/` directory, in the binary.
#[derive(rust_embed::Embed)]
#[folder = "kiosk/"]
struct Assets;

/// Each page's route and the file under `kiosk/` that is its HTML. A page reads any part of
/// its address it needs (such as the congress of `/results/{congress}`) in the browser.
pub const PAGES: &[(&str, &str)] = &[
    ("/", "index.html"),
    ("/kiosk", "kiosk.html"),
    ("/desk", "desk.html"),
    ("/console", "console.html"),
    ("/inspect", "inspect.html"),
    ("/results/{congress}", "results.html"),
    ("/minutes/{congress}", "minutes.html"),
    ("/hall/{congress}", "hall.html"),
];

/// Where the files under `kiosk/` are served.
pub const ASSETS: &str = "/assets";

/// Where under [`ASSETS`] the pages find the stroke data of the ballot order, which lives in
/// `data/` rather than `kiosk/` because the rules engine compiles it in too.
pub const STROKE_DATA: &str = "shared/strokes.tsv";

/// Only this origin may supply scripts, styles, images and connections; no inline script or
/// style, no plugins, no framing, no `<base>`.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

/// The pages and their assets.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let mut router = Router::new();
    for &(route, file) in PAGES {
        router = router.route(route, get(move || async move { page(file) }));
    }
    // Any other address outside the API is answered like the API's own unknown routes, with
    // the pages' headers, rather than with an empty 404.
    router
        .route("/r/{congress}", get(short_results_address))
        .route(&format!("{ASSETS}/{STROKE_DATA}"), get(stroke_data))
        .route(&format!("{ASSETS}/{{*path}}"), get(asset))
        .fallback(|| async { missing() })
}

/// The short address of a congress's results, printed with its QR code in the minutes:
/// `/r/{congress}` leads to `/results/{congress}`.
async fn short_results_address(Path(congress): Path<String>) -> Response {
    match HeaderValue::from_str(&format!("/results/{}", segment(&congress))) {
        Ok(location) => (
            StatusCode::SEE_OTHER,
            [(axum::http::header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => missing(),
    }
}

/// `text` as one segment of an address: unreserved characters as they are, the rest
/// percent-encoded.
pub fn segment(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A page: never stored, so nothing of a ballot stays in a kiosk's cache.
fn page(file: &str) -> Response {
    match Assets::get(file) {
        Some(found) => respond(file, found.data.into_owned(), "no-store", None),
        None => missing(),
    }
}

/// A script, style or other file: revalidated by its content hash.
async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(found) = Assets::get(&path) else {
        return missing();
    };
    let etag = format!("\"{}\"", hex::encode(found.metadata.sha256_hash()));
    let unchanged = headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    if unchanged {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        add_headers(&mut response, &[(ETAG, &etag), (CACHE_CONTROL, "no-cache")]);
        add_security_headers(&mut response);
        return response;
    }
    respond(&path, found.data.into_owned(), "no-cache", Some(&etag))
}

/// The stroke data (`kiosk/shared/ballot-order.js` reads it), revalidated by its hash.
async fn stroke_data(headers: HeaderMap) -> Response {
    static ETAG_VALUE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "\"{}\"",
            crate::record::hash::sha256(&[crate::election::ballot_order::DATA.as_bytes()]).to_hex()
        )
    });
    let etag = ETAG_VALUE.as_str();
    let unchanged = headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    if unchanged {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        add_headers(&mut response, &[(ETAG, etag), (CACHE_CONTROL, "no-cache")]);
        add_security_headers(&mut response);
        return response;
    }
    let body = crate::election::ballot_order::DATA.as_bytes().to_vec();
    respond(STROKE_DATA, body, "no-cache", Some(etag))
}

fn respond(file: &str, body: Vec<u8>, cache: &str, etag: Option<&str>) -> Response {
    let mut response = body.into_response();
    add_headers(
        &mut response,
        &[(CONTENT_TYPE, content_type(file)), (CACHE_CONTROL, cache)],
    );
    if let Some(etag) = etag {
        add_headers(&mut response, &[(ETAG, etag)]);
    }
    add_security_headers(&mut response);
    response
}

fn missing() -> Response {
    let mut response = ApiError::not_found("this page").into_response();
    add_security_headers(&mut response);
    response
}

fn add_security_headers(response: &mut Response) {
    add_headers(
        response,
        &[
            (CONTENT_SECURITY_POLICY, CSP),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (REFERRER_POLICY, "no-referrer"),
            (X_FRAME_OPTIONS, "DENY"),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            ),
        ],
    );
}

fn add_headers(response: &mut Response, headers: &[(HeaderName, &str)]) {
    for (name, value) in headers {
        // Every value here is ASCII: a constant, a content hash or a content type.
        if let Ok(value) = HeaderValue::from_str(value) {
            response.headers_mut().insert(name.clone(), value);
        }
    }
}

/// The content type of a file by its extension.
fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        Some("tsv") => "text/tab-separated-values; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_in_the_binary() {
        for (route, file) in PAGES {
            assert!(Assets::get(file).is_some(), "{route} needs kiosk/{file}");
        }
    }

    #[test]
    fn scripts_and_styles_have_their_content_types() {
        assert_eq!(
            content_type("shared/i18n.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("shared/tokens.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("kiosk.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
