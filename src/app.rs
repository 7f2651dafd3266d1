//! The HTTP application: state, routes and the layers every request passes.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::OpenApi;

use crate::api::auth::identify;
use crate::api::cache::{ViewCache, invalidate_on_write};
use crate::error::AppError;
use crate::print::Layouts;

/// Largest JSON body the API accepts (a speech's full text fits comfortably).
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub views: Arc<ViewCache>,
    /// Believe X-Forwarded-For and X-Forwarded-Proto (only behind a proxy that sets them).
    pub trust_proxy: bool,
    /// Trusted proxies in front of us: the client is the entry of X-Forwarded-For that the
    /// farthest of them added, counted from the right (1: the rightmost).
    pub proxy_hops: usize,
    /// Certificate layouts: the built-in ones, or an office's own (checked at start-up).
    pub layouts: Arc<Layouts>,
    /// This server's public address, for the certificates' verification QR codes.
    pub public_url: String,
    /// The permits of heavy work (decodes, spreadsheet reads, renders, batches).
    pub work: Arc<crate::service::work::Work>,
    /// The certificates' readiness, kept while the records are unchanged.
    pub readiness: Arc<crate::service::readiness::Memo>,
    /// The hall's screens and remotes to tell when a conference's screen changes.
    pub screens: Arc<crate::service::screen::Screens>,
}

impl AppState {
    /// State with the built-in certificate layouts.
    pub fn new(db: DatabaseConnection) -> Self {
        let layouts = Layouts::builtin().expect("the built-in layouts are valid (tested)");
        let views = Arc::<ViewCache>::default();
        crate::api::cache::listen(&db, views.clone());
        let screens = Arc::<crate::service::screen::Screens>::default();
        screens.listen(&db);
        AppState {
            db,
            views,
            trust_proxy: false,
            proxy_hops: 1,
            layouts: Arc::new(layouts),
            public_url: "http://localhost".into(),
            work: Arc::default(),
            readiness: Arc::default(),
            screens,
        }
    }

    /// What the print engine needs of this server: its layouts, its public address, its
    /// permits of heavy work, and the readiness answers it keeps.
    pub fn printer(&self) -> crate::service::readiness::Printer<'_> {
        crate::service::readiness::Printer {
            layouts: &self.layouts,
            public_url: &self.public_url,
            work: &self.work,
            memo: Some(&self.readiness),
        }
    }
}

/// The OpenAPI document of every route, as served at `/api/v1/openapi.json`.
pub fn openapi() -> serde_json::Value {
    complete_document(crate::api::router().split_for_parts().1)
}

/// The document utoipa derives, with the route that serves it and the answers every route
/// can give through the extractors and layers (`api::contract`).
fn complete_document(mut doc: OpenApi) -> serde_json::Value {
    document_openapi_route(&mut doc);
    let mut doc = serde_json::to_value(&doc).expect("the OpenAPI document serialises");
    crate::api::contract::complete(&mut doc);
    doc
}

pub fn router(state: AppState) -> Router {
    let (api, doc) = crate::api::router().split_for_parts();
    let doc_json = serde_json::to_string_pretty(&complete_document(doc))
        .expect("the OpenAPI document serialises");
    api.route(
        "/api/v1/openapi.json",
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], doc_json) }),
    )
    .merge(crate::web::router())
    .fallback(|uri: axum::http::Uri| async move { answer(uri.path(), AppError::NoRoute) })
    .method_not_allowed_fallback(|uri: axum::http::Uri| async move {
        answer(uri.path(), AppError::MethodNotAllowed)
    })
    .layer(axum::middleware::from_fn_with_state(state.clone(), invalidate_on_write))
    .layer(axum::middleware::from_fn_with_state(state.clone(), identify))
    .layer(axum::middleware::from_fn(crate::web::page::failure_pages))
    .layer(axum::middleware::from_fn(crate::error::localize_problem))
    .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
    .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
    .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
    .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    ))
    .layer(axum::middleware::from_fn(|req, next| time_limit(REQUEST_TIMEOUT, req, next)))
    .layer(CatchPanicLayer::custom(|_| AppError::internal("a handler panicked").into_response()))
    .layer(TraceLayer::new_for_http())
    .with_state(state)
}

/// A failure as the front door of `path` answers it: a page, or problem+json for the API.
fn answer(path: &str, error: AppError) -> axum::response::Response {
    if crate::http::is_page(path) {
        crate::http::Failure::response(error)
    } else {
        error.into_response()
    }
}

/// Stop a request that has not produced its response within `limit` and answer a problem
/// saying so. Its future is dropped: an open transaction rolls back, and work already
/// handed to a blocking thread (a PDF being rendered) finishes unobserved.
async fn time_limit(
    limit: Duration,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => AppError::Timeout {
            seconds: limit.as_secs_f64(),
        }
        .into_response(),
    }
}

/// The document route is added outside utoipa's router; describe it by hand.
fn document_openapi_route(doc: &mut OpenApi) {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::response::ResponseBuilder;
    let op = OperationBuilder::new()
        .tag("system")
        .summary(Some("This OpenAPI 3.1 document"))
        .response(
            "200",
            ResponseBuilder::new()
                .description("The OpenAPI document")
                .build(),
        )
        .build();
    doc.paths.paths.insert(
        "/api/v1/openapi.json".into(),
        PathItem::new(HttpMethod::Get, op),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_request_over_the_time_limit_is_a_problem() {
        let app: Router = Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "done"
                }),
            )
            .route("/fast", get(|| async { "done" }))
            .layer(axum::middleware::from_fn(|req, next| {
                time_limit(Duration::from_millis(50), req, next)
            }));
        let call = |uri: &'static str| {
            let app = app.clone();
            async move {
                let req = axum::http::Request::get(uri)
                    .body(axum::body::Body::empty())
                    .unwrap();
                let res = app.oneshot(req).await.unwrap();
                let status = res.status();
                let kind = res.headers().get(header::CONTENT_TYPE).cloned();
                let body = axum::body::to_bytes(res.into_body(), 10_000).await.unwrap();
                (status, kind, String::from_utf8(body.to_vec()).unwrap())
            }
        };
        assert_eq!(call("/fast").await.0, StatusCode::OK);
        let (status, kind, body) = call("/slow").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(kind.unwrap(), "application/problem+json");
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["type"], "urn:hoinghi:problem:timeout");
        assert_eq!(
            problem["detail"],
            "the request was stopped after 0.05 seconds; reload to see whether it took effect"
        );
    }
}
