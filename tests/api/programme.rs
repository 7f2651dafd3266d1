use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_summary_reproduces_the_seed() {
    let app = spawn_app().await;
    let id = app.demo().await;
    assert_eq!(
        app.demo().await,
        id,
        "loading the demo twice keeps one conference"
    );
    let list = app.get("/api/v1/conferences").await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["host_body"], "UBND huyện Kim Sơn");

    let summary = app
        .get(&format!("/api/v1/conferences/{id}/awards/summary"))
        .await
        .body;
    let rows: Vec<(String, String, u64, u64)> = summary["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["issuer"].as_str().unwrap().into(),
                c["form"].as_str().unwrap().into(),
                c["collectives"].as_u64().unwrap(),
                c["individuals"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("Bộ Công an", "bang_khen", 1, 0),
        ("UBND tỉnh Ninh Bình", "title", 1, 0),
        ("UBND tỉnh Ninh Bình", "bang_khen", 2, 1),
        ("Công an tỉnh Ninh Bình", "giay_khen", 2, 2),
        ("UBND huyện Kim Sơn", "giay_khen", 3, 5),
    ];
    assert_eq!(
        rows,
        expected.map(|(a, b, c, d)| (a.to_string(), b.to_string(), c, d))
    );
    assert_eq!(summary["counts"][1]["title_name"], "Đơn vị quyết thắng");
    assert_eq!(
        summary["text"],
        "Bộ Công an tặng Bằng khen cho 1 tập thể. \
         UBND tỉnh Ninh Bình tặng danh hiệu Đơn vị quyết thắng cho 1 tập thể, tặng Bằng khen cho 2 tập thể và 1 cá nhân. \
         Công an tỉnh Ninh Bình tặng Giấy khen cho 2 tập thể và 2 cá nhân. \
         UBND huyện Kim Sơn tặng Giấy khen cho 3 tập thể và 5 cá nhân."
    );
}

#[tokio::test]
async fn the_programme_holds_the_ceremony_in_order() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let p = app
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await
        .body;
    assert_eq!(p["conference"]["place_name"], "Kim Sơn");
    let agenda = p["agenda"].as_array().unwrap();
    let starts: Vec<&str> = agenda
        .iter()
        .map(|i| i["item"]["starts_at"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "the demo agenda runs in time order");
    let kinds: Vec<&str> = agenda
        .iter()
        .map(|i| i["item"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"welcome"));
    assert_eq!(kinds.last(), Some(&"closing"));

    let ceremony = agenda
        .iter()
        .find(|i| i["item"]["kind"] == "award_ceremony")
        .unwrap();
    let numbers: Vec<&str> = ceremony["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["decision"]["number"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        [
            "1520/QĐ-BCA",
            "456/QĐ-UBND",
            "457/QĐ-UBND",
            "215/QĐ-CAT",
            "825/QĐ-UBND"
        ],
        "highest level first, then form"
    );
    let first_decision = &ceremony["decisions"][0];
    assert_eq!(first_decision["issuer"]["name"], "Bộ Công an");
    assert_eq!(
        first_decision["recipients"][0]["name"],
        "Cán bộ và nhân dân Thị trấn Phát Diệm"
    );
    let orders: Vec<i64> = ceremony["decisions"][4]["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["presentation_order"].as_i64().unwrap())
        .collect();
    assert_eq!(orders, (1..=8).collect::<Vec<_>>());
    for other in agenda
        .iter()
        .filter(|i| i["item"]["kind"] != "award_ceremony")
    {
        assert_eq!(other["decisions"], Value::Array(vec![]));
    }

    let reply = agenda
        .iter()
        .find(|i| i["item"]["kind"] == "reply")
        .unwrap();
    assert_eq!(reply["presenter"]["full_name"], "Hoàng Văn Phương");
    assert_eq!(reply["presenter"]["position"], "Phó Chủ tịch UBND huyện");
    assert!(
        reply["speeches"][0]["summary"]
            .as_str()
            .unwrap()
            .contains("thế trận an ninh nhân dân")
    );
    app.get("/api/v1/conferences/999/programme")
        .await
        .problem(404);
}

#[tokio::test]
async fn views_show_a_write_at_once() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let before = app
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await
        .body;
    let first = &before["agenda"][0]["item"];
    assert_eq!(first["title"], "Đón tiếp đại biểu");
    let summary = app
        .get(&format!("/api/v1/conferences/{id}/awards/summary"))
        .await
        .body;
    assert_eq!(summary["total_individuals"], 8);

    app.patch(
        &format!("/api/v1/conferences/{id}/agenda/{}", first["id"]),
        serde_json::json!({"title": "Đón tiếp đại biểu, khách mời"}),
    )
    .await;
    let decision = &before["agenda"][7]["decisions"][4]["decision"];
    app.create(
        &format!("/api/v1/conferences/{id}/recipients"),
        serde_json::json!({"decision_id": decision["id"], "kind": "individual", "honorific": "ong", "name": "Trần Văn Mới"}),
    )
    .await;
    let after = app
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await
        .body;
    assert_eq!(
        after["agenda"][0]["item"]["title"],
        "Đón tiếp đại biểu, khách mời"
    );
    let summary = app
        .get(&format!("/api/v1/conferences/{id}/awards/summary"))
        .await
        .body;
    assert_eq!(summary["total_individuals"], 9);
    assert!(
        summary["text"]
            .as_str()
            .unwrap()
            .contains("3 tập thể và 6 cá nhân")
    );
}

/// Recipients are read in pages of a thousand, each after the last row of the one before:
/// with many equal presentation orders, every recipient comes exactly once, in order.
#[tokio::test]
async fn thousands_of_recipients_are_read_once_each_in_presentation_order() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let app = spawn_app().await;
    let id = hoinghi::demo::load_synthetic(&app.db, 2500).await.unwrap();
    // Three values of presentation order, so that pages break inside runs of equal ones.
    entity::recipient::Entity::update_many()
        .col_expr(
            entity::recipient::Column::PresentationOrder,
            Expr::cust("id % 3"),
        )
        .filter(entity::recipient::Column::ConferenceId.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    let ceremony = hoinghi::store::programme::selected_ceremony(
        &app.db,
        id,
        &hoinghi::store::programme::Selection::default(),
    )
    .await
    .unwrap();
    let read: Vec<(i32, i32)> = ceremony
        .iter()
        .flat_map(|d| d.recipients.iter().map(|r| (r.presentation_order, r.id)))
        .collect();
    assert_eq!(read.len(), 2500);
    let mut sorted = read.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(read, sorted, "in (presentation order, id), each once");
}
