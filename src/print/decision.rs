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
use crate::domain::input::InvitationSettings;
use crate::domain::issuers::expand_abbreviations;
use crate::domain::kinds::RecipientKind;
use crate::domain::model::{Conference, Issuer, Recipient};
use crate::domain::programme::CeremonyDecision;
use crate::domain::summary::award_phrase;
use crate::domain::text::{long_date, normalize, unit_capitals, upper};
use chrono::Datelike;

/// An award's draft paper — the decision, or the proposal (Tờ trình) asking a higher issuer
/// for one — with its annex, made once for the PDF and the DOCX alike.
pub struct Draft {
    /// "QUYẾT ĐỊNH" or "TỜ TRÌNH".
    pub kind: &'static str,
    /// The heading's symbol: "QĐ", "TTr".
    pub symbol: &'static str,
    /// "Về việc tặng Giấy khen".
    pub summary: String,
    /// The decision's authority, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN"; the proposal's
    /// addressee, "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình".
    pub authority: String,
    pub addressed: bool,
    /// "Căn cứ …;" lines (and the decision's "Xét đề nghị của …"), in italics.
    pub grounds: Vec<String>,
    /// A decision's "QUYẾT ĐỊNH:" before its articles.
    pub decides: bool,
    /// Paragraphs, each with its bold lead ("Điều 1.", or none).
    pub articles: Vec<(String, String)>,
    /// "Nơi nhận" entries.
    pub recipients: Vec<String>,
    /// The signer's title lines, and the name (with the rank above it).
    pub signer_title: String,
    pub signer_name: String,
    /// The annex's heading lines: "DANH SÁCH", what it lists, "(Kèm theo …)".
    pub annex_title: String,
    pub annex_subject: String,
    pub annex_attached: String,
    /// "I. TẬP THỂ" / "II. CÁ NHÂN" with their rows.
    pub groups: Vec<(String, Vec<AnnexRow>)>,
    pub annex_total: Option<i64>,
}

pub struct AnnexRow {
    pub name: String,
    pub unit: String,
    pub amount: Option<i64>,
}

/// The first of a date, for the laws' and decrees' dates of effect.
fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// The Law on Emulation and Commendation and its decree in force on `on`.
fn emulation_law(on: chrono::NaiveDate) -> Vec<String> {
    let mut lines = vec![if on >= day(2024, 1, 1) {
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".to_string()
    } else {
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;".to_string()
    }];
    if let Some(decree) = cash::decree_on(on) {
        let dated = decree
            .dated
            .map(|d| format!(" {}", long_date(d)))
            .unwrap_or_default();
        lines.push(format!(
            "Căn cứ Nghị định số {}{dated} của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            decree.code
        ));
    }
    lines
}

/// The legal grounds of a decision of `issuer` on `on`: its own, one per line, where it
/// keeps them; otherwise the law on its organisation (local government, for People's
/// Committees), the Law on Emulation and Commendation and its decree in force on that day.
/// Then "Xét đề nghị của …", unless its own lines already say whose proposal it weighs.
pub fn grounds(issuer: &Issuer, on: chrono::NaiveDate) -> Vec<String> {
    let own: Vec<String> = issuer
        .grounds
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(normalize)
        .filter(|l| !l.is_empty())
        .collect();
    let mut lines = if own.is_empty() {
        let name = crate::domain::text::fold(&issuer.name);
        let local = (matches!(issuer.level.as_str(), "province" | "district" | "commune")
            && name.starts_with("ubnd"))
            || name.starts_with("uy ban nhan dan");
        let mut lines = Vec::new();
        if local {
            lines.push(
                if on >= day(2025, 7, 1) {
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
                } else {
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
                }
                .to_string(),
            );
        }
        lines.extend(emulation_law(on));
        lines
    } else {
        own
    };
    if !lines.iter().any(|l| l.starts_with("Xét")) {
        lines.push("Xét đề nghị của ……………………….".into());
    }
    lines
}

/// What a decision gives and to whom, shared by the decision and the proposal.
struct Award<'a> {
    d: &'a CeremonyDecision,
    /// "Giấy khen", "danh hiệu Chiến sĩ thi đua cơ sở".
    form: String,
    /// "đã có thành tích xuất sắc …", lower-cased, without its full stop.
    reason: String,
    paid: Vec<Option<cash::Cash>>,
}

