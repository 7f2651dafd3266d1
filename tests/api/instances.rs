//! Several instances of hoinghi on one PostgreSQL database, as behind a load balancer: what
//! one writes, the other shows at once, and an API token works on both. On SQLite there is
//! only ever one instance, and these tests say so and stop.

use std::time::{Duration, Instant};

use sea_orm::DbBackend;
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

#[tokio::test]
async fn a_session_started_on_one_instance_is_known_to_the_other() {
    use axum::http::Method;
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let id = a.demo().await;
    let (email, password) = hoinghi::demo::organiser(&a.db, id as i32).await.unwrap();
    let login = a
        .anonymous()
        .post(
            "/api/v1/auth/login",
            json!({"email": email, "password": password}),
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.body);
    let cookie = login.headers["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let me = b
        .anonymous()
        .send(Method::GET, "/api/v1/auth/me", None, &[("cookie", &cookie)])
        .await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["email"], email);
    // Signed out through B: A no longer knows the session either.
    let out = b
        .anonymous()
        .send(
            Method::POST,
            "/api/v1/auth/logout",
            None,
            &[
                ("cookie", &cookie),
                ("host", "hoinghi.local"),
                ("origin", "http://hoinghi.local"),
            ],
        )
        .await;
    assert!(out.status.is_success(), "{} {}", out.status, out.body);
    let me = a
        .anonymous()
        .send(Method::GET, "/api/v1/auth/me", None, &[("cookie", &cookie)])
        .await;
    assert_eq!(me.status, 401);
}
