//! An SVG [`Surface`]: what a printout draws, as an SVG document in millimetres, so a
//! browser shows a page as the print engine set it (the engine's sizes, line breaks and
//! positions, not the browser's).
//!
//! Text is drawn in the font family [`FONT_FAMILY`], which the page declares with
//! `@font-face` from the same Liberation Serif files the engine measures with; each line
//! also carries its measured width as `textLength`, so it spans exactly what the engine
//! computed even where the browser would measure differently.

use std::fmt::Write as _;

use super::fonts::FaceStyle;
use super::pdf::{MM, Rect, Rgb, Surface};

/// The font family the SVG's text asks for; the page must declare it with `@font-face`.
pub const FONT_FAMILY: &str = "hoinghi-serif";

/// Writes an SVG document of one page; [`Svg::finish`] closes it.
pub struct Svg {
    buf: String,
    /// Open `<g>` of [`Svg::begin_group`] and half turns, closed by `finish` if left open.
    open: usize,
}

impl Svg {
    /// An SVG page of `width_mm` × `height_mm`, its user unit the millimetre.
    pub fn new(width_mm: f32, height_mm: f32) -> Svg {
        let mut svg = Svg {
            buf: String::with_capacity(8 * 1024),
            open: 0,
        };
        svg.buf
            .push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#);
        svg.num(width_mm);
        svg.buf.push(' ');
        svg.num(height_mm);
        svg.buf.push_str(r#"" width=""#);
        svg.num(width_mm);
        svg.buf.push_str(r#"mm" height=""#);
        svg.num(height_mm);
        // Kerning and ligatures off: the engine sets plain advances.
        let _ = write!(
            svg.buf,
            r#"mm" font-family="{FONT_FAMILY}, 'Liberation Serif', 'Times New Roman', serif" xml:space="preserve" style="font-kerning:none;font-variant-ligatures:none">"#
        );
        svg
    }

    /// Open a group that names what it holds: `<g data-element="recipient" data-fit="shrunk">`.
    /// Names and values are escaped.
    pub fn begin_group(&mut self, attributes: &[(&str, &str)]) {
        self.buf.push_str("<g");
        for (name, value) in attributes {
            self.buf.push(' ');
            escape_into(&mut self.buf, name);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, value);
            self.buf.push('"');
        }
        self.buf.push('>');
        self.open += 1;
    }

    /// Close the group opened last.
    pub fn end_group(&mut self) {
        if self.open > 0 {
            self.open -= 1;
            self.buf.push_str("</g>");
        }
    }

    /// A picture the browser loads from `href`, stretched to `r` (already of its proportions).
    pub fn picture(&mut self, r: Rect, href: &str) {
        self.buf.push_str("<image x=\"");
        self.num(r.x);
        self.buf.push_str("\" y=\"");
        self.num(r.y);
        self.buf.push_str("\" width=\"");
        self.num(r.w);
        self.buf.push_str("\" height=\"");
        self.num(r.h);
        self.buf.push_str("\" preserveAspectRatio=\"none\" href=\"");
        escape_into(&mut self.buf, href);
        self.buf.push_str("\"/>");
    }

    /// The document, with any group left open closed.
    pub fn finish(mut self) -> String {
        while self.open > 0 {
            self.end_group();
        }
        self.buf.push_str("</svg>");
        self.buf
    }

    /// A number in mm to a hundredth, the precision of the PDF stream.
    fn num(&mut self, v: f32) {
        // + 0.0 turns -0 into 0.
        let _ = write!(self.buf, "{}", (v * 100.0).round() / 100.0 + 0.0);
    }

    fn attr(&mut self, name: &str, v: f32) {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.num(v);
        self.buf.push('"');
    }

    fn colour(&mut self, name: &str, c: Rgb) {
        let [r, g, b] = c.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
        let _ = write!(self.buf, r##" {name}="#{r:02X}{g:02X}{b:02X}""##);
    }

    fn outline(&mut self, r: Rect, width_pt: f32, colour: Rgb, dashed: bool) {
        self.buf.push_str("<rect");
        self.attr("x", r.x);
        self.attr("y", r.y);
        self.attr("width", r.w.max(0.0));
        self.attr("height", r.h.max(0.0));
        self.buf.push_str(r#" fill="none""#);
        self.colour("stroke", colour);
        self.attr("stroke-width", width_pt / MM);
        if dashed {
            // The PDF's dash of 3 pt on, 2 pt off.
            let _ = write!(
                self.buf,
                r#" stroke-dasharray="{:.2} {:.2}""#,
                3.0 / MM,
                2.0 / MM
            );
        }
        self.buf.push_str("/>");
    }
}

impl Surface for Svg {
    fn text(&mut self, face: FaceStyle, size: f32, x: f32, baseline: f32, text: &str, colour: Rgb) {
        self.buf.push_str("<text");
        self.attr("x", x);
        self.attr("y", baseline);
        self.attr("font-size", size / MM);
        match face {
            FaceStyle::Regular => {}
            FaceStyle::Bold => self.buf.push_str(r#" font-weight="bold""#),
            FaceStyle::Italic => self.buf.push_str(r#" font-style="italic""#),
            FaceStyle::BoldItalic => self
                .buf
                .push_str(r#" font-weight="bold" font-style="italic""#),
        }
        if colour != [0.0; 3] {
            self.colour("fill", colour);
        }
        let width = face.face().width_pt(text, size) / MM;
        if width > 0.0 {
            self.attr("textLength", width);
        }
        self.buf.push('>');
        escape_into(&mut self.buf, text);
        self.buf.push_str("</text>");
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, colour: Rgb) {
        self.buf.push_str("<line");
        self.attr("x1", x1);
        self.attr("y1", y1);
        self.attr("x2", x2);
        self.attr("y2", y2);
        self.colour("stroke", colour);
        self.attr("stroke-width", width_pt / MM);
        self.buf.push_str("/>");
    }

    fn rect(&mut self, r: Rect, width_pt: f32, colour: Rgb, dashed: bool) {
        self.outline(r, width_pt, colour, dashed);
    }

    fn fill_rect(&mut self, r: Rect, colour: Rgb) {
        self.buf.push_str("<rect");
        self.attr("x", r.x);
        self.attr("y", r.y);
        self.attr("width", r.w.max(0.0));
        self.attr("height", r.h.max(0.0));
        self.colour("fill", colour);
        self.buf.push_str("/>");
    }

    /// Images are not embedded: a grey dashed placeholder marks where one is printed.
    fn image(&mut self, index: usize, r: Rect) {
        let _ = write!(self.buf, r#"<g data-image="{index}">"#);
        self.outline(r, 0.5, [0.6; 3], true);
        self.line(r.x, r.y, r.x + r.w, r.y + r.h, 0.5, [0.6; 3]);
        self.line(r.x + r.w, r.y, r.x, r.y + r.h, 0.5, [0.6; 3]);
        self.buf.push_str("</g>");
    }

    fn begin_half_turn(&mut self, cx: f32, cy: f32) {
        self.buf.push_str(r#"<g transform="rotate(180 "#);
        self.num(cx);
        self.buf.push(' ');
        self.num(cy);
        self.buf.push_str(")\">");
        self.open += 1;
    }

    fn end_turn(&mut self) {
        self.end_group();
    }
}

/// Append `text` escaped for XML text and attribute values; characters XML 1.0 does not
/// allow (most control characters) become U+FFFD, so any input gives a well-formed document.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_placed_in_mm() {
        let mut svg = Svg::new(297.0, 210.0);
        svg.begin_group(&[("data-element", "a\"b")]);
        svg.text(
            FaceStyle::BoldItalic,
            MM * 10.0,
            -0.001,
            20.5,
            "<Tôi & \"anh\">\u{1}",
            [1.0, 0.0, 0.0],
        );
        let out = svg.finish();
        assert!(out.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 297 210" width="297mm" height="210mm""#), "{out}");
        assert!(
            out.contains(r##"<g data-element="a&quot;b"><text x="0" y="20.5" font-size="10" font-weight="bold" font-style="italic" fill="#FF0000" textLength=""##),
            "{out}"
        );
        assert!(
            out.ends_with(">&lt;Tôi &amp; &quot;anh&quot;&gt;\u{fffd}</text></g></svg>"),
            "{out}"
        );
    }
}
