//! An issuer's emblem or logo: uploaded once (a PNG, a JPEG, or a one-page PDF kept as
//! vector), read back, removed. A layout's `emblem` element draws it on the issuer's
//! certificates on plain paper. Editors write, viewers read; every write is in the audit log.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::Response;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppPath, IfMatch, only_file_part};
use super::{versioned, versioned_file};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppResult, Problem};
use crate::interop::emblem::MAX_BYTES;
use crate::service::emblems::{self as service, EmblemInfo};

/// A file up to the limit, and the multipart form around it.
const UPLOAD_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// The multipart form of an emblem upload.
// Deserialize only so that serde's deny_unknown_fields reaches the schema: a form with
// other parts than these is refused (additionalProperties: false).
#[derive(ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct EmblemForm {
    /// A PNG or JPEG of at most 4,000 pixels on its long side, or a one-page PDF (kept as
    /// vector); at most 5 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload the issuer's emblem or logo, replacing any before it.
#[utoipa::path(put, path = "/api/v1/conferences/{id}/issuers/{issuer_id}/emblem", tag = "issuers", operation_id = "upload_issuer_emblem",
    request_body(content = EmblemForm, content_type = "multipart/form-data"),
    params(("id" = i32, Path, description = "Conference id"), ("issuer_id" = i32, Path, description = "Issuer id"),
        ("If-Match" = Option<String>, Header, description = "The emblem's version last read; 412 if it changed since")),
    responses(
        (status = 200, description = "Stored; the ETag is its version", body = EmblemInfo),
        (status = 404, description = "No such issuer in this conference", body = Problem),
        (status = 412, description = "The emblem changed since the version sent", body = Problem),
        (status = 413, description = "The upload is larger than 5 MB", body = Problem),
        (status = 422, description = "Not a usable PNG, JPEG or one-page PDF (field `file` names the problem); nothing changed", body = Problem),
    ))]
pub async fn upload_emblem(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, issuer_id)): AppPath<(i32, i32)>,
    IfMatch(if_match): IfMatch,
    form: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let (name, bytes) = only_file_part(form, UPLOAD_LIMIT, "emblem").await?;
    let info =
        service::upload(&s.db, &s.work, &actor, id, issuer_id, name, bytes, if_match).await?;
    Ok(versioned(StatusCode::OK, info.version, info))
}

/// The issuer's emblem file, as uploaded (a JPEG as stored).
#[utoipa::path(get, path = "/api/v1/conferences/{id}/issuers/{issuer_id}/emblem", tag = "issuers", operation_id = "read_issuer_emblem",
    params(("id" = i32, Path, description = "Conference id"), ("issuer_id" = i32, Path, description = "Issuer id")),
    responses(
        (status = 200, description = "The file; the ETag is its version", content(("image/png"), ("image/jpeg"), ("application/pdf"))),
        (status = 404, description = "No such issuer, or it has no emblem", body = Problem),
    ))]
pub async fn read_emblem(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, issuer_id)): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let (media_type, data, version) = service::file(&s.db, id, issuer_id).await?;
    Ok(versioned_file(media_type, version, data))
}

/// Remove the issuer's emblem.
#[utoipa::path(delete, path = "/api/v1/conferences/{id}/issuers/{issuer_id}/emblem", tag = "issuers", operation_id = "remove_issuer_emblem",
    params(("id" = i32, Path, description = "Conference id"), ("issuer_id" = i32, Path, description = "Issuer id"),
        ("If-Match" = Option<String>, Header, description = "The emblem's version last read; 412 if it changed since")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such issuer, or it has no emblem", body = Problem),
        (status = 412, description = "The emblem changed since the version sent", body = Problem),
    ))]
pub async fn remove_emblem(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, issuer_id)): AppPath<(i32, i32)>,
    IfMatch(if_match): IfMatch,
) -> AppResult<StatusCode> {
    allow(&s, &actor, id, Need::Write).await?;
    service::delete(&s.db, &actor, id, issuer_id, if_match).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The emblem's format, size, file name and version.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/issuers/{issuer_id}/emblem/info", tag = "issuers", operation_id = "read_issuer_emblem_info",
    params(("id" = i32, Path, description = "Conference id"), ("issuer_id" = i32, Path, description = "Issuer id")),
    responses(
        (status = 200, description = "The emblem; the ETag is its version", body = EmblemInfo),
        (status = 404, description = "No such issuer, or it has no emblem", body = Problem),
    ))]
pub async fn emblem_info(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, issuer_id)): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let info = service::info(&s.db, id, issuer_id).await?;
    Ok(versioned(StatusCode::OK, info.version, info))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_emblem, read_emblem, remove_emblem))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .merge(OpenApiRouter::new().routes(routes!(emblem_info)))
}
