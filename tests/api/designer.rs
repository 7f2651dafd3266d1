//! The designer's questions through the API: a preview of an edited layout (not saved),
//! refused with the loader's message when it cannot be used; and "check against every
//! recipient" naming exactly the recipients a layout cannot print.

use serde_json::json;

use crate::helpers::{decision_body, issuer_body, spawn_app};

#[tokio::test]
async fn a_preview_draws_the_edited_layout_and_a_broken_one_is_named() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}/layouts/bang_khen");
    let current = app.get(&base).await.body;
    let mut layout = current["layout"].clone();

    let shown = app.post(&format!("{base}/preview"), json!({})).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    let svg = shown.body["svg"].as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("data-element=\"recipient\""));
    let report = shown.body["report"].as_array().unwrap();
    assert!(report.iter().any(|r| r["element"] == "recipient"));
    let longest = shown.body["recipient"]
        .as_i64()
        .expect("the longest name by default");
    assert!(longest > 0);
    // The verification QR code and its code are shown with a sample code (the real one is
    // given at the first print), at the size they print: the modules are drawn.
    let qr = &svg[svg.find("data-element=\"verification_qr\"").expect(svg)..];
    let qr = &qr[..qr.find("</g>").unwrap()];
    assert!(qr.matches("<rect").count() > 100, "{qr}");
    assert!(svg.contains(">XXXX-XXXX-XXXX-XXXX</text>"), "{svg}");

    // Move the recipient 20 mm down in the edited layout: the preview follows, nothing saved.
    let y_of = |svg: &str| -> f64 {
        let group = &svg[svg.find("data-element=\"recipient\"").unwrap()..];
        let y = &group[group.find(" y=\"").unwrap() + 4..];
        y[..y.find('"').unwrap()].parse().unwrap()
    };
    let before = y_of(svg);
    for e in layout["element"].as_array_mut().unwrap() {
        if e["name"] == "recipient" {
            e["box"][1] = json!(e["box"][1].as_f64().unwrap() + 20.0);
        }
    }
    let moved = app
        .post(
            &format!("{base}/preview"),
            json!({"layout": layout, "mode": "blank", "recipient": longest}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let after = y_of(moved.body["svg"].as_str().unwrap());
    assert!((after - before - 20.0).abs() < 0.01, "{before} → {after}");
    assert!(
        !moved.body["svg"]
            .as_str()
            .unwrap()
            .contains("data-element=\"national_name\""),
        "blank mode: no design"
    );
    assert_eq!(
        app.get(&base).await.body["version"],
        current["version"],
        "a preview saves nothing"
    );

    // A layout the printer would refuse is refused with the loader's message.
    for e in layout["element"].as_array_mut().unwrap() {
        if e["name"] == "recipient" {
            e["min_size"] = json!(99);
        }
    }
    let broken = app
        .post(&format!("{base}/preview"), json!({"layout": layout}))
        .await;
    assert_eq!(broken.problem(422), ["layout"]);
    assert!(
        broken.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("min_size 99 is larger than size"),
        "{}",
        broken.body
    );
    let unknown = app
        .post(&format!("{base}/preview"), json!({"recipient": 999999}))
        .await;
    assert_eq!(unknown.problem(422), ["recipient"]);

    // Viewers may look.
    let token = app.viewer(id, "viewer@kimson.gov.vn").await;
    let viewer = app.as_token(&token);
    assert_eq!(
        viewer
            .post(&format!("{base}/preview"), json!({}))
            .await
            .status,
        200
    );
}

/// A conference with no recipient yet previews each layout on the demo's sample; this
/// answered 500 ("Cannot start a runtime from within a runtime") while the sample was read
/// through a scratch database.
#[tokio::test]
async fn an_empty_conference_previews_the_demos_sample() {
    let app = spawn_app().await;
    let id = app.conference().await;
    for (kind, words) in [
        ("bang_khen", "BẰNG KHEN"),
        ("giay_khen", "GIẤY KHEN"),
        ("danh_hieu", "Đơn vị quyết thắng"),
    ] {
        let shown = app
            .post(
                &format!("/api/v1/conferences/{id}/layouts/{kind}/preview"),
                json!({}),
            )
            .await;
        assert_eq!(shown.status, 200, "{kind}: {}", shown.body);
        let said = shown.body.to_string().to_lowercase();
        assert!(said.contains(&words.to_lowercase()), "{kind}: {said:.400}");
    }
}

#[tokio::test]
async fn checking_500_recipients_names_exactly_the_two_that_cannot_print() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let base = format!("/api/v1/conferences/{id}");
    let issuer = app
        .create(
            &format!("{base}/issuers"),
            issuer_body("UBND tỉnh Ninh Bình"),
        )
        .await;
    let decision = app
        .create(
            &format!("{base}/decisions"),
            decision_body(&issuer["id"], "456/QĐ-UBND"),
        )
        .await;
    assert_eq!(decision["form"], "bang_khen");
    let long_name = format!(
        "Tập thể {}",
        "Chi bộ thôn Đông Sơn, xã Kim Chính ".repeat(6)
    )
    .chars()
    .take(200)
    .collect::<String>();
    let mut planted = Vec::new();
    for n in 1..=500 {
        let name = match n {
            137 => long_name.clone(),
            421 => "Đinh Thị ꞗê".to_string(),
            _ => format!("Công an xã số {n}"),
        };
        let r = app
            .create(
                &format!("{base}/recipients"),
                json!({"decision_id": decision["id"], "kind": "collective", "name": name}),
            )
            .await;
        if n == 137 || n == 421 {
            planted.push(r["id"].as_i64().unwrap());
        }
    }
    let checked = app
        .post(&format!("{base}/layouts/bang_khen/check"), json!({}))
        .await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!(checked.body["checked"], 500);
    let findings = checked.body["findings"].as_array().unwrap();
    let mut found: Vec<i64> = findings
        .iter()
        .map(|f| f["recipient_id"].as_i64().unwrap())
        .collect();
    found.dedup();
    assert_eq!(found, planted, "{findings:?}");
    let problems: Vec<&str> = findings
        .iter()
        .map(|f| f["problem"].as_str().unwrap())
        .collect();
    assert!(problems.contains(&"missing_glyphs"), "{problems:?}");
    assert!(
        findings
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("U+A797"))
    );
    eprintln!(
        "check of 500 recipients: {} ms on the server (debug build)",
        checked.body["server_ms"]
    );
}

