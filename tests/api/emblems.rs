//! An issuer's emblem or logo (issue 22, point 15): uploaded once per issuer, drawn by a
//! layout's emblem element on that issuer's certificates on plain paper, embedded once per
//! batch however many pages show it; never on blanks or the calibration page; a one-page
//! PDF kept as vector; bad files refused naming the field; viewers cannot change it.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{TestApp, Web, pdf, spawn_app};
use crate::layouts::{png, upload};
use hoinghi::test_support::poppler;

/// Add an emblem box at the top left of the conference's layout of `kind`.
async fn with_emblem_box(app: &TestApp, id: i64, kind: &str) {
    let uri = format!("/api/v1/conferences/{id}/layouts/{kind}.toml");
    let (status, _, toml) = app.download(&uri).await;
    assert_eq!(status, 200);
    let toml = format!(
        "{}\n[[element]]\nname = \"emblem\"\nkind = \"emblem\"\nlayer = \"static\"\nbox = [22, 14, 24, 24]\n",
        String::from_utf8(toml).unwrap()
    );
    let res = crate::layouts::put_text(app, &uri, &toml, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// The decisions of the demo: (issuer id, form) by decision id.
async fn decisions(app: &TestApp, id: i64) -> BTreeMap<i64, (i64, String)> {
    let body = app
        .get(&format!("/api/v1/conferences/{id}/decisions?limit=100"))
        .await
        .body;
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_i64().unwrap(),
                (
                    d["issuer_id"].as_i64().unwrap(),
                    d["form"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// `pdfimages -list`: (page, type, object number) of every picture drawn, forms included;
/// not the QR codes' modules (inline stencil masks).
fn images_drawn(pdf: &[u8], test: &str) -> Option<Vec<(usize, String, u32)>> {
    let list = poppler("pdfimages", &["-list"], pdf, test)?;
    Some(
        list.lines()
            .skip(2)
            .filter(|line| !line.contains("[inline]"))
            .map(|line| {
                let cols: Vec<&str> = line.split_whitespace().collect();
                (
                    cols[0].parse().unwrap(),
                    cols[2].to_string(),
                    cols[10].parse().unwrap(),
                )
            })
            .collect(),
    )
}

#[tokio::test]
async fn an_issuers_emblem_prints_once_per_batch_on_plain_paper_only() {
    let app = spawn_app().await;
    let id = app.demo().await;
    // The pages of each issuer's Bằng khen and Giấy khen, in ceremony (printing) order.
    let ceremony = hoinghi::store::programme::ceremony(&app.db, id as i32)
        .await
        .unwrap();
    let mut pages_of: BTreeMap<i64, BTreeSet<usize>> = BTreeMap::new();
    let mut page = 0;
    for group in ceremony {
        for _ in &group.recipients {
            page += 1;
            if group.decision.form != "danh_hieu" {
                pages_of
                    .entry(i64::from(group.issuer.id))
                    .or_default()
                    .insert(page);
            }
        }
    }
    // The issuer with the most of them gets a PNG with transparency.
    let (issuer, pages_of_issuer) = pages_of
        .into_iter()
        .max_by_key(|(_, pages)| pages.len())
        .unwrap();
    assert!(pages_of_issuer.len() > 1, "{pages_of_issuer:?}");
    let uri = format!("/api/v1/conferences/{id}/issuers/{issuer}/emblem");
    let emblem = {
        let img = image::RgbaImage::from_fn(64, 64, |x, y| {
            image::Rgba([200, 0, 0, if (x + y) % 2 == 0 { 255 } else { 0 }])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let res = upload(&app, &uri, "quoc_huy.png", &emblem).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body["format"], "png");
    assert_eq!(
        (res.body["width"].as_f64(), res.body["height"].as_f64()),
        (Some(64.0), Some(64.0))
    );
    let (status, content_type, stored) = app.download(&uri).await;
    assert_eq!((status, content_type.as_str()), (200, "image/png"));
    assert_eq!(stored, emblem, "kept as uploaded, transparency and all");

    // No layout shows an emblem yet: nothing is embedded.
    let all = format!("/api/v1/conferences/{id}/certificates.pdf?mode=full");
    let before = pdf(&app, &all).await;
    assert!(!before.windows(15).any(|w| w == b"/Subtype /Image"));

    with_emblem_box(&app, id, "bang_khen").await;
    with_emblem_box(&app, id, "giay_khen").await;
    let full = pdf(&app, &all).await;
    assert_eq!(
        full.windows(15).filter(|w| w == b"/Subtype /Image").count(),
        2,
        "the picture and its transparency, once for the whole batch"
    );
    let blank = pdf(&app, &format!("{all}").replace("full", "blank")).await;
    assert!(
        !blank.windows(15).any(|w| w == b"/Subtype /Image"),
        "blanks carry the emblem pre-printed"
    );
    let calibration = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/certificates/calibration.pdf?layout=bang_khen"),
    )
    .await;
    assert!(!calibration.windows(15).any(|w| w == b"/Subtype /Image"));
    if let Some(text) = hoinghi::test_support::pdf_text(&calibration, "emblem calibration") {
        assert!(text.contains("Quốc huy / biểu trưng của cơ quan"), "{text}");
    }

    // Every page of that issuer's Bằng khen and Giấy khen shows the one picture; the
    // others none.
    let Some(drawn) = images_drawn(&full, "emblem pages") else {
        return;
    };
    let shown: BTreeSet<usize> = drawn
        .iter()
        .filter(|(_, kind, _)| kind == "image")
        .map(|(page, _, _)| *page)
        .collect();
    assert_eq!(shown, pages_of_issuer);
    let objects: BTreeSet<u32> = drawn
        .iter()
        .filter(|(_, kind, _)| kind == "image")
        .map(|(_, _, object)| *object)
        .collect();
    assert_eq!(
        objects.len(),
        1,
        "one object drawn on every page: {drawn:?}"
    );
}

#[tokio::test]
async fn a_pdf_emblem_stays_vector() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (decision, (issuer, _)) = decisions(&app, id)
        .await
        .into_iter()
        .find(|(_, (_, form))| form == "bang_khen")
        .unwrap();
    let uri = format!("/api/v1/conferences/{id}/issuers/{issuer}/emblem");
    let res = upload(
        &app,
        &uri,
        "cand.pdf",
        &hoinghi::test_support::emblem_pdf(85.0, 90.0),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body["format"], "pdf");
    with_emblem_box(&app, id, "bang_khen").await;
    let full = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/certificates.pdf?mode=full&decision={decision}"),
    )
    .await;
    let text = String::from_utf8_lossy(&full);
    assert_eq!(
        text.matches("/Subtype /Form /BBox [0 0 85 90] /Matrix")
            .count(),
        1,
        "the page as one form, kept as vector"
    );
    assert!(!text.contains("/Subtype /Image"), "no pixels");
    if let Some(drawn) = images_drawn(&full, "vector emblem") {
        assert!(drawn.is_empty(), "{drawn:?}");
    }
}

#[tokio::test]
async fn bad_emblems_are_refused_and_viewers_cannot_change_one() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (issuer, _) = decisions(&app, id).await.into_values().next().unwrap();
    let uri = format!("/api/v1/conferences/{id}/issuers/{issuer}/emblem");
    assert_eq!(app.get(&uri).await.status, StatusCode::NOT_FOUND);
    let good = upload(&app, &uri, "logo.png", &png(40, 40)).await;
    assert_eq!(good.status, StatusCode::OK);
    for (name, bytes, problem) in [
        (
            "notes.txt",
            b"Danh sach".to_vec(),
            "the file is not a PNG, a JPEG or a PDF",
        ),
        ("wide.png", png(4_001, 2), "the image is 4001 × 2 pixels"),
        (
            "empty.pdf",
            b"%PDF-1.4\n%%EOF".to_vec(),
            "the PDF cannot be read",
        ),
    ] {
        let res = upload(&app, &uri, name, &bytes).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            res.body
        );
        assert_eq!(res.problem(422), ["file"]);
        let message = res.body["errors"][0]["message"].as_str().unwrap();
        assert!(message.starts_with(problem), "{name}: {message}");
    }
    let (_, _, kept) = app.download(&uri).await;
    assert_eq!(kept, png(40, 40), "a refused file changes nothing");
    // Another conference's issuer is not found through this one.
    let other = app.conference().await;
    let res = upload(
        &app,
        &format!("/api/v1/conferences/{other}/issuers/{issuer}/emblem"),
        "logo.png",
        &png(40, 40),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    let viewer = app.as_token(&app.viewer(id, "viewer@example.org").await);
    assert_eq!(viewer.get(&uri).await.status, StatusCode::OK);
    let res = upload(&viewer, &uri, "logo.png", &png(8, 8)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(viewer.delete(&uri).await.status, StatusCode::FORBIDDEN);

    let stale = app
        .send(Method::DELETE, &uri, None, &[("If-Match", "\"7\"")])
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(app.delete(&uri).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&uri).await.status, StatusCode::NOT_FOUND);
    let audit = app
        .get(&format!("/api/v1/conferences/{id}/audit?limit=10"))
        .await
        .body;
    let actions: Vec<&Value> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"] == "issuer emblem")
        .map(|e| &e["action"])
        .collect();
    assert_eq!(actions.len(), 2, "{audit}");
}

#[tokio::test]
async fn the_issuer_page_uploads_shows_and_removes_the_emblem() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (issuer, _) = decisions(&app, id).await.into_values().next().unwrap();
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let page_uri = format!("/app/c/{id}/awards/issuers/{issuer}");
    let page = web.get(&page_uri).await;
    assert!(
        page.text().contains("chưa có quốc huy / biểu trưng"),
        "{}",
        page.text()
    );

    let bad = web
        .upload(
            &format!("{page_uri}/emblem"),
            &[],
            "file",
            "ds.txt",
            b"Danh sach",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("id=\"emblem-error\"")
            && bad.html.contains("tệp không phải PNG, JPEG hay PDF"),
        "{}",
        bad.html
    );

    let ok = web
        .upload(
            &format!("{page_uri}/emblem"),
            &[],
            "file",
            "quoc_huy.png",
            &png(50, 40),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = web.get(&page_uri).await;
    assert!(
        page.text().contains("quoc_huy.png — PNG, 50 × 40 điểm ảnh"),
        "{}",
        page.text()
    );
    assert!(page.html.contains(&format!(
        "src=\"/api/v1/conferences/{id}/issuers/{issuer}/emblem?v=1\""
    )));

    let removed = web.post(&format!("{page_uri}/emblem/delete"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(web.get(&page_uri).await.text().contains("chưa có quốc huy"));
}
