//! Imports through the router, with real files made here: XLSX, CSV in every encoding
//! (TCVN3 and VNI from the tested tables), decomposed Unicode, odd headers, a bad row.

use axum::body::Body;
use axum::http::{Request, header};
use hoinghi::interop::encoding::{encode_tcvn3, encode_vni, encode_windows_1258};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::helpers::{FILE, TestApp, TestResponse, run_tool, spawn_app};

const NAMES: [&str; 4] = [
    "Nguyễn Thị Thanh Hương",
    "Đặng Văn Ngọc",
    "Trần Quốc Trưởng",
    "Lê Thị Kiều Oanh",
];

/// POST a file as multipart form data.
pub(crate) async fn upload(
    app: &TestApp,
    uri: &str,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&str>,
) -> TestResponse {
    let boundary = "----hoinghi-test-boundary";
    let mut body = Vec::new();
    if let Some(m) = mapping {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{m}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = Request::post(uri).header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(token) = &app.token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    app.raw(req.body(Body::from(body)).unwrap()).await
}

fn attendees_csv(names: &[&str]) -> String {
    let mut csv = String::from("Họ và tên,Chức vụ,Đơn vị\n");
    for n in names {
        csv.push_str(&format!("{n},Chuyên viên,UBND huyện Kim Sơn\n"));
    }
    csv
}

async fn attendee_names(app: &TestApp, conference: i64) -> Vec<String> {
    let res = app
        .get(&format!(
            "/api/v1/conferences/{conference}/attendees?limit=500"
        ))
        .await;
    res.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["full_name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn csv_in_every_encoding_imports_nfc_names() {
    let app = spawn_app().await;
    let text = attendees_csv(&NAMES);
    let nfd: String = text.nfd().collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let files: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("utf-8", text.as_bytes().to_vec(), None),
        (
            "utf-8",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            None,
        ),
        ("utf-8", nfd.into_bytes(), None),
        ("utf-16le", utf16, None),
        ("windows-1258", encode_windows_1258(&text), None),
        ("tcvn3", encode_tcvn3(&text), None),
        ("vni", encode_vni(&text), None),
        ("tcvn3", encode_tcvn3(&text), Some("tcvn3")),
    ];
    for (want, bytes, forced) in files {
        let conference = app.conference().await;
        let uri = match forced {
            Some(e) => format!("/api/v1/conferences/{conference}/attendees/import?encoding={e}"),
            None => format!("/api/v1/conferences/{conference}/attendees/import"),
        };
        let res = upload(&app, &uri, "danh-sach.csv", &bytes, None).await;
        assert_eq!(res.status, 200, "{want}: {}", res.body);
        assert_eq!(res.body["encoding"], want);
        assert_eq!(res.body["summary"]["imported"], 4);
        let names = attendee_names(&app, conference).await;
        assert_eq!(names, NAMES, "{want}");
        for n in &names {
            assert_eq!(n.nfc().collect::<String>(), *n, "{want}: {n} is NFC");
        }
    }
}

#[tokio::test]
async fn xlsx_with_a_title_row_and_odd_headers() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write(0, 0, "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ").unwrap();
    for (c, h) in ["STT", "HO TEN", "Position", "co quan, don vi", "Danh xưng"]
        .iter()
        .enumerate()
    {
        sheet.write(2, c as u16, *h).unwrap();
    }
    for (i, n) in NAMES.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write(r, 0, (i + 1) as f64).unwrap();
        // one name decomposed, as some keyboards type it
        let name: String = if i == 1 {
            n.nfd().collect()
        } else {
            n.to_string()
        };
        sheet.write(r, 1, name).unwrap();
        sheet.write(r, 2, "Phó Chủ tịch").unwrap();
        sheet.write(r, 3, "UBND xã Kim Chính").unwrap();
        sheet
            .write(r, 4, if i % 2 == 0 { "Bà" } else { "ông" })
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let res = upload(&app, &uri, "dai-bieu.xlsx", &bytes, None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["format"], "xlsx");
    assert_eq!(res.body["mapping"]["header_row"], 3);
    assert_eq!(res.body["mapping"]["columns"]["full_name"], "HO TEN");
    assert_eq!(
        res.body["mapping"]["columns"]["organisation"],
        "co quan, don vi"
    );
    assert_eq!(attendee_names(&app, conference).await, NAMES);
    let first = app
        .get(&format!(
            "/api/v1/conferences/{conference}/attendees?limit=1"
        ))
        .await;
    assert_eq!(first.body["items"][0]["honorific"], "ba");
    assert_eq!(first.body["items"][0]["position"], "Phó Chủ tịch");

    // One audit event for the whole import, naming the file.
    let audit = app
        .get(&format!("/api/v1/conferences/{conference}/audit?limit=500"))
        .await;
    assert_eq!(audit.status, 200, "{}", audit.body);
    let imports: Vec<&Value> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import")
        .collect();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0]["detail"]["file"], "dai-bieu.xlsx");
    assert_eq!(imports[0]["detail"]["rows"], 4);
}

