//! The import wizard, the awards pages and the print centre, driven as a browser drives
//! them: signed in with the session cookie, forms posted with this site's Origin.

use axum::body::Body;
use axum::http::{Method, Request, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::helpers::{TestApp, Web, pdf_text, spawn_app};

const ORIGIN: &str = "http://localhost";

struct Page {
    status: u16,
    location: String,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

impl Page {
    /// The page's HTML, with the entities the tests look through undone.
    fn html(&self) -> String {
        String::from_utf8_lossy(&self.body)
            .replace("&#38;", "&")
            .replace("&amp;", "&")
            .replace("&#39;", "'")
            .replace("&#34;", "\"")
    }
}

async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    cookie: &str,
    body: Option<(String, Vec<u8>)>,
    origin: bool,
) -> Page {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "localhost")
        .header(header::COOKIE, cookie);
    if origin {
        req = req.header(header::ORIGIN, ORIGIN);
    }
    let req = match body {
        Some((content_type, bytes)) => req
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes)),
        None => req.body(Body::empty()),
    }
    .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let get = |h| {
        res.headers()
            .get(h)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let location = get(header::LOCATION);
    let content_type = get(header::CONTENT_TYPE);
    let disposition = get(header::CONTENT_DISPOSITION);
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Page {
        status,
        location,
        content_type,
        disposition,
        body,
    }
}

async fn get(app: &TestApp, uri: &str, cookie: &str) -> Page {
    call(app, Method::GET, uri, cookie, None, false).await
}

fn urlencoded(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    (
        "application/x-www-form-urlencoded".to_string(),
        body.into_bytes(),
    )
}

async fn post(app: &TestApp, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    call(
        app,
        Method::POST,
        uri,
        cookie,
        Some(urlencoded(fields)),
        true,
    )
    .await
}

/// A multipart form: text fields, and the file when given.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----hoinghi-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Sign in through the page and return the session cookie.
async fn sign_in(app: &TestApp, email: &str) -> String {
    Web::session_cookie(app, email, "mật khẩu đủ dài")
        .await
        .expect("signed in with a session cookie")
}

