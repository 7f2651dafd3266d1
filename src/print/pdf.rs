//! A small streaming PDF writer. Objects go out as soon as they are made, so a batch of
//! thousands of pages needs the memory of one chunk; fonts are embedded once per document
//! as subset CID fonts with a ToUnicode map, so Vietnamese text extracts exactly.
//!
//! Drawing goes through [`Surface`], with two implementations: [`GlyphUsage`] only records
//! which glyphs a document needs (the subset must be known before the first page, and every
//! chunk shares it), and [`Canvas`] writes the content stream. Printouts draw through the
//! trait, so the same code plans and paints.

use std::fmt::Write as _;
use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};

use super::PrintError;
use super::fonts::FaceStyle;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A colour as red, green, blue in 0..=1.
pub type Rgb = [f32; 3];

/// A box in mm, measured from the top-left corner of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn shifted(self, dx: f32, dy: f32) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    /// The largest box of the proportions `w`:`h` centred in this one.
    pub fn fit_aspect(self, w: f32, h: f32) -> Rect {
        let scale = (self.w / w).min(self.h / h);
        let (fw, fh) = (w * scale, h * scale);
        Rect {
            x: self.x + (self.w - fw) / 2.0,
            y: self.y + (self.h - fh) / 2.0,
            w: fw,
            h: fh,
        }
    }

    pub fn inset(self, d: f32) -> Rect {
        Rect {
            x: self.x + d,
            y: self.y + d,
            w: self.w - 2.0 * d,
            h: self.h - 2.0 * d,
        }
    }
}

/// Where printouts draw; coordinates in mm from the top-left, line widths in pt.
pub trait Surface {
    /// Draw one line of `text` with its baseline at `baseline`.
    fn text(&mut self, face: FaceStyle, size: f32, x: f32, baseline: f32, text: &str, colour: Rgb);
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, colour: Rgb);
    fn rect(&mut self, rect: Rect, width_pt: f32, colour: Rgb, dashed: bool);
    /// Draw image number `index` of the document, stretched to `rect`.
    fn image(&mut self, index: usize, rect: Rect);
    /// Until the matching [`Surface::end_turn`], draw turned half a turn about the point
    /// (`cx`, `cy`): upside down, as the far face of a folded tent card. Coordinates stay
    /// those of the unturned page. Surfaces that only measure ignore it.
    fn begin_half_turn(&mut self, _cx: f32, _cy: f32) {}
    fn end_turn(&mut self) {}
}

/// The glyphs a document draws, per face, each with the first character it stood for (for
/// the ToUnicode map). Recorded by drawing every page once without output.
pub struct GlyphUsage {
    used: [Vec<Option<char>>; 4],
}

impl Default for GlyphUsage {
    fn default() -> Self {
        GlyphUsage {
            used: FaceStyle::ALL.map(|s| vec![None; s.face().num_glyphs()]),
        }
    }
}

impl GlyphUsage {
    /// Add the glyphs of a usage recorded from later pages.
    pub fn merge(&mut self, later: &GlyphUsage) {
        for (mine, theirs) in self.used.iter_mut().zip(&later.used) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                if a.is_none() {
                    *a = *b;
                }
            }
        }
    }
}

impl Surface for GlyphUsage {
    fn text(&mut self, face: FaceStyle, _: f32, _: f32, _: f32, text: &str, _: Rgb) {
        let (font, used) = (face.face(), &mut self.used[face.index()]);
        for c in text.chars() {
            if let Some(g) = font.glyph(c) {
                used[g.id as usize].get_or_insert(c);
            }
        }
    }
    fn line(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: Rgb) {}
    fn rect(&mut self, _: Rect, _: f32, _: Rgb, _: bool) {}
    fn image(&mut self, _: usize, _: Rect) {}
}

