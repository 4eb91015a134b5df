//! Store tests over a temp-file database seeded with the embedded demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(test)]
use rusqlite::Connection;
use tempfile::TempDir;
use time::macros::{date, datetime};

use super::*;
use crate::core::model::AuthorizationKind;
use crate::core::model::{
    Agent, Answers, ApplicationMode, ApplicationRequest, AssistAction, AssistRequestNew, AssistStatus,
    CaseStatus, DEMO_HALL, DueKind, ErrorCode, EvaluationKind, EvaluationRequest, IdentityMethod,
    IdentityRequest, Level, QueryRequest, Relationship, StaffSignIn, StatusChange,
};
use crate::portal::db;
use crate::portal::routes::canonical;

const ZHANG: &str = "110105194403160289"; // 82, pension check due 2026-12-15
const SUN: &str = "110105195904200511"; // 67, a case waiting for a supplement
const CHEN: &str = "410102195109030463"; // 75, non-local, check overdue
const LIU: &str = "11010519350608013X"; // 91

fn ctx() -> Ctx {
    Ctx::at(datetime!(2026-11-28 10:00 +8))
}

fn open() -> (TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = db::open(&dir.path().join("portal.sqlite3")).unwrap();
    (dir, conn)
}

fn session(conn: &mut Connection, id_number: &str) -> String {
    let req = IdentityRequest {
        hall_id: DEMO_HALL.into(),
        terminal_id: "kiosk-01".into(),
        method: IdentityMethod::TypedNumber,
        id_number: id_number.into(),
        name: None,
    };
    identity::create_session(conn, &ctx(), &req).unwrap().token.expose().to_owned()
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn relocation(later: bool) -> ApplicationRequest {
    ApplicationRequest {
        matter_id: "medical-relocation".into(),
        schema_version: 1,
        hall_id: DEMO_HALL.into(),
        terminal_id: "kiosk-01".into(),
        mode: ApplicationMode::SelfService,
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: answers(&[
            ("relocation_type", "LONG_TERM_RESIDENT"),
            ("destination", "460200"),
            ("start_date", "2026-12-01"),
            ("phone", "13800000001"),
            ("proof_choice", if later { "LATER" } else { "PROOF" }),
        ]),
    }
}

fn submit(
    conn: &mut Connection,
    token: &str,
    key: &str,
    req: &ApplicationRequest,
) -> Result<(crate::core::model::Application, cases::Outcome), ApiError> {
    let body = canonical(&serde_json::to_value(req).unwrap());
    cases::submit(conn, &ctx(), Some(token), Some(key), &body, req)
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn database_is_migrated_seeded_once_and_durable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let conn = db::open(&path).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, db::schema_version());
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous = FULL");
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let citizens = count(&conn, "citizens");
    assert!(citizens >= 6);
    drop(conn);
    let again = db::open(&path).unwrap();
    assert_eq!(count(&again, "citizens"), citizens);
    assert_eq!(count(&again, "halls"), 1);
}

#[test]
fn identity_session_reports_what_is_due() {
    let (_dir, mut conn) = open();
    let req = |id: &str, method, name: Option<&str>| IdentityRequest {
        hall_id: DEMO_HALL.into(),
        terminal_id: "kiosk-01".into(),
        method,
        id_number: id.into(),
        name: name.map(Into::into),
    };
    let s =
        identity::create_session(&mut conn, &ctx(), &req(ZHANG, IdentityMethod::CardRead, Some("张秀兰")))
            .unwrap();
    assert_eq!(s.citizen.age, 82);
    assert!(s.citizen.local_hukou);
    assert_eq!(s.citizen.id_number_masked, "110105********0289");
    let kinds: Vec<_> = s.due.iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DueKind::PensionCheckDue), "{kinds:?}");
    assert!(kinds.contains(&DueKind::NewlyEligible), "{kinds:?}");

    let sun =
        identity::create_session(&mut conn, &ctx(), &req(SUN, IdentityMethod::TypedNumber, None)).unwrap();
    let waiting: Vec<_> = sun.due.iter().filter(|d| d.kind == DueKind::SupplementNeeded).collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].case_no.as_deref(), Some("YB20261120000017"));

    let chen =
        identity::create_session(&mut conn, &ctx(), &req(CHEN, IdentityMethod::TypedNumber, None)).unwrap();
    assert!(!chen.citizen.local_hukou);
    assert!(chen.due.iter().any(|d| d.kind == DueKind::PensionCheckDue));

    let bad = identity::create_session(
        &mut conn,
        &ctx(),
        &req("110105194403160288", IdentityMethod::TypedNumber, None),
    );
    assert_eq!(
        bad.as_ref().map_err(|e| (e.code, e.field.as_deref())).err(),
        Some((ErrorCode::ValidationFailed, Some("id_number")))
    );
    let unknown = identity::create_session(
        &mut conn,
        &ctx(),
        &req("11010519491231002X", IdentityMethod::TypedNumber, None),
    );
    assert_eq!(unknown.err().map(|e| e.code), Some(ErrorCode::CitizenNotFound));
    let wrong_name =
        identity::create_session(&mut conn, &ctx(), &req(ZHANG, IdentityMethod::CardRead, Some("张秀")));
    assert_eq!(wrong_name.err().and_then(|e| e.field), Some("name".into()));
}

