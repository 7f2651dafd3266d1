//! Award certificates (Bằng khen, Giấy khen, title certificates): the fields printed on one,
//! taken from the stored decision and recipient; a batch rendered one page per certificate,
//! on plain paper or onto pre-printed blanks; and the calibration page for the blanks.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::PrintError;
use super::fit::fit_text;
use super::fonts::FaceStyle;
use super::layout::{Case, Content, Field, Layer, Layout, TextElement, TextSource};
use super::pdf::{Document, GlyphUsage, PageSetup, Rect, Rgb, Surface, deflate};
use crate::domain::kinds::{AwardForm, Honorific};
use crate::domain::text;

/// Everything printed on one certificate, as plain text. Any field may be empty, and its
/// element is then left out. Text is normalised to NFC when drawn, so decomposed input
/// prints (and extracts) the same as composed input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateFields {
    /// Names the recipient in error messages.
    pub recipient_label: String,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    pub issuer_heading: String,
    /// "Bằng khen", "Giấy khen" or the title's name ("Đơn vị quyết thắng").
    pub form_name: String,
    /// "Ông", "Bà", "Đồng chí"; empty for a collective.
    pub honorific: String,
    pub recipient_name: String,
    pub position: String,
    pub unit: String,
    pub reason: String,
    /// "Quyết định số 456/QĐ-UBND ngày 10/3/2019"
    pub decision_line: String,
    /// The number alone ("45"); the layout gives its label.
    pub register_number: String,
    /// "Ninh Bình, ngày 10 tháng 3 năm 2019"
    pub place_date: String,
    /// One line per row: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    pub signer_title: String,
    pub signer_name: String,
}

impl CertificateFields {
    /// The certificate of `recipient` under `decision` of `issuer`. The place in the date
    /// line is the issuer's, else the conference's; the reason is the recipient's, else
    /// the decision's; the signer title is the decision's, else the issuer's.
    pub fn from_models(
        conference: &entity::conference::Model,
        issuer: &entity::issuer::Model,
        decision: &entity::award_decision::Model,
        recipient: &entity::recipient::Model,
    ) -> Result<CertificateFields, PrintError> {
        let form = AwardForm::from_code(&decision.form)
            .ok_or_else(|| PrintError::NoLayoutForForm(decision.form.clone()))?;
        let form_name = match (form, &decision.title_name) {
            (AwardForm::Title, Some(title)) if !title.trim().is_empty() => title.clone(),
            (AwardForm::Title, _) => {
                return Err(PrintError::InvalidData(format!(
                    "decision {} awards a title but does not name it",
                    decision.number
                )));
            }
            (form, _) => form.label().to_string(),
        };
        let honorific = match &recipient.honorific {
            Some(code) if recipient.kind == "individual" => Honorific::from_code(code)
                .ok_or_else(|| {
                    PrintError::InvalidData(format!(
                        "recipient \"{}\": unknown honorific \"{code}\" (expected one of {})",
                        recipient.name,
                        Honorific::codes()
                    ))
                })?
                .label()
                .to_string(),
            _ => String::new(),
        };
        let or = |first: &str, second: &str| {
            if first.trim().is_empty() {
                second.to_string()
            } else {
                first.to_string()
            }
        };
        let place = or(&issuer.place_name, &conference.place_name);
        let signer_title = or(&decision.signer_title, &issuer.signer_title).replace("\r\n", "\n");
        Ok(CertificateFields {
            recipient_label: text::normalize(&recipient.name),
            issuer_heading: issuer.certificate_heading.clone(),
            form_name,
            honorific,
            recipient_name: recipient.name.clone(),
            position: recipient.position.clone().unwrap_or_default(),
            unit: recipient.unit.clone().unwrap_or_default(),
            reason: or(
                recipient.reason.as_deref().unwrap_or(""),
                decision.reason.as_deref().unwrap_or(""),
            ),
            decision_line: text::decision_line(decision.number.trim(), decision.decided_on),
            register_number: recipient.register_number.clone().unwrap_or_default(),
            place_date: text::place_date_line(place.trim(), decision.decided_on),
            signer_title,
            signer_name: decision.signer_name.clone(),
        })
    }
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
        Field::PositionUnit => (
            ", ",
            [
                Some(("position", &f.position, true)),
                Some(("unit", &f.unit, true)),
            ],
        ),
        Field::Reason => one("reason", &f.reason),
        Field::DecisionLine => one("decision_line", &f.decision_line),
        Field::RegisterNumber => one("register_number", &f.register_number),
        Field::PlaceDate => one("place_date", &f.place_date),
        Field::SignerTitle => one("signer_title", &f.signer_title),
        Field::SignerName => one("signer_name", &f.signer_name),
    }
}

