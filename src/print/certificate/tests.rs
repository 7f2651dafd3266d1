//! Tests of the certificate renderer as a whole: the demo conference's certificates,
//! rendered and read back with poppler.

use chrono::NaiveDate;

use unicode_normalization::UnicodeNormalization;

use super::batch::CHUNK_PAGES;
use super::*;
use crate::domain::model::{AwardDecision, Issuer, Recipient};
use crate::domain::text;
use crate::print::PrintError;
use crate::print::layout::{CertificateKind, Layouts};
use crate::test_support::{assert_xref_consistent, poppler};

fn issuer(name: &str, level: &str, place: &str, heading: &str) -> Issuer {
    Issuer {
        id: 1,
        conference_id: 1,
        name: name.into(),
        level: level.into(),
        rank: 1,
        place_name: place.into(),
        certificate_heading: heading.into(),
        signer_title: "CHỦ TỊCH".into(),
        grounds: None,
        version: 1,
    }
}

fn decision(number: &str, form: &str, title: Option<&str>, signer: (&str, &str)) -> AwardDecision {
    AwardDecision {
        id: 1,
        conference_id: 1,
        issuer_id: 1,
        number: number.into(),
        decided_on: NaiveDate::from_ymd_opt(2019, 3, 10).unwrap(),
        form: form.into(),
        title_name: title.map(Into::into),
        reason: Some(
            "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018"
                .into(),
        ),
        signer_title: signer.0.into(),
        signer_name: signer.1.into(),
        signer_rank: String::new(),
        cash_individual: None,
        cash_collective: None,
        version: 1,
    }
}

fn recipient(
    kind: &str,
    honorific: Option<&str>,
    name: &str,
    position: Option<&str>,
    unit: Option<&str>,
    register: &str,
) -> Recipient {
    Recipient {
        id: 1,
        conference_id: 1,
        decision_id: 1,
        kind: kind.into(),
        honorific: honorific.map(Into::into),
        name: name.into(),
        position: position.map(Into::into),
        unit: unit.map(Into::into),
        reason: None,
        register_number: Some(register.into()),
        presentation_order: 1,
        version: 1,
    }
}

/// The demo conference's certificates: (kind, fields).
fn samples() -> Vec<(CertificateKind, CertificateFields)> {
    let conf = crate::print::samples::conference();
    let province = issuer(
        "UBND tỉnh Ninh Bình",
        "province",
        "Ninh Bình",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
    );
    let ministry = issuer("Bộ Công an", "central", "Hà Nội", "BỘ TRƯỞNG BỘ CÔNG AN");
    let district = issuer(
        "UBND huyện Kim Sơn",
        "district",
        "Kim Sơn",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
    );
    let kt = ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Đỗ Thị Minh Nguyệt");
    let make = |i: &Issuer, d: &AwardDecision, r: &Recipient| {
        CertificateFields::from_models(&conf, i, d, r).unwrap()
    };
    vec![
        (
            CertificateKind::CertificateOfMerit,
            make(
                &province,
                &decision("456/QĐ-UBND", "bang_khen", None, kt),
                &recipient(
                    "individual",
                    Some("ong"),
                    "Đặng Văn Ngọc",
                    Some("Trưởng Công an xã"),
                    Some("Công an xã Kim Chính, huyện Kim Sơn"),
                    "45",
                ),
            ),
        ),
        (
            CertificateKind::CertificateOfMerit,
            make(
                &ministry,
                &decision(
                    "1234/QĐ-BCA",
                    "bang_khen",
                    None,
                    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", "Nguyễn Văn Sơn"),
                ),
                &recipient(
                    "collective",
                    None,
                    "Cán bộ và nhân dân Thị trấn Phát Diệm",
                    None,
                    Some("huyện Kim Sơn, tỉnh Ninh Bình"),
                    "112",
                ),
            ),
        ),
        (
            CertificateKind::Commendation,
            make(
                &district,
                &decision(
                    "789/QĐ-UBND",
                    "giay_khen",
                    None,
                    ("CHỦ TỊCH", "Trần Văn Hùng"),
                ),
                &recipient(
                    "individual",
                    Some("ba"),
                    "Phạm Thị Yến",
                    Some("Trưởng thôn"),
                    Some("Thôn Tân Mỹ, xã Kim Tân"),
                    "17",
                ),
            ),
        ),
        (
            CertificateKind::Title,
            make(
                &province,
                &decision("457/QĐ-UBND", "title", Some("Đơn vị quyết thắng"), kt),
                &recipient(
                    "collective",
                    None,
                    "Công an huyện Kim Sơn",
                    None,
                    Some("Công an tỉnh Ninh Bình"),
                    "8",
                ),
            ),
        ),
    ]
}

