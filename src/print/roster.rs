//! The award roster (danh sách khen thưởng): per decision in ceremony order, its issuer,
//! number, date and form, then the numbered recipients with unit and reason; the list
//! attached to a decision and read at the ceremony.

use super::PrintError;
use super::admin::{self, BODY, Heading};
use super::fit::Align;
use super::flow::{Block, Cell, Column, Flow, PageFrame, Part, Table};
use super::fonts::FaceStyle;
use crate::domain::kinds::RecipientKind;
use crate::domain::model::{Conference, Recipient};
use crate::domain::programme::CeremonyDecision;
use crate::domain::summary::award_phrase;
use crate::domain::text::{long_date, normalize, unit_capitals};

const COLUMNS: [Column<'static>; 4] = [
    Column::new("STT", 12.0, Align::Centre),
    Column::new("Tập thể, cá nhân", 55.0, Align::Left),
    Column::new("Đơn vị", 45.0, Align::Left),
    Column::new("Thành tích", 53.0, Align::Left),
];

/// How a recipient is named: a collective by its name; a person with honorific and
/// position.
pub fn recipient_label(r: &Recipient) -> String {
    if r.kind == RecipientKind::Collective.code() {
        return unit_capitals(&normalize(&r.name));
    }
    let name = admin::addressed(r.honorific.as_deref(), &r.name);
    match r.position.as_deref().map(normalize) {
        Some(p) if !p.is_empty() => format!("{name}, {p}"),
        _ => name,
    }
}

/// Render the roster of `decisions`, which must be in ceremony order.
pub fn render_roster(
    conf: &Conference,
    decisions: &[CeremonyDecision],
) -> Result<Vec<u8>, PrintError> {
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    admin::heading(&mut flow, &Heading::unnumbered(conf))?;
    admin::title(
        &mut flow,
        "DANH SÁCH KHEN THƯỞNG",
        &normalize(&conf.title),
        &conf.title,
    )?;
    let bold = Block::new(FaceStyle::Bold, BODY, Align::Left);
    for (k, d) in decisions.iter().enumerate() {
        let owner = normalize(&d.decision.number);
        // The decision's heading never stands alone at the foot of a page.
        flow.ensure(45.0);
        flow.paragraph(
            &format!(
                "{}. {}: {}",
                k + 1,
                normalize(&d.issuer.name),
                award_phrase(&d.decision.form, d.decision.title_name.as_deref())
            ),
            &bold,
            "quyết định",
            &owner,
        )?;
        flow.paragraph(
            &format!(
                "(Kèm theo Quyết định số {} {} của {})",
                owner,
                long_date(d.decision.decided_on),
                admin::giver(d)
            ),
            &Block::new(FaceStyle::Italic, BODY, Align::Left),
            "quyết định",
            &owner,
        )?;
        flow.advance(2.0);
        let default_reason = d.decision.reason.as_deref().map(normalize);
        // As the annex of a decision lists them: "I. TẬP THỂ", then "II. CÁ NHÂN", each
        // numbered from 1, in the ceremony's order within each.
        let collective = RecipientKind::Collective.code();
        let groups = [("TẬP THỂ", true), ("CÁ NHÂN", false)].map(|(label, collectives)| {
            let members: Vec<&Recipient> = d
                .recipients
                .iter()
                .filter(|r| (r.kind == collective) == collectives)
                .collect();
            (label, members)
        });
        let mut section = 0;
        for (label, members) in groups.iter().filter(|(_, m)| !m.is_empty()) {
            section += 1;
            flow.ensure(30.0);
            flow.paragraph(
                &format!("{}. {label}", roman(section)),
                &bold,
                "quyết định",
                &owner,
            )?;
            let rows: Vec<Vec<Cell>> = members
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let reason = r
                        .reason
                        .as_deref()
                        .map(normalize)
                        .or_else(|| default_reason.clone())
                        .unwrap_or_default();
                    vec![
                        vec![Part::new((i + 1).to_string(), FaceStyle::Regular)],
                        vec![Part::new(recipient_label(r), FaceStyle::Bold)],
                        vec![Part::new(
                            unit_capitals(&r.unit.as_deref().map(normalize).unwrap_or_default()),
                            FaceStyle::Regular,
                        )],
                        vec![Part::new(reason, FaceStyle::Regular)],
                    ]
                })
                .collect();
            Table::new(&COLUMNS, BODY).draw(&mut flow, &rows, &|i| {
                format!("{owner}, {}", members[i].name)
            })?;
            flow.advance(3.0);
        }
        flow.paragraph(
            &format!("(Danh sách có {})", admin::whom(d)),
            &Block::new(FaceStyle::Italic, 12.0, Align::Right),
            "quyết định",
            &owner,
        )?;
        flow.advance(6.0);
    }
    flow.render(&format!("Danh sách khen thưởng - {}", conf.title), true)
}

/// I, II, III …: the sections of a document.
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    #[test]
    fn every_recipient_reads_back_under_its_decision_in_ceremony_order() {
        let decisions = samples::ceremony();
        let pdf = render_roster(&samples::conference(), &decisions).unwrap();
        samples::write_sample("roster.pdf", &pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "award roster") else {
            return;
        };
        let mut expected = vec!["DANH SÁCH KHEN THƯỞNG".to_string()];
        for (k, d) in decisions.iter().enumerate() {
            expected.push(format!("{}. {}", k + 1, d.issuer.name));
            expected.push(format!("Quyết định số {}", d.decision.number));
            // The annex's sections: the collectives, then the individuals, each from 1.
            let mut section = 0;
            for (label, collectives) in [("TẬP THỂ", true), ("CÁ NHÂN", false)] {
                let members: Vec<_> = d
                    .recipients
                    .iter()
                    .filter(|r| (r.kind == "collective") == collectives)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                section += 1;
                expected.push(format!("{}. {label}", roman(section)));
                for (i, r) in members.iter().enumerate() {
                    expected.push(format!("{} {}", i + 1, recipient_label(r)));
                }
            }
        }
        assert_in_order(&text, &expected);
        let numbers: Vec<&str> = decisions
            .iter()
            .map(|d| d.decision.number.as_str())
            .collect();
        assert_eq!(
            numbers,
            [
                "1520/QĐ-BCA",
                "456/QĐ-UBND",
                "457/QĐ-UBND",
                "215/QĐ-CAT",
                "825/QĐ-UBND"
            ]
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!([1, 4, 9, 14, 40].map(roman), ["I", "IV", "IX", "XIV", "XL"]);
    }
}
