//! Check-in on the day, on a phone: search a name (with or without diacritics), tap to check
//! a delegate in, tap again to undo; the counts "arrived / expected" on top. With htmx a tap
//! swaps only that row and the counts; without JavaScript it is a plain POST that comes back
//! to the same search. A check-in is the API's: a merge patch of the attendee (attendance
//! `checked_in`, the time set by the domain), audited by the store.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use entity::attendee::Model;
use serde_json::json;

use super::delegates::named;
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render, render_with, time_zone};
use super::page::{In, Reads, Writes};
use crate::app::AppState;
use crate::domain::kinds::Attendance;
use crate::error::AppError;
use crate::service::checkin::{CodeCheckin, is_here};
use crate::store::attendee::{self, AttendeeFilter, Attendees};
use crate::store::begin_write;
use crate::store::resource;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/checkin", get(page))
        .route("/app/c/{id}/checkin/code", post(by_code))
        .route("/app/c/{id}/checkin/{attendee}", post(tap))
}

/// At most this many delegates are listed; more words of the name narrow the search.
const SHOWN: usize = 100;

/// One delegate as the check-in list shows it.
pub struct Row {
    id: i32,
    name: String,
    detail: String,
    here: bool,
    /// "07h42", when checked in.
    at: String,
    declined: bool,
}

