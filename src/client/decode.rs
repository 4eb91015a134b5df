//! Turning one answer of the portal — status, `Content-Type`, body bytes — into
//! the call's type or the error it means. Pure (no I/O), so it is fuzzed
//! directly (`tests/contract/fuzz.rs`); it never panics and never quotes the body.

use std::sync::Arc;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::error::Category;

use super::error::{BadAnswer, ClientError, Fault, NOT_SHOWN, is_token};
use crate::core::model::ErrorBody;

/// One answer as it came off the wire (the body already capped in size).
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The call's method, `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The call's path in the contract, e.g. `/v1/matters/{matter_id}`.
    pub path_template: &'static str,
    pub status: u16,
    /// The `Content-Type` header, if there was one (and it was readable text).
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

impl Answer<'_> {
    /// The answer as `T` (a 2xx), or the error it stands for.
    ///
    /// 401 is `Unauthorized` and 5xx is `Server` whatever their bodies; 404, 409 and
    /// other 4xx need the contract's error body; a 2xx needs a JSON body of `T`'s
    /// shape (an empty one only when `T` reads from `null`, as the logout's
    /// `IgnoredAny` does). Every other case is `BadResponse` with its [`Fault`].
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ClientError> {
        match self.status {
            200..=299 => self.body_as::<T>(),
            401 => Err(ClientError::Unauthorized),
            400..=499 => {
                let body = self.body_as::<ErrorBody>()?;
                Err(ClientError::from_rejection(self.status, body))
            }
            500..=599 => Err(ClientError::Server { status: self.status }),
            _ => Err(self.bad(Fault::UnexpectedStatus)),
        }
    }

    /// The body as JSON, when it is labelled JSON and parses (what the observer sees).
    pub fn json(&self) -> Option<Value> {
        if self.body.is_empty() || !is_json_media_type(self.content_type) {
            return None;
        }
        serde_json::from_slice(self.body).ok()
    }

    fn body_as<T: DeserializeOwned>(&self) -> Result<T, ClientError> {
        if self.body.is_empty() {
            // Only a call that needs no data (the logout's 204) reads an empty body.
            return serde_json::from_value(Value::Null).map_err(|_| self.bad(Fault::Empty));
        }
        if !is_json_media_type(self.content_type) {
            // Only what looks like a media type is kept: a header is the peer's text too.
            let shown = self
                .content_type
                .map(media_type)
                .map(|t| Arc::from(if is_token(&t) { t.as_str() } else { NOT_SHOWN }));
            return Err(self.bad(Fault::NotJsonContentType(shown)));
        }
        // Syntax first (a body cut short is told apart from one that is merely
        // misshapen), then the shape.
        serde_json::from_slice::<IgnoredAny>(self.body).map_err(|e| self.bad(fault_of(&e)))?;
        // The syntax is sound, so whatever fails now is the shape, even where serde_json
        // calls it a syntax error (an array longer than the struct it fills is
        // "trailing characters").
        serde_json::from_slice::<T>(self.body).map_err(|e| {
            self.bad(Fault::WrongShape { line: e.line(), column: e.column(), missing: missing_member(&e) })
        })
    }

    fn bad(&self, fault: Fault) -> ClientError {
        ClientError::BadResponse(BadAnswer {
            method: self.method,
            path_template: self.path_template,
            status: self.status,
            fault,
        })
    }
}

/// The fault of a body that is not JSON, without serde's message: it may quote the body.
fn fault_of(e: &serde_json::Error) -> Fault {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Eof => Fault::Truncated,
        Category::Syntax | Category::Io | Category::Data => Fault::NotJson { line, column },
    }
}

/// The member named by serde's "missing field `x`": a name of our own types, never
/// text of the body (unlike "invalid type: string \"…\"", which quotes it).
fn missing_member(e: &serde_json::Error) -> Option<Arc<str>> {
    let text = e.to_string();
    let name = text.strip_prefix("missing field `")?.split('`').next()?;
    Some(Arc::from(name))
}

/// The media type of a `Content-Type` value, lower case, without parameters.
fn media_type(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.chars().take(64).collect::<String>().to_ascii_lowercase()
}

