//! The public page of a published conference (no sign-in): title, date, venue, the
//! programme with its times, the awards as printed, and links to the programme PDF and the
//! calendar file. Built from `PublicProgramme`, the one place that decides what the public
//! sees. The site's front page lists the published conferences (or shows the only one).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;

use super::page::{Chrome, WebResult, render};
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::programme::PublicProgramme;
use crate::error::AppError;
use crate::service::access;
use crate::store;
use crate::store::conference::ConferenceFilter;
use crate::store::resource::Paging;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/p/{id}", get(conference_page))
}

#[derive(askama::Template)]
#[template(path = "web/home.html")]
struct Home {
    c: Chrome,
    conferences: Vec<(i32, String, String, String)>,
}

#[derive(askama::Template)]
#[template(path = "web/public.html")]
struct PublicPage {
    c: Chrome,
    id: i32,
    /// Not published yet: shown to its editors only, with a notice and the publish button.
    draft: bool,
    title: String,
    date: String,
    venue: String,
    host: String,
    items: Vec<Line>,
    awards: Vec<Award>,
}

/// One line of the programme.
struct Line {
    time: String,
    title: String,
    who: String,
    speeches: Vec<String>,
}

/// One decision of the ceremony, with its recipients' names and units.
struct Award {
    heading: String,
    recipients: Vec<(String, String)>,
}

/// Whether the page is the same for everyone asking in this language: an anonymous visitor,
/// no query (no notice, no language switch), so it can be kept as the JSON views are.
fn shared(c: &Chrome) -> bool {
    matches!(c.actor, crate::domain::access::Actor::Anonymous)
        && c.notice.is_none()
        && !c.here.contains('?')
}

/// A shared page from the conference's view cache (the JSON views' cache: dropped at every
/// write to the conference, on every instance, and recomputed after a second at most),
/// answered with its ETag (304 when the visitor holds it); `render` makes it when missing.
async fn cached<F, Fut>(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    lang: crate::i18n::Lang,
    id: i32,
    render: F,
) -> WebResult
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = WebResult>,
{
    let key = match lang {
        crate::i18n::Lang::Vi => "page-vi",
        crate::i18n::Lang::En => "page-en",
    };
    let view = state
        .views
        .get_or_compute(id, key, || async {
            let page = match render().await {
                Ok(page) => page,
                Err(super::page::WebError::App(e)) => return Err(e),
                Err(other) => return Err(AppError::internal(format!("{other:?}"))),
            };
            axum::body::to_bytes(page.into_body(), usize::MAX)
                .await
                .map_err(AppError::internal)
        })
        .await?;
    Ok(crate::api::programme::answer_as(
        view,
        headers,
        true,
        "text/html; charset=utf-8",
    ))
}

async fn home(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    c: Chrome,
) -> WebResult {
    if shared(&c) {
        // The list of published conferences is conference 0's view.
        let lang = c.lang();
        return cached(&state, &headers, lang, 0, || list(&state, c)).await;
    }
    list(&state, c).await
}

async fn list(state: &AppState, c: Chrome) -> WebResult {
    let anyone = crate::domain::access::Actor::Anonymous;
    let filter = ConferenceFilter::default();
    let page = store::conference::list(
        &state.db,
        &anyone,
        Paging {
            limit: Some(50),
            offset: None,
        },
        &filter,
    )
    .await?;
    if page.items.len() == 1 {
        return show(state, c, page.items[0].id).await;
    }
    let conferences = page
        .items
        .into_iter()
        .map(|m| {
            let date = c.tr.date(&m.held_on);
            (m.id, m.title, date, m.venue)
        })
        .collect();
    render(Home { c, conferences })
}

/// The Vietnamese name of an award form ("Bằng khen").
pub fn form_label(code: &str) -> String {
    use crate::domain::validate::Vocabulary;
    crate::domain::kinds::AwardForm::label_of(code)
        .unwrap_or(code)
        .to_string()
}

async fn conference_page(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    c: Chrome,
    Path(id): Path<i32>,
) -> WebResult {
    let anyone = crate::domain::access::Actor::Anonymous;
    if shared(&c)
        && crate::api::programme::public_access(&state, &anyone, id)
            .await
            .is_ok()
    {
        let lang = c.lang();
        return cached(&state, &headers, lang, id, || show(&state, c, id)).await;
    }
    show(&state, c, id).await
}

async fn show(state: &AppState, c: Chrome, id: i32) -> WebResult {
    // Only a published conference has a public page; before it is published, its editors
    // see the draft, marked as such, with the button that publishes it.
    let public = access::allow(
        &state.db,
        &crate::domain::access::Actor::Anonymous,
        id,
        Need::PublicRead,
    )
    .await
    .is_ok();
    if !public {
        access::allow(&state.db, &c.actor, id, Need::Write)
            .await
            .map_err(|_| AppError::not_found("conference", id))?;
    }
    let draft = !public;
    let p = PublicProgramme::from(store::programme::programme(&state.db, id).await?);
    let tz: chrono_tz::Tz = p
        .conference
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let mut awards = Vec::new();
    let items = p
        .agenda
        .into_iter()
        .map(|item| {
            let start = item.starts_at.with_timezone(&tz).time();
            let end = start + chrono::Duration::minutes(i64::from(item.duration_minutes));
            for d in &item.decisions {
                let what = d.title_name.clone().unwrap_or_else(|| form_label(&d.form));
                awards.push(Award {
                    heading: format!(
                        "{} — {what} ({})",
                        d.issuer,
                        crate::domain::text::decision_line(&d.number, d.decided_on)
                    ),
                    recipients: d
                        .recipients
                        .iter()
                        .map(|r| {
                            let name = match &r.honorific {
                                Some(h) => format!("{h} {}", r.name),
                                None => r.name.clone(),
                            };
                            (name, r.unit.clone().unwrap_or_default())
                        })
                        .collect(),
                });
            }
            let who = match (&item.presenter, &item.presenter_text) {
                (Some(p), _) => [Some(p.full_name.clone()), p.position.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                (None, Some(t)) => t.clone(),
                (None, None) => String::new(),
            };
            Line {
                time: format!("{} – {}", c.tr.time(&start), c.tr.time(&end)),
                title: item.title,
                who,
                speeches: item
                    .speeches
                    .into_iter()
                    .map(|s| match s.speaker_name {
                        Some(n) => format!("{} ({n})", s.title),
                        None => s.title,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut res = render(PublicPage {
        id,
        draft,
        title: p.conference.title,
        date: c.tr.date(&p.conference.held_on),
        venue: format!("{}, {}", p.conference.venue, p.conference.place_name),
        host: p.conference.host_body,
        items,
        awards,
        c,
    })?;
    if draft {
        // What only its editors may see is kept by no cache.
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(res)
}
