//! The delegates (đại biểu) of a conference: the whole list in rank order, searched by name
//! with or without diacritics (the store's `AttendeeFilter`, as the API's `q`) and filtered
//! by category and attendance; adding, editing and deleting one. The list is one query
//! whatever its length.

use axum::Router;
use axum::extract::{self};
use axum::routing::get;
use serde_json::{Value, json};

use super::form::spec::{choice, number, text};
use super::form::translated;
use super::form::{Choices, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render};
use super::page::{In, Reads};
use super::records::{self, Keys, Like, Query, RecordPage, Words};
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::kinds::{Attendance, AttendeeCategory, Honorific};
use crate::error::AppError;
use crate::store::attendee::{self, AttendeeFilter, Attendees};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/delegates", get(list))
        .merge(records::routes::<DelegatePage>())
}

/// The fields of a delegate, as `AttendeeInput` names them.
const FIELDS: &[Spec] = &[
    choice("honorific", "delegates-field-honorific"),
    text("full_name", "field-full-name").required(),
    text("position", "delegates-field-position"),
    text("organisation", "delegates-field-organisation"),
    choice("category", "field-category").required(),
    number("rank", "field-rank"),
    text("seat", "delegates-field-seat"),
    text("contact", "delegates-field-contact"),
    choice("attendance", "field-attendance").required(),
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

fn blank_to_none(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

async fn list(
    In { state, c, id, .. }: In<Reads>,
    extract::Query(search): extract::Query<Search>,
) -> WebResult {
    let filter = AttendeeFilter {
        q: blank_to_none(&search.q),
        category: blank_to_none(&search.category).and_then(|c| AttendeeCategory::from_code(&c)),
        attendance: blank_to_none(&search.attendance).and_then(|a| Attendance::from_code(&a)),
    };
    let after = attendee::key(&search.after);
    let (mut found, total) = attendee::page(&state.db, id, &filter, after, PAGE + 1).await?;
    let next = (found.len() as u64 > PAGE).then(|| {
        found.truncate(PAGE as usize);
        let last = found.last().expect("a full page");
        let kept = [
            ("q", search.q.trim()),
            ("category", &search.category),
            ("attendance", &search.attendance),
        ];
        let base = format!("/app/c/{id}/delegates");
        super::page::page_after(&base, &kept, Some(&format!("{}.{}", last.rank, last.id)))
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

/// A delegate's pages: added and edited by editors.
pub struct DelegatePage;

impl RecordPage for DelegatePage {
    type R = Attendees;
    const ROUTE: &'static str = "/app/c/{id}/delegates";
    const KEY: &'static str = "{attendee}";
    const FIELDS: &'static [Spec] = FIELDS;
    const WORDS: Words = Words::new("delegates-new", "delegates-edit", "delegates-back").delete(
        "delegates-delete",
        None,
        "delegates-delete-confirm",
    );
    const READ: Need = Need::Write;

    fn after(keys: &Keys, _: Option<&entity::attendee::Model>) -> String {
        records::base::<Self>(keys)
    }

    async fn choices(_: &AppState, tr: &Tr, _: &Keys) -> Result<Choices, AppError> {
        Ok(choices(tr))
    }

    async fn defaults(_: &AppState, _: &Keys, _: &Query) -> Result<Value, AppError> {
        Ok(json!({"category": "delegate", "attendance": "invited", "rank": 1000}))
    }

    /// A delegate no longer marked as checked in has no check-in time.
    async fn body(_: &AppState, _: &Keys, posted: &Query, new: bool) -> Result<Value, AppError> {
        let mut body = records::form_body::<Attendees>(FIELDS, posted, new)?;
        if body["attendance"] != Attendance::CheckedIn.code() {
            body["checked_in_at"] = Value::Null;
        }
        Ok(body)
    }

    /// One with the same name and unit, as people type them.
    async fn like(state: &AppState, keys: &Keys, posted: &Query) -> Result<Like, AppError> {
        let fields = ("full_name", "organisation");
        let found =
            records::same_person::<Attendees>(state, keys.conference, posted, fields, |a| {
                Some((&a.full_name, a.organisation.as_deref().unwrap_or("")))
            })
            .await?;
        Ok(found.map(|a| {
            let link = format!("{}/{}", records::base::<Self>(keys), a.id);
            (a.full_name, a.organisation, link)
        }))
    }
}
