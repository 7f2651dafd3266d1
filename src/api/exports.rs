//! Downloads: attendee lists and the award roster as XLSX or CSV, the agenda as iCalendar
//! and as a frab schedule (XML and JSON); the whole conference as a backup, and its restore.

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppJson, AppPath};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::interop::export::ExportKind;
use crate::service;

/// Check access, render, and send as an attachment.
async fn download(
    s: &AppState,
    actor: &Actor,
    conference_id: i32,
    need: Need,
    kind: ExportKind,
) -> AppResult<Response> {
    allow(s, actor, conference_id, need).await?;
    let file = service::export::render(&s.db, conference_id, kind).await?;
    Ok(sent(file, "attachment"))
}

/// A file as the answer: its media type, and `disposition` ("attachment" to save it,
/// "inline" to open it) with its name.
pub(super) fn sent(file: crate::interop::export::Download, disposition: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{}\"", file.file_name),
            ),
        ],
        file.bytes,
    )
        .into_response()
}

/// Declares one download route with its OpenAPI description.
macro_rules! download_route {
    ($name:ident, $kind:expr, $need:expr, $path:tt, $tag:tt, $summary:tt, $what:tt, $content_type:tt) => {
        #[utoipa::path(get, path = $path, tag = $tag, summary = $summary,
                            params(("conference_id" = i32, Path, description = "Conference id")),
                            responses(
                                (status = 200, description = $what, content_type = $content_type),
                            ))]
        pub async fn $name(
            State(s): State<AppState>,
            actor: Actor,
            AppPath(conference_id): AppPath<i32>,
        ) -> AppResult<Response> {
            download(&s, &actor, conference_id, $need, $kind).await
        }
    };
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

download_route!(
    attendees_xlsx,
    ExportKind::AttendeesXlsx,
    Need::Read,
    "/api/v1/conferences/{conference_id}/attendees.xlsx",
    "attendees",
    "The attendee list as an Excel workbook",
    "XLSX workbook, headers as the import reads them",
    XLSX
);
download_route!(
    attendees_csv,
    ExportKind::AttendeesCsv,
    Need::Read,
    "/api/v1/conferences/{conference_id}/attendees.csv",
    "attendees",
    "The attendee list as CSV (UTF-8 with a byte-order mark)",
    "CSV, UTF-8 with BOM",
    "text/csv"
);
download_route!(
    roster_xlsx,
    ExportKind::RosterXlsx,
    Need::Read,
    "/api/v1/conferences/{conference_id}/roster.xlsx",
    "recipients",
    "The award roster (every recipient with decision and issuer) as an Excel workbook",
    "XLSX workbook, headers as the award import reads them",
    XLSX
);
download_route!(
    agenda_ics,
    ExportKind::Ics,
    Need::PublicRead,
    "/api/v1/conferences/{conference_id}/agenda.ics",
    "agenda",
    "The agenda as an iCalendar feed, in the conference's time zone; public once published",
    "iCalendar (RFC 5545)",
    "text/calendar"
);
download_route!(
    schedule_xml,
    ExportKind::FrabXml,
    Need::PublicRead,
    "/api/v1/conferences/{conference_id}/schedule.xml",
    "agenda",
    "The agenda as a frab schedule XML (Giggity, EventFahrplan, ConfClerk); public once published",
    "frab schedule XML (c3voc schedule.xml.xsd)",
    "application/xml"
);
download_route!(
    schedule_json,
    ExportKind::FrabJson,
    Need::PublicRead,
    "/api/v1/conferences/{conference_id}/schedule.json",
    "agenda",
    "The agenda as a frab schedule JSON; public once published",
    "frab schedule JSON (c3voc schema.json)",
    "application/json"
);
download_route!(
    backup_json,
    ExportKind::Backup,
    Need::Read,
    "/api/v1/conferences/{conference_id}/backup.json",
    "conferences",
    "The whole conference as one JSON document that POST /api/v1/conferences/restore rebuilds",
    "The backup document",
    "application/json"
);

/// The id of a restored conference.
#[derive(Debug, Serialize, ToSchema)]
pub struct Restored {
    pub id: i32,
}

/// Rebuild a backup as a new conference owned by the caller: all of it or nothing.
#[utoipa::path(post, path = "/api/v1/conferences/restore", tag = "conferences",
    request_body(content = Object, description = "A document from GET …/backup.json"),
    responses(
        (status = 201, description = "Restored as a new conference", body = Restored),
        (status = 422, description = "Not a backup, or a record is invalid (named by section and index)", body = Problem),
    ))]
pub async fn restore(
    State(s): State<AppState>,
    actor: Actor,
    AppJson(doc): AppJson<serde_json::Value>,
) -> AppResult<(StatusCode, Json<Restored>)> {
    if actor == Actor::Anonymous {
        return Err(AppError::unauthorized(
            "sign-in",
            "sign in to restore a conference",
        ));
    }
    let id = service::backup::restore(&s.db, &actor, doc).await?;
    Ok((StatusCode::CREATED, Json(Restored { id })))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(attendees_xlsx))
        .routes(routes!(attendees_csv))
        .routes(routes!(roster_xlsx))
        .routes(routes!(agenda_ics))
        .routes(routes!(schedule_xml))
        .routes(routes!(schedule_json))
        .routes(routes!(backup_json))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(restore))
                .layer(DefaultBodyLimit::max(super::imports::IMPORT_BODY_LIMIT)),
        )
}
