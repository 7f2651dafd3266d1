//! Certificates anyone can verify: `/v/<code>` shows what the certificate says while it
//! stands, "revoked" with the date once its recipient or decision is deleted, the same
//! answer for every wrong guess, and counts lookups per address.

use axum::body::Body;
use axum::http::{Method, Request, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::helpers::{TestApp, spawn_app};
use hoinghi::domain::model::{Conference, Recipient};
use hoinghi::store::verification::{Printed, codes_for};

/// The codes of every certificate of the conference, as printing gives them out.
async fn codes(app: &TestApp, id: i32) -> Vec<(Recipient, String)> {
    let conference: Conference = hoinghi::store::conference::get(&app.db, id)
        .await
        .unwrap()
        .into();
    let ceremony = hoinghi::store::programme::ceremony(&app.db, id)
        .await
        .unwrap();
    let printed: Vec<Printed> = ceremony
        .iter()
        .flat_map(|d| {
            d.recipients
                .iter()
                .map(|r| Printed::of(&conference, &d.issuer, &d.decision, r))
        })
        .collect();
    let codes = codes_for(&app.db, &printed).await.unwrap();
    ceremony
        .iter()
        .flat_map(|d| d.recipients.iter())
        .map(|r| (r.clone(), codes[&r.id].clone()))
        .collect()
}

/// GET a verification page from a client address, as HTML or JSON.
async fn look(app: &TestApp, path: &str, json: bool, address: &str) -> (u16, String) {
    let mut req = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(header::HOST, "localhost")
        .header(
            header::ACCEPT,
            if json {
                "application/json"
            } else {
                "text/html"
            },
        )
        .body(Body::empty())
        .unwrap();
    let peer: std::net::SocketAddr = format!("{address}:40000").parse().unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn a_certificate_verifies_until_its_recipient_or_decision_is_deleted() {
    let app = spawn_app().await;
    let id = app.demo().await as i32;
    let all = codes(&app, id).await;
    assert!(all.len() > 10);
    // Stable across reprints.
    let again = codes(&app, id).await;
    assert_eq!(all, again);
    for (_, code) in &all {
        assert_eq!(code.len(), 16, "80 bits in Crockford base32");
    }

    let (recipient, code) = all
        .iter()
        .find(|(r, _)| r.name == "Đặng Văn Ngọc")
        .cloned()
        .expect("the demo's individual");
    let (status, html) = look(&app, &format!("/v/{code}"), false, "198.51.100.1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Hợp lệ"), "{html}");
    assert!(html.contains("Ông Đặng Văn Ngọc"));
    let grouped = hoinghi::domain::code::grouped(&code);
    assert!(html.contains(&grouped));

    let (status, body) = look(
        &app,
        &format!("/v/{}", grouped.to_lowercase()),
        true,
        "198.51.100.1",
    )
    .await;
    assert_eq!(status, 200);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "valid");
    let certificate = json["certificate"].as_object().unwrap();
    let mut keys: Vec<&str> = certificate.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "conference",
            "decided_on",
            "decision_number",
            "form",
            "issuer",
            "position",
            "recipient",
            "unit"
        ],
        "nothing else of the conference"
    );
    assert_eq!(certificate["recipient"], "Ông Đặng Văn Ngọc");

    // The name is corrected and the certificate printed again with the same code; then the
    // recipient is deleted: the same URL says revoked, with the date and what the last
    // print said.
    let base = format!("/api/v1/conferences/{id}");
    let edited = app
        .patch(
            &format!("{base}/recipients/{}", recipient.id),
            serde_json::json!({"name": "Đặng Văn Ngọc Anh"}),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let reprinted = codes(&app, id).await;
    assert!(
        reprinted
            .iter()
            .any(|(r, c)| r.name == "Đặng Văn Ngọc Anh" && *c == code)
    );
    let deleted = app
        .delete(&format!("{base}/recipients/{}", recipient.id))
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let (status, html) = look(&app, &format!("/v/{code}"), false, "198.51.100.1").await;
    assert_eq!(
        status, 200,
        "revoked is not a 404 that looks like a forgery"
    );
    assert!(html.contains("ĐÃ THU HỒI ngày"), "{html}");
    assert!(html.contains("Ông Đặng Văn Ngọc Anh"), "{html}");
    let (_, body) = look(&app, &format!("/v/{code}"), true, "198.51.100.1").await;
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "revoked");
    assert!(json["revoked_at"].is_string());

    // A decision deleted revokes every certificate of it.
    let (other, other_code) = all
        .iter()
        .find(|(r, _)| r.decision_id != recipient.decision_id)
        .cloned()
        .unwrap();
    let decision = app
        .get(&format!("{base}/decisions/{}", other.decision_id))
        .await;
    let recipients = app
        .get(&format!(
            "{base}/recipients?decision_id={}&limit=500",
            other.decision_id
        ))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .clone();
    for r in recipients {
        assert_eq!(
            app.delete(&format!("{base}/recipients/{}", r["id"]))
                .await
                .status,
            204
        );
    }
    assert_eq!(decision.status, 200);
    let (_, body) = look(&app, &format!("/v/{other_code}"), true, "198.51.100.2").await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["status"],
        "revoked"
    );
}

