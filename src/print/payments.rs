//! The payment list (danh sách nhận tiền thưởng): per decision, each recipient paid with
//! the amount and a column to sign, the total in figures and in words, and the signatures
//! of the preparer, the chief accountant and the head of the paying body.

use super::PrintError;
use super::admin::{self, BODY, Heading};
use super::fit::Align;
use super::flow::{Block, Cell, Column, Flow, PageFrame, Part, Table};
use super::fonts::FaceStyle;
use super::roster::recipient_label;
use crate::domain::cash::{self, grouped};
use crate::domain::model::Conference;
use crate::domain::programme::CeremonyDecision;
use crate::domain::summary::award_phrase;
use crate::domain::text::{long_date, normalize, unit_capitals};

const COLUMNS: [Column<'static>; 6] = [
    Column::new("STT", 12.5, Align::Centre),
    Column::new("Tập thể, cá nhân", 44.5, Align::Left),
    Column::new("Đơn vị", 36.0, Align::Left),
    Column::new("Hình thức", 24.0, Align::Left),
    Column::new("Số tiền (đồng)", 24.0, Align::Right),
    Column::new("Ký nhận", 24.0, Align::Centre),
];

/// Who signs a payment list, left to right.
pub const SIGNERS: [&str; 3] = ["NGƯỜI LẬP", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ"];

/// One decision's payment list: its recipients paid, with their amounts.
pub struct PaymentList<'a> {
    pub decision: &'a CeremonyDecision,
    /// (position in the decision's recipients, amount), in presentation order.
    pub paid: Vec<(usize, i64)>,
}

impl<'a> PaymentList<'a> {
    /// The decisions of `ceremony` with someone to pay.
    pub fn of(ceremony: &'a [CeremonyDecision]) -> Vec<PaymentList<'a>> {
        ceremony
            .iter()
            .map(|d| PaymentList {
                decision: d,
                paid: cash::of_decision(d)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, c)| Some((i, c?.amount)))
                    .collect(),
            })
            .filter(|l| !l.paid.is_empty())
            .collect()
    }

    pub fn total(&self) -> i64 {
        self.paid.iter().map(|(_, a)| a).sum()
    }

    /// "Kèm theo Quyết định số 825/QĐ-UBND ngày 11 tháng 3 năm 2019 của Chủ tịch UBND
    /// huyện Kim Sơn".
    pub fn attached_to(&self) -> String {
        let d = self.decision;
        format!(
            "Kèm theo Quyết định số {} {} của {}",
            normalize(&d.decision.number),
            long_date(d.decision.decided_on),
            admin::giver(d)
        )
    }
}

/// Render the payment lists of `lists`, each from a new page under its issuer's heading.
pub fn render_payments(
    conf: &Conference,
    lists: &[PaymentList<'_>],
) -> Result<Vec<u8>, PrintError> {
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    for (k, list) in lists.iter().enumerate() {
        let d = list.decision;
        let owner = normalize(&d.decision.number);
        if k > 0 {
            flow.new_page();
        }
        // The paying body heads its own list: the issuer, not the conference's host.
        let payer = admin::issued_by(conf, &d.issuer);
        admin::heading(&mut flow, &Heading::unnumbered(&payer))?;
        let form = award_phrase(&d.decision.form, d.decision.title_name.as_deref());
        let form = crate::domain::titles::capitalise(&form);
        let subject = format!("{form} của {}", admin::giver(d));
        admin::title(&mut flow, "DANH SÁCH NHẬN TIỀN THƯỞNG", &subject, &owner)?;
        flow.paragraph(
            &format!("({})", list.attached_to()),
            &Block::new(FaceStyle::Italic, BODY, Align::Centre),
            "quyết định",
            &owner,
        )?;
        flow.advance(3.0);
        let mut rows: Vec<Vec<Cell>> = list
            .paid
            .iter()
            .enumerate()
            .map(|(n, &(i, amount))| {
                let r = &d.recipients[i];
                vec![
                    vec![Part::new((n + 1).to_string(), FaceStyle::Regular)],
                    vec![Part::new(recipient_label(r), FaceStyle::Bold)],
                    vec![Part::new(
                        unit_capitals(&r.unit.as_deref().map(normalize).unwrap_or_default()),
                        FaceStyle::Regular,
                    )],
                    vec![Part::new(form.clone(), FaceStyle::Regular)],
                    vec![Part::new(grouped(amount), FaceStyle::Regular)],
                    vec![],
                ]
            })
            .collect();
        let total = list.total();
        rows.push(vec![
            vec![],
            vec![Part::new("Tổng cộng", FaceStyle::Bold)],
            vec![],
            vec![],
            vec![Part::new(grouped(total), FaceStyle::Bold)],
            vec![],
        ]);
        let mut table = Table::new(&COLUMNS, 12.0);
        table.min_row_height = 12.0;
        table.draw(&mut flow, &rows, &|i| match list.paid.get(i) {
            Some(&(r, _)) => format!("{owner}, {}", d.recipients[r].name),
            None => format!("{owner}, tổng cộng"),
        })?;
        flow.advance(3.0);
        flow.paragraph(
            &format!("Bằng chữ: {}.", cash::words(total)),
            &Block::new(FaceStyle::Italic, BODY, Align::Left),
            "bằng chữ",
            &owner,
        )?;
        flow.advance(4.0);
        admin::signatures(&mut flow, &SIGNERS, "(Ký, ghi rõ họ tên)", &owner)?;
    }
    flow.render(
        &format!("Danh sách nhận tiền thưởng - {}", conf.title),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    #[test]
    fn each_decision_lists_its_amounts_the_total_and_its_words() {
        let ceremony = samples::ceremony();
        let lists = PaymentList::of(&ceremony);
        assert!(!lists.is_empty());
        let pdf = render_payments(&samples::conference(), &lists).unwrap();
        samples::write_sample("payments.pdf", &pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "payment list") else {
            return;
        };
        let mut expected = Vec::new();
        for list in &lists {
            expected.push("DANH SÁCH NHẬN TIỀN THƯỞNG".to_string());
            expected.push(format!("Quyết định số {}", list.decision.decision.number));
            for (n, &(i, amount)) in list.paid.iter().enumerate() {
                let r = &list.decision.recipients[i];
                expected.push(format!("{} {}", n + 1, recipient_label(r)));
                expected.push(grouped(amount));
            }
            expected.push(format!("Tổng cộng {}", grouped(list.total())));
            expected.push(format!("Bằng chữ: {}.", cash::words(list.total())));
            for signer in SIGNERS {
                expected.push(format!("{signer} (Ký, ghi rõ họ tên)"));
            }
        }
        assert_in_order(&text, &expected);
    }
}
