//! The conferences a user works on: the list, creating one, restoring a backup; and one
//! conference's dashboard and settings (edit, publish, delete).

use std::collections::HashMap;

use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form as Posted, Router};

use super::form::spec::{date, long, number, text};
use super::form::{self, Choices, Form, Spec};
use super::page::{Chrome, WebResult, render, render_with, see_other};
use super::page::{In, Reads, Writes};
use super::records;
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::kinds::ConferenceStatus;
use crate::error::AppError;
use crate::http::IMPORT_BODY_LIMIT;
use crate::service::dashboard;
use crate::store::conference::{ConferenceFilter, Conferences};
use crate::store::resource::{self, Paging};
use crate::store::{self, begin_write};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app", get(list))
        .route("/app/new", get(new_page).post(create))
        .route(
            "/app/restore",
            // A backup may be as large as the API's restore takes, not the form default.
            post(restore).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route("/app/c/{id}", get(overview))
        .route("/app/c/{id}/settings", get(settings).post(save_settings))
        .route("/app/c/{id}/publish", post(publish))
        .route("/app/c/{id}/delete", post(delete))
}

/// The fields of a conference, as the API names them.
const FIELDS: &[Spec] = &[
    text("title", "field-title").required(),
    text("acronym", "field-acronym"),
    text("movement", "field-movement").required(),
    number("year_reviewed", "field-year-reviewed").required(),
    date("held_on", "field-held-on").required(),
    text("host_body", "field-host-body").required(),
    text("venue", "field-venue").required(),
    text("place_name", "field-place-name").required(),
    text("time_zone", "field-time-zone"),
];

/// What the invitation (giấy mời) says beyond the fields above: the API's `invitation`
/// object, one field each on the settings page (blank: the printout's default).
const INVITATION_FIELDS: &[Spec] = &[
    text("invitation.number", "field-invitation-number"),
    date("invitation.dated", "field-invitation-dated"),
    text("invitation.parent_body", "field-invitation-parent-body"),
    text("invitation.issuing_unit", "field-invitation-issuing-unit"),
    text("invitation.subject", "field-invitation-subject"),
    text("invitation.time", "field-invitation-time"),
    long("invitation.bring", "field-invitation-bring"),
    long("invitation.recipients", "field-invitation-recipients"),
    long("invitation.signer_title", "field-invitation-signer-title"),
    text("invitation.signer_rank", "field-invitation-signer-rank"),
    text("invitation.signer_name", "field-invitation-signer-name"),
];

/// The settings page's fields: the conference's and its invitation's.
fn settings_fields() -> Vec<Spec> {
    FIELDS.iter().chain(INVITATION_FIELDS).copied().collect()
}

/// A stored conference as the settings form shows it: the invitation's fields as
/// `invitation.<name>`.
fn settings_values(m: &entity::conference::Model) -> serde_json::Value {
    let mut values = form::values_of(m);
    if let Some(inv) = values
        .get("invitation")
        .and_then(|v| v.as_object())
        .cloned()
    {
        for (k, v) in inv {
            values[format!("invitation.{k}")] = v;
        }
    }
    values
}

/// The posted `invitation.<name>` fields as the API's one `invitation` object.
fn nest_invitation(body: serde_json::Value) -> serde_json::Value {
    let serde_json::Value::Object(mut map) = body else {
        return body;
    };
    let keys: Vec<String> = map
        .keys()
        .filter(|k| k.starts_with("invitation."))
        .cloned()
        .collect();
    let mut invitation = serde_json::Map::new();
    for k in keys {
        if let Some(v) = map.remove(&k) {
            invitation.insert(k["invitation.".len()..].to_string(), v);
        }
    }
    map.insert("invitation".into(), serde_json::Value::Object(invitation));
    serde_json::Value::Object(map)
}

#[derive(askama::Template)]
#[template(path = "web/conferences.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    restore_problem: Option<String>,
}

struct Row {
    id: i32,
    title: String,
    date: String,
    venue: String,
    status: String,
    role: String,
}

async fn list(State(state): State<AppState>, c: Chrome) -> WebResult {
    c.require_user()?;
    list_with(&state, c, None, StatusCode::OK).await
}

async fn list_with(
    state: &AppState,
    c: Chrome,
    restore_problem: Option<String>,
    status: StatusCode,
) -> WebResult {
    let page = store::conference::list(
        &state.db,
        &c.actor,
        Paging {
            limit: Some(Paging::MAX),
            offset: None,
        },
        &ConferenceFilter::default(),
    )
    .await?;
    let uid = c.require_user()?;
    let roles = store::account::roles_of(&state.db, uid).await?;
    let rows = page
        .items
        .into_iter()
        .map(|m| Row {
            role: roles.get(&m.id).map_or_else(
                || c.tr.t("role-none"),
                |r| c.tr.t(&format!("role-{}", r.code())),
            ),
            status: c.tr.t(&format!("status-{}", m.status)),
            date: c.tr.date(&m.held_on),
            id: m.id,
            title: m.title,
            venue: m.venue,
        })
        .collect();
    render_with(
        status,
        ListPage {
            c,
            rows,
            restore_problem,
        },
    )
}

