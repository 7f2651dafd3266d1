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
            BytesRejection::FailedToBufferBody(e)
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
            {
                AppError::PayloadTooLarge {
                    limit: crate::app::JSON_BODY_LIMIT,
                }
            }
            other => AppError::bad_request("unreadable-body", other.body_text()),
        })?;
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            AppError::bad_request("malformed-json", format!("the body is not valid JSON: {e}"))
        })?;
        whole_numbers(&mut value);
        crate::store::resource::from_json(value).map(AppJson)
    }
}

/// The If-Match values [`IfMatch`] accepts, as the OpenAPI document states them: `*`, or
/// a version as this server sends it in ETag (`"3"`, weak `W/"3"`, or bare `3`).
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]{1,9}"|[0-9]{1,9})$"#;

/// Spell every whole number in a JSON body as an integer: JSON (and the OpenAPI document's
/// `type: integer`) counts `3.0` as the integer 3, and generated clients send it so, but
/// serde will not read `3.0` into an `i32`. Fractions stay as they are (and are refused
/// where an integer is expected).
fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// The version a client last saw, from `If-Match: "3"` (weak tags and `*` accepted).
pub struct IfMatch(pub Option<i32>);

impl IfMatch {
    /// The version in an If-Match value, by [`IF_MATCH_PATTERN`]: `Ok(None)` for `*`.
    fn parse(text: &str) -> Option<Option<i32>> {
        if text == "*" {
            return Some(None);
        }
        let tag = text.strip_prefix("W/").unwrap_or(text);
        let digits = match tag.strip_prefix('"') {
            Some(quoted) => quoted.strip_suffix('"')?,
            None if text.starts_with("W/") => return None,
            None => tag,
        };
        if !(1..=9).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().map(Some)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = value.to_str().unwrap_or("").trim();
        IfMatch::parse(text).map(IfMatch).ok_or_else(|| {
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
    read_file_part(form, limit, unnamed, false).await
}

/// [`file_part`] for the API, whose document says the form has no other part: another
/// part is a 422 naming it.
pub async fn only_file_part(
    form: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    limit: usize,
    unnamed: &str,
) -> Result<(String, Vec<u8>), AppError> {
    read_file_part(form, limit, unnamed, true).await
}

/// A 422 for a part of a form that the route does not read.
pub fn unknown_part(name: Option<&str>) -> AppError {
    let name = name.unwrap_or("");
    AppError::field(
        name,
        format!("the form has a part '{name}' that this route does not read"),
    )
}

async fn read_file_part(
    form: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    limit: usize,
    unnamed: &str,
    only: bool,
) -> Result<(String, Vec<u8>), AppError> {
    let mut form = form?;
    let error = multipart_error(limit);
    let mut file = None;
    while let Some(field) = form.next_field().await.map_err(&error)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or(unnamed).to_string();
            // The body's own buffer when nothing else holds it: no second copy.
            file = Some((name, Vec::from(field.bytes().await.map_err(&error)?)));
        } else if only {
            return Err(unknown_part(field.name()));
        }
    }
    file.ok_or_else(|| AppError::field("file", "the form has no part named 'file'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_integers() {
        let mut v = serde_json::json!({"a": 3.0, "b": [2.5, -0.0, 1e3], "c": "4.0", "d": 7});
        whole_numbers(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": 3, "b": [2.5, 0, 1000], "c": "4.0", "d": 7})
        );
        assert!(serde_json::from_value::<i32>(v["a"].clone()).is_ok());
    }

    #[test]
    fn if_match_accepts_what_its_pattern_states() {
        let pattern = regex::Regex::new(IF_MATCH_PATTERN).unwrap();
        for text in ["*", "\"3\"", "W/\"3\"", "3", "\"123456789\""] {
            assert!(pattern.is_match(text), "{text}");
            assert!(IfMatch::parse(text).is_some(), "{text}");
        }
        assert_eq!(IfMatch::parse("W/\"42\""), Some(Some(42)));
        for text in [
            "",
            "null",
            "\"\"",
            "W/3",
            "\"3",
            "3\"",
            "\"-3\"",
            "+3",
            "\"1234567890\"",
            "W/W/\"3\"",
            "**",
        ] {
            assert!(!pattern.is_match(text), "{text}");
            assert!(IfMatch::parse(text).is_none(), "{text}");
        }
    }
}
