//! Certificates as PDF: a conference's (or a selection's), one recipient's, and the
//! calibration page for pre-printed blanks.

use crate::service::work::Heavy;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::print::{CertificateKind, RenderMode, RenderOptions};
use crate::service;
use crate::service::print::CertificateJob;
use crate::store::programme::Selection;

/// How to print: which recipients, on what, shifted by how much.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CertificateQuery {
    /// Decision ids, comma-separated: only their recipients.
    #[param(schema_with = super::contract::id_list_schema)]
    pub decision: Option<String>,
    /// Issuer ids, comma-separated.
    #[param(schema_with = super::contract::id_list_schema)]
    pub issuer: Option<String>,
    /// Recipient ids, comma-separated.
    #[param(schema_with = super::contract::id_list_schema)]
    pub recipient: Option<String>,
    /// Only recipients whose name holds these words, with or without diacritics, or whose
    /// unit holds them as typed (at most 200 characters are kept).
    pub q: Option<String>,
    /// `true`: only recipients whose certificate would now say something else than when it
    /// was last printed (a corrected name or unit, a decision's new number), or that were
    /// never printed.
    pub changed: Option<bool>,
    /// `full` (the whole design on plain paper, default) or `blank` (only the fields, onto
    /// pre-printed certificate blanks).
    #[param(value_type = Option<crate::print::RenderMode>, inline)]
    pub mode: Option<String>,
    /// Use this layout for every certificate: `bang_khen`, `giay_khen` or `danh_hieu`
    /// (default: each form's own).
    #[param(value_type = Option<CertificateKind>, inline)]
    pub layout: Option<String>,
    /// Printer offset to the right in mm (blank mode and calibration), −50 to 50.
    #[param(minimum = -50.0, maximum = 50.0)]
    pub offset_x: Option<f32>,
    /// Printer offset downwards in mm (blank mode and calibration), −50 to 50.
    #[param(minimum = -50.0, maximum = 50.0)]
    pub offset_y: Option<f32>,
    /// A printer of the conference (`/printers`) whose offset to use instead of offset_x
    /// and offset_y.
    pub printer: Option<i32>,
}

pub(super) fn ids(param: &str, value: &Option<String>) -> AppResult<Vec<i32>> {
    super::contract::id_list(param, value.as_deref())
}

/// How to print, as the API's `mode`, `offset_x` and `offset_y` ask it (certificates,
/// calibration, and the designer's preview and check).
pub(super) fn render_options(
    mode: Option<&str>,
    offset_x: Option<f32>,
    offset_y: Option<f32>,
) -> AppResult<RenderOptions> {
    let mode = mode
        .map(str::parse::<RenderMode>)
        .transpose()
        .map_err(|e| AppError::field("mode", e))?
        .unwrap_or_default();
    for (param, v) in [("offset_x", offset_x), ("offset_y", offset_y)] {
        if v.is_some_and(|v| !(-50.0..=50.0).contains(&v)) {
            return Err(AppError::field(param, "must be between -50 and 50 mm"));
        }
    }
    Ok(RenderOptions {
        mode,
        offset_x_mm: offset_x.unwrap_or(0.0),
        offset_y_mm: offset_y.unwrap_or(0.0),
        title: String::new(),
    })
}

impl CertificateQuery {
    fn options(&self) -> AppResult<RenderOptions> {
        render_options(self.mode.as_deref(), self.offset_x, self.offset_y)
    }

    /// The job, with the offset of the chosen printer if one was named.
    async fn job_for(&self, s: &AppState, conference_id: i32) -> AppResult<CertificateJob> {
        let mut job = self.job(s.public_url.clone())?;
        if let Some(printer) = self.printer {
            if self.offset_x.is_some() || self.offset_y.is_some() {
                return Err(AppError::field(
                    "printer",
                    "give either a printer or offset_x and offset_y, not both",
                ));
            }
            let p = crate::store::printer::offset(&s.db, conference_id, printer).await?;
            job.options.offset_x_mm = p.offset_x_mm as f32;
            job.options.offset_y_mm = p.offset_y_mm as f32;
        }
        Ok(job)
    }