#[tokio::test]
async fn an_error_on_row_14_imports_nothing() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let mut names: Vec<String> = (1..=20).map(|i| format!("Phạm Văn Số {i}")).collect();
    names[12] = String::new(); // file row 14: the header is row 1
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let csv = attendees_csv(&refs);
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let res = upload(&app, &uri, "loi.csv", csv.as_bytes(), None).await;
    assert_eq!(res.problem(422), vec!["row 14, 'Họ và tên'"]);
    assert!(attendee_names(&app, conference).await.is_empty());

    // A dry run names the same problem and returns the good rows.
    let res = upload(
        &app,
        &format!("{uri}?dry_run=true"),
        "loi.csv",
        csv.as_bytes(),
        None,
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["dry_run"], true);
    assert_eq!(res.body["rows"], 20);
    assert_eq!(res.body["parsed"].as_array().unwrap().len(), 19);
    assert_eq!(res.body["problems"][0]["row"], 14);
    assert_eq!(res.body["problems"][0]["column"], "Họ và tên");
    assert!(attendee_names(&app, conference).await.is_empty());
}

#[tokio::test]
async fn dry_run_stores_nothing_and_flags_duplicates() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let nfd: String = NAMES[0].nfd().collect();
    let csv = attendees_csv(&[NAMES[0], NAMES[1], &nfd]);
    let uri = format!("/api/v1/conferences/{conference}/attendees/import?dry_run=true");
    let res = upload(&app, &uri, "trung.csv", csv.as_bytes(), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["summary"]["imported"], 3);
    assert_eq!(res.body["duplicates"][0]["rows"], serde_json::json!([2, 4]));
    assert_eq!(res.body["parsed"][2]["values"]["full_name"], NAMES[0]);
    assert!(attendee_names(&app, conference).await.is_empty());
}

#[tokio::test]
async fn explicit_mapping_for_unknown_headers() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let csv = "Người dự;Nơi đến\nĐặng Văn Ngọc;Kim Sơn\n";
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let res = upload(&app, &uri, "la.csv", csv.as_bytes(), None).await;
    assert_eq!(res.problem(422), vec!["mapping"]);
    let mapping = r#"{"full_name": "Người dự", "organisation": "B"}"#;
    let res = upload(&app, &uri, "la.csv", csv.as_bytes(), Some(mapping)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(attendee_names(&app, conference).await, ["Đặng Văn Ngọc"]);
}

