//! One error type for the whole application, and how it becomes an RFC 9457
//! `application/problem+json` response. Internal causes are logged, never sent.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, SqlErr};
use serde::Serialize;
use utoipa::ToSchema;

use crate::interop::sheet::SheetError;

pub use crate::domain::validate::FieldError;
use crate::print::PrintError;

/// The problem document of RFC 9457, as every error response carries it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable identifier of the kind of problem, e.g. `urn:hoinghi:problem:validation`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The problem's stable code, for programs (`issuer-in-use`, `not-found`, `busy` …);
    /// the detail is worded from it in the language of `Accept-Language`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The values the detail names, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Each field with its problem; on the command line one per line.
    #[error("{}", field_lines(.0))]
    Validation(Vec<FieldError>),
    #[error("{detail}")]
    BadRequest { slug: &'static str, detail: String },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },
    /// The request contradicts stored data (a record still in use, changed meanwhile).
    #[error("{}", .0.message)]
    Conflict(FieldError),
    /// A value that must be unique is taken: the field, a code and what it names (409).
    #[error("{}: {}", .0.field, .0.message)]
    Duplicate(FieldError),
    #[error("{what} was changed by someone else (now version {current}, you sent {sent})")]
    PreconditionFailed {
        what: &'static str,
        current: i32,
        sent: i32,
    },
    /// Well-formed, but the data does not allow it (nothing selected, a text that does not
    /// fit its box).
    #[error("{}", .0.message)]
    Unprocessable(FieldError),
    #[error("{}", .0.message)]
    Unauthorized(FieldError),
    #[error("{}", .0.message)]
    Forbidden(FieldError),
    #[error("too many failed sign-ins; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error("there is no such route; the API is described at /api/v1/docs")]
    NoRoute,
    #[error("this route does not accept that method; the API is described at /api/v1/docs")]
    MethodNotAllowed,
    #[error(
        "the request was stopped after {seconds} seconds; reload to see whether it took effect"
    )]
    Timeout { seconds: f64 },
    /// Heavy work of this kind is already running as often as the server allows.
    #[error("the server is busy with other work of this kind; try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// "field: message", one line each.
