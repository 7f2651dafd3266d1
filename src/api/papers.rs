//! The conference's other papers as PDF — programme, delegate list, sign-in sheet, place
//! cards, award roster, MC script — and the MC script as text and the report paragraph.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::certificates::pdf;
use super::extract::{AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::print::ListOrder;
use crate::service;
use crate::service::print::Paper;
use crate::store::programme::{self, Report};

/// The order of a delegate list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaperQuery {
    /// `rank` (order of introduction) or `alphabetical` (Vietnamese order, by given name).
    /// Default: rank for the delegate list, alphabetical for the sign-in sheet.
    pub order: Option<String>,
}

async fn render(
    s: &AppState,
    actor: &Actor,
    id: i32,
    which: Paper,
    q: &PaperQuery,
) -> AppResult<Response> {
    allow(s, actor, id, which.need()).await?;
    let order = match q.order.as_deref().map(str::trim) {
        None => None,
        Some("rank") => Some(ListOrder::Rank),
        Some("alphabetical") => Some(ListOrder::Alphabetical),
        Some(other) => {
            return Err(AppError::field(
                "order",
                format!("'{other}' is not one of: rank, alphabetical"),
            ));
        }
    };
    let (bytes, _) = service::print::paper(&s.db, actor, id, which, order).await?;
    Ok(pdf(bytes, &format!("{}-hoi-nghi-{id}.pdf", which.name())))
}

/// Declares the route of one paper with its OpenAPI description.
macro_rules! paper_route {
    ($name:ident, $paper:expr, $path:tt, $summary:tt) => {
        #[utoipa::path(get, path = $path, tag = "printouts", summary = $summary,
            params(("id" = i32, Path, description = "Conference id"), PaperQuery),
            responses(
                (status = 200, description = "The PDF", content_type = "application/pdf"),
                (status = 401, description = "Sign-in required", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "A text that cannot be printed (the message names it)", body = Problem, content_type = "application/problem+json"),
            ))]
        pub async fn $name(
            State(s): State<AppState>,
            actor: Actor,
            AppPath(id): AppPath<i32>,
            AppQuery(q): AppQuery<PaperQuery>,
        ) -> AppResult<Response> {
            render(&s, &actor, id, $paper, &q).await
        }
    };
}

paper_route!(
    programme_pdf,
    Paper::Programme,
    "/api/v1/conferences/{id}/programme.pdf",
    "The programme (chương trình hội nghị); public when published"
);
paper_route!(
    attendees_pdf,
    Paper::Attendees,
    "/api/v1/conferences/{id}/attendees.pdf",
    "The delegate list (danh sách đại biểu)"
);
paper_route!(
    sign_in_pdf,
    Paper::SignIn,
    "/api/v1/conferences/{id}/sign-in.pdf",
    "The sign-in sheet, with a column to sign"
);
paper_route!(
    place_cards_pdf,
    Paper::PlaceCards,
    "/api/v1/conferences/{id}/place-cards.pdf",
    "Tent cards, one per seated delegate"
);
paper_route!(
    roster_pdf,
    Paper::Roster,
    "/api/v1/conferences/{id}/roster.pdf",
    "The award roster (danh sách khen thưởng), in ceremony order"
);
paper_route!(
    script_pdf,
    Paper::Script,
    "/api/v1/conferences/{id}/script.pdf",
    "The MC's script (kịch bản dẫn chương trình)"
);

/// The MC's script as plain text.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/script.txt", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The script", content_type = "text/plain"),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn script_txt(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Response> {
    allow(&s, &actor, id, Need::Read).await?;
    let text = service::print::script_text(&s.db, id).await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}

/// The paragraph a press report prints about the awards.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/report", tag = "programme",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The paragraph", body = Report),
        (status = 404, description = "No such conference", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
) -> AppResult<Json<Report>> {
    allow(&s, &actor, id, Need::PublicRead).await?;
    Ok(Json(programme::report(&s.db, id).await?))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(programme_pdf))
        .routes(routes!(attendees_pdf))
        .routes(routes!(sign_in_pdf))
        .routes(routes!(place_cards_pdf))
        .routes(routes!(roster_pdf))
        .routes(routes!(script_pdf))
        .routes(routes!(script_txt))
        .routes(routes!(report))
}
