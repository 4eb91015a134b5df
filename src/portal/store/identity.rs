//! Identity sessions of citizens (with what is due for them), staff sessions, and
//! looking up who a bearer token belongs to.

use rusqlite::{Connection, OptionalExtension, params};
use time::Duration;

use super::{Ctx, catalogue, enum_name, from_json, new_token, parse_enum};
use crate::core::mask;
use crate::core::model::{
    CaseStatus, Citizen, DueItem, DueKind, ErrorCode, IdentityMethod, IdentityRequest, IdentitySession,
    MatterKind, Sex, StaffSession, StaffSignIn, Text,
};
use crate::core::personal::Personal;
use crate::core::validate::{self, IdNumber};
use crate::portal::clock::{self, iso_date};
use crate::portal::digest::sha256_hex;
use crate::portal::error::ApiError;
use crate::portal::{known, texts};

/// How long a citizen's identity session lasts.
pub const SESSION_MINUTES: i64 = 30;
/// How long a staff session lasts.
pub const STAFF_SESSION_HOURS: i64 = 8;
/// The pension check is offered this many days before it is due.
pub const PENSION_DUE_WINDOW_DAYS: i64 = 60;
/// The age from which the old-age allowance is paid.
pub const ALLOWANCE_AGE: u32 = 80;
/// The longest id-like string (hall, terminal, staff ids) the portal accepts.
pub const MAX_ID_LEN: usize = 64;

/// A citizen as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRow {
    pub id_number: String,
    pub name: String,
    pub sex: Sex,
    pub phone: Option<String>,
    pub hukou_region: String,
}

pub fn citizen(conn: &Connection, id_number: &str) -> Result<Option<CitizenRow>, ApiError> {
    let row = conn
        .query_row(
            "SELECT id_number, name, sex, phone, hukou_region FROM citizens WHERE id_number = ?1",
            [id_number],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id_number, name, sex, phone, hukou_region)| {
        Ok(CitizenRow { id_number, name, sex: parse_enum(&sex)?, phone, hukou_region })
    })
    .transpose()
}

/// A short id (hall, terminal, staff): present and not absurdly long.
pub fn check_id(field: &str, value: &str) -> Result<(), ApiError> {
    if value.trim().is_empty() {
        return Err(ApiError::invalid(field, format!("{field} is missing")));
    }
    if value.chars().count() > MAX_ID_LEN {
        return Err(ApiError::invalid(field, format!("{field} is longer than {MAX_ID_LEN} characters")));
    }
    Ok(())
}

/// Names compare equal whatever middle dot the card reader used.
fn same_name(a: &str, b: &str) -> bool {
    let norm =
        |s: &str| -> String {
            s.trim()
                .chars()
                .map(|c| {
                    if matches!(c, '\u{30FB}' | '\u{2022}' | '\u{2027}' | '\u{FF0E}') {
                        '\u{00B7}'
                    } else {
                        c
                    }
                })
                .filter(|c| !c.is_whitespace())
                .collect()
        };
    norm(a) == norm(b)
}

