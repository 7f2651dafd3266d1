//! Certificates of the demo conference read back from the PDF with poppler: every field of
//! every recipient, one page each, fonts embedded and subset; and the ways printing fails.

use hoinghi::domain::text::{decision_line, place_date_line, upper};
use serde_json::{Value, json};

use crate::helpers::{FILE, pdf, pdf_text, run_tool, spawn_app, user};

fn date(v: &Value) -> chrono::NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn every_field_of_every_demo_certificate_is_printed_exactly() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let bytes = pdf(&app, &format!("/api/v1/conferences/{id}/certificates.pdf")).await;
    let text = pdf_text(&bytes, "reading certificates back");
    let pages: Option<Vec<Vec<&str>>> = text.as_deref().map(|text| {
        text.split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.lines().collect())
            .collect()
    });

    let programme = app
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await
        .body;
    let ceremony = programme["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"]["kind"] == "award_ceremony")
        .unwrap();
    let mut n = 0;
    for d in ceremony["decisions"].as_array().unwrap() {
        let (decision, issuer) = (&d["decision"], &d["issuer"]);
        for r in d["recipients"].as_array().unwrap() {
            n += 1;
            let Some(pages) = &pages else { continue };
            let page = &pages[n - 1];
            let has =
                |line: &str| assert!(page.contains(&line), "page {n} lacks {line:?}: {page:#?}");
            has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            has("Độc lập - Tự do - Hạnh phúc");
            has(issuer["certificate_heading"].as_str().unwrap());
            let form = match decision["form"].as_str().unwrap() {
                "bang_khen" => "BẰNG KHEN".to_string(),
                "giay_khen" => "GIẤY KHEN".to_string(),
                _ => upper(decision["title_name"].as_str().unwrap()),
            };
            has(&form);
            let name = r["name"].as_str().unwrap();
            let honorific = match r["honorific"].as_str() {
                Some("ong") => "Ông ",
                Some("ba") => "Bà ",
                _ => "",
            };
            let printed = [
                format!("{honorific}{name}"),
                format!("{honorific}{}", upper(name)),
            ];
            assert!(
                printed.iter().any(|p| page.contains(&p.as_str())),
                "page {n} lacks the name {name}: {page:#?}"
            );
            // As a person writes them: "Trưởng Công an xã Kim Chính, huyện Kim Sơn".
            let position_unit = hoinghi::domain::text::position_and_unit(
                r["position"].as_str().unwrap_or(""),
                r["unit"].as_str().unwrap_or(""),
            );
            if !position_unit.is_empty() {
                has(&position_unit);
            }
            has(decision["reason"].as_str().unwrap());
            has(&decision_line(
                decision["number"].as_str().unwrap(),
                date(&decision["decided_on"]),
            ));
            assert!(
                page.iter()
                    .any(|l| l.ends_with(&format!(": {}", r["register_number"].as_str().unwrap()))),
                "page {n}: register number"
            );
            has(&place_date_line(
                issuer["place_name"].as_str().unwrap(),
                date(&decision["decided_on"]),
            ));
            for line in decision["signer_title"].as_str().unwrap().lines() {
                has(line);
            }
            has(decision["signer_name"].as_str().unwrap());
            // A police signer's rank on the line right above the name.
            if let Some(rank) = decision["signer_rank"].as_str().filter(|r| !r.is_empty()) {
                let at = page.iter().position(|l| *l == rank);
                assert!(
                    at.is_some_and(|i| page[i + 1] == decision["signer_name"]),
                    "page {n}: {rank} above the name: {page:#?}"
                );
            }
        }
    }
    let ranked = ceremony["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["decision"]["signer_rank"] != "")
        .count();
    assert_eq!(ranked, 2, "the demo's police signers have their ranks");
    assert_eq!(n, 17, "the demo has 17 recipients");
    if let Some(pages) = &pages {
        assert_eq!(pages.len(), 17, "one page per recipient");
    }

    if let Some(fonts) = run_tool(
        "pdffonts",
        &[FILE],
        &bytes,
        "checking the certificate fonts",
    ) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains('+'), "a subset tag: {row}");
            assert_eq!(
                &cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "embedded, subset, unicode: {row}"
            );
        }
    }
    assert!(
        bytes.len() < 17 * 40_000,
        "subset fonts, not whole files: {} bytes",
        bytes.len()
    );

    // The same request gives the same bytes; the print is in the audit log.
    assert_eq!(
        pdf(&app, &format!("/api/v1/conferences/{id}/certificates.pdf")).await,
        bytes
    );
    let log = app
        .get(&format!("/api/v1/conferences/{id}/audit"))
        .await
        .body;
    let print = &log["items"][0];
    assert_eq!(print["action"], "print");
    assert_eq!(print["detail"]["pages"], 17);
    assert_eq!(print["detail"]["recipients"].as_array().unwrap().len(), 17);
    assert_eq!(print["actor"], "organiser@kimson.gov.vn");
}

