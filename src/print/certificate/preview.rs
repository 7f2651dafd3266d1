//! The designer's live preview: one certificate drawn as SVG by the code that draws its PDF
//! page, with a report of what fitting did to every text. Unlike printing, a preview never
//! fails: text that does not fit is drawn anyway, at its minimum size and running over its
//! box, and the report names the problem.

use serde::Serialize;

use super::draw::{compose_text, draw_shape, draw_verification_qr};
use super::{CertificateFields, RenderMode, RenderOptions};
use crate::print::PrintError;
use crate::print::fit::{FitSpec, FittedText, Line, Overflow, fit_text};
use crate::print::layout::{Content, Element, Layer, Layout, TextElement};
use crate::print::pdf::{Rect, Surface};
use crate::print::svg::Svg;

/// One certificate as the designer shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// An SVG document of the page, in mm (see [`crate::print::svg`]); each element drawn is
    /// a `<g data-element="NAME">`, a text's group also has `data-fit` (its [`Outcome`]).
    pub svg: String,
    /// Every text element drawn, in drawing order.
    pub report: Vec<ElementFit>,
}

/// What fitting did to one text element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Set at the layout's size, on its own lines.
    Fitted,
    /// Set smaller than the layout's size, on its own lines.
    Shrunk,
    /// Broken into more lines than it has (perhaps shrunk too).
    Wrapped,
    /// Fits neither at the minimum size nor within the line limit; drawn running over its
    /// box at the minimum size.
    DoesNotFit,
    /// The field is empty: nothing is printed.
    Empty,
}

impl Outcome {
    /// The name used in JSON and in the SVG's `data-fit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Fitted => "fitted",
            Outcome::Shrunk => "shrunk",
            Outcome::Wrapped => "wrapped",
            Outcome::DoesNotFit => "does_not_fit",
            Outcome::Empty => "empty",
        }
    }
}

/// Why a text cannot be printed as the layout asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// It would have to shrink below the minimum size: it does not fit on one line at the
    /// minimum (single-line elements), or a word alone is wider than the box.
    BelowMinimum,
    /// At the minimum size it needs more lines than the line limit or the box allow.
    BeyondLineLimit,
    /// The font has no glyph for some of its characters.
    MissingGlyphs,
}

impl Problem {
    /// The problem a text that does not fit has.
    pub(super) fn of(overflow: &Overflow, spec: &FitSpec) -> Problem {
        match overflow {
            Overflow::TooManyLines { .. } if spec.max_lines > 1 => Problem::BeyondLineLimit,
            _ => Problem::BelowMinimum,
        }
    }
}

/// A character the face cannot draw, in one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingGlyph {
    pub char: char,
    /// "U+A797"
    pub code: String,
    /// The field it was typed in ("recipient_name").
    pub field: String,
    /// The engine's message ([`PrintError::MissingGlyph`]).
    pub message: String,
}

/// The report on one text element of a preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementFit {
    pub element: String,
    /// The text as set (case and prefix applied); empty when the field is.
    pub text: String,
    pub outcome: Outcome,
    /// The layout's size and minimum size, and the size drawn, in pt.
    pub size: f32,
    pub min_size: f32,
    pub set_size: f32,
    /// Lines drawn, and the layout's limit.
    pub lines: usize,
    pub max_lines: usize,
    /// Why it does not fit, when it does not.
    pub problem: Option<Problem>,
    /// The engine's message when it does not fit ([`PrintError::TextDoesNotFit`]).
    pub message: Option<String>,
    /// Characters the face cannot draw (drawn by the browser's fallback font in the
    /// preview, refused when printing).
    pub missing_glyphs: Vec<MissingGlyph>,
}

/// The emblem a preview shows: a picture the browser loads from `href`, or (for a vector
/// PDF, which SVG cannot show) a marked box of its proportions.
#[derive(Debug, Clone)]
pub struct PreviewEmblem {
    pub href: Option<String>,
    pub width: f32,
    pub height: f32,
}

