//! Cash awards of the seed's 2019 conference: each of the 17 recipients' amount computed by
//! hand from Decree 91/2017's coefficients and the base salary of 1,390,000 đ (1 July 2018),
//! the payment lists read back from the PDF with poppler and from the XLSX with calamine,
//! and a decision's own amount.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};

use crate::helpers::{Web, assert_in_order, pdf, pdf_text, spawn_app};

const BASE: i64 = 1_390_000;

/// `hundredths` × the base salary, rounded up to the next 10,000 đ, by hand.
fn by_hand(hundredths: i64) -> i64 {
    let exact = hundredths * BASE; // hundredths of a đồng
    let step = 10_000 * 100;
    (exact + step - 1) / step * 10_000
}

/// Decree 91/2017: Bằng khen of a minister or a province 1.0 ×, Giấy khen 0.3 ×, a
/// collective twice; Đơn vị quyết thắng 1.5 × (a collective's title).
fn expected(number: &str, kind: &str) -> i64 {
    let individual = match number {
        "1520/QĐ-BCA" | "457/QĐ-UBND" => 100,
        "215/QĐ-CAT" | "825/QĐ-UBND" => 30,
        "456/QĐ-UBND" => return by_hand(150),
        other => panic!("{other}"),
    };
    by_hand(if kind == "collective" {
        2 * individual
    } else {
        individual
    })
}

