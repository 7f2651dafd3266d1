//! Invitations (giấy mời) and check-in by their code: the PDF read back with pdftotext, its
//! QR code decoded from the rendered page with a real decoder (zbarimg) and followed.

use std::process::Command;

use serde_json::{Value, json};

use crate::helpers::{TestApp, Web, pdf, pdf_text, require_tool, spawn_app, user};

/// The delegates of a conference in rank order, as the API lists them.
async fn delegates(app: &TestApp, id: i64) -> Vec<Value> {
    let list = app
        .get(&format!("/api/v1/conferences/{id}/attendees?limit=200"))
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    list.body["items"].as_array().unwrap().clone()
}

/// Render page 1 at 150 dpi and decode its QR code; None (after saying SKIPPED) without
/// poppler or zbar, unless HOINGHI_REQUIRE_ALL=1.
pub(crate) fn decode_qr(pdf: &[u8]) -> Option<String> {
    let pdftoppm = require_tool("pdftoppm", "decoding the invitation's QR code")?;
    let zbarimg = require_tool("zbarimg", "decoding the invitation's QR code")?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invitations.pdf");
    std::fs::write(&file, pdf).unwrap();
    let root = dir.path().join("page");
    let out = Command::new(pdftoppm)
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {out:?}");
    let out = Command::new(zbarimg)
        .args(["--raw", "-q"])
        .arg(root.with_extension("png"))
        .output()
        .unwrap();
    assert!(out.status.success(), "zbarimg found no code: {out:?}");
    Some(String::from_utf8(out.stdout).unwrap().trim().to_string())
}

