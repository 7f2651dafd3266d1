//! Views over a whole conference: the programme and the award summary.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::AppPath;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::domain::programme::Programme;
use crate::error::{AppError, AppResult, Problem};
use crate::store::programme::{self, AwardSummary};

/// The whole programme: the agenda with its presenters and speeches and, at the award
/// ceremony, the decisions in ceremony order with their recipients.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/programme", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The programme", body = Programme),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_programme(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::PublicRead).await?;
    let db = &s.db;
    let bytes = s
        .views
        .get_or_compute(id, "programme", || async {
            json_bytes(&programme::programme(db, id).await?)
        })
        .await?;
    Ok(json_response(bytes))
}

/// Recipients counted per issuer, form and kind, with the sentence a report prints.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/awards/summary", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The award summary", body = AwardSummary),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn award_summary(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::PublicRead).await?;
    let db = &s.db;
    let bytes = s
        .views
        .get_or_compute(id, "summary", || async {
            json_bytes(&programme::award_summary(db, id).await?)
        })
        .await?;
    Ok(json_response(bytes))
}

fn json_bytes<T: serde::Serialize>(value: &T) -> AppResult<Bytes> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(AppError::internal)
}

fn json_response(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_programme))
        .routes(routes!(award_summary))
}
