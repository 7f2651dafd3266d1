//! A conference's certificate layouts: the current one of each kind as JSON (the keys of
//! the TOML files) or as TOML, its versions, restoring one, the scan of the blank behind
//! it, and copying another conference's. Editors write, viewers read; every write is in
//! the audit log.

use axum::Json;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppJson, AppPath, AppQuery, IfMatch, only_file_part};
use super::versioned;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::interop::scan;
use crate::print::CertificateKind;
use crate::service::layouts::{
    self as service, BackgroundInfo, BackgroundPlacement, CopyReport, LayoutSave, LayoutSummary,
    LayoutVersion, Source, VersionSummary,
};

/// A scan up to the limit, and the multipart form around it.
const UPLOAD_LIMIT: usize = scan::MAX_BYTES + 64 * 1024;

/// The kind in a path, and whether it asked for TOML (`bang_khen.toml`).
fn kind_in(path: &str) -> AppResult<(CertificateKind, bool)> {
    match path.strip_suffix(".toml") {
        Some(code) => Ok((service::kind(code)?, true)),
        None => Ok((service::kind(path)?, false)),
    }
}

fn toml_response(v: &LayoutVersion) -> Response {
    let mut res = (
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.toml\"", v.kind),
            ),
        ],
        v.toml.clone(),
    )
        .into_response();
    if let Ok(tag) = HeaderValue::from_str(&format!("\"{}\"", v.version)) {
        res.headers_mut().insert(header::ETAG, tag);
    }
    res
}

/// The layouts of the three kinds: current version, who saved it and when, and the
/// background if there is one.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts", tag = "layouts", operation_id = "list_layouts",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "bang_khen, giay_khen, danh_hieu", body = Vec<LayoutSummary>),
    ))]
pub async fn list(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Json<Vec<LayoutSummary>>> {
    allow(&s, &actor, id, Need::Read).await?;
    Ok(Json(service::list(&s.db, &s.layouts, id).await?))
}

/// The current layout of a kind, in its JSON form. `GET …/layouts/{kind}.toml` answers the
/// same layout as a TOML file (the form of templates/certificates/*.toml).
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}", tag = "layouts", operation_id = "read_layout",
    params(("id" = i32, Path, description = "Conference id"),
        ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu; with .toml, the TOML file")),
    responses(
        (status = 200, description = "The current version; the ETag is its number", body = LayoutVersion),
        (status = 404, description = "No such conference or kind", body = Problem),
    ))]
pub async fn read(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let (kind, toml) = kind_in(&kind)?;
    let v = service::current(&s.db, &s.layouts, id, kind).await?;
    Ok(if toml {
        toml_response(&v)
    } else {
        versioned(StatusCode::OK, v.version, v)
    })
}

/// How to save.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SaveQuery {
    /// What changed (for a TOML import; a JSON save carries its note in the body).
    pub note: Option<String>,
}

/// Save a new version of a kind's layout: the body is `{"layout": {...}, "note": "..."}`,
/// or for `PUT …/layouts/{kind}.toml` the TOML text itself (kept as written). The layout
/// is checked by the same loader as the layout files, with the same messages.
#[utoipa::path(put, path = "/api/v1/conferences/{id}/layouts/{kind}", tag = "layouts", operation_id = "save_layout",
    request_body(content = LayoutSave, description = "The layout in its JSON form and a note; or, to {kind}.toml, the TOML text"),
    params(("id" = i32, Path, description = "Conference id"),
        ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu; with .toml, the body is TOML"),
        ("If-Match" = Option<String>, Header, description = "The version last read; 412 if another was saved since"),
        SaveQuery),
    responses(
        (status = 200, description = "Saved as a new version; the ETag is its number", body = LayoutVersion),
        (status = 403, description = "Not an editor of the conference", body = Problem),
        (status = 412, description = "Another version was saved meanwhile", body = Problem),
        (status = 422, description = "The layout cannot be used (the message names the element and the problem)", body = Problem),
    ))]
pub async fn save(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
    IfMatch(if_match): IfMatch,
    AppQuery(q): AppQuery<SaveQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let (kind, toml) = kind_in(&kind)?;
    let body = body.map_err(|r| match r {
        BytesRejection::FailedToBufferBody(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::PayloadTooLarge {
                limit: crate::app::JSON_BODY_LIMIT,
            }
        }
        other => AppError::bad_request("unreadable-body", other.body_text()),
    })?;
    let (source, note) = if toml {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| AppError::field("layout", "the TOML file is not UTF-8 text"))?;
        (Source::Toml(text), q.note)
    } else {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().unwrap_or("").trim() == "application/json");
        if !json {
            return Err(AppError::UnsupportedMediaType(
                "send the layout as JSON with Content-Type: application/json, or its TOML to …/layouts/{kind}.toml".into(),
            ));
        }
        let value: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
            AppError::bad_request("malformed-json", format!("the body is not valid JSON: {e}"))
        })?;
        let save: LayoutSave = crate::store::resource::from_json(value)?;
        (Source::Json(save.layout), save.note.or(q.note))
    };
    let v = service::save(&s.db, &s.layouts, &actor, id, kind, source, note, if_match).await?;
    Ok(if toml {
        toml_response(&v)
    } else {
        versioned(StatusCode::OK, v.version, v)
    })
}