impl<'a> Award<'a> {
    fn of(d: &'a CeremonyDecision) -> Award<'a> {
        let decision = &d.decision;
        let reason = decision
            .reason
            .as_deref()
            .map(normalize)
            .unwrap_or_else(|| "đã có thành tích xuất sắc".into());
        Award {
            d,
            form: award_phrase(&decision.form, decision.title_name.as_deref()),
            reason: lowercase_first(reason.trim_end_matches('.')),
            paid: cash::of_decision(d),
        }
    }

    /// Each collective's and each individual's amount, "mỗi tập thể 840.000 đồng, …".
    fn each(&self) -> (Vec<String>, bool) {
        let amount = |kind: &str| {
            self.d
                .recipients
                .iter()
                .zip(&self.paid)
                .find(|(r, _)| r.kind == kind)
                .and_then(|(_, c)| c.as_ref())
                .map(|c| c.amount)
        };
        let collective = amount(RecipientKind::Collective.code());
        let mut each = Vec::new();
        if let Some(a) = collective {
            each.push(format!("mỗi tập thể {} đồng", grouped(a)));
        }
        if let Some(a) = amount(RecipientKind::Individual.code()) {
            each.push(format!("mỗi cá nhân {} đồng", grouped(a)));
        }
        (each, collective.is_some())
    }

    /// "các tập thể, cá nhân", "mỗi tập thể", "mỗi cá nhân": who is paid.
    fn paid_ones(&self) -> &'static str {
        match self.each() {
            (each, _) if each.len() > 1 => "các tập thể, cá nhân",
            (_, true) => "mỗi tập thể",
            _ => "mỗi cá nhân",
        }
    }

