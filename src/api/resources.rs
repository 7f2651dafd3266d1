//! The resources nested under a conference, each with list, create, read, update (JSON merge
//! patch) and delete, declared once by `nested_resource!`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::allow;
use super::extract::{AppJson, AppPath, AppQuery, IfMatch};
use super::versioned;
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::domain::input::{
    AgendaItemInput, AttendeeInput, DecisionInput, IssuerInput, PrinterInput, RecipientInput,
    SpeechInput,
};
use crate::error::{AppResult, Problem};
use crate::store::agenda::{self, Agenda, AgendaFilter};
use crate::store::attendee::{AttendeeFilter, Attendees};
use crate::store::award::{
    DecisionFilter, Decisions, Issuers, NoFilter, RecipientFilter, Recipients,
};
use crate::store::begin_write;
use crate::store::printer::Printers;
use crate::store::resource::{self, Page, Paging, Resource};
use crate::store::speech::{SpeechFilter, Speeches};
use entity::agenda_item::Model as AgendaItem;
use entity::attendee::Model as Attendee;
use entity::award_decision::Model as AwardDecision;
use entity::issuer::Model as Issuer;
use entity::printer::Model as Printer;
use entity::recipient::Model as Recipient;
use entity::speech::Model as Speech;

/// Declares the five handlers of a nested resource and their OpenAPI description.
macro_rules! nested_resource {
    ($module:ident, $res:ident, $model:ident, $input:ident, $filter:ident, $tag:tt, $collection:tt, $item:tt) => {
        pub mod $module {
            use super::*;

            #[utoipa::path(get, path = $collection, tag = $tag, operation_id = concat!("list_", stringify!($module)), summary = concat!("List a page of the ", $tag),
                params(("conference_id" = i32, Path, description = "Conference id"), Paging, $filter),
                responses(
                    (status = 200, description = "One page, in list order", body = Page<$model>),
                ))]
            pub async fn list(
                State(s): State<AppState>,
                actor: Actor,
                AppPath(conference_id): AppPath<i32>,
                AppQuery(paging): AppQuery<Paging>,
                AppQuery(filter): AppQuery<$filter>,
            ) -> AppResult<Json<Page<$model>>> {
                allow(&s, &actor, conference_id, Need::Read).await?;
                Ok(Json(resource::list::<$res, _>(&s.db, conference_id, paging, &filter).await?))
            }

            #[utoipa::path(post, path = $collection, tag = $tag, operation_id = concat!("create_", stringify!($module)), summary = concat!("Add to the ", $tag), request_body = $input,
                params(("conference_id" = i32, Path, description = "Conference id")),
                responses(
                    (status = 201, description = "Created; the ETag is its version", body = $model),
                    (status = 409, description = "Conflicts with existing data", body = Problem),
                ))]
            pub async fn create(
                State(s): State<AppState>,
                actor: Actor,
                AppPath(conference_id): AppPath<i32>,
                AppJson(body): AppJson<serde_json::Value>,
            ) -> AppResult<Response> {
                allow(&s, &actor, conference_id, Need::Write).await?;
                let txn = begin_write(&s.db).await?;
                let m = resource::create::<$res, _>(&txn, &actor, conference_id, body).await?;
                txn.commit().await?;
                Ok(versioned(StatusCode::CREATED, $res::version(&m), m))
            }

            #[utoipa::path(get, path = $item, tag = $tag, operation_id = concat!("read_", stringify!($module)), summary = concat!("Read one of the ", $tag),
                params(("conference_id" = i32, Path, description = "Conference id"), ("id" = i32, Path)),
                responses(
                    (status = 200, description = "Found; the ETag is its version", body = $model),
                    (status = 404, description = "Not in this conference", body = Problem),
                ))]
            pub async fn read(State(s): State<AppState>, actor: Actor, AppPath((conference_id, id)): AppPath<(i32, i32)>) -> AppResult<Response> {
                allow(&s, &actor, conference_id, Need::Read).await?;
                let m = resource::get::<$res, _>(&s.db, conference_id, id).await?;
                Ok(versioned(StatusCode::OK, $res::version(&m), m))
            }

            #[utoipa::path(patch, path = $item, tag = $tag, operation_id = concat!("update_", stringify!($module)), summary = concat!("Change one of (JSON merge patch) the ", $tag),
                request_body(content = $input, description = "JSON merge patch (RFC 7396): the fields to change; null clears an optional field"),
                params(("conference_id" = i32, Path, description = "Conference id"), ("id" = i32, Path),
                    ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 if it changed since")),
                responses(
                    (status = 200, description = "Updated; the ETag is the new version", body = $model),
                    (status = 404, description = "Not in this conference", body = Problem),
                    (status = 409, description = "Conflicts with existing data", body = Problem),
                ))]
            pub async fn update(
                State(s): State<AppState>,
                actor: Actor,
                AppPath((conference_id, id)): AppPath<(i32, i32)>,
                IfMatch(if_match): IfMatch,
                AppJson(patch): AppJson<serde_json::Value>,
            ) -> AppResult<Response> {
                allow(&s, &actor, conference_id, Need::Write).await?;
                let txn = begin_write(&s.db).await?;
                let m = resource::patch::<$res, _>(&txn, &actor, conference_id, id, patch, if_match).await?;
                txn.commit().await?;
                Ok(versioned(StatusCode::OK, $res::version(&m), m))
            }

            #[utoipa::path(delete, path = $item, tag = $tag, operation_id = concat!("remove_", stringify!($module)), summary = concat!("Delete one of the ", $tag),
                params(("conference_id" = i32, Path, description = "Conference id"), ("id" = i32, Path),
                    ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 if it changed since")),
                responses(
                    (status = 204, description = "Deleted"),
                    (status = 404, description = "Not in this conference", body = Problem),
                    (status = 409, description = "Still used by other records", body = Problem),
                ))]
            pub async fn remove(
                State(s): State<AppState>,
                actor: Actor,
                AppPath((conference_id, id)): AppPath<(i32, i32)>,
                IfMatch(if_match): IfMatch,
            ) -> AppResult<StatusCode> {
                allow(&s, &actor, conference_id, Need::Write).await?;
                let txn = begin_write(&s.db).await?;
                resource::delete::<$res, _>(&txn, &actor, conference_id, id, if_match).await?;
                txn.commit().await?;
                Ok(StatusCode::NO_CONTENT)
            }

            pub fn router() -> OpenApiRouter<AppState> {
                OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(read, update, remove))
            }
        }
    };
}

