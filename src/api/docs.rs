//! The API reference: the OpenAPI document and a browsable page that works offline (Redoc,
//! shipped in `assets/redoc/`, no CDN).

use axum::http::header;
use axum::response::{Html, IntoResponse};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

const REDOC_JS: &[u8] = include_bytes!("../../assets/redoc/redoc.standalone.js");

/// Liveness: the server answers.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, description = "The server is up", body = String)))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// The browsable API reference.
#[utoipa::path(get, path = "/api/v1/docs", tag = "system", responses((status = 200, description = "HTML page", content_type = "text/html")))]
pub async fn reference() -> Html<&'static str> {
    Html(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hoinghi API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/api/v1/openapi.json"></redoc>
<script src="/api/v1/docs/redoc.standalone.js"></script></body></html>"#,
    )
}

/// The script of the reference page.
#[utoipa::path(get, path = "/api/v1/docs/redoc.standalone.js", tag = "system", responses((status = 200, description = "JavaScript", content_type = "text/javascript")))]
pub async fn redoc_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        REDOC_JS,
    )
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(reference))
        .routes(routes!(redoc_js))
}