/// One face cut down to the glyphs a document uses, renumbered from 1 (0 is .notdef).
struct Subset {
    /// Old glyph id → new glyph id (0: not in the subset).
    remap: Vec<u16>,
    program: Vec<u8>,
    /// New glyph id → the character it extracts as.
    chars: Vec<(u16, char)>,
    widths: Vec<u16>,
    base_font: String,
}

/// The subset of every face a document uses.
pub struct FontSubsets {
    faces: [Option<Subset>; 4],
}

impl FontSubsets {
    pub fn new(usage: &GlyphUsage) -> Result<FontSubsets, PrintError> {
        let mut faces = [None, None, None, None];
        for style in FaceStyle::ALL {
            let used = &usage.used[style.index()];
            if used.iter().all(Option::is_none) {
                continue;
            }
            faces[style.index()] = Some(Self::subset(style, used)?);
        }
        Ok(FontSubsets { faces })
    }

    fn subset(style: FaceStyle, used: &[Option<char>]) -> Result<Subset, PrintError> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};

        let face = style.face();
        let fail = |detail: String| PrintError::Font {
            face: face.postscript_name,
            detail,
        };
        // allsorts gives each requested glyph the position it has in `ids`; .notdef first.
        let ids: Vec<u16> = std::iter::once(0)
            .chain(
                (1..used.len())
                    .filter(|&g| used[g].is_some())
                    .map(|g| g as u16),
            )
            .collect();
        let mut remap = vec![0u16; used.len()];
        let mut chars = Vec::with_capacity(ids.len());
        for (new, &old) in ids.iter().enumerate().skip(1) {
            remap[old as usize] = new as u16;
            chars.push((
                new as u16,
                used[old as usize].expect("only used glyphs are kept"),
            ));
        }
        let file = ReadScope::new(face.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| fail(e.to_string()))?;
        let provider = file.table_provider(0).map_err(|e| fail(e.to_string()))?;
        let program = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| fail(e.to_string()))?;
        let widths = ids.iter().map(|&g| face.advance(g)).collect();
        // The six-letter tag marks a subset (PDF 32000 9.6.4); derived from the glyph set so
        // equal input gives equal output.
        let mut hash = Fnv::new();
        hash.write(face.postscript_name.as_bytes());
        for id in &ids {
            hash.write(&id.to_be_bytes());
        }
        let mut h = hash.0;
        let tag: String = (0..6)
            .map(|_| {
                let c = (b'A' + (h % 26) as u8) as char;
                h /= 26;
                c
            })
            .collect();
        Ok(Subset {
            remap,
            program,
            chars,
            widths,
            base_font: format!("{tag}+{}", face.postscript_name),
        })
    }

    fn get(&self, style: FaceStyle) -> &Subset {
        self.faces[style.index()]
            .as_ref()
            .expect("every drawn text was recorded in the glyph usage")
    }

    /// Write the font objects; returns each used face with the id of its font dictionary.
    fn write<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<Vec<(FaceStyle, ObjId)>> {
        let mut ids = Vec::new();
        for style in FaceStyle::ALL {
            let Some(sub) = &self.faces[style.index()] else {
                continue;
            };
            let face = style.face();
            let (font, cid, descriptor, file, to_unicode) =
                (w.alloc(), w.alloc(), w.alloc(), w.alloc(), w.alloc());
            let em = |v: f32| (v * 1000.0).round() as i32;
            let units = |v: i16| em(f32::from(v) / f32::from(face.units_per_em));
            w.object(
                font,
                format!(
                    "<< /Type /Font /Subtype /Type0 /BaseFont /{} /Encoding /Identity-H \
                     /DescendantFonts [{cid}] /ToUnicode {to_unicode} >>",
                    sub.base_font
                )
                .as_bytes(),
            )?;
            let mut widths = String::new();
            for wd in &sub.widths {
                write!(
                    widths,
                    "{} ",
                    em(f32::from(*wd) / f32::from(face.units_per_em))
                )
                .unwrap();
            }
            w.object(
                cid,
                format!(
                    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{} \
                     /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                     /FontDescriptor {descriptor} /CIDToGIDMap /Identity /W [0 [{}]] >>",
                    sub.base_font,
                    widths.trim_end()
                )
                .as_bytes(),
            )?;
            let italic = matches!(style, FaceStyle::Italic | FaceStyle::BoldItalic);
            // Serif (2) + nonsymbolic (32) + italic (64).
            let flags = 2 + 32 + if italic { 64 } else { 0 };
            let [x0, y0, x1, y1] = face.bbox;
            let stem_v = if face.weight >= 600 { 140 } else { 80 };
            w.object(
                descriptor,
                format!(
                    "<< /Type /FontDescriptor /FontName /{} /Flags {flags} /FontBBox [{} {} {} {}] \
                     /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {} /StemV {stem_v} /FontFile2 {file} >>",
                    sub.base_font,
                    units(x0),
                    units(y0),
                    units(x1),
                    units(y1),
                    face.italic_angle.round(),
                    em(face.ascent),
                    em(face.descent),
                    em(face.ascent * 0.75),
                )
                .as_bytes(),
            )?;
            w.stream(
                file,
                &format!("/Length1 {}", sub.program.len()),
                &deflate(&sub.program),
            )?;
            let mappings = sub
                .chars
                .iter()
                .map(|&(gid, c)| (u32::from(gid), vec![c as u32]))
                .collect();
            let cmap = printpdf::ToUnicodeCMap { mappings }.to_cmap_string(&sub.base_font);
            w.stream(to_unicode, "", &deflate(cmap.as_bytes()))?;
            ids.push((style, font));
        }
        Ok(ids)
    }
}