/// The inflated streams of a PDF this engine wrote (every stream is deflated).
fn content_streams(pdf: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(start) = rest.windows(7).position(|w| w == b"stream\n") {
        let body = &rest[start + 7..];
        let Some(end) = body.windows(10).position(|w| w == b"\nendstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end])
            .read_to_end(&mut text)
            .is_ok()
        {
            out.push(String::from_utf8_lossy(&text).into_owned());
        }
        rest = &body[end + 10..];
    }
    out
}

async fn check_in(app: &TestApp, id: i64, code: &str) -> crate::helpers::TestResponse {
    app.post(
        &format!("/api/v1/conferences/{id}/checkin/code"),
        json!({ "code": code }),
    )
    .await
}

/// A second conference with one delegate: its id and the delegate's code.
async fn another_conference(app: &TestApp) -> (i64, String) {
    let other = app.conference().await;
    let a = app
        .create(
            &format!("/api/v1/conferences/{other}/attendees"),
            json!({ "full_name": "Trần Thị Mai", "honorific": "ba" }),
        )
        .await;
    (other, a["checkin_code"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn the_invitation_has_every_field_and_its_qr_code_checks_the_delegate_in_once() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let set = app
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({ "invitation": {
                "number": "15/GM-UBND",
                "bring": "Đại biểu mang theo giấy mời này và báo cáo tham luận (nếu có).",
                "signer_name": "Nguyễn Văn Bình",
                "signer_rank": "Đại tá",
                "recipients": "Như trên;\nLưu: VT, VP."
            }}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.body["invitation"]["number"], "15/GM-UBND");
    let people = delegates(&app, id).await;
    let first = &people[0];
    let code = first["checkin_code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 16);

    let bytes = pdf(&app, &format!("/api/v1/conferences/{id}/invitations.pdf")).await;
    // The QR code is vector modules: no image XObject in the file at all, and the first
    // page's content fills dozens of boxes (runs of dark modules).
    assert!(
        !bytes.windows(15).any(|w| w == b"/Subtype /Image"),
        "the invitation carries an image"
    );
    assert!(bytes.windows(14).any(|w| w == b"/XObject << >>"));
    let filled = content_streams(&bytes)
        .iter()
        .map(|s| s.matches(" re f\n").count())
        .max()
        .unwrap_or(0);
    assert!(filled >= 30, "{filled} filled boxes on the busiest page");
    if let Some(text) = pdf_text(&bytes, "invitations") {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        // Everyone but the staff, in rank order: the first page is the first delegate's.
        let invited = people.iter().filter(|p| p["category"] != "staff").count();
        assert_eq!(pages.len(), invited);
        let page = pages[0];
        assert!(!page.contains("V/v"), "no V/v under a named type: {page}");
        for want in [
            "GIẤY MỜI",
            "Số: 15/GM-UBND",
            "Dự Hội nghị tổng kết",
            "UBND huyện Kim Sơn trân trọng kính mời:",
            first["full_name"].as_str().unwrap(),
            first["position"].as_str().unwrap(),
            first["organisation"].as_str().unwrap(),
            "Thời gian: 7 giờ 30, thứ Năm, ngày 14 tháng 3 năm 2019.",
            "Địa điểm: Hội trường UBND huyện Kim Sơn",
            "báo cáo tham luận (nếu có)",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Đại tá",
            "Nguyễn Văn Bình",
            "Nơi nhận:",
            "- Lưu: VT, VP.",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            &hoinghi::domain::code::grouped(&code),
        ] {
            assert!(page.contains(want), "'{want}' is not on page 1:\n{page}");
        }
        // The reader is addressed as the invitation names him.
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Rất mong Ông đến dự đúng giờ./.")
                || flat.contains("Rất mong Bà đến dự đúng giờ./.")
                || flat.contains("Rất mong Đồng chí đến dự đúng giờ./."),
            "{flat}"
        );
    }

    let Some(scanned) = decode_qr(&bytes) else {
        return;
    };
    assert_eq!(scanned, code, "the QR code holds the delegate's code");
    let before = first["version"].as_i64().unwrap();
    let now = check_in(&app, id, &scanned).await;
    assert_eq!(now.status, 200, "{}", now.body);
    assert_eq!(now.body["outcome"], "checked_in");
    assert_eq!(now.body["attendee"]["full_name"], first["full_name"]);
    assert!(now.body["checked_in_at"].is_string());
    let again = check_in(&app, id, &scanned.to_lowercase()).await;
    again.problem(409);
    assert_eq!(again.body["type"], "urn:hoinghi:problem:checkin-already");
    assert_eq!(again.body["outcome"], "already_checked_in");
    assert_eq!(again.body["attendee"]["full_name"], first["full_name"]);
    assert_eq!(again.body["checked_in_at"], now.body["checked_in_at"]);
    assert!(
        again.body["detail"]
            .as_str()
            .unwrap()
            .contains("checked in already")
    );
    // Exactly once: one change of the delegate, one audit event of it.
    let aid = first["id"].as_i64().unwrap();
    let row = app
        .get(&format!("/api/v1/conferences/{id}/attendees/{aid}"))
        .await;
    assert_eq!(row.body["attendance"], "checked_in");
    assert_eq!(row.body["version"].as_i64().unwrap(), before + 1);

    // Undo is the ordinary check-in undo; the code then works again.
    let undo = app
        .patch(
            &format!("/api/v1/conferences/{id}/attendees/{aid}"),
            json!({ "attendance": "confirmed", "checked_in_at": null }),
        )
        .await;
    assert_eq!(undo.status, 200, "{}", undo.body);
    assert_eq!(
        check_in(&app, id, &code).await.body["outcome"],
        "checked_in"
    );
}

#[tokio::test]
async fn a_code_of_another_conference_and_a_forged_code_get_their_own_answers() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (other, theirs) = another_conference(&app).await;
    let answer = check_in(&app, id, &theirs).await;
    answer.problem(422);
    assert_eq!(
        answer.body["type"],
        "urn:hoinghi:problem:checkin-other-conference"
    );
    assert_eq!(answer.body["outcome"], "other_conference");
    assert!(answer.body["attendee"].is_null(), "{}", answer.body);
    // Nobody of either conference was checked in.
    let theirs_now = delegates(&app, other).await;
    assert_eq!(theirs_now[0]["attendance"], "invited");
    assert!(
        delegates(&app, id)
            .await
            .iter()
            .all(|p| p["attendance"] != "checked_in")
    );

    // Well-formed but no one's, and not a code at all: the same answer.
    for forged in ["7K3M-Q9XA-0BC4-ZZ2P", "hello", &"A".repeat(5000)] {
        let answer = check_in(&app, id, forged).await;
        answer.problem(404);
        assert_eq!(
            answer.body["type"],
            "urn:hoinghi:problem:checkin-unknown-code"
        );
        assert_eq!(answer.body["outcome"], "unknown_code");
        assert!(
            answer.body["detail"]
                .as_str()
                .unwrap()
                .contains("No invitation has this code")
        );
    }
    // The four answers are told apart by their titles too.
    let titles: std::collections::HashSet<String> = [
        check_in(&app, id, &theirs).await,
        check_in(&app, id, "hello").await,
    ]
    .iter()
    .map(|r| r.body["title"].as_str().unwrap().to_string())
    .collect();
    assert_eq!(titles.len(), 2);
    // A body without the code is a validation problem naming it.
    let bad = app
        .post(
            &format!("/api/v1/conferences/{id}/checkin/code"),
            json!({ "kode": "x" }),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
}

#[tokio::test]
async fn a_lost_invitation_gets_a_new_code_and_the_old_one_stops_working() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let first = delegates(&app, id).await[0].clone();
    let aid = first["id"].as_i64().unwrap();
    let old = first["checkin_code"].as_str().unwrap().to_string();
    let new = app
        .post(
            &format!("/api/v1/conferences/{id}/attendees/{aid}/checkin-code"),
            json!({}),
        )
        .await;
    assert_eq!(new.status, 200, "{}", new.body);
    let code = new.body["checkin_code"].as_str().unwrap().to_string();
    assert_ne!(code, old);
    assert_eq!(
        new.body["version"].as_i64().unwrap(),
        first["version"].as_i64().unwrap() + 1
    );
    let audit = app.get(&format!("/api/v1/conferences/{id}/audit")).await;
    assert_eq!(audit.status, 200, "{}", audit.body);
    let log = audit.body.to_string();
    assert!(log.contains("regenerate-checkin-code"), "{log}");
    assert!(!log.contains(&code), "the new code is not logged");
    check_in(&app, id, &old).await.problem(404);
    assert_eq!(check_in(&app, id, &code).await.status, 200);
}

#[tokio::test]
async fn codes_are_not_public_and_viewers_cannot_check_in() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let code = delegates(&app, id).await[0]["checkin_code"]
        .as_str()
        .unwrap()
        .to_string();
    let publish = app
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({ "status": "published", "invitation": { "number": "15/GM-UBND" } }),
        )
        .await;
    assert_eq!(publish.status, 200, "{}", publish.body);
    let public = app.anonymous();
    // The invitation's paperwork is the organisers' too.
    let seen = public.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.get("invitation").is_none(), "{}", seen.body);
    let listed = public.get("/api/v1/conferences").await;
    assert!(!listed.body.to_string().contains("15/GM-UBND"));
    let own = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(own.body["invitation"]["number"], "15/GM-UBND");
    for uri in [
        format!("/api/v1/conferences/{id}/programme"),
        format!("/api/v1/conferences/{id}"),
        format!("/api/v1/conferences/{id}/attendees"),
    ] {
        let answer = public.get(&uri).await;
        assert!(
            !answer.body.to_string().contains(&code),
            "{uri} shows a check-in code to the public"
        );
    }
    let anonymous = public
        .post(
            &format!("/api/v1/conferences/{id}/checkin/code"),
            json!({ "code": code }),
        )
        .await;
    assert_eq!(anonymous.status, 401, "{}", anonymous.body);
    let (viewer, token) = user(&app.db, "xem@example.org").await;
    hoinghi::store::account::set_role(
        &app.db,
        id as i32,
        viewer,
        hoinghi::domain::access::Role::Viewer,
    )
    .await
    .unwrap();
    let as_viewer = app.as_token(&token);
    let listed = delegates(&as_viewer, id).await;
    assert_eq!(listed[0]["checkin_code"], code.as_str());
    let refused = as_viewer
        .post(
            &format!("/api/v1/conferences/{id}/checkin/code"),
            json!({ "code": code }),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}

