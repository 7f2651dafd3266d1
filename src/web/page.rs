//! What every page shares: who is signed in, the language, the conference being worked on
//! (its name and the user's role, for the navigation), a notice after a saved form; how a
//! page is rendered; and how failures become pages in the user's language.

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::i18n::{Lang, Tr};
use crate::app::AppState;
use crate::domain::access::{Actor, Need, Needs, Role};
pub use crate::domain::access::{Owns, Reads, Writes};
use crate::error::AppError;
use crate::http::Failure;
use crate::service::access;
use crate::store;

/// The parts of a page around its content.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub tr: Tr,
    pub actor: Actor,
    /// The path and query of this page (the language switch comes back to it).
    pub here: String,
    /// A notice to show once, named by `?done=<key>` after a redirect.
    pub notice: Option<String>,
    /// The conference the page belongs to, once `in_conference` checked access to it.
    pub conference: Option<Workspace>,
}

/// The conference a page works on, and what the user may do in it.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub id: i32,
    pub name: String,
    pub published: bool,
    pub role: Option<Role>,
    pub can_write: bool,
    pub can_own: bool,
}

impl Chrome {
    pub fn lang(&self) -> Lang {
        self.tr.lang
    }

    pub fn signed_in(&self) -> bool {
        !matches!(self.actor, Actor::Anonymous)
    }

    pub fn email(&self) -> &str {
        match &self.actor {
            Actor::User { email, .. } => email,
            _ => "",
        }
    }

    pub fn is_admin(&self) -> bool {
        self.actor.is_superuser()
    }

    /// The signed-in user, or a redirect to the sign-in page that comes back here.
    pub fn require_user(&self) -> Result<i32, WebError> {
        self.actor
            .user_id()
            .ok_or_else(|| WebError::SignIn(self.here.clone()))
    }

    /// Check the user may do `need` in the conference and remember it for the navigation.
    pub async fn in_conference(
        &mut self,
        state: &AppState,
        id: i32,
        need: Need,
    ) -> Result<&Workspace, WebError> {
        if need != Need::PublicRead {
            self.require_user()?;
        }
        access::allow(&state.db, &self.actor, id, need).await?;
        let conference = store::conference::get(&state.db, id).await?;
        let role = match self.actor.user_id() {
            Some(uid) => store::account::membership(&state.db, id, uid)
                .await?
                .and_then(|m| Role::from_code(&m.role)),
            None => None,
        };
        let admin = self.actor.is_superuser();
        self.conference = Some(Workspace {
            id,
            name: conference.title,
            published: conference.status == "published",
            role,
            can_write: admin || role.is_some_and(|r| r >= Role::Editor),
            can_own: admin || role == Some(Role::Owner),
        });
        Ok(self.conference.as_ref().expect("just set"))
    }

    /// The workspace `in_conference` checked (pages call it first).
    pub fn workspace(&self) -> &Workspace {
        self.conference
            .as_ref()
            .expect("in_conference is called before the page renders")
    }

    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }

    /// The sections of a conference's workspace: path below `/app/c/{id}/` and label key.
    pub fn sections(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("agenda", "nav-agenda"),
            ("delegates", "nav-delegates"),
            ("import", "nav-import"),
            ("awards", "nav-awards"),
            ("print", "nav-print"),
            ("designer", "nav-designer"),
            ("checkin", "nav-checkin"),
            ("remote", "nav-remote"),
            ("members", "nav-members"),
            ("audit", "nav-audit"),
            ("settings", "nav-settings"),
        ]
    }

    /// Does the navigation offer `section` to this user? The audit log and the MC's remote
    /// are for editors and owners; every other section is readable by any member.
    pub fn offers(&self, section: &str) -> bool {
        !matches!(section, "audit" | "remote")
            || self.conference.as_ref().is_some_and(|w| w.can_write)
    }

    /// Is this page the workspace section `section` ("" for the dashboard)?
    pub fn at_section(&self, section: &str) -> bool {
        let Some(w) = &self.conference else {
            return false;
        };
        let base = format!("/app/c/{}", w.id);
        if section.is_empty() {
            self.here.split('?').next() == Some(base.as_str())
        } else {
            self.at(&format!("{base}/{section}"))
        }
    }

    /// Is this navigation entry the current page?
    pub fn at(&self, prefix: &str) -> bool {
        let path = self.here.split('?').next().unwrap_or("");
        path == prefix || (prefix.len() > 1 && path.starts_with(&format!("{prefix}/")))
    }
}

impl FromRequestParts<AppState> for Chrome {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, WebError> {
        let tr = Tr::new(Lang::of_request(&parts.headers));
        let actor = parts
            .extensions
            .get::<Actor>()
            .cloned()
            .unwrap_or(Actor::Anonymous);
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
        let notice = parts.uri.query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "done")
                .map(|(_, v)| v.into_owned())
                .filter(|key| key.starts_with("done-") && tr.has(key))
                .map(|key| tr.t(&key))
        });
        Ok(Chrome {
            tr,
            actor,
            here,
            notice,
            conference: None,
        })
    }
}

/// A page of a conference's workspace, entered with what it needs of the user (`Reads`,
/// `Writes`, `Owns`): the conference's id from the path's `{id}`, the page's chrome with
/// the workspace checked (`in_conference`), and the state. Every such handler starts here.
pub struct In<N> {
    pub state: AppState,
    pub c: Chrome,
    pub id: i32,
    need: std::marker::PhantomData<N>,
}

