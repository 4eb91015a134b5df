//! Queries (`POST /v1/queries/{matter_id}`): the contribution record print and the
//! pension payments list. Results are masked and carry a verification code.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use time::Date;

use super::identity::{check_id, citizen, citizen_for_token};
use super::{Ctx, catalogue, from_json};
use crate::core::answers::check_all;
use crate::core::mask;
use crate::core::model::{
    Column, ColumnKind, Document, ErrorCode, FormSchema, MatterKind, QueryRequest, QueryResult, Text,
};
use crate::portal::error::ApiError;
use crate::portal::{known, texts};

/// `POST /v1/queries/{matter_id}`.
pub fn run_query(
    conn: &mut Connection,
    ctx: &Ctx,
    token: Option<&str>,
    matter_id: &str,
    req: &QueryRequest,
) -> Result<QueryResult, ApiError> {
    let id_number = citizen_for_token(conn, ctx, token)?;
    let matter = catalogue::matter(conn, matter_id)?;
    if matter.kind != MatterKind::Query {
        return Err(ApiError::new(
            ErrorCode::WrongKind,
            "this matter is not a query; submit it as an application",
        ));
    }
    check_id("terminal_id", &req.terminal_id)?;
    if !catalogue::hall_exists(conn, &req.hall_id)? {
        return Err(ApiError::not_found("hall"));
    }
    let form = catalogue::form_schema(conn, matter_id, Some(matter.form_schema_version))?;
    let answers =
        check_all(&form, &req.answers, ctx.today).map_err(|p| ApiError::problem(p.field, p.problem))?;
    let person =
        citizen(conn, &id_number)?.ok_or_else(|| ApiError::unauthorized("the session's citizen is gone"))?;
    let mut lines =
        texts::document_person_lines(&mask::name(&person.name), &mask::id_number(&id_number), ctx.today);
    let (title, summary, columns, rows) = match matter_id {
        known::RECORD_PRINT => record_print(conn, &id_number, &form, &answers, &mut lines)?,
        known::PENSION_PAYMENTS => pension_payments(conn, ctx.today, &id_number, &answers, &mut lines)?,
        _ => return Err(ApiError::not_found("query implementation")),
    };
    let verification_code = verification_code();
    lines.push(texts::document_verification_line(&verification_code));
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO issued_documents (verification_code, matter_id, id_number, terminal_id, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![verification_code, matter_id, id_number, req.terminal_id, ctx.now_str()],
    )?;
    tx.commit()?;
    tracing::info!(matter_id, rows = rows.len(), "query answered");
    Ok(QueryResult {
        matter_id: matter_id.to_owned(),
        document: Document { title: title.clone(), lines, verification_code },
        title,
        summary,
        columns,
        rows,
    })
}

type Rows = Vec<BTreeMap<String, String>>;
type Answer = (Text, Text, Vec<Column>, Rows);

fn columns(defs: impl IntoIterator<Item = (&'static str, Text, ColumnKind)>) -> Vec<Column> {
    defs.into_iter().map(|(key, label, kind)| Column { key: key.to_owned(), label, kind }).collect()
}

fn number(answers: &BTreeMap<String, String>, field: &str) -> Result<i64, ApiError> {
    answers
        .get(field)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ApiError::invalid(field, format!("{field} is missing")))
}