#[tokio::test]
async fn invitations_select_by_category_or_ids_and_labels_come_in_rank_order() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let people = delegates(&app, id).await;
    let leaders: Vec<&Value> = people
        .iter()
        .filter(|p| p["category"] == "leader")
        .collect();
    let bytes = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/invitations.pdf?category=leader"),
    )
    .await;
    if let Some(text) = pdf_text(&bytes, "invitations of the leaders") {
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
        assert_eq!(pages, leaders.len());
    }
    let (a, b) = (people[2]["id"].clone(), people[5]["id"].clone());
    let bytes = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/invitations.pdf?attendee={b},{a}"),
    )
    .await;
    if let Some(text) = pdf_text(&bytes, "invitations of two") {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), 2);
        // Rank order, whatever the order asked.
        assert!(pages[0].contains(people[2]["full_name"].as_str().unwrap()));
        assert!(pages[1].contains(people[5]["full_name"].as_str().unwrap()));
    }
    let wrong = app
        .get(&format!(
            "/api/v1/conferences/{id}/invitations.pdf?category=vip"
        ))
        .await;
    assert_eq!(wrong.problem(422), ["category"]);
    let wrong = app
        .get(&format!(
            "/api/v1/conferences/{id}/invitations.pdf?attendee=1,x"
        ))
        .await;
    assert_eq!(wrong.problem(422), ["attendee"]);
    let wrong = app
        .get(&format!(
            "/api/v1/conferences/{id}/invitations.pdf?attendee=999999"
        ))
        .await;
    assert_eq!(wrong.problem(422), ["attendee"]);

    let labels = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/invitation-labels.pdf"),
    )
    .await;
    if let Some(text) = pdf_text(&labels, "envelope labels") {
        let names: Vec<String> = people
            .iter()
            .filter(|p| p["category"] != "staff")
            .map(|p| hoinghi::domain::text::upper(p["full_name"].as_str().unwrap()))
            .collect();
        crate::helpers::assert_in_order(&text, &names);
        assert!(text.contains("Kính gửi:"));
    }
    // Both prints are in the audit log.
    let audit = app.get(&format!("/api/v1/conferences/{id}/audit")).await;
    assert_eq!(audit.status, 200, "{}", audit.body);
    let log = audit.body.to_string();
    assert!(log.contains("invitation-labels") && log.contains("\"invitations\""));
}

