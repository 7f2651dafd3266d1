//! A conference's members and audit log over JSON. Each handler parses, calls
//! `service::members` (which checks the caller's role), answers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::extract::{AppJson, AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Role};
use crate::error::{AppResult, Problem};
use crate::service::members;
use crate::store::resource::{Page, Paging};
use entity::audit_event::Model as AuditEvent;
use entity::membership::Model as Membership;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    pub email: String,
    pub role: Role,
}

/// The members of a conference and their roles.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/members", tag = "accounts", params(("id" = i32, Path)),
    responses((status = 200, description = "The members and their roles", body = Vec<Membership>),
        (status = 404, description = "No such conference, or not a member of it", body = Problem)))]
pub async fn list_members(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Json<Vec<Membership>>> {
    Ok(Json(members::list(&state.db, &actor, id).await?))
}

/// Give a user (by email) a role in the conference. Owners only; the conference's last
/// owner keeps the owner role (409).
#[utoipa::path(put, path = "/api/v1/conferences/{id}/members", tag = "accounts", params(("id" = i32, Path)), request_body = MemberInput,
    responses((status = 200, description = "The member with the new role", body = Membership),
        (status = 403, description = "Only the conference's owners manage members", body = Problem),
        (status = 409, description = "The member is the only owner", body = Problem),
        (status = 422, description = "Invalid fields, or no account with this email", body = Problem)))]
pub async fn set_member(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppJson(body): AppJson<MemberInput>,
) -> AppResult<Json<Membership>> {
    Ok(Json(
        members::set_role(&state.db, &actor, id, &body.email, body.role).await?,
    ))
}

/// Remove a member: they no longer read or change the conference. Owners only; the
/// conference's last owner cannot be removed (409).
#[utoipa::path(delete, path = "/api/v1/conferences/{id}/members/{user_id}", tag = "accounts",
    params(("id" = i32, Path), ("user_id" = i32, Path)),
    responses((status = 204, description = "Removed"),
        (status = 403, description = "Only the conference's owners manage members", body = Problem),
        (status = 404, description = "No such conference or member", body = Problem),
        (status = 409, description = "The member is the only owner", body = Problem)))]
pub async fn remove_member(
    State(state): State<AppState>,
    actor: Actor,
    AppPath((id, user_id)): AppPath<(i32, i32)>,
) -> AppResult<StatusCode> {
    members::remove(&state.db, &actor, id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The audit log of a conference, newest first: every change and every print.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/audit", tag = "accounts", params(("id" = i32, Path), Paging),
    responses((status = 200, description = "A page of the log, newest first", body = Page<AuditEvent>),
        (status = 403, description = "Not a member of the conference", body = Problem)))]
pub async fn audit_log(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(paging): AppQuery<Paging>,
) -> AppResult<Json<Page<AuditEvent>>> {
    Ok(Json(
        members::audit_log(&state.db, &actor, id, paging).await?,
    ))
}
