//! One error type for the whole application, and how it becomes an RFC 9457
//! `application/problem+json` response. Internal causes are logged, never sent.

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
    #[error("{0}")]
    Conflict(String),
    /// A value that must be unique is taken: the field, a code and what it names (409).
    #[error("{}: {}", .0.field, .0.message)]
    Duplicate(FieldError),
    #[error("{what} was changed by someone else (now version {current}, you sent {sent})")]
    PreconditionFailed {
        what: &'static str,
        current: i32,
        sent: i32,
    },
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
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
                    .map(|e| FieldError::new(format!("{context}, {}", e.field), e.message))
                    .collect(),
            ),
            AppError::Conflict(m) => AppError::Conflict(format!("{context}: {m}")),
            AppError::Unprocessable(m) => AppError::Unprocessable(format!("{context}: {m}")),
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
            AppError::Duplicate(e) => (self.to_string(), vec![e.clone()]),
            // The cause is in the log; the client gets a reference to it, not its text.
            AppError::Internal(_) => (
                "Something went wrong on the server; the error was logged.".to_string(),
                vec![],
            ),
            other => (other.to_string(), vec![]),
        };
        Problem {
            kind: format!("urn:hoinghi:problem:{}", self.slug()),
            title: self.title().to_string(),
            status: self.status().as_u16(),
            detail,
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
    if tr.has(&title_key) {
        problem["title"] = tr.t(&title_key).into();
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
            other => AppError::Unprocessable(other.to_string()),
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Conflict("a record with the same unique value already exists".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                AppError::Conflict("the record is still referenced by other records".into())
            }
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
