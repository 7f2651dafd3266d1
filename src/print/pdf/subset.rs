//! Font subsetting: the glyphs a document draws, recorded by a dry run of its pages, and
//! each face cut down to them and written as a CID font with a ToUnicode map.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::objects::{Fnv, ObjId, PdfWriter, deflate};
use super::surface::{Rect, Rgb, Surface};
use crate::print::PrintError;
use crate::print::fonts::FaceStyle;

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
    fn fill_rect(&mut self, _: Rect, _: Rgb) {}
    fn fill_grid(&mut self, _: Rect, _: usize, _: &[bool], _: Rgb) {}
    fn image(&mut self, _: usize, _: Rect) {}
    fn draws(&self) -> bool {
        false
    }
}

/// One face cut down to the glyphs a document uses, renumbered from 1 (0 is .notdef).
pub(super) struct Subset {
    /// Old glyph id → new glyph id (0: not in the subset).
    pub(super) remap: Vec<u16>,
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

    pub(super) fn get(&self, style: FaceStyle) -> &Subset {
        self.faces[style.index()]
            .as_ref()
            .expect("every drawn text was recorded in the glyph usage")
    }

    /// Write the font objects; returns each used face with the id of its font dictionary.
    pub(super) fn write<W: Write>(
        &self,
        w: &mut PdfWriter<W>,
    ) -> io::Result<Vec<(FaceStyle, ObjId)>> {
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
