//! Award certificates (Bằng khen, Giấy khen, title certificates): the fields printed on one,
//! taken from the stored decision and recipient; a batch rendered one page per certificate,
//! on plain paper or onto pre-printed blanks; and the calibration page for the blanks.
//!
//! `fields` makes the texts of one certificate, `draw` draws a page of a layout with them,
//! `batch` writes many pages as one streamed PDF in parallel chunks, and `calibration` the
//! page that adjusts a printer to pre-printed blanks. For the designer, `preview` draws one
//! certificate as SVG through the same code with a report of what fitting did, and `check`
//! fits every recipient of a batch and lists every text that cannot be printed.

mod batch;
mod calibration;
mod check;
mod draw;
mod fields;
mod preview;
#[cfg(test)]
mod tests;

pub use batch::{Certificate, render_certificates, write_certificate_batch, write_certificates};
pub use calibration::render_calibration;
pub use check::{Finding, check_layout, check_layout_until, check_recipients};
pub use draw::shown_text;
pub use fields::CertificateFields;
pub use preview::{
    ElementFit, MissingGlyph, Outcome, Preview, PreviewEmblem, Problem, preview_certificate,
};

/// Whole design on plain paper, or only the variable fields onto pre-printed blanks:
/// `full` or `blank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(try_from = "String")]
pub enum RenderMode {
    #[default]
    Full,
    Blank,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    pub mode: RenderMode,
    /// Printer offset in mm (right and down positive), applied to every field in
    /// [`RenderMode::Blank`] and to the calibration page.
    pub offset_x_mm: f32,
    pub offset_y_mm: f32,
    /// The document title shown by PDF viewers; empty: the layout's name.
    pub title: String,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            mode: RenderMode::Full,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
            title: "Bằng khen".into(),
        }
    }
}

impl RenderOptions {
    fn field_offset(&self) -> (f32, f32) {
        match self.mode {
            RenderMode::Full => (0.0, 0.0),
            RenderMode::Blank => (self.offset_x_mm, self.offset_y_mm),
        }
    }
}
