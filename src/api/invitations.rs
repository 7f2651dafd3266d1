//! Invitations (giấy mời) with their check-in codes: the invitations and their envelope
//! labels as PDF, check-in by the code printed on the invitation, and a new code for a lost
//! invitation.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::certificates::pdf;
use super::extract::{AppJson, AppPath, AppQuery};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::error::{AppError, AppResult, Problem};
use crate::service;
use crate::service::checkin::CodeCheckin;
use crate::service::print::InvitationSelection;
use entity::attendee::Model as AttendeeRow;

/// Whom to invite. Without either, every delegate but the staff, in rank order.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvitationQuery {
    /// Only these categories, comma-separated: `leader,guest`.
    pub category: Option<String>,
    /// Only these attendees, by id, comma-separated: `1,2`.
    #[param(schema_with = super::contract::id_list_schema)]
    pub attendee: Option<String>,
}

impl InvitationQuery {
    fn selection(&self) -> AppResult<InvitationSelection> {
        let list = |v: &Option<String>| -> Vec<String> {
            v.as_deref()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let attendees = super::contract::id_list("attendee", self.attendee.as_deref())?;
        if attendees.len() > 10_000 {
            return Err(AppError::field("attendee", "at most 10000 ids"));
        }
        Ok(InvitationSelection {
            categories: list(&self.category),
            attendees,
        })
    }
}

async fn render(
    s: &AppState,
    actor: &Actor,
    id: i32,
    q: &InvitationQuery,
    labels: bool,
) -> AppResult<Response> {
    allow(s, actor, id, Need::Read).await?;
    let selection = q.selection()?;
    let (bytes, _) =
        service::print::invitations(&s.db, &s.work, actor, id, &selection, labels).await?;
    let name = if labels {
        "invitation-labels"
    } else {
        "invitations"
    };
    Ok(pdf(bytes, &format!("{name}-hoi-nghi-{id}.pdf")))
}

/// The invitations (giấy mời), one A4 page per delegate in rank order, each with the
/// delegate's check-in QR code.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/invitations.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), InvitationQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 422, description = "An unknown category or id, or a text that cannot be printed (the message names it)", body = Problem),
    ))]
pub async fn invitations_pdf(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<InvitationQuery>,
) -> AppResult<Response> {
    render(&s, &actor, id, &q, false).await
}

/// Envelope labels for the invitations, on an A4 sheet of 2 × 7 labels of 99.1 × 38.1 mm,
/// in rank order.
#[utoipa::path(get, path = "/api/v1/conferences/{id}/invitation-labels.pdf", tag = "printouts",
    params(("id" = i32, Path, description = "Conference id"), InvitationQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 422, description = "An unknown category or id, or a text that cannot be printed", body = Problem),
    ))]
pub async fn invitation_labels_pdf(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppQuery(q): AppQuery<InvitationQuery>,
) -> AppResult<Response> {
    render(&s, &actor, id, &q, true).await
}

/// A code read from an invitation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    /// As printed or scanned; any case, dashes and spaces ignored.
    pub code: String,
}

/// The delegate a code named.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedDelegate {
    pub id: i32,
    pub honorific: Option<String>,
    pub full_name: String,
    pub position: Option<String>,
    pub organisation: Option<String>,
    pub version: i32,
}

/// The answer to a code: `outcome` says what happened. For `already_checked_in`,
/// `other_conference` and `unknown_code` it is a problem document (RFC 9457) with these
/// members added.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeAnswer {
    /// `urn:hoinghi:checkin:checked-in`, `urn:hoinghi:problem:checkin-already`,
    /// `urn:hoinghi:problem:checkin-other-conference`, `urn:hoinghi:problem:checkin-unknown-code`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    /// What to tell the person at the door.
    pub detail: String,
    /// `checked_in`, `already_checked_in`, `other_conference`, `unknown_code`.
    pub outcome: &'static str,
    /// The delegate, when the code is one of this conference.
    pub attendee: Option<CheckedDelegate>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

fn delegate(a: &AttendeeRow) -> CheckedDelegate {
    CheckedDelegate {
        id: a.id,
        honorific: a.honorific.clone(),
        full_name: a.full_name.clone(),
        position: a.position.clone(),
        organisation: a.organisation.clone(),
        version: a.version,
    }
}

