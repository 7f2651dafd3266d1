//! Awards: the issuers of the conference in ceremony order, each with its decisions and
//! their recipients; forms to add, change and delete each of them. The forms send the same
//! JSON as the API (`IssuerInput`, `DecisionInput`, `RecipientInput`) to the same store.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use serde_json::Value;

use super::award_lists::{self, RecipientSearch, RecipientTable};
use super::form::{self, Choices, Form, Kind, Spec, field};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render, render_with, see_other};
use super::records;
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::kinds::{AwardForm, Honorific, IssuerLevel, RecipientKind};
use crate::domain::validate::{FieldError, Vocabulary};
use crate::error::AppError;
use crate::store;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::resource::{self, Resource};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/awards", get(list))
        .route(
            "/app/c/{id}/awards/issuers/new",
            get(new_issuer).post(create_issuer),
        )
        .route(
            "/app/c/{id}/awards/issuers/{issuer}",
            get(edit_issuer).post(save_issuer),
        )
        .route(
            "/app/c/{id}/awards/issuers/{issuer}/delete",
            post(delete_issuer),
        )
        .route(
            "/app/c/{id}/awards/new",
            get(new_decision).post(create_decision),
        )
        .route(
            "/app/c/{id}/awards/{decision}",
            get(edit_decision).post(save_decision),
        )
        .route(
            "/app/c/{id}/awards/{decision}/delete",
            post(delete_decision),
        )
        .route(
            "/app/c/{id}/awards/{decision}/recipients/new",
            get(new_recipient).post(create_recipient),
        )
        .route(
            "/app/c/{id}/awards/{decision}/recipients/{recipient}",
            get(edit_recipient).post(save_recipient),
        )
        .route(
            "/app/c/{id}/awards/{decision}/recipients/{recipient}/delete",
            post(delete_recipient),
        )
}

/// The fields of an issuer, as `IssuerInput` names them.
const ISSUER_FIELDS: &[Spec] = &[
    field("name", "awards-f-issuer-name", Kind::Text, true),
    field("level", "awards-f-level", Kind::Choice, true),
    field("rank", "awards-f-issuer-rank", Kind::Number, false),
    field("place_name", "awards-f-place-name", Kind::Text, false),
    field("certificate_heading", "awards-f-heading", Kind::Long, false),
    field(
        "signer_title",
        "awards-f-issuer-signer-title",
        Kind::Long,
        false,
    ),
];

/// The fields of a decision, as `DecisionInput` names them.
const DECISION_FIELDS: &[Spec] = &[
    field("issuer_id", "awards-f-issuer", Kind::Choice, true),
    field("number", "awards-f-number", Kind::Text, true),
    field("decided_on", "awards-f-decided-on", Kind::Date, true),
    field("form", "awards-f-form", Kind::Choice, true),
    field("title_name", "awards-f-title-name", Kind::Text, false),
    field("signer_title", "awards-f-signer-title", Kind::Long, true),
    field("signer_rank", "awards-f-signer-rank", Kind::Text, false),
    field("signer_name", "awards-f-signer-name", Kind::Text, false),
    field("reason", "awards-f-decision-reason", Kind::Long, false),
];

/// The fields of a recipient, as `RecipientInput` names them.
const RECIPIENT_FIELDS: &[Spec] = &[
    field("decision_id", "awards-f-decision", Kind::Choice, true),
    field("kind", "awards-f-kind", Kind::Choice, true),
    field("honorific", "awards-f-honorific", Kind::Choice, false),
    field("name", "awards-f-name", Kind::Text, true),
    field("position", "awards-f-position", Kind::Text, false),
    field("unit", "awards-f-unit", Kind::Text, false),
    field("reason", "awards-f-reason", Kind::Long, false),
    field(
        "register_number",
        "awards-f-register-number",
        Kind::Text,
        false,
    ),
    field("presentation_order", "awards-f-order", Kind::Number, false),
];

/// The choices of a vocabulary, labelled in the user's language (`award-<what>-<code>`).
pub(super) fn choices_of<V: Vocabulary>(tr: &Tr, what: &str) -> Vec<(String, String)> {
    form::translated::<V>(tr, &format!("award-{what}"))
}

