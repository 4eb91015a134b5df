//! What can go wrong keeping submissions. No variant carries a personal value:
//! only paths of the outbox's own files, local references and SQLite's wording
//! (every statement binds its values as parameters, so none is quoted back).

use std::path::PathBuf;
use std::sync::Arc;

/// A failure of the outbox. `Clone` so it fits in UI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum OutboxError {
    /// A file or directory of the outbox could not be created, read or written.
    #[error("outbox: cannot {action} {path}: {source}")]
    Io { action: &'static str, path: PathBuf, source: Arc<std::io::Error> },
    /// The directory can be read by other users: a terminal's secrets must not be.
    #[error(
        "outbox directory {path} is open to other users (mode {mode:03o}); run `chmod 700` on it or remove it"
    )]
    DirectoryPermissions { path: PathBuf, mode: u32 },
    /// The key file can be read by other users, so the key may have leaked.
    #[error(
        "outbox key {path} is open to other users (mode {mode:03o}); it must be 600. If it may have leaked, \
         send what is pending, then remove the key file and the database together"
    )]
    KeyPermissions { path: PathBuf, mode: u32 },
    /// The key file is not 32 bytes: damaged or not ours.
    #[error("outbox key {path} is {len} bytes long, not 32: the file is damaged or not an outbox key")]
    KeyLength { path: PathBuf, len: u64 },
    /// The key file is not a regular file (a link, a directory…).
    #[error("outbox key {path} is not a regular file")]
    KeyNotAFile { path: PathBuf },
    /// The operating system gave no random bytes.
    #[error("outbox: no randomness from the operating system: {0}")]
    Random(String),
    /// The database failed.
    #[error("outbox database: {0}")]
    Database(Arc<rusqlite::Error>),
    /// The database was written by a newer Yiban.
    #[error("outbox database has schema version {found}; this Yiban knows up to {supported}")]
    SchemaTooNew { found: i64, supported: i64 },
    /// A sealed payload failed its check: altered on disk, or sealed under another key.
    #[error("outbox entry {local_ref}: its sealed payload does not open (altered, or another key)")]
    Unsealable { local_ref: String },
    /// A payload could not be written or read as JSON (the serde text is left out: it may quote values).
    #[error("outbox: a payload could not be {0}")]
    Encoding(&'static str),
    /// The idempotency key is not 1–200 visible ASCII characters.
    #[error("outbox: the idempotency key must be 1 to 200 visible ASCII characters")]
    BadKey,
    /// No entry has this local reference.
    #[error("outbox: no entry {local_ref}")]
    NoSuchEntry { local_ref: String },
    /// The entry is not in a state that allows the operation.
    #[error("outbox entry {local_ref} is {state}; {wanted}")]
    WrongState { local_ref: String, state: &'static str, wanted: &'static str },
    /// A background task of the outbox stopped before finishing.
    #[error("outbox: a storage task stopped: {0}")]
    Task(String),
}

impl From<rusqlite::Error> for OutboxError {
    fn from(e: rusqlite::Error) -> Self {
        OutboxError::Database(Arc::new(e))
    }
}

impl OutboxError {
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        OutboxError::Io { action, path: path.into(), source: Arc::new(source) }
    }
}