#[derive(askama::Template)]
#[template(path = "web/conference_form.html")]
struct EditPage {
    c: Chrome,
    form: Form,
    action: String,
    heading: String,
    /// The delete form's problem (a mistyped title), shown beside its field.
    delete_problem: Option<String>,
    /// What was typed in the delete form's field, kept.
    delete_typed: String,
}

async fn new_page(c: Chrome) -> WebResult {
    c.require_user()?;
    let defaults = serde_json::json!({
        "year_reviewed": chrono::Utc::now().format("%Y").to_string(),
        "time_zone": "Asia/Ho_Chi_Minh",
    });
    let form = Form::new(&c.tr, FIELDS, &defaults, &Choices::new());
    edit_page(c, form, StatusCode::OK, None, String::new())
}

async fn create(
    State(state): State<AppState>,
    c: Chrome,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.require_user()?;
    let saved = async {
        let body = form::to_json(FIELDS, &posted)?;
        let txn = begin_write(&state.db).await?;
        let m = store::conference::create(&txn, &c.actor, body).await?;
        txn.commit().await?;
        Ok::<_, AppError>(m)
    }
    .await;
    match saved {
        Ok(m) => Ok(see_other(&format!("/app/c/{}", m.id), "done-created")),
        Err(e) => {
            let form = Form::new(
                &c.tr,
                FIELDS,
                &form::posted_values(&posted),
                &Choices::new(),
            )
            .with_error(&c.tr, &e);
            edit_page(
                c,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                String::new(),
            )
        }
    }
}

