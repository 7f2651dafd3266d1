//! QR codes drawn as vector modules (filled rectangles, no raster image): the invitation's
//! check-in code and the certificate's verification URL.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

use super::PrintError;
use super::flow::BLACK;
use super::pdf::{Rect, Surface, fill_runs};

/// Light modules around the symbol, as the QR standard asks (nothing else is drawn there).
pub const QUIET: usize = 4;

/// The QR matrix of `data`, error correction M: side length and dark modules row by row.
///
/// The mask is fixed (checkerboard, a valid choice of the standard) instead of the best of
/// eight by the penalty rules: scoring the eight costs several hundred microseconds a code,
/// seconds in a batch of ten thousand certificates, and the printed modules of a URL or a
/// check-in code read the same with any mask.
pub fn qr_matrix(data: &str) -> Result<(usize, Vec<bool>), PrintError> {
    let cannot = |e: qrcode::types::QrError| {
        PrintError::InvalidData(format!("the QR code cannot hold \"{data}\": {e}"))
    };
    let bits = bits::encode_auto(data.as_bytes(), EcLevel::M).map_err(cannot)?;
    let version = bits.version();
    let (encoded, ec_data) =
        ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(cannot)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec_data);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).expect("a QR width is positive");
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// Draw the QR code of `data` with its quiet zone, top-left corner at (`x`, `y`), as vector
/// modules: each run of dark modules in a row is one filled rectangle (the invitation's
/// check-in code). Returns the side in mm (quiet zone included).
pub fn draw_qr<S: Surface + ?Sized>(
    s: &mut S,
    data: &str,
    x: f32,
    y: f32,
    module: f32,
) -> Result<f32, PrintError> {
    let (width, dark) = qr_matrix(data)?;
    let quiet = QUIET as f32 * module;
    let side = width as f32 * module;
    fill_runs(
        s,
        Rect {
            x: x + quiet,
            y: y + quiet,
            w: side,
            h: side,
        },
        width,
        &dark,
        BLACK,
    );
    Ok(side + 2.0 * quiet)
}

/// Draw the QR code of `data` as large as fits in `rect` (quiet zone included), centred, as
/// the surface draws a grid ([`Surface::fill_grid`]: a stencil mask of 250 bytes in a PDF,
/// where ten thousand certificates each carry their own code). Surfaces that only learn the
/// glyphs skip it: the code has no text.
pub fn draw_qr_in<S: Surface + ?Sized>(
    s: &mut S,
    data: &str,
    rect: Rect,
) -> Result<(), PrintError> {
    if !s.draws() {
        return Ok(());
    }
    let (width, dark) = qr_matrix(data)?;
    let side = rect.w.min(rect.h);
    let module = side / (width + 2 * QUIET) as f32;
    let quiet = QUIET as f32 * module;
    let inner = side - 2.0 * quiet;
    s.fill_grid(
        Rect {
            x: rect.x + (rect.w - side) / 2.0 + quiet,
            y: rect.y + (rect.h - side) / 2.0 + quiet,
            w: inner,
            h: inner,
        },
        width,
        &dark,
        BLACK,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::verification::url;
    use crate::print::pdf::{Canvas, FontSubsets, GlyphUsage, MM};

    #[test]
    fn an_address_in_capitals_makes_a_smaller_code() {
        let code = "7K3M9QZ4HX2T8W1R";
        let (upper, _) = qr_matrix(&url("https://khenthuong.ninhbinh.gov.vn", code)).unwrap();
        let (lower, _) =
            qr_matrix(&format!("https://khenthuong.ninhbinh.gov.vn/v/{code}")).unwrap();
        assert_eq!((upper, lower), (29, 33));
    }

    #[test]
    fn a_grid_is_one_stencil_mask_of_a_bit_a_cell_on_a_pdf_and_rectangles_elsewhere() {
        let dark = [
            true, false, true, true, true, true, true, true, true, false, //
            false, false, false, false, false, false, false, false, false, true,
        ];
        let rect = Rect {
            x: 10.0,
            y: 20.0,
            w: 10.0,
            h: 2.0,
        };
        let fonts = FontSubsets::new(&GlyphUsage::default()).unwrap();
        let mut pdf = Canvas::new(&fonts, 100.0 * MM);
        pdf.fill_grid(rect, 10, &dark, BLACK);
        let stream = String::from_utf8(pdf.into_bytes()).unwrap();
        // Two rows of two bytes: 1011 1111 10.. and 0000 0000 01.., the box's bottom-left
        // corner at (10, 22) mm from the top-left.
        assert!(
            stream.ends_with(
                "q 28.35 0 0 5.67 28.35 221.1 cm BI /W 10 /H 2 /IM true /BPC 1 /D [1 0] /F /AHx ID\nBF800040>\nEI Q\n"
            ),
            "{stream}"
        );

        let mut svg = crate::print::svg::Svg::new(100.0, 100.0);
        svg.fill_grid(rect, 10, &dark, BLACK);
        let svg = svg.finish();
        // Runs of 1, 7 and 1 cells: three rectangles.
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(
            svg.contains(r#"<rect x="12" y="20" width="7" height="1""#),
            "{svg}"
        );
    }
}