    fn job(&self, public_url: String) -> AppResult<CertificateJob> {
        let layout = self
            .layout
            .as_deref()
            .map(str::parse::<CertificateKind>)
            .transpose()
            .map_err(|e| AppError::field("layout", e))?;
        Ok(CertificateJob {
            selection: Selection {
                decisions: ids("decision", &self.decision)?,
                issuers: ids("issuer", &self.issuer)?,
                recipients: ids("recipient", &self.recipient)?,
                search: self.q.as_deref().and_then(Selection::search_of),
                changed: self.changed.unwrap_or(false),
            },
            options: self.options()?,
            layout,
            public_url,
            limit: None,
        })
    }
}

pub fn pdf(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The certificates of a conference, one page per recipient in ceremony order; narrowed by
/// decision, issuer or recipient ids. Editors only; every print is in the audit log.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/certificates.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), CertificateQuery),
    responses(
        (status = 200, description = "The certificates", content_type = "application/pdf"),
        (status = 403, description = "Not an editor of the conference", body = Problem),
        (status = 422, description = "Nothing selected, or a text that cannot be printed (the message names it)", body = Problem),
    ))]
pub async fn conference_certificates(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<CertificateQuery>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    let job = q.job_for(&s, id).await?;
    let bytes = printed(&s, &actor, id, job).await?;
    Ok(pdf(bytes, &format!("khen-thuong-hoi-nghi-{id}.pdf")))
}

/// The certificates of `job` in one PDF, made while the request waits, within the
/// render limit.
async fn printed(
    s: &AppState,
    actor: &Actor,
    id: i32,
    mut job: service::print::CertificateJob,
) -> AppResult<Vec<u8>> {
    job.limit = Some(s.work.limit(Heavy::Render)?);
    let (bytes, _) =
        service::print::certificates(&s.db, s.layouts.clone(), actor, id, job, Vec::new(), |_| {})
            .await?;
    Ok(bytes)
}

/// One recipient's certificate.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/recipients/{rid}/certificate.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), ("rid" = i32, Path, description = "Recipient id"), CertificateQuery),
    responses(
        (status = 200, description = "The certificate", content_type = "application/pdf"),
        (status = 404, description = "No such recipient in the conference", body = Problem),
        (status = 422, description = "A text that cannot be printed (the message names it)", body = Problem),
    ))]
pub async fn recipient_certificate(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, rid)): AppPath<(i32, i32)>,
    AppQuery(q): AppQuery<CertificateQuery>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Write).await?;
    crate::store::resource::get::<crate::store::award::Recipients, _>(&s.db, id, rid).await?;
    let mut job = q.job_for(&s, id).await?;
    job.selection = Selection {
        recipients: vec![rid],
        ..Selection::default()
    };
    let bytes = printed(&s, &actor, id, job).await?;
    Ok(pdf(bytes, &format!("khen-thuong-{rid}.pdf")))
}

/// The calibration page of a layout: every field's box, shifted by the offset, so an office
/// can adjust its printer for pre-printed blanks.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/certificates/calibration.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), CertificateQuery),
    responses(
        (status = 200, description = "The calibration page", content_type = "application/pdf"),
        (status = 422, description = "Unknown layout or offset out of range", body = Problem),
    ))]
pub async fn calibration(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<CertificateQuery>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let job = q.job_for(&s, id).await?;
    let kind = job.layout.unwrap_or(CertificateKind::CertificateOfMerit);
    let layouts = service::layouts::for_printing(&s.db, &s.layouts, id, false).await?;
    let options = job.options;
    let bytes = s
        .work
        .run(Heavy::Render, move |_| {
            crate::print::render_calibration(layouts.get(kind), &options)
        })
        .await??;
    Ok(pdf(bytes, "can-chinh.pdf"))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(conference_certificates))
        .routes(routes!(recipient_certificate))
        .routes(routes!(calibration))
}
