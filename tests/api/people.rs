//! Attendees and speeches; NFC normalisation; concurrent writes.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn names_typed_decomposed_are_stored_and_found_composed() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    let nfd = "  Nguye\u{302}\u{303}n Thi\u{323} Nga\u{323}\u{306}t  ";
    let created = app
        .create(
            &uri,
            json!({"full_name": nfd, "honorific": "ba", "position": "Chu\u{309} ti\u{323}ch"}),
        )
        .await;
    assert_eq!(created["full_name"], "Nguyễn Thị Ngặt");
    assert_eq!(created["position"], "Chủ tịch");
    assert_eq!(created["category"], "delegate");
    assert_eq!(created["attendance"], "invited");

    let by_nfc = app.get(&format!("{uri}?q=Nguy%E1%BB%85n")).await;
    assert_eq!(by_nfc.body["total"], 1, "NFC query finds it");
    let by_nfd = app.get(&format!("{uri}?q=Nguye%CC%82%CC%83n")).await;
    assert_eq!(by_nfd.body["total"], 1, "NFD query finds it");
    assert_eq!(
        app.get(&format!("{uri}?q=Tr%E1%BA%A7n")).await.body["total"],
        0
    );
}

/// Organisers type names without marks; the search folds both sides.
#[tokio::test]
async fn names_are_found_without_diacritics_and_in_any_case() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    for name in ["Nguyễn Văn Đức", "Đặng Thị Hương", "Nguyên Văn Hải"] {
        app.create(&uri, json!({"full_name": name})).await;
    }
    let found = |q: &'static str| {
        let app = &app;
        let uri = &uri;
        async move {
            let page = app.get(&format!("{uri}?q={q}")).await;
            let mut names: Vec<String> = page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["full_name"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(found("nguyen%20van%20duc").await, ["Nguyễn Văn Đức"]);
    assert_eq!(found("DUC").await, ["Nguyễn Văn Đức"]);
    assert_eq!(found("dang%20thi").await, ["Đặng Thị Hương"]);
    // Marks in the query are ignored too: "Nguyên" and "Nguyễn" fold alike.
    assert_eq!(
        found("Nguy%C3%AAn").await,
        ["Nguyên Văn Hải", "Nguyễn Văn Đức"]
    );
    assert!(found("tran").await.is_empty());
    // The key follows a rename.
    let list = app.get(&format!("{uri}?q=hai")).await;
    let hai = list.body["items"][0]["id"].as_i64().unwrap();
    let res = app
        .patch(
            &format!("{uri}/{hai}"),
            json!({"full_name": "Trần Văn Hải"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(found("tran%20van").await, ["Trần Văn Hải"]);
    // The key is not part of what the API shows.
    assert!(list.body["items"][0].get("search_key").is_none());
}

/// Rows stored before the search key existed get it when the server starts.
#[tokio::test]
async fn search_keys_are_filled_at_start_up() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    app.create(&uri, json!({"full_name": "Phạm Thị Thủy"}))
        .await;
    app.db
        .execute_unprepared("UPDATE attendee SET search_key = ''")
        .await
        .unwrap();
    assert_eq!(app.get(&format!("{uri}?q=thuy")).await.body["total"], 0);
    let app = app.restart().await;
    assert_eq!(app.get(&format!("{uri}?q=thuy")).await.body["total"], 1);
}

#[tokio::test]
async fn attendee_rules() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    let fields = app
        .post(&uri, json!({"full_name": "Lê\u{202E}Văn", "honorific": "ngài", "category": "vip", "rank": -1, "seat": "A\u{200B}1"}))
        .await
        .problem(422);
    assert_eq!(
        fields,
        ["honorific", "full_name", "category", "rank", "seat"]
    );
    let checked = app
        .create(
            &uri,
            json!({"full_name": "Lê Văn Tám", "attendance": "checked_in"}),
        )
        .await;
    assert!(
        checked["checked_in_at"].is_string(),
        "checking in records the time"
    );
    let html = app
        .create(&uri, json!({"full_name": "<script>alert(1)</script>"}))
        .await;
    assert_eq!(
        html["full_name"], "<script>alert(1)</script>",
        "stored as typed; escaped where shown"
    );
}

#[tokio::test]
async fn speeches_need_a_speaker_of_this_conference() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/speeches");
    let fields = app
        .post(
            &uri,
            json!({"kind": "directive", "title": "Phát biểu chỉ đạo"}),
        )
        .await
        .problem(422);
    assert_eq!(fields, ["speaker_name"]);
    let ghost = app
        .post(
            &uri,
            json!({"kind": "directive", "title": "Phát biểu", "speaker_attendee_id": 4242}),
        )
        .await;
    assert_eq!(ghost.problem(422), ["speaker_attendee_id"]);
    let s = app
        .create(&uri, json!({"kind": "contribution", "title": "Tham luận", "speaker_name": "Đinh Văn Toàn", "speaker_position": "Chủ tịch UBND thị trấn", "planned_minutes": 10, "full_text": "Dòng 1\r\nDòng 2"}))
        .await;
    assert_eq!(s["full_text"], "Dòng 1\nDòng 2");
    assert_eq!(
        app.delete(&format!("{uri}/{}", s["id"])).await.status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_creates_are_all_kept() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let app = app.clone();
            let uri = uri.clone();
            tokio::spawn(async move {
                app.post(
                    &uri,
                    json!({"full_name": format!("Đại biểu số {n}"), "rank": n}),
                )
                .await
            })
        })
        .collect();
    for t in tasks {
        let res = t.await.unwrap();
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    let list = app.get(&format!("{uri}?limit=500")).await;
    assert_eq!(list.body["total"], 50);
    let mut names: Vec<_> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["full_name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_patches_of_one_version_let_one_win() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");
    let a = app.create(&uri, json!({"full_name": "Lê Văn Tám"})).await;
    let item = format!("{uri}/{}", a["id"]);
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..10)
        .map(|n| {
            let (app, item) = (app.clone(), item.clone());
            tokio::spawn(async move {
                app.send(
                    axum::http::Method::PATCH,
                    &item,
                    Some(json!({"seat": format!("Ghế {n}")})),
                    &[("if-match", "\"1\"")],
                )
                .await
                .status
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::OK => ok += 1,
            StatusCode::PRECONDITION_FAILED => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1, "exactly one of ten edits of version 1 wins");
    assert_eq!(app.get(&item).await.body["version"], 2);
}
