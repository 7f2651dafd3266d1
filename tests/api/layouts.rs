//! Certificate layouts stored per conference (issue 13): a layout saved through the API
//! moves the printed text, an earlier version comes back as a new one, the roles, the
//! If-Match guard, the TOML round trip, broken scans refused, the background only on plain
//! paper, and printers' offsets.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use hoinghi::domain::text::upper;
use serde_json::{Value, json};

use crate::helpers::{FILE, TestApp, TestResponse, pdf, run_tool, spawn_app, user};

/// Words of the first page with their top-left corner in pt, from `pdftotext -bbox`; None
/// when poppler is missing (the test is then skipped, as the helpers say).
pub(crate) fn words(pdf: &[u8], what: &str) -> Option<Vec<(String, f64, f64)>> {
    let html = run_tool(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "1", FILE, "-"],
        pdf,
        what,
    )?;
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    Some(
        html.split("<word ")
            .skip(1)
            .map(|w| {
                let (tag, rest) = w.split_once('>').unwrap();
                let text = rest.split("</word>").next().unwrap();
                (text.to_string(), attr(tag, "xMin"), attr(tag, "yMin"))
            })
            .collect(),
    )
}

/// Where the words of `name` stand in a row on the first page: (x, y) of the first.
pub(crate) fn position(words: &[(String, f64, f64)], name: &str) -> (f64, f64) {
    let wanted: Vec<&str> = name.split_whitespace().collect();
    words
        .windows(wanted.len())
        .find(|w| w.iter().zip(&wanted).all(|(a, b)| a.0 == *b))
        .map(|w| (w[0].1, w[0].2))
        .unwrap_or_else(|| panic!("{name:?} is not on the page: {words:?}"))
}

pub(crate) const PT_PER_MM: f64 = 72.0 / 25.4;

/// A recipient of the demo conference: id and name as the Bằng khen prints it.
pub(crate) async fn a_recipient(app: &TestApp, id: i64) -> (i64, String) {
    let r = app
        .get(&format!("/api/v1/conferences/{id}/recipients?limit=1"))
        .await
        .body;
    let r = &r["items"][0];
    (
        r["id"].as_i64().unwrap(),
        upper(r["name"].as_str().unwrap()),
    )
}

async fn put(app: &TestApp, uri: &str, body: Value, if_match: Option<&str>) -> TestResponse {
    let headers: Vec<(&str, &str)> = if_match.map(|m| ("If-Match", m)).into_iter().collect();
    app.send(Method::PUT, uri, Some(body), &headers).await
}

