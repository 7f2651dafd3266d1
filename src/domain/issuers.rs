//! What a certificate prints of an issuer, derived from its name when a list gives only the
//! name: the heading naming the head who gives it ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI"),
//! the signer's title, the level, and the place of its date lines (Decree 30/2020: the
//! province's name for a provincial body, the district's for a district body, "Hà Nội" for a
//! ministry). A guess the organiser can correct; administrative units are data, not code.

use serde::Serialize;
use utoipa::ToSchema;

use super::kinds::IssuerLevel;
use super::text::{fold, normalize, upper};

/// Abbreviations of official names, as offices type them, and what they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubnd", "Ủy ban nhân dân"),
    ("hdnd", "Hội đồng nhân dân"),
    ("mttq", "Mặt trận Tổ quốc"),
    ("bch", "Ban Chấp hành"),
    ("tw", "Trung ương"),
    ("ca", "Công an"),
    ("tp", "thành phố"),
    ("tx", "thị xã"),
];

/// Cities under the central government: a "thành phố" of province level.
const CENTRAL_CITIES: &[&str] = &[
    "ha noi",
    "ho chi minh",
    "hai phong",
    "da nang",
    "can tho",
    "hue",
];

/// Administrative units, as written after a body's name ("tỉnh", "huyện" …), and their level.
const UNITS: &[(&str, IssuerLevel)] = &[
    ("tinh", IssuerLevel::Province),
    ("thanh pho", IssuerLevel::District),
    ("huyen", IssuerLevel::District),
    ("quan", IssuerLevel::District),
    ("thi xa", IssuerLevel::District),
    ("thi tran", IssuerLevel::Commune),
    ("xa", IssuerLevel::Commune),
    ("phuong", IssuerLevel::Commune),
];

