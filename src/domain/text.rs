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

/// Compose to NFC without trimming (whole documents, where spacing matters).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// `s` in NFC, taken as it is when it already is (most text is): no copy of a large text.
pub fn into_nfc(s: String) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => nfc(&s),
    }
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

/// What of `unit` follows `position` when a person writes the two together: the unit without
/// the words that repeat the end of the position ("Phó Giám đốc Công an tỉnh" + "Công an
/// tỉnh Ninh Bình" → "Ninh Bình"; "Trưởng thôn" + "Thôn Tân Mỹ" → "Tân Mỹ"), or None when
/// they share nothing and are written apart, with a comma.
pub fn unit_after<'a>(position: &str, unit: &'a str) -> Option<&'a str> {
    let tail: Vec<String> = position.split_whitespace().map(fold).collect();
    let words: Vec<(usize, &str)> = unit
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - unit.as_ptr() as usize, w))
        .collect();
    let shared = (1..=tail.len().min(words.len())).rev().find(|&k| {
        tail[tail.len() - k..]
            .iter()
            .zip(&words[..k])
            .all(|(p, (_, u))| !p.is_empty() && *p == fold(u))
    })?;
    Some(match words.get(shared) {
        Some((at, _)) => &unit[*at..],
        None => "",
    })
}

/// A position and a unit as a person writes them: merged where the unit repeats the end of
/// the position ("Phó Giám đốc Công an tỉnh Ninh Bình", "Trưởng thôn Tân Mỹ"), else joined
/// by a comma ("Chuyên viên, UBND huyện Kim Sơn").
pub fn position_and_unit(position: &str, unit: &str) -> String {
    let (position, unit) = (position.trim(), unit.trim());
    match (position.is_empty(), unit.is_empty()) {
        (true, _) => unit.to_string(),
        (_, true) => position.to_string(),
        _ => match unit_after(position, unit) {
            Some("") => position.to_string(),
            Some(rest) => format!("{position} {rest}"),
            None => format!("{position}, {unit}"),
        },
    }
}

/// Whether two (name, unit) pairs name the same person or collective as people type them:
/// equal once [`fold`] forgets diacritics, case and punctuation.
pub fn same_person(a: (&str, &str), b: (&str, &str)) -> bool {
    let name = fold(a.0);
    !name.is_empty() && name == fold(b.0) && fold(a.1) == fold(b.1)
}

/// The no-break space: the print engine breaks lines only at ordinary spaces, so words
/// joined by it stay on one line where a line can hold them ([`kept_together`]).
pub const KEEP: char = '\u{a0}';

/// Words that name one thing in two: never split across lines in a table's cell.
const PAIRS: [&str; 10] = [
    "công an",
    "ủy ban",
    "uỷ ban",
    "nhân dân",
    "chủ tịch",
    "giám đốc",
    "bí thư",
    "đồng chí",
    "thị trấn",
    "thành phố",
];

/// A text as a table's cell prints it, where lines may break: a person's or a place's name
/// (a run of capitalised words: "Phạm Văn Dũng", "Ninh Bình") never breaks, nor a unit's kind
/// from its name ("tỉnh Ninh Bình", "thị trấn Phát Diệm"), nor the pairs that are one word
/// ("Công an", "Chủ tịch"). The words are joined by [`KEEP`]; the text is otherwise as given.
pub fn kept_together(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Whether the space after word i keeps it with the next.
    let keeps = |i: usize| -> bool {
        let (a, b) = (words[i], words[i + 1]);
        if a.is_empty() || b.is_empty() || a.ends_with([',', ';', ':', '.', ')']) {
            return false;
        }
        let pair = format!("{} {}", a.to_lowercase(), b.to_lowercase());
        let pair = pair.trim_end_matches([',', ';', ':', '.']);
        // "Đồng chí" stays with the name it addresses, as "Ông" and "Bà" do.
        let addressing = i > 0 && words[i - 1].to_lowercase() == "đồng" && a == "chí";
        PAIRS.contains(&pair)
            || (capital(a) && capital(b))
            || (addressing && capital(b))
            || (ends_unit_noun(&a.to_lowercase()) && capital(b))
    };
    let mut out = String::with_capacity(text.len());
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        if i + 1 < words.len() {
            out.push(if keeps(i) { KEEP } else { ' ' });
        }
    }
    out
}