#[tokio::test]
async fn selections_modes_and_the_calibration_page() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let last = &app.decision(id, "825/QĐ-UBND").await;
    let blank = pdf(&app, &format!("/api/v1/conferences/{id}/certificates.pdf?decision={}&mode=blank&offset_x=2.5&offset_y=-1", last["id"])).await;
    if let Some(text) = pdf_text(&blank, "reading certificates back") {
        assert_eq!(
            text.matches('\u{c}').count(),
            8,
            "the 8 recipients of the district's decision"
        );
        assert!(
            !text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "blank mode leaves the pre-printed design out"
        );
        assert!(text.contains("Đặng Thị Ngọc") || text.contains("ĐẶNG THỊ NGỌC"));
    }

    let recipients = app
        .get(&format!(
            "/api/v1/conferences/{id}/recipients?q=%C4%90%E1%BA%B7ng%20V%C4%83n%20Ng%E1%BB%8Dc"
        ))
        .await
        .body;
    let rid = recipients["items"][0]["id"].as_i64().unwrap();
    let one = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/recipients/{rid}/certificate.pdf"),
    )
    .await;
    if let Some(text) = pdf_text(&one, "reading certificates back") {
        assert_eq!(text.matches('\u{c}').count(), 1);
        assert!(text.contains("Ông ĐẶNG VĂN NGỌC"));
    }

    let calibration = pdf(
        &app,
        &format!(
            "/api/v1/conferences/{id}/certificates/calibration.pdf?layout=giay_khen&offset_x=3"
        ),
    )
    .await;
    if let Some(text) = pdf_text(&calibration, "reading certificates back") {
        assert!(text.contains("Danh xưng và tên người nhận"), "{text}");
        assert!(text.contains("lệch x = +3,0 mm"), "{text}");
    }

    for (query, field) in [
        ("mode=glossy", "mode"),
        ("layout=huy_chuong", "layout"),
        ("decision=abc", "decision"),
        ("offset_x=80", "offset_x"),
    ] {
        let res = app
            .get(&format!(
                "/api/v1/conferences/{id}/certificates.pdf?{query}"
            ))
            .await;
        assert_eq!(res.problem(422), [field], "{query}");
    }
    app.get(&format!(
        "/api/v1/conferences/{id}/certificates.pdf?decision=99999"
    ))
    .await
    .problem(422);
    app.get(&format!(
        "/api/v1/conferences/{id}/recipients/99999/certificate.pdf"
    ))
    .await
    .problem(404);
}

