//! Exporting a conference: read what a format needs from the store and write the file
//! with `interop::export` (or, for a backup, `service::backup`).

use sea_orm::DatabaseConnection;

use crate::domain::model::{AgendaItem, Attendee, AwardDecision, Conference, Issuer, Recipient};
use crate::error::{AppError, AppResult};
use crate::interop::export::{self, Download, ExportKind};
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::{self, Resource, agenda::Agenda, attendee::Attendees, resource};

/// Read what `kind` needs from the database and write the file (access is the caller's
/// concern).
pub async fn render(
    db: &DatabaseConnection,
    conference_id: i32,
    kind: ExportKind,
) -> AppResult<Download> {
    let (content_type, name, bytes) = match kind {
        ExportKind::AttendeesXlsx | ExportKind::AttendeesCsv => {
            let table =
                export::attendee_table(&all::<Attendees, Attendee>(db, conference_id).await?);
            if kind == ExportKind::AttendeesXlsx {
                (
                    export::XLSX,
                    "dai-bieu.xlsx",
                    export::xlsx(&table).map_err(AppError::internal)?,
                )
            } else {
                let bytes = export::csv(&table).map_err(AppError::internal)?;
                ("text/csv; charset=utf-8", "dai-bieu.csv", bytes)
            }
        }
        ExportKind::RosterXlsx => {
            let table = export::roster_table(
                &all::<Recipients, Recipient>(db, conference_id).await?,
                &all::<Decisions, AwardDecision>(db, conference_id).await?,
                &all::<Issuers, Issuer>(db, conference_id).await?,
            );
            (
                export::XLSX,
                "khen-thuong.xlsx",
                export::xlsx(&table).map_err(AppError::internal)?,
            )
        }
        ExportKind::Backup => {
            let doc = super::backup::export(db, conference_id).await?;
            let bytes = serde_json::to_vec_pretty(&doc).map_err(AppError::internal)?;
            ("application/json", "backup.json", bytes)
        }
        ExportKind::Ics | ExportKind::FrabXml | ExportKind::FrabJson => {
            let conf: Conference = store::conference::get(db, conference_id).await?.into();
            let items = all::<Agenda, AgendaItem>(db, conference_id).await?;
            match kind {
                ExportKind::Ics => (
                    "text/calendar; charset=utf-8",
                    "chuong-trinh.ics",
                    export::ics(&conf, &items).into_bytes(),
                ),
                ExportKind::FrabXml => (
                    "application/xml; charset=utf-8",
                    "schedule.xml",
                    export::frab_xml(&conf, &items).into_bytes(),
                ),
                _ => (
                    "application/json",
                    "schedule.json",
                    serde_json::to_vec_pretty(&export::frab_json(&conf, &items))
                        .map_err(AppError::internal)?,
                ),
            }
        }
    };
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    Ok(Download {
        content_type,
        file_name: format!("{stem}-{conference_id}.{ext}"),
        bytes,
    })
}

/// Every record of a resource in the conference, as plain values.
async fn all<R: Resource, T: From<R::Model>>(
    db: &DatabaseConnection,
    conference_id: i32,
) -> AppResult<Vec<T>> {
    Ok(resource::all::<R, _>(db, conference_id)
        .await?
        .into_iter()
        .map(T::from)
        .collect())
}