#[tokio::test]
async fn award_list_creates_issuer_and_decision() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let csv = "Tên cá nhân, tập thể|Cá nhân/Tập thể|Đơn vị|Lý do|Số quyết định|Ngày quyết định|Cơ quan khen thưởng|Hình thức|Người ký\n";
    let rows = [
        "Đặng Văn Ngọc|Cá nhân|Phòng GD&ĐT|Hoàn thành xuất sắc nhiệm vụ|123/QĐ-UBND|10/3/2019|UBND tỉnh Ninh Bình|Bằng khen|Lê Văn Bình",
        "Phòng Giáo dục và Đào tạo|Tập thể|||123/QĐ-UBND||UBND tỉnh Ninh Bình|| ",
        "Trần Thị Hoa|cá nhân|Trường THCS Kim Chính||45/QĐ-UBND|2019-03-12|UBND huyện Kim Sơn|Giấy khen|Phạm Văn Nam",
    ];
    let csv = format!(
        "{}{}\n",
        csv.replace('|', "\t"),
        rows.join("\n").replace('|', "\t")
    );
    let bytes = encode_vni(&csv);
    let uri = format!("/api/v1/conferences/{conference}/awards/import");
    let res = upload(&app, &uri, "khen-thuong.tsv", &bytes, None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["encoding"], "vni");
    assert_eq!(res.body["summary"]["imported"], 3);
    assert_eq!(
        res.body["summary"]["created_issuers"],
        serde_json::json!(["UBND tỉnh Ninh Bình", "UBND huyện Kim Sơn"])
    );
    let recipients = app
        .get(&format!("/api/v1/conferences/{conference}/recipients"))
        .await;
    let items = recipients.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["name"], "Đặng Văn Ngọc");
    assert_eq!(items[1]["name"], "Phòng Giáo dục và Đào tạo");
    assert_eq!(items[1]["kind"], "collective");
    assert_eq!(items[1]["presentation_order"], 2);
    let issuers = app
        .get(&format!("/api/v1/conferences/{conference}/issuers"))
        .await;
    let levels: Vec<&str> = issuers.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["province", "district"]);

    // Importing the list again, with one name added: what is already there is left out
    // (no doubles), the new one joins its decision after the others.
    let again = format!(
        "{}{}\n",
        csv.lines().next().unwrap().to_string() + "\n",
        [
            rows[0],
            rows[1],
            rows[2],
            "Lê Văn Mới|Cá nhân|Phòng Nội vụ||123/QĐ-UBND||UBND tỉnh Ninh Bình||"
        ]
        .join("\n")
        .replace('|', "\t")
    );
    let res = upload(&app, &uri, "khen-thuong-2.tsv", &encode_vni(&again), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["summary"]["imported"], 1, "{}", res.body);
    assert_eq!(res.body["summary"]["already_there"], 3);
    assert_eq!(
        res.body["summary"]["created_decisions"],
        serde_json::json!([])
    );
    let recipients = app
        .get(&format!("/api/v1/conferences/{conference}/recipients"))
        .await;
    let order_of = |name: &str| -> Vec<i64> {
        recipients.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["name"] == name)
            .map(|r| r["presentation_order"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(order_of("Đặng Văn Ngọc"), [1]);
    assert_eq!(order_of("Phòng Giáo dục và Đào tạo"), [2]);
    assert_eq!(order_of("Trần Thị Hoa"), [1]);
    assert_eq!(order_of("Lê Văn Mới"), [3]);
    // Recipients are found without diacritics, as attendees are.
    let found = app
        .get(&format!(
            "/api/v1/conferences/{conference}/recipients?q=phong%20giao%20duc"
        ))
        .await;
    assert_eq!(found.body["total"], 1);
}

#[tokio::test]
async fn a_new_decision_without_its_date_is_named() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let csv = "Họ tên,Số QĐ,Cơ quan khen thưởng,Hình thức\nĐặng Văn Ngọc,9/QĐ,UBND xã Kim Chính,Giấy khen\n";
    let uri = format!("/api/v1/conferences/{conference}/awards/import");
    let res = upload(&app, &uri, "a.csv", csv.as_bytes(), None).await;
    let fields = res.problem(422);
    // The signer is not needed: a list rarely carries it (issue 11, defect 9).
    assert_eq!(fields, vec!["row 2, 'decided_on'"]);
    let issuers = app
        .get(&format!("/api/v1/conferences/{conference}/issuers"))
        .await;
    assert_eq!(issuers.body["total"], 0, "the issuer was rolled back too");

    // A dry run reports the same problems, by row and column.
    let res = upload(
        &app,
        &format!("{uri}?dry_run=true"),
        "a.csv",
        csv.as_bytes(),
        None,
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["problems"][0]["row"], 2);
    assert_eq!(res.body["problems"][0]["column"], "decided_on");
    assert_eq!(res.body["problems"].as_array().unwrap().len(), 1);
}

