//! Numbers in Vietnamese words, as a payment list writes its total ("Bằng chữ: Hai triệu
//! bảy trăm tám mươi nghìn đồng chẵn"): "mười" and "mươi", "mốt" and "lăm" after the tens,
//! "linh" for a missing ten, "không trăm" for a missing hundred inside a number, and "tỷ"
//! repeated for the largest ("một nghìn tỷ").

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// The words of a group of three digits. `inner`: a higher group is spoken before it,
/// so its hundreds are said even when zero ("một nghìn không trăm linh năm").
fn group(n: u64, inner: bool, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    if h > 0 || inner {
        out.extend([DIGITS[h], "trăm"]);
    }
    let hundreds_said = h > 0 || inner;
    match t {
        0 if u > 0 && hundreds_said => out.extend(["linh", DIGITS[u]]),
        0 if u > 0 => out.push(DIGITS[u]),
        0 => {}
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
        _ => {
            out.extend([DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => out.push("mốt"),
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
    }
}

/// Below a billion: groups of thousands and millions.
fn below_billion(n: u64, inner: bool, out: &mut Vec<&'static str>) {
    let groups = [
        (n / 1_000_000, "triệu"),
        (n / 1_000 % 1_000, "nghìn"),
        (n % 1_000, ""),
    ];
    let mut said = inner;
    for (value, scale) in groups {
        if value == 0 {
            continue;
        }
        group(value, said, out);
        if !scale.is_empty() {
            out.push(scale);
        }
        said = true;
    }
}

/// `n` in words, lower case: "hai triệu bảy trăm tám mươi nghìn".
pub fn number(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut out = Vec::new();
    push_number(n, false, &mut out);
    out.join(" ")
}

fn push_number(n: u64, inner: bool, out: &mut Vec<&'static str>) {
    let (billions, rest) = (n / 1_000_000_000, n % 1_000_000_000);
    if billions > 0 {
        push_number(billions, inner, out);
        out.push("tỷ");
    }
    if rest > 0 {
        below_billion(rest, inner || billions > 0, out);
    }
}

/// An amount of đồng as a payment list writes it in words, capitalised: "Hai triệu bảy trăm
/// tám mươi nghìn đồng chẵn" ("chẵn" when it is whole thousands), "Không đồng".
pub fn dong(amount: u64) -> String {
    let capitalised = super::titles::capitalise(&number(amount));
    if amount > 0 && amount % 1_000 == 0 {
        format!("{capitalised} đồng chẵn")
    } else {
        format!("{capitalised} đồng")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the words back: a parser written apart from the writer, so a wrong word fails.
    pub(crate) fn parse(words: &str) -> Option<u64> {
        let digit = |w: &str| -> Option<u64> {
            Some(match w {
                "không" => 0,
                "một" | "mốt" => 1,
                "hai" => 2,
                "ba" => 3,
                "bốn" | "tư" => 4,
                "năm" | "lăm" => 5,
                "sáu" => 6,
                "bảy" => 7,
                "tám" => 8,
                "chín" => 9,
                _ => return None,
            })
        };
        // total: what came before the last "tỷ"; below: the thousands and millions read
        // since; hundreds and small: the group being read.
        let (mut total, mut below, mut hundreds, mut small) = (0u64, 0u64, 0u64, 0u64);
        for w in words.split_whitespace() {
            match w {
                "trăm" => {
                    hundreds = small * 100;
                    small = 0;
                }
                "mươi" => small *= 10,
                "mười" => small += 10,
                "linh" | "lẻ" => {}
                "nghìn" | "ngàn" | "triệu" => {
                    let scale = if w == "triệu" { 1_000_000 } else { 1_000 };
                    below += (hundreds + small) * scale;
                    (hundreds, small) = (0, 0);
                }
                "tỷ" => {
                    total = (total + below + hundreds + small) * 1_000_000_000;
                    (below, hundreds, small) = (0, 0, 0);
                }
                _ => small += digit(w)?,
            }
        }
        Some(total + below + hundreds + small)
    }

    #[test]
    fn edge_cases_read_as_an_office_writes_them() {
        for (n, words) in [
            (0, "không"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi bốn"),
            (25, "hai mươi lăm"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (1_005, "một nghìn không trăm linh năm"),
            (1_015, "một nghìn không trăm mười lăm"),
            (1_100, "một nghìn một trăm"),
            (10_000, "mười nghìn"),
            (15_000, "mười lăm nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (220_000, "hai trăm hai mươi nghìn"),
            (420_000, "bốn trăm hai mươi nghìn"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
            (2_085_000, "hai triệu không trăm tám mươi lăm nghìn"),
            (2_780_000, "hai triệu bảy trăm tám mươi nghìn"),
            (1_000_000_000, "một tỷ"),
            (2_500_000_000, "hai tỷ năm trăm triệu"),
            (2_000_500_000, "hai tỷ năm trăm nghìn"),
            (1_005_000_000, "một tỷ không trăm linh năm triệu"),
            (2_000_050_000, "hai tỷ không trăm năm mươi nghìn"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (
                1_200_000_000_001,
                "một nghìn hai trăm tỷ không trăm linh một",
            ),
        ] {
            assert_eq!(number(n), words, "{n}");
        }
        assert_eq!(
            dong(2_780_000),
            "Hai triệu bảy trăm tám mươi nghìn đồng chẵn"
        );
        assert_eq!(dong(0), "Không đồng");
        assert_eq!(dong(1_500), "Một nghìn năm trăm đồng");
    }

    #[test]
    fn the_parser_reads_known_words() {
        assert_eq!(parse("hai triệu bảy trăm tám mươi nghìn"), Some(2_780_000));
        assert_eq!(parse("một nghìn tỷ"), Some(1_000_000_000_000));
        assert_eq!(parse("một trăm linh năm"), Some(105));
        assert_eq!(parse("một tỷ gì đó"), None);
    }

    proptest::proptest! {
        /// Every number up to 10^12 reads back to itself.
        #[test]
        fn words_read_back(n in 0u64..=1_000_000_000_000) {
            let words = number(n);
            proptest::prop_assert_eq!(parse(&words), Some(n), "{}", words);
        }

        /// Numbers near the groups' edges, where "linh", "không trăm" and the scales meet.
        #[test]
        fn sparse_numbers_read_back(
            digits in proptest::collection::vec(proptest::sample::select(vec![0u64, 1, 4, 5, 9]), 1..13)
        ) {
            let n = digits.iter().fold(0u64, |n, d| n * 10 + d);
            let words = number(n);
            proptest::prop_assert_eq!(parse(&words), Some(n), "{}", words);
        }
    }
}
