//! Certificate layouts as data: TOML files listing elements with their boxes in mm, faces,
//! sizes and the field each shows, so an office can move a field for its pre-printed
//! blanks without a new build. Three built-ins are compiled in; files override them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::PrintError;
use super::fit::{Align, FitSpec, LEADING, TextStyle};
use super::fonts::FaceStyle;
use super::pdf::{Image, MM, Rect, Rgb};
use crate::domain::kinds::AwardForm;

/// The bounds of every number of a layout, checked where a layout is read, so that nothing
/// downstream (fitting, drawing, the PDF's page size) meets a number a printer cannot use.
pub mod bounds {
    /// A side of the paper, in mm: from a place card to A0's long side.
    pub const PAPER_MM: (f32, f32) = (50.0, 1200.0);
    /// A text's size and smallest size, in pt.
    pub const FONT_PT: (f32, f32) = (4.0, 200.0);
    /// A text's line limit.
    pub const MAX_LINES: usize = 20;
    /// Elements in one layout.
    pub const ELEMENTS: usize = 200;
    /// A border's rule, in pt.
    pub const LINE_PT: (f32, f32) = (0.1, 20.0);
    /// Characters of a layout's or an element's name.
    pub const NAME_CHARS: usize = 200;
    /// Characters of an element's fixed wording or prefix.
    pub const TEXT_CHARS: usize = 2000;
}

/// Why a layout cannot be used: a stable code, the values its message names, and its
/// English wording (the Display); the front doors word it in the reader's language
/// (`problem-layout-<code>`).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutProblem {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
    english: String,
}

impl LayoutProblem {
    pub fn new(code: &'static str, args: &[(&'static str, String)], english: String) -> Self {
        LayoutProblem {
            code,
            args: args.to_vec(),
            english,
        }
    }
}

impl std::fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

/// Shorthand for [`LayoutProblem::new`].
fn bad(code: &'static str, args: &[(&'static str, String)], english: String) -> LayoutProblem {
    LayoutProblem::new(code, args, english)
}

/// `value` lies in `lo..=hi` (so it is a number, and finite).
fn within(value: f32, (lo, hi): (f32, f32)) -> bool {
    (lo..=hi).contains(&value)
}

/// Whether an element belongs to the printed design or to the filled-in fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Part of the design (border, national name, motto): printed only on plain paper,
    /// because a pre-printed blank already carries it.
    Static,
    /// Printed in every mode.
    Variable,
}

/// Letter case applied to a text before it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    #[default]
    AsIs,
    Upper,
}

/// The certificate fields an element can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    IssuerHeading,
    FormName,
    /// Honorific and name on one line; the letter case applies to the name only, so it
    /// reads "Ông ĐẶNG VĂN NGỌC".
    Recipient,
    Honorific,
    RecipientName,
    Position,
    Unit,
    /// Position and unit joined by a comma.
    PositionUnit,
    Reason,
    DecisionLine,
    RegisterNumber,
    PlaceDate,
    SignerTitle,
    /// A police or military signer's rank, on the line above the name ("Đại tá").
    SignerRank,
    SignerName,
    /// The certificate's verification code in groups of four ("7K3M-9QXT-…"), the one its
    /// QR code leads to.
    VerificationCode,
}

