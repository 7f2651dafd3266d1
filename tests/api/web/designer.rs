//! The certificate designer in a real Chromium: a scan of the blank behind the boxes, the
//! recipient box dragged 20 mm down and nudged with the keyboard, its size changed and the
//! preview following, undo, save; the certificates printed on blanks then have the name at
//! the new place and no background; restoring the earlier version brings the old place
//! back. The preview's latency over 50 edits is measured on the way.

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use serde_json::Value;

use super::browser::Browser;
use super::journey::{look, sign_in};
use crate::helpers::{TestApp, pdf, spawn_app};
use crate::layouts::{PT_PER_MM, a_recipient, png, position, words};

/// Wait until the script's value is truthy, and return it.
async fn until(browser: &Browser, script: &str, what: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let v = browser.execute(script, vec![]).await;
        if !(v.is_null() || v == Value::Bool(false) || v == Value::from(0)) {
            return v;
        }
        if Instant::now() > deadline {
            panic!("waited in vain for {what} ({script})");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn number(browser: &Browser, script: &str) -> f64 {
    browser
        .execute(script, vec![])
        .await
        .as_f64()
        .unwrap_or_else(|| panic!("{script}"))
}

const PREVIEWS: &str = "return document.getElementById('designer').previewTimes.length";
const NAME_SIZE: &str = "const t = document.querySelector('#d-preview g[data-element=recipient] text'); return t && t.getAttribute('font-size')";

/// Where the recipient's name stands (pt from the top of page 1) on its blank.
async fn printed_y(app: &TestApp, id: i64, recipient: i64, name: &str) -> Option<(f64, Vec<u8>)> {
    let bytes = pdf(
        app,
        &format!("/api/v1/conferences/{id}/recipients/{recipient}/certificate.pdf?mode=blank"),
    )
    .await;
    let w = words(&bytes, "the designer's certificates on blanks")?;
    Some((position(&w, name).1, bytes))
}

/// Press a key on the box that has the focus, and wait for its preview.
async fn press(browser: &Browser, key: &str) {
    let before = number(browser, PREVIEWS).await;
    browser
        .find(".d-box.selected")
        .await
        .send_keys(key)
        .await
        .unwrap();
    until(
        browser,
        &format!("return document.getElementById('designer').previewTimes.length > {before}"),
        "the preview after a key",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_places_the_name_on_the_blank_and_goes_back_to_the_old_layout() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (recipient, name) = a_recipient(&app, id).await;
    let before = printed_y(&app, id, recipient, &name).await;
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    sign_in(&browser).await;

    browser
        .goto(&format!("/app/c/{id}/designer/bang_khen"))
        .await;
    browser.wait_for("#designer[data-ready=true]").await;
    browser.wait_for("#d-preview svg").await;
    until(&browser, PREVIEWS, "the first preview").await;
    // Nothing the page asked for failed (a layout without a background does not ask where
    // its background is placed, which Chromium would log as a 404).
    let failed = browser
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).map(e => e.name);",
            vec![],
        )
        .await;
    assert_eq!(failed, serde_json::json!([]), "requests that failed");
    // The boxes are named as a person names them (the field, the fixed wording), not by
    // the layout file's internal names; the first version is the server's, in Vietnamese.
    let labels = browser
        .execute(
            "return [...document.querySelectorAll('.d-box')].map(b => b.getAttribute('aria-label'));",
            vec![],
        )
        .await;
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    assert!(
        labels.contains(&"Tên cơ quan khen thưởng".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"“TẶNG”".to_string()), "{labels:?}");
    assert!(
        !labels
            .iter()
            .any(|l| l.contains("issuer_heading") || l.contains("form_name")),
        "{labels:?}"
    );
    let history = until(
        &browser,
        "const v = document.getElementById('d-versions'); return v && v.textContent.length ? v.textContent : null",
        "the versions",
    )
    .await;
    assert!(
        !history.to_string().contains("the server's layout"),
        "{history}"
    );

    // The scan of the office's blank, made here, goes behind the boxes.
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("phoi-bang-khen.png");
    std::fs::write(&scan, png(1123, 794)).unwrap();
    browser
        .find("#d-blank-file")
        .await
        .send_keys(scan.to_str().unwrap())
        .await
        .unwrap();
    until(
        &browser,
        "const b = document.getElementById('d-blank'); return !b.hidden && b.complete && b.naturalWidth",
        "the blank behind the boxes",
    )
    .await;

    // Drag the recipient's box 20 mm down.
    let mm = number(
        &browser,
        "return document.getElementById('d-sheet').clientWidth / 297",
    )
    .await;
    let start_y = 71.0;
    let previews = number(&browser, PREVIEWS).await;
    let boxed = browser.find(".d-box[data-name=recipient]").await;
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: boxed,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(150)),
            x: 0.0,
            y: 10.0 * mm,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(150)),
            x: 0.0,
            y: 10.0 * mm,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    browser.client().perform_actions(drag).await.unwrap();
    browser.client().release_actions().await.unwrap();
    until(
        &browser,
        &format!("return document.getElementById('designer').previewTimes.length > {previews}"),
        "the preview after the drag",
    )
    .await;
    let dragged = number(&browser, "return +document.getElementById('d-box-y').value").await;
    assert!(
        (dragged - (start_y + 20.0)).abs() <= 1.5,
        "dragged to y = {dragged} mm (snapping may move it by a little)"
    );
    // Nudge it half a millimetre down with the keyboard.
    press(&browser, "\u{E015}").await;
    let nudged = number(&browser, "return +document.getElementById('d-box-y').value").await;
    assert!(
        (nudged - dragged - 0.5).abs() < 0.01,
        "{dragged} → {nudged}"
    );

    // Change its size: the preview follows; then undo that change only.
    let size_before = until(&browser, NAME_SIZE, "the name in the preview").await;
    browser
        .execute(
            "const e = document.getElementById('d-size'); e.value = '26'; e.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await;
    until(
        &browser,
        &format!("const t = document.querySelector('#d-preview g[data-element=recipient] text'); return t && t.getAttribute('font-size') !== {size_before}"),
        "the preview at the new size",
    )
    .await;
    browser.click("[data-act=undo]").await;
    until(
        &browser,
        &format!("const t = document.querySelector('#d-preview g[data-element=recipient] text'); return t && t.getAttribute('font-size') === {size_before}"),
        "the preview back at the old size",
    )
    .await;
    assert_eq!(
        number(&browser, "return +document.getElementById('d-box-y').value").await,
        nudged,
        "undo took back the size, not the move"
    );
    assert_eq!(
        number(&browser, "return +document.getElementById('d-size').value").await,
        22.0
    );
    look(&browser, "designer").await;

    // The preview's latency: 50 edits, each from the key to the new preview on screen.
    let first = number(&browser, PREVIEWS).await as usize;
    for n in 0..50 {
        press(&browser, if n % 2 == 0 { "\u{E013}" } else { "\u{E015}" }).await;
    }
    let times = browser
        .execute(
            "return document.getElementById('designer').previewTimes",
            vec![],
        )
        .await;
    let mut times: Vec<f64> = times.as_array().unwrap()[first..]
        .iter()
        .map(|t| t.as_f64().unwrap())
        .collect();
    times.sort_by(f64::total_cmp);
    eprintln!(
        "designer preview latency over {} edits (debug build): median {} ms, worst {} ms",
        times.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );

    // Save: a new version.
    browser.click("[data-act=save]").await;
    browser.wait_for("#d-status.ok").await;
    let saved = app
        .get(&format!("/api/v1/conferences/{id}/layouts/bang_khen"))
        .await
        .body;
    let element = saved["layout"]["element"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "recipient")
        .unwrap()
        .clone();
    assert_eq!(element["box"][1].as_f64().unwrap(), nudged);
    assert_eq!(element["size"], 22);

    // On blanks the name stands lower by what it moved, and the scan is not in the file.
    if let (Some((old_y, _)), Some((new_y, bytes))) =
        (before, printed_y(&app, id, recipient, &name).await)
    {
        let moved = (nudged - start_y) * PT_PER_MM;
        assert!(
            (new_y - old_y - moved).abs() < 1.0,
            "moved {} pt, expected {moved}",
            new_y - old_y
        );
        assert!(
            !bytes.windows(9).any(|w| w == b"DCTDecode")
                && !bytes.windows(15).any(|w| w == b"/Subtype /Image")
                && !bytes.windows(14).any(|w| w == b"/Subtype/Image"),
            "no background on blanks"
        );
        // Restore the version before: the old place again.
        browser.click(".d-restore[data-version='1']").await;
        until(
            &browser,
            "return document.getElementById('d-status').classList.contains('ok') && +document.getElementById('d-box-y').value === 71",
            "the restored layout",
        )
        .await;
        let (restored_y, _) = printed_y(&app, id, recipient, &name).await.unwrap();
        assert!((restored_y - old_y).abs() < 0.5, "{restored_y} vs {old_y}");
    }
    browser.close().await;
}