/// `POST /v1/identity/sessions`.
pub fn create_session(
    conn: &mut Connection,
    ctx: &Ctx,
    req: &IdentityRequest,
) -> Result<IdentitySession, ApiError> {
    let id =
        IdNumber::parse(req.id_number.expose(), ctx.today).map_err(|p| ApiError::problem("id_number", p))?;
    check_id("terminal_id", &req.terminal_id)?;
    let hall = catalogue::hall(conn, &req.hall_id)?;
    let row = citizen(conn, id.as_str())?.ok_or_else(|| {
        ApiError::new(ErrorCode::CitizenNotFound, "the portal has no record of this citizen")
    })?;
    if req.method == IdentityMethod::CardRead {
        match req.name.as_ref().map(Personal::expose) {
            Some(name) if same_name(name, &row.name) => {}
            Some(_) => {
                return Err(ApiError::invalid(
                    "name",
                    "the name read from the card does not match the record",
                ));
            }
            None => return Err(ApiError::invalid("name", "a card read must send the name on the card")),
        }
    }
    let token = new_token();
    let expires = ctx.now.checked_add(Duration::minutes(SESSION_MINUTES)).unwrap_or(ctx.now);
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM identity_sessions WHERE expires_at <= ?1", [ctx.unix()])?;
    tx.execute(
        "INSERT INTO identity_sessions (token, id_number, hall_id, terminal_id, method, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            token,
            row.id_number,
            hall.id,
            req.terminal_id,
            enum_name(&req.method)?,
            ctx.now_str(),
            expires.unix_timestamp()
        ],
    )?;
    tx.commit()?;
    let age = id.age_on(ctx.today);
    let citizen = Citizen {
        name: row.name.clone().into(),
        id_number_masked: mask::id_number(id.as_str()),
        sex: row.sex,
        birth_date: iso_date(id.birth_date()),
        age,
        local_hukou: row.hukou_region.get(..6) == Some(hall.district_code.as_str()),
        hukou_region: row.hukou_region.clone(),
        phone_masked: row.phone.as_deref().map(mask::phone),
    };
    let due = due_items(conn, ctx, &row.id_number, age)?;
    tracing::info!(method = ?req.method, due = due.len(), "identity session opened");
    Ok(IdentitySession { token: token.into(), expires_at: clock::rfc3339(expires), citizen, due })
}

