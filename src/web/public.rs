//! The public page of a published conference (no sign-in): title, date, venue, the
//! programme with its times, the award decisions with their counts, and links to the
//! programme PDF and the calendar file. Each decision's recipients have a page of their own,
//! 100 at a time with a search, so that a province's ten thousand awards do not make one
//! page. Built from `PublicProgramme`, the one place that decides what the public sees. The
//! site's front page lists the published conferences (or shows the only one).
//!
//! What an anonymous visitor asks without a query is kept with the JSON views (same
//! invalidation on every instance, same ETag/304).

use axum::Router;
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
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
        .route("/p/{id}/awards/{decision}", get(award_page))
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

/// One decision of the ceremony: what it awards, by whom, to how many.
struct Award {
    id: i32,
    heading: String,
    count: i64,
}

#[derive(askama::Template)]
#[template(path = "web/public_award.html")]
struct AwardPage {
    c: Chrome,
    id: i32,
    title: String,
    heading: String,
    t: super::award_lists::RecipientTable,
}

/// Whether the page is the same for everyone asking in this language: an anonymous visitor,
/// no query (no notice, no language switch), so it can be kept as the JSON views are.
fn shared(c: &Chrome) -> bool {
    matches!(c.actor, crate::domain::access::Actor::Anonymous)
        && c.notice.is_none()
        && !c.here.contains('?')
}

/// Whether a page of a published conference is the same for everyone asking (`shared`).
async fn shared_of(state: &AppState, c: &Chrome, id: i32) -> bool {
    let anyone = crate::domain::access::Actor::Anonymous;
    shared(c)
        && crate::api::programme::public_access(state, &anyone, id)
            .await
            .is_ok()
}

/// A shared page from the conference's view cache (the JSON views' cache: dropped at every
/// write to the conference, on every instance, and recomputed after a second at most),
/// answered with its ETag (304 when the visitor holds it); `render` makes it when missing.
async fn cached<F, Fut>(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    (id, page): (i32, &str),
    lang: crate::i18n::Lang,
    render: F,
) -> WebResult
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = WebResult>,
{
    let key = format!("{page}-{}", lang.code());
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
        return cached(&state, &headers, (0, "page"), lang, || list(&state, c)).await;
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
    Path(id): Path<String>,
) -> WebResult {
    let id = super::page::id_of("conference", &id)?;
    if shared_of(&state, &c, id).await {
        let lang = c.lang();
        return cached(&state, &headers, (id, "page"), lang, || show(&state, c, id)).await;
    }
    show(&state, c, id).await
}

async fn award_page(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    c: Chrome,
    Path((id, decision)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> WebResult {
    let (id, decision) = (
        super::page::id_of("conference", &id)?,
        super::page::id_of("decision", &decision)?,
    );
    if shared_of(&state, &c, id).await {
        let lang = c.lang();
        let page = format!("award-{decision}");
        return cached(&state, &headers, (id, &page), lang, || {
            award_list(&state, c, (id, decision), query)
        })
        .await;
    }
    award_list(&state, c, (id, decision), query).await
}

/// Whether the public may see the conference; if not, only its editors may (a draft,
/// marked as such). Anyone else is told it does not exist.
async fn public_or_editor(state: &AppState, c: &Chrome, id: i32) -> Result<bool, AppError> {
    let anyone = crate::domain::access::Actor::Anonymous;
    if access::allow(&state.db, &anyone, id, Need::PublicRead)
        .await
        .is_ok()
    {
        return Ok(true);
    }
    access::allow(&state.db, &c.actor, id, Need::Write)
        .await
        .map_err(|_| AppError::not_found("conference", id))?;
    Ok(false)
}

/// A decision's recipients, a page of them with the search the address asks for.
async fn award_list(
    state: &AppState,
    c: Chrome,
    (id, decision): (i32, i32),
    query: HashMap<String, String>,
) -> WebResult {
    let public = public_or_editor(state, &c, id).await?;
    let conference = store::conference::get(&state.db, id).await?;
    // The public sees the decisions of the programme's award ceremony, as its page lists.
    let unknown = || AppError::not_found("decision", decision);
    if !store::programme::has_ceremony(&state.db, id).await? {
        return Err(unknown().into());
    }
    let d = store::programme::ceremony_decisions(&state.db, id)
        .await?
        .into_iter()
        .find(|d| d.decision.id == decision)
        .ok_or_else(unknown)?;
    let search = super::award_lists::RecipientSearch {
        q: query.get("q").cloned().unwrap_or_default(),
        after: query.get("after").cloned().unwrap_or_default(),
        ..Default::default()
    };
    let base = format!("/p/{id}/awards/{decision}");
    let t = super::award_lists::table(state, &c.tr, id, Some(decision), search, &base).await?;
    let heading = heading_of(&crate::domain::programme::PublicDecision::from(d));
    private_unless(
        public,
        render(AwardPage {
            id,
            title: conference.title,
            heading,
            t,
            c,
        })?,
    )
}

/// "Bộ Công an — Bằng khen (Quyết định số 1520/QĐ-BCA ngày 25/02/2019)".
fn heading_of(d: &crate::domain::programme::PublicDecision) -> String {
    let what = d.title_name.clone().unwrap_or_else(|| form_label(&d.form));
    format!(
        "{} — {what} ({})",
        d.issuer,
        crate::domain::text::decision_line(&d.number, d.decided_on)
    )
}

/// What only its editors may see (a conference not yet published) is kept by no cache.
fn private_unless(public: bool, mut res: axum::response::Response) -> WebResult {
    if !public {
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(res)
}

async fn show(state: &AppState, c: Chrome, id: i32) -> WebResult {
    // Only a published conference has a public page; before it is published, its editors
    // see the draft, marked as such, with the button that publishes it.
    let public = public_or_editor(state, &c, id).await?;
    let outline = store::programme::outline(&state.db, id).await?;
    let counts = store::award::recipient_counts(&state.db, id).await?;
    let ids: Vec<i32> = outline
        .agenda
        .iter()
        .flat_map(|item| item.decisions.iter().map(|d| d.decision.id))
        .collect();
    let p = PublicProgramme::from(outline);
    let tz: chrono_tz::Tz = p
        .conference
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let awards = p
        .agenda
        .iter()
        .flat_map(|item| &item.decisions)
        .zip(ids)
        .map(|(d, id)| Award {
            id,
            heading: heading_of(d),
            count: counts.get(&id).map(|k| k.total()).unwrap_or_default(),
        })
        .collect();
    let items = p
        .agenda
        .into_iter()
        .map(|item| {
            let start = item.starts_at.with_timezone(&tz).time();
            let end = start + chrono::Duration::minutes(i64::from(item.duration_minutes));
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
    private_unless(
        public,
        render(PublicPage {
            id,
            draft: !public,
            title: p.conference.title,
            date: c.tr.date(&p.conference.held_on),
            venue: format!("{}, {}", p.conference.venue, p.conference.place_name),
            host: p.conference.host_body,
            items,
            awards,
            c,
        })?,
    )
}