#[tokio::test]
async fn long_names_fit_and_unprintable_characters_are_named() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let decision = app
        .get(&format!("/api/v1/conferences/{id}/decisions"))
        .await
        .body["items"][0]["id"]
        .clone();
    let long = "Tập thể cán bộ, chiến sĩ và quần chúng nhân dân các tổ dân phố Phú Vinh, Phát Diệm Đông, Phát Diệm Nam và Trì Chính, thị trấn Phát Diệm, huyện Kim Sơn";
    assert_eq!(long.chars().count(), 150);
    let r = app
        .create(
            &format!("/api/v1/conferences/{id}/recipients"),
            json!({"decision_id": decision, "kind": "collective", "name": long}),
        )
        .await;
    let bytes = pdf(
        &app,
        &format!(
            "/api/v1/conferences/{id}/recipients/{}/certificate.pdf",
            r["id"]
        ),
    )
    .await;
    if let Some(text) = pdf_text(&bytes, "reading certificates back") {
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            joined.contains(&upper(long)) || joined.contains(long),
            "the whole name is printed: {text}"
        );
    }

    let odd = app.create(&format!("/api/v1/conferences/{id}/recipients"), json!({"decision_id": decision, "kind": "individual", "honorific": "ong", "name": "Nguyễn Văn ꞗ"})).await;
    let res = app
        .get(&format!(
            "/api/v1/conferences/{id}/recipients/{}/certificate.pdf",
            odd["id"]
        ))
        .await;
    res.problem(422);
    let detail = res.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("U+A797") && detail.contains("ꞗ") && detail.contains("Nguyễn Văn ꞗ"),
        "{detail}"
    );
    // The whole batch fails the same way, before anything is printed or logged as printed.
    app.get(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await
        .problem(422);
}

#[tokio::test]
async fn decomposed_input_prints_the_same_bytes() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let base = format!("/api/v1/conferences/{id}");
    let issuer = app
        .create(
            &format!("{base}/issuers"),
            crate::helpers::issuer_body("UBND tỉnh Ninh Bình"),
        )
        .await;
    let decision = app
        .create(
            &format!("{base}/decisions"),
            crate::helpers::decision_body(&issuer["id"], "457/QĐ-UBND"),
        )
        .await;
    // Each recipient has a verification code of its own: compared without the QR code.
    let mut layout = app.get(&format!("{base}/layouts/bang_khen")).await.body["layout"].clone();
    layout["element"]
        .as_array_mut()
        .unwrap()
        .retain(|e| !e["name"].as_str().unwrap().starts_with("verification"));
    let saved = app
        .send(
            axum::http::Method::PUT,
            &format!("{base}/layouts/bang_khen"),
            Some(json!({ "layout": layout })),
            &[],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let nfc = app.create(&format!("{base}/recipients"), json!({"decision_id": decision["id"], "kind": "individual", "honorific": "ong", "name": "Đặng Văn Ngọc", "register_number": "1"})).await;
    let nfd = app.create(&format!("{base}/recipients"), json!({"decision_id": decision["id"], "kind": "individual", "honorific": "ong", "name": "Đa\u{323}\u{306}ng Va\u{306}n Ngo\u{323}c", "register_number": "1"})).await;
    let a = pdf(
        &app,
        &format!("{base}/recipients/{}/certificate.pdf", nfc["id"]),
    )
    .await;
    let b = pdf(
        &app,
        &format!("{base}/recipients/{}/certificate.pdf", nfd["id"]),
    )
    .await;
    assert_eq!(a, b);
}

