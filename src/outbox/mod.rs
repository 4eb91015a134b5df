//! The outbox: submissions kept on the terminal until the portal has them.
//!
//! UI-free. At 确认提交 the kiosk calls [`Outbox::enqueue`]; only when it
//! returns (the entry committed and fsynced) is the citizen told anything. The
//! flusher ([`flush`], or the long-running [`flusher`] stream) sends each entry
//! with its own `Idempotency-Key` and identity token, and deletes it only when
//! the portal has acknowledged it, so an entry survives crashes, power cuts and
//! restarts and is stored at the portal exactly once.
//!
//! Payloads (token, key, request) are sealed with XChaCha20-Poly1305 under the
//! terminal key (`outbox.key`, mode 0600); plain columns hold only a local
//! reference, times, a count and a state. Logs carry local references and counts.
//! See `docs/outbox.md`.

mod drill;
mod error;
mod flush;
mod key;
mod seal;
mod store;

use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

pub use drill::{DrillArgs, run_drill};
pub use error::OutboxError;
pub use flush::{Backoff, Outcome, Trouble, flush, flusher};
pub use key::KEY_FILE;

use crate::core::model::ApplicationRequest;
use crate::core::personal::Personal;
use seal::{EntryPayload, Sealer};

/// The outbox's directory in the terminal's data directory (`Config::data_dir`):
/// `Outbox::open(&config.data_dir().join(outbox::DIR))`.
pub const DIR: &str = "outbox";
/// The database's file name in the outbox directory.
pub const DB_FILE: &str = "outbox.sqlite3";

/// A submission to keep: its idempotency key (made once per submission, e.g.
/// [`new_key`]), the citizen's identity token, and the request. Its `Debug`
/// shows the key and the matter only.
pub struct NewEntry {
    pub key: String,
    pub token: Personal,
    pub request: ApplicationRequest,
}

impl fmt::Debug for NewEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewEntry")
            .field("key", &self.key)
            .field("matter_id", &self.request.matter_id)
            .finish_non_exhaustive()
    }
}

/// A fresh idempotency key (UUID v4) for one submission.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The entry is durable: the citizen may be told. `local_ref` (8 characters of
/// `23456789ABCDEFGHJKLMNPQRSTUVWXYZ`) goes on the provisional receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub local_ref: String,
    pub key: String,
}

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryState {
    /// Waiting to be sent (again).
    Pending,
    /// The portal refused the token (401: it expired before the entry could be sent).
    /// Kept, never resent on its own: staff identify the citizen again ([`Outbox::renew_token`]).
    TokenRefused,
    /// The portal refused the request for good (4xx other than 401). Kept, never resent.
    Refused,
    /// The sealed payload does not open (altered, or another key). Kept for staff.
    Damaged,
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryState::Pending => "PENDING",
            EntryState::TokenRefused => "TOKEN_REFUSED",
            EntryState::Refused => "REFUSED",
            EntryState::Damaged => "DAMAGED",
        }
    }

    fn parse(s: &str) -> Option<EntryState> {
        [EntryState::Pending, EntryState::TokenRefused, EntryState::Refused, EntryState::Damaged]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

/// Why the portal refused an entry: the contract's code, never its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: Option<u16>,
    /// `ErrorCode` wire name, e.g. `validation_failed`, `idempotency_conflict`.
    pub code: String,
    /// The form field id or JSON member named by the portal.
    pub field: Option<String>,
}

/// One entry's metadata (no payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    pub local_ref: String,
    pub created_at: SystemTime,
    /// Sends tried so far.
    pub attempts: u32,
    /// For a pending entry: when the flusher tries it next.
    pub next_attempt_at: Option<SystemTime>,
    pub state: EntryState,
    pub refusal: Option<Refusal>,
}

/// How much the outbox holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Depth {
    /// Entries still to be sent: the flusher works on these by itself.
    pub pending: usize,
    /// Entries whose token expired: staff needed.
    pub token_refused: usize,
    /// Entries the portal refused: staff needed.
    pub refused: usize,
    /// Entries that do not open: staff needed.
    pub damaged: usize,
    /// Ended citizen sessions whose token is still to be closed at the portal.
    pub sessions_to_close: usize,
}

impl Depth {
    /// Every entry held.
    pub fn entries(&self) -> usize {
        self.pending + self.needs_staff()
    }

    /// Entries the flusher will not send by itself.
    pub fn needs_staff(&self) -> usize {
        self.token_refused + self.refused + self.damaged
    }

    /// Nothing held, nothing to close.
    pub fn is_empty(&self) -> bool {
        self.entries() == 0 && self.sessions_to_close == 0
    }
}

/// The outbox of one terminal. Cheap to clone: clones share one database
/// connection, one key and one flusher wake-up. One process at a time.
#[derive(Clone)]
pub struct Outbox {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    conn: Mutex<Connection>,
    sealer: Sealer,
    backoff: Backoff,
    /// Wakes a waiting flusher (a permit is kept when none waits).
    wake: tokio::sync::Notify,
    /// One flush pass at a time.
    flushing: tokio::sync::Mutex<()>,
}

impl Inner {
    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock left no transaction open (rusqlite rolls back on drop).
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Outbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outbox").field("dir", &self.inner.dir).finish_non_exhaustive()
    }
}

/// Two handles are the same outbox when they share a directory (for `Subscription::run_with`).
impl Hash for Outbox {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.inner.dir.hash(state);
    }
}

