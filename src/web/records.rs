//! One mechanism for the pages of every kind of record, as the API's `Resource` is for its
//! routes. A kind describes itself once (`RecordPage`: its `Resource`, its fields, its
//! choices, its words, where a save returns to), and `routes` gives its pages from that:
//!
//! - `GET  {route}/new`: the empty form (defaults from the kind, or from the address);
//! - `POST {route}`: create, in one write transaction;
//! - `GET  {route}/{record}`: the stored record's page (its form, or its values for a
//!   viewer, and what the kind shows beside it);
//! - `POST {route}/{record}`: save it with the version the form was filled from as If-Match;
//! - `POST {route}/{record}/delete`: delete it.
//!
//! A failed save shows the form again as posted: someone else's values beside the user's
//! on a 412, else each problem beside its field; a form adding a record like a stored one
//! (the same name and unit) asks for a deliberate confirmation first. A kind with something
//! special (the agenda's own pages, a decision's recipients, an issuer's emblem) adds to
//! this by overriding a method, not by copying the handlers.

use std::collections::HashMap;
use std::future::Future;

use axum::extract::{self, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use serde_json::Value;

use super::form::{self, Choices, Form, Kind, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebError, WebResult, render_with, see_other};
use crate::app::AppState;
use crate::domain::access::{Actor, Need};
use crate::domain::validate::FieldError;
use crate::error::AppError;
use crate::store::begin_write;
use crate::store::resource::{self, Resource};

/// The ids in a record page's address, in order: the conference, the record's parent when
/// its kind has one (an item's speeches, a decision's recipients), the record.
#[derive(Debug, Clone, Copy)]
pub struct Keys {
    pub conference: i32,
    pub parent: Option<i32>,
    pub record: Option<i32>,
}

impl Keys {
    /// The keys of an address with (`record`) or without the record's own id last.
    pub fn of(ids: &[i32], record: bool) -> Keys {
        let (record, rest) = match ids.split_last() {
            Some((last, rest)) if record => (Some(*last), rest),
            _ => (None, ids),
        };
        Keys {
            conference: rest.first().copied().unwrap_or_default(),
            parent: rest.get(1).copied(),
            record,
        }
    }

    /// The keys of record `record` of a kind without a parent.
    pub fn record(conference: i32, record: i32) -> Keys {
        let record = Some(record);
        Keys {
            conference,
            parent: None,
            record,
        }
    }

    /// The parent's id (a kind with a parent is only routed below it).
    pub fn parent(&self) -> i32 {
        self.parent.unwrap_or_default()
    }
}

/// The catalog keys of a kind's pages.
pub struct Words {
    /// The heading when adding and when editing.
    pub new: &'static str,
    pub edit: &'static str,
    /// The link back to where the record is listed.
    pub back: &'static str,
    /// The delete section's title, its hint (if any) and the question before deleting.
    pub delete: &'static str,
    pub delete_hint: Option<&'static str>,
    pub delete_confirm: &'static str,
}

impl Words {
    /// The headings and the back link's words; the delete section's are `delete`'s.
    pub const fn new(new: &'static str, edit: &'static str, back: &'static str) -> Words {
        let (delete, delete_hint, delete_confirm) = ("delete", None, "delete");
        Words {
            new,
            edit,
            back,
            delete,
            delete_hint,
            delete_confirm,
        }
    }

    /// The delete section's title, hint and question.
    pub const fn delete(
        self,
        delete: &'static str,
        delete_hint: Option<&'static str>,
        delete_confirm: &'static str,
    ) -> Words {
        Words {
            delete,
            delete_hint,
            delete_confirm,
            ..self
        }
    }
}

/// What a stored record's page shows below its form.
pub enum Extra {
    None,
    /// An issuer's emblem, and the form to upload or remove it.
    Emblem(super::emblems::EmblemView),
    /// A decision's recipients, a page at a time.
    Recipients(super::award_lists::DecisionRecipients),
}

/// A record page to show: its keys, the form (as stored or as posted), the stored record
/// (none when adding), what is shown below the form, and the answer's status.
pub struct Shown<M> {
    pub keys: Keys,
    pub form: Form,
    pub stored: Option<M>,
    pub extra: Extra,
    pub status: StatusCode,
}

impl<M> Shown<M> {
    /// The page of `stored` (none when adding), before the kind adds to it.
    pub fn new(keys: Keys, form: Form, stored: Option<M>, status: StatusCode) -> Self {
        let extra = Extra::None;
        Shown {
            keys,
            form,
            stored,
            extra,
            status,
        }
    }
}

type Model<P> = <<P as RecordPage>::R as Resource>::Model;
type Answer<T> = Result<T, AppError>;
/// A posted form, or a page's query string.
pub type Query = HashMap<String, String>;
/// A stored record like the one being added: its name, unit and page.
pub type Like = Option<(String, Option<String>, String)>;

/// One kind of record as its pages show it. The methods with a body are what most kinds
/// share; a kind overrides one to add what is special about it.
pub trait RecordPage: Send + Sync + Sized + 'static {
    type R: Resource;
    /// The address of the kind's records, as axum routes it ("/app/c/{id}/delegates").
    const ROUTE: &'static str;
    /// The name of the record's own id in the address ("{attendee}").
    const KEY: &'static str;
    const FIELDS: &'static [Spec];
    const WORDS: Words;
    /// Who may open a stored record's page (a viewer sees its values, not a form).
    const READ: Need = Need::Read;

    /// Where the user goes after saving `m`, or after deleting (`None`), and where the
    /// page's back link goes.
    fn after(keys: &Keys, m: Option<&Model<Self>>) -> String;

    /// The choices of the form's `Choice` fields.
    fn choices(
        state: &AppState,
        tr: &Tr,
        keys: &Keys,
    ) -> impl Future<Output = Answer<Choices>> + Send;

    /// The values of an empty form; `query` is the page's address (`?issuer=3`).
    fn defaults(
        state: &AppState,
        keys: &Keys,
        query: &Query,
    ) -> impl Future<Output = Answer<Value>> + Send;

    /// What was posted, as the JSON body the store takes (`creating` a record, or saving
    /// one), or the problems found making it.
    fn body(
        _state: &AppState,
        _keys: &Keys,
        posted: &Query,
        creating: bool,
    ) -> impl Future<Output = Answer<Value>> + Send {
        let body = form_body::<Self::R>(Self::FIELDS, posted, creating);
        async move { body }
    }

    /// The values a stored record's form shows.
    fn values(
        _state: &AppState,
        _keys: &Keys,
        m: &Model<Self>,
    ) -> impl Future<Output = Answer<Value>> + Send {
        let values = form::values_of(m);
        async move { Ok(values) }
    }

    /// A stored record the one being added looks like (the same person, as people type
    /// names): it is added only when the form says it is someone else. Its name, unit and
    /// page.
    fn like(
        _state: &AppState,
        _keys: &Keys,
        _posted: &Query,
    ) -> impl Future<Output = Answer<Like>> + Send {
        async { Ok(None) }
    }

    /// What a stored record's page adds to its form (warnings beside fields) and below it.
    fn extra(
        _state: &AppState,
        _tr: &Tr,
        _keys: &Keys,
        _m: &Model<Self>,
        _query: &Query,
        form: Form,
    ) -> impl Future<Output = Answer<(Form, Extra)>> + Send {
        async { Ok((form, Extra::None)) }
    }

    /// The page's heading.
    fn heading(tr: &Tr, _form: &Form, stored: bool) -> String {
        tr.t(if stored {
            Self::WORDS.edit
        } else {
            Self::WORDS.new
        })
    }

    /// Show the page (the kind's own page, or the record page every kind shares).
    fn view(
        _state: &AppState,
        c: Chrome,
        shown: Shown<Model<Self>>,
    ) -> impl Future<Output = WebResult> + Send {
        let page = record_page::<Self>(c, shown);
        async move { page }
    }
}