/// `application/json`, or an `application/…+json` type, with any parameters.
fn is_json_media_type(content_type: Option<&str>) -> bool {
    let Some(t) = content_type else { return false };
    let t = media_type(t);
    t == "application/json" || (t.starts_with("application/") && t.ends_with("+json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Health;

    fn answer<'a>(status: u16, content_type: Option<&'a str>, body: &'a [u8]) -> Answer<'a> {
        Answer { method: "GET", path_template: "/v1/health", status, content_type, body }
    }

    const JSON: Option<&str> = Some("application/json; charset=utf-8");

    fn fault(r: Result<Health, ClientError>) -> Option<Fault> {
        r.err().and_then(|e| e.fault().cloned())
    }

    #[test]
    fn media_types_are_read_loosely_but_must_be_json() {
        assert!(is_json_media_type(Some("application/json")));
        assert!(is_json_media_type(Some("Application/JSON ; charset=UTF-8")));
        assert!(is_json_media_type(Some("application/problem+json")));
        assert!(!is_json_media_type(Some("text/html; charset=utf-8")));
        assert!(!is_json_media_type(Some("text/json+html")));
        assert!(!is_json_media_type(None));
    }

    #[test]
    fn each_body_fault_is_told_apart() {
        let ok = answer(200, JSON, br#"{"status":"ok","version":"1","schema_version":1}"#).decode::<Health>();
        assert!(ok.is_ok(), "{ok:?}");
        assert_eq!(fault(answer(200, JSON, b"").decode()), Some(Fault::Empty));
        assert_eq!(
            fault(answer(200, Some("text/html"), b"<html>").decode()),
            Some(Fault::NotJsonContentType(Some("text/html".into())))
        );
        assert_eq!(fault(answer(200, None, b"{}").decode()), Some(Fault::NotJsonContentType(None)));
        assert_eq!(fault(answer(200, JSON, b"<html>").decode()), Some(Fault::NotJson { line: 1, column: 1 }));
        assert_eq!(fault(answer(200, JSON, br#"{"status":"o"#).decode()), Some(Fault::Truncated));
        let Some(Fault::WrongShape { missing, .. }) =
            fault(answer(200, JSON, br#"{"status":"ok"}"#).decode())
        else {
            panic!("a missing member is the wrong shape")
        };
        assert_eq!(missing.as_deref(), Some("version"));
        assert_eq!(fault(answer(302, JSON, b"").decode()), Some(Fault::UnexpectedStatus));
    }

    #[test]
    fn a_wrong_value_is_not_quoted() {
        let r = answer(200, JSON, br#"{"status": 5, "version": "110105194403160289"}"#).decode::<Health>();
        let e = r.expect_err("wrong type");
        assert!(!format!("{e} {e:?}").contains("110105194403160289"), "{e:?}");
        let r = answer(200, JSON, br#"{"status": "110105194403160289", "version": 7}"#).decode::<Health>();
        let e = r.expect_err("wrong type");
        assert!(!format!("{e} {e:?}").contains("110105194403160289"), "{e:?}");
    }

    #[test]
    fn statuses_decide_before_bodies() {
        let html = Some("text/html");
        assert!(matches!(answer(401, html, b"<h1>").decode::<Health>(), Err(ClientError::Unauthorized)));
        assert!(matches!(
            answer(502, html, b"<h1>").decode::<Health>(),
            Err(ClientError::Server { status: 502 })
        ));
        let e = answer(404, html, b"<h1>Not Found</h1>").decode::<Health>().expect_err("404");
        assert_eq!(
            (e.status(), e.fault()),
            (Some(404), Some(&Fault::NotJsonContentType(Some("text/html".into()))))
        );
        let e = answer(422, JSON, br#"{"code":"validation_failed","message":"m","field":"phone"}"#)
            .decode::<Health>()
            .expect_err("422");
        assert_eq!(e.field(), Some("phone"));
        let empty = answer(204, None, b"").decode::<IgnoredAny>();
        assert!(empty.is_ok());
    }
}
