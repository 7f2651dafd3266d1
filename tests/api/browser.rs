//! The API reference page, rendered by a real (headless) Chromium with no network but this
//! server's: it must show the operations, so it works on a machine without internet.

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::helpers::{require_tool, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_page_renders_offline_in_a_browser() {
    let app = spawn_app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });

    // Over the real socket, with or without a browser: the page and all it loads are here.
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    for (path, content_type) in [
        ("/api/v1/docs", "text/html"),
        ("/api/v1/docs/redoc.standalone.js", "text/javascript"),
        ("/api/v1/openapi.json", "application/json"),
    ] {
        let res = client
            .get(format!("http://{addr}{path}").parse().unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let got = res.headers()[hyper::header::CONTENT_TYPE].to_str().unwrap();
        assert!(got.starts_with(content_type), "{path}: {got}");
        assert!(
            !res.into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .is_empty(),
            "{path}"
        );
    }

    let Some(chromium) = require_tool("chromium", "rendering the API reference page") else {
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("http://{addr}/api/v1/docs"))
        .output()
        .await
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    for text in [
        "hoinghi API",
        "List a page of the attendees",
        "/api/v1/conferences/{conference_id}/recipients",
        "problem+json",
    ] {
        assert!(
            dom.contains(text),
            "the rendered page shows {text:?}; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