/// Defect 9 of issue 11: a list from an office writes the title in the form column and no
/// signer. It imports; the report names the decision without a signer and shows the heading
/// and place derived for the new issuer; printing that decision's certificates then fails
/// naming the decision and what is missing.
#[tokio::test]
async fn an_office_award_list_with_titles_and_no_signer_imports() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let csv = "Họ tên,Cá nhân/Tập thể,Số QĐ,Ngày QĐ,Cơ quan khen thưởng,Hình thức\n\
        Công an xã Ân Hòa,Tập thể,45/QĐ-UBND,05/02/2019,UBND tỉnh Gia Lai,Đơn vị quyết thắng\n\
        Trần Văn Bình,Cá nhân,46/QĐ-CAT,05/02/2019,Công an tỉnh Gia Lai,Chiến sĩ thi đua cơ sở\n";
    let uri = format!("/api/v1/conferences/{conference}/awards/import");
    let res = upload(&app, &uri, "khen-thuong.csv", csv.as_bytes(), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let summary = &res.body["summary"];
    assert_eq!(summary["imported"], 2);
    assert_eq!(
        summary["decisions_without_signer"],
        serde_json::json!([
            "45/QĐ-UBND of UBND tỉnh Gia Lai",
            "46/QĐ-CAT of Công an tỉnh Gia Lai"
        ])
    );
    assert_eq!(
        summary["new_issuers"],
        serde_json::json!([
            {
                "name": "UBND tỉnh Gia Lai",
                "level": "province",
                "certificate_heading": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI",
                "signer_title": "CHỦ TỊCH",
                "place_name": "Gia Lai",
            },
            {
                "name": "Công an tỉnh Gia Lai",
                "level": "province",
                "certificate_heading": "GIÁM ĐỐC CÔNG AN TỈNH GIA LAI",
                "signer_title": "GIÁM ĐỐC",
                "place_name": "Gia Lai",
            },
        ])
    );
    let decisions = app
        .get(&format!("/api/v1/conferences/{conference}/decisions"))
        .await;
    let first = &decisions.body["items"][0];
    assert_eq!(first["form"], "title");
    assert_eq!(first["title_name"], "Đơn vị quyết thắng");
    assert_eq!(first["signer_name"], "");
    let res = app
        .get(&format!(
            "/api/v1/conferences/{conference}/certificates.pdf?decision={}",
            first["id"]
        ))
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let text = res.body.to_string();
    assert!(
        text.contains("decision 45/QĐ-UBND of UBND tỉnh Gia Lai has no signer"),
        "{text}"
    );
}

#[tokio::test]
async fn imports_need_write_access_and_a_file() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let csv = attendees_csv(&NAMES);
    let res = upload(&app.anonymous(), &uri, "a.csv", csv.as_bytes(), None).await;
    res.problem(401);
    let res = app.post(&uri, serde_json::json!({})).await;
    res.problem(415);
    let res = upload(
        &app,
        &format!("{uri}?encoding=latin9"),
        "a.csv",
        csv.as_bytes(),
        None,
    )
    .await;
    assert_eq!(res.problem(422), vec!["encoding"]);
    let res = upload(&app, &uri, "a.xlsx", b"PK\x03\x04 not really a zip", None).await;
    assert_eq!(res.problem(422), vec!["file"]);
}