fn render(
    kind: CertificateKind,
    certs: &[CertificateFields],
    mode: RenderMode,
) -> Result<Vec<u8>, PrintError> {
    let layouts = Layouts::builtin().unwrap();
    let opts = RenderOptions {
        mode,
        offset_x_mm: 1.5,
        offset_y_mm: -1.0,
        ..RenderOptions::default()
    };
    render_certificates(layouts.get(kind), certs, &opts, &mut |_| {})
}

const LONG_NAME: &str = "Tập thể cán bộ, chiến sĩ và nhân dân các xã Kim Chính, Kim Định, \
    Kim Tân, Kim Mỹ, Kim Hải, Kim Trung thuộc huyện Kim Sơn, tỉnh Ninh Bình trong năm 2018";

pub(super) fn one(i: usize) -> (CertificateKind, CertificateFields) {
    samples().swap_remove(i)
}

#[test]
fn pdftotext_finds_every_field_exactly() {
    for (kind, fields) in samples() {
        let pdf = render(kind, std::slice::from_ref(&fields), RenderMode::Full).unwrap();
        let Some(text) = poppler(
            "pdftotext",
            &["-raw"],
            &pdf,
            "pdftotext_finds_every_field_exactly",
        ) else {
            return;
        };
        // Wrapped fields continue on the next line: compare with lines joined by spaces.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let upper = |s: &str| text::upper(s);
        let name = match kind {
            CertificateKind::Commendation => fields.recipient_name.clone(),
            _ => upper(&fields.recipient_name),
        };
        let form = upper(&fields.form_name);
        let mut expected = vec![
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
            "Độc lập - Tự do - Hạnh phúc".into(),
            fields.issuer_heading.clone(),
            form,
            format!("{} {name}", fields.honorific).trim().to_string(),
            fields.reason.clone(),
            fields.decision_line.clone(),
            fields.place_date.clone(),
            fields.signer_name.clone(),
        ];
        expected.extend(fields.signer_title.lines().map(str::to_string));
        // Written as a person writes them: "Trưởng Công an xã Kim Chính, huyện Kim Sơn".
        expected.push(text::position_and_unit(&fields.position, &fields.unit));
        let register = match kind {
            CertificateKind::CertificateOfMerit => {
                format!("Số sổ vàng: {}", fields.register_number)
            }
            // Not a bare "Số:" under the decision's number, which would read as its number.
            _ => format!("Số sổ: {}", fields.register_number),
        };
        expected.push(register);
        for want in expected {
            assert!(
                flat.contains(&want),
                "{kind:?}: {want:?} not found in:\n{text}"
            );
        }
    }
}

#[test]
fn pdffonts_shows_embedded_subset_fonts() {
    let (kind, fields) = one(0);
    let pdf = render(kind, &[fields], RenderMode::Full).unwrap();
    let Some(list) = poppler(
        "pdffonts",
        &[],
        &pdf,
        "pdffonts_shows_embedded_subset_fonts",
    ) else {
        return;
    };
    let fonts: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(fonts.len(), 3, "regular, bold and italic are used:\n{list}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{line}");
        assert_eq!(
            cols[1..5],
            ["CID", "TrueType", "Identity-H", "yes"],
            "{line}"
        );
        assert_eq!(cols[5..7], ["yes", "yes"], "embedded and subset: {line}");
    }
}

