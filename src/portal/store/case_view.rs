//! Reading cases back (owner token or lookup code), receipts, and staff moving a
//! case along its lifecycle.

use rusqlite::{Connection, OptionalExtension, params};

use super::identity::{StaffAuth, citizen, citizen_for_token, staff_for_token};
use super::{Ctx, catalogue, enum_name, from_json, parse_enum, to_json};
use crate::core::mask;
use crate::core::model::{
    Application, CaseStatus, DeferredMaterial, ErrorCode, Receipt, StatusChange, Text, TimelineEntry,
};
use crate::portal::error::ApiError;

/// The case as the API shows it.
pub fn application(conn: &Connection, case_no: &str) -> Result<Application, ApiError> {
    let row = conn
        .query_row(
            "SELECT case_no, matter_id, status, mode, helper_staff_id, agent_name, bundle_id, submitted_at,
                    promised_by, outcome, next_steps, answers, lookup_code
               FROM cases WHERE case_no = ?1",
            [case_no],
            |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ),
                    (
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ),
                    (r.get::<_, String>(7)?, r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?),
                    (r.get::<_, String>(10)?, r.get::<_, String>(11)?, r.get::<_, String>(12)?),
                ))
            },
        )
        .optional()?;
    let Some((
        (case_no, matter_id, status, mode),
        (helper_staff_id, agent_name, bundle_id),
        (submitted_at, promised_by, outcome),
        (next_steps, answers, lookup_code),
    )) = row
    else {
        return Err(ApiError::not_found("case"));
    };
    Ok(Application {
        timeline: timeline(conn, &case_no)?,
        deferred_materials: deferred(conn, &case_no)?,
        case_no,
        matter_id,
        status: parse_enum(&status)?,
        mode: parse_enum(&mode)?,
        helper_staff_id,
        agent_name_masked: agent_name.as_deref().map(mask::name),
        bundle_id,
        submitted_at,
        promised_by,
        outcome: outcome.as_deref().map(from_json).transpose()?,
        next_steps: from_json(&next_steps)?,
        answers: from_json(&answers)?,
        lookup_code,
    })
}

fn timeline(conn: &Connection, case_no: &str) -> Result<Vec<TimelineEntry>, ApiError> {
    let mut stmt = conn.prepare("SELECT status, at, note FROM case_events WHERE case_no = ?1 ORDER BY id")?;
    let rows = stmt
        .query_map([case_no], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(status, at, note)| {
            Ok(TimelineEntry {
                status: parse_enum(&status)?,
                at,
                note: note.as_deref().map(from_json).transpose()?,
            })
        })
        .collect()
}

fn deferred(conn: &Connection, case_no: &str) -> Result<Vec<DeferredMaterial>, ApiError> {
    let mut stmt = conn
        .prepare("SELECT code, name, due_by FROM deferred_materials WHERE case_no = ?1 ORDER BY position")?;
    let rows = stmt
        .query_map([case_no], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(code, name, due_by)| Ok(DeferredMaterial { code, name: from_json(&name)?, due_by }))
        .collect()
}

/// Checks the caller may see the case: its owner's token, or its lookup code.
/// Without either: 401. A wrong code or someone else's case: 404.
pub fn authorize_view(
    conn: &Connection,
    ctx: &Ctx,
    case_no: &str,
    token: Option<&str>,
    lookup_code: Option<&str>,
) -> Result<(), ApiError> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT id_number, lookup_code FROM cases WHERE case_no = ?1", [case_no], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let code_given = lookup_code.map(str::trim).filter(|c| !c.is_empty());
    if let (Some(code), Some((_, stored))) = (code_given, &row)
        && stored.eq_ignore_ascii_case(code)
    {
        return Ok(());
    }
    if token.is_none() && code_given.is_some() {
        return Err(ApiError::not_found("case"));
    }
    let id_number = citizen_for_token(conn, ctx, token)?;
    match row {
        Some((owner, _)) if owner == id_number => Ok(()),
        _ => Err(ApiError::not_found("case")),
    }
}

