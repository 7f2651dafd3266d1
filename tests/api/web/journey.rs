//! An organiser's whole journey through the web workspace in a real headless Chromium:
//! every page is photographed wide and phone-sized and checked by axe-core on the way.

use std::time::Duration;

use super::browser::{Browser, PHONE, WIDE};
use crate::helpers::spawn_app;

/// Look at the current page as a person would: wide and on a phone, and through axe.
async fn look(browser: &Browser, name: &str) {
    browser.assert_accessible(name).await;
    browser.screenshot(&format!("{name}-wide")).await;
    browser.set_window(PHONE.0, PHONE.1).await;
    browser.screenshot(&format!("{name}-phone")).await;
    browser.set_window(WIDE.0, WIDE.1).await;
}

/// Submit the form that holds `button` and wait for the next page.
async fn submit(browser: &Browser, button: &str) {
    browser.click(button).await;
    browser.wait_for("main h1").await;
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
        .execute("document.querySelector('#f-title').removeAttribute('required');", vec![])
        .await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    assert_eq!(browser.text("#f-title-error").await, "không được để trống");
    assert!(browser.page_source().await.contains("value=\"Hội trường UBND huyện\""));
    look(&browser, "conference-new-problem").await;
    browser.fill("#f-title", "Hội nghị tổng kết phong trào năm 2024").await;
    submit(&browser, "form.grid-form button[type=submit]").await;
    assert_eq!(browser.text("main h1").await, "Hội nghị tổng kết phong trào năm 2024");
    assert!(browser.text("main").await.contains("Đã tạo."));
    look(&browser, "dashboard").await;

    // Publish from the settings, then read the public page signed out.
    browser.click("nav.workspace a[href$='/settings']").await;
    browser.wait_for("#f-title").await;
    look(&browser, "settings").await;
    submit(&browser, "form[action$='/publish'] button").await;
    assert!(browser.text("main").await.contains("Hội nghị đã được công bố."));
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
    assert_eq!(browser.text("main h1").await, "Hội nghị tổng kết phong trào năm 2024");
    assert!(browser.text("main").await.contains("10/1/2025"));
    look(&browser, "public").await;

    // The same page in English, remembered.
    submit(&browser, "form.lang button[value=en]").await;
    let text = browser.text("main").await;
    assert!(text.contains("Programme") && text.contains("10 Jan 2025"), "{text}");
    look(&browser, "public-en").await;
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    assert_eq!(browser.text("main h1").await, "Sign in");
    let _ = Duration::ZERO;
    browser.close().await;
}