#[test]
fn idempotent_submission_replays_and_conflicts() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let (first, outcome) = submit(&mut conn, &token, "key-1", &relocation(false)).unwrap();
    assert_eq!(outcome, cases::Outcome::Created);
    assert!(first.case_no.starts_with("YB20261128"));
    assert_eq!(first.case_no.len(), 16);
    assert_eq!(first.status, CaseStatus::Submitted);
    assert_eq!(first.answers.get("phone").map(String::as_str), Some("138****0001"));
    assert_eq!(first.promised_by.as_deref(), Some("2026-12-01"), "2 working days from a Saturday");
    assert!(first.deferred_materials.is_empty());

    let (again, outcome) = submit(&mut conn, &token, "key-1", &relocation(false)).unwrap();
    assert_eq!(outcome, cases::Outcome::Replayed);
    assert_eq!(again, first);
    let cases_before = count(&conn, "cases");

    let conflict = submit(&mut conn, &token, "key-1", &relocation(true)).err().map(|e| e.code);
    assert_eq!(conflict, Some(ErrorCode::IdempotencyConflict));
    let other = session(&mut conn, LIU);
    let stolen = submit(&mut conn, &other, "key-1", &relocation(false)).err().map(|e| e.code);
    assert_eq!(stolen, Some(ErrorCode::IdempotencyConflict));
    let body = canonical(&serde_json::to_value(relocation(false)).unwrap());
    let missing = cases::submit(&mut conn, &ctx(), Some(&token), None, &body, &relocation(false));
    assert_eq!(missing.err().map(|e| e.code), Some(ErrorCode::MissingIdempotencyKey));
    assert_eq!(count(&conn, "cases"), cases_before);

    let (later, _) = submit(&mut conn, &token, "key-2", &relocation(true)).unwrap();
    assert_ne!(later.case_no, first.case_no);
    assert_eq!(later.deferred_materials.len(), 1);
    assert_eq!(later.deferred_materials[0].code, "RESIDENCE_PROOF");
    assert_eq!(later.deferred_materials[0].due_by, "2026-12-28");
}

