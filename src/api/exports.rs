//! Downloads: attendee lists and the award roster as XLSX or CSV, the agenda as iCalendar.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::AppPath;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::interop::export::{self, Table};
use crate::store::agenda::Agenda;
use crate::store::attendee::Attendees;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::{conference, resource};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to download, named after the conference.
fn download(content_type: &'static str, file_name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn attendee_table(s: &AppState, actor: &Actor, conference_id: i32) -> AppResult<Table> {
    allow(s, actor, conference_id, Need::Read).await?;
    let attendees = resource::all::<Attendees, _>(&s.db, conference_id).await?;
    Ok(export::attendee_table(&attendees))
}

/// The attendee list as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/conferences/{conference_id}/attendees.xlsx", tag = "attendees",
    params(("conference_id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "XLSX workbook, headers as the import reads them", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn attendees_xlsx(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(conference_id): AppPath<i32>,
) -> AppResult<Response> {
    let table = attendee_table(&s, &actor, conference_id).await?;
    let bytes = export::xlsx(&table).map_err(AppError::internal)?;
    Ok(download(
        XLSX,
        format!("dai-bieu-{conference_id}.xlsx"),
        bytes,
    ))
}

/// The attendee list as CSV (UTF-8 with a byte-order mark).
#[utoipa::path(get, path = "/api/v1/conferences/{conference_id}/attendees.csv", tag = "attendees",
    params(("conference_id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "CSV, UTF-8 with BOM", content_type = "text/csv"),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn attendees_csv(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(conference_id): AppPath<i32>,
) -> AppResult<Response> {
    let table = attendee_table(&s, &actor, conference_id).await?;
    let bytes = export::csv(&table).map_err(AppError::internal)?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("dai-bieu-{conference_id}.csv"),
        bytes,
    ))
}

/// The award roster (every recipient with decision and issuer) as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/conferences/{conference_id}/roster.xlsx", tag = "recipients",
    params(("conference_id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "XLSX workbook, headers as the award import reads them", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn roster_xlsx(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(conference_id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, conference_id, Need::Read).await?;
    let recipients = resource::all::<Recipients, _>(&s.db, conference_id).await?;
    let decisions = resource::all::<Decisions, _>(&s.db, conference_id).await?;
    let issuers = resource::all::<Issuers, _>(&s.db, conference_id).await?;
    let table = export::roster_table(&recipients, &decisions, &issuers);
    let bytes = export::xlsx(&table).map_err(AppError::internal)?;
    Ok(download(
        XLSX,
        format!("khen-thuong-{conference_id}.xlsx"),
        bytes,
    ))
}

/// The agenda as an iCalendar feed, in the conference's time zone; public once published.
#[utoipa::path(get, path = "/api/v1/conferences/{conference_id}/agenda.ics", tag = "agenda",
    params(("conference_id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "iCalendar (RFC 5545)", content_type = "text/calendar"),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn agenda_ics(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(conference_id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, conference_id, Need::PublicRead).await?;
    let conf = conference::get(&s.db, conference_id).await?;
    let items = resource::all::<Agenda, _>(&s.db, conference_id).await?;
    Ok(download(
        "text/calendar; charset=utf-8",
        format!("chuong-trinh-{conference_id}.ics"),
        export::ics(&conf, &items).into_bytes(),
    ))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(attendees_xlsx))
        .routes(routes!(attendees_csv))
        .routes(routes!(roster_xlsx))
        .routes(routes!(agenda_ics))
}
