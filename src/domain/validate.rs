//! Checking what organisers type: text is trimmed, NFC-normalised and length-limited;
//! codes belong to their vocabulary; numbers stay in range. Every problem names its field.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use std::collections::BTreeMap;

use super::text::{char_len, normalize};

/// One field that failed validation, named as the client sent it (`key_figures[1].label`).
/// A typed problem also carries a stable `code` and the values its message names (`args`),
/// from which each reader's language words it (`problem-<code>` in the Fluent catalogs);
/// `message` is the English wording, for programs and logs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// `empty`, `length`, `forbidden-character`, `not-one-of`, `out-of-range`,
    /// `too-many-lines` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            code: None,
            args: BTreeMap::new(),
        }
    }

    /// A typed problem: its code, the values its message names, and its English wording.
    pub fn coded(
        field: impl Into<String>,
        code: &str,
        args: &[(&str, String)],
        message: impl Into<String>,
    ) -> Self {
        FieldError {
            code: Some(code.to_string()),
            args: args
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            ..FieldError::new(field, message)
        }
    }

    /// An empty field that must have a value.
    pub fn empty(field: impl Into<String>) -> Self {
        FieldError::coded(field, "empty", &[], "must not be empty")
    }

    /// A field the record cannot be without.
    pub fn required(field: impl Into<String>) -> Self {
        FieldError::coded(field, "required", &[], "is required")
    }

    /// A field that must hold a number.
    pub fn number(field: impl Into<String>) -> Self {
        FieldError::coded(field, "number", &[], "must be a number")
    }

    /// A field that must hold a date.
    pub fn date(field: impl Into<String>) -> Self {
        FieldError::coded(field, "date", &[], "must be a date (YYYY-MM-DD)")
    }

    /// A field that must hold a time of day.
    pub fn time(field: impl Into<String>) -> Self {
        FieldError::coded(field, "time", &[], "must be a time (HH:MM)")
    }
}

/// A vocabulary whose codes can be checked (see `kinds.rs`).
pub trait Vocabulary: Sized + Copy {
    fn from_code(code: &str) -> Option<Self>;
    fn codes() -> String;
    /// Every code with its Vietnamese label, in declaration order.
    fn codes_and_labels() -> &'static [(&'static str, &'static str)];

    /// The Vietnamese label of a stored code.
    fn label_of(code: &str) -> Option<&'static str> {
        Self::codes_and_labels()
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, label)| *label)
    }

    /// The code a person may have typed as the code or the label, in any case, with or
    /// without diacritics: "Bằng khen", "bang khen" and "bang_khen" all give `bang_khen`.
    fn find(typed: &str) -> Option<&'static str> {
        let key = super::text::fold(typed);
        Self::codes_and_labels()
            .iter()
            .find(|(code, label)| super::text::fold(code) == key || super::text::fold(label) == key)
            .map(|(code, _)| *code)
    }
}

/// Length limits, in characters after normalisation.
pub const NAME: usize = 200;
pub const TITLE: usize = 500;
pub const SHORT: usize = 100;
/// A rank, "Thượng tướng".
pub const RANK: usize = 40;
/// A conference's short name for schedule feeds, "BVANTQ-2018".
pub const ACRONYM: usize = 40;
pub const LONG: usize = 4_000;
pub const FULL_TEXT: usize = 200_000;

/// The text rules above as JSON Schema, for the OpenAPI document: what [`Checker::text`],
/// [`Checker::opt_text`], [`Checker::lines`] and [`Checker::opt_long_text`] accept, as a
/// pattern (no forbidden character once trimmed; for a required text, something besides
/// white space) and the length limit. `#[schema(schema_with = …)]` on an input's field
/// names one of the functions at the end; a test checks each pattern against the checker
/// character by character.
pub mod schema {
    use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

    /// [`super::is_forbidden`] for one line, as the inside of a character class.
    const FORBIDDEN: &str =
        r"\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF";
    /// The same for a text of several lines: tab, line feed and carriage return are allowed.
    const FORBIDDEN_LINES: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF";
    /// What `str::trim` removes (Unicode White_Space), as the inside of a character class.
    const TRIMMED: &str =
        r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    /// The pattern of a text: `required` needs a character besides white space.
    pub fn pattern(required: bool, multiline: bool) -> String {
        let forbidden = if multiline {
            FORBIDDEN_LINES
        } else {
            FORBIDDEN
        };
        // Trimmed white space may hold forbidden characters (a final line feed); what is
        // kept may not.
        if required {
            format!(
                "^[{TRIMMED}]*[^{forbidden}]*[^{forbidden}{TRIMMED}][^{forbidden}]*[{TRIMMED}]*$"
            )
        } else {
            format!("^[{TRIMMED}]*[^{forbidden}]*[{TRIMMED}]*$")
        }
    }

