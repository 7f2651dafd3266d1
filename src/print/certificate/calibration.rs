//! The calibration page of a layout, for adjusting a printer to pre-printed blanks.

use super::RenderOptions;
use crate::print::PrintError;
use crate::print::fonts::FaceStyle;
use crate::print::layout::{Layer, Layout};
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

fn calibration_page(s: &mut dyn Surface, layout: &Layout, opts: &RenderOptions) {
    const RED: Rgb = [0.8, 0.0, 0.0];
    const GREY: Rgb = [0.45, 0.45, 0.45];
    const BLACK: Rgb = [0.0, 0.0, 0.0];
    let face = FaceStyle::Regular;
    // Rulers: a tick every 5 mm, longer every 10 mm, numbered every 50 mm.
    for (length, horizontal) in [(layout.width_mm, true), (layout.height_mm, false)] {
        for mm in (5..length as u32).step_by(5) {
            let (p, tick) = (mm as f32, if mm % 10 == 0 { 4.0 } else { 2.0 });
            if horizontal {
                s.line(p, 0.0, p, tick, 0.3, BLACK);
            } else {
                s.line(0.0, p, tick, p, 0.3, BLACK);
            }
            if mm % 50 == 0 {
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
        s.text(face, 6.0, rect.x + 0.8, rect.y + 2.6, &el.name, colour);
    }
    let note = format!(
        "Trang căn chỉnh «{}» ({}): lệch x = {:+.1} mm, y = {:+.1} mm. Đỏ: trường in lên phôi; xám: phần in sẵn.",
        layout.name, layout.source, dx, dy
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
            assert!(text.contains(&el.name), "{} not labelled:\n{text}", el.name);
        }
        assert!(text.contains("lệch x = +1.5 mm, y = +0.0 mm"), "{text}");
    }
}