/// Compress a stream. Level 1: content streams of short text gain little from harder work,
/// and compression is most of the cost of a large batch.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    Deflater::default().deflate(data)
}

/// A compressor kept for many streams: setting one up clears a few hundred KB of tables,
/// which for a page of 1–2 KB costs more than compressing it.
pub struct Deflater(Compress);

impl Default for Deflater {
    fn default() -> Self {
        Deflater(Compress::new(Compression::new(1), true))
    }
}

impl Deflater {
    pub fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = self.0.total_in() as usize;
            let status = self
                .0
                .compress_vec(&data[consumed..], &mut out, FlushCompress::Finish);
            match status.expect("compressing into memory cannot fail") {
                Status::StreamEnd => return out,
                // Out of room: compress_vec only fills the spare capacity.
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
            }
        }
    }
}

/// An image decoded for embedding: colour samples and optional alpha, both compressed.
pub struct Image {
    pub width: u32,
    pub height: u32,
    colour_space: &'static str,
    samples: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

impl Image {
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
        })
    }

    fn write<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<ObjId> {
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
        w.stream(id, &dict, &self.samples)?;
        Ok(id)
    }
}

/// FNV-1a: a stable hash for the document id and subset tags (std's hasher may change
/// between releases, and the output must not).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The number of an indirect object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjId(u32);

impl std::fmt::Display for ObjId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

/// Writes numbered objects in any order and the cross-reference table at the end.
/// Nothing time- or chance-dependent goes in: the document id hashes the bytes written.
pub struct PdfWriter<W: Write> {
    out: W,
    pos: u64,
    offsets: Vec<u64>,
    hash: Fnv,
}

