//! Vietnamese text as organisers type it: NFC normalisation, Unicode-aware capitals,
//! the date lines of official documents, and Vietnamese alphabetical order.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Trim and compose to NFC, so "Nguyễn" typed decomposed equals "Nguyễn" typed composed.
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// [`normalize`], borrowing when the text already is trimmed NFC: the common case, and
/// cheap to recognise, which matters when printing thousands of certificates.
pub fn normalized(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if surely_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// True when every character lies below U+0300 or in Latin Extended Additional
/// (U+1E00–U+1EFF, the precomposed Vietnamese letters): such text is NFC, for none of these
/// characters decomposes differently, combines with its neighbour, or is a combining mark.
/// A table-free test that covers nearly all Vietnamese text.
fn surely_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| (c as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// Unicode-aware capitals of NFC text: "đặng thị ngọc" -> "ĐẶNG THỊ NGỌC".
pub fn upper(s: &str) -> String {
    if surely_nfc(s) {
        let capitals: String = s.chars().flat_map(char::to_uppercase).collect();
        if surely_nfc(&capitals) {
            return capitals;
        }
    }
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
    fn normalized_borrows_only_what_is_already_nfc() {
        assert!(matches!(
            normalized(" Đặng Văn Ngọc "),
            Cow::Borrowed("Đặng Văn Ngọc")
        ));
        assert_eq!(normalized("Nguye\u{302}\u{303}n"), "Nguyễn");
        // U+0344, a combining mark NFC replaces, takes the full path.
        assert!(matches!(normalized("a\u{344}"), Cow::Owned(_)));
        // A capital with no precomposed form comes out decomposed, as NFC has it.
        assert_eq!(upper("ǰ"), "J\u{30C}");
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
