//! One's own account over JSON: sign in and out (the session cookie), who am I, changing the
//! password, personal API tokens. Each handler parses, calls `service::account`, answers.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::extract::{AppJson, AppPath};
use crate::app::AppState;
use crate::domain::access::Actor;
use crate::error::{AppError, AppResult, Problem};
use crate::http::{Client, cleared_session_cookie, session_secret};
use crate::service::account;
use entity::api_token::Model as ApiToken;

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
        (status = 401, description = "Wrong email or password", body = Problem),
        (status = 429, description = "Too many failed attempts", body = Problem),
    ))]
pub async fn login(
    State(state): State<AppState>,
    client: Client,
    AppJson(body): AppJson<Login>,
) -> AppResult<Response> {
    let signed_in = account::sign_in(&state.db, &body.email, body.password, &client.address);
    let signed_in = signed_in.await?;
    let cookie = client.session_cookie(signed_in.secret, signed_in.lasts);
    let user = signed_in.user;
    let me = Json(Me {
        id: user.id,
        email: user.email,
        is_admin: user.is_admin,
    });
    Ok(([(header::SET_COOKIE, cookie)], me).into_response())
}

/// Sign out: the session ends on the server and the cookie is cleared.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", responses((status = 204, description = "Signed out")))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(secret) = session_secret(&headers) {
        account::sign_out(&state.db, &secret).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cleared_session_cookie().to_string())],
    )
        .into_response())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "accounts",
    responses((status = 200, description = "The signed-in account", body = Me),
        (status = 401, description = "Not signed in", body = Problem)))]
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
        _ => Err(AppError::unauthorized("sign-in", "not signed in")),
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
        (status = 401, description = "Not signed in, or the current password is wrong", body = Problem),
        (status = 422, description = "The new password is not accepted (too short, too long)", body = Problem),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(body): AppJson<PasswordChange>,
) -> AppResult<StatusCode> {
    account::change_password(&state.db, &actor, body.current_password, body.new_password).await?;
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
    responses((status = 201, description = "Created; the secret is shown this once", body = CreatedToken),
        (status = 401, description = "Not signed in", body = Problem)))]
pub async fn create_token(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(body): AppJson<NewToken>,
) -> AppResult<Response> {
    let (token, secret) = account::create_token(&state.db, &actor, &body.name).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })).into_response())
}

/// One's API tokens (without their secrets).
#[utoipa::path(get, path = "/api/v1/auth/tokens", tag = "accounts",
    responses((status = 200, description = "The tokens, without their secrets", body = Vec<ApiToken>),
        (status = 401, description = "Not signed in", body = Problem)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<ApiToken>>> {
    Ok(Json(account::list_tokens(&state.db, &actor).await?))
}

/// Revoke one of one's API tokens.
#[utoipa::path(delete, path = "/api/v1/auth/tokens/{id}", tag = "accounts", params(("id" = i32, Path)),
    responses((status = 204, description = "Revoked"), (status = 404, description = "No such token of this account", body = Problem)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<StatusCode> {
    account::revoke_token(&state.db, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