#[test]
fn rejected_submissions_change_nothing() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let before = (count(&conn, "cases"), count(&conn, "idempotency_keys"));
    let code_and_field = |r: Result<_, ApiError>| r.err().map(|e| (e.code, e.field));

    let mut old = relocation(false);
    old.schema_version = 0;
    assert_eq!(
        code_and_field(submit(&mut conn, &token, "k1", &old)),
        Some((ErrorCode::SchemaOutdated, None))
    );

    let mut query = relocation(false);
    query.matter_id = "pension-payments".into();
    assert_eq!(code_and_field(submit(&mut conn, &token, "k2", &query)), Some((ErrorCode::WrongKind, None)));

    let mut bad_phone = relocation(false);
    bad_phone.answers.insert("phone".into(), "12345".into());
    assert_eq!(
        code_and_field(submit(&mut conn, &token, "k3", &bad_phone)),
        Some((ErrorCode::ValidationFailed, Some("phone".into())))
    );

    let mut proxy = relocation(false);
    proxy.mode = ApplicationMode::Proxy;
    proxy.agent = Some(Agent {
        name: "张秀兰".into(),
        id_number: ZHANG.into(),
        relationship: Relationship::Child,
        authorization: AuthorizationKind::WrittenPowerOfAttorney,
        phone: None,
    });
    assert_eq!(
        code_and_field(submit(&mut conn, &token, "k4", &proxy)),
        Some((ErrorCode::ValidationFailed, Some("agent.id_number".into())))
    );

    let mut assisted = relocation(false);
    assisted.mode = ApplicationMode::Assisted;
    assisted.helper_staff_id = Some("S999".into());
    assert_eq!(
        code_and_field(submit(&mut conn, &token, "k5", &assisted)),
        Some((ErrorCode::ValidationFailed, Some("helper_staff_id".into())))
    );

    let young = session(&mut conn, SUN);
    let allowance = ApplicationRequest {
        matter_id: "old-age-allowance".into(),
        answers: answers(&[("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", "13700000003")]),
        ..relocation(false)
    };
    assert_eq!(
        code_and_field(submit(&mut conn, &young, "k6", &allowance)),
        Some((ErrorCode::ValidationFailed, Some("age".into())))
    );
    assert_eq!((count(&conn, "cases"), count(&conn, "idempotency_keys")), before);

    // The same allowance for an 82-year-old goes through, the account masked.
    let mut ok = allowance.clone();
    ok.answers = answers(&[
        ("hukou_confirm", "YES"),
        ("payout", "BANK"),
        ("bank_account", "6222020200112233446"),
        ("phone", "13800000001"),
    ]);
    let (case, _) = submit(&mut conn, &token, "k7", &ok).unwrap();
    assert_eq!(case.answers.get("bank_account").map(String::as_str), Some("**** 3446"));
}

#[test]
fn verification_completes_and_moves_the_next_due_date() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let req = ApplicationRequest {
        matter_id: "pension-eligibility".into(),
        answers: answers(&[("confirm_identity", "YES"), ("check_method", "STAFF")]),
        ..relocation(false)
    };
    let (case, _) = submit(&mut conn, &token, "v1", &req).unwrap();
    assert_eq!(case.status, CaseStatus::Completed);
    assert!(case.outcome.unwrap().get("zh-CN").contains("2027年11月28日"));
    let next: String =
        conn.query_row("SELECT next_due FROM pensions WHERE id_number = ?1", [ZHANG], |r| r.get(0)).unwrap();
    assert_eq!(next, "2027-11-28");
    let due = identity::due_items(&conn, &ctx(), ZHANG, 82).unwrap();
    assert!(!due.iter().any(|d| d.kind == DueKind::PensionCheckDue));
}

#[test]
fn staff_move_cases_only_along_the_lifecycle() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let (case, _) = submit(&mut conn, &token, "t1", &relocation(false)).unwrap();
    let sign_in =
        |pin: &str| StaffSignIn { hall_id: DEMO_HALL.into(), staff_id: "S001".into(), pin: pin.into() };
    let refused = identity::staff_sign_in(&mut conn, &ctx(), &sign_in("0000")).err().map(|e| e.code);
    assert_eq!(refused, Some(ErrorCode::Unauthorized));
    let staff = identity::staff_sign_in(&mut conn, &ctx(), &sign_in("2468")).unwrap().token;
    let change = |status| StatusChange { status, staff_id: "S001".into(), note: None };

    let skip = case_view::change_status(
        &mut conn,
        &ctx(),
        Some(&staff),
        &case.case_no,
        &change(CaseStatus::Completed),
    );
    assert_eq!(skip.err().map(|e| e.code), Some(ErrorCode::InvalidTransition));
    let by_citizen = case_view::change_status(
        &mut conn,
        &ctx(),
        Some(&token),
        &case.case_no,
        &change(CaseStatus::Accepted),
    );
    assert_eq!(by_citizen.err().map(|e| e.code), Some(ErrorCode::Unauthorized));

    let accepted = case_view::change_status(
        &mut conn,
        &ctx(),
        Some(&staff),
        &case.case_no,
        &change(CaseStatus::Accepted),
    )
    .unwrap();
    assert_eq!(accepted.status, CaseStatus::Accepted);
    assert_eq!(accepted.timeline.len(), 2);
    let done = case_view::change_status(
        &mut conn,
        &ctx(),
        Some(&staff),
        &case.case_no,
        &change(CaseStatus::Completed),
    )
    .unwrap();
    assert_eq!(done.status, CaseStatus::Completed);
    let back = case_view::change_status(
        &mut conn,
        &ctx(),
        Some(&staff),
        &case.case_no,
        &change(CaseStatus::Submitted),
    );
    assert_eq!(back.err().map(|e| e.code), Some(ErrorCode::InvalidTransition));
    assert_eq!(case_view::application(&conn, &case.case_no).unwrap().timeline.len(), 3);
}