/// Trimmed NFC; borrowed when the text already is (the common case, checked quickly).
fn nfc(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// The text an element prints for a certificate, checked against its face; `None` when
/// the field is empty.
fn element_text(
    el: &TextElement,
    fields: &CertificateFields,
) -> Result<Option<String>, PrintError> {
    let field = match &el.source {
        TextSource::Literal(literal) => return Ok(Some(format!("{}{literal}", el.prefix))),
        TextSource::Field(field) => *field,
    };
    let face = el.fit.face.face();
    let (separator, parts) = field_parts(field, fields);
    let mut out = String::new();
    for (name, value, cased) in parts.into_iter().flatten() {
        let value = nfc(value);
        if value.is_empty() {
            continue;
        }
        let value = match el.case {
            Case::Upper if cased => Cow::Owned(text::upper(&value)),
            _ => value,
        };
        face.check_coverage(&value, name, &fields.recipient_label)?;
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(&value);
    }
    Ok((!out.is_empty()).then(|| format!("{}{out}", el.prefix)))
}

/// Draw the elements of one layer, moved by `offset` mm.
fn draw_layer<S: Surface + ?Sized>(
    s: &mut S,
    layout: &Layout,
    layer: Layer,
    fields: &CertificateFields,
    offset: (f32, f32),
) -> Result<(), PrintError> {
    for el in layout.elements.iter().filter(|e| e.layer == layer) {
        let rect = el.rect.shifted(offset.0, offset.1);
        match &el.content {
            Content::DoubleBorder { colour, width_pt } => draw_border(s, rect, *colour, *width_pt),
            Content::Image(index) => s.image(*index, rect),
            Content::Text(t) => {
                let Some(text) = element_text(t, fields)? else {
                    continue;
                };
                let fitted = fit_text(&text, &t.fit, rect.w, rect.h).map_err(|detail| {
                    PrintError::TextDoesNotFit {
                        field: el.name.clone(),
                        recipient: fields.recipient_label.clone(),
                        text: text.clone(),
                        detail,
                    }
                })?;
                fitted.draw(s, rect, &t.style);
            }
        }
    }
    Ok(())
}

/// A heavy outer rule, a fine inner rule, and nested squares in the corners between them.
fn draw_border<S: Surface + ?Sized>(s: &mut S, r: Rect, colour: Rgb, width_pt: f32) {
    let fine = width_pt * 0.3;
    s.rect(r, width_pt, colour, false);
    let inner = r.inset(2.5);
    s.rect(inner, fine, colour, false);
    let inmost = r.inset(4.0);
    s.rect(inmost, fine, colour, false);
    for (x, y) in [
        (inner.x, inner.y),
        (inner.x + inner.w, inner.y),
        (inner.x, inner.y + inner.h),
        (inner.x + inner.w, inner.y + inner.h),
    ] {
        for half in [4.0, 2.5] {
            s.rect(
                Rect {
                    x: x - half,
                    y: y - half,
                    w: 2.0 * half,
                    h: 2.0 * half,
                },
                fine,
                colour,
                false,
            );
        }
    }
}

/// Whole design on plain paper, or only the variable fields onto pre-printed blanks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    /// The document title shown by PDF viewers.
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

/// Pages rendered, then written and dropped, at a time: bounds memory, and is large
/// enough to keep both cores busy.
const CHUNK_PAGES: usize = 512;

/// Render one page per certificate, in the order given, into PDF bytes. `progress` is
/// called with the number of pages done after each chunk.
pub fn render_certificates(
    layout: &Layout,
    certs: &[CertificateFields],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, PrintError> {
    write_certificates(Vec::new(), layout, certs, opts, progress)
}

/// [`render_certificates`] into any writer. Every text is checked and fitted before the
/// first byte is written, so an error leaves `out` untouched unless writing itself fails.
pub fn write_certificates<W: Write>(
    out: W,
    layout: &Layout,
    certs: &[CertificateFields],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    if certs.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no certificates to print".into(),
        ));
    }
    let full = opts.mode == RenderMode::Full;
    let offset = opts.field_offset();

    // First pass: check and fit everything, and learn which glyphs the fonts must carry.
    let mut usage = GlyphUsage::default();
    let mut static_seen = HashSet::new();
    for cert in certs {
        if full && static_seen.insert(static_key(layout, cert)?) {
            draw_layer(&mut usage, layout, Layer::Static, cert, (0.0, 0.0))?;
        }
        draw_layer(&mut usage, layout, Layer::Variable, cert, offset)?;
    }

    let images: Vec<_> = layout.images.iter().collect();
    let mut doc = Document::begin(out, &usage, &images, (layout.width_mm, layout.height_mm))?;
    // The design is drawn once as a form per distinct set of static values, not per page.
    let mut forms: HashMap<String, usize> = HashMap::new();
    for chunk in certs.chunks(CHUNK_PAGES) {
        let mut form_of = Vec::with_capacity(chunk.len());
        for cert in chunk {
            if !full {
                form_of.push(None);
                continue;
            }
            let key = static_key(layout, cert)?;
            let index = match forms.get(&key) {
                Some(&index) => index,
                None => {
                    let mut canvas = doc.setup().canvas();
                    draw_layer(&mut canvas, layout, Layer::Static, cert, (0.0, 0.0))?;
                    let index = doc.add_form(&canvas.into_bytes())?;
                    forms.insert(key, index);
                    index
                }
            };
            form_of.push(Some(index));
        }
        let pages = render_pages(doc.setup(), layout, chunk, &form_of, offset)?;
        for page in &pages {
            doc.add_page(page)?;
        }
        progress(doc.page_count());
    }
    Ok(doc.finish(&opts.title)?)
}

