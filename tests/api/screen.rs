//! The hall's screen and remote through the router: who may watch and who may drive, a
//! move bounded to the deck, the ceremony's start and end in the audit log, a recipient
//! marked absent left out of the slides' PDF (16:9, one page a slide, read back).

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{Web, pdf, pdf_text, spawn_app};

async fn audited(app: &crate::helpers::TestApp, action: &str) -> u64 {
    entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn viewers_watch_editors_drive_and_the_absent_leave_the_slides() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let mut viewer = Web::sign_in(&app, "viewer@kimson.gov.vn").await;
    let screen = viewer.get(&format!("/app/c/{id}/screen")).await;
    assert_eq!(screen.status, 200);
    assert!(
        screen.text().contains("Quyết định số 1520/QĐ-BCA"),
        "{}",
        screen.text()
    );
    assert_eq!(viewer.get(&format!("/app/c/{id}/remote")).await.status, 403);
    let refused = viewer
        .post(&format!("/app/c/{id}/screen/go"), &[("step", "1")])
        .await;
    assert_eq!(refused.status, 403);

    let mut mc = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let remote = mc.get(&format!("/app/c/{id}/remote")).await;
    assert_eq!(remote.status, 200);
    assert!(remote.text().contains("Trang 1/"), "{}", remote.text());
    let bad = mc
        .post(&format!("/app/c/{id}/screen/go"), &[("to", "ba")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(
        bad.text().contains("phải là một số"),
        "in Vietnamese: {}",
        bad.text()
    );
    // Far beyond the last slide: the last, which ends the ceremony (and starts it).
    let moved = mc
        .post(&format!("/app/c/{id}/screen/go"), &[("to", "2000000000")])
        .await;
    assert_eq!(moved.status, 303);
    let remote = mc.get(&format!("/app/c/{id}/remote")).await.text();
    assert!(remote.contains("Xin trân trọng cảm ơn!"), "{remote}");
    assert_eq!(audited(&app, "ceremony-start").await, 1);
    assert_eq!(audited(&app, "ceremony-end").await, 1);
    for _ in 0..3 {
        mc.post(&format!("/app/c/{id}/screen/go"), &[("step", "-1")])
            .await;
    }
    assert_eq!(audited(&app, "ceremony-start").await, 1, "not each tap");

    let slides = format!("/api/v1/conferences/{id}/slides.pdf");
    let before = pdf(&app, &slides).await;
    let recipients = app
        .get(&format!("/api/v1/conferences/{id}/recipients?limit=100"))
        .await
        .body;
    let ngoc = recipients["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Đặng Văn Ngọc")
        .expect("the demo's Đặng Văn Ngọc")["id"]
        .to_string();
    let marked = mc
        .post(
            &format!("/app/c/{id}/screen/absent"),
            &[("recipient", ngoc.as_str()), ("absent", "true")],
        )
        .await;
    assert_eq!(marked.status, 303);
    let unknown = mc
        .post(
            &format!("/app/c/{id}/screen/absent"),
            &[("recipient", "999999"), ("absent", "true")],
        )
        .await;
    assert_eq!(unknown.status, 404);
    let after = pdf(&app, &slides).await;
    if let (Some(before), Some(after)) = (
        pdf_text(&before, "reading the slides back"),
        pdf_text(&after, "reading the slides back"),
    ) {
        assert!(before.contains("Đặng Văn Ngọc"), "{before}");
        assert!(!after.contains("Đặng Văn Ngọc"), "{after}");
        assert!(after.contains("Quyết định số 457/QĐ-UBND"), "{after}");
    }
}