fn amounts(body: &Value) -> Vec<(String, Option<i64>)> {
    body["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["cash"]["amount"].as_i64(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_seeds_cash_awards_and_payment_lists() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    assert_eq!(
        (by_hand(200), by_hand(150), by_hand(30)),
        (2_780_000, 2_090_000, 420_000)
    );

    // Every recipient's amount, as computed by hand.
    let decisions = app.get(&format!("{base}/decisions")).await.body;
    let number_of = |decision_id: &Value| {
        decisions["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == *decision_id)
            .unwrap()["number"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let recipients = app.get(&format!("{base}/recipients?limit=100")).await.body;
    let kinds: std::collections::HashMap<i64, String> = recipients["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let paid = app.get(&format!("{base}/payments")).await;
    assert_eq!(paid.status, 200, "{:?}", paid.body);
    let list = paid.body["recipients"].as_array().unwrap();
    assert_eq!(list.len(), 17);
    for p in list {
        let kind = &kinds[&p["recipient_id"].as_i64().unwrap()];
        let number = number_of(&p["decision_id"]);
        assert_eq!(
            p["cash"]["amount"].as_i64(),
            Some(expected(&number, kind)),
            "{} ({number}, {kind})",
            p["name"]
        );
        assert_eq!(p["cash"]["basis"]["decree"], "91/2017/NĐ-CP");
        assert_eq!(p["cash"]["basis"]["base_salary"], BASE);
    }
    // Each issuer pays from its own fund.
    let totals: Vec<(String, i64)> = paid.body["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["issuer"].as_str().unwrap().to_string(),
                t["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            ("Bộ Công an".to_string(), 2_780_000),
            (
                "UBND tỉnh Ninh Bình".to_string(),
                2_090_000 + 2 * 2_780_000 + 1_390_000
            ),
            (
                "Công an tỉnh Ninh Bình".to_string(),
                2 * 840_000 + 2 * 420_000
            ),
            ("UBND huyện Kim Sơn".to_string(), 3 * 840_000 + 5 * 420_000),
        ]
    );

    // The payment list of the province's Bằng khen, read back.
    let bang_khen = app.decision(id, "457/QĐ-UBND").await["id"].clone();
    let bytes = pdf(&app, &format!("{base}/payments.pdf?decision={bang_khen}")).await;
    if let Some(text) = pdf_text(&bytes, "reading the payment list back") {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_in_order(
            &text,
            &[
                "ỦY BAN NHÂN DÂN",
                "TỈNH NINH BÌNH",
                "DANH SÁCH NHẬN TIỀN THƯỞNG",
                "Bằng khen của Chủ tịch UBND tỉnh Ninh Bình",
                "(Kèm theo Quyết định số 457/QĐ-UBND ngày 05 tháng 3 năm 2019 của Chủ tịch UBND tỉnh Ninh Bình)",
                "STT Tập thể, cá nhân Đơn vị Hình thức Số tiền (đồng) Ký nhận",
                "1 Công an xã Kim Chính",
                "Bằng khen 2.780.000",
                "2 Cán bộ và nhân dân xã Kim Đông",
                "Bằng khen 2.780.000",
                "3 Ông Đặng Văn Ngọc",
                "Bằng khen 1.390.000",
                "Tổng cộng 6.950.000",
                "Bằng chữ: Sáu triệu chín trăm năm mươi nghìn đồng chẵn.",
                "NGƯỜI LẬP (Ký, ghi rõ họ tên) KẾ TOÁN TRƯỞNG (Ký, ghi rõ họ tên) THỦ TRƯỞNG ĐƠN VỊ",
            ],
        );
    }

    // The workbook: a sheet per decision, numbers as numbers, the total a SUM.
    let (status, content_type, bytes) = app.download(&format!("{base}/payments.xlsx")).await;
    assert_eq!(status, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "1520-QĐ-BCA",
            "456-QĐ-UBND",
            "457-QĐ-UBND",
            "215-QĐ-CAT",
            "825-QĐ-UBND"
        ]
    );
    let sheet = book.worksheet_range("457-QĐ-UBND").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("DANH SÁCH NHẬN TIỀN THƯỞNG".into())
    );
    assert_eq!(cell(4, 4), Data::String("Số tiền (đồng)".into()));
    assert_eq!(cell(5, 4), Data::Float(2_780_000.0));
    assert_eq!(cell(6, 4), Data::Float(2_780_000.0));
    assert_eq!(
        cell(7, 1),
        Data::String("Ông Đặng Văn Ngọc, Trưởng Công an xã".into())
    );
    assert_eq!(cell(7, 4), Data::Float(1_390_000.0));
    assert_eq!(cell(8, 1), Data::String("Tổng cộng".into()));
    assert_eq!(cell(8, 4), Data::Float(6_950_000.0));
    assert_eq!(
        cell(9, 0),
        Data::String("Bằng chữ: Sáu triệu chín trăm năm mươi nghìn đồng chẵn.".into())
    );
    let formulas = book.worksheet_formula("457-QĐ-UBND").unwrap();
    assert_eq!(
        formulas.get_value((8, 4)).map(String::as_str),
        Some("SUM(E6:E8)")
    );

    // The audit log keeps the prints.
    let audit = app.get(&format!("{base}/audit")).await.body;
    let prints = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "print" && e["detail"]["printout"] == "payments")
        .count();
    assert_eq!(prints, 2, "{audit}");
}

#[tokio::test]
async fn a_decision_sets_its_own_amount_or_none() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    let district = app.decision(id, "825/QĐ-UBND").await;
    let at = format!("{base}/decisions/{}", district["id"]);

    // Out of range: named, nothing written.
    let refused = app.patch(&at, json!({"cash_individual": -1})).await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    assert!(
        refused.body.to_string().contains("cash_individual"),
        "{}",
        refused.body
    );

    let set = app
        .patch(
            &at,
            json!({"cash_individual": 500_000, "cash_collective": 0}),
        )
        .await;
    assert_eq!(set.status, 200, "{:?}", set.body);
    assert_eq!(set.body["cash_individual"], 500_000);
    let paid = app
        .get(&format!("{base}/payments?decision={}", district["id"]))
        .await
        .body;
    let amounts = amounts(&paid);
    assert_eq!(amounts.len(), 8);
    for (name, amount) in &amounts {
        let individual = [
            "Nguyễn Đức Ánh",
            "Vũ Thị Mến",
            "Lưu Văn Quý",
            "Bùi Văn Đạt",
            "Đặng Thị Ngọc",
        ]
        .contains(&name.as_str());
        assert_eq!(*amount, individual.then_some(500_000), "{name}");
    }
    assert_eq!(paid["issuers"][0]["amount"], 2_500_000);
    assert_eq!(paid["issuers"][0]["paid"], 5);
    assert_eq!(paid["issuers"][0]["unpaid"], 3);
    assert_eq!(paid["recipients"][7]["cash"]["basis"]["kind"], "decision");

    // The change is in the audit log, with what it was.
    let audit = app.get(&format!("{base}/audit")).await.body;
    assert!(
        audit.to_string().contains("cash_individual"),
        "the override is audited: {audit}"
    );

    // Nobody paid: the list says so rather than printing an empty page.
    app.patch(&at, json!({"cash_individual": 0})).await;
    let none = app
        .get(&format!("{base}/payments.pdf?decision={}", district["id"]))
        .await;
    assert_eq!(none.status, 422);
    assert_eq!(none.body["code"], "nothing-to-pay", "{:?}", none.body);
    // Back to the decree's amounts.
    let back = app
        .patch(
            &at,
            json!({"cash_individual": null, "cash_collective": null}),
        )
        .await;
    assert_eq!(back.status, 200);
    let paid = app
        .get(&format!("{base}/payments?decision={}", district["id"]))
        .await
        .body;
    assert_eq!(paid["issuers"][0]["amount"], 3 * 840_000 + 5 * 420_000);
}

