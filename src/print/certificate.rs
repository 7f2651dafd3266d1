//! Award certificates (Bằng khen, Giấy khen, title certificates): the fields printed on one,
//! taken from the stored decision and recipient; a batch rendered one page per certificate,
//! on plain paper or onto pre-printed blanks; and the calibration page for the blanks.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use super::PrintError;
use super::fit::fit_field;
use super::fonts::FaceStyle;
use super::layout::{Case, Content, Field, Layer, Layout, TextElement, TextSource};
use super::pdf::{Deflater, Document, GlyphUsage, Rect, Rgb, Surface, deflate};
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
        // Imported award lists may leave the signer out (issue 11, defect 9).
        if decision.signer_name.trim().is_empty() {
            return Err(PrintError::InvalidData(format!(
                "decision {} of {} has no signer: enter the name of who signed it before \
                 printing its certificates",
                decision.number, issuer.name
            )));
        }
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
        let value = text::normalized(value);
        if value.is_empty() {
            continue;
        }
        // Checked as typed, so the error names the character the organiser entered.
        face.check_coverage(&value, name, &fields.recipient_label)?;
        let value = match el.case {
            Case::Upper if cased => {
                let upper = text::upper(&value);
                face.check_coverage(&upper, name, &fields.recipient_label)?;
                Cow::Owned(upper)
            }
            _ => value,
        };
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
    image_base: usize,
    layer: Layer,
    fields: &CertificateFields,
    offset: (f32, f32),
) -> Result<(), PrintError> {
    for el in layout.elements.iter().filter(|e| e.layer == layer) {
        let rect = el.rect.shifted(offset.0, offset.1);
        match &el.content {
            Content::DoubleBorder { colour, width_pt } => draw_border(s, rect, *colour, *width_pt),
            Content::Image(index) => {
                let image = &layout.images[*index];
                s.image(
                    image_base + *index,
                    rect.fit_aspect(image.width as f32, image.height as f32),
                );
            }
            Content::Text(t) => {
                let Some(text) = element_text(t, fields)? else {
                    continue;
                };
                let fitted = fit_field(&text, &t.fit, rect, &el.name, &fields.recipient_label)?;
                fitted.draw(s, rect, &t.style);
            }
        }
    }
    Ok(())
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
    write_pages(out, &[layout], certs, |c| (0, c), opts, progress)
}

/// One certificate of a mixed batch, with the layout of its kind.
pub struct Certificate<'a> {
    pub layout: &'a Layout,
    pub fields: CertificateFields,
}