fn field_lines(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl AppError {
    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        AppError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// A field's problem, typed: its code, named values and English wording.
    pub fn invalid(
        field: impl Into<String>,
        code: &str,
        args: &[(&str, String)],
        english: impl Into<String>,
    ) -> Self {
        AppError::Validation(vec![FieldError::coded(field, code, args, english)])
    }

    /// A conflict with stored data, typed: its code, named values and English wording.
    pub fn conflict(code: &str, args: &[(&str, String)], english: impl Into<String>) -> Self {
        AppError::Conflict(FieldError::coded("", code, args, english))
    }

    /// A request the data does not allow, typed.
    pub fn unprocessable(code: &str, args: &[(&str, String)], english: impl Into<String>) -> Self {
        AppError::Unprocessable(FieldError::coded("", code, args, english))
    }

    /// Sign-in needed or failed, typed.
    pub fn unauthorized(code: &str, english: impl Into<String>) -> Self {
        AppError::Unauthorized(FieldError::coded("", code, &[], english))
    }

    /// Not allowed to this user or client, typed.
    pub fn forbidden(code: &str, args: &[(&str, String)], english: impl Into<String>) -> Self {
        AppError::Forbidden(FieldError::coded("", code, args, english))
    }

    pub fn bad_request(slug: &'static str, detail: impl Into<String>) -> Self {
        AppError::BadRequest {
            slug,
            detail: detail.into(),
        }
    }

    /// Say where a problem of one item of many lies: "row 14, full_name: …".
    pub fn within(self, context: &str) -> Self {
        match self {
            AppError::Validation(errors) => AppError::Validation(
                errors
                    .into_iter()
                    // Typed problems stay typed: only where they lie is added.
                    .map(|e| FieldError {
                        field: format!("{context}, {}", e.field),
                        ..e
                    })
                    .collect(),
            ),
            AppError::Conflict(e) => AppError::Conflict(FieldError {
                message: format!("{context}: {}", e.message),
                ..e
            }),
            AppError::Unprocessable(e) => AppError::Unprocessable(FieldError {
                message: format!("{context}: {}", e.message),
                ..e
            }),
            other => other,
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_) | AppError::Unprocessable(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Conflict(_) | AppError::Duplicate(_) => StatusCode::CONFLICT,
            AppError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::NoRoute => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Timeout { .. } | AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::Unprocessable(_) => "unprocessable",
            AppError::BadRequest { slug, .. } => slug,
            AppError::UnsupportedMediaType(_) => "unsupported-media-type",
            AppError::PayloadTooLarge { .. } => "payload-too-large",
            AppError::NotFound { .. } => "not-found",
            AppError::Conflict(_) | AppError::Duplicate(_) => "conflict",
            AppError::PreconditionFailed { .. } => "precondition-failed",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooManyRequests { .. } => "too-many-requests",
            AppError::NoRoute => "no-route",
            AppError::MethodNotAllowed => "method-not-allowed",
            AppError::Timeout { .. } => "timeout",
            AppError::Busy { .. } => "busy",
            AppError::Internal(_) => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "The request has invalid fields",
            AppError::Unprocessable(_) => "The request cannot be carried out",
            AppError::BadRequest { .. } => "The request is malformed",
            AppError::UnsupportedMediaType(_) => "Unsupported content type",
            AppError::PayloadTooLarge { .. } => "The request body is too large",
            AppError::NotFound { .. } => "Not found",
            AppError::Conflict(_) | AppError::Duplicate(_) => "Conflict with existing data",
            AppError::PreconditionFailed { .. } => "The resource was changed meanwhile",
            AppError::Unauthorized(_) => "Sign-in required",
            AppError::Forbidden(_) => "Not allowed",
            AppError::TooManyRequests { .. } => "Too many attempts",
            AppError::NoRoute => "No such route",
            AppError::MethodNotAllowed => "Method not allowed",
            AppError::Timeout { .. } => "The request took too long",
            AppError::Busy { .. } => "The server is busy",
            AppError::Internal(_) => "Internal server error",
        }
    }

    /// The problem's stable code and the values it names: a typed problem's own, else one
    /// per kind of error. A validation problem's codes are its fields'.
    pub fn said(&self) -> Option<(String, BTreeMap<String, String>)> {
        let of = |e: &FieldError| e.code.clone().map(|c| (c, e.args.clone()));
        let named = |code: &str, args: &[(&str, String)]| {
            Some((
                code.to_string(),
                args.iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            ))
        };
        match self {
            AppError::Validation(_) | AppError::Internal(_) => None,
            AppError::Duplicate(e)
            | AppError::Conflict(e)
            | AppError::Unprocessable(e)
            | AppError::Unauthorized(e)
            | AppError::Forbidden(e) => of(e),
            AppError::BadRequest { slug, .. } => named(slug, &[]),
            AppError::UnsupportedMediaType(_) => named("unsupported-media-type", &[]),
            AppError::PayloadTooLarge { limit } => {
                named("payload-too-large", &[("limit", limit.to_string())])
            }
            AppError::NotFound { what, id } => named(
                "not-found",
                &[("what", what.replace(' ', "-")), ("id", id.clone())],
            ),
            AppError::PreconditionFailed {
                what,
                current,
                sent,
            } => named(
                "changed-meanwhile",
                &[
                    ("what", what.replace(' ', "-")),
                    ("current", current.to_string()),
                    ("sent", sent.to_string()),
                ],
            ),
            AppError::TooManyRequests { retry_after } => {
                named("too-many-attempts", &[("seconds", retry_after.to_string())])
            }
            AppError::Busy { retry_after } => {
                named("busy", &[("seconds", retry_after.to_string())])
            }
            AppError::Timeout { seconds } => {
                named("timeout", &[("seconds", format!("{seconds:.0}"))])
            }
            AppError::NoRoute => named("no-route", &[]),
            AppError::MethodNotAllowed => named("method-not-allowed", &[]),
        }
    }

    /// The error as one typed problem, for keeping (a print batch's failure): its code and
    /// values (a validation problem's first field's), and its English wording.
    pub fn typed(&self) -> FieldError {
        if let AppError::Validation(errors) = self
            && let [only] = errors.as_slice()
        {
            return only.clone();
        }
        let mut typed = FieldError::new("", self.to_string());
        if let Some((code, args)) = self.said() {
            typed.code = Some(code);
            typed.args = args;
        }
        typed
    }

    pub fn problem(&self) -> Problem {
        let (detail, errors) = match self {
            AppError::Validation(errors) => (
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                errors.clone(),
            ),
            AppError::Duplicate(e)
            | AppError::Conflict(e)
            | AppError::Unprocessable(e)
            | AppError::Unauthorized(e)
            | AppError::Forbidden(e)
                if !e.field.is_empty() =>
            {
                (self.to_string(), vec![e.clone()])
            }
            // The cause is in the log; the client gets a reference to it, not its text.
            AppError::Internal(_) => (
                "Something went wrong on the server; the error was logged.".to_string(),
                vec![],
            ),
            other => (other.to_string(), vec![]),
        };
        let (code, args) = self.said().unzip();
        Problem {
            kind: format!("urn:hoinghi:problem:{}", self.slug()),
            title: self.title().to_string(),
            status: self.status().as_u16(),
            detail,
            code,
            args: args.unwrap_or_default(),
            errors,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let problem = self.problem();
        let mut res = (self.status(), axum::Json(problem)).into_response();
        if let AppError::TooManyRequests { retry_after } | AppError::Busy { retry_after } = &self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        res
    }
}

/// An API problem in the language its client asked for (Accept-Language: vi): the title by
/// its kind, the detail from the typed problems of its fields, each field's message worded
/// too; the `code` and `args` stay for programs. Without the header, or asking for English,
/// the problem is left as it is.
pub async fn localize_problem(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let lang = crate::i18n::Lang::accepted(req.headers());
    let res = next.run(req).await;
    let Some(lang @ crate::i18n::Lang::Vi) = lang else {
        return res;
    };
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/problem+json");
    if !is_problem {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (parts.status, "").into_response();
    };
    let Ok(mut problem) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    let tr = crate::i18n::Tr::new(lang);
    let slug = problem["type"]
        .as_str()
        .and_then(|t| t.strip_prefix("urn:hoinghi:problem:"))
        .unwrap_or("")
        .to_string();
    let title_key = format!("api-problem-{slug}");
    if let Some(title) = tr.known(&title_key) {
        problem["title"] = title.into();
    }
    let mut worded = Vec::new();
    if let Some(errors) = problem["errors"].as_array_mut() {
        for e in errors.iter_mut() {
            let Ok(field) = serde_json::from_value::<FieldError>(e.clone()) else {
                continue;
            };
            if let Some(words) = tr.known_problem(&field) {
                e["message"] = words.clone().into();
                worded.push(format!("{}: {words}", field.field));
            }
        }
    }
    if !worded.is_empty() {
        problem["detail"] = worded.join("; ").into();
    } else if let Some(code) = problem["code"].as_str()
        && let Ok(args) = serde_json::from_value::<BTreeMap<String, String>>(
            problem
                .get("args")
                .cloned()
                .unwrap_or_else(|| serde_json::json!({})),
        )
        && let Some(words) = tr.coded(code, &args)
    {
        problem["detail"] = words.into();
    }
    parts
        .headers
        .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("vi"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(problem.to_string()))
}

/// A printout that cannot be made: the organiser's data is at fault (422, the message names
/// the field and recipient) unless the disk or an embedded font failed.
impl From<PrintError> for AppError {
    fn from(e: PrintError) -> Self {
        match e {
            PrintError::Io(_) | PrintError::Font { .. } => AppError::internal(e),
            other => AppError::Unprocessable(print_problem("", &other)),
        }
    }
}

/// A printout's problem as a typed problem of `field`: the text that does not fit, the
/// character the font lacks, the layout's own problem (`layout-<code>`, its element named by
/// the field it shows or its wording), the form without a layout; the rest `cannot-print`.
pub fn print_problem(field: &str, e: &PrintError) -> FieldError {
    let english = e.to_string();
    let (code, args): (String, Vec<(&str, String)>) = match e {
        PrintError::TextDoesNotFit {
            field,
            recipient,
            text,
            ..
        } => (
            "does-not-fit".into(),
            vec![
                ("field", field.clone()),
                ("recipient", recipient.clone()),
                ("text", text.clone()),
            ],
        ),
        PrintError::MissingGlyph {
            ch,
            field,
            recipient,
        } => (
            "missing-glyph".into(),
            vec![
                ("character", ch.to_string()),
                ("code", format!("U+{:04X}", *ch as u32)),
                ("field", field.clone()),
                ("recipient", recipient.clone()),
            ],
        ),
        PrintError::LayoutProblem {
            element, problem, ..
        } => {
            let mut args = problem.args.clone();
            args.push((
                "element",
                element
                    .as_ref()
                    .map(|(_, shown)| shown.clone())
                    .unwrap_or_default(),
            ));
            (format!("layout-{}", problem.code), args)
        }
        PrintError::NoLayoutForForm(form) => {
            ("no-layout-for-form".into(), vec![("form", form.clone())])
        }
        PrintError::Layout(detail) => {
            ("layout-unreadable".into(), vec![("detail", detail.clone())])
        }
        _ => ("cannot-print".into(), vec![("detail", english.clone())]),
    };
    FieldError::coded(field, &code, &args, english)
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => AppError::conflict(
                "unique",
                &[],
                "a record with the same unique value already exists",
            ),
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => AppError::conflict(
                "referenced",
                &[],
                "the record is still referenced by other records",
            ),
            _ => AppError::Internal(err.to_string()),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(vec![e])
    }
}

impl From<SheetError> for AppError {
    fn from(e: SheetError) -> Self {
        match e {
            SheetError::Mapping(m) => AppError::field("mapping", m),
            SheetError::NoColumns {
                ref fields,
                ref headers,
                ..
            } => AppError::Validation(vec![FieldError::coded(
                "mapping",
                "no-columns",
                &[
                    ("fields", fields.join(", ")),
                    ("headers", headers.join(", ")),
                ],
                e.to_string(),
            )]),
            other => AppError::field("file", other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_placed_within_an_item_keeps_its_code() {
        let args = [("length", "300".to_string()), ("max", "200".to_string())];
        let e = AppError::invalid("name", "length", &args, "too long").within("row 3");
        let AppError::Validation(errors) = e else {
            panic!("still a validation problem");
        };
        assert_eq!(errors[0].field, "row 3, name");
        assert_eq!(errors[0].code.as_deref(), Some("length"));
        assert_eq!(errors[0].args["max"], "200");
    }
}