/// The decision's page says what each is paid and why, takes an amount as an office types
/// it ("500.000"), and links the payment lists; the dashboard shows each issuer's total.
#[tokio::test]
async fn the_decision_page_and_the_dashboard_show_the_cash_awards() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let mut web = Web::sign_in(&app, "organiser@kimson.gov.vn").await;
    let dashboard = web.get(&format!("/app/c/{id}")).await.text();
    assert!(
        dashboard.contains("Tiền thưởng theo cơ quan khen thưởng"),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("UBND huyện Kim Sơn 8 4.620.000"),
        "{dashboard}"
    );

    let district = app.decision(id, "825/QĐ-UBND").await;
    let page_at = format!("/app/c/{id}/awards/{}", district["id"]);
    let page = web.get(&page_at).await;
    let text = page.text();
    assert!(
        text.contains("Mỗi tập thể: 840.000 đồng (Nghị định 91/2017/NĐ-CP: 0,6 × mức lương cơ sở 1.390.000 đồng, làm tròn lên hàng chục nghìn đồng)"),
        "{text}"
    );
    assert!(text.contains("Mỗi cá nhân: 420.000 đồng"), "{text}");
    assert!(page.html.contains(&format!(
        "/api/v1/conferences/{id}/payments.xlsx?decision={}",
        district["id"]
    )));

    // The form as the page posts it: the stored fields, the amount typed with dots.
    let text_of = |name: &str| district[name].as_str().unwrap_or("").to_string();
    let form: Vec<(&str, String)> = vec![
        ("version", page.input("version")),
        ("issuer_id", district["issuer_id"].to_string()),
        ("number", text_of("number")),
        ("decided_on", text_of("decided_on")),
        ("form", text_of("form")),
        ("title_name", String::new()),
        ("signer_title", text_of("signer_title")),
        ("signer_rank", text_of("signer_rank")),
        ("signer_name", text_of("signer_name")),
        ("reason", text_of("reason")),
        ("cash_individual", "500.000".into()),
        ("cash_collective", String::new()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = web.post(&page_at, &pairs).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let text = web.get(&page_at).await.text();
    assert!(
        text.contains("Mỗi cá nhân: 500.000 đồng (mức riêng của quyết định này)"),
        "{text}"
    );
    assert!(text.contains("Mỗi tập thể: 840.000 đồng"), "{text}");
    assert!(
        text.contains("Tờ trình đề nghị khen thưởng (Word)"),
        "{text}"
    );
    let centre = web.get(&format!("/app/c/{id}/print")).await;
    assert!(centre.text().contains("Danh sách nhận tiền thưởng"));
    assert!(centre.text().contains("Quyết định và tờ trình khen thưởng"));
    assert!(
        centre
            .html
            .contains(&format!("href=\"/app/c/{id}/awards\""))
    );
    assert!(
        centre
            .html
            .contains(&format!("/api/v1/conferences/{id}/payments.xlsx"))
    );
    let stored = app.decision(id, "825/QĐ-UBND").await;
    assert_eq!(stored["cash_individual"], 500_000);
    assert_eq!(stored["cash_collective"], serde_json::Value::Null);
}

/// The district's decision as drafted for signing, read back: the articles, the annex's
/// groups numbered from 1, the amounts and their total in words.
#[tokio::test]
async fn the_decision_and_its_annex_as_drafted() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let district = app.decision(id, "825/QĐ-UBND").await;
    let at = format!(
        "/api/v1/conferences/{id}/decisions/{}/decision.pdf",
        district["id"]
    );
    let bytes = pdf(&app, &at).await;
    if let Some(text) = pdf_text(&bytes, "reading the decision back") {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_in_order(
            &text,
            &[
                "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
                "Số: 825/QĐ-UBND",
                "QUYẾT ĐỊNH Về việc tặng Giấy khen",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ",
                "QUYẾT ĐỊNH:",
                "Điều 1. Tặng Giấy khen cho 3 tập thể và 5 cá nhân (có danh sách kèm theo),",
                "Điều 2. Kèm theo Giấy khen, các tập thể, cá nhân được thưởng: mỗi tập thể 840.000 đồng, mỗi cá nhân 420.000 đồng.",
                "quỹ thi đua, khen thưởng của UBND huyện Kim Sơn.",
                "Điều 3.",
                "Nơi nhận: - Như Điều 3; - Lưu: VT.",
                "Nguyễn Văn Tuấn",
                "DANH SÁCH Tập thể, cá nhân được tặng Giấy khen",
                "(Kèm theo Quyết định số 825/QĐ-UBND ngày 11 tháng 3 năm 2019 của Chủ tịch UBND huyện Kim Sơn)",
                "I. TẬP THỂ",
                "1 Ban Công an xã Kim Hải",
                "840.000",
                "3 Nhân dân và cán bộ xóm 5, xã Kim Mỹ",
                "II. CÁ NHÂN",
                "1 Ông Nguyễn Đức Ánh",
                "5 Bà Đặng Thị Ngọc",
                "Tổng số tiền: 4.620.000 đồng (Bốn triệu sáu trăm hai mươi nghìn đồng chẵn).",
            ],
        );
    }
    let missing = app
        .get(&format!(
            "/api/v1/conferences/{id}/decisions/999999/decision.pdf"
        ))
        .await;
    assert_eq!(missing.status, 404);
}

