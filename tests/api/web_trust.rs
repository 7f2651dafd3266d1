//! Smaller frictions a new clerk met: a delete button that looked like Save, a mistyped
//! title that landed on a bare error page, titles shown only as "Danh hiệu".

use crate::helpers::{Web, spawn_app};

#[tokio::test]
async fn a_decisions_delete_button_is_set_apart_and_confirmed() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let decision = app
        .get(&format!("/api/v1/conferences/{id}/decisions"))
        .await
        .body["items"][0]["id"]
        .clone();
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web.get(&format!("/app/c/{id}/awards/{decision}")).await;
    let html = &page.html;
    let save = html.find("class=\"primary\">Lưu").expect("the save button");
    let recipients = html.find("id=\"recipients-h\"").expect("the recipients");
    let delete = html.find("id=\"delete-h\"").expect("the delete section");
    assert!(
        save < recipients && recipients < delete,
        "delete comes last, apart"
    );
    let section = &html[html[..delete].rfind("<section").unwrap()..];
    assert!(
        section.starts_with("<section class=\"card danger\""),
        "{section}"
    );
    assert!(
        section.contains("data-confirm=\"Xóa hẳn mục này?"),
        "{section}"
    );
    assert!(page.text().contains("Không thể hoàn tác."));
}

#[tokio::test]
async fn a_mistyped_title_is_shown_beside_the_delete_field() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web
        .post(
            &format!("/app/c/{id}/delete"),
            &[("confirm", "Hội nghị tổng kết")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.html
            .contains("<p class=\"error\" id=\"confirm-error\">Tên gõ vào chưa đúng tên hội nghị"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("value=\"Hội nghị tổng kết\""),
        "what was typed is kept"
    );
    assert!(
        page.text().contains("Thông tin hội nghị"),
        "the settings page, not an error page"
    );
    assert_eq!(
        app.get(&format!("/api/v1/conferences/{id}")).await.status,
        200,
        "nothing deleted"
    );
}

#[tokio::test]
async fn a_title_decision_shows_the_titles_name() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let text = web.get(&format!("/app/c/{id}/print")).await.text();
    assert!(
        text.contains("456/QĐ-UBND – Danh hiệu “Đơn vị quyết thắng” (UBND tỉnh Ninh Bình"),
        "{text}"
    );
}