/// Restore a backup file (from "Download a backup") as a new conference.
async fn restore(State(state): State<AppState>, c: Chrome, mut upload: Multipart) -> WebResult {
    c.require_user()?;
    // A body over the limit or cut short is named as such, not taken for a missing file.
    let unread = |e: MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge {
            limit: IMPORT_BODY_LIMIT,
        },
        _ => {
            let detail = e.body_text();
            AppError::invalid("file", "unreadable", &[("detail", detail.clone())], detail)
        }
    };
    let mut bytes = Err(AppError::invalid(
        "file",
        "no-backup-file",
        &[],
        "choose a backup file",
    ));
    loop {
        match upload.next_field().await {
            Ok(Some(part)) if part.name() == Some("file") => {
                bytes = part.bytes().await.map_err(unread);
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                bytes = Err(unread(e));
                break;
            }
        }
    }
    let restored = async {
        let doc: serde_json::Value = serde_json::from_slice(&bytes?).map_err(|e| {
            let english = format!("is not a backup (JSON): {e}");
            AppError::invalid("file", "not-a-backup", &[], english)
        })?;
        crate::service::backup::restore(&state.db, &c.actor, doc).await
    }
    .await;
    match restored {
        Ok(id) => Ok(see_other(&format!("/app/c/{id}"), "done-restored")),
        Err(e) => {
            let problem = c.tr.error(&e);
            list_with(&state, c, Some(problem), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

#[derive(askama::Template)]
#[template(path = "web/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    o: dashboard::Overview,
    /// (label, delegates, checked in)
    categories: Vec<(String, usize, usize)>,
    /// (label, delegates)
    attendance: Vec<(String, usize)>,
    /// (issuer, form, collectives, individuals)
    awards: Vec<(String, String, u32, u32)>,
    /// (text, link)
    todo: Vec<(String, String)>,
}

async fn overview(In { state, c, id, .. }: In<Reads>) -> WebResult {
    let o = dashboard::overview(&state.db, id).await?;
    let tr = c.tr;
    let categories = o
        .categories
        .iter()
        .map(|(code, (n, here))| (tr.t(&format!("category-{code}")), *n, *here))
        .collect();
    let attendance = o
        .attendance
        .iter()
        .map(|(code, n)| (tr.t(&format!("attendance-{code}")), *n))
        .collect();
    let awards = o
        .summary
        .counts
        .iter()
        .map(|a| {
            let form = a
                .title_name
                .clone()
                .unwrap_or_else(|| super::public::form_label(&a.form));
            (a.issuer.clone(), form, a.collectives, a.individuals)
        })
        .collect();
    // What is missing, then what would stop the certificates, as the print centre and the
    // printer see it (a missing signer is named among the first already).
    let mut todo: Vec<(String, String)> = o
        .missing
        .iter()
        .map(|m| (m.words(&tr), m.link(id)))
        .collect();
    if o.recipients > 0 {
        let ready = crate::service::readiness::certificates(
            &state.db,
            state.printer(),
            id,
            &crate::store::programme::Selection::default(),
            crate::print::RenderMode::Full,
            None,
        )
        .await?;
        let words = ready.words(&tr, id);
        for (o, (text, link)) in ready.obstacles.iter().zip(&words) {
            if o.code != "no-signer" {
                let link = link.clone().unwrap_or_else(|| format!("/app/c/{id}/print"));
                todo.push((text.clone(), link));
            }
        }
        if ready.more > 0
            && let Some((text, _)) = words.last()
        {
            todo.push((text.clone(), format!("/app/c/{id}/print")));
        }
    }
    render(DashboardPage {
        c,
        o,
        categories,
        attendance,
        awards,
        todo,
    })
}

async fn settings(In { state, c, id, .. }: In<Writes>) -> WebResult {
    let form = settings_form(&state, &c.tr, id).await?;
    settings_page(c, form, StatusCode::OK)
}

/// The settings form as stored.
async fn settings_form(state: &AppState, tr: &super::i18n::Tr, id: i32) -> Result<Form, AppError> {
    let m = store::conference::get(&state.db, id).await?;
    Ok(Form::new(
        tr,
        &settings_fields(),
        &settings_values(&m),
        &Choices::new(),
    )
    .with_version(m.version))
}

fn settings_page(c: Chrome, form: Form, status: StatusCode) -> WebResult {
    edit_page(c, form, status, None, String::new())
}

/// The conference's form: a new one (`/app/new`), or the settings of the workspace's, with
/// the delete form's problem and what was typed in it.
fn edit_page(
    c: Chrome,
    form: Form,
    status: StatusCode,
    delete_problem: Option<String>,
    delete_typed: String,
) -> WebResult {
    let (action, heading) = match &c.conference {
        Some(w) => (format!("/app/c/{}/settings", w.id), c.tr.t("nav-settings")),
        None => ("/app/new".to_string(), c.tr.t("conference-new")),
    };
    render_with(
        status,
        EditPage {
            c,
            form,
            action,
            heading,
            delete_problem,
            delete_typed,
        },
    )
}

async fn save_settings(
    In { state, c, id, .. }: In<Writes>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let fields = settings_fields();
    let body = form::to_json(&fields, &posted).map(nest_invitation);
    let at = Some(id);
    let saved = records::save_record::<Conferences>(&state, &c.actor, id, at, body, &posted).await;
    match saved {
        Ok(_) => Ok(see_other(&format!("/app/c/{id}/settings"), "done-saved")),
        Err(e) => {
            let stored = store::conference::get(&state.db, id).await?;
            let values = settings_values(&stored);
            let posted_values = form::posted_values(&posted);
            let form = Form::new(&c.tr, &fields, &posted_values, &Choices::new())
                .after_failed_save(&c.tr, &posted, &e, (&values, stored.version));
            settings_page(c, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Publish (the public page and feeds appear) or take back to draft.
async fn publish(
    In { state, c, id, .. }: In<Writes>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let status = match posted.get("status").map(String::as_str) {
        Some("published") => ConferenceStatus::Published,
        _ => ConferenceStatus::Draft,
    };
    let txn = begin_write(&state.db).await?;
    resource::patch::<Conferences, _>(
        &txn,
        &c.actor,
        id,
        id,
        serde_json::json!({ "status": status.code() }),
        None,
    )
    .await?;
    txn.commit().await?;
    let notice = if status == ConferenceStatus::Published {
        "done-published"
    } else {
        "done-unpublished"
    };
    Ok(see_other(&format!("/app/c/{id}/settings"), notice))
}

/// Delete the conference with all it holds (owners only; the form asks to type its title).
async fn delete(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let title = c.in_conference(&state, id, Need::Own).await?.name.clone();
    let typed = posted.get("confirm").cloned().unwrap_or_default();
    if typed.trim() != title.trim() {
        // Shown beside the field of the settings page, with what was typed.
        let form = settings_form(&state, &c.tr, id).await?;
        let problem = c.tr.t("delete-mistyped");
        return edit_page(
            c,
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(problem),
            typed,
        );
    }
    let txn = begin_write(&state.db).await?;
    resource::delete::<Conferences, _>(&txn, &c.actor, id, id, None).await?;
    txn.commit().await?;
    Ok(Redirect::to("/app?done=done-deleted").into_response())
}
