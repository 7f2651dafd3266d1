//! Place cards (biển tên đại biểu): one folded tent card per delegate on A4 landscape, the
//! name large and the position under it; the upper half is printed upside down so that,
//! folded along the middle, both faces read.

use super::PrintError;
use super::admin;
use super::fit::{Align, FitSpec, TextStyle, fit_field};
use super::flow::{BLACK, RecordedPage, render_pages};
use super::fonts::FaceStyle;
use super::pdf::{Rect, Surface};
use crate::domain::model::Attendee;
use crate::domain::text::{normalize, upper};

/// A4 landscape: folded, two faces of 297 × 105 mm.
const PAGE: (f32, f32) = (297.0, 210.0);
const FACE_H: f32 = PAGE.1 / 2.0;
const GREY: [f32; 3] = [0.6, 0.6, 0.6];
const FRAME: [f32; 3] = [0.7, 0.0, 0.0];

/// The name and the position: long ones shrink first, then wrap to a second line.
const NAME: FitSpec = FitSpec {
    face: FaceStyle::Bold,
    size: 64.0,
    min_size: 30.0,
    max_lines: 2,
};
const POSITION: FitSpec = FitSpec {
    face: FaceStyle::Regular,
    size: 26.0,
    min_size: 14.0,
    max_lines: 2,
};

/// Render one tent card per attendee, in the order given.
pub fn render_place_cards(attendees: &[Attendee]) -> Result<Vec<u8>, PrintError> {
    if attendees.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no delegates to print place cards for".into(),
        ));
    }
    let pages = attendees.iter().map(card).collect::<Result<Vec<_>, _>>()?;
    render_pages(&pages, PAGE, "Biển tên đại biểu")
}

fn card(a: &Attendee) -> Result<RecordedPage, PrintError> {
    let name = upper(&normalize(&a.full_name));
    let role = admin::attendee_role(a);
    let mut page = RecordedPage::default();
    // The fold, dashed and light, to crease along.
    page.line(10.0, FACE_H, PAGE.0 - 10.0, FACE_H, 0.3, GREY);
    // The front face (lower half) upright; the back face (upper half) turned half a turn
    // about its own centre, so that it lands upside down in the same place.
    face(&mut page, FACE_H, &name, &role, &a.full_name)?;
    page.begin_half_turn(PAGE.0 / 2.0, FACE_H / 2.0);
    face(&mut page, 0.0, &name, &role, &a.full_name)?;
    page.end_turn();
    Ok(page)
}

/// One face of the card, in the half that starts at `top`.
fn face(
    s: &mut RecordedPage,
    top: f32,
    name: &str,
    role: &str,
    owner: &str,
) -> Result<(), PrintError> {
    let frame = Rect {
        x: 12.0,
        y: top + 8.0,
        w: PAGE.0 - 24.0,
        h: FACE_H - 16.0,
    };
    s.rect(frame, 1.5, FRAME, false);
    s.rect(frame.inset(1.5), 0.5, FRAME, false);
    let name_box = Rect {
        x: 22.0,
        y: top + 16.0,
        w: PAGE.0 - 44.0,
        h: 48.0,
    };
    let role_box = Rect {
        y: top + 66.0,
        h: 25.0,
        ..name_box
    };
    for (text, spec, rect, field) in [
        (name, &NAME, name_box, "họ và tên"),
        (role, &POSITION, role_box, "chức vụ"),
    ] {
        if text.is_empty() {
            continue;
        }
        spec.face.face().check_coverage(text, field, owner)?;
        let fitted = fit_field(text, spec, rect, field, owner)?;
        let style = TextStyle {
            face: spec.face,
            align: Align::Centre,
            colour: BLACK,
            underline: false,
        };
        fitted.draw(s, rect, &style);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;

    #[test]
    fn one_card_per_delegate_with_the_name_on_both_faces() {
        let people = samples::attendees();
        let pdf = render_place_cards(&people).unwrap();
        samples::write_sample("place-cards.pdf", &pdf);
        crate::test_support::assert_xref_consistent(&pdf);
        let Some(pages) = crate::test_support::pdf_pages(&pdf, "place cards") else {
            return;
        };
        assert_eq!(pages.len(), people.len());
        for (page, a) in pages.iter().zip(&people) {
            // The upright face reads as a line; poppler breaks the upside-down one into
            // words, each of which must be there too.
            let name = upper(&a.full_name);
            assert!(page.contains(&name), "{page}");
            for word in name.split(' ') {
                assert!(page.matches(word).count() >= 2, "{word} in {page}");
            }
            assert!(page.contains(a.position.as_deref().unwrap()), "{page}");
        }
    }

    #[test]
    fn the_back_face_is_drawn_turned_half_a_turn() {
        let page = card(&samples::attendees()[0]).unwrap();
        let mut canvas = Vec::new();
        // Measured through the PDF writer: the back face sits between q/cm and Q.
        let mut usage = super::super::pdf::GlyphUsage::default();
        page.replay(&mut usage);
        let fonts = super::super::pdf::FontSubsets::new(&usage).unwrap();
        let mut c = super::super::pdf::Canvas::new(&fonts, PAGE.1 * super::super::pdf::MM);
        page.replay(&mut c);
        canvas.extend(c.into_bytes());
        let stream = String::from_utf8_lossy(&canvas);
        // Half a turn about the centre of the upper half (148.5 mm, 52.5 mm from the top).
        assert!(stream.contains("q -1 0 0 -1 841.89 892.91 cm"), "{stream}");
        assert_eq!(stream.matches("\nQ\n").count(), 1);
    }

    #[test]
    fn a_long_name_shrinks_and_an_impossible_one_is_refused() {
        let mut a = samples::attendees().remove(0);
        a.full_name = "Nguyễn Thị Phương Hoàng Ngọc Bảo Trâm Anh".into();
        render_place_cards(std::slice::from_ref(&a)).unwrap();
        a.full_name = "Tôn Nữ ".repeat(20);
        let err = render_place_cards(&[a]).unwrap_err();
        assert!(err.to_string().contains("họ và tên"), "{err}");
    }
}
