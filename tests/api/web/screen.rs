//! The hall's screen and the MC's remote in two browsers (two people): the remote taps
//! through the seed's award groups and the screen follows; the latency from the tap to the
//! screen's page is measured; a recipient marked absent leaves the screen; the projector's
//! keyboard drives it; the remote passes axe on a phone.

use std::time::{Duration, Instant};

use serde_json::json;

use super::browser::{Browser, PHONE, WAIT};
use super::journey::submit;
use crate::helpers::spawn_app;

async fn sign_in_as(browser: &Browser, email: &str) {
    browser.goto("/login").await;
    browser.wait_for("#email").await;
    browser.fill("#email", email).await;
    browser.fill("#password", "mật khẩu đủ dài").await;
    submit(browser, "main button[type=submit]").await;
}

/// Wait until `script` (a JavaScript expression) is true on `browser`.
async fn until(browser: &Browser, script: &str, what: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let v = browser
            .execute(&format!("return !!({script});"), vec![])
            .await;
        if v == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: not within {WAIT:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The screen's slide, as its page shows it.
async fn shown(screen: &Browser) -> i64 {
    screen
        .execute("return Number(document.body.dataset.slide);", vec![])
        .await
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_remote_drives_the_screen_through_the_award_groups() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    // The longest name and unit a recipient may have, on the province's stage.
    let province = app.decision(id, "457/QĐ-UBND").await;
    let long = "Tập thể Cán bộ, chiến sĩ và quần chúng nhân dân Khu dân cư số 12 thị trấn Phát Diệm, huyện Kim Sơn, tỉnh Ninh Bình";
    app.create(
        &format!("/api/v1/conferences/{id}/recipients"),
        json!({"decision_id": province["id"], "kind": "collective", "name": long,
               "unit": "Đảng ủy, Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam thị trấn Phát Diệm"}),
    )
    .await;
    let Some(remote) = Browser::start(app.router.clone()).await else {
        return;
    };
    let screen = remote.another().await;
    // The projector's laptop, signed in by a viewer: it may watch, not drive.
    sign_in_as(&screen, "viewer@kimson.gov.vn").await;
    screen.set_window(1920, 1080).await;
    screen.goto(&format!("/app/c/{id}/screen")).await;
    screen.wait_for("#slide-0:not([hidden])").await;
    assert!(
        screen
            .text("#slide-0 h1")
            .await
            .contains("Hội nghị tổng kết")
    );
    // Every slide's text stays within the slide at 1920 × 1080, the longest names too.
    let overflowing = screen
        .execute(
            "var out = []; document.querySelectorAll('.slide').forEach(function (s) { var h = s.hidden; s.hidden = false; var f = s.querySelector('.frame'); if (f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1) { out.push(s.id); } s.hidden = h; }); return out;",
            vec![],
        )
        .await;
    assert_eq!(overflowing, json!([]), "slides overflowing at 1920×1080");
    screen.goto(&format!("/app/c/{id}/remote")).await;
    assert!(
        screen.page_source().await.contains("403")
            || !screen.page_source().await.contains("id=\"next\"")
    );
    screen.goto(&format!("/app/c/{id}/screen")).await;
    screen.wait_for("#slide-0:not([hidden])").await;
    screen
        .execute(
            "window.seen = []; new MutationObserver(function () { window.seen.push(Date.now()); }).observe(document.body, {attributes: true, attributeFilter: ['data-slide']}); return true;",
            vec![],
        )
        .await;

    sign_in_as(&remote, "organiser@kimson.gov.vn").await;
    remote.set_window(PHONE.0, PHONE.1).await;
    remote.goto(&format!("/app/c/{id}/remote")).await;
    remote.wait_for("#next").await;

    // Jump to the ministry's Bằng khen: the screen shows its decision.
    remote.click(".remote-groups li:first-child button").await;
    until(
        &screen,
        "Number(document.body.dataset.slide) > 0",
        "the jump reaches the screen",
    )
    .await;
    let decision = shown(&screen).await;
    let text = screen.text(&format!("#slide-{decision}")).await;
    assert!(text.contains("BẰNG KHEN"), "{text}");
    assert!(text.contains("Quyết định số 1520/QĐ-BCA"), "{text}");
    screen.screenshot("screen-bang-khen-decision-1920").await;
    until(
        &remote,
        &format!("document.getElementById('remote').dataset.slide === '{decision}'"),
        "the remote follows",
    )
    .await;

    // 50 taps, next and previous in turn: from the tap on the remote to the screen's page.
    let mut latencies = Vec::new();
    for tap in 0..50 {
        let (button, expected) = if tap % 2 == 0 {
            ("next", decision + 1)
        } else {
            ("previous", decision)
        };
        let before = screen
            .execute("return window.seen.length;", vec![])
            .await
            .as_i64()
            .unwrap();
        let tapped = remote
            .execute(
                &format!(
                    "var t = Date.now(); document.getElementById('{button}').click(); return t;"
                ),
                vec![],
            )
            .await
            .as_i64()
            .unwrap();
        until(
            &screen,
            &format!("window.seen.length > {before}"),
            "the screen follows the tap",
        )
        .await;
        let seen = screen
            .execute("return window.seen[window.seen.length - 1];", vec![])
            .await
            .as_i64()
            .unwrap();
        assert_eq!(shown(&screen).await, expected, "tap {tap}");
        latencies.push(seen - tapped);
        until(&remote, &format!("document.getElementById('remote') && document.getElementById('remote').dataset.slide === '{expected}' && document.readyState === 'complete'"), "the remote follows").await;
    }
    latencies.sort_unstable();
    let (median, worst) = (
        latencies[latencies.len() / 2],
        latencies[latencies.len() - 1],
    );
    eprintln!("screen latency over 50 taps: median {median} ms, worst {worst} ms");
    assert!(median < 100, "median {median} ms: {latencies:?}");

    // The province's Bằng khen, four recipients on the stage (the longest name among them): the first is absent, gone
    // from the screen at once and the others numbered again.
    remote
        .execute(
            "Array.from(document.querySelectorAll('.remote-groups button')).find(function (b) { return b.textContent.includes('457/QĐ-UBND'); }).click(); return true;",
            vec![],
        )
        .await;
    until(
        &screen,
        &format!("Number(document.body.dataset.slide) !== {decision}"),
        "to the province's group",
    )
    .await;
    let decision = shown(&screen).await;
    until(&remote, &format!("document.getElementById('remote').dataset.slide === '{decision}' && document.readyState === 'complete'"), "the remote follows").await;
    remote.click("#next").await;
    until(
        &screen,
        &format!("Number(document.body.dataset.slide) === {}", decision + 1),
        "to the stage",
    )
    .await;
    until(&remote, &format!("document.getElementById('remote').dataset.slide === '{}' && document.readyState === 'complete'", decision + 1), "the remote follows").await;
    let stage = screen.text(&format!("#slide-{}", decision + 1)).await;
    screen.screenshot("screen-bang-khen-stage-1920").await;
    let first = remote.text(".remote-recipients li:first-child span").await;
    assert!(stage.contains(&first), "{first} on {stage}");
    remote.assert_accessible("the MC's remote").await;
    remote.screenshot("remote-phone").await;
    let names = format!("#slide-{} .names li", decision + 1);
    let before = screen
        .execute(
            &format!("return document.querySelectorAll('{names}').length;"),
            vec![],
        )
        .await;
    assert_eq!(before, json!(4), "{stage}");
    remote
        .click(".remote-recipients li:first-child button")
        .await;
    until(
        &screen,
        &format!("document.readyState === 'complete' && document.querySelectorAll('{names}').length === 3"),
        "the absent recipient leaves the screen",
    )
    .await;
    let first_line = screen.text(&format!("{names}:first-child")).await;
    assert!(!first_line.contains(&first), "{first_line}");
    let stage = screen.text(&format!("#slide-{}", decision + 1)).await;
    assert!(stage.contains("1. "), "renumbered: {stage}");
    assert!(!stage.contains("4. "), "three left: {stage}");

    // The projector's keyboard, on an editor's screen, drives every screen.
    remote.set_window(1366, 900).await;
    remote.goto(&format!("/app/c/{id}/screen")).await;
    remote.wait_for(".slide:not([hidden])").await;
    let at = shown(&screen).await;
    remote
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'})); return true;",
            vec![],
        )
        .await;
    until(
        &screen,
        &format!("Number(document.body.dataset.slide) === {}", at + 1),
        "the keyboard moves the screen",
    )
    .await;
    remote
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Home'})); return true;",
            vec![],
        )
        .await;
    until(
        &screen,
        "Number(document.body.dataset.slide) === 0",
        "Home goes back to the title",
    )
    .await;

    // The start of the ceremony is in the audit log, not each tap.
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let starts = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq("ceremony-start"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(starts, 1);
    screen.close().await;
    remote.close().await;
}
