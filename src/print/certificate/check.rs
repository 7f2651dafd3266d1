//! "Check against every recipient": every certificate of a batch fitted in its layout, and
//! every text that cannot be printed as the layout asks listed, not only the first.

use std::collections::HashMap;

use serde::Serialize;

use super::batch::in_parallel;
use super::preview::{MissingGlyph, Problem, checked_text, layers_of};
use super::{Certificate, CertificateFields, RenderMode};
use crate::print::fit::{Overflow, fit_text};
use crate::print::layout::{Content, Layout};

/// A text of one recipient's certificate that cannot be printed as the layout asks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Position of the certificate in the list checked.
    pub recipient: usize,
    pub recipient_label: String,
    pub element: String,
    pub problem: Problem,
    /// The engine's message: the one printing would fail with, or for missing glyphs one
    /// per character, joined by "; ".
    pub message: String,
    /// The characters the font lacks ([`Problem::MissingGlyphs`] only).
    pub missing_glyphs: Vec<MissingGlyph>,
}

/// Fit every certificate of a batch (each with the layout of its kind) as a page of `mode`
/// prints it, and list every element of every recipient whose text would shrink below its
/// minimum, wrap beyond its line limit, or has characters the font lacks; in the order of
/// `certs`, then of the layout's elements. Empty when the whole batch prints.
pub fn check_recipients(certs: &[Certificate<'_>], mode: RenderMode) -> Vec<Finding> {
    check(certs, |c| (c.layout, &c.fields), mode, &|| false)
        .expect("a check that is never stopped ends")
}

/// [`check_recipients`] for certificates that share one layout.
pub fn check_layout(
    layout: &Layout,
    certs: &[CertificateFields],
    mode: RenderMode,
) -> Vec<Finding> {
    check(certs, |fields| (layout, fields), mode, &|| false)
        .expect("a check that is never stopped ends")
}

/// [`check_layout`] that gives up (None) once `stop` says so, looked at before each
/// certificate: a check nobody waits for any more frees its thread.
pub fn check_layout_until(
    layout: &Layout,
    certs: &[CertificateFields],
    mode: RenderMode,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Finding>> {
    check(certs, |fields| (layout, fields), mode, stop)
}

fn check<'c, T: Sync>(
    items: &'c [T],
    page: impl Fn(&'c T) -> (&'c Layout, &'c CertificateFields) + Sync,
    mode: RenderMode,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Finding>> {
    let indexed: Vec<(usize, &T)> = items.iter().enumerate().collect();
    let parts = in_parallel(&indexed, |part| {
        let mut found = Vec::new();
        let mut fitted = Fitted::default();
        for &(index, item) in part {
            if stop() {
                return None;
            }
            let (layout, fields) = page(item);
            check_one(index, layout, fields, mode, &mut fitted, &mut found);
        }
        Some(found)
    });
    let mut all = Vec::new();
    for part in parts {
        all.extend(part?);
    }
    Some(all)
}

/// What fitting a text in an element's box gave, by (layout, element, text): most texts of a
/// batch (the issuer, the decision, the reason, the layout's own words) are the same on
/// every certificate, and are fitted once.
type Fitted = HashMap<(*const Layout, usize, String), Option<Overflow>>;

/// The findings on one certificate.
fn check_one(
    index: usize,
    layout: &Layout,
    fields: &CertificateFields,
    mode: RenderMode,
    fitted: &mut Fitted,
    found: &mut Vec<Finding>,
) {
    let layers = layers_of(mode);
    let elements = layout.elements.iter().enumerate();
    for (at, el) in elements.filter(|(_, e)| layers.contains(&e.layer)) {
        let Content::Text(t) = &el.content else {
            continue;
        };
        let (text, missing_glyphs) = checked_text(t, fields);
        let finding = |problem, message| Finding {
            recipient: index,
            recipient_label: fields.recipient_label.clone(),
            element: el.name.clone(),
            problem,
            message,
            missing_glyphs: Vec::new(),
        };
        if !missing_glyphs.is_empty() {
            let message = missing_glyphs
                .iter()
                .map(|m| m.message.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            found.push(Finding {
                missing_glyphs,
                ..finding(Problem::MissingGlyphs, message)
            });
        }
        let Some(text) = text else {
            continue;
        };
        // The offset moves a box, not its size: fitting does not depend on it.
        let overflow = fitted
            .entry((layout as *const Layout, at, text.clone()))
            .or_insert_with(|| fit_text(&text, &t.fit, el.rect.w, el.rect.h).err());
        if let Some(overflow) = overflow {
            let message = overflow
                .for_field(&text, &el.name, &fields.recipient_label)
                .to_string();
            found.push(finding(Problem::of(&overflow, &t.fit), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::layout::CertificateKind;

    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc"];
    const GIVEN: [&str; 10] = [
        "Ngọc", "Hùng", "Thìn", "Hạnh", "Dũng", "Yến", "Phúc", "Tuấn", "Lực", "Quỳnh",
    ];

    /// The certificate of generated recipient `i`, which prints.
    pub(crate) fn generated(i: usize) -> CertificateFields {
        let (_, mut fields) = super::super::tests::one(0);
        let name = format!(
            "{} {} {}",
            FAMILY[i % 8],
            MIDDLE[(i / 8) % 6],
            GIVEN[(i / 48) % 10]
        );
        fields.recipient_label = name.clone();
        fields.recipient_name = name;
        fields.unit = format!("Công an xã Kim Chính {}, huyện Kim Sơn", i % 97);
        fields.register_number = (i + 1).to_string();
        fields
    }

    fn collective(name: &str) -> CertificateFields {
        CertificateFields {
            honorific: String::new(),
            recipient_name: name.into(),
            recipient_label: name.into(),
            ..generated(0)
        }
    }

    #[test]
    fn of_500_recipients_exactly_the_long_name_and_the_missing_glyph_are_found() {
        let layout = Layout::builtin(CertificateKind::CertificateOfMerit).unwrap();
        let long = "Tập thể cán bộ, chiến sĩ, công nhân viên chức và nhân dân các xã Kim Chính, \
                    Kim Định, Kim Tân, Kim Mỹ, Kim Hải, Kim Trung, Kim Đông thuộc huyện Kim Sơn, \
                    tỉnh Ninh Bình đã có thành tích xuất sắc năm 2018";
        assert!(long.chars().count() >= 200, "{}", long.chars().count());
        let mut certs: Vec<_> = (0..500).map(generated).collect();
        certs[137] = collective(long);
        certs[421].recipient_name = "Nguyễn Văn ꞗ".into();
        certs[421].recipient_label = "Nguyễn Văn ꞗ".into();
        for mode in [RenderMode::Full, RenderMode::Blank] {
            let found = check_layout(&layout, &certs, mode);
            let what: Vec<_> = found
                .iter()
                .map(|f| (f.recipient, f.element.as_str(), f.problem))
                .collect();
            assert_eq!(
                what,
                [
                    (137, "recipient", Problem::BeyondLineLimit),
                    (421, "recipient", Problem::MissingGlyphs)
                ],
                "{found:#?}"
            );
            assert!(found[0].message.starts_with(&format!(
                "field \"recipient\" of recipient \"{long}\" does not fit its box: at the minimum size 15 pt it needs"
            )));
            assert_eq!(
                found[1].message,
                "the font has no glyph for 'ꞗ' (U+A797) in field \"recipient_name\" of recipient \"Nguyễn Văn ꞗ\""
            );
            assert_eq!(found[1].missing_glyphs[0].char, 'ꞗ');
        }
    }

    #[test]
    fn every_problem_of_a_mixed_batch_is_listed_not_only_the_first() {
        let layouts = crate::print::Layouts::builtin().unwrap();
        let (merit, commendation) = (
            layouts.get(CertificateKind::CertificateOfMerit),
            layouts.get(CertificateKind::Commendation),
        );
        let mut bad = generated(1);
        bad.recipient_name = "Trần ꞗ ꞗ Ꞗ".into();
        bad.reason = "Đã có thành tích ".repeat(30);
        bad.place_date = "Ninh Bình, ngày 10 tháng 3 năm 2019 ".repeat(4);
        let certs = vec![
            Certificate {
                layout: merit,
                fields: generated(0),
                emblem: None,
            },
            Certificate {
                layout: commendation,
                fields: bad,
                emblem: None,
            },
        ];
        let found = check_recipients(&certs, RenderMode::Blank);
        let what: Vec<_> = found
            .iter()
            .map(|f| (f.recipient, f.problem, f.missing_glyphs.len()))
            .collect();
        assert!(found.iter().all(|f| f.recipient == 1), "{found:#?}");
        assert!(what.contains(&(1, Problem::MissingGlyphs, 2)), "{found:#?}");
        assert!(
            what.iter()
                .filter(|(_, p, _)| *p != Problem::MissingGlyphs)
                .count()
                >= 2,
            "{found:#?}"
        );
        let json = serde_json::to_value(&found[0]).unwrap();
        assert_eq!(json["recipient"], 1);
        assert!(json["problem"].is_string() && json["message"].is_string());
    }
}
