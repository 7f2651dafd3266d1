//! The four faces of Liberation Serif, a metric twin of Times New Roman (the face of
//! Vietnamese official documents) with full Vietnamese coverage, loaded once; advance-width
//! measuring and the glyph coverage check every printout shares.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::PrintError;

/// A face of the document font, as named in layouts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    serde::Serialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FaceStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FaceStyle {
    pub const ALL: [FaceStyle; 4] = [
        FaceStyle::Regular,
        FaceStyle::Bold,
        FaceStyle::Italic,
        FaceStyle::BoldItalic,
    ];

    /// Position in [`FaceStyle::ALL`], used to index per-face tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The loaded face, parsed on first use.
    pub fn face(self) -> &'static Face {
        &FACES[self.index()]
    }
}

/// A glyph of a face: its id in the font and its advance in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Glyph {
    pub id: u16,
    pub advance: u16,
}

/// One parsed face: character map, advances and the metrics a PDF font descriptor needs.
pub struct Face {
    pub style: FaceStyle,
    pub postscript_name: &'static str,
    /// The TrueType file, embedded in the binary.
    pub bytes: &'static [u8],
    pub units_per_em: u16,
    /// Ascender and descender (negative) in em.
    pub ascent: f32,
    pub descent: f32,
    /// Font bounding box in font units: x_min, y_min, x_max, y_max.
    pub bbox: [i16; 4],
    pub italic_angle: f32,
    pub weight: u16,
    /// Glyphs of the Basic Multilingual Plane indexed by code point (id 0: none), because
    /// lookups run for every character of every page.
    bmp: Box<[Glyph]>,
    astral: HashMap<u32, Glyph>,
    /// Advance of every glyph id, for the widths of an embedded subset.
    advances: Vec<u16>,
}

