//! The hall's screen (`/app/c/ID/screen`, full screen on the projector's laptop) and the
//! MC's remote (`/app/c/ID/remote`, on a phone). Both follow the slide by server-sent events
//! (`…/screen/events`); the remote's buttons and the projector's keyboard move it. Without
//! JavaScript the remote's buttons are plain forms that come back to the remote. Anyone of
//! the conference may watch the screen; only its editors drive.

use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form as Posted, Router};
use futures::Stream;
use sea_orm::EntityTrait;

use super::page::{Chrome, WebResult, render};
use super::page::{In, Reads, Writes};
use crate::app::AppState;
use crate::domain::access::Need;
use crate::error::{AppError, FieldError};
use crate::service::screen::{self, Deck, Move, Slide, State as Shown};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/screen", get(screen_page))
        .route("/app/c/{id}/remote", get(remote_page))
        .route("/app/c/{id}/screen/events", get(events))
        .route("/app/c/{id}/screen/go", post(go))
        .route("/app/c/{id}/screen/absent", post(absent))
}

#[derive(askama::Template)]
#[template(path = "web/screen.html")]
struct ScreenPage {
    c: Chrome,
    /// Each slide with its label ("Trang 3/41").
    slides: Vec<(Slide, String)>,
    slide: usize,
    deck: String,
}

#[derive(askama::Template)]
#[template(path = "web/remote.html")]
struct RemotePage {
    c: Chrome,
    slide: usize,
    /// "Trang 3/41".
    position: String,
    count: usize,
    now: Slide,
    next: Option<Slide>,
    groups: Vec<(String, usize)>,
    deck: String,
    ended: bool,
}

async fn screen_page(In { state, c, id, .. }: In<Reads>) -> WebResult {
    let (shown, deck) = screen::current(&state.db, id).await?;
    let count = deck.slides.len();
    let slides = deck
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), position(&c, i, count)))
        .collect();
    Ok(render(ScreenPage {
        slide: shown.slide as usize,
        deck: deck.fingerprint(),
        slides,
        c,
    })?)
}

async fn remote_page(In { state, c, id, .. }: In<Writes>) -> WebResult {
    let (shown, deck) = screen::current(&state.db, id).await?;
    Ok(render(remote(c, &shown, deck))?)
}

/// "Trang 3/41" of slide `i` (from 0).
fn position(c: &Chrome, i: usize, count: usize) -> String {
    c.tr.t2(
        "screen-slide",
        ("n", (i + 1).into()),
        ("count", count.into()),
    )
}

fn remote(c: Chrome, shown: &Shown, deck: Deck) -> RemotePage {
    let slide = shown.slide as usize;
    RemotePage {
        position: position(&c, slide, deck.slides.len()),
        c,
        slide,
        count: deck.slides.len(),
        now: deck.slides[slide].clone(),
        next: deck.slides.get(slide + 1).cloned(),
        deck: deck.fingerprint(),
        groups: deck.groups,
        ended: shown.ended,
    }
}

/// The slide and the deck's fingerprint, now and at every change, as `{"slide":…,
/// "deck":"…"}`; a comment every 15 s keeps proxies from closing the stream.
async fn events(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, super::page::WebError> {
    c.in_conference(&state, id, Need::Read).await?;
    let changes = state.screens.subscribe();
    let db = state.db.clone();
    let stream = futures::stream::unfold(
        (changes, db, true),
        move |(mut changes, db, first)| async move {
            if !first {
                loop {
                    match changes.recv().await {
                        Ok(changed) if changed == id => break,
                        Ok(_) => continue,
                        // Missed changes: the state now says all there is to know.
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => break,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                    }
                }
            }
            let data = match screen::current(&db, id).await {
                Ok((shown, deck)) => serde_json::json!({
                    "slide": shown.slide,
                    "deck": deck.fingerprint(),
                })
                .to_string(),
                Err(_) => return None,
            };
            Some((Ok(Event::default().data(data)), (changes, db, false)))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// Whether the request came from the page's script (answered 204) rather than a form
/// (answered by going back to the remote).
fn scripted(headers: &HeaderMap) -> bool {
    headers
        .get("x-requested-with")
        .is_some_and(|v| v == "hoinghi")
}

fn answer(headers: &HeaderMap, id: i32) -> Response {
    if scripted(headers) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Redirect::to(&format!("/app/c/{id}/remote")).into_response()
    }
}

/// Move the screens: `to` a slide, or `step` (+1, −1) from the current one.
async fn go(
    In { state, c, id, .. }: In<Writes>,
    headers: HeaderMap,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let number = |name: &str| -> Result<Option<i64>, AppError> {
        posted
            .get(name)
            .map(|v| {
                v.trim()
                    .parse::<i32>()
                    .map(i64::from)
                    .map_err(|_| AppError::from(FieldError::number(name)))
            })
            .transpose()
    };
    let to = match (number("to")?, number("step")?) {
        (Some(n), _) => Move::To(n),
        (None, Some(d)) => Move::By(d),
        (None, None) => return Err(AppError::from(FieldError::required("to")).into()),
    };
    screen::go(&state.db, &state.screens, &c.actor, id, to).await?;
    Ok(answer(&headers, id))
}

/// Mark a recipient absent (`absent=true`) or present again.
async fn absent(
    In {
        state, c: _, id, ..
    }: In<Writes>,
    headers: HeaderMap,
    Posted(posted): Posted<HashMap<String, String>>,
) -> WebResult {
    let recipient: i32 = posted
        .get("recipient")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| AppError::from(FieldError::number("recipient")))?;
    let known = entity::recipient::Entity::find_by_id(recipient)
        .one(&state.db)
        .await?
        .is_some_and(|r| r.conference_id == id);
    if !known {
        return Err(AppError::not_found("recipient", recipient).into());
    }
    let absent = posted.get("absent").map(String::as_str) != Some("false");
    screen::mark_absent(&state.db, &state.screens, id, recipient, absent).await?;
    Ok(answer(&headers, id))
}
