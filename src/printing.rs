//! Printouts as the application makes them: choose what to print from the database, render
//! off the async runtime, and record the print in the audit log. Used by the API and the
//! command line alike.

use std::io::Write;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::print::{
    Certificate, CertificateFields, CertificateKind, Layouts, PrintError, RenderOptions,
};
use crate::store::programme::{self, Selection};
use crate::store::{audit, conference};

impl From<PrintError> for AppError {
    fn from(e: PrintError) -> Self {
        match e {
            PrintError::Io(_) | PrintError::Font { .. } => AppError::internal(e),
            other => AppError::Unprocessable(other.to_string()),
        }
    }
}

/// A certificate kind by the name of its layout: `bang_khen`, `giay_khen`, `danh_hieu`.
pub fn kind_named(name: &str) -> Option<CertificateKind> {
    CertificateKind::ALL
        .into_iter()
        .find(|k| k.file_name().strip_suffix(".toml") == Some(name.trim()))
}

pub fn kind_names() -> String {
    CertificateKind::ALL
        .map(|k| k.file_name().trim_end_matches(".toml"))
        .join(", ")
}

/// What to print and how.
pub struct CertificateJob {
    pub selection: Selection,
    pub options: RenderOptions,
    /// Print every certificate with this layout instead of its form's own.
    pub layout: Option<CertificateKind>,
}

/// The certificates of the selected recipients, one page each in ceremony order, written
/// to `out` (a file streams: memory stays one chunk of pages). Returns `out` and the page
/// count.
pub async fn certificates<W: Write + Send + 'static>(
    db: &DatabaseConnection,
    layouts: Arc<Layouts>,
    actor: &Actor,
    conference_id: i32,
    job: CertificateJob,
    out: W,
    progress: impl FnMut(usize) + Send + 'static,
) -> AppResult<(W, usize)> {
    let conf = conference::get(db, conference_id).await?;
    let ceremony = programme::selected_ceremony(db, conference_id, &job.selection).await?;
    // The stored rows are consumed as the fields are made, so both are not held at once.
    let mut pages = Vec::new();
    let mut recipient_ids = Vec::new();
    for d in ceremony {
        let kind = match job.layout {
            Some(k) => k,
            None if d.recipients.is_empty() => continue,
            None => CertificateKind::for_form_code(&d.decision.form)?,
        };
        for r in d.recipients {
            pages.push((
                kind,
                CertificateFields::from_models(&conf, &d.issuer, &d.decision, &r)?,
            ));
            recipient_ids.push(r.id);
        }
    }
    if pages.is_empty() {
        return Err(AppError::Unprocessable(
            "no recipient matches the selection: check the decision, issuer and recipient ids"
                .into(),
        ));
    }
    let options = job.options;
    let mode = format!("{:?}", options.mode).to_lowercase();
    let offset = (options.offset_x_mm, options.offset_y_mm);
    let mut progress = progress;
    let pdf = tokio::task::spawn_blocking(move || {
        let batch: Vec<Certificate<'_>> = pages
            .into_iter()
            .map(|(kind, fields)| Certificate {
                layout: layouts.get(kind),
                fields,
            })
            .collect();
        crate::print::write_certificate_batch(out, &batch, &options, &mut progress)
    })
    .await
    .map_err(AppError::internal)??;
    let page_count = recipient_ids.len();
    audit::record(
        db,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "print",
            resource: "certificates",
            resource_id: None,
            before: None,
            after: None,
            detail: Some(serde_json::json!({
                "printout": "certificates",
                "pages": page_count,
                "recipients": recipient_ids,
                "mode": mode,
                "offset_mm": [offset.0, offset.1],
            })),
        },
    )
    .await?;
    Ok((pdf, page_count))
}
