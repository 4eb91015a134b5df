//! What can go wrong talking to the portal, told apart so the kiosk can react:
//! offline → queue in the outbox; rejected → show the field; conflict → explain.

use std::sync::Arc;

use crate::core::model::{ErrorBody, ErrorCode};

/// A failed portal call. `Clone` so it fits in UI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ClientError {
    /// The portal could not be reached: connection refused, DNS, network down or cut.
    #[error("portal unreachable: {0}")]
    Offline(Arc<str>),
    /// The portal did not answer in time.
    #[error("portal did not answer in time")]
    Timeout,
    /// The portal failed (5xx).
    #[error("portal error (HTTP {status})")]
    Server { status: u16 },
    /// The portal refused the request (4xx other than 401, 404 and 409).
    #[error("request rejected (HTTP {status}, {code}): {message}")]
    Rejected { status: u16, code: String, message: String, field: Option<String> },
    /// Missing, unknown or expired token (401).
    #[error("not signed in or session expired")]
    Unauthorized,
    /// No such resource (404).
    #[error("not found ({code})")]
    NotFound { code: String },
    /// The request clashes with the portal's state (409).
    #[error("conflict ({code}): {message}")]
    Conflict { code: String, message: String },
    /// The portal answered something this client cannot read.
    #[error("unreadable portal answer: {0}")]
    BadResponse(String),
    /// The client itself could not be set up (bad base URL, TLS setup).
    #[error("portal client setup failed: {0}")]
    Config(String),
}

impl ClientError {
    /// Whether trying again later may succeed (network trouble or a portal failure).
    pub fn is_retryable(&self) -> bool {
        matches!(self, ClientError::Offline(_) | ClientError::Timeout | ClientError::Server { .. })
    }

    /// The contract's error code, when the portal gave one this client knows.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Rejected { code, .. }
            | ClientError::NotFound { code }
            | ClientError::Conflict { code, .. } => ErrorCode::parse(code),
            ClientError::Unauthorized => Some(ErrorCode::Unauthorized),
            _ => None,
        }
    }

    /// The offending field of a rejected request (form field id or JSON member).
    pub fn field(&self) -> Option<&str> {
        match self {
            ClientError::Rejected { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status the portal answered with, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Server { status } | ClientError::Rejected { status, .. } => Some(*status),
            ClientError::Unauthorized => Some(401),
            ClientError::NotFound { .. } => Some(404),
            ClientError::Conflict { .. } => Some(409),
            _ => None,
        }
    }

    /// Maps a 4xx answer with its (decoded) error body.
    pub(crate) fn from_rejection(status: u16, body: Option<ErrorBody>) -> ClientError {
        if status == 401 {
            return ClientError::Unauthorized;
        }
        let Some(ErrorBody { code, message, field }) = body else {
            return ClientError::BadResponse(format!("HTTP {status} without an error body"));
        };
        match status {
            404 => ClientError::NotFound { code },
            409 => ClientError::Conflict { code, message },
            _ => ClientError::Rejected { status, code, message, field },
        }
    }

    /// Sorts a transport failure: timeouts apart from everything else on the network.
    pub(crate) fn from_transport(err: reqwest::Error) -> ClientError {
        if err.is_timeout() {
            return ClientError::Timeout;
        }
        // The URL is left out: it may carry a token or a lookup code.
        let err = err.without_url();
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        if err.is_builder() {
            ClientError::Config(text)
        } else {
            // Connect refused, DNS, reset, closed mid-answer: all mean "not reachable now".
            ClientError::Offline(Arc::from(text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: &str, field: Option<&str>) -> Option<ErrorBody> {
        Some(ErrorBody { code: code.to_owned(), message: "m".to_owned(), field: field.map(str::to_owned) })
    }

    #[test]
    fn statuses_map_to_variants() {
        assert!(matches!(ClientError::from_rejection(401, None), ClientError::Unauthorized));
        let nf = ClientError::from_rejection(404, body("not_found", None));
        assert_eq!(nf.code(), Some(ErrorCode::NotFound));
        let c = ClientError::from_rejection(409, body("idempotency_conflict", None));
        assert_eq!(c.code(), Some(ErrorCode::IdempotencyConflict));
        let r = ClientError::from_rejection(422, body("validation_failed", Some("id_number")));
        assert_eq!(r.field(), Some("id_number"));
        assert_eq!(r.status(), Some(422));
        assert!(!r.is_retryable());
        assert!(matches!(ClientError::from_rejection(400, None), ClientError::BadResponse(_)));
        assert!(ClientError::Server { status: 503 }.is_retryable());
        assert!(ClientError::Timeout.is_retryable());
    }
}