/// The versions of a kind's layout, newest first. Until the conference saves one, its only
/// version is the server's layout, version 1.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}/versions", tag = "layouts", operation_id = "list_layout_versions",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses((status = 200, description = "Newest first", body = Vec<VersionSummary>)))]
pub async fn versions(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
) -> AppResult<Json<Vec<VersionSummary>>> {
    allow(&s, &actor, id, Need::Read).await?;
    Ok(Json(
        service::history(&s.db, id, service::kind(&kind)?).await?,
    ))
}

/// One version of a kind's layout.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}/versions/{n}", tag = "layouts", operation_id = "read_layout_version",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"), ("n" = i32, Path, description = "Version number")),
    responses(
        (status = 200, description = "The version", body = LayoutVersion),
        (status = 404, description = "No such version", body = Problem),
    ))]
pub async fn version(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind, n)): AppPath<(i32, String, i32)>,
) -> AppResult<Json<LayoutVersion>> {
    allow(&s, &actor, id, Need::Read).await?;
    Ok(Json(
        service::version(&s.db, &s.layouts, id, service::kind(&kind)?, n).await?,
    ))
}

/// Go back to an earlier version: its layout is saved again as a new version.
#[utoipa::path(post, path = "/api/v1/conferences/{id}/layouts/{kind}/versions/{n}/restore", tag = "layouts", operation_id = "restore_layout_version",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"), ("n" = i32, Path, description = "Version number"),
        ("If-Match" = Option<String>, Header, description = "The current version last read; 412 if another was saved since")),
    responses(
        (status = 200, description = "Saved as a new version; the ETag is its number", body = LayoutVersion),
        (status = 404, description = "No such version", body = Problem),
        (status = 412, description = "Another version was saved meanwhile", body = Problem),
    ))]
pub async fn restore(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind, n)): AppPath<(i32, String, i32)>,
    IfMatch(if_match): IfMatch,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let v = service::restore(
        &s.db,
        &s.layouts,
        &actor,
        id,
        service::kind(&kind)?,
        n,
        if_match,
    )
    .await?;
    Ok(versioned(StatusCode::OK, v.version, v))
}

/// Copy another conference's layouts (a new version of each kind that differs), its
/// backgrounds and the printers whose name is not used here yet. You must be able to read
/// the other conference.
#[utoipa::path(post, path = "/api/v1/conferences/{id}/layouts/copy-from/{other_id}", tag = "layouts", operation_id = "copy_layouts",
    params(("id" = i32, Path, description = "Conference id"), ("other_id" = i32, Path, description = "The conference to copy from")),
    responses(
        (status = 200, description = "What was copied", body = CopyReport),
        (status = 403, description = "Not an editor here, or cannot read the other conference", body = Problem),
    ))]
pub async fn copy_from(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, other_id)): AppPath<(i32, i32)>,
) -> AppResult<Json<CopyReport>> {
    allow(&s, &actor, id, Need::Write).await?;
    allow(&s, &actor, other_id, Need::Read).await?;
    Ok(Json(
        service::copy_from(&s.db, &s.layouts, &actor, id, other_id).await?,
    ))
}

/// The multipart form of a background upload.
// Deserialize only so that serde's deny_unknown_fields reaches the schema: a form with
// other parts than these is refused (additionalProperties: false).
#[derive(ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct BackgroundForm {
    /// A JPEG, a PNG or a one-page PDF holding one scanned image; at most 20 MB and 40
    /// megapixels.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// The scan of the office's blank behind a kind's layout: stored as a JPEG of at most
/// 3,508 pixels on its long side, stretched to the paper, replacing any before it. It is
/// never printed on blanks; on plain paper only when placed with `print_in_full_mode`.
#[utoipa::path(put, path = "/api/v1/conferences/{id}/layouts/{kind}/background", tag = "layouts", operation_id = "upload_layout_background",
    request_body(content = BackgroundForm, content_type = "multipart/form-data"),
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"),
        ("If-Match" = Option<String>, Header, description = "The background's version last read; 412 if it changed since")),
    responses(
        (status = 200, description = "Stored; the ETag is its version", body = BackgroundInfo),
        (status = 413, description = "The upload is larger than 20 MB", body = Problem),
        (status = 422, description = "Not a usable image (field `file` names the problem); nothing changed", body = Problem),
    ))]