#[tokio::test]
async fn only_editors_print() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (_, viewer) = user(&app.db, "viewer@kimson.gov.vn").await;
    app.send(
        axum::http::Method::PUT,
        &format!("/api/v1/conferences/{id}/members"),
        Some(json!({"email": "viewer@kimson.gov.vn", "role": "viewer"})),
        &[],
    )
    .await;
    app.as_token(&viewer)
        .get(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await
        .problem(403);
    app.anonymous()
        .get(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await
        .problem(401);
}

#[test]
fn the_command_line_prints_and_names_a_broken_layout() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cli.sqlite").display());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
            .arg("--database-url")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let out = dir.path().join("bang-khen.pdf");
    // Without a public address the verification QR would lead to this machine: refused,
    // in the language of the environment, before anything is written.
    let local = std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .env("LANG", "vi_VN.UTF-8")
        .args([
            "--database-url",
            &db,
            "print",
            "certificates",
            "--conference",
            "1",
        ])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!local.status.success());
    let message = String::from_utf8_lossy(&local.stderr);
    assert!(
        message.contains("Mã QR xác minh trên bằng sẽ dẫn tới http://127.0.0.1:8080"),
        "{message}"
    );
    assert!(!out.exists());
    let printed = run(&[
        "--public-url",
        "https://khenthuong.kimson.gov.vn",
        "print",
        "certificates",
        "--conference",
        "1",
        "--decision",
        "1",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    assert!(String::from_utf8_lossy(&printed.stdout).contains("1 certificates"));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));

    let layouts = dir.path().join("layouts");
    std::fs::create_dir(&layouts).unwrap();
    let broken = hoinghi::print::CertificateKind::CertificateOfMerit
        .builtin_source()
        .replacen("min_size = ", "min_size = 90 # ", 1);
    std::fs::write(layouts.join("bang_khen.toml"), broken).unwrap();
    let refused = run(&[
        "--layouts",
        layouts.to_str().unwrap(),
        "print",
        "certificates",
        "--conference",
        "1",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("bang_khen.toml")
            && message.contains("element")
            && message.contains("min_size"),
        "{message}"
    );
}

#[tokio::test]
async fn markup_in_a_name_is_printed_as_text() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let decision = app
        .get(&format!("/api/v1/conferences/{id}/decisions"))
        .await
        .body["items"][2]["id"]
        .clone();
    let name = "<b>Tổ \"An toàn\"</b> & (xóm) \\ 5";
    let r = app
        .create(
            &format!("/api/v1/conferences/{id}/recipients"),
            json!({"decision_id": decision, "kind": "collective", "name": name}),
        )
        .await;
    assert_eq!(r["name"], name, "stored as typed");
    let bytes = pdf(
        &app,
        &format!(
            "/api/v1/conferences/{id}/recipients/{}/certificate.pdf",
            r["id"]
        ),
    )
    .await;
    if let Some(text) = pdf_text(&bytes, "reading certificates back") {
        assert!(
            text.contains(name) || text.contains(&upper(name)),
            "printed literally: {text}"
        );
    }
}

#[tokio::test]
async fn only_the_certificates_changed_since_the_last_print() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let district = app.decision(id, "825/QĐ-UBND").await["id"].clone();
    let of_district = format!("/api/v1/conferences/{id}/certificates.pdf?decision={district}");
    let changed = format!("{of_district}&changed=true");
    // Never printed: every one of the decision's 8 is "changed".
    let first = pdf(&app, &changed).await;
    if let Some(text) = pdf_text(&first, "reading certificates back") {
        assert_eq!(text.matches('\u{c}').count(), 8);
    }
    // Printed just now: none is, and the selection is refused as empty, by its field.
    pdf(&app, &of_district).await;
    let none = app.get(&changed).await;
    assert_eq!(none.status, 422, "{:?}", none.body);
    // A corrected name, and one added: only those two.
    let recipients = app
        .get(&format!(
            "/api/v1/conferences/{id}/recipients?decision_id={district}"
        ))
        .await
        .body;
    let r = &recipients["items"][0];
    let res = app
        .patch(
            &format!("/api/v1/conferences/{id}/recipients/{}", r["id"]),
            serde_json::json!({"name": "Phạm Thị Sửa Tên"}),
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.body);
    app.create(
        &format!("/api/v1/conferences/{id}/recipients"),
        serde_json::json!({"decision_id": district, "kind": "individual", "name": "Lê Văn Mới", "unit": "Xã Kim Đông"}),
    )
    .await;
    let two = pdf(&app, &changed).await;
    if let Some(text) = pdf_text(&two, "reading certificates back") {
        assert_eq!(text.matches('\u{c}').count(), 2, "{text}");
        assert!(
            text.contains("PHẠM THỊ SỬA TÊN") || text.contains("Phạm Thị Sửa Tên"),
            "{text}"
        );
        assert!(
            text.contains("LÊ VĂN MỚI") || text.contains("Lê Văn Mới"),
            "{text}"
        );
    }
}
