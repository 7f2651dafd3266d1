//! The web workspace's own pages (public page, sign-in, conferences, dashboard, settings),
//! driven as a browser would with the session cookie, asserting on what a person reads.

use serde_json::json;

use crate::helpers::{Web, decision_body, issuer_body, spawn_app};

#[tokio::test]
async fn the_front_page_shows_the_published_demo_and_a_sign_in_link() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::anonymous(&app);
    let page = web.get("/").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    for expected in [
        "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018",
        "14/3/2019",
        "07h30 – 08h00",
        "Đón tiếp đại biểu",
        "Chương trình (PDF)",
        "Đăng nhập",
    ] {
        assert!(text.contains(expected), "{expected} missing in: {text}");
    }
    assert!(
        page.html
            .contains(&format!("/api/v1/conferences/{id}/programme.pdf"))
    );
    assert!(
        page.html
            .contains(&format!("/api/v1/conferences/{id}/agenda.ics"))
    );
    // The same page by its own address, and in English.
    let mut english = Web::anonymous(&app).in_language("en");
    let page = english.get(&format!("/p/{id}")).await;
    let text = page.text();
    assert!(
        text.contains("14 Mar 2019") && text.contains("07:30 – 08:00"),
        "{text}"
    );
    assert!(
        text.contains("Programme (PDF)") && text.contains("Sign in"),
        "{text}"
    );
    assert!(page.html.starts_with("<!doctype html>\n<html lang=\"en\">"));
}

#[tokio::test]
async fn a_draft_has_no_public_page() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let page = Web::anonymous(&app).get(&format!("/p/{id}")).await;
    assert_eq!(page.status, 404);
    assert!(page.text().contains("Không tìm thấy"), "{}", page.text());
    let home = Web::anonymous(&app).get("/").await;
    assert!(home.text().contains("Chưa có hội nghị nào được công bố"));
}