/// The label of a vocabulary code in the user's language (the code itself if unknown).
pub(super) fn label_of(tr: &Tr, what: &str, code: &str) -> String {
    let key = format!("award-{what}-{code}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        code.to_string()
    }
}

/// What a form posted, as the JSON body the store takes: ids are numbers, required texts left
/// blank are empty (so the input's own rules name them), and a date that is missing or
/// unreadable is a problem of its field, reported together with the input's other problems.
fn body_for<R: Resource>(
    specs: &[Spec],
    posted: &HashMap<String, String>,
    creating: bool,
) -> Result<Value, AppError> {
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
                        Err(_) => problems.push(FieldError::new(s.name, "is required")),
                    }
                } else if s.required {
                    problems.push(FieldError::new(s.name, "is required"));
                }
            }
            Kind::Date => match value {
                Value::String(text)
                    if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() => {}
                Value::String(_) => {
                    problems.push(FieldError::new(s.name, "must be a date (YYYY-MM-DD)"))
                }
                _ if s.required => problems.push(FieldError::new(s.name, "is required")),
                _ => {}
            },
            // A required text (or the signer's name and rank, which may stay empty) is a
            // string.
            Kind::Text | Kind::Long
                if value.is_null()
                    && (s.required || matches!(s.name, "signer_name" | "signer_rank")) =>
            {
                *value = Value::String(String::new());
            }
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

/// A problem of a save, beside its field: a duplicate, or a conflict the store names by a
/// field of the form, goes beside that field.
fn with_problem(form: Form, tr: &Tr, error: &AppError) -> Form {
    match error {
        AppError::Duplicate(e) => form.with_error(tr, &AppError::Validation(vec![e.clone()])),
        AppError::Conflict(e) if form.fields.iter().any(|f| f.name == e.field) => {
            form.with_error(tr, &AppError::Validation(vec![e.clone()]))
        }
        _ => form.with_error(tr, error),
    }
}

// ---------------------------------------------------------------------------------------
// The list

#[derive(askama::Template)]
#[template(path = "web/awards.html")]
struct ListPage {
    c: Chrome,
    issuers: Vec<IssuerView>,
    decisions: usize,
    recipients: i64,
    /// The recipients a search across the conference found.
    found: RecipientTable,
}

struct IssuerView {
    id: i32,
    name: String,
    level: String,
    place_name: String,
    decisions: Vec<DecisionView>,
}

struct DecisionView {
    id: i32,
    number: String,
    date: String,
    form: String,
    signer_title: String,
    signer_name: String,
    reason: String,
    count: i64,
}

/// The form as a person names it: "Danh hiệu “Đơn vị quyết thắng”", "Bằng khen".
pub(super) fn form_name(tr: &Tr, form: &str, title_name: &Option<String>) -> String {
    let label = label_of(tr, "form", form);
    match title_name {
        Some(t) if !t.trim().is_empty() => format!("{label} “{t}”"),
        _ => label,
    }
}

/// Every issuer in ceremony order with its decisions and how many each awards, and the
/// recipients a search found: a fixed number of queries however many recipients (issuers,
/// decisions, the counts, and a page of the search with its count).
async fn list(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Query(search): Query<RecipientSearch>,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    let tr = c.tr;
    let all_issuers = resource::all::<Issuers, _>(&state.db, id).await?;
    let ceremony = store::programme::ceremony_decisions(&state.db, id).await?;
    let counts = store::award::recipient_counts(&state.db, id).await?;
    let mut issuers: Vec<IssuerView> = Vec::new();
    let decisions = ceremony.len();
    let recipients = counts.values().sum();
    for d in ceremony {
        let view = DecisionView {
            id: d.decision.id,
            number: d.decision.number.clone(),
            date: tr.date(&d.decision.decided_on),
            form: form_name(&tr, &d.decision.form, &d.decision.title_name),
            signer_title: d.decision.signer_title.replace('\n', " – "),
            signer_name: d.decision.signer_name.clone(),
            reason: d.decision.reason.clone().unwrap_or_default(),
            count: counts.get(&d.decision.id).copied().unwrap_or(0),
        };
        match issuers.iter_mut().find(|i| i.id == d.issuer.id) {
            Some(i) => i.decisions.push(view),
            None => issuers.push(IssuerView {
                id: d.issuer.id,
                name: d.issuer.name.clone(),
                level: label_of(&tr, "level", &d.issuer.level),
                place_name: d.issuer.place_name.clone(),
                decisions: vec![view],
            }),
        }
    }
    // Issuers without decisions yet come last, in their own order.
    for i in all_issuers {
        if !issuers.iter().any(|v| v.id == i.id) {
            issuers.push(IssuerView {
                id: i.id,
                level: label_of(&tr, "level", &i.level),
                name: i.name,
                place_name: i.place_name,
                decisions: Vec::new(),
            });
        }
    }
    let base = format!("/app/c/{id}/awards");
    let found = award_lists::table(&state, &tr, id, None, search, &base).await?;
    render(ListPage {
        c,
        issuers,
        decisions,
        recipients,
        found,
    })
}