#[tokio::test]
async fn the_check_in_page_takes_a_typed_code() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let people = delegates(&app, id).await;
    let first = &people[0];
    let code = first["checkin_code"].as_str().unwrap();
    hoinghi::store::account::set_role(
        &app.db,
        id as i32,
        user(&app.db, "ban-to-chuc@example.org").await.0,
        hoinghi::domain::access::Role::Editor,
    )
    .await
    .unwrap();
    let mut web = Web::sign_in(&app, "ban-to-chuc@example.org").await;
    let page = web.get(&format!("/app/c/{id}/checkin")).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("name=\"code\""), "a typed-code form");
    assert!(
        page.html.contains("/assets/web/scan.js"),
        "the scanner's script"
    );
    assert!(!page.html.contains("onclick"), "no inline handlers");

    let grouped = hoinghi::domain::code::grouped(code);
    let done = web
        .post(
            &format!("/app/c/{id}/checkin/code"),
            &[("code", grouped.to_lowercase().as_str())],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text());
    let name = first["full_name"].as_str().unwrap();
    assert!(done.text().contains(name), "{}", done.text());
    assert!(done.html.contains("code-ok"), "a green answer");
    // Undo is offered: the ordinary check-in undo of that delegate.
    let aid = first["id"].as_i64().unwrap();
    assert!(
        done.html
            .contains(&format!("action=\"/app/c/{id}/checkin/{aid}\"")),
        "{}",
        done.html
    );

    let again = web
        .post(&format!("/app/c/{id}/checkin/code"), &[("code", code)])
        .await;
    assert!(again.html.contains("code-bad"), "a red answer");
    assert!(again.text().contains(name));
    let forged = web
        .post(
            &format!("/app/c/{id}/checkin/code"),
            &[("code", "7K3M-Q9XA-0BC4-ZZ2P")],
        )
        .await;
    assert!(forged.html.contains("code-bad"));
    let (_, theirs) = another_conference(&app).await;
    let foreign = web
        .post(&format!("/app/c/{id}/checkin/code"), &[("code", &theirs)])
        .await;
    assert!(foreign.html.contains("code-bad"));
    // Three red answers, three different messages.
    let message = |p: &crate::helpers::Page| {
        let t = p.html.split("code-bad").nth(1).unwrap_or("").to_string();
        t.chars().take(400).collect::<String>()
    };
    assert_ne!(message(&again), message(&forged));
    assert_ne!(message(&forged), message(&foreign));
    assert_ne!(message(&again), message(&foreign));
    // The undo button puts the delegate back.
    let undo = web
        .post(
            &format!("/app/c/{id}/checkin/{aid}"),
            &[("do", "out"), ("q", "")],
        )
        .await;
    assert_eq!(undo.status, 303);
    let row = app
        .get(&format!("/api/v1/conferences/{id}/attendees/{aid}"))
        .await;
    assert_eq!(row.body["attendance"], "confirmed");
}

