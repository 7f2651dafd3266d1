//! Views over a whole conference: the programme and the award summary.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::cache::View;
use super::extract::AppPath;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::domain::programme::PublicProgramme;
use crate::error::{AppError, AppResult};
use crate::store::programme::{self, AwardSummary};

super::contract::any_of!(
    /// A member's whole programme, or what anyone else may read of it.
    ProgrammeAnswer: crate::domain::programme::Programme, PublicProgramme
);

/// The whole programme: the agenda with its presenters and speeches and, at the award
/// ceremony, the decisions in ceremony order with their recipients.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/programme", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The programme. Members of the conference get the whole record (the `Programme` schema); anyone else what may be published (the `PublicProgramme` schema): no contact, seat or attendance of a delegate, no notes of an item, no full text of a speech", body = ProgrammeAnswer),
    ))]
pub async fn show_programme(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    headers: HeaderMap,
) -> AppResult<Response> {
    // Members see the whole record; anyone else only what may be published.
    let member =
        !matches!(actor, Actor::Anonymous) && allow(&s, &actor, id, Need::Read).await.is_ok();
    if member {
        let view = s
            .views
            .get_or_compute(id, "programme", || json(programme::programme(&s.db, id)))
            .await?;
        return Ok(answer(view, &headers, false));
    }
    public_access(&s, &actor, id).await?;
    let view = s
        .views
        .get_or_compute(id, "programme-public", || {
            json(async {
                Ok(PublicProgramme::from(
                    programme::programme(&s.db, id).await?,
                ))
            })
        })
        .await?;
    Ok(answer(view, &headers, true))
}

/// Recipients counted per issuer, form and kind, with the sentence a report prints.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/awards/summary", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The award summary", body = AwardSummary),
    ))]
pub async fn award_summary(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    headers: HeaderMap,
) -> AppResult<Response> {
    public_access(&s, &actor, id).await?;
    let view = s
        .views
        .get_or_compute(id, "summary", || json(programme::award_summary(&s.db, id)))
        .await?;
    Ok(answer(view, &headers, true))
}

/// May `actor` read the public views of the conference? Anyone may when it is published; the
/// answer to someone who has not signed in depends on nothing else, so it is kept with the
/// conference's views and a delegate's phone reloading the programme costs no query.
pub(crate) async fn public_access(s: &AppState, actor: &Actor, id: i32) -> AppResult<()> {
    if !matches!(actor, Actor::Anonymous) {
        return allow(s, actor, id, Need::PublicRead).await;
    }
    let published = s
        .views
        .get_or_compute(id, "published", || async {
            let published = allow(s, actor, id, Need::PublicRead).await.is_ok();
            Ok(Bytes::from_static(if published { b"1" } else { b"0" }))
        })
        .await?;
    if published.bytes == "1" {
        Ok(())
    } else {
        // Not published, or no such conference: the refusal says which.
        allow(s, actor, id, Need::PublicRead).await
    }
}

/// The view as JSON.
async fn json<T: serde::Serialize>(
    view: impl std::future::Future<Output = AppResult<T>>,
) -> AppResult<Bytes> {
    serde_json::to_vec(&view.await?)
        .map(Bytes::from)
        .map_err(AppError::internal)
}

/// The answer: 304 when the client holds this version (If-None-Match), the JSON otherwise.
/// A public view may be kept by any cache for a few seconds; a member's is theirs alone.
fn answer(view: View, headers: &HeaderMap, public: bool) -> Response {
    answer_as(view, headers, public, "application/json")
}

/// [`answer`] for a view of any content type (the public HTML pages).
pub(crate) fn answer_as(
    view: View,
    headers: &HeaderMap,
    public: bool,
    content_type: &'static str,
) -> Response {
    let cache_control = if public {
        "public, max-age=5"
    } else {
        "private, no-cache"
    };
    let held = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == view.etag || t.trim() == "*")
        });
    let common = [
        (header::ETAG, view.etag),
        (header::CACHE_CONTROL, cache_control.to_string()),
        (
            header::VARY,
            "Authorization, Cookie, Accept-Language".to_string(),
        ),
    ];
    if held {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (common, [(header::CONTENT_TYPE, content_type)], view.bytes).into_response()
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_programme))
        .routes(routes!(award_summary))
}
