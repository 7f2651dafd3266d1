//! Images for embedding: a PNG decoded into compressed colour samples and an alpha mask,
//! a JPEG embedded as it is (PDF readers decode it: no second lossy encoding), or a page of
//! another PDF kept as vector (`vector`).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::objects::{ObjId, PdfWriter, deflate};
use super::vector::{Unusable, VectorPage};

/// An image for embedding, drawn stretched to a rectangle: pixels, or a vector page.
#[derive(Clone)]
pub struct Image {
    /// In pixels; for a vector page, its size in pt (for the aspect ratio).
    pub width: u32,
    pub height: u32,
    body: Body,
}

#[derive(Clone)]
enum Body {
    /// Colour samples and optional alpha, both compressed.
    Pixels {
        colour_space: &'static str,
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
        /// The samples are a baseline JPEG file rather than Flate-compressed pixels.
        jpeg: bool,
    },
    Vector(Box<VectorPage>),
}

impl Image {
    /// A baseline JPEG of three 8-bit colour components (YCbCr or RGB), `width` × `height`
    /// pixels as its header says, embedded as it is.
    pub fn from_jpeg(bytes: Vec<u8>, width: u32, height: u32) -> Image {
        Image {
            width,
            height,
            body: Body::Pixels {
                colour_space: "/DeviceRGB",
                samples: bytes,
                alpha: None,
                jpeg: true,
            },
        }
    }

    /// The only page of a PDF, kept as vector; see [`VectorPage::read`].
    pub fn from_pdf_page(bytes: &[u8]) -> Result<Image, Unusable> {
        let page = VectorPage::read(bytes)?;
        Ok(Image {
            width: page.width_pt().round().max(1.0) as u32,
            height: page.height_pt().round().max(1.0) as u32,
            body: Body::Vector(Box::new(page)),
        })
    }

    /// Whether it is a vector page rather than pixels.
    pub fn is_vector(&self) -> bool {
        matches!(self.body, Body::Vector(_))
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
            body: Body::Pixels {
                colour_space,
                samples: deflate(&samples),
                alpha: has_alpha.then(|| deflate(&alpha)),
                jpeg: false,
            },
        })
    }

    pub(super) fn write<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<ObjId> {
        let (colour_space, samples, alpha, jpeg) = match &self.body {
            Body::Pixels {
                colour_space,
                samples,
                alpha,
                jpeg,
            } => (colour_space, samples, alpha, *jpeg),
            Body::Vector(page) => return page.write(w),
        };
        let id = w.alloc();
        let mut dict = format!(
            "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {} /BitsPerComponent 8",
            self.width, self.height, colour_space
        );
        if let Some(alpha) = alpha {
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
        if jpeg {
            w.filtered_stream(id, &dict, "/DCTDecode", samples)?;
        } else {
            w.stream(id, &dict, samples)?;
        }
        Ok(id)
    }
}