impl CodeAnswer {
    pub fn of(outcome: &CodeCheckin) -> CodeAnswer {
        match outcome {
            CodeCheckin::CheckedIn(a) => CodeAnswer {
                kind: "urn:hoinghi:checkin:checked-in",
                title: "Checked in",
                status: 200,
                detail: format!("{} is checked in.", a.full_name),
                outcome: "checked_in",
                attendee: Some(delegate(a)),
                checked_in_at: a.checked_in_at,
            },
            CodeCheckin::Already(a) => CodeAnswer {
                kind: "urn:hoinghi:problem:checkin-already",
                title: "Already checked in",
                status: 409,
                detail: match a.checked_in_at {
                    Some(at) => format!(
                        "{} was checked in already, at {}; this code has been used.",
                        a.full_name,
                        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                    None => format!(
                        "{} was checked in already; this code has been used.",
                        a.full_name
                    ),
                },
                outcome: "already_checked_in",
                attendee: Some(delegate(a)),
                checked_in_at: a.checked_in_at,
            },
            CodeCheckin::OtherConference => CodeAnswer {
                kind: "urn:hoinghi:problem:checkin-other-conference",
                title: "The code is of another conference",
                status: 422,
                detail: "This invitation is for another conference; nobody was checked in."
                    .into(),
                outcome: "other_conference",
                attendee: None,
                checked_in_at: None,
            },
            CodeCheckin::Unknown => CodeAnswer {
                kind: "urn:hoinghi:problem:checkin-unknown-code",
                title: "Unknown check-in code",
                status: 404,
                detail: "No invitation has this code: check what was typed, or the invitation may be forged; nobody was checked in.".into(),
                outcome: "unknown_code",
                attendee: None,
                checked_in_at: None,
            },
        }
    }
}

impl IntoResponse for CodeAnswer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let content_type = if status.is_success() {
            "application/json"
        } else {
            "application/problem+json"
        };
        (status, [(header::CONTENT_TYPE, content_type)], Json(self)).into_response()
    }
}

super::contract::any_of!(
    /// A check-in's answer, or a problem with the request (an unknown conference, a field).
    CodeOrProblem: CodeAnswer, Problem
);

/// Check a delegate in by the code on their invitation (typed or scanned), exactly once.
#[utoipa::path(post, path = "/api/v1/conferences/{id}/checkin/code", tag = "attendees",
    params(("id" = i32, Path, description = "Conference id")),
    request_body = CodeBody,
    responses(
        (status = 200, description = "Checked in now", body = CodeAnswer),
        (status = 409, description = "Checked in already (the code was used): when, and who", body = CodeAnswer, content_type = "application/problem+json"),
        (status = 422, description = "A code of another conference (a `CodeAnswer`), or an invalid field (a `Problem`)", body = CodeOrProblem, content_type = "application/problem+json"),
        (status = 404, description = "No invitation has this code, mistyped or forged (a `CodeAnswer`), or no such conference (a `Problem`)", body = CodeOrProblem, content_type = "application/problem+json"),
        (status = 403, description = "Viewers cannot check in", body = Problem),
    ))]
pub async fn checkin_by_code(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<i32>,
    AppJson(body): AppJson<CodeBody>,
) -> AppResult<CodeAnswer> {
    allow(&s, &actor, id, Need::Write).await?;
    let outcome = service::checkin::check_in_by_code(&s.db, &actor, id, &body.code).await?;
    Ok(CodeAnswer::of(&outcome))
}

/// The delegate's new check-in code.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewCode {
    pub attendee_id: i32,
    pub checkin_code: String,
    /// The attendee's version after the change (its new ETag).
    pub version: i32,
}

/// Give a delegate a new check-in code (a lost or misprinted invitation): the old code
/// stops working; print the invitation again. Audited.
#[utoipa::path(post, path = "/api/v1/conferences/{conference_id}/attendees/{id}/checkin-code", tag = "attendees",
    params(("conference_id" = i32, Path, description = "Conference id"), ("id" = i32, Path, description = "Attendee id")),
    responses(
        (status = 200, description = "The new code", body = NewCode),
        (status = 403, description = "Viewers cannot change codes", body = Problem),
        (status = 404, description = "No such attendee in this conference", body = Problem),
    ))]
pub async fn regenerate_code(
    State(s): State<AppState>,
    actor: Actor,
    AppPath((conference_id, id)): AppPath<(i32, i32)>,
) -> AppResult<Response> {
    allow(&s, &actor, conference_id, Need::Write).await?;
    let m = service::checkin::regenerate_code(&s.db, &actor, conference_id, id).await?;
    Ok(super::versioned(
        StatusCode::OK,
        m.version,
        NewCode {
            attendee_id: m.id,
            checkin_code: m.checkin_code.unwrap_or_default(),
            version: m.version,
        },
    ))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invitations_pdf))
        .routes(routes!(invitation_labels_pdf))
        .routes(routes!(checkin_by_code))
        .routes(routes!(regenerate_code))
}
