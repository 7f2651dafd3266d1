//! The delegates (đại biểu) of a conference: the whole list in rank order, searched by name
//! with or without diacritics (the store's `AttendeeFilter`, as the API's `q`) and filtered
//! by category and attendance; adding, editing and deleting one. The list is one query
//! whatever its length.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use entity::attendee::{Column, Entity};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::form::translated;
use super::form::{self, Choices, Form, Kind, Spec, field};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render, render_with, see_other};
use super::records;
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::kinds::{Attendance, AttendeeCategory, Honorific};
use crate::error::AppError;
use crate::store::attendee::{AttendeeFilter, Attendees};
use crate::store::resource::{self, Resource};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/delegates", get(list).post(create))
        .route("/app/c/{id}/delegates/new", get(new_page))
        .route(
            "/app/c/{id}/delegates/{attendee}",
            get(edit_page).post(save),
        )
        .route("/app/c/{id}/delegates/{attendee}/delete", post(delete))
}

/// The fields of a delegate, as `AttendeeInput` names them.
const FIELDS: &[Spec] = &[
    field(
        "honorific",
        "delegates-field-honorific",
        Kind::Choice,
        false,
    ),
    field("full_name", "field-full-name", Kind::Text, true),
    field("position", "delegates-field-position", Kind::Text, false),
    field(
        "organisation",
        "delegates-field-organisation",
        Kind::Text,
        false,
    ),
    field("category", "field-category", Kind::Choice, true),
    field("rank", "field-rank", Kind::Number, false),
    field("seat", "delegates-field-seat", Kind::Text, false),
    field("contact", "delegates-field-contact", Kind::Text, false),
    field("attendance", "field-attendance", Kind::Choice, true),
];

/// "Đồng chí Nguyễn Văn Hùng": the name with its form of address in the page's language.
pub(super) fn named(tr: &Tr, honorific: Option<&str>, full_name: &str) -> String {
    match honorific {
        Some(h) => format!("{} {full_name}", tr.t(&format!("delegates-honorific-{h}"))),
        None => full_name.to_string(),
    }
}

fn choices(tr: &Tr) -> Choices {
    let mut choices = Choices::new();
    choices.insert(
        "honorific",
        translated::<Honorific>(tr, "delegates-honorific"),
    );
    choices.insert("category", translated::<AttendeeCategory>(tr, "category"));
    choices.insert("attendance", translated::<Attendance>(tr, "attendance"));
    choices
}

struct Row {
    id: i32,
    name: String,
    position: String,
    organisation: String,
    category: String,
    seat: String,
    attendance: String,
    here: bool,
}

/// The search and filters of the list, as the query string gives them.
#[derive(Debug, Default, serde::Deserialize)]
struct Search {
    #[serde(default)]
    q: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    attendance: String,
    /// The page after this key (rank.id).
    #[serde(default)]
    after: String,
}

#[derive(askama::Template)]
#[template(path = "web/delegates.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    /// "Showing 12 of 1,024 delegates".
    count: String,
    search: Search,
    categories: Vec<(String, String)>,
    attendances: Vec<(String, String)>,
    /// The next page's address, when there is one.
    next: Option<String>,
}

/// Delegates a list page shows at a time.
pub(super) const PAGE: u64 = 100;

/// Up to `limit` attendees the filter keeps, in rank order, from after `after` (rank, id):
/// one query, by key rather than offset; and how many the filter keeps in all.
pub(super) async fn matching(
    state: &AppState,
    id: i32,
    filter: &AttendeeFilter,
    after: Option<(i32, i32)>,
    limit: u64,
) -> Result<(Vec<entity::attendee::Model>, u64), AppError> {
    let select = Attendees::select(Entity::find().filter(Column::ConferenceId.eq(id)), filter);
    let total = select.clone().count(&state.db).await?;
    let mut page = select.cursor_by((Column::Rank, Column::Id));
    if let Some(key) = after {
        page.after(key);
    }
    Ok((page.first(limit).all(&state.db).await?, total))
}

/// A page's key from its address ("100.42"): after rank 100, id 42; anything else, none.
fn key(after: &str) -> Option<(i32, i32)> {
    let (rank, id) = after.split_once('.')?;
    Some((rank.parse().ok()?, id.parse().ok()?))
}