#[tokio::test]
async fn signing_in_and_out_through_the_form() {
    let app = spawn_app().await;
    app.demo().await;
    let mut web = Web::anonymous(&app);
    // A page that needs a user sends the visitor to sign in, and back afterwards.
    let page = web.get("/app/c/1/settings").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location.as_deref(),
        Some("/login?next=%2Fapp%2Fc%2F1%2Fsettings")
    );
    let wrong = web
        .post(
            "/login",
            &[
                ("email", "organiser@kimson.gov.vn"),
                ("password", "sai"),
                ("next", "/app"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("Sai thư điện tử hoặc mật khẩu."));
    assert!(
        wrong.html.contains("value=\"organiser@kimson.gov.vn\""),
        "the email is kept"
    );
    // Another site cannot sign the browser in.
    let forged = web
        .post_from(
            "/login",
            &[
                ("email", "organiser@kimson.gov.vn"),
                ("password", "mật khẩu đủ dài"),
            ],
            Some("http://evil.example"),
        )
        .await;
    assert_eq!(forged.status, 403);
    // next never leads to another site.
    let mut web = Web::anonymous(&app);
    let page = web
        .post(
            "/login",
            &[
                ("email", "organiser@kimson.gov.vn"),
                ("password", "mật khẩu đủ dài"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/app"));
    let list = web.get("/app").await;
    let text = list.text();
    assert!(
        text.contains("Hội nghị tổng kết phong trào Toàn dân") && text.contains("Chủ trì"),
        "{text}"
    );
    assert!(text.contains("organiser@kimson.gov.vn"));
    let out = web.post("/logout", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/"));
    assert_eq!(web.get("/app").await.status, 303, "signed out");
}

#[tokio::test]
async fn the_dashboard_counts_and_lists_what_is_missing_before_printing() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    // A decision without number and signer, a recipient without reason or unit, and one
    // whose name the font cannot draw.
    let issuer = app
        .create(&format!("{base}/issuers"), issuer_body("UBND xã Kim Chính"))
        .await;
    let mut body = decision_body(&issuer["id"], "12/QĐ-UBND");
    body["signer_name"] = json!("");
    let decision = app.create(&format!("{base}/decisions"), body).await;
    let bare = app
        .create(
            &format!("{base}/recipients"),
            json!({"decision_id": decision["id"], "kind": "individual", "name": "Trần Thị Lụa"}),
        )
        .await;
    app.create(
        &format!("{base}/recipients"),
        json!({"decision_id": decision["id"], "kind": "individual", "name": "Nguyễn Văn ꞗ",
               "unit": "Công an xã", "reason": "Đã có thành tích xuất sắc"}),
    )
    .await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web.get(&format!("/app/c/{id}")).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    for expected in [
        "11 Đại biểu",
        "0 Đã điểm danh",
        "6 Quyết định khen thưởng",
        "19 Người/đơn vị được khen",
        "Trần Thị Lụa: chưa có thành tích và đơn vị",
        "UBND xã Kim Chính — 12/QĐ-UBND: quyết định chưa có người ký",
        "không có ký tự “ꞗ” (U+A797) trong “Danh xưng và tên người nhận” của Nguyễn Văn ꞗ",
        "Bộ Công an tặng Bằng khen cho 1 tập thể.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    let fix = format!(
        "/app/c/{id}/awards/{}/recipients/{}",
        decision["id"], bare["id"]
    );
    assert!(page.html.contains(&fix), "the entry links to its fix");
    // The navigation marks the dashboard as the current page.
    assert!(
        page.html
            .contains(&format!("<a href=\"/app/c/{id}\" aria-current=\"page\">"))
    );
}

#[tokio::test]
async fn conference_forms_keep_what_was_typed_and_show_problems_beside_fields() {
    let app = spawn_app().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let typed = [
        ("title", ""),
        ("movement", "Thi đua yêu nước"),
        ("year_reviewed", "2024"),
        ("held_on", "2025-01-10"),
        ("host_body", "UBND xã Kim Chính"),
        ("venue", "Hội trường UBND xã"),
        ("place_name", "Kim Chính"),
    ];
    let page = web.post("/app/new", &typed).await;
    assert_eq!(page.status, 422);
    assert!(
        page.html
            .contains("id=\"f-title-error\">không được để trống</p>"),
        "the domain's problem, in Vietnamese, beside the field: {}",
        page.html
    );
    assert!(
        page.html.contains("value=\"Hội trường UBND xã\""),
        "typed values are kept"
    );
    let mut fixed = typed.to_vec();
    fixed[0] = ("title", "Hội nghị tổng kết năm 2024");
    fixed[2] = ("year_reviewed", "hai nghìn");
    let page = web.post("/app/new", &fixed).await;
    assert_eq!(page.status, 422);
    assert!(
        page.html
            .contains("id=\"f-year_reviewed-error\">phải là một số</p>"),
        "{}",
        page.html
    );
    assert!(page.html.contains("value=\"hai nghìn\""));
    fixed[2] = ("year_reviewed", "2024");
    let page = web.post("/app/new", &fixed).await;
    assert_eq!(page.status, 303, "{}", page.text());
    let to = page.location.unwrap();
    assert!(to.ends_with("?done=done-created"), "{to}");
    let dashboard = web.get(&to).await;
    assert!(dashboard.text().contains("Đã tạo."));
    assert!(dashboard.text().contains("Hội nghị tổng kết năm 2024"));
}

#[tokio::test]
async fn a_save_after_someone_elses_shows_both_versions_instead_of_overwriting() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut first = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let mut second = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let settings = format!("/app/c/{id}/settings");
    let form = first.get(&settings).await;
    let version = form
        .html
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    second.get(&settings).await;
    let fields = |venue: &'static str, version: &str| {
        vec![
            ("version", version.to_string()),
            (
                "title",
                "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018".into(),
            ),
            ("movement", "Toàn dân bảo vệ an ninh Tổ quốc".into()),
            ("year_reviewed", "2018".into()),
            ("held_on", "2019-03-14".into()),
            ("host_body", "UBND huyện Kim Sơn".into()),
            ("venue", venue.to_string()),
            ("place_name", "Kim Sơn".into()),
            ("time_zone", "Asia/Ho_Chi_Minh".into()),
        ]
    };
    let pairs = |f: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { f.clone() };
    let a = pairs(&fields("Hội trường A", &version));
    let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(first.post(&settings, &a).await.status, 303);
    let b = pairs(&fields("Hội trường B", &version));
    let b: Vec<(&str, &str)> = b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = second.post(&settings, &b).await;
    assert_eq!(page.status, 422);
    let text = page.text();
    assert!(text.contains("Người khác vừa lưu trước bạn."), "{text}");
    assert!(
        text.contains("Địa điểm Hội trường A Hội trường B"),
        "{text}"
    );
    let stored = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(
        stored.body["venue"], "Hội trường A",
        "nothing was overwritten"
    );
    // Saving again, having seen the other version, overwrites deliberately.
    let newer = page
        .html
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let b = pairs(&fields("Hội trường B", &newer));
    let b: Vec<(&str, &str)> = b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(second.post(&settings, &b).await.status, 303);
    let stored = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(stored.body["venue"], "Hội trường B");
}

#[tokio::test]
async fn forged_and_unauthorised_posts_are_refused_with_a_page() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let mut owner = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let publish = format!("/app/c/{id}/publish");
    for origin in [None, Some("http://evil.example")] {
        let page = owner
            .post_from(&publish, &[("status", "draft")], origin)
            .await;
        assert_eq!(page.status, 403, "{origin:?}");
        assert!(page.text().contains("Không có quyền"), "{}", page.text());
    }
    let stored = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(
        stored.body["status"], "published",
        "the forged post changed nothing"
    );
    let mut viewer = Web::sign_in(&app, "viewer@kimson.gov.vn").await;
    let dashboard = viewer.get(&format!("/app/c/{id}")).await;
    assert_eq!(dashboard.status, 200);
    assert!(
        !dashboard.html.contains(&format!("/app/c/{id}/audit")),
        "the audit log, for editors, is not offered to a viewer"
    );
    assert!(
        owner
            .get(&format!("/app/c/{id}"))
            .await
            .html
            .contains(&format!("/app/c/{id}/audit"))
    );
    assert_eq!(
        viewer.get(&format!("/app/c/{id}/settings")).await.status,
        403
    );
    assert_eq!(
        viewer.post(&publish, &[("status", "draft")]).await.status,
        403
    );
    let page = viewer
        .post(&format!("/app/c/{id}/delete"), &[("confirm", "x")])
        .await;
    assert_eq!(page.status, 403);
    // The owner unpublishes through the page; the public page is gone.
    let page = owner.post(&publish, &[("status", "draft")]).await;
    assert_eq!(page.status, 303);
    assert_eq!(
        Web::anonymous(&app).get(&format!("/p/{id}")).await.status,
        404
    );
}

#[tokio::test]
async fn the_language_is_chosen_remembered_and_kept_on_the_page() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let back = format!("/app/c/{id}");
    let page = web.post("/lang", &[("lang", "en"), ("back", &back)]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location.as_deref(), Some(back.as_str()));
    let mut english = web.in_language("en");
    let text = english.get(&back).await.text();
    assert!(
        text.contains("Overview") && text.contains("Delegates by category"),
        "{text}"
    );
    assert!(
        text.contains("Everything needed for printing is there."),
        "{text}"
    );
    assert!(!text.contains("Tổng quan"), "{text}");
}

