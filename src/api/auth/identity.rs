//! Who is asking, checked on every request: the actor behind a bearer token or the session
//! cookie, whether a cookie-authenticated write comes from our own pages (Origin check), and
//! what the actor may do; also the session cookie itself and the client's address.

use std::net::SocketAddr;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, Method, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};

use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult};
use crate::service::{access, account};

pub use crate::service::access::require_user;

pub const SESSION_COOKIE: &str = "hoinghi_session";

/// Who is asking, as resolved by `identify`.
impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Ok(parts
            .extensions
            .get::<Actor>()
            .cloned()
            .unwrap_or(Actor::Anonymous))
    }
}

/// Check the actor may do `need` in the conference; answer 401, 403 or 404 otherwise.
pub async fn allow(
    state: &AppState,
    actor: &Actor,
    conference_id: i32,
    need: Need,
) -> AppResult<()> {
    access::allow(&state.db, actor, conference_id, need).await
}

/// Middleware: resolve the actor from a bearer token or the session cookie, and refuse
/// cookie-authenticated writes whose Origin is not this server.
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    match resolve(&state, req.method(), req.headers()).await {
        Ok(actor) => {
            req.extensions_mut().insert(actor);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}

async fn resolve(state: &AppState, method: &Method, headers: &HeaderMap) -> AppResult<Actor> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized("the Authorization header must be 'Bearer <token>'".into())
            })?;
        return account::token_actor(&state.db, token).await;
    }
    let Some(secret) = session_secret(headers) else {
        return Ok(Actor::Anonymous);
    };
    let Some(actor) = account::session_actor(&state.db, &secret).await? else {
        return Ok(Actor::Anonymous);
    };
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) && !same_origin(headers) {
        return Err(AppError::Forbidden(
            "cross-site request refused: a write signed in by cookie must come from this site's pages (Origin)".into(),
        ));
    }
    Ok(actor)
}

/// The secret of the session cookie the request carries, if any.
pub(super) fn session_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
}

/// The session cookie for a new session: not readable by scripts, sent on top-level
/// navigation from other sites (Lax) but not with their writes, Secure behind HTTPS.
pub(super) fn session_cookie(
    secret: String,
    lasts: chrono::Duration,
    secure: bool,
) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .max_age(cookie::time::Duration::seconds(lasts.num_seconds()))
        .build()
}

/// The cookie that tells the browser to forget the session.
pub(super) fn cleared_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .max_age(cookie::time::Duration::ZERO)
        .http_only(true)
        .build()
}

/// The request's Origin (or, failing that, Referer) names this host.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    source.is_some_and(|s| {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or("");
        rest.split('/').next() == Some(host)
    })
}

/// The client's address, as the sign-in throttle counts it: when we trust the proxy, the
/// entry of X-Forwarded-For that our farthest trusted proxy added, counted from the right
/// (`proxy_hops`, 1 for one proxy: the rightmost); entries to its left are whatever the
/// client sent and prove nothing. Else the peer of the connection.
pub(super) fn client_address(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> String {
    let forwarded = state
        .trust_proxy
        .then(|| forwarded_client(headers, state.proxy_hops))
        .flatten();
    forwarded
        .or_else(|| peer.map(|p| p.ip().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

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
    entries.get(at).map(|e| e.to_string())
}

/// The client reached us over HTTPS, as a trusted proxy says.
pub(super) fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https")
}
