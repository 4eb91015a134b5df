//! What can go wrong talking to the portal, told apart so the kiosk can react:
//! offline → queue in the outbox; rejected → show the field; conflict → explain;
//! an unreadable answer → say the portal is in trouble and offer staff.
//!
//! Nothing here carries a response body or a submitted value: an error is
//! logged, and both can hold personal data. What the portal sent is described
//! by its kind (and where in the body it went wrong), never quoted.

use std::fmt;
use std::sync::Arc;

use crate::core::model::{ErrorBody, ErrorCode};
use crate::core::personal::Personal;

/// A failed portal call. `Clone` so it fits in UI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ClientError {
    /// The portal could not be reached, or the connection broke before its answer was whole.
    #[error("portal unreachable: {0}")]
    Offline(Unreachable),
    /// The portal did not answer (or finish answering) in time.
    #[error("portal did not answer in time")]
    Timeout,
    /// The portal failed (5xx), whatever the body said (often a gateway's HTML page).
    #[error("portal error (HTTP {status})")]
    Server { status: u16 },
    /// The portal refused the request (4xx other than 401, 404 and 409).
    /// `message` is the portal's note for technicians: it may quote the request, so it is
    /// held masked and is not part of this error's text. `code` and `field` are kept only
    /// when they look like a code or a field id (anything else may be data).
    #[error("request rejected (HTTP {status}, {code})")]
    Rejected { status: u16, code: String, message: Personal, field: Option<String> },
    /// Missing, unknown or expired token (401).
    #[error("not signed in or session expired")]
    Unauthorized,
    /// No such resource (404).
    #[error("not found ({code})")]
    NotFound { code: String },
    /// The request clashes with the portal's state (409). `code` and `message` as for
    /// `Rejected`.
    #[error("conflict ({code})")]
    Conflict { code: String, message: Personal },
    /// The portal answered something this client cannot read; [`BadAnswer::fault`] says what.
    #[error("unreadable portal answer: {0}")]
    BadResponse(BadAnswer),
    /// The client itself could not be set up (bad base URL, plain HTTP refused, CA bundle).
    #[error("portal client setup failed: {0}")]
    Config(String),
}

/// Why the portal could not be reached (`ClientError::Offline`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreachable {
    /// Nothing listens at the portal's address: the portal or its proxy is down.
    Refused,
    /// The portal's host name does not resolve: DNS or the network's configuration.
    UnknownHost,
    /// The connection broke after the request went out (reset, closed before or in the
    /// middle of the answer, a body shorter than announced). The portal may have acted.
    Cut,
    /// The TLS handshake failed: the portal's certificate is not trusted (see `[portal]
    /// ca_bundle`), has expired, or names another host. Retrying rarely helps.
    Tls(Arc<str>),
    /// Any other network failure before the request went out (no route, network down).
    Network(Arc<str>),
}

impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreachable::Refused => f.write_str("connection refused"),
            Unreachable::UnknownHost => f.write_str("host name does not resolve"),
            Unreachable::Cut => f.write_str("connection cut before the answer was complete"),
            Unreachable::Tls(detail) => write!(f, "TLS handshake failed: {detail}"),
            Unreachable::Network(detail) => write!(f, "network failure: {detail}"),
        }
    }
}

/// An answer the client could not read: which call, its status, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAnswer {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The contract's path, e.g. `/v1/matters/{matter_id}`.
    pub path_template: &'static str,
    pub status: u16,
    pub fault: Fault,
}

impl fmt::Display for BadAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} answered HTTP {}: {}", self.method, self.path_template, self.status, self.fault)
    }
}

/// What was wrong with an answer's body (or status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No body, where the call expects one (a 2xx with data, a 4xx with its error body).
    Empty,
    /// The body is not labelled JSON: `Content-Type` is another type (often `text/html`:
    /// a proxy's or gateway's error page) or missing. Holds the media type, if any.
    NotJsonContentType(Option<Arc<str>>),
    /// The body is not JSON (a syntax error at this place).
    NotJson { line: usize, column: usize },
    /// The JSON stops before it is complete: the answer was cut short.
    Truncated,
    /// Valid JSON, but not the documented shape (a member missing, or of the wrong type).
    /// `missing` names a required member that is absent.
    WrongShape { line: usize, column: usize, missing: Option<Arc<str>> },
    /// The body is longer than the client reads (`[portal] max_answer_kib`).
    TooLarge { limit: usize },
    /// A status the contract never uses (1xx, or 3xx: redirects are not followed).
    UnexpectedStatus,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Empty => f.write_str("empty body"),
            Fault::NotJsonContentType(Some(t)) => write!(f, "body is {}, not JSON", Token(t)),
            Fault::NotJsonContentType(None) => f.write_str("body has no Content-Type"),
            Fault::NotJson { line, column } => write!(f, "body is not JSON (line {line}, column {column})"),
            Fault::Truncated => f.write_str("JSON body is cut short"),
            Fault::WrongShape { line, column, missing: Some(m) } => {
                write!(f, "JSON body lacks `{m}` (line {line}, column {column})")
            }
            Fault::WrongShape { line, column, missing: None } => {
                write!(f, "JSON body has the wrong shape (line {line}, column {column})")
            }
            Fault::TooLarge { limit } => write!(f, "body is over {limit} bytes"),
            Fault::UnexpectedStatus => f.write_str("a status the contract does not use"),
        }
    }
}

/// What stands for a code or media type from the portal that does not look like one.
pub(super) const NOT_SHOWN: &str = "(not shown)";

