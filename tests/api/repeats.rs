//! No silent doubles: a delegate or recipient like one already there is shown with its link
//! and added only when confirmed; an import leaves out what is already stored and lists
//! what merely looks like it; importing the same file twice adds nothing.

use crate::helpers::{Web, spawn_app};

const CSV: &str = "Họ và tên,Chức vụ,Đơn vị\n\
                   Trần Văn Lặp,Chuyên viên,UBND xã Kim Chính\n\
                   Lê Thị Đôi,Chuyên viên,UBND xã Kim Đông\n";

#[tokio::test]
async fn importing_the_same_list_twice_adds_nothing() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees/import");
    let first = crate::interop::upload(&app, &uri, "ds.csv", CSV.as_bytes(), None).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["summary"]["imported"], 2);
    let again = crate::interop::upload(&app, &uri, "ds.csv", CSV.as_bytes(), None).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["summary"]["imported"], 0);
    assert_eq!(again.body["summary"]["already_there"], 2);
    // Without diacritics: like a stored one, imported and listed for a look.
    let loose = "Họ và tên,Đơn vị\nTran Van Lap,UBND xa Kim Chinh\n";
    let near = crate::interop::upload(&app, &uri, "ds2.csv", loose.as_bytes(), None).await;
    assert_eq!(near.body["summary"]["imported"], 1, "{}", near.body);
    let listed = &near.body["summary"]["near_repeats"][0];
    assert_eq!(listed["row"], 2);
    assert_eq!(listed["stored"], "Trần Văn Lặp");
    let total = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["total"]
        .clone();
    assert_eq!(total, 3);
}

#[tokio::test]
async fn a_delegate_like_one_already_there_needs_a_confirmation() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let existing = app
        .get(&format!("/api/v1/conferences/{id}/attendees?limit=1"))
        .await
        .body["items"][0]
        .clone();
    let name = existing["full_name"].as_str().unwrap().to_uppercase();
    let unit = existing["organisation"].as_str().unwrap_or("").to_string();
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let fields = [
        ("full_name", name.as_str()),
        ("organisation", unit.as_str()),
        ("category", "delegate"),
        ("attendance", "invited"),
    ];
    let page = web.post(&format!("/app/c/{id}/delegates"), &fields).await;
    assert_eq!(page.status, 409, "{}", page.text());
    assert!(
        page.text()
            .contains("Đã có một người/đơn vị giống thế này:")
    );
    assert!(
        page.html.contains(&format!(
            "href=\"/app/c/{id}/delegates/{}\"",
            existing["id"]
        )),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("name=\"confirm_repeat\" value=\"yes\" required")
    );
    let before = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["total"]
        .as_i64()
        .unwrap();
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm_repeat", "yes"));
    let page = web
        .post(&format!("/app/c/{id}/delegates"), &confirmed)
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let after = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["total"]
        .as_i64()
        .unwrap();
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn a_recipient_twice_in_a_decision_needs_a_confirmation() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let r = app
        .get(&format!("/api/v1/conferences/{id}/recipients?limit=1"))
        .await
        .body["items"][0]
        .clone();
    let decision = r["decision_id"].to_string();
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let fields = [
        ("decision_id", decision.as_str()),
        ("kind", r["kind"].as_str().unwrap()),
        ("name", r["name"].as_str().unwrap()),
        ("unit", r["unit"].as_str().unwrap_or("")),
    ];
    let uri = format!("/app/c/{id}/awards/{decision}/recipients");
    let page = web.post(&uri, &fields).await;
    assert_eq!(page.status, 409, "{}", page.text());
    assert!(page.html.contains(&format!("/recipients/{}\"", r["id"])));
}
