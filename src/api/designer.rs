//! The certificate designer's questions to the print engine: a preview of one recipient's
//! certificate with the layout being edited, and the check of every recipient. Both read
//! only, so viewers may ask them; the layout in the body is not saved.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppJson, AppPath};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppResult, Problem};
use crate::print::CertificateKind;
use crate::print::layout::LayoutFile;
use crate::service::designer::{Checked, Previewed, Question, Timed};
use crate::service::layouts::kind;

/// What to preview or check.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignerAsk {
    /// The layout being edited, in the JSON form of `GET …/layouts/{kind}`; absent: the
    /// current saved layout.
    pub layout: Option<LayoutFile>,
    /// The recipient to show (default: the longest name printed with this layout).
    pub recipient: Option<i32>,
    /// "full" (plain paper, default) or "blank" (pre-printed blanks: fields only).
    #[schema(value_type = Option<crate::print::RenderMode>, inline)]
    pub mode: Option<String>,
    /// Printer offset in mm for blank mode, −50 to 50.
    #[schema(minimum = -50.0, maximum = 50.0)]
    pub offset_x: Option<f32>,
    #[schema(minimum = -50.0, maximum = 50.0)]
    pub offset_y: Option<f32>,
}

impl DesignerAsk {
    /// The service's question about conference `id`'s layout of kind `k`, and the
    /// recipient to show.
    fn question(self, id: i32, k: &str) -> AppResult<(Question, Option<i32>)> {
        let options = super::certificates::render_options(
            self.mode.as_deref(),
            self.offset_x,
            self.offset_y,
        )?;
        let question = Question {
            conference_id: id,
            kind: kind(k)?,
            edited: self.layout,
            options,
        };
        Ok((question, self.recipient))
    }
}

/// One recipient's certificate with this layout, drawn as SVG (in mm; its text in the
/// font family `hoinghi-serif`) by the print engine, and what fitting did to every text.
#[utoipa::path(post, path = "/api/v1/conferences/{id}/layouts/{kind}/preview", tag = "layouts", operation_id = "preview_layout",
    request_body = DesignerAsk,
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses(
        (status = 200, description = "`{svg, report: [{element, text, outcome, size, min_size, set_size, lines, max_lines, problem, message, missing_glyphs}], recipient, server_ms}`", body = Object),
        (status = 422, description = "The layout cannot be used, or the recipient is not printed with it (the message says)", body = Problem),
    ))]
pub async fn preview(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, k)): AppPath<(i32, String)>,
    AppJson(ask): AppJson<DesignerAsk>,
) -> AppResult<Json<Timed<Previewed>>> {
    allow(&s, &actor, id, Need::Read).await?;
    let (question, recipient) = ask.question(id, &k)?;
    let previewed = question.preview(&s.db, s.printer(), recipient);
    Ok(Json(Timed::of(previewed).await?))
}

/// Every recipient printed with this layout, fitted: the texts that shrink below their
/// minimum, need more lines than allowed or have characters the font lacks, and the
/// certificates that cannot be made at all.
#[utoipa::path(post, path = "/api/v1/conferences/{id}/layouts/{kind}/check", tag = "layouts", operation_id = "check_layout",
    request_body = DesignerAsk,
    params(("id" = i32, Path, description = "Conference id"), ("kind" = inline(CertificateKind), Path, description = "bang_khen, giay_khen or danh_hieu")),
    responses(
        (status = 200, description = "`{checked, findings: [{recipient_id, recipient, element, problem, message}], server_ms}`", body = Object),
        (status = 422, description = "The layout cannot be used (the message names the element)", body = Problem),
    ))]
pub async fn check(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((id, k)): AppPath<(i32, String)>,
    AppJson(ask): AppJson<DesignerAsk>,
) -> AppResult<Json<Timed<Checked>>> {
    allow(&s, &actor, id, Need::Read).await?;
    let (question, _) = ask.question(id, &k)?;
    let checked = question.check(&s.db, s.printer());
    Ok(Json(Timed::of(checked).await?))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(preview))
        .routes(routes!(check))
}
