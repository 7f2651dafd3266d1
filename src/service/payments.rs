//! The cash awards of a conference: what each recipient is paid and each issuer pays, and
//! the payment lists (PDF for signing, XLSX for the accountant), made from the same
//! records as the certificates. Used by the API, the web pages and the command line.

use sea_orm::DatabaseConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::access::Actor;
use crate::domain::cash::{self, Cash, IssuerTotal};
use crate::domain::model::Conference;
use crate::error::AppResult;
use crate::interop::export::{Download, XLSX};
use crate::print::PaymentList;
use crate::print::decision::{Paper, Prepared};
use crate::service::work::{Heavy, Work};
use crate::store::programme::{self, Selection};
use crate::store::{audit, conference};

/// What the selected decisions pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct Payments {
    /// Each issuer's total (each pays from its own fund), in ceremony order.
    pub issuers: Vec<IssuerTotal>,
    /// Each recipient, in ceremony order, with the amount paid (absent: none applies).
    pub recipients: Vec<Payment>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Payment {
    pub recipient_id: i32,
    pub decision_id: i32,
    pub name: String,
    pub cash: Option<Cash>,
}

/// The amounts of the selection.
pub async fn amounts(
    db: &DatabaseConnection,
    conference_id: i32,
    selection: &Selection,
) -> AppResult<Payments> {
    let ceremony = programme::selected_ceremony(db, conference_id, selection).await?;
    let mut recipients = Vec::new();
    for d in &ceremony {
        for (r, cash) in d.recipients.iter().zip(cash::of_decision(d)) {
            recipients.push(Payment {
                recipient_id: r.id,
                decision_id: d.decision.id,
                name: r.name.clone(),
                cash,
            });
        }
    }
    Ok(Payments {
        issuers: cash::by_issuer(&ceremony),
        recipients,
    })
}

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The format of a payment list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
}

/// The payment lists of the selection's decisions (those with someone to pay), and the
/// print in the audit log.
pub async fn lists(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    conference_id: i32,
    selection: &Selection,
    format: Format,
) -> AppResult<Download> {
    let conf: Conference = conference::get(db, conference_id).await?.into();
    let ceremony = programme::selected_ceremony(db, conference_id, selection).await?;
    let (bytes, decisions) = work
        .run(Heavy::Render, move |_| {
            let lists = PaymentList::of(&ceremony);
            if lists.is_empty() {
                return Err(crate::error::AppError::unprocessable(
                    "nothing-to-pay",
                    &[],
                    "no recipient of the selection is paid a cash award",
                ));
            }
            let decisions: Vec<i32> = lists.iter().map(|l| l.decision.decision.id).collect();
            let bytes = match format {
                Format::Pdf => crate::print::render_payments(&conf, &lists)?,
                Format::Xlsx => crate::interop::export::payments_xlsx(&lists)
                    .map_err(crate::error::AppError::internal)?,
            };
            Ok((bytes, decisions))
        })
        .await??;
    let (content_type, extension) = match format {
        Format::Pdf => ("application/pdf", "pdf"),
        Format::Xlsx => (XLSX, "xlsx"),
    };
    let detail =
        serde_json::json!({ "printout": "payments", "format": extension, "decisions": decisions });
    audit::record(
        db,
        actor,
        audit::Event::detail(conference_id, "print", "payments", detail),
    )
    .await?;
    Ok(Download {
        content_type,
        file_name: format!("tien-thuong-hoi-nghi-{conference_id}.{extension}"),
        bytes,
    })
}

/// An award decision, or the host body's proposal for it, with its annex, as drafted for
/// signing: PDF, or (`docx`) a Word document to edit before it is signed.
pub async fn draft(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    (conference_id, decision_id): (i32, i32),
    paper: Paper,
    docx: bool,
) -> AppResult<Download> {
    let conf: Conference = conference::get(db, conference_id).await?.into();
    let selection = Selection {
        decisions: vec![decision_id],
        ..Selection::default()
    };
    let mut ceremony = programme::selected_ceremony(db, conference_id, &selection).await?;
    let Some(d) = ceremony.pop() else {
        return Err(crate::error::AppError::not_found(
            "award decision",
            decision_id,
        ));
    };
    let number = d.decision.number.clone();
    let bytes = work
        .run(Heavy::Render, move |_| -> AppResult<Vec<u8>> {
            let prepared = Prepared::of(&conf, &d, paper);
            Ok(if docx {
                crate::interop::docx::draft(&prepared.draft, &prepared.heading().text())
            } else {
                prepared.pdf()?
            })
        })
        .await??;
    let name = match paper {
        Paper::Decision => "decision",
        Paper::Proposal => "proposal",
    };
    let detail = serde_json::json!({ "printout": name, "decision": number });
    audit::record(
        db,
        actor,
        audit::Event::detail(conference_id, "print", name, detail),
    )
    .await?;
    let (content_type, extension) = if docx {
        (DOCX, "docx")
    } else {
        ("application/pdf", "pdf")
    };
    let stem = match paper {
        Paper::Decision => "quyet-dinh",
        Paper::Proposal => "to-trinh",
    };
    Ok(Download {
        content_type,
        file_name: format!("{stem}-{decision_id}.{extension}"),
        bytes,
    })
}
