//! Several instances of hoinghi on one PostgreSQL database, as behind a load balancer: what
//! one writes, the other shows at once, and an API token works on both. On SQLite there is
//! only ever one instance, and these tests say so and stop.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DbBackend};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

/// Two instances on one PostgreSQL database, or None on SQLite (after saying so).
async fn two_instances() -> Option<(TestApp, TestApp)> {
    let a = spawn_app().await;
    if a.db.get_database_backend() != DbBackend::Postgres {
        eprintln!("not run: several instances share a PostgreSQL database; this run is on SQLite");
        return None;
    }
    let b = a.another_instance().await;
    Some((a, b))
}

#[tokio::test]
async fn a_write_through_one_instance_is_seen_by_the_other_at_once() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let id = a.demo().await;
    let uri = format!("/api/v1/conferences/{id}/programme");
    // B keeps the public programme in its cache.
    let cached = b.anonymous().get(&uri).await;
    assert_eq!(cached.status, 200);
    assert_eq!(b.anonymous().get(&uri).await.etag(), cached.etag());

    let res = a
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({"venue": "Nhà văn hóa huyện Kim Sơn"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    // The cache would keep the old view for up to a second; B's is dropped on A's notice.
    let start = Instant::now();
    loop {
        let now = b.anonymous().get(&uri).await;
        if now.body["conference"]["venue"] == "Nhà văn hóa huyện Kim Sơn" {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_millis(200),
            "instance B still shows {} after {:?}",
            now.body["conference"]["venue"],
            start.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // Unpublished through B: A stops showing it to the public as quickly.
    let res = b
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({"status": "draft"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let start = Instant::now();
    while a.anonymous().get(&uri).await.status != 401 {
        assert!(
            start.elapsed() < Duration::from_millis(200),
            "A still shows a draft"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // The organiser's API token works on both: tokens live in the shared database.
    assert_eq!(a.get("/api/v1/auth/me").await.status, 200);
    assert_eq!(b.get("/api/v1/auth/me").await.status, 200);
}