/// Warnings, not refusals: a decision dated after the conference and an agenda item that
/// runs into the next are saved, pointed out on the dashboard and beside the field.
#[tokio::test]
async fn a_late_decision_and_an_overlapping_item_are_pointed_out() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let decision = app.get(&format!("{base}/decisions")).await.body["items"][0].clone();
    let did = decision["id"].as_i64().unwrap();
    let res = app
        .patch(
            &format!("{base}/decisions/{did}"),
            serde_json::json!({"decided_on": "2019-03-20"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let item = app.get(&format!("{base}/agenda")).await.body["items"][4].clone();
    let iid = item["id"].as_i64().unwrap();
    let res = app
        .patch(
            &format!("{base}/agenda/{iid}"),
            serde_json::json!({"duration_minutes": 200}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let text = web.get(&format!("/app/c/{id}")).await.text();
    assert!(
        text.contains("Kiểm tra: quyết định Bộ Công an — 1520/QĐ-BCA ghi ngày 20/3/2019, sau ngày tổ chức hội nghị."),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Kiểm tra: mục “{}” kéo dài",
            item["title"].as_str().unwrap()
        )),
        "{text}"
    );
    let page = web.get(&format!("/app/c/{id}/awards/{did}")).await;
    assert!(
        page.html.contains("<p class=\"warning\" role=\"note\">Ngày quyết định sau ngày tổ chức hội nghị (14/3/2019)"),
        "{}",
        page.html
    );
    let page = web.get(&format!("/app/c/{id}/agenda/{iid}")).await;
    assert!(page.text().contains("phút sang mục sau"), "{}", page.text());
}

/// Before publishing, the owner opening the public page sees the draft with a notice and
/// the publish button; anyone else still finds nothing there.
#[tokio::test]
async fn the_owner_sees_the_draft_public_page_with_the_publish_button() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web.get(&format!("/p/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("Bản xem trước: hội nghị chưa công bố"),
        "{}",
        page.text()
    );
    assert!(
        page.html
            .contains(&format!("action=\"/app/c/{id}/publish\""))
    );
    let mut stranger = Web::anonymous(&app);
    assert_eq!(stranger.get(&format!("/p/{id}")).await.status, 404);
    let published = web
        .post(&format!("/app/c/{id}/publish"), &[("status", "published")])
        .await;
    assert_eq!(published.status, 303);
    let page = stranger.get(&format!("/p/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("Bản xem trước"));
}

/// A clerk working in Vietnamese meets each of the problems once seen in English — a year
/// after the day, negative minutes, an issuer already there, an unknown header, a record
/// that does not exist, a mistyped title — and reads every one in Vietnamese, with no
/// English wording and no internal ids or field codes.
#[tokio::test]
async fn a_crawl_in_vietnamese_meets_no_english() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let mut pages = Vec::new();
    pages.push((
        "a year after the day",
        web.post(
            "/app/new",
            &[
                ("title", "Hội nghị tổng kết năm 2027"),
                ("movement", "Thi đua"),
                ("year_reviewed", "2027"),
                ("held_on", "2026-01-10"),
                ("host_body", "UBND huyện Yên Mô"),
                ("venue", "Hội trường"),
                ("place_name", "Yên Mô"),
            ],
        )
        .await,
    ));
    let item = app
        .get(&format!("/api/v1/conferences/{id}/agenda"))
        .await
        .body["items"][0]
        .clone();
    let form = web
        .get(&format!("/app/c/{id}/agenda/{}", item["id"]))
        .await
        .html;
    let version = form
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("1")
        .to_string();
    pages.push((
        "negative minutes",
        web.post(
            &format!("/app/c/{id}/agenda/{}", item["id"]),
            &[
                ("version", version.as_str()),
                ("title", item["title"].as_str().unwrap()),
                ("kind", item["kind"].as_str().unwrap()),
                ("start_date", "2019-03-14"),
                ("starts_at", "07:30"),
                ("duration_minutes", "-10"),
            ],
        )
        .await,
    ));
    pages.push((
        "an issuer already there",
        web.post(
            &format!("/app/c/{id}/awards/issuers"),
            &[("name", "UBND huyện Kim Sơn"), ("level", "district")],
        )
        .await,
    ));
    pages.push((
        "a record that does not exist",
        web.get(&format!("/app/c/{id}/awards/999999")).await,
    ));
    pages.push((
        "a mistyped title",
        web.post(&format!("/app/c/{id}/delete"), &[("confirm", "không đúng")])
            .await,
    ));
    for (what, page) in &pages {
        let text = page.text();
        assert!(page.status >= 400, "{what}: {}", page.status);
        for english in [
            " cannot ",
            " must ",
            "already exists",
            "does not exist",
            "no column",
            " not ",
            "(id ",
            "held_on",
            "duration_minutes",
        ] {
            assert!(!text.contains(english), "{what}: {english:?} in {text}");
        }
    }
    assert!(
        pages[0]
            .1
            .text()
            .contains("hội nghị tổng kết năm 2027 không thể tổ chức trong năm 2026")
    );
    assert!(
        pages[1]
            .1
            .text()
            .contains("phải từ 0 đến 1440, không phải -10"),
        "{}",
        pages[1].1.text()
    );
    assert!(
        pages[2]
            .1
            .text()
            .contains("đã có cơ quan khen thưởng “UBND huyện Kim Sơn”"),
        "{}",
        pages[2].1.text()
    );
    assert!(pages[3].1.text().contains("Không tìm thấy"));
}
