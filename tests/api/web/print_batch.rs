//! A certificate batch of more than a hundred pages in the browser: started from the print
//! centre, followed on its page while it runs (htmx asks for the progress every second),
//! then downloaded, and found again in the print centre after leaving.

use std::time::Duration;

use serde_json::json;

use super::browser::Browser;
use super::journey::{look, sign_in, submit};
use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_certificate_batch_shows_its_progress_and_waits_to_be_downloaded() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let decision = app.get(&format!("{base}/decisions")).await.body["items"][0]["id"].clone();
    for n in 1..=120 {
        app.create(
            &format!("{base}/recipients"),
            json!({"decision_id": decision, "kind": "collective", "name": format!("Chi bộ thôn số {n}")}),
        )
        .await;
    }
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    sign_in(&browser).await;

    // A batch still running, as a slow server would show it: htmx follows it until done.
    let token = "a-batch-still-running-on-another-instance";
    hoinghi::store::print_job::insert(
        &app.db,
        token,
        id as i32,
        "organiser@kimson.gov.vn",
        "mode=full",
        3,
    )
    .await
    .unwrap();
    browser
        .goto(&format!("/app/c/{id}/print/jobs/{token}"))
        .await;
    browser.wait_for("#batch progress").await;
    assert!(
        browser
            .text("#batch")
            .await
            .contains("đã xong 0 trên 3 trang")
    );
    look(&browser, "print-batch-running").await;
    let pdf = crate::helpers::pdf(&app, &format!("{base}/certificates.pdf?recipient=1")).await;
    hoinghi::store::print_job::finish(&app.db, token, Ok((pdf, 1)))
        .await
        .unwrap();
    browser.wait_for("#batch p.ok").await;
    assert_eq!(
        browser.text("#batch p.ok").await,
        "Tệp đã sẵn sàng: 1 trang."
    );

    // A real batch from the print centre.
    browser
        .goto(&format!("/app/c/{id}/print?decision={decision}&mode=full"))
        .await;
    browser.wait_for("main h1").await;
    let pages = browser.text(".print-check").await;
    assert!(pages.contains("121 trang cần một lúc"), "{pages}");
    submit(&browser, ".print-check button[type=submit]").await;
    browser.wait_for("#batch p.ok").await;
    assert_eq!(
        browser.text("#batch p.ok").await,
        "Tệp đã sẵn sàng: 121 trang."
    );
    look(&browser, "print-batch-done").await;
    browser.click("#batch a[download]").await;
    let file = browser.downloaded(".pdf", Duration::from_secs(60)).await;
    if let Some(text) = crate::helpers::pdf_text(&file, "the batch from the print centre") {
        assert_eq!(text.matches('\u{c}').count(), 121);
    }

    // Left and come back: the print centre lists both batches, newest first.
    browser.goto(&format!("/app/c/{id}/print")).await;
    browser.wait_for("table.batches").await;
    let rows = browser.text("table.batches tbody").await;
    assert!(rows.contains("121") && rows.contains("Tải về"), "{rows}");
    look(&browser, "print-batches").await;
    browser.close().await;
}