pub(crate) async fn put_text(
    app: &TestApp,
    uri: &str,
    text: &str,
    token: Option<&str>,
) -> TestResponse {
    let mut req = Request::put(uri).header(header::CONTENT_TYPE, "application/toml");
    if let Some(t) = token.or(app_token(app).as_deref()) {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    app.raw(req.body(Body::from(text.to_string())).unwrap())
        .await
}

fn app_token(app: &TestApp) -> Option<String> {
    app.token.clone()
}

/// PUT a file as multipart form data, part `file`.
pub(crate) async fn upload(
    app: &TestApp,
    uri: &str,
    file_name: &str,
    bytes: &[u8],
) -> TestResponse {
    let boundary = "----hoinghi-layout-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::put(uri).header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(token) = &app.token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.raw(req.body(Body::from(body)).unwrap()).await
}

fn etag(res: &TestResponse) -> String {
    res.headers[header::ETAG].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_saved_layout_moves_the_name_and_restoring_brings_it_back() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}/layouts");
    let (rid, name) = a_recipient(&app, id).await;
    let print = format!(
        "/api/v1/conferences/{id}/certificates.pdf?mode=blank&layout=bang_khen&recipient={rid}"
    );

    let current = app.get(&format!("{base}/bang_khen")).await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.body);
    assert_eq!(etag(&current), "\"1\"");
    assert_eq!(current.body["version"], 1);
    assert_eq!(current.body["built_in"], true);
    let before = pdf(&app, &print).await;

    let mut layout = current.body["layout"].clone();
    let recipient = layout["element"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["name"] == "recipient")
        .unwrap();
    let y = recipient["box"][1].as_f64().unwrap();
    recipient["box"][1] = json!(y + 20.0);
    let saved = put(
        &app,
        &format!("{base}/bang_khen"),
        json!({"layout": layout, "note": "tên người nhận xuống 20 mm"}),
        Some("\"1\""),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(etag(&saved), "\"2\"");
    assert_eq!(saved.body["built_in"], false);
    assert_eq!(saved.body["saved_by"], "organiser@kimson.gov.vn");
    let after = pdf(&app, &print).await;

    // Someone still holding version 1 is told it changed.
    let stale = put(
        &app,
        &format!("{base}/bang_khen"),
        json!({"layout": current.body["layout"]}),
        Some("\"1\""),
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.body
    );

    let versions = app.get(&format!("{base}/bang_khen/versions")).await.body;
    let numbers: Vec<i64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(versions[0]["note"], "tên người nhận xuống 20 mm");
    assert_eq!(versions[1]["note"], "the server's layout");

    let restored = app
        .send(
            Method::POST,
            &format!("{base}/bang_khen/versions/1/restore"),
            None,
            &[("If-Match", "\"2\"")],
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.body);
    assert_eq!(restored.body["version"], 3);
    assert_eq!(restored.body["note"], "restored version 1");
    assert_eq!(restored.body["layout"], current.body["layout"]);
    let again = pdf(&app, &print).await;

    let list = app.get(&base).await.body;
    assert_eq!(list[0]["kind"], "bang_khen");
    assert_eq!(list[0]["version"], 3);
    assert_eq!(list[1]["version"], 1);
    assert_eq!(list[1]["built_in"], true);

    let events = hoinghi::store::audit::search(
        &app.db,
        id as i32,
        &hoinghi::store::audit::Filter {
            resource: Some("certificate layout".into()),
            ..Default::default()
        },
        hoinghi::store::Paging {
            limit: None,
            offset: None,
        },
    )
    .await
    .unwrap();
    let actions: Vec<&str> = events.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["restore", "update"]);
    assert!(
        events.items[1].after.as_ref().unwrap()["source"]
            .as_str()
            .unwrap()
            .contains(&format!("box = [20, {}, 257, 14]", y + 20.0))
    );

    let (Some(before), Some(after), Some(again)) = (
        words(&before, "layouts: before"),
        words(&after, "layouts: after"),
        words(&again, "layouts: restored"),
    ) else {
        return;
    };
    let (x0, y0) = position(&before, &name);
    let (x1, y1) = position(&after, &name);
    let (x2, y2) = position(&again, &name);
    assert!((x1 - x0).abs() < 0.5, "{x0} → {x1}");
    assert!(
        (y1 - y0 - 20.0 * PT_PER_MM).abs() < 1.0,
        "moved from {y0} to {y1} pt, not 20 mm"
    );
    assert!(
        (x2 - x0).abs() < 0.5 && (y2 - y0).abs() < 0.5,
        "{y0} vs {y2}"
    );
}

