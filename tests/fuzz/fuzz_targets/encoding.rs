//! Any bytes: detection answers a confidence in 0..=1, every decoding either succeeds with
//! NFC text or fails with an error, and legacy-font text found in Unicode cells is
//! reinterpreted into NFC text. Nothing panics.
#![no_main]

use hoinghi::domain::text::nfc;
use hoinghi::interop::encoding::{Encoding, decode, detect, legacy_in_unicode, reinterpret};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (detected, confidence) = detect(data);
    assert!(
        (0.0..=1.0).contains(&confidence),
        "confidence {confidence} for {detected}"
    );
    for enc in Encoding::ALL {
        if let Ok(text) = decode(data, enc) {
            assert_eq!(text, nfc(&text), "{enc} gave text that is not NFC");
        }
    }
    let cell = String::from_utf8_lossy(data);
    if let Some((enc, score)) = legacy_in_unicode(&cell) {
        assert!(score.is_finite(), "score {score}");
        let text = reinterpret(&cell, enc);
        assert_eq!(
            text,
            nfc(&text),
            "reinterpreting as {enc} gave text that is not NFC"
        );
    }
});