#[tokio::test]
async fn attendee_exports_import_again() {
    let app = spawn_app().await;
    let from = app.demo().await;
    // Defect 5 of issue 11: a name typed as a formula is exported as text, and read back.
    let formula = "=HYPERLINK(\"http://x.example\",\"Bấm vào đây\")";
    let res = app
        .post(
            &format!("/api/v1/conferences/{from}/attendees"),
            serde_json::json!({"full_name": formula, "position": "-Chuyên viên"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let names = attendee_names(&app, from).await;
    assert!(names.iter().any(|n| n == formula));
    for (ext, mime) in [
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("csv", "text/csv; charset=utf-8"),
    ] {
        let (status, content_type, bytes) = app
            .download(&format!("/api/v1/conferences/{from}/attendees.{ext}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(content_type, mime);
        if ext == "csv" {
            assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "CSV has a BOM");
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.contains("\"'=HYPERLINK("), "{text}");
            assert!(text.contains(",'-Chuyên viên,"), "{text}");
            assert!(!text.contains(",=") && !text.contains("\"=") && !text.contains(",-"));
        }
        let to = app.conference().await;
        let uri = format!("/api/v1/conferences/{to}/attendees/import");
        let res = upload(&app, &uri, &format!("dai-bieu.{ext}"), &bytes, None).await;
        assert_eq!(res.status, 200, "{ext}: {}", res.body);
        assert!(
            res.body["mapping"]["ignored"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h == "STT")
        );
        assert_eq!(attendee_names(&app, to).await, names, "{ext}");
    }
}

#[tokio::test]
async fn roster_export_imports_again() {
    let app = spawn_app().await;
    let from = app.demo().await;
    let list = |c: i64| format!("/api/v1/conferences/{c}/recipients?limit=500");
    let before = app.get(&list(from)).await.body;
    let (status, _, bytes) = app
        .download(&format!("/api/v1/conferences/{from}/roster.xlsx"))
        .await;
    assert_eq!(status, 200);
    let to = app.conference().await;
    let res = upload(
        &app,
        &format!("/api/v1/conferences/{to}/awards/import"),
        "khen-thuong.xlsx",
        &bytes,
        None,
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let after = app.get(&list(to)).await.body;
    assert_eq!(after["total"], before["total"]);
    let fields = |v: &Value| -> Vec<(Value, Value, Value, Value)> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].clone(),
                    r["kind"].clone(),
                    r["unit"].clone(),
                    r["reason"].clone(),
                )
            })
            .collect()
    };
    let mut a = fields(&before);
    let mut b = fields(&after);
    a.sort_by_key(|t| t.0.to_string());
    b.sort_by_key(|t| t.0.to_string());
    assert_eq!(a, b);
}