fn row(tr: &Tr, tz: chrono_tz::Tz, a: &Model) -> Row {
    let detail = [a.position.as_deref(), a.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    Row {
        id: a.id,
        name: named(tr, a.honorific.as_deref(), &a.full_name),
        detail,
        here: is_here(a),
        at: a
            .checked_in_at
            .map(|t| tr.time(&t.with_timezone(&tz).time()))
            .unwrap_or_default(),
        declined: a.attendance == Attendance::Declined.code(),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct Search {
    #[serde(default)]
    q: String,
}

#[derive(askama::Template)]
#[template(path = "web/checkin.html")]
struct Page {
    c: Chrome,
    q: String,
    rows: Vec<Row>,
    /// How many were found (and how many are shown).
    found: String,
    arrived: u64,
    expected: u64,
    /// The counts replace the page's own (htmx out-of-band swap): only in a tap's answer.
    oob: bool,
    /// The answer to a code typed or scanned, when the page answers one.
    answer: Option<CodeAnswer>,
}

/// What the page says about a code: green when a delegate was checked in now, red
/// otherwise, with the delegate's name when the code is one of this conference.
pub struct CodeAnswer {
    ok: bool,
    message: String,
    name: String,
    detail: String,
    /// The delegate to offer the undo for.
    undo: Option<i32>,
}

impl CodeAnswer {
    fn of(tr: &Tr, tz: chrono_tz::Tz, outcome: &CodeCheckin) -> CodeAnswer {
        let at = |a: &Model| {
            a.checked_in_at
                .map(|t| tr.time(&t.with_timezone(&tz).time()))
                .unwrap_or_default()
        };
        let person = |a: &Model, ok: bool, key: &str| {
            let r = row(tr, tz, a);
            CodeAnswer {
                ok,
                message: tr.t1(key, "time", at(a)),
                name: r.name,
                detail: r.detail,
                undo: Some(a.id),
            }
        };
        let refused = |key: &str| CodeAnswer {
            ok: false,
            message: tr.t(key),
            name: String::new(),
            detail: String::new(),
            undo: None,
        };
        match outcome {
            CodeCheckin::CheckedIn(a) => person(a, true, "checkin-code-ok"),
            CodeCheckin::Already(a) => person(a, false, "checkin-code-already"),
            CodeCheckin::OtherConference => refused("checkin-code-other"),
            CodeCheckin::Unknown => refused("checkin-code-unknown"),
        }
    }
}

async fn page(In { state, c, id, .. }: In<Reads>, Query(search): Query<Search>) -> WebResult {
    let tz = time_zone(&state, id).await?;
    let q = search.q.trim().to_string();
    let filter = AttendeeFilter {
        q: (!q.is_empty()).then(|| q.clone()),
        ..AttendeeFilter::default()
    };
    let (found, total) = attendee::page(&state.db, id, &filter, None, SHOWN as u64).await?;
    let (arrived, expected) = attendee::arrived_and_expected(&state.db, id).await?;
    let rows: Vec<Row> = found.iter().map(|a| row(&c.tr, tz, a)).collect();
    let tr = c.tr;
    let found = if total > rows.len() as u64 {
        tr.t2(
            "checkin-shown",
            ("shown", tr.number(rows.len()).into()),
            ("found", tr.number(total).into()),
        )
    } else {
        tr.t1("checkin-found", "count", rows.len())
    };
    render(Page {
        c,
        q,
        rows,
        found,
        arrived,
        expected,
        oob: false,
        answer: None,
    })
}

/// What an htmx post of a code answers: the answer and, out of band, the counts.
#[derive(askama::Template)]
#[template(path = "web/checkin_code_answer.html")]
struct CodeSwap {
    c: Chrome,
    answer: Option<CodeAnswer>,
    arrived: u64,
    expected: u64,
    oob: bool,
}

/// Check a delegate in by the code on the invitation, typed or scanned (`code=`). The
/// answer comes on the page itself (green or red, with the name and undo), or to htmx as
/// the answer alone.
async fn by_code(
    In { state, c, id, .. }: In<Writes>,
    headers: HeaderMap,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let typed = posted.get("code").map(String::as_str).unwrap_or("");
    let outcome = crate::service::checkin::check_in_by_code(&state.db, &c.actor, id, typed).await?;
    let tz = time_zone(&state, id).await?;
    let answer = Some(CodeAnswer::of(&c.tr, tz, &outcome));
    let (arrived, expected) = attendee::arrived_and_expected(&state.db, id).await?;
    if headers.contains_key("hx-request") {
        return render_with(
            StatusCode::OK,
            CodeSwap {
                c,
                answer,
                arrived,
                expected,
                oob: true,
            },
        );
    }
    render(Page {
        c,
        q: String::new(),
        rows: Vec::new(),
        found: String::new(),
        arrived,
        expected,
        oob: false,
        answer,
    })
}

/// What a tap answers to htmx: the row and, out of band, the counts.
#[derive(askama::Template)]
#[template(path = "web/checkin_row.html")]
struct Swap {
    c: Chrome,
    q: String,
    r: Row,
    arrived: u64,
    expected: u64,
    oob: bool,
}

/// Check a delegate in (`do=in`) or undo it (`do=out`).
async fn tap(
    In { state, c, id, .. }: In<Writes>,
    headers: HeaderMap,
    Path((_, attendee)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let arrive = match posted.get("do").map(String::as_str) {
        Some("in") => true,
        Some("out") => false,
        _ => return Err(AppError::field("do", "must be in or out").into()),
    };
    let q = posted
        .get("q")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let txn = begin_write(&state.db).await?;
    let current = resource::get::<Attendees, _>(&txn, id, attendee).await?;
    let m = if is_here(&current) == arrive {
        // A second tap on a stale page: already as asked.
        current
    } else {
        let change = if arrive {
            json!({ "attendance": Attendance::CheckedIn.code() })
        } else {
            json!({ "attendance": Attendance::Confirmed.code(), "checked_in_at": null })
        };
        resource::patch::<Attendees, _>(&txn, &c.actor, id, attendee, change, None).await?
    };
    txn.commit().await?;
    if headers.contains_key("hx-request") {
        let tz = time_zone(&state, id).await?;
        let (arrived, expected) = attendee::arrived_and_expected(&state.db, id).await?;
        let r = row(&c.tr, tz, &m);
        return render_with(
            StatusCode::OK,
            Swap {
                c,
                q,
                r,
                arrived,
                expected,
                oob: true,
            },
        );
    }
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair(
            "done",
            if arrive {
                "done-checkin-in"
            } else {
                "done-checkin-undone"
            },
        )
        .finish();
    Ok(Redirect::to(&format!("/app/c/{id}/checkin?{query}#a-{attendee}")).into_response())
}
