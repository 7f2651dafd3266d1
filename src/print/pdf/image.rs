//! Images for embedding: a PNG decoded into compressed colour samples and an alpha mask,
//! or a JPEG embedded as it is (PDF readers decode it: no second lossy encoding).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::objects::{ObjId, PdfWriter, deflate};

/// An image decoded for embedding: colour samples and optional alpha, both compressed.
#[derive(Clone)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    colour_space: &'static str,
    samples: Vec<u8>,
    alpha: Option<Vec<u8>>,
    /// The samples are a baseline JPEG file rather than Flate-compressed pixels.
    jpeg: bool,
}

impl Image {
    /// A baseline JPEG of three 8-bit colour components (YCbCr or RGB), `width` × `height`
    /// pixels as its header says, embedded as it is.
    pub fn from_jpeg(bytes: Vec<u8>, width: u32, height: u32) -> Image {
        Image {
            width,
            height,
            colour_space: "/DeviceRGB",
            samples: bytes,
            alpha: None,
            jpeg: true,
        }
    }

    /// Decode a PNG (any colour type and depth) into 8-bit samples.
    pub fn from_png(bytes: &[u8]) -> Result<Image, String> {
        let mut decoder = png::Decoder::new(io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let mut buf = vec![
            0;
            reader
                .output_buffer_size()
                .ok_or("the image is too large")?
        ];
        let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        buf.truncate(info.buffer_size());
        let (channels, colour_space) = match info.color_type {
            png::ColorType::Grayscale => (1, "/DeviceGray"),
            png::ColorType::GrayscaleAlpha => (2, "/DeviceGray"),
            png::ColorType::Rgb => (3, "/DeviceRGB"),
            png::ColorType::Rgba => (4, "/DeviceRGB"),
            png::ColorType::Indexed => return Err("indexed colour was not expanded".into()),
        };
        let has_alpha = channels % 2 == 0;
        let colour_channels = if has_alpha { channels - 1 } else { channels };
        let mut samples = Vec::with_capacity(buf.len());
        let mut alpha = Vec::new();
        for px in buf.chunks_exact(channels) {
            samples.extend_from_slice(&px[..colour_channels]);
            if has_alpha {
                alpha.push(px[colour_channels]);
            }
        }
        Ok(Image {
            width: info.width,
            height: info.height,
            colour_space,
            samples: deflate(&samples),
            alpha: has_alpha.then(|| deflate(&alpha)),
            jpeg: false,
        })
    }

    pub(super) fn write<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<ObjId> {
        let id = w.alloc();
        let mut dict = format!(
            "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {} /BitsPerComponent 8",
            self.width, self.height, self.colour_space
        );
        if let Some(alpha) = &self.alpha {
            let mask = w.alloc();
            w.stream(
                mask,
                &format!(
                    "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8",
                    self.width, self.height
                ),
                alpha,
            )?;
            write!(dict, " /SMask {mask}").unwrap();
        }
        if self.jpeg {
            w.filtered_stream(id, &dict, "/DCTDecode", &self.samples)?;
        } else {
            w.stream(id, &dict, &self.samples)?;
        }
        Ok(id)
    }
}