impl Field {
    /// Its name in a layout file and the API: `issuer_heading`.
    pub fn code(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Where a text element's text comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TextSource {
    Field(Field),
    /// Fixed wording of the design ("TẶNG").
    Literal(String),
}

#[derive(Debug, Clone)]
pub struct TextElement {
    pub source: TextSource,
    /// Printed before a field's value, and only when it has one ("Số sổ vàng: ").
    pub prefix: String,
    pub case: Case,
    pub fit: FitSpec,
    pub style: TextStyle,
}

#[derive(Debug, Clone)]
pub enum Content {
    Text(TextElement),
    /// A decorative frame: a heavy outer rule, a fine inner rule and corner ornaments.
    DoubleBorder {
        colour: Rgb,
        width_pt: f32,
    },
    /// Image number n of [`Layout::images`].
    Image(usize),
    /// The emblem or logo of the certificate's issuer, uploaded with the issuer, as large as
    /// fits in the box; nothing where the issuer has none. Part of the design: never on
    /// blanks, which carry it pre-printed.
    Emblem,
    /// The QR code of the certificate's verification URL (`/v/<code>`), drawn as vector
    /// modules as large as fits in the box.
    Qr,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub layer: Layer,
    pub rect: Rect,
    pub content: Content,
}

/// A validated certificate layout.
#[derive(Clone)]
pub struct Layout {
    /// The file it came from, for error messages.
    pub source: String,
    pub name: String,
    pub width_mm: f32,
    pub height_mm: f32,
    pub elements: Vec<Element>,
    pub images: Vec<Image>,
    /// The TOML text it was read from (kept to store, export and compare it).
    pub toml: String,
    /// The scan of the office's blank, printed behind the design on plain paper only.
    pub background: Option<Background>,
}

impl Layout {
    /// Whether it has a box for the issuer's emblem.
    pub fn shows_emblem(&self) -> bool {
        self.elements
            .iter()
            .any(|e| matches!(e.content, Content::Emblem))
    }
}

/// A picture behind the whole design: drawn first in the static layer, so never on blanks.
#[derive(Clone)]
pub struct Background {
    pub image: Image,
    /// Where it lies on the paper, in mm; it may reach past the edges.
    pub rect: Rect,
}

/// The kinds of certificate, one layout each, named by their layout files: `bang_khen`,
/// `giay_khen`, `danh_hieu`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(try_from = "String")]
pub enum CertificateKind {
    /// Bằng khen
    #[value(name = "bang_khen")]
    CertificateOfMerit,
    /// Giấy khen
    #[value(name = "giay_khen")]
    Commendation,
    /// Giấy chứng nhận danh hiệu (a title such as "Đơn vị quyết thắng")
    #[value(name = "danh_hieu")]
    Title,
}

impl CertificateKind {
    pub const ALL: [CertificateKind; 3] = [
        CertificateKind::CertificateOfMerit,
        CertificateKind::Commendation,
        CertificateKind::Title,
    ];

    /// The layout's file name, built in and in an override directory.
    pub fn file_name(self) -> &'static str {
        match self {
            CertificateKind::CertificateOfMerit => "bang_khen.toml",
            CertificateKind::Commendation => "giay_khen.toml",
            CertificateKind::Title => "danh_hieu.toml",
        }
    }

    /// The certificate printed for an award form; medals come with their own.
    pub fn for_form(form: AwardForm) -> Option<CertificateKind> {
        match form {
            AwardForm::CertificateOfMerit => Some(CertificateKind::CertificateOfMerit),
            AwardForm::Commendation => Some(CertificateKind::Commendation),
            AwardForm::Title => Some(CertificateKind::Title),
            AwardForm::Medal | AwardForm::Decoration => None,
        }
    }

    /// The certificate for a stored form code ("bang_khen").
    pub fn for_form_code(code: &str) -> Result<CertificateKind, PrintError> {
        AwardForm::from_code(code)
            .and_then(CertificateKind::for_form)
            .ok_or_else(|| PrintError::NoLayoutForForm(code.to_string()))
    }

    /// The TOML text of the built-in layout.
    pub fn builtin_source(self) -> &'static str {
        match self {
            CertificateKind::CertificateOfMerit => {
                include_str!("../../templates/certificates/bang_khen.toml")
            }
            CertificateKind::Commendation => {
                include_str!("../../templates/certificates/giay_khen.toml")
            }
            CertificateKind::Title => include_str!("../../templates/certificates/danh_hieu.toml"),
        }
    }
}

/// One layout per kind of certificate.
#[derive(Clone)]
pub struct Layouts {
    layouts: Vec<(CertificateKind, Layout)>,
}

impl Layouts {
    /// The layouts compiled into the program.
    pub fn builtin() -> Result<Layouts, PrintError> {
        let layouts = CertificateKind::ALL
            .into_iter()
            .map(|kind| Ok((kind, Layout::builtin(kind)?)))
            .collect::<Result<_, PrintError>>()?;
        Ok(Layouts { layouts })
    }

    /// The built-ins, each replaced by the file of the same name in `dir` where there is one.
    pub fn with_overrides(dir: &Path) -> Result<Layouts, PrintError> {
        if !dir.is_dir() {
            return Err(PrintError::Layout(format!(
                "{}: the layout directory does not exist",
                dir.display()
            )));
        }
        let mut layouts = Layouts::builtin()?;
        for (kind, layout) in &mut layouts.layouts {
            let path = dir.join(kind.file_name());
            if path.is_file() {
                *layout = Layout::from_file(&path)?;
            }
        }
        Ok(layouts)
    }

    pub fn get(&self, kind: CertificateKind) -> &Layout {
        &self
            .layouts
            .iter()
            .find(|(k, _)| *k == kind)
            .expect("every kind has a layout")
            .1
    }

    pub fn get_mut(&mut self, kind: CertificateKind) -> &mut Layout {
        &mut self
            .layouts
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .expect("every kind has a layout")
            .1
    }