#[tokio::test]
async fn wrong_codes_all_get_the_same_answer_and_lookups_are_counted_per_address() {
    let app = spawn_app().await;
    let id = app.demo().await as i32;
    codes(&app, id).await;
    let mut answers = Vec::new();
    for guess in [
        "0000000000000000",
        "ZZZZ-ZZZZ-ZZZZ-ZZZZ",
        "not-a-code",
        "%3Cscript%3E",
    ] {
        let (status, body) = look(&app, &format!("/v/{guess}"), true, "203.0.113.7").await;
        assert_eq!(status, 404);
        answers.push(body);
    }
    answers.dedup();
    assert_eq!(answers.len(), 1, "{answers:?}");
    let (_, html) = look(&app, "/v/0000000000000000", false, "203.0.113.8").await;
    assert!(html.contains("Không tìm thấy bằng nào có mã này"));

    let limit = hoinghi::service::verification::LOOKUPS as usize;
    let mut last = 0;
    for _ in 0..=limit {
        last = look(&app, "/v/0000000000000000", true, "203.0.113.9")
            .await
            .0;
    }
    assert_eq!(last, 429, "the lookup after the limit is refused");
    assert_eq!(
        look(&app, "/v/0000000000000000", true, "203.0.113.10")
            .await
            .0,
        404,
        "another address is not held back"
    );
}

#[tokio::test]
async fn the_printed_qr_code_opens_the_certificate_and_says_revoked_after_a_deletion() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let recipient = app.get(&format!("{base}/recipients?limit=1")).await.body["items"][0].clone();
    let rid = recipient["id"].as_i64().unwrap();
    let printed =
        crate::helpers::pdf(&app, &format!("{base}/certificates.pdf?recipient={rid}")).await;
    let Some(url) = crate::invitations::decode_qr(&printed) else {
        return;
    };
    // The server's address has no path, so the QR holds it in capitals (a smaller code);
    // the server answers /V/ as /v/.
    let path = url
        .strip_prefix("HTTPS://KHENTHUONG.KIMSON.GOV.VN")
        .unwrap_or_else(|| panic!("the QR holds this server's /V/ URL: {url}"));
    assert!(path.starts_with("/V/") && path.len() == 19, "{path}");
    let code = &path[3..];
    // The code is printed under the QR code too, and stays the same on a reprint.
    if let Some(text) = crate::helpers::pdf_text(&printed, "the certificate's code") {
        let grouped = hoinghi::domain::code::grouped(code);
        assert!(text.contains(&grouped), "{text}");
    }
    let again = crate::helpers::pdf(
        &app,
        &format!("{base}/recipients/{rid}/certificate.pdf?mode=blank"),
    )
    .await;
    assert_eq!(
        crate::invitations::decode_qr(&again).as_deref(),
        Some(url.as_str()),
        "stable across reprints, on blanks too"
    );

    let (status, html) = look(&app, path, false, "192.0.2.1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Hợp lệ"));
    assert!(html.contains(recipient["name"].as_str().unwrap()), "{html}");

    assert_eq!(
        app.delete(&format!("{base}/recipients/{rid}")).await.status,
        204
    );
    let (status, body) = look(&app, path, true, "192.0.2.1").await;
    assert_eq!(status, 200);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "revoked");
    assert_eq!(
        json["certificate"]["recipient"].as_str(),
        recipient["name"].as_str()
    );
}

/// `/v` with no code (the form sent empty, or a bare link) shows the form with a word of
/// help, not "not found" for a code nobody typed; a typed code still goes to its page.
#[tokio::test]
async fn the_form_without_a_code_asks_for_one() {
    let app = spawn_app().await;
    for path in ["/v", "/v?code=", "/v?code=%20-%20"] {
        let (status, html) = look(&app, path, false, "192.0.2.50").await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("Nhập mã in dưới mã QR"), "{html}");
        assert!(!html.contains("Không tìm thấy"), "{path}");
        assert!(html.contains("id=\"verify-code\""));
    }
    let (status, _) = look(&app, "/v?code=7k3m-9qxt", false, "192.0.2.50").await;
    assert_eq!(status, 303);
}
