//! Check-in by invitation code in a real headless Chromium: two delegates checked in, one
//! by typing the code, one through the scan handler (what a QR detection calls); the
//! scanner says politely when the browser cannot read QR codes.

use std::time::Duration;

use super::browser::{Browser, PHONE};
use super::journey::sign_in;
use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_delegates_are_checked_in_by_their_invitation_codes() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let people = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .clone();
    let (one, two) = (&people[0], &people[1]);
    let code = |p: &serde_json::Value| p["checkin_code"].as_str().unwrap().to_string();
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    sign_in(&browser).await;
    browser.set_window(PHONE.0, PHONE.1).await;
    browser.goto(&format!("/app/c/{id}/checkin")).await;
    browser.wait_for("#code").await;

    // The scan button is there once the script runs; headless Chromium on Linux has no
    // BarcodeDetector, so it says so and leaves the typed code.
    browser.wait_for("#scan:not([hidden])").await;
    let has_detector = browser
        .execute("return 'BarcodeDetector' in window;", vec![])
        .await;
    if has_detector == serde_json::Value::Bool(false) {
        browser.click("#scan").await;
        browser.wait_for("#scan-unsupported:not([hidden])").await;
    }

    // The first delegate: the code typed by hand, grouped and in small letters.
    let typed = code(one).to_lowercase();
    let typed = format!(
        "{}-{}-{}-{}",
        &typed[..4],
        &typed[4..8],
        &typed[8..12],
        &typed[12..]
    );
    browser.fill("#code", &typed).await;
    browser.click("#code-form button[type=submit]").await;
    browser.wait_for(".code-answer .code-ok").await;
    let answer = browser.text(".code-answer").await;
    assert!(
        answer.contains(one["full_name"].as_str().unwrap()),
        "{answer}"
    );

    // The second: what a detection hands to the scan handler.
    browser
        .execute(
            "window.hoinghiScanned(arguments[0]);",
            vec![code(two).into()],
        )
        .await;
    let wait = std::time::Instant::now();
    loop {
        // Read in one script: htmx may swap the answer between a find and a read.
        let answer = browser
            .execute(
                "const e = document.querySelector('.code-answer .code-ok'); return e ? e.textContent : '';",
                vec![],
            )
            .await;
        let answer = answer.as_str().unwrap_or("").to_string();
        if answer.contains(two["full_name"].as_str().unwrap()) {
            break;
        }
        assert!(wait.elapsed() < Duration::from_secs(20), "{answer}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The counts moved with the answers (htmx out-of-band).
    let counts = browser.text("#checkin-counts").await;
    assert!(counts.starts_with("2 /"), "{counts}");
    browser.assert_accessible("checkin-code").await;
    browser.screenshot("checkin-code-phone").await;

    // The same code again: red, with the name and when.
    browser.fill("#code", &code(two)).await;
    browser.click("#code-form button[type=submit]").await;
    browser.wait_for(".code-answer .code-bad").await;
    let answer = browser
        .execute(
            "return document.querySelector('.code-answer').textContent;",
            vec![],
        )
        .await;
    assert!(
        answer
            .as_str()
            .unwrap()
            .contains(two["full_name"].as_str().unwrap()),
        "{answer}"
    );
    // Undo puts the second delegate back.
    browser.submit(".code-answer button.undo").await;
    let rows = app
        .get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .body["items"]
        .clone();
    assert_eq!(rows[0]["attendance"], "checked_in");
    assert_eq!(rows[1]["attendance"], "confirmed");
    browser.close().await;
}