/// What is due for a citizen: the pension check, supplements, new eligibility.
pub fn due_items(conn: &Connection, ctx: &Ctx, id_number: &str, age: u32) -> Result<Vec<DueItem>, ApiError> {
    let mut due = Vec::new();
    let next_due: Option<String> = conn
        .query_row("SELECT next_due FROM pensions WHERE id_number = ?1", [id_number], |r| r.get(0))
        .optional()?;
    if let (Some(next_due), Some(matter_id)) = (next_due, verification_matter(conn)?)
        && let Ok(date) = validate::date(&next_due)
        && date - ctx.today <= Duration::days(PENSION_DUE_WINDOW_DAYS)
    {
        due.push(DueItem {
            kind: DueKind::PensionCheckDue,
            matter_id,
            case_no: None,
            due_date: Some(iso_date(date)),
            message: texts::pension_check_due(date, date < ctx.today, ctx.today),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT c.case_no, c.matter_id,
                (SELECT note FROM case_events e WHERE e.case_no = c.case_no ORDER BY e.id DESC LIMIT 1)
           FROM cases c WHERE c.id_number = ?1 AND c.status = ?2 ORDER BY c.submitted_at",
    )?;
    let waiting = stmt
        .query_map(params![id_number, enum_name(&CaseStatus::NeedsSupplement)?], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (case_no, matter_id, note) in waiting {
        let name = catalogue::matter(conn, &matter_id).map(|m| m.elder_name).unwrap_or_default();
        let note: Option<Text> = note.map(|n| from_json(&n)).transpose()?;
        due.push(DueItem {
            kind: DueKind::SupplementNeeded,
            message: texts::supplement_needed(&name, &case_no, note.as_ref()),
            matter_id,
            case_no: Some(case_no),
            due_date: None,
        });
    }
    if age >= ALLOWANCE_AGE && catalogue::matter_kind(conn, known::OLD_AGE_ALLOWANCE).is_ok() {
        let has_case: bool = conn
            .query_row(
                "SELECT 1 FROM cases WHERE id_number = ?1 AND matter_id = ?2 LIMIT 1",
                params![id_number, known::OLD_AGE_ALLOWANCE],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !has_case {
            due.push(DueItem {
                kind: DueKind::NewlyEligible,
                matter_id: known::OLD_AGE_ALLOWANCE.to_owned(),
                case_no: None,
                due_date: None,
                message: texts::newly_eligible_allowance(age),
            });
        }
    }
    Ok(due)
}

/// The pension check matter: the first VERIFICATION matter of the catalogue.
pub fn verification_matter(conn: &Connection) -> Result<Option<String>, ApiError> {
    let kind = enum_name(&MatterKind::Verification)?;
    Ok(conn
        .query_row(
            "SELECT m.id FROM matters m JOIN matter_versions v
               ON v.matter_id = m.id AND v.version = m.current_version
             WHERE v.kind = ?1 ORDER BY m.position LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .optional()?)
}

/// `DELETE /v1/identity/sessions/{token}`: idempotent.
pub fn logout(conn: &Connection, token: &str) -> Result<(), ApiError> {
    conn.execute("DELETE FROM identity_sessions WHERE token = ?1", [token])?;
    Ok(())
}

/// The citizen (ID number) a bearer token belongs to; 401 when missing, unknown or expired.
pub fn citizen_for_token(conn: &Connection, ctx: &Ctx, token: Option<&str>) -> Result<String, ApiError> {
    let token = token.ok_or_else(|| ApiError::unauthorized("a citizen bearer token is required"))?;
    conn.query_row(
        "SELECT id_number FROM identity_sessions WHERE token = ?1 AND expires_at > ?2",
        params![token, ctx.unix()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| ApiError::unauthorized("the identity session is unknown or has expired"))
}

/// A signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAuth {
    pub staff_id: String,
    pub hall_id: String,
}

pub fn staff_for_token(conn: &Connection, ctx: &Ctx, token: Option<&str>) -> Result<StaffAuth, ApiError> {
    let token = token.ok_or_else(|| ApiError::unauthorized("a staff bearer token is required"))?;
    conn.query_row(
        "SELECT s.staff_id, st.hall_id FROM staff_sessions s JOIN staff st ON st.staff_id = s.staff_id
          WHERE s.token = ?1 AND s.expires_at > ?2",
        params![token, ctx.unix()],
        |r| Ok(StaffAuth { staff_id: r.get(0)?, hall_id: r.get(1)? }),
    )
    .optional()?
    .ok_or_else(|| ApiError::unauthorized("the staff session is unknown or has expired"))
}

/// Whether `staff_id` works in `hall_id`.
pub fn staff_in_hall(conn: &Connection, staff_id: &str, hall_id: &str) -> Result<bool, ApiError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM staff WHERE staff_id = ?1 AND hall_id = ?2",
            [staff_id, hall_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn staff_exists(conn: &Connection, staff_id: &str) -> Result<bool, ApiError> {
    Ok(conn
        .query_row("SELECT 1 FROM staff WHERE staff_id = ?1", [staff_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The stored digest of a PIN.
pub fn pin_digest(salt: &str, pin: &str) -> String {
    sha256_hex(format!("{salt}:{pin}").as_bytes())
}

/// `POST /v1/staff/sessions`.
pub fn staff_sign_in(conn: &mut Connection, ctx: &Ctx, req: &StaffSignIn) -> Result<StaffSession, ApiError> {
    let refused = || ApiError::unauthorized("unknown staff member or wrong PIN");
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT name, pin_salt, pin_hash FROM staff WHERE staff_id = ?1 AND hall_id = ?2",
            [&req.staff_id, &req.hall_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (name, salt, hash) = row.ok_or_else(refused)?;
    if pin_digest(&salt, &req.pin) != hash {
        tracing::info!(staff_id = %req.staff_id, "staff sign-in refused");
        return Err(refused());
    }
    let token = new_token();
    let expires = ctx.now.checked_add(Duration::hours(STAFF_SESSION_HOURS)).unwrap_or(ctx.now);
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM staff_sessions WHERE expires_at <= ?1", [ctx.unix()])?;
    tx.execute(
        "INSERT INTO staff_sessions (token, staff_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token, req.staff_id, ctx.now_str(), expires.unix_timestamp()],
    )?;
    tx.commit()?;
    tracing::info!(staff_id = %req.staff_id, "staff signed in");
    Ok(StaffSession { token, staff_id: req.staff_id.clone(), name, expires_at: clock::rfc3339(expires) })
}