impl Outbox {
    /// Opens the outbox in `dir` with the default [`Backoff`]; see [`Outbox::open_with`].
    pub fn open(dir: &Path) -> Result<Outbox, OutboxError> {
        Outbox::open_with(dir, Backoff::default())
    }

    /// Opens the outbox in `dir`: creates the directory (0700), the key file (0600)
    /// and the database at first start; refuses a key file open to others or of
    /// the wrong length. Sessions of an earlier process are over: their tokens are
    /// closed once their entries are sent. Pending entries are due at once.
    pub fn open_with(dir: &Path, backoff: Backoff) -> Result<Outbox, OutboxError> {
        key::prepare_dir(dir)?;
        let key = key::load_or_create(dir)?;
        let sealer = Sealer::new(&key)?;
        drop(key);
        let db = dir.join(DB_FILE);
        key::touch_private(&db)?;
        let mut conn = store::open(&db)?;
        store::resume(&mut conn, now_ms())?;
        key::sync_dir(dir)?;
        let outbox = Outbox {
            inner: Arc::new(Inner {
                dir: dir.to_owned(),
                conn: Mutex::new(conn),
                sealer,
                backoff,
                wake: tokio::sync::Notify::new(),
                flushing: tokio::sync::Mutex::new(()),
            }),
        };
        let depth = outbox.depth()?;
        tracing::info!(pending = depth.pending, needs_staff = depth.needs_staff(), "outbox opened");
        Ok(outbox)
    }

    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// Keeps a submission. Returns once it is committed and fsynced: only then
    /// may the citizen be told. Wakes the flusher.
    pub async fn enqueue(&self, entry: NewEntry) -> Result<Queued, OutboxError> {
        check_key(&entry.key)?;
        let queued =
            self.blocking(move |inner, conn| store::enqueue(conn, &inner.sealer, &entry, now_ms())).await?;
        tracing::info!(local_ref = %queued.local_ref, "submission kept in the outbox");
        self.notify();
        Ok(queued)
    }

    /// The citizen's session has ended (首页, idle reset, goodbye, a new citizen).
    /// Call it instead of closing the token: the flusher closes it at the portal
    /// once no pending entry needs it (at once when none does).
    pub async fn release_token(&self, token: Personal) -> Result<(), OutboxError> {
        self.blocking(move |inner, conn| store::release(conn, &inner.sealer, token.expose(), now_ms()))
            .await?;
        self.notify();
        Ok(())
    }

    /// Every entry's metadata, oldest first (no payloads).
    pub fn pending(&self) -> Result<Vec<EntryInfo>, OutboxError> {
        store::list(&self.inner.conn())
    }

    /// How much the outbox holds, by state.
    pub fn depth(&self) -> Result<Depth, OutboxError> {
        store::depth(&self.inner.conn())
    }

    /// Wakes the flusher now (e.g. the network is back). [`Outbox::enqueue`] and
    /// [`Outbox::release_token`] already do.
    pub fn notify(&self) {
        self.inner.wake.notify_one();
    }

    /// Staff: the citizen identified again after a [`EntryState::TokenRefused`];
    /// the entry is sent again with the new token, its key and request unchanged.
    pub async fn renew_token(&self, local_ref: &str, token: Personal) -> Result<(), OutboxError> {
        let local_ref = local_ref.to_owned();
        let lr = local_ref.clone();
        self.blocking(move |inner, conn| {
            let (id, state) = store::by_ref(conn, &lr)?;
            if state != EntryState::TokenRefused {
                return Err(OutboxError::WrongState {
                    local_ref: lr,
                    state: state.as_str(),
                    wanted: "only a TOKEN_REFUSED entry takes a new token",
                });
            }
            let sealed = store::sealed(conn, &id)?;
            let mut payload = EntryPayload::open(&inner.sealer, &id, &sealed)
                .map_err(|e| e.unwrap_or(OutboxError::Unsealable { local_ref: lr.clone() }))?;
            payload.token = token;
            store::renew(conn, &inner.sealer, &id, &payload, now_ms())
        })
        .await?;
        tracing::info!(local_ref = %local_ref, "outbox entry given a new token");
        self.notify();
        Ok(())
    }

    /// Staff: removes an entry that will not be sent (handled at the counter).
    /// A pending entry cannot be discarded: it may be on its way.
    pub async fn discard(&self, local_ref: &str) -> Result<(), OutboxError> {
        let lr = local_ref.to_owned();
        self.blocking(move |_, conn| {
            let (id, state) = store::by_ref(conn, &lr)?;
            if state == EntryState::Pending {
                return Err(OutboxError::WrongState {
                    local_ref: lr,
                    state: state.as_str(),
                    wanted: "a pending entry is sent by the flusher, not discarded",
                });
            }
            store::delete_entry(conn, &id)
        })
        .await?;
        tracing::warn!(local_ref = %local_ref, "outbox entry discarded by staff");
        Ok(())
    }

    /// Runs `f` with the connection on tokio's blocking pool (fsyncs never stall the UI).
    async fn blocking<T, F>(&self, f: F) -> Result<T, OutboxError>
    where
        T: Send + 'static,
        F: FnOnce(&Inner, &mut Connection) -> Result<T, OutboxError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = inner.conn();
            f(&inner, &mut conn)
        })
        .await
        .map_err(|e| OutboxError::Task(e.to_string()))?
    }
}

/// The portal's rule for an `Idempotency-Key`: 1–200 visible ASCII characters.
fn check_key(key: &str) -> Result<(), OutboxError> {
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(OutboxError::BadKey);
    }
    Ok(())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn from_ms(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

#[cfg(test)]
mod tests;
