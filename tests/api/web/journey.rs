//! An organiser's whole journey through the web workspace in a real headless Chromium:
//! every page is photographed wide and phone-sized and checked by axe-core on the way.

use std::time::Duration;

use super::browser::{Browser, PHONE, WIDE};
use crate::helpers::spawn_app;

/// Look at the current page as a person would: wide and on a phone, and through axe.
pub(super) async fn look(browser: &Browser, name: &str) {
    browser.assert_accessible(name).await;
    browser.screenshot(&format!("{name}-wide")).await;
    browser.set_window(PHONE.0, PHONE.1).await;
    browser.screenshot(&format!("{name}-phone")).await;
    browser.set_window(WIDE.0, WIDE.1).await;
}

/// Set the value of each input, select or textarea (dates and selects included, as the
/// form will post them).
async fn set(browser: &Browser, values: &[(&str, &str)]) {
    for (css, value) in values {
        browser
            .execute(
                "const e = document.querySelector(arguments[0]); if (!e) { throw new Error('no ' + arguments[0]); } e.value = arguments[1];",
                vec![(*css).into(), (*value).into()],
            )
            .await;
    }
}

/// The `href` of the first link matching `css`.
async fn href(browser: &Browser, css: &str) -> String {
    browser.find(css).await.attr("href").await.unwrap().unwrap()
}

/// An XLSX list of delegates as an office sends it: a title row, the header, rows; with
/// `bad_row`, the order column of the second delegate holds a word.
fn delegates_xlsx(bad_row: bool) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 4] = [
        ["Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Thứ tự"],
        [
            "Phạm Văn Hùng",
            "Chủ tịch UBND xã",
            "UBND xã Kim Chính",
            "Đại biểu",
            "1",
        ],
        [
            "Trịnh Thị Mến",
            "Trưởng Công an xã",
            "Công an xã Kim Chính",
            "Đại biểu",
            if bad_row { "hai" } else { "2" },
        ],
        [
            "Đặng Văn Ngọc",
            "Bí thư Đảng ủy",
            "Đảng ủy xã Kim Chính",
            "Lãnh đạo",
            "3",
        ],
    ];
    sheet.write_string(0, 0, "DANH SÁCH ĐẠI BIỂU").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// Sign in as the demo organiser and wait for the first page.
pub(super) async fn sign_in(browser: &Browser) {
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    browser.fill("#email", "organiser@kimson.gov.vn").await;
    browser.fill("#password", "mật khẩu đủ dài").await;
    submit(browser, "main button[type=submit]").await;
}

