//! Who is asking, checked on every request: the actor behind a bearer token or the session
//! cookie, whether a cookie-authenticated write comes from our own pages (Origin check), and
//! what the actor may do; also the session cookie itself and the client's address.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, Method, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult};
use crate::http::{Failure, is_page, same_origin, session_secret};
use crate::service::{access, account};

pub use crate::http::SESSION_COOKIE;

pub use crate::service::access::require_user;

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
            req.extensions_mut().insert(actor.clone());
            let mut response = next.run(req).await;
            // For the page that renders a failure in the signed-in user's frame.
            response.extensions_mut().insert(actor);
            response
        }
        Err(e) if is_page(req.uri().path()) => Failure::response(e),
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
                AppError::unauthorized(
                    "bearer-token",
                    "the Authorization header must be 'Bearer <token>'",
                )
            })?;
        return account::token_actor(&state.db, token).await;
    }
    let Some(secret) = session_secret(headers) else {
        return Ok(Actor::Anonymous);
    };
    let Some(actor) = account::session_actor(&state.db, &secret).await? else {
        return Ok(Actor::Anonymous);
    };
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && !same_origin(state, headers)
    {
        return Err(AppError::forbidden(
            "cross-site",
            &[],
            "cross-site request refused: a write signed in by cookie must come from this site's pages (Origin)",
        ));
    }
    Ok(actor)
}