/// Draw one certificate as the PDF page of `opts.mode` would show it (in blank mode only
/// the fields, moved by the printer offset) into an SVG, with a report on every text. Text
/// that does not fit or lacks glyphs is drawn anyway and reported, never an error.
pub fn preview_certificate(
    layout: &Layout,
    fields: &CertificateFields,
    opts: &RenderOptions,
    emblem: Option<&PreviewEmblem>,
) -> Preview {
    let mut svg = Svg::new(layout.width_mm, layout.height_mm);
    let mut report = Vec::new();
    for (layer, offset) in printed_layers(opts) {
        for el in layout.elements.iter().filter(|e| e.layer == layer) {
            let rect = el.rect.shifted(offset.0, offset.1);
            match &el.content {
                Content::Text(t) => report.push(preview_text(&mut svg, el, t, rect, fields)),
                other => {
                    svg.begin_group(&[("data-element", &el.name)]);
                    if matches!(other, Content::Qr) {
                        // A URL too long for a QR code is printing's error; the preview
                        // shows the box empty.
                        let _ = draw_verification_qr(&mut svg, fields, rect);
                    } else if let (Content::Emblem, Some(e)) = (other, emblem) {
                        let fitted = rect.fit_aspect(e.width, e.height);
                        match &e.href {
                            Some(href) => svg.picture(fitted, href),
                            None => Surface::image(&mut svg, 0, fitted),
                        }
                    } else {
                        draw_shape(&mut svg, layout, Default::default(), other, rect);
                    }
                    svg.end_group();
                }
            }
        }
    }
    Preview {
        svg: svg.finish(),
        report,
    }
}

/// The layers a page of `opts.mode` prints, in drawing order, each with its offset in mm.
fn printed_layers(opts: &RenderOptions) -> Vec<(Layer, (f32, f32))> {
    let fields = (Layer::Variable, opts.field_offset());
    match opts.mode {
        RenderMode::Full => vec![(Layer::Static, (0.0, 0.0)), fields],
        RenderMode::Blank => vec![fields],
    }
}

/// The layers printed in `mode`.
pub(super) fn layers_of(mode: RenderMode) -> &'static [Layer] {
    match mode {
        RenderMode::Full => &[Layer::Static, Layer::Variable],
        RenderMode::Blank => &[Layer::Variable],
    }
}

/// Fit and draw one text element in its group, and report on it.
fn preview_text(
    svg: &mut Svg,
    el: &Element,
    t: &TextElement,
    rect: Rect,
    fields: &CertificateFields,
) -> ElementFit {
    let (text, missing_glyphs) = checked_text(t, fields);
    let mut fit = ElementFit {
        element: el.name.clone(),
        text: String::new(),
        outcome: Outcome::Empty,
        size: t.fit.size,
        min_size: t.fit.min_size,
        set_size: 0.0,
        lines: 0,
        max_lines: t.fit.max_lines,
        problem: None,
        message: None,
        missing_glyphs,
    };
    let Some(text) = text else {
        return fit;
    };
    let (drawn, overflow) = match fit_text(&text, &t.fit, rect.w, rect.h) {
        Ok(fitted) => (fitted, None),
        Err(overflow) => (overflowing(&text, &t.fit, rect), Some(overflow)),
    };
    fit.outcome = match &overflow {
        Some(_) => Outcome::DoesNotFit,
        None if drawn.lines.len() > text.split('\n').count() => Outcome::Wrapped,
        None if drawn.size < t.fit.size => Outcome::Shrunk,
        None => Outcome::Fitted,
    };
    if let Some(overflow) = &overflow {
        fit.problem = Some(Problem::of(overflow, &t.fit));
        let error = overflow.for_field(&text, &el.name, &fields.recipient_label);
        fit.message = Some(error.to_string());
    }
    (fit.set_size, fit.lines) = (drawn.size, drawn.lines.len());
    svg.begin_group(&[
        ("data-element", &el.name),
        ("data-fit", fit.outcome.as_str()),
    ]);
    drawn.draw(svg, rect, &t.style);
    svg.end_group();
    fit.text = text;
    fit
}