/// Whether a code, field id or media type from the portal looks like one (short, plain
/// ASCII, a letter first, no long run of digits): anything else may be data (a name, an
/// ID or phone number), and is not kept.
pub(super) fn is_token(s: &str) -> bool {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+');
    let longest_digits = s.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(plain)
        && longest_digits < 5
}

/// Prints a media type from the portal only when it looks like one.
struct Token<'a>(&'a str);

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if is_token(self.0) { self.0 } else { NOT_SHOWN })
    }
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
            ClientError::BadResponse(bad) => Some(bad.status),
            ClientError::Unauthorized => Some(401),
            ClientError::NotFound { .. } => Some(404),
            ClientError::Conflict { .. } => Some(409),
            _ => None,
        }
    }

    /// What was wrong with an unreadable answer.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            ClientError::BadResponse(bad) => Some(&bad.fault),
            _ => None,
        }
    }

    /// Why the portal was not reached.
    pub fn unreachable(&self) -> Option<&Unreachable> {
        match self {
            ClientError::Offline(why) => Some(why),
            _ => None,
        }
    }

    /// Maps a 4xx answer (other than 401) with its decoded error body. Only what looks
    /// like a code or a field id is kept in the clear: a portal may echo the request.
    pub(crate) fn from_rejection(status: u16, body: ErrorBody) -> ClientError {
        let ErrorBody { code, message, field } = body;
        let code = if is_token(&code) { code } else { NOT_SHOWN.to_owned() };
        let field = field.filter(|f| is_token(f));
        let message = Personal::new(message);
        match status {
            404 => ClientError::NotFound { code },
            409 => ClientError::Conflict { code, message },
            _ => ClientError::Rejected { status, code, message, field },
        }
    }

    /// Sorts a transport failure: a timeout, a refused or unresolved connection, a TLS
    /// failure, a connection cut after the request went out.
    pub(crate) fn from_transport(err: reqwest::Error) -> ClientError {
        if err.is_timeout() {
            return ClientError::Timeout;
        }
        // The URL is left out: it may carry a token or a lookup code.
        let err = err.without_url();
        let text = chain_text(&err);
        if err.is_builder() {
            return ClientError::Config(text);
        }
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
        while let Some(s) = source {
            if let Some(tls) = s.downcast_ref::<rustls::Error>() {
                return ClientError::Offline(Unreachable::Tls(Arc::from(tls.to_string())));
            }
            let io = s.downcast_ref::<std::io::Error>();
            if io.is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused) {
                return ClientError::Offline(Unreachable::Refused);
            }
            if s.to_string().starts_with("dns error") {
                return ClientError::Offline(Unreachable::UnknownHost);
            }
            // An io::Error's `source()` skips the error it wraps (which may be another
            // io::Error wrapping rustls's): step into it instead.
            source = match io.and_then(std::io::Error::get_ref) {
                Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
                None => s.source(),
            };
        }
        if err.is_connect() {
            ClientError::Offline(Unreachable::Network(Arc::from(text)))
        } else {
            // The request went out; the answer did not come whole.
            ClientError::Offline(Unreachable::Cut)
        }
    }
}

/// The error and its sources, one after the other.
fn chain_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: &str, message: &str, field: Option<&str>) -> ErrorBody {
        ErrorBody { code: code.to_owned(), message: message.to_owned(), field: field.map(str::to_owned) }
    }

    #[test]
    fn statuses_map_to_variants() {
        let nf = ClientError::from_rejection(404, body("not_found", "m", None));
        assert_eq!(nf.code(), Some(ErrorCode::NotFound));
        let c = ClientError::from_rejection(409, body("idempotency_conflict", "m", None));
        assert_eq!(c.code(), Some(ErrorCode::IdempotencyConflict));
        let r = ClientError::from_rejection(422, body("validation_failed", "m", Some("id_number")));
        assert_eq!(r.field(), Some("id_number"));
        assert_eq!(r.status(), Some(422));
        assert!(!r.is_retryable());
        assert!(ClientError::Server { status: 503 }.is_retryable());
        assert!(ClientError::Timeout.is_retryable());
        assert!(ClientError::Offline(Unreachable::Cut).is_retryable());
        let bad = ClientError::BadResponse(BadAnswer {
            method: "GET",
            path_template: "/v1/health",
            status: 200,
            fault: Fault::Truncated,
        });
        assert!(!bad.is_retryable());
        assert_eq!((bad.status(), bad.fault()), (Some(200), Some(&Fault::Truncated)));
    }

    #[test]
    fn the_portals_words_are_not_in_the_text() {
        // A portal may echo the request in its message: a phone number must not reach a log.
        let r = ClientError::from_rejection(400, body("invalid_json", "phone 13800138000 bad", None));
        let c = ClientError::from_rejection(409, body("wrong_kind", "13800138000", None));
        for e in [r, c] {
            let text = e.to_string();
            assert!(!text.contains("13800138000"), "{text}");
        }
        // Nor in a code or field that is really data: not kept at all (Debug included).
        for odd in ["张秀兰", "110105194403160289", "phone13800138000", "a b"] {
            let e = ClientError::from_rejection(422, body(odd, "m", Some(odd)));
            let text = format!("{e} {e:?}");
            assert!(!text.contains(odd), "{text}");
            assert_eq!((e.code(), e.field()), (None, None), "{odd}");
        }
        let nf = ClientError::from_rejection(404, body("citizen_not_found", "m", None));
        assert_eq!(nf.to_string(), "not found (citizen_not_found)");
        let r = ClientError::from_rejection(422, body("validation_failed", "m", Some("applicant.phone")));
        assert_eq!(r.field(), Some("applicant.phone"));
        assert!(!format!("{r:?}").contains("\"m\""), "the portal's message is masked: {r:?}");
    }
}
