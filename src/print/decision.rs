//! The award decision (Quyết định khen thưởng, an individual decision per Decree 30/2020,
//! Appendix I) and its annex: the issuer's block, number and date, "QUYẾT ĐỊNH" with its
//! summary, the authority, the grounds, Điều 1 (to whom, which form, "có danh sách kèm
//! theo", why), Điều 2 (the cash award, where one applies), Điều 3 (who carries it out),
//! "Nơi nhận" beside the signer; then the annex on its own page, "I. TẬP THỂ" and "II. CÁ
//! NHÂN", each numbered from 1, with units and amounts.

use super::PrintError;
use super::admin::{self, BODY, Heading};
use super::fit::Align;
use super::flow::{Block, Cell, Column, Flow, PageFrame, Part, Table};
use super::fonts::FaceStyle;
use super::roster::recipient_label;
use crate::domain::cash::{self, grouped};
use crate::domain::kinds::RecipientKind;
use crate::domain::model::{Conference, Recipient};
use crate::domain::programme::CeremonyDecision;
use crate::domain::summary::award_phrase;
use crate::domain::text::{long_date, normalize, unit_capitals, upper};

/// The decision's text, made once for the PDF and the DOCX alike.
pub struct DecisionText {
    /// "Về việc tặng Giấy khen".
    pub summary: String,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN".
    pub authority: String,
    /// "Căn cứ …;" lines, then "Xét đề nghị của …".
    pub grounds: Vec<String>,
    /// "Điều 1. …", "Điều 2. …", …
    pub articles: Vec<String>,
    pub recipients: Vec<String>,
    /// The signer's title lines, and the name (with the rank above it).
    pub signer_title: String,
    pub signer_name: String,
    /// "DANH SÁCH" heading lines of the annex.
    pub annex_title: String,
    pub annex_subject: String,
    pub annex_attached: String,
    /// "I. TẬP THỂ" / "II. CÁ NHÂN" with their rows: (number, name, unit, amount).
    pub groups: Vec<(String, Vec<AnnexRow>)>,
    pub annex_total: Option<i64>,
}

pub struct AnnexRow {
    pub name: String,
    pub unit: String,
    pub amount: Option<i64>,
}

/// The legal grounds of a decision of an issuer at `level` on `day`: the law on its
/// organisation (local government, for People's Committees), the Law on Emulation and
/// Commendation and its decree in force on that day.
pub fn grounds(level: &str, issuer_name: &str, day: chrono::NaiveDate) -> Vec<String> {
    let mut lines = Vec::new();
    let name = crate::domain::text::fold(issuer_name);
    let local = (matches!(level, "province" | "district" | "commune") && name.starts_with("ubnd"))
        || name.starts_with("uy ban nhan dan");
    if local {
        lines.push(
            if day >= chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date") {
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
            } else {
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
            }
            .to_string(),
        );
    }
    if day >= chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date") {
        lines.push("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into());
    } else {
        lines.push(
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;"
                .into(),
        );
    }
    if let Some(decree) = cash::decree_on(day) {
        let dated = decree
            .dated
            .map(|d| format!(" {}", long_date(d)))
            .unwrap_or_default();
        lines.push(format!(
            "Căn cứ Nghị định số {}{dated} của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            decree.code
        ));
    }
    lines.push("Xét đề nghị của ……………………….".into());
    lines
}