/// The common nouns of administrative units, as Decree 30 (Appendix II, I.2.c) writes them
/// before a proper name: in lower case ("thị trấn Phát Diệm", "thôn Tân Mỹ").
const UNIT_NOUNS: [&str; 12] = [
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "thị trấn",
    "xã",
    "phường",
    "thôn",
    "xóm",
    "bản",
    "tổ dân phố",
];

/// Whether `word` ends a unit's common noun ([`UNIT_NOUNS`]), which keeps the name after it:
/// "tỉnh Ninh Bình", "thị trấn Phát Diệm".
fn ends_unit_noun(word: &str) -> bool {
    UNIT_NOUNS
        .iter()
        .any(|n| n.rsplit(' ').next() == Some(word))
}

/// A name as it is printed within a text (Decree 30, Appendix II): an administrative
/// unit's common noun after the first word and before a proper name in lower case — "Cán bộ
/// và nhân dân thị trấn Phát Diệm", not "… Thị trấn Phát Diệm". The first word keeps its
/// capital, and the stored value is kept as typed.
pub fn unit_capitals(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    for i in 1..words.len() {
        for noun in UNIT_NOUNS {
            let n = noun.split(' ').count();
            let Some(next) = words.get(i + n) else {
                continue;
            };
            let typed = words[i..i + n].join(" ");
            if capital(&typed) && typed.to_lowercase() == noun && capital(next) {
                for (k, w) in noun.split(' ').enumerate() {
                    out[i + k] = w.to_string();
                }
            }
        }
    }
    out.join(" ")
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

/// The day and month of a date on an administrative paper (Decree 30/2020, Appendix I): a
/// day below 10 and the months 1 and 2 take a leading zero, so that nobody can add a digit in
/// front of them ("05", "02"); the months 3 to 9 are written plain.
fn official_day_month(d: NaiveDate) -> (String, String) {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    (format!("{:02}", d.day()), month)
}

/// "ngày 05 tháng 02 năm 2019", "ngày 14 tháng 3 năm 2019": a date in the body of an
/// administrative paper (the programme, the roster, the certificates, the MC's script).
pub fn long_date(d: NaiveDate) -> String {
    let (day, month) = official_day_month(d);
    format!("ngày {day} tháng {month} năm {}", d.year())
}

/// "thứ Năm": the weekday as an invitation names the day of a meeting.
pub fn weekday(d: NaiveDate) -> &'static str {
    use chrono::Weekday::*;
    match d.weekday() {
        Mon => "thứ Hai",
        Tue => "thứ Ba",
        Wed => "thứ Tư",
        Thu => "thứ Năm",
        Fri => "thứ Sáu",
        Sat => "thứ Bảy",
        Sun => "Chủ nhật",
    }
}

/// "Ninh Bình, ngày 05 tháng 02 năm 2019", the place and date line of a paper.
pub fn place_date_line(place: &str, d: NaiveDate) -> String {
    format!("{}, {}", place, long_date(d))
}

/// "25/02/2019", "14/3/2019": the short form used after a decision number.
pub fn short_date(d: NaiveDate) -> String {
    let (day, month) = official_day_month(d);
    format!("{day}/{month}/{}", d.year())
}

/// "Quyết định số 123/QĐ-UBND ngày 10/3/2019".
pub fn decision_line(number: &str, d: NaiveDate) -> String {
    format!("Quyết định số {} ngày {}", number, short_date(d))
}

/// The letters of the Vietnamese alphabet in dictionary order, with f j w z (foreign names)
/// at their Latin places; a letter's sort weight is its position here plus one.
const ALPHABET: [&str; 33] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// Sort key of a personal name in Vietnamese alphabetical order: the given name (the last
/// word) first, then the other words in their order ("Nguyễn Văn An" sorts as "An Nguyễn
/// Văn").
///
/// Each word compares letter by letter in the alphabet order a ă â b c d đ e ê g h i k l m
/// n o ô ơ p q r s t u ư v x y, upper and lower case alike; only words with the same letters
/// are then told apart by their tone, in the order of the dictionaries (Hoàng Phê, Từ điển
/// tiếng Việt): none, huyền, hỏi, ngã, sắc, nặng. So "Anh" < "Ánh" < "Ảnh" is wrong and
/// "Anh" < "Ảnh" < "Ánh" is right, and every "Anh" comes before "Ăn". Characters outside the
/// alphabet (digits, hyphens) sort after the letters by code point.
pub fn name_sort_key(name: &str) -> Vec<u32> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut key = Vec::with_capacity(name.len() + 2 * words.len());
    if let Some((given, rest)) = words.split_last() {
        for word in std::iter::once(given).chain(rest) {
            push_word_key(word, &mut key);
        }
    }
    key
}

