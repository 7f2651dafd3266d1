//! Signing in and out, passwords, personal API tokens, conference members, and the checks
//! every request passes: who is asking (session cookie or bearer token), whether a
//! cookie-authenticated write comes from our own pages (Origin check), and what they may do.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use cookie::{Cookie, SameSite};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{AppJson, AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need, Role, Verdict, decide};
use crate::error::{AppError, AppResult, Problem};
use crate::store::resource::{Page, Paging};
use crate::store::{account, audit};
use entity::api_token::Model as ApiToken;
use entity::audit_event::Model as AuditEvent;
use entity::membership::Model as Membership;

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
    if actor.is_superuser() {
        return crate::store::conference::ensure_exists(&state.db, conference_id).await;
    }
    let (role, published) = account::standing(&state.db, actor, conference_id).await?;
    match decide(actor, role, published, need) {
        Verdict::Allowed => Ok(()),
        Verdict::SignIn => Err(AppError::Unauthorized(
            "sign in (POST /api/v1/auth/login) or send an API token as 'Authorization: Bearer …'"
                .into(),
        )),
        Verdict::Forbidden => Err(AppError::Forbidden(format!(
            "your role in conference {conference_id} does not allow this; {} needed",
            match need {
                Need::Own => "owner",
                Need::Write => "editor",
                _ => "viewer",
            }
        ))),
        Verdict::Hidden => Err(AppError::not_found("conference", conference_id)),
    }
}

pub fn require_user(actor: &Actor) -> AppResult<i32> {
    actor
        .user_id()
        .ok_or_else(|| AppError::Unauthorized("sign in first".into()))
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
        return account::token_actor(&state.db, token)
            .await?
            .ok_or_else(|| AppError::Unauthorized("the API token is unknown or revoked".into()));
    }
    let Some(secret) = session_secret(headers) else {
        return Ok(Actor::Anonymous);
    };
    let Some(actor) = account::session_actor(&state.db, &secret, Utc::now()).await? else {
        return Ok(Actor::Anonymous);
    };
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) && !same_origin(headers) {
        return Err(AppError::Forbidden(
            "cross-site request refused: a write signed in by cookie must come from this site's pages (Origin)".into(),
        ));
    }
    Ok(actor)
}

fn session_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
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

/// Failed sign-ins per account and per address in a sliding window.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_ACCOUNT: usize = 5;
const PER_ADDRESS: usize = 20;

impl LoginThrottle {
    fn check(&self, keys: &[(String, usize)]) -> AppResult<()> {
        let mut map = self.failures.lock().expect("throttle lock");
        let now = Instant::now();
        for (key, limit) in keys {
            if let Some(q) = map.get_mut(key) {
                while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
                    q.pop_front();
                }
                if q.len() >= *limit {
                    let oldest = *q.front().expect("non-empty");
                    let retry_after = WINDOW
                        .saturating_sub(now.duration_since(oldest))
                        .as_secs()
                        .max(1);
                    return Err(AppError::TooManyRequests { retry_after });
                }
            }
        }
        Ok(())
    }

    fn fail(&self, keys: &[(String, usize)]) {
        let mut map = self.failures.lock().expect("throttle lock");
        for (key, _) in keys {
            map.entry(key.clone())
                .or_default()
                .push_back(Instant::now());
        }
    }

    fn succeed(&self, account_key: &str) {
        self.failures
            .lock()
            .expect("throttle lock")
            .remove(account_key);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: i32,
    pub email: String,
    pub is_admin: bool,
}

/// Sign in; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = Login,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = Me),
        (status = 401, description = "Wrong email or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    extensions: axum::http::Extensions,
    headers: HeaderMap,
    AppJson(body): AppJson<Login>,
) -> AppResult<Response> {
    let email = body.email.trim().to_lowercase();
    let peer = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let address = client_address(&state, &headers, peer);
    let keys = [
        (format!("account:{email}"), PER_ACCOUNT),
        (format!("address:{address}"), PER_ADDRESS),
    ];
    state.logins.check(&keys)?;
    let user = account::find_user(&state.db, &email).await?;
    // Verify against a dummy hash when the account does not exist, so timing does not tell.
    let hash = user
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_string(), |u| u.password_hash.clone());
    let ok = account::verify_password(body.password, hash).await && user.is_some();
    let Some(user) = user.filter(|_| ok) else {
        state.logins.fail(&keys);
        return Err(AppError::Unauthorized("wrong email or password".into()));
    };
    state.logins.succeed(&keys[0].0);
    let secret = account::start_session(&state.db, user.id).await?;
    let cookie = Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(&state, &headers))
        .path("/")
        .max_age(cookie::time::Duration::seconds(
            account::SESSION_ABSOLUTE.num_seconds(),
        ))
        .build();
    let mut res = Json(Me {
        id: user.id,
        email: user.email,
        is_admin: user.is_admin,
    })
    .into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie.to_string()).map_err(AppError::internal)?,
    );
    Ok(res)
}