#[tokio::test]
async fn the_settings_page_edits_what_the_invitation_says() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let settings = format!("/app/c/{id}/settings");
    let form = web.get(&settings).await;
    assert!(
        form.html.contains("name=\"invitation.number\""),
        "{}",
        form.html
    );
    assert!(form.text().contains("Giấy mời: số"));
    let version = form
        .html
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let long = "9".repeat(150);
    let mut fields = vec![
        ("version", version.as_str()),
        (
            "title",
            "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018",
        ),
        ("movement", "Toàn dân bảo vệ an ninh Tổ quốc"),
        ("year_reviewed", "2018"),
        ("held_on", "2019-03-14"),
        ("host_body", "UBND huyện Kim Sơn"),
        ("venue", "Hội trường UBND huyện Kim Sơn"),
        ("place_name", "Kim Sơn"),
        ("time_zone", "Asia/Ho_Chi_Minh"),
        ("invitation.number", long.as_str()),
        (
            "invitation.bring",
            "Mang theo giấy mời.\r\nĐến trước 15 phút.",
        ),
        ("invitation.signer_name", "Nguyễn Văn Bình"),
    ];
    let refused = web.post(&settings, &fields).await;
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("150"), "{}", refused.text());
    fields[9].1 = "15/GM-UBND";
    let saved = web.post(&settings, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let stored = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(stored.body["invitation"]["number"], "15/GM-UBND");
    assert_eq!(
        stored.body["invitation"]["bring"],
        "Mang theo giấy mời.\nĐến trước 15 phút."
    );
    assert!(stored.body["invitation"]["subject"].is_null());
    if let Some(text) = pdf_text(
        &pdf(
            &app,
            &format!("/api/v1/conferences/{id}/invitations.pdf?attendee=1"),
        )
        .await,
        "invitation after the settings",
    ) {
        assert!(text.contains("Số: 15/GM-UBND") && text.contains("Đến trước 15 phút."));
    }
}

#[test]
fn the_command_line_prints_invitations_and_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hoinghi"))
            .arg("--database-url")
            .arg(format!(
                "sqlite://{}",
                dir.path().join("cli.sqlite").display()
            ))
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let file = dir.path().join("giay-moi.pdf");
    let out = run(&[
        "print",
        "invitations",
        "--conference",
        "1",
        "--category",
        "leader",
        "-o",
        file.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" invitations, "), "{stdout}");
    let bytes = std::fs::read(&file).unwrap();
    if let Some(text) = pdf_text(&bytes, "invitations from the command line") {
        assert!(text.contains("GIẤY MỜI"));
    }
    let labels = dir.path().join("nhan.pdf");
    let out = run(&[
        "print",
        "invitations",
        "--conference",
        "1",
        "--labels",
        "-o",
        labels.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "print",
        "invitations",
        "--conference",
        "1",
        "--category",
        "vip",
        "-o",
        labels.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("category: 'vip' is not one of"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The invitation's paragraphs as Decree 30 sets them: the first line a tab in, the others
/// at the margin, and no paragraph ending on a lone word ("… năm / 2018.").
#[tokio::test]
async fn paragraphs_start_a_tab_in_and_end_on_two_words() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let bytes = pdf(&app, &format!("/api/v1/conferences/{id}/invitations.pdf")).await;
    let Some(boxes) = crate::helpers::run_tool(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "1", crate::helpers::FILE, "-"],
        &bytes,
        "invitation word boxes",
    ) else {
        return;
    };
    // Each word with its left edge and baseline, in reading order.
    let words: Vec<(f32, f32, String)> = boxes
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word xMin=\"")?;
            let (x, rest) = l.split_once('"')?;
            let y = rest.split("yMax=\"").nth(1)?.split('"').next()?;
            let word = rest.split('>').nth(1)?.split('<').next()?;
            Some((x.parse().ok()?, y.parse().ok()?, word.to_string()))
        })
        .collect();
    let at = words
        .iter()
        .position(|(_, _, w)| w == "Tới")
        .expect("the paragraph 'Tới dự …'");
    let (first_x, first_y, _) = words[at].clone();
    // The paragraph's second line: the words on the next baseline.
    let next_y = words[at..]
        .iter()
        .map(|(_, y, _)| *y)
        .find(|y| *y > first_y + 1.0)
        .unwrap();
    let second: Vec<&(f32, f32, String)> = words
        .iter()
        .filter(|(_, y, _)| (*y - next_y).abs() < 0.5)
        .collect();
    let second_x = second.iter().map(|(x, _, _)| *x).fold(f32::MAX, f32::min);
    let mm = (first_x - second_x) / 72.0 * 25.4;
    assert!((9.0..11.0).contains(&mm), "first line set in {mm} mm");
    assert!(
        second.len() >= 2,
        "the paragraph ends on a lone word: {second:?}"
    );
}
