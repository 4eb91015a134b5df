//! The outbox's SQLite database: schema, and every statement it runs. Plain
//! columns hold nothing personal; tokens, keys and requests are in `sealed`.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::seal::{self, EntryPayload, Sealer};
use super::{Depth, EntryInfo, EntryState, NewEntry, OutboxError, Queued, Refusal, from_ms};

/// The schema version this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    local_ref TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    sealed BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('PENDING', 'TOKEN_REFUSED', 'REFUSED', 'DAMAGED')),
    refusal_status INTEGER,
    refusal_code TEXT,
    refusal_field TEXT
) STRICT;
CREATE INDEX entries_due ON entries (state, next_attempt_at);
CREATE INDEX entries_by_session ON entries (session_id, state);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    sealed BLOB NOT NULL,
    released INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
";

/// Letters and digits nobody misreads: no 0/O, no 1/I.
pub const REF_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
pub const REF_LEN: usize = 8;

/// Opens (creating when new) the database with durable settings and the current schema.
pub fn open(path: &Path) -> Result<Connection, OutboxError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OutboxError::Encoding("kept: the database refused WAL mode"));
    }
    // FULL: every commit is fsynced before it returns, so a told citizen's entry survives a power cut.
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;")?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(OutboxError::SchemaTooNew { found: version, supported: SCHEMA_VERSION });
    }
    if version < 1 {
        let tx = conn.transaction()?;
        tx.execute_batch(SCHEMA)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
    }
    Ok(conn)
}

/// A new random row id (not personal: a UUID).
fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A fresh local reference not used by any entry.
fn new_local_ref(tx: &Transaction<'_>) -> Result<String, OutboxError> {
    loop {
        let mut bytes = [0u8; REF_LEN];
        getrandom::fill(&mut bytes).map_err(|e| OutboxError::Random(e.to_string()))?;
        // 256 is a multiple of 32: every character is equally likely.
        let local_ref: String = bytes.iter().map(|b| char::from(REF_ALPHABET[usize::from(b % 32)])).collect();
        let taken = tx
            .query_row("SELECT 1 FROM entries WHERE local_ref = ?1", [&local_ref], |_| Ok(()))
            .optional()?;
        if taken.is_none() {
            return Ok(local_ref);
        }
    }
}

