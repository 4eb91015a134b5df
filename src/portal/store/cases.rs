//! Submitting applications and verifications (`POST /v1/applications`): idempotent,
//! validated completely before one transaction writes the case.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use time::Date;

use super::deferred::{deferred_materials, masked_answers};
use super::identity::{ALLOWANCE_AGE, check_id, citizen, citizen_for_token, staff_in_hall};
use super::queries::random_code;
use super::{Ctx, case_view, catalogue, enum_name, to_json};
use crate::core::answers::check_all;
use crate::core::mask;
use crate::core::model::{
    Agent, Answers, Application, ApplicationMode, ApplicationRequest, CaseStatus, DeferredMaterial,
    ErrorCode, MatterKind, NO, Text, TimeUnit,
};
use crate::core::validate::{self, IdNumber};
use crate::portal::clock::{add_days, add_one_year, add_working_days, compact_date, iso_date};
use crate::portal::digest::sha256_hex;
use crate::portal::error::ApiError;
use crate::portal::{known, texts};

/// The longest `Idempotency-Key` accepted.
pub const MAX_KEY_LEN: usize = 200;

/// Whether a submission made a new case or replayed an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Replayed,
}

/// `POST /v1/applications`. `canonical` is the request body re-serialised
/// (object keys sorted), so equal bodies compare equal whatever their layout.
pub fn submit(
    conn: &mut Connection,
    ctx: &Ctx,
    token: Option<&str>,
    idempotency_key: Option<&str>,
    canonical: &str,
    req: &ApplicationRequest,
) -> Result<(Application, Outcome), ApiError> {
    let id_number = citizen_for_token(conn, ctx, token)?;
    let key = match idempotency_key.map(str::trim) {
        None | Some("") => {
            return Err(ApiError::new(
                ErrorCode::MissingIdempotencyKey,
                "an Idempotency-Key header is required",
            ));
        }
        Some(k) if k.len() > MAX_KEY_LEN || !k.bytes().all(|b| b.is_ascii_graphic()) => {
            return Err(ApiError::invalid(
                "Idempotency-Key",
                format!("the Idempotency-Key must be at most {MAX_KEY_LEN} visible ASCII characters"),
            ));
        }
        Some(k) => k,
    };
    let digest = sha256_hex(canonical.as_bytes());
    let earlier: Option<(String, String, String)> = conn
        .query_row(
            "SELECT id_number, request_sha256, case_no FROM idempotency_keys WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((owner, earlier_digest, case_no)) = earlier {
        if owner == id_number && earlier_digest == digest {
            tracing::info!(case_no = %case_no, "application replayed");
            return Ok((case_view::application(conn, &case_no)?, Outcome::Replayed));
        }
        return Err(ApiError::new(
            ErrorCode::IdempotencyConflict,
            "this Idempotency-Key was already used for a different request",
        ));
    }
    let plan = plan(conn, ctx, &id_number, req)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let case_no = write_case(&tx, ctx, &id_number, req, &plan)?;
    tx.execute(
        "INSERT INTO idempotency_keys (key, id_number, request_sha256, case_no, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key, id_number, digest, case_no, ctx.now_str()],
    )?;
    tx.commit()?;
    tracing::info!(case_no = %case_no, matter_id = %req.matter_id, mode = ?req.mode, "case created");
    Ok((case_view::application(conn, &case_no)?, Outcome::Created))
}

/// Everything a valid submission writes, decided before writing anything.
#[derive(Debug, Clone)]
struct Plan {
    status: CaseStatus,
    helper_staff_id: Option<String>,
    agent: Option<Agent>,
    promised_by: Option<String>,
    outcome: Option<Text>,
    next_steps: Text,
    stored_answers: Answers,
    deferred: Vec<DeferredMaterial>,
    /// Verifications: the next due date of the pension check.
    pension_next_due: Option<Date>,
}

