//! The agenda editor: the items in order with their times in the conference's time zone, the
//! gap or overlap before each, their speeches; adding, editing, deleting and reordering items
//! (move up/down without JavaScript, drag and drop or Alt+Arrow with `agenda.js`), and the
//! speeches of an item.
//!
//! The store keeps each item's own `starts_at`; reordering (`store::agenda::reorder`, as the
//! API does) changes positions only. The printed programme sorts by start time, so a new
//! order would not show there unless the times follow it: after reordering, this page moves
//! the start times so that each item follows the durations in the new order, keeping the gap
//! (or overlap) that each slot had before the next. Each time is written with the store's
//! `patch`, in the same transaction as the reorder, and audited like any change.

use std::collections::HashMap;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::form::spec::{choice, date, long, number, text, time};
use super::form::{self, Choices, Form, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render_with, see_other};
use super::page::{In, Reads, Writes};
use super::records::{self, Keys, Query, RecordPage, Shown, Words};
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::kinds::{AgendaKind, SpeechKind};
use crate::domain::validate::FieldError;
use crate::error::AppError;
use crate::store;
use crate::store::agenda::{self, Agenda};
use crate::store::attendee::Attendees;
use crate::store::resource::{self, Resource};
use crate::store::speech::Speeches;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/agenda", get(list))
        .route("/app/c/{id}/agenda/reorder", post(reorder))
        .route("/app/c/{id}/agenda/{item}/move", post(move_item))
        .merge(records::routes::<ItemPage>())
        .merge(records::routes::<SpeechPage>())
}

/// The fields of an item. `start_date` and `starts_at` (a time) are joined into the
/// `starts_at` the API takes, in the conference's time zone.
const ITEM_FIELDS: &[Spec] = &[
    text("title", "agenda-field-title").required(),
    choice("kind", "agenda-field-kind").required(),
    date("start_date", "agenda-field-date").required(),
    time("starts_at", "agenda-field-start").required(),
    number("duration_minutes", "agenda-field-duration").required(),
    choice("presenter_attendee_id", "agenda-field-presenter"),
    text("presenter_text", "agenda-field-presenter-text"),
    long("notes", "field-notes"),
];

/// The fields of a speech, as `SpeechInput` names them.
const SPEECH_FIELDS: &[Spec] = &[
    text("title", "agenda-speech-field-title").required(),
    choice("kind", "agenda-speech-field-kind").required(),
    choice("speaker_attendee_id", "agenda-speech-field-speaker"),
    text("speaker_name", "agenda-speech-field-speaker-name"),
    text("speaker_position", "agenda-speech-field-speaker-position"),
    number("planned_minutes", "agenda-speech-field-minutes"),
    choice("agenda_item_id", "agenda-speech-field-item"),
    long("summary", "agenda-speech-field-summary"),
    long("full_text", "agenda-speech-field-full-text"),
];

/// What the pages need of the conference: its day and time zone.
struct Day {
    held_on: NaiveDate,
    tz: Tz,
}

async fn day(state: &AppState, id: i32) -> Result<Day, AppError> {
    let c = store::conference::get(&state.db, id).await?;
    Ok(Day {
        held_on: c.held_on,
        tz: c.time_zone.parse().unwrap_or(chrono_tz::Asia::Ho_Chi_Minh),
    })
}

/// The attendees as choices ("Đồng chí Nguyễn Văn Hùng — Phó Giám đốc Công an tỉnh"), and
/// their names by id, from one query.
fn people(
    tr: &Tr,
    attendees: &[entity::attendee::Model],
) -> (Vec<(String, String)>, HashMap<i32, String>) {
    let mut names = HashMap::new();
    let choices = attendees
        .iter()
        .map(|a| {
            let name = super::delegates::named(tr, a.honorific.as_deref(), &a.full_name);
            names.insert(a.id, name.clone());
            let label = match &a.position {
                Some(p) => format!("{name} — {p}"),
                None => name,
            };
            (a.id.to_string(), label)
        })
        .collect();
    (choices, names)
}

