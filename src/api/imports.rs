//! Imports of attendee and award lists: a spreadsheet or CSV file sent as multipart form
//! data, read in any Vietnamese encoding, checked, and stored all or nothing.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::interop::encoding::Encoding;
use crate::interop::lists::{ImportOptions, ImportReport, ListKind};
use crate::service;

pub use crate::http::IMPORT_BODY_LIMIT;

/// How to import.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check and report only; nothing is stored.
    pub dry_run: Option<bool>,
    /// The file's text encoding when detection guesses wrong: utf-8, utf-16le, utf-16be,
    /// windows-1258, tcvn3 (ABC, .VnTime) or vni.
    #[param(value_type = Option<Encoding>)]
    pub encoding: Option<String>,
}

/// The multipart form of an import.
// Deserialize only so that serde's deny_unknown_fields reaches the schema: a form with
// other parts than these is refused (additionalProperties: false).
#[derive(ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ImportForm {
    /// The XLSX, XLS, ODS or CSV file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Optional JSON object from field name to a header, column letter or column number,
    /// for headers that are not recognised: `{"full_name": "Tên đại biểu", "organisation": "D"}`.
    mapping: Option<String>,
}

impl From<MultipartRejection> for AppError {
    fn from(r: MultipartRejection) -> Self {
        AppError::UnsupportedMediaType(format!(
            "send the file as multipart/form-data with a part named 'file' ({})",
            r.body_text()
        ))
    }
}

/// Read the form: the file (with its name) and the optional column mapping.
async fn read_form(mut form: Multipart) -> AppResult<(String, Vec<u8>, BTreeMap<String, String>)> {
    let mut file = None;
    let mut mapping = BTreeMap::new();
    let multipart_error = super::extract::multipart_error(IMPORT_BODY_LIMIT);
    while let Some(field) = form.next_field().await.map_err(&multipart_error)? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let bytes = field.bytes().await.map_err(&multipart_error)?;
                // The body's own buffer when nothing else holds it: no second copy.
                file = Some((name, Vec::from(bytes)));
            }
            Some("mapping") => {
                let text = field.text().await.map_err(&multipart_error)?;
                if !text.trim().is_empty() {
                    mapping = serde_json::from_str(&text).map_err(|e| {
                        AppError::field(
                            "mapping",
                            format!("must be a JSON object of field to column: {e}"),
                        )
                    })?;
                }
            }
            other => return Err(super::extract::unknown_part(other)),
        }
    }
    let (name, bytes) =
        file.ok_or_else(|| AppError::field("file", "the form has no part named 'file'"))?;
    Ok((name, bytes, mapping))
}

async fn import(
    s: AppState,
    actor: Actor,
    conference_id: i32,
    query: ImportQuery,
    form: Multipart,
    kind: ListKind,
) -> AppResult<Json<ImportReport>> {
    allow(&s, &actor, conference_id, Need::Write).await?;
    let encoding = query
        .encoding
        .as_deref()
        .map(str::parse::<Encoding>)
        .transpose()
        .map_err(|e| AppError::field("encoding", e))?;
    let (file_name, bytes, mapping) = read_form(form).await?;
    let options = ImportOptions {
        encoding,
        mapping,
        dry_run: query.dry_run.unwrap_or(false),
    };
    let report = service::import::import(
        &s.db,
        &s.work,
        &actor,
        conference_id,
        kind,
        &file_name,
        bytes,
        options,
    )
    .await?;
    Ok(Json(report))
}

/// Declares one import route with its OpenAPI description.
macro_rules! import_route {
    ($(#[doc = $doc:expr])* $name:ident, $kind:expr, $path:tt, $tag:tt) => {
        $(#[doc = $doc])*
        #[utoipa::path(post, path = $path, tag = $tag,
            request_body(content = ImportForm, content_type = "multipart/form-data"),
            params(("conference_id" = i32, Path, description = "Conference id"), ImportQuery),
            responses(
                (status = 200, description = "Imported, or in a dry run checked; rows, encoding, mapping, problems and duplicates", body = ImportReport),
                (status = 413, description = "The file is larger than 20 MB", body = Problem),
                (status = 422, description = "Problems, each named by row and column; nothing was imported", body = Problem),
            ))]
        pub async fn $name(
            State(s): State<AppState>,
            actor: Actor,
            AppPath(conference_id): AppPath<i32>,
            AppQuery(query): AppQuery<ImportQuery>,
            form: Result<Multipart, MultipartRejection>,
        ) -> AppResult<Json<ImportReport>> {
            import(s, actor, conference_id, query, form?, $kind).await
        }
    };
}

import_route!(
    /// Import attendees from a spreadsheet or CSV file.
    import_attendees,
    ListKind::Attendees,
    "/api/v1/conferences/{conference_id}/attendees/import",
    "attendees"
);
import_route!(
    /// Import award recipients, with their decisions and issuers, from a spreadsheet or CSV file.
    /// A decision is found by issuer and number; a new one needs its date, form and signer.
    import_awards,
    ListKind::Awards,
    "/api/v1/conferences/{conference_id}/awards/import",
    "recipients"
);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_attendees))
        .routes(routes!(import_awards))
        .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT))
}
