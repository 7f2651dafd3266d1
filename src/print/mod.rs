//! The PDF engine: fonts, measuring and fitting text, layouts, and one file per printout.
//! It takes domain values and returns PDF bytes; it knows nothing of HTTP.
//!
//! `fonts` and `fit` measure and place text, `pdf` writes PDF objects as a stream, so a
//! batch of thousands of pages is written in the memory of one chunk; `layout` reads the
//! certificate designs (data, not code) and `certificate` draws them. `flow` fills pages
//! of running text and tables for the other printouts (programme, lists, roster, script,
//! place cards), which share the administrative heading of `admin`.

mod admin;
pub mod attendees;
pub mod certificate;
pub mod fit;
pub mod flow;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod place_cards;
pub mod programme;
pub mod roster;
#[doc(hidden)]
pub mod samples;
pub mod script;

pub use attendees::{ListOrder, render_attendee_list};
pub use certificate::{
    Certificate, CertificateFields, RenderMode, RenderOptions, render_calibration,
    render_certificates, write_certificate_batch, write_certificates,
};
pub use fit::{Align, FitSpec, FittedText, fit_field, fit_text};
pub use fonts::{Face, FaceStyle};
pub use layout::{CertificateKind, Layout, Layouts};
pub use place_cards::render_place_cards;
pub use programme::{ProgrammeOptions, render_programme};
pub use roster::render_roster;
pub use script::{ScriptLine, render_script, script_lines, script_text};

/// Everything that can go wrong while printing, worded for the organiser who must fix it.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the font has no glyph for '{ch}' (U+{code:04X}) in field \"{field}\" of recipient \"{recipient}\"", code = *ch as u32)]
    MissingGlyph {
        ch: char,
        field: String,
        recipient: String,
    },
    #[error(
        "field \"{field}\" of recipient \"{recipient}\" does not fit its box: {detail} (text: \"{text}\")"
    )]
    TextDoesNotFit {
        field: String,
        recipient: String,
        text: String,
        detail: String,
    },
    /// A layout file that cannot be used; the message names the file and the element.
    #[error("{0}")]
    Layout(String),
    #[error("award form \"{0}\" has no certificate layout")]
    NoLayoutForForm(String),
    #[error("{0}")]
    InvalidData(String),
    #[error("writing the PDF failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("embedding the font {face} failed: {detail}")]
    Font { face: &'static str, detail: String },
}