/// The decision as a Word document, read back with python-docx: its paragraphs, the
/// annex's tables, Times New Roman 14 pt.
#[tokio::test]
async fn the_decision_as_a_word_document() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let province = app.decision(id, "457/QĐ-UBND").await;
    let (status, content_type, bytes) = app
        .download(&format!(
            "/api/v1/conferences/{id}/decisions/{}/decision.docx",
            province["id"]
        ))
        .await;
    assert_eq!(status, 200);
    assert!(content_type.contains("wordprocessingml"), "{content_type}");
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.text.strip():
        print("P|" + p.text)
for t in d.tables:
    for row in t.rows:
        print("R|" + " | ".join(c.text.replace("\n", " / ") for c in row.cells))
styles = d.styles.element.xml
print("FONT|" + str("Times New Roman" in styles) + "|" + str('w:val="28"' in styles))
"#;
    let Some(out) = hoinghi::test_support::run_tool(
        "python3-docx",
        &["-c", script, hoinghi::test_support::FILE],
        &bytes,
        "reading the decision's DOCX back",
    ) else {
        return;
    };
    assert_in_order(
        &out,
        &[
            "P|QUYẾT ĐỊNH",
            "P|Về việc tặng Bằng khen",
            "P|CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
            "P|Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "P|Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
            "P|QUYẾT ĐỊNH:",
            "P|Điều 1. Tặng Bằng khen cho 2 tập thể và 1 cá nhân (có danh sách kèm theo)",
            "P|Điều 2. Kèm theo Bằng khen, các tập thể, cá nhân được thưởng: mỗi tập thể 2.780.000 đồng, mỗi cá nhân 1.390.000 đồng.",
            "P|Điều 3.",
            "P|DANH SÁCH",
            "P|Tập thể, cá nhân được tặng Bằng khen",
            "P|(Kèm theo Quyết định số 457/QĐ-UBND ngày 05 tháng 3 năm 2019 của Chủ tịch UBND tỉnh Ninh Bình)",
            "P|I. TẬP THỂ",
            "P|II. CÁ NHÂN",
            "P|Tổng số tiền: 6.950.000 đồng (Sáu triệu chín trăm năm mươi nghìn đồng chẵn).",
            "R|ỦY BAN NHÂN DÂN / TỈNH NINH BÌNH / _______ / Số: 457/QĐ-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "R|Nơi nhận: / - Như Điều 3; / - Lưu: VT. | KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            "Đỗ Thị Minh Nguyệt",
            "R|STT | Tập thể, cá nhân | Đơn vị | Số tiền (đồng)",
            "R|1 | Công an xã Kim Chính | | 2.780.000",
            "R|2 | Cán bộ và nhân dân xã Kim Đông | | 2.780.000",
            "R|STT | Tập thể, cá nhân | Đơn vị | Số tiền (đồng)",
            "R|1 | Ông Đặng Văn Ngọc, Trưởng Công an xã | Công an xã Kim Chính, huyện Kim Sơn | 1.390.000",
            "FONT|True|True",
        ],
    );
}

