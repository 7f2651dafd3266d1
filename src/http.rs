//! What the two front doors over HTTP (the JSON API and the web pages) share: the session
//! cookie, the same-origin check of cookie-authenticated writes, and the client's address
//! and scheme as a trusted proxy reports them.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};

use crate::app::AppState;

pub const SESSION_COOKIE: &str = "hoinghi_session";

/// Who is asking, as far as this server can tell: the client's address (what sign-in and
/// code look-ups count attempts by) and whether it reached us over HTTPS (what makes the
/// session cookie Secure).
pub struct Client {
    pub address: String,
    pub https: bool,
}

impl Client {
    /// The cookie of a session just begun, as this client should keep it.
    pub fn session_cookie(&self, secret: String, lasts: chrono::Duration) -> String {
        session_cookie(secret, lasts, self.https).to_string()
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Client {
            address: client_address(state, &parts.headers, peer),
            https: is_https(state, &parts.headers),
        })
    }
}

/// Largest file an upload (a list to import, a backup to restore) may be, through the API
/// or the pages.
pub const IMPORT_BODY_LIMIT: usize = 20 * 1024 * 1024;

/// Is this path a web page (answered in HTML), not the JSON API?
pub fn is_page(path: &str) -> bool {
    !path.starts_with("/api/")
}

/// A request for a page that failed: the web layer renders it as a page in the user's
/// language (`web::page::failure_pages`); the API answers problem+json instead.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    /// What the server said, in English.
    pub detail: String,
    /// The fields' problems, typed where they have a code: worded in the reader's language.
    pub errors: Vec<crate::error::FieldError>,
}

impl Failure {
    /// A bare response of the error's status carrying the failure for the web layer.
    pub fn response(error: crate::error::AppError) -> Response {
        let detail = match &error {
            // The page's title says it; the record's id is nobody's business.
            crate::error::AppError::NotFound { .. } | crate::error::AppError::NoRoute => {
                String::new()
            }
            e => e.to_string(),
        };
        let errors = match &error {
            crate::error::AppError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let status = error.into_response().status();
        let mut response = status.into_response();
        response.extensions_mut().insert(Failure {
            status,
            detail,
            errors,
        });
        response
    }
}

/// The secret of the session cookie the request carries, if any.
pub fn session_secret(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of the cookie `name` the request carries, if any.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// The session cookie for a new session: not readable by scripts, sent on top-level
/// navigation from other sites (Lax) but not with their writes, Secure behind HTTPS.
fn session_cookie(secret: String, lasts: chrono::Duration, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(cookie::time::Duration::seconds(lasts.num_seconds()))
        .build()
}

/// The cookie that tells the browser to forget the session.
pub fn cleared_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .max_age(cookie::time::Duration::ZERO)
        .http_only(true)
        .build()
}

/// The request's Origin (or, failing that, Referer) is this site: the same scheme and host.
/// The scheme is https when a trusted proxy says so or the public address is https on this
/// host, else http (the server itself speaks plain HTTP).
pub fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let public_https = state
        .public_url
        .strip_prefix("https://")
        .is_some_and(|rest| rest.split('/').next() == Some(host));
    let scheme = if is_https(state, headers) || public_https {
        "https://"
    } else {
        "http://"
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    source.is_some_and(|s| {
        s.strip_prefix(scheme)
            .is_some_and(|rest| rest.split(['/', '?', '#']).next() == Some(host))
    })
}

/// The client's address, as the sign-in throttle counts it: when we trust the proxy, the
/// entry of X-Forwarded-For that our farthest trusted proxy added, counted from the right
/// (`proxy_hops`, 1 for one proxy: the rightmost); entries to its left are whatever the
/// client sent and prove nothing. Else the peer of the connection.
fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    let forwarded = state
        .trust_proxy
        .then(|| forwarded_client(headers, state.proxy_hops))
        .flatten();
    forwarded
        .or_else(|| peer.map(|p| p.ip().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

/// The most characters of a forwarded client's identifier that are kept.
const MAX_FORWARDED: usize = 64;

/// The `hops`-th entry from the right of all X-Forwarded-For headers together, or the
/// leftmost when there are fewer.
fn forwarded_client(headers: &HeaderMap, hops: usize) -> Option<String> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let at = entries.len().saturating_sub(hops.max(1));
    // An address is at most 45 characters (IPv6 with an IPv4 tail); a proxy's obfuscated
    // identifier is kept, cut to a length no client chooses.
    entries
        .get(at)
        .map(|e| e.chars().take(MAX_FORWARDED).collect())
}

/// The client reached us over HTTPS, as a trusted proxy says.
pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https")
}
