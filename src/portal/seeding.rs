//! Loading the demo seed into a freshly migrated database (inside the first
//! migration's transaction).

use rusqlite::{Transaction, params};
use time::Date;

use super::error::PortalError;
use super::seed::{Seed, SeedCase};
use super::store::catalogue::{DOC_REASONS, DOC_REGIONS};
use super::store::identity::pin_digest;
use super::store::{enum_name, new_token, parse_enum, to_json};
use crate::core::model::{CaseStatus, Matter, TimelineEntry};
use crate::core::validate::IdNumber;
use crate::portal::clock::iso_date;
use crate::portal::store::queries::random_code;

fn bad(message: String) -> PortalError {
    PortalError::Seed(message)
}

/// Writes the whole seed. Any inconsistency aborts the transaction.
pub fn load(tx: &Transaction<'_>, seed: &Seed) -> Result<(), PortalError> {
    let hall = &seed.hall.hall;
    tx.execute(
        "INSERT INTO halls (id, district_code, doc) VALUES (?1, ?2, ?3)",
        params![hall.id, hall.district_code, json(hall)?],
    )?;
    for s in &seed.hall.staff {
        let salt = new_token();
        tx.execute(
            "INSERT INTO staff (staff_id, hall_id, name, pin_salt, pin_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.staff_id, hall.id, s.name, salt, pin_digest(&salt, &s.pin)],
        )?;
    }
    for t in &seed.hall.terminals {
        tx.execute(
            "INSERT INTO terminals (terminal_id, hall_id, doc) VALUES (?1, ?2, ?3)",
            params![t.terminal_id, t.hall_id, json(t)?],
        )?;
    }
    for (position, m) in seed.matters.iter().enumerate() {
        let matter = &m.matter;
        tx.execute(
            "INSERT INTO matters (id, position, current_version) VALUES (?1, ?2, ?3)",
            params![matter.id, position, matter.version],
        )?;
        tx.execute(
            "INSERT INTO matter_versions (matter_id, version, kind, form_schema_version, doc)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                matter.id,
                matter.version,
                name(&matter.kind)?,
                matter.form_schema_version,
                json(matter)?
            ],
        )?;
        tx.execute(
            "INSERT INTO form_schemas (matter_id, version, doc) VALUES (?1, ?2, ?3)",
            params![matter.id, m.form.version, json(&m.form)?],
        )?;
        tx.execute(
            "INSERT INTO hall_matters (hall_id, matter_id, position) VALUES (?1, ?2, ?3)",
            params![hall.id, matter.id, position],
        )?;
    }
    for (position, b) in seed.bundles.iter().enumerate() {
        tx.execute(
            "INSERT INTO bundles (id, position, doc) VALUES (?1, ?2, ?3)",
            params![b.id, position, json(b)?],
        )?;
    }
    tx.execute(
        "INSERT INTO documents (name, version, doc) VALUES (?1, 1, ?2)",
        params![DOC_REGIONS, json(&seed.regions)?],
    )?;
    tx.execute(
        "INSERT INTO documents (name, version, doc) VALUES (?1, ?2, ?3)",
        params![DOC_REASONS, seed.reasons.version, json(&seed.reasons)?],
    )?;
    for c in &seed.citizens {
        let id = IdNumber::parse(&c.id_number, Date::MAX)
            .map_err(|p| bad(format!("a seed citizen has an invalid ID number ({})", p.code())))?;
        tx.execute(
            "INSERT INTO citizens (id_number, name, sex, birth_date, phone, hukou_region)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id.as_str(), c.name, name(&c.sex)?, iso_date(id.birth_date()), c.phone, c.hukou_region],
        )?;
        if let Some(p) = &c.pension {
            tx.execute(
                "INSERT INTO pensions (id_number, last_check, next_due) VALUES (?1, ?2, ?3)",
                params![id.as_str(), p.last_check, p.next_due],
            )?;
        }
        for p in &c.payments {
            tx.execute(
                "INSERT INTO pension_payments (id_number, month, amount_cny, bank, bank_last4)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.as_str(), p.month, p.amount_cny, json(&p.bank)?, p.bank_last4],
            )?;
        }
        for y in &c.insurance_years {
            tx.execute(
                "INSERT INTO insurance_years (id_number, year, insurance_type, months_paid, base_cny, employer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.as_str(), y.year, y.insurance_type, y.months_paid, y.base_cny, json(&y.employer)?],
            )?;
        }
        for case in &c.cases {
            load_case(tx, seed, &hall.id, id.as_str(), case)?;
        }
    }
    Ok(())
}

fn load_case(
    tx: &Transaction<'_>,
    seed: &Seed,
    hall_id: &str,
    id_number: &str,
    case: &SeedCase,
) -> Result<(), PortalError> {
    let matter: &Matter = seed
        .matters
        .iter()
        .map(|m| &m.matter)
        .find(|m| m.id == case.matter_id)
        .ok_or_else(|| bad(format!("seed case {} names an unknown matter", case.case_no)))?;
    let status: CaseStatus = parse_enum(&case.status)
        .map_err(|_| bad(format!("seed case {} has an unknown status", case.case_no)))?;
    let terminal = seed.hall.terminals.first().map(|t| t.terminal_id.clone()).unwrap_or_default();
    tx.execute(
        "INSERT INTO cases (case_no, matter_id, schema_version, id_number, hall_id, terminal_id, status, mode,
            submitted_at, next_steps, answers, lookup_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'SELF_SERVICE', ?8, ?9, '{}', ?10)",
        params![
            case.case_no,
            matter.id,
            matter.form_schema_version,
            id_number,
            hall_id,
            terminal,
            name(&status)?,
            case.submitted_at,
            json(&matter.next_steps)?,
            random_code(8),
        ],
    )?;
    let mut entries =
        vec![TimelineEntry { status: CaseStatus::Submitted, at: case.submitted_at.clone(), note: None }];
    if matches!(status, CaseStatus::InProgress | CaseStatus::NeedsSupplement) {
        entries.push(TimelineEntry {
            status: CaseStatus::Accepted,
            at: case.submitted_at.clone(),
            note: None,
        });
    }
    if status != CaseStatus::Submitted {
        entries.push(TimelineEntry { status, at: case.submitted_at.clone(), note: case.note.clone() });
    }
    for e in entries {
        let note = e.note.as_ref().map(json).transpose()?;
        tx.execute(
            "INSERT INTO case_events (case_no, status, at, note) VALUES (?1, ?2, ?3, ?4)",
            params![case.case_no, name(&e.status)?, e.at, note],
        )?;
    }
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, PortalError> {
    to_json(value).map_err(|_| bad("a seed document cannot be serialised".into()))
}

fn name<T: serde::Serialize>(value: &T) -> Result<String, PortalError> {
    enum_name(value).map_err(|_| bad("an enum value cannot be named".into()))
}