#[tokio::test]
async fn viewers_read_layouts_and_cannot_change_them() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (viewer_id, token) = user(&app.db, "viewer@kimson.gov.vn").await;
    hoinghi::store::account::set_role(
        &app.db,
        id as i32,
        viewer_id,
        hoinghi::domain::access::Role::Viewer,
    )
    .await
    .unwrap();
    let viewer = app.as_token(&token);
    let base = format!("/api/v1/conferences/{id}/layouts");
    let current = viewer.get(&format!("{base}/giay_khen")).await;
    assert_eq!(current.status, StatusCode::OK);
    let res = put(
        &viewer,
        &format!("{base}/giay_khen"),
        json!({"layout": current.body["layout"]}),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let res = put_text(
        &viewer,
        &format!("{base}/giay_khen.toml"),
        "name = \"x\"",
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = viewer
        .send(
            Method::POST,
            &format!("{base}/giay_khen/versions/1/restore"),
            None,
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = viewer
        .post(
            &format!("/api/v1/conferences/{id}/printers"),
            json!({"name": "A", "offset_x_mm": 0, "offset_y_mm": 0}),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = upload(
        &viewer,
        &format!("{base}/giay_khen/background"),
        "a.png",
        &png(40, 30),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("{base}/giay_khen")).await.body["version"],
        1,
        "nothing was saved"
    );
}

#[tokio::test]
async fn a_layout_exported_as_toml_and_imported_again_is_identical() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let base = format!("/api/v1/conferences/{id}/layouts");
    for kind in ["bang_khen", "giay_khen", "danh_hieu"] {
        let (status, content_type, exported) = app.download(&format!("{base}/{kind}.toml")).await;
        assert_eq!(status, 200);
        assert!(
            content_type.starts_with("application/toml"),
            "{content_type}"
        );
        let exported = String::from_utf8(exported).unwrap();
        let json_before = app.get(&format!("{base}/{kind}")).await.body["layout"].clone();
        let res = put_text(
            &app,
            &format!("{base}/{kind}.toml?note=nh%E1%BA%ADp%20l%E1%BA%A1i"),
            &exported,
            None,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let (_, _, again) = app.download(&format!("{base}/{kind}.toml")).await;
        assert_eq!(String::from_utf8(again).unwrap(), exported, "{kind}");
        let now = app.get(&format!("{base}/{kind}")).await.body;
        assert_eq!(now["layout"], json_before, "{kind}");
        assert_eq!(now["version"], 2);
        assert_eq!(now["note"], "nhập lại");
        // The JSON form saved back gives the same layout again.
        let res = put(
            &app,
            &format!("{base}/{kind}"),
            json!({"layout": now["layout"]}),
            None,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["layout"], json_before);
    }

    // Broken layouts are refused with the loader's message, naming the element.
    let toml = "name = \"Thử\"\npaper = \"A4\"\n[[element]]\nname = \"recipient\"\nlayer = \"variable\"\nbox = [10, 10, 200, 20]\nfield = \"recipient\"\nsize = 26\nmin_size = 30\n";
    let res = put_text(&app, &format!("{base}/bang_khen.toml"), toml, None).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.problem(422), ["layout"]);
    assert_eq!(
        res.body["errors"][0]["message"],
        "bang_khen: element \"recipient\": min_size 30 is larger than size 26"
    );
    let picture = "name = \"Thử\"\npaper = \"A4\"\n[[element]]\nname = \"emblem\"\nkind = \"image\"\nlayer = \"static\"\nbox = [10, 10, 20, 20]\nimage = \"/etc/hostname\"\n";
    let res = put_text(&app, &format!("{base}/bang_khen.toml"), picture, None).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body["detail"].as_str().unwrap().contains(
            "cannot read picture files; upload the picture as the layout's background instead"
        ),
        "{}",
        res.body
    );
    let res = put(
        &app,
        &format!("{base}/bang_khen"),
        json!({"layout": {"name": "x", "paper": "A4", "element": [{"name": "a", "layer": "variable", "box": [0, 0, 10, 10], "field": "reason", "size": 12, "font": "x"}]}}),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.problem(422), ["layout.element[0].font"], "{}", res.body);
    assert_eq!(
        app.get(&format!("{base}/bang_khen")).await.body["version"],
        3
    );
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 200])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A PNG whose header says `width` × `height` (with a correct checksum) and whose pixels are
/// a 1 × 1 image's: enough to be judged by its header.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    bytes
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([240, 230, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

/// A PDF of `pages` pages, each showing the same JPEG, as a scanner writes one.
fn scanner_pdf(pages: usize) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 120, "Height" => 85,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpeg(120, 85),
    );
    let image_id = doc.add_object(image);
    let mut kids = Vec::new();
    for _ in 0..pages {
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 842 0 0 595 0 0 cm /Im0 Do Q".to_vec(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 842.into(), 595.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
        });
        kids.push(Object::Reference(page));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Count" => pages as i64, "Kids" => kids },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[tokio::test]
