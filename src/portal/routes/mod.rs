//! HTTP handlers, one module per resource, and the extractors they share.

pub mod applications;
pub mod catalogue;
pub mod identity;
pub mod terminals;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use crate::core::model::ErrorCode;

/// A JSON body: parsed, plus its canonical text (object keys sorted, no spaces),
/// so that two requests meaning the same thing compare equal.
pub struct ApiJson<T> {
    pub value: T,
    pub canonical: String,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::new(
                ErrorCode::InvalidJson,
                "the body must be sent as Content-Type: application/json",
            )
            .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::BodyTooLarge, "the body is larger than 64 KiB")
            } else {
                ApiError::new(ErrorCode::InvalidJson, "the body could not be read")
            }
        })?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidJson,
                format!("not valid JSON (line {}, column {})", e.line(), e.column()),
            )
        })?;
        let canonical = canonical(&value);
        let value = serde_json::from_value(value).map_err(|e| {
            // The message may quote the offending value: it goes back to the caller only, never to the log.
            ApiError::new(ErrorCode::InvalidJson, format!("the body does not have the documented shape: {e}"))
        })?;
        Ok(ApiJson { value, canonical })
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(ct) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// JSON text with object keys sorted at every level.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_sorts_keys_at_every_level() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":{"y":[1,{"d":2,"c":"x"}],"x":null}}"#).unwrap_or_default();
        let b: Value = serde_json::from_str(r#"{ "a": {"x": null, "y": [1, {"c": "x", "d": 2}]}, "b": 1 }"#)
            .unwrap_or_default();
        assert_eq!(canonical(&a), canonical(&b));
        assert_eq!(canonical(&a), r#"{"a":{"x":null,"y":[1,{"c":"x","d":2}]},"b":1}"#);
    }

    #[test]
    fn bearer_tokens() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, "Bearer abc".parse().unwrap_or_else(|_| unreachable!()));
        assert_eq!(bearer(&h).as_deref(), Some("abc"));
        h.insert(AUTHORIZATION, "Basic abc".parse().unwrap_or_else(|_| unreachable!()));
        assert_eq!(bearer(&h), None);
    }
}
