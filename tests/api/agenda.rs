use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

fn item(start: &str, title: &str) -> Value {
    json!({"starts_at": format!("2025-01-10T{start}:00+07:00"), "duration_minutes": 15, "kind": "other", "title": title})
}

#[tokio::test]
async fn items_append_in_order_and_can_be_reordered() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/agenda");
    let a = app.create(&uri, item("08:00", "Chào cờ")).await;
    let b = app.create(&uri, item("08:15", "Báo cáo")).await;
    let c = app.create(&uri, item("08:30", "Bế mạc")).await;
    assert_eq!(
        (
            a["position"].as_i64(),
            b["position"].as_i64(),
            c["position"].as_i64()
        ),
        (Some(1), Some(2), Some(3))
    );
    assert_eq!(
        a["starts_at"], "2025-01-10T01:00:00Z",
        "instants are stored in UTC"
    );
    assert_eq!(b["guid"].as_str().unwrap().len(), 36);

    let ids = json!({"ids": [c["id"], a["id"], b["id"]]});
    let reordered = app.post(&format!("{uri}/reorder"), ids).await;
    assert_eq!(reordered.status, StatusCode::OK, "{}", reordered.body);
    let titles: Vec<_> = app.get(&uri).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Bế mạc", "Chào cờ", "Báo cáo"]);
    // The start times follow the new order (the printed programme sorts by time).
    let starts: Vec<_> = reordered
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["starts_at"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        starts,
        [
            "2025-01-10T01:00:00Z",
            "2025-01-10T01:15:00Z",
            "2025-01-10T01:30:00Z"
        ]
    );
    let audit = app
        .get(&format!("/api/v1/conferences/{id}/audit?limit=4"))
        .await
        .body;
    let actions: Vec<_> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["reorder", "update", "update", "update"],
        "each moved time is audited"
    );

    let missing = app
        .post(
            &format!("{uri}/reorder"),
            json!({"ids": [a["id"], b["id"]]}),
        )
        .await;
    assert_eq!(missing.problem(422), ["ids"]);
    assert!(
        missing.body["detail"]
            .as_str()
            .unwrap()
            .contains("missing items")
    );
    let twice = app
        .post(
            &format!("{uri}/reorder"),
            json!({"ids": [a["id"], a["id"], b["id"], c["id"]]}),
        )
        .await;
    assert_eq!(twice.problem(422), ["ids"]);
}

#[tokio::test]
async fn end_before_start_and_other_rules() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/agenda");
    let mut body = item("09:00", "Thảo luận");
    body["ends_at"] = json!("2025-01-10T08:30:00+07:00");
    assert_eq!(app.post(&uri, body).await.problem(422), ["ends_at"]);

    let mut by_end = item("09:00", "Thảo luận");
    by_end.as_object_mut().unwrap().remove("duration_minutes");
    by_end["ends_at"] = json!("2025-01-10T09:45:00+07:00");
    let created = app.create(&uri, by_end).await;
    assert_eq!(created["duration_minutes"], 45);

    let mut neither = item("09:00", "Thảo luận");
    neither.as_object_mut().unwrap().remove("duration_minutes");
    assert_eq!(
        app.post(&uri, neither).await.problem(422),
        ["duration_minutes"]
    );

    let mut bad = item("09:00", "");
    bad["kind"] = json!("speech");
    bad["duration_minutes"] = json!(-5);
    bad["starts_at"] = json!("tomorrow morning");
    assert_eq!(app.post(&uri, bad).await.problem(422), ["starts_at"]);
    let mut bad = item("09:00", "");
    bad["kind"] = json!("speech");
    bad["duration_minutes"] = json!(-5);
    assert_eq!(
        app.post(&uri, bad).await.problem(422),
        ["duration_minutes", "kind", "title"]
    );

    // Moving the start keeps the duration; clearing an optional field with null works.
    let iid = created["id"].as_i64().unwrap();
    let moved = app
        .patch(
            &format!("{uri}/{iid}"),
            json!({"starts_at": "2025-01-10T10:00:00+07:00", "notes": null}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.body["duration_minutes"], 45);
    let late_end = app
        .patch(
            &format!("{uri}/{iid}"),
            json!({"ends_at": "2025-01-10T09:00:00+07:00"}),
        )
        .await;
    assert_eq!(late_end.problem(422), ["ends_at"]);
}
