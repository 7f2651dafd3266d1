//! The public verification page of a certificate, `/v/<code>` (the URL its QR holds): for
//! people in their language, and as JSON for `Accept: application/json`. Shows only what the
//! certificate says, never other data of the conference.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use serde_json::json;

use super::page::{Chrome, WebResult, render_with};
use crate::app::AppState;
use crate::domain::code::grouped;
use crate::domain::verification::{VerifiedCertificate, normalize_code};
use crate::http::Client;
use crate::service::verification::{Lookup, lookup};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v", get(typed))
        .route("/v/{code}", get(page))
        // The address in capitals, as QR codes print it (domain::verification::url).
        .route("/V/{code}", get(page))
}

#[derive(askama::Template)]
#[template(path = "web/verify.html")]
struct VerifyPage {
    c: Chrome,
    /// `valid`, `revoked`, `unknown`, `too-many`, or `ask` (the form alone).
    state: &'static str,
    code: String,
    shown: Option<VerifiedCertificate>,
    /// "No. 456/QĐ-UBND of 10/3/2019"
    decision_line: String,
    revoked_on: String,
    retry_after: u64,
}

#[derive(serde::Deserialize)]
struct Typed {
    #[serde(default)]
    code: String,
}

/// The form of the page: a typed code goes to its page; no code (or only spaces and dashes)
/// shows the form alone, not "not found" for a code nobody typed.
async fn typed(c: Chrome, Query(q): Query<Typed>) -> WebResult {
    if q.code.chars().all(|ch| ch.is_whitespace() || ch == '-') {
        let mut res = render_with(
            StatusCode::OK,
            VerifyPage {
                state: "ask",
                code: String::new(),
                shown: None,
                decision_line: String::new(),
                revoked_on: String::new(),
                retry_after: 0,
                c,
            },
        )?;
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(res);
    }
    let code = normalize_code(&q.code).unwrap_or_else(|| "0".repeat(16));
    Ok(Redirect::to(&format!("/v/{code}")).into_response())
}

async fn page(
    State(state): State<AppState>,
    c: Chrome,
    Path(code): Path<String>,
    client: Client,
    headers: HeaderMap,
) -> WebResult {
    let found = lookup(&state.db, &code, &client.address).await?;
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let (status, state_name) = match &found {
        Lookup::Valid(_) => (StatusCode::OK, "valid"),
        Lookup::Revoked { .. } => (StatusCode::OK, "revoked"),
        Lookup::Unknown => (StatusCode::NOT_FOUND, "unknown"),
        Lookup::TooMany(_) => (StatusCode::TOO_MANY_REQUESTS, "too-many"),
    };
    let retry_after = match found {
        Lookup::TooMany(s) => s,
        _ => 0,
    };
    let (shown, revoked_at, revoked_on) = match found {
        Lookup::Valid(shown) => (Some(shown), None, None),
        Lookup::Revoked { shown, at, on } => (shown, Some(at), Some(on)),
        _ => (None, None, None),
    };
    let mut res = if wants_json {
        let body = json!({
            "status": state_name,
            "certificate": shown,
            "revoked_at": revoked_at,
        });
        (status, Json(body)).into_response()
    } else {
        render_with(
            status,
            VerifyPage {
                decision_line: shown
                    .as_ref()
                    .map(|s| {
                        c.tr.t2(
                            "verify-decision-line",
                            ("number", s.decision_number.clone().into()),
                            ("date", c.tr.date(&s.decided_on).into()),
                        )
                    })
                    .unwrap_or_default(),
                revoked_on: revoked_on.map(|on| c.tr.date(&on)).unwrap_or_default(),
                code: normalize_code(&code)
                    .map(|c| grouped(&c))
                    .unwrap_or_default(),
                state: state_name,
                shown,
                retry_after,
                c,
            },
        )?
    };
    if retry_after > 0 {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    }
    // A verification is of this moment: not kept by shared caches.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