/// Letters of `word`, a 0 that ends them (below every letter, so "An" < "Anh"), then its
/// tone (0 none … 5 nặng): tones decide only between words spelt with the same letters.
fn push_word_key(word: &str, key: &mut Vec<u32>) {
    const OTHER: u32 = 64;
    let mut tone = 0;
    let mut base = String::with_capacity(4);
    let flush = |base: &mut String, key: &mut Vec<u32>| {
        if base.is_empty() {
            return;
        }
        let weight = ALPHABET
            .iter()
            .position(|l| *l == base.as_str())
            .map(|i| i as u32 + 1);
        match weight {
            Some(w) => key.push(w),
            // A letter with a mark Vietnamese does not use: its base letter, else itself.
            None => key.extend(base.chars().map(|c| OTHER + c as u32)),
        }
        base.clear();
    };
    // Decomposed, a letter is its base and its vowel marks (breve, circumflex, horn) then
    // perhaps a tone mark; the tone is lifted out, the rest recomposed to find the letter.
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            '\u{300}' => tone = 1,
            '\u{309}' => tone = 2,
            '\u{303}' => tone = 3,
            '\u{301}' => tone = 4,
            '\u{323}' => tone = 5,
            '\u{306}' | '\u{302}' | '\u{31B}' => base.push(c),
            _ => {
                flush(&mut base, key);
                base.extend(std::iter::once(c).nfc());
            }
        }
        if !base.is_empty() && base.chars().count() > 1 {
            let composed: String = base.nfc().collect();
            base = composed;
        }
    }
    flush(&mut base, key);
    key.push(0);
    key.push(tone);
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