/// The posted item as the JSON body the store takes: date and time joined in the time zone.
fn item_body(posted: &HashMap<String, String>, tz: Tz) -> Result<Value, AppError> {
    let time = posted.get("starts_at").map_or("", |t| t.trim());
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"));
    // The other fields' problems (the date's among them) and the time's are named together.
    let (mut body, time) = match (
        records::form_body::<Agenda>(ITEM_FIELDS, posted, false),
        time,
    ) {
        (Ok(body), Ok(time)) => (body, time),
        (Err(AppError::Validation(mut problems)), Err(_)) => {
            problems.push(FieldError::time("starts_at"));
            return Err(AppError::Validation(problems));
        }
        (Ok(_), Err(_)) => return Err(FieldError::time("starts_at").into()),
        (Err(e), _) => return Err(e),
    };
    let object = body.as_object_mut().expect("form_body gives an object");
    let date = object
        .remove("start_date")
        .and_then(|d| NaiveDate::parse_from_str(d.as_str()?, "%Y-%m-%d").ok());
    let start = date.and_then(|d| tz.from_local_datetime(&d.and_time(time)).earliest());
    let start = start.ok_or_else(|| FieldError::time("starts_at"))?;
    object.insert("starts_at".into(), Value::String(start.to_rfc3339()));
    Ok(body)
}

/// The values an item's form shows: its start as a local date and time.
fn item_values(m: &entity::agenda_item::Model, tz: Tz) -> Value {
    let mut values = form::values_of(m);
    let local = m.starts_at.with_timezone(&tz);
    values["start_date"] = json!(local.format("%Y-%m-%d").to_string());
    values["starts_at"] = json!(local.format("%H:%M").to_string());
    values
}

/// One item as the agenda shows it.
struct ItemRow {
    id: i32,
    number: usize,
    start: String,
    end: String,
    /// The date, when it is not the conference's day.
    date: Option<String>,
    duration: String,
    kind: String,
    title: String,
    presenter: Option<String>,
    speeches: Vec<SpeechRow>,
    /// The gap or overlap before this item, and whether it is an overlap.
    before: Option<(String, bool)>,
    first: bool,
    last: bool,
}

struct SpeechRow {
    id: i32,
    item: i32,
    title: String,
    kind: String,
    speaker: String,
    minutes: Option<String>,
}

fn speech_rows(
    tr: &Tr,
    speeches: &[entity::speech::Model],
    names: &HashMap<i32, String>,
    item: i32,
) -> Vec<SpeechRow> {
    speeches
        .iter()
        .filter(|s| s.agenda_item_id == Some(item))
        .map(|s| {
            let who = s
                .speaker_attendee_id
                .and_then(|a| names.get(&a).cloned())
                .or_else(|| s.speaker_name.clone())
                .unwrap_or_default();
            let speaker = match &s.speaker_position {
                Some(p) if !who.is_empty() => format!("{who}, {p}"),
                Some(p) => p.clone(),
                None => who,
            };
            SpeechRow {
                id: s.id,
                item,
                title: s.title.clone(),
                kind: tr.t(&format!("agenda-speech-kind-{}", s.kind)),
                speaker,
                minutes: s
                    .planned_minutes
                    .map(|m| tr.t1("agenda-minutes", "count", m)),
            }
        })
        .collect()
}

fn rows(
    tr: &Tr,
    day: &Day,
    items: &[entity::agenda_item::Model],
    speeches: &[entity::speech::Model],
    names: &HashMap<i32, String>,
) -> Vec<ItemRow> {
    items
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let start = m.starts_at.with_timezone(&day.tz);
            let end = agenda::ends(m).with_timezone(&day.tz);
            let before = n
                .checked_sub(1)
                .map(|p| agenda::gap(&items[p], m))
                .and_then(|g| match g {
                    0 => None,
                    g if g > 0 => Some((tr.t1("agenda-gap", "minutes", g), false)),
                    g => Some((tr.t1("agenda-overlap", "minutes", -g), true)),
                });
            ItemRow {
                id: m.id,
                number: n + 1,
                start: tr.time(&start.time()),
                end: tr.time(&end.time()),
                date: (start.date_naive() != day.held_on).then(|| tr.date(&start.date_naive())),
                duration: tr.t1("agenda-minutes", "count", m.duration_minutes),
                kind: tr.t(&format!("agenda-kind-{}", m.kind)),
                title: m.title.clone(),
                presenter: m
                    .presenter_attendee_id
                    .and_then(|a| names.get(&a).cloned())
                    .or_else(|| m.presenter_text.clone()),
                speeches: speech_rows(tr, speeches, names, m.id),
                before,
                first: n == 0,
                last: n + 1 == items.len(),
            }
        })
        .collect()
}

