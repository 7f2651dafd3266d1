//! Cash awards: what each recipient is paid and each issuer pays, and the payment lists
//! (danh sách nhận tiền thưởng) as PDF and XLSX.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::certificates::ids;
use super::exports::sent;
use super::extract::{AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppResult, Problem};
use crate::print::decision::Paper;
use crate::service;
use crate::service::payments::{Format, Payments};
use crate::store::programme::Selection;

/// Which decisions: all by default.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentQuery {
    /// Decision ids, comma-separated.
    #[param(schema_with = super::contract::id_list_schema)]
    pub decision: Option<String>,
    /// Issuer ids, comma-separated: each issuer pays from its own fund.
    #[param(schema_with = super::contract::id_list_schema)]
    pub issuer: Option<String>,
}

impl PaymentQuery {
    fn selection(&self) -> AppResult<Selection> {
        Ok(Selection {
            decisions: ids("decision", &self.decision)?,
            issuers: ids("issuer", &self.issuer)?,
            ..Selection::default()
        })
    }
}

/// The cash award of each recipient (the decree's coefficient × the base salary of the
/// decision's date, rounded up to 10,000 đ, or the decision's own amount) and each
/// issuer's total.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/payments", tag = "awards",
    params(("id" = i32, Path, description = "Conference id"), PaymentQuery),
    responses(
        (status = 200, description = "The amounts", body = Payments),
    ))]
pub async fn payments(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<PaymentQuery>,
) -> AppResult<Json<Payments>> {
    allow(&s, &actor, id, Need::Read).await?;
    let selection = q.selection()?;
    Ok(Json(
        service::payments::amounts(&s.db, id, &selection).await?,
    ))
}

async fn list(
    s: &AppState,
    actor: &Actor,
    id: i32,
    q: &PaymentQuery,
    format: Format,
) -> AppResult<Response> {
    allow(s, actor, id, Need::Read).await?;
    let file = service::payments::lists(&s.db, &s.work, actor, id, &q.selection()?, format).await?;
    let disposition = match format {
        Format::Pdf => "inline",
        Format::Xlsx => "attachment",
    };
    Ok(sent(file, disposition))
}

/// The payment lists to sign: per decision, each recipient paid with the amount and a
/// column to sign, the total in figures and in words, the preparer's, chief accountant's
/// and head's signatures.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/payments.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), PaymentQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 422, description = "Nobody selected is paid (`nothing-to-pay`), or a text cannot be printed", body = Problem),
    ))]
pub async fn payments_pdf(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<PaymentQuery>,
) -> AppResult<Response> {
    list(&s, &actor, id, &q, Format::Pdf).await
}

/// The payment lists for the accountant: a sheet per decision, the amounts as numbers
/// ("#,##0"), the total a SUM formula, the total in words.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/payments.xlsx", tag = "exports",
    params(("id" = i32, Path, description = "Conference id"), PaymentQuery),
    responses(
        (status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 422, description = "Nobody selected is paid (`nothing-to-pay`)", body = Problem),
    ))]
pub async fn payments_xlsx(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<PaymentQuery>,
) -> AppResult<Response> {
    list(&s, &actor, id, &q, Format::Xlsx).await
}

/// A draft of `paper` for decision `decision`, sent inline (PDF) or as an attachment (DOCX).
async fn drafted(
    s: &AppState,
    actor: &Actor,
    (id, decision): (i32, i32),
    paper: Paper,
    docx: bool,
) -> AppResult<Response> {
    allow(s, actor, id, Need::Read).await?;
    let file = service::payments::draft(&s.db, &s.work, actor, (id, decision), paper, docx).await?;
    Ok(sent(file, if docx { "attachment" } else { "inline" }))
}

/// The award decision (Quyết định khen thưởng, Decree 30/2020 Appendix I) as drafted for
/// signing: the issuer's block, number and date, the grounds (the issuer's own, or its
/// level's law and decree in force on the date), Điều 1–3 (Điều 2 the cash award where
/// one applies), "Nơi nhận", the signer; then its annex on a page of its own ("I. TẬP
/// THỂ", "II. CÁ NHÂN", with units and amounts).
#[utoipa::path(get, path = "/api/v1/conferences/{id}/decisions/{decision}/decision.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), ("decision" = i32, Path, description = "Decision id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such conference or decision", body = Problem),
        (status = 422, description = "A text that cannot be printed (the message names it)", body = Problem),
    ))]
pub async fn decision_pdf(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(ids): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    drafted(&s, &actor, ids, Paper::Decision, false).await
}

/// The same decision and annex as a Word document (DOCX: paragraphs, tables, Times New Roman
/// 14 pt), for the office to edit before it is signed.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/decisions/{decision}/decision.docx", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), ("decision" = i32, Path, description = "Decision id")),
    responses(
        (status = 200, description = "The document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 404, description = "No such conference or decision", body = Problem),
    ))]
pub async fn decision_docx(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(ids): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    drafted(&s, &actor, ids, Paper::Decision, true).await
}

/// The proposal (Tờ trình, Decree 30/2020 Appendix III) in which the conference's host body
/// asks the decision's issuer for its award: the host body's block ("Số:      /TTr-…", day
/// and month to fill in), "Kính gửi" the issuer's head, the law and decree in force, the
/// request with the reason and any cash award, the host body's signer (the conference's
/// paperwork settings); then the same annex, "Kèm theo Tờ trình số …".
#[utoipa::path(get, path = "/api/v1/conferences/{id}/decisions/{decision}/proposal.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), ("decision" = i32, Path, description = "Decision id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such conference or decision", body = Problem),
        (status = 422, description = "A text that cannot be printed (the message names it)", body = Problem),
    ))]
pub async fn proposal_pdf(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(ids): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    drafted(&s, &actor, ids, Paper::Proposal, false).await
}

/// The same proposal and annex as a Word document, to edit before it is signed.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/decisions/{decision}/proposal.docx", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), ("decision" = i32, Path, description = "Decision id")),
    responses(
        (status = 200, description = "The document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 404, description = "No such conference or decision", body = Problem),
    ))]
pub async fn proposal_docx(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(ids): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    drafted(&s, &actor, ids, Paper::Proposal, true).await
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(decision_pdf))
        .routes(routes!(decision_docx))
        .routes(routes!(proposal_pdf))
        .routes(routes!(proposal_docx))
        .routes(routes!(payments))
        .routes(routes!(payments_pdf))
        .routes(routes!(payments_xlsx))
}