/// `digits` grouped by thousands with `sep`, counted from the right: "2.780.000", "1,500".
pub fn thousands(digits: &str, sep: char) -> String {
    let count = digits.chars().count();
    let mut out = String::with_capacity(digits.len() + count / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (count - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_and_places_are_kept_whole_and_unit_nouns_written_small() {
        use super::{KEEP, kept_together, unit_capitals};
        let kept = |s: &str| kept_together(s).replace(KEEP, "~");
        assert_eq!(kept("Đồng chí Phạm Văn Dũng"), "Đồng~chí~Phạm~Văn~Dũng");
        assert_eq!(kept("Công an tỉnh Ninh Bình"), "Công~an tỉnh~Ninh~Bình");
        assert_eq!(
            kept("Công an viên, thôn Tân Mỹ"),
            "Công~an viên, thôn~Tân~Mỹ"
        );
        assert_eq!(
            kept("Đã có thành tích xuất sắc"),
            "Đã có thành tích xuất sắc"
        );
        assert_eq!(
            unit_capitals("Cán bộ và nhân dân Thị trấn Phát Diệm"),
            "Cán bộ và nhân dân thị trấn Phát Diệm"
        );
        assert_eq!(
            unit_capitals("Thôn Tân Mỹ, Xã Kim Chính"),
            "Thôn Tân Mỹ, xã Kim Chính"
        );
        assert_eq!(unit_capitals("Trưởng Công an Xã"), "Trưởng Công an Xã");
    }

    #[test]
    fn a_position_and_its_unit_are_written_as_a_person_writes_them() {
        for (position, unit, written) in [
            (
                "Phó Giám đốc Công an tỉnh",
                "Công an tỉnh Ninh Bình",
                "Phó Giám đốc Công an tỉnh Ninh Bình",
            ),
            (
                "Trưởng Công an xã",
                "Công an xã Kim Chính, huyện Kim Sơn",
                "Trưởng Công an xã Kim Chính, huyện Kim Sơn",
            ),
            ("Trưởng thôn", "Thôn Tân Mỹ", "Trưởng thôn Tân Mỹ"),
            (
                "Chuyên viên",
                "UBND huyện Kim Sơn",
                "Chuyên viên, UBND huyện Kim Sơn",
            ),
            ("Chủ tịch UBND xã", "UBND xã", "Chủ tịch UBND xã"),
            ("", "Đoàn xã", "Đoàn xã"),
            ("Bí thư", "", "Bí thư"),
        ] {
            assert_eq!(
                position_and_unit(position, unit),
                written,
                "{position} + {unit}"
            );
        }
    }

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

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|n| name_sort_key(n));
        v
    }

    #[test]
    fn vietnamese_letter_order_where_bytes_get_it_wrong() {
        // Bytes put "Ân" (U+00C2) before "Ăn" (U+0102) and "Đạt" after "Em".
        assert_eq!(sorted(&["Ân", "Ăn", "An"]), ["An", "Ăn", "Ân"]);
        assert_eq!(sorted(&["Em", "Đạt", "Dung"]), ["Dung", "Đạt", "Em"]);
        // Bytes put "Ánh" after "Bình"; it belongs beside "Anh".
        assert_eq!(sorted(&["Bình", "Ánh", "Anh"]), ["Anh", "Ánh", "Bình"]);
        // "Ơn" (horn) after "Ôn" (circumflex) after "On"; "Ưng" after "Uyên", before "Vân".
        assert_eq!(
            sorted(&["Ưng", "Ơn", "Vân", "Ôn", "Uyên", "On"]),
            ["On", "Ôn", "Ơn", "Uyên", "Ưng", "Vân"]
        );
    }

    #[test]
    fn tones_decide_only_between_equal_letters_in_dictionary_order() {
        // none, huyền, hỏi, ngã, sắc, nặng
        assert_eq!(
            sorted(&["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]),
            ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
        );
        // Letters first: "Ánh" (a-n-h) before "Ăn" whatever the tones.
        assert_eq!(sorted(&["Ăn", "Ánh"]), ["Ánh", "Ăn"]);
    }

    #[test]
    fn names_sort_by_given_name_then_the_rest() {
        assert_eq!(
            sorted(&[
                "Trần Văn Hùng",
                "Đặng Văn Ngọc",
                "Nguyễn Thị Hùng",
                "Bùi Quang An",
                "Phạm Thị Yến",
            ]),
            [
                "Bùi Quang An",
                "Nguyễn Thị Hùng",
                "Trần Văn Hùng",
                "Đặng Văn Ngọc",
                "Phạm Thị Yến",
            ]
        );
        // Decomposed input sorts like composed; case does not matter.
        assert_eq!(
            name_sort_key("Nguye\u{302}\u{303}n Đạt"),
            name_sort_key("NGUYỄN ĐẠT")
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
    fn dates_on_papers_follow_decree_30() {
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (date, long, short) in [
            (on(2019, 2, 5), "ngày 05 tháng 02 năm 2019", "05/02/2019"),
            (on(2019, 2, 25), "ngày 25 tháng 02 năm 2019", "25/02/2019"),
            (on(2020, 1, 1), "ngày 01 tháng 01 năm 2020", "01/01/2020"),
            (on(2019, 3, 5), "ngày 05 tháng 3 năm 2019", "05/3/2019"),
            (on(2019, 3, 14), "ngày 14 tháng 3 năm 2019", "14/3/2019"),
            (on(2019, 9, 30), "ngày 30 tháng 9 năm 2019", "30/9/2019"),
            (on(2019, 12, 9), "ngày 09 tháng 12 năm 2019", "09/12/2019"),
            (on(2019, 10, 10), "ngày 10 tháng 10 năm 2019", "10/10/2019"),
        ] {
            assert_eq!(long_date(date), long, "{date}");
            assert_eq!(short_date(date), short, "{date}");
        }
        assert_eq!(
            decision_line("1520/QĐ-BCA", on(2019, 2, 25)),
            "Quyết định số 1520/QĐ-BCA ngày 25/02/2019"
        );
        assert_eq!(
            place_date_line("Hà Nội", on(2019, 2, 5)),
            "Hà Nội, ngày 05 tháng 02 năm 2019"
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
