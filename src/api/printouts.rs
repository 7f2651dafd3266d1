//! The conference's printouts other than certificates as PDF — programme, delegate list, sign-in sheet, place
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
use crate::service::print::Printout;
use crate::store::programme::{self, Report};

/// The order of a delegate list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrintoutQuery {
    /// `rank` (order of introduction) or `alphabetical` (Vietnamese order, by given name).
    /// Default: rank for the delegate list, alphabetical for the sign-in sheet.
    #[param(value_type = Option<crate::print::ListOrder>, inline)]
    pub order: Option<String>,
    /// The programme only: `true` prints it as a signed document (number, signer, "Nơi
    /// nhận"); by default it is the programme handed out, without them.
    pub document: Option<bool>,
}

async fn render(
    s: &AppState,
    actor: &Actor,
    id: i32,
    which: Printout,
    q: &PrintoutQuery,
) -> AppResult<Response> {
    allow(s, actor, id, which.need()).await?;
    let order = q
        .order
        .as_deref()
        .map(str::parse::<ListOrder>)
        .transpose()
        .map_err(|e| AppError::field("order", e))?;
    let options = service::print::PrintoutOptions {
        order,
        document: q.document.unwrap_or(false),
    };
    let (bytes, _) = service::print::printout(&s.db, &s.work, actor, id, which, options).await?;
    Ok(pdf(bytes, &format!("{}-hoi-nghi-{id}.pdf", which.name())))
}

/// Declares the route of one printout with its OpenAPI description.
macro_rules! printout_route {
    ($name:ident, $printout:expr, $path:tt, $summary:tt) => {
        #[utoipa::path(get, path = $path, tag = "printouts", summary = $summary,
            params(("id" = i32, Path, description = "Conference id"), PrintoutQuery),
            responses(
                (status = 200, description = "The PDF", content_type = "application/pdf"),
                (status = 422, description = "A text that cannot be printed (the message names it)", body = Problem),
            ))]
        pub async fn $name(
            State(s): State<AppState>,
            actor: Actor,
            AppPath(id): AppPath<i32>,
            AppQuery(q): AppQuery<PrintoutQuery>,
        ) -> AppResult<Response> {
            render(&s, &actor, id, $printout, &q).await
        }
    };
}

printout_route!(
    programme_pdf,
    Printout::Programme,
    "/api/v1/conferences/{id}/programme.pdf",
    "The programme (chương trình hội nghị); public when published"
);
printout_route!(
    attendees_pdf,
    Printout::Attendees,
    "/api/v1/conferences/{id}/attendees.pdf",
    "The delegate list (danh sách đại biểu)"
);
printout_route!(
    sign_in_pdf,
    Printout::SignIn,
    "/api/v1/conferences/{id}/sign-in.pdf",
    "The sign-in sheet, with a column to sign"
);
printout_route!(
    place_cards_pdf,
    Printout::PlaceCards,
    "/api/v1/conferences/{id}/place-cards.pdf",
    "Tent cards, one per seated delegate"
);
printout_route!(
    roster_pdf,
    Printout::Roster,
    "/api/v1/conferences/{id}/roster.pdf",
    "The award roster (danh sách khen thưởng), in ceremony order"
);
printout_route!(
    script_pdf,
    Printout::Script,
    "/api/v1/conferences/{id}/script.pdf",
    "The MC's script (kịch bản dẫn chương trình)"
);

printout_route!(
    slides_pdf,
    Printout::Slides,
    "/api/v1/conferences/{id}/slides.pdf",
    "The hall's screen as 16:9 slides (one page a slide, the absent left out), for a hall with no network"
);

/// The MC's script as plain text.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/script.txt", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The script", content_type = "text/plain"),
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
        .routes(routes!(slides_pdf))
        .routes(routes!(report))
}
