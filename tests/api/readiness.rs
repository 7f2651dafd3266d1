//! "Ready to print" means it prints: the readiness check the print centre, the dashboard and
//! the command line ask agrees with the printer, on conferences generated with the things
//! that break certificates (long names, two-line headings, missing signers, characters the
//! font lacks). And an issuer's heading is suggested from its name and kept to what the
//! certificates hold.

use std::sync::Arc;

use hoinghi::print::{Layouts, RenderMode};
use hoinghi::service::readiness::{self, Printer, Readiness};
use hoinghi::service::work::Work;
use hoinghi::store::programme::Selection;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::helpers::{PUBLIC_URL, TestApp, Web, conference_body, spawn_app};

async fn ready(app: &TestApp, id: i64, public_url: &str) -> Readiness {
    let layouts = Arc::new(Layouts::builtin().unwrap());
    let work = Work::default();
    let printer = Printer {
        layouts: &layouts,
        public_url,
        work: &work,
        memo: None,
    };
    readiness::certificates(
        &app.db,
        printer,
        id as i32,
        &Selection::default(),
        RenderMode::Full,
        None,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_issuers_heading_is_suggested_from_its_name_and_holds_two_lines() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/issuers");
    let issuer = app
        .create(
            &uri,
            json!({"name": "UBND huyện Yên Mô", "level": "district"}),
        )
        .await;
    assert_eq!(
        issuer["certificate_heading"],
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ"
    );
    assert_eq!(issuer["signer_title"], "CHỦ TỊCH");
    assert_eq!(issuer["place_name"], "Yên Mô");

    let three = app
        .post(
            &uri,
            json!({"name": "Công an huyện Yên Mô", "level": "district",
                   "certificate_heading": "GIÁM ĐỐC\nCÔNG AN TỈNH NINH BÌNH\nPHÒNG THAM MƯU"}),
        )
        .await;
    assert_eq!(three.problem(422), ["certificate_heading"]);
    assert_eq!(three.body["errors"][0]["code"], "heading-lines");
    assert_eq!(three.body["errors"][0]["args"]["max"], "2");

    // Two lines, as the form invites: printed on two lines in the box.
    let two = app
        .create(
            &uri,
            json!({"name": "UBND xã Yên Thắng", "level": "commune",
                   "certificate_heading": "CHỦ TỊCH\nỦY BAN NHÂN DÂN XÃ YÊN THẮNG HUYỆN YÊN MÔ TỈNH NINH BÌNH"}),
        )
        .await;
    let decision = app
        .create(
            &format!("/api/v1/conferences/{id}/decisions"),
            json!({"issuer_id": two["id"], "number": "12/QĐ-UBND", "decided_on": "2025-01-05",
                   "form": "giay_khen", "signer_title": "CHỦ TỊCH", "signer_name": "Phạm Văn Thắng"}),
        )
        .await;
    app.create(
        &format!("/api/v1/conferences/{id}/recipients"),
        json!({"decision_id": decision["id"], "kind": "collective", "name": "Công an xã Yên Thắng"}),
    )
    .await;
    let checked = ready(&app, id, PUBLIC_URL).await;
    assert!(checked.ready(), "{:?}", checked.obstacles);
    let (status, _, pdf) = app
        .download(&format!("/api/v1/conferences/{id}/certificates.pdf"))
        .await;
    assert_eq!(status, 200);
    if let Some(text) = crate::helpers::pdf_text(&pdf, "a two-line heading") {
        assert!(
            text.contains("CHỦ TỊCH\nỦY BAN NHÂN DÂN XÃ YÊN THẮNG"),
            "{text}"
        );
    }
    // A verification QR leading to this machine would go onto a permanent paper.
    let local = ready(&app, id, "http://127.0.0.1:8080").await;
    assert_eq!(local.obstacles.len(), 1, "{:?}", local.obstacles);
    assert_eq!(local.obstacles[0].code, "no-public-address");
    assert_eq!(
        local.obstacles[0].arg("address"),
        Some("http://127.0.0.1:8080")
    );
}

/// Things that break certificates, drawn by a seeded generator.
const HEADINGS: [&str; 4] = [
    "",
    "CHỦ TỊCH\nỦY BAN NHÂN DÂN HUYỆN YÊN MÔ",
    "GIÁM ĐỐC CÔNG AN TỈNH NINH BÌNH",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ TỈNH NINH BÌNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM KHÓA XX NHIỆM KỲ 2021 ĐẾN 2026 VÀ CÁC BAN NGÀNH ĐOÀN THỂ TRỰC THUỘC CỦA HUYỆN",
];
const NAMES: [&str; 6] = [
    "Đặng Văn Ngọc",
    "Công an xã Kim Chính",
    "Tập thể cán bộ, chiến sĩ và nhân dân các xã Kim Chính, Kim Định, Kim Tân, Kim Mỹ, Kim Hải, Kim Trung thuộc huyện Kim Sơn, tỉnh Ninh Bình",
    "Nguyễn Thị Ꞗích",
    "Trần 中 Văn",
    "Phạm Văn Long",
];
const FORMS: [&str; 3] = ["bang_khen", "giay_khen", "title"];

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// A conference drawn from `seed`: one or two issuers, a decision each, a few recipients.
async fn generated(app: &TestApp, seed: u64) -> i64 {
    let mut rng = StdRng::seed_from_u64(seed);
    let id = app.create("/api/v1/conferences", conference_body()).await["id"]
        .as_i64()
        .unwrap();
    for i in 0..rng.random_range(1..=2) {
        let heading = pick(&mut rng, &HEADINGS);
        let issuer = app
            .create(
                &format!("/api/v1/conferences/{id}/issuers"),
                json!({"name": format!("UBND huyện Yên Mô {i}"), "level": "district",
                       "certificate_heading": heading}),
            )
            .await;
        let form = pick(&mut rng, &FORMS);
        let signer = if rng.random_bool(0.2) {
            ""
        } else {
            "Phạm Văn Thắng"
        };
        let title = (form == "title").then_some("Đơn vị quyết thắng");
        let decision = app
            .create(
                &format!("/api/v1/conferences/{id}/decisions"),
                json!({"issuer_id": issuer["id"], "number": format!("{i}/QĐ-UBND"),
                       "decided_on": "2025-01-05", "form": form, "title_name": title,
                       "signer_title": "CHỦ TỊCH", "signer_name": signer}),
            )
            .await;
        for _ in 0..rng.random_range(1..=3) {
            let name = pick(&mut rng, &NAMES);
            let reason = rng
                .random_bool(0.2)
                .then(|| "Đã có thành tích xuất sắc trong phong trào. ".repeat(12));
            let body: Value = json!({"decision_id": decision["id"], "kind": "collective",
                                     "name": name, "reason": reason});
            app.create(&format!("/api/v1/conferences/{id}/recipients"), body)
                .await;
        }
    }
    id
}

#[tokio::test]
async fn where_the_check_says_ready_the_certificates_print_and_where_they_fail_it_said_why() {
    let app = spawn_app().await;
    let seeds = 60;
    let (mut printed, mut refused) = (0, 0);
    for seed in 0..seeds {
        let id = generated(&app, seed).await;
        let checked = ready(&app, id, PUBLIC_URL).await;
        let (status, _, body) = app
            .download(&format!("/api/v1/conferences/{id}/certificates.pdf"))
            .await;
        if checked.ready() {
            assert_eq!(
                status,
                200,
                "seed {seed}: ready, but printing failed: {}",
                String::from_utf8_lossy(&body)
            );
            assert!(body.starts_with(b"%PDF-"));
            printed += 1;
        } else {
            assert_ne!(
                status, 200,
                "seed {seed}: the check found {:?}, yet it printed",
                checked.obstacles
            );
            assert!(!checked.obstacles.is_empty());
            refused += 1;
        }
    }
    eprintln!("{seeds} generated conferences: {printed} printed, {refused} refused");
    // The generator reaches both sides.
    assert!(
        printed > 0 && refused > 0,
        "{printed} printed, {refused} refused"
    );
}

/// The dashboard and the print centre ask the same check: a name the font cannot draw, and
/// a reason too long for its box, are named on both, in Vietnamese, with the link to the
/// recipient — and the dashboard no longer says everything is ready.
#[tokio::test]
async fn the_dashboard_and_the_print_centre_name_what_would_stop_the_certificates() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = crate::helpers::Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let before = web.get(&format!("/app/c/{id}")).await.text();
    assert!(before.contains("Đã đủ thông tin để in."), "{before}");

    let decision = app
        .get(&format!("/api/v1/conferences/{id}/decisions"))
        .await
        .body["items"][3]["id"]
        .clone();
    let added = app
        .create(
            &format!("/api/v1/conferences/{id}/recipients"),
            json!({"decision_id": decision, "kind": "collective", "name": "Tổ 中 Đông",
                   "reason": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc. ".repeat(20)}),
        )
        .await;
    let rid = added["id"].as_i64().unwrap();
    let link = format!("/app/c/{id}/awards/{decision}/recipients/{rid}");
    let dashboard = web.get(&format!("/app/c/{id}")).await;
    let text = dashboard.text();
    assert!(!text.contains("Đã đủ thông tin để in."), "{text}");
    assert!(
        text.contains("Phông chữ của bằng không có ký tự “中” (U+4E2D) trong “Danh xưng và tên người nhận” của Tổ 中 Đông"),
        "{text}"
    );
    assert!(
        text.contains("“Thành tích” của Tổ 中 Đông cần nhiều dòng hơn"),
        "{text}"
    );
    assert!(dashboard.html.contains(&format!("href=\"{link}\"")));

    let centre = web
        .get(&format!("/app/c/{id}/print?decision={decision}&mode=full"))
        .await;
    let text = centre.text();
    assert!(text.contains("Chưa in được"), "{text}");
    assert!(text.contains("không có ký tự “中” (U+4E2D)"), "{text}");
    assert!(centre.html.contains(&format!("href=\"{link}\"")));
    assert!(
        !centre.html.contains("print/certificates.pdf?"),
        "no print link"
    );

    // Corrected, the recipient prints: the answer kept for the dashboard is not reused.
    let fixed = app
        .patch(
            &format!("/api/v1/conferences/{id}/recipients/{rid}"),
            json!({"name": "Tổ dân phố Đông", "reason": null}),
        )
        .await;
    assert_eq!(fixed.status, 200, "{:?}", fixed.body);
    let after = web.get(&format!("/app/c/{id}")).await.text();
    assert!(after.contains("Đã đủ thông tin để in."), "{after}");
}

/// An invitation ends with its signer's full name (Decree 30): without it the print centre
/// names the problem with the link to the settings instead of offering the PDF, and the
/// API refuses the invitations (not the envelope labels) naming the field.
#[tokio::test]
async fn invitations_wait_for_their_signers_name() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = crate::helpers::Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let centre = web.get(&format!("/app/c/{id}/print")).await;
    assert!(
        centre.html.contains("/invitations.pdf"),
        "the demo's invitations are signed"
    );

    let res = app
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({"invitation": {"signer_name": null}}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let centre = web.get(&format!("/app/c/{id}/print")).await;
    assert!(
        centre
            .text()
            .contains("Giấy mời chưa có họ tên người ký: nhập họ tên người ký trong Thông tin hội nghị trước khi in."),
        "{}",
        centre.text()
    );
    assert!(!centre.html.contains("/invitations.pdf"));
    assert!(
        centre
            .html
            .contains(&format!("href=\"/app/c/{id}/settings\""))
    );
    assert!(
        centre.html.contains("/invitation-labels.pdf"),
        "labels need no signature"
    );

    let refused = app
        .get(&format!("/api/v1/conferences/{id}/invitations.pdf"))
        .await;
    assert_eq!(refused.problem(422), ["invitation.signer_name"]);
    assert_eq!(refused.body["errors"][0]["code"], "invitation-signer");
    let (status, _, _) = app
        .download(&format!("/api/v1/conferences/{id}/invitation-labels.pdf"))
        .await;
    assert_eq!(status, 200);
}

/// An API client asking `Accept-Language: vi` reads the problem in Vietnamese; the `code`
/// and `args` stay for programs; without the header the words stay English.
#[tokio::test]
async fn problems_are_worded_in_the_language_asked_for() {
    let app = spawn_app().await;
    let mut body = conference_body();
    body["year_reviewed"] = json!(2027);
    body["held_on"] = json!("2026-01-10");
    let english = app.post("/api/v1/conferences", body.clone()).await;
    assert_eq!(english.problem(422), ["held_on"]);
    assert_eq!(
        english.body["errors"][0]["message"],
        "a conference reviewing 2027 cannot be held in 2026"
    );
    let res = app
        .send(
            axum::http::Method::POST,
            "/api/v1/conferences",
            Some(body),
            &[("accept-language", "vi-VN,vi;q=0.9,en;q=0.5")],
        )
        .await;
    assert_eq!(res.problem(422), ["held_on"]);
    assert_eq!(res.headers["content-language"], "vi");
    assert_eq!(res.body["title"], "Yêu cầu có trường không hợp lệ");
    assert_eq!(
        res.body["detail"],
        "held_on: hội nghị tổng kết năm 2027 không thể tổ chức trong năm 2026"
    );
    let e = &res.body["errors"][0];
    assert_eq!(e["code"], "held-before-reviewed");
    assert_eq!(e["args"], json!({"reviewed": "2027", "held": "2026"}));
}

/// Problems that are no one field's — an issuer still used by decisions, a record that does
/// not exist, a role that does not allow it — carry a code and their values too, worded in
/// the client's language; the workspace words them the same way.
#[tokio::test]
async fn problems_beyond_fields_are_typed_too() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let issuers = app.get(&format!("/api/v1/conferences/{id}/issuers")).await;
    let issuer = issuers.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "UBND huyện Kim Sơn")
        .unwrap()
        .clone();
    let uri = format!("/api/v1/conferences/{id}/issuers/{}", issuer["id"]);
    let vi = [("accept-language", "vi")];
    let res = app.send(axum::http::Method::DELETE, &uri, None, &vi).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert_eq!(res.body["code"], "issuer-in-use");
    assert_eq!(res.body["args"]["name"], "UBND huyện Kim Sơn");
    let detail = res.body["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("cơ quan “UBND huyện Kim Sơn” đang là nơi ban hành"),
        "{detail}"
    );
    let res = app
        .send(
            axum::http::Method::GET,
            "/api/v1/conferences/999999",
            None,
            &vi,
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(res.body["code"], "not-found");
    assert_eq!(res.body["args"]["what"], "conference");
    assert_eq!(
        res.body["detail"],
        "Không tìm thấy hội nghị này (mã 999999): có thể đã bị xóa, hoặc đường dẫn không đúng."
    );
    let viewer = app.viewer(id, "viewer@kimson.gov.vn").await;
    let res = app
        .as_token(&viewer)
        .send(axum::http::Method::DELETE, &uri, None, &vi)
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(res.body["code"], "role-needed");
    assert_eq!(res.body["args"]["role"], "editor");
    assert!(
        res.body["detail"]
            .as_str()
            .unwrap()
            .contains("cần vai trò Biên tập"),
        "{}",
        res.body
    );
    // The workspace: deleting the issuer shows the same words beside the form.
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page = web
        .post(
            &format!("/app/c/{id}/awards/issuers/{}/delete", issuer["id"]),
            &[],
        )
        .await;
    let text = page.text();
    assert!(
        text.contains("cơ quan “UBND huyện Kim Sơn” đang là nơi ban hành"),
        "{} {text}",
        page.status
    );
    assert!(!text.contains("is used by"), "{text}");
}

/// A layout of another kind would print "TẶNG DANH HIỆU / BẰNG KHEN": refused, naming the
/// decision's form and the layout's kind, by the printer and by the check alike.
#[tokio::test]
async fn a_layout_of_another_kind_is_refused() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let res = app
        .get(&format!(
            "/api/v1/conferences/{id}/certificates.pdf?layout=danh_hieu"
        ))
        .await;
    assert_eq!(res.problem(422), ["layout"]);
    let e = &res.body["errors"][0];
    assert_eq!(e["code"], "layout-other-kind");
    assert_eq!(e["args"]["own"], "bang_khen");
    assert_eq!(e["args"]["asked"], "danh_hieu");
    let layouts = Arc::new(Layouts::builtin().unwrap());
    let work = Work::default();
    let checked = readiness::certificates(
        &app.db,
        Printer {
            layouts: &layouts,
            public_url: PUBLIC_URL,
            work: &work,
            memo: None,
        },
        id as i32,
        &Selection::default(),
        RenderMode::Full,
        Some(hoinghi::print::CertificateKind::Title),
    )
    .await
    .unwrap();
    assert!(
        checked.obstacles.iter().any(|o| o.code == "other-kind"),
        "{:?}",
        checked.obstacles
    );
}
