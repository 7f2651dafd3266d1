//! `hoinghi serve`: load the demo if asked, and serve the web application until Ctrl-C.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config;
use crate::print::Layouts;

pub async fn serve(
    db: DatabaseConnection,
    layouts: Arc<Layouts>,
    bind: &str,
    demo: bool,
    trust_proxy: bool,
) -> Result<(), String> {
    let addr = config::bind_address(bind)?;
    if demo {
        let id = crate::demo::load(&db)
            .await
            .map_err(|e| format!("cannot load the demo: {e}"))?;
        let (email, password) = crate::demo::organiser(&db, id)
            .await
            .map_err(|e| format!("cannot create the demo organiser: {e}"))?;
        println!("demo conference {id}: http://{addr}/api/v1/conferences/{id}/programme");
        println!("demo organiser: {email} / password {password}  (POST /api/v1/auth/login)");
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("hoinghi serving on http://{addr} (API reference: http://{addr}/api/v1/docs)");
    let mut state = crate::app::AppState::new(db);
    state.trust_proxy = trust_proxy;
    state.layouts = layouts;
    let app =
        crate::app::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
