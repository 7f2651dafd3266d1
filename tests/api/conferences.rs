use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{conference_body, spawn_app};

#[tokio::test]
async fn create_read_list_update_delete() {
    let app = spawn_app().await;
    let created = app.post("/api/v1/conferences", conference_body()).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.etag(), "\"1\"");
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.body["time_zone"], "Asia/Ho_Chi_Minh");
    assert_eq!(created.body["status"], "draft");

    let list = app.get("/api/v1/conferences").await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(
        list.body["items"][0]["title"],
        "Hội nghị tổng kết công tác thi đua năm 2024"
    );

    let patched = app
        .send(
            Method::PATCH,
            &format!("/api/v1/conferences/{id}"),
            Some(json!({"status": "published", "acronym": "TD-2024"})),
            &[("if-match", "\"1\"")],
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.etag(), "\"2\"");
    assert_eq!(patched.body["status"], "published");
    assert_eq!(
        patched.body["title"], "Hội nghị tổng kết công tác thi đua năm 2024",
        "a patch keeps other fields"
    );

    // A colleague still holding version 1 is told, not silently overwritten.
    let stale = app
        .send(
            Method::PATCH,
            &format!("/api/v1/conferences/{id}"),
            Some(json!({"venue": "Nhà văn hóa"})),
            &[("if-match", "\"1\"")],
        )
        .await;
    stale.problem(412);
    assert_eq!(
        app.get(&format!("/api/v1/conferences/{id}")).await.body["venue"],
        "Hội trường UBND xã"
    );
    app.send(
        Method::DELETE,
        &format!("/api/v1/conferences/{id}"),
        None,
        &[("if-match", "\"1\"")],
    )
    .await
    .problem(412);

    let deleted = app
        .send(
            Method::DELETE,
            &format!("/api/v1/conferences/{id}"),
            None,
            &[("if-match", "\"2\"")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.get(&format!("/api/v1/conferences/{id}"))
        .await
        .problem(404);
}

#[tokio::test]
async fn deleting_a_conference_deletes_what_belongs_to_it() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let other = app.conference().await;
    app.create(
        &format!("/api/v1/conferences/{other}/attendees"),
        json!({"full_name": "Trần Văn Bảy"}),
    )
    .await;
    assert_eq!(
        app.delete(&format!("/api/v1/conferences/{id}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(
        entity::recipient::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        entity::agenda_item::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        entity::issuer::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(
        entity::attendee::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1,
        "the other conference keeps its own"
    );
}

#[tokio::test]
async fn every_validation_rule_names_its_field() {
    let app = spawn_app().await;
    let mut body = conference_body();
    body["title"] = json!("   ");
    body["time_zone"] = json!("Asia/Hanoi_City");
    body["year_reviewed"] = json!(2030);
    body["status"] = json!("final");
    body["place_name"] = json!("x".repeat(101));
    body["key_figures"] = json!([{"label": "Tỷ lệ phá án", "value": ""}]);
    let fields = app.post("/api/v1/conferences", body).await.problem(422);
    assert_eq!(
        fields,
        [
            "title",
            "held_on",
            "place_name",
            "time_zone",
            "status",
            "key_figures[0].value"
        ]
    );

    let mut missing = conference_body();
    missing.as_object_mut().unwrap().remove("venue");
    assert_eq!(
        app.post("/api/v1/conferences", missing).await.problem(422),
        ["venue"]
    );

    let mut wrong_type = conference_body();
    wrong_type["year_reviewed"] = json!("năm 2024");
    assert_eq!(
        app.post("/api/v1/conferences", wrong_type)
            .await
            .problem(422),
        ["year_reviewed"]
    );

    let mut bad_date = conference_body();
    bad_date["held_on"] = json!("2025-02-30");
    assert_eq!(
        app.post("/api/v1/conferences", bad_date).await.problem(422),
        ["held_on"]
    );

    let mut unknown = conference_body();
    unknown["organizer"] = json!("x");
    let res = app.post("/api/v1/conferences", unknown).await;
    res.problem(422);
    assert!(res.body["detail"].as_str().unwrap().contains("organizer"));

    assert_eq!(
        app.get("/api/v1/conferences").await.body["total"],
        0,
        "nothing half-written"
    );
}

#[tokio::test]
async fn lists_are_paginated_and_ordered() {
    let app = spawn_app().await;
    for (n, date) in ["2025-01-10", "2025-01-12", "2025-01-11"]
        .iter()
        .enumerate()
    {
        let mut body = conference_body();
        body["title"] = json!(format!("Hội nghị {n}"));
        body["held_on"] = json!(date);
        app.create("/api/v1/conferences", body).await;
    }
    let page = app.get("/api/v1/conferences?limit=2&offset=0").await;
    assert_eq!(page.body["total"], 3);
    let titles: Vec<_> = page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Hội nghị 1", "Hội nghị 2"], "most recent first");
    let rest = app.get("/api/v1/conferences?limit=2&offset=2").await;
    assert_eq!(rest.body["items"][0]["title"], "Hội nghị 0");
    assert_eq!(
        app.get("/api/v1/conferences?limit=0").await.problem(422),
        ["limit"]
    );
    assert_eq!(
        app.get("/api/v1/conferences?limit=501").await.problem(422),
        ["limit"]
    );
    assert_eq!(
        app.get("/api/v1/conferences?limit=many").await.problem(422),
        ["limit"]
    );
}