async fn broken_scans_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/layouts/bang_khen/background");

    let good = upload(&app, &uri, "phoi.png", &png(600, 424)).await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    assert_eq!(good.body["width_px"], 600);
    assert_eq!(good.body["rect_mm"], json!([0.0, 0.0, 297.0, 210.0]));
    assert_eq!(etag(&good), "\"1\"");
    let (_, content_type, stored) = app.download(&uri).await;
    assert_eq!(content_type, "image/jpeg");

    for (file, bytes, code, problem) in [
        (
            "notes.txt",
            b"Danh sach khen thuong".to_vec(),
            "scan-format",
            "the file is not a JPEG, a PNG or a one-page PDF",
        ),
        (
            "huge.png",
            png_claiming(10_000, 5_000),
            "scan-pixels",
            "the image is 10000 × 5000 pixels (50.0 megapixels); the limit is 40 megapixels",
        ),
        (
            "five.pdf",
            scanner_pdf(5),
            "pdf-pages",
            "the PDF has 5 pages; upload a PDF of one page",
        ),
    ] {
        let res = upload(&app, &uri, file, &bytes).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{file}: {}",
            res.body
        );
        assert_eq!(res.problem(422), ["file"], "{file}");
        let message = res.body["errors"][0]["message"].as_str().unwrap();
        assert!(message.starts_with(problem), "{file}: {message}");
        assert_eq!(res.body["errors"][0]["code"], code, "{file}");
        let (_, _, now) = app.download(&uri).await;
        assert_eq!(now, stored, "{file} changed the stored scan");
        let placement = app.get(&format!("{uri}/placement")).await;
        assert_eq!(etag(&placement), "\"1\"", "{file}");
    }

    // A scanner's one-page PDF gives its image.
    let res = upload(&app, &uri, "scan.pdf", &scanner_pdf(1)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        (
            res.body["width_px"].as_i64(),
            res.body["height_px"].as_i64()
        ),
        (Some(120), Some(85))
    );
    // A photo larger than A4 at 300 dpi is stored at 3,508 pixels on its long side.
    let res = upload(&app, &uri, "photo.jpg", &jpeg(4000, 3000)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        (
            res.body["width_px"].as_i64(),
            res.body["height_px"].as_i64()
        ),
        (Some(3508), Some(2631))
    );
}

#[tokio::test]
async fn the_background_prints_on_plain_paper_when_asked_and_never_on_blanks() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let uri = format!("/api/v1/conferences/{id}/layouts/bang_khen/background");
    let res = upload(&app, &uri, "phoi.png", &png(600, 424)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // The Bằng khen of the Ministry's decision: a layout prints only its own kind.
    let (rid, _) = a_recipient(&app, id).await;
    let print = |mode: &str| {
        format!(
            "/api/v1/conferences/{id}/certificates.pdf?mode={mode}&layout=bang_khen&recipient={rid}"
        )
    };
    let dct = |pdf: &[u8]| pdf.windows(10).any(|w| w == b"/DCTDecode");
    assert!(!dct(&pdf(&app, &print("full")).await), "not asked to print");

    // Placed by two points 100 px apart that are 50 mm apart on paper.
    let placed = put(
        &app,
        &format!("{uri}/placement"),
        json!({"points_px": [[100, 200], [200, 200]], "distance_mm": 50, "origin_mm": [5, 6], "print_in_full_mode": true}),
        Some("\"1\""),
    )
    .await;
    assert_eq!(placed.status, StatusCode::OK, "{}", placed.body);
    assert_eq!(placed.body["mm_per_px"], 0.5);
    assert_eq!(placed.body["rect_mm"], json!([5.0, 6.0, 300.0, 212.0]));
    assert_eq!(etag(&placed), "\"2\"");
    let full = pdf(&app, &print("full")).await;
    assert!(dct(&full), "the scan is embedded as it is (DCTDecode)");
    assert_eq!(
        full.windows(10).filter(|w| w == b"/DCTDecode").count(),
        1,
        "once per document"
    );
    assert!(!dct(&pdf(&app, &print("blank")).await), "never on blanks");

    let bad = put(
        &app,
        &format!("{uri}/placement"),
        json!({"points_px": [[1, 1], [2, 1]], "distance_mm": 50}),
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.problem(422), ["points_px"]);
    assert_eq!(bad.body["errors"][0]["code"], "placement-points-close");
    // The designer's page reads it in Vietnamese.
    let placement = json!({"points_px": [[1, 1], [2, 1]], "distance_mm": 50});
    let vi = [("Accept-Language", "vi")];
    let at = format!("{uri}/placement");
    let bad = app.send(Method::PUT, &at, Some(placement), &vi).await;
    let detail = bad.body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("cách nhau ít nhất 10 điểm ảnh"),
        "{}",
        bad.body
    );
    // A scale far out of range is named in short.
    let huge = put(&app, &at, json!({"mm_per_px": 1e308}), None).await;
    assert_eq!(huge.body["errors"][0]["code"], "placement-scale-range");
    assert_eq!(huge.body["errors"][0]["args"]["value"], "1.000e308");
    let stale = put(
        &app,
        &format!("{uri}/placement"),
        json!({"stretch": true}),
        Some("\"1\""),
    )
    .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let stretched = put(
        &app,
        &format!("{uri}/placement"),
        json!({"stretch": true}),
        Some("\"2\""),
    )
    .await;
    assert_eq!(
        stretched.body["rect_mm"],
        json!([0.0, 0.0, 297.0, 210.0]),
        "{}",
        stretched.body
    );

    let removed = app
        .send(Method::DELETE, &uri, None, &[("If-Match", "\"3\"")])
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    assert_eq!(app.get(&uri).await.status, StatusCode::NOT_FOUND);
    assert!(!dct(&pdf(&app, &print("full")).await));
}