fn item_choices(tr: &Tr, people: &[(String, String)]) -> Choices {
    let mut choices = Choices::new();
    choices.insert("kind", form::translated::<AgendaKind>(tr, "agenda-kind"));
    choices.insert("presenter_attendee_id", people.to_vec());
    choices
}

fn speech_choices(
    tr: &Tr,
    people: &[(String, String)],
    items: &[entity::agenda_item::Model],
) -> Choices {
    let mut choices = Choices::new();
    choices.insert(
        "kind",
        form::translated::<SpeechKind>(tr, "agenda-speech-kind"),
    );
    choices.insert("speaker_attendee_id", people.to_vec());
    choices.insert(
        "agenda_item_id",
        items
            .iter()
            .enumerate()
            .map(|(n, m)| (m.id.to_string(), format!("{}. {}", n + 1, m.title)))
            .collect(),
    );
    choices
}

#[derive(askama::Template)]
#[template(path = "web/agenda.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<ItemRow>,
    total: String,
    day_span: String,
    form: Form,
}

async fn list(In { state, c, id, .. }: In<Reads>) -> WebResult {
    let keys = Keys::of(&[id], false);
    let defaults = ItemPage::defaults(&state, &keys, &Query::new()).await?;
    let choices = ItemPage::choices(&state, &c.tr, &keys).await?;
    let form = Form::new(&c.tr, ITEM_FIELDS, &defaults, &choices);
    list_page(&state, c, id, form, StatusCode::OK).await
}

/// The conference's day, its agenda items and their rows as the pages show them.
async fn agenda_rows(
    state: &AppState,
    tr: &Tr,
    id: i32,
) -> Result<(Day, Vec<entity::agenda_item::Model>, Vec<ItemRow>), AppError> {
    let day = day(state, id).await?;
    let items = resource::all::<Agenda, _>(&state.db, id).await?;
    let speeches = resource::all::<Speeches, _>(&state.db, id).await?;
    let attendees = resource::all::<Attendees, _>(&state.db, id).await?;
    let (_, names) = people(tr, &attendees);
    let rows = rows(tr, &day, &items, &speeches, &names);
    Ok((day, items, rows))
}

/// The agenda, with the add form (empty, or as posted).
async fn list_page(
    state: &AppState,
    c: Chrome,
    id: i32,
    form: Form,
    status: StatusCode,
) -> WebResult {
    let (day, items, rows) = agenda_rows(state, &c.tr, id).await?;
    let minutes: i64 = items.iter().map(|m| i64::from(m.duration_minutes)).sum();
    let total = c.tr.t1("agenda-total", "count", minutes);
    let day_span = match (
        items.iter().map(|m| m.starts_at).min(),
        items.iter().map(agenda::ends).max(),
    ) {
        (Some(first), Some(last)) => c.tr.t2(
            "agenda-span",
            (
                "start",
                c.tr.time(&first.with_timezone(&day.tz).time()).into(),
            ),
            ("end", c.tr.time(&last.with_timezone(&day.tz).time()).into()),
        ),
        _ => String::new(),
    };
    render_with(
        status,
        ListPage {
            c,
            rows,
            total,
            day_span,
            form,
        },
    )
}

#[derive(askama::Template)]
#[template(path = "web/agenda_item.html")]
struct ItemView {
    c: Chrome,
    item: ItemRow,
    notes: Option<String>,
    form: Form,
}

