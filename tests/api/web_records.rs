//! The agenda, delegates and check-in pages, driven as a browser drives them: signed in with
//! the session cookie, forms posted with this site's Origin, results checked in the HTML and
//! through the JSON API.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::helpers::{TestApp, Web, spawn_app};

const PASSWORD: &str = "mật khẩu đủ dài";

/// A signed-in browser: its session cookie and chosen language.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: String,
}

struct Answer {
    status: StatusCode,
    location: String,
    html: String,
}

fn encode(fields: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}

impl<'a> Browser<'a> {
    async fn sign_in(app: &'a TestApp, email: &str) -> Browser<'a> {
        let cookie = Web::session_cookie(app, email, PASSWORD)
            .await
            .expect("signed in with a session cookie");
        Browser { app, cookie }
    }

    fn in_english(mut self) -> Self {
        self.cookie = format!("{}; hoinghi_lang=en", self.cookie);
        self
    }

    async fn send(
        &self,
        method: Method,
        uri: &str,
        form: Option<&[(&str, &str)]>,
        extra: &[(&str, &str)],
        origin: bool,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &self.cookie);
        if origin {
            req = req.header(header::ORIGIN, "http://localhost");
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let req = match form {
            Some(f) => req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(encode(f))),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let res = self.app.raw(req).await;
        Answer {
            status: res.status,
            location: res
                .headers
                .get(header::LOCATION)
                .map(|l| l.to_str().unwrap().to_string())
                .unwrap_or_default(),
            html: match res.body {
                Value::String(s) => s,
                other => other.to_string(),
            },
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        let a = self.send(Method::GET, uri, None, &[], false).await;
        assert_eq!(a.status, StatusCode::OK, "GET {uri}: {}", a.html);
        a
    }

    async fn post(&self, uri: &str, form: &[(&str, &str)]) -> Answer {
        self.send(Method::POST, uri, Some(form), &[], true).await
    }
}

/// The ids of the agenda in its order, and each item's start as the API gives it.
async fn agenda(app: &TestApp, id: i64) -> Vec<(i64, String, String)> {
    app.get(&format!("/api/v1/conferences/{id}/agenda"))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_i64().unwrap(),
                i["title"].as_str().unwrap().to_string(),
                i["starts_at"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text of the page without its tags, with spaces collapsed (to find "07h30–08h00").
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn an_organiser_builds_an_agenda_whose_times_follow_the_order() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let b = Browser::sign_in(&app, "organiser@kimson.gov.vn").await;
    let base = format!("/app/c/{id}/agenda");

    let empty = b.get(&base).await;
    assert!(empty.html.contains("Chương trình chưa có mục nào"));
    // The add form starts the first item at 07:30 on the conference's day.
    assert!(
        empty
            .html
            .contains(r#"name="starts_at" type="time" value="07:30""#),
        "{}",
        empty.html
    );
    assert!(empty.html.contains(r#"value="2025-01-10""#));

    for (title, kind, start, minutes) in [
        ("Đón tiếp đại biểu", "welcome", "07:30", "30"),
        ("Khai mạc hội nghị", "opening", "08:00", "15"),
        (
            "Báo cáo tổng kết công tác thi đua năm 2024",
            "report",
            "08:15",
            "45",
        ),
    ] {
        let a = b
            .post(
                &base,
                &[
                    ("title", title),
                    ("kind", kind),
                    ("start_date", "2025-01-10"),
                    ("starts_at", start),
                    ("duration_minutes", minutes),
                    ("presenter_attendee_id", ""),
                    ("presenter_text", "Đồng chí Chủ tịch UBND xã"),
                    ("notes", ""),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
        assert!(
            a.location
                .starts_with(&format!("{base}?done=done-created#item-")),
            "{}",
            a.location
        );
    }
    let items = agenda(&app, id).await;
    assert_eq!(items.len(), 3);
    // Stored in UTC: 07:30 in Asia/Ho_Chi_Minh.
    assert_eq!(items[0].2, "2025-01-10T00:30:00Z");
    let page = text(&b.get(&base).await.html);
    assert!(page.contains("07h30–08h00"), "{page}");
    assert!(page.contains("08h15–09h00"), "{page}");
    assert!(page.contains("Từ 07h30 đến 09h00"), "{page}");
    assert!(page.contains("Đồng chí Chủ tịch UBND xã"));
    // The next item would start where the last ends.
    assert!(
        b.get(&base)
            .await
            .html
            .contains(r#"name="starts_at" type="time" value="09:00""#)
    );

    // A speech under the report.
    let report = items[2].0;
    let a = b
        .post(
            &format!("{base}/{report}/speeches"),
            &[
                ("title", "Báo cáo tổng kết năm 2024, phương hướng năm 2025"),
                ("kind", "review_report"),
                ("speaker_attendee_id", ""),
                ("speaker_name", "Lê Văn Bình"),
                ("speaker_position", "Phó Chủ tịch UBND xã"),
                ("planned_minutes", "30"),
                ("agenda_item_id", &report.to_string()),
                ("summary", ""),
                ("full_text", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let item_page = text(&b.get(&format!("{base}/{report}")).await.html);
    assert!(item_page.contains("Báo cáo tổng kết năm 2024, phương hướng năm 2025"));
    assert!(item_page.contains("Lê Văn Bình, Phó Chủ tịch UBND xã"));
    // A speech without a speaker is refused beside the field, the rest kept.
    let bad = b
        .post(
            &format!("{base}/{report}/speeches"),
            &[
                ("title", "Tham luận"),
                ("kind", "contribution"),
                ("speaker_name", ""),
                ("planned_minutes", "10"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains(r#"id="f-speaker_name-error""#),
        "{}",
        bad.html
    );
    assert!(bad.html.contains(r#"value="Tham luận""#));

    // Move the report up: it now starts when the welcome ends, and the opening follows it.
    let a = b
        .post(&format!("{base}/{report}/move"), &[("direction", "up")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let items = agenda(&app, id).await;
    let titles: Vec<&str> = items.iter().map(|i| i.1.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Đón tiếp đại biểu",
            "Báo cáo tổng kết công tác thi đua năm 2024",
            "Khai mạc hội nghị"
        ]
    );
    assert_eq!(items[1].2, "2025-01-10T01:00:00Z");
    assert_eq!(items[2].2, "2025-01-10T01:45:00Z");
    let page = text(&b.get(&base).await.html);
    assert!(page.contains("08h00–08h45"), "{page}");
    assert!(page.contains("08h45–09h00"), "{page}");
    assert!(
        page.contains("Lê Văn Bình"),
        "the speech is listed under its item"
    );

    // The new order from drag and drop, keeping a gap: a break at 09:10 leaves 10 minutes.
    let a = b
        .post(
            &base,
            &[
                ("title", "Giải lao"),
                ("kind", "break"),
                ("start_date", "2025-01-10"),
                ("starts_at", "09:10"),
                ("duration_minutes", "10"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let page = text(&b.get(&base).await.html);
    assert!(page.contains("Nghỉ 10 phút trước mục này"), "{page}");
    let items = agenda(&app, id).await;
    let order: Vec<String> = [items[2].0, items[0].0, items[1].0, items[3].0]
        .iter()
        .map(i64::to_string)
        .collect();
    let a = b
        .post(&format!("{base}/reorder"), &[("ids", &order.join(","))])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let items = agenda(&app, id).await;
    assert_eq!(items[0].1, "Khai mạc hội nghị");
    assert_eq!(
        items[0].2, "2025-01-10T00:30:00Z",
        "the first place keeps its start"
    );
    assert_eq!(items[1].2, "2025-01-10T00:45:00Z");
    assert_eq!(items[2].2, "2025-01-10T01:15:00Z");
    assert_eq!(
        items[3].2, "2025-01-10T02:10:00Z",
        "the gap before the last place is kept"
    );

    // An overlap shows as such.
    let opening = items[0].0;
    let a = b
        .post(
            &format!("{base}/{opening}"),
            &[
                ("title", "Khai mạc hội nghị"),
                ("kind", "opening"),
                ("start_date", "2025-01-10"),
                ("starts_at", "07:30"),
                ("duration_minutes", "20"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let page = text(&b.get(&base).await.html);
    assert!(page.contains("Trùng 5 phút với mục trước"), "{page}");

    // A time that is not one stays in the form, with the problem beside it.
    let a = b
        .post(
            &base,
            &[
                ("title", "Bế mạc"),
                ("kind", "closing"),
                ("start_date", "2025-01-10"),
                ("starts_at", "mười giờ"),
                ("duration_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.html.contains(r#"id="f-starts_at-error""#));
    assert!(a.html.contains(r#"value="Bế mạc""#));

    // Deleting an item.
    let a = b.post(&format!("{base}/{opening}/delete"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(agenda(&app, id).await.len(), 3);
}

#[tokio::test]
async fn delegates_are_added_searched_and_checked_in() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let b = Browser::sign_in(&app, "organiser@kimson.gov.vn").await;
    let base = format!("/app/c/{id}/delegates");

    // A delegate without a name: refused beside the field, the form as typed.
    let a = b
        .post(
            &base,
            &[
                ("honorific", "ba"),
                ("full_name", "  "),
                ("position", "Chủ tịch Hội Phụ nữ xã"),
                ("organisation", "UBND xã Kim Đông"),
                ("category", "delegate"),
                ("rank", "20"),
                ("attendance", "confirmed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let at = a
        .html
        .find(r#"id="f-full_name-error""#)
        .expect("the problem beside the name");
    assert!(
        a.html[at..].starts_with(r#"id="f-full_name-error">không được để trống"#),
        "{}",
        &a.html[at..at + 80]
    );
    assert!(a.html.contains(r#"value="Chủ tịch Hội Phụ nữ xã""#));
    assert!(
        a.html
            .contains(r#"<option value="ba" selected>Bà</option>"#)
    );

    let a = b
        .post(
            &base,
            &[
                ("honorific", "ba"),
                ("full_name", "Trịnh Thị Mến"),
                ("position", "Chủ tịch Hội Phụ nữ xã"),
                ("organisation", "UBND xã Kim Đông"),
                ("category", "delegate"),
                ("rank", "20"),
                ("seat", "B-12"),
                ("attendance", "confirmed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);

    // Searched without diacritics, in any case.
    let found = b.get(&format!("{base}?q=TRINH+thi+men")).await.html;
    assert!(found.contains("Bà Trịnh Thị Mến"), "{found}");
    assert!(found.contains("B-12"));
    assert!(!found.contains("Nguyễn Văn Hùng"));
    let leaders = b.get(&format!("{base}?category=leader")).await.html;
    assert!(leaders.contains("Nguyễn Văn Hùng"));
    assert!(!leaders.contains("Trịnh Thị Mến"));
    // The whole list in rank order.
    let all = b.get(&base).await.html;
    let (hung, men) = (
        all.find("Nguyễn Văn Hùng").unwrap(),
        all.find("Trịnh Thị Mến").unwrap(),
    );
    assert!(hung < men);

    // Check-in on the day: found without diacritics.
    let api = format!("/api/v1/conferences/{id}/attendees");
    let men_id = app.get(&format!("{api}?q=trinh%20thi%20men")).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let checkin = format!("/app/c/{id}/checkin");
    let page = b.get(&format!("{checkin}?q=trinh+thi+men")).await.html;
    assert!(page.contains("Bà Trịnh Thị Mến"));
    assert!(page.contains(r#"name="do" value="in""#));
    let counts = text(&page);
    assert!(counts.contains("0 / 12 đại biểu đã đến"), "{counts}");

    // Without JavaScript: a POST and back to the same search.
    let a = b
        .post(
            &format!("{checkin}/{men_id}"),
            &[("do", "in"), ("q", "trinh thi men")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.location,
        format!("{checkin}?q=trinh+thi+men&done=done-checkin-in#a-{men_id}")
    );
    let men = app.get(&format!("{api}/{men_id}")).await.body;
    assert_eq!(men["attendance"], "checked_in");
    assert!(men["checked_in_at"].is_string());
    let page = text(&b.get(&format!("{checkin}?q=trinh+thi+men")).await.html);
    assert!(page.contains("1 / 12 đại biểu đã đến"), "{page}");
    assert!(page.contains("Đã đến lúc"));
    // Audited as the API's change of the attendee.
    let events = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::ResourceId.eq(men_id as i32))
        .filter(entity::audit_event::Column::Resource.eq("attendee"))
        .all(&app.db)
        .await
        .unwrap();
    let updates: Vec<_> = events.iter().filter(|e| e.action == "update").collect();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].user_id, Some(app.user_id));
    assert_eq!(
        updates[0].after.as_ref().unwrap()["attendance"],
        "checked_in"
    );

    // With htmx: only the row and the counts come back.
    let a = b
        .send(
            Method::POST,
            &format!("{checkin}/{men_id}"),
            Some(&[("do", "out"), ("q", "men")]),
            &[("HX-Request", "true")],
            true,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.html
            .trim_start()
            .starts_with(&format!(r#"<li id="a-{men_id}""#)),
        "{}",
        a.html
    );
    assert!(!a.html.contains("<html"));
    assert!(a.html.contains(r#"hx-swap-oob="innerHTML""#));
    assert!(text(&a.html).contains("0 / 12"));
    assert!(a.html.contains(r#"name="do" value="in""#));
    let men = app.get(&format!("{api}/{men_id}")).await.body;
    assert_eq!(men["attendance"], "confirmed");
    assert!(men["checked_in_at"].is_null());

    // Editing and deleting.
    let edit = b.get(&format!("{base}/{men_id}")).await.html;
    assert!(edit.contains(r#"value="Trịnh Thị Mến""#));
    let a = b.post(&format!("{base}/{men_id}/delete"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("{api}/{men_id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_viewer_sees_no_edit_or_checkin_buttons_and_cannot_post() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let v = Browser::sign_in(&app, "viewer@kimson.gov.vn").await;
    let agenda_page = v.get(&format!("/app/c/{id}/agenda")).await.html;
    assert!(agenda_page.contains("Đón tiếp đại biểu"));
    assert!(!agenda_page.contains("/move"));
    assert!(!agenda_page.contains("Thêm mục chương trình"));
    assert!(!agenda_page.contains("agenda.js"));
    let delegates = v.get(&format!("/app/c/{id}/delegates")).await.html;
    assert!(delegates.contains("Nguyễn Văn Hùng"));
    assert!(!delegates.contains("/delegates/new"));
    let checkin = v.get(&format!("/app/c/{id}/checkin")).await.html;
    assert!(checkin.contains("Nguyễn Văn Hùng"));
    assert!(!checkin.contains(r#"name="do""#));
    assert!(!checkin.contains("hx-post"));

    let attendee = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    for (uri, form) in [
        (
            format!("/app/c/{id}/checkin/{attendee}"),
            vec![("do", "in")],
        ),
        (
            format!("/app/c/{id}/agenda"),
            vec![("title", "X"), ("kind", "other")],
        ),
        (format!("/app/c/{id}/delegates"), vec![("full_name", "X")]),
    ] {
        let a = v.post(&uri, &form).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(
        v.send(
            Method::GET,
            &format!("/app/c/{id}/delegates/{attendee}"),
            None,
            &[],
            false
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // The organiser's POST without an Origin is refused, and nothing changes.
    let b = Browser::sign_in(&app, "organiser@kimson.gov.vn").await;
    let a = b
        .send(
            Method::POST,
            &format!("/app/c/{id}/checkin/{attendee}"),
            Some(&[("do", "in")]),
            &[],
            false,
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = b
        .send(
            Method::POST,
            &format!("/app/c/{id}/checkin/{attendee}"),
            Some(&[("do", "in")]),
            &[("Origin", "https://evil.example")],
            false,
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let after = app
        .get(&format!("/api/v1/conferences/{id}/attendees/{attendee}"))
        .await
        .body;
    assert!(after["checked_in_at"].is_null());
}

#[tokio::test]
async fn the_english_pages_speak_english() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let b = Browser::sign_in(&app, "organiser@kimson.gov.vn")
        .await
        .in_english();
    let agenda_page = b.get(&format!("/app/c/{id}/agenda")).await.html;
    assert!(agenda_page.contains("<h1>Conference agenda</h1>"));
    assert!(agenda_page.contains("Add an agenda item"));
    assert!(agenda_page.contains("Start time"));
    assert!(text(&agenda_page).contains("07:30–08:00"), "English times");
    assert!(agenda_page.contains("Welcoming the delegates"));
    let delegates = b.get(&format!("/app/c/{id}/delegates")).await.html;
    assert!(delegates.contains("Search by name"));
    assert!(delegates.contains("Comrade Nguyễn Văn Hùng"));
    assert!(text(&delegates).contains("Showing 11 of 11 delegates"));
    let checkin = b.get(&format!("/app/c/{id}/checkin")).await.html;
    assert!(checkin.contains("delegates arrived"));
    assert!(checkin.contains("Tap to check in"));
    assert!(!checkin.contains("Bấm để điểm danh"));
}