    /// The annex's groups, "I. TẬP THỂ" then "II. CÁ NHÂN", each numbered from 1.
    fn groups(&self) -> Vec<(String, Vec<AnnexRow>)> {
        let collective = RecipientKind::Collective.code();
        [("TẬP THỂ", true), ("CÁ NHÂN", false)]
            .into_iter()
            .filter_map(|(label, collectives)| {
                let rows: Vec<AnnexRow> = self
                    .d
                    .recipients
                    .iter()
                    .zip(&self.paid)
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
            .collect()
    }

    fn total(&self) -> Option<i64> {
        let total: i64 = self.paid.iter().flatten().map(|c| c.amount).sum();
        (total > 0).then_some(total)
    }
}

impl Draft {
    /// The decision of `d`'s issuer, as drafted for its head to sign.
    pub fn decision(d: &CeremonyDecision) -> Draft {
        let award = Award::of(d);
        let decision = &d.decision;
        let form = &award.form;
        let mut articles = vec![(
            "Điều 1.".to_string(),
            format!(
                "Tặng {form} cho {} (có danh sách kèm theo), {}.",
                admin::whom(d),
                award.reason
            ),
        )];
        let (each, _) = award.each();
        if !each.is_empty() {
            articles.push((
                format!("Điều {}.", articles.len() + 1),
                format!(
                    "Kèm theo {form}, {} được thưởng: {}. Kinh phí khen thưởng chi từ quỹ thi đua, khen thưởng của {}.",
                    award.paid_ones(),
                    each.join(", "),
                    normalize(&d.issuer.name)
                ),
            ));
        }
        articles.push((
            format!("Điều {}.", articles.len() + 1),
            format!(
                "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ),
        ));
        Draft {
            kind: "QUYẾT ĐỊNH",
            symbol: "QĐ",
            summary: format!("Về việc tặng {form}"),
            authority: upper(&normalize(&d.issuer.certificate_heading).replace('\n', " ")),
            addressed: false,
            grounds: grounds(&d.issuer, decision.decided_on),
            decides: true,
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
                admin::giver(d)
            ),
            groups: award.groups(),
            annex_total: award.total(),
        }
    }

    /// The proposal (Tờ trình, Decree 30 Appendix III) in which the conference's host body
    /// asks `d`'s issuer for its award, signed as the host body signs its papers
    /// (`proposer`), with the same annex. Its number and day are left to fill in.
    pub fn proposal(conf: &Conference, proposer: &Signer, d: &CeremonyDecision) -> Draft {
        let award = Award::of(d);
        let form = &award.form;
        let giver = expand_abbreviations(&admin::giver(d));
        let host = expand_abbreviations(&conf.host_body);
        let mut grounds = emulation_law(d.decision.decided_on);
        grounds.push(format!(
            "Căn cứ kết quả thực hiện phong trào thi đua “{}” năm {} và thành tích của các tập thể, cá nhân;",
            normalize(&conf.movement),
            conf.year_reviewed
        ));
        let mut articles = vec![(
            String::new(),
            format!(
                "{host} kính trình {giver} xem xét, tặng {form} cho {} (có danh sách kèm theo), {}.",
                admin::whom(d),
                award.reason
            ),
        )];
        let (each, _) = award.each();
        if let (false, Some(total)) = (each.is_empty(), award.total()) {
            articles.push((
                String::new(),
                format!(
                    "Kèm theo {form}, đề nghị thưởng {} theo quy định; tổng số tiền thưởng {} đồng ({}).",
                    each.join(", "),
                    grouped(total),
                    lowercase_first(&cash::words(total))
                ),
            ));
        }
        articles.push((
            String::new(),
            format!("Kính trình {giver} xem xét, quyết định./."),
        ));
        let date = format!("ngày      tháng      năm {}", conf.held_on.year());
        Draft {
            kind: "TỜ TRÌNH",
            symbol: "TTr",
            summary: format!("Về việc đề nghị tặng {form} của {}", admin::giver(d)),
            authority: format!("Kính gửi: {giver}"),
            addressed: true,
            grounds,
            decides: false,
            articles,
            recipients: vec!["- Như trên;".into(), "- Lưu: VT.".into()],
            signer_title: proposer.title.clone(),
            signer_name: proposer.name.clone(),
            annex_title: "DANH SÁCH".into(),
            annex_subject: format!(
                "Tập thể, cá nhân đề nghị tặng {form} của {}",
                admin::giver(d)
            ),
            annex_attached: format!(
                "(Kèm theo Tờ trình số      /TTr-{} {date} của {})",
                admin::body_abbreviation(&conf.host_body),
                normalize(&conf.host_body)
            ),
            groups: award.groups(),
            annex_total: award.total(),
        }
    }
}

/// Who signs the host body's papers: title lines and name (with rank).
pub struct Signer {
    pub title: String,
    pub name: String,
}

const ANNEX: [Column<'static>; 4] = [
    Column::new("STT", 12.5, Align::Centre),
    Column::new("Tập thể, cá nhân", 70.0, Align::Left),
    Column::new("Đơn vị", 55.0, Align::Left),
    Column::new("Số tiền (đồng)", 27.5, Align::Right),
];

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which draft of a decision: the decision itself, or the host body's proposal for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    Decision,
    Proposal,
}

/// A draft with what its heading needs, ready to render as PDF or DOCX.
pub struct Prepared {
    /// The body whose heading it carries: the issuer of a decision, the host body of a
    /// proposal.
    from: Conference,
    number: Option<String>,
    dated: Option<chrono::NaiveDate>,
    issuing_unit: Option<String>,
    pub draft: Draft,
    /// "Quyết định 825/QĐ-UBND", "Tờ trình đề nghị 456/QĐ-UBND": the PDF's title.
    pub title: String,
}

impl Prepared {
    pub fn of(conf: &Conference, d: &CeremonyDecision, paper: Paper) -> Prepared {
        let number = normalize(&d.decision.number);
        match paper {
            Paper::Decision => Prepared {
                from: admin::issued_by(conf, &d.issuer),
                number: Some(number.clone()),
                dated: Some(d.decision.decided_on),
                issuing_unit: None,
                draft: Draft::decision(d),
                title: format!("Quyết định {number}"),
            },
            Paper::Proposal => {
                let settings = InvitationSettings::of(conf.invitation.as_ref());
                let letter = crate::print::invitations::Invitation {
                    conference: conf,
                    settings: settings.clone(),
                    starts_at: None,
                };
                let signer = Signer {
                    title: letter.signer_title(),
                    name: letter.signer_name(),
                };
                Prepared {
                    from: conf.clone(),
                    number: None,
                    dated: None,
                    issuing_unit: settings.issuing_unit,
                    draft: Draft::proposal(conf, &signer, d),
                    title: format!("Tờ trình đề nghị {number}"),
                }
            }
        }
    }