#[tokio::test]
async fn a_backup_downloaded_is_restored_through_the_page() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (status, _, backup) = app
        .download(&format!("/api/v1/conferences/{id}/backup.json"))
        .await;
    assert_eq!(status, 200);
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let bad = web
        .upload("/app/restore", &[], "file", "x.json", b"not json")
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.html.contains("id=\"restore-error\""), "{}", bad.text());
    // Each refusal says what is wrong with the file, in the page's language.
    let not_a_backup = "không phải tệp sao lưu của hoinghi";
    assert!(bad.text().contains(not_a_backup), "{}", bad.text());
    let other = web
        .upload(
            "/app/restore",
            &[],
            "file",
            "x.json",
            br#"{"format": "pretix"}"#,
        )
        .await;
    assert!(other.text().contains(not_a_backup), "{}", other.text());
    let mut newer: serde_json::Value = serde_json::from_slice(&backup).unwrap();
    newer["version"] = serde_json::json!(99);
    let newer = web
        .upload(
            "/app/restore",
            &[],
            "file",
            "x.json",
            newer.to_string().as_bytes(),
        )
        .await;
    assert!(newer.text().contains("phiên bản khác"), "{}", newer.text());
    let none = web
        .upload("/app/restore", &[], "other", "x.json", b"{}")
        .await;
    assert!(
        none.text().contains("chưa chọn tệp sao lưu"),
        "{}",
        none.text()
    );
    // A backup larger than a form's usual body (a big conference's) goes through too.
    let mut backup = backup;
    backup.extend(std::iter::repeat_n(b' ', 1_500_000));
    let page = web
        .upload("/app/restore", &[], "file", "backup.json", &backup)
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let restored = web.get(page.location.as_deref().unwrap()).await;
    assert!(
        restored
            .text()
            .contains("Đã khôi phục hội nghị từ bản sao lưu.")
    );
    assert!(
        restored.text().contains("11 Đại biểu"),
        "{}",
        restored.text()
    );
}

/// A workspace address whose conference is not an id is a page saying so, in the reader's
/// language, naming what was typed no longer than an id can be; the sign-in comes first.
#[tokio::test]
async fn a_conference_address_that_is_not_an_id_is_not_found() {
    let app = spawn_app().await;
    app.demo().await;
    let anonymous = Web::anonymous(&app).get("/app/c/abc/agenda").await;
    assert_eq!(anonymous.status, 303);
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let long = "x".repeat(5_000);
    for path in [
        "/app/c/abc/agenda".to_string(),
        "/app/c/0/awards".into(),
        "/app/c/99999999999/delegates".into(),
        format!("/app/c/{long}/print"),
    ] {
        let page = web.get(&path).await;
        assert_eq!(page.status, 404, "{path}");
        let text = page.text();
        assert!(text.contains("Không tìm thấy"), "{path}: {text}");
        assert!(!text.contains(&"x".repeat(13)), "{path} named in full");
    }
}
