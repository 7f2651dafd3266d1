//! The site admins' page of users: every account, and creating one (what the console's
//! `hoinghi user add` does), so that an office can take on a colleague without a terminal.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form as Posted, Router};

use super::account::moment;
use super::form::spec::{check, email, password};
use super::form::{self, Choices, Form, Spec};
use super::page::{Chrome, WebError, WebResult, render_with, see_other};
use crate::app::AppState;
use crate::error::AppError;
use crate::service::account;
use crate::store;

pub fn router() -> Router<AppState> {
    Router::new().route("/app/admin/users", get(list).post(create))
}

/// A new account: what `hoinghi user add` asks for.
const FIELDS: &[Spec] = &[
    email("email", "field-email").required(),
    password("password", "admin-initial-password").required(),
    check("is_admin", "admin-field-is-admin"),
];

#[derive(askama::Template)]
#[template(path = "web/admin_users.html")]
struct UsersPage {
    c: Chrome,
    rows: Vec<Row>,
    form: Form,
}

struct Row {
    email: String,
    is_admin: bool,
    created: String,
    is_me: bool,
}

/// Site admins only: anyone else is refused (403), not asked to sign in again.
fn require_admin(c: &Chrome) -> Result<(), WebError> {
    c.require_user()?;
    if !c.actor.is_superuser() {
        return Err(
            AppError::forbidden("site-admin-needed", &[], "only site admins manage users").into(),
        );
    }
    Ok(())
}

async fn list(State(state): State<AppState>, c: Chrome) -> WebResult {
    require_admin(&c)?;
    let form = Form::new(&c.tr, FIELDS, &serde_json::json!({}), &Choices::new());
    page(&state, c, form, StatusCode::OK).await
}

async fn page(state: &AppState, c: Chrome, form: Form, status: StatusCode) -> WebResult {
    let tz = crate::domain::input::DEFAULT_TIME_ZONE
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let me = c.actor.user_id();
    let rows = store::account::list_users(&state.db)
        .await?
        .into_iter()
        .map(|u| Row {
            created: moment(&c.tr, &u.created_at, tz),
            is_me: me == Some(u.id),
            is_admin: u.is_admin,
            email: u.email,
        })
        .collect();
    render_with(status, UsersPage { c, rows, form })
}

async fn create(
    State(state): State<AppState>,
    c: Chrome,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    require_admin(&c)?;
    let email = posted.get("email").cloned().unwrap_or_default();
    let password = posted.get("password").cloned().unwrap_or_default();
    let is_admin = matches!(
        posted.get("is_admin").map(String::as_str),
        Some("true" | "on" | "1")
    );
    match account::create_user(&state.db, &email, password, is_admin).await {
        Ok(_) => Ok(see_other("/app/admin/users", "done-user-created")),
        Err(e @ (AppError::Validation(_) | AppError::Conflict(_) | AppError::Duplicate(_))) => {
            let e = match e {
                // The only conflict of a new account: its email is taken.
                AppError::Conflict(_) | AppError::Duplicate(_) => {
                    let english = "there is already an account with this email";
                    AppError::invalid("email", "email-taken", &[("email", email.clone())], english)
                }
                e => e,
            };
            // The password is never written back into the page.
            let mut values = form::posted_values(&posted);
            values["password"] = serde_json::Value::Null;
            values["is_admin"] = serde_json::Value::Bool(is_admin);
            let form = Form::new(&c.tr, FIELDS, &values, &Choices::new()).with_error(&c.tr, &e);
            page(&state, c, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
