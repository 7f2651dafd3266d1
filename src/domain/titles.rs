//! Emulation titles (danh hiệu thi đua) of the Law on Emulation and Commendation 2022, as
//! award lists write them in their form column ("Chiến sĩ thi đua cơ sở", "Lao động tiên
//! tiến", "Đơn vị quyết thắng", "Cờ thi đua của UBND tỉnh" …): the award's form is then the
//! title, and the text its name.

use super::issuers::expand_abbreviations;
use super::text::{fold, normalize};

/// How the titles of the law begin, folded (individuals, collectives, households).
const TITLES: &[&str] = &[
    "chien si thi dua",
    "lao dong tien tien",
    "chien si tien tien",
    "co thi dua",
    "tap the lao dong xuat sac",
    "tap the lao dong tien tien",
    "don vi quyet thang",
    "don vi tien tien",
    "gia dinh tieu bieu",
    "thon tieu bieu",
    "to dan pho tieu bieu",
];

/// The name of the title `form` names, if it names one: a title of the law, or anything
/// after "Danh hiệu". Abbreviations are spelt out ("Cờ thi đua của Ủy ban nhân dân tỉnh").
pub fn emulation_title(form: &str) -> Option<String> {
    let text = normalize(form);
    let key = fold(&text);
    let is = |prefix: &str| key == prefix || key.starts_with(&format!("{prefix} "));
    if is("danh hieu") {
        let rest = text.split_once(char::is_whitespace)?.1.trim_start();
        let rest = rest
            .split_once(char::is_whitespace)?
            .1
            .trim_start_matches([' ', ':', '"', '“']);
        let rest = rest.trim_end_matches(['"', '”']).trim();
        return (!rest.is_empty()).then(|| capitalise(&expand_abbreviations(rest)));
    }
    TITLES
        .iter()
        .any(|t| is(t))
        .then(|| capitalise(&expand_abbreviations(&text)))
}

/// The first letter in capitals, as a title's name is printed.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_titles_of_the_law_are_recognised() {
        for (typed, name) in [
            ("Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"),
            ("chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"),
            ("Lao động tiên tiến", "Lao động tiên tiến"),
            ("Đơn vị quyết thắng", "Đơn vị quyết thắng"),
            ("Tập thể lao động xuất sắc", "Tập thể lao động xuất sắc"),
            (
                "Cờ thi đua của UBND tỉnh",
                "Cờ thi đua của Ủy ban nhân dân tỉnh",
            ),
            ("Danh hiệu Đơn vị quyết thắng", "Đơn vị quyết thắng"),
            ("Danh hiệu: \"Gia đình văn hóa\"", "Gia đình văn hóa"),
            ("DANH HIỆU Chiến sĩ tiên tiến", "Chiến sĩ tiên tiến"),
        ] {
            assert_eq!(emulation_title(typed).as_deref(), Some(name), "{typed}");
        }
        for other in [
            "Bằng khen",
            "Giấy khen",
            "Danh hiệu",
            "Huân chương Lao động hạng Ba",
            "",
        ] {
            assert_eq!(emulation_title(other), None, "{other}");
        }
    }
}