fn plan(conn: &Connection, ctx: &Ctx, id_number: &str, req: &ApplicationRequest) -> Result<Plan, ApiError> {
    let matter = catalogue::matter(conn, &req.matter_id)?;
    if !catalogue::hall_exists(conn, &req.hall_id)? {
        return Err(ApiError::not_found("hall"));
    }
    if !matches!(matter.kind, MatterKind::Application | MatterKind::Verification) {
        return Err(ApiError::new(
            ErrorCode::WrongKind,
            "this matter is a query; use POST /v1/queries/{matter_id}",
        ));
    }
    if req.schema_version != matter.form_schema_version {
        return Err(ApiError::new(
            ErrorCode::SchemaOutdated,
            format!(
                "form schema version {} is not current; fetch version {}",
                req.schema_version, matter.form_schema_version
            ),
        ));
    }
    check_id("terminal_id", &req.terminal_id)?;
    let form = catalogue::form_schema(conn, &req.matter_id, Some(matter.form_schema_version))?;
    let answers =
        check_all(&form, &req.answers, ctx.today).map_err(|p| ApiError::problem(p.field, p.problem))?;
    let (helper_staff_id, agent) = check_mode(conn, ctx, id_number, req, matter.proxy.allowed)?;
    if let Some(bundle_id) = &req.bundle_id {
        let member = catalogue::bundle(conn, bundle_id)?.is_some_and(|b| b.members.contains(&req.matter_id));
        if !member {
            return Err(ApiError::invalid("bundle_id", "no such bundle with this matter"));
        }
    }
    let person =
        citizen(conn, id_number)?.ok_or_else(|| ApiError::unauthorized("the session's citizen is gone"))?;
    let mut plan = Plan {
        status: CaseStatus::Submitted,
        helper_staff_id,
        agent,
        promised_by: None,
        outcome: None,
        next_steps: matter.next_steps.clone(),
        stored_answers: masked_answers(&form, &answers),
        deferred: Vec::new(),
        pension_next_due: None,
    };
    if matter.kind == MatterKind::Verification {
        if answers.get(known::FIELD_CONFIRM_IDENTITY).is_some_and(|v| v == NO) {
            return Err(ApiError::invalid(
                known::FIELD_CONFIRM_IDENTITY,
                "the citizen did not confirm the identity shown",
            ));
        }
        let has_pension = conn
            .query_row("SELECT 1 FROM pensions WHERE id_number = ?1", [id_number], |_| Ok(()))
            .optional()?
            .is_some();
        if !has_pension {
            return Err(ApiError::invalid(
                "matter_id",
                "the citizen draws no pension, so there is nothing to check",
            ));
        }
        let next_due = add_one_year(ctx.today);
        plan.status = CaseStatus::Completed;
        plan.outcome = Some(texts::verification_passed(next_due, ctx.today));
        plan.pension_next_due = Some(next_due);
        return Ok(plan);
    }
    if req.matter_id == known::OLD_AGE_ALLOWANCE {
        let age = IdNumber::parse(id_number, ctx.today).map(|id| id.age_on(ctx.today)).unwrap_or(0);
        if age < ALLOWANCE_AGE {
            return Err(ApiError::invalid(
                "age",
                format!("the old-age allowance starts at {ALLOWANCE_AGE}; the applicant is {age}"),
            ));
        }
        if answers.get(known::FIELD_HUKOU_CONFIRM).is_some_and(|v| v == NO) {
            return Err(ApiError::invalid(
                known::FIELD_HUKOU_CONFIRM,
                "the allowance needs a household registration here",
            ));
        }
        let district: String =
            conn.query_row("SELECT district_code FROM halls WHERE id = ?1", [&req.hall_id], |r| r.get(0))?;
        if person.hukou_region.get(..6) != Some(district.as_str()) {
            return Err(ApiError::invalid(
                "hukou_region",
                "the household registration is not in this hall's district",
            ));
        }
    }
    plan.deferred = deferred_materials(&matter, &form, &answers, ctx.today);
    plan.promised_by = Some(iso_date(match matter.time_limit.unit {
        TimeUnit::WorkingDay => add_working_days(ctx.today, matter.time_limit.value),
        TimeUnit::Day => add_days(ctx.today, matter.time_limit.value),
        TimeUnit::Minute => ctx.today,
    }));
    Ok(plan)
}

/// Who is helping: the checked helper staff id and proxy agent (ID normalised).
fn check_mode(
    conn: &Connection,
    ctx: &Ctx,
    id_number: &str,
    req: &ApplicationRequest,
    proxy_allowed: bool,
) -> Result<(Option<String>, Option<Agent>), ApiError> {
    let helper = match (&req.mode, &req.helper_staff_id) {
        (ApplicationMode::SelfService, _) => None,
        (_, Some(staff)) if staff_in_hall(conn, staff, &req.hall_id)? => Some(staff.clone()),
        (ApplicationMode::Assisted, _) | (_, Some(_)) => {
            return Err(ApiError::invalid(
                "helper_staff_id",
                "an assisted application needs a staff member of this hall",
            ));
        }
        (ApplicationMode::Proxy, None) => None,
    };
    if req.mode != ApplicationMode::Proxy {
        return Ok((helper, None));
    }
    if !proxy_allowed {
        return Err(ApiError::invalid("mode", "this matter cannot be applied for by someone else"));
    }
    let Some(agent) = &req.agent else {
        return Err(ApiError::invalid("agent", "a proxy application needs the agent's details"));
    };
    let agent_id = IdNumber::parse(agent.id_number.expose(), ctx.today)
        .map_err(|p| ApiError::problem("agent.id_number", p))?;
    if agent_id.as_str() == id_number {
        return Err(ApiError::invalid(
            "agent.id_number",
            "the agent must be someone other than the applicant",
        ));
    }
    let name = agent.name.expose().trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(ApiError::invalid("agent.name", "the agent's name is missing or too long"));
    }
    let phone = match &agent.phone {
        Some(p) => Some(validate::phone(p.expose()).map_err(|e| ApiError::problem("agent.phone", e))?.into()),
        None => None,
    };
    Ok((
        helper,
        Some(Agent { name: name.into(), id_number: agent_id.as_str().into(), phone, ..agent.clone() }),
    ))
}