fn blank_to_none(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

async fn list(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Query(search): Query<Search>,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    let filter = AttendeeFilter {
        q: blank_to_none(&search.q),
        category: blank_to_none(&search.category),
        attendance: blank_to_none(&search.attendance),
    };
    let (mut found, total) = matching(&state, id, &filter, key(&search.after), PAGE + 1).await?;
    let next = (found.len() as u64 > PAGE).then(|| {
        found.truncate(PAGE as usize);
        let last = found.last().expect("a full page");
        let kept = [
            ("q", search.q.trim()),
            ("category", &search.category),
            ("attendance", &search.attendance),
        ];
        let base = format!("/app/c/{id}/delegates");
        super::page::page_after(&base, &kept, &format!("{}.{}", last.rank, last.id))
    });
    let tr = c.tr;
    let rows: Vec<Row> = found
        .into_iter()
        .map(|a| Row {
            id: a.id,
            name: named(&tr, a.honorific.as_deref(), &a.full_name),
            position: a.position.unwrap_or_default(),
            organisation: a.organisation.unwrap_or_default(),
            category: tr.t(&format!("category-{}", a.category)),
            seat: a.seat.unwrap_or_default(),
            here: a.checked_in_at.is_some() || a.attendance == Attendance::CheckedIn.code(),
            attendance: tr.t(&format!("attendance-{}", a.attendance)),
        })
        .collect();
    let count = tr.t2(
        "delegates-count",
        ("shown", tr.number(rows.len()).into()),
        ("total", tr.number(total).into()),
    );
    render(ListPage {
        count,
        rows,
        search,
        categories: translated::<AttendeeCategory>(&tr, "category"),
        attendances: translated::<Attendance>(&tr, "attendance"),
        next,
        c,
    })
}

#[derive(askama::Template)]
#[template(path = "web/delegate_form.html")]
struct EditPage {
    c: Chrome,
    form: Form,
    action: String,
    heading: String,
    /// The delegate being edited (for the delete form), none when adding.
    attendee: Option<i32>,
}

fn edit_view(c: Chrome, form: Form, attendee: Option<i32>, status: StatusCode) -> WebResult {
    let id = c.workspace().id;
    let (action, heading) = match attendee {
        Some(a) => (
            format!("/app/c/{id}/delegates/{a}"),
            c.tr.t("delegates-edit"),
        ),
        None => (format!("/app/c/{id}/delegates"), c.tr.t("delegates-new")),
    };
    render_with(
        status,
        EditPage {
            c,
            form,
            action,
            heading,
            attendee,
        },
    )
}

async fn new_page(State(state): State<AppState>, mut c: Chrome, Path(id): Path<i32>) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let defaults = json!({"category": "delegate", "attendance": "invited", "rank": 1000});
    let form = Form::new(&c.tr, FIELDS, &defaults, &choices(&c.tr));
    edit_view(c, form, None, StatusCode::OK)
}

/// The posted delegate as the JSON body the store takes. A delegate no longer marked as
/// checked in has no check-in time.
fn body(posted: &HashMap<String, String>) -> Result<Value, AppError> {
    let mut body = form::to_json(FIELDS, posted)?;
    super::agenda::blank_required_as_empty(FIELDS, &mut body);
    if body["attendance"] != Attendance::CheckedIn.code() {
        body["checked_in_at"] = Value::Null;
    }
    Ok(body)
}

async fn create(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body(&posted);
    // A delegate like one already there (the same name and unit, as people type them) is
    // added only when the form says it is someone else.
    if !form::repeat_confirmed(&posted) {
        let typed = |k: &str| posted.get(k).map(String::as_str).unwrap_or("");
        let stored = resource::all::<Attendees, _>(&state.db, id).await?;
        let like = stored.iter().find(|a| {
            crate::domain::text::same_person(
                (&a.full_name, a.organisation.as_deref().unwrap_or("")),
                (typed("full_name"), typed("organisation")),
            )
        });
        if let Some(a) = like {
            let form = Form::new(
                &c.tr,
                FIELDS,
                &form::posted_values(&posted),
                &choices(&c.tr),
            )
            .like(
                &a.full_name,
                a.organisation.as_deref(),
                format!("/app/c/{id}/delegates/{}", a.id),
            );
            return edit_view(c, form, None, StatusCode::CONFLICT);
        }
    }
    let saved = records::save::<Attendees>(&state, &c.actor, id, None, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/app/c/{id}/delegates"), "done-created")),
        Err(e) => {
            let form = Form::new(
                &c.tr,
                FIELDS,
                &form::posted_values(&posted),
                &choices(&c.tr),
            )
            .with_error(&c.tr, &e);
            edit_view(c, form, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn edit_page(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, attendee)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let m = resource::get::<Attendees, _>(&state.db, id, attendee).await?;
    let form =
        Form::new(&c.tr, FIELDS, &form::values_of(&m), &choices(&c.tr)).with_version(m.version);
    edit_view(c, form, Some(attendee), StatusCode::OK)
}

async fn save(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, attendee)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body(&posted);
    let at = Some(attendee);
    let saved = records::save::<Attendees>(&state, &c.actor, id, at, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/app/c/{id}/delegates"), "done-saved")),
        Err(e) => {
            let form = Form::new(
                &c.tr,
                FIELDS,
                &form::posted_values(&posted),
                &choices(&c.tr),
            );
            let (at, problems) = ((id, attendee), Form::with_error);
            let form = records::refill::<Attendees>(&state, &c.tr, form, &posted, &e, at, problems)
                .await?;
            edit_view(c, form, Some(attendee), StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn delete(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, attendee)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    records::delete::<Attendees>(&state, &c.actor, id, attendee).await?;
    Ok(see_other(&format!("/app/c/{id}/delegates"), "done-deleted"))
}
