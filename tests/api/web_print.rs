//! Certificate batches prepared in the background from the print centre: started, followed
//! while they run, left and come back to, downloaded, and kept to the newest few.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

use crate::helpers::{TestApp, Web, pdf_text, spawn_app};

/// A GET as htmx sends it (the `HX-Request` header), with the session cookie.
async fn htmx_get(app: &TestApp, uri: &str, cookie: &str) -> (u16, String) {
    let req = Request::get(uri)
        .header(header::HOST, "localhost")
        .header(header::COOKIE, cookie)
        .header("hx-request", "true")
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The value of the hidden input `name` of a page.
fn hidden(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no hidden {name}"));
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()]
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn web_print_a_big_batch_is_prepared_in_the_background_and_waits_to_be_fetched() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let decision = app.get(&format!("{base}/decisions")).await.body["items"][0].clone();
    let before = app
        .get(&format!("{base}/recipients?decision_id={}", decision["id"]))
        .await
        .body["total"]
        .as_i64()
        .unwrap();
    // A decision of more than a hundred recipients: a batch that takes a while.
    for n in 1..=120 {
        app.create(
            &format!("{base}/recipients"),
            json!({"decision_id": decision["id"], "kind": "collective", "name": format!("Chi bộ thôn số {n}")}),
        )
        .await;
    }
    let pages = before + 120;

    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let centre = web
        .get(&format!(
            "/app/c/{id}/print?decision={}&mode=full",
            decision["id"]
        ))
        .await;
    let text = centre.text();
    assert!(
        text.contains(&format!("{pages} trang cần một lúc")),
        "{text}"
    );
    assert!(
        centre
            .html
            .contains(&format!("action=\"/app/c/{id}/print/jobs\""))
    );
    assert!(!text.contains("Tệp in gần đây"), "no batch yet");
    let query = hidden(&centre.html, "query");
    assert_eq!(query, format!("mode=full&decision={}", decision["id"]));

    // Start: to the batch's page, which follows the progress until the file is ready.
    let started = web
        .post(&format!("/app/c/{id}/print/jobs"), &[("query", &query)])
        .await;
    assert_eq!(started.status, 303, "{}", started.text());
    let location = started.location.unwrap();
    let page_path = location.split('?').next().unwrap().to_string();
    assert!(page_path.starts_with(&format!("/app/c/{id}/print/jobs/")));
    let token = page_path.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 40, "an unguessable token: {token}");
    let page = web.get(&location).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Đã bắt đầu chuẩn bị tệp in"));
    assert!(page.text().contains(&format!("Tệp {pages} trang")));

    let cookie = Web::session_cookie(&app, "organiser@kimson.gov.vn", "mật khẩu đủ dài")
        .await
        .unwrap();
    let mut ready = String::new();
    for _ in 0..300 {
        let (status, partial) = htmx_get(&app, &page_path, &cookie).await;
        assert_eq!(status, 200);
        assert!(!partial.contains("<html"), "htmx gets the progress alone");
        if partial.contains("Tệp đã sẵn sàng") {
            ready = partial;
            break;
        }
        assert!(
            partial.contains("<progress") && partial.contains("hx-trigger=\"load delay:1s\""),
            "{partial}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        ready.contains(&format!("Tệp đã sẵn sàng: {pages} trang.")),
        "{ready}"
    );
    assert!(!ready.contains("hx-get"), "a finished batch stops asking");

    // Left and come back: the print centre lists the batch with its file.
    let centre = web.get(&format!("/app/c/{id}/print")).await;
    assert!(centre.text().contains("Tệp in gần đây"));
    let file = format!("{page_path}/khen-thuong.pdf");
    assert!(centre.html.contains(&format!("{file}?download=true")));

    let req = Request::get(format!("{file}?download=true"))
        .header(header::HOST, "localhost")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&bytes, "reading the batch back") {
        assert_eq!(
            text.matches('\u{c}').count() as i64,
            pages,
            "one page per recipient"
        );
        assert!(
            text.contains("CHI BỘ THÔN SỐ 120") || text.contains("Chi bộ thôn số 120"),
            "{}",
            &text[..text.len().min(2000)]
        );
    }

    // The print is in the audit log once, as prints from the API are.
    let audit = app.get(&format!("{base}/audit?limit=2")).await.body;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["print", "create"]);
    assert_eq!(audit["items"][0]["detail"]["pages"], pages);

    // Not a batch of another conference, and not for a viewer.
    let other = app.conference().await;
    assert_eq!(
        web.get(&format!("/app/c/{other}/print/jobs/{token}"))
            .await
            .status,
        404
    );
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let mut viewer = Web::sign_in(&app, "viewer@kimson.gov.vn").await;
    assert_eq!(viewer.get(&page_path).await.status, 403);
    assert_eq!(viewer.get(&file).await.status, 403);
    assert_eq!(
        viewer
            .post(&format!("/app/c/{id}/print/jobs"), &[("query", &query)])
            .await
            .status,
        403
    );
    // A forged post from another site starts nothing.
    let forged = web
        .post_from(
            &format!("/app/c/{id}/print/jobs"),
            &[("query", &query)],
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(
        hoinghi::store::print_job::list(&app.db, id as i32)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn web_print_a_selection_that_cannot_print_goes_back_to_the_centre_with_its_problem() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let decision = app.get(&format!("{base}/decisions")).await.body["items"][0].clone();
    let etag = app
        .get(&format!("{base}/decisions/{}", decision["id"]))
        .await
        .etag();
    let cleared = app
        .send(
            axum::http::Method::PATCH,
            &format!("{base}/decisions/{}", decision["id"]),
            Some(json!({"signer_name": ""})),
            &[("if-match", etag.as_str())],
        )
        .await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let query = format!("mode=full&decision={}", decision["id"]);
    let back = web
        .post(&format!("/app/c/{id}/print/jobs"), &[("query", &query)])
        .await;
    assert_eq!(back.status, 303);
    let location = back.location.unwrap();
    assert_eq!(location, format!("/app/c/{id}/print?{query}"));
    let centre = web.get(&location).await;
    assert!(
        centre.text().contains("chưa có tên người ký"),
        "{}",
        centre.text()
    );
    assert!(
        hoinghi::store::print_job::list(&app.db, id as i32)
            .await
            .unwrap()
            .is_empty(),
        "nothing started"
    );
}

#[tokio::test]
async fn web_print_an_interrupted_batch_says_so_and_old_batches_make_room() {
    use hoinghi::store::print_job;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

    let app = spawn_app().await;
    let id = app.demo().await as i32;
    for n in 0..12 {
        print_job::prune(&app.db, id).await.unwrap();
        print_job::insert(
            &app.db,
            &format!("token-{n}"),
            id,
            "organiser@kimson.gov.vn",
            "mode=full",
            3,
        )
        .await
        .unwrap();
    }
    let kept = print_job::list(&app.db, id).await.unwrap();
    assert_eq!(kept.len() as u64, print_job::KEPT_PER_CONFERENCE);
    assert_eq!(kept[0].token, "token-11", "newest first");

    // A batch whose server stopped: its heartbeat is old.
    let row = entity::print_job::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.token == "token-11")
        .unwrap();
    let mut stale: entity::print_job::ActiveModel = row.into();
    stale.updated_at = Set(chrono::Utc::now() - chrono::Duration::minutes(5));
    stale.update(&app.db).await.unwrap();

    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web.get(&format!("/app/c/{id}/print/jobs/token-11")).await;
    let text = page.text();
    assert!(text.contains("bị gián đoạn vì máy chủ đã dừng"), "{text}");
    assert!(page.html.contains("name=\"query\" value=\"mode=full\""));
    assert!(!page.html.contains("hx-get"));
    let centre = web.get(&format!("/app/c/{id}/print")).await.text();
    assert!(centre.contains("Bị gián đoạn"), "{centre}");
    // A running batch with a fresh heartbeat shows its progress.
    let running = web.get(&format!("/app/c/{id}/print/jobs/token-10")).await;
    assert!(
        running.text().contains("đã xong 0 trên 3 trang"),
        "{}",
        running.text()
    );
    assert!(running.html.contains("hx-get"));
    // In English too.
    let mut english = Web::sign_in(&app, "organiser@kimson.gov.vn")
        .await
        .in_language("en");
    let text = english
        .get(&format!("/app/c/{id}/print/jobs/token-11"))
        .await
        .text();
    assert!(
        text.contains("interrupted because the server stopped"),
        "{text}"
    );
}