#[tokio::test]
async fn agenda_ics_is_public_for_a_published_conference() {
    let app = spawn_app().await;
    let demo = app.demo().await;
    let (status, content_type, bytes) = app
        .anonymous()
        .download(&format!("/api/v1/conferences/{demo}/agenda.ics"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n"));
    assert!(text.contains("TZOFFSETTO:+0700"));
    let items = app
        .get(&format!("/api/v1/conferences/{demo}/agenda?limit=500"))
        .await
        .body;
    let events = text.matches("BEGIN:VEVENT").count();
    assert_eq!(events as u64, items["total"].as_u64().unwrap());
    let first = &items["items"][0];
    assert!(text.contains(&format!("UID:{}@hoinghi", first["guid"].as_str().unwrap())));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded: {line}");
    }
    // A real parser reads it back: every event, with its start in the conference's zone.
    let script = format!(
        "import sys, icalendar\n\
         cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
         events = list(cal.walk('VEVENT'))\n\
         assert len(events) == {events}, len(events)\n\
         start = events[0].decoded('DTSTART')\n\
         assert str(start.tzinfo) == 'Asia/Ho_Chi_Minh' and start.hour == 7 and start.minute == 30, start\n\
         assert all(e.decoded('DTEND') > e.decoded('DTSTART') for e in events)"
    );
    run_tool(
        "python3-icalendar",
        &["-c", &script, FILE],
        text.as_bytes(),
        "parsing the agenda feed back",
    );

    // A draft conference's feed is not public.
    let draft = app.conference().await;
    let (status, _, _) = app
        .anonymous()
        .download(&format!("/api/v1/conferences/{draft}/agenda.ics"))
        .await;
    assert!(status == 401 || status == 404, "{status}");
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frab-schedule");

#[tokio::test]
async fn frab_schedules_validate_against_their_schemas() {
    let app = spawn_app().await;
    let demo = app.demo().await;
    let public = app.anonymous();
    let (status, content_type, xml) = public
        .download(&format!("/api/v1/conferences/{demo}/schedule.xml"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/xml; charset=utf-8");
    let xsd = format!("{FIXTURES}/schedule.xml.xsd");
    run_tool(
        "xmllint",
        &["--noout", "--schema", &xsd, FILE],
        &xml,
        "validating the XML schedule",
    );

    let (status, _, json) = public
        .download(&format!("/api/v1/conferences/{demo}/schedule.json"))
        .await;
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_slice(&json).unwrap();
    let conf = &doc["schedule"]["conference"];
    assert_eq!(conf["time_zone_name"], "Asia/Ho_Chi_Minh");
    let items = app
        .get(&format!("/api/v1/conferences/{demo}/agenda?limit=500"))
        .await
        .body;
    let events: Vec<&Value> = conf["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|r| r.as_array().unwrap())
        .collect();
    assert_eq!(events.len() as u64, items["total"].as_u64().unwrap());
    for e in &events {
        assert!(e["date"].as_str().unwrap().ends_with("+07:00"));
    }
    let script = format!(
        "import json, sys, jsonschema\n\
         schema = json.load(open('{FIXTURES}/schema.json'))\n\
         jsonschema.validate(json.load(open(sys.argv[1])), schema, format_checker=jsonschema.FormatChecker())"
    );
    run_tool(
        "python3-jsonschema",
        &["-c", &script, FILE],
        &json,
        "validating the JSON schedule",
    );
}

/// A backup with every id replaced by the record's place in its section, references too,
/// so two backups of equal conferences compare equal.
fn without_ids(mut doc: Value) -> Value {
    let references = [
        ("agenda", "presenter_attendee_id", "attendees"),
        ("speeches", "speaker_attendee_id", "attendees"),
        ("speeches", "agenda_item_id", "agenda"),
        ("decisions", "issuer_id", "issuers"),
        ("recipients", "decision_id", "decisions"),
    ];
    let place = |doc: &Value, section: &str, id: &Value| -> Value {
        doc[section]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| &r["id"] == id)
            .map_or(Value::Null, Value::from)
    };
    let copy = doc.clone();
    for (section, field, target) in references {
        for record in doc[section].as_array_mut().unwrap() {
            if !record[field].is_null() {
                record[field] = place(&copy, target, &record[field]);
            }
        }
    }
    for section in [
        "attendees",
        "agenda",
        "speeches",
        "issuers",
        "decisions",
        "recipients",
    ] {
        for record in doc[section].as_array_mut().unwrap() {
            record.as_object_mut().unwrap().remove("id");
        }
    }
    doc
}

#[tokio::test]
async fn backup_restore_backup_gives_the_same_document() {
    let app = spawn_app().await;
    let demo = app.demo().await;
    let first = app
        .get(&format!("/api/v1/conferences/{demo}/backup.json"))
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(first.body["format"], "hoinghi-backup");
    assert!(!first.body["recipients"].as_array().unwrap().is_empty());
    let restored = app
        .post("/api/v1/conferences/restore", first.body.clone())
        .await;
    assert_eq!(restored.status, 201, "{}", restored.body);
    let id = restored.body["id"].as_i64().unwrap();
    assert_ne!(id, demo);
    let second = app
        .get(&format!("/api/v1/conferences/{id}/backup.json"))
        .await;
    assert_eq!(without_ids(second.body), without_ids(first.body.clone()));

    // A broken backup restores nothing and names the record.
    let mut broken = first.body.clone();
    broken["recipients"][2]["name"] = Value::from("");
    let before = app.get("/api/v1/conferences").await.body["total"].clone();
    let res = app.post("/api/v1/conferences/restore", broken).await;
    assert_eq!(res.problem(422), vec!["recipients[2], name"]);
    assert_eq!(app.get("/api/v1/conferences").await.body["total"], before);
    let res = app
        .anonymous()
        .post("/api/v1/conferences/restore", first.body)
        .await;
    res.problem(401);
    let res = app
        .post(
            "/api/v1/conferences/restore",
            serde_json::json!({"format": "other"}),
        )
        .await;
    assert_eq!(res.problem(422), vec!["format"]);
}

/// A minimal OpenDocument spreadsheet: the stored mimetype first, a manifest, the table.
fn ods(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    hoinghi::test_support::ods(&table)
}

#[tokio::test]
async fn ods_imports_with_english_headers() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let mut rows = vec![vec!["Full name", "Position", "Organisation"]];
    let nfd: String = NAMES[2].nfd().collect();
    for (i, n) in NAMES.iter().enumerate() {
        let name = if i == 2 { nfd.as_str() } else { n };
        rows.push(vec![name, "Chuyên viên", "Sở Nội vụ"]);
    }
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let res = upload(&app, &uri, "dai-bieu.ods", &ods(&rows), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["format"], "ods");
    assert_eq!(attendee_names(&app, conference).await, NAMES);
}

/// An Excel 97–2003 workbook (BIFF8), written by Python's xlwt as old office tools still
/// save them; None without xlwt (`run_tool` says SKIPPED, or fails under
/// HOINGHI_REQUIRE_ALL=1).
fn xls(rows: &[Vec<&str>]) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xls");
    let script = "import json, sys, xlwt\n\
         book = xlwt.Workbook(encoding='utf-8')\n\
         sheet = book.add_sheet('Danh sach')\n\
         for r, row in enumerate(json.load(open(sys.argv[1], encoding='utf-8'))):\n    \
             for c, value in enumerate(row):\n        \
                 sheet.write(r, c, value)\n\
         book.save(sys.argv[2])";
    let rows = serde_json::to_string(rows).unwrap();
    run_tool(
        "python3-xlwt",
        &["-c", script, FILE, &path.display().to_string()],
        rows.as_bytes(),
        "writing an XLS file to import",
    )?;
    Some(std::fs::read(&path).unwrap())
}

#[tokio::test]
async fn xls_from_an_old_excel_imports() {
    let mut rows = vec![
        vec!["DANH SÁCH ĐẠI BIỂU", "", ""],
        vec!["Họ và tên", "Chức vụ", "Đơn vị"],
    ];
    let nfd: String = NAMES[0].nfd().collect();
    for (i, n) in NAMES.iter().enumerate() {
        let name = if i == 0 { nfd.as_str() } else { n };
        rows.push(vec![name, "Trưởng phòng", "Phòng Tư pháp huyện Kim Sơn"]);
    }
    let Some(bytes) = xls(&rows) else { return };
    let app = spawn_app().await;
    let conference = app.conference().await;
    let uri = format!("/api/v1/conferences/{conference}/attendees/import");
    let res = upload(&app, &uri, "dai-bieu.xls", &bytes, None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["format"], "xls");
    assert_eq!(res.body["mapping"]["header_row"], 2);
    assert_eq!(attendee_names(&app, conference).await, NAMES);
    let first = app
        .get(&format!(
            "/api/v1/conferences/{conference}/attendees?limit=1"
        ))
        .await;
    assert_eq!(
        first.body["items"][0]["organisation"],
        "Phòng Tư pháp huyện Kim Sơn"
    );
}

/// Defect 1 of issue 11: files of a few KB that made the reader allocate gigabytes (and the
/// process abort) answer 422 naming the bound they pass, before anything is allocated.
#[tokio::test]
async fn spreadsheet_bombs_answer_422_naming_the_bound() {
    let app = spawn_app().await;
    let conference = app.conference().await;
    let far_cell = |row: u32, column: u16| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Họ và tên").unwrap();
        sheet.write_string(row, column, "x").unwrap();
        book.save_to_buffer().unwrap()
    };
    let repeated = |row: &str, cell: &str| {
        hoinghi::test_support::ods(&format!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Họ và tên</text:p></table:table-cell></table:table-row><table:table-row{row}><table:table-cell{cell} office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
        ))
    };
    let cases = [
        (
            "xfd.xlsx",
            far_cell(1_048_575, 16_383),
            "the sheet uses row 1048576; a list may have at most 100000 rows",
        ),
        (
            "cv.xlsx",
            far_cell(999_999, 99),
            "the sheet uses row 1000000; a list may have at most 100000 rows",
        ),
        (
            "columns.ods",
            repeated("", r#" table:number-columns-repeated="2000000000""#),
            "the sheet uses column 2000000000 (",
        ),
        (
            "rows.ods",
            repeated(r#" table:number-rows-repeated="2000000000""#, ""),
            "the sheet uses row 2000000001; a list may have at most 100000 rows",
        ),
    ];
    for (name, bytes, message) in cases {
        assert!(bytes.len() < 10_000, "{name}: {}", bytes.len());
        for dry_run in [true, false] {
            let uri =
                format!("/api/v1/conferences/{conference}/attendees/import?dry_run={dry_run}");
            let res = upload(&app, &uri, name, &bytes, None).await;
            assert_eq!(res.problem(422), vec!["file"], "{name}");
            let got = res.body["errors"][0]["message"].as_str().unwrap();
            assert!(
                got.starts_with(&format!("the file cannot be imported: {message}")),
                "{name}: {got}"
            );
        }
    }
    assert!(attendee_names(&app, conference).await.is_empty());
}