/// An argon2id hash of a random password, verified when the email is unknown.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8Pb3X0ydPnq3bOqjKdAZFUg0ATQj6dtyPgqNB3Rr7ls";

fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    let forwarded = state
        .trust_proxy
        .then(|| {
            headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
        })
        .flatten();
    forwarded
        .map(|s| s.trim().to_string())
        .or_else(|| peer.map(|p| p.ip().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https")
}

/// Sign out: the session ends on the server and the cookie is cleared.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", responses((status = 204, description = "Signed out")))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(secret) = session_secret(&headers) {
        account::end_session(&state.db, &secret).await?;
    }
    let cookie = Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .max_age(cookie::time::Duration::ZERO)
        .http_only(true)
        .build();
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookie.to_string())],
    )
        .into_response())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn me(actor: Actor) -> AppResult<Json<Me>> {
    match actor {
        Actor::User {
            id,
            email,
            is_admin,
        } => Ok(Json(Me {
            id,
            email,
            is_admin,
        })),
        _ => Err(AppError::Unauthorized("not signed in".into())),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Change one's password; every session of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "accounts", request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; sign in again"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(body): AppJson<PasswordChange>,
) -> AppResult<StatusCode> {
    let uid = require_user(&actor)?;
    let user = entity::app_user::Entity::find_by_id(uid)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("user", uid))?;
    if !account::verify_password(body.current_password, user.password_hash).await {
        return Err(AppError::field(
            "current_password",
            "is not the current password",
        ));
    }
    account::check_password_rules(&body.new_password).map_err(|_| {
        AppError::field(
            "new_password",
            format!("must be at least {} characters long", account::MIN_PASSWORD),
        )
    })?;
    account::set_password(&state.db, uid, body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for: "import script".
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    pub token: ApiToken,
    /// The secret, shown this once; send it as `Authorization: Bearer …`.
    pub secret: String,
}

/// Create a personal API token.
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "accounts", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn create_token(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(body): AppJson<NewToken>,
) -> AppResult<Response> {
    let uid = require_user(&actor)?;
    let (token, secret) = account::create_token(&state.db, uid, &body.name).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })).into_response())
}

/// One's API tokens (without their secrets).
#[utoipa::path(get, path = "/api/v1/auth/tokens", tag = "accounts",
    responses((status = 200, body = Vec<ApiToken>), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn list_tokens(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<ApiToken>>> {
    Ok(Json(
        account::list_tokens(&state.db, require_user(&actor)?).await?,
    ))
}

/// Revoke one of one's API tokens.
#[utoipa::path(delete, path = "/api/v1/auth/tokens/{id}", tag = "accounts", params(("id" = i32, Path)),
    responses((status = 204, description = "Revoked"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<StatusCode> {
    account::revoke_token(&state.db, require_user(&actor)?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    pub email: String,
    pub role: Role,
}

/// The members of a conference and their roles.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/members", tag = "accounts", params(("id" = i32, Path)),
    responses((status = 200, body = Vec<Membership>), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list_members(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Json<Vec<Membership>>> {
    allow(&state, &actor, id, Need::Read).await?;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(Json(
        entity::membership::Entity::find()
            .filter(entity::membership::Column::ConferenceId.eq(id))
            .order_by_asc(entity::membership::Column::Id)
            .all(&state.db)
            .await?,
    ))
}

/// Give a user (by email) a role in the conference. Owners only.
#[utoipa::path(put, path = "/api/v1/conferences/{id}/members", tag = "accounts", params(("id" = i32, Path)), request_body = MemberInput,
    responses((status = 200, body = Membership), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_member(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppJson(body): AppJson<MemberInput>,
) -> AppResult<Json<Membership>> {
    allow(&state, &actor, id, Need::Own).await?;
    let user = account::find_user(&state.db, &body.email)
        .await?
        .ok_or_else(|| AppError::field("email", "there is no account with this email"))?;
    let txn = crate::store::begin_write(&state.db).await?;
    let m = account::set_role(&txn, id, user.id, body.role).await?;
    audit::record(
        &txn,
        &actor,
        audit::Event {
            conference_id: Some(id),
            action: "grant",
            resource: "member",
            resource_id: Some(user.id),
            before: None,
            after: serde_json::to_value(&m).ok(),
            detail: Some(serde_json::json!({ "email": user.email })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Json(m))
}

/// The audit log of a conference, newest first: every change and every print.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/audit", tag = "accounts", params(("id" = i32, Path), Paging),
    responses((status = 200, body = Page<AuditEvent>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn audit_log(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(paging): AppQuery<Paging>,
) -> AppResult<Json<Page<AuditEvent>>> {
    allow(&state, &actor, id, Need::Write).await?;
    Ok(Json(audit::list(&state.db, id, paging).await?))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(list_members, set_member))
        .routes(routes!(audit_log))
}
