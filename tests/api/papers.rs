//! The conference's other papers through the API, read back with poppler, and the report.

use axum::http::StatusCode;

use crate::helpers::{TestApp, assert_in_order, pdf, pdf_text, spawn_app, user};

/// Text of a PDF route, whitespace runs made single spaces; None (SKIPPED) without poppler.
/// The download and its status always happen.
async fn text_of(app: &TestApp, uri: &str) -> Option<String> {
    let text = pdf_text(&pdf(app, uri).await, "reading printouts back")?;
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[tokio::test]
async fn every_paper_of_the_demo_reads_back_in_order() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");

    let programme = text_of(&app.anonymous(), &format!("{base}/programme.pdf")).await;
    if let Some(programme) = &programme {
        assert_in_order(
            programme,
            &[
                "ỦY BAN NHÂN DÂN",
                "HUYỆN KIM SƠN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "CHƯƠNG TRÌNH",
                "07h30",
                "Đón tiếp đại biểu",
                "08h15",
                "Chào cờ",
                "08h30",
                "Báo cáo tổng kết",
                "09h55",
                "Công bố quyết định khen thưởng",
                "1520/QĐ-BCA",
                "456/QĐ-UBND",
                "457/QĐ-UBND",
                "215/QĐ-CAT",
                "825/QĐ-UBND",
                "10h30",
                "Phát biểu chỉ đạo",
                "11h10",
                "Bế mạc",
            ],
        );
    }

    let by_rank = text_of(&app, &format!("{base}/attendees.pdf")).await;
    if let Some(by_rank) = &by_rank {
        assert_in_order(
            by_rank,
            &[
                "Nguyễn Văn Hùng",
                "Trần Văn Thắng",
                "Hoàng Văn Phương",
                "Phạm Văn Dũng",
                "Vũ Thị Hạnh",
                "Đinh Văn Toàn",
            ],
        );
    }
    // By given name, in Vietnamese letter order: Ánh, Dũng, Hạnh, Hoa, Hùng, Hương, Ngọc, Phương, Thắng, Toàn.
    let sign_in = text_of(&app, &format!("{base}/sign-in.pdf")).await;
    if let Some(sign_in) = &sign_in {
        assert_in_order(
            sign_in,
            &[
                "Nguyễn Đức Ánh",
                "Phạm Văn Dũng",
                "Vũ Thị Hạnh",
                "Hùng",
                "Lê Thị Thu Hương",
                "Đặng Văn Ngọc",
                "Hoàng Văn Phương",
                "Trần Văn Thắng",
                "Đinh Văn Toàn",
            ],
        );
    }
    let alphabetical = text_of(&app, &format!("{base}/attendees.pdf?order=alphabetical")).await;
    if let Some(alphabetical) = &alphabetical {
        assert_in_order(
            alphabetical,
            &[
                "Nguyễn Đức Ánh",
                "Phạm Văn Dũng",
                "Đặng Văn Ngọc",
                "Đinh Văn Toàn",
            ],
        );
    }

    let roster = text_of(&app, &format!("{base}/roster.pdf")).await;
    let script = text_of(&app, &format!("{base}/script.pdf")).await;
    let summary = app.get(&format!("{base}/programme")).await.body;
    let ceremony = summary["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"]["kind"] == "award_ceremony")
        .unwrap();
    let mut names = Vec::new();
    for d in ceremony["decisions"].as_array().unwrap() {
        names.push(d["decision"]["number"].as_str().unwrap().to_string());
        for r in d["recipients"].as_array().unwrap() {
            // As printed: a unit's noun within a name written small (Decree 30).
            names.push(hoinghi::domain::text::unit_capitals(
                r["name"].as_str().unwrap(),
            ));
        }
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if let Some(roster) = &roster {
        assert_in_order(roster, &names);
        // The head decides, as the certificates say (Decree 30 practice).
        let flat = roster.split_whitespace().collect::<Vec<_>>().join(" ");
        for giver in [
            "của Bộ trưởng Bộ Công an)",
            "của Chủ tịch UBND tỉnh Ninh Bình)",
            "của Giám đốc Công an tỉnh Ninh Bình)",
        ] {
            assert!(flat.contains(giver), "{giver} in {flat}");
        }
    }
    if let Some(script) = &script {
        assert_in_order(
            script,
            &["Nguyễn Văn Hùng", "Trần Văn Thắng", "Phạm Văn Dũng"],
        );
        let flat = script.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("nhận Bằng khen của Bộ trưởng Bộ Công an"),
            "{flat}"
        );
        for d in ceremony["decisions"].as_array().unwrap() {
            for r in d["recipients"].as_array().unwrap() {
                let printed = hoinghi::domain::text::unit_capitals(r["name"].as_str().unwrap());
                assert!(
                    script.contains(&printed),
                    "the script invites {}",
                    r["name"]
                );
            }
        }
    }

    let cards = text_of(&app, &format!("{base}/place-cards.pdf")).await;
    if let Some(cards) = &cards {
        assert!(cards.contains("NGUYỄN VĂN HÙNG") && cards.contains("Phó Giám đốc Công an tỉnh"));
        assert!(!cards.contains("MAI HOA"), "no seat card for the press");
    }

    // Printed and logged whether or not poppler was there to read the papers back.
    let log = app.get(&format!("{base}/audit?limit=10")).await.body;
    let printed: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "print")
        .map(|e| e["resource"].as_str().unwrap())
        .collect();
    assert!(
        printed.contains(&"roster")
            && printed.contains(&"place-cards")
            && printed.contains(&"programme"),
        "{printed:?}"
    );
}

