//! The portal's storage operations. Each operation is a plain synchronous function
//! over a `rusqlite::Connection` (easy to test); [`Store::run`] runs one on the
//! blocking pool with the connection lock held only inside the closure.

pub mod case_view;
pub mod cases;
pub mod catalogue;
pub mod evaluations;
pub mod identity;
pub mod queries;
pub mod terminals;

mod deferred;

#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::{Date, OffsetDateTime};

use super::clock::{self, Clock};
use super::error::ApiError;

/// The one connection of the portal, shared by all requests.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    clock: Clock,
}

/// The time of one operation, taken once so every row it writes agrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    pub now: OffsetDateTime,
    pub today: Date,
}

impl Ctx {
    pub fn at(now: OffsetDateTime) -> Self {
        Ctx { now, today: now.date() }
    }

    pub fn now_str(&self) -> String {
        clock::rfc3339(self.now)
    }

    pub fn unix(&self) -> i64 {
        self.now.unix_timestamp()
    }
}

impl Store {
    pub fn new(conn: Connection, clock: Clock) -> Self {
        Store { conn: Arc::new(Mutex::new(conn)), clock }
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Runs `f` on the blocking pool with the connection locked.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut Connection, &Ctx) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let ctx = Ctx::at(self.clock.now());
        tokio::task::spawn_blocking(move || {
            // A panic inside a transaction rolls it back on unwind, so the
            // connection is consistent even if the lock was poisoned.
            let mut guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut guard, &ctx)
        })
        .await
        .map_err(|e| {
            tracing::error!(panicked = e.is_panic(), "portal storage task failed");
            ApiError::internal()
        })?
    }
}

/// A stored JSON document.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    Ok(serde_json::from_str(text)?)
}

/// The wire name of an enum value (`CaseStatus::NeedsSupplement` → `NEEDS_SUPPLEMENT`).
pub(crate) fn enum_name<T: Serialize>(value: &T) -> Result<String, ApiError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        _ => Err(ApiError::internal()),
    }
}

pub(crate) fn parse_enum<T: DeserializeOwned>(name: &str) -> Result<T, ApiError> {
    Ok(serde_json::from_value(serde_json::Value::String(name.to_owned()))?)
}

/// A random opaque token.
pub(crate) fn new_token() -> String {
    uuid::Uuid::new_v4().to_string()
}