/// An XLSX delegate list: the header row, then rows of (name, position, unit, order).
fn delegates_xlsx(name_header: &str, rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in [name_header, "Chức vụ", "Đơn vị", "Thứ tự"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, col as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The value of the hidden input `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

async fn attendee_total(app: &TestApp, id: i64, q: &str) -> i64 {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    app.get(&format!("/api/v1/conferences/{id}/attendees?q={q}"))
        .await
        .body["total"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn web_work_import_previews_problems_then_imports_after_the_mapping_is_fixed() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let cookie = sign_in(&app, "organiser@kimson.gov.vn").await;
    let uri = format!("/app/c/{id}/import");

    let start = get(&app, &uri, &cookie).await;
    assert_eq!(start.status, 200);
    assert!(start.html().contains("type=\"file\""), "{}", start.html());

    // One bad row: row 3's order is not a number.
    let bad = delegates_xlsx(
        "Họ và tên",
        &[
            ["Nguyễn Văn Thửnghiệm", "Chủ tịch", "Hội Nông dân xã", "1"],
            ["Lê Thị Kiểmtra", "Bí thư", "Đoàn xã", "ba"],
        ],
    );
    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[("kind", "attendees"), ("action", "check")],
            Some(("ds.xlsx", &bad)),
        )),
        true,
    )
    .await;
    let html = res.html();
    assert_eq!(res.status, 422, "{html}");
    assert!(html.contains("XLSX"), "the format is shown");
    assert!(
        html.contains("class=\"has-problem\""),
        "the bad row is marked"
    );
    // The problem at its row (3) and column ('Thứ tự').
    let marked = html.split("class=\"has-problem\"").nth(1).unwrap();
    let row = marked.split("</tr>").next().unwrap();
    assert!(row.contains(">3</th>"), "{row}");
    assert!(
        row.contains(">Lê Thị Kiểmtra</td>"),
        "the bad row's cells are shown: {row}"
    );
    assert!(
        row.contains("Thứ tự") && row.contains("“ba” không phải số nguyên"),
        "{row}"
    );
    assert!(
        html.contains("Nguyễn Văn Thửnghiệm"),
        "the good row is previewed"
    );
    assert!(
        !html.contains("value=\"import\""),
        "no import while problems remain"
    );
    assert_eq!(
        attendee_total(&app, id, "Thửnghiệm").await,
        0,
        "a check imports nothing"
    );
    let token = hidden(&html, "token");

    // Importing anyway with the kept file: refused, nothing stored.
    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "attendees"),
                ("token", &token),
                ("action", "import"),
            ],
            None,
        )),
        true,
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        attendee_total(&app, id, "Thửnghiệm").await,
        0,
        "all or nothing"
    );

    // A corrected file whose name column has a header nobody recognises: the wizard says
    // so and offers the file's columns.
    let good = delegates_xlsx(
        "Người dự",
        &[
            ["Nguyễn Văn Thửnghiệm", "Chủ tịch", "Hội Nông dân xã", "1"],
            ["Lê Thị Kiểmtra", "Bí thư", "Đoàn xã", "2"],
        ],
    );
    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "attendees"),
                ("token", &token),
                ("mapped", "1"),
                ("action", "check"),
            ],
            Some(("ds-sua.xlsx", &good)),
        )),
        true,
    )
    .await;
    let html = res.html();
    assert_eq!(res.status, 422, "{html}");
    assert!(html.contains("name=\"map.full_name\""), "{html}");
    assert!(
        html.contains("<option value=\"Người dự\">A – Người dự</option>"),
        "{html}"
    );
    let token = hidden(&html, "token");

    // Choose the column and check again, without uploading again.
    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "attendees"),
                ("token", &token),
                ("mapped", "1"),
                ("map.full_name", "Người dự"),
                ("action", "check"),
            ],
            None,
        )),
        true,
    )
    .await;
    let html = res.html();
    assert_eq!(res.status, 200, "{html}");
    assert!(
        html.contains("<option value=\"Người dự\" selected>"),
        "the choice stays"
    );
    assert!(html.contains("Lê Thị Kiểmtra") && !html.contains("has-problem"));
    assert!(html.contains("value=\"import\""), "{html}");
    assert_eq!(attendee_total(&app, id, "Kiểmtra").await, 0);

    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "attendees"),
                ("token", &token),
                ("mapped", "1"),
                ("map.full_name", "Người dự"),
                ("action", "import"),
            ],
            None,
        )),
        true,
    )
    .await;
    let html = res.html();
    assert_eq!(res.status, 200, "{html}");
    assert!(html.contains("Đã nhập 2 dòng"), "{html}");
    assert!(html.contains(&format!("/app/c/{id}/delegates")));
    assert_eq!(attendee_total(&app, id, "Thửnghiệm").await, 1);
    assert_eq!(attendee_total(&app, id, "Kiểmtra").await, 1);

    // The file is not kept after the import.
    let again = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "attendees"),
                ("token", &token),
                ("action", "check"),
            ],
            None,
        )),
        true,
    )
    .await;
    assert_eq!(again.status, 422);
    assert!(
        again.html().contains("không còn giữ tệp"),
        "{}",
        again.html()
    );
}

#[tokio::test]
async fn web_work_decisions_and_recipients_through_the_forms_then_print() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let cookie = sign_in(&app, "organiser@kimson.gov.vn").await;
    let issuer = app
        .get(&format!("/api/v1/conferences/{id}/issuers"))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();

    // A decision without its signer (as imported lists leave it).
    let res = post(
        &app,
        &format!("/app/c/{id}/awards"),
        &cookie,
        &[
            ("issuer_id", &issuer),
            ("number", "77/QĐ-KT"),
            ("decided_on", "2025-01-06"),
            ("form", "giay_khen"),
            ("title_name", ""),
            ("signer_title", "CHỦ TỊCH"),
            ("signer_name", ""),
            ("reason", "Đã có thành tích trong phong trào"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.html());
    let decision_page = res.location.split('?').next().unwrap().to_string();
    let decision = decision_page.rsplit('/').next().unwrap().to_string();

    let new_recipient = format!("{decision_page}/recipients");
    let form =
        |name: &'static str, kind: &'static str, honorific: &'static str, unit: &'static str| {
            vec![
                ("decision_id", decision.clone()),
                ("kind", kind.to_string()),
                ("honorific", honorific.to_string()),
                ("name", name.to_string()),
                ("position", String::new()),
                ("unit", unit.to_string()),
                ("reason", String::new()),
                ("register_number", String::new()),
                ("presentation_order", String::new()),
            ]
        };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let cookie = &cookie;
        let uri = new_recipient.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, &uri, cookie, &pairs).await
        }
    };
    let res = send(form(
        "Trần Văn Khenthưởng",
        "individual",
        "ong",
        "Công an xã",
    ))
    .await;
    assert_eq!(res.status, 303, "{}", res.html());

    // A missing name: the problem beside the field, what was typed kept.
    let res = send(form("", "collective", "", "Xóm Đông Thử")).await;
    let html = res.html();
    assert_eq!(res.status, 422, "{html}");
    let beside = html
        .split("id=\"f-name-error\"")
        .nth(1)
        .expect("an error beside the name");
    assert!(beside.starts_with(">không được để trống<"), "{beside}");
    assert!(
        html.contains("value=\"Xóm Đông Thử\""),
        "the unit typed is kept"
    );

    let res = send(form(
        "Chi hội Phụ nữ Xóm Đông",
        "collective",
        "",
        "Xóm Đông Thử",
    ))
    .await;
    assert_eq!(res.status, 303, "{}", res.html());

    // The awards page lists the decision with its count, not its recipients.
    let list = get(&app, &format!("/app/c/{id}/awards"), &cookie).await;
    let html = list.html();
    assert_eq!(list.status, 200);
    assert!(
        html.contains("77/QĐ-KT") && html.contains(">2 người/đơn vị<"),
        "{html}"
    );
    assert!(!html.contains("Trần Văn Khenthưởng"), "{html}");
    assert!(
        html.contains("chưa có tên người ký"),
        "the missing signer is flagged"
    );
    // Its page lists them; a search without diacritics finds a name or a unit.
    let html = get(&app, &decision_page, &cookie).await.html();
    assert!(html.contains("Trần Văn Khenthưởng") && html.contains("Chi hội Phụ nữ Xóm Đông"));
    let found = |q: &str| {
        let uri = format!("/app/c/{id}/awards?q={q}");
        let (app, cookie) = (&app, &cookie);
        async move { get(app, &uri, cookie).await.html() }
    };
    let html = found("tran%20van%20khenthuong").await;
    assert!(
        html.contains("Trần Văn Khenthưởng") && !html.contains("Chi hội Phụ nữ"),
        "{html}"
    );
    let html = found("X%C3%B3m%20%C4%90%C3%B4ng%20Th%E1%BB%AD").await;
    assert!(
        html.contains("Chi hội Phụ nữ Xóm Đông"),
        "by its unit: {html}"
    );

    // The print centre names the missing signer instead of failing in the new tab.
    let print = format!("/app/c/{id}/print?decision={decision}&mode=full");
    let html = get(&app, &print, &cookie).await.html();
    assert!(html.contains("Quyết định 77/QĐ-KT"), "{html}");
    assert!(html.contains("chưa có tên người ký"), "{html}");
    assert!(
        !html.contains("certificates.pdf?mode=full&decision="),
        "no print link yet"
    );
    // Asked for anyway (a bookmark, an old tab): back to the print centre, which names the
    // problem in Vietnamese with its link; never raw JSON, never a failed download.
    let forced =
        format!("/app/c/{id}/print/certificates.pdf?mode=full&decision={decision}&download=true");
    let res = get(&app, &forced, &cookie).await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.location,
        format!("/app/c/{id}/print?mode=full&decision={decision}")
    );

    // Give the signer through the decision's form.
    let edit = get(&app, &decision_page, &cookie).await.html();
    let version = hidden(&edit, "version");
    let res = post(
        &app,
        &decision_page,
        &cookie,
        &[
            ("version", &version),
            ("issuer_id", &issuer),
            ("number", "77/QĐ-KT"),
            ("decided_on", "2025-01-06"),
            ("form", "giay_khen"),
            ("title_name", ""),
            ("signer_title", "CHỦ TỊCH"),
            ("signer_name", "Phạm Văn Ký"),
            ("reason", "Đã có thành tích trong phong trào"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.html());

    let html = get(&app, &print, &cookie).await.html();
    assert!(html.contains("in 2 bằng"), "{html}");
    let href = format!("/app/c/{id}/print/certificates.pdf?mode=full&decision={decision}");
    assert!(html.contains(&format!("{href}&download=true")), "{html}");
    let pdf = get(&app, &format!("{href}&download=true"), &cookie).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    assert_eq!(
        pdf.disposition,
        format!("attachment; filename=\"khen-thuong-hoi-nghi-{id}-giay-trang.pdf\""),
        "named by conference and paper"
    );
    let blank = get(
        &app,
        &format!("/app/c/{id}/print/certificates.pdf?mode=blank&decision={decision}"),
        &cookie,
    )
    .await;
    assert_eq!(
        blank.disposition,
        format!("inline; filename=\"khen-thuong-hoi-nghi-{id}-phoi.pdf\"")
    );
    if let Some(text) = pdf_text(&pdf.body, "web_work certificates") {
        assert!(text.contains("Trần Văn Khenthưởng"), "{text}");
        assert!(text.contains("Chi hội Phụ nữ Xóm Đông"), "{text}");
    }
    // The roster link of the print centre.
    let roster = format!("/api/v1/conferences/{id}/roster.pdf");
    assert!(html.contains(&format!("href=\"{roster}\"")));
    let pdf = get(&app, &roster, &cookie).await;
    assert_eq!(pdf.status, 200);
    if let Some(text) = pdf_text(&pdf.body, "web_work roster") {
        assert!(text.contains("Khenthưởng"), "{text}");
    }
    // The calibration page.
    assert!(html.contains("certificates/calibration.pdf?mode=full"));
}

#[tokio::test]
async fn web_work_a_viewer_sees_no_edit_controls_and_english_reads_english() {
    let app = spawn_app().await;
    let id = app.demo().await;
    app.viewer(id, "viewer@kimson.gov.vn").await;
    let cookie = sign_in(&app, "viewer@kimson.gov.vn").await;
    let awards = get(&app, &format!("/app/c/{id}/awards"), &cookie).await;
    let html = awards.html();
    assert_eq!(awards.status, 200);
    assert!(!html.contains("/awards/issuers/new") && !html.contains("recipients/new"));
    assert!(
        !html.contains("<form method=\"post\" action=\"/app/c/"),
        "no edit forms"
    );
    let decision = app
        .get(&format!("/api/v1/conferences/{id}/decisions"))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let page = get(&app, &format!("/app/c/{id}/awards/{decision}"), &cookie).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.html().contains("type=\"submit\" class=\"primary\""),
        "read only"
    );
    let print = get(&app, &format!("/app/c/{id}/print"), &cookie)
        .await
        .html();
    assert!(
        !print.contains("certificates.pdf"),
        "certificates are for editors"
    );
    assert!(print.contains("roster.pdf"));
    let res = post(
        &app,
        &format!("/app/c/{id}/awards"),
        &cookie,
        &[("number", "1/QĐ"), ("issuer_id", "1")],
    )
    .await;
    assert_eq!(res.status, 403);
    let import = call(
        &app,
        Method::POST,
        &format!("/app/c/{id}/import"),
        &cookie,
        Some(multipart(
            &[("kind", "attendees")],
            Some(("x.csv", b"Ho ten\nA\n")),
        )),
        true,
    )
    .await;
    assert_eq!(import.status, 403);

    // The organiser, without this site's Origin: refused.
    let organiser = sign_in(&app, "organiser@kimson.gov.vn").await;
    let res = call(
        &app,
        Method::POST,
        &format!("/app/c/{id}/awards"),
        &organiser,
        Some(urlencoded(&[("number", "1/QĐ")])),
        false,
    )
    .await;
    assert_eq!(res.status, 403);

    // In English.
    let english = format!("{organiser}; hoinghi_lang=en");
    let html = get(&app, &format!("/app/c/{id}/awards"), &english)
        .await
        .html();
    assert!(
        html.contains("Add an issuer") && html.contains("Import an award list"),
        "{html}"
    );
    let html = get(&app, &format!("/app/c/{id}/import"), &english)
        .await
        .html();
    assert!(html.contains("Check the file") && html.contains("Delegate list"));
    let html = get(&app, &format!("/app/c/{id}/print"), &english)
        .await
        .html();
    assert!(html.contains("Certificates") && html.contains("Sign-in sheet"));
    let html = get(&app, &format!("/app/c/{id}/awards/new"), &english)
        .await
        .html();
    assert!(html.contains("Decision number") && html.contains("Certificate of merit"));
}

/// The import wizard's check of an award list (`csv`, sent as `file_name`).
async fn check_awards(app: &TestApp, uri: &str, cookie: &str, file_name: &str, csv: &str) -> Page {
    let form = multipart(
        &[("kind", "awards"), ("action", "check")],
        Some((file_name, csv.as_bytes())),
    );
    call(app, Method::POST, uri, cookie, Some(form), true).await
}

#[tokio::test]
async fn web_work_an_award_list_import_tells_what_it_created() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let cookie = sign_in(&app, "organiser@kimson.gov.vn").await;
    let csv = "Họ và tên,Đơn vị,Thành tích,Số quyết định,Ngày quyết định,Cơ quan khen thưởng,Hình thức\n\
        Đinh Thị Nhậpkhẩu,Xã Kim Chính,Có thành tích xuất sắc,12/QĐ-UBND,10/01/2025,UBND huyện Yên Khánh,Giấy khen\n\
        Vũ Văn Nhậpkhẩu,Xã Kim Chính,Có thành tích xuất sắc,12/QĐ-UBND,10/01/2025,UBND huyện Yên Khánh,Giấy khen\n";
    let uri = format!("/app/c/{id}/import");
    let res = check_awards(&app, &uri, &cookie, "kt.csv", csv).await;
    let html = res.html();
    assert_eq!(res.status, 200, "{html}");
    assert!(
        html.contains("CSV") && html.contains("Đinh Thị Nhậpkhẩu") && html.contains("12/QĐ-UBND")
    );
    assert!(
        html.contains("Giấy khen") && html.contains("10/01/2025"),
        "{html}"
    );
    let token = hidden(&html, "token");
    let res = call(
        &app,
        Method::POST,
        &uri,
        &cookie,
        Some(multipart(
            &[
                ("kind", "awards"),
                ("token", &token),
                ("mapped", "1"),
                ("action", "import"),
            ],
            None,
        )),
        true,
    )
    .await;
    let html = res.html();
    assert_eq!(res.status, 200, "{html}");
    assert!(html.contains("Đã nhập 2 dòng"), "{html}");
    assert!(
        html.contains("UBND huyện Yên Khánh"),
        "the new issuer is named"
    );
    assert!(html.contains("chưa có tên người ký"), "{html}");
    assert!(
        html.contains("12/QĐ-UBND của UBND huyện Yên Khánh") && !html.contains(" of UBND"),
        "the new decision in Vietnamese: {html}"
    );
    assert!(html.contains(&format!("/app/c/{id}/awards")));
    let awards = get(&app, &format!("/app/c/{id}/awards?q=vu%20van"), &cookie)
        .await
        .html();
    assert!(awards.contains("Vũ Văn Nhậpkhẩu"), "{awards}");

    // A new decision without its form: the check says so in Vietnamese, at its row.
    let csv = "Họ và tên,Đơn vị,Thành tích,Số quyết định,Ngày quyết định,Cơ quan khen thưởng,Hình thức\n\
        Lê Thị Thiếu,Xã Kim Chính,Có thành tích xuất sắc,13/QĐ-UBND,10/01/2025,UBND huyện Yên Khánh,\n";
    let res = check_awards(&app, &uri, &cookie, "thieu.csv", csv).await;
    let html = res.html();
    assert_eq!(res.status, 422, "{html}");
    assert!(
        html.contains("13/QĐ-UBND của UBND huyện Yên Khánh là quyết định mới, cần có hình thức"),
        "{html}"
    );
}

/// A header the importer does not know: the wizard says plainly which fields found no
/// column (a required one as a problem), instead of showing each as "(tự nhận)"; an office's
/// "Họ và tên / Tên tập thể" is recognised.
#[tokio::test]
async fn web_work_the_import_says_which_fields_found_no_column() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let cookie = sign_in(&app, "organiser@kimson.gov.vn").await;
    let uri = format!("/app/c/{id}/import");
    let upload = |csv: &'static str| {
        let app = app.clone();
        let (uri, cookie) = (uri.clone(), cookie.clone());
        async move {
            call(
                &app,
                Method::POST,
                &uri,
                &cookie,
                Some(multipart(
                    &[("kind", "awards"), ("action", "check")],
                    Some(("kt.csv", csv.as_bytes())),
                )),
                true,
            )
            .await
            .html()
        }
    };
    let html = upload("STT;Người được khen;Ghi chú\n1;Công an xã Kim Chính;x\n").await;
    assert!(
        html.contains(
            "Không tìm thấy cột cho trường bắt buộc: Tên cá nhân, tập thể, Số quyết định"
        ),
        "{html}"
    );
    assert!(html.contains("(chưa có cột nào: chọn một cột)"), "{html}");
    assert!(!html.contains("no column found"), "no English: {html}");

    let html = upload(
        "STT;Họ và tên / Tên tập thể;Số QĐ;Cơ quan khen thưởng;Hình thức khen\n\
         1;Công an xã Kim Chính;825/QĐ-UBND;UBND huyện Kim Sơn;Giấy khen\n",
    )
    .await;
    assert!(
        !html.contains("Không tìm thấy cột cho trường bắt buộc"),
        "{html}"
    );
    assert!(
        html.contains("Không tìm thấy cột cho: "),
        "optional ones are listed: {html}"
    );
}