    /// A text of at most `max` characters (`nullable`: null is accepted too).
    pub fn text(max: usize, required: bool, multiline: bool, nullable: bool) -> Object {
        let kind = if nullable {
            utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null])
        } else {
            utoipa::openapi::schema::SchemaType::new(Type::String)
        };
        ObjectBuilder::new()
            .schema_type(kind)
            .max_length(Some(max))
            .min_length(required.then_some(1))
            .pattern(Some(pattern(required, multiline)))
            .build()
    }

    macro_rules! texts {
        ($($(#[$m:meta])* $name:ident = ($max:expr, $required:expr, $multiline:expr, $nullable:expr);)+) => {$(
            $(#[$m])*
            pub fn $name() -> Object {
                text($max, $required, $multiline, $nullable)
            }
        )+};
    }

    use super::{ACRONYM, FULL_TEXT, LONG, NAME, RANK, SHORT, TITLE};
    texts! {
        /// [`super::Checker::text`] with [`NAME`].
        name = (NAME, true, false, false);
        title = (TITLE, true, false, false);
        short = (SHORT, true, false, false);
        /// [`super::Checker::opt_text`] with [`NAME`]: blank or null is absent.
        opt_name = (NAME, false, false, true);
        opt_title = (TITLE, false, false, true);
        opt_short = (SHORT, false, false, true);
        opt_rank = (RANK, false, false, true);
        /// A text that may be blank (then derived or left to fill in), never null.
        blank_name = (NAME, false, false, true);
        blank_short = (SHORT, false, false, true);
        blank_rank = (RANK, false, false, true);
        opt_acronym = (ACRONYM, false, false, true);
        /// Blank (derived) or null, several lines.
        blank_title_lines = (TITLE, false, true, true);
        blank_short_lines = (SHORT, false, true, true);
        /// [`super::Checker::lines`] with [`SHORT`].
        short_lines = (SHORT, true, true, false);
        /// [`super::Checker::opt_long_text`].
        opt_long = (LONG, false, true, true);
        opt_short_lines = (SHORT, false, true, true);
        opt_full_text = (FULL_TEXT, false, true, true);
    }
}

/// Collects every problem of one input, so the client learns them all at once.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Checker::default()
    }

    pub fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// A typed problem ([`FieldError::coded`]).
    pub fn coded(&mut self, field: &str, code: &str, args: &[(&str, String)], message: String) {
        self.errors
            .push(FieldError::coded(field, code, args, message));
    }

    /// [`Checker::coded`] unless `ok`.
    pub fn check_coded(
        &mut self,
        ok: bool,
        field: &str,
        code: &str,
        args: &[(&str, String)],
        message: impl Into<String>,
    ) {
        if !ok {
            self.coded(field, code, args, message.into());
        }
    }

    fn empty(&mut self, field: &str) {
        self.coded(field, "empty", &[], "must not be empty".into());
    }

    pub fn check(&mut self, ok: bool, field: impl Into<String>, message: impl Into<String>) {
        if !ok {
            self.error(field, message);
        }
    }

    /// A required single-line text.
    pub fn text(&mut self, field: &str, value: &mut String, max: usize) {
        let sent = char_len(value);
        *value = normalize(value);
        if value.is_empty() {
            self.empty(field);
        } else {
            self.limits(field, value, sent, max, false);
        }
    }

    /// An optional single-line text; blank becomes absent.
    pub fn opt_text(&mut self, field: &str, value: &mut Option<String>, max: usize) {
        self.optional(field, value, max, false);
    }

    /// An optional text of several lines (notes, reasons, speeches).
    pub fn opt_long_text(&mut self, field: &str, value: &mut Option<String>, max: usize) {
        self.optional(field, value, max, true);
    }

    /// A required text of several lines (signer titles: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
    pub fn lines(&mut self, field: &str, value: &mut String, max: usize) {
        let sent = char_len(value);
        *value = normalize_lines(value);
        if value.is_empty() {
            self.empty(field);
        } else {
            self.limits(field, value, sent, max, true);
        }
    }

    fn optional(&mut self, field: &str, value: &mut Option<String>, max: usize, multiline: bool) {
        if let Some(v) = value.as_mut() {
            let sent = char_len(v);
            *v = if multiline {
                normalize_lines(v)
            } else {
                normalize(v)
            };
            if v.is_empty() {
                *value = None;
            } else {
                let v = v.clone();
                self.limits(field, &v, sent, max, multiline);
            }
        }
    }

    /// `sent`: the length as sent. The limit holds for it too (the OpenAPI document's
    /// `maxLength` counts what is sent), as it does for the normalised text.
    fn limits(&mut self, field: &str, value: &str, sent: usize, max: usize, multiline: bool) {
        let len = char_len(value).max(sent);
        if len > max {
            self.coded(
                field,
                "length",
                &[("length", len.to_string()), ("max", max.to_string())],
                format!("is {len} characters long; the limit is {max}"),
            );
        }
        if let Some(c) = value.chars().find(|&c| is_forbidden(c, multiline)) {
            let code = format!("U+{:04X}", c as u32);
            self.coded(
                field,
                "forbidden-character",
                &[("code", code.clone())],
                format!("contains the invisible or control character {code}"),
            );
        }
    }

    /// A code of a vocabulary, e.g. `kind` of an agenda item.
    pub fn code<V: Vocabulary>(&mut self, field: &str, value: &mut String) {
        *value = value.trim().to_string();
        if V::from_code(value).is_none() {
            self.coded(
                field,
                "not-one-of",
                &[("value", value.clone()), ("choices", V::codes())],
                format!("'{}' is not one of: {}", value, V::codes()),
            );
        }
    }

    pub fn opt_code<V: Vocabulary>(&mut self, field: &str, value: &mut Option<String>) {
        if let Some(v) = value.as_mut() {
            if v.trim().is_empty() {
                *value = None;
            } else {
                self.code::<V>(field, v);
            }
        }
    }

    pub fn range(&mut self, field: &str, value: i32, min: i32, max: i32) {
        if value < min || value > max {
            self.coded(
                field,
                "out-of-range",
                &[
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                    ("value", value.to_string()),
                ],
                format!("must be between {min} and {max}, not {value}"),
            );
        }
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Normalise each line of a multi-line text, dropping carriage returns and trailing blanks.
pub fn normalize_lines(s: &str) -> String {
    let lines: Vec<String> = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(normalize)
        .collect();
    lines.join("\n").trim().to_string()
}

/// Control characters, bidi overrides and zero-width characters have no place in a name or a
/// certificate: they hide text or reorder it.
fn is_forbidden(c: char, multiline: bool) -> bool {
    if multiline && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kinds::AgendaKind;

    #[test]
    fn text_is_normalised_and_checked() {
        let mut c = Checker::new();
        let mut name = "  Nguye\u{302}\u{303}n Văn A ".to_string();
        c.text("full_name", &mut name, NAME);
        let mut empty = "   ".to_string();
        c.text("title", &mut empty, TITLE);
        let mut bidi = Some("abc\u{202E}def".to_string());
        c.opt_text("unit", &mut bidi, NAME);
        let mut kind = "speech".to_string();
        c.code::<AgendaKind>("kind", &mut kind);
        let errors = c.finish().unwrap_err();
        assert_eq!(name, "Nguyễn Văn A");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "unit", "kind"]);
        assert!(errors[1].message.contains("U+202E"));
        assert!(errors[2].message.contains("award_ceremony"));
    }

    /// Each text pattern of the OpenAPI document accepts exactly what the checker accepts,
    /// for every character of the Basic Multilingual Plane inside a text, at its ends, and
    /// alone.
    #[test]
    fn text_patterns_agree_with_the_checker() {
        for (required, multiline) in [(true, false), (false, false), (true, true), (false, true)] {
            let pattern = regex::Regex::new(&schema::pattern(required, multiline)).unwrap();
            let accepts = |text: &str| {
                let mut c = Checker::new();
                match (required, multiline) {
                    (true, false) => c.text("f", &mut text.to_string(), FULL_TEXT),
                    (true, true) => c.lines("f", &mut text.to_string(), FULL_TEXT),
                    (false, false) => c.opt_text("f", &mut Some(text.to_string()), FULL_TEXT),
                    (false, true) => c.opt_long_text("f", &mut Some(text.to_string()), FULL_TEXT),
                }
                c.finish().is_ok()
            };
            for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
                for text in [
                    format!("a{c}b"),
                    format!("a{c}"),
                    format!("{c}a"),
                    c.to_string(),
                    format!("{c}{c}"),
                ] {
                    assert_eq!(
                        pattern.is_match(&text),
                        accepts(&text),
                        "{text:?} (U+{:04X}), required {required}, multiline {multiline}",
                        c as u32
                    );
                }
            }
        }
    }

    /// The limit counts the text as sent, as `maxLength` does, and as stored.
    #[test]
    fn the_length_limit_holds_for_the_text_as_sent() {
        let mut c = Checker::new();
        c.text("seat", &mut format!("  {}  ", "a".repeat(SHORT - 4)), SHORT);
        c.opt_text(
            "unit",
            &mut Some(format!("{}\u{85}", "a".repeat(SHORT))),
            SHORT,
        );
        let errors = c.finish().unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field, "unit");
        assert_eq!(errors[0].args["length"], (SHORT + 1).to_string());
    }

    #[test]
    fn signer_title_keeps_its_lines() {
        let mut c = Checker::new();
        let mut t = " KT. CHỦ TỊCH \r\n PHÓ CHỦ TỊCH ".to_string();
        c.lines("signer_title", &mut t, SHORT);
        assert!(c.finish().is_ok());
        assert_eq!(t, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
    }
}
