use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{decision_body, issuer_body, spawn_app};

#[tokio::test]
async fn issuers_decisions_and_recipients() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let base = format!("/api/v1/conferences/{id}");
    let issuer = app
        .create(
            &format!("{base}/issuers"),
            issuer_body("UBND tỉnh Ninh Bình"),
        )
        .await;
    assert_eq!(issuer["rank"], 100);

    // The same name typed decomposed is the same name.
    let dup = app
        .post(
            &format!("{base}/issuers"),
            issuer_body("UBND ti\u{309}nh Ninh Bi\u{300}nh"),
        )
        .await;
    dup.problem(409);
    assert!(
        dup.body["detail"]
            .as_str()
            .unwrap()
            .contains("already exists")
    );

    let decision = app
        .create(
            &format!("{base}/decisions"),
            decision_body(&issuer["id"], "457/QĐ-UBND"),
        )
        .await;
    assert_eq!(decision["signer_title"], "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
    app.post(
        &format!("{base}/decisions"),
        decision_body(&issuer["id"], "457/QĐ-UBND"),
    )
    .await
    .problem(409);
    let mut title = decision_body(&issuer["id"], "456/QĐ-UBND");
    title["form"] = json!("title");
    assert_eq!(
        app.post(&format!("{base}/decisions"), title)
            .await
            .problem(422),
        ["title_name"]
    );
    let mut ghost = decision_body(&json!(999), "1/QĐ");
    ghost["form"] = json!("cờ thi đua");
    assert_eq!(
        app.post(&format!("{base}/decisions"), ghost)
            .await
            .problem(422),
        ["form"]
    );
    assert_eq!(
        app.post(
            &format!("{base}/decisions"),
            decision_body(&json!(999), "1/QĐ")
        )
        .await
        .problem(422),
        ["issuer_id"]
    );

    let r = format!("{base}/recipients");
    let first = app.create(&r, json!({"decision_id": decision["id"], "kind": "collective", "name": "Công an xã Kim Chính"})).await;
    let second = app
        .create(&r, json!({"decision_id": decision["id"], "kind": "individual", "honorific": "ong", "name": "Đặng Văn Ngọc", "register_number": "45"}))
        .await;
    assert_eq!(
        (
            first["presentation_order"].as_i64(),
            second["presentation_order"].as_i64()
        ),
        (Some(1), Some(2))
    );
    let bad = app.post(&r, json!({"decision_id": decision["id"], "kind": "collective", "honorific": "ong", "name": "Xã Kim Đông"})).await;
    assert_eq!(bad.problem(422), ["honorific"]);
    assert_eq!(
        app.get(&format!("{r}?decision_id={}", decision["id"]))
            .await
            .body["total"],
        2
    );

    // An issuer still used by a decision cannot go; the message says which.
    let refused = app
        .delete(&format!("{base}/issuers/{}", issuer["id"]))
        .await;
    refused.problem(409);
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("457/QĐ-UBND")
    );
    // Deleting the decision takes its recipients; then the issuer can go.
    assert_eq!(
        app.delete(&format!("{base}/decisions/{}", decision["id"]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get(&r).await.body["total"], 0);
    assert_eq!(
        app.delete(&format!("{base}/issuers/{}", issuer["id"]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn a_recipient_cannot_point_at_another_conferences_decision() {
    let app = spawn_app().await;
    let a = app.conference().await;
    let b = app.conference().await;
    let issuer = app
        .create(
            &format!("/api/v1/conferences/{a}/issuers"),
            issuer_body("Công an tỉnh"),
        )
        .await;
    let decision = app
        .create(
            &format!("/api/v1/conferences/{a}/decisions"),
            decision_body(&issuer["id"], "215/QĐ-CAT"),
        )
        .await;
    let res = app
        .post(
            &format!("/api/v1/conferences/{b}/recipients"),
            json!({"decision_id": decision["id"], "kind": "collective", "name": "Xã Kim Hải"}),
        )
        .await;
    assert_eq!(res.problem(422), ["decision_id"]);
}