/// The font files of each face: PostScript name, file name under `assets/fonts`, bytes.
pub const FILES: [(FaceStyle, &str, &str, &[u8]); 4] = [
    (
        FaceStyle::Regular,
        "LiberationSerif",
        "LiberationSerif-Regular.ttf",
        include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        FaceStyle::Bold,
        "LiberationSerif-Bold",
        "LiberationSerif-Bold.ttf",
        include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        FaceStyle::Italic,
        "LiberationSerif-Italic",
        "LiberationSerif-Italic.ttf",
        include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        FaceStyle::BoldItalic,
        "LiberationSerif-BoldItalic",
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

static FACES: LazyLock<[Face; 4]> = LazyLock::new(|| {
    FaceStyle::ALL.map(|style| {
        let (_, name, _, bytes) = FILES
            .iter()
            .find(|(s, ..)| *s == style)
            .expect("every face has a file");
        // The fonts are part of the binary: failing to parse them is a build defect.
        Face::parse(style, name, bytes)
            .unwrap_or_else(|| panic!("embedded font {name} is unreadable"))
    })
});

impl Face {
    fn parse(
        style: FaceStyle,
        postscript_name: &'static str,
        bytes: &'static [u8],
    ) -> Option<Face> {
        // ttf-parser reads the tables in place; a full parse of the outlines would cost tens
        // of megabytes for what is only a character map and advances.
        let font = ttf_parser::Face::parse(bytes, 0).ok()?;
        let advances: Vec<u16> = (0..font.number_of_glyphs())
            .map(|id| font.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0))
            .collect();
        let mut bmp = vec![Glyph::default(); 0x10000].into_boxed_slice();
        let mut astral = HashMap::new();
        for table in font
            .tables()
            .cmap?
            .subtables
            .into_iter()
            .filter(|t| t.is_unicode())
        {
            table.codepoints(|cp| {
                let Some(ttf_parser::GlyphId(id)) = table.glyph_index(cp) else {
                    return;
                };
                let glyph = Glyph {
                    id,
                    advance: advances.get(id as usize).copied().unwrap_or(0),
                };
                if cp < 0x10000 {
                    if bmp[cp as usize].id == 0 {
                        bmp[cp as usize] = glyph;
                    }
                } else {
                    astral.entry(cp).or_insert(glyph);
                }
            });
        }
        let hhea = font.tables().hhea;
        let em = f32::from(font.units_per_em());
        let b = font.global_bounding_box();
        Some(Face {
            style,
            postscript_name,
            bytes,
            units_per_em: font.units_per_em(),
            ascent: f32::from(hhea.ascender) / em,
            descent: f32::from(hhea.descender) / em,
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max],
            italic_angle: font.italic_angle(),
            weight: font.weight().to_number(),
            bmp,
            astral,
            advances,
        })
    }

    /// The glyph drawing `c`, or `None` when the font cannot draw it.
    #[inline]
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        let cp = c as u32;
        let g = if cp < 0x10000 {
            self.bmp[cp as usize]
        } else {
            *self.astral.get(&cp)?
        };
        (g.id != 0).then_some(g)
    }

    pub fn num_glyphs(&self) -> usize {
        self.advances.len()
    }

    /// Advance of a glyph id in font units.
    pub fn advance(&self, id: u16) -> u16 {
        self.advances.get(id as usize).copied().unwrap_or(0)
    }

    /// Width of `text` set at 1 pt, in pt (multiply by the size). Characters the face
    /// cannot draw count as zero: check coverage first with [`Face::check_coverage`].
    pub fn unit_width(&self, text: &str) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(|c| self.glyph(c))
            .map(|g| u32::from(g.advance))
            .sum();
        units as f32 / f32::from(self.units_per_em)
    }

    /// Width of `text` at `size_pt`, in pt. Kerning is not applied: official certificates
    /// are set without it, and measuring stays a table lookup per character.
    pub fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        self.unit_width(text) * size_pt
    }

    /// The first character of `text` this face cannot draw (line breaks are layout, not
    /// glyphs).
    pub fn first_missing(&self, text: &str) -> Option<char> {
        self.missing(text).next()
    }

    /// Every character of `text` this face cannot draw, in order, repeats included.
    pub fn missing<'t>(&'t self, text: &'t str) -> impl Iterator<Item = char> + 't {
        text.chars()
            .filter(|&c| c != '\n' && self.glyph(c).is_none())
    }

    /// Err naming the character, its code, the field and the recipient when the face cannot
    /// draw all of `text`. `text` must already be NFC: decomposed accents have no glyphs of
    /// their own in a precomposed Vietnamese font.
    pub fn check_coverage(
        &self,
        text: &str,
        field: &str,
        recipient: &str,
    ) -> Result<(), PrintError> {
        match self.first_missing(text) {
            None => Ok(()),
            Some(ch) => Err(PrintError::MissingGlyph {
                ch,
                field: field.to_string(),
                recipient: recipient.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_faces_draw_vietnamese() {
        let text =
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc đặng thị ngọc ỹ Ỹ ữ ợ";
        for style in FaceStyle::ALL {
            assert_eq!(style.face().first_missing(text), None, "{style:?}");
        }
    }

    #[test]
    fn widths_scale_with_size_and_match_times_metrics() {
        let face = FaceStyle::Regular.face();
        // Times New Roman's "m" is 0.778 em; its metric twin must agree.
        assert!((face.width_pt("m", 10.0) - 7.78).abs() < 0.01);
        assert!((face.width_pt("mm", 20.0) - 4.0 * face.width_pt("m", 10.0)).abs() < 1e-4);
    }

    #[test]
    fn missing_glyph_error_names_character_field_and_recipient() {
        let err = FaceStyle::Bold
            .face()
            .check_coverage("Nguyễn Văn ꞗ", "recipient_name", "Nguyễn Văn ꞗ")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the font has no glyph for 'ꞗ' (U+A797) in field \"recipient_name\" of recipient \"Nguyễn Văn ꞗ\""
        );
    }
}