pub async fn upload_background(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
    IfMatch(if_match): IfMatch,
    form: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let kind = service::kind(&kind)?;
    let (name, bytes) = only_file_part(form, UPLOAD_LIMIT, "scan").await?;
    let info = service::upload_background(
        &s.db, &s.work, &s.layouts, &actor, id, kind, name, bytes, if_match,
    )
    .await?;
    Ok(versioned(StatusCode::OK, info.version, info))
}

/// The background image (JPEG).
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}/background", tag = "layouts", operation_id = "read_layout_background",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses(
        (status = 200, description = "The stored scan; the ETag is its version", content_type = "image/jpeg"),
        (status = 404, description = "No background for this kind", body = Problem),
    ))]
pub async fn background_image(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let (jpeg, version) = service::background_image(&s.db, id, service::kind(&kind)?).await?;
    Ok(super::versioned_file("image/jpeg", version, jpeg))
}

/// Remove the background.
#[utoipa::path(delete, path = "/api/v1/conferences/{id}/layouts/{kind}/background", tag = "layouts", operation_id = "remove_layout_background",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"),
        ("If-Match" = Option<String>, Header, description = "The background's version last read; 412 if it changed since")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No background for this kind", body = Problem),
    ))]
pub async fn remove_background(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
    IfMatch(if_match): IfMatch,
) -> AppResult<StatusCode> {
    allow(&s, &actor, id, Need::Write).await?;
    service::delete_background(&s.db, &actor, id, service::kind(&kind)?, if_match).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The background's size, placement and whether it prints on plain paper.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}/background/placement", tag = "layouts", operation_id = "read_layout_background_placement",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses(
        (status = 200, description = "The settings; the ETag is the background's version", body = BackgroundInfo),
        (status = 404, description = "No background for this kind", body = Problem),
    ))]
pub async fn placement(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let info = service::background(&s.db, &s.layouts, id, service::kind(&kind)?).await?;
    Ok(versioned(StatusCode::OK, info.version, info))
}

/// Place the background: `{"stretch": true}`; or a scale, `{"mm_per_px": 0.0847,
/// "origin_mm": [0, 0]}` or two points of known distance, `{"points_px": [[120, 80],
/// [3300, 80]], "distance_mm": 270}`; and/or `{"print_in_full_mode": true}`.
#[utoipa::path(put, path = "/api/v1/conferences/{id}/layouts/{kind}/background/placement", tag = "layouts", operation_id = "place_layout_background",
    request_body = BackgroundPlacement,
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"),
        ("If-Match" = Option<String>, Header, description = "The background's version last read; 412 if it changed since")),
    responses(
        (status = 200, description = "Placed; the ETag is the new version", body = BackgroundInfo),
        (status = 404, description = "No background for this kind", body = Problem),
    ))]
pub async fn place(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, kind)): AppPath<(i32, String)>,
    IfMatch(if_match): IfMatch,
    AppJson(body): AppJson<BackgroundPlacement>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let info = service::place_background(
        &s.db,
        &s.layouts,
        &actor,
        id,
        service::kind(&kind)?,
        body,
        if_match,
    )
    .await?;
    Ok(versioned(StatusCode::OK, info.version, info))
}

/// The TOML file of the current layout (documentation only: served by `read`).
#[utoipa::path(get, path = "/api/v1/conferences/{id}/layouts/{kind}.toml", tag = "layouts", operation_id = "export_layout_toml",
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses((status = 200, description = "The layout as TOML; the ETag is its version", content_type = "application/toml")))]
#[allow(dead_code)]
pub async fn export_toml() {}

/// Import a TOML layout file as a new version (documentation only: served by `save`).
#[utoipa::path(put, path = "/api/v1/conferences/{id}/layouts/{kind}.toml", tag = "layouts", operation_id = "import_layout_toml",
    request_body(content = String, content_type = "application/toml", description = "The layout file"),
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu"),
        ("If-Match" = Option<String>, Header, description = "The version last read; 412 if another was saved since"), SaveQuery),
    responses(
        (status = 200, description = "Saved as a new version; the body is its TOML", content_type = "application/toml"),
        (status = 412, description = "Another version was saved meanwhile", body = Problem),
        (status = 422, description = "The layout cannot be used (the message names the element and the problem)", body = Problem),
    ))]
#[allow(dead_code)]
pub async fn import_toml() {}

pub fn router() -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(
            upload_background,
            background_image,
            remove_background
        ))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(read, save))
        .routes(routes!(versions))
        .routes(routes!(version))
        .routes(routes!(restore))
        .routes(routes!(copy_from))
        .routes(routes!(placement, place))
        .merge(uploads)
}