/// The id of the unreleased session holding `token`, if any.
fn live_session(tx: &Connection, sealer: &Sealer, token: &str) -> Result<Option<String>, OutboxError> {
    let mut stmt = tx.prepare("SELECT id, sealed FROM sessions WHERE released = 0")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    for row in rows {
        let (id, sealed) = row?;
        if seal::open_token(sealer, &id, &sealed).is_some_and(|t| t.expose() == token) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn session_for(tx: &Transaction<'_>, sealer: &Sealer, token: &str, now: i64) -> Result<String, OutboxError> {
    if let Some(id) = live_session(tx, sealer, token)? {
        return Ok(id);
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO sessions (id, sealed, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?3)",
        params![id, seal::seal_token(sealer, &id, token)?, now],
    )?;
    Ok(id)
}

/// Stores one entry and commits (fsynced: `synchronous = FULL`).
pub fn enqueue(
    conn: &mut Connection,
    sealer: &Sealer,
    entry: &NewEntry,
    now: i64,
) -> Result<Queued, OutboxError> {
    let tx = conn.transaction()?;
    let session_id = session_for(&tx, sealer, entry.token.expose(), now)?;
    let id = new_id();
    let local_ref = new_local_ref(&tx)?;
    let payload =
        EntryPayload { token: entry.token.clone(), key: entry.key.clone(), request: entry.request.clone() };
    tx.execute(
        "INSERT INTO entries (id, local_ref, session_id, sealed, created_at, next_attempt_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, 'PENDING')",
        params![id, local_ref, session_id, payload.seal(sealer, &id)?, now],
    )?;
    tx.commit()?;
    Ok(Queued { local_ref, key: entry.key.clone() })
}

/// Marks the session holding `token` released; records one when the outbox holds none,
/// so the flusher closes every ended session, also after a restart.
pub fn release(conn: &mut Connection, sealer: &Sealer, token: &str, now: i64) -> Result<(), OutboxError> {
    let tx = conn.transaction()?;
    let id = session_for(&tx, sealer, token, now)?;
    tx.execute("UPDATE sessions SET released = 1, next_attempt_at = ?2 WHERE id = ?1", params![id, now])?;
    tx.commit()?;
    Ok(())
}

/// At start: no citizen session outlives the process that opened it, and what was
/// waiting for its next attempt is tried at once.
pub fn resume(conn: &mut Connection, now: i64) -> Result<(), OutboxError> {
    let tx = conn.transaction()?;
    tx.execute("UPDATE sessions SET released = 1 WHERE released = 0", [])?;
    tx.execute("UPDATE sessions SET next_attempt_at = ?1 WHERE next_attempt_at > ?1", [now])?;
    tx.execute(
        "UPDATE entries SET next_attempt_at = ?1 WHERE state = 'PENDING' AND next_attempt_at > ?1",
        [now],
    )?;
    tx.commit()?;
    Ok(())
}

/// A pending entry whose time has come.
#[derive(Debug)]
pub struct DueEntry {
    pub id: String,
    pub local_ref: String,
    pub sealed: Vec<u8>,
    pub attempts: u32,
}

/// Due entries, oldest first among those tried as often: one that keeps failing goes
/// behind the others, so it cannot hold them up.
pub fn due_entries(conn: &Connection, now: i64) -> Result<Vec<DueEntry>, OutboxError> {
    let mut stmt = conn.prepare(
        "SELECT id, local_ref, sealed, attempts FROM entries
          WHERE state = 'PENDING' AND next_attempt_at <= ?1 ORDER BY attempts, created_at, rowid",
    )?;
    let rows = stmt.query_map([now], |r| {
        Ok(DueEntry { id: r.get(0)?, local_ref: r.get(1)?, sealed: r.get(2)?, attempts: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete_entry(conn: &Connection, id: &str) -> Result<(), OutboxError> {
    conn.execute("DELETE FROM entries WHERE id = ?1", [id])?;
    Ok(())
}

pub fn defer_entry(conn: &Connection, id: &str, attempts: u32, next: i64) -> Result<(), OutboxError> {
    conn.execute(
        "UPDATE entries SET attempts = ?2, next_attempt_at = ?3 WHERE id = ?1 AND state = 'PENDING'",
        params![id, attempts, next],
    )?;
    Ok(())
}

/// Moves pending entries' next attempt to `next` without counting an attempt (the
/// portal was unreachable before their turn came).
pub fn postpone(conn: &mut Connection, ids: &[String], next: i64) -> Result<(), OutboxError> {
    let tx = conn.transaction()?;
    {
        let mut stmt =
            tx.prepare("UPDATE entries SET next_attempt_at = ?2 WHERE id = ?1 AND state = 'PENDING'")?;
        for id in ids {
            stmt.execute(params![id, next])?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub fn set_state(
    conn: &Connection,
    id: &str,
    state: EntryState,
    attempts: u32,
    refusal: Option<&Refusal>,
) -> Result<(), OutboxError> {
    conn.execute(
        "UPDATE entries SET state = ?2, attempts = ?3, refusal_status = ?4, refusal_code = ?5,
                refusal_field = ?6 WHERE id = ?1",
        params![
            id,
            state.as_str(),
            attempts,
            refusal.and_then(|r| r.status),
            refusal.map(|r| r.code.as_str()),
            refusal.and_then(|r| r.field.as_deref()),
        ],
    )?;
    Ok(())
}

/// A released session whose token may be closed now: no pending entry uses it.
#[derive(Debug)]
pub struct ClosableSession {
    pub id: String,
    pub sealed: Vec<u8>,
    pub attempts: u32,
}

pub fn closable_sessions(conn: &Connection, now: i64) -> Result<Vec<ClosableSession>, OutboxError> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.sealed, s.attempts FROM sessions s
          WHERE s.released = 1 AND s.next_attempt_at <= ?1
            AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.session_id = s.id AND e.state = 'PENDING')",
    )?;
    let rows = stmt.query_map([now], |r| {
        Ok(ClosableSession { id: r.get(0)?, sealed: r.get(1)?, attempts: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete_session(conn: &Connection, id: &str) -> Result<(), OutboxError> {
    conn.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
    Ok(())
}

pub fn defer_session(conn: &Connection, id: &str, attempts: u32, next: i64) -> Result<(), OutboxError> {
    conn.execute(
        "UPDATE sessions SET attempts = ?2, next_attempt_at = ?3 WHERE id = ?1",
        params![id, attempts, next],
    )?;
    Ok(())
}

/// When the flusher has work next (unix ms): the earliest pending entry or closable session.
pub fn next_due(conn: &Connection) -> Result<Option<i64>, OutboxError> {
    Ok(conn.query_row(
        "SELECT MIN(t) FROM (
            SELECT MIN(next_attempt_at) AS t FROM entries WHERE state = 'PENDING'
            UNION ALL
            SELECT MIN(s.next_attempt_at) FROM sessions s WHERE s.released = 1
               AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.session_id = s.id AND e.state = 'PENDING'))",
        [],
        |r| r.get(0),
    )?)
}

/// Every entry's metadata, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<EntryInfo>, OutboxError> {
    let mut stmt = conn.prepare(
        "SELECT local_ref, created_at, attempts, next_attempt_at, state, refusal_status, refusal_code,
                refusal_field FROM entries ORDER BY created_at, rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        let state = EntryState::parse(&r.get::<_, String>(4)?).unwrap_or(EntryState::Damaged);
        let code: Option<String> = r.get(6)?;
        Ok(EntryInfo {
            local_ref: r.get(0)?,
            created_at: from_ms(r.get(1)?),
            attempts: r.get(2)?,
            next_attempt_at: (state == EntryState::Pending).then(|| r.get(3).map(from_ms)).transpose()?,
            state,
            refusal: code.map(|code| Refusal {
                status: r.get(5).ok().flatten(),
                code,
                field: r.get(7).ok().flatten(),
            }),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn depth(conn: &Connection) -> Result<Depth, OutboxError> {
    let mut depth = Depth::default();
    let mut stmt = conn.prepare("SELECT state, COUNT(*) FROM entries GROUP BY state")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, usize>(1)?)))?;
    for row in rows {
        let (state, n) = row?;
        match EntryState::parse(&state) {
            Some(EntryState::Pending) => depth.pending = n,
            Some(EntryState::TokenRefused) => depth.token_refused = n,
            Some(EntryState::Refused) => depth.refused = n,
            Some(EntryState::Damaged) | None => depth.damaged += n,
        }
    }
    depth.sessions_to_close =
        conn.query_row("SELECT COUNT(*) FROM sessions WHERE released = 1", [], |r| r.get(0))?;
    Ok(depth)
}

/// An entry found by its local reference: (id, state).
pub fn by_ref(conn: &Connection, local_ref: &str) -> Result<(String, EntryState), OutboxError> {
    conn.query_row("SELECT id, state FROM entries WHERE local_ref = ?1", [local_ref], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })
    .optional()?
    .map(|(id, state)| (id, EntryState::parse(&state).unwrap_or(EntryState::Damaged)))
    .ok_or_else(|| OutboxError::NoSuchEntry { local_ref: local_ref.to_owned() })
}

/// Reads one entry's sealed payload.
pub fn sealed(conn: &Connection, id: &str) -> Result<Vec<u8>, OutboxError> {
    Ok(conn.query_row("SELECT sealed FROM entries WHERE id = ?1", [id], |r| r.get(0))?)
}

/// Puts a token-refused entry back in line with a new token (sealed afresh).
pub fn renew(
    conn: &mut Connection,
    sealer: &Sealer,
    id: &str,
    payload: &EntryPayload,
    now: i64,
) -> Result<(), OutboxError> {
    let tx = conn.transaction()?;
    let session_id = session_for(&tx, sealer, payload.token.expose(), now)?;
    tx.execute(
        "UPDATE entries SET sealed = ?2, session_id = ?3, state = 'PENDING', attempts = 0,
                next_attempt_at = ?4, refusal_status = NULL, refusal_code = NULL, refusal_field = NULL
          WHERE id = ?1",
        params![id, payload.seal(sealer, id)?, session_id, now],
    )?;
    tx.commit()?;
    Ok(())
}