#[tokio::test]
async fn web_print_a_printer_offset_is_saved_by_name_and_chosen_in_the_print_centre() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let saved = web
        .post(
            &format!("/app/c/{id}/print/printers"),
            &[
                ("printer_name", "máy in phòng Văn phòng"),
                ("offset_x", "1,5"),
                ("offset_y", "-2"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let location = saved.location.unwrap();
    let printers = app
        .get(&format!("/api/v1/conferences/{id}/printers"))
        .await
        .body;
    let printer = &printers["items"][0];
    assert_eq!(printer["name"], "máy in phòng Văn phòng");
    assert_eq!(printer["offset_x_mm"], 1.5);
    assert_eq!(
        location,
        format!(
            "/app/c/{id}/print?mode=blank&printer={}&done=done-printer-saved",
            printer["id"]
        )
    );

    // Chosen by name, its offsets go to the blanks and the calibration page.
    let centre = web.get(&location).await;
    assert!(centre.text().contains("Đã lưu máy in"));
    // The invitations and their envelope labels are papers of the print centre too.
    assert!(
        centre
            .html
            .contains(&format!("/api/v1/conferences/{id}/invitations.pdf"))
    );
    assert!(
        centre
            .html
            .contains(&format!("/api/v1/conferences/{id}/invitation-labels.pdf"))
    );
    assert!(centre.text().contains("Giấy mời"));
    assert!(
        centre.html.contains(&format!(
            "<option value=\"{}\" selected>máy in phòng Văn phòng (1,5 / -2 mm)",
            printer["id"]
        )),
        "{}",
        centre.html
    );
    assert!(
        centre
            .html
            .contains("mode=blank&#38;offset_x=1.5&#38;offset_y=-2"),
        "{}",
        centre.html
    );

    // A second printer of the same name is refused, next to nothing lost.
    let again = web
        .post(
            &format!("/app/c/{id}/print/printers"),
            &[
                ("printer_name", "máy in phòng Văn phòng"),
                ("offset_x", "0"),
                ("offset_y", "0"),
            ],
        )
        .await;
    assert_eq!(again.status, 409, "{}", again.text());
}
