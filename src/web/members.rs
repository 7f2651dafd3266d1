//! A conference's members: who works on it and in which role. Everyone who may read the
//! conference sees the list; its owners add colleagues by email, change roles and remove
//! members, through the same use cases as the API (which keep an owner and audit it all).

use std::collections::HashMap;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};

use super::form::spec::{choice, email};
use super::form::{self, Choices, Form, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render_with, see_other};
use super::page::{In, Owns, Reads};
use crate::app::AppState;
use crate::domain::access::Role;
use crate::error::{AppError, FieldError};
use crate::service::members;
use crate::store;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/members", get(list).post(add))
        .route("/app/c/{id}/members/{user_id}/role", post(change_role))
        .route("/app/c/{id}/members/{user_id}/remove", post(remove))
}

/// Adding a member: the API's `MemberInput`.
const ADD_FIELDS: &[Spec] = &[
    email("email", "field-email").required(),
    choice("role", "members-field-role").required(),
];

#[derive(askama::Template)]
#[template(path = "web/members.html")]
struct MembersPage {
    c: Chrome,
    rows: Vec<Row>,
    /// The form that adds a member.
    form: Form,
    /// A refusal of the whole page's request (the last owner), in the user's language.
    problem: Option<String>,
    /// (code, label) of every role, from the least.
    roles: Vec<(String, String)>,
}

struct Row {
    user_id: i32,
    email: String,
    role: String,
    role_label: String,
    is_me: bool,
}

fn roles(tr: &Tr) -> Vec<(String, String)> {
    [Role::Viewer, Role::Editor, Role::Owner]
        .into_iter()
        .map(|r| (r.code().to_string(), tr.t(&format!("role-{}", r.code()))))
        .collect()
}

fn add_form(tr: &Tr, values: &serde_json::Value) -> Form {
    let choices: Choices = [("role", roles(tr))].into_iter().collect();
    Form::new(tr, ADD_FIELDS, values, &choices)
}

async fn list(
    In {
        state, c, id: _, ..
    }: In<Reads>,
) -> WebResult {
    let form = add_form(&c.tr, &serde_json::json!({ "role": Role::Viewer.code() }));
    page(&state, c, form, None, StatusCode::OK).await
}

async fn page(
    state: &AppState,
    c: Chrome,
    form: Form,
    problem: Option<String>,
    status: StatusCode,
) -> WebResult {
    let id = c.workspace().id;
    let memberships = members::list(&state.db, &c.actor, id).await?;
    let ids: Vec<i32> = memberships.iter().map(|m| m.user_id).collect();
    let emails = store::account::emails_of(&state.db, &ids).await?;
    let me = c.actor.user_id();
    let mut rows: Vec<Row> = memberships
        .into_iter()
        .map(|m| Row {
            email: emails.get(&m.user_id).cloned().unwrap_or_default(),
            role_label: c.tr.t(&format!("role-{}", m.role)),
            is_me: me == Some(m.user_id),
            user_id: m.user_id,
            role: m.role,
        })
        .collect();
    // Owners first, then editors, then viewers; by email within a role.
    rows.sort_by(|a, b| {
        let rank = |r: &Row| Role::from_code(&r.role).map(std::cmp::Reverse);
        rank(a).cmp(&rank(b)).then_with(|| a.email.cmp(&b.email))
    });
    let roles = roles(&c.tr);
    render_with(
        status,
        MembersPage {
            c,
            rows,
            form,
            problem,
            roles,
        },
    )
}

fn posted_role(posted: &HashMap<String, String>) -> Result<Role, AppError> {
    posted
        .get("role")
        .and_then(|r| Role::from_code(r.trim()))
        .ok_or_else(|| AppError::invalid("role", "no-role", &[], "must be viewer, editor or owner"))
}

/// Give a colleague (by the email of their account) a role.
async fn add(
    In { state, c, id, .. }: In<Owns>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let email = posted.get("email").map(|e| e.trim()).unwrap_or("");
    let saved = async {
        let role = posted_role(&posted)?;
        if email.is_empty() {
            return Err(FieldError::empty("email").into());
        }
        members::set_role(&state.db, &c.actor, id, email, role).await
    }
    .await;
    match saved {
        Ok(_) => Ok(see_other(
            &format!("/app/c/{id}/members"),
            "done-member-saved",
        )),
        Err(e) => refused(&state, c, e, &posted).await,
    }
}

/// Show a refused change on the page: a field's problem beside it, the last owner's
/// refusal above the list.
async fn refused(
    state: &AppState,
    c: Chrome,
    e: AppError,
    posted: &HashMap<String, String>,
) -> WebResult {
    let tr = c.tr;
    match e {
        AppError::Conflict(_) => {
            let form = add_form(&tr, &serde_json::json!({ "role": Role::Viewer.code() }));
            let problem = Some(tr.t("members-last-owner"));
            page(state, c, form, problem, StatusCode::CONFLICT).await
        }
        e @ AppError::Validation(_) => {
            let form = add_form(&tr, &form::posted_values(posted)).with_error(&tr, &e);
            page(state, c, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        other => Err(other.into()),
    }
}

/// Change a member's role (the select and Save of their row).
async fn change_role(
    In { state, c, id, .. }: In<Owns>,
    Path((_, user_id)): Path<(i32, i32)>,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let saved = async {
        let role = posted_role(&posted)?;
        store::account::membership(&state.db, id, user_id)
            .await?
            .ok_or_else(|| AppError::not_found("member", user_id))?;
        let user = store::account::find_user_by_id(&state.db, user_id)
            .await?
            .ok_or_else(|| AppError::not_found("user", user_id))?;
        members::set_role(&state.db, &c.actor, id, &user.email, role).await
    }
    .await;
    match saved {
        Ok(_) => Ok(see_other(
            &format!("/app/c/{id}/members"),
            "done-member-saved",
        )),
        Err(e) => refused(&state, c, e, &HashMap::new()).await,
    }
}

/// Take a member's access to the conference away.
async fn remove(
    In { state, c, id, .. }: In<Owns>,
    Path((_, user_id)): Path<(i32, i32)>,
) -> WebResult {
    match members::remove(&state.db, &c.actor, id, user_id).await {
        // Who removed themselves no longer sees the conference.
        Ok(()) if c.actor.user_id() == Some(user_id) && !c.actor.is_superuser() => {
            Ok(see_other("/app", "done-member-removed"))
        }
        Ok(()) => Ok(see_other(
            &format!("/app/c/{id}/members"),
            "done-member-removed",
        )),
        Err(e) => refused(&state, c, e, &HashMap::new()).await,
    }
}
