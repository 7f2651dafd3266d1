//! Certificates anyone can verify: the short code a certificate's QR carries, and what its
//! verification page (`/v/<code>`) shows — the recipient, their unit, the form and title,
//! the issuer, the decision's number and date, and the conference; nothing else.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::kinds::{AwardForm, Honorific};
use super::model::{AwardDecision, Conference, Issuer, Recipient};

use super::code::{ALPHABET, LEN};

/// A code as typed or read from a QR: case, spaces and dashes do not matter, and the
/// letters Crockford's alphabet leaves out read as the digits they look like. `None` when it
/// cannot be a code at all.
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (code.len() == LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// The address a certificate's QR code holds: `{public_url}/v/{code}`.
///
/// When the public address is a bare scheme and host (`https://khenthuong.ninhbinh.gov.vn`),
/// the whole address is written in capitals: scheme and host read the same in any case, the
/// server answers `/V/` as `/v/`, and a QR code of capitals, digits and `:/.-` only is coded
/// in 5.5 bits a character instead of 8 — 29 modules a side instead of 33 for such an
/// address, so larger modules in the same box. An address with a path keeps its case.
pub fn url(public_url: &str, code: &str) -> String {
    let plain = format!("{public_url}/v/{code}");
    let host = public_url.split_once("://").map_or("", |(_, rest)| rest);
    let bare = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    if bare {
        plain.to_ascii_uppercase()
    } else {
        plain
    }
}

/// What a verification page shows of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VerifiedCertificate {
    /// As printed: honorific and name ("Ông Đặng Văn Ngọc"), or the collective's name.
    pub recipient: String,
    pub position: Option<String>,
    pub unit: Option<String>,
    /// "Bằng khen", "Giấy khen", or the title awarded ("Đơn vị quyết thắng").
    pub form: String,
    pub issuer: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub conference: String,
}

impl VerifiedCertificate {
    pub fn of(
        conference: &Conference,
        issuer: &Issuer,
        decision: &AwardDecision,
        recipient: &Recipient,
    ) -> VerifiedCertificate {
        let honorific = recipient
            .honorific
            .as_deref()
            .filter(|_| recipient.kind == "individual")
            .and_then(Honorific::from_code)
            .map(|h| format!("{} ", h.label()))
            .unwrap_or_default();
        let form = match (AwardForm::from_code(&decision.form), &decision.title_name) {
            (Some(AwardForm::Title), Some(title)) if !title.trim().is_empty() => title.clone(),
            (Some(form), _) => form.label().to_string(),
            (None, _) => decision.form.clone(),
        };
        let some = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        VerifiedCertificate {
            recipient: format!("{honorific}{}", recipient.name),
            position: some(&recipient.position),
            unit: some(&recipient.unit),
            form,
            issuer: issuer.name.clone(),
            decision_number: decision.number.clone(),
            decided_on: decision.decided_on,
            conference: conference.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::code::{generate, grouped};
    use super::*;

    #[test]
    fn a_bare_address_is_written_in_capitals_and_an_address_with_a_path_keeps_its_case() {
        let code = "7K3M9QZ4HX2T8W1R";
        assert_eq!(
            url("https://khenthuong.ninhbinh.gov.vn", code),
            "HTTPS://KHENTHUONG.NINHBINH.GOV.VN/V/7K3M9QZ4HX2T8W1R"
        );
        assert_eq!(
            url("http://127.0.0.1:8080", code),
            "HTTP://127.0.0.1:8080/V/7K3M9QZ4HX2T8W1R"
        );
        for kept in [
            "https://so.ninhbinh.gov.vn/khen-thuong",
            "https://khen_thuong.example",
            "https://hội-nghị.vn",
        ] {
            assert_eq!(url(kept, code), format!("{kept}/v/{code}"));
        }
    }

    #[test]
    fn codes_are_80_random_bits_and_read_back_however_typed() {
        let a = generate();
        assert_eq!(a.len(), LEN);
        assert_ne!(a, generate());
        assert_eq!(normalize_code(&a), Some(a.clone()));
        assert_eq!(normalize_code(&grouped(&a).to_lowercase()), Some(a.clone()));
        assert_eq!(
            normalize_code("oooo-iiii-llll-0000").as_deref(),
            Some("0000111111110000")
        );
        assert_eq!(
            normalize_code("UUUU-0000-0000-0000"),
            None,
            "U is not a letter of it"
        );
        assert_eq!(normalize_code("0000"), None);
        assert_eq!(normalize_code("<script>"), None);
        assert_eq!(grouped("0123456789ABCDEF"), "0123-4567-89AB-CDEF");
    }
}
