//! QR codes drawn as vector modules (filled rectangles, no raster image): the invitation's
//! check-in code and the certificate's verification URL.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

use super::PrintError;
use super::flow::BLACK;
use super::pdf::{Rect, Surface};

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

/// Draw the QR code of `data` with its quiet zone, top-left corner at (`x`, `y`), each run
/// of dark modules in a row as one filled rectangle. Returns the side in mm (quiet zone
/// included).
pub fn draw_qr<S: Surface + ?Sized>(
    s: &mut S,
    data: &str,
    x: f32,
    y: f32,
    module: f32,
) -> Result<f32, PrintError> {
    let (width, dark) = qr_matrix(data)?;
    draw_modules(s, width, &dark, x, y, module);
    Ok((width + 2 * QUIET) as f32 * module)
}

/// Draw a QR matrix, quiet zone left blank, each run of dark modules in a row as one rectangle.
fn draw_modules<S: Surface + ?Sized>(
    s: &mut S,
    width: usize,
    dark: &[bool],
    x: f32,
    y: f32,
    module: f32,
) {
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if !dark[row * width + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && dark[row * width + col] {
                col += 1;
            }
            s.fill_rect(
                Rect {
                    x: x + (QUIET + start) as f32 * module,
                    y: y + (QUIET + row) as f32 * module,
                    w: (col - start) as f32 * module,
                    h: module,
                },
                BLACK,
            );
        }
    }
}

/// Draw the QR code of `data` as large as fits in `rect` (quiet zone included), centred.
pub fn draw_qr_in<S: Surface + ?Sized>(
    s: &mut S,
    data: &str,
    rect: Rect,
) -> Result<(), PrintError> {
    let (width, dark) = qr_matrix(data)?;
    let side = rect.w.min(rect.h);
    let module = side / (width + 2 * QUIET) as f32;
    draw_modules(
        s,
        width,
        &dark,
        rect.x + (rect.w - side) / 2.0,
        rect.y + (rect.h - side) / 2.0,
        module,
    );
    Ok(())
}
