//! The scan of a pre-printed blank, as uploaded (a JPEG, a PNG, or a scanner's one-page PDF
//! holding one image), checked and bounded before anything is decoded, and normalised to one
//! JPEG of at most A4 at 300 dpi.

use std::io::{Cursor, Read};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::domain::validate::FieldError;

/// The largest file accepted.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most pixels an image may have (a 50-megapixel photo is refused).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The long side of the stored image: A4 at 300 dpi.
pub const LONG_SIDE_PX: u32 = 3508;
/// What decoding may allocate: 40 megapixels of 16-bit RGBA, and a little more.
const MAX_ALLOC: u64 = MAX_PIXELS * 8 + 16 * 1024 * 1024;
const JPEG_QUALITY: u8 = 85;

/// A normalised scan: a baseline RGB JPEG and its size in pixels.
#[derive(Debug)]
pub struct Scan {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// What is wrong with an uploaded file (field `file`): its code, named values and English
/// words; the catalogs word it for the page (`problem-<code>`).
pub(super) fn problem(code: &str, args: &[(&str, String)], english: String) -> FieldError {
    FieldError::coded("file", code, args, english)
}

/// The image cannot be decoded: what the decoder said.
pub(super) fn unreadable(detail: impl std::fmt::Display) -> FieldError {
    let detail = detail.to_string();
    let english = format!("the image cannot be decoded: {detail}");
    problem("image-unreadable", &[("detail", detail)], english)
}

/// The PDF's page is not a scan this server reads: upload it as JPEG or PNG instead.
fn unusable_pdf(detail: String) -> FieldError {
    let english = format!(
        "the PDF's page is not a scan this server reads ({detail}); upload the scan as JPEG or PNG instead"
    );
    problem("scan-pdf-image", &[("detail", detail)], english)
}

/// Check and normalise an upload; the problem says what is wrong with the file.
pub fn normalise(bytes: &[u8]) -> Result<Scan, FieldError> {
    if bytes.len() > MAX_BYTES {
        let (size, limit) = (
            format!("{:.1}", bytes.len() as f64 / 1_048_576.0),
            (MAX_BYTES / 1_048_576).to_string(),
        );
        let english = format!("the file is {size} MB; the limit is {limit} MB");
        return Err(problem(
            "file-too-large",
            &[("size", size), ("limit", limit)],
            english,
        ));
    }
    if bytes.is_empty() {
        return Err(problem("file-empty", &[], "the file is empty".into()));
    }
    if bytes.starts_with(b"%PDF-") {
        return from_pdf(bytes);
    }
    let image = decode(bytes)?;
    encode(image)
}

/// Decode a JPEG or PNG after checking its format and size from its header.
fn decode(bytes: &[u8]) -> Result<DynamicImage, FieldError> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(unreadable)
    };
    let first = reader()?;
    let format = first.format();
    if !matches!(format, Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        let english = "the file is not a JPEG, a PNG or a one-page PDF".to_string();
        return Err(problem("scan-format", &[], english));
    }
    let (width, height) = first.into_dimensions().map_err(unreadable)?;
    check_pixels(width, height)?;
    if format == Some(ImageFormat::Png) {
        return decode_png_8bit(bytes);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut second = reader()?;
    second.limits(limits);
    second.decode().map_err(unreadable)
}

/// A PNG decoded to at most 8 bits a channel (16-bit samples keep their high byte, palettes
/// are expanded): a 16-bit scan decoded whole held 8 bytes a pixel, and a blank printed
/// behind a certificate needs no more than 8 bits a channel.
fn decode_png_8bit(bytes: &[u8]) -> Result<DynamicImage, FieldError> {
    use png::{BitDepth, ColorType, Transformations};
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: MAX_ALLOC as usize,
        },
    );
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(unreadable)?;
    // Its size was checked from the header before (`decode`).
    let (width, height) = reader.info().size();
    let (colour, depth) = reader.output_color_type();
    let size = reader
        .output_buffer_size()
        .filter(|&n| n as u64 <= MAX_PIXELS * 4)
        .ok_or_else(|| unreadable("too large to decode"))?;
    debug_assert_eq!(depth, BitDepth::Eight);
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(unreadable)?;
    buf.truncate(frame.buffer_size());
    let wrong = || unreadable("its pixels do not match its size");
    Ok(match colour {
        ColorType::Grayscale => DynamicImage::ImageLuma8(
            image::GrayImage::from_raw(width, height, buf).ok_or_else(wrong)?,
        ),
        ColorType::GrayscaleAlpha => DynamicImage::ImageLumaA8(
            image::GrayAlphaImage::from_raw(width, height, buf).ok_or_else(wrong)?,
        ),
        ColorType::Rgb => DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(width, height, buf).ok_or_else(wrong)?,
        ),
        ColorType::Rgba => DynamicImage::ImageRgba8(
            image::RgbaImage::from_raw(width, height, buf).ok_or_else(wrong)?,
        ),
        ColorType::Indexed => return Err(unreadable("its palette could not be expanded")),
    })
}

fn check_pixels(width: u32, height: u32) -> Result<(), FieldError> {
    let pixels = u64::from(width) * u64::from(height);
    if width == 0 || height == 0 {
        return Err(unreadable("it has no pixels"));
    }
    if pixels > MAX_PIXELS {
        let (megapixels, limit) = (
            format!("{:.1}", pixels as f64 / 1e6),
            (MAX_PIXELS / 1_000_000).to_string(),
        );
        let english = format!(
            "the image is {width} × {height} pixels ({megapixels} megapixels); the limit is {limit} megapixels — scan at 300 dpi or less"
        );
        let args = [
            ("width", width.to_string()),
            ("height", height.to_string()),
            ("megapixels", megapixels),
            ("limit", limit),
        ];
        return Err(problem("scan-pixels", &args, english));
    }
    Ok(())
}