impl<W: Write> PdfWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut w = PdfWriter {
            out,
            pos: 0,
            offsets: Vec::new(),
            hash: Fnv::new(),
        };
        // The binary comment tells transfer tools the file is not text.
        w.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(w)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.hash.write(bytes);
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Reserve an object number, to refer to the object before it is written.
    pub fn alloc(&mut self) -> ObjId {
        self.offsets.push(0);
        ObjId(self.offsets.len() as u32)
    }

    pub fn object(&mut self, id: ObjId, body: &[u8]) -> io::Result<()> {
        self.offsets[id.0 as usize - 1] = self.pos;
        self.put(format!("{} 0 obj\n", id.0).as_bytes())?;
        self.put(body)?;
        self.put(b"\nendobj\n")
    }

    /// A Flate-compressed stream; `data` is already compressed, `dict` holds any entries
    /// besides /Length and /Filter.
    pub fn stream(&mut self, id: ObjId, dict: &str, data: &[u8]) -> io::Result<()> {
        self.offsets[id.0 as usize - 1] = self.pos;
        self.put(
            format!(
                "{} 0 obj\n<< {dict} /Filter /FlateDecode /Length {} >>\nstream\n",
                id.0,
                data.len()
            )
            .as_bytes(),
        )?;
        self.put(data)?;
        self.put(b"\nendstream\nendobj\n")
    }

    pub fn finish(mut self, root: ObjId, info: ObjId) -> io::Result<W> {
        let xref = self.pos;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for off in &self.offsets {
            writeln!(table, "{off:010} 00000 n ").unwrap();
        }
        let h = self.hash.0;
        write!(
            table,
            "trailer\n<< /Size {} /Root {root} /Info {info} /ID [<{h:016X}{:016X}> <{h:016X}{:016X}>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1,
            !h,
            !h
        )
        .unwrap();
        self.put(table.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex.
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        write!(out, "{unit:04X}").unwrap();
    }
    out.push('>');
    out
}

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

/// What a [`Canvas`] remembers of the graphics state: font and size, fill, stroke.
type SavedState = (Option<(FaceStyle, f32)>, Option<Rgb>, Option<Rgb>);

/// Writes one content stream. Keeps the current font and colours so that repeated
/// settings are not written again.
pub struct Canvas<'a> {
    fonts: &'a FontSubsets,
    height_pt: f32,
    buf: Vec<u8>,
    font: Option<(FaceStyle, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    /// Font and colours at each open q, restored by the matching Q with the PDF state.
    saved: Vec<SavedState>,
}

impl<'a> Canvas<'a> {
    pub fn new(fonts: &'a FontSubsets, height_pt: f32) -> Self {
        Canvas {
            fonts,
            height_pt,
            buf: Vec::with_capacity(2048),
            font: None,
            fill: None,
            stroke: None,
            saved: Vec::new(),
        }
    }

    /// Draw form number `index` (from [`Document::add_form`]) under what follows.
    pub fn form(&mut self, index: usize) {
        // q/Q: the form may leave fonts and colours of its own.
        self.buf
            .extend_from_slice(format!("q /X{index} Do Q\n").as_bytes());
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    fn num(&mut self, v: f32) {
        push_num(&mut self.buf, v);
        self.buf.push(b' ');
    }

    fn point(&mut self, x: f32, y: f32) {
        self.num(x * MM);
        self.num(self.height_pt - y * MM);
    }

    fn colour(&mut self, c: Rgb, stroke: bool) {
        let current = if stroke {
            &mut self.stroke
        } else {
            &mut self.fill
        };
        if *current == Some(c) {
            return;
        }
        *current = Some(c);
        for v in c {
            self.num(v);
        }
        self.buf
            .extend_from_slice(if stroke { b"RG\n" } else { b"rg\n" });
    }
}

impl Surface for Canvas<'_> {
    fn text(&mut self, face: FaceStyle, size: f32, x: f32, baseline: f32, text: &str, colour: Rgb) {
        self.colour(colour, false);
        self.buf.extend_from_slice(b"BT ");
        if self.font != Some((face, size)) {
            self.font = Some((face, size));
            self.buf
                .extend_from_slice(format!("/F{} ", face.index()).as_bytes());
            self.num(size);
            self.buf.extend_from_slice(b"Tf ");
        }
        self.point(x, baseline);
        self.buf.extend_from_slice(b"Td (");
        let (font, subset) = (face.face(), self.fonts.get(face));
        for c in text.chars() {
            let gid = font.glyph(c).map_or(0, |g| subset.remap[g.id as usize]);
            for b in gid.to_be_bytes() {
                // Escapes of a literal string; a bare CR would be read as LF.
                match b {
                    b'(' | b')' | b'\\' => self.buf.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.buf.extend_from_slice(b"\\r"),
                    _ => self.buf.push(b),
                }
            }
        }
        self.buf.extend_from_slice(b") Tj ET\n");
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, colour: Rgb) {
        self.colour(colour, true);
        self.num(width_pt);
        self.buf.extend_from_slice(b"w ");
        self.point(x1, y1);
        self.buf.extend_from_slice(b"m ");
        self.point(x2, y2);
        self.buf.extend_from_slice(b"l S\n");
    }

