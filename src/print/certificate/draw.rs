//! Drawing one page of a certificate from its layout: the text each element shows, checked
//! against the font, fitted to its box, and the ornamental border.

use std::borrow::Cow;

use super::CertificateFields;
use crate::domain::text;
use crate::print::PrintError;
use crate::print::fit::fit_field;
use crate::print::layout::{Case, Content, Field, Layer, Layout, TextElement, TextSource};
use crate::print::pdf::{Image, Rect, Rgb, Surface};

/// Where a page's pictures are among the document's images: its layout's own from `base`
/// (the background after them), and its issuer's emblem, if it has one.
#[derive(Clone, Copy, Default)]
pub(super) struct Pictures<'a> {
    pub base: usize,
    pub emblem: Option<(usize, &'a Image)>,
}

/// The parts a field is made of: (field name for errors, value, whether the element's
/// letter case applies), and what joins them.
type Parts<'a> = (&'static str, [Option<(&'static str, &'a str, bool)>; 2]);

fn field_parts(field: Field, f: &CertificateFields) -> Parts<'_> {
    fn one<'a>(name: &'static str, value: &'a str) -> Parts<'a> {
        ("", [Some((name, value, true)), None])
    }
    match field {
        Field::IssuerHeading => one("issuer_heading", &f.issuer_heading),
        Field::FormName => one("form_name", &f.form_name),
        Field::Recipient => (
            " ",
            [
                Some(("honorific", &f.honorific, false)),
                Some(("recipient_name", &f.recipient_name, true)),
            ],
        ),
        Field::Honorific => one("honorific", &f.honorific),
        Field::RecipientName => one("recipient_name", &f.recipient_name),
        Field::Position => one("position", &f.position),
        Field::Unit => one("unit", &f.unit),
        // Written as a person writes them: the unit's repeat of the position merged.
        Field::PositionUnit => match text::unit_after(&f.position, &f.unit) {
            Some(rest) => (
                " ",
                [
                    Some(("position", &f.position, true)),
                    Some(("unit", rest, true)),
                ],
            ),
            None => (
                ", ",
                [
                    Some(("position", &f.position, true)),
                    Some(("unit", &f.unit, true)),
                ],
            ),
        },
        Field::Reason => one("reason", &f.reason),
        Field::DecisionLine => one("decision_line", &f.decision_line),
        Field::RegisterNumber => one("register_number", &f.register_number),
        Field::PlaceDate => one("place_date", &f.place_date),
        Field::SignerTitle => one("signer_title", &f.signer_title),
        Field::SignerRank => one("signer_rank", &f.signer_rank),
        Field::SignerName => one("signer_name", &f.signer_name),
        Field::VerificationCode => one("verification_code", &f.verification_code),
    }
}

/// Whether drawing checks each text against its face. The first pass over a batch checks,
/// and names what cannot print before anything is written; the pass that writes the pages
/// draws the same texts, already checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glyphs {
    Check,
    Checked,
}

/// The text an element prints for a certificate, checked against its face unless it was
/// already; `None` when the field is empty.
pub(super) fn element_text(
    el: &TextElement,
    fields: &CertificateFields,
    glyphs: Glyphs,
) -> Result<Option<String>, PrintError> {
    if glyphs == Glyphs::Checked {
        return Ok(compose_text(el, fields, &mut |_, _| true));
    }
    let face = el.fit.face.face();
    let mut first = None;
    let text = compose_text(el, fields, &mut |value, field| match face.check_coverage(
        value,
        field,
        &fields.recipient_label,
    ) {
        Ok(()) => true,
        Err(missing) => {
            first.get_or_insert(missing);
            false
        }
    });
    match first {
        Some(missing) => Err(missing),
        None => Ok(text),
    }
}

