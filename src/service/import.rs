//! Importing an attendee or award list: read the file off the async runtime, then store
//! every row in one transaction (all or, at the first problem, none) with one audit event.
//! A dry run does the same work, reports every problem, and rolls back.

use sea_orm::DatabaseConnection;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::interop::encoding::Encoding;
use crate::interop::lists::{self, ImportOptions, ImportReport, ListKind, RowProblem};
use crate::interop::sheet::{self, Grid};
use crate::service::work::{Heavy, Work};
use crate::store::{self, begin_write};

/// Read a list from `bytes` and store it in one transaction: all rows or, at the first
/// problem, none. A dry run does the same work, reports every problem, and rolls back.
pub async fn import(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    conference_id: i32,
    kind: ListKind,
    file_name: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
) -> AppResult<ImportReport> {
    let dry_run = options.dry_run;
    let (mut report, rows) = work
        .run(Heavy::Sheet, move |_| {
            lists::read_list(kind, &bytes, &options)
        })
        .await??;
    report.file_name = file_name.to_string();
    if !report.problems.is_empty() {
        if dry_run {
            return Ok(report);
        }
        return Err(AppError::Validation(
            report
                .problems
                .iter()
                .map(RowProblem::to_field_error)
                .collect(),
        ));
    }
    let txn = begin_write(db).await?;
    let written = match rows {
        lists::Rows::Attendees(rows) => {
            store::import::attendees(&txn, actor, conference_id, file_name, rows).await
        }
        lists::Rows::Awards(rows) => {
            store::import::awards(
                &txn,
                actor,
                conference_id,
                file_name,
                rows,
                &report.mapping.columns,
            )
            .await
        }
    };
    match written {
        Ok(summary) => {
            report.summary = summary;
            if dry_run {
                txn.rollback().await?;
            } else {
                txn.commit().await?;
            }
            Ok(report)
        }
        Err(AppError::Validation(errors)) if dry_run => {
            txn.rollback().await?;
            report
                .problems
                .extend(errors.into_iter().map(RowProblem::from_field_error));
            Ok(report)
        }
        Err(e) => Err(e),
    }
}

/// The file's cells as the list reader sees them (off the async runtime), to show what a
/// row holds when it could not be read as a record; None when the file cannot be read.
pub async fn grid(work: &Work, bytes: &[u8], encoding: Option<Encoding>) -> Option<Grid> {
    let bytes = bytes.to_vec();
    work.run(Heavy::Sheet, move |_| sheet::read(&bytes, encoding))
        .await
        .ok()?
        .ok()
}
