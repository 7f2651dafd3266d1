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
use crate::domain::programme::PublicProgramme;
use crate::error::{AppError, AppResult, Problem};
use crate::store::programme::{self, AwardSummary};

/// The whole programme: the agenda with its presenters and speeches and, at the award
/// ceremony, the decisions in ceremony order with their recipients.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/programme", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The programme. Members of the conference get the whole record (the `Programme` schema); anyone else what may be published (this schema): no contact, seat or attendance of a delegate, no notes of an item, no full text of a speech", body = PublicProgramme),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show_programme(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Response> {
    // Members see the whole record; anyone else only what may be published.
    if allow(&s, &actor, id, Need::Read).await.is_ok() {
        return cached_view(&s, &actor, id, "programme", || {
            programme::programme(&s.db, id)
        })
        .await;
    }
    cached_view(&s, &actor, id, "programme-public", || async {
        Ok(PublicProgramme::from(
            programme::programme(&s.db, id).await?,
        ))
    })
    .await
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
    cached_view(&s, &actor, id, "summary", || {
        programme::award_summary(&s.db, id)
    })
    .await
}

/// A view that a published conference shows to anyone, as JSON, computed at most once a
/// second (the cache is cleared by every write to the conference).
async fn cached_view<T, F, Fut>(
    s: &AppState,
    actor: &Actor,
    id: i32,
    view: &'static str,
    compute: F,
) -> AppResult<Response>
where
    T: serde::Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    allow(s, actor, id, Need::PublicRead).await?;
    let bytes = s
        .views
        .get_or_compute(id, view, || async {
            serde_json::to_vec(&compute().await?)
                .map(Bytes::from)
                .map_err(AppError::internal)
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], bytes).into_response())
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_programme))
        .routes(routes!(award_summary))
}
