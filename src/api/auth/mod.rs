//! The accounts part of the API: who is asking (`identity`: every request passes it), one's
//! own account (`accounts`: sign in and out, password, tokens), and a conference's members
//! and audit log (`members`).

mod accounts;
mod identity;
mod members;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use identity::{SESSION_COOKIE, allow, identify, require_user};

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accounts::login))
        .routes(routes!(accounts::logout))
        .routes(routes!(accounts::me))
        .routes(routes!(accounts::change_password))
        .routes(routes!(accounts::create_token, accounts::list_tokens))
        .routes(routes!(accounts::revoke_token))
        .routes(routes!(members::list_members, members::set_member))
        .routes(routes!(members::remove_member))
        .routes(routes!(members::audit_log))
}
