//! A small streaming PDF writer. Objects go out as soon as they are made, so a batch of
//! thousands of pages needs the memory of one chunk; fonts are embedded once per document
//! as subset CID fonts with a ToUnicode map, so Vietnamese text extracts exactly.
//!
//! Drawing goes through [`Surface`], with two implementations: [`GlyphUsage`] only records
//! which glyphs a document needs (the subset must be known before the first page, and every
//! chunk shares it), and [`Canvas`] writes the content stream. Printouts draw through the
//! trait, so the same code plans and paints.
//!
//! `objects` numbers and writes PDF objects, `subset` cuts the fonts down to the glyphs
//! used, `image` embeds pictures (and `vector` pages of other PDFs), `surface` is where printouts draw; this file assembles
//! them into a document.

mod image;
mod objects;
mod subset;
mod surface;
mod vector;

use std::fmt::Write as _;
use std::io::{self, Write};

pub use image::Image;
pub use objects::{Deflater, ObjId, PdfWriter, deflate};
pub use subset::{FontSubsets, GlyphUsage};
pub use surface::{Canvas, MM, Rect, Rgb, Surface, fill_runs};
pub use vector::Unusable;

use super::PrintError;
use super::fonts::FaceStyle;
use objects::{num, text_string};

/// A document of same-sized pages sharing one resource dictionary: the fonts, the images,
/// and form XObjects for content repeated on many pages.
pub struct Document<W: Write> {
    writer: PdfWriter<W>,
    pages: ObjId,
    resources: ObjId,
    fonts: FontSubsets,
    font_ids: Vec<(FaceStyle, ObjId)>,
    image_ids: Vec<ObjId>,
    forms: Vec<ObjId>,
    kids: Vec<ObjId>,
    width_pt: f32,
    height_pt: f32,
}

impl<W: Write> Document<W> {
    /// Start a document whose pages draw exactly the glyphs in `usage`.
    pub fn begin(
        out: W,
        usage: &GlyphUsage,
        images: &[&Image],
        page_mm: (f32, f32),
    ) -> Result<Self, PrintError> {
        let fonts = FontSubsets::new(usage)?;
        let mut writer = PdfWriter::new(out)?;
        let (pages, resources) = (writer.alloc(), writer.alloc());
        let font_ids = fonts.write(&mut writer)?;
        let image_ids = images
            .iter()
            .map(|img| img.write(&mut writer))
            .collect::<io::Result<_>>()?;
        Ok(Document {
            writer,
            pages,
            resources,
            fonts,
            font_ids,
            image_ids,
            forms: Vec::new(),
            kids: Vec::new(),
            width_pt: page_mm.0 * MM,
            height_pt: page_mm.1 * MM,
        })
    }

    /// What canvases for this document's pages need; shareable across threads whatever
    /// the writer is.
    pub fn setup(&self) -> PageSetup<'_> {
        PageSetup {
            fonts: &self.fonts,
            height_pt: self.height_pt,
        }
    }

    /// Store content shared by many pages; returns the number to draw it with [`Canvas::form`].
    pub fn add_form(&mut self, content: &[u8]) -> io::Result<usize> {
        let id = self.writer.alloc();
        let dict = format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 {} {}] /Resources {}",
            num(self.width_pt),
            num(self.height_pt),
            self.resources
        );
        self.writer.stream(id, &dict, &deflate(content))?;
        self.forms.push(id);
        Ok(self.forms.len() - 1)
    }

    /// Add a page whose content stream is already compressed with [`deflate`].
    pub fn add_page(&mut self, compressed: &[u8]) -> io::Result<()> {
        let (page, content) = (self.writer.alloc(), self.writer.alloc());
        self.writer.stream(content, "", compressed)?;
        self.writer.object(
            page,
            format!(
                "<< /Type /Page /Parent {} /Contents {content} >>",
                self.pages
            )
            .as_bytes(),
        )?;
        self.kids.push(page);
        Ok(())
    }

    pub fn page_count(&self) -> usize {
        self.kids.len()
    }

    /// Write the page tree, resources, catalogue and cross-references.
    pub fn finish(mut self, title: &str) -> io::Result<W> {
        let mut res = String::from("<< /ProcSet [/PDF /Text /ImageB /ImageC] /Font <<");
        for (style, id) in &self.font_ids {
            write!(res, " /F{} {id}", style.index()).unwrap();
        }
        res.push_str(" >> /XObject <<");
        for (i, id) in self.image_ids.iter().enumerate() {
            write!(res, " /Im{i} {id}").unwrap();
        }
        for (i, id) in self.forms.iter().enumerate() {
            write!(res, " /X{i} {id}").unwrap();
        }
        res.push_str(" >> >>");
        self.writer.object(self.resources, res.as_bytes())?;

        let mut kids = String::with_capacity(self.kids.len() * 10);
        for k in &self.kids {
            write!(kids, "{k} ").unwrap();
        }
        let pages = format!(
            "<< /Type /Pages /Count {} /MediaBox [0 0 {} {}] /Resources {} /Kids [{}] >>",
            self.kids.len(),
            num(self.width_pt),
            num(self.height_pt),
            self.resources,
            kids.trim_end()
        );
        self.writer.object(self.pages, pages.as_bytes())?;
        let (catalog, info) = (self.writer.alloc(), self.writer.alloc());
        self.writer.object(
            catalog,
            format!("<< /Type /Catalog /Pages {} >>", self.pages).as_bytes(),
        )?;
        self.writer.object(
            info,
            format!("<< /Title {} /Producer (hoinghi) >>", text_string(title)).as_bytes(),
        )?;
        self.writer.finish(catalog, info)
    }
}

/// The fonts and page height a canvas draws with.
#[derive(Clone, Copy)]
pub struct PageSetup<'a> {
    fonts: &'a FontSubsets,
    height_pt: f32,
}

impl<'a> PageSetup<'a> {
    /// A fresh canvas for a page or a form.
    pub fn canvas(self) -> Canvas<'a> {
        Canvas::new(self.fonts, self.height_pt)
    }
}
