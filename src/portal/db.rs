//! The portal's SQLite database: connection settings and numbered migrations
//! tracked in `PRAGMA user_version`. The demo seed is loaded in the same
//! transaction as the first migration, so a database is either empty or seeded.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::error::PortalError;
use super::seed::Seed;
use super::seeding;

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[MIGRATION_1];

/// The schema version this program writes.
pub fn schema_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).unwrap_or(u32::MAX)
}

/// Opens (creating and seeding when new) the database at `path`.
pub fn open(path: &Path) -> Result<Connection, PortalError> {
    open_with(path, || Seed::embedded().map_err(|e| PortalError::Seed(e.to_string())))
}

/// As [`open`], with the seed supplied by `seed` (called only for a new database).
pub fn open_with(
    path: &Path,
    seed: impl FnOnce() -> Result<Seed, PortalError>,
) -> Result<Connection, PortalError> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn, seed)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), PortalError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(PortalError::Config {
            name: "journal_mode",
            message: format!("SQLite chose {mode}, not WAL"),
        });
    }
    // FULL: an acknowledged write survives a power cut or kill -9, even in WAL mode.
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

fn migrate(
    conn: &mut Connection,
    seed: impl FnOnce() -> Result<Seed, PortalError>,
) -> Result<(), PortalError> {
    let known = schema_version();
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(PortalError::SchemaTooNew { found, known });
    }
    let mut seed = Some(seed);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if index == 0 {
            let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM halls)", [], |r| r.get(0))?;
            if let (true, Some(load)) = (empty, seed.take()) {
                seeding::load(&tx, &load()?)?;
            }
        }
        // user_version lives in the database header, so it commits with the migration.
        tx.pragma_update(None, "user_version", i64::try_from(index + 1).unwrap_or(i64::MAX))?;
        tx.commit()?;
        tracing::info!(schema_version = index + 1, "portal database migrated");
    }
    Ok(())
}

const MIGRATION_1: &str = r#"
CREATE TABLE halls (
    id TEXT PRIMARY KEY,
    district_code TEXT NOT NULL,
    doc TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
    staff_id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL REFERENCES halls (id),
    name TEXT NOT NULL,
    pin_salt TEXT NOT NULL,
    pin_hash TEXT NOT NULL
) STRICT;

CREATE TABLE terminals (
    terminal_id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL REFERENCES halls (id),
    doc TEXT NOT NULL
) STRICT;

CREATE TABLE terminal_status (
    terminal_id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL REFERENCES halls (id),
    status TEXT NOT NULL,
    app_version TEXT NOT NULL,
    outbox_depth INTEGER NOT NULL,
    uptime_s INTEGER NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

CREATE TABLE matters (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    current_version INTEGER NOT NULL
) STRICT;

CREATE TABLE matter_versions (
    matter_id TEXT NOT NULL REFERENCES matters (id),
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    form_schema_version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (matter_id, version)
) STRICT;

CREATE TABLE form_schemas (
    matter_id TEXT NOT NULL REFERENCES matters (id),
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (matter_id, version)
) STRICT;

CREATE TABLE hall_matters (
    hall_id TEXT NOT NULL REFERENCES halls (id),
    matter_id TEXT NOT NULL REFERENCES matters (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (hall_id, matter_id)
) STRICT;

CREATE TABLE bundles (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    doc TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
) STRICT;

CREATE TABLE citizens (
    id_number TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    phone TEXT,
    hukou_region TEXT NOT NULL
) STRICT;

CREATE TABLE pensions (
    id_number TEXT PRIMARY KEY REFERENCES citizens (id_number),
    last_check TEXT NOT NULL,
    next_due TEXT NOT NULL
) STRICT;

CREATE TABLE pension_payments (
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    month TEXT NOT NULL,
    amount_cny TEXT NOT NULL,
    bank TEXT NOT NULL,
    bank_last4 TEXT NOT NULL,
    PRIMARY KEY (id_number, month)
) STRICT;

CREATE TABLE insurance_years (
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    year INTEGER NOT NULL,
    insurance_type TEXT NOT NULL,
    months_paid INTEGER NOT NULL,
    base_cny TEXT NOT NULL,
    employer TEXT NOT NULL,
    PRIMARY KEY (id_number, insurance_type, year)
) STRICT;

CREATE TABLE identity_sessions (
    token TEXT PRIMARY KEY,
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    hall_id TEXT NOT NULL REFERENCES halls (id),
    terminal_id TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
    token TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (staff_id),
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_audit (
    id INTEGER PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (staff_id),
    action TEXT NOT NULL,
    case_no TEXT,
    at TEXT NOT NULL
) STRICT;

CREATE TABLE case_numbers (
    day TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
    case_no TEXT PRIMARY KEY,
    matter_id TEXT NOT NULL REFERENCES matters (id),
    schema_version INTEGER NOT NULL,
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    hall_id TEXT NOT NULL REFERENCES halls (id),
    terminal_id TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    helper_staff_id TEXT REFERENCES staff (staff_id),
    agent_name TEXT,
    agent_id_number TEXT,
    agent_relationship TEXT,
    agent_authorization TEXT,
    agent_phone TEXT,
    bundle_id TEXT REFERENCES bundles (id),
    submitted_at TEXT NOT NULL,
    promised_by TEXT,
    outcome TEXT,
    next_steps TEXT NOT NULL,
    answers TEXT NOT NULL,
    lookup_code TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX cases_by_citizen ON cases (id_number, matter_id);
CREATE INDEX cases_by_status ON cases (status);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_no TEXT NOT NULL REFERENCES cases (case_no),
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT,
    staff_id TEXT REFERENCES staff (staff_id)
) STRICT;
CREATE INDEX case_events_by_case ON case_events (case_no, id);

CREATE TABLE deferred_materials (
    case_no TEXT NOT NULL REFERENCES cases (case_no),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    due_by TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (case_no, code)
) STRICT;

CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    request_sha256 TEXT NOT NULL,
    case_no TEXT NOT NULL REFERENCES cases (case_no),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE evaluations (
    id TEXT PRIMARY KEY,
    case_no TEXT NOT NULL REFERENCES cases (case_no),
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    level_code INTEGER NOT NULL,
    channel INTEGER NOT NULL,
    terminal_id TEXT NOT NULL,
    reasons TEXT NOT NULL,
    reasons_version INTEGER NOT NULL,
    text TEXT,
    staff_id TEXT REFERENCES staff (staff_id),
    created_at TEXT NOT NULL,
    UNIQUE (case_no, kind)
) STRICT;

CREATE TABLE assist_requests (
    id TEXT PRIMARY KEY,
    hall_id TEXT NOT NULL REFERENCES halls (id),
    terminal_id TEXT NOT NULL,
    status TEXT NOT NULL,
    context TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    staff_id TEXT REFERENCES staff (staff_id)
) STRICT;
CREATE INDEX assist_by_hall ON assist_requests (hall_id, status);

CREATE TABLE issued_documents (
    verification_code TEXT PRIMARY KEY,
    matter_id TEXT NOT NULL REFERENCES matters (id),
    id_number TEXT NOT NULL REFERENCES citizens (id_number),
    terminal_id TEXT NOT NULL,
    issued_at TEXT NOT NULL
) STRICT;
"#;