/// The page of an item: its form (as stored or as posted) and its speeches.
async fn item_view(
    state: &AppState,
    c: Chrome,
    id: i32,
    m: entity::agenda_item::Model,
    mut form: Form,
    status: StatusCode,
) -> WebResult {
    let (_, items, all) = agenda_rows(state, &c.tr, id).await?;
    let row = all
        .into_iter()
        .find(|r| r.id == m.id)
        .ok_or_else(|| AppError::not_found(Agenda::NOUN, m.id))?;
    // What the agenda's checks say of this item, beside its fields.
    let agenda: Vec<crate::domain::model::AgendaItem> =
        items.iter().cloned().map(Into::into).collect();
    let title_of = |id: i32| {
        agenda
            .iter()
            .find(|i| i.id == id)
            .map_or_else(String::new, |i| i.title.clone())
    };
    for warning in crate::domain::checks::agenda_warnings(&agenda)
        .into_iter()
        .filter(|w| w.item() == m.id)
    {
        use crate::domain::checks::AgendaWarning;
        let (field, text) = match warning {
            AgendaWarning::NoMinutes { .. } => ("duration_minutes", c.tr.t("warn-no-minutes")),
            AgendaWarning::Overlaps { next, minutes, .. } => (
                "duration_minutes",
                c.tr.tn(
                    "warn-overlaps",
                    &[("next", title_of(next)), ("minutes", minutes.to_string())],
                ),
            ),
            AgendaWarning::AfterClosing { closing, .. } => (
                "starts_at",
                c.tr.t1("warn-after-closing", "closing", title_of(closing)),
            ),
        };
        form = form.with_warning(field, Some(text));
    }
    render_with(
        status,
        ItemView {
            c,
            item: row,
            notes: m.notes,
            form,
        },
    )
}

