//! The calibration page of a layout, for adjusting a printer to pre-printed blanks.

use super::RenderOptions;
use crate::print::PrintError;
use crate::print::fonts::FaceStyle;
use crate::print::layout::{Content, Element, Layer, Layout, TextSource};
use crate::print::pdf::{Document, GlyphUsage, Rgb, Surface, deflate};

/// A page to adjust the printer offset for pre-printed blanks: every element's box,
/// shifted by the offset and labelled (fields red, the pre-printed design grey dashed),
/// with millimetre rulers along the top and left edges.
pub fn render_calibration(layout: &Layout, opts: &RenderOptions) -> Result<Vec<u8>, PrintError> {
    let draw = |s: &mut dyn Surface| calibration_page(s, layout, opts);
    let mut usage = GlyphUsage::default();
    draw(&mut usage);
    let images: Vec<_> = layout.images.iter().collect();
    let mut doc = Document::begin(
        Vec::new(),
        &usage,
        &images,
        (layout.width_mm, layout.height_mm),
    )?;
    let mut canvas = doc.setup().canvas();
    draw(&mut canvas);
    let content = deflate(&canvas.into_bytes());
    doc.add_page(&content)?;
    Ok(doc.finish(&format!("Trang căn chỉnh: {}", layout.name))?)
}

/// A box as the office knows it: the field it shows (in the designer's Vietnamese words),
/// its fixed wording, or its kind; not the layout file's internal name.
fn label(el: &Element) -> String {
    let tr = crate::i18n::Tr::new(crate::i18n::Lang::Vi);
    match &el.content {
        Content::Text(t) => match &t.source {
            TextSource::Field(f) => {
                let key = format!("design-field-{}", f.code().replace('_', "-"));
                tr.known(&key).unwrap_or_else(|| el.name.clone())
            }
            TextSource::Literal(text) => format!("“{text}”"),
        },
        Content::DoubleBorder { .. } => tr.t("design-element-border"),
        Content::Qr => tr.t("design-element-qr"),
        Content::Image(_) => tr.t("design-element-image"),
        Content::Emblem => tr.t("design-element-emblem"),
    }
}

fn calibration_page(s: &mut dyn Surface, layout: &Layout, opts: &RenderOptions) {
    const RED: Rgb = [0.8, 0.0, 0.0];
    const GREY: Rgb = [0.45, 0.45, 0.45];
    const BLACK: Rgb = [0.0, 0.0, 0.0];
    let face = FaceStyle::Regular;
    // Rulers: a tick every millimetre, longer every 5 and 10 mm, numbered every 10 mm, so
    // that an offset of 1.5 mm can be read off them.
    for (length, horizontal) in [(layout.width_mm, true), (layout.height_mm, false)] {
        for mm in 1..length as u32 {
            let p = mm as f32;
            let (tick, width) = match (mm % 10, mm % 5) {
                (0, _) => (4.0, 0.3),
                (_, 0) => (2.8, 0.25),
                _ => (1.6, 0.15),
            };
            if horizontal {
                s.line(p, 0.0, p, tick, width, BLACK);
            } else {
                s.line(0.0, p, tick, p, width, BLACK);
            }
            if mm % 10 == 0 {
                let label = mm.to_string();
                let (x, y) = if horizontal {
                    (p + 0.6, 6.0)
                } else {
                    (4.6, p + 1.0)
                };
                s.text(face, 6.0, x, y, &label, BLACK);
            }
        }
    }
    let (dx, dy) = (opts.offset_x_mm, opts.offset_y_mm);
    for el in &layout.elements {
        let rect = el.rect.shifted(dx, dy);
        let (colour, dashed) = match el.layer {
            Layer::Variable => (RED, false),
            Layer::Static => (GREY, true),
        };
        s.rect(rect, 0.5, colour, dashed);
        s.text(face, 6.0, rect.x + 0.8, rect.y + 2.6, &label(el), colour);
    }
    // Vietnamese decimals and quotes: "lệch x = +1,5 mm".
    let mm = |v: f32| format!("{v:+.1}").replace('.', ",");
    let note = format!(
        "Trang căn chỉnh “{}” ({}): lệch x = {} mm, y = {} mm. Đỏ: trường in lên phôi; xám: phần in sẵn.",
        layout.name,
        layout.source,
        mm(dx),
        mm(dy)
    );
    s.text(face, 8.0, 12.0, layout.height_mm - 2.5, &note, BLACK);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::layout::{CertificateKind, Layouts};
    use crate::test_support::poppler;

    #[test]
    fn calibration_page_labels_every_box() {
        let layouts = Layouts::builtin().unwrap();
        let layout = layouts.get(CertificateKind::CertificateOfMerit);
        let pdf = render_calibration(
            layout,
            &RenderOptions {
                offset_x_mm: 1.5,
                ..RenderOptions::default()
            },
        )
        .unwrap();
        let Some(text) = poppler(
            "pdftotext",
            &["-raw"],
            &pdf,
            "calibration_page_labels_every_box",
        ) else {
            return;
        };
        for el in &layout.elements {
            let shown = label(el);
            assert!(text.contains(&shown), "{} not labelled:\n{text}", el.name);
            assert!(
                !text.contains("issuer_heading") && !text.contains("form_name"),
                "{text}"
            );
        }
        assert!(text.contains("Tên cơ quan khen thưởng"), "{text}");
        assert!(text.contains("“TẶNG”"), "{text}");
        assert!(text.contains("lệch x = +1,5 mm, y = +0,0 mm"), "{text}");
        // A tick every millimetre: the rulers' lines, counted in the page's content.
        let mut counter = TickCounter(0);
        calibration_page(&mut counter, layout, &RenderOptions::default());
        let (w, h) = (layout.width_mm as usize, layout.height_mm as usize);
        assert_eq!(
            counter.0,
            (w - 1) + (h - 1),
            "one tick a millimetre on both rulers"
        );
    }

    /// Counts the short lines that start on the page's edges (the rulers' ticks).
    struct TickCounter(usize);

    impl Surface for TickCounter {
        fn text(&mut self, _: FaceStyle, _: f32, _: f32, _: f32, _: &str, _: Rgb) {}
        fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, _: f32, _: Rgb) {
            let tick = (y1 == 0.0 && x1 == x2 && y2 <= 4.0) || (x1 == 0.0 && y1 == y2 && x2 <= 4.0);
            self.0 += usize::from(tick);
        }
        fn rect(&mut self, _: crate::print::pdf::Rect, _: f32, _: Rgb, _: bool) {}
        fn fill_rect(&mut self, _: crate::print::pdf::Rect, _: Rgb) {}
        fn image(&mut self, _: usize, _: crate::print::pdf::Rect) {}
    }
}