    pub fn heading(&self) -> Heading<'_> {
        Heading {
            conference: &self.from,
            symbol: Some(self.draft.symbol),
            number: self.number.as_deref(),
            dated: self.dated,
            issuing_unit: self.issuing_unit.as_deref(),
        }
    }

    pub fn pdf(&self) -> Result<Vec<u8>, PrintError> {
        render_draft(&self.heading(), &self.draft, &self.title)
    }
}

/// A draft (decision or proposal) and its annex as PDF under `heading`.
fn render_draft(heading: &Heading<'_>, text: &Draft, title: &str) -> Result<Vec<u8>, PrintError> {
    let owner = title;
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    admin::heading(&mut flow, heading)?;
    admin::title(&mut flow, text.kind, &text.summary, owner)?;
    let centred_bold = Block::new(FaceStyle::Bold, BODY + 1.0, Align::Centre);
    let authority = if text.addressed {
        Block::new(FaceStyle::Regular, BODY + 1.0, Align::Centre)
    } else {
        centred_bold
    };
    flow.paragraph(&text.authority, &authority, "thẩm quyền", owner)?;
    flow.advance(3.0);
    let body = Block::new(FaceStyle::Regular, BODY + 1.0, Align::Left).first_line_indented(10.0);
    let grounds = Block::new(FaceStyle::Italic, BODY + 1.0, Align::Left).first_line_indented(10.0);
    for g in &text.grounds {
        flow.paragraph(g, &grounds, "căn cứ", owner)?;
    }
    flow.advance(2.0);
    if text.decides {
        flow.paragraph("QUYẾT ĐỊNH:", &centred_bold, "quyết định", owner)?;
        flow.advance(2.0);
    }
    for (lead, a) in &text.articles {
        flow.led_paragraph(lead, a, &body, "điều", owner)?;
        flow.advance(1.0);
    }
    let lines = text.signer_title.lines().count() + text.signer_name.lines().count() + 1;
    flow.ensure(4.0 + lines as f32 * 7.0 + 25.0);
    let top = flow.y() + 4.0;
    admin::recipients(&mut flow, top, &text.recipients, owner)?;
    admin::signature(&mut flow, &text.signer_title, &text.signer_name, owner)?;

    // The annex, from a page of its own.
    flow.new_page();
    let big = Block::new(FaceStyle::Bold, BODY + 1.0, Align::Centre);
    flow.paragraph(&text.annex_title, &big, "danh sách", owner)?;
    flow.paragraph(&text.annex_subject, &big, "danh sách", owner)?;
    flow.paragraph(
        &text.annex_attached,
        &Block::new(FaceStyle::Italic, BODY, Align::Centre),
        "danh sách",
        owner,
    )?;
    flow.advance(4.0);
    let bold = Block::new(FaceStyle::Bold, BODY, Align::Left);
    for (label, rows) in &text.groups {
        flow.ensure(30.0);
        flow.paragraph(label, &bold, "danh sách", owner)?;
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
            owner,
        )?;
    }
    flow.render(title, true)
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
        let pdf = Prepared::of(&samples::conference(), d, Paper::Decision)
            .pdf()
            .unwrap();
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

    #[test]
    fn the_proposal_asks_the_higher_issuer() {
        let ceremony = samples::ceremony();
        let d = ceremony
            .iter()
            .find(|d| d.decision.number == "457/QĐ-UBND")
            .unwrap();
        let prepared = Prepared::of(&samples::conference(), d, Paper::Proposal);
        let draft = &prepared.draft;
        assert_eq!(draft.kind, "TỜ TRÌNH");
        assert!(!draft.decides);
        assert_eq!(
            draft.authority,
            "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"
        );
        assert!(
            draft.articles.iter().all(|(lead, _)| lead.is_empty()),
            "a proposal has no articles"
        );
        assert_eq!(
            prepared.heading().text().number.as_deref(),
            Some("Số:        /TTr-UBND")
        );
        let pdf = prepared.pdf().unwrap();
        samples::write_sample("proposal.pdf", &pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "proposal") else {
            return;
        };
        assert_in_order(
            &text,
            &[
                "TỜ TRÌNH",
                "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh Ninh Bình",
                "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
                "kính trình",
                "Kính trình Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình xem xét, quyết định./.",
                "DANH SÁCH",
            ],
        );
    }
}