    /// Replace the layout of one kind (a conference's own).
    pub fn set(&mut self, kind: CertificateKind, layout: Layout) {
        if let Some(slot) = self.layouts.iter_mut().find(|(k, _)| *k == kind) {
            slot.1 = layout;
        }
    }
}

/// A layout as written, in TOML or in its JSON form, which has exactly the same keys;
/// `deny_unknown_fields` turns a misspelt key into an error. Options not given are left
/// out when written again, so a file reads back as it was.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    pub name: String,
    /// "A4", "A3" or "400x300" (mm).
    pub paper: String,
    /// landscape (default) or portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<Orientation>,
    #[serde(rename = "element")]
    pub elements: Vec<ElementFile>,
}

#[derive(Debug, Deserialize, Serialize, Default, Clone, Copy, PartialEq, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// What an element draws: text (default), the ornamental double border, or a PNG picture
/// (only in a layout file beside it; a stored layout uses the background instead).
#[derive(Debug, Deserialize, Serialize, Default, Clone, Copy, PartialEq, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    #[default]
    Text,
    DoubleBorder,
    Image,
    /// The verification QR code.
    Qr,
    /// The issuer's emblem or logo (uploaded with the issuer).
    Emblem,
}

/// One element of a layout file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ElementKind>,
    pub layer: Layer,
    /// x, y, width, height in mm from the top-left corner.
    #[serde(rename = "box", serialize_with = "short::four")]
    pub rect: [f32; 4],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceStyle>,
    /// In pt.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "short::opt"
    )]
    pub size: Option<f32>,
    /// In pt: the text shrinks down to this size before it wraps.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "short::opt"
    )]
    pub min_size: Option<f32>,
    /// "#RRGGBB".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Align>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Case>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_lines: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underline: Option<bool>,
    /// Border rule width in pt.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "short::opt"
    )]
    pub line_width: Option<f32>,
    /// PNG file, relative to the layout file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// Numbers written as short as they read: 8 rather than 8.0, 0.1 rather than the nearest
/// double to the single-precision 0.1 (0.10000000149011612).
mod short {
    use serde::{Serialize, Serializer};

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Number {
        Int(i64),
        Float(f64),
    }

    fn number(x: f32) -> Number {
        if x.fract() == 0.0 && x.abs() < 1e9 {
            Number::Int(x as i64)
        } else {
            // f32's Display is the shortest text that reads back as the same f32.
            Number::Float(x.to_string().parse().unwrap_or(f64::from(x)))
        }
    }

    pub fn four<S: Serializer>(v: &[f32; 4], s: S) -> Result<S::Ok, S::Error> {
        v.map(number).serialize(s)
    }

    pub fn opt<S: Serializer>(v: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
        v.map(number).serialize(s)
    }
}

impl LayoutFile {
    /// Read the TOML text of a layout; `source` names it in errors.
    pub fn from_toml(source: &str, text: &str) -> Result<LayoutFile, PrintError> {
        toml::from_str(text)
            .map_err(|e| PrintError::Layout(format!("{source}: {}", e.to_string().trim_end())))
    }

    /// The layout as TOML, the form it is stored, exported and imported in.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a layout file is plain data and serialises to TOML")
    }
}

impl Layout {
    /// A built-in layout; its errors name the path it has in the source tree.
    pub fn builtin(kind: CertificateKind) -> Result<Layout, PrintError> {
        let source = format!("templates/certificates/{}", kind.file_name());
        Layout::parse(&source, kind.builtin_source(), None)
    }

