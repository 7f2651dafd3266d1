//! Hostile requests, each of which once stopped the server or let a client past a bound:
//! each is refused with a problem that names the field and the bound, and the server still
//! answers afterwards.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, header};
use hoinghi::service::work::{Heavy, Work};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::helpers::{TestApp, Web, spawn_app};

/// PUT the TOML text of the conference's Giấy khen.
async fn put_toml(app: &TestApp, id: i64, text: String) -> crate::helpers::TestResponse {
    let req = Request::put(format!("/api/v1/conferences/{id}/layouts/giay_khen.toml"))
        .header(header::CONTENT_TYPE, "application/toml")
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", app.token.clone().unwrap()),
        )
        .body(Body::from(text))
        .unwrap();
    app.raw(req).await
}

async fn still_answers(app: &TestApp) {
    assert_eq!(app.anonymous().get("/healthz").await.status, 200);
}

/// The demo's Giấy khen with its `recipient` element changed by `change`.
async fn giay_khen_with(app: &TestApp, id: i64, change: impl Fn(&mut Value)) -> Value {
    let base = format!("/api/v1/conferences/{id}/layouts/giay_khen");
    let mut layout = app.get(&base).await.body["layout"].clone();
    for e in layout["element"].as_array_mut().unwrap() {
        if e["name"] == "recipient" {
            change(e);
        }
    }
    layout
}

/// A viewer's preview with `max_lines = 2^40` aborted the process on an allocation of 26 TB,
/// and one with sizes where half a point is nothing never ended; both are now refused by the
/// loader, naming the element and the bound, and the server answers.
#[tokio::test]
async fn a_viewers_hostile_previews_are_refused_and_the_server_answers() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let viewer = app.as_token(&app.viewer(id, "viewer@kimson.gov.vn").await);
    let preview = format!("/api/v1/conferences/{id}/layouts/giay_khen/preview");
    let check = format!("/api/v1/conferences/{id}/layouts/giay_khen/check");

    let huge_lines = giay_khen_with(&app, id, |e| {
        e["box"] = json!([20, 71, 10, 14]);
        e["size"] = json!(22);
        e["min_size"] = json!(22);
        e["max_lines"] = json!(1_099_511_627_776u64);
    })
    .await;
    for uri in [&preview, &check] {
        let res = viewer.post(uri, json!({"layout": huge_lines})).await;
        assert_eq!(res.problem(422), ["layout"], "{}", res.body);
        let message = res.body["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("element \"recipient\": max_lines 1099511627776 must be from 1 to 20"),
            "{message}"
        );
    }
    let mut endless = giay_khen_with(&app, id, |e| {
        e["box"] = json!([0, 0, 10, 9e6]);
        e["size"] = json!(1e8);
        e["min_size"] = json!(1e7);
    })
    .await;
    endless["paper"] = json!("1e7x1e7");
    let res = viewer.post(&preview, json!({"layout": endless})).await;
    res.problem(422);
    let message = res.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("each side must be from 50 to 1200 mm"),
        "{message}"
    );
    endless["paper"] = json!("A4");
    let res = viewer.post(&preview, json!({"layout": endless})).await;
    res.problem(422);
    still_answers(&app).await;

    // An editor cannot save them either (NaN and infinity are TOML numbers).
    let toml_of = |layout: &Value| {
        hoinghi::print::layout::LayoutFile::to_toml(
            &serde_json::from_value(layout.clone()).unwrap(),
        )
    };
    let text = toml_of(&huge_lines);
    let put = |text: String| put_toml(&app, id, text);
    put(text).await.problem(422);
    let plain = toml_of(&giay_khen_with(&app, id, |_| {}).await);
    for (from, to) in [
        ("size = 22", "size = nan"),
        ("paper = \"A4\"", "paper = \"infxinf\""),
    ] {
        assert!(plain.contains(from), "{plain}");
        let res = put(plain.replacen(from, to, 1)).await;
        res.problem(422);
    }
    let nan_box = plain.replacen("box = [", "box = [nan, nan, nan, nan]\n# was [", 1);
    put(nan_box).await.problem(422);
    still_answers(&app).await;
}