#[tokio::test]
async fn the_script_as_text_and_the_report() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let script = app
        .get(&format!("/api/v1/conferences/{id}/script.txt"))
        .await;
    assert_eq!(script.status, StatusCode::OK);
    let text = script.body.as_str().unwrap();
    assert!(text.contains("Cán bộ và nhân dân thị trấn Phát Diệm"));
    let report = app
        .anonymous()
        .get(&format!("/api/v1/conferences/{id}/report"))
        .await
        .body;
    assert_eq!(
        report["text"],
        "Tại hội nghị, Bộ Công an tặng Bằng khen cho Cán bộ và nhân dân Thị trấn Phát Diệm vì đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018. \
         UBND tỉnh Ninh Bình tặng danh hiệu Đơn vị quyết thắng cho 1 tập thể, tặng Bằng khen cho 2 tập thể và 1 cá nhân. \
         Công an tỉnh Ninh Bình tặng Giấy khen cho 2 tập thể và 2 cá nhân. \
         UBND huyện Kim Sơn tặng Giấy khen cho 3 tập thể và 5 cá nhân."
    );
}

#[tokio::test]
async fn papers_follow_the_roles() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let anon = app.anonymous();
    assert_eq!(
        anon.get(&format!("/api/v1/conferences/{id}/programme.pdf"))
            .await
            .status,
        StatusCode::OK,
        "public when published"
    );
    for paper in ["attendees", "sign-in", "place-cards", "roster", "script"] {
        anon.get(&format!("/api/v1/conferences/{id}/{paper}.pdf"))
            .await
            .problem(401);
    }
    let (_, stranger) = user(&app.db, "stranger@example.vn").await;
    app.as_token(&stranger)
        .get(&format!("/api/v1/conferences/{id}/sign-in.pdf"))
        .await
        .problem(403);
    assert_eq!(
        app.get(&format!(
            "/api/v1/conferences/{id}/attendees.pdf?order=height"
        ))
        .await
        .problem(422),
        ["order"]
    );
}

/// A table never breaks a person's name nor a place's ("Phạm Văn / Dũng", "tỉnh Ninh /
/// Bình"): read back line by line, every delegate's name, with its honorific, stands on one
/// line of the delegate list, and every recipient's name on one line of the roster; a unit's
/// noun within a name is written small ("nhân dân thị trấn Phát Diệm").
#[tokio::test]
async fn tables_keep_names_whole() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let Some(list) = pdf_text(
        &pdf(&app, &format!("{base}/attendees.pdf")).await,
        "reading the delegate list back",
    ) else {
        return;
    };
    let lines: Vec<&str> = list.lines().map(str::trim).collect();
    let attendees = app.get(&format!("{base}/attendees?limit=200")).await;
    let mut checked = 0;
    for a in attendees.body["items"].as_array().unwrap() {
        if a["category"] == "staff" {
            continue;
        }
        let name = a["full_name"].as_str().unwrap();
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "{name} is broken across lines:\n{list}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
    assert!(
        lines.iter().any(|l| l.contains("Đồng chí Phạm Văn Dũng")),
        "{list}"
    );
    let roster = pdf_text(
        &pdf(&app, &format!("{base}/roster.pdf")).await,
        "reading the roster back",
    )
    .unwrap();
    let lines: Vec<&str> = roster.lines().map(str::trim).collect();
    for name in [
        "Đặng Văn Ngọc",
        "Phạm Văn Long",
        "Trịnh Thị Lan",
        "thị trấn Phát Diệm",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name)),
            "{name} is broken across lines:\n{roster}"
        );
    }
    let flat = roster.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("nhân dân thị trấn Phát Diệm"), "{roster}");
    assert!(!roster.contains("Thị trấn Phát Diệm"), "{roster}");
}

/// The programme as conferences hand it out carries no number nor signer; asked for as a
/// document it has both, signed as the invitations are, with "Nơi nhận" (Decree 30).
#[tokio::test]
async fn the_programme_is_a_handout_or_a_signed_document() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let Some(handout) = text_of(&app.anonymous(), &format!("{base}/programme.pdf")).await else {
        return;
    };
    assert!(handout.contains("CHƯƠNG TRÌNH"), "{handout}");
    for absent in ["Số:", "CTr", "Nơi nhận", "Nguyễn Văn Tuấn"] {
        assert!(!handout.contains(absent), "{absent} in {handout}");
    }
    let document = text_of(&app, &format!("{base}/programme.pdf?document=true"))
        .await
        .unwrap();
    assert_in_order(
        &document,
        &[
            "/CTr-UBND",
            "CHƯƠNG TRÌNH",
            "Bế mạc",
            "Nơi nhận:",
            "- Các đại biểu dự hội nghị;",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn Tuấn",
        ],
    );
}

/// A host body under another prints that parent above it on every paper, in regular
/// capitals, the body itself in bold (Decree 30: "CÔNG AN TỈNH NINH BÌNH" / "CÔNG AN HUYỆN
/// KIM SƠN"), as the user names it.
#[tokio::test]
async fn the_parent_body_stands_above_the_host_body() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let set = app
        .patch(
            &base,
            serde_json::json!({
                "host_body": "Công an huyện Kim Sơn",
                "invitation": { "parent_body": "Công an tỉnh Ninh Bình" }
            }),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    for paper in ["roster.pdf", "programme.pdf", "attendees.pdf"] {
        let Some(text) = text_of(&app, &format!("{base}/{paper}")).await else {
            return;
        };
        assert_in_order(
            &text,
            &[
                "CÔNG AN TỈNH NINH BÌNH",
                "CÔNG AN HUYỆN KIM SƠN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
        );
    }
}