/// Spell out the abbreviations of a name: "UBND tỉnh Gia Lai" → "Ủy ban nhân dân tỉnh Gia Lai".
pub fn expand_abbreviations(name: &str) -> String {
    let words: Vec<String> = normalize(name)
        .split_whitespace()
        .map(|w| {
            let key = fold(w.trim_end_matches('.'));
            match ABBREVIATIONS.iter().find(|(short, _)| *short == key) {
                // Only a word typed in capitals is an abbreviation ("Ca" could be a name).
                Some((_, long))
                    if w.chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase) =>
                {
                    long.to_string()
                }
                _ => w.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// What a certificate prints of an issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IssuerStyle {
    /// The name with its abbreviations spelt out.
    pub full_name: String,
    pub level: IssuerLevel,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI".
    pub certificate_heading: String,
    /// "CHỦ TỊCH".
    pub signer_title: String,
    /// "Gia Lai"; None when the name gives no place (the conference's is used).
    pub place_name: Option<String>,
}

/// Who gives an issuer's awards, as the papers name them: its head, as its certificates do
/// ("Bằng khen của Bộ trưởng Bộ Công an", "Quyết định … của Chủ tịch UBND tỉnh Ninh Bình",
/// "Giấy khen của Giám đốc Công an tỉnh Ninh Bình"). The head is the first line of the
/// issuer's usual signer title; an issuer whose title is its own name gives them itself.
pub fn giver(name: &str, signer_title: &str) -> String {
    let name = normalize(name);
    let head = signer_title.lines().next().unwrap_or("").trim();
    // "KT. CHỦ TỊCH" signs for the Chủ tịch, who gives.
    let head = head
        .split_once(". ")
        .filter(|(prefix, _)| ["KT", "TM", "TL", "TUQ", "Q"].contains(&prefix.trim()))
        .map_or(head, |(_, rest)| rest.trim());
    if head.is_empty()
        || fold(head) == fold(&name)
        || fold(&expand_abbreviations(&name)) == fold(head)
    {
        return name;
    }
    // "BỘ TRƯỞNG" → "Bộ trưởng".
    let lower = head.to_lowercase();
    let mut chars = lower.chars();
    let cased: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{cased} {name}")
}

/// The issuing body as the top-left block of an administrative paper names it, in full and
/// in capitals (Decree 30 allows no abbreviation of the issuer itself): the body on one line
/// and its administrative unit on the next — "UBND huyện Kim Sơn" → ["ỦY BAN NHÂN DÂN",
/// "HUYỆN KIM SƠN"]; a name with no unit stays one line.
pub fn issuing_body_lines(name: &str) -> Vec<String> {
    let full = expand_abbreviations(name);
    let words: Vec<&str> = full.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    match first_unit(&folded) {
        Some((i, _, _)) => vec![upper(&words[..i].join(" ")), upper(&words[i..].join(" "))],
        None => vec![upper(&full)],
    }
}

/// The first administrative unit a name's (folded) words name after its body, followed by a
/// place: where it starts, how many words it takes, and its level.
fn first_unit(folded: &[String]) -> Option<(usize, usize, IssuerLevel)> {
    (1..folded.len()).find_map(|i| {
        UNITS.iter().find_map(|(unit, level)| {
            let n = unit.split(' ').count();
            let here = folded.get(i..i + n)?.join(" ");
            (here == *unit && i + n < folded.len()).then_some((i, n, *level))
        })
    })
}

/// Derive the heading, signer, level and place of an issuer from its name.
pub fn style_of(name: &str) -> IssuerStyle {
    let full_name = expand_abbreviations(name);
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    // The first administrative unit named, and the place after it.
    let unit = first_unit(&folded).map(|(i, n, level)| (i, level, words[i + n..].join(" ")));
    let body = fold(&words[..unit.as_ref().map_or(words.len(), |u| u.0)].join(" "));
    let starts = |prefix: &str| body == prefix || body.starts_with(&format!("{prefix} "));
    let (level, place) = match &unit {
        Some((at, IssuerLevel::District, place))
            if folded[*at] == "thanh" && CENTRAL_CITIES.contains(&fold(place).as_str()) =>
        {
            (IssuerLevel::Province, Some(place.clone()))
        }
        Some((_, level, place)) => (*level, Some(place.clone())),
        None if starts("bo")
            || starts("chinh phu")
            || starts("thu tuong")
            || starts("chu tich nuoc") =>
        {
            (IssuerLevel::Central, Some("Hà Nội".to_string()))
        }
        None => (IssuerLevel::Agency, None),
    };
    let signer = if starts("uy ban nhan dan") {
        "CHỦ TỊCH"
    } else if starts("bo") {
        "BỘ TRƯỞNG"
    } else if starts("thu tuong") {
        ""
    } else if starts("cong an") || starts("so") || starts("cuc") {
        if level == IssuerLevel::Province || starts("so") || starts("cuc") {
            "GIÁM ĐỐC"
        } else {
            "TRƯỞNG"
        }
    } else {
        ""
    };
    let heading = if signer.is_empty() {
        upper(&full_name)
    } else {
        format!("{signer} {}", upper(&full_name))
    };
    let signer_title = if signer.is_empty() {
        upper(&full_name)
    } else {
        signer.to_string()
    };
    IssuerStyle {
        full_name,
        level,
        certificate_heading: heading,
        signer_title,
        place_name: place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, heading: &str, signer: &str, level: IssuerLevel, place: Option<&str>) {
        let s = style_of(name);
        assert_eq!(s.certificate_heading, heading, "{name}");
        assert_eq!(s.signer_title, signer, "{name}");
        assert_eq!(s.level, level, "{name}");
        assert_eq!(s.place_name.as_deref(), place, "{name}");
    }

    #[test]
    fn abbreviations_are_spelt_out() {
        assert_eq!(
            expand_abbreviations("UBND tỉnh Gia Lai"),
            "Ủy ban nhân dân tỉnh Gia Lai"
        );
        assert_eq!(
            expand_abbreviations("CA huyện Kim Sơn"),
            "Công an huyện Kim Sơn"
        );
        assert_eq!(
            expand_abbreviations("UBND TP. Hà Nội"),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        // A word in lower case is a word, not an abbreviation.
        assert_eq!(expand_abbreviations("xã Ca Thành"), "xã Ca Thành");
    }

    #[test]
    fn the_head_gives_the_award() {
        assert_eq!(giver("Bộ Công an", "BỘ TRƯỞNG"), "Bộ trưởng Bộ Công an");
        assert_eq!(
            giver("UBND tỉnh Ninh Bình", "CHỦ TỊCH"),
            "Chủ tịch UBND tỉnh Ninh Bình"
        );
        assert_eq!(
            giver("Công an tỉnh Ninh Bình", "GIÁM ĐỐC"),
            "Giám đốc Công an tỉnh Ninh Bình"
        );
        assert_eq!(
            giver("UBND huyện Kim Sơn", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
            "Chủ tịch UBND huyện Kim Sơn"
        );
        assert_eq!(
            giver("Hội Nông dân tỉnh", "HỘI NÔNG DÂN TỈNH"),
            "Hội Nông dân tỉnh"
        );
    }

    #[test]
    fn the_issuing_body_in_full_on_two_lines() {
        assert_eq!(
            issuing_body_lines("UBND huyện Kim Sơn"),
            ["ỦY BAN NHÂN DÂN", "HUYỆN KIM SƠN"]
        );
        assert_eq!(
            issuing_body_lines("Công an tỉnh Ninh Bình"),
            ["CÔNG AN", "TỈNH NINH BÌNH"]
        );
        assert_eq!(
            issuing_body_lines("UBND thị trấn Phát Diệm"),
            ["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHÁT DIỆM"]
        );
        assert_eq!(issuing_body_lines("Bộ Công an"), ["BỘ CÔNG AN"]);
    }

    #[test]
    fn headings_and_places_follow_the_issuing_body() {
        use IssuerLevel::*;
        check(
            "UBND tỉnh Gia Lai",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI",
            "CHỦ TỊCH",
            Province,
            Some("Gia Lai"),
        );
        check(
            "UBND huyện Kim Sơn",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
            "CHỦ TỊCH",
            District,
            Some("Kim Sơn"),
        );
        check(
            "Công an tỉnh Ninh Bình",
            "GIÁM ĐỐC CÔNG AN TỈNH NINH BÌNH",
            "GIÁM ĐỐC",
            Province,
            Some("Ninh Bình"),
        );
        check(
            "CA huyện Kim Sơn",
            "TRƯỞNG CÔNG AN HUYỆN KIM SƠN",
            "TRƯỞNG",
            District,
            Some("Kim Sơn"),
        );
        check(
            "Bộ Công an",
            "BỘ TRƯỞNG BỘ CÔNG AN",
            "BỘ TRƯỞNG",
            Central,
            Some("Hà Nội"),
        );
        check(
            "UBND thành phố Hà Nội",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
            "CHỦ TỊCH",
            Province,
            Some("Hà Nội"),
        );
        check(
            "UBND thị trấn Phát Diệm",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN PHÁT DIỆM",
            "CHỦ TỊCH",
            Commune,
            Some("Phát Diệm"),
        );
        check(
            "Sở Nội vụ tỉnh Gia Lai",
            "GIÁM ĐỐC SỞ NỘI VỤ TỈNH GIA LAI",
            "GIÁM ĐỐC",
            Province,
            Some("Gia Lai"),
        );
        check(
            "Thủ tướng Chính phủ",
            "THỦ TƯỚNG CHÍNH PHỦ",
            "THỦ TƯỚNG CHÍNH PHỦ",
            Central,
            Some("Hà Nội"),
        );
        check("Hội Nông dân", "HỘI NÔNG DÂN", "HỘI NÔNG DÂN", Agency, None);
    }
}