/// `GET /v1/applications/{case_no}`.
pub fn view(
    conn: &Connection,
    ctx: &Ctx,
    case_no: &str,
    token: Option<&str>,
    lookup_code: Option<&str>,
) -> Result<Application, ApiError> {
    authorize_view(conn, ctx, case_no, token, lookup_code)?;
    application(conn, case_no)
}

/// `GET /v1/applications/{case_no}/receipt`: masked.
pub fn receipt(
    conn: &Connection,
    ctx: &Ctx,
    case_no: &str,
    token: Option<&str>,
    lookup_code: Option<&str>,
) -> Result<Receipt, ApiError> {
    authorize_view(conn, ctx, case_no, token, lookup_code)?;
    let app = application(conn, case_no)?;
    let (id_number, hall_id): (String, String) =
        conn.query_row("SELECT id_number, hall_id FROM cases WHERE case_no = ?1", [case_no], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let person = citizen(conn, &id_number)?.ok_or_else(|| ApiError::not_found("citizen of the case"))?;
    let matter_name = catalogue::matter(conn, &app.matter_id).map(|m| m.name).unwrap_or_default();
    let hall_name = catalogue::hall(conn, &hall_id).map(|h| h.name).unwrap_or_default();
    Ok(Receipt {
        qr_payload: format!("YIBAN-CASE:{}:{}", app.case_no, app.lookup_code),
        case_no: app.case_no,
        matter_name,
        hall_name,
        applicant_name_masked: mask::name(&person.name),
        id_number_masked: mask::id_number(&id_number),
        agent_name_masked: app.agent_name_masked,
        submitted_at: app.submitted_at,
        promised_by: app.promised_by,
        next_steps: app.next_steps,
        deferred_materials: app.deferred_materials,
        lookup_code: app.lookup_code,
    })
}

/// `POST /v1/applications/{case_no}/status` (staff of the case's hall).
pub fn change_status(
    conn: &mut Connection,
    ctx: &Ctx,
    token: Option<&str>,
    case_no: &str,
    change: &StatusChange,
) -> Result<Application, ApiError> {
    let staff: StaffAuth = staff_for_token(conn, ctx, token)?;
    if staff.staff_id != change.staff_id {
        return Err(ApiError::new(ErrorCode::Forbidden, "staff_id is not the signed-in staff member"));
    }
    let row: Option<(String, String)> = conn
        .query_row("SELECT status, hall_id FROM cases WHERE case_no = ?1", [case_no], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((status, hall_id)) = row else {
        return Err(ApiError::not_found("case"));
    };
    if hall_id != staff.hall_id {
        return Err(ApiError::new(ErrorCode::Forbidden, "the case belongs to another hall"));
    }
    let from: CaseStatus = parse_enum(&status)?;
    if !from.can_move_to(change.status) {
        return Err(ApiError::new(
            ErrorCode::InvalidTransition,
            format!("a case cannot move from {from:?} to {:?}", change.status),
        ));
    }
    let note: Option<&Text> = change.note.as_ref().filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.0.values().any(|v| v.chars().count() > 500)) {
        return Err(ApiError::invalid("note", "the note is longer than 500 characters"));
    }
    let tx = conn.transaction()?;
    let now = ctx.now_str();
    tx.execute(
        "UPDATE cases SET status = ?1 WHERE case_no = ?2",
        params![enum_name(&change.status)?, case_no],
    )?;
    tx.execute(
        "INSERT INTO case_events (case_no, status, at, note, staff_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case_no, enum_name(&change.status)?, now, note.map(to_json).transpose()?, staff.staff_id],
    )?;
    tx.execute(
        "INSERT INTO staff_audit (staff_id, action, case_no, at) VALUES (?1, ?2, ?3, ?4)",
        params![staff.staff_id, format!("STATUS_{}", enum_name(&change.status)?), case_no, now],
    )?;
    tx.commit()?;
    tracing::info!(case_no, staff_id = %staff.staff_id, from = ?from, to = ?change.status, "case status changed");
    application(conn, case_no)
}