// ---------------------------------------------------------------------------------------
// One record's page

#[derive(askama::Template)]
#[template(path = "web/award_edit.html")]
struct EditPage {
    c: Chrome,
    form: Form,
    heading: String,
    action: String,
    /// Where "delete" posts, for a stored record.
    delete: Option<String>,
    back: String,
    /// A decision's recipients, with the links to add and print.
    recipients: Option<DecisionRecipients>,
    /// A stored issuer's emblem, and the form to upload or remove it.
    emblem: Option<super::emblems::EmblemView>,
}

struct DecisionRecipients {
    id: i32,
    /// All of the decision's, whatever the search.
    total: i64,
    table: RecipientTable,
}

fn page(status: StatusCode, p: EditPage) -> WebResult {
    render_with(status, p)
}

async fn issuer_choices(state: &AppState, id: i32) -> Result<Vec<(String, String)>, AppError> {
    Ok(resource::all::<Issuers, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|i| (i.id.to_string(), i.name))
        .collect())
}

async fn decision_choices(
    state: &AppState,
    tr: &Tr,
    id: i32,
) -> Result<Vec<(String, String)>, AppError> {
    let issuers: HashMap<i32, String> = resource::all::<Issuers, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    Ok(resource::all::<Decisions, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|d| {
            let issuer = issuers.get(&d.issuer_id).cloned().unwrap_or_default();
            (
                d.id.to_string(),
                format!(
                    "{} – {} ({issuer})",
                    d.number,
                    form_name(tr, &d.form, &d.title_name)
                ),
            )
        })
        .collect())
}

fn issuer_form_choices(tr: &Tr) -> Choices {
    Choices::from([("level", choices_of::<IssuerLevel>(tr, "level"))])
}

async fn decision_form_choices(state: &AppState, tr: &Tr, id: i32) -> Result<Choices, AppError> {
    Ok(Choices::from([
        ("issuer_id", issuer_choices(state, id).await?),
        ("form", choices_of::<AwardForm>(tr, "form")),
    ]))
}

async fn recipient_form_choices(state: &AppState, tr: &Tr, id: i32) -> Result<Choices, AppError> {
    Ok(Choices::from([
        ("decision_id", decision_choices(state, tr, id).await?),
        ("kind", choices_of::<RecipientKind>(tr, "kind")),
        ("honorific", choices_of::<Honorific>(tr, "honorific")),
    ]))
}

// Issuers ------------------------------------------------------------------------------

fn issuer_page(
    c: Chrome,
    form: Form,
    issuer: Option<(i32, super::emblems::EmblemView)>,
    status: StatusCode,
) -> WebResult {
    let id = c.workspace().id;
    let (issuer, emblem) = issuer.unzip();
    let (heading, action, delete) = match issuer {
        Some(i) => (
            c.tr.t("awards-issuer-edit"),
            format!("/app/c/{id}/awards/issuers/{i}"),
            Some(format!("/app/c/{id}/awards/issuers/{i}/delete")),
        ),
        None => (
            c.tr.t("awards-issuer-new"),
            format!("/app/c/{id}/awards/issuers/new"),
            None,
        ),
    };
    page(
        status,
        EditPage {
            c,
            form,
            heading,
            action,
            delete,
            back: format!("/app/c/{id}/awards"),
            recipients: None,
            emblem,
        },
    )
}