/// The text an element prints, with its prefix and letter case; `None` when the field is
/// empty. `covered(value, field)` says whether the face draws every character of a value;
/// it is asked about each value as typed (so a problem names the character the organiser
/// entered) and, only when that is covered, about the value in the element's case.
pub(super) fn compose_text(
    el: &TextElement,
    fields: &CertificateFields,
    covered: &mut dyn FnMut(&str, &'static str) -> bool,
) -> Option<String> {
    let field = match &el.source {
        TextSource::Literal(literal) => return Some(format!("{}{literal}", el.prefix)),
        TextSource::Field(field) => *field,
    };
    let (separator, parts) = field_parts(field, fields);
    let mut out = String::new();
    for (name, value, cased) in parts.into_iter().flatten() {
        let value = text::normalized(value);
        if value.is_empty() {
            continue;
        }
        let typed_covered = covered(&value, name);
        let value = match el.case {
            Case::Upper if cased => {
                let upper = text::upper(&value);
                if typed_covered {
                    covered(&upper, name);
                }
                Cow::Owned(upper)
            }
            _ => value,
        };
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(&value);
    }
    (!out.is_empty()).then(|| format!("{}{out}", el.prefix))
}

/// The text element `name` of `layout` shows on this certificate, as it is fitted (prefix,
/// parts joined, letter case applied); None for another kind of element or an empty field.
pub fn shown_text(layout: &Layout, name: &str, fields: &CertificateFields) -> Option<String> {
    let el = layout.elements.iter().find(|e| e.name == name)?;
    match &el.content {
        Content::Text(t) => compose_text(t, fields, &mut |_, _| true),
        _ => None,
    }
}

/// Draw the elements of one layer, moved by `offset` mm.
pub(super) fn draw_layer<S: Surface + ?Sized>(
    s: &mut S,
    layout: &Layout,
    pictures: Pictures<'_>,
    layer: Layer,
    fields: &CertificateFields,
    offset: (f32, f32),
    glyphs: Glyphs,
) -> Result<(), PrintError> {
    // The background is the document image after the layout's own (see `write_pages`).
    if let (Layer::Static, Some(background)) = (layer, &layout.background) {
        s.image(pictures.base + layout.images.len(), background.rect);
    }
    for el in layout.elements.iter().filter(|e| e.layer == layer) {
        let rect = el.rect.shifted(offset.0, offset.1);
        match &el.content {
            Content::Text(t) => {
                let Some(text) = element_text(t, fields, glyphs)? else {
                    continue;
                };
                let fitted = fit_field(&text, &t.fit, rect, &el.name, &fields.recipient_label)?;
                fitted.draw(s, rect, &t.style);
            }
            Content::Qr => draw_verification_qr(s, fields, rect)?,
            other => draw_shape(s, layout, pictures, other, rect),
        }
    }
    Ok(())
}

/// Draw an element that is not text (its border or picture) in `rect`; text, which must be
/// fitted first, is left to the caller.
pub(super) fn draw_shape<S: Surface + ?Sized>(
    s: &mut S,
    layout: &Layout,
    pictures: Pictures<'_>,
    content: &Content,
    rect: Rect,
) {
    let picture = |s: &mut S, index: usize, image: &Image| {
        s.image(
            index,
            rect.fit_aspect(image.width as f32, image.height as f32),
        );
    };
    match content {
        Content::DoubleBorder { colour, width_pt } => draw_border(s, rect, *colour, *width_pt),
        Content::Image(index) => picture(s, pictures.base + *index, &layout.images[*index]),
        Content::Emblem => {
            if let Some((index, image)) = pictures.emblem {
                picture(s, index, image);
            }
        }
        Content::Text(_) | Content::Qr => {}
    }
}

/// The verification QR code of a certificate, if printing gave it one.
pub(super) fn draw_verification_qr<S: Surface + ?Sized>(
    s: &mut S,
    fields: &CertificateFields,
    rect: Rect,
) -> Result<(), PrintError> {
    if fields.verification_url.is_empty() {
        return Ok(());
    }
    crate::print::qr::draw_qr_in(s, &fields.verification_url, rect)
}

/// A heavy outer rule, two fine inner rules, and nested squares set into the corners.
fn draw_border<S: Surface + ?Sized>(s: &mut S, r: Rect, colour: Rgb, width_pt: f32) {
    let fine = width_pt * 0.3;
    s.rect(r, width_pt, colour, false);
    s.rect(r.inset(2.5), fine, colour, false);
    let inmost = r.inset(4.0);
    s.rect(inmost, fine, colour, false);
    let (left, top) = (inmost.x, inmost.y);
    let (right, bottom) = (inmost.x + inmost.w, inmost.y + inmost.h);
    let size = 7.0;
    for (x, y) in [
        (left, top),
        (right - size, top),
        (left, bottom - size),
        (right - size, bottom - size),
    ] {
        let corner = Rect {
            x,
            y,
            w: size,
            h: size,
        };
        s.rect(corner, fine, colour, false);
        s.rect(corner.inset(1.5), fine, colour, false);
    }
}