/// The routes of `P`'s pages.
pub fn routes<P: RecordPage>() -> Router<AppState> {
    let (route, key) = (P::ROUTE, P::KEY);
    Router::new()
        .route(route, post(create::<P>))
        .route(&format!("{route}/new"), get(new_page::<P>))
        .route(&format!("{route}/{key}"), get(edit::<P>).post(save::<P>))
        .route(&format!("{route}/{key}/delete"), post(delete::<P>))
}

/// The address of `P`'s records with the keys filled in ("/app/c/3/awards/12/recipients").
pub fn base<P: RecordPage>(keys: &Keys) -> String {
    let mut ids = [keys.conference, keys.parent()].into_iter();
    P::ROUTE
        .split('/')
        .map(|part| match part.starts_with('{') {
            true => ids.next().unwrap_or_default().to_string(),
            false => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(askama::Template)]
#[template(path = "web/record.html")]
struct RecordView {
    c: Chrome,
    form: Form,
    heading: String,
    action: String,
    back: (String, String),
    /// Where "delete" posts, for a stored record, with its words.
    delete: Option<(String, String, Option<String>, String)>,
    extra: Extra,
}

/// The record page every kind shares: heading, form (or its values, for a viewer), what the
/// kind shows below it, and the delete section.
pub fn record_page<P: RecordPage>(c: Chrome, shown: Shown<Model<P>>) -> WebResult {
    let base = base::<P>(&shown.keys);
    let stored = shown.stored.as_ref().map(P::R::id);
    let w = &P::WORDS;
    let page = RecordView {
        heading: P::heading(&c.tr, &shown.form, stored.is_some()),
        action: stored.map_or_else(|| base.clone(), |r| format!("{base}/{r}")),
        back: (P::after(&shown.keys, None), c.tr.t(w.back)),
        delete: stored.map(|r| {
            let hint = w.delete_hint.map(|h| c.tr.t(h));
            (
                format!("{base}/{r}/delete"),
                c.tr.t(w.delete),
                hint,
                c.tr.t(w.delete_confirm),
            )
        }),
        form: shown.form,
        extra: shown.extra,
        c,
    };
    render_with(shown.status, page)
}

/// Check access to the conference of an address, and read its keys.
async fn open(
    state: &AppState,
    c: &mut Chrome,
    ids: &[i32],
    record: bool,
    need: Need,
) -> Result<Keys, WebError> {
    let keys = Keys::of(ids, record);
    c.in_conference(state, keys.conference, need).await?;
    Ok(keys)
}

/// The form of `P` filled from what was posted.
async fn posted_form<P: RecordPage>(
    state: &AppState,
    tr: &Tr,
    keys: &Keys,
    posted: &Query,
) -> Answer<Form> {
    let choices = P::choices(state, tr, keys).await?;
    Ok(Form::new(
        tr,
        P::FIELDS,
        &form::posted_values(posted),
        &choices,
    ))
}

/// The form of stored record `m`.
pub async fn stored_form<P: RecordPage>(
    state: &AppState,
    tr: &Tr,
    keys: &Keys,
    m: &Model<P>,
) -> Answer<Form> {
    let choices = P::choices(state, tr, keys).await?;
    let values = P::values(state, keys, m).await?;
    Ok(Form::new(tr, P::FIELDS, &values, &choices).with_version(P::R::version(m)))
}

/// The page of stored record `m` with `form`, and what the kind adds to it.
pub async fn stored_page<P: RecordPage>(
    state: &AppState,
    c: Chrome,
    keys: Keys,
    m: Model<P>,
    form: Form,
    query: &Query,
    status: StatusCode,
) -> WebResult {
    let (form, extra) = P::extra(state, &c.tr, &keys, &m, query, form).await?;
    let shown = Shown::new(keys, form, Some(m), status);
    P::view(state, c, Shown { extra, ..shown }).await
}

async fn new_page<P: RecordPage>(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(ids): Path<Vec<i32>>,
    extract::Query(query): extract::Query<Query>,
) -> WebResult {
    let keys = open(&state, &mut c, &ids, false, Need::Write).await?;
    let values = P::defaults(&state, &keys, &query).await?;
    let choices = P::choices(&state, &c.tr, &keys).await?;
    let form = Form::new(&c.tr, P::FIELDS, &values, &choices);
    let status = StatusCode::OK;
    P::view(&state, c, Shown::new(keys, form, None, status)).await
}

async fn create<P: RecordPage>(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(ids): Path<Vec<i32>>,
    Posted(posted): Posted<Query>,
) -> WebResult {
    let keys = open(&state, &mut c, &ids, false, Need::Write).await?;
    let like = match form::repeat_confirmed(&posted) {
        true => None,
        false => P::like(&state, &keys, &posted).await?,
    };
    let (form, status) = match like {
        Some((name, unit, link)) => {
            let form = posted_form::<P>(&state, &c.tr, &keys, &posted).await?;
            (
                form.like(&name, unit.as_deref(), link),
                StatusCode::CONFLICT,
            )
        }
        None => {
            let body = P::body(&state, &keys, &posted, true).await;
            match save_record::<P::R>(&state, &c.actor, keys.conference, None, body, &posted).await
            {
                Ok(m) => return Ok(see_other(&P::after(&keys, Some(&m)), "done-created")),
                Err(e) => {
                    let form = posted_form::<P>(&state, &c.tr, &keys, &posted).await?;
                    (form.with_error(&c.tr, &e), StatusCode::UNPROCESSABLE_ENTITY)
                }
            }
        }
    };
    P::view(&state, c, Shown::new(keys, form, None, status)).await
}

async fn edit<P: RecordPage>(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(ids): Path<Vec<i32>>,
    extract::Query(query): extract::Query<Query>,
) -> WebResult {
    let keys = open(&state, &mut c, &ids, true, P::READ).await?;
    let m = resource::get::<P::R, _>(&state.db, keys.conference, keys.record.unwrap_or_default())
        .await?;
    let form = stored_form::<P>(&state, &c.tr, &keys, &m).await?;
    stored_page::<P>(&state, c, keys, m, form, &query, StatusCode::OK).await
}

async fn save<P: RecordPage>(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(ids): Path<Vec<i32>>,
    Posted(posted): Posted<Query>,
) -> WebResult {
    let keys = open(&state, &mut c, &ids, true, Need::Write).await?;
    let (conference, record) = (keys.conference, keys.record.unwrap_or_default());
    let body = P::body(&state, &keys, &posted, false).await;
    let error = match save_record::<P::R>(&state, &c.actor, conference, Some(record), body, &posted)
        .await
    {
        Ok(m) => return Ok(see_other(&P::after(&keys, Some(&m)), "done-saved")),
        Err(e) => e,
    };
    // The form as posted, with the version it was filled from: on a 412, the values saved
    // meanwhile beside the user's; else the problems beside the fields.
    let stored = resource::get::<P::R, _>(&state.db, conference, record).await?;
    let values = P::values(&state, &keys, &stored).await?;
    let form = posted_form::<P>(&state, &c.tr, &keys, &posted)
        .await?
        .after_failed_save(&c.tr, &posted, &error, (&values, P::R::version(&stored)));
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    stored_page::<P>(&state, c, keys, stored, form, &Query::new(), status).await
}

/// Delete a record; a refusal (an issuer that still has decisions) is shown on its page.
async fn delete<P: RecordPage>(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(ids): Path<Vec<i32>>,
) -> WebResult {
    let keys = open(&state, &mut c, &ids, true, Need::Write).await?;
    let (conference, record) = (keys.conference, keys.record.unwrap_or_default());
    let deleted = async {
        let txn = begin_write(&state.db).await?;
        resource::delete::<P::R, _>(&txn, &c.actor, conference, record, None).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match deleted {
        Ok(()) => Ok(see_other(&P::after(&keys, None), "done-deleted")),
        Err(e @ (AppError::Conflict(_) | AppError::Duplicate(_) | AppError::Validation(_))) => {
            let m = resource::get::<P::R, _>(&state.db, conference, record).await?;
            let form = stored_form::<P>(&state, &c.tr, &keys, &m)
                .await?
                .with_error(&c.tr, &e);
            stored_page::<P>(
                &state,
                c,
                keys,
                m,
                form,
                &Query::new(),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Create (`id` is `None`) or patch record `id` of `R` in conference `conference_id` from
/// `body` (the posted form as JSON, or the problem found making it), in one write
/// transaction; a patch sends the version the form was filled from as If-Match.
pub async fn save_record<R: Resource>(
    state: &AppState,
    actor: &Actor,
    conference_id: i32,
    id: Option<i32>,
    body: Answer<Value>,
    posted: &Query,
) -> Answer<R::Model> {
    let body = body?;
    let txn = begin_write(&state.db).await?;
    let m = match id {
        None => resource::create::<R, _>(&txn, actor, conference_id, body).await?,
        Some(id) => {
            let version = form::posted_version(posted);
            resource::patch::<R, _>(&txn, actor, conference_id, id, body, version).await?
        }
    };
    txn.commit().await?;
    Ok(m)
}

/// Among the stored `R` of a conference that `keep` keeps, the first that is the same
/// person as the one typed in fields `name` and `unit` of `posted`.
pub async fn same_person<R: Resource>(
    state: &AppState,
    conference: i32,
    posted: &Query,
    (name, unit): (&str, &str),
    person: impl Fn(&R::Model) -> Option<(&str, &str)>,
) -> Answer<Option<R::Model>> {
    let typed = |k: &str| posted.get(k).map(String::as_str).unwrap_or("");
    let typed = (typed(name), typed(unit));
    Ok(resource::all::<R, _>(&state.db, conference)
        .await?
        .into_iter()
        .find(|m| person(m).is_some_and(|p| crate::domain::text::same_person(p, typed))))
}

/// What a form posted, as the JSON body the store takes: ids are numbers, required texts left
/// blank are empty (so the input's own rules name them), and a date that is missing or
/// unreadable is a problem of its field, reported together with the input's other problems.
pub fn form_body<R: Resource>(specs: &[Spec], posted: &Query, creating: bool) -> Answer<Value> {
    let mut body = form::to_json(specs, posted)?;
    let mut problems = Vec::new();
    let object = body.as_object_mut().expect("to_json makes an object");
    for s in specs {
        let value = object.get_mut(s.name).expect("every field is in the body");
        match s.kind {
            Kind::Choice if s.name.ends_with("_id") => {
                if let Value::String(text) = value {
                    match text.parse::<i64>() {
                        Ok(n) => *value = Value::from(n),
                        Err(_) => problems.push(FieldError::required(s.name)),
                    }
                } else if s.required {
                    problems.push(FieldError::required(s.name));
                }
            }
            Kind::Date => match value {
                Value::String(text)
                    if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() => {}
                Value::String(_) => problems.push(FieldError::date(s.name)),
                _ if s.required => problems.push(FieldError::required(s.name)),
                _ => {}
            },
            _ => {}
        }
    }
    if problems.is_empty() {
        return Ok(body);
    }
    // Report the input's other problems too, checking it with stand-ins for the bad fields.
    if creating {
        let mut stand_in = body.clone();
        for p in &problems {
            let s = specs
                .iter()
                .find(|s| s.name == p.field)
                .expect("a field of the form");
            stand_in[s.name] = match s.kind {
                Kind::Date => Value::from("2000-01-01"),
                _ => Value::from(0),
            };
        }
        if let Ok(mut input) = resource::from_json::<R::Input>(stand_in)
            && let Err(more) = R::validate(&mut input)
        {
            problems.extend(more);
        }
    }
    Err(AppError::Validation(problems))
}
