use serde::{Deserialize, Serialize};

/// The one error body every endpoint answers with on a 4xx or 5xx.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable machine-readable code, see [`ErrorCode`].
    pub code: String,
    /// A human-readable explanation (for logs and technicians, not shown verbatim to citizens).
    pub message: String,
    /// The offending field (form field id or JSON member), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The stable error codes of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON or does not have the documented shape.
    InvalidJson,
    /// The body is larger than the portal accepts.
    BodyTooLarge,
    /// A value failed validation; `field` names it.
    ValidationFailed,
    /// No such resource (matter, case, assist request…).
    NotFound,
    /// The ID number is valid but the portal knows no such citizen.
    CitizenNotFound,
    /// Missing, unknown or expired bearer token.
    Unauthorized,
    /// The token belongs to someone else.
    Forbidden,
    /// `Idempotency-Key` header missing on a create.
    MissingIdempotencyKey,
    /// The same idempotency key was used with a different body.
    IdempotencyConflict,
    /// The case has already had its first evaluation and its follow-up.
    EvaluationLimit,
    /// A bad rating needs at least one reason.
    ReasonRequired,
    /// The case status cannot move that way.
    InvalidTransition,
    /// The form schema version the kiosk used is no longer current.
    SchemaOutdated,
    /// The matter cannot be run that way (a query submitted as an application…).
    WrongKind,
    /// The assist request is not in a state that allows this.
    InvalidState,
    /// Anything unexpected on the portal's side.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::CitizenNotFound => "citizen_not_found",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::MissingIdempotencyKey => "missing_idempotency_key",
            ErrorCode::IdempotencyConflict => "idempotency_conflict",
            ErrorCode::EvaluationLimit => "evaluation_limit",
            ErrorCode::ReasonRequired => "reason_required",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::SchemaOutdated => "schema_outdated",
            ErrorCode::WrongKind => "wrong_kind",
            ErrorCode::InvalidState => "invalid_state",
            ErrorCode::Internal => "internal",
        }
    }

    pub fn parse(code: &str) -> Option<ErrorCode> {
        serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_round_trip() {
        for c in [ErrorCode::InvalidJson, ErrorCode::IdempotencyConflict, ErrorCode::Internal] {
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_value(c).ok(), Some(c.as_str().into()));
        }
        assert_eq!(ErrorCode::parse("nope"), None);
    }
}