fn record_print(
    conn: &Connection,
    id_number: &str,
    form: &FormSchema,
    answers: &BTreeMap<String, String>,
    lines: &mut Vec<Text>,
) -> Result<Answer, ApiError> {
    let kind =
        answers.get(known::FIELD_INSURANCE_TYPE).cloned().unwrap_or_else(|| known::INSURANCE_TYPE_ALL.into());
    let start = number(answers, known::FIELD_START_YEAR)?;
    let end = number(answers, known::FIELD_END_YEAR)?;
    if end < start {
        return Err(ApiError::invalid(known::FIELD_END_YEAR, "end_year is before start_year"));
    }
    let label_of = |value: &str| -> Text {
        form.field(known::FIELD_INSURANCE_TYPE)
            .and_then(|f| f.choices.iter().find(|c| c.value == value))
            .map(|c| c.label.clone())
            .unwrap_or_else(|| Text::from_pairs([("zh-CN", value)]))
    };
    let mut stmt = conn.prepare(
        "SELECT year, insurance_type, months_paid, base_cny, employer FROM insurance_years
          WHERE id_number = ?1 AND year BETWEEN ?2 AND ?3 AND (?4 = ?5 OR insurance_type = ?4)
          ORDER BY year, insurance_type",
    )?;
    let found = stmt
        .query_map(params![id_number, start, end, kind, known::INSURANCE_TYPE_ALL], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    lines.push(texts::record_range_line(&label_of(&kind), start, end));
    let mut rows = Vec::with_capacity(found.len());
    for (year, insurance, months, base, employer) in found {
        let employer: Text = from_json(&employer)?;
        let insurance = label_of(&insurance);
        let insurance = insurance.get("zh-CN");
        let employer = employer.get("zh-CN");
        lines.push(texts::record_line(year, insurance, months, &base, employer));
        rows.push(BTreeMap::from([
            ("year".to_owned(), year.to_string()),
            ("type".to_owned(), insurance.to_owned()),
            ("months".to_owned(), months.to_string()),
            ("base".to_owned(), base),
            ("employer".to_owned(), employer.to_owned()),
        ]));
    }
    Ok((
        texts::record_title(),
        texts::record_summary(rows.len(), start, end),
        columns(texts::record_columns()),
        rows,
    ))
}

fn pension_payments(
    conn: &Connection,
    today: Date,
    id_number: &str,
    answers: &BTreeMap<String, String>,
    lines: &mut Vec<Text>,
) -> Result<Answer, ApiError> {
    let months = number(answers, known::FIELD_MONTHS)?.clamp(1, 120);
    // Month index counted from year 0, so "the last N months" is a simple range.
    let this_month = i64::from(today.year()) * 12 + i64::from(u8::from(today.month())) - 1;
    let first = this_month - months + 1;
    let first_month = format!("{:04}-{:02}", first.div_euclid(12), first.rem_euclid(12) + 1);
    let last_month = format!("{:04}-{:02}", this_month.div_euclid(12), this_month.rem_euclid(12) + 1);
    let mut stmt = conn.prepare(
        "SELECT month, amount_cny, bank, bank_last4 FROM pension_payments
          WHERE id_number = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month DESC",
    )?;
    let found = stmt
        .query_map(params![id_number, first_month, last_month], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut total_cents: i64 = 0;
    let mut rows = Vec::with_capacity(found.len());
    for (month, amount, bank, last4) in &found {
        let bank: Text = from_json(bank)?;
        let last4 = mask::last4(last4);
        total_cents = total_cents.saturating_add(cents(amount).unwrap_or(0));
        lines.push(texts::payment_line(month, amount, bank.get("zh-CN"), bank.get("en-US"), &last4));
        rows.push(BTreeMap::from([
            ("month".to_owned(), month.clone()),
            ("amount".to_owned(), amount.clone()),
            ("bank".to_owned(), texts::bank_cell(bank.get("zh-CN"), &last4)),
        ]));
    }
    let total = format!("{}.{:02}", total_cents / 100, total_cents % 100);
    let latest = found.first().map(|(m, a, _, _)| (m.as_str(), a.as_str()));
    let summary = texts::payments_summary(months, rows.len(), &total, latest);
    Ok((texts::payments_title(), summary, columns(texts::payments_columns()), rows))
}

/// Yuan as text ("4386.50", "20", "0.5") to cents.
pub fn cents(amount: &str) -> Option<i64> {
    let (whole, frac) = amount.trim().split_once('.').unwrap_or((amount.trim(), ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(frac_cents)
}

/// A code printed on documents, e.g. `YBV-7KQ2-M9TX`: unambiguous characters only.
pub fn verification_code() -> String {
    let code = random_code(8);
    format!("YBV-{}-{}", &code[..4], &code[4..])
}

/// `len` random characters from an alphabet without 0/O, 1/I/L.
pub fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for (i, b) in uuid::Uuid::new_v4().as_bytes().iter().enumerate() {
            // Bytes 6 and 8 carry the UUID version and variant bits; 248 is the
            // largest multiple of 31 below 256, so there is no modulo bias.
            if i != 6 && i != 8 && *b < 248 && out.len() < len {
                out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_parse() {
        assert_eq!(cents("4386.50"), Some(438650));
        assert_eq!(cents("20"), Some(2000));
        assert_eq!(cents("0.5"), Some(50));
        assert_eq!(cents("1.234"), None);
        assert_eq!(cents("-1"), None);
        assert_eq!(cents(""), None);
    }

    #[test]
    fn codes_are_unambiguous() {
        let code = verification_code();
        assert_eq!(code.len(), 13);
        assert!(code.starts_with("YBV-"));
        assert!(!random_code(64).contains(['0', 'O', '1', 'I', 'L']));
    }
}
