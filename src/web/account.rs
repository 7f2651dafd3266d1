//! One's own account: changing the password, and personal API tokens for scripts (the
//! secret is shown once, right after it is made). The same use cases as the API.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use chrono::{DateTime, Utc};

use super::form::spec::password;
use super::form::{Choices, Form, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render_with, see_other};
use crate::app::AppState;
use crate::domain::input::DEFAULT_TIME_ZONE;
use crate::domain::validate::FieldError;
use crate::error::AppError;
use crate::http::cleared_session_cookie;
use crate::service::account;
use crate::store::account::MIN_PASSWORD;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/account", get(show))
        .route("/app/account/password", post(change_password))
        .route("/app/account/tokens", post(create_token))
        .route("/app/account/tokens/{token_id}/revoke", post(revoke_token))
}

/// Changing the password: the API's `PasswordChange`, and the new one typed again.
const PASSWORD_FIELDS: &[Spec] = &[
    password("current_password", "account-current-password").required(),
    password("new_password", "account-new-password").required(),
    password("repeat_password", "account-repeat-password").required(),
];

/// A moment as the user reads it: "14/3/2019 07h30" in Vietnam's time.
pub(super) fn moment(tr: &Tr, at: &DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{} {}",
        tr.date(&local.date_naive()),
        tr.time(&local.time())
    )
}

fn vietnam() -> chrono_tz::Tz {
    DEFAULT_TIME_ZONE
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh)
}

#[derive(askama::Template)]
#[template(path = "web/account.html")]
struct AccountPage {
    c: Chrome,
    /// Changing the password.
    form: Form,
    tokens: Vec<TokenRow>,
    /// The name typed for a new token, and its problem.
    token_name: String,
    token_error: Option<String>,
    /// A token just made: its name and secret, shown this once.
    created: Option<(String, String)>,
    min_password: usize,
}

struct TokenRow {
    id: i32,
    name: String,
    created: String,
    last_used: Option<String>,
    revoked: Option<String>,
}

fn password_form(tr: &Tr) -> Form {
    Form::new(tr, PASSWORD_FIELDS, &serde_json::json!({}), &Choices::new())
}

async fn show(State(state): State<AppState>, c: Chrome) -> WebResult {
    c.require_user()?;
    let form = password_form(&c.tr);
    page(&state, c, form, Extra::default(), StatusCode::OK).await
}

/// What the token part of the page shows besides the list.
#[derive(Default)]
struct Extra {
    token_name: String,
    token_error: Option<String>,
    created: Option<(String, String)>,
}

async fn page(
    state: &AppState,
    c: Chrome,
    form: Form,
    extra: Extra,
    status: StatusCode,
) -> WebResult {
    let tz = vietnam();
    let tokens = account::list_tokens(&state.db, &c.actor)
        .await?
        .into_iter()
        .rev()
        .map(|t| TokenRow {
            id: t.id,
            created: moment(&c.tr, &t.created_at, tz),
            last_used: t.last_used_at.map(|at| moment(&c.tr, &at, tz)),
            revoked: t.revoked_at.map(|at| moment(&c.tr, &at, tz)),
            name: t.name,
        })
        .collect();
    let shows_secret = extra.created.is_some();
    let mut res = render_with(
        status,
        AccountPage {
            c,
            form,
            tokens,
            token_name: extra.token_name,
            token_error: extra.token_error,
            created: extra.created,
            min_password: MIN_PASSWORD,
        },
    )?;
    if shows_secret {
        // The secret must not linger in a cache or come back with the Back button.
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            "no-store".parse().expect("a header value"),
        );
    }
    Ok(res)
}

async fn change_password(
    State(state): State<AppState>,
    c: Chrome,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.require_user()?;
    let text = |name: &str| posted.get(name).cloned().unwrap_or_default();
    let (current, new, repeat) = (
        text("current_password"),
        text("new_password"),
        text("repeat_password"),
    );
    let changed = async {
        let mut problems = Vec::new();
        if current.is_empty() {
            problems.push(FieldError::empty("current_password"));
        }
        if new != repeat {
            let english = "does not match the new password";
            problems.push(FieldError::coded(
                "repeat_password",
                "password-repeat",
                &[],
                english,
            ));
        }
        if !problems.is_empty() {
            return Err(AppError::Validation(problems));
        }
        account::change_password(&state.db, &c.actor, current.clone(), new.clone()).await
    }
    .await;
    match changed {
        // Every session of the account has ended: sign in again with the new password.
        Ok(()) => {
            let cleared = [(header::SET_COOKIE, cleared_session_cookie().to_string())];
            let to_sign_in = see_other("/login?next=/app/account", "done-password-changed");
            Ok((cleared, to_sign_in).into_response())
        }
        Err(e @ AppError::Validation(_)) => {
            // Passwords are never written back into the page.
            let form = password_form(&c.tr).with_error(&c.tr, &e);
            page(
                &state,
                c,
                form,
                Extra::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn create_token(
    State(state): State<AppState>,
    c: Chrome,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    c.require_user()?;
    let name = posted.get("name").cloned().unwrap_or_default();
    let form = password_form(&c.tr);
    match account::create_token(&state.db, &c.actor, &name).await {
        Ok((token, secret)) => {
            let extra = Extra {
                created: Some((token.name, secret)),
                ..Extra::default()
            };
            page(&state, c, form, extra, StatusCode::OK).await
        }
        Err(e @ AppError::Validation(_)) => {
            let token_error = match e {
                AppError::Validation(errors) => {
                    let words: Vec<String> = errors.iter().map(|f| c.tr.field_problem(f)).collect();
                    Some(words.join("; "))
                }
                _ => None,
            };
            let extra = Extra {
                token_name: name,
                token_error,
                created: None,
            };
            page(&state, c, form, extra, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    c: Chrome,
    Path(token_id): Path<i32>,
) -> WebResult {
    c.require_user()?;
    account::revoke_token(&state.db, &c.actor, token_id).await?;
    Ok(see_other("/app/account", "done-token-revoked").into_response())
}
