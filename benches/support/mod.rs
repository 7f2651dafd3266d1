//! What the HTTP benchmarks share: a server on an ephemeral port over a fresh database with
//! the demo conference, and latency figures.

use std::net::SocketAddr;
use std::time::Duration;

pub struct Server {
    pub addr: SocketAddr,
    pub conference_id: i32,
    pub db: sea_orm::DatabaseConnection,
    pub database: String,
    _dir: tempfile::TempDir,
}

/// Start the application on 127.0.0.1 over BENCH_DATABASE_URL, or a fresh SQLite file.
pub async fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.sqlite").display()));
    let db = hoinghi::store::connect(&url).await.unwrap();
    let conference_id = hoinghi::demo::load(&db).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = hoinghi::app::router(hoinghi::app::AppState::new(db.clone()));
    tokio::spawn(async move { axum::serve(listener, app).await });
    Server {
        addr,
        conference_id,
        db,
        database: url.split(':').next().unwrap().to_string(),
        _dir: dir,
    }
}

/// The latency below which `q` of the sorted samples fall.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