#[tokio::test]
async fn a_printer_offset_moves_the_text_and_copying_brings_layouts_and_printers() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let printers = format!("/api/v1/conferences/{id}/printers");
    let office = app
        .create(
            &printers,
            json!({"name": "Máy in phòng Văn phòng", "offset_x_mm": 10, "offset_y_mm": -4.5}),
        )
        .await;
    let again = app
        .post(
            &printers,
            json!({"name": "Máy in phòng Văn phòng", "offset_x_mm": 0, "offset_y_mm": 0}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let wild = app
        .post(
            &printers,
            json!({"name": "Xa", "offset_x_mm": 60, "offset_y_mm": 0}),
        )
        .await;
    assert_eq!(wild.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wild.problem(422), ["offset_x_mm"]);
    let pid = office["id"].as_i64().unwrap();
    let list = app.get(&printers).await.body;
    assert_eq!(list["total"], 1);

    let (rid, name) = a_recipient(&app, id).await;
    let print = format!(
        "/api/v1/conferences/{id}/certificates.pdf?mode=blank&layout=bang_khen&recipient={rid}"
    );
    let plain = pdf(&app, &print).await;
    let shifted = pdf(&app, &format!("{print}&printer={pid}")).await;
    let both = app.get(&format!("{print}&printer={pid}&offset_x=1")).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(both.problem(422), ["printer"]);
    let unknown = app.get(&format!("{print}&printer=999999")).await;
    assert_eq!(unknown.problem(422), ["printer"]);
    let calibration = pdf(
        &app,
        &format!("/api/v1/conferences/{id}/certificates/calibration.pdf?printer={pid}"),
    )
    .await;

    // Another conference copies the demo's layouts after the demo moved its name.
    let base = format!("/api/v1/conferences/{id}/layouts");
    let mut layout = app.get(&format!("{base}/bang_khen")).await.body["layout"].clone();
    layout["name"] = json!("Bằng khen của Văn phòng");
    assert_eq!(
        put(
            &app,
            &format!("{base}/bang_khen"),
            json!({"layout": layout}),
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    let other = app.conference().await;
    let copied = app
        .post(
            &format!("/api/v1/conferences/{other}/layouts/copy-from/{id}"),
            json!({}),
        )
        .await;
    assert_eq!(copied.status, StatusCode::OK, "{}", copied.body);
    assert_eq!(copied.body["layouts"], json!(["bang_khen"]));
    assert_eq!(copied.body["printers"], json!(["Máy in phòng Văn phòng"]));
    let theirs = app
        .get(&format!("/api/v1/conferences/{other}/layouts/bang_khen"))
        .await
        .body;
    assert_eq!(theirs["layout"]["name"], "Bằng khen của Văn phòng");
    assert_eq!(
        theirs["note"],
        format!("copied from conference {id} (version 2)")
    );
    // Someone who cannot read the demo cannot copy from it.
    let (_, token) = user(&app.db, "stranger@kimson.gov.vn").await;
    let stranger = app.as_token(&token);
    let own = stranger.conference().await;
    let refused = stranger
        .post(
            &format!("/api/v1/conferences/{own}/layouts/copy-from/{id}"),
            json!({}),
        )
        .await;
    assert!(
        matches!(refused.status.as_u16(), 403 | 404),
        "{}",
        refused.status
    );

    let Some(text) = run_tool(
        "pdftotext",
        &["-raw", FILE, "-"],
        &calibration,
        "calibration",
    ) else {
        return;
    };
    assert!(text.contains("lệch x = +10,0 mm, y = -4,5 mm"), "{text}");
    let (Some(plain), Some(shifted)) = (
        words(&plain, "printer: plain"),
        words(&shifted, "printer: shifted"),
    ) else {
        return;
    };
    let (x0, y0) = position(&plain, &name);
    let (x1, y1) = position(&shifted, &name);
    assert!((x1 - x0 - 10.0 * PT_PER_MM).abs() < 1.0, "{x0} → {x1}");
    assert!((y1 - y0 + 4.5 * PT_PER_MM).abs() < 1.0, "{y0} → {y1}");
}
