//! The organisers' web workspace: server-rendered pages (askama templates under
//! `templates/web/`, strings in `locales/`), plain form posts that call the same use cases
//! as the API, and a little JavaScript of our own where it helps. Reading works without
//! JavaScript; the strict CSP forbids inline scripts, so every script is a file.

use axum::Router;

use crate::app::AppState;

pub mod account;
pub mod admin;
pub mod agenda;
pub mod assets;
pub mod audit;
mod award_lists;
pub mod awards;
pub mod checkin;
pub mod conferences;
pub mod delegates;
pub mod designer;
mod emblems;
pub mod form;
pub use crate::i18n;
pub mod imports;
pub mod members;
pub mod page;
pub mod print;
pub mod public;
pub mod records;
pub mod screen;
pub mod session;
pub mod verify;

/// Every page, and the files they load.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(verify::router())
        .merge(session::router())
        .merge(conferences::router())
        .merge(agenda::router())
        .merge(delegates::router())
        .merge(checkin::router())
        .merge(screen::router())
        .merge(imports::router())
        .merge(awards::router())
        .merge(emblems::router())
        .merge(print::router())
        .merge(designer::router())
        .merge(members::router())
        .merge(account::router())
        .merge(admin::router())
        .merge(audit::router())
        .merge(assets::router())
}
