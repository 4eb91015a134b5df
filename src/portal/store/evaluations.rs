//! 好差评: one evaluation per case plus one follow-up, channel 5 (hall terminal).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::identity::{check_id, citizen_for_token, staff_in_hall};
use super::{Ctx, catalogue, enum_name, new_token, to_json};
use crate::core::model::{CHANNEL_HALL_TERMINAL, ErrorCode, Evaluation, EvaluationKind, EvaluationRequest};
use crate::portal::error::ApiError;

/// The longest free text of an evaluation, in characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// `POST /v1/evaluations` (the case owner's token).
pub fn evaluate(
    conn: &mut Connection,
    ctx: &Ctx,
    token: Option<&str>,
    req: &EvaluationRequest,
) -> Result<Evaluation, ApiError> {
    let id_number = citizen_for_token(conn, ctx, token)?;
    let case: Option<(String, Option<String>, String)> = conn
        .query_row(
            "SELECT id_number, helper_staff_id, hall_id FROM cases WHERE case_no = ?1",
            [&req.case_no],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (helper, hall_id) = match case {
        Some((owner, helper, hall_id)) if owner == id_number => (helper, hall_id),
        _ => return Err(ApiError::not_found("case")),
    };
    let count: i64 =
        conn.query_row("SELECT COUNT(*) FROM evaluations WHERE case_no = ?1", [&req.case_no], |r| r.get(0))?;
    let kind = match count {
        0 => EvaluationKind::First,
        1 => EvaluationKind::FollowUp,
        _ => {
            return Err(ApiError::new(
                ErrorCode::EvaluationLimit,
                "this case already has its evaluation and its follow-up",
            ));
        }
    };
    check_id("terminal_id", &req.terminal_id)?;
    if req.level.is_bad() && req.reasons.is_empty() {
        return Err(ApiError::new(ErrorCode::ReasonRequired, "a bad rating needs at least one reason")
            .with_field("reasons"));
    }
    let list = catalogue::reasons(conn)?;
    let mut reasons: Vec<String> = Vec::with_capacity(req.reasons.len());
    for code in &req.reasons {
        if !list.reasons.iter().any(|r| &r.code == code) {
            return Err(ApiError::invalid("reasons", "a reason code is not in the current reason list"));
        }
        if !reasons.contains(code) {
            reasons.push(code.clone());
        }
    }
    let text = req.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS) {
        return Err(ApiError::invalid(
            "text",
            format!("the text is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    let staff_id = match &req.staff_id {
        Some(staff) if staff_in_hall(conn, staff, &hall_id)? => Some(staff.clone()),
        Some(_) => return Err(ApiError::invalid("staff_id", "no such staff member in the case's hall")),
        None => helper,
    };
    let evaluation = Evaluation {
        id: new_token(),
        case_no: req.case_no.clone(),
        kind,
        level: req.level,
        level_code: req.level.gb_code(),
        channel: CHANNEL_HALL_TERMINAL,
        terminal_id: req.terminal_id.clone(),
        reasons,
        staff_id,
        created_at: ctx.now_str(),
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO evaluations (id, case_no, kind, level, level_code, channel, terminal_id, reasons,
            reasons_version, text, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            evaluation.id,
            evaluation.case_no,
            enum_name(&evaluation.kind)?,
            enum_name(&evaluation.level)?,
            evaluation.level_code,
            evaluation.channel,
            evaluation.terminal_id,
            to_json(&evaluation.reasons)?,
            list.version,
            text,
            evaluation.staff_id,
            evaluation.created_at,
        ],
    )?;
    tx.commit()?;
    tracing::info!(case_no = %evaluation.case_no, kind = ?kind, level_code = evaluation.level_code, "case evaluated");
    Ok(evaluation)
}