/// The text an element prints (as [`super::draw::element_text`] makes it) and every
/// character of it the face cannot draw, once per field, instead of the first as an error.
pub(super) fn checked_text(
    t: &TextElement,
    fields: &CertificateFields,
) -> (Option<String>, Vec<MissingGlyph>) {
    let face = t.fit.face.face();
    let mut missing: Vec<MissingGlyph> = Vec::new();
    let text = compose_text(t, fields, &mut |value, field| {
        let mut covered = true;
        for ch in face.missing(value) {
            covered = false;
            if missing.iter().any(|m| m.char == ch && m.field == field) {
                continue;
            }
            let error = PrintError::MissingGlyph {
                ch,
                field: field.to_string(),
                recipient: fields.recipient_label.clone(),
            };
            missing.push(MissingGlyph {
                char: ch,
                code: format!("U+{:04X}", ch as u32),
                field: field.to_string(),
                message: error.to_string(),
            });
        }
        covered
    });
    (text, missing)
}

/// A text that does not fit, set as it would print if its box allowed: at its minimum size,
/// wrapped at spaces into as many lines as it takes; one line per paragraph when a word
/// alone is wider than the box. Drawn centred on the box, it runs over it.
fn overflowing<'a>(text: &'a str, spec: &FitSpec, rect: Rect) -> FittedText<'a> {
    let loose = FitSpec {
        size: spec.min_size,
        // No text needs more lines than it has bytes.
        max_lines: text.len() + 1,
        ..*spec
    };
    const UNBOUNDED_MM: f32 = 1.0e6;
    fit_text(text, &loose, rect.w, UNBOUNDED_MM).unwrap_or_else(|_| {
        let face = spec.face.face();
        FittedText {
            size: spec.min_size,
            lines: text
                .split('\n')
                .map(str::trim)
                .map(|p| Line {
                    text: p,
                    width_pt: face.width_pt(p, spec.min_size),
                })
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use quick_xml::Reader;
    use quick_xml::escape::{resolve_predefined_entity, unescape};
    use quick_xml::events::{BytesStart, Event};

    use super::super::draw::{Glyphs, draw_layer};
    use super::super::tests::one;
    use super::*;
    use crate::print::fonts::FaceStyle;
    use crate::print::layout::CertificateKind;
    use crate::print::pdf::{Rgb, Surface};

    /// One `<text>` of a preview, with the element its group names.
    #[derive(Debug, PartialEq)]
    struct Drawn {
        element: String,
        fit: String,
        x: f32,
        y: f32,
        text: String,
    }

    fn attr(e: &BytesStart, name: &str) -> String {
        e.try_get_attribute(name)
            .unwrap()
            .map(|a| {
                unescape(std::str::from_utf8(&a.value).unwrap())
                    .unwrap()
                    .into_owned()
            })
            .unwrap_or_default()
    }

    /// Every text of an SVG, read back with an XML parser (so it must be well formed).
    fn texts(svg: &str) -> Vec<Drawn> {
        let mut reader = Reader::from_str(svg);
        let mut groups: Vec<(String, String)> = Vec::new();
        let (mut current, mut out) = (None::<Drawn>, Vec::new());
        loop {
            match reader.read_event().expect("well-formed SVG") {
                Event::Start(e) if e.name().as_ref() == b"g" => {
                    groups.push((attr(&e, "data-element"), attr(&e, "data-fit")))
                }
                Event::End(e) if e.name().as_ref() == b"g" => {
                    groups.pop();
                }
                Event::Start(e) if e.name().as_ref() == b"text" => {
                    let (element, fit) = groups
                        .iter()
                        .rev()
                        .find(|(el, _)| !el.is_empty())
                        .cloned()
                        .unwrap_or_default();
                    current = Some(Drawn {
                        element,
                        fit,
                        x: attr(&e, "x").parse().unwrap(),
                        y: attr(&e, "y").parse().unwrap(),
                        text: String::new(),
                    });
                }
                Event::Text(t) => {
                    if let Some(d) = &mut current {
                        d.text.push_str(&t.decode().unwrap());
                    }
                }
                Event::GeneralRef(r) => {
                    let name = r.decode().unwrap();
                    let ch = resolve_predefined_entity(&name).expect("a predefined entity");
                    current.as_mut().unwrap().text.push_str(ch);
                }
                Event::End(e) if e.name().as_ref() == b"text" => out.push(current.take().unwrap()),
                Event::Eof => return out,
                _ => {}
            }
        }
    }

    fn bang_khen() -> Layout {
        Layout::builtin(CertificateKind::CertificateOfMerit).unwrap()
    }

    fn opts(mode: RenderMode) -> RenderOptions {
        RenderOptions {
            mode,
            offset_x_mm: 1.5,
            offset_y_mm: -1.0,
            ..RenderOptions::default()
        }
    }

    fn with_name(name: &str) -> CertificateFields {
        let (_, mut fields) = one(0);
        fields.recipient_name = name.into();
        fields.recipient_label = name.into();
        fields
    }

    fn report<'p>(preview: &'p Preview, element: &str) -> &'p ElementFit {
        preview
            .report
            .iter()
            .find(|r| r.element == element)
            .unwrap_or_else(|| panic!("no report on {element}: {:?}", preview.report))
    }

    /// What the PDF path draws, call by call.
    #[derive(Default)]
    struct Recorder(Vec<(String, f32, f32)>);

    impl Surface for Recorder {
        fn text(&mut self, _: FaceStyle, _: f32, x: f32, baseline: f32, text: &str, _: Rgb) {
            self.0.push((text.to_string(), x, baseline));
        }
        fn line(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: Rgb) {}
        fn rect(&mut self, _: Rect, _: f32, _: Rgb, _: bool) {}
        fn fill_rect(&mut self, _: Rect, _: Rgb) {}
        fn image(&mut self, _: usize, _: Rect) {}
    }

    #[test]
    fn the_recipient_is_a_text_in_its_box_where_the_pdf_puts_it() {
        let (layout, (_, fields)) = (bang_khen(), one(0));
        for mode in [RenderMode::Full, RenderMode::Blank] {
            let opts = opts(mode);
            let preview = preview_certificate(&layout, &fields, &opts, None);
            let drawn = texts(&preview.svg);
            let name = drawn
                .iter()
                .find(|d| d.text == "Ông ĐẶNG VĂN NGỌC")
                .unwrap_or_else(|| panic!("{drawn:?}"));
            assert_eq!(name.element, "recipient");
            assert_eq!(name.fit, "fitted");
            // The box [20, 71, 257, 14], moved by the offset in blank mode.
            let (dx, dy) = opts.field_offset();
            assert!(name.x > 20.0 + dx && name.x < 148.5 + dx, "{name:?}");
            assert!(name.y > 71.0 + dy && name.y < 85.0 + dy, "{name:?}");

            let mut pdf = Recorder::default();
            for (layer, offset) in printed_layers(&opts) {
                draw_layer(
                    &mut pdf,
                    &layout,
                    Default::default(),
                    layer,
                    &fields,
                    offset,
                    Glyphs::Check,
                )
                .unwrap();
            }
            let svg: Vec<_> = drawn.iter().map(|d| (d.text.clone(), d.x, d.y)).collect();
            assert_eq!(svg.len(), pdf.0.len(), "{mode:?}");
            for ((text, x, y), (pdf_text, pdf_x, pdf_y)) in svg.iter().zip(&pdf.0) {
                assert_eq!(text, pdf_text);
                assert!((x - pdf_x).abs() < 0.006 && (y - pdf_y).abs() < 0.006);
            }
        }
    }

    #[test]
    fn blank_mode_leaves_the_design_out() {
        let (layout, (_, fields)) = (bang_khen(), one(0));
        let full = preview_certificate(&layout, &fields, &opts(RenderMode::Full), None);
        let blank = preview_certificate(&layout, &fields, &opts(RenderMode::Blank), None);
        for design in ["border", "national_name", "motto", "tang", "form_name"] {
            let group = format!("data-element=\"{design}\"");
            assert!(full.svg.contains(&group), "{design} in full");
            assert!(!blank.svg.contains(&group), "{design} in blank");
        }
        assert!(
            !texts(&blank.svg)
                .iter()
                .any(|d| d.text.contains("CỘNG HÒA"))
        );
        assert!(blank.report.iter().all(|r| r.element != "form_name"));
        assert!(blank.svg.contains("data-element=\"recipient\""));
    }

    #[test]
    fn markup_in_a_name_is_escaped() {
        let fields = with_name("Lê <Văn> & \"Tý\"");
        let preview = preview_certificate(&bang_khen(), &fields, &opts(RenderMode::Full), None);
        assert!(!preview.svg.contains("<VĂN>"), "{}", preview.svg);
        let drawn = texts(&preview.svg);
        assert!(
            drawn
                .iter()
                .any(|d| d.element == "recipient" && d.text == "Ông LÊ <VĂN> & \"TÝ\""),
            "{drawn:?}"
        );
    }

    #[test]
    fn a_long_name_is_reported_shrunk_or_wrapped() {
        let layout = bang_khen();
        let shrunk = preview_certificate(
            &layout,
            &with_name("Nguyễn Hoàng Thị Phương Thảo Nguyên Ngọc Bích Hạnh Dung"),
            &opts(RenderMode::Full),
            None,
        );
        let fit = report(&shrunk, "recipient");
        assert_eq!(fit.outcome, Outcome::Shrunk, "{fit:?}");
        assert!(fit.set_size < 22.0 && fit.set_size >= 15.0 && fit.lines == 1);
        assert!(
            shrunk
                .svg
                .contains(r#"data-element="recipient" data-fit="shrunk""#)
        );

        let long = "Tập thể cán bộ, chiến sĩ và nhân dân các xã Kim Chính, Kim Định, Kim Tân, \
                    Kim Mỹ, Kim Hải, Kim Trung thuộc huyện Kim Sơn, tỉnh Ninh Bình trong năm 2018";
        let wrapped = preview_certificate(&layout, &with_name(long), &opts(RenderMode::Full), None);
        let fit = report(&wrapped, "recipient");
        assert_eq!(
            (fit.outcome, fit.lines, fit.problem),
            (Outcome::Wrapped, 2, None)
        );
        let lines = texts(&wrapped.svg);
        assert_eq!(lines.iter().filter(|d| d.element == "recipient").count(), 2);
        // Lines broken by the signer, not by fitting, are not wrapping.
        let title = report(&wrapped, "signer_title");
        assert_eq!((title.outcome, title.lines), (Outcome::Fitted, 2));
        assert_eq!(report(&wrapped, "national_name").outcome, Outcome::Fitted);
    }

    #[test]
    fn text_that_does_not_fit_is_drawn_anyway_and_named() {
        let name = "Tập thể cán bộ, chiến sĩ và nhân dân ".repeat(6);
        let fields = with_name(name.trim());
        let layout = bang_khen();
        let preview = preview_certificate(&layout, &fields, &opts(RenderMode::Full), None);
        let fit = report(&preview, "recipient");
        assert_eq!(fit.outcome, Outcome::DoesNotFit);
        assert_eq!(fit.problem, Some(Problem::BeyondLineLimit));
        assert_eq!((fit.set_size, fit.min_size), (15.0, 15.0));
        assert!(fit.lines > 2, "{fit:?}");
        let message = fit.message.as_deref().unwrap();
        let printed = super::super::render_certificates(
            &layout,
            std::slice::from_ref(&fields),
            &RenderOptions::default(),
            &mut |_| {},
        );
        assert_eq!(message, printed.unwrap_err().to_string());
        assert!(message.starts_with("field \"recipient\" of recipient \"Tập thể"));
        let drawn = texts(&preview.svg);
        let lines = drawn.iter().filter(|d| d.element == "recipient").count();
        assert_eq!(lines, fit.lines);
        assert!(
            drawn
                .iter()
                .all(|d| d.element != "recipient" || d.fit == "does_not_fit")
        );
    }

    #[test]
    fn characters_the_font_lacks_are_named() {
        let fields = with_name("Nguyễn Văn ꞗ");
        let preview = preview_certificate(&bang_khen(), &fields, &opts(RenderMode::Blank), None);
        let fit = report(&preview, "recipient");
        assert_eq!(fit.outcome, Outcome::Fitted);
        assert_eq!(fit.missing_glyphs.len(), 1, "{fit:?}");
        let missing = &fit.missing_glyphs[0];
        assert_eq!(
            (missing.char, missing.code.as_str(), missing.field.as_str()),
            ('ꞗ', "U+A797", "recipient_name")
        );
        assert_eq!(
            missing.message,
            "the font has no glyph for 'ꞗ' (U+A797) in field \"recipient_name\" of recipient \"Nguyễn Văn ꞗ\""
        );
        let json = serde_json::to_value(&preview).unwrap();
        let recipient = &json["report"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["element"] == "recipient")
            .unwrap();
        assert_eq!(recipient["outcome"], "fitted");
        assert_eq!(recipient["missing_glyphs"][0]["char"], "ꞗ");
    }
}