/// A layout saved before the bounds (a row written directly) cannot hang a batch: it is
/// refused when the batch loads it, with the loader's message.
#[tokio::test]
async fn a_stored_hostile_layout_is_refused_when_printing() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}/layouts/giay_khen");
    let current = app.get(&base).await.body["layout"].clone();
    let text =
        hoinghi::print::layout::LayoutFile::to_toml(&serde_json::from_value(current).unwrap());
    let saved = put_toml(&app, id, text).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE certificate_layout SET source = REPLACE(source, 'max_lines = 2', 'max_lines = 1099511627776') WHERE conference_id = $1",
            [id.into()],
        ))
        .await
        .unwrap();
    let res = app
        .get(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await;
    res.problem(422);
    still_answers(&app).await;
}

/// Heavy work beyond the server's permits answers 503 with Retry-After at once.
#[tokio::test]
async fn heavy_work_beyond_the_permits_answers_503() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let work = Arc::new(Work::sized(2));
    let busy = app.with_state(|s| s.work = work.clone());
    let _held = [
        work.permit(Heavy::Render).unwrap(),
        work.permit(Heavy::Render).unwrap(),
    ];
    let res = busy
        .post(
            &format!("/api/v1/conferences/{id}/layouts/giay_khen/preview"),
            json!({}),
        )
        .await;
    res.problem(503);
    assert_eq!(res.headers.get(header::RETRY_AFTER).unwrap(), "10");
    let res = busy
        .get(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await;
    res.problem(503);
    drop(_held);
    let res = busy
        .post(
            &format!("/api/v1/conferences/{id}/layouts/giay_khen/preview"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// One row of a name and 20,000,000 commas was accepted and lifted the server by a GB.
#[tokio::test]
async fn a_csv_wider_than_a_spreadsheet_may_be_is_refused() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let mut csv = "Nguyễn Văn A".as_bytes().to_vec();
    csv.extend(std::iter::repeat_n(b',', 20_000_000));
    let uri = format!("/api/v1/conferences/{id}/attendees/import");
    let res = crate::interop::upload(&app, &uri, "rong.csv", &csv, None).await;
    assert_eq!(res.problem(422), ["file"]);
    assert!(
        res.body["detail"]
            .as_str()
            .unwrap()
            .contains("at most 200 columns"),
        "{}",
        res.body
    );
    still_answers(&app).await;
}

async fn throttle_rows(app: &TestApp) -> (i64, i64) {
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(\"key\")), 0) AS len FROM login_throttle",
        ))
        .await
        .unwrap()
        .unwrap();
    (
        row.try_get("", "n").unwrap(),
        row.try_get("", "len").unwrap(),
    )
}

/// A verification lookup in a new window once purged every counter older than its own 60 s,
/// the 15-minute sign-in counters included.
#[tokio::test]
async fn a_verification_window_keeps_the_sign_in_counters() {
    use hoinghi::store::throttle::{Counter, count_attempt};
    let app = spawn_app().await;
    let count = |counter, subject: &'static str, at: i64| {
        let window = if counter == Counter::Verify { 60 } else { 900 };
        let db = app.db.clone();
        async move {
            count_attempt(&db, counter, subject, at, window)
                .await
                .unwrap()
        }
    };
    let t0 = 1_800_000_000;
    for _ in 0..6 {
        count(Counter::Account, "a@kimson.gov.vn", t0).await;
    }
    // 61 s later a lookup starts a new 60 s window of its own.
    assert_eq!(count(Counter::Verify, "10.0.0.9", t0 + 61).await.0, 1);
    assert_eq!(
        count(Counter::Account, "a@kimson.gov.vn", t0 + 62).await,
        (7, t0),
        "the sign-in counter was kept"
    );
    // And a sign-in window purges only counters of its own kind.
    count(Counter::Verify, "10.0.0.10", t0 + 2000).await;
    assert_eq!(count(Counter::Address, "10.0.0.11", t0 + 2001).await.0, 1);
    assert_eq!(
        count(Counter::Verify, "10.0.0.10", t0 + 2002).await.0,
        2,
        "the lookup counter was kept"
    );
}