/// Shrink to the stored size and encode as JPEG.
fn encode(image: DynamicImage) -> Result<Scan, FieldError> {
    let image = if image.width().max(image.height()) > LONG_SIDE_PX {
        image.thumbnail(LONG_SIDE_PX, LONG_SIDE_PX)
    } else {
        image
    };
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(unreadable)?;
    Ok(Scan {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// The one image of a scanner's one-page PDF.
fn from_pdf(bytes: &[u8]) -> Result<Scan, FieldError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_BYTES * 4),
        ..Default::default()
    };
    let pdf_unreadable = |e: lopdf::Error| {
        let detail = e.to_string();
        let english = format!("the PDF cannot be read ({detail})");
        problem("pdf-unreadable", &[("detail", detail)], english)
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(pdf_unreadable)?;
    let pages = doc.get_pages();
    if pages.len() != 1 {
        let count = pages.len().to_string();
        let english = format!("the PDF has {count} pages; upload a PDF of one page");
        return Err(problem("pdf-pages", &[("count", count)], english));
    }
    let page = *pages.values().next().expect("one page");
    let images = doc.get_page_images(page).map_err(pdf_unreadable)?;
    let [image] = images.as_slice() else {
        return Err(unusable_pdf(format!("{} images", images.len())));
    };
    let (width, height) = (
        u32::try_from(image.width).unwrap_or(0),
        u32::try_from(image.height).unwrap_or(0),
    );
    check_pixels(width, height)?;
    let filters = image.filters.clone().unwrap_or_default();
    let filters: Vec<&str> = filters.iter().map(String::as_str).collect();
    match filters.as_slice() {
        ["DCTDecode"] => encode(decode(image.content)?),
        [] | ["FlateDecode"] => {
            let channels = match image.color_space.as_deref() {
                Some("DeviceRGB") => 3,
                Some("DeviceGray") => 1,
                other => {
                    let space = other.unwrap_or("(none)");
                    return Err(unusable_pdf(format!("colour space {space}")));
                }
            };
            if image.bits_per_component != Some(8) {
                return Err(unusable_pdf("not 8 bits per component".into()));
            }
            let size = width as usize * height as usize * channels;
            let mut samples = Vec::new();
            if filters.is_empty() {
                samples.extend_from_slice(&image.content[..size.min(image.content.len())]);
            } else {
                // Inflate no more than the pixels need: a bomb stops here.
                flate2::read::ZlibDecoder::new(image.content)
                    .take(size as u64)
                    .read_to_end(&mut samples)
                    .map_err(|e| unusable_pdf(e.to_string()))?;
            }
            let short = || unusable_pdf("fewer pixels than it says".into());
            if samples.len() < size {
                return Err(short());
            }
            let image = if channels == 3 {
                image::RgbImage::from_raw(width, height, samples).map(DynamicImage::ImageRgb8)
            } else {
                image::GrayImage::from_raw(width, height, samples).map(DynamicImage::ImageLuma8)
            };
            encode(image.ok_or_else(short)?)
        }
        other => Err(unusable_pdf(format!(
            "compressed with {}",
            other.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(width, height, image::Rgb([250, 240, 200]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_png_becomes_a_jpeg_of_the_same_size() {
        let scan = normalise(&png(300, 212)).unwrap();
        assert_eq!((scan.width, scan.height), (300, 212));
        assert!(scan.jpeg.starts_with(&[0xFF, 0xD8]));
    }

    /// A 16-bit PNG is decoded at 8 bits a channel: the same picture, a quarter of the memory
    /// of 16-bit RGBA.
    #[test]
    fn a_16_bit_png_is_decoded_at_8_bits() {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, 40, 30);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Sixteen);
            let mut writer = encoder.write_header().unwrap();
            let pixels: Vec<u8> = (0..40 * 30)
                .flat_map(|_| [0xC0, 0x01, 0x20, 0x02, 0x30, 0x03])
                .collect();
            writer.write_image_data(&pixels).unwrap();
        }
        let image = decode(&bytes).unwrap();
        assert_eq!(image.color(), image::ColorType::Rgb8);
        assert_eq!((image.width(), image.height()), (40, 30));
        assert_eq!(image.to_rgb8().get_pixel(3, 4).0, [0xC0, 0x20, 0x30]);
        let scan = normalise(&bytes).unwrap();
        assert_eq!((scan.width, scan.height), (40, 30));
    }

    #[test]
    fn not_an_image_is_refused() {
        let err = normalise(b"Just some text, not a picture").unwrap_err();
        assert_eq!(err.code.as_deref(), Some("scan-format"));
        assert_eq!(
            err.message,
            "the file is not a JPEG, a PNG or a one-page PDF"
        );
        let vi = crate::i18n::Tr::new(crate::i18n::Lang::Vi);
        assert_eq!(
            vi.field_problem(&err),
            "tệp không phải JPEG, PNG hay PDF một trang"
        );
    }

    #[test]
    fn fifty_megapixels_are_refused_from_the_header() {
        // A PNG header that claims 10000 × 5000 pixels: refused before any pixel is read.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&10_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&5_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let err = normalise(&bytes).unwrap_err();
        assert!(
            err.message.starts_with(
                "the image is 10000 × 5000 pixels (50.0 megapixels); the limit is 40 megapixels"
            ),
            "{err:?}"
        );
        let vi = crate::i18n::Tr::new(crate::i18n::Lang::Vi);
        let words = vi.field_problem(&err);
        assert!(
            words.contains("10000 × 5000") && words.contains("300 dpi"),
            "{words}"
        );
    }
}
