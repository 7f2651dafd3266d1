//! Conferences: the root resource.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppJson, AppPath, AppQuery, IfMatch};
use super::versioned;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::domain::input::ConferenceInput;
use crate::error::{AppError, AppResult};
use crate::store::begin_write;
use crate::store::conference::{self, ConferenceFilter, Conferences};
use crate::store::resource::{self, Page, Paging};
use entity::conference::Model as Conference;

#[utoipa::path(get, path = "/api/v1/conferences", tag = "conferences", operation_id = "list_conferences", summary = "List the conferences you may see",
    params(Paging, ConferenceFilter),
    responses((status = 200, description = "Most recent first", body = Page<Conference>)))]
pub async fn list(
    State(s): State<AppState>,
    actor: Actor,
    AppQuery(paging): AppQuery<Paging>,
    AppQuery(filter): AppQuery<ConferenceFilter>,
) -> AppResult<Json<Page<Conference>>> {
    let mut page = conference::list(&s.db, &actor, paging, &filter).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for m in page.items {
        items.push(for_reader(&s, &actor, m).await);
    }
    page.items = items;
    Ok(Json(page))
}

/// The invitation's paperwork (number, signer, "Nơi nhận") is the organisers': a reader of
/// the public conference does not get it.
async fn for_reader(s: &AppState, actor: &Actor, mut m: Conference) -> Conference {
    if allow(s, actor, m.id, Need::Read).await.is_err() {
        m.invitation = None;
    }
    m
}

#[utoipa::path(post, path = "/api/v1/conferences", tag = "conferences", operation_id = "create_conference", summary = "Create a conference (you become its owner)", request_body = ConferenceInput,
    responses(
        (status = 201, description = "Created; the ETag is its version", body = Conference),
    ))]
pub async fn create(
    State(s): State<AppState>,
    actor: Actor,
    AppJson(body): AppJson<serde_json::Value>,
) -> AppResult<Response> {
    if actor == Actor::Anonymous {
        return Err(AppError::unauthorized(
            "sign-in",
            "sign in to create a conference",
        ));
    }
    let txn = begin_write(&s.db).await?;
    let m = conference::create(&txn, &actor, body).await?;
    txn.commit().await?;
    Ok(versioned(StatusCode::CREATED, m.version, m))
}

#[utoipa::path(get, path = "/api/v1/conferences/{id}", tag = "conferences", operation_id = "read_conference", summary = "Read a conference",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "Found; the ETag is its version", body = Conference),
    ))]
pub async fn read(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::PublicRead).await?;
    let m = for_reader(&s, &actor, conference::get(&s.db, id).await?).await;
    Ok(versioned(StatusCode::OK, m.version, m))
}

#[utoipa::path(patch, path = "/api/v1/conferences/{id}", tag = "conferences", operation_id = "update_conference", summary = "Change a conference (JSON merge patch)",
    request_body(content = ConferenceInput, description = "JSON merge patch (RFC 7396) of the fields to change"),
    params(("id" = i32, Path, description = "Conference id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 if it changed since")),
    responses(
        (status = 200, description = "Updated; the ETag is the new version", body = Conference),
    ))]
pub async fn update(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    IfMatch(if_match): IfMatch,
    AppJson(patch): AppJson<serde_json::Value>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let txn = begin_write(&s.db).await?;
    let m = resource::patch::<Conferences, _>(&txn, &actor, id, id, patch, if_match).await?;
    txn.commit().await?;
    Ok(versioned(StatusCode::OK, m.version, m))
}

#[utoipa::path(delete, path = "/api/v1/conferences/{id}", tag = "conferences", operation_id = "remove_conference", summary = "Delete a conference and all that belongs to it",
    params(("id" = i32, Path, description = "Conference id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 if it changed since")),
    responses(
        (status = 204, description = "Deleted with everything that belongs to it"),
    ))]
pub async fn remove(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    IfMatch(if_match): IfMatch,
) -> AppResult<StatusCode> {
    allow(&s, &actor, id, Need::Own).await?;
    let txn = begin_write(&s.db).await?;
    resource::delete::<Conferences, _>(&txn, &actor, id, id, if_match).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, update, remove))
}