/// Move an item one place up or down (the buttons of each row).
async fn move_item(
    In { state, c, id, .. }: In<Writes>,
    Path((_, item)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let items = resource::all::<Agenda, _>(&state.db, id).await?;
    let mut ids: Vec<i32> = items.iter().map(|m| m.id).collect();
    let at = ids
        .iter()
        .position(|i| *i == item)
        .ok_or_else(|| AppError::not_found(Agenda::NOUN, item))?;
    let to = match posted.get("direction").map(String::as_str) {
        Some("up") => at.checked_sub(1),
        Some("down") => (at + 1 < ids.len()).then_some(at + 1),
        _ => return Err(AppError::field("direction", "must be up or down").into()),
    };
    if let Some(to) = to {
        ids.swap(at, to);
        agenda::reorder(&state.db, &c.actor, id, &ids).await?;
    }
    Ok(see_other(
        &format!("/app/c/{id}/agenda#item-{item}"),
        "done-agenda-moved",
    ))
}

/// The new order from drag and drop: `ids` = "3,1,2".
async fn reorder(
    In { state, c, id, .. }: In<Writes>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let ids = posted
        .get("ids")
        .map(|s| {
            s.split(',')
                .filter(|p| !p.trim().is_empty())
                .map(|p| p.trim().parse::<i32>())
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
        .map_err(|_| AppError::field("ids", "must be item ids separated by commas"))?
        .unwrap_or_default();
    agenda::reorder(&state.db, &c.actor, id, &ids).await?;
    Ok(see_other(
        &format!("/app/c/{id}/agenda"),
        "done-agenda-moved",
    ))
}

/// An agenda item's pages: added from the agenda's own page, shown on its own with its
/// speeches; its start is a date and a time in the conference's time zone.
pub struct ItemPage;

impl RecordPage for ItemPage {
    type R = Agenda;
    const ROUTE: &'static str = "/app/c/{id}/agenda";
    const KEY: &'static str = "{item}";
    const FIELDS: &'static [Spec] = ITEM_FIELDS;
    const WORDS: Words = Words::new("agenda-add", "agenda-edit", "agenda-back").delete(
        "agenda-delete",
        Some("agenda-delete-hint"),
        "agenda-delete-confirm",
    );

    fn after(keys: &Keys, m: Option<&entity::agenda_item::Model>) -> String {
        let agenda = records::base::<Self>(keys);
        m.map_or(agenda.clone(), |m| format!("{agenda}#item-{}", m.id))
    }

    async fn choices(state: &AppState, tr: &Tr, keys: &Keys) -> Result<Choices, AppError> {
        let attendees = resource::all::<Attendees, _>(&state.db, keys.conference).await?;
        Ok(item_choices(tr, &people(tr, &attendees).0))
    }

    /// The next item after the last (at 07:30 on the day for the first).
    async fn defaults(state: &AppState, keys: &Keys, _: &Query) -> Result<Value, AppError> {
        let day = day(state, keys.conference).await?;
        let items = resource::all::<Agenda, _>(&state.db, keys.conference).await?;
        let next = items.iter().map(agenda::ends).max().unwrap_or_else(|| {
            day.tz
                .from_local_datetime(&day.held_on.and_hms_opt(7, 30, 0).expect("a time"))
                .earliest()
                .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
        });
        let local = next.with_timezone(&day.tz);
        Ok(json!({
            "kind": "other",
            "start_date": local.format("%Y-%m-%d").to_string(),
            "starts_at": local.format("%H:%M").to_string(),
            "duration_minutes": 15,
        }))
    }

    async fn body(
        state: &AppState,
        keys: &Keys,
        posted: &Query,
        _: bool,
    ) -> Result<Value, AppError> {
        item_body(posted, day(state, keys.conference).await?.tz)
    }

    async fn values(
        state: &AppState,
        keys: &Keys,
        m: &entity::agenda_item::Model,
    ) -> Result<Value, AppError> {
        Ok(item_values(m, day(state, keys.conference).await?.tz))
    }

    /// A new item's form is on the agenda's page; a stored item has a page of its own.
    async fn view(
        state: &AppState,
        c: Chrome,
        shown: Shown<entity::agenda_item::Model>,
    ) -> WebResult {
        let id = shown.keys.conference;
        match shown.stored {
            None => list_page(state, c, id, shown.form, shown.status).await,
            Some(m) => item_view(state, c, id, m, shown.form, shown.status).await,
        }
    }
}

/// The speeches of an item, edited on their own page.
pub struct SpeechPage;

impl RecordPage for SpeechPage {
    type R = Speeches;
    const ROUTE: &'static str = "/app/c/{id}/agenda/{item}/speeches";
    const KEY: &'static str = "{speech}";
    const FIELDS: &'static [Spec] = SPEECH_FIELDS;
    const WORDS: Words = Words::new(
        "agenda-speech-add",
        "agenda-speech-edit",
        "agenda-speech-back",
    )
    .delete("agenda-speech-delete", None, "agenda-speech-delete-confirm");
    const READ: Need = Need::Write;

    /// The speeches of its item (the one it was moved to, after a save).
    fn after(keys: &Keys, m: Option<&entity::speech::Model>) -> String {
        let item = m.and_then(|s| s.agenda_item_id).unwrap_or(keys.parent());
        format!("/app/c/{}/agenda/{item}#speeches-h", keys.conference)
    }

    async fn choices(state: &AppState, tr: &Tr, keys: &Keys) -> Result<Choices, AppError> {
        let items = resource::all::<Agenda, _>(&state.db, keys.conference).await?;
        let attendees = resource::all::<Attendees, _>(&state.db, keys.conference).await?;
        Ok(speech_choices(tr, &people(tr, &attendees).0, &items))
    }

    async fn defaults(state: &AppState, keys: &Keys, _: &Query) -> Result<Value, AppError> {
        let m = resource::get::<Agenda, _>(&state.db, keys.conference, keys.parent()).await?;
        Ok(json!({"kind": "other", "agenda_item_id": m.id}))
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posted_date_and_time_become_a_start_in_the_conference_zone() {
        let posted: HashMap<String, String> = [
            ("title", "Chào cờ"),
            ("kind", "flag_salute"),
            ("start_date", "2019-03-14"),
            ("starts_at", "07:30"),
            ("duration_minutes", "5"),
            ("presenter_attendee_id", "4"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let body = item_body(&posted, chrono_tz::Asia::Ho_Chi_Minh).unwrap();
        assert_eq!(body["starts_at"], "2019-03-14T07:30:00+07:00");
        assert_eq!(body["presenter_attendee_id"], 4);
        assert_eq!(body["duration_minutes"], 5);
        assert!(body.get("start_date").is_none());
        let mut bad = posted.clone();
        bad.insert("starts_at".into(), "7 giờ".into());
        let Err(AppError::Validation(errors)) = item_body(&bad, chrono_tz::Asia::Ho_Chi_Minh)
        else {
            panic!("not a time");
        };
        assert_eq!(errors[0].field, "starts_at");
    }
}
