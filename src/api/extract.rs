//! Extractors whose rejections are the application's own problem+json errors: malformed
//! JSON, a wrong content type, an oversize body, a bad path or query, a bad If-Match.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A path parameter; a non-number id is a 400 naming the parameter.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// Query parameters; a value that does not fit its parameter (a word for a number, a
/// negative or too large number) is a 422 naming the parameter.
pub struct AppQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for AppQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parse_query(parts.uri.query().unwrap_or_default()).map(AppQuery)
    }
}

fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let pairs = form_urlencoded::parse(query.as_bytes());
    serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs)).map_err(|e| {
        let name = e.path().to_string();
        let problem = e.inner().to_string();
        if name.is_empty() || name == "?" {
            return AppError::bad_request("invalid-query", format!("the query string: {problem}"));
        }
        let value = form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        AppError::field(name, format!("'{value}' is not accepted here: {problem}"))
    })
}

impl From<PathRejection> for AppError {
    fn from(r: PathRejection) -> Self {
        AppError::bad_request(
            "invalid-path",
            format!("invalid path parameter: {}", r.body_text()),
        )
    }
}

/// A JSON body, parsed with the path of the first bad field in the error.
pub struct AppJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !(mime == "application/json"
            || (mime.starts_with("application/") && mime.ends_with("+json")))
        {
            return Err(AppError::UnsupportedMediaType(if mime.is_empty() {
                "send the body as JSON with the header Content-Type: application/json".into()
            } else {
                format!("the body is '{mime}'; send JSON with Content-Type: application/json")
            }));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| match r {
            BytesRejection::FailedToBufferBody(e) if e.body_text().contains("length limit") => {
                AppError::PayloadTooLarge {
                    limit: crate::app::JSON_BODY_LIMIT,
                }
            }
            other => AppError::bad_request("unreadable-body", other.body_text()),
        })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            AppError::bad_request("malformed-json", format!("the body is not valid JSON: {e}"))
        })?;
        crate::store::resource::from_json(value).map(AppJson)
    }
}

/// The version a client last saw, from `If-Match: "3"` (weak tags and `*` accepted).
pub struct IfMatch(pub Option<i32>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = value.to_str().unwrap_or("").trim();
        if text == "*" {
            return Ok(IfMatch(None));
        }
        let tag = text.trim_start_matches("W/").trim_matches('"');
        tag.parse().map(|v| IfMatch(Some(v))).map_err(|_| {
            AppError::bad_request(
                "invalid-if-match",
                format!("If-Match '{text}' is not an ETag this server sent, like \"3\""),
            )
        })
    }
}

/// The error of reading a multipart form whose body may hold `limit` bytes.
pub fn multipart_error(
    limit: usize,
) -> impl Fn(axum::extract::multipart::MultipartError) -> AppError {
    move |e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge { limit }
        } else {
            AppError::bad_request("unreadable-body", e.body_text())
        }
    }
}

/// The part named `file` of an upload form (its name, `unnamed` when it has none, and its
/// bytes); the other parts are skipped.
pub async fn file_part(
    form: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    limit: usize,
    unnamed: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let mut form = form?;
    let error = multipart_error(limit);
    let mut file = None;
    while let Some(field) = form.next_field().await.map_err(&error)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or(unnamed).to_string();
            // The body's own buffer when nothing else holds it: no second copy.
            file = Some((name, Vec::from(field.bytes().await.map_err(&error)?)));
        }
    }
    file.ok_or_else(|| AppError::field("file", "the form has no part named 'file'"))
}