/// The values the static layer shows for a certificate; pages with equal keys share a form.
fn static_key(layout: &Layout, cert: &CertificateFields) -> Result<String, PrintError> {
    let mut key = String::new();
    for el in layout.elements.iter().filter(|e| e.layer == Layer::Static) {
        if let Content::Text(
            t @ TextElement {
                source: TextSource::Field(_),
                ..
            },
        ) = &el.content
        {
            key.push_str(&element_text(t, cert)?.unwrap_or_default());
            key.push('\u{1}');
        }
    }
    Ok(key)
}

/// Compressed content streams of a chunk's pages, spread over the available cores.
fn render_pages(
    setup: PageSetup<'_>,
    layout: &Layout,
    certs: &[CertificateFields],
    form_of: &[Option<usize>],
    offset: (f32, f32),
) -> Result<Vec<Vec<u8>>, PrintError> {
    let run = |certs: &[CertificateFields],
               forms: &[Option<usize>]|
     -> Result<Vec<Vec<u8>>, PrintError> {
        certs
            .iter()
            .zip(forms)
            .map(|(cert, form)| {
                let mut canvas = setup.canvas();
                if let Some(index) = form {
                    canvas.form(*index);
                }
                draw_layer(&mut canvas, layout, Layer::Variable, cert, offset)?;
                Ok(deflate(&canvas.into_bytes()))
            })
            .collect()
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if workers < 2 || certs.len() < 64 {
        return run(certs, form_of);
    }
    let per = certs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = certs
            .chunks(per)
            .zip(form_of.chunks(per))
            .skip(1)
            .map(|(c, f)| scope.spawn(move || run(c, f)))
            .collect();
        let mut pages = run(&certs[..per], &form_of[..per])?;
        for handle in handles {
            pages.extend(handle.join().expect("a page renderer panicked")?);
        }
        Ok(pages)
    })
}

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