nested_resource!(
    agenda_items,
    Agenda,
    AgendaItem,
    AgendaItemInput,
    AgendaFilter,
    "agenda",
    "/api/v1/conferences/{conference_id}/agenda",
    "/api/v1/conferences/{conference_id}/agenda/{id}"
);
nested_resource!(
    attendees,
    Attendees,
    Attendee,
    AttendeeInput,
    AttendeeFilter,
    "attendees",
    "/api/v1/conferences/{conference_id}/attendees",
    "/api/v1/conferences/{conference_id}/attendees/{id}"
);
nested_resource!(
    speeches,
    Speeches,
    Speech,
    SpeechInput,
    SpeechFilter,
    "speeches",
    "/api/v1/conferences/{conference_id}/speeches",
    "/api/v1/conferences/{conference_id}/speeches/{id}"
);
nested_resource!(
    issuers,
    Issuers,
    Issuer,
    IssuerInput,
    NoFilter,
    "issuers",
    "/api/v1/conferences/{conference_id}/issuers",
    "/api/v1/conferences/{conference_id}/issuers/{id}"
);
nested_resource!(
    decisions,
    Decisions,
    AwardDecision,
    DecisionInput,
    DecisionFilter,
    "decisions",
    "/api/v1/conferences/{conference_id}/decisions",
    "/api/v1/conferences/{conference_id}/decisions/{id}"
);
nested_resource!(
    recipients,
    Recipients,
    Recipient,
    RecipientInput,
    RecipientFilter,
    "recipients",
    "/api/v1/conferences/{conference_id}/recipients",
    "/api/v1/conferences/{conference_id}/recipients/{id}"
);

nested_resource!(
    printers,
    Printers,
    Printer,
    PrinterInput,
    NoFilter,
    "printers",
    "/api/v1/conferences/{conference_id}/printers",
    "/api/v1/conferences/{conference_id}/printers/{id}"
);

/// The new order of the agenda: every item's id, once.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reorder {
    pub ids: Vec<i32>,
}

/// Put the agenda in a new order.
#[utoipa::path(post, path = "/api/v1/conferences/{conference_id}/agenda/reorder", tag = "agenda",
    request_body = Reorder,
    params(("conference_id" = i32, Path, description = "Conference id")),
    responses(
        (status = 200, description = "The agenda in its new order", body = Vec<AgendaItem>),
        (status = 422, description = "The ids are not every item once", body = Problem),
    ))]
pub async fn reorder(
    State(s): State<AppState>,
    actor: Actor,
    AppPath(conference_id): AppPath<i32>,
    AppJson(body): AppJson<Reorder>,
) -> AppResult<Json<Vec<AgendaItem>>> {
    allow(&s, &actor, conference_id, Need::Write).await?;
    Ok(Json(
        agenda::reorder(&s.db, &actor, conference_id, &body.ids).await?,
    ))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reorder))
        .merge(agenda_items::router())
        .merge(attendees::router())
        .merge(speeches::router())
        .merge(issuers::router())
        .merge(decisions::router())
        .merge(recipients::router())
        .merge(printers::router())
}
