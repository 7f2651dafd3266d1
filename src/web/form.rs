//! Forms as data: a page lists its fields once (`Spec`); the same list renders the inputs
//! with their labels and problems, and turns what was posted into the JSON the use cases
//! take, so a form checks exactly what the API checks and names problems the same way.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::i18n::Tr;
use crate::domain::validate::FieldError;
use crate::error::AppError;

/// How a field is typed and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Several lines (notes, reasons, a speech's text).
    Long,
    Number,
    Date,
    Time,
    Email,
    Password,
    /// One of the choices given when the form is built.
    Choice,
    /// A yes/no box.
    Check,
}

/// One field of a form, as the page declares it.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The JSON field name (also the input's name).
    pub name: &'static str,
    /// The catalog key of its label.
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
}

impl Spec {
    /// The same field, which the form may not leave empty.
    pub const fn required(self) -> Spec {
        Spec {
            required: true,
            ..self
        }
    }
}

/// The fields of a page, declared one a line: `text("title", "field-title").required()`.
pub mod spec {
    use super::{Kind, Spec};

    macro_rules! kinds {
        ($($(#[$doc:meta])* $name:ident => $kind:ident,)*) => {$(
            $(#[$doc])*
            pub const fn $name(name: &'static str, label: &'static str) -> Spec {
                let (kind, required) = (Kind::$kind, false);
                Spec { name, label, kind, required }
            }
        )*};
    }

    kinds! {
        /// A line of text, labelled by the catalog key `label`.
        text => Text,
        /// Several lines (notes, reasons, a speech's text).
        long => Long,
        number => Number,
        date => Date,
        time => Time,
        email => Email,
        password => Password,
        /// One of the choices given when the form is built.
        choice => Choice,
        /// A yes/no box.
        check => Check,
    }
}

/// One field as rendered: label, value, problem.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    pub value: String,
    pub options: Vec<(String, String)>,
    pub error: Option<String>,
    pub hint: Option<String>,
    /// Something to look at, though the value is accepted.
    pub warning: Option<String>,
}

impl Field {
    pub fn input_type(&self) -> &'static str {
        match self.kind {
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Email => "email",
            Kind::Password => "password",
            _ => "text",
        }
    }

    pub fn is_long(&self) -> bool {
        self.kind == Kind::Long
    }

    pub fn is_check(&self) -> bool {
        self.kind == Kind::Check
    }

    pub fn is_choice(&self) -> bool {
        self.kind == Kind::Choice
    }

    pub fn checked(&self) -> bool {
        self.value == "true"
    }

    /// The HTML id of the input.
    pub fn id(&self) -> String {
        format!("f-{}", self.name.replace(['[', ']', '.'], "-"))
    }
}

/// A form being shown: its fields and the problems that belong to no field.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub fields: Vec<Field>,
    pub problems: Vec<String>,
    /// The stored version the form was filled from (sent back as If-Match).
    pub version: Option<i32>,
    /// Someone else saved first: their values beside the user's (label, theirs, yours).
    pub conflict: Vec<(String, String, String)>,
    /// The record being added looks like one already stored: what it is and its page. The
    /// form then asks for a deliberate confirmation (`confirm_repeat`).
    pub repeat: Option<(String, String)>,
}

/// The field a form posts to add a record like a stored one all the same.
pub const CONFIRM_REPEAT: &str = "confirm_repeat";

/// Whether the form confirmed adding a record like a stored one.
pub fn repeat_confirmed(posted: &HashMap<String, String>) -> bool {
    posted.get(CONFIRM_REPEAT).map(String::as_str) == Some("yes")
}

impl Form {
    /// The fields of `specs`, filled from `values` (a stored record as JSON, or what was
    /// posted), with the choices of the `Choice` fields.
    pub fn new(tr: &Tr, specs: &[Spec], values: &Value, choices: &Choices) -> Form {
        let fields = specs
            .iter()
            .map(|s| Field {
                name: s.name.to_string(),
                label: tr.t(s.label),
                kind: s.kind,
                required: s.required,
                value: text_of(values.get(s.name)),
                options: choices.get(s.name).cloned().unwrap_or_default(),
                error: None,
                hint: None,
                warning: None,
            })
            .collect();
        Form {
            fields,
            ..Form::default()
        }
    }