/// Render a batch whose certificates may be of different kinds (a Bằng khen, then Giấy
/// khen …), one page each in the order given, into `out`. The layouts must share one paper
/// size. As with [`write_certificates`], nothing is written when a text cannot be printed.
pub fn write_certificate_batch<W: Write>(
    out: W,
    certs: &[Certificate<'_>],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    let mut layouts: Vec<&Layout> = Vec::new();
    let mut index_of = Vec::with_capacity(certs.len());
    for c in certs {
        let i = match layouts.iter().position(|l| std::ptr::eq(*l, c.layout)) {
            Some(i) => i,
            None => {
                layouts.push(c.layout);
                layouts.len() - 1
            }
        };
        index_of.push(i);
    }
    let pages: Vec<(usize, &CertificateFields)> = index_of
        .into_iter()
        .zip(certs.iter().map(|c| &c.fields))
        .collect();
    write_pages(out, &layouts, &pages, |(i, f)| (*i, *f), opts, progress)
}

/// The writer behind both entry points: `page` gives each item's layout (an index into
/// `layouts`) and fields.
fn write_pages<W: Write, T: Sync>(
    out: W,
    layouts: &[&Layout],
    certs: &[T],
    page: impl Fn(&T) -> (usize, &CertificateFields) + Sync,
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    if certs.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no certificates to print".into(),
        ));
    }
    let paper = (layouts[0].width_mm, layouts[0].height_mm);
    if let Some(other) = layouts.iter().find(|l| (l.width_mm, l.height_mm) != paper) {
        return Err(PrintError::InvalidData(format!(
            "\"{}\" ({:.0}×{:.0} mm) and \"{}\" ({:.0}×{:.0} mm) are on different paper and cannot share one PDF; print each kind on its own",
            layouts[0].name, paper.0, paper.1, other.name, other.width_mm, other.height_mm
        )));
    }
    // Each layout's images follow the previous layout's in the document's resources.
    let image_base: Vec<usize> = layouts
        .iter()
        .scan(0, |next, l| {
            let base = *next;
            *next += l.images.len();
            Some(base)
        })
        .collect();
    let full = opts.mode == RenderMode::Full;
    let offset = opts.field_offset();
    let draw = |s: &mut dyn Surface, item: &T, layer: Layer, offset: (f32, f32)| {
        let (i, fields) = page(item);
        draw_layer(s, layouts[i], image_base[i], layer, fields, offset)
    };
    let key = |item: &T| -> Result<String, PrintError> {
        let (i, fields) = page(item);
        Ok(format!("{i}\u{2}{}", static_key(layouts[i], fields)?))
    };

    // First pass: check and fit everything, and learn which glyphs the fonts must carry.
    let usages = in_parallel(certs, |part| {
        let mut usage = GlyphUsage::default();
        let mut static_seen = HashSet::new();
        for cert in part {
            if full && static_seen.insert(key(cert)?) {
                draw(&mut usage, cert, Layer::Static, (0.0, 0.0))?;
            }
            draw(&mut usage, cert, Layer::Variable, offset)?;
        }
        Ok::<_, PrintError>(usage)
    });
    let mut usage = GlyphUsage::default();
    for part in usages {
        usage.merge(&part?);
    }

    let images: Vec<_> = layouts.iter().flat_map(|l| l.images.iter()).collect();
    let mut doc = Document::begin(out, &usage, &images, paper)?;
    // The design is drawn once as a form per distinct set of static values, not per page.
    let mut forms: HashMap<String, usize> = HashMap::new();
    for chunk in certs.chunks(CHUNK_PAGES) {
        let mut form_of = Vec::with_capacity(chunk.len());
        for cert in chunk {
            if !full {
                form_of.push(None);
                continue;
            }
            let k = key(cert)?;
            let index = match forms.get(&k) {
                Some(&index) => index,
                None => {
                    let mut canvas = doc.setup().canvas();
                    draw(&mut canvas, cert, Layer::Static, (0.0, 0.0))?;
                    let index = doc.add_form(&canvas.into_bytes())?;
                    forms.insert(k, index);
                    index
                }
            };
            form_of.push(Some(index));
        }
        let setup = doc.setup();
        let jobs: Vec<_> = chunk.iter().zip(form_of).collect();
        let pages = in_parallel(&jobs, |part| {
            let mut deflater = Deflater::default();
            part.iter()
                .map(|(cert, form)| {
                    let mut canvas = setup.canvas();
                    if let Some(index) = form {
                        canvas.form(*index);
                    }
                    draw(&mut canvas, cert, Layer::Variable, offset)?;
                    Ok(deflater.deflate(&canvas.into_bytes()))
                })
                .collect::<Result<Vec<_>, PrintError>>()
        });
        for part in pages {
            for page in part? {
                doc.add_page(&page)?;
            }
        }
        progress(doc.page_count());
    }
    let title = if !opts.title.is_empty() {
        opts.title.clone()
    } else {
        layouts
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(doc.finish(&title)?)
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

/// Run `work` on `items` cut into one contiguous part per core; the results in order.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // Below this a thread costs more than it saves.
    if workers < 2 || items.len() < 64 {
        return vec![work(items)];
    }
    let per = items.len().div_ceil(workers);
    let work = &work;
    std::thread::scope(|scope| {
        let rest: Vec<_> = items
            .chunks(per)
            .skip(1)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        let mut results = vec![work(&items[..per])];
        results.extend(
            rest.into_iter()
                .map(|h| h.join().expect("a certificate worker panicked")),
        );
        results
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

#[cfg(test)]
mod tests {
    use std::process::Command;

    use chrono::NaiveDate;
    use entity::{award_decision, conference, issuer, recipient};

    use unicode_normalization::UnicodeNormalization;

    use super::*;
    use crate::print::layout::{CertificateKind, Layouts};
    use crate::test_support::{assert_xref_consistent, require_tool};

    fn conference() -> conference::Model {
        conference::Model {
            id: 1,
            title: "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018".into(),
            acronym: None,
            movement: "Toàn dân bảo vệ an ninh Tổ quốc".into(),
            year_reviewed: 2018,
            held_on: NaiveDate::from_ymd_opt(2019, 3, 14).unwrap(),
            host_body: "UBND huyện Kim Sơn".into(),
            venue: "Hội trường UBND huyện Kim Sơn".into(),
            place_name: "Kim Sơn".into(),
            time_zone: "Asia/Ho_Chi_Minh".into(),
            status: "published".into(),
            key_figures: serde_json::json!([]),
            version: 1,
            created_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn issuer(name: &str, level: &str, place: &str, heading: &str) -> issuer::Model {
        issuer::Model {
            id: 1,
            conference_id: 1,
            name: name.into(),
            level: level.into(),
            rank: 1,
            place_name: place.into(),
            certificate_heading: heading.into(),
            signer_title: "CHỦ TỊCH".into(),
            version: 1,
        }
    }

    fn decision(
        number: &str,
        form: &str,
        title: Option<&str>,
        signer: (&str, &str),
    ) -> award_decision::Model {
        award_decision::Model {
            id: 1,
            conference_id: 1,
            issuer_id: 1,
            number: number.into(),
            decided_on: NaiveDate::from_ymd_opt(2019, 3, 10).unwrap(),
            form: form.into(),
            title_name: title.map(Into::into),
            reason: Some("Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018".into()),
            signer_title: signer.0.into(),
            signer_name: signer.1.into(),
            version: 1,
        }
    }

    fn recipient(
        kind: &str,
        honorific: Option<&str>,
        name: &str,
        position: Option<&str>,
        unit: Option<&str>,
        register: &str,
    ) -> recipient::Model {
        recipient::Model {
            id: 1,
            conference_id: 1,
            decision_id: 1,
            kind: kind.into(),
            honorific: honorific.map(Into::into),
            name: name.into(),
            position: position.map(Into::into),
            unit: unit.map(Into::into),
            reason: None,
            register_number: Some(register.into()),
            presentation_order: 1,
            version: 1,
            search_key: crate::domain::text::fold(name),
        }
    }

    /// The demo conference's certificates: (kind, fields).
    fn samples() -> Vec<(CertificateKind, CertificateFields)> {
        let conf = conference();
        let province = issuer(
            "UBND tỉnh Ninh Bình",
            "province",
            "Ninh Bình",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        );
        let ministry = issuer("Bộ Công an", "central", "Hà Nội", "BỘ TRƯỞNG BỘ CÔNG AN");
        let district = issuer(
            "UBND huyện Kim Sơn",
            "district",
            "Kim Sơn",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
        );
        let kt = ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Đỗ Thị Minh Nguyệt");
        let make = |i: &issuer::Model, d: &award_decision::Model, r: &recipient::Model| {
            CertificateFields::from_models(&conf, i, d, r).unwrap()
        };
        vec![
            (
                CertificateKind::CertificateOfMerit,
                make(
                    &province,
                    &decision("456/QĐ-UBND", "bang_khen", None, kt),
                    &recipient(
                        "individual",
                        Some("ong"),
                        "Đặng Văn Ngọc",
                        Some("Trưởng Công an xã"),
                        Some("Công an xã Kim Chính, huyện Kim Sơn"),
                        "45",
                    ),
                ),
            ),
            (
                CertificateKind::CertificateOfMerit,
                make(
                    &ministry,
                    &decision(
                        "1234/QĐ-BCA",
                        "bang_khen",
                        None,
                        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", "Nguyễn Văn Sơn"),
                    ),
                    &recipient(
                        "collective",
                        None,
                        "Cán bộ và nhân dân Thị trấn Phát Diệm",
                        None,
                        Some("huyện Kim Sơn, tỉnh Ninh Bình"),
                        "112",
                    ),
                ),
            ),
            (
                CertificateKind::Commendation,
                make(
                    &district,
                    &decision(
                        "789/QĐ-UBND",
                        "giay_khen",
                        None,
                        ("CHỦ TỊCH", "Trần Văn Hùng"),
                    ),
                    &recipient(
                        "individual",
                        Some("ba"),
                        "Phạm Thị Yến",
                        Some("Trưởng thôn"),
                        Some("Thôn Tân Mỹ, xã Kim Tân"),
                        "17",
                    ),
                ),
            ),
            (
                CertificateKind::Title,
                make(
                    &province,
                    &decision("457/QĐ-UBND", "title", Some("Đơn vị quyết thắng"), kt),
                    &recipient(
                        "collective",
                        None,
                        "Công an huyện Kim Sơn",
                        None,
                        Some("Công an tỉnh Ninh Bình"),
                        "8",
                    ),
                ),
            ),
        ]
    }

    fn render(
        kind: CertificateKind,
        certs: &[CertificateFields],
        mode: RenderMode,
    ) -> Result<Vec<u8>, PrintError> {
        let layouts = Layouts::builtin().unwrap();
        let opts = RenderOptions {
            mode,
            offset_x_mm: 1.5,
            offset_y_mm: -1.0,
            ..RenderOptions::default()
        };
        render_certificates(layouts.get(kind), certs, &opts, &mut |_| {})
    }

    const LONG_NAME: &str = "Tập thể cán bộ, chiến sĩ và nhân dân các xã Kim Chính, Kim Định, \
        Kim Tân, Kim Mỹ, Kim Hải, Kim Trung thuộc huyện Kim Sơn, tỉnh Ninh Bình trong năm 2018";

    fn one(i: usize) -> (CertificateKind, CertificateFields) {
        samples().swap_remove(i)
    }

    /// Run a poppler tool on `pdf`; None (after saying so) when it is not installed.
    fn poppler(tool: &str, args: &[&str], pdf: &[u8], test: &str) -> Option<String> {
        let program = require_tool(tool, test)?;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pdf");
        std::fs::write(&path, pdf).unwrap();
        let mut cmd = Command::new(program);
        cmd.args(args).arg(&path);
        if tool == "pdftotext" {
            cmd.arg("-");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(String::from_utf8(out.stdout).unwrap())
    }

    #[test]
    fn the_individual_sample_has_the_expected_fields() {
        let (_, f) = one(0);
        assert_eq!(f.honorific, "Ông");
        assert_eq!(f.decision_line, "Quyết định số 456/QĐ-UBND ngày 10/3/2019");
        assert_eq!(f.place_date, "Ninh Bình, ngày 10 tháng 3 năm 2019");
        assert_eq!(f.form_name, "Bằng khen");
        assert_eq!(one(3).1.form_name, "Đơn vị quyết thắng");
    }

    #[test]
    fn pdftotext_finds_every_field_exactly() {
        for (kind, fields) in samples() {
            let pdf = render(kind, std::slice::from_ref(&fields), RenderMode::Full).unwrap();
            let Some(text) = poppler(
                "pdftotext",
                &["-raw"],
                &pdf,
                "pdftotext_finds_every_field_exactly",
            ) else {
                return;
            };
            // Wrapped fields continue on the next line: compare with lines joined by spaces.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let upper = |s: &str| text::upper(s);
            let name = match kind {
                CertificateKind::Commendation => fields.recipient_name.clone(),
                _ => upper(&fields.recipient_name),
            };
            let form = upper(&fields.form_name);
            let mut expected = vec![
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
                "Độc lập - Tự do - Hạnh phúc".into(),
                fields.issuer_heading.clone(),
                form,
                format!("{} {name}", fields.honorific).trim().to_string(),
                fields.reason.clone(),
                fields.decision_line.clone(),
                fields.place_date.clone(),
                fields.signer_name.clone(),
                fields.unit.clone(),
            ];
            expected.extend(fields.signer_title.lines().map(str::to_string));
            if !fields.position.is_empty() {
                expected.push(format!("{}, {}", fields.position, fields.unit));
            }
            let register = match kind {
                CertificateKind::CertificateOfMerit => {
                    format!("Số sổ vàng: {}", fields.register_number)
                }
                _ => format!("Số: {}", fields.register_number),
            };
            expected.push(register);
            for want in expected {
                assert!(
                    flat.contains(&want),
                    "{kind:?}: {want:?} not found in:\n{text}"
                );
            }
        }
    }

    #[test]
    fn pdffonts_shows_embedded_subset_fonts() {
        let (kind, fields) = one(0);
        let pdf = render(kind, &[fields], RenderMode::Full).unwrap();
        let Some(list) = poppler(
            "pdffonts",
            &[],
            &pdf,
            "pdffonts_shows_embedded_subset_fonts",
        ) else {
            return;
        };
        let fonts: Vec<&str> = list.lines().skip(2).collect();
        assert_eq!(fonts.len(), 3, "regular, bold and italic are used:\n{list}");
        for line in fonts {
            let cols: Vec<&str> = line.split_whitespace().collect();
            assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{line}");
            assert_eq!(
                cols[1..5],
                ["CID", "TrueType", "Identity-H", "yes"],
                "{line}"
            );
            assert_eq!(cols[5..7], ["yes", "yes"], "embedded and subset: {line}");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_bytes_as_composed() {
        let (kind, nfc) = one(0);
        let nfd = |s: &str| s.nfd().collect::<String>();
        let decomposed = CertificateFields {
            recipient_name: nfd(&nfc.recipient_name),
            issuer_heading: nfd(&nfc.issuer_heading),
            reason: format!("  {}  ", nfd(&nfc.reason)),
            unit: nfd(&nfc.unit),
            signer_title: nfd(&nfc.signer_title),
            ..nfc.clone()
        };
        assert_ne!(decomposed, nfc);
        assert_eq!(
            render(kind, &[decomposed], RenderMode::Full).unwrap(),
            render(kind, &[nfc], RenderMode::Full).unwrap()
        );
    }

    #[test]
    fn output_is_deterministic_and_undated() {
        let certs: Vec<_> = samples()
            .into_iter()
            .filter(|(k, _)| *k == CertificateKind::CertificateOfMerit)
            .map(|(_, f)| f)
            .collect();
        let a = render(
            CertificateKind::CertificateOfMerit,
            &certs,
            RenderMode::Full,
        )
        .unwrap();
        let b = render(
            CertificateKind::CertificateOfMerit,
            &certs,
            RenderMode::Full,
        )
        .unwrap();
        assert_eq!(a, b);
        assert_xref_consistent(&a);
        let head = String::from_utf8_lossy(&a);
        assert!(!head.contains("CreationDate") && !head.contains("ModDate"));
        assert!(head.contains("/Count 2 "));
    }

    #[test]
    fn one_page_per_certificate_in_order_across_chunks_and_threads() {
        let (kind, fields) = one(0);
        let certs: Vec<_> = (0..CHUNK_PAGES + 70)
            .map(|i| CertificateFields {
                register_number: format!("R{i}"),
                ..fields.clone()
            })
            .collect();
        let mut seen = Vec::new();
        let pdf = render_certificates(
            Layouts::builtin().unwrap().get(kind),
            &certs,
            &RenderOptions::default(),
            &mut |n| seen.push(n),
        )
        .unwrap();
        assert_eq!(seen, [CHUNK_PAGES, CHUNK_PAGES + 70]);
        assert_xref_consistent(&pdf);
        let Some(text) = poppler(
            "pdftotext",
            &["-raw", "-f", "570", "-l", "571"],
            &pdf,
            "one_page_per_certificate",
        ) else {
            return;
        };
        let r569 = text.find("Số sổ vàng: R569").expect("page 570 shows R569");
        let r570 = text.find("Số sổ vàng: R570").expect("page 571 shows R570");
        assert!(r569 < r570);
    }

    #[test]
    fn blank_mode_prints_only_the_fields() {
        let (kind, fields) = one(0);
        let pdf = render(kind, &[fields], RenderMode::Blank).unwrap();
        let Some(text) = poppler(
            "pdftotext",
            &["-raw"],
            &pdf,
            "blank_mode_prints_only_the_fields",
        ) else {
            return;
        };
        assert!(text.contains("ĐẶNG VĂN NGỌC") && text.contains("Đỗ Thị Minh Nguyệt"));
        assert!(
            !text.contains("CỘNG HÒA") && !text.contains("BẰNG KHEN") && !text.contains("TẶNG"),
            "{text}"
        );
    }

    #[test]
    fn missing_glyph_names_character_field_and_recipient() {
        let (kind, fields) = one(0);
        let bad = CertificateFields {
            recipient_name: "Nguyễn Văn ꞗ".into(),
            recipient_label: "Nguyễn Văn ꞗ".into(),
            ..fields
        };
        let err = render(kind, &[bad], RenderMode::Full).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the font has no glyph for 'ꞗ' (U+A797) in field \"recipient_name\" of recipient \"Nguyễn Văn ꞗ\""
        );
    }

    #[test]
    fn a_name_too_long_for_its_box_is_refused_clearly() {
        let (kind, fields) = one(1);
        let long = CertificateFields {
            recipient_name: "Cán bộ và nhân dân Thị trấn Phát Diệm ".repeat(6),
            ..fields
        };
        let err = render(kind, &[long], RenderMode::Full)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("field \"recipient\" of recipient \"Cán bộ và nhân dân Thị trấn Phát Diệm\" does not fit its box: at the minimum size 15 pt it needs"),
            "{err}"
        );
    }

    #[test]
    fn a_150_character_collective_name_prints() {
        let (kind, fields) = one(1);
        let name = LONG_NAME;
        assert!(name.chars().count() >= 150);
        let pdf = render(
            kind,
            &[CertificateFields {
                recipient_name: name.into(),
                ..fields
            }],
            RenderMode::Full,
        )
        .unwrap();
        let Some(text) = poppler(
            "pdftotext",
            &["-raw"],
            &pdf,
            "a_150_character_collective_name_prints",
        ) else {
            return;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&text::upper(name)), "{text}");
    }

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

    #[test]
    fn an_emblem_image_is_embedded_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut png_bytes = Vec::new();
        {
            // A red disc with a gold rim on a transparent ground.
            let n = 64;
            let mut rgba = Vec::with_capacity(n * n * 4);
            for y in 0..n {
                for x in 0..n {
                    let r = ((x as f32 - 31.5).powi(2) + (y as f32 - 31.5).powi(2)).sqrt();
                    let px = if r < 26.0 {
                        [200, 16, 46, 255]
                    } else if r < 31.0 {
                        [218, 165, 32, 255]
                    } else {
                        [0, 0, 0, 0]
                    };
                    rgba.extend_from_slice(&px);
                }
            }
            let mut enc = png::Encoder::new(&mut png_bytes, n as u32, n as u32);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&rgba).unwrap();
        }
        std::fs::write(dir.path().join("emblem.png"), &png_bytes).unwrap();
        let builtin = CertificateKind::CertificateOfMerit.builtin_source();
        let with_emblem = format!(
            "{builtin}\n[[element]]\nname = \"emblem\"\nkind = \"image\"\nlayer = \"static\"\nbox = [16, 14, 40, 25]\nimage = \"emblem.png\"\n"
        );
        std::fs::write(dir.path().join("bang_khen.toml"), with_emblem).unwrap();
        let layouts = Layouts::with_overrides(dir.path()).unwrap();
        let (kind, fields) = one(0);
        let certs = vec![fields; 3];
        let pdf = render_certificates(
            layouts.get(kind),
            &certs,
            &RenderOptions::default(),
            &mut |_| {},
        )
        .unwrap();
        if let Ok(samples) = std::env::var("HOINGHI_SAMPLES") {
            std::fs::write(std::path::Path::new(&samples).join("emblem.pdf"), &pdf).unwrap();
        }
        let raw = String::from_utf8_lossy(&pdf);
        assert_eq!(
            raw.matches("/Subtype /Image").count(),
            2,
            "the image and its alpha mask, once"
        );
        assert_eq!(
            raw.matches("/Subtype /Form").count(),
            1,
            "the design is shared by all pages"
        );
    }

    /// Writes sample PDFs for looking at: `HOINGHI_SAMPLES=dir cargo test write_samples -- --ignored`.
    #[test]
    #[ignore]
    fn write_samples() {
        let dir = std::path::PathBuf::from(
            std::env::var("HOINGHI_SAMPLES").unwrap_or_else(|_| "/tmp/hoinghi-samples".into()),
        );
        std::fs::create_dir_all(&dir).unwrap();
        let layouts = Layouts::builtin().unwrap();
        for (i, (kind, fields)) in samples().into_iter().enumerate() {
            for mode in [RenderMode::Full, RenderMode::Blank] {
                let pdf = render(kind, std::slice::from_ref(&fields), mode).unwrap();
                std::fs::write(dir.join(format!("{i}-{kind:?}-{mode:?}.pdf")), pdf).unwrap();
            }
        }
        let pdf = render_calibration(
            layouts.get(CertificateKind::CertificateOfMerit),
            &RenderOptions::default(),
        )
        .unwrap();
        std::fs::write(dir.join("calibration.pdf"), pdf).unwrap();
        // The longest texts the layouts must take: wrapped name, unit and reason.
        let (kind, fields) = one(1);
        let long = CertificateFields {
            recipient_name: LONG_NAME.into(),
            unit: "Ban Chỉ đạo phong trào Toàn dân bảo vệ an ninh Tổ quốc các xã vùng biển \
                   huyện Kim Sơn, tỉnh Ninh Bình và các đơn vị phối hợp"
                .into(),
            reason: "Đã có thành tích xuất sắc đặc biệt trong phong trào Toàn dân bảo vệ an ninh \
                     Tổ quốc, đấu tranh phòng, chống tội phạm, giữ gìn an ninh chính trị và trật tự \
                     an toàn xã hội trên địa bàn huyện Kim Sơn năm 2018"
                .into(),
            ..fields
        };
        let pdf = render(kind, &[long], RenderMode::Full).unwrap();
        std::fs::write(dir.join("long.pdf"), pdf).unwrap();
    }
}
