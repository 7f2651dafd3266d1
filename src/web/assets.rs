//! The pages' stylesheet, scripts and icon, compiled into the binary (nothing to install).

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;

/// (name, bytes) of every file under `/assets/web/`.
const FILES: &[(&str, &[u8])] = &[
    ("app.css", include_bytes!("../../assets/web/app.css")),
    ("app.js", include_bytes!("../../assets/web/app.js")),
    ("agenda.js", include_bytes!("../../assets/web/agenda.js")),
    ("scan.js", include_bytes!("../../assets/web/scan.js")),
    ("screen.js", include_bytes!("../../assets/web/screen.js")),
    ("remote.js", include_bytes!("../../assets/web/remote.js")),
    ("screen.css", include_bytes!("../../assets/web/screen.css")),
    ("icon.svg", include_bytes!("../../assets/web/icon.svg")),
    (
        "designer.js",
        include_bytes!("../../assets/web/designer.js"),
    ),
    (
        "vendor/htmx-2.0.8.min.js",
        include_bytes!("../../assets/web/vendor/htmx-2.0.8.min.js"),
    ),
];

/// The content type of a file of `FILES`, by its ending.
fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assets/web/{*file}", get(file))
        .route("/assets/fonts/{file}", get(font))
}

/// The certificate font, for the designer's preview: the browser sets the preview's text
/// in the faces the PDF embeds, so its widths are the print engine's.
async fn font(Path(name): Path<String>) -> Response {
    match crate::print::fonts::FILES
        .iter()
        .find(|(_, _, n, _)| *n == name)
    {
        Some((_, _, _, bytes)) => (
            [
                (header::CONTENT_TYPE, "font/ttf"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _)| *n == name) {
        Some((_, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type(&name)),
                // An hour: a new release is picked up the same day.
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The bytes of CSS and JavaScript the heaviest page loads (the budget is 100 KB).
pub fn page_weight() -> usize {
    // Every workspace page loads these; each loads at most one script of its own; the
    // hall's screen loads its own stylesheet and script instead.
    const SHARED: [&str; 3] = ["app.css", "app.js", "vendor/htmx-2.0.8.min.js"];
    const SCREEN: [&str; 2] = ["screen.css", "screen.js"];
    let size = |name: &str| {
        FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, bytes)| bytes.len())
    };
    let own = FILES
        .iter()
        .filter(|(name, _)| name.ends_with(".js"))
        .filter(|(name, _)| !SHARED.contains(name) && !SCREEN.contains(name))
        .map(|(_, bytes)| bytes.len())
        .max()
        .unwrap_or(0);
    let workspace: usize = SHARED.iter().map(|n| size(n)).sum::<usize>() + own;
    workspace.max(SCREEN.iter().map(|n| size(n)).sum())
}

#[cfg(test)]
mod tests {
    #[test]
    fn css_and_javascript_of_a_page_stay_under_100_kb() {
        let weight = super::page_weight();
        assert!(weight < 100 * 1024, "{weight} bytes");
    }
}