/// The host body's proposal (Tờ trình) for the province's decision, read back as PDF and
/// as DOCX; then the province's own grounds, kept on the issuer, head its decision instead
/// of the defaults.
#[tokio::test]
async fn the_proposal_and_the_issuers_own_grounds() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let province = app.decision(id, "457/QĐ-UBND").await;
    let at = |file: &str| {
        format!(
            "/api/v1/conferences/{id}/decisions/{}/{file}",
            province["id"]
        )
    };
    let bytes = pdf(&app, &at("proposal.pdf")).await;
    if let Some(text) = pdf_text(&bytes, "reading the proposal back") {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_in_order(
            &text,
            &[
                "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
                "/TTr-UBND",
                "TỜ TRÌNH",
                "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh Ninh Bình",
                "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
                "Căn cứ kết quả thực hiện phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm 2018",
                "Ủy ban nhân dân huyện Kim Sơn kính trình Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình xem xét, tặng Bằng khen cho 2 tập thể và 1 cá nhân (có danh sách kèm theo),",
                "đề nghị thưởng mỗi tập thể 2.780.000 đồng, mỗi cá nhân 1.390.000 đồng theo quy định; tổng số tiền thưởng 6.950.000 đồng (sáu triệu chín trăm năm mươi nghìn đồng chẵn).",
                "Kính trình Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình xem xét, quyết định./.",
                "Nơi nhận: - Như trên; - Lưu: VT.",
                "DANH SÁCH Tập thể, cá nhân đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh Ninh Bình",
                "(Kèm theo Tờ trình số /TTr-UBND ngày tháng năm 2019 của UBND huyện Kim Sơn)",
                "I. TẬP THỂ",
                "1 Công an xã Kim Chính",
                "II. CÁ NHÂN",
                "1 Ông Đặng Văn Ngọc",
            ],
        );
        assert!(!text.contains("QUYẾT ĐỊNH:"), "{text}");
    }
    let (status, content_type, docx) = app.download(&at("proposal.docx")).await;
    assert_eq!(status, 200);
    assert!(content_type.contains("wordprocessingml"), "{content_type}");
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.text.strip():
        print("P|" + p.text)
"#;
    if let Some(out) = hoinghi::test_support::run_tool(
        "python3-docx",
        &["-c", script, hoinghi::test_support::FILE],
        &docx,
        "reading the proposal's DOCX back",
    ) {
        assert_in_order(
            &out,
            &[
                "P|TỜ TRÌNH",
                "P|Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh Ninh Bình",
                "P|Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
                "P|Ủy ban nhân dân huyện Kim Sơn kính trình",
                "P|Kính trình Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình xem xét, quyết định./.",
                "P|(Kèm theo Tờ trình số      /TTr-UBND",
            ],
        );
    }

    // The province keeps its own grounds: they replace the defaults, and its own "Xét đề
    // nghị" line replaces the dots.
    let issuers = app
        .get(&format!("/api/v1/conferences/{id}/issuers"))
        .await
        .body;
    let issuer = issuers["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == province["issuer_id"])
        .unwrap()
        .clone();
    let own = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\
               Căn cứ Quyết định số 15/2018/QĐ-UBND của UBND tỉnh ban hành Quy chế thi đua, khen thưởng;\n\
               Xét đề nghị của Giám đốc Sở Nội vụ.";
    let res = app
        .send(
            axum::http::Method::PATCH,
            &format!("/api/v1/conferences/{id}/issuers/{}", issuer["id"]),
            Some(serde_json::json!({ "grounds": own })),
            &[("if-match", &format!("\"{}\"", issuer["version"]))],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["grounds"], own.replace("               ", ""));
    let bytes = pdf(&app, &at("decision.pdf")).await;
    if let Some(text) = pdf_text(&bytes, "reading the decision back") {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_in_order(
            &text,
            &[
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                "Căn cứ Quyết định số 15/2018/QĐ-UBND của UBND tỉnh ban hành Quy chế thi đua, khen thưởng;",
                "Xét đề nghị của Giám đốc Sở Nội vụ.",
                "QUYẾT ĐỊNH:",
            ],
        );
        assert!(!text.contains("Căn cứ Luật Thi đua"), "{text}");
        assert!(!text.contains("Xét đề nghị của ……"), "{text}");
    }
    let too_long = app
        .send(
            axum::http::Method::PATCH,
            &format!("/api/v1/conferences/{id}/issuers/{}", issuer["id"]),
            Some(serde_json::json!({ "grounds": "Căn cứ ".repeat(800) })),
            &[(
                "if-match",
                &format!("\"{}\"", issuer["version"].as_i64().unwrap() + 1),
            )],
        )
        .await;
    assert_eq!(too_long.status, 422, "{}", too_long.body);
    assert!(
        too_long.body.to_string().contains("grounds"),
        "{}",
        too_long.body
    );
}
