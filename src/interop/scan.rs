//! The scan of a pre-printed blank, as uploaded (a JPEG, a PNG, or a scanner's one-page PDF
//! holding one image), checked and bounded before anything is decoded, and normalised to one
//! JPEG of at most A4 at 300 dpi.

use std::io::{Cursor, Read};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

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

/// Check and normalise an upload; the message says what is wrong with the file.
pub fn normalise(bytes: &[u8]) -> Result<Scan, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is {:.1} MB; the limit is {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.starts_with(b"%PDF-") {
        return from_pdf(bytes);
    }
    let image = decode(bytes)?;
    encode(image)
}

/// Decode a JPEG or PNG after checking its format and size from its header.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("the file cannot be read: {e}"))
    };
    let first = reader()?;
    let format = first.format();
    match format {
        Some(ImageFormat::Jpeg | ImageFormat::Png) => {}
        Some(other) => {
            return Err(format!(
                "the file is a {other:?} image; upload a JPEG, a PNG or a one-page PDF"
            ));
        }
        None => return Err("the file is not a JPEG, a PNG or a PDF".into()),
    }
    let (width, height) = first
        .into_dimensions()
        .map_err(|e| format!("the image cannot be read: {e}"))?;
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
    second
        .decode()
        .map_err(|e| format!("the image cannot be decoded: {e}"))
}

/// A PNG decoded to at most 8 bits a channel (16-bit samples keep their high byte, palettes
/// are expanded): a 16-bit scan decoded whole held 8 bytes a pixel, and a blank printed
/// behind a certificate needs no more than 8 bits a channel.
fn decode_png_8bit(bytes: &[u8]) -> Result<DynamicImage, String> {
    use png::{BitDepth, ColorType, Transformations};
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: MAX_ALLOC as usize,
        },
    );
    decoder.set_transformations(Transformations::normalize_to_color8());
    let undecodable = |e: png::DecodingError| format!("the image cannot be decoded: {e}");
    let mut reader = decoder.read_info().map_err(undecodable)?;
    // Its size was checked from the header before (`decode`).
    let (width, height) = reader.info().size();
    let (colour, depth) = reader.output_color_type();
    let size = reader
        .output_buffer_size()
        .filter(|&n| n as u64 <= MAX_PIXELS * 4)
        .ok_or("the image is too large to decode")?;
    debug_assert_eq!(depth, BitDepth::Eight);
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(undecodable)?;
    buf.truncate(frame.buffer_size());
    let wrong = || "the image's pixels do not match its size".to_string();
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
        ColorType::Indexed => return Err("the image's palette could not be expanded".into()),
    })
}

fn check_pixels(width: u32, height: u32) -> Result<(), String> {
    let pixels = u64::from(width) * u64::from(height);
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    if pixels > MAX_PIXELS {
        return Err(format!(
            "the image is {width} × {height} pixels ({:.1} megapixels); the limit is {} megapixels — scan at 300 dpi or less",
            pixels as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Shrink to the stored size and encode as JPEG.
fn encode(image: DynamicImage) -> Result<Scan, String> {
    let image = if image.width().max(image.height()) > LONG_SIDE_PX {
        image.thumbnail(LONG_SIDE_PX, LONG_SIDE_PX)
    } else {
        image
    };
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| format!("the image cannot be stored: {e}"))?;
    Ok(Scan {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// The one image of a scanner's one-page PDF.
fn from_pdf(bytes: &[u8]) -> Result<Scan, String> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_BYTES * 4),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("the PDF cannot be read: {e}"))?;
    let pages = doc.get_pages();
    if pages.len() != 1 {
        return Err(format!(
            "the PDF has {} pages; upload a PDF of one page, the scanned blank",
            pages.len()
        ));
    }
    let page = *pages.values().next().expect("one page");
    let images = doc
        .get_page_images(page)
        .map_err(|e| format!("the PDF's page cannot be read: {e}"))?;
    let [image] = images.as_slice() else {
        return Err(format!(
            "the PDF's page is not one scanned image (it holds {} images); upload the scan as JPEG or PNG instead",
            images.len()
        ));
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
                    return Err(format!(
                        "the PDF's image is in colour space {}, which cannot be read; upload the scan as JPEG or PNG instead",
                        other.unwrap_or("(none)")
                    ));
                }
            };
            if image.bits_per_component != Some(8) {
                return Err("the PDF's image is not of 8 bits per component; upload the scan as JPEG or PNG instead".into());
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
                    .map_err(|e| format!("the PDF's image cannot be decompressed: {e}"))?;
            }
            if samples.len() < size {
                return Err("the PDF's image has fewer pixels than it says".into());
            }
            let image = if channels == 3 {
                image::RgbImage::from_raw(width, height, samples).map(DynamicImage::ImageRgb8)
            } else {
                image::GrayImage::from_raw(width, height, samples).map(DynamicImage::ImageLuma8)
            };
            encode(image.ok_or("the PDF's image has fewer pixels than it says")?)
        }
        other => Err(format!(
            "the PDF's image is compressed with {}, which cannot be read; upload the scan as JPEG or PNG instead",
            other.join(", ")
        )),
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
        assert_eq!(err, "the file is not a JPEG, a PNG or a PDF");
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
            err.starts_with(
                "the image is 10000 × 5000 pixels (50.0 megapixels); the limit is 40 megapixels"
            ),
            "{err}"
        );
    }
}