    pub fn from_file(path: &Path) -> Result<Layout, PrintError> {
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| PrintError::Layout(format!("{source}: {e}")))?;
        Layout::parse(&source, &text, path.parent())
    }

    /// Parse and validate a layout; `source` names it in errors, `base` resolves images
    /// (without one, as for a layout stored in the database, image elements are refused).
    pub fn parse(source: &str, text: &str, base: Option<&Path>) -> Result<Layout, PrintError> {
        let file = LayoutFile::from_toml(source, text)?;
        let mut layout = Layout::validate(source, file, base)?;
        layout.toml = text.to_string();
        Ok(layout)
    }

    /// Validate a layout read from TOML or JSON: the one check every way in goes through,
    /// with the same messages. The layout keeps the file's TOML.
    pub fn validate(
        source: &str,
        file: LayoutFile,
        base: Option<&Path>,
    ) -> Result<Layout, PrintError> {
        let whole = |problem: LayoutProblem| PrintError::LayoutProblem {
            file: source.to_string(),
            element: None,
            problem,
        };
        if file.name.chars().count() > bounds::NAME_CHARS {
            return Err(whole(bad(
                "name-too-long",
                &[("max", bounds::NAME_CHARS.to_string())],
                format!("the name is longer than {} characters", bounds::NAME_CHARS),
            )));
        }
        if file.elements.len() > bounds::ELEMENTS {
            return Err(whole(bad(
                "too-many-elements",
                &[
                    ("count", file.elements.len().to_string()),
                    ("max", bounds::ELEMENTS.to_string()),
                ],
                format!(
                    "{} elements, more than the {} a layout may have",
                    file.elements.len(),
                    bounds::ELEMENTS
                ),
            )));
        }
        let toml = file.to_toml();
        let (w, h) = parse_paper(&file.paper).ok_or_else(|| {
            whole(bad(
                "paper-unknown",
                &[("paper", file.paper.clone())],
                format!(
                    "paper \"{}\" is not A4, A3 or WIDTHxHEIGHT in mm",
                    file.paper
                ),
            ))
        })?;
        if !within(w, bounds::PAPER_MM) || !within(h, bounds::PAPER_MM) {
            let (lo, hi) = bounds::PAPER_MM;
            return Err(whole(bad(
                "paper-range",
                &[
                    ("width", w.to_string()),
                    ("height", h.to_string()),
                    ("min", lo.to_string()),
                    ("max", hi.to_string()),
                ],
                format!("paper {w} × {h} mm: each side must be from {lo} to {hi} mm"),
            )));
        }
        let (width_mm, height_mm) = match file.orientation.unwrap_or_default() {
            Orientation::Landscape => (w.max(h), w.min(h)),
            Orientation::Portrait => (w.min(h), w.max(h)),
        };
        let mut layout = Layout {
            source: source.to_string(),
            name: file.name,
            width_mm,
            height_mm,
            elements: Vec::new(),
            images: Vec::new(),
            toml,
            background: None,
        };
        for el in file.elements {
            let name = el.name.clone();
            // How a person knows the element: the field it shows, else its wording.
            let shown = match (&el.field, &el.text) {
                (Some(f), _) => f.code(),
                (None, Some(t)) => format!("“{t}”"),
                _ => name.clone(),
            };
            let of_element = |problem: LayoutProblem| PrintError::LayoutProblem {
                file: source.to_string(),
                element: Some((name.clone(), shown.clone())),
                problem,
            };
            let element = layout.element(el, base).map_err(of_element)?;
            if layout.elements.iter().any(|e| e.name == element.name) {
                return Err(of_element(bad(
                    "element-twice",
                    &[],
                    "appears twice".into(),
                )));
            }
            layout.elements.push(element);
        }
        Ok(layout)
    }

    fn element(&mut self, el: ElementFile, base: Option<&Path>) -> Result<Element, LayoutProblem> {
        if el.name.chars().count() > bounds::NAME_CHARS {
            return Err(bad(
                "name-too-long",
                &[("max", bounds::NAME_CHARS.to_string())],
                format!("the name is longer than {} characters", bounds::NAME_CHARS),
            ));
        }
        let [x, y, w, h] = el.rect;
        if el.rect.iter().any(|v| !v.is_finite()) {
            return Err(bad(
                "box-not-finite",
                &[],
                "every number of \"box\" must be a finite number of mm".into(),
            ));
        }
        if w <= 0.0 || h <= 0.0 {
            return Err(bad(
                "box-no-area",
                &[("width", w.to_string()), ("height", h.to_string())],
                format!("box {w}×{h} mm has no area"),
            ));
        }
        let eps = 0.01;
        if x < -eps || y < -eps || x + w > self.width_mm + eps || y + h > self.height_mm + eps {
            return Err(bad(
                "box-outside",
                &[
                    ("paper_width", self.width_mm.to_string()),
                    ("paper_height", self.height_mm.to_string()),
                ],
                format!(
                    "box [{x}, {y}, {w}, {h}] reaches outside the paper ({} × {} mm)",
                    self.width_mm, self.height_mm
                ),
            ));
        }
        let rect = Rect { x, y, w, h };
        let colour = el
            .colour
            .as_deref()
            .map(|c| {
                parse_colour(c)
                    .map_err(|english| bad("colour", &[("value", c.to_string())], english))
            })
            .transpose()?
            .unwrap_or([0.0; 3]);
        let text_keys = [
            ("field", el.field.is_some()),
            ("text", el.text.is_some()),
            ("prefix", el.prefix.is_some()),
            ("face", el.face.is_some()),
            ("size", el.size.is_some()),
            ("min_size", el.min_size.is_some()),
            ("align", el.align.is_some()),
            ("case", el.case.is_some()),
            ("max_lines", el.max_lines.is_some()),
            ("underline", el.underline.is_some()),
        ];
        let refuse = |keys: &[(&str, bool)], kind: &str| match keys.iter().find(|(_, set)| *set) {
            Some((key, _)) => Err(bad(
                "key-not-for-kind",
                &[("key", key.to_string()), ("kind", kind.to_string())],
                format!("\"{key}\" does not apply to an element of kind {kind}"),
            )),
            None => Ok(()),
        };
        let content = match el.kind.unwrap_or_default() {
            ElementKind::DoubleBorder => {
                refuse(&text_keys, "double_border")?;
                refuse(&[("image", el.image.is_some())], "double_border")?;
                let width_pt = el.line_width.unwrap_or(2.0);
                if !within(width_pt, bounds::LINE_PT) {
                    let (lo, hi) = bounds::LINE_PT;
                    return Err(bad(
                        "line-width",
                        &[
                            ("value", width_pt.to_string()),
                            ("min", lo.to_string()),
                            ("max", hi.to_string()),
                        ],
                        format!("line_width {width_pt} must be from {lo} to {hi} pt"),
                    ));
                }
                Content::DoubleBorder { colour, width_pt }
            }
            ElementKind::Qr => {
                refuse(&text_keys, "qr")?;
                refuse(
                    &[
                        ("line_width", el.line_width.is_some()),
                        ("colour", el.colour.is_some()),
                        ("image", el.image.is_some()),
                    ],
                    "qr",
                )?;
                if w.min(h) < 12.0 {
                    return Err(bad(
                        "qr-too-small",
                        &[("width", w.to_string()), ("height", h.to_string())],
                        format!(
                            "a QR code needs a box of at least 12 × 12 mm to be read (this one is {w} × {h})"
                        ),
                    ));
                }
                Content::Qr
            }
            ElementKind::Emblem => {
                refuse(&text_keys, "emblem")?;
                refuse(
                    &[
                        ("line_width", el.line_width.is_some()),
                        ("colour", el.colour.is_some()),
                        ("image", el.image.is_some()),
                    ],
                    "emblem",
                )?;
                if el.layer != Layer::Static {
                    return Err(bad(
                        "emblem-static",
                        &[],
                        "an emblem is part of the design: its layer must be \"static\" (blanks have it pre-printed)".into(),
                    ));
                }
                Content::Emblem
            }
            ElementKind::Image => {
                refuse(&text_keys, "image")?;
                refuse(
                    &[
                        ("line_width", el.line_width.is_some()),
                        ("colour", el.colour.is_some()),
                    ],
                    "image",
                )?;
                let file = el.image.ok_or_else(|| {
                    bad(
                        "image-needs-file",
                        &[],
                        "an image element needs \"image\", a PNG file".into(),
                    )
                })?;
                let base = base.ok_or_else(|| {
                    bad(
                        "image-on-server",
                        &[],
                        "a layout kept by the server cannot read picture files; upload the picture as the layout's background instead".into(),
                    )
                })?;
                let path = base.join(&file);
                let unreadable = |e: String| {
                    bad(
                        "image-unreadable",
                        &[("file", file.clone())],
                        format!("{}: {e}", path.display()),
                    )
                };
                let bytes = std::fs::read(&path).map_err(|e| unreadable(e.to_string()))?;
                let image = Image::from_png(&bytes).map_err(|e| unreadable(e.to_string()))?;
                self.images.push(image);
                Content::Image(self.images.len() - 1)
            }
            ElementKind::Text => {
                refuse(
                    &[
                        ("line_width", el.line_width.is_some()),
                        ("image", el.image.is_some()),
                    ],
                    "text",
                )?;
                let long = [("text", &el.text), ("prefix", &el.prefix)]
                    .into_iter()
                    .find(|(_, t)| {
                        t.as_ref()
                            .is_some_and(|t| t.chars().count() > bounds::TEXT_CHARS)
                    });
                if let Some((key, _)) = long {
                    return Err(bad(
                        "text-too-long",
                        &[
                            ("key", key.to_string()),
                            ("max", bounds::TEXT_CHARS.to_string()),
                        ],
                        format!("\"{key}\" is longer than {} characters", bounds::TEXT_CHARS),
                    ));
                }
                let source = match (el.field, el.text) {
                    (Some(field), None) => TextSource::Field(field),
                    (None, Some(text)) => {
                        TextSource::Literal(crate::domain::text::normalize(&text))
                    }
                    _ => {
                        return Err(bad(
                            "field-or-text",
                            &[],
                            "a text element needs exactly one of \"field\" and \"text\"".into(),
                        ));
                    }
                };
                let size = el.size.ok_or_else(|| {
                    bad(
                        "size-needed",
                        &[],
                        "a text element needs \"size\" in pt".into(),
                    )
                })?;
                let min_size = el.min_size.unwrap_or(size);
                if !within(size, bounds::FONT_PT) || !within(min_size, bounds::FONT_PT) {
                    let (lo, hi) = bounds::FONT_PT;
                    return Err(bad(
                        "size-range",
                        &[
                            ("size", size.to_string()),
                            ("min_size", min_size.to_string()),
                            ("min", lo.to_string()),
                            ("max", hi.to_string()),
                        ],
                        format!(
                            "sizes must be from {lo} to {hi} pt (size {size}, min_size {min_size})"
                        ),
                    ));
                }
                if min_size > size {
                    return Err(bad(
                        "min-above-size",
                        &[
                            ("min_size", min_size.to_string()),
                            ("size", size.to_string()),
                        ],
                        format!("min_size {min_size} is larger than size {size}"),
                    ));
                }
                let max_lines = el.max_lines.unwrap_or(1);
                if !(1..=bounds::MAX_LINES).contains(&max_lines) {
                    return Err(bad(
                        "max-lines",
                        &[
                            ("value", max_lines.to_string()),
                            ("max", bounds::MAX_LINES.to_string()),
                        ],
                        format!(
                            "max_lines {max_lines} must be from 1 to {}",
                            bounds::MAX_LINES
                        ),
                    ));
                }
                let needed = min_size * LEADING / MM;
                if needed > h + eps {
                    return Err(bad(
                        "box-too-low",
                        &[
                            ("height", h.to_string()),
                            ("min_size", min_size.to_string()),
                            ("needed", format!("{needed:.1}")),
                        ],
                        format!(
                            "box height {h} mm is too low for one line at min_size {min_size} (needs {needed:.1} mm)"
                        ),
                    ));
                }
                let face = el.face.unwrap_or(FaceStyle::Regular);
                let prefix = el
                    .prefix
                    .map(|p| crate::domain::text::normalize(&p) + " ")
                    .unwrap_or_default();
                let case = el.case.unwrap_or_default();
                let literal = match &source {
                    TextSource::Literal(t) => t.as_str(),
                    TextSource::Field(_) => "",
                };
                if let Some(ch) = face.face().first_missing(&format!("{prefix}{literal}")) {
                    let code = format!("U+{:04X}", ch as u32);
                    return Err(bad(
                        "missing-glyph",
                        &[("char", ch.to_string()), ("code", code.clone())],
                        format!("the font has no glyph for '{ch}' ({code})"),
                    ));
                }
                Content::Text(TextElement {
                    source,
                    prefix,
                    case,
                    fit: FitSpec {
                        face,
                        size,
                        min_size,
                        max_lines,
                    },
                    style: TextStyle {
                        face,
                        align: el.align.unwrap_or(Align::Centre),
                        colour,
                        underline: el.underline.unwrap_or(false),
                    },
                })
            }
        };
        Ok(Element {
            name: el.name,
            layer: el.layer,
            rect,
            content,
        })
    }
}