/// A recipient whose certificate cannot be made (its decision has no signer yet) is
/// refused with a typed problem of the field `recipient`, worded in the reader's language.
#[tokio::test]
async fn a_recipient_that_cannot_print_is_named_in_the_readers_language() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let recipient = app.get(&format!("{base}/recipients?limit=1")).await.body["items"][0].clone();
    let decision = format!("{base}/decisions/{}", recipient["decision_id"]);
    let read = app.get(&decision).await;
    let kind = match read.body["form"].as_str().unwrap() {
        "title" => "danh_hieu",
        form => form,
    };
    let etag = read.etag();
    let cleared = app
        .send(
            axum::http::Method::PATCH,
            &decision,
            Some(json!({"signer_name": ""})),
            &[("if-match", etag.as_str())],
        )
        .await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    let preview = format!("{base}/layouts/{kind}/preview");
    let ask = json!({"recipient": recipient["id"]});
    let refused = app.post(&preview, ask.clone()).await;
    assert_eq!(refused.problem(422), ["recipient"]);
    assert_eq!(
        refused.body["errors"][0]["code"], "cannot-print",
        "{}",
        refused.body
    );
    let vi = [("Accept-Language", "vi")];
    let refused = app
        .send(axum::http::Method::POST, &preview, Some(ask), &vi)
        .await;
    let detail = refused.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("chưa in được"), "{}", refused.body);
}