    /// A warning beside the field `name` (the value is accepted all the same).
    pub fn with_warning(mut self, name: &str, warning: Option<String>) -> Form {
        if let Some(f) = self.fields.iter_mut().find(|f| f.name == name) {
            f.warning = warning;
        }
        self
    }

    /// Point at the stored record `name` (of `unit`) at `link` that the one being added is
    /// like, and ask for the confirmation that it is someone else.
    pub fn like(mut self, name: &str, unit: Option<&str>, link: String) -> Form {
        let who = match unit.filter(|u| !u.is_empty()) {
            Some(u) => format!("{name}, {u}"),
            None => name.to_string(),
        };
        self.repeat = Some((who, link));
        self
    }

    pub fn with_version(mut self, version: i32) -> Form {
        self.version = Some(version);
        self
    }

    /// Put each problem of a failed save beside its field (in the user's language), or
    /// above the form when it names no field of it.
    pub fn with_error(mut self, tr: &Tr, error: &AppError) -> Form {
        match error {
            AppError::Validation(errors) => {
                for e in errors {
                    self.add_problem(tr, e);
                }
            }
            AppError::Duplicate(e) => self.add_problem(tr, e),
            // A conflict the store names by a field of the form goes beside that field.
            AppError::Conflict(e) if self.fields.iter().any(|f| f.name == e.field) => {
                self.add_problem(tr, e)
            }
            other => self.problems.push(tr.error(other)),
        }
        self
    }

    fn add_problem(&mut self, tr: &Tr, e: &FieldError) {
        let message = tr.field_problem(e);
        let base = e.field.split(['[', '.']).next().unwrap_or(&e.field);
        match self
            .fields
            .iter_mut()
            .find(|f| f.name == e.field || f.name == base)
        {
            Some(f) => {
                f.error = Some(match f.error.take() {
                    Some(before) => format!("{before}; {message}"),
                    None => message,
                })
            }
            None => self.problems.push(format!("{}: {message}", e.field)),
        }
    }

    /// Show, beside the user's values, the ones someone else saved meanwhile, and take their
    /// version so that saving again (deliberately) overwrites.
    pub fn with_conflict(mut self, stored: &Value, version: i32) -> Form {
        self.conflict = self
            .fields
            .iter()
            .filter_map(|f| {
                let theirs = text_of(stored.get(&f.name));
                (theirs != f.value).then(|| (f.label.clone(), theirs, f.value.clone()))
            })
            .collect();
        self.version = Some(version);
        self
    }

    /// The form as posted after a save failed: with the version it was filled from; on a 412
    /// the values saved meanwhile (`stored`, with their version) beside the user's, else the
    /// problems beside the fields.
    pub fn after_failed_save(
        mut self,
        tr: &Tr,
        posted: &HashMap<String, String>,
        error: &AppError,
        (stored, version): (&Value, i32),
    ) -> Form {
        self.version = posted_version(posted);
        match error {
            AppError::PreconditionFailed { .. } => self.with_conflict(stored, version),
            e => self.with_error(tr, e),
        }
    }

    /// Is any field or the form itself in error?
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.fields.iter().any(|f| f.error.is_some())
    }
}

/// The choices of the `Choice` fields, by field name: (value, label).
pub type Choices = HashMap<&'static str, Vec<(String, String)>>;

/// The codes of a vocabulary with their labels in the page's language (`{prefix}-{code}`).
pub fn translated<V: crate::domain::validate::Vocabulary>(
    tr: &Tr,
    prefix: &str,
) -> Vec<(String, String)> {
    V::codes_and_labels()
        .iter()
        .map(|(code, _)| (code.to_string(), tr.t(&format!("{prefix}-{code}"))))
        .collect()
}

/// The text an input shows for a JSON value.
fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        // Times are stored as "07:30:00"; the input wants "07:30".
        Some(other) => other.to_string(),
    }
}

