//! Vietnamese text written in a legacy encoding reads back exactly: for any string of
//! Vietnamese letters (all tones, both cases), digits and punctuation,
//! `decode(encode(s), enc) == s` for Windows-1258, TCVN3 and VNI.
#![no_main]

use std::sync::LazyLock;

use hoinghi::interop::encoding::{Encoding, decode, encode_tcvn3, encode_vni, encode_windows_1258};
use libfuzzer_sys::fuzz_target;

/// Every letter of the Vietnamese alphabet with every tone, in both cases (NFC), and the
/// ASCII that lists hold.
static ALPHABET: LazyLock<Vec<String>> = LazyLock::new(|| {
    const VOWELS: [&str; 12] = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
    let mut letters: Vec<String> = Vec::new();
    for v in VOWELS {
        for t in TONES {
            let lower = hoinghi::domain::text::nfc(&format!("{v}{t}"));
            letters.push(hoinghi::domain::text::upper(&lower));
            letters.push(lower);
        }
    }
    letters.extend(["đ", "Đ"].map(String::from));
    letters.extend(
        "bcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 ,.;:-/()'\""
            .chars()
            .map(String::from),
    );
    letters
});

fuzz_target!(|data: &[u8]| {
    let alphabet = &*ALPHABET;
    let text: String = data
        .iter()
        .map(|&b| alphabet[b as usize % alphabet.len()].as_str())
        .collect();
    let encoders: [(Encoding, fn(&str) -> Vec<u8>); 3] = [
        (Encoding::Windows1258, encode_windows_1258),
        (Encoding::Tcvn3, encode_tcvn3),
        (Encoding::Vni, encode_vni),
    ];
    for (enc, encode) in encoders {
        let bytes = encode(&text);
        let back = decode(&bytes, enc).expect("single-byte encodings always decode");
        assert_eq!(back, text, "{enc} round trip");
    }
});