impl DecisionText {
    pub fn of(d: &CeremonyDecision) -> DecisionText {
        let decision = &d.decision;
        let form = award_phrase(&decision.form, decision.title_name.as_deref());
        let giver = admin::giver(d);
        let collective = RecipientKind::Collective.code();
        let paid = cash::of_decision(d);
        let reason = decision
            .reason
            .as_deref()
            .map(normalize)
            .unwrap_or_else(|| "đã có thành tích xuất sắc".into());
        let mut articles = vec![format!(
            "Điều 1. Tặng {form} cho {} (có danh sách kèm theo), {}.",
            admin::whom(d),
            lowercase_first(reason.trim_end_matches('.'))
        )];
        let amounts = |kind: &str| {
            d.recipients
                .iter()
                .zip(&paid)
                .find(|(r, _)| r.kind == kind)
                .and_then(|(_, c)| c.as_ref())
                .map(|c| c.amount)
        };
        let (for_collective, for_individual) = (
            amounts(collective),
            amounts(RecipientKind::Individual.code()),
        );
        let mut each = Vec::new();
        if let Some(a) = for_collective {
            each.push(format!("mỗi tập thể {} đồng", grouped(a)));
        }
        if let Some(a) = for_individual {
            each.push(format!("mỗi cá nhân {} đồng", grouped(a)));
        }
        let mut next = 2;
        if !each.is_empty() {
            articles.push(format!(
                "Điều {next}. Kèm theo {form}, {} được thưởng: {}. Kinh phí khen thưởng chi từ quỹ thi đua, khen thưởng của {}.",
                if each.len() > 1 { "các tập thể, cá nhân" } else if for_collective.is_some() { "mỗi tập thể" } else { "mỗi cá nhân" },
                each.join(", "),
                normalize(&d.issuer.name)
            ));
            next += 1;
        }
        articles.push(format!(
            "Điều {next}. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        ));
        let groups: Vec<(String, Vec<AnnexRow>)> = [("TẬP THỂ", true), ("CÁ NHÂN", false)]
            .into_iter()
            .filter_map(|(label, collectives)| {
                let rows: Vec<AnnexRow> = d
                    .recipients
                    .iter()
                    .zip(&paid)
                    .filter(|(r, _)| (r.kind == collective) == collectives)
                    .map(|(r, c): (&Recipient, _)| AnnexRow {
                        name: recipient_label(r),
                        unit: unit_capitals(&r.unit.as_deref().map(normalize).unwrap_or_default()),
                        amount: c.as_ref().map(|c| c.amount),
                    })
                    .collect();
                (!rows.is_empty()).then_some((label, rows))
            })
            .enumerate()
            .map(|(i, (label, rows))| (format!("{}. {label}", ["I", "II"][i]), rows))
            .collect();
        let total: i64 = paid.iter().flatten().map(|c| c.amount).sum();
        DecisionText {
            summary: format!("Về việc tặng {form}"),
            authority: upper(&normalize(&d.issuer.certificate_heading).replace('\n', " ")),
            grounds: grounds(&d.issuer.level, &d.issuer.name, decision.decided_on),
            articles,
            recipients: vec!["- Như Điều 3;".into(), "- Lưu: VT.".into()],
            signer_title: decision.signer_title.clone(),
            signer_name: admin::ranked(&decision.signer_rank, &normalize(&decision.signer_name)),
            annex_title: "DANH SÁCH".into(),
            annex_subject: format!("Tập thể, cá nhân được tặng {form}"),
            annex_attached: format!(
                "(Kèm theo Quyết định số {} {} của {})",
                normalize(&decision.number),
                long_date(decision.decided_on),
                giver
            ),
            groups,
            annex_total: (total > 0).then_some(total),
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

const ANNEX: [Column<'static>; 4] = [
    Column {
        title: "STT",
        width: 12.5,
        align: Align::Centre,
    },
    Column {
        title: "Tập thể, cá nhân",
        width: 70.0,
        align: Align::Left,
    },
    Column {
        title: "Đơn vị",
        width: 55.0,
        align: Align::Left,
    },
    Column {
        title: "Số tiền (đồng)",
        width: 27.5,
        align: Align::Right,
    },
];

/// The decision and its annex as PDF.
pub fn render_decision(conf: &Conference, d: &CeremonyDecision) -> Result<Vec<u8>, PrintError> {
    let text = DecisionText::of(d);
    let owner = normalize(&d.decision.number);
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    let issuer = admin::issued_by(conf, &d.issuer);
    admin::heading(
        &mut flow,
        &Heading {
            conference: &issuer,
            symbol: None,
            number: Some(&d.decision.number),
            dated: Some(d.decision.decided_on),
            issuing_unit: None,
        },
    )?;
    admin::title(&mut flow, "QUYẾT ĐỊNH", &text.summary, &owner)?;
    let centred_bold = Block::new(FaceStyle::Bold, BODY + 1.0, Align::Centre);
    flow.paragraph(&text.authority, &centred_bold, "thẩm quyền", &owner)?;
    flow.advance(3.0);
    let body = Block::new(FaceStyle::Regular, BODY + 1.0, Align::Left).first_line_indented(10.0);
    let grounds = Block::new(FaceStyle::Italic, BODY + 1.0, Align::Left).first_line_indented(10.0);
    for g in &text.grounds {
        flow.paragraph(g, &grounds, "căn cứ", &owner)?;
    }
    flow.advance(2.0);
    flow.paragraph("QUYẾT ĐỊNH:", &centred_bold, "quyết định", &owner)?;
    flow.advance(2.0);
    for a in &text.articles {
        flow.paragraph(a, &body, "điều", &owner)?;
        flow.advance(1.0);
    }
    let lines = text.signer_title.lines().count() + text.signer_name.lines().count() + 1;
    flow.ensure(4.0 + lines as f32 * 7.0 + 25.0);
    let top = flow.y() + 4.0;
    admin::recipients(&mut flow, top, &text.recipients, &owner)?;
    admin::signature(&mut flow, &text.signer_title, &text.signer_name, &owner)?;

    // The annex, from a page of its own.
    flow.new_page();
    let big = Block::new(FaceStyle::Bold, BODY + 1.0, Align::Centre);
    flow.paragraph(&text.annex_title, &big, "danh sách", &owner)?;
    flow.paragraph(&text.annex_subject, &big, "danh sách", &owner)?;
    flow.paragraph(
        &text.annex_attached,
        &Block::new(FaceStyle::Italic, BODY, Align::Centre),
        "danh sách",
        &owner,
    )?;
    flow.advance(4.0);
    let bold = Block::new(FaceStyle::Bold, BODY, Align::Left);
    for (label, rows) in &text.groups {
        flow.ensure(30.0);
        flow.paragraph(label, &bold, "danh sách", &owner)?;
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    vec![Part::new((i + 1).to_string(), FaceStyle::Regular)],
                    vec![Part::new(r.name.clone(), FaceStyle::Bold)],
                    vec![Part::new(r.unit.clone(), FaceStyle::Regular)],
                    vec![Part::new(
                        r.amount.map(grouped).unwrap_or_default(),
                        FaceStyle::Regular,
                    )],
                ]
            })
            .collect();
        Table::new(&ANNEX, 12.0)
            .draw(&mut flow, &cells, &|i| format!("{owner}, {}", rows[i].name))?;
        flow.advance(3.0);
    }
    if let Some(total) = text.annex_total {
        flow.paragraph(
            &format!(
                "Tổng số tiền: {} đồng ({}).",
                grouped(total),
                cash::words(total)
            ),
            &Block::new(FaceStyle::Italic, BODY, Align::Left),
            "tổng số tiền",
            &owner,
        )?;
    }
    flow.render(&format!("Quyết định {}", d.decision.number), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    #[test]
    fn the_decision_and_its_annex_read_back() {
        let ceremony = samples::ceremony();
        let d = ceremony
            .iter()
            .find(|d| d.decision.number == "825/QĐ-UBND")
            .unwrap();
        let pdf = render_decision(&samples::conference(), d).unwrap();
        samples::write_sample("decision.pdf", &pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "decision") else {
            return;
        };
        assert_in_order(
            &text,
            &[
                "ỦY BAN NHÂN DÂN",
                "HUYỆN KIM SƠN",
                "Số: 825/QĐ-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "ngày 11 tháng 3 năm 2019",
                "QUYẾT ĐỊNH",
                "Về việc tặng Giấy khen",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                "Căn cứ Nghị định số 91/2017/NĐ-CP",
                "QUYẾT ĐỊNH:",
                "Điều 1. Tặng Giấy khen cho 3 tập thể và 5 cá nhân (có danh sách kèm theo)",
                "Điều 2.",
                "mỗi tập thể 840.000 đồng, mỗi cá nhân 420.000 đồng",
                "Điều 3.",
                "Nơi nhận:",
                "CHỦ TỊCH",
                "DANH SÁCH",
                "(Kèm theo Quyết định số 825/QĐ-UBND ngày 11 tháng 3 năm 2019 của Chủ tịch UBND huyện Kim Sơn)",
                "I. TẬP THỂ",
                "1 Ban Công an xã Kim Hải",
                "II. CÁ NHÂN",
                "1 Ông Nguyễn Đức Ánh",
                "5 Bà Đặng Thị Ngọc",
                "Tổng số tiền: 4.620.000 đồng (Bốn triệu sáu trăm hai mươi nghìn đồng chẵn).",
            ],
        );
    }
}