/// A sign-in with a 1 MB email was counted, key and all, even when answered 429.
#[tokio::test]
async fn an_overlong_email_is_refused_before_anything_is_counted() {
    let app = spawn_app().await;
    let email = format!("{}@kimson.gov.vn", "a".repeat(500 * 1024));
    let res = app
        .anonymous()
        .post(
            "/api/v1/auth/login",
            json!({"email": email, "password": "x"}),
        )
        .await;
    assert_eq!(res.problem(422), ["email"]);
    let mut web = Web::anonymous(&app);
    let page = web
        .post(
            "/login",
            &[("email", &email), ("password", "x"), ("next", "/app")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        !page.html.contains(&"a".repeat(300)),
        "the email is not echoed"
    );
    assert_eq!(throttle_rows(&app).await, (0, 0), "nothing was counted");
    // A long X-Forwarded-For from a trusted proxy is cut.
    let proxied = app.with_state(|s| s.trust_proxy = true);
    let req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", "x".repeat(8000))
        .body(Body::from(
            json!({"email": "nobody@kimson.gov.vn", "password": "x"}).to_string(),
        ))
        .unwrap();
    assert_eq!(proxied.anonymous().raw(req).await.status, 401);
    let (rows, length) = throttle_rows(&app).await;
    assert_eq!(rows, 2);
    assert!(length < 200, "{length}");
}

/// Browsers drop a TAB from a URL, so `/\t/evil.example/` led to another site; a CR or LF
/// made the Location header fail (500, with a session cookie set).
#[tokio::test]
async fn next_and_back_stay_on_this_site() {
    let app = spawn_app().await;
    crate::helpers::user(&app.db, "thu@kimson.gov.vn").await;
    let mut web = Web::anonymous(&app);
    for next in [
        "/\t/evil.example/",
        "/\n",
        "/\r\n",
        "/ /evil",
        "//evil.example",
        "/\\evil",
    ] {
        let page = web
            .post(
                "/login",
                &[
                    ("email", "thu@kimson.gov.vn"),
                    ("password", "mật khẩu đủ dài"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(
            (page.status, page.location.as_deref()),
            (303, Some("/app")),
            "{next:?}"
        );
        let page = web.get(&format!("/login?next={}", percent(next))).await;
        assert_eq!(
            (page.status, page.location.as_deref()),
            (303, Some("/app")),
            "{next:?}"
        );
        let page = web.post("/lang", &[("lang", "en"), ("back", next)]).await;
        assert_eq!(
            (page.status, page.location.as_deref()),
            (303, Some("/")),
            "{next:?}"
        );
    }
    let page = web
        .post("/lang", &[("lang", "en"), ("back", "/app/c/1?tab=x")])
        .await;
    assert_eq!(page.location.as_deref(), Some("/app/c/1?tab=x"));
}

fn percent(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// An Origin of this host over another scheme is another site.
#[tokio::test]
async fn a_write_from_another_scheme_is_cross_site() {
    let app = spawn_app().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web
        .post_from("/app/new", &[("name", "x")], Some("https://localhost"))
        .await;
    assert_eq!(page.status, 403);
    let csp = app.anonymous().get("/healthz").await;
    let csp = csp.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
}

/// The loader's problems are typed: a client asking for Vietnamese reads them naming the
/// box as the designer does (its field), with the bound; the code and values stay.
#[tokio::test]
async fn a_layouts_problem_is_worded_in_vietnamese() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let layout = giay_khen_with(&app, id, |e| {
        e["max_lines"] = json!(99);
    })
    .await;
    let res = app
        .send(
            axum::http::Method::POST,
            &format!("/api/v1/conferences/{id}/layouts/giay_khen/preview"),
            Some(json!({"layout": layout})),
            &[("accept-language", "vi")],
        )
        .await;
    assert_eq!(res.problem(422), ["layout"]);
    let e = &res.body["errors"][0];
    assert_eq!(e["code"], "layout-max-lines");
    assert_eq!(e["args"]["value"], "99");
    assert_eq!(
        e["message"],
        "ô Danh xưng và tên người nhận: số dòng 99 phải từ 1 đến 20"
    );
}