/// What was posted for `specs`, as the JSON object the use cases take: blank is absent
/// (null), numbers are numbers, a box is true when ticked. A number that is not one is a
/// problem of its field.
/// "500.000" or "500 000" as an office writes an amount: the groups of thousands joined
/// ("1.5" stays as typed, and is refused).
fn without_thousands(raw: &str) -> std::borrow::Cow<'_, str> {
    let groups: Vec<&str> = raw.split(['.', ' ', '\u{a0}']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if grouped {
        groups.concat().into()
    } else {
        raw.into()
    }
}

pub fn to_json(specs: &[Spec], posted: &HashMap<String, String>) -> Result<Value, AppError> {
    let mut object = Map::new();
    let mut problems = Vec::new();
    for s in specs {
        let raw = posted.get(s.name).map(|v| v.trim()).unwrap_or("");
        let value = match s.kind {
            Kind::Check => Value::Bool(matches!(raw, "true" | "on" | "1")),
            // A required text left blank is sent as typed, so the domain says it must not
            // be empty; other blanks are absent.
            Kind::Text | Kind::Long if raw.is_empty() && s.required => Value::String(String::new()),
            _ if raw.is_empty() => Value::Null,
            Kind::Number => match without_thousands(raw).parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    problems.push(FieldError::number(s.name));
                    continue;
                }
            },
            // Long texts keep their inner spacing; the domain normalises lines.
            Kind::Long => Value::String(posted[s.name].clone()),
            _ => Value::String(raw.to_string()),
        };
        object.insert(s.name.to_string(), value);
    }
    if problems.is_empty() {
        Ok(Value::Object(object))
    } else {
        Err(AppError::Validation(problems))
    }
}

/// The values a record shows in its form (times without seconds).
pub fn values_of<T: serde::Serialize>(record: &T) -> Value {
    let mut value = serde_json::to_value(record).unwrap_or_default();
    if let Value::Object(map) = &mut value {
        for v in map.values_mut() {
            if let Value::String(s) = v
                && s.len() == 8
                && s.as_bytes()[2] == b':'
                && s.as_bytes()[5] == b':'
                && s.ends_with(":00")
            {
                s.truncate(5);
            }
        }
    }
    value
}

/// What was posted, as JSON values for refilling the form.
pub fn posted_values(posted: &HashMap<String, String>) -> Value {
    Value::Object(
        posted
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// The version a form was filled from, sent back in the hidden `version` field.
pub fn posted_version(posted: &HashMap<String, String>) -> Option<i32> {
    posted.get("version").and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    const SPECS: &[Spec] = &[
        spec::text("full_name", "field-full-name").required(),
        spec::number("rank", "field-rank"),
        spec::check("present", "field-present"),
        spec::long("notes", "field-notes"),
    ];

    #[test]
    fn posted_text_becomes_the_json_the_api_takes() {
        let posted: HashMap<String, String> = [
            ("full_name", " Đặng Văn Ngọc "),
            ("rank", "3"),
            ("notes", "a\n  b"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let json = to_json(SPECS, &posted).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"full_name": "Đặng Văn Ngọc", "rank": 3, "present": false, "notes": "a\n  b"})
        );
        let mut bad = posted.clone();
        bad.insert("rank".into(), "ba".into());
        let Err(AppError::Validation(errors)) = to_json(SPECS, &bad) else {
            panic!("a word is not a number");
        };
        assert_eq!(errors[0].field, "rank");
    }

    #[test]
    fn problems_go_beside_their_fields_in_the_users_language() {
        let tr = Tr::new(Lang::Vi);
        let form = Form::new(
            &tr,
            SPECS,
            &serde_json::json!({"full_name": ""}),
            &Choices::new(),
        )
        .with_error(
            &tr,
            &AppError::Validation(vec![
                FieldError::empty("full_name"),
                FieldError::new("elsewhere", "is odd"),
            ]),
        );
        assert_eq!(
            form.fields[0].error.as_deref(),
            Some(tr.t("problem-empty").as_str())
        );
        assert_eq!(form.problems, vec!["elsewhere: is odd".to_string()]);
        assert!(form.has_problems());
    }
}
