//! Where printouts draw: boxes in millimetres from the top-left, the [`Surface`] trait, and
//! [`Canvas`], which writes what is drawn as a PDF content stream.

use super::objects::push_num;
use super::subset::FontSubsets;
use crate::print::fonts::FaceStyle;

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
    /// Fill `rect` with `colour`, no outline: the dark modules of a QR code are drawn so,
    /// as vectors that stay sharp at any printer resolution.
    fn fill_rect(&mut self, rect: Rect, colour: Rgb);
    /// Fill the dark cells of a grid `columns` wide (`dark` row by row from the top), spread
    /// evenly over `rect`: the modules of a QR code. By default each run of dark cells in a
    /// row is one filled rectangle; the PDF canvas writes the grid as one stencil mask.
    fn fill_grid(&mut self, rect: Rect, columns: usize, dark: &[bool], colour: Rgb) {
        fill_runs(self, rect, columns, dark, colour);
    }
    /// Draw image number `index` of the document, stretched to `rect`.
    fn image(&mut self, index: usize, rect: Rect);
    /// Until the matching [`Surface::end_turn`], draw turned half a turn about the point
    /// (`cx`, `cy`): upside down, as the far face of a folded tent card. Coordinates stay
    /// those of the unturned page. Surfaces that only measure ignore it.
    fn begin_half_turn(&mut self, _cx: f32, _cy: f32) {}
    fn end_turn(&mut self) {}
    /// False for surfaces that only learn which glyphs are used: they are spared drawing that
    /// has no text, such as computing a QR code.
    fn draws(&self) -> bool {
        true
    }
}

/// Fill the dark cells of a grid (see [`Surface::fill_grid`]) as vectors: each run of dark
/// cells in a row is one filled rectangle.
pub fn fill_runs<S: Surface + ?Sized>(
    s: &mut S,
    rect: Rect,
    columns: usize,
    dark: &[bool],
    colour: Rgb,
) {
    if columns == 0 {
        return;
    }
    let rows = dark.len().div_ceil(columns);
    let (cell_w, cell_h) = (rect.w / columns as f32, rect.h / rows as f32);
    for (row, cells) in dark.chunks(columns).enumerate() {
        let mut col = 0;
        while col < cells.len() {
            if !cells[col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < cells.len() && cells[col] {
                col += 1;
            }
            s.fill_rect(
                Rect {
                    x: rect.x + start as f32 * cell_w,
                    y: rect.y + row as f32 * cell_h,
                    w: (col - start) as f32 * cell_w,
                    h: cell_h,
                },
                colour,
            );
        }
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

    fn fill_rect(&mut self, r: Rect, colour: Rgb) {
        self.colour(colour, false);
        self.point(r.x, r.y + r.h);
        self.num(r.w * MM);
        self.num(r.h * MM);
        self.buf.extend_from_slice(b"re f\n");
    }

    /// The grid as an inline stencil mask of one bit a cell, painted in the fill colour: a QR
    /// code of 33 × 33 modules takes about 250 bytes compressed, against 1.4 KB as rectangles.
    /// Printers and viewers fill a stencil at their own resolution without smoothing, so the
    /// modules keep sharp edges. The bits are written in hexadecimal (`/AHx`): binary data
    /// could hold the bytes " EI " and end the image early for some readers.
    fn fill_grid(&mut self, r: Rect, columns: usize, dark: &[bool], colour: Rgb) {
        if columns == 0 || dark.is_empty() {
            return;
        }
        let rows = dark.len().div_ceil(columns);
        self.colour(colour, false);
        self.buf.extend_from_slice(b"q ");
        self.num(r.w * MM);
        self.buf.extend_from_slice(b"0 0 ");
        self.num(r.h * MM);
        self.point(r.x, r.y + r.h);
        self.buf.extend_from_slice(
            format!("cm BI /W {columns} /H {rows} /IM true /BPC 1 /D [1 0] /F /AHx ID\n")
                .as_bytes(),
        );
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for cells in dark.chunks(columns) {
            // Each row starts on a byte of its own, the first cell in the high bit.
            for byte in cells.chunks(8) {
                let bits = byte
                    .iter()
                    .enumerate()
                    .fold(0u8, |b, (i, &d)| if d { b | 0x80 >> i } else { b });
                self.buf
                    .extend_from_slice(&[HEX[usize::from(bits >> 4)], HEX[usize::from(bits & 15)]]);
            }
        }
        self.buf.extend_from_slice(b">\nEI Q\n");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_box_is_a_path_filled_in_the_fill_colour() {
        let fonts = FontSubsets::new(&super::super::GlyphUsage::default()).unwrap();
        let mut c = Canvas::new(&fonts, 100.0 * MM);
        let r = Rect {
            x: 10.0,
            y: 20.0,
            w: 1.0,
            h: 2.0,
        };
        c.fill_rect(r, [0.0, 0.0, 0.0]);
        c.fill_rect(r.shifted(1.0, 0.0), [0.0, 0.0, 0.0]);
        let stream = String::from_utf8(c.into_bytes()).unwrap();
        // The colour is set once; y is flipped: the box's bottom edge is 22 mm from the top.
        assert_eq!(stream.matches("rg").count(), 1, "{stream}");
        assert!(stream.contains("28.35 221.1 2.83 5.67 re f\n"), "{stream}");
    }

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
}
