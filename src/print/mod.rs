//! The PDF engine: fonts, measuring and fitting text, layouts, and one file per printout.
//! It takes domain values and returns PDF bytes; it knows nothing of HTTP.
//!
//! `fonts` and `fit` measure and place text, `pdf` writes PDF objects as a stream, so a
//! batch of thousands of pages is written in the memory of one chunk; `layout` reads the
//! certificate designs (data, not code) and `certificate` draws them. `flow` fills pages
//! of running text and tables for the other printouts (programme, lists, roster, script,
//! place cards), which share the administrative heading of `admin`.

pub mod admin;
pub mod attendees;
pub mod certificate;
pub mod decision;
pub mod fit;
pub mod flow;
pub mod fonts;
pub mod invitations;
pub mod layout;
pub mod payments;
pub mod pdf;
pub mod place_cards;
pub mod programme;
pub mod qr;
pub mod roster;
#[doc(hidden)]
pub mod samples;
pub mod script;
pub mod slides;
pub mod svg;

pub use attendees::{ListOrder, render_attendee_list};
pub use certificate::{
    Certificate, CertificateFields, RenderMode, RenderOptions, render_calibration,
    render_certificates, write_certificate_batch, write_certificates,
};
pub use fit::{Align, FitSpec, FittedText, Overflow, fit_field, fit_text};
pub use fonts::{Face, FaceStyle};
pub use invitations::{Invitation, LabelSheet, render_invitation_labels, render_invitations};
pub use layout::{CertificateKind, Layout, Layouts};
pub use payments::{PaymentList, render_payments};
pub use place_cards::render_place_cards;
pub use programme::{ProgrammeOptions, render_programme};
pub use roster::render_roster;
pub use script::{ScriptLine, render_script, script_lines, script_text};

// The printouts' options are read from the API's query, the command line and forms alike:
// one parser each, the one `clap::ValueEnum` derives from the variant names, which
// `FromStr` and serde reuse, so every front door accepts the same words; the OpenAPI
// document states the same words as the schema's enum.
macro_rules! parse_by_value_names {
    ($($t:ty),*) => {$(
        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                one_of(s)
            }
        }
        impl utoipa::PartialSchema for $t {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                value_names_schema::<$t>()
            }
        }
        impl utoipa::ToSchema for $t {}
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                s.parse()
            }
        }
    )*};
}
parse_by_value_names!(ListOrder, RenderMode, CertificateKind);

/// The words [`one_of`] accepts for `T`, as a string schema's enum.
fn value_names_schema<T: clap::ValueEnum>()
-> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let names: Vec<String> = T::value_variants()
        .iter()
        .filter_map(|v| Some(v.to_possible_value()?.get_name().to_string()))
        .collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names))
        .into()
}

/// `s`, trimmed, as one of `T`'s values, or a message that lists them: "'glossy' is not one
/// of: full, blank".
fn one_of<T: clap::ValueEnum>(s: &str) -> Result<T, String> {
    let s = s.trim();
    T::from_str(s, false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| Some(v.to_possible_value()?.get_name().to_string()))
            .collect();
        format!("'{s}' is not one of: {}", names.join(", "))
    })
}

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
    /// A layout whose content cannot be used, typed: the file, the element (its name, and
    /// how a person knows it: the field it shows or its wording) and the problem.
    #[error("{file}: {}{problem}", element.as_ref().map(|(name, _)| format!("element \"{name}\": ")).unwrap_or_default())]
    LayoutProblem {
        file: String,
        element: Option<(String, String)>,
        problem: layout::LayoutProblem,
    },
    #[error("award form \"{0}\" has no certificate layout")]
    NoLayoutForForm(String),
    #[error("{0}")]
    InvalidData(String),
    #[error("writing the PDF failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("embedding the font {face} failed: {detail}")]
    Font { face: &'static str, detail: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_by_their_value_names_and_list_them_when_wrong() {
        assert_eq!(" blank ".parse(), Ok(RenderMode::Blank));
        assert_eq!("alphabetical".parse(), Ok(ListOrder::Alphabetical));
        assert_eq!("giay_khen".parse(), Ok(CertificateKind::Commendation));
        assert_eq!(
            "glossy".parse::<RenderMode>(),
            Err("'glossy' is not one of: full, blank".to_string())
        );
        assert_eq!(
            "huy_chuong".parse::<CertificateKind>(),
            Err("'huy_chuong' is not one of: bang_khen, giay_khen, danh_hieu".to_string())
        );
        let order: ListOrder = serde_json::from_str("\"rank\"").unwrap();
        assert_eq!(order, ListOrder::Rank);
        let wrong = serde_json::from_str::<ListOrder>("\"height\"").unwrap_err();
        assert!(
            wrong
                .to_string()
                .contains("'height' is not one of: rank, alphabetical")
        );
    }
}