impl<N: Needs + Send> FromRequestParts<AppState> for In<N> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let mut c = Chrome::from_request_parts(parts, state).await?;
        // A workspace is for members: a visitor is sent to sign in whatever the address.
        c.require_user()?;
        let params = axum::extract::RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(AppError::internal)?;
        let raw = params
            .iter()
            .find_map(|(name, value)| (name == "id").then(|| value.to_string()))
            .unwrap_or_default();
        let id = id_of("conference", &raw)?;
        c.in_conference(state, id, N::NEED).await?;
        Ok(In {
            state: state.clone(),
            c,
            id,
            need: std::marker::PhantomData,
        })
    }
}

/// An id from a page's address; anything else is a page that says `what` is not found, in
/// the reader's language (not axum's plain-text refusal), naming at most 12 characters of
/// what was typed (no longer than an id can be).
pub fn id_of(what: &'static str, raw: &str) -> Result<i32, AppError> {
    raw.parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::not_found(what, raw.chars().take(12).collect::<String>()))
}

/// Render a template as a page (200).
pub fn render<T: Template>(page: T) -> Result<Response, WebError> {
    render_with(StatusCode::OK, page)
}

/// Render a template with a status (a form with problems answers 422).
pub fn render_with<T: Template>(status: StatusCode, page: T) -> Result<Response, WebError> {
    let html = page.render().map_err(AppError::internal)?;
    Ok((status, Html(html)).into_response())
}

/// The address of a page of a list: `base` with the search's non-empty values kept and
/// `after` the key of the last row shown (none: the first page).
pub fn page_after(base: &str, search: &[(&str, &str)], after: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in search {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    if let Some(after) = after {
        query.append_pair("after", after);
    }
    match query.finish() {
        query if query.is_empty() => base.to_string(),
        query => format!("{base}?{query}"),
    }
}

/// After a successful form post: back to a page, with a notice key (`done-saved`); the
/// notice goes before the page's `#fragment`.
pub fn see_other(path: &str, notice: &str) -> Response {
    let (path, fragment) = path
        .split_once('#')
        .map_or((path, String::new()), |(p, f)| (p, format!("#{f}")));
    let sep = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{sep}done={notice}{fragment}")).into_response()
}

pub type WebResult = Result<Response, WebError>;

/// A page that cannot be shown: to the sign-in page, or an error page.
#[derive(Debug)]
pub enum WebError {
    /// Not signed in: sign in, then come back to this path.
    SignIn(String),
    App(AppError),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError::App(e)
    }
}

impl From<sea_orm::DbErr> for WebError {
    fn from(e: sea_orm::DbErr) -> Self {
        WebError::App(e.into())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::SignIn(back) => {
                let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
                Redirect::to(&format!("/login?next={next}")).into_response()
            }
            WebError::App(AppError::Unauthorized(_)) => Redirect::to("/login").into_response(),
            WebError::App(e) => Failure::response(e),
        }
    }
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    c: Chrome,
    title: String,
    text: String,
    /// What the server said, in English (for the office's IT person).
    detail: String,
}

/// Middleware around everything (outside the sign-in check, whose refusals of a page are
/// failures too): a failure of a page becomes a page in the user's language.
pub async fn failure_pages(req: Request, next: Next) -> Response {
    let headers: HeaderMap = req.headers().clone();
    let here = req.uri().path().to_string();
    let response = next.run(req).await;
    let Some(failure) = response.extensions().get::<Failure>().cloned() else {
        return response;
    };
    let actor = response
        .extensions()
        .get::<Actor>()
        .cloned()
        .unwrap_or(Actor::Anonymous);
    let tr = Tr::new(Lang::of_request(&headers));
    let (title, text) = match failure.status {
        StatusCode::FORBIDDEN => ("error-forbidden", "error-forbidden-text"),
        StatusCode::NOT_FOUND => ("error-not-found", "error-not-found-text"),
        StatusCode::CONFLICT | StatusCode::PRECONDITION_FAILED => {
            ("error-conflict", "error-conflict-text")
        }
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
            ("error-busy", "error-busy-text")
        }
        s if s.is_client_error() => ("error-bad-request", "error-bad-request-text"),
        _ => ("error-server", "error-server-text"),
    };
    let page = ErrorPage {
        c: Chrome {
            tr,
            actor,
            here,
            notice: None,
            conference: None,
        },
        title: tr.t(title),
        text: tr.t(text),
        // A person reads the problems worded in their language; English readers also get
        // what the server said.
        detail: if tr.lang == Lang::En {
            failure.detail
        } else {
            failure
                .errors
                .iter()
                .filter_map(|e| tr.known_problem(e))
                .collect::<Vec<_>>()
                .join("; ")
        },
    };
    match page.render() {
        Ok(html) => (
            failure.status,
            [(header::CACHE_CONTROL, "no-store")],
            Html(html),
        )
            .into_response(),
        Err(_) => failure.status.into_response(),
    }
}

/// The time zone of conference `id`, in which its pages show times.
pub(super) async fn time_zone(
    state: &crate::app::AppState,
    id: i32,
) -> Result<chrono_tz::Tz, crate::error::AppError> {
    Ok(crate::store::conference::time_zone(
        &crate::store::conference::get(&state.db, id).await?,
    ))
}