/// Allocates `YB` + yyyyMMdd + a 6-digit daily sequence.
fn allocate_case_no(tx: &Transaction<'_>, today: Date) -> Result<String, ApiError> {
    let day = compact_date(today);
    loop {
        let seq: i64 = tx.query_row(
            "INSERT INTO case_numbers (day, last_seq) VALUES (?1, 1)
             ON CONFLICT (day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
            [&day],
            |r| r.get(0),
        )?;
        if seq > 999_999 {
            tracing::error!("daily case numbers exhausted");
            return Err(ApiError::internal());
        }
        let case_no = format!("YB{day}{seq:06}");
        let taken =
            tx.query_row("SELECT 1 FROM cases WHERE case_no = ?1", [&case_no], |_| Ok(())).optional()?;
        if taken.is_none() {
            return Ok(case_no);
        }
    }
}

/// A fresh lookup code printed on the receipt.
pub(crate) fn allocate_lookup_code(tx: &Transaction<'_>) -> Result<String, ApiError> {
    loop {
        let code = random_code(8);
        let taken =
            tx.query_row("SELECT 1 FROM cases WHERE lookup_code = ?1", [&code], |_| Ok(())).optional()?;
        if taken.is_none() {
            return Ok(code);
        }
    }
}

fn write_case(
    tx: &Transaction<'_>,
    ctx: &Ctx,
    id_number: &str,
    req: &ApplicationRequest,
    plan: &Plan,
) -> Result<String, ApiError> {
    let case_no = allocate_case_no(tx, ctx.today)?;
    let lookup_code = allocate_lookup_code(tx)?;
    let agent = plan.agent.as_ref();
    let now = ctx.now_str();
    tx.execute(
        "INSERT INTO cases (case_no, matter_id, schema_version, id_number, hall_id, terminal_id, status, mode,
            helper_staff_id, agent_name, agent_id_number, agent_relationship, agent_authorization, agent_phone,
            bundle_id, submitted_at, promised_by, outcome, next_steps, answers, lookup_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            case_no,
            req.matter_id,
            req.schema_version,
            id_number,
            req.hall_id,
            req.terminal_id,
            enum_name(&plan.status)?,
            enum_name(&req.mode)?,
            plan.helper_staff_id,
            agent.map(|a| a.name.expose()),
            agent.map(|a| a.id_number.expose()),
            agent.map(|a| enum_name(&a.relationship)).transpose()?,
            agent.map(|a| enum_name(&a.authorization)).transpose()?,
            agent.and_then(|a| a.phone.as_ref().map(|p| mask::phone(p.expose()))),
            req.bundle_id,
            now,
            plan.promised_by,
            plan.outcome.as_ref().map(to_json).transpose()?,
            to_json(&plan.next_steps)?,
            to_json(&plan.stored_answers)?,
            lookup_code,
        ],
    )?;
    let mut event = tx.prepare(
        "INSERT INTO case_events (case_no, status, at, note, staff_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let submitted = Some(to_json(&texts::submitted_timeline_note())?);
    event.execute(params![
        case_no,
        enum_name(&CaseStatus::Submitted)?,
        now,
        submitted,
        plan.helper_staff_id
    ])?;
    if plan.status != CaseStatus::Submitted {
        let note = Some(to_json(&texts::verification_timeline_note())?);
        event.execute(params![case_no, enum_name(&plan.status)?, now, note, plan.helper_staff_id])?;
    }
    for (position, d) in plan.deferred.iter().enumerate() {
        tx.execute(
            "INSERT INTO deferred_materials (case_no, code, name, due_by, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![case_no, d.code, to_json(&d.name)?, d.due_by, position],
        )?;
    }
    if let Some(next_due) = plan.pension_next_due {
        tx.execute(
            "UPDATE pensions SET last_check = ?1, next_due = ?2 WHERE id_number = ?3",
            params![iso_date(ctx.today), iso_date(next_due), id_number],
        )?;
    }
    Ok(case_no)
}