/// Submit the form that holds `button` and wait for the next page.
pub(super) async fn submit(browser: &Browser, button: &str) {
    browser.submit(button).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_plans_publishes_and_reads_a_conference_in_the_browser() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    // Sign in.
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    look(&browser, "login").await;
    browser.fill("#email", "organiser@kimson.gov.vn").await;
    browser.fill("#password", "mật khẩu đủ dài").await;
    submit(&browser, "main button[type=submit]").await;
    assert_eq!(browser.text("main h1").await, "Hội nghị");
    look(&browser, "conferences").await;

    // Create a conference; a blank title is refused beside the field, nothing is lost.
    browser.click("a.button.primary").await;
    browser.wait_for("#f-title").await;
    look(&browser, "conference-new").await;
    for (field, value) in [
        ("#f-movement", "Toàn dân bảo vệ an ninh Tổ quốc"),
        ("#f-year_reviewed", "2024"),
        ("#f-host_body", "UBND huyện Kim Sơn"),
        ("#f-venue", "Hội trường UBND huyện"),
        ("#f-place_name", "Kim Sơn"),
    ] {
        browser.fill(field, value).await;
    }
    // The date input takes the browser's own format; set its value as the form posts it.
    browser
        .execute(
            "document.querySelector('#f-held_on').value = '2025-01-10';",
            vec![],
        )
        .await;
    browser
        .execute(
            "document.querySelector('#f-title').removeAttribute('required');",
            vec![],
        )
        .await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    assert_eq!(browser.text("#f-title-error").await, "không được để trống");
    assert!(
        browser
            .page_source()
            .await
            .contains("value=\"Hội trường UBND huyện\"")
    );
    look(&browser, "conference-new-problem").await;
    browser
        .fill("#f-title", "Hội nghị tổng kết phong trào năm 2024")
        .await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    assert_eq!(
        browser.text("main h1").await,
        "Hội nghị tổng kết phong trào năm 2024"
    );
    assert!(browser.text("main").await.contains("Đã tạo."));
    look(&browser, "dashboard").await;

    let dashboard = browser.execute("return location.pathname;", vec![]).await;
    let base = dashboard.as_str().unwrap().to_string();

    // An agenda of 8 items, each starting where the one before ends, and a speech.
    let titles = [
        ("Đón tiếp đại biểu", "welcome", "30"),
        ("Văn nghệ chào mừng", "performance", "15"),
        ("Tuyên bố lý do, giới thiệu đại biểu", "opening", "10"),
        ("Báo cáo tổng kết phong trào năm 2024", "report", "30"),
        ("Tham luận của Công an xã", "contribution", "15"),
        (
            "Công bố quyết định khen thưởng, trao thưởng",
            "award_ceremony",
            "30",
        ),
        ("Phát biểu chỉ đạo", "directive_speech", "20"),
        ("Bế mạc", "closing", "5"),
    ];
    for (title, kind, minutes) in titles {
        browser.goto(&format!("{base}/agenda")).await;
        browser.wait_for("#f-title").await;
        browser.fill("#f-title", title).await;
        set(
            &browser,
            &[("#f-kind", kind), ("#f-duration_minutes", minutes)],
        )
        .await;
        submit(&browser, "form.grid-form button[type=submit]").await;
    }
    let agenda = browser.text("main").await;
    assert!(
        agenda.contains("07h30–08h00") && agenda.contains("10h00–10h05"),
        "{agenda}"
    );
    let mut at = 0;
    for (title, _, _) in titles {
        at += agenda[at..]
            .find(title)
            .unwrap_or_else(|| panic!("{title} in order: {agenda}"));
    }
    look(&browser, "agenda").await;
    let report = href(
        &browser,
        "main table a[href$='/agenda/4'], main table tbody tr:nth-child(4) a",
    )
    .await;
    browser.goto(&format!("{report}/speeches/new")).await;
    browser.wait_for("#f-title").await;
    browser
        .fill(
            "#f-title",
            "Báo cáo tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2024",
        )
        .await;
    set(&browser, &[("#f-kind", "review_report")]).await;
    browser
        .fill("#f-speaker_name", "Trưởng Công an huyện")
        .await;
    look(&browser, "speech").await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    browser.goto(&format!("{base}/agenda")).await;
    browser.wait_for("main h1").await;
    assert!(browser.text("main").await.contains("Trưởng Công an huyện"));

    // Import the delegates: the bad row is shown at its row and nothing is imported; the
    // corrected file goes in whole.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("dai-bieu.xlsx");
    std::fs::write(&bad, delegates_xlsx(true)).unwrap();
    browser.goto(&format!("{base}/import")).await;
    browser.wait_for("#file").await;
    look(&browser, "import").await;
    browser
        .find("#file")
        .await
        .send_keys(bad.to_str().unwrap())
        .await
        .unwrap();
    submit(&browser, "main button[value=check]").await;
    let preview = browser.text("main").await;
    assert!(
        preview.contains("Thứ tự") && preview.contains("Trịnh Thị Mến"),
        "{preview}"
    );
    assert!(
        browser
            .find("tr.has-problem")
            .await
            .text()
            .await
            .unwrap()
            .contains("4"),
        "the problem's row"
    );
    look(&browser, "import-problem").await;
    let good = dir.path().join("dai-bieu-sua.xlsx");
    std::fs::write(&good, delegates_xlsx(false)).unwrap();
    browser
        .find("#file")
        .await
        .send_keys(good.to_str().unwrap())
        .await
        .unwrap();
    submit(&browser, "main button[value=check]").await;
    look(&browser, "import-ready").await;
    submit(&browser, "main button[value=import]").await;
    browser.goto(&format!("{base}/delegates")).await;
    browser.wait_for("main h1").await;
    let delegates = browser.text("main").await;
    for name in ["Phạm Văn Hùng", "Trịnh Thị Mến", "Đặng Văn Ngọc"] {
        assert!(delegates.contains(name), "{name}: {delegates}");
    }
    look(&browser, "delegates").await;

    // Two decisions of one issuer, each with a recipient.
    browser.goto(&format!("{base}/awards/issuers/new")).await;
    browser.wait_for("#f-name").await;
    browser.fill("#f-name", "UBND huyện Kim Sơn").await;
    set(
        &browser,
        &[
            ("#f-level", "district"),
            ("#f-place_name", "Kim Sơn"),
            (
                "#f-certificate_heading",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
            ),
            ("#f-signer_title", "CHỦ TỊCH"),
        ],
    )
    .await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    for (number, name, unit) in [
        ("120/QĐ-UBND", "Công an xã Kim Chính", ""),
        ("121/QĐ-UBND", "Trịnh Thị Mến", "Công an xã Kim Chính"),
    ] {
        browser.goto(&format!("{base}/awards/new")).await;
        browser.wait_for("#f-number").await;
        browser.fill("#f-number", number).await;
        set(&browser, &[
            ("#f-decided_on", "2025-01-05"),
            ("#f-form", "giay_khen"),
            ("#f-signer_title", "CHỦ TỊCH"),
            ("#f-signer_name", "Nguyễn Văn Bình"),
            ("#f-reason", "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2024"),
        ]).await;
        submit(&browser, "form.grid-form button[type=submit]").await;
        let decision = href(
            &browser,
            &format!("main a[href*='/awards/']:not([href*='issuers'])"),
        )
        .await;
        let _ = decision;
        let new_recipient = href(&browser, "main a[href$='/recipients/new']").await;
        browser.goto(&new_recipient).await;
        browser.wait_for("#f-name").await;
        browser.fill("#f-name", name).await;
        let kind = if unit.is_empty() {
            "collective"
        } else {
            "individual"
        };
        set(&browser, &[("#f-kind", kind), ("#f-unit", unit)]).await;
        look(&browser, "recipient").await;
        submit(&browser, "form.grid-form button[type=submit]").await;
    }
    browser.goto(&format!("{base}/awards")).await;
    browser.wait_for("main h1").await;
    let awards = browser.text("main").await;
    assert!(
        awards.contains("120/QĐ-UBND") && awards.contains("1 người/đơn vị"),
        "{awards}"
    );
    look(&browser, "awards").await;
    // Recipients are found by a search without diacritics, not listed on this page.
    browser.fill("#r-q", "trinh thi men").await;
    submit(&browser, "form.recipients-search button[type=submit]").await;
    browser.wait_for("table.recipients").await;
    let found = browser.text("main").await;
    assert!(found.contains("Trịnh Thị Mến"), "{found}");
    look(&browser, "awards-found").await;

    // The print centre: the certificates of both decisions and the programme, downloaded.
    browser.goto(&format!("{base}/print")).await;
    browser.wait_for("main h1").await;
    look(&browser, "print").await;
    submit(&browser, "form.certificates button[type=submit]").await;
    look(&browser, "print-checked").await;
    browser.click("main a.certificates-download").await;
    let certificates = browser.downloaded(".pdf", Duration::from_secs(60)).await;
    browser
        .click("main a[href$='/programme.pdf'][download]")
        .await;
    let programme = browser.downloaded(".pdf", Duration::from_secs(60)).await;
    if let Some(text) =
        crate::helpers::pdf_text(&certificates, "the certificates from the print centre")
    {
        assert!(
            text.contains("Công an xã Kim Chính") && text.contains("Trịnh Thị Mến"),
            "{text}"
        );
    }
    if let Some(text) = crate::helpers::pdf_text(&programme, "the programme from the print centre")
    {
        assert!(text.contains("Tham luận của Công an xã"), "{text}");
    }

    // Check two delegates in on a phone.
    browser.set_window(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{base}/checkin?q=trinh")).await;
    browser.wait_for("button.tap").await;
    // The tabs scroll sideways on a phone; the current one (the 9th of 11) is in sight.
    let in_sight = browser
        .execute(
            "const a = document.querySelector('nav.workspace [aria-current=page]');\
             const t = a.getBoundingClientRect(), s = a.closest('ul').getBoundingClientRect();\
             return [t.left >= s.left - 1 && t.right <= s.right + 1, a.closest('ul').scrollLeft > 0];",
            vec![],
        )
        .await;
    assert_eq!(
        in_sight,
        serde_json::json!([true, true]),
        "the current tab is in sight"
    );
    browser.click("button.tap").await;
    browser.wait_for("button.undo").await;
    browser.goto(&format!("{base}/checkin?q=dang van")).await;
    browser.wait_for("button.tap").await;
    browser.click("button.tap").await;
    browser.wait_for("button.undo").await;
    browser.assert_accessible("checkin").await;
    browser.screenshot("checkin-phone").await;
    browser.set_window(WIDE.0, WIDE.1).await;
    browser.goto(&base).await;
    browser.wait_for("main h1").await;
    let overview = browser
        .text("main")
        .await
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(overview.contains("2 Đã điểm danh"), "{overview}");
    browser.screenshot("dashboard-filled-wide").await;
    for page in ["members", "audit", "settings"] {
        browser.goto(&format!("{base}/{page}")).await;
        browser.wait_for("main h1").await;
        look(&browser, page).await;
    }
    browser.goto("/app/account").await;
    browser.wait_for("main h1").await;
    look(&browser, "account").await;

    // Publish from the settings, then read the public page signed out.
    browser.goto(&format!("{base}/settings")).await;
    browser.wait_for("#f-title").await;
    submit(&browser, "form[action$='/publish'] button").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Hội nghị đã được công bố.")
    );
    let public = browser
        .find("a[href^='/p/']")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    submit(&browser, "form[action='/logout'] button").await;
    browser.goto(&public).await;
    browser.wait_for("main h1").await;
    assert_eq!(
        browser.text("main h1").await,
        "Hội nghị tổng kết phong trào năm 2024"
    );
    assert!(browser.text("main").await.contains("10/01/2025"));
    look(&browser, "public").await;

    // The same page in English, remembered.
    submit(&browser, "form.lang button[value=en]").await;
    let text = browser.text("main").await;
    assert!(
        text.contains("Programme") && text.contains("10 Jan 2025"),
        "{text}"
    );
    look(&browser, "public-en").await;
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    assert_eq!(browser.text("main h1").await, "Sign in");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_sees_no_edit_controls_and_a_forged_post_changes_nothing() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    browser.fill("#email", "viewer@kimson.gov.vn").await;
    browser.fill("#password", "mật khẩu đủ dài").await;
    submit(&browser, "main button[type=submit]").await;
    for page in [
        "",
        "/agenda",
        "/delegates",
        "/awards",
        "/checkin",
        "/print",
        "/members",
    ] {
        browser.goto(&format!("/app/c/{id}{page}")).await;
        browser.wait_for("main h1").await;
        // The only forms that post are the account's (sign out) and the language switch.
        let posting = browser
            .execute(
                "return [...document.querySelectorAll('form[method=post]')].filter(f => !f.closest('header')).map(f => f.action);",
                vec![],
            )
            .await;
        assert_eq!(
            posting,
            serde_json::json!([]),
            "{page}: a viewer sees no edit controls"
        );
        let text = browser.text("main").await;
        assert!(
            !text.contains("Sửa") && !text.contains("Xóa"),
            "{page}: {text}"
        );
        browser.assert_accessible(&format!("viewer {page}")).await;
    }
    browser.screenshot("viewer-awards-wide").await;
    // A page of another origin (another port of the same host, so the browser still sends
    // the session cookie) posts a form to unpublish the conference: refused by the Origin
    // check, with a page saying so.
    let target = browser.url(&format!("/app/c/{id}/publish"));
    let evil_page = format!(
        "<!doctype html><title>x</title><form method=post action='{target}'><input name=status value=draft><button id=go>go</button></form>"
    );
    let evil = axum::Router::new().route(
        "/",
        axum::routing::get(move || async move { axum::response::Html(evil_page) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let evil_addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, evil).await });
    browser
        .client()
        .goto(&format!("http://{evil_addr}/"))
        .await
        .unwrap();
    browser.submit("#go").await;
    let landed = browser.client().current_url().await.unwrap().to_string();
    assert_eq!(landed, target);
    assert_eq!(browser.text("main h1").await, "Không có quyền");
    browser.screenshot("forged-post-refused").await;
    let status = app.get(&format!("/api/v1/conferences/{id}")).await;
    assert_eq!(
        status.body["status"], "published",
        "the forged post changed nothing"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_the_demo_in_english_is_accessible() {
    let app = spawn_app().await;
    let id = app.demo().await;
    hoinghi::store::account::create_user(
        &app.db,
        "admin@kimson.gov.vn",
        "mật khẩu đủ dài".into(),
        true,
    )
    .await
    .unwrap();
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    submit(&browser, "form.lang button[value=en]").await;
    browser.fill("#email", "admin@kimson.gov.vn").await;
    browser.fill("#password", "mật khẩu đủ dài").await;
    submit(&browser, "main button[type=submit]").await;
    assert_eq!(browser.text("main h1").await, "Conferences");
    let base = format!("/app/c/{id}");
    for (path, name) in [
        ("/app".to_string(), "en-conferences"),
        (base.clone(), "en-dashboard"),
        (format!("{base}/agenda"), "en-agenda"),
        (format!("{base}/agenda/6"), "en-agenda-item"),
        (format!("{base}/delegates"), "en-delegates"),
        (format!("{base}/delegates/1"), "en-delegate"),
        (format!("{base}/import"), "en-import"),
        (format!("{base}/awards"), "en-awards"),
        (format!("{base}/awards/1"), "en-decision"),
        (format!("{base}/print"), "en-print"),
        (format!("{base}/checkin"), "en-checkin"),
        (format!("{base}/members"), "en-members"),
        (format!("{base}/audit"), "en-audit"),
        (format!("{base}/settings"), "en-settings"),
        ("/app/account".to_string(), "en-account"),
        ("/app/admin/users".to_string(), "en-users"),
        (format!("/p/{id}"), "en-public"),
        (format!("/p/{id}/awards/3"), "en-public-award"),
    ] {
        browser.goto(&path).await;
        browser.wait_for("main h1").await;
        let html = browser.page_source().await;
        assert!(html.contains("<html lang=\"en\""), "{path} is in English");
        look(&browser, name).await;
    }
    // A decision's recipients searched on a phone: one of three found without diacritics.
    browser.set_window(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{base}/awards/3")).await;
    browser.wait_for("#r-q").await;
    browser.fill("#r-q", "dang van").await;
    submit(&browser, "form.recipients-search button[type=submit]").await;
    browser.wait_for("table.recipients").await;
    let found = browser.text("table.recipients").await;
    assert!(
        found.contains("Đặng Văn Ngọc") && !found.contains("Kim Đông"),
        "{found}"
    );
    browser
        .execute(
            "document.querySelector('form.recipients-search').scrollIntoView()",
            vec![],
        )
        .await;
    browser.screenshot("en-decision-search-phone").await;
    browser.close().await;
}