/// The page of a stored issuer, with its emblem: `error` is the form's (a refused delete),
/// `emblem_problem` an upload's.
pub(super) async fn stored_issuer_page(
    state: &AppState,
    c: Chrome,
    (id, issuer): (i32, i32),
    error: Option<&AppError>,
    emblem_problem: Option<String>,
    status: StatusCode,
) -> WebResult {
    let m = resource::get::<Issuers, _>(&state.db, id, issuer).await?;
    let mut form = Form::new(
        &c.tr,
        ISSUER_FIELDS,
        &form::values_of(&m),
        &issuer_form_choices(&c.tr),
    )
    .with_version(m.version);
    if let Some(e) = error {
        form = form.with_error(&c.tr, e);
    }
    let emblem = super::emblems::view(state, &c.tr, id, issuer, emblem_problem).await?;
    issuer_page(c, form, Some((issuer, emblem)), status)
}

async fn new_issuer(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let values = serde_json::json!({ "level": "district", "rank": 100 });
    let form = Form::new(&c.tr, ISSUER_FIELDS, &values, &issuer_form_choices(&c.tr));
    issuer_page(c, form, None, StatusCode::OK)
}

async fn create_issuer(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Issuers>(ISSUER_FIELDS, &posted, true);
    let saved = records::save::<Issuers>(&state, &c.actor, id, None, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/app/c/{id}/awards"), "done-created")),
        Err(e) => {
            let form = Form::new(
                &c.tr,
                ISSUER_FIELDS,
                &form::posted_values(&posted),
                &issuer_form_choices(&c.tr),
            );
            let form = with_problem(form, &c.tr, &e);
            issuer_page(c, form, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn edit_issuer(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, issuer)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    stored_issuer_page(&state, c, (id, issuer), None, None, StatusCode::OK).await
}

async fn save_issuer(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, issuer)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Issuers>(ISSUER_FIELDS, &posted, false);
    let at = Some(issuer);
    let saved = records::save::<Issuers>(&state, &c.actor, id, at, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/app/c/{id}/awards"), "done-saved")),
        Err(e) => {
            let form = Form::new(
                &c.tr,
                ISSUER_FIELDS,
                &form::posted_values(&posted),
                &issuer_form_choices(&c.tr),
            );
            let at = (id, issuer);
            let form =
                records::refill::<Issuers>(&state, &c.tr, form, &posted, &e, at, with_problem)
                    .await?;
            let emblem = super::emblems::view(&state, &c.tr, id, issuer, None).await?;
            issuer_page(
                c,
                form,
                Some((issuer, emblem)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

async fn delete_issuer(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, issuer)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    match records::delete::<Issuers>(&state, &c.actor, id, issuer).await {
        Ok(()) => Ok(see_other(&format!("/app/c/{id}/awards"), "done-deleted")),
        Err(e) => {
            let at = (id, issuer);
            stored_issuer_page(&state, c, at, Some(&e), None, StatusCode::CONFLICT).await
        }
    }
}

// Decisions ----------------------------------------------------------------------------

fn decision_page(
    c: Chrome,
    form: Form,
    decision: Option<DecisionRecipients>,
    status: StatusCode,
) -> WebResult {
    let id = c.workspace().id;
    let (heading, action, delete, recipients) = match decision {
        Some(list) => (
            match form.fields.iter().find(|f| f.name == "number") {
                Some(n) if !n.value.trim().is_empty() => {
                    format!("{} {}", c.tr.t("awards-decision"), n.value.trim())
                }
                _ => c.tr.t("awards-decision-edit"),
            },
            format!("/app/c/{id}/awards/{}", list.id),
            Some(format!("/app/c/{id}/awards/{}/delete", list.id)),
            Some(list),
        ),
        None => (
            c.tr.t("awards-decision-new"),
            format!("/app/c/{id}/awards/new"),
            None,
            None,
        ),
    };
    page(
        status,
        EditPage {
            c,
            form,
            heading,
            action,
            delete,
            back: format!("/app/c/{id}/awards"),
            recipients,
            emblem: None,
        },
    )
}

/// The decision's recipients, a page of them as `search` asks.
async fn recipients_of(
    state: &AppState,
    tr: &Tr,
    id: i32,
    decision: i32,
    search: RecipientSearch,
) -> Result<DecisionRecipients, AppError> {
    let base = format!("/app/c/{id}/awards/{decision}");
    let table = award_lists::table(state, tr, id, Some(decision), search, &base).await?;
    let all = store::award::RecipientQuery {
        decision: Some(decision),
        ..Default::default()
    };
    let total = if table.search.narrows() {
        store::award::recipient_count(&state.db, id, &all).await? as i64
    } else {
        // The count of the page's own query.
        table.total as i64
    };
    Ok(DecisionRecipients {
        id: decision,
        total,
        table,
    })
}

async fn new_decision(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let mut values = serde_json::json!({ "form": "giay_khen" });
    if let Some(issuer) = q.get("issuer") {
        values["issuer_id"] = Value::from(issuer.clone());
        if let Ok(i) = issuer.parse::<i32>()
            && let Ok(m) = resource::get::<Issuers, _>(&state.db, id, i).await
        {
            values["signer_title"] = Value::from(m.signer_title);
        }
    }
    let choices = decision_form_choices(&state, &c.tr, id).await?;
    let form = Form::new(&c.tr, DECISION_FIELDS, &values, &choices);
    decision_page(c, form, None, StatusCode::OK)
}

async fn create_decision(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Decisions>(DECISION_FIELDS, &posted, true);
    let saved = records::save::<Decisions>(&state, &c.actor, id, None, body, &posted).await;
    match saved {
        Ok(m) => Ok(see_other(
            &format!("/app/c/{id}/awards/{}", m.id),
            "done-created",
        )),
        Err(e) => {
            let choices = decision_form_choices(&state, &c.tr, id).await?;
            let form = Form::new(
                &c.tr,
                DECISION_FIELDS,
                &form::posted_values(&posted),
                &choices,
            );
            let form = with_problem(form, &c.tr, &e);
            decision_page(c, form, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn edit_decision(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision)): Path<(i32, i32)>,
    Query(search): Query<RecipientSearch>,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    let m = resource::get::<Decisions, _>(&state.db, id, decision).await?;
    let choices = decision_form_choices(&state, &c.tr, id).await?;
    let held_on = crate::store::conference::get(&state.db, id).await?.held_on;
    let late = crate::domain::checks::decided_after(m.decided_on, held_on)
        .then(|| c.tr.t1("warn-decided-after", "date", c.tr.date(&held_on)));
    let form = Form::new(&c.tr, DECISION_FIELDS, &form::values_of(&m), &choices)
        .with_version(m.version)
        .with_warning("decided_on", late);
    let list = recipients_of(&state, &c.tr, id, decision, search).await?;
    decision_page(c, form, Some(list), StatusCode::OK)
}

async fn save_decision(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Decisions>(DECISION_FIELDS, &posted, false);
    let at = Some(decision);
    let saved = records::save::<Decisions>(&state, &c.actor, id, at, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(
            &format!("/app/c/{id}/awards/{decision}"),
            "done-saved",
        )),
        Err(e) => {
            let choices = decision_form_choices(&state, &c.tr, id).await?;
            let form = Form::new(
                &c.tr,
                DECISION_FIELDS,
                &form::posted_values(&posted),
                &choices,
            );
            let at = (id, decision);
            let form =
                records::refill::<Decisions>(&state, &c.tr, form, &posted, &e, at, with_problem)
                    .await?;
            let search = RecipientSearch::default();
            let list = recipients_of(&state, &c.tr, id, decision, search).await?;
            decision_page(c, form, Some(list), StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Delete a decision; its recipients go with it (the form asks first).
async fn delete_decision(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    records::delete::<Decisions>(&state, &c.actor, id, decision).await?;
    Ok(see_other(&format!("/app/c/{id}/awards"), "done-deleted"))
}

// Recipients ---------------------------------------------------------------------------

fn recipient_page(
    c: Chrome,
    form: Form,
    decision: i32,
    recipient: Option<i32>,
    status: StatusCode,
) -> WebResult {
    let id = c.workspace().id;
    let base = format!("/app/c/{id}/awards/{decision}/recipients");
    let (heading, action, delete) = match recipient {
        Some(r) => (
            c.tr.t("awards-recipient-edit"),
            format!("{base}/{r}"),
            Some(format!("{base}/{r}/delete")),
        ),
        None => (c.tr.t("awards-recipient-new"), format!("{base}/new"), None),
    };
    page(
        status,
        EditPage {
            c,
            form,
            heading,
            action,
            delete,
            back: format!("/app/c/{id}/awards/{decision}"),
            recipients: None,
            emblem: None,
        },
    )
}

async fn new_recipient(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision)): Path<(i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    resource::get::<Decisions, _>(&state.db, id, decision).await?;
    let values = serde_json::json!({ "decision_id": decision, "kind": "individual" });
    let choices = recipient_form_choices(&state, &c.tr, id).await?;
    let form = Form::new(&c.tr, RECIPIENT_FIELDS, &values, &choices);
    recipient_page(c, form, decision, None, StatusCode::OK)
}

async fn create_recipient(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Recipients>(RECIPIENT_FIELDS, &posted, true);
    // One already in this decision with the same name and unit is added again only when the
    // form says it is someone else: a double is a name read out twice at the ceremony.
    if !form::repeat_confirmed(&posted) {
        let typed = |k: &str| posted.get(k).map(String::as_str).unwrap_or("");
        let in_decision = typed("decision_id").parse::<i32>().unwrap_or(decision);
        let stored = resource::all::<Recipients, _>(&state.db, id).await?;
        let like = stored.iter().find(|r| {
            r.decision_id == in_decision
                && crate::domain::text::same_person(
                    (&r.name, r.unit.as_deref().unwrap_or("")),
                    (typed("name"), typed("unit")),
                )
        });
        if let Some(r) = like {
            let choices = recipient_form_choices(&state, &c.tr, id).await?;
            let form = Form::new(
                &c.tr,
                RECIPIENT_FIELDS,
                &form::posted_values(&posted),
                &choices,
            )
            .like(
                &r.name,
                r.unit.as_deref(),
                format!("/app/c/{id}/awards/{}/recipients/{}", r.decision_id, r.id),
            );
            return recipient_page(c, form, decision, None, StatusCode::CONFLICT);
        }
    }
    let saved = records::save::<Recipients>(&state, &c.actor, id, None, body, &posted).await;
    match saved {
        Ok(m) => Ok(see_other(
            &format!("/app/c/{id}/awards/{}", m.decision_id),
            "done-created",
        )),
        Err(e) => {
            let choices = recipient_form_choices(&state, &c.tr, id).await?;
            let form = Form::new(
                &c.tr,
                RECIPIENT_FIELDS,
                &form::posted_values(&posted),
                &choices,
            );
            let form = with_problem(form, &c.tr, &e);
            recipient_page(c, form, decision, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

async fn edit_recipient(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision, recipient)): Path<(i32, i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    let m = resource::get::<Recipients, _>(&state.db, id, recipient).await?;
    let choices = recipient_form_choices(&state, &c.tr, id).await?;
    let form =
        Form::new(&c.tr, RECIPIENT_FIELDS, &form::values_of(&m), &choices).with_version(m.version);
    // The recipient's own decision, even when the link named another.
    let _ = decision;
    recipient_page(c, form, m.decision_id, Some(recipient), StatusCode::OK)
}

async fn save_recipient(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision, recipient)): Path<(i32, i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    let body = body_for::<Recipients>(RECIPIENT_FIELDS, &posted, false);
    let at = Some(recipient);
    let saved = records::save::<Recipients>(&state, &c.actor, id, at, body, &posted).await;
    match saved {
        Ok(m) => Ok(see_other(
            &format!("/app/c/{id}/awards/{}", m.decision_id),
            "done-saved",
        )),
        Err(e) => {
            let choices = recipient_form_choices(&state, &c.tr, id).await?;
            let form = Form::new(
                &c.tr,
                RECIPIENT_FIELDS,
                &form::posted_values(&posted),
                &choices,
            );
            let at = (id, recipient);
            let form =
                records::refill::<Recipients>(&state, &c.tr, form, &posted, &e, at, with_problem)
                    .await?;
            recipient_page(
                c,
                form,
                decision,
                Some(recipient),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

async fn delete_recipient(
    State(state): State<AppState>,
    mut c: Chrome,
    Path((id, decision, recipient)): Path<(i32, i32, i32)>,
) -> WebResult {
    c.in_conference(&state, id, Need::Write).await?;
    records::delete::<Recipients>(&state, &c.actor, id, recipient).await?;
    Ok(see_other(
        &format!("/app/c/{id}/awards/{decision}"),
        "done-deleted",
    ))
}