#[test]
fn a_case_gets_one_evaluation_and_one_follow_up() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let (case, _) = submit(&mut conn, &token, "e1", &relocation(false)).unwrap();
    let eval = |level, reasons: &[&str], text: Option<String>| EvaluationRequest {
        case_no: case.case_no.clone(),
        terminal_id: "kiosk-01".into(),
        level,
        reasons: reasons.iter().map(|r| (*r).to_owned()).collect(),
        text,
        staff_id: None,
    };
    let err = |r: Result<_, ApiError>| r.err().map(|e| (e.code, e.field));
    assert_eq!(
        err(evaluations::evaluate(&mut conn, &ctx(), Some(&token), &eval(Level::Dissatisfied, &[], None))),
        Some((ErrorCode::ReasonRequired, Some("reasons".into())))
    );
    assert_eq!(
        err(evaluations::evaluate(
            &mut conn,
            &ctx(),
            Some(&token),
            &eval(Level::Dissatisfied, &["NOPE"], None)
        )),
        Some((ErrorCode::ValidationFailed, Some("reasons".into())))
    );
    let long = Some("好".repeat(501));
    assert_eq!(
        err(evaluations::evaluate(&mut conn, &ctx(), Some(&token), &eval(Level::Satisfied, &[], long))),
        Some((ErrorCode::ValidationFailed, Some("text".into())))
    );
    let other = session(&mut conn, LIU);
    assert_eq!(
        err(evaluations::evaluate(&mut conn, &ctx(), Some(&other), &eval(Level::Satisfied, &[], None))),
        Some((ErrorCode::NotFound, None))
    );
    assert_eq!(count(&conn, "evaluations"), 0);

    let first =
        evaluations::evaluate(&mut conn, &ctx(), Some(&token), &eval(Level::VerySatisfied, &[], None))
            .unwrap();
    assert_eq!((first.kind, first.level_code, first.channel), (EvaluationKind::First, 1, 5));
    let follow = evaluations::evaluate(
        &mut conn,
        &ctx(),
        Some(&token),
        &eval(Level::VeryDissatisfied, &["WAIT_TOO_LONG"], None),
    )
    .unwrap();
    assert_eq!((follow.kind, follow.level_code), (EvaluationKind::FollowUp, 5));
    assert_eq!(
        err(evaluations::evaluate(&mut conn, &ctx(), Some(&token), &eval(Level::Satisfied, &[], None))),
        Some((ErrorCode::EvaluationLimit, None))
    );
    assert_eq!(count(&conn, "evaluations"), 2);
}

#[test]
fn assist_requests_follow_their_states() {
    let (_dir, mut conn) = open();
    let new = AssistRequestNew {
        hall_id: DEMO_HALL.into(),
        terminal_id: "kiosk-01".into(),
        context: Some("form".into()),
    };
    let req = terminals::create_assist(&mut conn, &ctx(), &new).unwrap();
    assert_eq!(req.status, AssistStatus::Open);
    let nowhere = AssistRequestNew { hall_id: "nowhere".into(), ..new.clone() };
    assert_eq!(
        terminals::create_assist(&mut conn, &ctx(), &nowhere).err().map(|e| e.code),
        Some(ErrorCode::NotFound)
    );
    let staff = AssistAction { staff_id: "S002".into() };
    let accepted =
        terminals::move_assist(&mut conn, &ctx(), &req.id, &staff, AssistStatus::Accepted).unwrap();
    assert_eq!((accepted.status, accepted.staff_id.as_deref()), (AssistStatus::Accepted, Some("S002")));
    let twice = terminals::move_assist(&mut conn, &ctx(), &req.id, &staff, AssistStatus::Accepted);
    assert_eq!(twice.err().map(|e| e.code), Some(ErrorCode::InvalidState));
    let open = terminals::list_assist(&conn, DEMO_HALL, Some(AssistStatus::Open)).unwrap();
    assert!(open.requests.is_empty());
    terminals::move_assist(&mut conn, &ctx(), &req.id, &staff, AssistStatus::Closed).unwrap();
    let again = terminals::move_assist(&mut conn, &ctx(), &req.id, &staff, AssistStatus::Closed);
    assert_eq!(again.err().map(|e| e.code), Some(ErrorCode::InvalidState));
    assert_eq!(terminals::list_assist(&conn, DEMO_HALL, None).unwrap().requests.len(), 1);
}

