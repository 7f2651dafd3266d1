//! The hall's screen as a PDF of 16:9 slides (320 × 180 mm), for a hall with no network:
//! one page per slide of the screen, in the print engine's fonts, each text fitted in its
//! box (shrunk to a floor, never cut: what cannot fit is refused and named).

use super::PrintError;
use super::fit::{Align, FitSpec, TextStyle, fit_field};
use super::flow::{BLACK, Flow, PageFrame};
use super::fonts::FaceStyle;
use super::pdf::{Rect, Rgb, Surface};
use crate::service::screen::{Deck, SlideKind};

/// 16:9, the projector's shape.
pub const SLIDE: (f32, f32) = (320.0, 180.0);
const RED: Rgb = [0.78, 0.06, 0.18];
const GOLD: Rgb = [0.95, 0.76, 0.0];
const PAPER: Rgb = [1.0, 0.99, 0.97];

/// `words` as large as they go in `rect`: wrapped rather than shrunk below two thirds of
/// `size` (a slide is read from the back of a hall), and shrunk to `min` only when even
/// wrapped they do not fit.
fn fit_large<'a>(
    words: &'a str,
    face: FaceStyle,
    (size, min): (f32, f32),
    max_lines: usize,
    rect: Rect,
    owner: &str,
) -> Result<super::fit::FittedText<'a>, PrintError> {
    let spec = |min_size: f32| FitSpec {
        face,
        size,
        min_size,
        max_lines,
    };
    fit_field(
        words,
        &spec((size * 2.0 / 3.0).max(min)),
        rect,
        "trang chiếu",
        owner,
    )
    .or_else(|_| fit_field(words, &spec(min), rect, "trang chiếu", owner))
}

/// Every slide of `deck` on a page of its own.
pub fn render_slides(deck: &Deck, title: &str) -> Result<Vec<u8>, PrintError> {
    let frame = PageFrame {
        size: SLIDE,
        top: 12.0,
        bottom: 12.0,
        left: 20.0,
        right: 20.0,
    };
    let content = frame.content();
    let mut flow = Flow::new(frame);
    for (i, slide) in deck.slides.iter().enumerate() {
        if i > 0 {
            flow.new_page();
        }
        let owner = format!("trang {}", i + 1);
        let page = flow.page();
        page.fill_rect(
            Rect {
                x: 0.0,
                y: 0.0,
                w: SLIDE.0,
                h: SLIDE.1,
            },
            PAPER,
        );
        page.fill_rect(
            Rect {
                x: 0.0,
                y: 0.0,
                w: SLIDE.0,
                h: 3.0,
            },
            RED,
        );
        page.fill_rect(
            Rect {
                x: 0.0,
                y: SLIDE.1 - 1.5,
                w: SLIDE.0,
                h: 1.5,
            },
            GOLD,
        );
        let centred = !matches!(slide.kind, SlideKind::Item | SlideKind::Stage);
        let align = if centred { Align::Centre } else { Align::Left };
        let stage = slide.kind == SlideKind::Stage;
        // The boxes from the top: eyebrow, title, then the lines share what is left.
        let (title_h, title_size) = if stage { (22.0, 26.0) } else { (48.0, 36.0) };
        let mut y = content.y + if stage { 4.0 } else { 24.0 };
        let text = |page: &mut dyn Surface,
                    words: &str,
                    face: FaceStyle,
                    (size, min): (f32, f32),
                    h: f32,
                    colour: Rgb,
                    y: f32|
         -> Result<(), PrintError> {
            face.face().check_coverage(words, "trang chiếu", &owner)?;
            let rect = Rect {
                x: content.x,
                y,
                w: content.w,
                h,
            };
            let fitted = fit_large(words, face, (size, min), 4, rect, &owner)?;
            fitted.draw(
                page,
                rect,
                &TextStyle {
                    face,
                    align,
                    colour,
                    underline: false,
                },
            );
            Ok(())
        };
        if !slide.eyebrow.is_empty() {
            text(
                page,
                &slide.eyebrow,
                FaceStyle::Bold,
                (16.0, 10.0),
                10.0,
                RED,
                y,
            )?;
            y += 12.0;
        }
        text(
            page,
            &slide.title,
            FaceStyle::Bold,
            (title_size, 16.0),
            title_h,
            BLACK,
            y,
        )?;
        y += title_h + 4.0;
        if stage {
            // Two columns of names, five a column (the stage's group of ten).
            let half = slide.lines.len().div_ceil(2).max(1);
            let row_h = ((content.y + content.h - y) / half as f32).min(20.0);
            for (n, line) in slide.lines.iter().enumerate() {
                let (col, row) = (n / half, n % half);
                let rect = Rect {
                    x: content.x + col as f32 * content.w / 2.0,
                    y: y + row as f32 * row_h,
                    w: content.w / 2.0 - 4.0,
                    h: row_h,
                };
                FaceStyle::Regular
                    .face()
                    .check_coverage(line, "trang chiếu", &owner)?;
                let fitted = fit_large(line, FaceStyle::Regular, (20.0, 9.0), 2, rect, &owner)?;
                fitted.draw(
                    page,
                    rect,
                    &TextStyle {
                        face: FaceStyle::Regular,
                        align: Align::Left,
                        colour: BLACK,
                        underline: false,
                    },
                );
            }
        } else {
            for line in &slide.lines {
                text(page, line, FaceStyle::Regular, (24.0, 12.0), 22.0, BLACK, y)?;
                y += 24.0;
            }
        }
    }
    flow.render(title, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    #[test]
    fn one_page_a_slide_reading_back() {
        let deck = crate::service::screen::deck(&samples::programme(), &Default::default());
        let pdf = render_slides(&deck, "Màn hình hội trường").unwrap();
        samples::write_sample("slides.pdf", &pdf);
        let Some(info) = poppler("pdfinfo", &[], &pdf, "slides") else {
            return;
        };
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok());
        assert_eq!(pages, Some(deck.slides.len()), "{info}");
        assert!(info.contains("907.09 x 510.24 pts"), "16:9: {info}");
        let text = poppler("pdftotext", &["-raw"], &pdf, "slides").unwrap();
        assert_in_order(
            &text,
            &[
                "Hội nghị tổng kết",
                "BẰNG KHEN",
                "Quyết định số 1520/QĐ-BCA",
                "Xin mời lên nhận Bằng khen",
                "1. ",
                "Xin trân trọng cảm ơn!",
            ],
        );
    }
}
