//! The JSON API under `/api/v1`: thin handlers that parse, call a use case (`service`, or the
//! store for plain reads and writes) and answer. Every route is declared with `utoipa`, so the
//! OpenAPI document covers all of them.

pub mod auth;
pub mod cache;
mod certificates;
mod conferences;
pub(crate) mod contract;
mod designer;
mod docs;
mod emblems;
mod exports;
pub mod extract;
pub mod imports;
mod invitations;
mod layouts;
mod payments;
mod printouts;
pub(crate) mod programme;
mod resources;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hoinghi API",
        description = "Review conferences (hội nghị tổng kết): agenda, attendees, speeches, award decisions and recipients. \
            Errors are application/problem+json (RFC 9457). Every resource carries a version, sent as an ETag; \
            send it back in If-Match with PATCH or DELETE to be told (412) when a colleague changed it meanwhile."
    ),
    tags(
        (name = "conferences"), (name = "agenda"), (name = "attendees"), (name = "speeches"),
        (name = "issuers"), (name = "decisions"), (name = "recipients"), (name = "programme"), (name = "printouts"), (name = "layouts"), (name = "printers"), (name = "accounts"), (name = "system")
    ),
    paths(layouts::export_toml, layouts::import_toml)
)]
struct ApiDoc;

/// All API routes with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(certificates::router())
        .merge(conferences::router())
        .merge(printouts::router())
        .merge(payments::router())
        .merge(invitations::router())
        .merge(resources::router())
        .merge(programme::router())
        .merge(imports::router())
        .merge(layouts::router())
        .merge(emblems::router())
        .merge(designer::router())
        .merge(exports::router())
        .merge(docs::router())
}

/// A JSON response carrying the resource's version as its ETag.
pub fn versioned<T: Serialize>(status: StatusCode, version: i32, body: T) -> Response {
    with_etag((status, Json(body)).into_response(), version)
}

/// A stored file (an image, a PDF) carrying its version as its ETag.
pub fn versioned_file(media_type: &'static str, version: i32, bytes: Vec<u8>) -> Response {
    with_etag(
        ([(header::CONTENT_TYPE, media_type)], bytes).into_response(),
        version,
    )
}

fn with_etag(mut res: Response, version: i32) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}
