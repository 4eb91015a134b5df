//! Terminals: heartbeats, configuration, assist requests (呼叫工作人员), health.

use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{check_id, staff_in_hall};
use super::{Ctx, catalogue, enum_name, from_json, new_token, parse_enum};
use crate::core::model::{
    AssistAction, AssistRequest, AssistRequestList, AssistRequestNew, AssistStatus, ErrorCode, Health,
    Heartbeat, HeartbeatAck, TerminalConfig,
};
use crate::portal::error::ApiError;

/// The longest assist context (a screen name) accepted.
pub const MAX_CONTEXT_CHARS: usize = 200;

pub fn health(conn: &Connection) -> Result<Health, ApiError> {
    let schema_version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into(), schema_version })
}

pub fn terminal_config(conn: &Connection, terminal_id: &str) -> Result<TerminalConfig, ApiError> {
    let doc: Option<String> = conn
        .query_row("SELECT doc FROM terminals WHERE terminal_id = ?1", [terminal_id], |r| r.get(0))
        .optional()?;
    match doc {
        Some(doc) => from_json(&doc),
        None => Err(ApiError::not_found("terminal")),
    }
}

/// `POST /v1/terminals/{id}/heartbeat`: keeps the latest heartbeat of each terminal.
pub fn heartbeat(
    conn: &mut Connection,
    ctx: &Ctx,
    terminal_id: &str,
    hb: &Heartbeat,
) -> Result<HeartbeatAck, ApiError> {
    check_id("terminal_id", terminal_id)?;
    check_id("app_version", &hb.app_version)?;
    if !catalogue::hall_exists(conn, &hb.hall_id)? {
        return Err(ApiError::not_found("hall"));
    }
    let config_version = match terminal_config(conn, terminal_id) {
        Ok(config) if config.hall_id != hb.hall_id => {
            return Err(ApiError::invalid("hall_id", "the terminal belongs to another hall"));
        }
        Ok(config) => config.version,
        Err(e) if e.code == ErrorCode::NotFound => 0,
        Err(e) => return Err(e),
    };
    let uptime = i64::try_from(hb.uptime_s).unwrap_or(i64::MAX);
    conn.execute(
        "INSERT INTO terminal_status (terminal_id, hall_id, status, app_version, outbox_depth, uptime_s, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (terminal_id) DO UPDATE SET hall_id = excluded.hall_id, status = excluded.status,
           app_version = excluded.app_version, outbox_depth = excluded.outbox_depth,
           uptime_s = excluded.uptime_s, received_at = excluded.received_at",
        params![terminal_id, hb.hall_id, enum_name(&hb.status)?, hb.app_version, hb.outbox_depth, uptime, ctx.now_str()],
    )?;
    Ok(HeartbeatAck { server_time: ctx.now_str(), config_version })
}

fn assist_request(conn: &Connection, id: &str) -> Result<AssistRequest, ApiError> {
    let row = conn
        .query_row(
            "SELECT id, hall_id, terminal_id, status, context, created_at, staff_id FROM assist_requests WHERE id = ?1",
            [id],
            assist_row,
        )
        .optional()?;
    match row {
        Some(row) => row.into_request(),
        None => Err(ApiError::not_found("assist request")),
    }
}

struct AssistRow {
    id: String,
    hall_id: String,
    terminal_id: String,
    status: String,
    context: Option<String>,
    created_at: String,
    staff_id: Option<String>,
}

fn assist_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AssistRow> {
    Ok(AssistRow {
        id: r.get(0)?,
        hall_id: r.get(1)?,
        terminal_id: r.get(2)?,
        status: r.get(3)?,
        context: r.get(4)?,
        created_at: r.get(5)?,
        staff_id: r.get(6)?,
    })
}

impl AssistRow {
    fn into_request(self) -> Result<AssistRequest, ApiError> {
        Ok(AssistRequest {
            id: self.id,
            hall_id: self.hall_id,
            terminal_id: self.terminal_id,
            status: parse_enum(&self.status)?,
            context: self.context,
            created_at: self.created_at,
            staff_id: self.staff_id,
        })
    }
}

pub fn create_assist(
    conn: &mut Connection,
    ctx: &Ctx,
    req: &AssistRequestNew,
) -> Result<AssistRequest, ApiError> {
    check_id("terminal_id", &req.terminal_id)?;
    if req.context.as_deref().is_some_and(|c| c.chars().count() > MAX_CONTEXT_CHARS) {
        return Err(ApiError::invalid(
            "context",
            format!("context is longer than {MAX_CONTEXT_CHARS} characters"),
        ));
    }
    if !catalogue::hall_exists(conn, &req.hall_id)? {
        return Err(ApiError::not_found("hall"));
    }
    let id = new_token();
    conn.execute(
        "INSERT INTO assist_requests (id, hall_id, terminal_id, status, context, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id,
            req.hall_id,
            req.terminal_id,
            enum_name(&AssistStatus::Open)?,
            req.context,
            ctx.now_str()
        ],
    )?;
    tracing::info!(assist_id = %id, "assist request opened");
    assist_request(conn, &id)
}

pub fn list_assist(
    conn: &Connection,
    hall_id: &str,
    status: Option<AssistStatus>,
) -> Result<AssistRequestList, ApiError> {
    if !catalogue::hall_exists(conn, hall_id)? {
        return Err(ApiError::not_found("hall"));
    }
    let status = status.map(|s| enum_name(&s)).transpose()?;
    let mut stmt = conn.prepare(
        "SELECT id, hall_id, terminal_id, status, context, created_at, staff_id FROM assist_requests
          WHERE hall_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY created_at, rowid",
    )?;
    let rows = stmt.query_map(params![hall_id, status], assist_row)?.collect::<Result<Vec<_>, _>>()?;
    let requests = rows.into_iter().map(AssistRow::into_request).collect::<Result<Vec<_>, _>>()?;
    Ok(AssistRequestList { requests })
}

/// Accept (`OPEN → ACCEPTED`) or close (`OPEN | ACCEPTED → CLOSED`) an assist request.
pub fn move_assist(
    conn: &mut Connection,
    ctx: &Ctx,
    id: &str,
    action: &AssistAction,
    to: AssistStatus,
) -> Result<AssistRequest, ApiError> {
    let current = assist_request(conn, id)?;
    if !staff_in_hall(conn, &action.staff_id, &current.hall_id)? {
        return Err(ApiError::invalid("staff_id", "no such staff member in this hall"));
    }
    let allowed = matches!(
        (current.status, to),
        (AssistStatus::Open, AssistStatus::Accepted)
            | (AssistStatus::Open | AssistStatus::Accepted, AssistStatus::Closed)
    );
    if !allowed {
        return Err(ApiError::new(
            ErrorCode::InvalidState,
            format!("the assist request is {:?} and cannot become {:?}", current.status, to),
        ));
    }
    let staff = current.staff_id.clone().unwrap_or_else(|| action.staff_id.clone());
    let staff = if to == AssistStatus::Accepted { action.staff_id.clone() } else { staff };
    conn.execute(
        "UPDATE assist_requests SET status = ?1, staff_id = ?2, updated_at = ?3 WHERE id = ?4",
        params![enum_name(&to)?, staff, ctx.now_str(), id],
    )?;
    tracing::info!(assist_id = %id, staff_id = %action.staff_id, status = ?to, "assist request moved");
    assist_request(conn, id)
}
