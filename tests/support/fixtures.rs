//! Requests built from the seeded demo data (`assets/portal-seed/`).

use yiban::core::model::{
    ApplicationMode, ApplicationRequest, AssistAction, AssistRequestNew, CaseStatus, DEMO_HALL,
    EvaluationRequest, Heartbeat, IdentityMethod, IdentityRequest, Level, QueryRequest, StaffSignIn,
    StatusChange, TerminalStatus, Text,
};

pub const HALL: &str = DEMO_HALL;
pub const TERMINAL: &str = "kiosk-01";
/// 刘长福, born 1935, local 户籍: eligible for the old-age allowance.
pub const ELDER: &str = "11010519350608013X";
/// 张秀兰, a retiree with a completed case.
pub const RETIREE: &str = "110105194403160289";
/// Passes the format but fails the GB 11643 check digit.
pub const BAD_CHECK_DIGIT: &str = "110105194403160288";
pub const STAFF_ID: &str = "S001";
pub const STAFF_PIN: &str = "2468";
pub const ALLOWANCE: &str = "old-age-allowance";
pub const PAYMENTS: &str = "pension-payments";

pub fn identity(id_number: &str) -> IdentityRequest {
    IdentityRequest {
        hall_id: HALL.into(),
        terminal_id: TERMINAL.into(),
        method: IdentityMethod::TypedNumber,
        id_number: id_number.into(),
        name: None,
    }
}

/// 高龄津贴: paid to the social security card; `phone` varies the body.
pub fn allowance(phone: &str) -> ApplicationRequest {
    ApplicationRequest {
        matter_id: ALLOWANCE.into(),
        schema_version: 1,
        hall_id: HALL.into(),
        terminal_id: TERMINAL.into(),
        mode: ApplicationMode::SelfService,
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: [("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", phone)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

pub fn payments_query() -> QueryRequest {
    QueryRequest {
        hall_id: HALL.into(),
        terminal_id: TERMINAL.into(),
        answers: [("months".to_owned(), "3".to_owned())].into_iter().collect(),
    }
}

pub fn evaluation(case_no: &str, level: Level, reasons: &[&str]) -> EvaluationRequest {
    EvaluationRequest {
        case_no: case_no.into(),
        terminal_id: TERMINAL.into(),
        level,
        reasons: reasons.iter().map(|r| (*r).to_owned()).collect(),
        text: None,
        staff_id: None,
    }
}

pub fn staff() -> StaffSignIn {
    StaffSignIn { hall_id: HALL.into(), staff_id: STAFF_ID.into(), pin: STAFF_PIN.into() }
}

pub fn accept_case() -> StatusChange {
    StatusChange {
        status: CaseStatus::Accepted,
        staff_id: STAFF_ID.into(),
        note: Some(Text::from_pairs([("zh-CN", "材料齐全，已受理")])),
    }
}

pub fn assist(context: &str) -> AssistRequestNew {
    AssistRequestNew { hall_id: HALL.into(), terminal_id: TERMINAL.into(), context: Some(context.into()) }
}

pub fn staff_action() -> AssistAction {
    AssistAction { staff_id: STAFF_ID.into() }
}

pub fn heartbeat() -> Heartbeat {
    Heartbeat {
        hall_id: HALL.into(),
        status: TerminalStatus::Ok,
        app_version: "0.1.0".into(),
        outbox_depth: 0,
        uptime_s: 3600,
    }
}