#[test]
fn decomposed_input_gives_the_same_bytes_as_composed() {
    let (kind, nfc) = one(0);
    let nfd = |s: &str| s.nfd().collect::<String>();
    let decomposed = CertificateFields {
        recipient_name: nfd(&nfc.recipient_name),
        issuer_heading: nfd(&nfc.issuer_heading),
        reason: format!("  {}  ", nfd(&nfc.reason)),
        unit: nfd(&nfc.unit),
        signer_title: nfd(&nfc.signer_title),
        ..nfc.clone()
    };
    assert_ne!(decomposed, nfc);
    assert_eq!(
        render(kind, &[decomposed], RenderMode::Full).unwrap(),
        render(kind, &[nfc], RenderMode::Full).unwrap()
    );
}

#[test]
fn output_is_deterministic_and_undated() {
    let certs: Vec<_> = samples()
        .into_iter()
        .filter(|(k, _)| *k == CertificateKind::CertificateOfMerit)
        .map(|(_, f)| f)
        .collect();
    let a = render(
        CertificateKind::CertificateOfMerit,
        &certs,
        RenderMode::Full,
    )
    .unwrap();
    let b = render(
        CertificateKind::CertificateOfMerit,
        &certs,
        RenderMode::Full,
    )
    .unwrap();
    assert_eq!(a, b);
    assert_xref_consistent(&a);
    let head = String::from_utf8_lossy(&a);
    assert!(!head.contains("CreationDate") && !head.contains("ModDate"));
    assert!(head.contains("/Count 2 "));
}

#[test]
fn one_page_per_certificate_in_order_across_chunks_and_threads() {
    let (kind, fields) = one(0);
    let certs: Vec<_> = (0..CHUNK_PAGES + 70)
        .map(|i| CertificateFields {
            register_number: format!("R{i}"),
            ..fields.clone()
        })
        .collect();
    let mut seen = Vec::new();
    let pdf = render_certificates(
        Layouts::builtin().unwrap().get(kind),
        &certs,
        &RenderOptions::default(),
        &mut |n| seen.push(n),
    )
    .unwrap();
    assert_eq!(seen, [CHUNK_PAGES, CHUNK_PAGES + 70]);
    assert_xref_consistent(&pdf);
    let Some(text) = poppler(
        "pdftotext",
        &["-raw", "-f", "570", "-l", "571"],
        &pdf,
        "one_page_per_certificate",
    ) else {
        return;
    };
    let r569 = text.find("Số sổ vàng: R569").expect("page 570 shows R569");
    let r570 = text.find("Số sổ vàng: R570").expect("page 571 shows R570");
    assert!(r569 < r570);
}

#[test]
fn blank_mode_prints_only_the_fields() {
    let (kind, fields) = one(0);
    let pdf = render(kind, &[fields], RenderMode::Blank).unwrap();
    let Some(text) = poppler(
        "pdftotext",
        &["-raw"],
        &pdf,
        "blank_mode_prints_only_the_fields",
    ) else {
        return;
    };
    assert!(text.contains("ĐẶNG VĂN NGỌC") && text.contains("Đỗ Thị Minh Nguyệt"));
    assert!(
        !text.contains("CỘNG HÒA") && !text.contains("BẰNG KHEN") && !text.contains("TẶNG"),
        "{text}"
    );
}

#[test]
fn missing_glyph_names_character_field_and_recipient() {
    let (kind, fields) = one(0);
    let bad = CertificateFields {
        recipient_name: "Nguyễn Văn ꞗ".into(),
        recipient_label: "Nguyễn Văn ꞗ".into(),
        ..fields
    };
    let err = render(kind, &[bad], RenderMode::Full).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the font has no glyph for 'ꞗ' (U+A797) in field \"recipient_name\" of recipient \"Nguyễn Văn ꞗ\""
    );
}

#[test]
fn a_name_too_long_for_its_box_is_refused_clearly() {
    let (kind, fields) = one(1);
    let long = CertificateFields {
        recipient_name: "Cán bộ và nhân dân Thị trấn Phát Diệm ".repeat(6),
        ..fields
    };
    let err = render(kind, &[long], RenderMode::Full)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("field \"recipient\" of recipient \"Cán bộ và nhân dân Thị trấn Phát Diệm\" does not fit its box: at the minimum size 15 pt it needs"),
        "{err}"
    );
}