    fn rect(&mut self, r: Rect, width_pt: f32, colour: Rgb, dashed: bool) {
        self.colour(colour, true);
        if dashed {
            self.buf.extend_from_slice(b"[3 2] 0 d ");
        }
        self.num(width_pt);
        self.buf.extend_from_slice(b"w ");
        self.point(r.x, r.y + r.h);
        self.num(r.w * MM);
        self.num(r.h * MM);
        self.buf.extend_from_slice(b"re S\n");
        if dashed {
            self.buf.extend_from_slice(b"[] 0 d\n");
        }
    }

    fn image(&mut self, index: usize, r: Rect) {
        self.buf.extend_from_slice(b"q ");
        self.num(r.w * MM);
        self.buf.extend_from_slice(b"0 0 ");
        self.num(r.h * MM);
        self.point(r.x, r.y + r.h);
        self.buf
            .extend_from_slice(format!("cm /Im{index} Do Q\n").as_bytes());
    }

    fn begin_half_turn(&mut self, cx: f32, cy: f32) {
        self.saved.push((self.font, self.fill, self.stroke));
        // Rotating by 180° about (px, py) maps p to 2c − p: [-1 0 0 -1 2px 2py].
        let (px, py) = (cx * MM, self.height_pt - cy * MM);
        self.buf.extend_from_slice(b"q -1 0 0 -1 ");
        self.num(2.0 * px);
        self.num(2.0 * py);
        self.buf.extend_from_slice(b"cm\n");
    }

    fn end_turn(&mut self) {
        if let Some((font, fill, stroke)) = self.saved.pop() {
            (self.font, self.fill, self.stroke) = (font, fill, stroke);
            self.buf.extend_from_slice(b"Q\n");
        }
    }
}

/// A number with at most two decimals and no trailing zeros, as content streams want it.
fn push_num(buf: &mut Vec<u8>, v: f32) {
    let hundredths = (v * 100.0).round() as i64;
    if hundredths < 0 {
        buf.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    // Digits of the integer part, written backwards into a stack buffer (no allocation:
    // this runs for every coordinate of every page).
    let (mut digits, mut n, mut i) = ([0u8; 20], a / 100, 20);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
    let frac = a % 100;
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            buf.push(b'0' + (frac % 10) as u8);
        }
    }
}

/// [`push_num`] into a String, for dictionaries.
fn num(v: f32) -> String {
    let mut buf = Vec::new();
    push_num(&mut buf, v);
    String::from_utf8(buf).expect("digits are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_keeps_its_proportions() {
        let r = Rect {
            x: 10.0,
            y: 10.0,
            w: 40.0,
            h: 20.0,
        }
        .fit_aspect(100.0, 100.0);
        assert_eq!(
            r,
            Rect {
                x: 20.0,
                y: 10.0,
                w: 20.0,
                h: 20.0
            }
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.126), "-0.13");
        assert_eq!(num(0.004), "0");
    }

    #[test]
    fn text_strings_are_utf16() {
        assert_eq!(text_string("Bằng"), "<FEFF00421EB1006E0067>");
    }
}