#[test]
fn queries_filter_and_mask() {
    let (_dir, mut conn) = open();
    let token = session(&mut conn, ZHANG);
    let q = |pairs: &[(&str, &str)]| QueryRequest {
        hall_id: DEMO_HALL.into(),
        terminal_id: "kiosk-01".into(),
        answers: answers(pairs),
    };
    let backwards = queries::run_query(
        &mut conn,
        &ctx(),
        Some(&token),
        "insurance-record-print",
        &q(&[("insurance_type", "ALL"), ("start_year", "2000"), ("end_year", "1999")]),
    );
    assert_eq!(backwards.err().and_then(|e| e.field), Some("end_year".into()));
    let record = queries::run_query(
        &mut conn,
        &ctx(),
        Some(&token),
        "insurance-record-print",
        &q(&[("insurance_type", "PENSION"), ("start_year", "1990"), ("end_year", "1999")]),
    )
    .unwrap();
    assert_eq!(record.rows.len(), 10);
    assert!(record.document.lines.iter().any(|l| l.get("zh-CN").contains("张*兰")));
    assert!(!serde_json::to_string(&record).unwrap().contains(ZHANG));

    let payments =
        queries::run_query(&mut conn, &ctx(), Some(&token), "pension-payments", &q(&[("months", "3")]))
            .unwrap();
    assert_eq!(payments.rows.len(), 3);
    assert_eq!(payments.rows[0].get("month").map(String::as_str), Some("2026-11"));
    assert!(payments.rows[0].get("bank").is_some_and(|b| b.contains("6321")));

    let wrong = queries::run_query(&mut conn, &ctx(), Some(&token), "medical-relocation", &q(&[]));
    assert_eq!(wrong.err().map(|e| e.code), Some(ErrorCode::WrongKind));
    let anonymous = queries::run_query(&mut conn, &ctx(), None, "pension-payments", &q(&[("months", "3")]));
    assert_eq!(anonymous.err().map(|e| e.code), Some(ErrorCode::Unauthorized));
    assert_eq!(date!(2026 - 11 - 28), ctx().today);
}

#[test]
fn old_form_versions_stay_readable_after_a_new_one() {
    let (_dir, mut conn) = open();
    let mut matter = catalogue::matter(&conn, "medical-relocation").unwrap();
    let mut form = catalogue::form_schema(&conn, "medical-relocation", None).unwrap();
    matter.version += 1;
    matter.form_schema_version += 1;
    form.version = matter.form_schema_version;
    catalogue::publish(&mut conn, &matter, &form).unwrap();
    assert_eq!(catalogue::form_schema(&conn, "medical-relocation", None).unwrap().version, 2);
    assert_eq!(catalogue::form_schema(&conn, "medical-relocation", Some(1)).unwrap().version, 1);
    assert_eq!(
        catalogue::form_schema(&conn, "medical-relocation", Some(9)).err().map(|e| e.code),
        Some(ErrorCode::NotFound)
    );
    let token = session(&mut conn, ZHANG);
    let outdated = submit(&mut conn, &token, "old", &relocation(false)).err().map(|e| e.code);
    assert_eq!(outdated, Some(ErrorCode::SchemaOutdated));
    let mut current = relocation(false);
    current.schema_version = 2;
    assert!(submit(&mut conn, &token, "new", &current).is_ok());
}