fn parse_paper(paper: &str) -> Option<(f32, f32)> {
    match paper.trim().to_ascii_uppercase().as_str() {
        "A4" => Some((210.0, 297.0)),
        "A3" => Some((297.0, 420.0)),
        custom => {
            let (w, h) = custom.split_once('X')?;
            let (w, h) = (w.trim().parse::<f32>().ok()?, h.trim().parse::<f32>().ok()?);
            (w > 0.0 && h > 0.0).then_some((w, h))
        }
    }
}

/// "#C00000" → red.
fn parse_colour(s: &str) -> Result<Rgb, String> {
    let hex = s
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let hex = hex.ok_or_else(|| format!("colour \"{s}\" is not of the form #RRGGBB"))?;
    let channel =
        |i: usize| f32::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex")) / 255.0;
    Ok([channel(0), channel(2), channel(4)])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "name = \"Thử\"\npaper = \"A4\"\n";

    fn error(text: &str) -> String {
        match Layout::parse("test.toml", text, None) {
            Ok(_) => panic!("the layout should be refused:\n{text}"),
            Err(e) => e.to_string(),
        }
    }

    fn with_element(body: &str) -> String {
        format!("{HEAD}[[element]]\nname = \"recipient_name\"\nlayer = \"variable\"\n{body}\n")
    }

    #[test]
    fn builtins_load() {
        let layouts = Layouts::builtin().unwrap();
        for kind in CertificateKind::ALL {
            let layout = layouts.get(kind);
            assert_eq!(
                (layout.width_mm, layout.height_mm),
                (297.0, 210.0),
                "{}",
                layout.source
            );
        }
    }

    #[test]
    fn min_size_above_size_names_file_and_element() {
        let err = error(&with_element(
            "box = [10, 10, 200, 20]\nfield = \"recipient_name\"\nsize = 26\nmin_size = 30",
        ));
        assert_eq!(
            err,
            "test.toml: element \"recipient_name\": min_size 30 is larger than size 26"
        );
    }

    #[test]
    fn box_outside_the_paper() {
        let err = error(&with_element(
            "box = [200, 10, 120, 20]\nfield = \"reason\"\nsize = 12",
        ));
        assert!(err.contains("element \"recipient_name\": box [200, 10, 120, 20] reaches outside the paper (297 × 210 mm)"), "{err}");
    }

    #[test]
    fn unknown_field_and_key() {
        let err = error(&with_element(
            "box = [10, 10, 100, 20]\nfield = \"nickname\"\nsize = 12",
        ));
        assert!(
            err.starts_with("test.toml: ") && err.contains("unknown variant `nickname`"),
            "{err}"
        );
        let err = error(&with_element(
            "box = [10, 10, 100, 20]\nfield = \"reason\"\nsize = 12\nfont_size = 3",
        ));
        assert!(err.contains("unknown field `font_size`"), "{err}");
    }

    #[test]
    fn bad_colour_paper_and_box_height() {
        let err = error(&with_element(
            "box = [10, 10, 100, 20]\nfield = \"reason\"\nsize = 12\ncolour = \"red\"",
        ));
        assert!(
            err.ends_with("colour \"red\" is not of the form #RRGGBB"),
            "{err}"
        );
        let err = error("name = \"x\"\npaper = \"B5\"\nelement = []\n");
        assert_eq!(
            err,
            "test.toml: paper \"B5\" is not A4, A3 or WIDTHxHEIGHT in mm"
        );
        let err = error(&with_element(
            "box = [10, 10, 100, 5]\nfield = \"reason\"\nsize = 20",
        ));
        assert!(
            err.contains("box height 5 mm is too low for one line at min_size 20"),
            "{err}"
        );
    }

    /// Every number is bounded where it is read: a viewer's preview once aborted the
    /// server with `max_lines = 2^40` and hung it with sizes where half a point is nothing.
    #[test]
    fn hostile_numbers_are_refused_naming_element_and_bound() {
        let el = |body: &str| error(&with_element(body));
        let err = el(
            "box = [20, 71, 10, 14]\nfield = \"recipient\"\nsize = 22\nmax_lines = 1099511627776",
        );
        assert!(
            err.ends_with(
                "element \"recipient_name\": max_lines 1099511627776 must be from 1 to 20"
            ),
            "{err}"
        );
        let err = el("box = [20, 71, 10, 14]\nfield = \"recipient\"\nsize = 1e8\nmin_size = 1e7");
        assert!(err.contains("sizes must be from 4 to 200 pt"), "{err}");
        let err = el("box = [20, 71, 10, 14]\nfield = \"recipient\"\nsize = nan");
        assert!(
            err.contains("element \"recipient_name\": sizes must be from 4 to 200 pt"),
            "{err}"
        );
        let err = el("box = [nan, nan, nan, nan]\nfield = \"recipient\"\nsize = 12");
        assert!(
            err.contains("\"box\" must be a finite number of mm"),
            "{err}"
        );
        let err = el("box = [0, 0, inf, 10]\nfield = \"recipient\"\nsize = 12");
        assert!(
            err.contains("\"box\" must be a finite number of mm"),
            "{err}"
        );
        let err = el("kind = \"double_border\"\nbox = [10, 10, 100, 20]\nline_width = nan");
        assert!(
            err.contains("line_width NaN must be from 0.1 to 20 pt"),
            "{err}"
        );
        for paper in ["infxinf", "nanx100", "1e7x1e7", "10x10", "0x0"] {
            let err = error(&format!(
                "name = \"x\"\npaper = \"{paper}\"\nelement = []\n"
            ));
            assert!(
                err.contains("each side must be from 50 to 1200 mm") || err.contains("is not A4"),
                "{paper}: {err}"
            );
        }
        let many: String = (0..201)
            .map(|i| format!("[[element]]\nname = \"e{i}\"\nlayer = \"static\"\nbox = [10, 10, 10, 10]\ntext = \"x\"\nsize = 12\n"))
            .collect();
        let err = error(&format!("{HEAD}{many}"));
        assert!(
            err.ends_with("201 elements, more than the 200 a layout may have"),
            "{err}"
        );
    }

    #[test]
    fn text_keys_on_a_border_and_both_sources() {
        let err = error(&with_element(
            "kind = \"double_border\"\nbox = [10, 10, 100, 20]\nsize = 12",
        ));
        assert!(
            err.ends_with("\"size\" does not apply to an element of kind double_border"),
            "{err}"
        );
        let err = error(&with_element(
            "box = [10, 10, 100, 20]\nfield = \"reason\"\ntext = \"TẶNG\"\nsize = 12",
        ));
        assert!(
            err.ends_with("exactly one of \"field\" and \"text\""),
            "{err}"
        );
    }

    #[test]
    fn custom_paper_and_overrides_from_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let text = "name = \"Bằng khen lớn\"\npaper = \"400x300\"\n[[element]]\nname = \"tang\"\nlayer = \"static\"\nbox = [10, 10, 380, 20]\ntext = \"TẶNG\"\nsize = 20\n";
        std::fs::write(dir.path().join("bang_khen.toml"), text).unwrap();
        let layouts = Layouts::with_overrides(dir.path()).unwrap();
        let big = layouts.get(CertificateKind::CertificateOfMerit);
        assert_eq!(
            (big.width_mm, big.height_mm, big.elements.len()),
            (400.0, 300.0, 1)
        );
        assert_eq!(
            layouts.get(CertificateKind::Commendation).source,
            "templates/certificates/giay_khen.toml"
        );
    }

    /// What a layout prints, for comparing two (images aside).
    fn summary(l: &Layout) -> String {
        format!("{} {}x{} {:?}", l.name, l.width_mm, l.height_mm, l.elements)
    }

    #[test]
    fn toml_export_and_import_round_trip_exactly() {
        for kind in CertificateKind::ALL {
            let first = LayoutFile::from_toml("a", kind.builtin_source()).unwrap();
            let exported = first.to_toml();
            let again = LayoutFile::from_toml("b", &exported).unwrap();
            assert_eq!(first, again, "{kind:?}");
            assert_eq!(exported, again.to_toml(), "{kind:?}");
            let builtin = Layout::builtin(kind).unwrap();
            let imported = Layout::parse("b", &exported, None).unwrap();
            assert_eq!(summary(&builtin), summary(&imported), "{kind:?}");
            // JSON → TOML → JSON, with the TOML's keys.
            let json = serde_json::to_value(&first).unwrap();
            let from_json: LayoutFile = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(from_json.to_toml(), exported);
            let back =
                serde_json::to_value(LayoutFile::from_toml("c", &exported).unwrap()).unwrap();
            assert_eq!(json, back);
        }
        let json = serde_json::to_value(
            LayoutFile::from_toml("a", CertificateKind::CertificateOfMerit.builtin_source())
                .unwrap(),
        )
        .unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys, ["element", "name", "orientation", "paper"]);
        let border = &json["element"][0];
        assert_eq!(
            border,
            &serde_json::json!({"name": "border", "kind": "double_border", "layer": "static",
                "box": [8, 8, 281, 194], "colour": "#B8860B", "line_width": 2.5})
        );
    }

    #[test]
    fn numbers_are_written_short() {
        let text = with_element("box = [10.1, 10, 100, 20.25]\nfield = \"reason\"\nsize = 12.2");
        let exported = LayoutFile::from_toml("t", &text).unwrap().to_toml();
        assert!(
            exported.contains("box = [10.1, 10, 100, 20.25]"),
            "{exported}"
        );
        assert!(exported.contains("size = 12.2\n"), "{exported}");
    }

    #[test]
    fn a_stored_layout_cannot_read_pictures() {
        let err = error(&with_element(
            "kind = \"image\"\nbox = [10, 10, 100, 20]\nimage = \"/etc/passwd\"",
        ));
        assert!(
            err.ends_with("a layout kept by the server cannot read picture files; upload the picture as the layout's background instead"),
            "{err}"
        );
    }

    #[test]
    fn an_emblem_is_part_of_the_design_only() {
        let err = error(&with_element("kind = \"emblem\"\nbox = [10, 10, 24, 24]"));
        assert!(err.contains("its layer must be \"static\""), "{err}");
        let err = error(&with_element(
            "kind = \"emblem\"\nbox = [10, 10, 24, 24]\nsize = 12",
        ));
        assert!(
            err.contains("\"size\" does not apply to an element of kind emblem"),
            "{err}"
        );
        let text = format!(
            "{HEAD}[[element]]\nname = \"emblem\"\nkind = \"emblem\"\nlayer = \"static\"\nbox = [10, 10, 24, 24]\n"
        );
        let layout = Layout::parse("t", &text, None).unwrap();
        assert!(layout.shows_emblem());
        assert!(
            !Layouts::builtin()
                .unwrap()
                .get(CertificateKind::CertificateOfMerit)
                .shows_emblem()
        );
    }
}
