//! An issuer's emblem or logo as uploaded: a PNG (kept as it is, transparency and all), a
//! JPEG (stored as the scans are, three colour components a PDF embeds as they are), or a
//! one-page PDF (kept as vector). Checked here, before anything is stored; what is stored
//! is made ready for a batch by [`image`].

use super::scan::{problem, unreadable};
use crate::domain::validate::FieldError;
use crate::print::pdf::{Image, Unusable};

/// The largest file accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// An emblem needs no more: 4,000 pixels is 34 cm at 300 dpi.
pub const MAX_SIDE_PX: u32 = 4_000;

/// What is stored of an accepted upload.
#[derive(Debug)]
pub struct Emblem {
    /// "png", "jpeg" or "pdf".
    pub format: &'static str,
    pub data: Vec<u8>,
    /// In pixels; for a PDF, the page's size in pt.
    pub width: f64,
    pub height: f64,
}

impl From<Unusable> for FieldError {
    fn from(u: Unusable) -> FieldError {
        problem(u.code, &u.args, u.english)
    }
}

/// Check an upload; the problem (on field `file`) says what is wrong with it.
pub fn check(bytes: Vec<u8>) -> Result<Emblem, FieldError> {
    if bytes.len() > MAX_BYTES {
        let (size, limit) = (
            format!("{:.1}", bytes.len() as f64 / 1_048_576.0),
            (MAX_BYTES / 1_048_576).to_string(),
        );
        return Err(problem(
            "file-too-large",
            &[("size", size.clone()), ("limit", limit.clone())],
            format!("the file is {size} MB; the limit is {limit} MB"),
        ));
    }
    if bytes.is_empty() {
        return Err(problem("file-empty", &[], "the file is empty".into()));
    }
    if bytes.starts_with(b"%PDF-") {
        let image = Image::from_pdf_page(&bytes)?;
        return Ok(Emblem {
            format: "pdf",
            width: f64::from(image.width),
            height: f64::from(image.height),
            data: bytes,
        });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (width, height) = png_size(&bytes).map_err(unreadable)?;
        check_side(width, height)?;
        // Decoded once here, so that what is stored prints.
        Image::from_png(&bytes).map_err(unreadable)?;
        return Ok(Emblem {
            format: "png",
            width: f64::from(width),
            height: f64::from(height),
            data: bytes,
        });
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        let scan = super::scan::normalise(&bytes)?;
        check_side(scan.width, scan.height)?;
        return Ok(Emblem {
            format: "jpeg",
            width: f64::from(scan.width),
            height: f64::from(scan.height),
            data: scan.jpeg,
        });
    }
    Err(problem(
        "emblem-format",
        &[],
        "the file is not a PNG, a JPEG or a PDF".into(),
    ))
}

/// A PNG's size from its header.
fn png_size(bytes: &[u8]) -> Result<(u32, u32), png::DecodingError> {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info()?;
    Ok(reader.info().size())
}

fn check_side(width: u32, height: u32) -> Result<(), FieldError> {
    if width.max(height) > MAX_SIDE_PX || width == 0 || height == 0 {
        return Err(problem(
            "emblem-pixels",
            &[
                ("width", width.to_string()),
                ("height", height.to_string()),
                ("max", MAX_SIDE_PX.to_string()),
            ],
            format!(
                "the image is {width} × {height} pixels; an emblem needs from 1 to {MAX_SIDE_PX} pixels on each side"
            ),
        ));
    }
    Ok(())
}

/// A stored emblem, ready to embed in a batch.
pub fn image(format: &str, data: Vec<u8>, width: f64, height: f64) -> Result<Image, String> {
    match format {
        "png" => Image::from_png(&data),
        "jpeg" => Ok(Image::from_jpeg(data, width as u32, height as u32)),
        "pdf" => Image::from_pdf_page(&data).map_err(|u| u.english),
        other => Err(format!("unknown emblem format \"{other}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 0, 0, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_is_kept_as_uploaded() {
        let bytes = png(40, 30);
        let e = check(bytes.clone()).unwrap();
        assert_eq!((e.format, e.width, e.height), ("png", 40.0, 30.0));
        assert_eq!(e.data, bytes);
    }

    #[test]
    fn a_pdf_is_measured_in_points() {
        let e = check(crate::test_support::emblem_pdf(85.0, 90.0)).unwrap();
        assert_eq!((e.format, e.width, e.height), ("pdf", 85.0, 90.0));
        assert!(
            image(e.format, e.data, e.width, e.height)
                .unwrap()
                .is_vector()
        );
    }

    #[test]
    fn what_is_not_an_emblem_is_refused_with_the_reason() {
        let code = |bytes: Vec<u8>| check(bytes).unwrap_err().code.unwrap();
        assert_eq!(code(Vec::new()), "file-empty");
        assert_eq!(code(b"GIF89a".to_vec()), "emblem-format");
        assert_eq!(code(png(4_001, 10)), "emblem-pixels");
        assert_eq!(code(b"%PDF-1.4 nothing".to_vec()), "pdf-unreadable");
    }
}
