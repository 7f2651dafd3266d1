//! The fields of one certificate: the plain texts printed on it, made from the conference,
//! the issuer, the award decision and the recipient.

use crate::domain::kinds::{AwardForm, Honorific};
use crate::domain::model::{AwardDecision, Conference, Issuer, Recipient};
use crate::domain::text;
use crate::print::PrintError;

/// Everything printed on one certificate, as plain text. Any field may be empty, and its
/// element is then left out. Text is normalised to NFC when drawn, so decomposed input
/// prints (and extracts) the same as composed input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateFields {
    /// Names the recipient in error messages.
    pub recipient_label: String,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    pub issuer_heading: String,
    /// "Bằng khen", "Giấy khen" or the title's name ("Đơn vị quyết thắng").
    pub form_name: String,
    /// "Ông", "Bà", "Đồng chí"; empty for a collective.
    pub honorific: String,
    pub recipient_name: String,
    pub position: String,
    pub unit: String,
    pub reason: String,
    /// "Quyết định số 456/QĐ-UBND ngày 10/3/2019"
    pub decision_line: String,
    /// The number alone ("45"); the layout gives its label.
    pub register_number: String,
    /// "Ninh Bình, ngày 10 tháng 3 năm 2019"
    pub place_date: String,
    /// One line per row: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    pub signer_title: String,
    /// Empty for a civilian signer.
    pub signer_rank: String,
    pub signer_name: String,
    /// What the verification QR code holds (`https://…/v/<code>`); empty until printing
    /// gives the recipient a code.
    pub verification_url: String,
    /// The code in groups of four, printed under the QR code.
    pub verification_code: String,
}

impl CertificateFields {
    /// The certificate of `recipient` under `decision` of `issuer`. The place in the date
    /// line is the issuer's, else the conference's; the reason is the recipient's, else
    /// the decision's; the signer title is the decision's, else the issuer's.
    pub fn from_models(
        conference: &Conference,
        issuer: &Issuer,
        decision: &AwardDecision,
        recipient: &Recipient,
    ) -> Result<CertificateFields, PrintError> {
        // Imported award lists may leave the signer out (issue 11, defect 9).
        if decision.signer_name.trim().is_empty() {
            return Err(PrintError::InvalidData(format!(
                "decision {} of {} has no signer: enter the name of who signed it before \
                 printing its certificates",
                decision.number, issuer.name
            )));
        }
        let form = AwardForm::from_code(&decision.form)
            .ok_or_else(|| PrintError::NoLayoutForForm(decision.form.clone()))?;
        let form_name = match (form, &decision.title_name) {
            (AwardForm::Title, Some(title)) if !title.trim().is_empty() => title.clone(),
            (AwardForm::Title, _) => {
                return Err(PrintError::InvalidData(format!(
                    "decision {} awards a title but does not name it",
                    decision.number
                )));
            }
            (form, _) => form.label().to_string(),
        };
        let honorific = match &recipient.honorific {
            Some(code) if recipient.kind == "individual" => Honorific::from_code(code)
                .ok_or_else(|| {
                    PrintError::InvalidData(format!(
                        "recipient \"{}\": unknown honorific \"{code}\" (expected one of {})",
                        recipient.name,
                        Honorific::codes()
                    ))
                })?
                .label()
                .to_string(),
            _ => String::new(),
        };
        let or = |first: &str, second: &str| {
            if first.trim().is_empty() {
                second.to_string()
            } else {
                first.to_string()
            }
        };
        let place = or(&issuer.place_name, &conference.place_name);
        let signer_title = or(&decision.signer_title, &issuer.signer_title).replace("\r\n", "\n");
        Ok(CertificateFields {
            recipient_label: text::normalize(&recipient.name),
            issuer_heading: issuer.certificate_heading.clone(),
            form_name,
            honorific,
            recipient_name: recipient.name.clone(),
            position: recipient.position.clone().unwrap_or_default(),
            unit: recipient.unit.clone().unwrap_or_default(),
            reason: or(
                recipient.reason.as_deref().unwrap_or(""),
                decision.reason.as_deref().unwrap_or(""),
            ),
            decision_line: text::decision_line(decision.number.trim(), decision.decided_on),
            register_number: recipient.register_number.clone().unwrap_or_default(),
            place_date: text::place_date_line(place.trim(), decision.decided_on),
            signer_title,
            signer_rank: decision.signer_rank.clone(),
            signer_name: decision.signer_name.clone(),
            verification_url: String::new(),
            verification_code: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::one;

    #[test]
    fn the_individual_sample_has_the_expected_fields() {
        let (_, f) = one(0);
        assert_eq!(f.honorific, "Ông");
        assert_eq!(f.decision_line, "Quyết định số 456/QĐ-UBND ngày 10/3/2019");
        assert_eq!(f.place_date, "Ninh Bình, ngày 10 tháng 3 năm 2019");
        assert_eq!(f.form_name, "Bằng khen");
        assert_eq!(one(3).1.form_name, "Đơn vị quyết thắng");
    }
}
