//! Errors of the reference portal: start-up failures ([`PortalError`]) and the
//! answers a request can get ([`ApiError`], always the one JSON `ErrorBody`).

use std::sync::Arc;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::core::model::{ErrorBody, ErrorCode};
use crate::core::validate::Problem;

/// Why the portal could not start or stopped.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PortalError {
    #[error("portal database: {0}")]
    Database(#[from] Arc<rusqlite::Error>),
    #[error("the portal database has schema version {found}; this program knows up to {known}")]
    SchemaTooNew { found: u32, known: u32 },
    #[error("portal seed data: {0}")]
    Seed(String),
    #[error("setting {name}: {message}")]
    Config { name: &'static str, message: String },
    #[error("portal network: {0}")]
    Io(#[from] Arc<std::io::Error>),
    #[error("portal background task failed: {0}")]
    Task(String),
}

impl From<rusqlite::Error> for PortalError {
    fn from(e: rusqlite::Error) -> Self {
        PortalError::Database(Arc::new(e))
    }
}

impl From<std::io::Error> for PortalError {
    fn from(e: std::io::Error) -> Self {
        PortalError::Io(Arc::new(e))
    }
}

/// A refused request: an HTTP status and the contract's error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl ApiError {
    /// An error with the status the contract gives `code`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError { status: status_of(code), code, message: message.into(), field: None }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("no such {what}"))
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Unauthorized, message)
    }

    /// 422 `validation_failed` naming the field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::ValidationFailed, message).with_field(field)
    }

    /// 422 `validation_failed` for a [`Problem`] with a field.
    pub fn problem(field: impl Into<String>, problem: Problem) -> Self {
        let field = field.into();
        let message = format!("{field}: {problem} ({})", problem.code());
        ApiError::invalid(field, message)
    }

    pub fn internal() -> Self {
        ApiError::new(ErrorCode::Internal, "the portal could not complete the request")
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code.as_str().to_owned(),
            message: self.message.clone(),
            field: self.field.clone(),
        }
    }
}

/// The status the contract gives each error code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::InvalidJson | ErrorCode::MissingIdempotencyKey => StatusCode::BAD_REQUEST,
        ErrorCode::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::ValidationFailed | ErrorCode::ReasonRequired => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::NotFound | ErrorCode::CitizenNotFound => StatusCode::NOT_FOUND,
        ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::IdempotencyConflict
        | ErrorCode::EvaluationLimit
        | ErrorCode::InvalidTransition
        | ErrorCode::SchemaOutdated
        | ErrorCode::WrongKind
        | ErrorCode::InvalidState => StatusCode::CONFLICT,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The code used when only a status is known (axum's own refusals).
pub fn code_of(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::InvalidJson,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::BodyTooLarge,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => ErrorCode::NotFound,
        StatusCode::CONFLICT => ErrorCode::InvalidState,
        _ => ErrorCode::Internal,
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        // SQLite messages name tables and columns, never bound values.
        tracing::error!(error = %e, "portal database error");
        ApiError::internal()
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        // Stored documents failing to (de)serialise is a portal bug, not the caller's.
        tracing::error!(category = ?e.classify(), line = e.line(), "stored document is unreadable");
        ApiError::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code.as_str(), "request failed");
        } else {
            tracing::debug!(code = self.code.as_str(), field = ?self.field, "request refused");
        }
        (self.status, Json(self.body())).into_response()
    }
}
