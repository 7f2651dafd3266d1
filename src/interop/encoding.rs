//! Legacy Vietnamese text encodings: detect which one a file uses and turn it into NFC UTF-8.
//!
//! Besides UTF-8 and UTF-16, offices still exchange files in Windows-1258 (tone marks as
//! combining characters), TCVN3 and VNI. **TCVN3** here is TCVN 5712:1993 as glibc's
//! `TCVN5712-1` decodes it (the "VN1" table): its lower-case letters sit exactly where the
//! ABC fonts (".VnTime") put them; the upper-case letters with tones that VN1 adds in slots the
//! ABC fonts leave empty are decoded as VN1 does. Text typed in the all-capitals ABC fonts
//! (".VnTimeH") uses the lower-case codes, so it decodes to lower case: the file cannot say
//! which font displayed it. **VNI** is VNI-Windows: a base letter followed by one or two mark
//! bytes (`a` + `ø` = "à", `o` + `â` + `ù` = "ố"), plus single bytes for ơ, ư, đ and some
//! i/y vowels.

use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;

/// A text encoding a file may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1258")]
    Windows1258,
    Tcvn3,
    Vni,
}

impl Encoding {
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The name used in `?encoding=` and `--encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    /// Accepts the usual spellings: "UTF8", "cp1258", "ABC", "TCVN5712-1", "VNI-Windows".
    fn from_str(s: &str) -> Result<Self, String> {
        let key: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Ok(match key.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16" | "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "win1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "tcvn57121" | "vn3" | "vntime" => Encoding::Tcvn3,
            "vni" | "vniwindows" | "vniwin" => Encoding::Vni,
            _ => {
                return Err(format!(
                    "unknown encoding '{s}'; use one of {}",
                    Encoding::ALL.map(Encoding::name).join(", ")
                ));
            }
        })
    }
}

/// Why bytes could not be read in the encoding asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is not valid UTF-8 (line {line}, byte {offset}); choose its encoding")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error("the file is not valid UTF-16 (byte {offset})")]
    InvalidUtf16 { offset: usize },
}

/// Guess the encoding of `bytes`, with a confidence from 0 to 1.
///
/// A byte-order mark settles it; valid UTF-8 with non-ASCII text is UTF-8. Otherwise each
/// legacy encoding decodes the text and the one whose words look most like Vietnamese
/// syllables (only Vietnamese letters, marks only on vowels, at most one tone) wins.
pub fn detect(bytes: &[u8]) -> (Encoding, f32) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, 1.0);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, 1.0);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, 1.0);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return (enc, 0.9);
    }
    if bytes.is_ascii() {
        return (Encoding::Utf8, 1.0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (Encoding::Utf8, 0.99);
    }
    let mut best = (Encoding::Windows1258, -1.0f32);
    for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni] {
        let text = decode_single_byte(bytes, enc);
        let score = vietnamese_score(&text);
        if score > best.1 {
            best = (enc, score);
        }
    }
    (best.0, best.1.max(0.0))
}

/// Decode `bytes` in `enc` into NFC text (a UTF-8 byte-order mark is dropped).
pub fn decode(bytes: &[u8], enc: Encoding) -> Result<String, DecodeError> {
    let text = match enc {
        Encoding::Utf8 => {
            let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let offset = e.valid_up_to();
                    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                    return Err(DecodeError::InvalidUtf8 { line, offset });
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (codec, bom) = if enc == Encoding::Utf16Le {
                (encoding_rs::UTF_16LE, [0xFF, 0xFE])
            } else {
                (encoding_rs::UTF_16BE, [0xFE, 0xFF])
            };
            let body = bytes.strip_prefix(&bom).unwrap_or(bytes);
            let (text, had_errors) = codec.decode_without_bom_handling(body);
            if had_errors {
                let offset = body.len() - body.len() % 2;
                return Err(DecodeError::InvalidUtf16 { offset });
            }
            text.into_owned()
        }
        Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => decode_single_byte(bytes, enc),
    };
    Ok(crate::domain::text::into_nfc(text))
}

/// UTF-16 without a byte-order mark shows as a zero byte in every other place of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decode a single-byte legacy encoding; the result may hold combining marks (not yet NFC).
fn decode_single_byte(bytes: &[u8], enc: Encoding) -> String {
    match enc {
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        Encoding::Tcvn3 => bytes.iter().map(|&b| tcvn3_char(b)).collect(),
        Encoding::Vni => decode_vni(bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// TCVN3 bytes 0x80 to 0xFF, as glibc's TCVN5712-1 decodes them (see the module note).
const TCVN3_HIGH: [char; 128] = [
    // 0x80
    'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ',
    // 0x90
    'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ',
    // 0xA0
    '\u{A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    // 0xB0: five combining tone marks, then lower-case a with tones
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ',
    'ẵ', 'ắ', 'Ẵ', // 0xC0
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
    // 0xD0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
    // 0xE0
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
    // 0xF0
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// TCVN3 (VN1) also puts some capitals in control codes, which ABC files never use.
const TCVN3_LOW: [(u8, char); 12] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
    (0x17, 'Ỵ'),
];

fn tcvn3_char(b: u8) -> char {
    if b >= 0x80 {
        TCVN3_HIGH[(b - 0x80) as usize]
    } else {
        TCVN3_LOW
            .iter()
            .find(|(code, _)| *code == b)
            .map_or(b as char, |&(_, c)| c)
    }
}

/// The marks a VNI byte adds to the letter before it (lower- and upper-case forms alike).
fn vni_marks(b: u8) -> Option<&'static str> {
    Some(match b {
        0xF8 | 0xD8 => "\u{300}",        // grave: huyền
        0xF9 | 0xD9 => "\u{301}",        // acute: sắc
        0xFB | 0xDB => "\u{309}",        // hook above: hỏi
        0xF5 | 0xD5 => "\u{303}",        // tilde: ngã
        0xEF | 0xCF => "\u{323}",        // dot below: nặng
        0xE2 | 0xC2 => "\u{302}",        // circumflex: â ê ô
        0xE0 | 0xC0 => "\u{302}\u{300}", // ầ
        0xE1 | 0xC1 => "\u{302}\u{301}", // ấ
        0xE5 | 0xC5 => "\u{302}\u{309}", // ẩ
        0xE3 | 0xC3 => "\u{302}\u{303}", // ẫ
        0xE4 | 0xC4 => "\u{302}\u{323}", // ậ
        0xEA | 0xCA => "\u{306}",        // breve: ă
        0xE8 | 0xC8 => "\u{306}\u{300}", // ằ
        0xE9 | 0xC9 => "\u{306}\u{301}", // ắ
        0xFA | 0xDA => "\u{306}\u{309}", // ẳ
        0xFC | 0xDC => "\u{306}\u{303}", // ẵ
        0xEB | 0xCB => "\u{306}\u{323}", // ặ
        _ => return None,
    })
}

/// VNI bytes that are letters of their own.
fn vni_letter(b: u8) -> Option<char> {
    Some(match b {
        0xF4 => 'ơ',
        0xD4 => 'Ơ',
        0xF6 => 'ư',
        0xD6 => 'Ư',
        0xF1 => 'đ',
        0xD1 => 'Đ',
        0xEC => 'ì',
        0xCC => 'Ì',
        0xED => 'í',
        0xCD => 'Í',
        0xE6 => 'ỉ',
        0xC6 => 'Ỉ',
        0xF3 => 'ĩ',
        0xD3 => 'Ĩ',
        0xF2 => 'ị',
        0xD2 => 'Ị',
        0xEE => 'ỵ',
        0xCE => 'Ỵ',
        _ => return None,
    })
}

/// A mark byte after a letter adds marks to it; anywhere else it is its Windows-1252 self.
fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut after_letter = false;
    for &b in bytes {
        if after_letter && let Some(marks) = vni_marks(b) {
            out.push_str(marks);
            after_letter = false;
            continue;
        }
        let c = vni_letter(b).unwrap_or_else(|| windows_1252(b));
        out.push(c);
        after_letter = c.is_alphabetic();
    }
    out
}

fn windows_1252(b: u8) -> char {
    if b.is_ascii() {
        return b as char;
    }
    let bytes = [b];
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&bytes)
        .0
        .chars()
        .next()
        .unwrap_or('\u{FFFD}')
}

/// Encode NFC text as TCVN3 (for tests and for users who must send such files back);
/// characters the table lacks are written in NFD when their parts exist, else as '?'.
pub fn encode_tcvn3(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(b) = tcvn3_byte(c) {
            out.push(b);
        } else {
            // A capital the table lacks: base letter plus a combining tone byte.
            for d in c.nfd() {
                let part = if d.is_ascii() {
                    Some(d as u8)
                } else {
                    tcvn3_byte(d).or_else(|| {
                        // a base with a vowel mark but no tone, e.g. "Â" for "Ẩ"
                        tcvn3_byte(d.nfc().next().unwrap_or(d))
                    })
                };
                out.push(part.unwrap_or(b'?'));
            }
        }
    }
    out
}

fn tcvn3_byte(c: char) -> Option<u8> {
    if let Some(i) = TCVN3_HIGH.iter().position(|&t| t == c) {
        return Some(0x80 + i as u8);
    }
    TCVN3_LOW.iter().find(|(_, t)| *t == c).map(|&(b, _)| b)
}

/// Encode text as Windows-1258 the way Vietnamese keyboards write it: a letter with its
/// vowel mark precomposed where the code page has it, then the tone as a combining mark.
pub fn encode_windows_1258(text: &str) -> Vec<u8> {
    let codec = encoding_rs::WINDOWS_1258;
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.nfc() {
        let (bytes, _, unmappable) = codec.encode(c.encode_utf8(&mut buf));
        if !unmappable {
            out.extend_from_slice(&bytes);
            continue;
        }
        let (tones, rest): (String, String) = c
            .nfd()
            .partition(|d| matches!(d, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        let base: String = rest.nfc().chain(tones.chars()).collect();
        let (bytes, _, unmappable) = codec.encode(&base);
        if unmappable {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// Encode NFC text as VNI-Windows (for tests and for users who must send such files back).
pub fn encode_vni(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(b) = (0x80..=0xFFu8).find(|&b| vni_letter(b) == Some(c)) {
            out.push(b);
            continue;
        }
        // Split into a base letter (perhaps ơ/ư) and the marks VNI writes after it.
        let mut base = String::new();
        let mut marks = String::new();
        for d in c.nfd() {
            if ('\u{300}'..='\u{36F}').contains(&d) && d != '\u{31B}' {
                marks.push(d);
            } else {
                base.push(d);
            }
        }
        let base: String = base.nfc().collect();
        let upper = base.chars().all(char::is_uppercase);
        match base.chars().next() {
            Some(b) if b.is_ascii() && base.len() == 1 => out.push(b as u8),
            Some(b) => match (0x80..=0xFFu8).find(|&x| vni_letter(x) == Some(b)) {
                Some(x) => out.push(x),
                None => out.push(b'?'),
            },
            None => out.push(b'?'),
        }
        // Vowel marks (circumflex, breve) come before the tone in the combined bytes.
        let marks: String = {
            let mut m: Vec<char> = marks.chars().collect();
            m.sort_by_key(|&d| !matches!(d, '\u{302}' | '\u{306}'));
            m.into_iter().collect()
        };
        if marks.is_empty() {
            continue;
        }
        let lower_byte = (0xE0..=0xFFu8).find(|&x| vni_marks(x) == Some(marks.as_str()));
        match lower_byte {
            Some(x) => out.push(if upper { x - 0x20 } else { x }),
            None => out.push(b'?'),
        }
    }
    out
}

/// Spreadsheet cells typed in a legacy font (".VnTime", "VNI-Times") hold the legacy bytes
/// as Windows-1252 characters: "NguyÔn". Find the encoding that reads such text as
/// Vietnamese, if one reads it clearly better than it reads as it is.
pub fn legacy_in_unicode(text: &str) -> Option<(Encoding, f32)> {
    if text.is_ascii() {
        return None;
    }
    let bytes = as_windows_1252(text)?;
    let as_is = vietnamese_score(text);
    let mut best: Option<(Encoding, f32)> = None;
    for enc in [Encoding::Tcvn3, Encoding::Vni] {
        let score = vietnamese_score(&decode_single_byte(&bytes, enc));
        if score > as_is + 0.2 && best.is_none_or(|(_, b)| score > b) {
            best = Some((enc, score));
        }
    }
    best
}

/// Read text whose characters stand for the Windows-1252 bytes of `enc` (see
/// [`legacy_in_unicode`]); text that cannot be such bytes is returned as it is, in NFC.
pub fn reinterpret(text: &str, enc: Encoding) -> String {
    match (enc, as_windows_1252(text)) {
        (Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni, Some(bytes))
            if !text.is_ascii() =>
        {
            crate::domain::text::nfc(&decode_single_byte(&bytes, enc))
        }
        _ => crate::domain::text::nfc(text),
    }
}

fn as_windows_1252(text: &str) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

/// How much `text` looks like Vietnamese: the share of its non-ASCII words that are
/// well-formed syllables. Pure-ASCII words say nothing and are skipped.
fn vietnamese_score(text: &str) -> f32 {
    let mut words = 0u32;
    let mut good = 0u32;
    for word in text.split(|c: char| c.is_ascii_whitespace() || c.is_ascii_punctuation()) {
        if word.is_ascii() {
            continue;
        }
        words += 1;
        if is_syllable(word) {
            good += 1;
        }
    }
    if words == 0 {
        0.5
    } else {
        good as f32 / words as f32
    }
}

/// Consonants that may begin a Vietnamese syllable (with f, j, w, z of loanwords).
const INITIALS: [&str; 31] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "q", "r", "s", "t", "th", "tr", "v", "x", "f", "j", "w", "z",
];
/// Consonants that may end one.
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// A Vietnamese syllable: initial consonants, one to three vowels carrying their marks (at
/// most one tone), a final consonant. Words of consonants only (abbreviations: "QĐ") and
/// words with digits pass, as they say nothing about the encoding.
fn is_syllable(word: &str) -> bool {
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    let mut tones = 0;
    for d in word.nfd() {
        if ('\u{300}'..='\u{36F}').contains(&d) {
            let Some(&base) = letters.last() else {
                return false;
            };
            let fits = match d {
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => {
                    tones += 1;
                    "aeiouy".contains(base)
                }
                '\u{302}' => "aeo".contains(base),
                '\u{306}' => base == 'a',
                '\u{31B}' => "ou".contains(base),
                _ => false,
            };
            if !fits {
                return false;
            }
        } else {
            let l = d.to_lowercase().next().unwrap_or(d);
            if !(l.is_ascii_alphanumeric() || l == 'đ') {
                return false;
            }
            letters.push(l);
        }
    }
    if tones > 1 {
        return false;
    }
    let s: String = letters.into_iter().collect();
    if s.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let is_vowel = |c: char| "aeiouy".contains(c);
    let Some(start) = s.find(is_vowel) else {
        return true;
    };
    let rest = &s[start..];
    let end = rest.find(|c| !is_vowel(c)).unwrap_or(rest.len());
    INITIALS.contains(&&s[..start]) && end <= 3 && FINALS.contains(&&rest[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Nguyễn Thị Thanh Hương, Phó Chủ tịch UBND huyện Kim Sơn; Đặng Văn Ngọc, \
        Trưởng phòng Giáo dục và Đào tạo; ƯU TÚ ĐẶC BIỆT; quyết định khen thưởng ỹ ậ ặ ữ ợ";

    #[test]
    fn tcvn3_table_matches_glibc_bytes() {
        // "Nguyễn Văn Đức, Trường" as `iconv -t TCVN5712-1` writes it.
        let bytes = b"Nguy\xd4n V\xa8n \xa7\xf8c, Tr\xad\xeang";
        assert_eq!(
            decode(bytes, Encoding::Tcvn3).unwrap(),
            "Nguyễn Văn Đức, Trường"
        );
    }

    /// The whole high half against glibc, where iconv is installed (skipped elsewhere).
    #[test]
    fn tcvn3_table_matches_iconv() {
        use std::io::Write;
        use std::process::{Command, Stdio};
        for b in 0x80..=0xFFu8 {
            let Ok(mut child) = Command::new("iconv")
                .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
            else {
                eprintln!("iconv not found: TCVN3 table not compared with glibc");
                return;
            };
            child.stdin.take().unwrap().write_all(&[b]).unwrap();
            let out = child.wait_with_output().unwrap();
            let glibc = String::from_utf8(out.stdout).unwrap();
            assert_eq!(glibc, tcvn3_char(b).to_string(), "byte {b:#04x}");
        }
    }

    #[test]
    fn tcvn3_round_trips_every_letter() {
        let all: String = TCVN3_HIGH
            .iter()
            .filter(|c| !('\u{300}'..'\u{400}').contains(*c))
            .collect();
        assert_eq!(
            decode(&encode_tcvn3(&all), Encoding::Tcvn3).unwrap(),
            crate::domain::text::nfc(&all)
        );
        assert_eq!(
            decode(&encode_tcvn3(SAMPLE), Encoding::Tcvn3).unwrap(),
            SAMPLE
        );
    }

    #[test]
    fn vni_decodes_the_classic_forms() {
        // "Trường Nguyễn Đặng Thị Ngọc Hiền" in VNI-Windows.
        let bytes = b"Tr\xf6\xf4\xf8ng Nguye\xe3n \xd1a\xebng Th\xf2 Ngo\xefc Hie\xe0n";
        assert_eq!(
            decode(bytes, Encoding::Vni).unwrap(),
            "Trường Nguyễn Đặng Thị Ngọc Hiền"
        );
        assert_eq!(
            encode_vni("Trường Nguyễn Đặng Thị Ngọc Hiền"),
            bytes.to_vec()
        );
    }

    #[test]
    fn vni_round_trips_every_vietnamese_letter() {
        let mut all = String::new();
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
                let s: String = format!("{base}{tone}").nfc().collect();
                all.push_str(&s);
                all.push_str(&crate::domain::text::upper(&s));
                all.push(' ');
            }
        }
        all.push_str("đĐ");
        let bytes = encode_vni(&all);
        assert!(!bytes.contains(&b'?'), "{all}");
        assert_eq!(decode(&bytes, Encoding::Vni).unwrap(), all);
    }

    #[test]
    fn windows_1258_composes_its_tone_marks() {
        let bytes = encode_windows_1258("Nguyễn Văn Đức");
        assert_eq!(bytes, b"Nguy\xea\xden V\xe3n \xd0\xfd\xecc".to_vec());
        assert_eq!(
            decode(&bytes, Encoding::Windows1258).unwrap(),
            "Nguyễn Văn Đức"
        );
    }

    #[test]
    fn detects_each_encoding() {
        let nfd: String = SAMPLE.nfd().collect();
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes));
        let cases: Vec<(Vec<u8>, Encoding)> = vec![
            (SAMPLE.as_bytes().to_vec(), Encoding::Utf8),
            (nfd.as_bytes().to_vec(), Encoding::Utf8),
            (
                [&[0xEF, 0xBB, 0xBF][..], SAMPLE.as_bytes()].concat(),
                Encoding::Utf8,
            ),
            (utf16, Encoding::Utf16Le),
            (utf16be, Encoding::Utf16Be),
            (encode_windows_1258(SAMPLE), Encoding::Windows1258),
            (encode_tcvn3(SAMPLE), Encoding::Tcvn3),
            (encode_vni(SAMPLE), Encoding::Vni),
        ];
        for (bytes, want) in cases {
            let (got, confidence) = detect(&bytes);
            assert_eq!(got, want, "confidence {confidence}");
            assert!(confidence > 0.8, "{want}: {confidence}");
            assert_eq!(decode(&bytes, got).unwrap(), SAMPLE, "{want}");
        }
    }

    #[test]
    fn finds_legacy_text_inside_unicode_cells() {
        let typed_in_vntime: String = encode_tcvn3("Nguyễn Thị Hương")
            .iter()
            .map(|&b| windows_1252(b))
            .collect();
        assert_eq!(typed_in_vntime, "NguyÔn ThÞ H\u{AD}¬ng");
        let (enc, _) = legacy_in_unicode(&typed_in_vntime).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert_eq!(reinterpret(&typed_in_vntime, enc), "Nguyễn Thị Hương");
        assert_eq!(legacy_in_unicode("Nguyễn Thị Hương"), None);
        assert_eq!(legacy_in_unicode("Café Zürich"), None);
    }

    #[test]
    fn bad_utf8_names_its_line() {
        let err = decode(b"ok\nstill ok\nbad \xff here", Encoding::Utf8).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                line: 3,
                offset: 16
            }
        );
    }

    #[test]
    fn any_bytes_decode_without_panic() {
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for enc in Encoding::ALL {
            let _ = decode(&all, enc);
            let _ = decode(&all[..3], enc);
        }
        let _ = detect(&all);
    }

    #[test]
    fn names_parse_and_serialise_alike() {
        for enc in Encoding::ALL {
            assert_eq!(serde_json::to_value(enc).unwrap(), enc.name());
            assert_eq!(enc.name().parse::<Encoding>().unwrap(), enc);
        }
        assert_eq!("ABC".parse::<Encoding>().unwrap(), Encoding::Tcvn3);
        assert_eq!("VNI-Windows".parse::<Encoding>().unwrap(), Encoding::Vni);
        assert_eq!("cp1258".parse::<Encoding>().unwrap(), Encoding::Windows1258);
        assert!("latin1".parse::<Encoding>().is_err());
    }
}