#[test]
fn a_150_character_collective_name_prints() {
    let (kind, fields) = one(1);
    let name = LONG_NAME;
    assert!(name.chars().count() >= 150);
    let pdf = render(
        kind,
        &[CertificateFields {
            recipient_name: name.into(),
            ..fields
        }],
        RenderMode::Full,
    )
    .unwrap();
    let Some(text) = poppler(
        "pdftotext",
        &["-raw"],
        &pdf,
        "a_150_character_collective_name_prints",
    ) else {
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&text::upper(name)), "{text}");
}

#[test]
fn an_emblem_image_is_embedded_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut png_bytes = Vec::new();
    {
        // A red disc with a gold rim on a transparent ground.
        let n = 64;
        let mut rgba = Vec::with_capacity(n * n * 4);
        for y in 0..n {
            for x in 0..n {
                let r = ((x as f32 - 31.5).powi(2) + (y as f32 - 31.5).powi(2)).sqrt();
                let px = if r < 26.0 {
                    [200, 16, 46, 255]
                } else if r < 31.0 {
                    [218, 165, 32, 255]
                } else {
                    [0, 0, 0, 0]
                };
                rgba.extend_from_slice(&px);
            }
        }
        let mut enc = png::Encoder::new(&mut png_bytes, n as u32, n as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&rgba).unwrap();
    }
    std::fs::write(dir.path().join("emblem.png"), &png_bytes).unwrap();
    let builtin = CertificateKind::CertificateOfMerit.builtin_source();
    let with_emblem = format!(
        "{builtin}\n[[element]]\nname = \"emblem\"\nkind = \"image\"\nlayer = \"static\"\nbox = [16, 14, 40, 25]\nimage = \"emblem.png\"\n"
    );
    std::fs::write(dir.path().join("bang_khen.toml"), with_emblem).unwrap();
    let layouts = Layouts::with_overrides(dir.path()).unwrap();
    let (kind, fields) = one(0);
    let certs = vec![fields; 3];
    let pdf = render_certificates(
        layouts.get(kind),
        &certs,
        &RenderOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    if let Ok(samples) = std::env::var("HOINGHI_SAMPLES") {
        std::fs::write(std::path::Path::new(&samples).join("emblem.pdf"), &pdf).unwrap();
    }
    let raw = String::from_utf8_lossy(&pdf);
    assert_eq!(
        raw.matches("/Subtype /Image").count(),
        2,
        "the image and its alpha mask, once"
    );
    assert_eq!(
        raw.matches("/Subtype /Form").count(),
        1,
        "the design is shared by all pages"
    );
}

/// Writes sample PDFs for looking at: `HOINGHI_SAMPLES=dir cargo test write_samples -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let dir = std::path::PathBuf::from(
        std::env::var("HOINGHI_SAMPLES").unwrap_or_else(|_| "/tmp/hoinghi-samples".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let layouts = Layouts::builtin().unwrap();
    for (i, (kind, fields)) in samples().into_iter().enumerate() {
        for mode in [RenderMode::Full, RenderMode::Blank] {
            let pdf = render(kind, std::slice::from_ref(&fields), mode).unwrap();
            std::fs::write(dir.join(format!("{i}-{kind:?}-{mode:?}.pdf")), pdf).unwrap();
        }
    }
    let pdf = render_calibration(
        layouts.get(CertificateKind::CertificateOfMerit),
        &RenderOptions::default(),
    )
    .unwrap();
    std::fs::write(dir.join("calibration.pdf"), pdf).unwrap();
    // The longest texts the layouts must take: wrapped name, unit and reason.
    let (kind, fields) = one(1);
    let long = CertificateFields {
        recipient_name: LONG_NAME.into(),
        unit: "Ban Chỉ đạo phong trào Toàn dân bảo vệ an ninh Tổ quốc các xã vùng biển \
               huyện Kim Sơn, tỉnh Ninh Bình và các đơn vị phối hợp"
            .into(),
        reason: "Đã có thành tích xuất sắc đặc biệt trong phong trào Toàn dân bảo vệ an ninh \
                 Tổ quốc, đấu tranh phòng, chống tội phạm, giữ gìn an ninh chính trị và trật tự \
                 an toàn xã hội trên địa bàn huyện Kim Sơn năm 2018"
            .into(),
        ..fields
    };
    let pdf = render(kind, &[long], RenderMode::Full).unwrap();
    std::fs::write(dir.join("long.pdf"), pdf).unwrap();
}
