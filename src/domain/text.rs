//! Vietnamese text as organisers type it: NFC normalisation, Unicode-aware capitals,
//! the date lines of official documents, and Vietnamese alphabetical order.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Trim and compose to NFC, so "Nguyễn" typed decomposed equals "Nguyễn" typed composed.
pub fn normalize(s: &str) -> String {
    nfc(s.trim())
}

/// Compose to NFC without trimming (whole documents, where spacing matters).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// A key for loose matching of what people type: no diacritics, đ as d, lower case, and
/// any run of other characters as one space: "Họ và TÊN:" -> "ho va ten".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if ('\u{300}'..='\u{36F}').contains(&c) => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// A key for "the same name typed twice": NFC, lower case, single spaces.
pub fn same_text_key(s: &str) -> String {
    nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Unicode-aware capitals of NFC text: "đặng thị ngọc" -> "ĐẶNG THỊ NGỌC".
pub fn upper(s: &str) -> String {
    s.nfc().flat_map(char::to_uppercase).nfc().collect()
}

/// "ngày 10 tháng 3 năm 2019", the date as written in the body of a document.
pub fn long_date(d: NaiveDate) -> String {
    format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
}

/// "Ninh Bình, ngày 10 tháng 3 năm 2019", the place and date line of a document.
///
/// By Decree 30/2020 the day and month below 10 of a place-and-date line are written with a
/// leading zero only for day 1-2 and month 1-2; offices commonly omit them, so we write the
/// plain numbers, as the seed's documents do.
pub fn place_date_line(place: &str, d: NaiveDate) -> String {
    format!("{}, {}", place, long_date(d))
}

/// "10/3/2019", the short form used after a decision number.
pub fn short_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// "Quyết định số 123/QĐ-UBND ngày 10/3/2019".
pub fn decision_line(number: &str, d: NaiveDate) -> String {
    format!("Quyết định số {} ngày {}", number, short_date(d))
}

/// A date as offices type it: "2019-03-10", "10/3/2019", "10-03-2019", "10.3.2019" or
/// "ngày 10 tháng 3 năm 2019" (day before month, as in Vietnam).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
        return Some(d);
    }
    let numbers: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match numbers[..] {
        [d, m, y] if y >= 1000 => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
}

/// Count the characters a person sees (grapheme-ish: NFC chars), for length limits.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_and_nfc_normalise_to_the_same_string() {
        let nfd = "Nguye\u{302}\u{303}n";
        assert_eq!(normalize(&format!("  {nfd} ")), "Nguyễn");
    }

    #[test]
    fn fold_drops_marks_case_and_punctuation() {
        assert_eq!(fold("  Họ và TÊN: "), "ho va ten");
        assert_eq!(fold("Đơn vị / Organisation"), "don vi organisation");
        assert_eq!(fold("bang_khen"), "bang khen");
    }

    #[test]
    fn capitals_keep_vietnamese_letters() {
        assert_eq!(upper("đặng thị ngọc"), "ĐẶNG THỊ NGỌC");
        assert_eq!(
            upper("Cán bộ và nhân dân Thị trấn Phát Diệm"),
            "CÁN BỘ VÀ NHÂN DÂN THỊ TRẤN PHÁT DIỆM"
        );
    }

    #[test]
    fn dates_as_typed() {
        let d = NaiveDate::from_ymd_opt(2019, 3, 10);
        for typed in [
            "2019-03-10",
            "10/3/2019",
            "10-03-2019",
            "ngày 10 tháng 3 năm 2019",
            "2019-03-10 00:00:00",
        ] {
            assert_eq!(parse_date(typed), d, "{typed}");
        }
        assert_eq!(parse_date("31/2/2019"), None);
        assert_eq!(parse_date("3/2019"), None);
    }

    #[test]
    fn date_lines() {
        let d = NaiveDate::from_ymd_opt(2019, 3, 10).unwrap();
        assert_eq!(
            place_date_line("Ninh Bình", d),
            "Ninh Bình, ngày 10 tháng 3 năm 2019"
        );
        assert_eq!(
            decision_line("123/QĐ-UBND", d),
            "Quyết định số 123/QĐ-UBND ngày 10/3/2019"
        );
    }
}
