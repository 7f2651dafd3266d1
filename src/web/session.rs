//! Signing in and out, and choosing the language.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use cookie::{Cookie, SameSite};

use super::i18n::{LANG_COOKIE, Lang};
use super::page::{Chrome, WebError, WebResult, render, render_with};
use crate::app::AppState;
use crate::error::AppError;
use crate::http::{Client, cleared_session_cookie, same_origin, session_secret};
use crate::service::account;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/lang", post(choose_language))
}

#[derive(askama::Template)]
#[template(path = "web/login.html")]
struct LoginPage {
    c: Chrome,
    next: String,
    email: String,
    problem: Option<String>,
}

/// A path on this site to go back to, never another site: `//evil.example`, `/\\evil`, and
/// `/<TAB>/evil` (browsers drop tabs and line breaks from a URL) all become `default`, as
/// does anything that is not a valid path and query (it could not be a Location).
pub fn local_path(path: Option<&String>, default: &str) -> String {
    let local = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.contains('\\')
            && !p.chars().any(|c| c.is_control() || c.is_whitespace())
            && p.parse::<axum::http::uri::PathAndQuery>().is_ok()
            && HeaderValue::from_str(p).is_ok()
    };
    match path {
        Some(p) if local(p) => p.clone(),
        _ => default.to_string(),
    }
}

async fn login_page(c: Chrome, Query(q): Query<HashMap<String, String>>) -> WebResult {
    if c.signed_in() {
        return Ok(Redirect::to(&local_path(q.get("next"), "/app")).into_response());
    }
    render(LoginPage {
        next: local_path(q.get("next"), "/app"),
        c,
        email: String::new(),
        problem: None,
    })
}

async fn login(
    State(state): State<AppState>,
    c: Chrome,
    client: Client,
    headers: HeaderMap,
    Form(posted): Form<HashMap<String, String>>,
) -> WebResult {
    // Nobody is signed in yet, so the session's Origin check has not run: a page of another
    // site must not sign the browser in to an account of its choosing.
    if headers.contains_key(header::ORIGIN) && !same_origin(&state, &headers) {
        return Err(WebError::App(AppError::forbidden(
            "cross-site",
            &[],
            "cross-site sign-in refused",
        )));
    }
    let email = posted.get("email").cloned().unwrap_or_default();
    let password = posted.get("password").cloned().unwrap_or_default();
    let next = local_path(posted.get("next"), "/app");
    match account::sign_in(&state.db, &email, password, &client.address).await {
        Ok(signed_in) => {
            let cookie = client.session_cookie(signed_in.secret, signed_in.lasts);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
        }
        Err(
            e @ (AppError::Unauthorized(_)
            | AppError::TooManyRequests { .. }
            | AppError::Validation(_)),
        ) => {
            let (status, key) = match e {
                AppError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "login-wrong"),
                AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "login-email-long"),
                _ => (StatusCode::TOO_MANY_REQUESTS, "login-throttled"),
            };
            let problem = Some(c.tr.t(key));
            render_with(
                status,
                LoginPage {
                    c,
                    next,
                    // Not echoed when it was refused for its length.
                    email: if key == "login-email-long" {
                        String::new()
                    } else {
                        email
                    },
                    problem,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> WebResult {
    if let Some(secret) = session_secret(&headers) {
        account::sign_out(&state.db, &secret).await?;
    }
    Ok((
        [(header::SET_COOKIE, cleared_session_cookie().to_string())],
        Redirect::to("/"),
    )
        .into_response())
}

/// Remember the language chosen, and go back to the page it was chosen on.
async fn choose_language(Form(posted): Form<HashMap<String, String>>) -> Response {
    let back = local_path(posted.get("back"), "/");
    let Some(lang) = posted.get("lang").and_then(|l| Lang::from_code(l)) else {
        return Redirect::to(&back).into_response();
    };
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::days(365))
        .build();
    (
        [(header::SET_COOKIE, cookie.to_string())],
        Redirect::to(&back),
    )
        .into_response()
}
