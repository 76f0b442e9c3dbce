//! Reading JSON bodies with errors that name the field: `contact.email: invalid type`
//! instead of axum's plain-text rejection.

use crate::error::Error;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

/// A JSON body of type `T`. Wrong content type is 415, unreadable JSON 400, a value that
/// does not fit `T` 422 with the path of the field.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Raw(bytes) = Raw::from_request(req, state).await?;
        parse(&bytes).map(Body)
    }
}

/// The raw bytes of a JSON body (content type checked), for handlers that hash them.
pub struct Raw(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Raw {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let mime = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(Error::UnsupportedMediaType {
                expected: "application/json",
            });
        }
        let limit = req
            .extensions()
            .get::<crate::limits::BodyLimit>()
            .map_or(crate::limits::DEFAULT_BODY_BYTES, |l| l.0);
        // Refuse an announced oversized body before reading any of it.
        let announced = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if announced.is_some_and(|n| n > limit) {
            return Err(Error::TooLarge { limit });
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Error::TooLarge { limit }
            } else {
                Error::BadRequest {
                    code: "unreadable_body",
                    message: rejection.body_text(),
                }
            }
        })?;
        Ok(Raw(bytes))
    }
}

/// Parses JSON bytes into `T` with field-naming errors.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => {
            de.end().map_err(|e| Error::BadRequest {
                code: "malformed_json",
                message: e.to_string(),
            })?;
            Ok(value)
        }
        Err(e) => {
            let field = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                Err(Error::BadRequest {
                    code: "malformed_json",
                    message: format!("the body is not valid JSON: {inner}"),
                })
            } else {
                let message = inner.to_string();
                let rule = if message.starts_with("missing field") {
                    "required"
                } else if message.starts_with("unknown field") {
                    "unknown_field"
                } else if message.starts_with("unknown variant") {
                    "one_of"
                } else {
                    "type"
                };
                let field = if field == "." { String::new() } else { field };
                // serde names a missing field in the message, not in the path (an unknown
                // field is in the path already).
                let field = match (rule, message.split('`').nth(1)) {
                    ("required", Some(name)) if field.is_empty() => name.to_owned(),
                    ("required", Some(name)) => format!("{field}.{name}"),
                    _ => field,
                };
                Err(Error::invalid(field, rule, message))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        contact: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
        age: Option<u8>,
    }

    fn field_and_rule(json: &str) -> (String, String) {
        match parse::<Outer>(json.as_bytes()) {
            Err(Error::Invalid { field, rule, .. }) => (field, rule),
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_the_field_and_rule() {
        assert_eq!(
            field_and_rule(r#"{"contact":{"age":3}}"#),
            ("contact.name".into(), "required".into())
        );
        assert_eq!(
            field_and_rule(r#"{"contact":{"name":"a","x":1}}"#),
            ("contact.x".into(), "unknown_field".into())
        );
        assert_eq!(
            field_and_rule(r#"{"contact":{"name":"a","age":300}}"#),
            ("contact.age".into(), "type".into())
        );
        assert_eq!(
            field_and_rule(r#"{}"#),
            ("contact".into(), "required".into())
        );
    }

    #[test]
    fn malformed_json_is_400() {
        for bad in ["{", "nope", r#"{"contact":{"name":"a"}} trailing"#] {
            assert!(
                matches!(
                    parse::<Outer>(bad.as_bytes()),
                    Err(Error::BadRequest { .. })
                ),
                "{bad}"
            );
        }
    }
}
